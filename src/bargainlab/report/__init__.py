"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""

# Text renderers registered with bargainlab.core.result.renders (loaded on the first str(result)).
from bargainlab.report import (
    reproduce,  # noqa: E402,F401
    sequential_rationality,  # noqa: E402,F401
)
