"""``bargainlab mechanism two-sided {a1,a2}``: a mechanism's table at given parameters."""

from __future__ import annotations

import argparse

from bargainlab.cli.common import CommandGroups, emit_json, finite_number, number_list, prior_value
from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.closed_form import theory_point
from bargainlab.models.two_sided.mechanisms import mechanism
from bargainlab.report.mechanism_tables import mechanism_latex, mechanism_text

__all__ = ["register"]


def register(groups: CommandGroups) -> None:
    """Register ``mechanism two-sided``."""
    parser = groups.group("mechanism").add_parser(
        "two-sided",
        help="the mechanisms a1(x), a2(x) of Pęski (2024), Tables 1-4",
        description=(
            "Show mechanism a1(x) or a2(x) at one parameter point: zone, thresholds, the allocation and transfer "
            "in each type profile, the payoffs and the weights Λ (tables in the theory's labels: player 1 has the "
            "lower low value). x is player 1's share (β)."
        ),
        epilog="example: bargainlab mechanism two-sided a2 --values1 0.1,0.7 --values2 0.4,1 --prior1 0.2 "
        "--prior2 0.8 --beta 0.5 --latex",
    )
    parser.add_argument("name", choices=["a1", "a2"], help="which mechanism")
    parser.add_argument("--values1", required=True, type=number_list("values1"), metavar="L1,H1")
    parser.add_argument("--values2", required=True, type=number_list("values2"), metavar="L2,H2")
    parser.add_argument(
        "--prior1", required=True, type=prior_value("prior1"), metavar="P1", help="probability of player 1's high type"
    )
    parser.add_argument("--prior2", required=True, type=prior_value("prior2"), metavar="P2")
    parser.add_argument(
        "--beta", required=True, type=finite_number("beta"), metavar="X", help="player 1's share x (β), in [0, 1]"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print one JSON object")
    output.add_argument("--latex", action="store_true", help="print a LaTeX table in the paper's layout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build and print the mechanism."""
    env = two_sided_environment(args.values1, args.values2, args.prior1, args.prior2, args.beta)
    theory = theory_point(env)
    if theory is None:
        raise InvalidParameterError(
            "values1/values2",
            [list(env.player1.values), list(env.player2.values)],
            "two values per player",
            "the paper defines a1, a2 for two types",
        )
    swapped = theory.swapped
    point = mechanism(args.name, theory.values, theory.p1, theory.p2, theory.x)
    if args.json:
        data = point.to_dict()
        data["labels"] = "theory (player 1 = lower low value)" + ("; your players are swapped" if swapped else "")
        emit_json(data)
    elif args.latex:
        print(mechanism_latex(point))
    else:
        print(mechanism_text(point, swapped))
    return 0
