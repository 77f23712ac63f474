"""Benchmark: the same LP sweep through a Dask LocalCluster on loopback vs a local process pool.

The three-type 200×200 map of ``lp_map.py`` (``benchmarks/common.py``) as a ``bargainlab.sweep``
with 2 workers each way: ``workers=2`` (a ``ProcessPoolExecutor``) and a
``dask.distributed.LocalCluster`` of 2 single-threaded worker processes on 127.0.0.1 used through
``client.get_executor()`` (what ``--scheduler ADDRESS`` does with a remote cluster). Each Dask task computes
several chunks (two tasks per worker), the grid scattered to the workers once. Start-up of
the pool/cluster (including importing bargainlab in the workers, which the pool's fork server
does once) is timed separately from the sweep. Prints the times, the Dask/pool overhead
ratio, the allocator setting Dask's nanny gives its workers (``MALLOC_TRIM_THRESHOLD_``: freed
memory goes back to the system at once, see docs/performance.md) and the largest difference
between the two tables.
Run:  python benchmarks/dask_sweep.py [--grid N] [--chunk-size C]
"""

from __future__ import annotations

import argparse
import importlib
import os
import time

import numpy as np
from common import BETA, VALUES1, VALUES2, machine_note, parent_cpu, segment_spec, started_pool

import bargainlab as bl
from bargainlab.core.sweep.runner import _dask_tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=200, help="points per axis (default 200)")
    parser.add_argument("--chunk-size", type=int, default=2000, help="points per task (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="workers each way (default 2)")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    print(machine_note())
    n, workers = args.grid, args.workers
    grid = {"prior1": f"{segment_spec()}:{n}", "prior2": f"{segment_spec()}:{n}"}
    fixed = dict(values1=VALUES1, values2=VALUES2, bargaining_power=BETA, method="lp", chunk_size=args.chunk_size)

    start = time.perf_counter()
    pool = started_pool(workers)  # every worker started and warm
    t_pool_start = time.perf_counter() - start
    pooled, t_pool, cpu_pool = parent_cpu(bl.sweep, grid, **fixed, executor=pool)
    pool_trim = pool.submit(_trim_threshold).result()
    pool.shutdown()

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    client = Client(cluster)
    client.run(importlib.import_module, "bargainlab.models.two_sided.sweep")  # as the pool's fork server does
    t_dask_start = time.perf_counter() - start
    trim = sorted(set(client.run(_trim_threshold).values()), key=str)
    dasked, t_dask, cpu_dask = parent_cpu(bl.sweep, grid, **fixed, executor=client.get_executor())
    client.close()
    cluster.close()

    points = n * n
    chunks = pooled.chunks
    dask_tasks = _dask_tasks([(k, 0, 1) for k in range(chunks)], _Slots(workers))
    print(
        f"LP sweep over a {n}x{n} grid of three-type priors ({points:,} points, {chunks} chunks of {args.chunk_size})"
    )
    print(f"{'executor':<52}{'start s':>9}{'sweep s':>9}{'points/s':>11}")
    print(f"{f'local process pool, {workers} workers':<52}{t_pool_start:>9.2f}{t_pool:>9.2f}{points / t_pool:>11,.0f}")
    print(
        f"{f'Dask LocalCluster on 127.0.0.1, {workers} workers':<52}"
        f"{t_dask_start:>9.2f}{t_dask:>9.2f}{points / t_dask:>11,.0f}"
    )
    print(
        f"Dask / process pool sweep time: {t_dask / t_pool:.2f}x (the goal: <= 1.3x) "
        f"(difference per chunk {(t_dask - t_pool) / chunks * 1e3:+.1f} ms)"
    )
    print(
        f"parent process CPU: pool {cpu_pool:.3f} s, Dask {cpu_dask:.3f} s (client, and here the "
        f"LocalCluster's scheduler too; {len(dask_tasks)} Dask tasks of up to "
        f"{max(len(t.chunks) for t in dask_tasks)} chunks, the grid scattered once)"
    )
    print(
        f"MALLOC_TRIM_THRESHOLD_ in the Dask workers: {', '.join(map(str, trim))} (set by Dask's nanny); "
        f"in the pool's workers: {pool_trim} (None: glibc's dynamic threshold)"
    )
    print(f"largest |Dask - pool| = {np.max(np.abs(dasked.columns['gap'] - pooled.columns['gap'])):.2e}")


def _trim_threshold() -> str | None:
    """This process's ``MALLOC_TRIM_THRESHOLD_`` (``None``: glibc's dynamic threshold)."""
    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


class _Slots:
    """Stands for the cluster's client when counting the tasks the sweep made."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def nthreads(self) -> dict[str, int]:
        return {str(k): 1 for k in range(self.workers)}


if __name__ == "__main__":
    main()
