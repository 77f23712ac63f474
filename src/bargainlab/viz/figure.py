"""The figure contract: a matplotlib figure together with the data it shows.

Every figure function of bargainlab returns a :class:`FigureData`; :meth:`FigureData.write`
exports it by file suffix — ``.png`` and ``.svg`` for the figure, ``.csv`` for the data — so
that the CLI (``bargainlab plot ... --out FILE``) and the app share one code path.

Figures are :class:`matplotlib.figure.Figure` objects made by :func:`new_figure`, never through
``matplotlib.pyplot``: no global state, safe in threads (the web app), nothing to close, and no
"more than 20 figures" warning however many are drawn.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from bargainlab._version import __version__
from bargainlab.core.files import atomic_write
from bargainlab.errors import InvalidParameterError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FigureData",
    "FIGURE_SUFFIXES",
    "DATA_SUFFIXES",
    "FIGURE_SIZE",
    "csv_text",
    "csv_cell",
    "new_figure",
    "use_headless_backend",
]

FIGURE_SUFFIXES = (".png", ".svg")
DATA_SUFFIXES = (".csv",)

#: Default size of a figure, in inches (matplotlib's default).
FIGURE_SIZE = (6.4, 4.8)


def use_headless_backend() -> None:
    """Select matplotlib's non-interactive Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg", force=False)


def new_figure(
    size: tuple[float, float] = FIGURE_SIZE,
    *,
    layout: Literal["constrained", "compressed", "tight"] | None = "constrained",
) -> Figure:
    """A new :class:`matplotlib.figure.Figure`, not registered with ``pyplot``.

    Parameters
    ----------
    size
        Width and height in inches.
    layout
        matplotlib's layout engine (``"constrained"`` by default; ``None`` for none).

    Examples
    --------
    >>> figure = new_figure((4, 3))
    >>> axes = figure.subplots()
    >>> type(figure).__name__, figure.get_size_inches().tolist()
    ('Figure', [4.0, 3.0])
    """
    use_headless_backend()
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout=layout)


@dataclass(frozen=True)
class FigureData:
    """A figure and the columns of data it draws.

    Attributes
    ----------
    figure
        The figure, made by :func:`new_figure`. (``None`` is tolerated for data only, which can
        be written as ``.csv`` alone; :func:`csv_text` gives that text without a FigureData.)
    columns
        Equal-length 1-D columns (name → values): the data behind the figure, one row per
        plotted point, written as CSV.
    title
        A short title (used by the app and in file metadata).
    metadata
        Parameters of the figure (JSON-safe), recorded next to the data.
    """

    figure: Figure
    columns: Mapping[str, np.ndarray]
    title: str
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lengths = {len(np.asarray(v)) for v in self.columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"figure data columns have different lengths: {sorted(lengths)}")

    def write(self, path: str | Path) -> Path:
        """Write the figure (``.png``, ``.svg``) or its data (``.csv``) to ``path`` (atomically)."""
        target = Path(path)
        return atomic_write(target, self.to_bytes(target.suffix, name=str(path)))

    def to_bytes(self, suffix: str, name: str | None = None) -> bytes:
        """The file content for ``suffix`` (``.png``, ``.svg`` or ``.csv``), e.g. for a web download.

        ``name`` is the file name reported in the error for an unknown suffix.
        """
        suffix = suffix.lower()
        if suffix in FIGURE_SUFFIXES:
            if self.figure is None:
                raise InvalidParameterError(
                    "out", name if name is not None else suffix, "a file name ending in .csv", "there is no figure"
                )
            buffer = io.BytesIO()
            self.figure.savefig(
                buffer,
                format=suffix[1:],
                dpi=150,
                bbox_inches="tight",
                metadata=_figure_metadata(suffix, self.title, self.provenance()),
            )
            return buffer.getvalue()
        if suffix in DATA_SUFFIXES:
            return self.csv_text().encode()
        raise InvalidParameterError(
            "out",
            name if name is not None else suffix,
            "a file name ending in " + ", ".join(FIGURE_SUFFIXES + DATA_SUFFIXES),
        )

    def provenance(self) -> dict[str, Any]:
        """What a figure file records about its making: the version, the title, the columns and the metadata.

        Written into every ``.png`` (a text chunk ``Description``, with ``Software``) and ``.svg`` (the
        Dublin Core ``Description`` and ``Creator``) as JSON; CSV files stay plain tables.

        Returns
        -------
        dict
            The figure's :attr:`metadata` (its parameters, under ``parameters``, and the grid or points it
            was computed on), then ``bargainlab_version``, ``title`` and ``columns`` (the data's names).

        Examples
        --------
        >>> data = FigureData(None, {"x": np.array([0.0, 1.0])}, "a line", {"parameters": {"bargaining_power": 0.5}})
        >>> sorted(data.provenance()), data.provenance()["parameters"]
        (['bargainlab_version', 'columns', 'parameters', 'title'], {'bargaining_power': 0.5})
        """
        return {
            **dict(self.metadata),
            "bargainlab_version": __version__,
            "title": self.title,
            "columns": list(self.columns),
        }

    def write_csv(self, path: str | Path) -> None:
        """Write the data columns as CSV (header row, then one row per point), atomically."""
        atomic_write(path, self.csv_text())

    def csv_text(self) -> str:
        """The data columns as CSV text (header row, then one row per point)."""
        return csv_text(self.columns)


def csv_text(columns: Mapping[str, Any]) -> str:
    """Equal-length columns as CSV text: a header row, then one row per point (floats exactly).

    Each cell is written by :func:`csv_cell`: a missing value (NaN or ``None``) is a blank cell,
    whose meaning the column's row of the "Data columns" table states; an infinite value is refused.

    >>> csv_text({"x": np.array([0.5, 1.0]), "n": np.array([1, 2])}).splitlines()
    ['x,n', '0.5,1', '1.0,2']
    >>> csv_text({"x": np.array([0.5, np.nan])}).splitlines()
    ['x', '0.5', '""']
    """
    names = list(columns)
    arrays = [np.asarray(columns[name]) for name in names]
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(names)
    for row in zip(*arrays):
        writer.writerow([csv_cell(v, name) for v, name in zip(row, names)])
    return handle.getvalue()


def csv_cell(value: Any, column: str = "") -> Any:
    """One CSV cell: a float exactly (its ``repr``), a NumPy scalar as its Python value, a missing
    value as a blank.

    bargainlab never writes ``nan`` or ``inf`` into a data file (``../shared/DESIGN.md``, "never
    NaN/inf silently"): NaN and ``None`` stand for "no value" and are written as a blank cell (the
    table "Data columns" of ``docs/architecture.md`` says what a blank means in each column that
    may have one); an infinite value has no such meaning and is an error, so a figure maps it
    first (``plot sequential``: never trading is a blank ``trade_time``).

    Parameters
    ----------
    value
        The cell's value.
    column
        The column's name (for the error message).

    Returns
    -------
    Any
        What :class:`csv.writer` writes: a string for a float, else the value.

    Raises
    ------
    ValueError
        For ±inf (a bug of the figure that wrote it).

    Examples
    --------
    >>> csv_cell(np.float64(0.1)), csv_cell(np.int64(3)), csv_cell(float("nan")), csv_cell(None)
    ('0.1', 3, '', '')
    """
    if value is None:
        return ""
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return ""
        if math.isinf(number):
            raise ValueError(f"column {column!r} has an infinite value; a data file never holds inf")
        return repr(number)
    return value.item() if isinstance(value, np.generic) else value


def _figure_metadata(suffix: str, title: str, provenance: Mapping[str, Any]) -> dict[str, str]:
    """matplotlib's ``metadata=`` for ``suffix``: PNG text chunks (any keys), SVG Dublin Core keys only."""
    description = json.dumps(provenance, default=str, allow_nan=False, sort_keys=True)
    software = f"bargainlab {__version__}"
    if suffix == ".png":
        return {"Title": title, "Software": software, "Description": description}
    if suffix == ".svg":
        return {"Title": title, "Creator": software, "Description": description}
    return {}
