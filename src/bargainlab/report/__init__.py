"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""

from bargainlab.report import bilateral, sequential  # noqa: F401  (register the renderers)
from bargainlab.report import transparency as _transparency  # noqa: F401,E402  (registers its renderer)
