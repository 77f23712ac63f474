"""Cramton (1985), sequential bargaining mechanisms.

Published numbers (Section 8.5, uniform values): m = 1/4 and U + V = 9/64 against 1/6 (15.6%
lost) when r <= σ; the Chatterjee–Samuelson strategies and payments. Second methods: the uniform
closed form against the general quadrature, the discretised LP with random trade dates, direct
maximisation over p, and the direct IC check of every type against every report.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from bargainlab.core.distributions import parse_distribution
from bargainlab.errors import InvalidParameterError
from bargainlab.models import sequential as sq
from bargainlab.models.bilateral_lp import solve_discretised

#: Closed form vs quadrature (both accurate to ~1e-10).
CLOSED_FORM_TOL = 1e-9

#: LP with n types and K dates vs the continuous optimum (O(1/n) discretisation: ~0.14/n here).
LP_TOL = 4e-3

UNIFORM = parse_distribution("uniform")


@cache
def solved(ratio: float, seller: str = "uniform", buyer: str = "uniform") -> sq.SequentialOutcome:
    return sq.solve(seller, buyer, seller_rate=1.0, buyer_rate=ratio)


# ---------------------------------------------------------------- published numbers
@pytest.mark.parametrize(("r", "s"), [(1.0, 1.0), (0.5, 2.0)])
def test_uniform_static_case_reproduces_section_8_5(r, s):
    """r <= σ: m = 1/4, a = 1/3, U + V = 9/64, first best 1/6, 15.6 percent lost."""
    for method in ("closed_form", "quadrature"):
        out = sq.solve("uniform", "uniform", r, s, method=method)
        assert out.m == pytest.approx(0.25, abs=1e-10)
        assert out.multiplier == pytest.approx(1 / 3, abs=1e-10)
        assert out.surplus == pytest.approx(9 / 64, abs=1e-10)
        assert out.first_best == pytest.approx(1 / 6, abs=1e-10)
        assert round(1 - out.efficiency, 3) == 0.156 and out.static_second_best


def test_uniform_ir_polynomial_is_corrected():
    """Erratum C4: R(m) = ∫_m^1 ∫_0^{b−m} (2(b − s) − 1) ds db = (2/3)(m − 1/4)(1 − m)², not (m − 1/4)(m + 1)²."""
    for m in np.linspace(0.0, 0.5, 11):
        direct = integrate.dblquad(lambda s, b: 2 * (b - s) - 1, m, 1.0, 0.0, lambda b, m=m: b - m)[0]
        assert sq.uniform_ir(1.0, m) == pytest.approx(direct, abs=1e-12)
        assert direct == pytest.approx(2 / 3 * (m - 0.25) * (1 - m) ** 2, abs=1e-12)
        if abs(m - 0.25) > 1e-9:
            assert abs(direct - (m - 0.25) * (m + 1) ** 2) > 1e-3


# ---------------------------------------------------------------- closed form vs quadrature
@pytest.mark.parametrize("ratio", [0.1, 0.5, 0.8])
def test_closed_form_equals_quadrature(ratio):
    closed, quad = sq.uniform_closed_form(ratio), solved(ratio)
    assert quad.m == pytest.approx(closed.m, abs=1e-8)
    assert quad.surplus == pytest.approx(closed.surplus, abs=CLOSED_FORM_TOL)
    assert quad.first_best == pytest.approx(closed.first_best, abs=CLOSED_FORM_TOL)
    assert abs(quad.ir) < 1e-10  # IR binds (Theorem 3)


def printed_r(m: float, d: float) -> float:
    """Cramton's (R) as printed, after dividing by d(1 − m)/(1 − g) (OCR: "1 + m + mr²" read as 1 + m + m²)."""
    g = d / (1 - d)
    return (
        (1 + m + m * m) / 3 * (d - g * (2 - d))
        + (1 + m) / 2 * (g * (1 + 2 * m * (1 - d)) - 2 * d * m)
        + d * m * m
        - g * m * (1 - d * m)
        + d ** (g - 1) * (1 - m) ** g / (1 + g) * (2 * d * m - 1 + 2 * (1 - d) * (1 - (1 - m) / (2 + g)))
    )


def printed_surplus(m: float, d: float) -> float:
    """Cramton's U + V as printed (OCR: "ng" read as mg, "mr²" as m²)."""
    g = d / (1 - d)
    return (
        d
        * (1 - m)
        / (1 - g)
        * (
            (1 + m + m * m) / 3 * (d * (1 + g) / 2 - g)
            + (1 + m) / 2 * (m * g - d * m * (1 + g))
            + d * m * m * (1 + g) / 2
            + d ** (g - 1) * (1 - m) ** g / (1 + g) * (d * m + (1 - d) * (1 + m + g) / (2 + g))
        )
    )


@settings(max_examples=50)
@given(st.floats(0.02, 0.98).filter(lambda d: abs(d - 0.5) > 1e-3), st.floats(0.0, 0.5))
def test_printed_closed_forms_hold_for_g_not_one(d, m):
    """(R) and U + V of Section 8.5 are right as printed (modulo OCR) wherever g = δ/(1 − δ) ≠ 1."""
    g = d / (1 - d)
    assert sq.uniform_ir(d, m) == pytest.approx(d * (1 - m) / (1 - g) * printed_r(m, d), abs=1e-9)
    assert sq.uniform_surplus(d, m) == pytest.approx(printed_surplus(m, d), abs=1e-9)


def test_closed_form_is_continuous_at_g_equal_one():
    """At σ/r = 1/2 the printed formulas divide by 1 − g = 0; the expm1 form is continuous there."""
    at = sq.uniform_closed_form(0.5)
    for eps in (1e-4, -1e-4):
        near = sq.uniform_closed_form(0.5 + eps)
        assert near.m == pytest.approx(at.m, abs=1e-3) and near.surplus == pytest.approx(at.surplus, abs=1e-3)
    assert at.m == pytest.approx(solved(0.5).m, abs=1e-8)


def test_figures_8_1_and_8_2_shape():
    """m rises and efficiency falls with σ/r; the loss vanishes as r → ∞ and is 15.6% at r = σ."""
    ratios = np.linspace(0.02, 1.0, 50)
    curve = sq.ratio_curve(ratios)
    assert np.all(np.diff(curve.m) > 0) and np.all(np.diff(curve.efficiency) < 0)
    assert curve.efficiency[0] > 0.99 and curve.m[0] < 0.02
    assert curve.m[-1] == pytest.approx(0.25) and 1 - curve.efficiency[-1] == pytest.approx(0.15625)
    assert np.all(curve.surplus <= curve.first_best)


# ---------------------------------------------------------------- second methods
@pytest.mark.parametrize(("ratio", "types", "dates"), [(0.5, 30, 30), (1.0, 60, 1)])
def test_discretised_lp_with_random_dates_agrees(ratio, types, dates):
    """The LP over z[i, j, k] (random trade dates, no virtual values) approaches p_a from above."""
    lp = solve_discretised(UNIFORM, UNIFORM, 1.0, ratio, types=types, dates=dates)
    quad = solved(ratio)
    assert lp.ic_violation < 1e-8 and lp.ir_violation < 1e-8 and lp.budget > -1e-8
    assert lp.surplus == pytest.approx(quad.surplus, abs=LP_TOL)
    assert lp.surplus >= quad.surplus - 1e-3  # a finer discretisation only approaches from above here


@settings(max_examples=30)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.1, 5.0), st.floats(0.1, 5.0))
def test_ex_post_efficient_p_maximises_pointwise(s, b, r, sigma):
    """(EP): p* maximises b p^σ − s p^r over p ∈ [0, 1] (checked on a fine grid)."""
    mech = sq.ex_post_efficient(UNIFORM, UNIFORM, r, sigma)
    p = float(mech.discount(np.array(s), np.array(b)))
    grid = np.linspace(0.0, 1.0, 20001)
    best = np.max(b * grid**sigma - s * grid**r)
    assert b * p**sigma - s * p**r >= best - 1e-7
    if r <= sigma:
        assert p in (0.0, 1.0)


def test_theorem_2_ir_of_the_ex_post_efficient_mechanism():
    """r <= σ: U(s̄) + V(b̲) = −∫_{b̲}^{s̄}(1 − G)F du (verified as printed), −1/6 for uniforms."""
    F, G = parse_distribution("beta(2,3)"), parse_distribution("beta(3,3)")
    ir = sq.ex_post_efficient(F, G, 1.0, 2.0).expectations()["ir"]
    formula = -integrate.quad(lambda u: float(G.survival(u) * F.cdf(u)), 0.0, 1.0)[0]
    assert ir == pytest.approx(formula, abs=1e-9)
    assert sq.ex_post_efficient(UNIFORM, UNIFORM, 1.0, 1.0).expectations()["ir"] == pytest.approx(-1 / 6)


def test_ex_post_efficiency_unobtainable_with_delay_too():
    """r > σ (not covered by Theorem 2): for uniform values R(0) < 0, so a > 0."""
    assert sq.ex_post_efficient(UNIFORM, UNIFORM, 2.0, 1.0).expectations()["ir"] < 0
    assert solved(0.5).multiplier > 0


# ---------------------------------------------------------------- Theorem 1, Lemma 4
def test_lemma_4_payments_make_p_a_ic_and_ir_with_delay():
    out = sq.solve("uniform", "uniform", 2.0, 1.0)
    rule = out.payment_rule()
    check = sq.check_mechanism(UNIFORM, UNIFORM, 2.0, 1.0, out.mechanism.trade_time, rule.payment)
    assert check.incentive_compatible and check.individually_rational
    assert check.seller_monotone and check.buyer_monotone
    assert check.ir_direct == pytest.approx(check.ir_formula, abs=1e-3)  # Lemma 3 identity
    assert float(rule.buyer_payoff(0.0)) == pytest.approx(0.0, abs=1e-9)  # V(b̲) = 0
    assert float(rule.seller_payoff(1.0)) == pytest.approx(0.0, abs=1e-6)  # U(s̄) = R(a) = 0


def test_lemma_4_constant_sign_is_corrected():
    """Erratum C3: with the printed c = b̲Q(b̲) + ∫ s(1 − F) dP, V(b̲) = −2∫ s(1 − F) dP > 0 and
    U(s̄) < 0: IR fails. For uniforms (r = σ) ∫ s(1 − F) dP = −9/64."""
    out = sq.solve("uniform", "uniform", 1.0, 1.0)
    rule = out.payment_rule()
    assert rule.constant == pytest.approx(9 / 64, abs=1e-6)  # b̲Q(b̲) − ∫ s(1−F) dP = 0 + 9/64
    printed = -rule.constant  # b̲Q(b̲) + ∫ s(1 − F) dP
    check = sq.check_mechanism(
        UNIFORM, UNIFORM, 1.0, 1.0, out.mechanism.trade_time, lambda s, b: rule.payment(s, b) - rule.constant + printed
    )
    assert check.incentive_compatible and not check.individually_rational
    assert check.min_seller_payoff == pytest.approx(-2 * 9 / 64, abs=2e-3)


def test_theorem_1_buyer_envelope_has_a_plus_sign():
    """Erratum C2: B(b) − B(b̲) = +∫ u dQ(u) (Lemma 1's (B)); Theorem 1 prints −∫ u dQ(u)."""
    cs_time = lambda s, b: np.where(s < b - 0.25, 0.0, np.inf)  # noqa: E731
    cs_pay = lambda s, b: np.where(s < b - 0.25, (b + s) / 3 + 1 / 6, 0.0)  # noqa: E731
    check = sq.check_mechanism(UNIFORM, UNIFORM, 1.0, 1.0, cs_time, cs_pay)
    assert check.incentive_compatible and check.individually_rational and check.envelope_gap < 5e-3
    # with the printed sign B would decrease in b while Q increases: B(1) − B(0) = E_s[x(s, 1)] > 0
    b = np.linspace(0, 1, 401)
    Q = np.clip(b - 0.25, 0, None)
    plus = integrate.trapezoid(b, Q)  # scipy: also on NumPy < 2 (no np.trapezoid)
    paid = integrate.quad(lambda s: (1 + s) / 3 + 1 / 6, 0, 0.75)[0]
    assert paid == pytest.approx(plus, abs=1e-4) and paid > 0


def test_lemma_1_seller_payoff_integral_starts_at_s():
    """Erratum C1: U(s) − U(s̄) = ∫_s^{s̄} P(u) du (printed with lower limit s̲, a constant)."""
    rule = sq.solve("uniform", "uniform", 1.0, 1.0).payment_rule()
    for s in (0.1, 0.4, 0.7):
        tail = integrate.quad(lambda u: float(rule.P(u)), s, 1.0)[0]
        assert float(rule.seller_payoff(s) - rule.seller_payoff(1.0)) == pytest.approx(tail, abs=1e-6)


def test_check_detects_a_non_monotone_mechanism():
    """Trade only when the seller's cost is high: P increases, IC fails."""
    check = sq.check_mechanism(
        UNIFORM, UNIFORM, 1.0, 1.0, lambda s, b: np.where(s > 0.5, 0.0, np.inf), lambda s, b: np.where(s > 0.5, 0.75, 0)
    )
    assert not check.incentive_compatible and not check.seller_monotone
    assert check.seller_ic_gain > 0.1


def test_invalid_inputs():
    with pytest.raises(InvalidParameterError, match="seller_rate must be a positive"):
        sq.solve("uniform", "uniform", -1.0, 1.0)
    with pytest.raises(InvalidParameterError, match="buyer_rate must be a positive"):
        sq.solve("uniform", "uniform", 1.0, float("inf"))
    with pytest.raises(InvalidParameterError, match="method must be 'quadrature' or 'lp' unless"):
        sq.solve("beta(2,2)", "uniform", 1.0, 1.0, method="closed_form")
    with pytest.raises(InvalidParameterError, match="seller must be a cost distribution on non-negative"):
        sq.solve("uniform(-1,2)", "uniform", 2.0, 1.0)
    with pytest.raises(InvalidParameterError, match="trade_time must be non-negative"):
        sq.check_mechanism(UNIFORM, UNIFORM, 1.0, 1.0, lambda s, b: s - 1, lambda s, b: 0 * s)
    with pytest.raises(InvalidParameterError, match="ratio must be a positive"):
        sq.uniform_closed_form(0.0)
