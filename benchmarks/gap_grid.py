"""Benchmark: the gap over an N×N belief grid (default 200×200), three ways, one run.

* closed form (Propositions 1–2), vectorised over the whole grid;
* the interim LP with one reused, warm-started HiGHS model (coefficients changed in place);
* the naive path: a fresh ``scipy.optimize.linprog`` for every point.

Prints the time of each, points per second, the ratios against the naive loop, and the largest
difference between the three answers. Run:  python benchmarks/gap_grid.py [--grid N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import solve_with_linprog
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.models.two_sided.maps import gap_on_priors, prior_grid


def naive_linprog_gaps(env, P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    """One fresh linprog per point: build the program and solve it from scratch."""
    v1, v2 = env.player1.value_array, env.player2.value_array
    x = env.bargaining_power
    lp = InterimLP(v1, v2)
    out = np.empty(len(P1))
    for k in range(len(P1)):
        f1 = x * monopoly_payoff(v1, v2, P2[k])
        f2 = (1 - x) * monopoly_payoff(v2, v1, P1[k])
        program = lp.program(P1[k], P2[k], lp.payoff_objective(P1[k], None), f1, f2)
        out[k] = solve_with_linprog(program).objective - P1[k] @ f1
    return out


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=200, help="points per axis (default 200)")
    args = parser.parse_args()
    n = args.grid
    # Proposition 1 ordering l1 < l2 < h1 < h2, values in [0, 1] (largest value 1)
    env = two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.5, 0.5, 0.5)
    axis = np.linspace(0.0, 1.0, n)
    p1, p2 = np.meshgrid(axis, axis, indexing="ij")
    P1, P2 = prior_grid(p1.ravel()), prior_grid(p2.ravel())
    points = len(P1)

    closed, t_closed = timed(gap_on_priors, env, P1, P2, "closed_form")
    reused, t_reused = timed(gap_on_priors, env, P1, P2, "lp")
    naive, t_naive = timed(naive_linprog_gaps, env, P1, P2)

    print(f"Gap over a {n}x{n} belief grid ({points} points), values (0.1, 0.7) vs (0.4, 1.0), beta = 0.5")
    print(f"{'method':<40}{'seconds':>10}{'points/s':>14}{'speed-up vs naive':>20}")
    for name, seconds in (
        ("naive loop of scipy.optimize.linprog", t_naive),
        ("LP, one reused warm-started HiGHS model", t_reused),
        ("closed form (Props 1-2), vectorised", t_closed),
    ):
        print(f"{name:<40}{seconds:>10.3f}{points / seconds:>14.0f}{t_naive / seconds:>19.1f}x")
    print(f"largest |reused LP - naive LP|     = {np.max(np.abs(reused.gap - naive)):.2e}")
    print(f"largest |closed form - naive LP|   = {np.max(np.abs(closed.gap - naive)):.2e}")


if __name__ == "__main__":
    main()
