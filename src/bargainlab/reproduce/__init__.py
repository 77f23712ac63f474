"""Reproduce the papers: every figure, table, numerical example and computable claim, with a report.

``reproduce(["all"], "out")`` runs the registry of items (one module per source:
:mod:`.peski_2024`, :mod:`.peski_2024_slides`, :mod:`.peski_2022`, :mod:`.lecture`, :mod:`.cramton`),
writes their figures (PNG, SVG, CSV) and tables (CSV, LaTeX) and a report (``index.html``,
``report.md``, ``report.json``) listing, for each item, its place in the source, the printed and
computed values, the difference and a status (reproduced, corrected with its erratum id, not
computable with the reason, or differs).

This package sits at the report/viz layer: it imports models, viz and report, never the CLI or
the app.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the lazy names, for type checkers and IDEs
    from bargainlab.reproduce.item import STATUSES, Finding, Item, ItemResult
    from bargainlab.reproduce.report import Report
    from bargainlab.reproduce.runner import SOURCE_NAMES, reproduce

__all__ = ["Finding", "Item", "ItemResult", "Report", "SOURCE_NAMES", "STATUSES", "reproduce"]

#: Public names, loaded on first use (PEP 562): ``bargainlab.reproduce.registry`` (read by the
#: command line's parsers) is then imported without the runner, the report and NumPy.
_LAZY = {
    "Finding": "item",
    "Item": "item",
    "ItemResult": "item",
    "STATUSES": "item",
    "Report": "report",
    "SOURCE_NAMES": "runner",
    "reproduce": "runner",
}


def __getattr__(name: str) -> Any:
    """Load a public name on first use, then keep it here."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
