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


def test_capacities_default_to_one_unit_and_are_validated():
    unit = weighted_mechanism("uniform", "uniform", n_sellers=2, n_buyers=2, samples=2**10)
    same = weighted_mechanism(
        "uniform", "uniform", n_sellers=2, n_buyers=2, samples=2**10, seller_capacities=1, buyer_capacities=[1, 1]
    )
    assert unit.surplus == same.surplus and unit.budget_payments == same.budget_payments
    assert same.seller_capacities == (1, 1) and same.buyer_capacities == (1, 1)
    for bad in (0, 11, 1.5, [1, 2, 3], True):
        with pytest.raises(InvalidParameterError, match="buyer_capacities must be an integer or a list of 2 integers"):
            weighted_mechanism("uniform", "uniform", n_buyers=2, buyer_capacities=bad, samples=2**8)


def test_per_unit_thresholds_equal_the_unit_formula_on_unit_markets():
    """The general per-unit threshold payments, run on a unit-capacity market, equal the unit
    formula draw for draw (the two implementations share nothing but the allocation)."""
    import numpy as np

    import bargainlab.models.loertscher_marx as lm

    results = []
    original = lm._threshold_budget

    def both(*args):
        G, F, costs, values, alpha_s, alpha_b, rent_s, rent_b, qs, qb, _ = args
        general = lm._unit_threshold_budget(
            G, F, costs, values, alpha_s, alpha_b, rent_s, rent_b, qs, qb, np.ones(len(G), int), np.ones(len(F), int)
        )
        results.append((original(*args), general))
        return results[-1][0]

    try:
        lm._threshold_budget = both
        lm.weighted_mechanism("uniform", "uniform(0,1.5)", n_sellers=3, n_buyers=2, buyer_weights=0.4, samples=2**11)
    finally:
        lm._threshold_budget = original
    (unit, general), *_ = results
    assert general == pytest.approx(unit, abs=1e-12)


def test_efficient_allocation_with_capacities_solves_the_market_lp():
    """With Φ = the true values and costs, the unit-by-unit matching maximises
    Σ v q − Σ c q s.t. Σ q_buyers = Σ q_sellers, 0 <= q <= capacity (linprog on random profiles)."""
    import numpy as np
    from scipy.optimize import linprog

    from bargainlab.models.loertscher_marx import _allocate

    rng = np.random.default_rng(4)
    kb, ks = np.array([2, 1, 3]), np.array([1, 2])
    values, costs = rng.random((40, 3)), rng.random((40, 2))
    qb, qs, K = _allocate(values, costs, kb, ks)
    assert np.all(qb.sum(axis=1) == K) and np.all(qs.sum(axis=1) == K)
    assert np.all(qb <= kb) and np.all(qs <= ks)
    for d in range(40):
        c = np.concatenate([-values[d], costs[d]])
        res = linprog(
            c,
            A_eq=[np.concatenate([np.ones(3), -np.ones(2)])],
            b_eq=[0],
            bounds=[(0, k) for k in np.concatenate([kb, ks])],
            method="highs",
        )
        greedy = values[d] @ qb[d] - costs[d] @ qs[d]
        assert greedy == pytest.approx(-res.fun, abs=1e-12)


def test_two_methods_of_the_budget_agree_with_capacities():
    """Virtual values and per-unit threshold payments give the same expected budget with k units."""
    for kwargs in (
        {"n_sellers": 1, "n_buyers": 2, "seller_capacities": 2},
        {"n_sellers": 2, "n_buyers": 3, "seller_capacities": 2, "buyer_capacities": [1, 2, 1], "buyer_weights": 0.5},
    ):
        out = weighted_mechanism("uniform", "uniform(0,1.5)", samples=SAMPLES, **kwargs)
        assert out.budget_payments == pytest.approx(out.budget_virtual, abs=QMC_TOL)
        assert out.budget_virtual >= -1e-12
        assert out.surplus <= out.first_best_surplus + 1e-12
        assert out.expected_trades <= min(sum(out.seller_capacities), sum(out.buyer_capacities))
