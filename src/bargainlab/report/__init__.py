"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""

from bargainlab.report import transparency as _transparency  # noqa: F401,E402  (registers its renderer)
from bargainlab.report import two_sided_sweep  # noqa: F401  (registers the sweep's text report)
from bargainlab.report import classics, one_sided  # noqa: F401  (renderers register on import)
