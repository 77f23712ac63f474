"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""

from bargainlab.report import mechanism_tables as mechanism_tables  # noqa: F401, E402  (registers a1/a2's table)
from bargainlab.report import two_sided as two_sided  # noqa: F401, E402  (registers the two-sided reports)
