"""``bargainlab solve nash | rubinstein | random-proposer | nash-in-nash``: complete information."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from bargainlab.cli.common import CommandGroups, finite_number, number_list
from bargainlab.cli.output import add_json_option, emit
from bargainlab.errors import InvalidParameterError

if TYPE_CHECKING:
    from bargainlab.models.nash import NashOutcome

__all__ = ["register"]


def _rows(option: str, width: int) -> Callable[[str], list[list[float]]]:
    """Rows separated by ';', numbers by ',' (e.g. '0,0;1,0;0,1'): an argparse ``type``."""

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
        epilog="example: bargainlab solve nash --vertices '0,0;1,0;0,1' --disagreement 0,0 --beta 0.5",
    )
    shape = nash.add_mutually_exclusive_group(required=True)
    _nash_options(nash, shape)
    add_json_option(nash)
    nash.set_defaults(run=run_nash)

    rub = solve.add_parser(
        "rubinstein",
        help="Rubinstein alternating offers with two discount factors",
        description="Subgame-perfect shares of Rubinstein (1982): x1 = (1-δ2)/(1-δ1δ2) when player 1 proposes first.",
        epilog="example: bargainlab solve rubinstein --delta1 0.9 --delta2 0.8",
    )
    rub.add_argument(
        "--delta1", dest="discount1", required=True, type=finite_number("delta1"), metavar="D", help="δ_1 in [0, 1]"
    )
    rub.add_argument(
        "--delta2", dest="discount2", required=True, type=finite_number("delta2"), metavar="D", help="δ_2 in [0, 1]"
    )
    rub.add_argument(
        "--pie", dest="pie", type=finite_number("pie"), default=1.0, metavar="P", help="size of the pie (default 1)"
    )
    _first_option(rub)
    add_json_option(rub)
    rub.set_defaults(run=run_rubinstein)

    rp = solve.add_parser(
        "random-proposer",
        help="complete-information random-proposer bargaining over a good",
        description="Payoffs β_i max(t1, t2) and the proposers' shares 1-δ(1-β_i) (Pęski 2024, Section 3.1).",
        epilog="example: bargainlab solve random-proposer --value1 0.2 --value2 1 --beta 0.25 --delta 0.9",
    )
    rp.add_argument(
        "--value1", dest="value1", required=True, type=finite_number("value1"), metavar="T", help="player 1's value"
    )
    rp.add_argument(
        "--value2", dest="value2", required=True, type=finite_number("value2"), metavar="T", help="player 2's value"
    )
    rp.add_argument(
        "--beta",
        dest="bargaining_power",
        required=True,
        type=finite_number("beta"),
        metavar="B",
        help="player 1's bargaining power β in [0, 1]",
    )
    rp.add_argument(
        "--delta",
        dest="discount",
        type=finite_number("delta"),
        default=1.0,
        metavar="D",
        help="discount factor δ in [0, 1] (default 1)",
    )
    add_json_option(rp)
    rp.set_defaults(run=run_random_proposer)

    nin = solve.add_parser(
        "nash-in-nash",
        help="Nash-in-Nash transfers of a network of bilateral agreements",
        description='Nash-in-Nash transfers p_ij = (b_i Δπ_j - b_j Δπ_i)/(b_i + b_j). The network file: {"weights": '
        '{"A": 1, ...}, "payoffs": {"A": 10, ...}, "agreements": [{"between": ["A", "B"], "gains": [3, 1], '
        '"weights": [1, 2]}]} (weights, payoffs and per-pair weights optional).',
        epilog="example: bargainlab solve nash-in-nash --network network.json --json",
    )
    nin.add_argument(
        "--network", dest="network", required=True, metavar="FILE.json", help="the network (see the description)"
    )
    add_json_option(nin)
    nin.set_defaults(run=run_nash_in_nash)

    plot = groups.group("plot")
    nash_plot = plot.add_parser(
        "nash",
        help="the Nash solution on its feasible polytope",
        description="Draw U ∩ {v >= d}, the Nash product's level curve, d and the solution.",
        epilog="example: bargainlab plot nash --vertices '0,0;2,0;0,1' --beta 0.5 --out nash.png",
    )
    nash_shape = nash_plot.add_mutually_exclusive_group(required=True)
    _nash_options(nash_plot, nash_shape)
    nash_plot.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    nash_plot.set_defaults(run=run_plot_nash)

    rub_plot = plot.add_parser(
        "rubinstein",
        help="Rubinstein shares against δ_1",
        description="Rubinstein's shares against player 1's discount factor δ_1 at fixed δ_2.",
        epilog="example: bargainlab plot rubinstein --delta2 0.9 --out shares.png",
    )
    rub_plot.add_argument(
        "--delta2", dest="discount2", required=True, type=finite_number("delta2"), metavar="D", help="δ_2 in [0, 1]"
    )
    _first_option(rub_plot)
    rub_plot.add_argument("--out", required=True, metavar="FILE", help="output file: .png, .svg or .csv")
    rub_plot.set_defaults(run=run_plot_rubinstein)


def _nash_options(parser: argparse.ArgumentParser, shape: argparse._MutuallyExclusiveGroup) -> None:
    """U (by vertices or inequalities), d and β: the options of ``solve nash`` and ``plot nash``."""
    shape.add_argument(
        "--vertices", dest="vertices", type=_rows("vertices", 2), metavar="X,Y;X,Y;...", help="points whose hull is U"
    )
    shape.add_argument(
        "--inequalities",
        dest="inequalities",
        type=_rows("inequalities", 3),
        metavar="A1,A2,B;...",
        help="rows a1 v1 + a2 v2 <= b",
    )
    parser.add_argument(
        "--disagreement",
        dest="disagreement",
        type=number_list("disagreement"),
        default=[0.0, 0.0],
        metavar="D1,D2",
        help="disagreement point d (default 0,0)",
    )
    parser.add_argument(
        "--beta",
        dest="bargaining_power",
        type=finite_number("beta"),
        default=0.5,
        metavar="B",
        help="player 1's bargaining weight β in [0, 1] (default 0.5)",
    )


def _first_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--first", dest="first_proposer", type=int, default=1, choices=(1, 2), help="first proposer (default 1)"
    )


def _nash(args: argparse.Namespace) -> NashOutcome:
    from bargainlab.models.nash import nash_solution

    return nash_solution(
        vertices=args.vertices,
        inequalities=args.inequalities,
        disagreement=args.disagreement,
        bargaining_power=args.bargaining_power,
    )


def run_nash(args: argparse.Namespace) -> int:
    """Solve the Nash bargaining problem."""
    return emit(_nash(args), args)


def run_rubinstein(args: argparse.Namespace) -> int:
    """Solve Rubinstein's game."""
    from bargainlab.models.rubinstein import rubinstein

    return emit(rubinstein(args.discount1, args.discount2, args.pie, args.first_proposer), args)


def run_random_proposer(args: argparse.Namespace) -> int:
    """Solve the random-proposer game."""
    from bargainlab.models.complete_info import random_proposer

    return emit(random_proposer(args.value1, args.value2, args.bargaining_power, args.discount), args)


def run_plot_nash(args: argparse.Namespace) -> int:
    """Draw the Nash solution."""
    from bargainlab.viz.classics import nash_figure

    print(f"wrote {nash_figure(_nash(args)).write(args.out)}")
    return 0


def run_plot_rubinstein(args: argparse.Namespace) -> int:
    """Draw Rubinstein's shares against δ_1."""
    from bargainlab.models.rubinstein import rubinstein
    from bargainlab.viz.classics import rubinstein_against_delta

    rubinstein(0.0, args.discount2, 1.0, args.first_proposer)  # validates δ_2
    print(f"wrote {rubinstein_against_delta(args.discount2, args.first_proposer).write(args.out)}")
    return 0


def run_nash_in_nash(args: argparse.Namespace) -> int:
    """Solve a Nash-in-Nash network."""
    from bargainlab.models.nash_in_nash import load_network, nash_in_nash

    return emit(nash_in_nash(*load_network(args.network)), args)
