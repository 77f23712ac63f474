"""The LP solver wrappers: status checks, reuse in place, agreement with scipy's linprog."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.lp_solver import PER_ENTRY_CHANGE_LIMIT, HighsModel, LinearProgram, solve, solve_with_linprog
from bargainlab.errors import InvalidParameterError, SolverError


def program(c, A, lo, hi, col_lo, col_hi) -> LinearProgram:
    return LinearProgram(
        np.array(c, float),
        sp.csc_array(np.array(A, float)),
        np.array(lo, float),
        np.array(hi, float),
        np.array(col_lo, float),
        np.array(col_hi, float),
    )


def test_infeasible_program_raises_with_status():
    lp = program([1.0], [[1.0]], [2.0], [np.inf], [0.0], [1.0])  # x >= 2 but x <= 1
    with pytest.raises(SolverError, match="not solved to optimality.*[Ii]nfeasible.*relaxed tolerances"):
        solve(lp)
    with pytest.raises(SolverError, match="not solved to optimality"):
        solve_with_linprog(lp)


def test_unbounded_program_raises():
    lp = program([1.0], [[1.0]], [0.0], [np.inf], [0.0], [np.inf])
    with pytest.raises(SolverError, match="not solved to optimality"):
        solve(lp)


def test_reused_model_matches_fresh_solves_after_changes():
    lp = program([1.0, 1.0], [[1.0, 2.0], [3.0, 1.0]], [-np.inf, -np.inf], [4.0, 6.0], [0, 0], [np.inf, np.inf])
    model = HighsModel(lp)
    assert model.solve().objective == pytest.approx(2.8)
    model.set_objective(np.array([1.0, 0.0]))
    assert model.solve().objective == pytest.approx(2.0)
    model.set_coefficients(np.array([1]), np.array([0]), np.array([1.0]))  # 3 x0 + x1 <= 6  ->  x0 + x1 <= 6
    assert model.solve().objective == pytest.approx(4.0)
    row = model.add_row(np.array([1.0, 0.0]), -np.inf, 1.5)
    assert row == 2
    assert model.solve().objective == pytest.approx(1.5)
    model.set_row_bounds(row, -np.inf, 0.5)
    assert model.solve().objective == pytest.approx(0.5)
    model.set_col_bounds(np.array([0.25]), np.array([0.25]), columns=[0])
    assert model.solve().objective == pytest.approx(0.25)


@given(st.integers(0, 10_000))
def test_highs_model_agrees_with_linprog_on_random_bounded_programs(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 6), rng.integers(1, 6)
    A = rng.normal(size=(m, n))
    lp = program(rng.normal(size=n), A, np.full(m, -np.inf), np.abs(rng.normal(size=m)) + 0.1, np.zeros(n), np.ones(n))
    ours, reference = solve(lp), solve_with_linprog(lp)
    assert ours.objective == pytest.approx(reference.objective, abs=1e-9)
    assert ours.status == "optimal" and ours.solver == "highs" and reference.solver == "scipy.linprog"


def test_creating_a_model_prints_nothing(capfd):
    solve(program([1.0], [[1.0]], [-np.inf], [1.0], [0.0], [np.inf]))
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


@settings(max_examples=30)
@given(st.integers(0, 10_000))
def test_bulk_coefficient_changes_equal_a_fresh_model(seed):
    """More than PER_ENTRY_CHANGE_LIMIT changes take the bulk path (rows re-passed, basis kept)."""
    rng = np.random.default_rng(seed)
    m, n = 6, 5
    A = rng.normal(size=(m, n))
    A[rng.random((m, n)) < 0.3] = 0.0
    rows, cols = np.nonzero(np.ones((m, n)))
    full_pattern = sp.csc_array(sp.coo_array((A[rows, cols], (rows, cols)), shape=(m, n)))  # explicit zeros
    lp = LinearProgram(
        rng.normal(size=n), full_pattern, np.full(m, -np.inf), np.abs(rng.normal(size=m)) + 0.1, np.zeros(n), np.ones(n)
    )
    model = HighsModel(lp)
    model.solve()
    keep = rng.random(len(rows)) < 0.6
    keep[: PER_ENTRY_CHANGE_LIMIT + 1] = True
    rows, cols = rows[keep], cols[keep]
    values = rng.normal(size=len(rows))
    changed = A.copy()
    changed[rows, cols] = values
    model.set_coefficients(rows, cols, values)
    fresh = solve(program(lp.objective, changed, lp.row_lower, lp.row_upper, lp.col_lower, lp.col_upper))
    assert model.solve().objective == pytest.approx(fresh.objective, abs=1e-9)
    assert model.violation(fresh.x) <= 1e-9  # our copy of the matrix follows the changes


def test_changing_an_entry_outside_the_pattern_is_an_error():
    lp = program([1.0, 1.0], [[1.0, 0.0]], [-np.inf], [1.0], [0, 0], [1, 1])
    model = HighsModel(
        LinearProgram(
            lp.objective,
            sp.csc_array(sp.coo_array(([1.0], ([0], [0])), shape=(1, 2))),
            lp.row_lower,
            lp.row_upper,
            lp.col_lower,
            lp.col_upper,
        )
    )
    with pytest.raises(InvalidParameterError, match=r"\(row, col\) must be an entry of the program's sparsity pattern"):
        model.set_coefficients(np.array([0]), np.array([1]), np.array([2.0]))


@settings(max_examples=20)
@given(st.integers(0, 10_000))
def test_basis_solutions_are_accepted_only_when_optimal(seed):
    """The last optimal basis, tried on perturbed programs: every accepted answer equals a fresh solve."""
    rng = np.random.default_rng(seed)
    m, n = 4, 5
    A = rng.uniform(0.5, 2.0, size=(m, n))
    lp = program(
        rng.uniform(0.1, 1, size=n), A, np.full(m, -np.inf), rng.uniform(1, 2, size=m), np.zeros(n), np.ones(n)
    )
    model = HighsModel(lp)
    assert model.basis_solutions(A[None], lp.col_lower, lp.col_upper, lp.objective)[0].tolist() == [
        False
    ]  # no basis yet
    model.solve()
    count = 40
    scale = np.repeat([1e-6, 1e-1], count // 2)[:, None, None]  # tiny and large perturbations
    matrices = A * (1 + scale * rng.normal(size=(count, m, n)))
    costs = lp.objective * (1 + scale[:, :, 0] * rng.normal(size=(count, n)))
    lower = np.zeros((count, n))
    accepted, x, objective = model.basis_solutions(matrices, lower, lp.col_upper, costs)
    assert accepted[: count // 2].all()  # a tiny perturbation keeps a non-degenerate optimal basis
    for k in np.flatnonzero(accepted):
        fresh = solve(program(costs[k], matrices[k], lp.row_lower, lp.row_upper, lower[k], lp.col_upper))
        assert objective[k] == pytest.approx(fresh.objective, abs=1e-9)
        assert objective[k] == pytest.approx(costs[k] @ x[k], abs=1e-12)
        assert np.all(matrices[k] @ x[k] <= lp.row_upper + 1e-9) and np.all((x[k] >= -1e-9) & (x[k] <= 1 + 1e-9))


def test_basis_solutions_reject_a_basis_that_is_no_longer_optimal():
    # maximise x0 + x1 subject to x0 + 2 x1 <= 4, 3 x0 + x1 <= 6: optimum (1.6, 1.2)
    lp = program([1.0, 1.0], [[1.0, 2.0], [3.0, 1.0]], [-np.inf, -np.inf], [4.0, 6.0], [0, 0], [np.inf, np.inf])
    model = HighsModel(lp)
    assert model.solve().objective == pytest.approx(2.8)
    A = np.array([[1.0, 2.0], [3.0, 1.0]])
    costs = np.array([[1.0, 1.0], [1.0, 3.0], [1.0, 1.0]])  # the second objective moves the optimum to (0, 2)
    matrices = np.stack([A, A, np.array([[1.0, 2.0], [-1.0, 1.0]])])  # the third makes the basis infeasible
    accepted, x, objective = model.basis_solutions(matrices, np.zeros(2), np.full(2, np.inf), costs)
    assert accepted.tolist() == [True, False, False]
    np.testing.assert_allclose(x[0], [1.6, 1.2], atol=1e-12)
    assert objective[0] == pytest.approx(2.8, abs=1e-12)
