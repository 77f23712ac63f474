"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""

from bargainlab.report import classics, one_sided  # noqa: F401  (renderers register on import)
