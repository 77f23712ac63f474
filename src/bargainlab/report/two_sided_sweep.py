"""Text report of a two-sided sweep (``str(bargainlab.sweep(...))``, ``bargainlab sweep two-sided``)."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.two_sided.sweep import TwoSidedSweepResult

__all__ = ["sweep_report"]


@renders(TwoSidedSweepResult)
def sweep_report(result: TwoSidedSweepResult) -> str:
    """Points, chunks (and how many were reused), time, where the table went, and its columns."""
    where = f" -> {result.path}" if result.path is not None else ""
    reused = f" ({result.chunks_reused} reused from an earlier run)" if result.chunks_reused else ""
    return (
        f"sweep: {result.points:,} points in {result.chunks} chunks{reused}, {result.seconds:.2f} s{where}\n"
        f"  columns: {', '.join(result.columns)}"
    )
