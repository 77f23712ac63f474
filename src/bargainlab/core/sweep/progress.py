"""Progress of a sweep: a terminal bar, or any callback receiving :class:`SweepProgress`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

import numpy as np

__all__ = ["SweepProgress", "ProgressBar", "PROGRESS_INTERVAL"]

#: Seconds between two redraws of the progress bar.
PROGRESS_INTERVAL = 0.2


@dataclass(frozen=True)
class SweepProgress:
    """Where a sweep stands (passed to progress callbacks after every chunk)."""

    chunks_done: int
    chunks_total: int
    points_done: int
    points_total: int
    seconds: float


class ProgressBar:
    """A one-line progress bar (chunks, points, rate, time left), redrawn at most every 0.2 s.

    Parameters
    ----------
    stream
        Where to draw (standard error by default).
    width
        Characters of the bar itself.
    """

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self._last = -np.inf

    def __call__(self, progress: SweepProgress) -> None:
        now = time.perf_counter()
        finished = progress.chunks_done >= progress.chunks_total
        if not finished and now - self._last < PROGRESS_INTERVAL:
            return
        self._last = now
        share = progress.points_done / progress.points_total if progress.points_total else 1.0
        filled = int(round(self.width * share))
        rate = progress.points_done / progress.seconds if progress.seconds > 0 else 0.0
        left = (progress.points_total - progress.points_done) / rate if rate > 0 else float("nan")
        eta = f", {left:.0f} s left" if np.isfinite(left) and not finished else ""
        self.stream.write(
            f"\rsweep [{'#' * filled}{'.' * (self.width - filled)}] {100 * share:5.1f}% "
            f"{progress.chunks_done}/{progress.chunks_total} chunks, {progress.points_done:,} points, "
            f"{rate:,.0f} points/s{eta}   "
        )
        if finished:
            self.stream.write("\n")
        self.stream.flush()


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
