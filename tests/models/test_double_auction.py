"""The k-double auction (Chatterjee–Samuelson 1983; lecture notes; Cramton 1985, Section 8.5)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from bargainlab.errors import InvalidParameterError
from bargainlab.models import bilateral_trade as bt
from bargainlab.models.double_auction import best_response_check, linear_equilibrium

k_values = st.floats(0.0, 1.0)


def test_k_one_half_strategies_of_cramton_section_8_5():
    """Seller offers 2/3 s + 1/4, buyer bids 2/3 b + 1/12; trade iff s < b − 1/4; surplus 9/64."""
    eq = linear_equilibrium(0.5)
    assert eq.seller_slope == pytest.approx(2 / 3) and eq.seller_intercept == pytest.approx(1 / 4)
    assert eq.buyer_slope == pytest.approx(2 / 3) and eq.buyer_intercept == pytest.approx(1 / 12)
    assert eq.trade_intercept == pytest.approx(1 / 4) and eq.trade_slope == pytest.approx(1.0)
    assert eq.surplus == pytest.approx(9 / 64, abs=1e-15) and eq.first_best_surplus == pytest.approx(1 / 6)
    # the price is kβ + (1 − k)α = (b + s)/3 + 1/6 as printed in Section 8.5
    s, b = 0.2, 0.9
    assert 0.5 * eq.bid(b) + 0.5 * eq.ask(s) == pytest.approx((b + s) / 3 + 1 / 6)
    # and it implements the second best
    assert eq.surplus == pytest.approx(bt.second_best("uniform", "uniform").surplus, abs=1e-12)


@settings(max_examples=12)
@given(k_values)
def test_linear_strategies_are_an_equilibrium_for_every_k(k):
    eq = linear_equilibrium(k)
    check = best_response_check(k, eq.bid, eq.ask, points=1000)
    assert check.is_equilibrium, str(check)
    assert check.surplus == pytest.approx(eq.surplus, abs=2e-3)


@settings(max_examples=20)
@given(k_values)
def test_closed_form_surplus_and_trade_probability_equal_direct_integration(k):
    eq = linear_equilibrium(k)

    def surplus_given_c(c: float) -> float:
        low = min(max(eq.trade_intercept + eq.trade_slope * c, 0.0), 1.0)
        return (1 - c) ** 2 / 2 - (low - c) ** 2 / 2

    surplus = integrate.quad(surplus_given_c, 0.0, 1.0, points=[(1 - eq.trade_intercept) / eq.trade_slope])[0]
    assert eq.surplus == pytest.approx(surplus, abs=1e-12)
    assert eq.surplus == pytest.approx(linear_equilibrium(1 - k).surplus, abs=1e-12)  # symmetric in k ↔ 1 − k
    assert eq.surplus <= 9 / 64 + 1e-15  # never above the second best


def test_equivariance_on_another_interval():
    eq = linear_equilibrium(0.3, 2.0, 4.0)
    unit = linear_equilibrium(0.3)
    assert eq.bid(3.0) == pytest.approx(2 + 2 * unit.bid(0.5))
    assert eq.surplus == pytest.approx(2 * unit.surplus)
    assert best_response_check(0.3, eq.bid, eq.ask, "uniform(2,2)", "uniform(2,2)").is_equilibrium


def test_truthful_bidding_is_not_an_equilibrium():
    check = best_response_check(0.5, lambda v: v, lambda c: c)
    assert not check.is_equilibrium
    # v = 1 against truthful asks: x − 3x²/4 is 1/4 at x = 1 and 1/3 at the best reply x = 2/3
    assert check.buyer_gain == pytest.approx(1 / 12, abs=2e-3)


@pytest.mark.parametrize("k", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("price", [0.3, 0.6])
def test_posted_price_strategies_of_the_notes_are_equilibria(k, price):
    """Lecture notes: bid p if v >= p (else c̲), ask p if c <= p (else v̄) is an equilibrium for every k."""
    check = best_response_check(
        k, lambda v: np.where(v >= price, price, 0.0), lambda c: np.where(c <= price, price, 1.0)
    )
    assert check.is_equilibrium
    assert check.surplus == pytest.approx(bt.posted_price("uniform", "uniform", price).surplus, abs=2e-3)


def test_equilibrium_beats_every_posted_price():
    """Erratum N1: the k = 1/2 linear equilibrium (BIC, interim IR, budget balanced) gives 9/64 > 1/8,
    the best surplus of any (randomised) posted price: equilibria are not all posted prices."""
    assert linear_equilibrium(0.5).surplus - bt.best_posted_price("uniform", "uniform").surplus == pytest.approx(
        9 / 64 - 1 / 8, abs=1e-9
    )


def test_errors():
    with pytest.raises(InvalidParameterError, match="k must be a number in"):
        linear_equilibrium(1.5)
    with pytest.raises(InvalidParameterError, match="support must be a bounded interval"):
        linear_equilibrium(0.5, 1.0, 1.0)

    def broken(v):
        raise RuntimeError("no bid")

    with pytest.raises(InvalidParameterError, match="buyer_bid must be a function"):
        best_response_check(0.5, broken, lambda c: c)
    with pytest.raises(InvalidParameterError, match="seller_ask must be finite bids"):
        best_response_check(0.5, lambda v: v, lambda c: np.full_like(c, np.nan))
