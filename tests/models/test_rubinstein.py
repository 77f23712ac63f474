"""Rubinstein (1982) alternating offers: closed form against backward induction."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.errors import InvalidParameterError
from bargainlab.models.rubinstein import alternating_offers_backward_induction, rubinstein

discount = st.floats(0.0, 0.97)


@given(discount, discount, st.sampled_from([1, 2]), st.floats(0.1, 10.0))
def test_closed_form_equals_the_limit_of_backward_induction(d1, d2, first, pie):
    """After N rounds the finite game's shares differ from the limit by at most (δ_1 δ_2)^{⌊(N-1)/2⌋}."""
    exact = rubinstein(d1, d2, pie, first)
    for rounds in (1500, 1501):  # last proposer either player
        finite = alternating_offers_backward_induction(d1, d2, rounds, pie, first)
        assert finite.shares == pytest.approx(exact.shares, abs=1e-12)
        assert finite.payoffs == pytest.approx(exact.payoffs, abs=1e-11 * pie)


@given(discount, discount)
def test_responder_is_indifferent(d1, d2):
    """SPE: player 2 accepts x_2 = δ_2 × (what she keeps proposing next) and player 1 likewise."""
    one, two = rubinstein(d1, d2, first_proposer=1), rubinstein(d1, d2, first_proposer=2)
    assert one.shares[1] == pytest.approx(d2 * two.shares[1], abs=1e-12)
    assert two.shares[0] == pytest.approx(d1 * one.shares[0], abs=1e-12)


@given(st.floats(0.1, 5.0), st.floats(0.1, 5.0))
def test_short_periods_converge_to_the_nash_weight(r1, r2):
    """δ_i = exp(-r_i Δ), Δ → 0: x_1 → r_2 / (r_1 + r_2) (Binmore, Rubinstein and Wolinsky 1986)."""
    period = 1e-6
    out = rubinstein(math.exp(-r1 * period), math.exp(-r2 * period))
    assert out.shares[0] == pytest.approx(r2 / (r1 + r2), abs=1e-5)


def test_reference_and_errors():
    """δ = (0.9, 0.8): x_1 = 0.2 / 0.28 = 5/7."""
    out = rubinstein(0.9, 0.8, pie=2.0)
    assert out.shares == pytest.approx((5 / 7, 2 / 7), abs=1e-12)
    assert out.payoffs == pytest.approx((10 / 7, 4 / 7), abs=1e-12)
    assert out.to_dict()["shares"] == pytest.approx([5 / 7, 2 / 7])
    with pytest.raises(InvalidParameterError, match="δ_1 δ_2 < 1"):
        rubinstein(1.0, 1.0)
    with pytest.raises(InvalidParameterError, match="pie must be a positive size"):
        rubinstein(0.9, 0.9, pie=0.0)
    with pytest.raises(InvalidParameterError, match="first_proposer must be 1 or 2"):
        rubinstein(0.9, 0.9, first_proposer=3)
