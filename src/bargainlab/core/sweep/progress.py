"""Progress of a sweep: a terminal bar, or any callback receiving :class:`SweepProgress`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from bargainlab.core.progress import ProgressBar as _Bar

__all__ = ["SweepProgress", "ProgressBar"]


@dataclass(frozen=True)
class SweepProgress:
    """Where a sweep stands (passed to progress callbacks after every chunk)."""

    chunks_done: int
    chunks_total: int
    points_done: int
    points_total: int
    seconds: float


class ProgressBar:
    """The sweep's bar: points done of the total, drawn by bargainlab's one bar
    (:class:`bargainlab.core.progress.ProgressBar`: tqdm in terminals and notebooks, plain lines in logs).

    Parameters
    ----------
    stream
        Where to draw (standard error by default).
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._bar = _Bar("sweep", stream, min_steps=1, unit="point")

    def __call__(self, progress: SweepProgress) -> None:
        self._bar(progress.points_done, progress.points_total)


class Tracker:
    """Counts finished chunks and points and reports them."""

    def __init__(self, chunks: int, points: int, report: Callable[[SweepProgress], None] | None, start: float):
        self.chunks, self.points, self.report, self.start = chunks, points, report, start
        self.chunks_done = self.points_done = 0

    def add(self, chunks: int, points: int) -> None:
        """Count ``chunks`` more finished chunks holding ``points`` points, and report."""
        self.chunks_done += chunks
        self.points_done += points
        if self.report is not None:
            seconds = time.perf_counter() - self.start
            self.report(SweepProgress(self.chunks_done, self.chunks, self.points_done, self.points, seconds))
