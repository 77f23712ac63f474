"""Benchmark: Gap over an N×N belief grid (default 200×200) for three-type players, by LP.

The family (``benchmarks/common.py``): values (0, 0.3, 0.6) and (0.2, 0.7, 1), β = 0.5; each
player's prior moves along the segment from (0.6, 0.3, 0.1) to (0.1, 0.3, 0.6) of the simplex.

Measured in the same run:

* the naive path, a fresh ``scipy.optimize.linprog`` per point, on a sample of points spread over
  the grid (the whole grid would take minutes); its rate stands for the whole grid;
* one reused, warm-started HiGHS model over the whole grid in boustrophedon (snake) order
  (``gap_on_points``), and in row-major order for comparison;
* the same grid as a sweep (``bargainlab.sweep``) in-process and with 2 worker processes (a
  process pool started beforehand, every worker warm; its start-up time is printed too), with
  the parent process's CPU time (its serial share of the pooled sweep).

Prints seconds, points per second, the ratios, and the largest difference between the reused
model and linprog on the sample. Run:  python benchmarks/lp_map.py [--grid N] [--sample M]
"""

from __future__ import annotations

import argparse

import numpy as np
from common import (
    BETA,
    VALUES1,
    VALUES2,
    linprog_gaps,
    machine_note,
    parent_cpu,
    segment_priors,
    segment_spec,
    started_pool,
    timed,
)

import bargainlab as bl
from bargainlab.core.sweep import snake_positions
from bargainlab.models.two_sided.maps import gap_on_points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=200, help="points per axis (default 200)")
    parser.add_argument("--sample", type=int, default=1000, help="linprog points (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()
    n = args.grid
    print(machine_note())
    s = np.linspace(0.0, 1.0, n)
    S1, S2 = np.meshgrid(s, s, indexing="ij")
    P1, P2 = segment_priors(S1.ravel()), segment_priors(S2.ravel())
    points = n * n
    snake = snake_positions((n, n), 0, points)

    reused, t_snake = timed(gap_on_points, VALUES1, VALUES2, P1[snake], P2[snake], BETA, "lp")
    gaps = np.empty(points)
    gaps[snake] = reused.gap
    row_major, t_rows = timed(gap_on_points, VALUES1, VALUES2, P1, P2, BETA, "lp")

    rng = np.random.default_rng(0)
    sample = rng.choice(points, size=min(args.sample, points), replace=False)
    naive, t_naive_sample = timed(linprog_gaps, P1[sample], P2[sample])
    rate_naive = len(sample) / t_naive_sample

    grid = {"prior1": f"{segment_spec()}:{n}", "prior2": f"{segment_spec()}:{n}"}
    fixed = dict(values1=VALUES1, values2=VALUES2, bargaining_power=BETA, method="lp")
    single, t_sweep1, cpu1 = parent_cpu(bl.sweep, grid, **fixed)
    pool, t_start = timed(started_pool, args.workers)  # every worker started and warm
    pooled, t_sweep2, cpu2 = parent_cpu(bl.sweep, grid, **fixed, executor=pool)
    pool.shutdown()

    print(f"Gap over a {n}x{n} grid of three-type priors ({points} points), values {VALUES1} vs {VALUES2}, β = {BETA}")
    print(f"gap > 1e-9 at {np.mean(gaps > 1e-9):.0%} of points, largest {gaps.max():.4f}")
    print(f"{'method':<58}{'seconds':>9}{'points/s':>11}{'vs linprog':>12}")
    rows = [
        (f"loop of scipy.optimize.linprog ({len(sample)} sampled points)", t_naive_sample, rate_naive),
        ("one warm-started HiGHS model, row-major order", t_rows, points / t_rows),
        ("one warm-started HiGHS model, snake order", t_snake, points / t_snake),
        ("bargainlab.sweep, in-process (2000-point chunks)", t_sweep1, points / t_sweep1),
        (f"bargainlab.sweep, {args.workers} worker processes (started)", t_sweep2, points / t_sweep2),
        (f"  the same, counting the pool's start ({t_start:.1f} s)", t_sweep2 + t_start, points / (t_sweep2 + t_start)),
    ]
    for name, seconds, rate in rows:
        print(f"{name:<58}{seconds:>9.2f}{rate:>11.0f}{rate / rate_naive:>11.1f}x")
    print(
        f"{args.workers} workers vs in-process sweep: {t_sweep1 / t_sweep2:.2f}x (the goal: >= 1.7x with 2 idle cores)"
    )
    print(
        f"parent process CPU: in-process sweep {cpu1:.3f} s (all the work); with {args.workers} workers "
        f"{cpu2:.3f} s ({cpu2 / single.chunks * 1e3:.1f} ms per chunk: submitting, receiving, placing rows)"
    )
    print(f"largest |reused HiGHS - linprog| on the sample   = {np.max(np.abs(gaps[sample] - naive)):.2e}")
    print(f"largest |snake - row-major order|                = {np.max(np.abs(gaps - row_major.gap)):.2e}")
    print(f"largest |sweep (2 workers) - reused HiGHS|       = {np.max(np.abs(pooled.columns['gap'] - gaps)):.2e}")
    difference = np.max(np.abs(single.columns["gap"] - pooled.columns["gap"]))
    print(f"largest |sweep in-process - sweep 2 workers|     = {difference:.2e}")


if __name__ == "__main__":
    main()
