"""The discretised LP of bilateral trade: invariants re-checked from the economics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.distributions import parse_distribution
from bargainlab.errors import InvalidParameterError
from bargainlab.models.bilateral_lp import solve_discretised

INVARIANT_TOL = 1e-8


@settings(max_examples=10)
@given(st.floats(1.0, 4.0), st.floats(1.0, 4.0), st.sampled_from([0.5, 1.0, 2.0]))
def test_solution_is_ic_ir_and_budget_feasible(a, b, ratio):
    F, G = parse_distribution(f"beta({a},{b})"), parse_distribution(f"beta({b},{a})")
    sol = solve_discretised(F, G, 1.0, ratio, types=12, dates=8)
    assert sol.ic_violation < INVARIANT_TOL and sol.ir_violation < INVARIANT_TOL
    assert sol.budget > -INVARIANT_TOL
    if sol.lagrange_multiplier > 1e-9:  # complementary slackness: a priced budget binds
        assert sol.budget == pytest.approx(0.0, abs=1e-7)
    else:  # with finitely many types the first best may be implementable
        assert sol.surplus == pytest.approx(sol.first_best_surplus, abs=1e-9)
    assert 0 < sol.surplus <= sol.first_best_surplus + INVARIANT_TOL
    assert np.all(np.diff(sol.seller_probability) <= INVARIANT_TOL)  # P decreasing (Lemma 1)
    assert np.all(np.diff(sol.buyer_probability) >= -INVARIANT_TOL)  # Q increasing


@settings(max_examples=10)
@given(st.floats(0.05, 0.95))
def test_lp_beats_every_posted_price_of_the_grid(price):
    """A posted price is feasible in the discrete problem, so the optimum is at least its surplus."""
    U = parse_distribution("uniform")
    sol = solve_discretised(U, U, types=20)
    s, b = sol.seller_types, sol.buyer_types
    trades = (s[:, None] <= price) & (b[None, :] >= price)
    posted = np.mean(np.where(trades, b[None, :] - s[:, None], 0.0))
    assert sol.surplus >= posted - INVARIANT_TOL


def test_first_best_is_implementable_without_overlap():
    sol = solve_discretised(parse_distribution("uniform(0,1)"), parse_distribution("uniform(2,1)"), types=10)
    assert sol.surplus == pytest.approx(sol.first_best_surplus) and sol.lagrange_multiplier == pytest.approx(0.0)


def test_errors():
    U = parse_distribution("uniform")
    with pytest.raises(InvalidParameterError, match="types must be an integer"):
        solve_discretised(U, U, types=1)
    with pytest.raises(InvalidParameterError, match="dates must be an integer"):
        solve_discretised(U, U, dates=0)
