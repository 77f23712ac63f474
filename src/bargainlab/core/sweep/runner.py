"""Running a sweep: chunks in snake order, executors, part files, assembly of the table."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bargainlab.core.sweep.grid import Grid, snake_digits
from bargainlab.core.sweep.parts import fingerprint, parts_dir, prepare_parts, read_part, write_part
from bargainlab.core.sweep.progress import ProgressBar, SweepProgress, Tracker
from bargainlab.core.sweep.tables import table_format, write_table
from bargainlab.errors import InvalidParameterError

__all__ = ["SweepResult", "SweepInterrupted", "run_sweep", "dask_executor", "local_process_pool", "Evaluator"]

Evaluator = Callable[[Mapping[str, np.ndarray]], dict[str, np.ndarray]]


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
        table_format(out_path)
        parts = parts_dir(out_path)
        prepare_parts(parts, fingerprint(description, grid, chunk_size), resume)
    total = grid.size
    bounds = [(k, s, min(s + chunk_size, total)) for k, s in enumerate(range(0, total, chunk_size))]
    results = _finished_chunks(parts, len(bounds)) if parts is not None else {}
    reused = len(results)
    report = ProgressBar() if progress is True else (progress or None)
    tracker = Tracker(len(bounds), total, report, start_time)
    tracker.add(len(results), sum(stop - s for chunk, s, stop in bounds if chunk in results))
    pending = [_Task(evaluator, grid, chunk, s, stop) for chunk, s, stop in bounds if chunk not in results]

    def finished(chunk: int, columns: dict[str, np.ndarray]) -> None:
        results[chunk] = columns
        if parts is not None:
            write_part(parts, chunk, columns)
        tracker.add(1, len(columns["point"]))

    try:
        _execute(pending, executor, workers, finished)
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


def _finished_chunks(parts: Path, chunks: int) -> dict[int, dict[str, np.ndarray]]:
    """The chunks an earlier run of the same sweep left in ``parts``."""
    results = {}
    for chunk in range(chunks):
        found = read_part(parts, chunk)
        if found is not None:
            results[chunk] = found
    return results


def _execute(
    tasks: list[_Task],
    executor: Executor | None,
    workers: int | None,
    finished: Callable[[int, dict[str, np.ndarray]], None],
) -> None:
    """Run the tasks in-process, on a local pool of ``workers`` processes, or on ``executor``."""
    if executor is None and (workers is None or workers == 1):
        for task in tasks:
            finished(task.chunk, _run_task(task))
        return
    own = executor is None
    pool = local_process_pool(workers or 1) if own else executor
    try:
        _run_on(pool, tasks, finished)
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)


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
