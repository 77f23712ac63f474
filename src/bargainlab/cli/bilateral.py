"""``bargainlab solve bilateral | double-auction | market`` and ``bargainlab plot bilateral | double-auction``.

Static bilateral trade (Myerson–Satterthwaite, second best, posted prices), the k-double
auction of Chatterjee–Samuelson and Loertscher–Marx markets.
"""

from __future__ import annotations

import argparse

from bargainlab.cli.common import CommandGroups, emit_json, finite_number, number_list
from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.errors import InvalidParameterError
from bargainlab.models import bilateral_trade as bt
from bargainlab.models.double_auction import best_response_check, linear_equilibrium
from bargainlab.models.loertscher_marx import weighted_mechanism

__all__ = ["register", "add_distribution_options", "distributions", "check_output"]

EXAMPLE = 'example: bargainlab solve bilateral --seller "uniform" --buyer "beta(2,2)" --json'


def add_distribution_options(parser: argparse.ArgumentParser) -> None:
    """``--seller``, ``--buyer`` and their optional truncation intervals."""
    parser.add_argument(
        "--seller",
        default="uniform",
        metavar="DIST",
        help="seller's cost distribution F, a scipy.stats name such as 'uniform', 'beta(2,3)' (default uniform)",
    )
    parser.add_argument(
        "--buyer", default="uniform", metavar="DIST", help="buyer's value distribution G, as --seller (default uniform)"
    )
    parser.add_argument(
        "--seller-support", type=number_list("seller-support"), metavar="A,B", help="truncate F to [A, B]"
    )
    parser.add_argument(
        "--buyer-support", type=number_list("buyer-support"), metavar="A,B", help="truncate G to [A, B]"
    )


def _support(values: list[float] | None, option: str) -> tuple[float, float] | None:
    if values is None:
        return None
    if len(values) != 2:
        raise InvalidParameterError(option, values, "two numbers A,B")
    return values[0], values[1]


def distributions(args: argparse.Namespace) -> tuple[Distribution, Distribution]:
    """F and G from the options."""
    seller = parse_distribution(args.seller, _support(args.seller_support, "seller-support"), parameter="seller")
    buyer = parse_distribution(args.buyer, _support(args.buyer_support, "buyer-support"), parameter="buyer")
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
    parser.add_argument("--price", type=finite_number("price"), metavar="P", help="a posted price (default: the best)")
    parser.add_argument(
        "--method", choices=("quadrature", "lp"), default="quadrature", help="second-best method (default quadrature)"
    )
    parser.add_argument("--types", type=int, default=60, metavar="N", help="types per side for --method lp")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
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
    parser.add_argument("--k", required=True, type=finite_number("k"), metavar="K", help="price weight k in [0, 1]")
    parser.add_argument("--lower", type=finite_number("lower"), default=0.0, metavar="L", help="lower end (default 0)")
    parser.add_argument("--upper", type=finite_number("upper"), default=1.0, metavar="H", help="upper end (default 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
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
    parser.add_argument("--sellers", type=int, default=1, metavar="N", help="number of sellers (default 1)")
    parser.add_argument("--buyers", type=int, default=1, metavar="M", help="number of buyers (default 1)")
    parser.add_argument("--seller-weight", type=finite_number("seller-weight"), default=1.0, metavar="W")
    parser.add_argument("--buyer-weight", type=finite_number("buyer-weight"), default=1.0, metavar="W")
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
    parser.add_argument("--samples", type=int, default=2**14, metavar="N", help="QMC draws, a power of two")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run_market)

    plot = groups.group("plot")
    parser = plot.add_parser(
        "bilateral",
        help="trade regions of the first best, the second best and the best posted price",
        epilog='example: bargainlab plot bilateral --seller "beta(2,3)" --out regions.png',
    )
    add_distribution_options(parser)
    parser.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_plot_bilateral)

    parser = plot.add_parser(
        "double-auction",
        help="linear equilibrium strategies of the k-double auction",
        epilog="example: bargainlab plot double-auction --k 0.5 --out strategies.svg",
    )
    parser.add_argument("--k", required=True, type=finite_number("k"), metavar="K")
    parser.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_plot_double_auction)


def bilateral_report(seller: Distribution, buyer: Distribution, price: float | None, method: str, types: int) -> dict:
    """The JSON object of ``solve bilateral``."""
    ms = bt.myerson_satterthwaite(seller, buyer)
    second = bt.second_best(seller, buyer, method=method, **({"types": types} if method == "lp" else {}))
    posted = bt.best_posted_price(seller, buyer) if price is None else bt.posted_price(seller, buyer, price)
    return {
        "seller": seller.name,
        "buyer": buyer.name,
        "deficit_efficient": ms.deficit_efficient,
        "impossible": ms.impossible,
        "first_best_surplus": ms.first_best_surplus,
        "myerson_satterthwaite": ms.to_dict(),
        "second_best": second.to_dict(),
        "posted_price": {**posted.to_dict(), "best": price is None},
    }


def run_bilateral(args: argparse.Namespace) -> int:
    seller, buyer = distributions(args)
    report = bilateral_report(seller, buyer, args.price, args.method, args.types)
    if args.json:
        emit_json(report)
        return 0
    print(bt.myerson_satterthwaite(seller, buyer))
    print()
    second = bt.second_best(seller, buyer, method=args.method, **({"types": args.types} if args.method == "lp" else {}))
    print(second)
    print()
    label = "best posted price" if args.price is None else "posted price"
    posted = report["posted_price"]
    print(
        f"{label}: p = {posted['price']:.6g}, surplus {posted['surplus']:.6g} "
        f"(efficiency {posted['efficiency']:.4%}), P(trade) {posted['trade_probability']:.6g}"
    )
    return 0


def run_double_auction(args: argparse.Namespace) -> int:
    eq = linear_equilibrium(args.k, args.lower, args.upper)
    support = f"uniform({args.lower},{args.upper - args.lower})"
    check = best_response_check(args.k, eq.bid, eq.ask, support, support)
    if args.json:
        emit_json({**eq.to_dict(), "best_response_check": check.to_dict()})
    else:
        print(eq)
        print(check)
    return 0


def run_market(args: argparse.Namespace) -> int:
    seller, buyer = distributions(args)
    out = weighted_mechanism(
        seller,
        buyer,
        n_sellers=args.sellers,
        n_buyers=args.buyers,
        seller_weights=args.seller_weight,
        buyer_weights=args.buyer_weight,
        samples=args.samples,
        seller_capacities=args.seller_capacities,
        buyer_capacities=args.buyer_capacities,
    )
    if args.json:
        emit_json(out.to_dict())
    else:
        print(out)
    return 0


def run_plot_bilateral(args: argparse.Namespace) -> int:
    from bargainlab.viz.bilateral import trade_region_figure

    check_output(args.out)
    seller, buyer = distributions(args)
    data = trade_region_figure(bt.second_best(seller, buyer), bt.best_posted_price(seller, buyer))
    print(data.write(args.out))
    return 0


def run_plot_double_auction(args: argparse.Namespace) -> int:
    from bargainlab.viz.bilateral import double_auction_figure

    check_output(args.out)
    print(double_auction_figure(linear_equilibrium(args.k)).write(args.out))
    return 0
