"""The interim LP: structure, the economics of its rows, and in-place updates across priors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel, solve, solve_with_linprog
from bargainlab.errors import InvalidParameterError
from tests.strategies import separated_values


def random_prior(rng, n):
    w = rng.random(n) + 0.05
    return w / w.sum()


def test_sizes_for_binary_and_three_types():
    lp = InterimLP([0, 1], [0.5, 2])
    assert (lp.num_rows, lp.num_cols) == (4 + 2 + 2 + 1, 8 + 2 + 2)
    lp3 = InterimLP([0, 1, 2], [0.5, 2])
    assert (lp3.num_rows, lp3.num_cols) == (6 + 6 + 2 + 1, 12 + 3 + 2)


def test_first_best_welfare_without_floors_is_expected_max_value():
    """Unconstrained welfare maximum: IC-feasible efficient allocation exists (e.g. VCG-like
    interim transfers balanced ex ante), so max W = E[max(t1, t2)]."""
    rng = np.random.default_rng(0)
    v1, v2 = [0.1, 0.7], [0.4, 0.9]
    p1, p2 = random_prior(rng, 2), random_prior(rng, 2)
    lp = InterimLP(v1, v2)
    sol = solve(lp.program(p1, p2, lp.welfare_objective(p1, p2)))
    first_best = sum(p1[a] * p2[b] * max(v1[a], v2[b]) for a in range(2) for b in range(2))
    assert sol.objective == pytest.approx(first_best, abs=1e-10)


@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10**6))
def test_solutions_satisfy_the_economic_constraints(n1, n2, seed):
    """Maximise a random weighted welfare; the optimum is IC, feasible and budget balanced,
    checked from the economics (violations recomputes each family directly)."""
    rng = np.random.default_rng(seed)
    v1 = np.sort(rng.choice(np.linspace(0, 1, 101), n1, replace=False))
    v2 = np.sort(rng.choice(np.linspace(0, 1, 101), n2, replace=False))
    p1, p2 = random_prior(rng, n1), random_prior(rng, n2)
    lp = InterimLP(v1, v2)
    weights1, weights2 = random_prior(rng, n1), random_prior(rng, n2)
    sol = solve(lp.program(p1, p2, lp.payoff_objective(weights1, weights2)))
    violations = lp.violations(sol.x, p1, p2)
    assert set(violations) == {"bounds", "feasibility", "incentive", "budget"}
    assert max(violations.values()) <= 1e-9


def test_violations_detects_broken_points():
    lp = InterimLP([0.0, 1.0], [0.5, 1.0])
    p = np.array([0.5, 0.5])
    x = np.zeros(lp.num_cols)
    x[lp.q1_cols[0, 0]] = 0.8
    x[lp.q2_cols[0, 0]] = 0.8  # good given twice
    x[lp.u1_cols[1]] = 1.0  # money from nowhere
    v = lp.violations(x, p, p)
    assert v["feasibility"] == pytest.approx(0.6)
    assert v["budget"] == pytest.approx(0.5 * 1.0 - 0.5 * 0.5 * 0.5 * 0.8)  # p1 Y1(h1) + p2 Y2(l2)
    y = np.zeros(lp.num_cols)
    y[lp.q1_cols[0, :]] = 1.0  # low type gets the good for free, high type gets nothing
    assert lp.violations(y, p, p)["incentive"] == pytest.approx(1.0)  # high type would report low


@given(st.integers(0, 10**6))
def test_prior_coefficients_update_in_place_equals_fresh_build(seed):
    rng = np.random.default_rng(seed)
    lp = InterimLP([0.0, 0.3, 0.8], [0.2, 1.0])
    pa1, pa2 = random_prior(rng, 3), random_prior(rng, 2)
    pb1, pb2 = random_prior(rng, 3), random_prior(rng, 2)
    objective = lp.payoff_objective(pb1, None)
    floors1, floors2 = np.zeros(3), np.full(2, 0.1)
    model = HighsModel(lp.program(pa1, pa2, objective, floors1, floors2))
    model.solve()
    model.set_coefficients(lp.prior_rows, lp.prior_cols, lp.prior_coefficients(pb1, pb2))
    fresh = solve_with_linprog(lp.program(pb1, pb2, objective, floors1, floors2))
    assert model.solve().objective == pytest.approx(fresh.objective, abs=1e-9)


def test_prior_coefficients_are_vectorised():
    lp = InterimLP([0.0, 1.0], [0.5, 1.0])
    grid1 = np.array([[0.5, 0.5], [0.2, 0.8]])
    grid2 = np.array([[0.3, 0.7], [0.9, 0.1]])
    batch = lp.prior_coefficients(grid1, grid2)
    assert batch.shape == (2, len(lp.prior_rows))
    for k in range(2):
        np.testing.assert_array_equal(batch[k], lp.prior_coefficients(grid1[k], grid2[k]))


def test_split_recovers_transfers():
    lp = InterimLP([0.0, 1.0], [0.5, 1.0])
    p1, p2 = np.array([0.4, 0.6]), np.array([0.5, 0.5])
    x = np.zeros(lp.num_cols)
    x[lp.q1_cols[1, :]] = 1.0
    x[lp.u1_cols] = [0.0, 0.7]
    s = lp.split(x, p1, p2)
    np.testing.assert_allclose(s.transfers1, [0.0, 0.7 - 1.0])
    assert s.allocation1.shape == (2, 2)


def test_bad_weights_length_is_rejected():
    lp = InterimLP([0.0, 1.0], [0.5, 1.0])
    with pytest.raises(InvalidParameterError, match="weights1 must be an array of 2 numbers"):
        lp.payoff_objective([1.0, 0.0, 0.0])


@given(separated_values(2), separated_values(2), st.floats(0, 1), st.floats(0, 1))
def test_random_monopoly_mechanism_is_feasible_for_floors(v1, v2, p1, p2):
    """The LP with random-monopoly floors is always feasible (the random monopoly mechanism
    itself satisfies them, Section 4) for any β. Values are normalised (largest value 1), as
    the models do before solving."""
    from bargainlab.core.monopoly import monopoly_payoff

    top = max(v1[-1], v2[-1])
    v1, v2 = [v / top for v in v1], [v / top for v in v2]
    prior1, prior2 = np.array([1 - p1, p1]), np.array([1 - p2, p2])
    lp = InterimLP(v1, v2)
    for beta in (0.0, 0.3, 1.0):
        f1 = beta * monopoly_payoff(np.array(v1), v2, prior2)
        f2 = (1 - beta) * monopoly_payoff(np.array(v2), v1, prior1)
        solve(lp.program(prior1, prior2, lp.payoff_objective(prior1, None), f1, f2))


@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10**6))
def test_aggregated_form_has_the_same_optimum_and_solutions(n1, n2, seed):
    """InterimLP(aggregate=True) adds Q_i columns and rows; (q, u) keep their indices and the
    optimum of program (4.1)-like objectives is the plain form's; Q equals p_-i-weighted q."""
    rng = np.random.default_rng(seed)
    v1, v2 = np.sort(rng.random(n1)), np.sort(rng.random(n2))
    p1, p2 = random_prior(rng, n1), random_prior(rng, n2)
    plain, agg = InterimLP(v1, v2), InterimLP(v1, v2, aggregate=True)
    assert agg.num_cols == plain.num_cols + n1 + n2 and agg.num_rows == plain.num_rows + n1 + n2
    floors1, floors2 = 0.3 * rng.random(n1) * v1, 0.3 * rng.random(n2) * v2
    for weights in ((p1, None), (None, p2), (rng.random(n1), rng.random(n2))):
        a = solve(plain.program(p1, p2, plain.payoff_objective(*weights), floors1, floors2))
        b = solve(agg.program(p1, p2, agg.payoff_objective(*weights), floors1, floors2))
        assert b.objective == pytest.approx(a.objective, abs=1e-9)
        assert max(agg.violations(b.x, p1, p2).values()) <= 1e-9
        np.testing.assert_allclose(b.x[agg.Q1_cols], b.x[agg.q1_cols] @ p2, atol=1e-9)


def test_aggregated_form_has_quadratically_many_entries():
    """n types each: the plain IC rows carry n + 2 entries (2 n (n - 1) rows), the aggregated ones 3."""
    n = 10
    p = np.full(n, 1 / n)
    plain, agg = (
        InterimLP(np.arange(n) / n, np.arange(n) / n),
        InterimLP(np.arange(n) / n, np.arange(n) / n, aggregate=True),
    )
    ic_rows = 2 * n * (n - 1)
    assert plain.matrix(p, p).nnz - agg.matrix(p, p).nnz == ic_rows * (n + 2 - 3) - 2 * n * (n + 1)


@given(st.integers(0, 10**6))
def test_aggregated_prior_coefficients_update_in_place_equals_fresh_build(seed):
    rng = np.random.default_rng(seed)
    lp = InterimLP([0.0, 0.3, 0.8], [0.2, 1.0], aggregate=True)
    pa1, pa2 = random_prior(rng, 3), random_prior(rng, 2)
    pb1, pb2 = random_prior(rng, 3), random_prior(rng, 2)
    vb1, vb2 = np.sort(rng.random(3)), np.sort(rng.random(2))
    objective = lp.payoff_objective(pb1, None)
    model = HighsModel(lp.program(pa1, pa2, objective, np.zeros(3), np.zeros(2)))
    model.solve()
    model.set_coefficients(lp.prior_rows, lp.prior_cols, lp.prior_coefficients(pb1, pb2, vb1, vb2))
    fresh = InterimLP(vb1, vb2, aggregate=True)
    reference = solve_with_linprog(fresh.program(pb1, pb2, objective, np.zeros(3), np.zeros(2)))
    assert model.solve().objective == pytest.approx(reference.objective, abs=1e-9)


@given(st.integers(1, 4), st.integers(1, 4), st.booleans(), st.integers(0, 10**6))
def test_max_violation_is_the_largest_family_violation(n1, n2, aggregate, seed):
    """max_violation (one reduction) equals the largest entry of violations(); the floors family
    is u_i below floors_i, recomputed here from the payoff columns."""
    rng = np.random.default_rng(seed)
    lp = InterimLP(np.sort(rng.random(n1)), np.sort(rng.random(n2)), aggregate=aggregate)
    p1, p2 = random_prior(rng, n1), random_prior(rng, n2)
    x = rng.normal(size=lp.num_cols) * rng.choice([0.0, 1e-9, 1.0])
    f1, f2 = rng.normal(size=n1), rng.normal(size=n2)
    families = lp.violations(x, p1, p2, f1, f2)
    assert set(families) == {"bounds", "feasibility", "incentive", "budget", "floors"}
    below = max(0.0, float((f1 - x[lp.u1_cols]).max()), float((f2 - x[lp.u2_cols]).max()))
    assert families["floors"] == below
    assert lp.max_violation(x, p1, p2, f1, f2) == max(families.values())
    assert lp.max_violation(x, p1, p2) == max(lp.violations(x, p1, p2).values())
    q = x[np.concatenate([lp.q1_cols.ravel(), lp.q2_cols.ravel()])]
    assert families["bounds"] == max(0.0, float(-q.min()), float(q.max() - 1))
