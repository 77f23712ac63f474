"""``bargainlab mechanism two-sided {a1,a2}``: a mechanism's table at given parameters."""

from __future__ import annotations

import argparse

from bargainlab.cli.common import CommandGroups, finite_number
from bargainlab.cli.output import emit
from bargainlab.cli.two_sided import add_parameter_arguments, environment_from
from bargainlab.errors import InvalidParameterError

__all__ = ["register"]


def register(groups: CommandGroups) -> None:
    """Register ``mechanism two-sided``."""
    parser = groups.group("mechanism").add_parser(
        "two-sided",
        help="the mechanisms a1(x), a2(x) of Pęski (2024), Tables 1-4",
        description=(
            "Show mechanism a1(x) or a2(x) at one parameter point: zone, thresholds, the allocation and transfer "
            "in each type profile, the payoffs and the weights Λ (tables in the theory's labels: player 1 has the "
            "lower low value). x is the theory's player 1's share: --share, by default β, or 1 - β when your "
            "players are swapped."
        ),
        epilog="example: bargainlab mechanism two-sided a2 --values1 0.1,0.7 --values2 0.4,1 --prior1 0.2 "
        "--prior2 0.8 --beta 0.5 --latex",
    )
    parser.add_argument("name", choices=["a1", "a2"], help="which mechanism")
    add_parameter_arguments(parser, discount=False)
    parser.add_argument(
        "--share",
        dest="share",
        type=finite_number("--share"),
        default=None,
        metavar="X",
        help="the share x of the theory's player 1 in a1(x), a2(x), in [0, 1] (default: β in the theory's labels)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the result as one JSON object instead of text")
    output.add_argument("--latex", action="store_true", help="print a LaTeX table in the paper's layout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build and print the mechanism."""
    from dataclasses import replace

    from bargainlab.models.two_sided.mechanisms import mechanism
    from bargainlab.models.two_sided.theory import environment_parameters, theory_point
    from bargainlab.report.mechanism_tables import mechanism_latex

    env = environment_from(args)
    theory = theory_point(env)
    if theory is None:
        raise InvalidParameterError(
            "values1/values2",
            [list(env.player1.values), list(env.player2.values)],
            "two values per player",
            "the paper defines a1, a2 for two types",
        )
    share = theory.x if args.share is None else args.share
    point = replace(mechanism(args.name, theory.values, theory.p1, theory.p2, share), swapped=theory.swapped)
    text = mechanism_latex(point) if args.latex else None
    return emit(point, args, text=text, parameters=environment_parameters(env))
