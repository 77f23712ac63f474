"""Result tables: Parquet (via pyarrow) or CSV, chosen by the file suffix."""

from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
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

    Columns may be broadcast views (zero stride: one value for the whole block); such a value
    is converted once (not once per block). CSV floats are written with the shortest text that
    reads back to the same double (pyarrow's formatter when pyarrow is installed, else ``repr``;
    an integral float keeps its ``.0`` and -0.0 its sign).

    ``background=True`` encodes and writes each block on a thread of its own while the caller
    computes the next one (at most one block waits; an error on the thread is raised by the next
    :meth:`write` or by :meth:`close`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> with TableWriter(path) as writer:
    ...     writer.write({"x": np.array([1.5]), "n": np.array([1])})
    ...     writer.write({"x": np.array([2.0]), "n": np.array([2])})
    >>> path.read_text().splitlines()
    ['x,n', '1.5,1', '2.0,2']
    """

    def __init__(self, out: str | Path, metadata: Mapping[str, Any] | None = None, *, background: bool = False) -> None:
        self.out = Path(out)
        self.metadata = metadata
        self._suffix = table_format(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._temporary = self.out.with_name(self.out.name + ".tmp")
        self._parquet: Any = None
        self._schema: Any = None
        self._text: Any = None
        self._constants: dict[str, tuple[tuple[str, bytes, int], Any]] = {}
        self._arrow = _arrow_csv() if self._suffix == ".csv" else None
        self._queue: queue.Queue[Mapping[str, np.ndarray] | None] | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        if background:
            self._queue = queue.Queue(maxsize=1)
            self._thread = threading.Thread(target=self._drain, name="bargainlab-table-writer", daemon=True)
            self._thread.start()

    def write(self, columns: Mapping[str, np.ndarray]) -> None:
        """Append rows (every block has the same column names)."""
        if self._queue is None:
            self._write(columns)
            return
        self._raise_failure()
        self._queue.put(columns)

    def _drain(self) -> None:
        """The writer thread: write blocks until ``None`` (the end) arrives; keep the first error."""
        assert self._queue is not None
        while (columns := self._queue.get()) is not None:
            if self._failure is None:
                try:
                    self._write(columns)
                except BaseException as error:  # raised in the caller's thread by write/close
                    self._failure = error

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _stop(self) -> None:
        """Let the writer thread finish the blocks it has and end."""
        if self._thread is not None and self._queue is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _write(self, columns: Mapping[str, np.ndarray]) -> None:
        if self._suffix == ".parquet":
            self._write_parquet(columns)
            return
        names = list(columns)
        if self._text is None:
            self._text = open(self._temporary, "wb")
            self._text.write((",".join(names) + "\n").encode())
        if self._arrow is not None:
            pa, csv = self._arrow
            table = pa.table({name: self._array(pa, name, np.asarray(columns[name]), _csv_column) for name in names})
            csv.write_csv(table, self._text, csv.WriteOptions(include_header=False, quoting_style="none"))
            return
        texts = [_column_text(np.asarray(columns[name])) for name in names]
        self._text.write("".join(",".join(row) + "\n" for row in zip(*texts)).encode())

    def _write_parquet(self, columns: Mapping[str, np.ndarray]) -> None:
        pa = _pyarrow()
        table = pa.table(
            {name: self._array(pa, name, np.asarray(column), _arrow_column) for name, column in columns.items()}
        )
        if self._parquet is None:
            metadata = dict(table.schema.metadata or {})
            if self.metadata is not None:  # provenance, under the key b"bargainlab"
                metadata[b"bargainlab"] = json.dumps(self.metadata, default=str).encode()
            # a sweep's columns have no missing entries (NaN is a number): declared so, no
            # definition levels are written (15% of the encoding time of a sweep's table); a
            # column given with missing entries (None in an object array) stays nullable
            self._schema = pa.schema(
                [field.with_nullable(column.null_count > 0) for field, column in zip(table.schema, table.columns)],
                metadata=metadata or None,
            )
            # dictionary encoding only for text: on float columns it costs ~10x the write time, and
            # a column of one value costs less plain and compressed (snappy) than hashed. Statistics
            # (min, max per row group: filtered reads) for the columns that vary; a fixed
            # parameter's would be its value, at the cost of a pass over it per row group
            text = [f.name for f in self._schema if pa.types.is_string(f.type)]
            varying = [name for name, column in columns.items() if not _is_constant(np.asarray(column))]
            self._parquet = pa.parquet.ParquetWriter(
                self._temporary, self._schema, use_dictionary=text, write_statistics=varying
            )
        self._parquet.write_table(table.cast(self._schema))

    def _array(self, pa: Any, name: str, column: np.ndarray, convert: Callable[[Any, np.ndarray], Any]) -> Any:
        """``convert(pa, column)``; a broadcast value is converted once per value and length
        (sweeps write blocks of one length), not once per block."""
        if not _is_constant(column):
            return convert(pa, column)
        key = (column.dtype.str, column[:1].tobytes(), len(column))
        found = self._constants.get(name)
        if found is None or found[0] != key:
            found = self._constants[name] = (key, convert(pa, column))
        return found[1]

    def close(self) -> None:
        """Finish the file and move it into place."""
        self._stop()
        self._raise_failure()
        if self._parquet is not None:
            self._parquet.close()
        elif self._text is not None:
            self._text.close()
        else:  # no rows at all
            self._temporary.write_text("")
        os.replace(self._temporary, self.out)

    def abort(self) -> None:
        """Give up: close what is open and remove the temporary file (the output is untouched)."""
        self._stop()
        for handle in (self._parquet, self._text):
            if handle is not None:
                handle.close()
        self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if kind is None:
            try:
                self.close()
            except BaseException:
                self.abort()
                raise
            return
        self.abort()


def write_table(columns: Mapping[str, np.ndarray], out: str | Path, metadata: Mapping[str, Any] | None = None) -> Path:
    """Write columns to ``out`` as Parquet (via pyarrow) or CSV, by suffix.

    CSV floats are written with the shortest text that reads back to the same number.
    ``metadata`` (JSON-safe; Parquet only) is stored in the schema under ``b"bargainlab"``.
    """
    with TableWriter(out, metadata) as writer:
        writer.write(columns)
    return Path(out)


def _is_constant(column: np.ndarray) -> bool:
    """A broadcast view of one value (zero stride), as a sweep's fixed parameters arrive."""
    return column.ndim == 1 and len(column) > 0 and column.strides == (0,)


def _arrow_column(pa: Any, column: np.ndarray) -> Any:
    """An Arrow array of a column. A broadcast value becomes one contiguous array; text columns
    (few distinct labels in sweeps) are converted through their distinct values, which is much
    faster than element by element."""
    if column.dtype.kind != "U":
        return np.ascontiguousarray(column)
    if len(column) < 64:
        return column
    codes: np.ndarray
    if _is_constant(column) or bool((column == column[0]).all()):  # one label (a sweep's "method")
        labels, codes = column[:1], np.zeros(len(column), dtype=np.int32)
    else:
        labels, codes = np.unique(column, return_inverse=True)
    return pa.DictionaryArray.from_arrays(codes.astype(np.int32), pa.array(labels)).cast(pa.string())


def _arrow_csv() -> tuple[Any, Any] | None:
    """``(pyarrow, pyarrow.csv)`` when installed (CSV is then written by Arrow), else ``None``."""
    try:
        import pyarrow
        import pyarrow.compute  # noqa: F401 - used through pyarrow.compute below
        import pyarrow.csv
    except ImportError:  # pragma: no cover - pyarrow is in the [parquet], [distributed] and [dev] extras
        return None
    return pyarrow, pyarrow.csv


def _csv_column(pa: Any, column: np.ndarray) -> Any:
    """An Arrow column ready for Arrow's CSV writer, with floats as exact text.

    A broadcast value is formatted once; a float column of few distinct values (an axis of the
    grid) is formatted once per value (found by bit pattern: -0.0 is not 0.0) and written through
    a dictionary; other floats by :func:`_float_text`.
    """
    if _is_constant(column):  # plain text (written faster than a dictionary; made once per block length)
        text = _column_text(column[:1])[0]
        return pa.DictionaryArray.from_arrays(np.zeros(len(column), dtype=np.int32), pa.array([text])).cast(pa.string())
    if column.dtype.kind == "f":
        values = np.ascontiguousarray(column, dtype=np.float64)
        distinct = _few_distinct(values.view(np.int64))
        if distinct is not None:
            codes = np.searchsorted(distinct, values.view(np.int64)).astype(np.int32)
            return pa.DictionaryArray.from_arrays(codes, _float_text(pa, distinct.view(np.float64)))
        return _float_text(pa, values)
    if column.dtype.kind in "iu":
        return np.ascontiguousarray(column)
    if column.dtype.kind == "U":
        return _arrow_column(pa, column)
    return pa.array(_column_text(column))


#: Values sampled to guess whether a column has few distinct values (a guess only decides how
#: a column is formatted, never what is written).
_SAMPLE = 4096


def _few_distinct(keys: np.ndarray) -> np.ndarray | None:
    """The sorted distinct values of ``keys`` if there are at most a quarter as many as keys
    (an axis of the grid, say), else ``None``; a sample first spares sorting a column of
    mostly distinct values."""
    if len(keys) < 64:
        return None
    sample = np.sort(keys[:: max(1, len(keys) // _SAMPLE)])
    if int(np.count_nonzero(sample[1:] != sample[:-1])) + 1 > len(sample) // 4:
        return None
    ordered = np.sort(keys)
    distinct = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    return distinct if len(distinct) * 4 <= len(keys) else None


def _float_text(pa: Any, values: np.ndarray) -> Any:
    """Doubles as the shortest text that reads back to each, bit for bit.

    Arrow's formatter gives the shortest digits (as ``repr`` does, sometimes in the other
    notation: ``0.00001`` for ``1e-05``) but writes integral values without a point (``1``,
    ``-0``), which would read back as integers (and -0.0 as 0): those are written by ``repr``.
    """
    text = pa.compute.cast(pa.array(values), pa.string())
    integral = values == np.trunc(values)
    if bool(integral.any()):
        fixed = pa.array(_column_text(values[integral]), type=pa.string())
        text = pa.compute.replace_with_mask(text, pa.array(integral), fixed)
    return text


def _column_text(column: np.ndarray) -> list[str]:
    """Each value's text in Python (floats by ``repr``: the shortest text that reads back exactly).

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
    """Read a table written by :func:`write_table` back into columns (a CSV column is read as
    integers, else numbers, else flags when every entry is ``True`` or ``False``, else text)."""
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
            flags = set(texts) <= {"True", "False"} and len(texts) > 0
            columns[name] = np.array(texts) == "True" if flags else np.array(texts)
    return columns
