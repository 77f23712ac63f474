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


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 10**6))
def test_the_coefficient_map_gives_exactly_the_prior_coefficients(n1, n2, seed):
    """The one-product path of a point equals InterimLP.prior_coefficients bit for bit (zeros allowed)."""
    rng = np.random.default_rng(seed)
    solver = InterimSolver(np.sort(rng.random(n1)), np.sort(rng.random(n2)))
    for _ in range(5):
        p1, p2 = rng.dirichlet(np.ones(n1)), rng.dirichlet(np.ones(n2))
        p1[rng.random(n1) < 0.3] = 0.0
        assert np.array_equal(solver._coefficients(p1, p2), solver.lp.prior_coefficients(p1, p2))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10**6))
def test_the_single_certificate_agrees_with_the_batched_one(n1, n2, seed):
    """HighsModel.basis_solution (one program) accepts exactly what basis_solutions accepts, with the same x."""
    rng = np.random.default_rng(seed)
    v1, v2 = np.sort(rng.random(n1)), np.sort(rng.random(n2))
    solver = InterimSolver(v1, v2)
    lp = solver.lp
    p1, p2 = rng.dirichlet(np.ones(n1)), rng.dirichlet(np.ones(n2))
    solver.solve(p1, p2, lp.payoff_objective(p1, None), np.zeros(n1), np.zeros(n2))
    model = solver._model
    assert model is not None
    for _ in range(20):
        q1 = np.abs(p1 + 0.05 * rng.normal(size=n1)) + 1e-3
        q2 = np.abs(p2 + 0.05 * rng.normal(size=n2)) + 1e-3
        q1, q2 = q1 / q1.sum(), q2 / q2.sum()
        f1 = 0.5 * monopoly_payoff(v1, v2, q2)
        f2 = 0.5 * monopoly_payoff(v2, v1, q1)
        matrix = lp.matrix(q1, q2).toarray()
        lower, upper = lp.col_bounds(f1, f2)
        cost = lp.payoff_objective(q1, None)
        single = model.basis_solution(matrix, lower, upper, cost)
        ok, x, objective = model.basis_solutions(matrix[None], lower[None], upper[None], cost[None])
        assert (single is not None) == bool(ok[0])
        if single is not None:
            assert np.allclose(single[0], x[0], rtol=0, atol=1e-12)
            assert single[1] == pytest.approx(float(objective[0]), abs=1e-12)
            assert max(lp.violations(single[0], q1, q2, f1, f2).values()) <= 1e-9


def test_the_batched_certificate_keeps_its_basis_matrices_between_calls():
    """A map certifies hundreds of points per call: the basis matrices go to a buffer the model
    keeps, so a repeated call allocates (tracemalloc) less than one batch of them. Large
    temporaries per call cost a page fault per 4 KiB wherever the allocator returns freed memory
    at once (Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536): they made an LP sweep 1.3x slower
    on Dask workers than in a local pool (benchmarks/dask_sweep.py, docs/performance.md)."""
    import tracemalloc

    v1, v2 = np.array([0.0, 0.4, 1.0]), np.array([0.2, 0.6, 1.0])
    p1, p2 = np.array([0.3, 0.3, 0.4]), np.array([0.2, 0.5, 0.3])
    solver = InterimSolver(v1, v2)
    lp = solver.lp
    solver.solve(p1, p2, lp.payoff_objective(p1, None), np.zeros(3), np.zeros(3))
    model = solver._model
    assert model is not None
    count = 256
    matrices = np.repeat(lp.matrix(p1, p2).toarray()[None], count, axis=0)
    lower, upper = lp.col_bounds(np.zeros(3), np.zeros(3))
    cost = lp.payoff_objective(p1, None)
    model.basis_solutions(matrices, lower, upper, cost)  # the buffer is made here
    tracemalloc.start()
    try:
        accepted, _, _ = model.basis_solutions(matrices, lower, upper, cost)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert accepted.all()
    assert peak < count * model.num_rows**2 * 8


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=2, max_size=6, unique=True), st.integers(0, 10**6))
def test_different_values_never_share_a_solver(tenths, seed):
    """The cache is keyed by the values: distinct value sets get distinct solvers, the same values
    (as a list, a tuple or an array) the same one, within the cache's size."""
    clear_solver_cache()
    rng = np.random.default_rng(seed)
    sets = [(np.sort(rng.random(2)).tolist(), [k / 20 + 0.05, 2.0]) for k in tenths]
    solvers = [interim_solver(*values) for values in sets]
    assert len({id(s) for s in solvers}) == len(sets)
    for solver, (v1, v2) in zip(solvers, sets):
        assert interim_solver(tuple(v1), np.array(v2)) is solver
        assert solver.lp.values1.tolist() == v1 and solver.lp.values2.tolist() == v2
    clear_solver_cache()
