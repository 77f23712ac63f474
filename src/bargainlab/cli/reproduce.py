"""``bargainlab reproduce SOURCE --out DIR``: every figure, table, number and computable claim of a source.

SOURCE is ``peski-2024`` (the paper), ``peski-2024-slides``, ``peski-2022`` (one-sided slides),
``lecture`` (lecture notes), ``cramton`` or ``all``. The report (``index.html``, ``report.md``,
``report.json``) lists each item with its place in the source, the printed and computed values,
the difference and the status. Exit 0 when every item is reproduced, corrected (with an erratum)
or not computable (with a reason); exit 1 when an item differs unexpectedly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bargainlab.cli.common import CommandGroups
from bargainlab.cli.progress import ProgressBar
from bargainlab.reproduce.registry import MAX_WORKERS

#: Worker processes of ``reproduce all`` by default (the machines it is written for have two cores).
DEFAULT_WORKERS = 2

__all__ = ["register", "reproduce_cramton", "run_reproduce"]

HELP = {
    "peski-2024": "Pęski (2024) paper: Tables 1-4, the zone figure, Figure 5.1, Propositions 1-2, Theorem 3, ...",
    "peski-2024-slides": "Pęski (2024) slides: every computable claim, slide by slide",
    "peski-2022": "Pęski (2022) one-sided slides: every computable claim",
    "lecture": "lecture notes: every model's stated properties and the comparative statics",
    "cramton": "Cramton (1985): Figures 8.1-8.2, Section 8.5's numbers, Lemmas 5-6 and Corollary 1",
    "all": "every source (each in its own sub-directory of DIR)",
}


def register(groups: CommandGroups) -> None:
    """Register ``reproduce SOURCE``."""
    group = groups.group("reproduce")
    for name, text in HELP.items():
        parser = group.add_parser(
            name,
            help=text,
            description=(
                f"{text}. Writes figures (PNG, SVG, CSV), tables (CSV, LaTeX) and the report (index.html, report.md, "
                "report.json) to DIR, checked to be writable before any computation; every file is written "
                "atomically."
            ),
            epilog=f"example: bargainlab reproduce {name} --out {name}",
        )
        parser.add_argument("--out", required=True, metavar="DIR", help="output directory (created if needed)")
        parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
        parser.add_argument(
            "--workers",
            dest="workers",
            type=int,
            default=DEFAULT_WORKERS if name == "all" else 1,
            metavar="N",
            help=f"worker processes, one source each (1 to {MAX_WORKERS}; default {DEFAULT_WORKERS} for all, else 1)",
        )
        parser.set_defaults(run=run_reproduce, source=name)


def reproduce_cramton(directory: str | Path) -> list[Path]:
    """Write Cramton's Figures 8.1–8.2 (PNG, SVG, CSV), numbers.json and the report; return the files."""
    from bargainlab.reproduce import reproduce

    report = reproduce(["cramton"], directory, top_level=True)
    return [Path(directory) / f for item in report.items for f in item.finding.files]


def run_reproduce(args: argparse.Namespace) -> int:
    from bargainlab.reproduce import reproduce

    bar = None if args.quiet else ProgressBar(f"reproduce {args.source}")
    report = reproduce([args.source], args.out, progress=bar, top_level=args.source != "all", workers=args.workers)
    if not args.quiet:
        print(report)
        print(f"report: {Path(args.out) / 'index.html'} and {Path(args.out) / 'report.md'}")
    if report.unexpected:
        keys = ", ".join(f"{i.source}/{i.key}" for i in report.unexpected)
        print(f"bargainlab: error: {len(report.unexpected)} item(s) differ from the source: {keys}", file=sys.stderr)
        return 1
    return 0
