"""Benchmark: E and the Gap one point at a time in a Python loop, against the map path.

The three-type family of ``benchmarks/common.py`` (values (0, 0.3, 0.6) and (0.2, 0.7, 1),
β = 0.5, priors along a segment of the simplex) on an N×N grid (default 40×40), by LP. In the
same run:

* ``linprog loop``: a fresh ``scipy.optimize.linprog`` per point (on a sample);
* ``fresh model loop``: build program (4.1) and a new HiGHS model per point (what
  ``two_sided.gap(env, method="lp")`` did before the solver cache);
* ``two_sided.gap loop``: the public per-point call, ``bl.two_sided.gap(env, method="lp")``,
  with an environment built per point (uses the cached solver of these values);
* ``InterimSolver loop``: one held solver (``bargainlab.core.interim_solver``), floors and
  objective computed per point;
* ``map path``: ``gap_on_points`` over all points at once (the baseline).

Prints points per second and the ratio of each loop's time per point to the map path's, and
the largest difference from the map path. Run:  python benchmarks/per_point.py [--grid N]
"""

from __future__ import annotations

import argparse

import numpy as np
from common import BETA, VALUES1, VALUES2, linprog_gaps, machine_note, segment_priors, timed

import bargainlab as bl
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.interim_solver import InterimSolver
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import monopoly_payoff
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


def solver_loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    solver = InterimSolver(VALUES1, VALUES2)
    lp = solver.lp
    out = np.empty(len(P1))
    for k in range(len(P1)):
        f1, f2 = floors(P1[k], P2[k])
        out[k] = solver.solve(P1[k], P2[k], lp.payoff_objective(P1[k], None), f1, f2).objective - P1[k] @ f1
    return out


def public_loop(P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    out = np.empty(len(P1))
    for k in range(len(P1)):
        env = bl.two_sided_environment(VALUES1, VALUES2, P1[k], P2[k], bargaining_power=BETA)
        out[k] = bl.two_sided.gap(env, method="lp").gap
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=40, help="points per axis (default 40)")
    parser.add_argument("--sample", type=int, default=200, help="points of the linprog loop (default 200)")
    args = parser.parse_args()
    print(machine_note())
    s = np.linspace(0.0, 1.0, args.grid)
    P1, P2 = segment_priors(np.repeat(s, args.grid)), segment_priors(np.tile(s, args.grid))
    points = len(P1)
    mapped, t_map = timed(gap_on_points, VALUES1, VALUES2, P1, P2, BETA, "lp", repeat=2)
    sample = np.linspace(0, points - 1, min(args.sample, points)).astype(int)
    rows = [("map path (gap_on_points, all points at once)", t_map / points, mapped.gap, slice(None))]
    naive, t_naive = timed(linprog_gaps, P1[sample], P2[sample])
    rows.append(("linprog loop (fresh scipy linprog per point)", t_naive / len(sample), naive, sample))
    for name, loop in (
        ("fresh model loop (new HiGHS model per point)", fresh_model_loop),
        ("two_sided.gap loop (public call, env per point)", public_loop),
        ("InterimSolver loop (one held solver)", solver_loop),
    ):
        values, seconds = timed(loop, P1, P2)
        rows.append((name, seconds / points, values, slice(None)))
    print(f"{args.grid}x{args.grid} = {points:,} three-type points, program (4.1) by LP")
    print(f"{'path':<52}{'points/s':>11}{'x map time':>12}{'max |diff|':>12}")
    for name, per_point, values, where in rows:
        diff = float(np.max(np.abs(values - mapped.gap[where])))
        print(f"{name:<52}{1 / per_point:>11,.0f}{per_point / rows[0][1]:>11.1f}x{diff:>12.1e}")


if __name__ == "__main__":
    main()
