"""A small progress bar on stderr for long computations (``progress(done, total)`` callbacks).

On a terminal the bar is redrawn in place; on a pipe or a log file it prints a line when it starts and one per tenth
of the work, so CI logs stay short. Work of fewer than :data:`MIN_STEPS` steps shows no bar.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar", "MIN_STEPS"]

#: Work with fewer steps than this is quick enough to need no bar.
MIN_STEPS = 10
BAR_WIDTH = 30
LOG_STEPS = 10


class ProgressBar:
    """Callable ``progress(done, total)`` drawing ``label [#####-----] done/total elapsed`` on ``stream``.

    Parameters
    ----------
    label
        What is being computed (e.g. ``"payoffs"``).
    stream
        Where to draw (default stderr).
    min_steps
        Totals below this draw nothing.
    """

    def __init__(self, label: str, stream: TextIO | None = None, min_steps: int = MIN_STEPS) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.min_steps = min_steps
        self.start = time.perf_counter()
        self.logged = -1
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if total < self.min_steps:
            return
        filled = BAR_WIDTH * done // total
        line = (
            f"{self.label} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} "
            f"{time.perf_counter() - self.start:.1f}s"
        )
        if self.interactive:
            self.stream.write("\r" + line + ("\n" if done >= total else ""))
        else:
            tenth = LOG_STEPS * done // total
            if tenth == self.logged:
                return
            self.logged = tenth
            self.stream.write(line + "\n")
        self.stream.flush()
