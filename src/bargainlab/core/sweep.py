"""Parameter sweeps: grids, chunks, executors, resumable part files and result tables.

A sweep evaluates a model at every point of a :class:`Grid` (the Cartesian product of named
axes). The library does the chunking and the bookkeeping; the model only supplies an
*evaluator*: a picklable callable that maps the axis values of a block of points to result
columns (see :func:`bargainlab.sweep` for the two-sided model). This module knows no economics.

Design (``docs/performance.md``):

* **Order.** Points are visited in boustrophedon ("snake") order: the last axis runs forwards,
  then backwards, and so on, so that consecutive points are grid neighbours and a warm-started
  LP solver starts from the previous point's optimal basis (:func:`snake_positions`).
* **Chunks.** The snake order is cut into chunks of ``chunk_size`` consecutive points (thousands of
  LPs per task). A task carries only the grid and its chunk number; the worker rebuilds its
  points and builds its own solver, so nothing large travels and each worker keeps one solver.
* **Executors.** In-process by default; ``workers=N`` starts a local process pool; any
  :class:`concurrent.futures.Executor` can be passed, such as a ``dask.distributed`` client's
  ``client.get_executor()`` (:func:`dask_executor`), which runs the same sweep on a cluster.
* **Resume.** With an output path ``out``, every finished chunk is written at once (atomically) to
  ``<out>.parts/part-NNNNNN.npz`` beside a manifest that fingerprints the sweep. Running the same
  sweep again skips the chunks already there (after an interruption, say); a parts directory of a
  different sweep is an error, never mixed in. When every chunk is done the table is written
  (one row per point, in the grid's own order) and the parts are removed.
* **Progress.** A bar on stderr (``progress=True``) or a callback receiving :class:`SweepProgress`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.errors import InvalidParameterError

__all__ = [
    "Axis",
    "Grid",
    "SweepProgress",
    "SweepResult",
    "SweepInterrupted",
    "ProgressBar",
    "axis_values",
    "simplex_lattice",
    "snake_positions",
    "snake_digits",
    "run_sweep",
    "read_table",
    "write_table",
    "dask_executor",
    "local_process_pool",
    "TABLE_FORMATS",
]

#: Output formats by file suffix.
TABLE_FORMATS = (".parquet", ".csv")

#: Version of the part-file layout (part of every manifest).
PARTS_VERSION = 1

#: Seconds between two redraws of the progress bar.
PROGRESS_INTERVAL = 0.2

Evaluator = Callable[[Mapping[str, np.ndarray]], dict[str, np.ndarray]]


# ---------------------------------------------------------------------------- grids
@dataclass(frozen=True)
class Axis:
    """One axis of a grid: a parameter name and its values.

    Attributes
    ----------
    name
        The parameter (as the model names it, e.g. ``"beta"`` or ``"prior1"``).
    values
        Shape (k,) for a number per grid step, or (k, n) for a vector (e.g. a prior) per step.
    """

    name: str
    values: np.ndarray

    def __post_init__(self) -> None:
        values = np.array(self.values, dtype=float)  # a private, read-only copy
        if values.ndim not in (1, 2) or len(values) == 0:
            raise InvalidParameterError(f"grid {self.name}", values.tolist(), "a non-empty list of numbers or vectors")
        if not np.all(np.isfinite(values)):
            raise InvalidParameterError(f"grid {self.name}", values.tolist(), "finite numbers")
        values.setflags(write=False)
        object.__setattr__(self, "values", values)

    @property
    def size(self) -> int:
        """Number of grid steps."""
        return len(self.values)


@dataclass(frozen=True)
class Grid:
    """The Cartesian product of axes; point ``k`` is the k-th point in C order (last axis fastest).

    Examples
    --------
    >>> grid = Grid((Axis("a", [0.0, 1.0]), Axis("b", [0.0, 0.5, 1.0])))
    >>> grid.shape, grid.size
    ((2, 3), 6)
    >>> grid.values(np.array([4]))["b"].tolist()
    [0.5]
    """

    axes: tuple[Axis, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "axes", tuple(self.axes))
        names = [axis.name for axis in self.axes]
        for name in names:
            if names.count(name) > 1:
                raise InvalidParameterError("grid", name, "each parameter on at most one axis", "it appears twice")

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of steps of each axis."""
        return tuple(axis.size for axis in self.axes)

    @property
    def size(self) -> int:
        """Number of points."""
        return int(np.prod(self.shape, dtype=np.int64)) if self.axes else 1

    def values(self, points: np.ndarray) -> dict[str, np.ndarray]:
        """Each axis's value at the given points (C-order indices): arrays of length ``len(points)``."""
        return self.values_at(np.unravel_index(points, self.shape))

    def values_at(self, digits: Sequence[np.ndarray]) -> dict[str, np.ndarray]:
        """Each axis's value at the points with the given axis indices."""
        return {axis.name: axis.values[digit] for axis, digit in zip(self.axes, digits)}

    def to_dict(self) -> dict[str, list[Any]]:
        """JSON-safe representation (axis name -> list of values)."""
        return {axis.name: axis.values.tolist() for axis in self.axes}


def snake_digits(shape: Sequence[int], start: int, stop: int) -> tuple[np.ndarray, ...]:
    """Axis indices of points ``start, ..., stop - 1`` of the boustrophedon order of a grid.

    Counting in mixed radix, digit j runs backwards whenever the digits before it sum to an odd
    number; consecutive points then differ by one step along one axis.
    """
    shape = tuple(int(n) for n in shape)
    raw = np.unravel_index(np.arange(start, stop, dtype=np.int64), shape)
    digits = []
    parity = np.zeros(stop - start, dtype=np.int64)
    for n, r in zip(shape, raw):
        digit = np.where(parity & 1, n - 1 - r, r)
        digits.append(digit)
        parity += digit
    return tuple(digits)


def snake_positions(shape: Sequence[int], start: int, stop: int) -> np.ndarray:
    """C-order indices of points ``start, ..., stop - 1`` of the boustrophedon order of a grid.

    Examples
    --------
    >>> snake_positions((2, 3), 0, 6).tolist()
    [0, 1, 2, 5, 4, 3]
    """
    return np.ravel_multi_index(snake_digits(shape, start, stop), tuple(shape)).astype(np.int64)


# ---------------------------------------------------------------------------- axis grammar
AXIS_GRAMMAR = "START:STOP:NUM (evenly spaced), V;V;... (a list), or simplex:D (priors on a lattice)"


def axis_values(spec: str | ArrayLike, name: str, dimension: int | None = None) -> np.ndarray:
    """The values of one grid axis from its specification.

    Parameters
    ----------
    spec
        A list/array of values (numbers, or vectors as rows), or a string:
        ``"START:STOP:NUM"`` — NUM evenly spaced values from START to STOP inclusive; START and
        STOP may be comma-separated vectors (points along the segment between them);
        ``"V;V;..."`` — the listed values, each a number or a comma-separated vector;
        ``"simplex:D"`` — every probability vector of length ``dimension`` whose entries are
        multiples of 1/D (:func:`simplex_lattice`).
    name
        The parameter, for error messages.
    dimension
        Length of the vectors (needed by ``simplex:D``).

    Returns
    -------
    numpy.ndarray
        Shape (k,) or (k, n).

    Examples
    --------
    >>> axis_values("0:1:3", "beta").tolist()
    [0.0, 0.5, 1.0]
    >>> axis_values("1,0:0,1:3", "prior1").tolist()
    [[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]]
    >>> axis_values("0.2;0.4", "p1").tolist()
    [0.2, 0.4]
    """
    option = f"grid {name}"
    if not isinstance(spec, str):
        try:
            values = np.asarray(spec, dtype=float)
        except (TypeError, ValueError):
            raise InvalidParameterError(option, spec, "numbers or equal-length vectors of numbers") from None
        values = np.atleast_1d(values)
        if values.ndim not in (1, 2) or values.size == 0:
            raise InvalidParameterError(option, spec, "a non-empty list of numbers or of equal-length vectors")
        return values
    text = spec.strip()
    if text.startswith("simplex:"):
        if dimension is None:
            raise InvalidParameterError(option, spec, "START:STOP:NUM or V;V;...", "simplex:D is for priors")
        return simplex_lattice(dimension, _count(text[len("simplex:") :], option, spec, "D"))
    if ":" in text:
        parts = text.split(":")
        if len(parts) != 3:
            raise InvalidParameterError(option, spec, AXIS_GRAMMAR, "a range needs exactly START:STOP:NUM")
        start, stop = (_vector(part, option, spec) for part in parts[:2])
        if start.shape != stop.shape:
            raise InvalidParameterError(option, spec, AXIS_GRAMMAR, "START and STOP have different lengths")
        num = _count(parts[2], option, spec, "NUM")
        values = np.linspace(start, stop, num)
        return values[:, 0] if start.size == 1 and "," not in parts[0] else values
    items = [item for item in text.split(";")]
    vectors = [_vector(item, option, spec) for item in items]
    if len({v.size for v in vectors}) > 1:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, "the listed vectors have different lengths")
    values = np.array(vectors)
    return values[:, 0] if all("," not in item for item in items) else values


def _vector(text: str, option: str, spec: str) -> np.ndarray:
    items = [item.strip() for item in text.split(",")]
    try:
        numbers = [float(item) for item in items]
    except ValueError:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, f"'{text.strip()}' is not a number or vector") from None
    if not all(np.isfinite(numbers)):
        raise InvalidParameterError(option, spec, "finite numbers")
    return np.array(numbers)


def _count(text: str, option: str, spec: str, what: str) -> int:
    try:
        count = int(text.strip())
    except ValueError:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, f"{what} must be a whole number") from None
    if count < 1:
        raise InvalidParameterError(option, spec, AXIS_GRAMMAR, f"{what} must be at least 1")
    return count


def simplex_lattice(dimension: int, divisions: int) -> np.ndarray:
    """Every probability vector of length ``dimension`` with entries in {0, 1/D, ..., 1}.

    Examples
    --------
    >>> simplex_lattice(3, 2).tolist()
    [[0.0, 0.0, 1.0], [0.0, 0.5, 0.5], [0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.5, 0.5, 0.0], [1.0, 0.0, 0.0]]
    """
    if dimension < 1 or divisions < 1:
        raise InvalidParameterError("simplex", (dimension, divisions), "at least one entry and one division")
    # stars and bars: choose the positions of dimension - 1 bars among divisions + dimension - 1 slots
    rows = []
    for bars in combinations(range(divisions + dimension - 1), dimension - 1):
        edges = (-1, *bars, divisions + dimension - 1)
        rows.append([edges[k + 1] - edges[k] - 1 for k in range(dimension)])
    return np.array(rows, dtype=float) / divisions


# ---------------------------------------------------------------------------- progress
@dataclass(frozen=True)
class SweepProgress:
    """Where a sweep stands (passed to progress callbacks after every chunk)."""

    chunks_done: int
    chunks_total: int
    points_done: int
    points_total: int
    seconds: float


class ProgressBar:
    """A one-line progress bar (chunks, points, rate, time left), redrawn at most every 0.2 s.

    Parameters
    ----------
    stream
        Where to draw (standard error by default).
    width
        Characters of the bar itself.
    """

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self._last = -np.inf

    def __call__(self, progress: SweepProgress) -> None:
        now = time.perf_counter()
        finished = progress.chunks_done >= progress.chunks_total
        if not finished and now - self._last < PROGRESS_INTERVAL:
            return
        self._last = now
        share = progress.points_done / progress.points_total if progress.points_total else 1.0
        filled = int(round(self.width * share))
        rate = progress.points_done / progress.seconds if progress.seconds > 0 else 0.0
        left = (progress.points_total - progress.points_done) / rate if rate > 0 else float("nan")
        eta = f", {left:.0f} s left" if np.isfinite(left) and not finished else ""
        self.stream.write(
            f"\rsweep [{'#' * filled}{'.' * (self.width - filled)}] {100 * share:5.1f}% "
            f"{progress.chunks_done}/{progress.chunks_total} chunks, {progress.points_done:,} points, "
            f"{rate:,.0f} points/s{eta}   "
        )
        if finished:
            self.stream.write("\n")
        self.stream.flush()


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class SweepResult:
    """A finished sweep: one row per grid point, in the grid's C order.

    Attributes
    ----------
    columns
        Column name -> array (``point`` is the C-order index of the point).
    path
        The table written (``None`` when no ``out`` was given).
    chunks, chunks_computed, chunks_reused
        Number of chunks; how many were computed in this run and how many were read back from a
        previous, interrupted run.
    seconds
        Wall-clock time of this run.
    """

    columns: dict[str, np.ndarray] = field(repr=False)
    path: Path | None
    chunks: int
    chunks_computed: int
    chunks_reused: int
    seconds: float

    @property
    def points(self) -> int:
        """Number of rows (grid points)."""
        return len(self.columns["point"])

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe summary (without the columns)."""
        return {
            "points": self.points,
            "columns": list(self.columns),
            "path": None if self.path is None else str(self.path),
            "chunks": self.chunks,
            "chunks_computed": self.chunks_computed,
            "chunks_reused": self.chunks_reused,
            "seconds": self.seconds,
        }

    def __str__(self) -> str:
        where = f" -> {self.path}" if self.path is not None else ""
        reused = f" ({self.chunks_reused} reused from an earlier run)" if self.chunks_reused else ""
        return (
            f"sweep: {self.points:,} points in {self.chunks} chunks{reused}, {self.seconds:.2f} s{where}\n"
            f"  columns: {', '.join(self.columns)}"
        )


class SweepInterrupted(KeyboardInterrupt):
    """A sweep stopped by the user; the finished chunks are kept for a later run to resume."""


# ---------------------------------------------------------------------------- tasks
@dataclass(frozen=True)
class _Task:
    """What travels to a worker: the evaluator, the grid and which chunk to compute."""

    evaluator: Evaluator
    grid: Grid
    chunk: int
    start: int
    stop: int


def _run_task(task: _Task) -> dict[str, np.ndarray]:
    """Compute one chunk (in a worker): its points in snake order and the evaluator's columns."""
    digits = snake_digits(task.grid.shape, task.start, task.stop)
    points = np.ravel_multi_index(digits, task.grid.shape).astype(np.int64)
    columns = task.evaluator(task.grid.values_at(digits))
    for name, column in columns.items():
        if len(column) != len(points):
            raise ValueError(f"evaluator column {name!r} has {len(column)} rows for {len(points)} points")
    return {"point": points, **columns}


# ---------------------------------------------------------------------------- part files
def _parts_dir(out: Path) -> Path:
    return out.with_name(out.name + ".parts")


def _fingerprint(description: Mapping[str, Any], grid: Grid, chunk_size: int) -> str:
    text = json.dumps(
        {"version": PARTS_VERSION, "sweep": description, "grid": grid.to_dict(), "chunk_size": chunk_size},
        sort_keys=True,
        allow_nan=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _prepare_parts(parts: Path, fingerprint: str, resume: bool) -> None:
    manifest = parts / "manifest.json"
    if parts.exists() and manifest.exists():
        found = json.loads(manifest.read_text()).get("fingerprint")
        if found != fingerprint:
            raise InvalidParameterError(
                "out",
                str(parts.with_suffix("")),
                "a path whose parts directory belongs to this sweep",
                f"{parts} holds chunks of a different sweep; delete it or choose another output path",
            )
        if not resume:
            shutil.rmtree(parts)
    elif parts.exists() and any(parts.iterdir()):
        raise InvalidParameterError(
            "out", str(parts), "a path whose parts directory is new or belongs to this sweep", "it has no manifest"
        )
    parts.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"fingerprint": fingerprint, "version": PARTS_VERSION}))


def _part_path(parts: Path, chunk: int) -> Path:
    return parts / f"part-{chunk:06d}.npz"


def _write_part(parts: Path, chunk: int, columns: Mapping[str, np.ndarray]) -> None:
    """Write one chunk atomically (a crash never leaves half a part behind)."""
    final = _part_path(parts, chunk)
    temporary = final.with_name(final.name + ".tmp")
    with open(temporary, "wb") as handle:
        np.savez(handle, **columns)
    os.replace(temporary, final)


def _read_part(parts: Path, chunk: int) -> dict[str, np.ndarray] | None:
    path = _part_path(parts, chunk)
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


# ---------------------------------------------------------------------------- tables
def _table_format(out: Path) -> str:
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
    suffix = _table_format(out)
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
    if _table_format(path) == ".parquet":
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


# ---------------------------------------------------------------------------- running
def dask_executor(address: str) -> Executor:
    """The ``concurrent.futures`` executor of a ``dask.distributed`` client connected to ``address``.

    The client stays open for the life of the process (``distributed`` closes it at exit).
    """
    try:
        from distributed import Client
    except ImportError:
        raise InvalidParameterError(
            "scheduler", address, "usable once dask.distributed is installed (pip install 'bargainlab[distributed]')"
        ) from None
    try:
        client = Client(address, timeout=10)
    except OSError as error:
        raise InvalidParameterError(
            "scheduler", address, "the address of a running Dask scheduler", str(error)
        ) from None
    return client.get_executor()


def local_process_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers do not inherit the parent's threads (forkserver on POSIX).

    The fork server imports bargainlab (NumPy, SciPy, HiGHS) once; workers fork from it ready.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["bargainlab.models.two_sided.sweep"])
    else:  # pragma: no cover - Windows
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def run_sweep(
    evaluator: Evaluator,
    grid: Grid,
    *,
    description: Mapping[str, Any],
    chunk_size: int,
    out: str | Path | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    progress: bool | Callable[[SweepProgress], None] = False,
    resume: bool = True,
    keep_parts: bool = False,
) -> SweepResult:
    """Evaluate ``evaluator`` over ``grid`` in chunks; see the module docstring for the design.

    Parameters
    ----------
    evaluator
        Picklable callable: axis values of a block of points -> result columns (one row per point).
    grid
        The points.
    description
        JSON-safe description of everything else that determines the results (fixed parameters,
        quantities, method); with the grid and the chunk size it fingerprints the parts directory.
    chunk_size
        Points per task.
    out
        Output table (``.parquet`` or ``.csv``); enables part files and resuming.
    executor
        Where tasks run (not shut down here). Default: in-process, or a local process pool of
        ``workers`` processes.
    workers
        Size of the local process pool when no executor is given (1 or ``None``: in-process).
    progress
        ``True`` for a bar on stderr, or a callable receiving :class:`SweepProgress`.
    resume
        Reuse finished chunks of an earlier run of the same sweep (else start afresh).
    keep_parts
        Keep the parts directory after the table is written.

    Returns
    -------
    SweepResult
    """
    start_time = time.perf_counter()
    chunk_size = _positive_int("chunk_size", chunk_size)
    if workers is not None:
        workers = _positive_int("workers", workers)
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidParameterError("executor", executor, "a concurrent.futures.Executor")
    out_path = Path(out) if out is not None else None
    parts = None
    if out_path is not None:
        _table_format(out_path)
        parts = _parts_dir(out_path)
        _prepare_parts(parts, _fingerprint(description, grid, chunk_size), resume)
    total = grid.size
    bounds = [(k, s, min(s + chunk_size, total)) for k, s in enumerate(range(0, total, chunk_size))]
    results: dict[int, dict[str, np.ndarray]] = {}
    if parts is not None:
        for chunk, _, _ in bounds:
            found = _read_part(parts, chunk)
            if found is not None:
                results[chunk] = found
    reused = len(results)
    report = ProgressBar() if progress is True else (progress or None)
    tracker = _Tracker(len(bounds), total, report, start_time)
    tracker.add(len(results), sum(stop - s for chunk, s, stop in bounds if chunk in results))
    pending = [_Task(evaluator, grid, chunk, s, stop) for chunk, s, stop in bounds if chunk not in results]

    def finished(chunk: int, columns: dict[str, np.ndarray]) -> None:
        results[chunk] = columns
        if parts is not None:
            _write_part(parts, chunk, columns)
        tracker.add(1, len(columns["point"]))

    try:
        if executor is None and (workers is None or workers == 1):
            for task in pending:
                finished(task.chunk, _run_task(task))
        else:
            own = executor is None
            pool = local_process_pool(workers or 1) if own else executor
            try:
                _run_on(pool, pending, finished)
            finally:
                if own:
                    pool.shutdown(wait=True, cancel_futures=True)
    except KeyboardInterrupt:
        where = f"; they are kept in {parts}: run the same sweep again to resume" if parts is not None else ""
        raise SweepInterrupted(f"sweep interrupted after {len(results)} of {len(bounds)} chunks{where}") from None

    columns = _assemble([results[chunk] for chunk, _, _ in bounds], total)
    if out_path is not None:
        write_table(columns, out_path)
        if not keep_parts and parts is not None:
            shutil.rmtree(parts, ignore_errors=True)
    return SweepResult(
        columns=columns,
        path=out_path,
        chunks=len(bounds),
        chunks_computed=len(bounds) - reused,
        chunks_reused=reused,
        seconds=time.perf_counter() - start_time,
    )


def _run_on(pool: Executor, tasks: list[_Task], finished: Callable[[int, dict[str, np.ndarray]], None]) -> None:
    """Submit every task and hand each result to ``finished`` as it arrives; on any error or
    interruption cancel what has not started."""
    futures: dict[Future, int] = {}
    try:
        futures = {pool.submit(_run_task, task): task.chunk for task in tasks}
        remaining = set(futures)
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for future in done:
                finished(futures[future], future.result())
    finally:
        for future in futures:
            future.cancel()


class _Tracker:
    """Counts finished chunks and points and reports them."""

    def __init__(self, chunks: int, points: int, report: Callable[[SweepProgress], None] | None, start: float):
        self.chunks, self.points, self.report, self.start = chunks, points, report, start
        self.chunks_done = self.points_done = 0

    def add(self, chunks: int, points: int) -> None:
        self.chunks_done += chunks
        self.points_done += points
        if self.report is not None:
            seconds = time.perf_counter() - self.start
            self.report(SweepProgress(self.chunks_done, self.chunks, self.points_done, self.points, seconds))


def _assemble(chunks: list[dict[str, np.ndarray]], total: int) -> dict[str, np.ndarray]:
    """Put the rows of every chunk in their place in the grid's C order (a scatter, no sort)."""
    columns = {name: np.empty(total, dtype=column.dtype) for name, column in chunks[0].items()}
    for chunk in chunks:
        points = chunk["point"]
        for name, column in chunk.items():
            if column.dtype.kind == "U" and column.dtype.itemsize > columns[name].dtype.itemsize:
                columns[name] = columns[name].astype(column.dtype)  # a longer text in a later chunk
            columns[name][points] = column
    return columns


def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidParameterError(name, value, "a whole number of at least 1")
    return int(value)
