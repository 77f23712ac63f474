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

from bargainlab.reproduce.item import STATUSES, Finding, Item, ItemResult
from bargainlab.reproduce.report import Report
from bargainlab.reproduce.runner import SOURCE_NAMES, reproduce

__all__ = ["Finding", "Item", "ItemResult", "Report", "SOURCE_NAMES", "STATUSES", "reproduce"]
