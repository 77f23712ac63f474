"""One-sided figures: the data columns are the model's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.models.one_sided import solve
from bargainlab.viz.one_sided import KINDS, payoffs_against_beta, payoffs_against_delta, payoffs_in_u, revenue_curve


@pytest.fixture(scope="module")
def outcome():
    return solve("uniform(0,1)", 0.2, 0.5, 0.9, points=21)


def test_payoffs_in_u_columns(outcome):
    data = payoffs_in_u(outcome)
    np.testing.assert_allclose(data.columns["alice_payoff_high"], outcome.payoff_alice(outcome.u))
    np.testing.assert_allclose(data.columns["complete_information"], 0.5 * np.maximum(outcome.u, 0.2))


def test_against_beta_is_linear_and_matches_solve(outcome):
    """At every β the curve equals a fresh solve (p* does not depend on β)."""
    data = payoffs_against_beta(outcome, points=11)
    for beta, bob, alice in zip(
        data.columns["bargaining_power"], data.columns["bob_payoff"], data.columns["alice_ex_ante"]
    ):
        fresh = solve("uniform(0,1)", 0.2, beta)
        assert bob == pytest.approx(fresh.bob_payoff, abs=1e-12)
        assert alice == pytest.approx(fresh.alice_ex_ante[1], abs=1e-9)


def test_against_delta(outcome):
    data = payoffs_against_delta(outcome, points=11)
    delta = data.columns["discount"]
    np.testing.assert_allclose(data.columns["alpha_alice"], 1 - delta * 0.5)
    np.testing.assert_allclose(data.columns["bob_if_alice_proposes"], delta * outcome.bob_payoff)


def test_revenue_curve_peaks_at_p_star(outcome):
    data = revenue_curve(outcome)
    peak = data.columns["price"][np.argmax(data.columns["revenue"])]
    assert peak == pytest.approx(0.6, abs=0.01)
    assert set(KINDS) == {"payoffs", "beta", "delta", "revenue"}
