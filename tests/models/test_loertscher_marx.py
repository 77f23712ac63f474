"""Loertscher–Marx (2022) markets (lecture notes): weighted welfare subject to no expected deficit."""

from __future__ import annotations

import pytest

from bargainlab.errors import InvalidParameterError
from bargainlab.models import bilateral_trade as bt
from bargainlab.models.loertscher_marx import weighted_mechanism

#: Quasi-Monte Carlo error with 2^14 draws (surpluses of order 0.1–1).
QMC_TOL = 2e-3

SAMPLES = 2**14


def test_one_seller_one_buyer_equal_weights_is_the_second_best():
    """λ = 1/(1 − a) = 3/2 and the Myerson–Satterthwaite surplus 9/64 (quadrature as the arbiter)."""
    out = weighted_mechanism("uniform", "uniform", samples=SAMPLES)
    quad = bt.second_best("uniform", "uniform")
    assert out.lagrange_multiplier == pytest.approx(1 / (1 - quad.multiplier), abs=5e-3)
    assert out.surplus == pytest.approx(quad.surplus, abs=QMC_TOL)
    assert out.budget_virtual == pytest.approx(0.0, abs=1e-4) and out.lump_sum == 0.0


def test_all_weight_on_the_buyer_is_the_buyers_take_it_or_leave_it_offer():
    """w = (0, 1): trade iff c <= v/2 (the buyer's monopsony price), surplus 1/8, budget exactly balanced."""
    out = weighted_mechanism("uniform", "uniform", seller_weights=0.0, buyer_weights=1.0, samples=SAMPLES)
    assert out.lagrange_multiplier == pytest.approx(1.0)
    assert out.buyer_alphas == (0.0,) and out.seller_alphas == (1.0,)
    assert out.surplus == pytest.approx(1 / 8, abs=QMC_TOL)
    assert out.budget_virtual == pytest.approx(0.0, abs=QMC_TOL)


def test_two_methods_of_the_budget_agree():
    """Virtual values (Myerson's lemma) and threshold payments give the same expected budget."""
    for kwargs in ({"n_sellers": 2, "n_buyers": 3}, {"n_sellers": 3, "n_buyers": 3, "buyer_weights": 0.3}):
        out = weighted_mechanism("uniform", "uniform(0,1.5)", samples=SAMPLES, **kwargs)
        assert out.budget_payments == pytest.approx(out.budget_virtual, abs=QMC_TOL)
        assert out.budget_virtual >= -1e-12
        assert out.surplus <= out.first_best_surplus + 1e-12


def test_larger_markets_are_more_efficient():
    small = weighted_mechanism("uniform", "uniform", samples=SAMPLES)
    large = weighted_mechanism("uniform", "uniform", n_sellers=4, n_buyers=4, samples=2**12)
    assert large.efficiency > small.efficiency + 0.05


def test_errors():
    with pytest.raises(InvalidParameterError, match="seller_weights must be"):
        weighted_mechanism("uniform", "uniform", seller_weights=1.5)
    with pytest.raises(InvalidParameterError, match="weights must be weights with at least one positive"):
        weighted_mechanism("uniform", "uniform", seller_weights=0.0, buyer_weights=0.0)
    with pytest.raises(InvalidParameterError, match="samples must be a power of two"):
        weighted_mechanism("uniform", "uniform", samples=1000)
    with pytest.raises(InvalidParameterError, match="n_sellers must be an integer"):
        weighted_mechanism("uniform", "uniform", n_sellers=0)
