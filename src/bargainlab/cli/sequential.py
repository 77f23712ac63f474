"""``bargainlab solve sequential``, ``bargainlab plot sequential`` and ``bargainlab check sequential``.

(``bargainlab reproduce cramton`` lives in :mod:`bargainlab.cli.reproduce`.)

Cramton (1985), sequential bargaining mechanisms with discount rates r (seller) and σ (buyer).
"""

from __future__ import annotations

import argparse
import sys

from bargainlab.cli.bilateral import add_distribution_options, check_output, distributions
from bargainlab.cli.common import CommandGroups, finite_number
from bargainlab.cli.output import add_json_option, emit

__all__ = ["register", "run_check"]


def register(groups: CommandGroups) -> None:
    """Register the commands of this module."""
    parser = groups.group("solve").add_parser(
        "sequential",
        help="Cramton's ex ante efficient sequential mechanism with discount rates",
        description=(
            "The ex ante efficient sequential bargaining mechanism (Cramton 1985, Theorem 3) for a seller with "
            "cost distribution F and discount rate r and a buyer with value distribution G and rate s: the "
            "multiplier a and m = a/(1+a), the surplus, the full-information first best with the same rates "
            "and the efficiency."
        ),
        epilog="example: bargainlab solve sequential --seller-rate 2 --buyer-rate 1 --json",
    )
    _rates(parser)
    add_distribution_options(parser)
    parser.add_argument(
        "--method",
        dest="method",
        choices=("quadrature", "closed_form", "lp"),
        default="quadrature",
        help="quadrature (any regular F, G), closed_form (uniform [0,1]) or lp (discretised)",
    )
    add_json_option(parser)
    parser.set_defaults(run=run_solve)

    parser = groups.group("plot").add_parser(
        "sequential",
        help="time of trade t(s, b) of the ex ante efficient sequential mechanism",
        epilog="example: bargainlab plot sequential --seller-rate 2 --buyer-rate 1 --out delay.png",
    )
    _rates(parser)
    add_distribution_options(parser)
    parser.add_argument("--out", dest="out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    parser.set_defaults(run=run_plot)

    parser = groups.group("check").add_parser(
        "sequential",
        help="sequential rationality of Cramton's ex ante efficient mechanism (Lemmas 5-6, Corollary 1)",
        description=(
            "Check Cramton's Corollary 1 at any rates and distributions: its hypotheses (ex post efficiency "
            "unobtainable, c(., 1) and d(., 1) increasing, d(b_low, 1) < 0 when r > s), the probability of the "
            "pairs that never trade although trade is beneficial later (Lemma 6's set N), and whether the "
            "mechanism is sequentially rational. --samples adds a Monte Carlo estimate (second method). "
            "Exit 0 when the check agrees with Corollary 1 (hypotheses => not sequentially rational), 1 otherwise."
        ),
        epilog="example: bargainlab check sequential --seller-rate 2 --buyer-rate 1 --seller beta(2,3)",
    )
    _rates(parser)
    add_distribution_options(parser)
    parser.add_argument(
        "--samples",
        dest="samples",
        type=int,
        default=0,
        metavar="N",
        help="also estimate P(N) from N sampled pairs (0: no; <= 10^7)",
    )
    add_json_option(parser)
    parser.set_defaults(run=run_check)


def _rates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seller-rate",
        dest="seller_rate",
        required=True,
        type=finite_number("seller-rate"),
        metavar="R",
        help="seller's discount rate r > 0",
    )
    parser.add_argument(
        "--buyer-rate",
        dest="buyer_rate",
        required=True,
        type=finite_number("buyer-rate"),
        metavar="S",
        help="buyer's discount rate σ > 0 (the paper's s)",
    )


def run_solve(args: argparse.Namespace) -> int:
    from bargainlab.models import sequential as sq

    seller, buyer = distributions(args)
    return emit(sq.solve(seller, buyer, args.seller_rate, args.buyer_rate, method=args.method), args)


def run_plot(args: argparse.Namespace) -> int:
    from bargainlab.models import sequential as sq
    from bargainlab.viz.sequential import delay_figure

    check_output(args.out)
    seller, buyer = distributions(args)
    print(delay_figure(sq.solve(seller, buyer, args.seller_rate, args.buyer_rate)).write(args.out))
    return 0


#: Largest --samples of ``check sequential`` (memory: a few arrays of this length).
MAX_SAMPLES = 10**7


def run_check(args: argparse.Namespace) -> int:
    from bargainlab.errors import InvalidParameterError
    from bargainlab.models.sequential_rationality import check_sequential_rationality, with_monte_carlo

    if not 0 <= args.samples <= MAX_SAMPLES:
        raise InvalidParameterError("samples", args.samples, f"an integer in [0, {MAX_SAMPLES}]")
    seller, buyer = distributions(args)
    out = check_sequential_rationality(seller, buyer, args.seller_rate, args.buyer_rate)
    if args.samples:
        out = with_monte_carlo(out, seller, buyer, args.samples)
    emit(out, args)
    agrees = not out.hypotheses or not out.sequentially_rational
    if not agrees:  # the contract: a failure is one line on stderr
        print(
            "bargainlab: error: Corollary 1's hypotheses hold but the mechanism came out sequentially rational "
            "(the check failed; see the report above)",
            file=sys.stderr,
        )
    return 0 if agrees else 1
