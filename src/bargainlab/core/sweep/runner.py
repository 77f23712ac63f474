"""Running a sweep: chunks in snake order, executors, part files, assembly of the table."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import socket
import time
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from bargainlab._version import __version__
from bargainlab.core.result import Result
from bargainlab.core.sweep.grid import Grid, snake_digits, snake_positions
from bargainlab.core.sweep.parts import PartInfo, fingerprint, parts_dir, prepare_parts, read_part, write_part
from bargainlab.core.sweep.progress import ProgressBar, SweepProgress, Tracker
from bargainlab.core.sweep.tables import TableColumns, TableWriter, table_columns, table_format
from bargainlab.errors import BargainlabError, InvalidParameterError

__all__ = [
    "SweepResult",
    "SweepInterrupted",
    "SweepWorkerLost",
    "run_sweep",
    "dask_executor",
    "local_process_pool",
    "Evaluator",
]

Evaluator = Callable[[Mapping[str, np.ndarray]], dict[str, np.ndarray]]


@dataclass(frozen=True, repr=False)
class SweepResult(Result):
    """A finished sweep: one row per grid point, in the grid's C order.

    ``to_frame()`` is the table; ``summary()`` (and ``to_dict()``) the run.

    Attributes
    ----------
    columns
        Column name -> array (``point`` is the C-order index of the point). When the sweep
        wrote a table (``out``), the columns were streamed to it chunk by chunk and are read
        back from it on first access (the run itself never holds them all).
    path
        The table written (``None`` when no ``out`` was given).
    chunks, chunks_computed, chunks_reused
        Number of chunks; how many were computed in this run and how many were read back from a
        previous, interrupted run.
    seconds
        Wall-clock time of this run.
    points
        Number of rows (grid points).
    retried
        Chunks computed again after their worker was lost.
    parts
        Whether finished chunks went through part files (``<out>.parts/``: resumable, verified)
        or were streamed straight into the table (``False``; also for a sweep held in memory).
    """

    model: ClassVar[str] = "sweep"
    hidden_fields: ClassVar[tuple[str, ...]] = ("held",)
    extra_fields: ClassVar[tuple[str, ...]] = ("column_names",)
    summary_fields: ClassVar[tuple[str, ...]] = ("points", "chunks", "path")

    held: Mapping[str, np.ndarray] | None
    path: Path | None
    chunks: int
    chunks_computed: int
    chunks_reused: int
    seconds: float
    points: int
    retried: tuple[int, ...] = ()
    parts: bool = False

    @property
    def columns(self) -> Mapping[str, np.ndarray]:
        """The result columns (read from the table written, column by column when first used,
        if they were streamed to it)."""
        if self.held is None:
            if self.path is None:  # pragma: no cover - a result has one or the other
                raise ValueError("this sweep result holds no columns")
            object.__setattr__(self, "held", TableColumns(self.path))
        assert self.held is not None
        return self.held

    @property
    def column_names(self) -> list[str]:
        """The table's column names, in order (without reading a streamed table's rows)."""
        if self.held is None and self.path is not None:
            return table_columns(self.path)
        return list(self.columns)

    def summary(self) -> dict[str, Any]:
        """The run: points, column names, where the table went, chunks, seconds (JSON-safe)."""
        return self.to_dict()

    def _frame_columns(self) -> Mapping[str, np.ndarray]:
        return self.columns


class SweepInterrupted(KeyboardInterrupt):
    """A sweep stopped by the user; the finished chunks are kept for a later run to resume."""


class SweepWorkerLost(BargainlabError):
    """A worker died (a crashed process, a lost Dask worker) twice while computing the same chunk."""


#: Exceptions (by class name) that mean the worker running a task was lost, not that the
#: evaluator failed: the chunk is computed once more before the sweep stops.
LOST_WORKER_ERRORS = ("BrokenProcessPool", "CancelledError", "KilledWorker", "CommClosedError")

#: Rows per block when a table is streamed from the part files (a Parquet row group / CSV block).
TABLE_BLOCK_POINTS = 1 << 17


#: Chunk orders: ``"snake"`` (boustrophedon, for warm-started solvers) or ``"c"`` (the grid's C
#: order, for pointwise evaluators whose rows do not depend on which points share a chunk).
ORDERS = ("snake", "c")

#: With a Dask executor: tasks per worker thread (each task computes several chunks, one after
#: another, each exactly as alone), and most chunks per task. Fewer, larger tasks cut the
#: scheduler's and client's cost per task (about 5 ms each way on a loopback cluster).
DASK_TASKS_PER_WORKER = 2
MAX_CHUNKS_PER_TASK = 16

#: A streamed table (no part files) is written chunk by chunk in order: at most this many chunks
#: per worker are computed ahead of the first chunk not yet written (the chunks that finish early
#: wait in memory), Dask tasks are runs of at most ``STREAM_CHUNKS_PER_TASK`` consecutive chunks,
#: and an executor that does not say how many workers it has is taken to have
#: ``STREAM_DEFAULT_WORKERS``.
STREAM_WINDOW_PER_WORKER = 2
STREAM_CHUNKS_PER_TASK = 2
STREAM_DEFAULT_WORKERS = 4


def _process() -> tuple[str, int]:
    """This process: its host's name and its process id."""
    return socket.gethostname(), os.getpid()


@dataclass(frozen=True)
class _Work:
    """What every task of a sweep shares (sent once to each Dask worker): the evaluator, the
    grid, the chunk order and the process that runs the sweep (``origin``: a task computed in
    another process sends its warnings back with its chunks)."""

    evaluator: Evaluator
    grid: Grid
    order: str = "snake"
    origin: tuple[str, int] = field(default_factory=_process)


@dataclass(frozen=True)
class _Task:
    """One task: the chunks ``(chunk, start, stop)`` it computes, each independently."""

    chunks: tuple[tuple[int, int, int], ...]

    @property
    def chunk(self) -> int:
        """The task's first chunk (names it in messages)."""
        return self.chunks[0][0]


def _digits(grid: Grid, order: str, start: int, stop: int) -> tuple[np.ndarray, ...]:
    """Axis indices of positions ``start, ..., stop - 1`` of the sweep's order."""
    if order == "c":
        return np.unravel_index(np.arange(start, stop, dtype=np.int64), grid.shape)
    return snake_digits(grid.shape, start, stop)


def _positions(grid: Grid, order: str, start: int, stop: int) -> np.ndarray:
    """C-order indices of positions ``start, ..., stop - 1`` of the sweep's order."""
    if order == "c":
        return np.arange(start, stop, dtype=np.int64)
    return snake_positions(grid.shape, start, stop)


def _run_chunk(work: _Work, start: int, stop: int) -> dict[str, np.ndarray]:
    """Compute one chunk: its points in the sweep's order and the evaluator's columns."""
    digits = _digits(work.grid, work.order, start, stop)
    points = (
        np.arange(start, stop, dtype=np.int64)
        if work.order == "c"
        else np.ravel_multi_index(digits, work.grid.shape).astype(np.int64)
    )
    columns = work.evaluator(work.grid.values_at(digits))
    for name, column in columns.items():
        if len(column) != len(points):
            raise ValueError(f"evaluator column {name!r} has {len(column)} rows for {len(points)} points")
    return {"point": points, **columns}


#: A warning raised while computing a chunk in another process: its category and text.
Caught = tuple[type[Warning], str]


def _run_task(work: _Work, task: _Task) -> tuple[list[dict[str, np.ndarray]], list[Caught]]:
    """Compute a task's chunks (in a worker), each exactly as if it were alone, and the warnings
    they raised when this is not the sweep's own process (a pool's or a Dask worker): the sweep
    raises them again, once each, so that none is lost in a worker's log (e.g. the
    ``RelaxedFloorsWarning`` of a degenerate point). In the sweep's own process (a thread pool)
    warnings reach the user as they are raised."""
    if _process() == work.origin:
        return [_run_chunk(work, start, stop) for _, start, stop in task.chunks], []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = [_run_chunk(work, start, stop) for _, start, stop in task.chunks]
    return results, [(w.category, str(w.message)) for w in caught]


def _raise_again(caught: list[Caught], seen: set[Caught]) -> None:
    """Warn in the sweep's process what a worker caught, each category and text once per sweep."""
    for category, text in caught:
        if (category, text) not in seen:
            seen.add((category, text))
            warnings.warn(category(text), stacklevel=2)


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
    context: multiprocessing.context.BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(["bargainlab.models.two_sided.sweep"])
        context = server
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
    order: str = "snake",
    parts: bool = True,
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
        Output table (``.parquet`` or ``.csv``), written atomically (a temporary file renamed at
        the end: an interrupted or failed run leaves no table behind).
    executor
        Where tasks run (not shut down here). Default: in-process, or a local process pool of
        ``workers`` processes.
    workers
        Size of the local process pool when no executor is given (1 or ``None``: in-process).
    progress
        ``True`` for a bar on stderr, or a callable receiving :class:`SweepProgress`.
    resume
        Reuse finished chunks of an earlier run of the same sweep (else start afresh); with parts.
    keep_parts
        Keep the parts directory after the table is written; with parts.
    order
        ``"snake"`` (default): chunks are runs of the boustrophedon order, so that consecutive
        points are neighbours (warm-started solvers). ``"c"``: runs of the grid's C order, for
        evaluators whose rows do not depend on which other points share their chunk (cheaper:
        no reordering; the table's rows are the chunks' rows in sequence).
    parts
        With ``out``: ``True`` (default) writes each finished chunk to a verified part file in
        ``<out>.parts/`` (resumable after an interruption) and streams the table from the parts
        at the end. ``False`` (only with ``order="c"``, whose chunks are runs of the table's
        rows) writes each chunk straight into the table as its turn comes (chunks that finish
        early wait, at most ``STREAM_WINDOW_PER_WORKER`` per worker), with no part files: for
        sweeps whose chunks are cheaper to compute again than to keep. Encoding and writing then
        run on a thread of their own, beside the computation.

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
    if order not in ORDERS:
        raise InvalidParameterError("order", order, "'snake' or 'c'")
    out_path = Path(out) if out is not None else None
    if not isinstance(parts, bool):
        raise InvalidParameterError("parts", parts, "True or False")
    use_parts = parts and out_path is not None
    if out_path is not None and not parts:
        if order != "c":
            raise InvalidParameterError(
                "parts", parts, "True for a sweep in snake order", "its chunks are not runs of the table's rows"
            )
        if keep_parts:
            raise InvalidParameterError("keep_parts", keep_parts, "used with part files (parts=True)")
    parts_path = None
    stamp = ""
    if out_path is not None:
        table_format(out_path)
    if use_parts and out_path is not None:
        parts_path = parts_dir(out_path)
        stamp = fingerprint({**description, "order": order} if order != "snake" else description, grid, chunk_size)
        prepare_parts(parts_path, stamp, resume)
    total = grid.size
    infos = [PartInfo(k, s, min(s + chunk_size, total), stamp) for k, s in enumerate(range(0, total, chunk_size))]
    work = _Work(evaluator, grid, order)
    done = _verified_chunks(parts_path, work, infos) if parts_path is not None else set()
    reused = len(done)
    report = ProgressBar() if progress is True else (progress or None)
    tracker = Tracker(len(infos), total, report, start_time)
    tracker.add(reused, sum(info.stop - info.start for info in infos if info.chunk in done))
    pending = [(info.chunk, info.start, info.stop) for info in infos if info.chunk not in done]
    held: dict[str, np.ndarray] = {}
    provenance = {"bargainlab_version": __version__, **dict(description), "grid": grid.to_dict()}
    stream = None
    if out_path is not None and parts_path is None:
        stream = _TableStream(TableWriter(out_path, provenance, background=True))

    def finished(chunk: int, columns: dict[str, np.ndarray]) -> None:
        if parts_path is not None:  # on disk at once, never held
            write_part(parts_path, infos[chunk], columns)
        elif stream is not None:  # into the table in order, never held longer than its turn
            stream.add(chunk, columns)
        else:
            _scatter(held, columns, total, infos[chunk].start if order == "c" else None)
        done.add(chunk)
        tracker.add(1, len(columns["point"]))

    window = None if stream is None else (lambda: stream.next_chunk)
    try:
        retried = _execute(work, pending, executor, workers, finished, window)
        if stream is not None:
            stream.close()
    except KeyboardInterrupt:
        if stream is not None:
            stream.abort()
        if parts_path is not None:
            where = f"; they are kept in {parts_path}: run the same sweep again to resume"
        elif stream is not None:
            where = f"; nothing was written to {out_path} (no part files; parts=True, --parts, keeps finished chunks)"
        else:
            where = ""
        raise SweepInterrupted(f"sweep interrupted after {len(done)} of {len(infos)} chunks{where}") from None
    except SweepWorkerLost as lost:
        if stream is not None:
            stream.abort()
        where = (
            f"; the {len(done)} finished chunks are kept in {parts_path}: run the same sweep again to resume"
            if parts_path
            else ""
        )
        raise SweepWorkerLost(f"{lost}{where}") from None
    except BaseException:
        if stream is not None:
            stream.abort()
        raise

    if out_path is not None and parts_path is not None:
        _stream_table(parts_path, grid, infos, out_path, provenance, order)
        if not keep_parts:
            shutil.rmtree(parts_path, ignore_errors=True)
    return SweepResult(
        held=held if out_path is None else None,
        path=out_path,
        chunks=len(infos),
        chunks_computed=len(infos) - reused,
        chunks_reused=reused,
        seconds=time.perf_counter() - start_time,
        points=total,
        retried=tuple(retried),
        parts=parts_path is not None,
    )


class _TableStream:
    """The chunks of a C-order sweep written straight into the table, each when its turn comes.

    Chunks are runs of the table's rows; one that arrives early (from another worker) waits
    until the chunks before it are written. Blocks of at least ``TABLE_BLOCK_POINTS`` rows go
    to the writer (Parquet row groups, CSV blocks); a column that is one value over the block
    stays one value (a broadcast view).
    """

    def __init__(self, writer: TableWriter) -> None:
        self.writer = writer
        self.next_chunk = 0
        self.waiting: dict[int, dict[str, np.ndarray]] = {}
        self.block: list[dict[str, np.ndarray]] = []
        self.rows = 0

    def add(self, chunk: int, columns: dict[str, np.ndarray]) -> None:
        """Take a finished chunk; write every chunk whose turn has come."""
        self.waiting[chunk] = columns
        while self.next_chunk in self.waiting:
            rows = self.waiting.pop(self.next_chunk)
            self.next_chunk += 1
            self.block.append(rows)
            self.rows += len(rows["point"])
            if self.rows >= TABLE_BLOCK_POINTS:
                self.flush()

    def flush(self) -> None:
        """Write the rows gathered so far as one block."""
        if self.block:
            self.writer.write(_concatenate(self.block))
            self.block, self.rows = [], 0

    def close(self) -> None:
        """Write the last block and move the table into place."""
        assert not self.waiting, "every chunk was written"
        self.flush()
        self.writer.close()

    def abort(self) -> None:
        """Stop: the temporary table is removed, nothing is left at the output path."""
        self.waiting.clear()
        self.block.clear()
        self.writer.abort()


def _concatenate(pieces: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Consecutive chunks as one block; a column that is the same broadcast value in every piece
    stays a broadcast value."""
    if len(pieces) == 1:
        return pieces[0]
    total = sum(len(piece["point"]) for piece in pieces)
    block: dict[str, np.ndarray] = {}
    for name in pieces[0]:
        columns = [piece[name] for piece in pieces]
        first = columns[0]
        if all(
            c.strides == (0,) and len(c) and c.dtype == first.dtype and c[:1].tobytes() == first[:1].tobytes()
            for c in columns
        ):
            block[name] = np.broadcast_to(first[:1], (total,))
        else:
            block[name] = np.concatenate(columns)
    return block


def _chunk_ends(work: _Work, info: PartInfo) -> tuple[int, int]:
    """C-order indices of a chunk's first and last point."""
    first = _positions(work.grid, work.order, info.start, info.start + 1)[0]
    last = _positions(work.grid, work.order, info.stop - 1, info.stop)[0]
    return int(first), int(last)


def _verified_chunks(parts: Path, work: _Work, infos: list[PartInfo]) -> set[int]:
    """The chunks an earlier run of the same sweep left in ``parts``, each verified
    (:func:`read_part` raises :class:`~bargainlab.core.sweep.parts.DamagedPartError` otherwise)."""
    found = set()
    for info in infos:
        if read_part(parts, info, *_chunk_ends(work, info)) is not None:
            found.add(info.chunk)
    return found


def _scatter(held: dict[str, np.ndarray], chunk: dict[str, np.ndarray], total: int, start: int | None = None) -> None:
    """Put a chunk's rows in their place in the grid's C order (no list of chunks, no final copy);
    ``start``: the chunk is the run of C-order points from ``start`` (a copy, no index).

    A column that is one value broadcast over the chunk (zero stride: a parameter fixed for the
    whole sweep, say) is held as that one value, broadcast over the table (a read-only view),
    for as long as every chunk brings the same value (bit for bit); otherwise it is filled in.
    """
    points: Any = chunk["point"] if start is None else slice(start, start + len(chunk["point"]))
    for name, column in chunk.items():
        target = held.get(name)
        constant = column.ndim == 1 and len(column) > 0 and column.strides == (0,)
        if target is None and constant:
            held[name] = np.broadcast_to(np.array(column[:1]), (total,))
            continue
        if target is not None and target.strides == (0,):
            if constant and column.dtype == target.dtype and column[:1].tobytes() == target[:1].tobytes():
                continue
            dtype = column.dtype if column.dtype.kind == "U" and column.dtype.itemsize > target.dtype.itemsize else None
            target = held[name] = np.array(target, dtype=dtype)  # the same value at every point so far
        if target is None:
            target = held[name] = np.empty(total, dtype=column.dtype)
        elif column.dtype.kind == "U" and column.dtype.itemsize > target.dtype.itemsize:
            target = held[name] = target.astype(column.dtype)  # a longer text in a later chunk
        target[points] = column


def _block_level(shape: tuple[int, ...], limit: int) -> int:
    """The fewest leading axes k whose C-order blocks (Π of the other axes' sizes) have at most
    ``limit`` points (the last axis alone if none does)."""
    for k in range(len(shape)):
        if int(np.prod(shape[k:], dtype=np.int64)) <= limit:
            return k
    return len(shape) - 1


def _stream_table(
    parts: Path,
    grid: Grid,
    infos: list[PartInfo],
    out: Path,
    metadata: Mapping[str, Any] | None = None,
    order: str = "snake",
) -> None:
    """Write the table in C order block by block from the part files: peak memory is one block
    and the few parts it overlaps, whatever the number of points.

    A C-order block fixes the first ``k`` axis indices; in snake order the same points are one
    contiguous run (the snake reverses a digit by the parity of the digits before it), found
    from the block's leading digits; in C order it is the run of the same positions.
    """
    shape = tuple(grid.shape)
    chunk_size = infos[0].stop - infos[0].start
    level = _block_level(shape, max(TABLE_BLOCK_POINTS, chunk_size))
    block = int(np.prod(shape[level:], dtype=np.int64))
    strides = [int(np.prod(shape[j + 1 :], dtype=np.int64)) for j in range(len(shape))]
    cache: dict[int, dict[str, np.ndarray]] = {}
    pending: list[dict[str, np.ndarray]] = []  # consecutive blocks, written together once large enough

    def flush() -> None:
        if pending:
            names = list(pending[0])
            writer.write({name: np.concatenate([rows[name] for rows in pending]) for name in names})
            pending.clear()

    with TableWriter(out, metadata) as writer:
        for lead in np.ndindex(*shape[:level]) if level else [()]:
            c0 = int(sum(d * strides[j] for j, d in enumerate(lead)))
            parity, s0 = 0, 0
            for j, d in enumerate(lead):  # the snake's digits of the block's leading indices
                raw = shape[j] - 1 - d if parity & 1 and order == "snake" else d
                s0 += raw * strides[j]
                parity += d
            rows: dict[str, np.ndarray] = {}
            for chunk in range(s0 // chunk_size, (s0 + block - 1) // chunk_size + 1):
                if chunk not in cache:
                    if len(cache) >= 2:  # a block needs at most the chunks it overlaps; keep two
                        cache.pop(next(iter(cache)))
                    loaded = read_part(parts, infos[chunk], verify=False)
                    assert loaded is not None, f"chunk {chunk} was computed"
                    cache[chunk] = loaded
                columns = cache[chunk]
                info = infos[chunk]
                lo, hi = max(s0, info.start) - info.start, min(s0 + block, info.stop) - info.start
                where = columns["point"][lo:hi] - c0
                for name, column in columns.items():
                    target = rows.get(name)
                    if target is None or (column.dtype.kind == "U" and column.dtype.itemsize > target.dtype.itemsize):
                        widened = np.empty(block, dtype=column.dtype)
                        if target is not None:
                            widened[:] = target
                        target = rows[name] = widened
                    target[where] = column[lo:hi]
            pending.append(rows)
            if len(pending) * block >= TABLE_BLOCK_POINTS:
                flush()
        flush()


def _execute(
    work: _Work,
    chunks: list[tuple[int, int, int]],
    executor: Executor | None,
    workers: int | None,
    finished: Callable[[int, dict[str, np.ndarray]], None],
    written: Callable[[], int] | None = None,
) -> list[int]:
    """Run the chunks ``(chunk, start, stop)`` in-process, on a local pool of ``workers``
    processes, or on ``executor``.

    One task per chunk, except on a Dask cluster: there the work (evaluator and grid) is
    scattered to every worker once and each task computes several chunks (``_dask_tasks``).
    Every chunk is computed alone (its own solver model), so the table does not depend on how
    chunks were grouped or where they ran. A task whose worker is lost (``LOST_WORKER_ERRORS``:
    a crashed pool process, a killed Dask worker) is submitted once more (on a fresh pool if the
    local one broke); a task lost twice stops the sweep with :class:`SweepWorkerLost`. Returns
    the chunks that were retried.

    ``written`` (a streamed table): returns the first chunk not yet written; tasks are then
    submitted in order, none with a chunk ``STREAM_WINDOW_PER_WORKER`` chunks per worker (at
    least one task) beyond it, so that the chunks waiting for their turn stay few.
    """
    if executor is None and (workers is None or workers == 1):
        for chunk, start, stop in chunks:
            finished(chunk, _run_chunk(work, start, stop))
        return []
    own = executor is None
    tasks = [_Task((chunk,)) for chunk in chunks]
    shared: Any = work
    client = None if own else _dask_client(executor)
    slots = (workers or 1) if own else int(getattr(executor, "_max_workers", 0) or STREAM_DEFAULT_WORKERS)
    if client is not None:
        slots = _dask_slots(client) or STREAM_DEFAULT_WORKERS
        tasks = _dask_tasks(chunks, client, contiguous=written is not None)
        try:
            shared = client.scatter(work, broadcast=True, hash=False)
        except Exception:  # pragma: no cover - a client that cannot scatter gets the work with every task
            shared = work
    limit = None
    if written is not None:
        ahead = max(STREAM_WINDOW_PER_WORKER * slots, max(len(task.chunks) for task in tasks) if tasks else 1)
        limit = lambda: written() + ahead  # noqa: E731 - the first chunk that may not be submitted yet
    attempts: dict[_Task, int] = {}
    remaining = tasks
    while remaining:
        pool = local_process_pool(workers or 1) if own else executor
        assert pool is not None
        try:
            remaining = _run_on(pool, work, shared, remaining, finished, attempts, limit)
        finally:
            if own:
                pool.shutdown(wait=True, cancel_futures=True)
    return sorted(chunk for task in attempts for chunk, _, _ in task.chunks)


def _dask_client(executor: Executor | None) -> Any:
    """The ``distributed.Client`` behind ``client.get_executor()``, else ``None``."""
    if executor is None or not type(executor).__module__.startswith("distributed"):
        return None
    client = getattr(executor, "_client", None)
    return client if client is not None and hasattr(client, "scatter") and hasattr(client, "nthreads") else None


def _dask_slots(client: Any) -> int | None:
    """Worker threads of a Dask cluster (``None`` if the client cannot say)."""
    try:
        return max(1, int(sum(client.nthreads().values())))
    except Exception:  # pragma: no cover - a client that cannot say
        return None


def _dask_tasks(chunks: list[tuple[int, int, int]], client: Any, contiguous: bool = False) -> list[_Task]:
    """Tasks of several chunks each for a Dask cluster: ``DASK_TASKS_PER_WORKER`` per worker
    thread, at most ``MAX_CHUNKS_PER_TASK`` chunks each. Task k takes chunks k, k + T, k + 2T, ...
    (T tasks), so that costly regions of the grid are spread over the tasks. ``contiguous`` (a
    streamed table, whose chunks are written in order): runs of at most ``STREAM_CHUNKS_PER_TASK``
    consecutive chunks instead."""
    slots = _dask_slots(client)
    if slots is None:  # pragma: no cover - a client that cannot say: one chunk per task
        return [_Task((chunk,)) for chunk in chunks]
    if contiguous:
        size = max(1, min(STREAM_CHUNKS_PER_TASK, len(chunks) // (DASK_TASKS_PER_WORKER * slots)))
        return [_Task(tuple(chunks[k : k + size])) for k in range(0, len(chunks), size)]
    count = max(min(len(chunks), DASK_TASKS_PER_WORKER * slots), -(-len(chunks) // MAX_CHUNKS_PER_TASK))
    return [_Task(tuple(chunks[k::count])) for k in range(count)]


def _run_on(
    pool: Executor,
    work: _Work,
    shared: Any,
    tasks: list[_Task],
    finished: Callable[[int, dict[str, np.ndarray]], None],
    attempts: dict[_Task, int],
    limit: Callable[[], int] | None = None,
) -> list[_Task]:
    """Submit the tasks and hand each chunk's result to ``finished`` as its task returns; on
    any error or interruption cancel what has not started. ``shared`` is ``work`` or a Dask
    future of it (a retried task gets ``work`` itself). With ``limit``, tasks are submitted in
    order and only while their last chunk is below ``limit()``. Returns the tasks to run again
    after a lost worker (all unfinished ones if the pool itself broke)."""
    futures: dict[Future, _Task] = {}
    seen: set[Caught] = set()  # the workers' warnings raised so far
    waiting = list(tasks)
    waiting.reverse()  # the next task to submit at the end

    def submit_ready() -> None:
        while waiting and (limit is None or waiting[-1].chunks[-1][0] < limit()):
            task = waiting.pop()
            future = pool.submit(_run_task, shared, task)
            futures[future] = task
            remaining.add(future)

    remaining: set[Future] = set()
    try:
        submit_ready()
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            retry: list[_Task] = []
            broken = False
            for future in done:
                task = futures[future]
                try:
                    results, caught = future.result()
                except BaseException as error:
                    if type(error).__name__ not in LOST_WORKER_ERRORS:
                        raise
                    broken = broken or type(error).__name__ == "BrokenProcessPool"
                    attempts[task] = attempts.get(task, 0) + 1
                    if attempts[task] > 1:
                        raise SweepWorkerLost(
                            f"a worker was lost twice while computing chunk {_chunk_list(task)} "
                            f"({type(error).__name__}): the sweep stops"
                        ) from None
                    retry.append(task)
                    continue
                _raise_again(caught, seen)
                for (chunk, _, _), columns in zip(task.chunks, results):
                    finished(chunk, columns)
            if retry:
                if broken:  # the pool is gone: every unfinished task goes to a fresh one, in order
                    unfinished = retry + [futures[f] for f in remaining] + waiting[::-1]
                    return sorted(unfinished, key=lambda task: task.chunk)
                for task in retry:
                    future = pool.submit(_run_task, work, task)
                    futures[future] = task
                    remaining.add(future)
            submit_ready()
        return []
    finally:
        for future in futures:
            future.cancel()


def _chunk_list(task: _Task) -> str:
    """The chunks of a task and their positions, for a message."""
    return ", ".join(f"{chunk} (points {start}-{stop - 1} of the sweep's order)" for chunk, start, stop in task.chunks)


def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidParameterError(name, value, "a whole number of at least 1")
    return int(value)
