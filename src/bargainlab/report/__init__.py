"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""

from bargainlab.report import bilateral, sequential  # noqa: F401  (register the renderers)
