"""``bargainlab solve bilateral | double-auction | market`` and ``bargainlab plot bilateral | double-auction``.

Static bilateral trade (Myerson–Satterthwaite, second best, posted prices), the k-double
auction of Chatterjee–Samuelson and Loertscher–Marx markets.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bargainlab.cli.common import CommandGroups, finite_number, number_list
from bargainlab.cli.output import add_json_option, emit
from bargainlab.core.limits import LM_SAMPLES, LP_TYPES
from bargainlab.errors import InvalidParameterError

if TYPE_CHECKING:
    from bargainlab.core.distributions import Distribution

__all__ = ["register", "add_distribution_options", "distributions", "check_output"]

EXAMPLE = 'example: bargainlab solve bilateral --seller "uniform" --buyer "beta(2,2)" --json'


def add_distribution_options(parser: argparse.ArgumentParser) -> None:
    """``--seller``, ``--buyer`` and their optional truncation intervals."""
    parser.add_argument(
        "--seller",
        dest="seller",
        default="uniform",
        metavar="DIST",
        help="seller's cost distribution F, a scipy.stats name such as 'uniform', 'beta(2,3)' (default uniform)",
    )
    parser.add_argument(
        "--buyer",
        dest="buyer",
        default="uniform",
        metavar="DIST",
        help="buyer's value distribution G, as --seller (default uniform)",
    )
    parser.add_argument(
        "--seller-support",
        dest="seller_support",
        type=number_list("seller-support"),
        metavar="A,B",
        help="truncate F to [A, B]",
    )
    parser.add_argument(
        "--buyer-support",
        dest="buyer_support",
        type=number_list("buyer-support"),
        metavar="A,B",
        help="truncate G to [A, B]",
    )


def _support(values: list[float] | None, key: str) -> tuple[float, float] | None:
    if values is None:
        return None
    if len(values) != 2:
        raise InvalidParameterError(key, values, "two numbers A,B")
    return values[0], values[1]


def distributions(args: argparse.Namespace) -> tuple[Distribution, Distribution]:
    """F and G from the options (read by the one input layer; errors keyed ``seller``/``buyer``)."""
    from bargainlab.core import inputs

    seller: Distribution = inputs.as_distribution(
        args.seller, "seller", support=_support(args.seller_support, "seller_support")
    )
    buyer: Distribution = inputs.as_distribution(
        args.buyer, "buyer", support=_support(args.buyer_support, "buyer_support")
    )
    return seller, buyer


def check_output(path: str) -> str:
    """Refuse an output file name with an unknown suffix before any computation."""
    from bargainlab.viz.figure import DATA_SUFFIXES, FIGURE_SUFFIXES

    suffixes = FIGURE_SUFFIXES + DATA_SUFFIXES
    if not str(path).lower().endswith(suffixes):
        raise InvalidParameterError("out", str(path), "a file name ending in " + ", ".join(suffixes))
    return path


def register(groups: CommandGroups) -> None:
    """Register the solve and plot commands of this module."""
    solve = groups.group("solve")
    parser = solve.add_parser(
        "bilateral",
        help="static bilateral trade: Myerson-Satterthwaite deficit, second best, posted prices",
        description=(
            "Static bilateral trade for any seller-cost and buyer-value distributions: the expected deficit of "
            "the efficient IC, IR mechanism (Myerson-Satterthwaite), the second-best (ex ante efficient) "
            "mechanism with its multiplier, surplus and efficiency, and the best (or a given) posted price."
        ),
        epilog=EXAMPLE,
    )
    add_distribution_options(parser)
    parser.add_argument(
        "--price", dest="price", type=finite_number("price"), metavar="P", help="a posted price (default: the best)"
    )
    parser.add_argument(
        "--method",
        dest="method",
        choices=("quadrature", "lp"),
        default="quadrature",
        help="second-best method (default quadrature)",
    )
    parser.add_argument(
        "--types", dest="types", type=int, default=LP_TYPES, metavar="N", help="types per side for --method lp"
    )
    add_json_option(parser)
    parser.set_defaults(run=run_bilateral)

    parser = solve.add_parser(
        "double-auction",
        help="k-double auction (Chatterjee-Samuelson): linear equilibrium for uniform values",
        description=(
            "The linear equilibrium of the k-double auction for values and costs uniform on [lower, upper], "
            "checked numerically by exact best responses against the discretised opponent."
        ),
        epilog="example: bargainlab solve double-auction --k 0.5",
    )
    _k_option(parser)
    parser.add_argument(
        "--lower", dest="lower", type=finite_number("lower"), default=0.0, metavar="L", help="lower end (default 0)"
    )
    parser.add_argument(
        "--upper", dest="upper", type=finite_number("upper"), default=1.0, metavar="H", help="upper end (default 1)"
    )
    add_json_option(parser)
    parser.set_defaults(run=run_double_auction)

    parser = solve.add_parser(
        "market",
        help="Loertscher-Marx market: n sellers, m buyers, bargaining weights",
        description=(
            "The mechanism maximising weighted welfare subject to no expected deficit (Loertscher-Marx 2022), "
            "by quasi-Monte Carlo; each trader has one unit unless --seller-capacity/--buyer-capacity say more "
            "(a constant cost or value per unit)."
        ),
        epilog="example: bargainlab solve market --sellers 2 --buyers 3 --buyer-weight 0.5",
    )
    add_distribution_options(parser)
    parser.add_argument(
        "--sellers", dest="n_sellers", type=int, default=1, metavar="N", help="number of sellers (default 1)"
    )
    parser.add_argument(
        "--buyers", dest="n_buyers", type=int, default=1, metavar="M", help="number of buyers (default 1)"
    )
    parser.add_argument(
        "--seller-weight",
        dest="seller_weights",
        type=finite_number("seller-weight"),
        default=1.0,
        metavar="W",
        help="bargaining weight of every seller in [0, 1] (default 1)",
    )
    parser.add_argument(
        "--buyer-weight",
        dest="buyer_weights",
        type=finite_number("buyer-weight"),
        default=1.0,
        metavar="W",
        help="bargaining weight of every buyer in [0, 1] (default 1)",
    )
    parser.add_argument(
        "--seller-capacity",
        dest="seller_capacities",
        type=int,
        default=1,
        metavar="K",
        help="units per seller (default 1)",
    )
    parser.add_argument(
        "--buyer-capacity",
        dest="buyer_capacities",
        type=int,
        default=1,
        metavar="K",
        help="units per buyer (default 1)",
    )
    parser.add_argument(
        "--samples", dest="samples", type=int, default=LM_SAMPLES, metavar="N", help="QMC draws, a power of two"
    )
    add_json_option(parser)
    parser.set_defaults(run=run_market)

    plot = groups.group("plot")
    parser = plot.add_parser(
        "bilateral",
        help="trade regions of the first best, the second best and the best posted price",
        epilog='example: bargainlab plot bilateral --seller "beta(2,3)" --out regions.png',
    )
    add_distribution_options(parser)
    parser.add_argument("--out", dest="out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_plot_bilateral)

    parser = plot.add_parser(
        "double-auction",
        help="linear equilibrium strategies of the k-double auction",
        epilog="example: bargainlab plot double-auction --k 0.5 --out strategies.svg",
    )
    _k_option(parser)
    parser.add_argument("--out", dest="out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_plot_double_auction)


def _k_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--k",
        dest="k",
        required=True,
        type=finite_number("k"),
        metavar="K",
        help="price weight k in [0, 1]: the price is k·bid + (1 − k)·ask",
    )


def run_bilateral(args: argparse.Namespace) -> int:
    from bargainlab.models import bilateral_trade as bt

    seller, buyer = distributions(args)
    return emit(bt.solve(seller, buyer, price=args.price, method=args.method, types=args.types), args)


def run_double_auction(args: argparse.Namespace) -> int:
    from bargainlab.models import double_auction as da

    return emit(da.solve(args.k, args.lower, args.upper), args)


def run_market(args: argparse.Namespace) -> int:
    from bargainlab.models.loertscher_marx import weighted_mechanism

    seller, buyer = distributions(args)
    out = weighted_mechanism(
        seller,
        buyer,
        n_sellers=args.n_sellers,
        n_buyers=args.n_buyers,
        seller_weights=args.seller_weights,
        buyer_weights=args.buyer_weights,
        samples=args.samples,
        seller_capacities=args.seller_capacities,
        buyer_capacities=args.buyer_capacities,
    )
    return emit(out, args)


def run_plot_bilateral(args: argparse.Namespace) -> int:
    from bargainlab.models import bilateral_trade as bt
    from bargainlab.viz.bilateral import trade_region_figure

    check_output(args.out)
    seller, buyer = distributions(args)
    data = trade_region_figure(bt.second_best(seller, buyer), bt.best_posted_price(seller, buyer))
    print(data.write(args.out))
    return 0


def run_plot_double_auction(args: argparse.Namespace) -> int:
    from bargainlab.models import double_auction as da
    from bargainlab.viz.bilateral import double_auction_figure

    check_output(args.out)
    print(double_auction_figure(da.linear_equilibrium(args.k)).write(args.out))
    return 0
