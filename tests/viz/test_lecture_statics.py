"""Data of the lecture notes' comparative statics (viz/lecture_statics.py) against closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.errors import InvalidParameterError
from bargainlab.viz import lecture_statics as ls


def test_posted_price_equilibria_are_equilibria_with_the_uniform_surplus():
    """Notes, 'k-double auction': any p ∈ (c̲, v̄) is an equilibrium for every k; with uniform values
    trade happens w.p. p(1 − p) and the surplus is ∫_0^p ∫_p^1 (v − c) = p(1 − p)/2."""
    for k in (0.2, 0.8):
        data = ls.posted_price_equilibria(k=k, points=9)
        p = data.columns["price"]
        assert len(p) == 9
        np.testing.assert_allclose(data.columns["trade_probability"], p * (1 - p), atol=1e-12)
        np.testing.assert_allclose(data.columns["surplus"], p * (1 - p) / 2, atol=1e-12)
        assert np.max(data.columns["buyer_gain"]) <= 1e-9 and np.max(data.columns["seller_gain"]) <= 1e-9


def test_double_auction_surplus_peaks_at_k_one_half():
    """Chatterjee–Samuelson: 9/64 at k = 1/2 (Cramton 8.5), symmetric in k ↔ 1 − k, above the best posted price 1/8."""
    data = ls.double_auction_against_k(points=21)
    k, s = data.columns["k"], data.columns["surplus"]
    assert s[np.argmin(np.abs(k - 0.5))] == pytest.approx(9 / 64, abs=1e-12)
    np.testing.assert_allclose(s, s[::-1], atol=1e-12)
    assert np.all(s <= 9 / 64 + 1e-12) and np.all(s > 1 / 8)


def test_posted_price_curve_closed_forms():
    """Uniform: surplus p(1 − p)/2, seller (1 − p)p²/2, buyer p(1 − p)²/2; best p = 1/2 with 1/8."""
    data = ls.posted_price_against_price(points=11)
    p = data.columns["price"]
    np.testing.assert_allclose(data.columns["surplus"], p * (1 - p) / 2, atol=1e-12)
    np.testing.assert_allclose(data.columns["seller_payoff"], (1 - p) * p**2 / 2, atol=1e-12)
    np.testing.assert_allclose(data.columns["buyer_payoff"], p * (1 - p) ** 2 / 2, atol=1e-12)


def test_loertscher_marx_weights_span_the_frontier():
    """All weight on the seller: the seller's optimum 1/12; on the buyer: 1/12 for the buyer; equal weights:
    the second best 9/64 (uniform values; QMC with 2^12 draws)."""
    data = ls.loertscher_marx_against_weight(points=5)
    c = data.columns
    assert c["seller_payoff"][0] == pytest.approx(1 / 12, abs=2e-3)
    assert c["buyer_payoff"][-1] == pytest.approx(1 / 12, abs=2e-3)
    assert c["surplus"][2] == pytest.approx(9 / 64, abs=2e-3)
    assert np.all(np.diff(c["buyer_payoff"]) >= -1e-9) and np.all(np.diff(c["seller_payoff"]) <= 1e-9)


def test_nash_solution_moves_along_the_frontier_as_beta_moves():
    """max v1^β (1 − v1²)^{1−β}: v1 = √(β/(2 − β)) (first-order condition), v2 = 1 − v1²."""
    data = ls.nash_against_beta(points=11)
    beta, v1 = data.columns["bargaining_power"], data.columns["v1"]
    np.testing.assert_allclose(v1, np.sqrt(beta / (2 - beta)), atol=1e-6)
    np.testing.assert_allclose(data.columns["v2"], 1 - v1**2, atol=1e-6)


def test_points_are_bounded():
    with pytest.raises(InvalidParameterError, match="points"):
        ls.nash_against_beta(points=10**6)
