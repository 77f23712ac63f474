"""Benchmark: E and the Gap one point at a time in a Python loop, against the map path.

The three-type family of ``benchmarks/common.py`` (values (0, 0.3, 0.6) and (0.2, 0.7, 1),
β = 0.5, priors along a segment of the simplex) on an N×N grid (default 40×40), by LP. In the
same run, each path timed ``--repeat`` times in turn (the best time is kept, so a burst of load
on a shared machine hits one repetition, not one path):

* ``map path``: ``gap_on_points`` over all points at once (the baseline);
* ``linprog loop``: a fresh ``scipy.optimize.linprog`` per point (on a sample);
* ``fresh model loop``: build program (4.1) and a new HiGHS model per point (what
  ``two_sided.gap(env, method="lp")`` did before the solver cache);
* ``reused HiGHS model``: one ``HighsModel`` (the highspy wrapper) kept across points, its
  coefficients, bounds and objective changed in place and HiGHS run warm at every point;
* ``two_sided.gap loop``: the public per-point call, ``bl.two_sided.gap(env, method="lp")``,
  with an environment built (and checked) per point by ``bl.two_sided_environment``;
* ``InterimSolver loop``: one held solver (``bargainlab.core.interim_solver``) and the held
  random monopoly floors of these values (``RandomMonopolyFloors``), floors and objective per point;
* ``two_sided.solve``: the full outcome per point (on a sample), with ``ranges="none"`` (one
  optimal solution) and the default ranges (every quantity ranged over the optimal face).

Prints points per second, the ratio of each path's time per point to the map path's (wall
clock, and the process's CPU time, less sensitive to other processes on a shared machine), and
the largest difference of its Gap from the map path's. Run:
python benchmarks/per_point.py [--grid N] [--sample K] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

import numpy as np
from common import BETA, VALUES1, VALUES2, linprog_gaps, machine_note, segment_priors, timed

import bargainlab as bl
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.interim_solver import InterimSolver
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import RandomMonopolyFloors, monopoly_payoff
from bargainlab.models.two_sided.maps import gap_on_points


def floors(p1: np.ndarray, p2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    v1, v2 = np.asarray(VALUES1), np.asarray(VALUES2)
    return BETA * monopoly_payoff(v1, v2, p2), (1 - BETA) * monopoly_payoff(v2, v1, p1)


def fresh_model_loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    lp = InterimLP(VALUES1, VALUES2)
    out = np.empty(len(P1))
    for k in range(len(P1)):
        f1, f2 = floors(P1[k], P2[k])
        program = lp.program(P1[k], P2[k], lp.payoff_objective(P1[k], None), f1, f2)
        out[k] = HighsModel(program).solve().objective - P1[k] @ f1
    return out


def reused_model_loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    lp = InterimLP(VALUES1, VALUES2)
    floors_of = RandomMonopolyFloors(VALUES1, VALUES2)
    model: HighsModel | None = None
    out = np.empty(len(P1))
    for k in range(len(P1)):
        f1, f2 = floors_of.floors(P1[k], P2[k], BETA)
        objective = lp.payoff_objective(P1[k], None)
        if model is None:
            model = HighsModel(lp.program(P1[k], P2[k], objective, f1, f2))
        else:
            model.set_coefficients(lp.prior_rows, lp.prior_cols, lp.prior_coefficients(P1[k], P2[k]))
            model.set_col_bounds(*lp.col_bounds(f1, f2))
            model.set_objective(objective)
        out[k] = model.solve().objective - P1[k] @ f1
    return out


def solver_loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    solver = InterimSolver(VALUES1, VALUES2)
    floors_of = RandomMonopolyFloors(VALUES1, VALUES2)
    lp = solver.lp
    out = np.empty(len(P1))
    for k in range(len(P1)):
        f1, f2 = floors_of.floors(P1[k], P2[k], BETA)
        out[k] = solver.solve(P1[k], P2[k], lp.payoff_objective(P1[k], None), f1, f2).objective - P1[k] @ f1
    return out


def public_loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    out = np.empty(len(P1))
    for k in range(len(P1)):
        env = bl.two_sided_environment(VALUES1, VALUES2, P1[k], P2[k], bargaining_power=BETA)
        out[k] = bl.two_sided.gap(env, method="lp").gap
    return out


def solve_loop(ranges: str) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
        out = np.empty(len(P1))
        for k in range(len(P1)):
            env = bl.two_sided_environment(VALUES1, VALUES2, P1[k], P2[k], bargaining_power=BETA)
            out[k] = bl.two_sided.solve(env, ranges=ranges).gap  # type: ignore[arg-type]
        return out

    return loop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=40, help="points per axis (default 40)")
    parser.add_argument("--sample", type=int, default=200, help="points of the linprog and solve loops (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="timings of each path, best kept (default 3)")
    args = parser.parse_args()
    print(machine_note())
    s = np.linspace(0.0, 1.0, args.grid)
    P1, P2 = segment_priors(np.repeat(s, args.grid)), segment_priors(np.tile(s, args.grid))
    points = len(P1)
    sample = np.linspace(0, points - 1, min(args.sample, points)).astype(int)
    every = np.arange(points)
    paths: list[tuple[str, Callable[..., object], np.ndarray]] = [
        (
            "map path (gap_on_points, all points at once)",
            lambda a, b: gap_on_points(VALUES1, VALUES2, a, b, BETA, "lp").gap,
            every,
        ),
        ("linprog loop (fresh scipy linprog per point)", linprog_gaps, sample),
        ("fresh model loop (new HiGHS model per point)", fresh_model_loop, every),
        ("reused HiGHS model (warm HiGHS run per point)", reused_model_loop, every),
        ("two_sided.gap loop (public call, env per point)", public_loop, every),
        ("InterimSolver loop (one held solver)", solver_loop, every),
        ('two_sided.solve loop, ranges="none"', solve_loop("none"), sample),
        ("two_sided.solve loop, default ranges", solve_loop("auto"), sample),
    ]
    best, cpu = [np.inf] * len(paths), [np.inf] * len(paths)
    found: list[np.ndarray] = [np.empty(0)] * len(paths)
    for _ in range(args.repeat):
        for i, (_name, loop, where) in enumerate(paths):
            start = time.process_time()
            values, seconds = timed(loop, P1[where], P2[where])
            cpu[i] = min(cpu[i], (time.process_time() - start) / len(where))
            best[i], found[i] = min(best[i], seconds / len(where)), np.asarray(values)
    mapped = found[0]
    print(f"{args.grid}x{args.grid} = {points:,} three-type points, program (4.1) by LP, best of {args.repeat}")
    print(f"{'path':<52}{'points/s':>11}{'x map time':>12}{'x map CPU':>11}{'max |diff|':>12}")
    for (name, _loop, where), per_point, cpu_point, values in zip(paths, best, cpu, found):
        diff = float(np.max(np.abs(values - mapped[where])))
        ratios = f"{per_point / best[0]:>11.1f}x{cpu_point / cpu[0]:>10.1f}x"
        print(f"{name:<52}{1 / per_point:>11,.0f}{ratios}{diff:>12.1e}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.2f} at the end")


if __name__ == "__main__":
    main()
