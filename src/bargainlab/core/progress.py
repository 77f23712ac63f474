"""The one progress bar of bargainlab: a ``progress(done, total)`` callable for long computations.

Where it draws:

- in a Jupyter notebook, a tqdm notebook widget (``tqdm.notebook``; without ipywidgets, tqdm's text bar,
  which notebooks render in place);
- on a terminal, tqdm's text bar, redrawn in place;
- on anything else (a pipe, a log file, CI), plain lines, one when the work starts and one per tenth of
  it: never a carriage return, so logs stay readable and short.

Work of fewer than :data:`MIN_STEPS` steps shows nothing. tqdm is imported when the first bar is drawn, so
importing this module costs nothing. It lives in ``core`` (the lowest layer) so that both the library
(``bargainlab.sweep(progress=True)``) and the command line (:mod:`bargainlab.cli.progress`) use it.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

__all__ = ["ProgressBar", "MIN_STEPS", "LOG_STEPS"]

#: Work with fewer steps than this is quick enough to need no bar.
MIN_STEPS = 10
#: Lines written to a non-terminal stream over the whole work (one per tenth), plus the first.
LOG_STEPS = 10
#: Seconds between two redraws of a terminal or notebook bar.
REDRAW_INTERVAL = 0.2
#: Width of a bar written as a plain line.
LINE_WIDTH = 80


def in_notebook() -> bool:
    """Whether this process is a Jupyter kernel (IPython running ``IPKernelApp``)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


class ProgressBar:
    """Callable ``progress(done, total)`` showing ``label`` with a bar, the count, the rate and the time left.

    Parameters
    ----------
    label
        What is being computed (e.g. ``"gap-map"``, ``"sweep"``).
    stream
        Where a text bar or the plain lines go (standard error by default).
    min_steps
        Totals below this draw nothing.
    unit
        The unit counted (``"point"``, ``"step"``).

    Examples
    --------
    >>> import io
    >>> log = io.StringIO()
    >>> bar = ProgressBar("payoffs", stream=log, unit="point")
    >>> for done in range(0, 101, 25):
    ...     bar(done, 100)
    >>> lines = log.getvalue().splitlines()
    >>> len(lines), lines[-1].startswith("payoffs: 100%"), "\\r" in log.getvalue()
    (5, True, False)
    """

    def __init__(
        self, label: str, stream: TextIO | None = None, min_steps: int = MIN_STEPS, *, unit: str = "step"
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.min_steps = min_steps
        self.unit = unit
        self.start = time.perf_counter()
        self._bar: Any = None
        self._lines = False
        self._logged = -1
        self._done = False

    @property
    def interactive(self) -> bool:
        """Whether the stream is a terminal (the bar is redrawn in place)."""
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if total < self.min_steps or self._done:
            return
        if self._bar is None and not self._lines:
            self._open(total)
        if self._lines:
            self._log(done, total)
        else:
            self._bar.total = total
            self._bar.update(max(done - self._bar.n, 0))
        if done >= total:
            self.close()

    def _open(self, total: int) -> None:
        """Choose how to draw: a notebook widget, a terminal bar or plain lines."""
        options = {"total": total, "desc": self.label, "unit": self.unit, "mininterval": REDRAW_INTERVAL}
        if in_notebook():
            try:
                from tqdm.notebook import tqdm as notebook_tqdm

                self._bar = notebook_tqdm(**options)
                return
            except ImportError:  # no ipywidgets: the text bar, which notebooks draw in place
                from tqdm import tqdm

                self._bar = tqdm(file=self.stream, **options)
                return
        if self.interactive:
            from tqdm import tqdm

            self._bar = tqdm(file=self.stream, dynamic_ncols=True, **options)
            return
        self._lines = True

    def _log(self, done: int, total: int) -> None:
        """One plain line at the start and at each further tenth of the work."""
        tenth = LOG_STEPS * min(done, total) // total
        if tenth == self._logged:
            return
        self._logged = tenth
        from tqdm import tqdm

        line = tqdm.format_meter(
            min(done, total),
            total,
            time.perf_counter() - self.start,
            prefix=self.label,
            unit=self.unit,
            ascii=True,
            ncols=LINE_WIDTH,
        )
        self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Finish the bar (a terminal bar ends its line); further calls draw nothing."""
        self._done = True
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
