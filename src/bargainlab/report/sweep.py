"""Text report of a run of the sweep engine (``str(bargainlab.core.sweep.run_sweep(...))``)."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.core.sweep import SweepResult

__all__ = ["run_report"]


@renders(SweepResult)
def run_report(result: SweepResult) -> str:
    """Points, chunks (reused, retried), time, where the table went, and its columns."""
    where = f" -> {result.path}" if result.path is not None else ""
    reused = f" ({result.chunks_reused} reused from an earlier run)" if result.chunks_reused else ""
    retried = f"; chunks {', '.join(map(str, result.retried))} retried after a lost worker" if result.retried else ""
    return (
        f"sweep: {result.points:,} points in {result.chunks} chunks{reused}, {result.seconds:.2f} s{where}{retried}\n"
        f"  columns: {', '.join(result.column_names)}"
    )
