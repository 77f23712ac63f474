"""The reusable interim solver: a loop of points through one warm model equals fresh solves."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.interim_solver import InterimSolver, clear_solver_cache, interim_solver
from bargainlab.core.lp_solver import solve_with_linprog
from bargainlab.core.monopoly import monopoly_payoff


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10**6))
def test_points_in_a_loop_equal_fresh_solves(n1, n2, seed):
    """Program (4.1) at 12 random points (nearby and far apart, floors on) through one solver."""
    rng = np.random.default_rng(seed)
    v1, v2 = np.sort(rng.random(n1)), np.sort(rng.random(n2))
    solver = InterimSolver(v1, v2)
    lp = solver.lp
    p1, p2 = rng.dirichlet(np.ones(n1)), rng.dirichlet(np.ones(n2))
    for _ in range(12):
        if rng.uniform() < 0.5:  # a neighbour of the last point (the previous basis often fits)
            p1 = np.abs(p1 + 0.01 * rng.normal(size=n1)) + 1e-3
            p1 /= p1.sum()
        else:
            p1, p2 = rng.dirichlet(np.ones(n1)), rng.dirichlet(np.ones(n2))
        beta = rng.uniform()
        f1, f2 = beta * monopoly_payoff(v1, v2, p2), (1 - beta) * monopoly_payoff(v2, v1, p1)
        objective = lp.payoff_objective(p1, None)
        ours = solver.solve(p1, p2, objective, f1, f2)
        reference = solve_with_linprog(lp.program(p1, p2, objective, f1, f2))
        assert ours.objective == pytest.approx(reference.objective, abs=1e-9)
        assert max(lp.violations(ours.x, p1, p2).values()) <= 1e-9
        assert (ours.x[lp.u1_cols] >= f1 - 1e-9).all() and (ours.x[lp.u2_cols] >= f2 - 1e-9).all()
    assert solver.solves + solver.reuses == 12


def test_the_cache_returns_one_solver_per_values_and_forgets_the_oldest():
    clear_solver_cache()
    first = interim_solver([0.0, 0.5], [0.5, 1.0])
    assert interim_solver((0.0, 0.5), np.array([0.5, 1.0])) is first
    for k in range(8):
        interim_solver([0.0, 0.1 + k / 100], [0.5, 1.0])
    assert interim_solver([0.0, 0.5], [0.5, 1.0]) is not first  # dropped as the least recently used
    clear_solver_cache()
