"""Text of :class:`~bargainlab.reproduce.report.Report` (``bargainlab reproduce``): counts per source and status."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.reproduce.report import Report

__all__ = ["reproduce_text"]


@renders(Report)
def reproduce_text(report: Report) -> str:
    """One line per source with its counts, the run time, and every item that differs."""
    lines = [report.summary()]
    for item in report.unexpected:
        lines.append(
            f"differs: {item.source}/{item.key} ({item.place}): printed {item.finding.printed}, "
            f"computed {item.finding.computed}"
        )
    return "\n".join(lines)
