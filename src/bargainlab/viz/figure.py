"""The figure contract: a matplotlib figure together with the data it shows.

Every figure function of bargainlab returns a :class:`FigureData`; :meth:`FigureData.write`
exports it by file suffix — ``.png`` and ``.svg`` for the figure, ``.csv`` for the data — so
that the CLI (``bargainlab plot ... --out FILE``) and the app share one code path.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bargainlab.errors import InvalidParameterError

__all__ = ["FigureData", "FIGURE_SUFFIXES", "DATA_SUFFIXES", "use_headless_backend"]

FIGURE_SUFFIXES = (".png", ".svg")
DATA_SUFFIXES = (".csv",)


def use_headless_backend() -> None:
    """Select matplotlib's non-interactive Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg", force=False)


@dataclass(frozen=True)
class FigureData:
    """A figure and the columns of data it draws.

    Attributes
    ----------
    figure
        The matplotlib figure.
    columns
        Equal-length 1-D columns (name → values): the data behind the figure, one row per
        plotted point, written as CSV.
    title
        A short title (used by the app and in file metadata).
    metadata
        Parameters of the figure (JSON-safe), recorded next to the data.
    """

    figure: Any
    columns: Mapping[str, np.ndarray]
    title: str
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lengths = {len(np.asarray(v)) for v in self.columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"figure data columns have different lengths: {sorted(lengths)}")

    def write(self, path: str | Path) -> Path:
        """Write the figure (``.png``, ``.svg``) or its data (``.csv``) to ``path``."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in FIGURE_SUFFIXES:
            self.figure.savefig(target, dpi=150, bbox_inches="tight", metadata=_figure_metadata(suffix, self.title))
        elif suffix in DATA_SUFFIXES:
            self.write_csv(target)
        else:
            raise InvalidParameterError(
                "out", str(path), "a file name ending in " + ", ".join(FIGURE_SUFFIXES + DATA_SUFFIXES)
            )
        return target

    def write_csv(self, path: str | Path) -> None:
        """Write the data columns as CSV (header row, then one row per point)."""
        names = list(self.columns)
        arrays = [np.asarray(self.columns[name]) for name in names]
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(names)
            for row in zip(*arrays):
                writer.writerow([_cell(v) for v in row])


def _cell(value: Any) -> Any:
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return value.item() if isinstance(value, np.generic) else value


def _figure_metadata(suffix: str, title: str) -> dict[str, str]:
    return {"Title": title} if suffix in (".png", ".svg") else {}
