"""Rendering of results: plain-text tables (and, later, LaTeX/Markdown/CSV). No model logic."""
