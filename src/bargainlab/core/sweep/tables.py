"""Result tables: Parquet (via pyarrow) or CSV, chosen by the file suffix."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from bargainlab.errors import InvalidParameterError

__all__ = ["TABLE_FORMATS", "TableWriter", "TableColumns", "write_table", "read_table", "table_columns", "table_format"]

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
    except ImportError:  # pragma: no cover - pyarrow is in the [parquet], [distributed] and [dev] extras
        raise InvalidParameterError(
            "out", ".parquet", "a .csv path, or install pyarrow (pip install 'bargainlab[parquet]')"
        ) from None
    return pyarrow


class TableWriter:
    """Write a table block by block (Parquet row groups or CSV blocks) and move it into place
    atomically when closed; a failure leaves no half-written table behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with TableWriter(path) as writer:
    ...     writer.write({"x": np.array([1.5]), "n": np.array([1])})
    ...     writer.write({"x": np.array([2.5]), "n": np.array([2])})
    >>> path.read_text().splitlines()
    ['x,n', '1.5,1', '2.5,2']
    """

    def __init__(self, out: str | Path, metadata: Mapping[str, Any] | None = None) -> None:
        self.out = Path(out)
        self.metadata = metadata
        self._suffix = table_format(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._temporary = self.out.with_name(self.out.name + ".tmp")
        self._parquet: Any = None
        self._schema: Any = None
        self._text: Any = None

    def write(self, columns: Mapping[str, np.ndarray]) -> None:
        """Append rows (every block has the same column names)."""
        if self._suffix == ".parquet":
            pa = _pyarrow()
            table = pa.table({name: _arrow_column(pa, np.asarray(column)) for name, column in columns.items()})
            if self._parquet is None:
                if self.metadata is not None:  # provenance, under the key b"bargainlab"
                    provenance = json.dumps(self.metadata, default=str).encode()
                    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"bargainlab": provenance})
                self._schema = table.schema
                # dictionary encoding only for text: on float columns it costs ~10x the write time
                text = [f.name for f in self._schema if pa.types.is_string(f.type)]
                self._parquet = pa.parquet.ParquetWriter(self._temporary, self._schema, use_dictionary=text)
            self._parquet.write_table(table.cast(self._schema))
            return
        names = list(columns)
        if self._text is None:
            self._text = open(self._temporary, "w", encoding="utf-8", newline="")
            self._text.write(",".join(names) + "\n")
        texts = [_column_text(np.asarray(columns[name])) for name in names]
        self._text.write("".join(",".join(row) + "\n" for row in zip(*texts)))

    def close(self) -> None:
        """Finish the file and move it into place."""
        if self._parquet is not None:
            self._parquet.close()
        elif self._text is not None:
            self._text.close()
        else:  # no rows at all
            self._temporary.write_text("")
        os.replace(self._temporary, self.out)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if kind is None:
            self.close()
            return
        for handle in (self._parquet, self._text):
            if handle is not None:
                handle.close()
        self._temporary.unlink(missing_ok=True)


def write_table(columns: Mapping[str, np.ndarray], out: str | Path, metadata: Mapping[str, Any] | None = None) -> Path:
    """Write columns to ``out`` as Parquet (via pyarrow) or CSV, by suffix.

    CSV floats are written with ``repr`` (shortest text that reads back to the same number).
    ``metadata`` (JSON-safe; Parquet only) is stored in the schema under ``b"bargainlab"``.
    """
    with TableWriter(out, metadata) as writer:
        writer.write(columns)
    return Path(out)


def _arrow_column(pa: Any, column: np.ndarray) -> Any:
    """An Arrow array of a column; text columns (few distinct labels in sweeps) are converted
    through their distinct values, which is much faster than element by element."""
    if column.dtype.kind != "U" or len(column) < 64:
        return column
    codes: np.ndarray
    if bool((column == column[0]).all()):  # one label (a sweep's "method", say): no sort needed
        labels, codes = column[:1], np.zeros(len(column), dtype=np.int32)
    else:
        labels, codes = np.unique(column, return_inverse=True)
    return pa.DictionaryArray.from_arrays(codes.astype(np.int32), pa.array(labels)).cast(pa.string())


def _column_text(column: np.ndarray) -> list[str]:
    """Each value's text (floats by ``repr``: the shortest text that reads back exactly).

    Sweep columns repeat few distinct values (parameters, axes, labels): those are formatted
    once each (matched by bit pattern, so that -0.0 stays -0.0)."""
    text = repr if column.dtype.kind == "f" else str
    if len(column) >= 64 and column.dtype.kind in "fiub":
        keys = column.view(np.int64) if column.dtype == np.float64 else column
        distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        if len(distinct) * 4 <= len(column):
            formatted = np.array([text(value) for value in column[first].tolist()], dtype=object)
            return formatted[inverse].tolist()
    return [text(value) for value in column.tolist()]


class TableColumns(Mapping[str, np.ndarray]):
    """The columns of a table on disk, read when first used: a Parquet table one column at a
    time, a CSV table all at once (so that a streamed sweep's result is never held whole just
    because it was returned)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._names = table_columns(self.path)
        self._read: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._read:
            if table_format(self.path) == ".parquet":
                table = _pyarrow().parquet.read_table(self.path, columns=[name])
                self._read[name] = table.column(name).to_numpy()
            else:
                self._read.update(read_table(self.path))
        return self._read[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def table_columns(path: str | Path) -> list[str]:
    """The column names of a table written by :func:`write_table` (without reading its rows)."""
    path = Path(path)
    if table_format(path) == ".parquet":
        return list(_pyarrow().parquet.read_schema(path).names)
    with open(path, encoding="utf-8") as handle:
        return handle.readline().strip().split(",")


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
