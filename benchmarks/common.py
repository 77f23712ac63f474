"""Shared pieces of the benchmarks: the three-type family of priors, timers, machine notes."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import solve_with_linprog
from bargainlab.core.monopoly import monopoly_payoff

#: Three types per player (largest value 1, so the LP is already in normalised units).
VALUES1 = (0.0, 0.3, 0.6)
VALUES2 = (0.2, 0.7, 1.0)
BETA = 0.5

#: Each player's prior moves along a segment of the simplex, from mostly low to mostly high,
#: with the middle type's probability fixed: p(s) = (1 - s) * PRIOR_FROM + s * PRIOR_TO.
PRIOR_FROM = (0.6, 0.3, 0.1)
PRIOR_TO = (0.1, 0.3, 0.6)


def segment_spec() -> str:
    """The prior segment in the sweep grammar, without the number of points."""
    return f"{','.join(map(str, PRIOR_FROM))}:{','.join(map(str, PRIOR_TO))}"


def segment_priors(s: np.ndarray) -> np.ndarray:
    """Priors p(s) along the segment, shape (len(s), 3)."""
    s = np.asarray(s, dtype=float)[:, None]
    return (1.0 - s) * np.asarray(PRIOR_FROM) + s * np.asarray(PRIOR_TO)


def linprog_gaps(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    """The naive path: build program (4.1) and solve it afresh with scipy.optimize.linprog per point."""
    v1, v2 = np.asarray(VALUES1), np.asarray(VALUES2)
    lp = InterimLP(v1, v2)
    out = np.empty(len(P1))
    for k in range(len(P1)):
        f1 = BETA * monopoly_payoff(v1, v2, P2[k])
        f2 = (1 - BETA) * monopoly_payoff(v2, v1, P1[k])
        program = lp.program(P1[k], P2[k], lp.payoff_objective(P1[k], None), f1, f2)
        out[k] = solve_with_linprog(program).objective - P1[k] @ f1
    return out


def timed(function: Callable[..., Any], *args: Any, repeat: int = 1, **kwargs: Any) -> tuple[Any, float]:
    """Result and the best wall-clock time of ``repeat`` calls."""
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return result, best


def machine_note() -> str:
    """One line about the machine and its load when the benchmark started."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load:.2f} at start, Python {platform.python_version()}, NumPy {np.__version__}"
    )


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def started_pool(workers: int) -> Any:
    """A local process pool (``bargainlab.core.sweep.local_process_pool``) whose every worker has
    started and imported what the benchmark's main module imports (a pool's workers start on
    first use; a single warm-up task can leave the others still importing when the clock starts)."""
    from bargainlab.core.sweep import local_process_pool

    pool = local_process_pool(workers)
    seen: set[int] = set()
    while len(seen) < workers:
        seen.update(pool.map(_pid_after, [0.05] * workers))
    return pool


def parent_cpu(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float, float]:
    """Result, wall-clock seconds and this (the parent) process's CPU seconds of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start, time.process_time() - cpu
