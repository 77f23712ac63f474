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
  LPs per task); pointwise evaluators (``order="c"``) cut the grid's C order instead. A task
  carries only the grid and its chunk number; the worker rebuilds its points and builds its own
  solver per chunk, so nothing large travels and every executor gives the same table, bit for
  bit. On a Dask cluster the grid is scattered once and each task computes several chunks.
* **Executors.** In-process by default; ``workers=N`` starts a local process pool; any
  :class:`concurrent.futures.Executor` can be passed, such as a ``dask.distributed`` client's
  ``client.get_executor()`` (:func:`dask_executor`), which runs the same sweep on a cluster.
* **Resume.** With an output path ``out``, every finished chunk is written at once (atomically) to
  ``<out>.parts/part-NNNNNN.npz`` beside a manifest that fingerprints the sweep, and is not held
  in memory. Each part records its chunk, its points, the sweep's fingerprint and a checksum;
  running the same sweep again verifies and skips the chunks already there (after an
  interruption, say); a part that does not verify is an error naming it
  (:class:`DamagedPartError`), and a parts directory of a different sweep is never mixed in.
  When every chunk is done the table (one row per point, in the grid's own order) is streamed
  from the parts block by block (Parquet row groups, CSV blocks), so peak memory does not grow
  with the number of points, and the parts are removed.
* **Lost workers.** A chunk whose worker died (crashed pool process, killed Dask worker) is
  computed once more; lost twice, the sweep stops with :class:`SweepWorkerLost`, parts kept.
* **Progress.** A bar on stderr (``progress=True``) or a callback receiving :class:`SweepProgress`.
"""

from bargainlab.core.sweep.grid import (
    AXIS_GRAMMAR,
    Axis,
    Grid,
    axis_values,
    simplex_lattice,
    snake_digits,
    snake_positions,
)
from bargainlab.core.sweep.parts import DamagedPartError
from bargainlab.core.sweep.progress import ProgressBar, SweepProgress
from bargainlab.core.sweep.runner import (
    SweepInterrupted,
    SweepResult,
    SweepWorkerLost,
    dask_executor,
    local_process_pool,
    run_sweep,
)
from bargainlab.core.sweep.tables import TABLE_FORMATS, read_table, write_table

__all__ = [
    "AXIS_GRAMMAR",
    "Axis",
    "DamagedPartError",
    "Grid",
    "ProgressBar",
    "SweepInterrupted",
    "SweepProgress",
    "SweepResult",
    "SweepWorkerLost",
    "TABLE_FORMATS",
    "axis_values",
    "dask_executor",
    "local_process_pool",
    "read_table",
    "run_sweep",
    "simplex_lattice",
    "snake_digits",
    "snake_positions",
    "write_table",
]
