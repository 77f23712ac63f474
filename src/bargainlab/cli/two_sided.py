"""``bargainlab solve two-sided``: the δ → 1 outcome of Pęski (2024) at one parameter point."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bargainlab.cli.common import CommandGroups
from bargainlab.cli.exact import (
    add_exact_arguments,
    exact_number,
    exact_number_list,
    exact_prior_value,
    run_exact_solve,
)
from bargainlab.cli.output import add_json_option, emit
from bargainlab.core.choices import RANGES
from bargainlab.errors import InvalidParameterError

if TYPE_CHECKING:
    from bargainlab.core.environment import TwoSidedEnvironment

__all__ = ["register", "add_parameter_arguments", "environment_from"]

EXAMPLE = "example: bargainlab solve two-sided --values1 0,0.5 --values2 0.5,1 --prior1 0.5 --prior2 0.5 --beta 0.5"


def register(groups: CommandGroups) -> None:
    """Register ``solve two-sided``."""
    parser = groups.group("solve").add_parser(
        "two-sided",
        help="two-sided bargaining with mechanisms (Pęski 2024): floors, gap, δ→1 outcome",
        description=(
            "Solve two-sided bargaining with mechanisms (Pęski 2024) at one parameter point: monopoly and "
            "random-monopoly payoffs, E and Gap (eqs. 4.1-4.2) for the player with the lower low value, the "
            "allocation, each type's payoff and transfer as ranges over all optimal solutions, efficiency, "
            "and the check against Propositions 1-2."
        ),
        epilog=EXAMPLE,
    )
    add_parameter_arguments(parser)
    parser.add_argument(
        "--ranges",
        dest="ranges",
        default="auto",
        choices=RANGES,
        help=(
            "what to range over all optimal solutions: payoffs (each type's payoff, ex ante payoffs, welfare), "
            "all (also allocation and transfers), none, or auto (default: all up to 64 type profiles, else payoffs)"
        ),
    )
    add_exact_arguments(parser)
    add_json_option(parser)
    parser.set_defaults(run=run)


def add_parameter_arguments(parser: argparse.ArgumentParser, discount: bool = True) -> None:
    """Add the parameter options of a two-sided point (--values1/2, --prior1/2, --beta, and --delta
    unless ``discount`` is false)."""
    parser.add_argument(
        "--values1",
        required=True,
        type=exact_number_list("values1"),
        metavar="V,V,...",
        help="player 1's values, increasing (e.g. L1,H1; fractions such as 1/3 allowed)",
    )
    parser.add_argument(
        "--values2",
        required=True,
        type=exact_number_list("values2"),
        metavar="V,V,...",
        help="player 2's values, increasing (e.g. L2,H2)",
    )
    parser.add_argument(
        "--prior1",
        required=True,
        type=exact_prior_value("prior1"),
        metavar="P",
        help="player 1's prior: probability of the high type (two types) or P,P,... (one per value)",
    )
    parser.add_argument(
        "--prior2", required=True, type=exact_prior_value("prior2"), metavar="P", help="player 2's prior, as --prior1"
    )
    parser.add_argument(
        "--beta",
        dest="bargaining_power",
        required=True,
        type=exact_number("--beta"),
        metavar="B",
        help="bargaining power β of player 1, in [0, 1]",
    )
    if not discount:
        return
    parser.add_argument(
        "--delta",
        dest="discount",
        default=1.0,
        type=exact_number("--delta"),
        metavar="D",
        help="discount factor δ in (0, 1]; 1 (default) means the limit δ → 1",
    )


def environment_from(args: argparse.Namespace) -> TwoSidedEnvironment:
    """The validated environment of the options added by :func:`add_parameter_arguments`."""
    from bargainlab.core.environment import two_sided_environment

    return two_sided_environment(
        args.values1, args.values2, args.prior1, args.prior2, args.bargaining_power, getattr(args, "discount", 1.0)
    )


def run(args: argparse.Namespace) -> int:
    """Solve and print (exactly, in rationals, with ``--exact``)."""
    from bargainlab.models.two_sided.outcome import solve

    if args.exact:
        return run_exact_solve(args, emit)
    if args.certificate:
        raise InvalidParameterError("certificate", args.certificate, "used with --exact")
    return emit(solve(environment_from(args), ranges=getattr(args, "ranges", "auto")), args)
