"""``bargainlab plot two-sided KIND``: the figures of Pęski (2024) as PNG, SVG and CSV files.

KIND is ``gap-map`` (Gap over beliefs with the thresholds of Propositions 1–2), ``payoffs``
(interim payoffs of every type as one player's belief moves), ``beta`` (the ex ante outcome
against β) or ``delta`` (floors, the δ → 1 limit and the Section 5.5 leading term against δ).
The parameter options are those of ``bargainlab solve two-sided``; ``--out`` may be repeated
(one computation, several files: the suffix picks PNG, SVG or the data as CSV).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bargainlab.cli.common import CommandGroups, whole_number
from bargainlab.cli.output import emit
from bargainlab.cli.progress import ProgressBar
from bargainlab.cli.two_sided import add_parameter_arguments, environment_from
from bargainlab.core.limits import MAX_POINTS, MAX_RESOLUTION
from bargainlab.errors import InvalidParameterError

__all__ = ["register", "KINDS"]

#: The figures, with their help lines.
KINDS = {
    "gap-map": "Gap(p, β) over the belief square with the thresholds p1*(β), p2*, p2**",
    "payoffs": "interim payoffs of each type as one player's belief moves (--vary), with floors and benchmarks",
    "beta": "E, Gap and ex ante floors as β goes from 0 to 1",
    "delta": "floors, the δ→1 limit E and the Section 5.5 leading term as δ goes over (0, 1]",
    "dominance": "Figure 5.1: offers a1, a2 in the gap player's payoff plane, with the dominance regions",
}
#: Which of the optional options each kind uses (anything else given is an error, not ignored).
KIND_OPTIONS = {
    "gap-map": {"resolution"},
    "payoffs": {"points", "vary"},
    "beta": {"points"},
    "delta": {"points"},
    "dominance": {"points"},
}

EXAMPLE = (
    "example: bargainlab plot two-sided gap-map --values1 0,0.5 --values2 0.5,1 --prior1 0.5 --prior2 0.5 "
    "--beta 0.5 --out gap.png --out gap.csv"
)


def register(groups: CommandGroups) -> None:
    """Register ``plot two-sided``."""
    parser = groups.group("plot").add_parser(
        "two-sided",
        help="figures of two-sided bargaining with mechanisms (Pęski 2024)",
        description=__doc__.split("\n\n")[1].replace("\n", " ").replace("``", ""),
        epilog=EXAMPLE,
    )
    parser.add_argument(
        "kind", choices=list(KINDS), metavar="KIND", help="; ".join(f"{k}: {v}" for k, v in KINDS.items())
    )
    add_parameter_arguments(parser)
    parser.add_argument(
        "--out",
        required=True,
        action="append",
        metavar="FILE",
        help="output file, .png, .svg or .csv (the data); repeat for several files",
    )
    parser.add_argument(
        "--resolution",
        dest="resolution",
        type=whole_number("resolution"),
        default=None,
        metavar="N",
        help=f"gap-map: points per axis, 2 to {MAX_RESOLUTION} (default 101; 41 beyond two types)",
    )
    parser.add_argument(
        "--points",
        dest="points",
        type=whole_number("points"),
        default=None,
        metavar="N",
        help=f"payoffs, beta, delta: points on the curve, 2 to {MAX_POINTS}",
    )
    parser.add_argument(
        "--vary",
        dest="vary",
        type=int,
        default=None,
        metavar="I",
        help="payoffs: the player whose belief moves, 1 (default) or 2",
    )
    parser.add_argument("--no-progress", action="store_true", help="do not draw a progress bar on stderr")
    parser.set_defaults(run=run)


def _check_outputs(paths: list[str]) -> list[Path]:
    from bargainlab.viz.figure import DATA_SUFFIXES, FIGURE_SUFFIXES

    allowed = FIGURE_SUFFIXES + DATA_SUFFIXES
    for path in paths:
        if Path(path).suffix.lower() not in allowed:
            raise InvalidParameterError("out", path, "a file name ending in " + ", ".join(allowed))
    return [Path(p) for p in paths]


def _check_options(args: argparse.Namespace) -> dict[str, Any]:
    """The optional options given, each checked to be used by this kind."""
    given = {name: getattr(args, name) for name in ("resolution", "points", "vary") if getattr(args, name) is not None}
    for name, value in given.items():
        if name not in KIND_OPTIONS[args.kind]:
            users = [kind for kind, names in KIND_OPTIONS.items() if name in names]
            raise InvalidParameterError(
                f"--{name}", value, "given only with KIND " + " or ".join(users), f"{args.kind} does not use it"
            )
    return given


def run(args: argparse.Namespace) -> int:
    """Compute the figure once and write every requested file."""
    from bargainlab.viz import two_sided as figures

    outputs = _check_outputs(args.out)
    options = _check_options(args)
    env = environment_from(args)
    progress = None if args.no_progress else ProgressBar(f"{args.kind}")
    if args.kind == "gap-map":
        data = figures.gap_map(env, resolution=options.get("resolution"), progress=progress)
    elif args.kind == "payoffs":
        data = figures.interim_payoffs(env, vary=options.get("vary", 1), progress=progress, **_points(options))
    elif args.kind == "beta":
        data = figures.outcome_against_beta(env, progress=progress, **_points(options))
    elif args.kind == "dominance":
        data = figures.offers_dominance(env, **_points(options))
    else:
        data = figures.outcome_against_delta(env, progress=progress, **_points(options))
    written = [str(data.write(path)) for path in outputs]
    return emit({"files": written}, args, text="\n".join(written), model="two-sided")


def _points(options: dict[str, Any]) -> dict[str, int]:
    return {"points": options["points"]} if "points" in options else {}
