"""``bargainlab solve transparency`` and ``bargainlab plot transparency KIND``: many sellers, one buyer
with a reputation (docs/transparency.md)."""

from __future__ import annotations

import argparse
from typing import Any

from bargainlab.cli.common import CommandGroups, finite_number
from bargainlab.cli.output import add_json_option, emit
from bargainlab.core.choices import OBSERVATIONS
from bargainlab.core.limits import MAX_SELLERS
from bargainlab.viz.choices import TRANSPARENCY_FIGURES

__all__ = ["register"]

#: The parameters a ``plot transparency`` figure moves.
KINDS = tuple(TRANSPARENCY_FIGURES)


def _count(option: str):  # noqa: ANN202 - argparse type
    """A number, kept as an int when it is integral (the library checks the range)."""
    read = finite_number(option)

    def parse(text: str) -> float | int:
        value = read(text)
        return int(value) if value.is_integer() else value

    return parse


def _game_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sellers",
        dest="sellers",
        required=True,
        type=_count("sellers"),
        metavar="N",
        help=f"number of sellers N, 1 to {MAX_SELLERS}",
    )
    parser.add_argument(
        "--mu",
        dest="prior_high",
        required=True,
        type=finite_number("mu"),
        metavar="MU",
        help="μ: probability that the buyer's value is h, in [0, 1]",
    )
    parser.add_argument(
        "--high",
        dest="high_value",
        required=True,
        type=finite_number("high"),
        metavar="H",
        help="h: the high value per unit (> l)",
    )
    parser.add_argument(
        "--low",
        dest="low_value",
        required=True,
        type=finite_number("low"),
        metavar="L",
        help="l: the low value per unit, 0 <= l < h",
    )
    parser.add_argument(
        "--delta",
        dest="discount",
        type=finite_number("delta"),
        default=1.0,
        metavar="D",
        help="δ: weight of period 2, in [0, 1] (default 1)",
    )
    parser.add_argument(
        "--rho",
        dest="transparency",
        type=finite_number("rho"),
        default=0.0,
        metavar="RHO",
        help="ρ: probability that a seller sees another's period-1 outcome, in [0, 1] (default 0)",
    )
    parser.add_argument(
        "--observation",
        dest="observation",
        choices=OBSERVATIONS,
        default="independent",
        help="independent: each pair of sellers; market: one draw for all (default independent)",
    )


def register(groups: CommandGroups) -> None:
    """Register ``solve transparency`` and ``plot transparency``."""
    solve = groups.group("solve").add_parser(
        "transparency",
        help="N sellers, one buyer with a reputation: equilibria and the passive-beliefs benchmark",
        description="Two periods; sellers post prices, the buyer (value h with probability μ, else l) accepts "
        "any subset; each seller sees each other's outcome with probability ρ; in period 2 a seller that saw a "
        "purchase above l asks h, the others l. Lists every equilibrium (flagged perfect Bayesian or not) and "
        "the Nash-in-Nash passive-beliefs prediction.",
        epilog="example: bargainlab solve transparency --sellers 3 --mu 0.8 --high 1 --low 0.5 --delta 0.9 --rho 0.5",
    )
    _game_options(solve)
    add_json_option(solve)
    solve.set_defaults(run=run_solve)

    plot = groups.group("plot").add_parser(
        "transparency",
        help="transparency game: prices and payoffs against ρ, N or μ",
        description="Comparative statics: the sellers' preferred perfect Bayesian equilibrium, the buyer's "
        "preferred equilibrium of the notes' game and the passive-beliefs price, against ρ (rho), N (sellers) "
        "or μ (mu).",
        epilog="example: bargainlab plot transparency rho --sellers 4 --mu 0.6 --high 1 --low 0.5 --delta 0.3 "
        "--out rho.png --out rho.csv",
    )
    plot.add_argument("kind", choices=KINDS, help="the parameter that moves")
    _game_options(plot)
    plot.add_argument(
        "--points",
        dest="points",
        type=_count("points"),
        default=51,
        metavar="N",
        help="points on the curve, 2 to 401 (for sellers: the largest N, up to 64)",
    )
    plot.add_argument(
        "--out",
        dest="out",
        action="append",
        required=True,
        metavar="FILE",
        help="output file: .png, .svg or .csv (repeatable)",
    )
    plot.set_defaults(run=run_plot)


def _game_arguments(args: argparse.Namespace) -> dict[str, Any]:
    return {
        key: getattr(args, key)
        for key in ("sellers", "prior_high", "high_value", "low_value", "discount", "transparency", "observation")
    }


def run_solve(args: argparse.Namespace) -> int:
    """Solve and print."""
    from bargainlab.models.transparency import solve_transparency

    return emit(solve_transparency(**_game_arguments(args)), args)


def run_plot(args: argparse.Namespace) -> int:
    """Draw a comparative-statics figure and write every ``--out`` file (paths checked first, atomic writes)."""
    from bargainlab.core.files import atomic_write, check_output_files
    from bargainlab.errors import InvalidParameterError
    from bargainlab.models.transparency import transparency_game
    from bargainlab.viz.figure import DATA_SUFFIXES, FIGURE_SUFFIXES
    from bargainlab.viz.transparency import transparency_figure

    paths = check_output_files(args.out, "out")
    for path in paths:
        if path.suffix.lower() not in FIGURE_SUFFIXES + DATA_SUFFIXES:
            allowed = "a file name ending in " + ", ".join(FIGURE_SUFFIXES + DATA_SUFFIXES)
            raise InvalidParameterError("out", str(path), allowed)
    game = transparency_game(**_game_arguments(args))
    figure = transparency_figure(game, args.kind, args.points)
    for path in paths:
        atomic_write(path, figure.to_bytes(path.suffix, name=str(path)))
        print(f"wrote {path}")
    return 0
