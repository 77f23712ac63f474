"""The command line's progress bar: :class:`bargainlab.core.progress.ProgressBar`, the one bar of bargainlab.

It is a ``progress(done, total)`` callable: a tqdm bar on a terminal (or a notebook widget in Jupyter) and,
on a pipe or a log file, plain lines (one at the start and one per tenth of the work, never a carriage
return). Work of fewer than :data:`MIN_STEPS` steps shows nothing. Commands offer ``--no-progress``.
"""

from __future__ import annotations

from bargainlab.core.progress import MIN_STEPS, ProgressBar

__all__ = ["ProgressBar", "MIN_STEPS"]
