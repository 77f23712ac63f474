"""Static bilateral trade: Myerson–Satterthwaite, second best, posted prices.

Published numbers: Cramton (1985), Section 8.5 (uniform values: m = 1/4, a = 1/3, surplus
9/64 against the first best 1/6, 15.6% lost); the deficit of the efficient mechanism is
∫(1 − G)F = 1/6 (Cramton's Theorem 2). Second methods: 2-D quadrature of the lecture notes'
VCG mechanism, adaptive 1-D quadrature, and the discretised LP (bilateral_lp).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.core.inputs import as_distribution
from bargainlab.core.quadrature import expect_pair
from bargainlab.errors import InvalidParameterError
from bargainlab.models import bilateral_trade as bt
from bargainlab.models.bilateral_lp import solve_discretised
from bargainlab.models.sequential import check_mechanism
from bargainlab.models.virtual_values import WeightedMechanism

#: Agreement between two quadratures of the same quantity.
QUAD_TOL = 1e-8

#: Agreement between the quadrature and the Richardson-extrapolated discretised LP (n = 40, 80).
LP_EXTRAPOLATION_TOL = 4e-4

uniform_interval = st.tuples(st.floats(-1.0, 1.0), st.floats(0.2, 2.0))


@cache
def solved(seller: str, buyer: str) -> bt.SecondBestOutcome:
    """One quadrature solve per pair for the whole module (each takes about a second)."""
    return bt.second_best(seller, buyer)


def uniform(loc: float, width: float) -> Distribution:
    return parse_distribution(f"uniform({loc},{width})")


def vcg_deficit(F: Distribution, G: Distribution) -> float:
    """Lecture notes' proof: the buyer pays max(s, b_low), the seller receives min(b, s_high)."""
    return expect_pair(
        lambda S, B: (np.minimum(B, F.upper) - np.maximum(S, G.lower)) * (S < B),
        F,
        G,
        cuts=lambda b: [b, np.full_like(b, G.lower)],
        outer_breaks=[F.upper, F.lower],
    )


# ---------------------------------------------------------------- Myerson–Satterthwaite
def test_uniform_deficit_is_one_sixth():
    out = bt.myerson_satterthwaite("uniform", "uniform")
    assert out.overlap and out.impossible
    assert out.deficit_efficient == pytest.approx(1 / 6, abs=1e-12)
    assert out.first_best_surplus == pytest.approx(1 / 6, abs=1e-12)


@settings(max_examples=15)
@given(uniform_interval, uniform_interval)
def test_deficit_formula_equals_vcg_deficit_and_ir_identity(seller, buyer):
    """Theorem 2's ∫(1 − G)F (or s_high − b_low without overlap) = E[VCG deficit] = −(U(s̄) + V(b̲))."""
    F, G = uniform(*seller), uniform(*buyer)
    out = bt.myerson_satterthwaite(F, G)
    assert out.deficit_efficient == pytest.approx(vcg_deficit(F, G), abs=QUAD_TOL)
    assert out.deficit_efficient == pytest.approx(-WeightedMechanism(F, G, 0.0).expectations()["ir"], abs=QUAD_TOL)
    overlap = max(F.lower, G.lower) < min(F.upper, G.upper)
    assert out.overlap == overlap
    assert out.impossible == overlap  # Myerson–Satterthwaite: impossible iff the supports overlap


@pytest.mark.parametrize(("a", "b", "c", "d"), [(2, 3, 3, 2), (1.5, 1.5, 4, 2), (2, 5, 2, 2)])
def test_deficit_equals_first_best_on_a_common_support(a, b, c, d):
    """On a common support ∫(1 − G)F over the overlap is ∫ P(s < u < b) du = E[(b − s)^+]."""
    F, G = parse_distribution(f"beta({a},{b})"), parse_distribution(f"beta({c},{d})")
    out = bt.myerson_satterthwaite(F, G)
    assert out.deficit_efficient == pytest.approx(out.first_best_surplus, abs=QUAD_TOL)
    assert out.deficit_efficient == pytest.approx(vcg_deficit(F, G), abs=QUAD_TOL)


def test_no_overlap_means_no_deficit():
    out = bt.myerson_satterthwaite("uniform(0,1)", "uniform(1.5,1)")
    assert not out.overlap and not out.impossible
    assert out.deficit_efficient == pytest.approx(1.0 - 1.5)
    assert out.first_best_surplus == pytest.approx(2.0 - 0.5)
    price = bt.best_posted_price("uniform(0,1)", "uniform(1.5,1)")  # any price in between trades always
    assert price.trade_probability == 1 and price.surplus == pytest.approx(1.5) and price.efficiency == pytest.approx(1)


# ---------------------------------------------------------------- second best
def test_uniform_second_best_reproduces_cramton_section_8_5():
    out = solved("uniform", "uniform")
    assert out.multiplier == pytest.approx(1 / 3, abs=1e-12)
    assert out.lagrange_multiplier == pytest.approx(1 / 2, abs=1e-11)
    assert out.m == pytest.approx(1 / 4, abs=1e-12)
    assert out.surplus == pytest.approx(9 / 64, abs=1e-12)
    assert out.first_best_surplus == pytest.approx(1 / 6, abs=1e-12)
    assert 1 - out.efficiency == pytest.approx(0.15625, abs=1e-12)  # "15.6 percent of the gains ... lost"
    assert out.budget_surplus == pytest.approx(0.0, abs=1e-12)
    assert out.seller_payoff == pytest.approx(9 / 128, abs=1e-12) and out.buyer_payoff == pytest.approx(9 / 128)
    # trade iff s < b − 1/4
    np.testing.assert_allclose(out.threshold_s, np.clip(np.array(out.threshold_b) - 0.25, 0, 1), atol=1e-12)


@pytest.mark.parametrize(("seller", "buyer"), [("uniform", "uniform"), ("beta(2,3)", "beta(3,2)")])
def test_second_best_equals_extrapolated_discretised_lp(seller, buyer):
    """The LP (no virtual values, no regularity used) converges as O(1/n); Richardson 2 LP(2n) − LP(n)."""
    quad = solved(seller, buyer)
    F, G = as_distribution(seller, "seller"), as_distribution(buyer, "buyer")
    coarse, fine = solve_discretised(F, G, types=40), solve_discretised(F, G, types=80)
    assert 2 * fine.surplus - coarse.surplus == pytest.approx(quad.surplus, abs=LP_EXTRAPOLATION_TOL)
    assert 2 * fine.multiplier - coarse.multiplier == pytest.approx(quad.multiplier, abs=10 * LP_EXTRAPOLATION_TOL)
    assert quad.surplus <= quad.first_best_surplus


def test_second_best_payments_are_incentive_compatible_and_ir_binds():
    out = solved("beta(2,3)", "beta(3,2)")
    assert abs(out.budget_surplus) < 1e-10
    rule = out.payment_rule()
    F, G = out.mechanism.seller, out.mechanism.buyer
    assert float(rule.buyer_payoff(G.lower)) == pytest.approx(0.0, abs=1e-6)
    assert float(rule.seller_payoff(F.upper)) == pytest.approx(0.0, abs=1e-6)
    check = check_mechanism(F, G, 1.0, 1.0, out.mechanism.trade_time, rule.payment)
    assert check.incentive_compatible and check.individually_rational


def test_chatterjee_samuelson_payments_have_the_lemma_4_interim_revenue():
    """Revenue equivalence: x = (b + s)/3 + 1/6 on trade (Cramton, Section 8.5) and Lemma 4 agree interim."""
    rule = solved("uniform", "uniform").payment_rule()
    s = np.linspace(0.0, 0.7, 8)
    # S(s) = ∫_{s+1/4}^1 ((b + s)/3 + 1/6) db, exactly
    top, low = 1.0, s + 0.25
    exact = ((top**2 - low**2) / 6) + (s / 3 + 1 / 6) * (top - low)
    np.testing.assert_allclose(rule.seller_revenue(s), exact, atol=1e-6)


def test_non_regular_distribution_is_refused_with_the_lp_hint_and_solved_by_the_lp():
    mixture = scipy.stats.beta(2, 30), scipy.stats.beta(30, 2)
    bimodal = Distribution.from_functions(
        lambda x: 0.5 * (mixture[0].cdf(x) + mixture[1].cdf(x)),
        lambda x: 0.5 * (mixture[0].pdf(x) + mixture[1].pdf(x)),
        0.0,
        1.0,
        name="bimodal",
    )
    with pytest.raises(InvalidParameterError, match="ironing: use method='lp'"):
        bt.second_best(bimodal, "uniform")
    out = bt.second_best(bimodal, "uniform", method="lp", types=30)
    assert out.method == "lp" and 0 < out.efficiency < 1


def test_invalid_inputs_name_the_parameter():
    with pytest.raises(InvalidParameterError, match="method must be"):
        bt.second_best("uniform", "uniform", method="magic")
    with pytest.raises(InvalidParameterError, match="support must be a bounded interval"):
        bt.second_best("uniform", "norm")
    with pytest.raises(InvalidParameterError, match="buyer must be a Distribution"):
        bt.second_best("uniform", 3.0)
    with pytest.raises(InvalidParameterError, match="price must be a finite number"):
        bt.posted_price("uniform", "uniform", float("nan"))


# ---------------------------------------------------------------- posted prices
@settings(max_examples=10)
@given(st.floats(1.2, 4.0), st.floats(1.2, 4.0), st.floats(0.05, 0.95))
def test_posted_price_equals_2d_quadrature(a, b, price):
    F, G = parse_distribution(f"beta({a},{b})"), parse_distribution(f"beta({b},{a})")
    out = bt.posted_price(F, G, price)
    trades = lambda S, B: (S <= price) & (B >= price)  # noqa: E731
    cut = lambda y: [np.full_like(y, price)]  # noqa: E731
    seller = expect_pair(lambda S, B: (price - S) * trades(S, B), F, G, cuts=cut, outer_breaks=[price])
    buyer = expect_pair(lambda S, B: (B - price) * trades(S, B), F, G, cuts=cut, outer_breaks=[price])
    assert out.seller_payoff == pytest.approx(seller, abs=QUAD_TOL)
    assert out.buyer_payoff == pytest.approx(buyer, abs=QUAD_TOL)
    surplus = expect_pair(lambda S, B: (B - S) * trades(S, B), F, G, cuts=cut, outer_breaks=[price])
    assert out.surplus == pytest.approx(surplus, abs=QUAD_TOL)


def test_best_posted_price_uniform_and_grid():
    best = bt.best_posted_price("uniform", "uniform")
    assert best.price == pytest.approx(0.5, abs=1e-7) and best.surplus == pytest.approx(1 / 8, abs=1e-12)
    F, G = parse_distribution("beta(2,3)"), parse_distribution("beta(3,2)")
    best = bt.best_posted_price(F, G)
    grid = [bt.posted_price(F, G, p).surplus for p in np.linspace(0.01, 0.99, 99)]
    assert best.surplus >= max(grid) - 1e-12


@pytest.mark.parametrize(("seller", "buyer"), [("uniform", "uniform"), ("beta(2,3)", "beta(3,2)")])
def test_second_best_beats_every_posted_price(seller, buyer):
    """Erratum N1 (lecture notes): BIC, IIR, budget-balanced, undominated mechanisms are NOT
    interim-equivalent to randomised posted prices: the second best (budget balanced) strictly beats
    the best posted price, hence every randomisation over posted prices."""
    assert solved(seller, buyer).surplus > bt.best_posted_price(seller, buyer).surplus + 1e-3
