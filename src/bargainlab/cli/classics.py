"""``bargainlab solve nash | rubinstein | random-proposer | nash-in-nash``: complete information."""

from __future__ import annotations

import argparse

from bargainlab.cli.common import CommandGroups, emit_json, finite_number, number_list
from bargainlab.errors import InvalidParameterError
from bargainlab.models.complete_info import random_proposer
from bargainlab.models.nash import nash_solution
from bargainlab.models.nash_in_nash import load_network, nash_in_nash
from bargainlab.models.rubinstein import rubinstein

__all__ = ["register"]


def _rows(option: str, width: int):  # noqa: ANN202 - argparse type
    """Rows separated by ';', numbers by ',' (e.g. '0,0;1,0;0,1')."""

    def parse(text: str) -> list[list[float]]:
        rows = [number_list(option)(row) for row in text.split(";") if row.strip()]
        if not rows or any(len(row) != width for row in rows):
            raise argparse.ArgumentTypeError(
                str(InvalidParameterError(option, text, f"rows of {width} numbers separated by ';', e.g. 0,0;1,0;0,1"))
            )
        return rows

    return parse


def register(groups: CommandGroups) -> None:
    """Register the complete-information solvers."""
    solve = groups.group("solve")

    nash = solve.add_parser(
        "nash",
        help="generalised Nash bargaining solution on a polytope",
        description="The generalised Nash bargaining solution argmax (v1-d1)^β (v2-d2)^(1-β) over a convex "
        "polytope U given by its vertices or by inequalities a1 v1 + a2 v2 <= b.",
        epilog="example: bargainlab solve nash --vertices '0,0;1,0;0,1' --disagreement 0,0 --weight 0.5",
    )
    shape = nash.add_mutually_exclusive_group(required=True)
    shape.add_argument("--vertices", type=_rows("vertices", 2), metavar="X,Y;X,Y;...", help="points whose hull is U")
    shape.add_argument(
        "--inequalities", type=_rows("inequalities", 3), metavar="A1,A2,B;...", help="rows a1 v1 + a2 v2 <= b"
    )
    nash.add_argument(
        "--disagreement", type=number_list("disagreement"), default=[0.0, 0.0], metavar="D1,D2", help="default 0,0"
    )
    nash.add_argument("--weight", type=finite_number("weight"), default=0.5, metavar="B", help="player 1's weight β")
    nash.add_argument("--json", action="store_true", help="print one JSON object")
    nash.set_defaults(run=run_nash)

    rub = solve.add_parser(
        "rubinstein",
        help="Rubinstein alternating offers with two discount factors",
        description="Subgame-perfect shares of Rubinstein (1982): x1 = (1-δ2)/(1-δ1δ2) when player 1 proposes first.",
        epilog="example: bargainlab solve rubinstein --delta1 0.9 --delta2 0.8",
    )
    rub.add_argument("--delta1", required=True, type=finite_number("delta1"), metavar="D", help="δ_1 in [0, 1]")
    rub.add_argument("--delta2", required=True, type=finite_number("delta2"), metavar="D", help="δ_2 in [0, 1]")
    rub.add_argument("--pie", type=finite_number("pie"), default=1.0, metavar="P", help="size of the pie (default 1)")
    rub.add_argument("--first", type=int, default=1, choices=(1, 2), help="first proposer (default 1)")
    rub.add_argument("--json", action="store_true", help="print one JSON object")
    rub.set_defaults(run=run_rubinstein)

    rp = solve.add_parser(
        "random-proposer",
        help="complete-information random-proposer bargaining over a good",
        description="Payoffs β_i max(t1, t2) and the proposers' shares 1-δ(1-β_i) (Pęski 2024, Section 3.1).",
        epilog="example: bargainlab solve random-proposer --value1 0.2 --value2 1 --beta 0.25 --delta 0.9",
    )
    rp.add_argument("--value1", required=True, type=finite_number("value1"), metavar="T", help="player 1's value")
    rp.add_argument("--value2", required=True, type=finite_number("value2"), metavar="T", help="player 2's value")
    rp.add_argument("--beta", required=True, type=finite_number("beta"), metavar="B", help="player 1's β in [0, 1]")
    rp.add_argument("--delta", type=finite_number("delta"), default=1.0, metavar="D", help="δ in [0, 1] (default 1)")
    rp.add_argument("--json", action="store_true", help="print one JSON object")
    rp.set_defaults(run=run_random_proposer)

    nin = solve.add_parser(
        "nash-in-nash",
        help="Nash-in-Nash transfers of a network of bilateral agreements",
        description='Nash-in-Nash transfers p_ij = (b_i Δπ_j - b_j Δπ_i)/(b_i + b_j). The network file: {"weights": '
        '{"A": 1, ...}, "payoffs": {"A": 10, ...}, "agreements": [{"between": ["A", "B"], "gains": [3, 1], '
        '"weights": [1, 2]}]} (weights, payoffs and per-pair weights optional).',
        epilog="example: bargainlab solve nash-in-nash --network network.json --json",
    )
    nin.add_argument("--network", required=True, metavar="FILE.json", help="the network (see the description)")
    nin.add_argument("--json", action="store_true", help="print one JSON object")
    nin.set_defaults(run=run_nash_in_nash)

    plot = groups.group("plot")
    nash_plot = plot.add_parser(
        "nash",
        help="the Nash solution on its feasible polytope",
        description="Draw U ∩ {v >= d}, the Nash product's level curve, d and the solution.",
        epilog="example: bargainlab plot nash --vertices '0,0;2,0;0,1' --weight 0.5 --out nash.png",
    )
    nash_shape = nash_plot.add_mutually_exclusive_group(required=True)
    nash_shape.add_argument(
        "--vertices", type=_rows("vertices", 2), metavar="X,Y;X,Y;...", help="points whose hull is U"
    )
    nash_shape.add_argument(
        "--inequalities", type=_rows("inequalities", 3), metavar="A1,A2,B;...", help="a1 v1 + a2 v2 <= b"
    )
    nash_plot.add_argument("--disagreement", type=number_list("disagreement"), default=[0.0, 0.0], metavar="D1,D2")
    nash_plot.add_argument(
        "--weight", type=finite_number("weight"), default=0.5, metavar="B", help="player 1's weight β"
    )
    nash_plot.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    nash_plot.set_defaults(run=run_plot_nash)

    rub_plot = plot.add_parser(
        "rubinstein",
        help="Rubinstein shares against δ_1",
        description="Rubinstein's shares against player 1's discount factor δ_1 at fixed δ_2.",
        epilog="example: bargainlab plot rubinstein --delta2 0.9 --out shares.png",
    )
    rub_plot.add_argument("--delta2", required=True, type=finite_number("delta2"), metavar="D", help="δ_2 in [0, 1]")
    rub_plot.add_argument("--first", type=int, default=1, choices=(1, 2), help="first proposer (default 1)")
    rub_plot.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    rub_plot.set_defaults(run=run_plot_rubinstein)


def _emit(result: object, as_json: bool) -> int:
    if as_json:
        emit_json(result.to_dict())  # type: ignore[attr-defined]
    else:
        print(result)
    return 0


def run_nash(args: argparse.Namespace) -> int:
    """Solve the Nash bargaining problem."""
    if len(args.disagreement) != 2:
        raise InvalidParameterError("disagreement", args.disagreement, "two numbers D1,D2")
    result = nash_solution(
        vertices=args.vertices, inequalities=args.inequalities, disagreement=args.disagreement, weight=args.weight
    )
    return _emit(result, args.json)


def run_rubinstein(args: argparse.Namespace) -> int:
    """Solve Rubinstein's game."""
    return _emit(rubinstein(args.delta1, args.delta2, args.pie, args.first), args.json)


def run_random_proposer(args: argparse.Namespace) -> int:
    """Solve the random-proposer game."""
    return _emit(random_proposer(args.value1, args.value2, args.beta, args.delta), args.json)


def run_plot_nash(args: argparse.Namespace) -> int:
    """Draw the Nash solution."""
    from bargainlab.viz.classics import nash_figure

    if len(args.disagreement) != 2:
        raise InvalidParameterError("disagreement", args.disagreement, "two numbers D1,D2")
    solution = nash_solution(
        vertices=args.vertices, inequalities=args.inequalities, disagreement=args.disagreement, weight=args.weight
    )
    print(f"wrote {nash_figure(solution).write(args.out)}")
    return 0


def run_plot_rubinstein(args: argparse.Namespace) -> int:
    """Draw Rubinstein's shares against δ_1."""
    from bargainlab.viz.classics import rubinstein_against_delta

    rubinstein(0.0, args.delta2, 1.0, args.first)  # validates δ_2
    print(f"wrote {rubinstein_against_delta(args.delta2, args.first).write(args.out)}")
    return 0


def run_nash_in_nash(args: argparse.Namespace) -> int:
    """Solve a Nash-in-Nash network."""
    return _emit(nash_in_nash(*load_network(args.network)), args.json)
