"""Plain-text tables for the command line: :func:`render_table` aligns columns, :func:`number`
formats numbers. The reports of each model use them (e.g. :mod:`bargainlab.report.two_sided`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["render_table", "number"]


def number(value: Any) -> str:
    """Compact numeric text: 6 significant digits, ``-0`` shown as ``0``."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value + 0.0:.6g}"
    return str(value)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> str:
    """Render rows as an aligned text table (first column left-aligned, others right-aligned).

    Examples
    --------
    >>> print(render_table(["a", "b"], [["x", 1.5]]))
    a    b
    -  ---
    x  1.5
    """
    cells = [[number(c) if not isinstance(c, str) else c for c in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[k]) for r in cells)) if cells else len(str(h)) for k, h in enumerate(headers)]

    def line(items: Sequence[str]) -> str:
        parts = [items[0].ljust(widths[0])] + [item.rjust(w) for item, w in zip(items[1:], widths[1:])]
        return "  ".join(parts).rstrip()

    out = [title] if title else []
    out.append(line([str(h) for h in headers]))
    out.append(line(["-" * w for w in widths]))
    out.extend(line(r) for r in cells)
    return "\n".join(out)
