"""Result tables: Parquet (via pyarrow) or CSV, chosen by the file suffix."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from bargainlab.errors import InvalidParameterError

__all__ = ["TABLE_FORMATS", "write_table", "read_table", "table_format"]

#: Output formats by file suffix.
TABLE_FORMATS = (".parquet", ".csv")


def table_format(out: Path) -> str:
    """The suffix of a table path (``.parquet`` needs pyarrow); anything else is an error."""
    suffix = out.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise InvalidParameterError("out", str(out), "a path ending in .parquet or .csv")
    if suffix == ".parquet":
        _pyarrow()
    return suffix


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:  # pragma: no cover - pyarrow is in the [distributed] and [dev] extras
        raise InvalidParameterError(
            "out", ".parquet", "a .csv path, or install pyarrow (pip install 'bargainlab[distributed]')"
        ) from None
    return pyarrow


def write_table(columns: Mapping[str, np.ndarray], out: str | Path) -> Path:
    """Write columns to ``out`` as Parquet (via pyarrow) or CSV, by suffix.

    CSV floats are written with ``repr`` (shortest text that reads back to the same number).
    """
    out = Path(out)
    suffix = table_format(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".tmp")
    if suffix == ".parquet":
        pa = _pyarrow()
        table = pa.table({name: np.asarray(column) for name, column in columns.items()})
        pa.parquet.write_table(table, temporary)
    else:
        names = list(columns)
        texts = [_column_text(np.asarray(columns[name])) for name in names]
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(",".join(names) + "\n")
            for row in zip(*texts):
                handle.write(",".join(row) + "\n")
    os.replace(temporary, out)
    return out


def _column_text(column: np.ndarray) -> list[str]:
    if column.dtype.kind == "f":
        return [repr(value) for value in column.tolist()]
    return [str(value) for value in column.tolist()]


def read_table(path: str | Path) -> dict[str, np.ndarray]:
    """Read a table written by :func:`write_table` back into columns."""
    path = Path(path)
    if table_format(path) == ".parquet":
        table = _pyarrow().parquet.read_table(path)
        return {name: table.column(name).to_numpy() for name in table.column_names}
    with open(path, encoding="utf-8") as handle:
        names = handle.readline().strip().split(",")
        rows = [line.rstrip("\n").split(",") for line in handle]
    columns: dict[str, np.ndarray] = {}
    for k, name in enumerate(names):
        texts = [row[k] for row in rows]
        for kind in (np.int64, float):
            try:
                columns[name] = np.array(texts, dtype=kind)
                break
            except ValueError:
                continue
        else:
            columns[name] = np.array(texts)
    return columns
