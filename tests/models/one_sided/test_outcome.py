"""The one-sided equilibrium (Pęski 2022): the slides' identities, payoffs, welfare, errors."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.errors import InvalidParameterError
from bargainlab.models.one_sided import NonUniquePriceWarning, offer_shares, optimal_prices, solve
from bargainlab.models.one_sided.lp import DiscreteTypes
from bargainlab.models.one_sided.outcome import EFFICIENCY_TOL
from tests.models.one_sided.distributions import any_distribution, scipy_distribution, two_bump_distribution

unit = st.floats(0.0, 1.0)
discount = st.floats(0.01, 1.0)


@given(unit, discount)
def test_average_share_is_beta_for_every_delta(beta, delta):
    """Slides: average payoffs are y*_β̄, Π*_β̄ with β̄ = β α_A + (1 - β) α_B; β̄ = β exactly."""
    alpha_a, alpha_b = offer_shares(beta, delta)
    assert alpha_a == pytest.approx(1 - delta * (1 - beta), abs=1e-15)
    assert alpha_b == pytest.approx(delta * beta, abs=1e-15)
    assert beta * alpha_a + (1 - beta) * alpha_b == pytest.approx(beta, abs=1e-14)


@given(any_distribution, st.floats(0.0, 2.0), unit, discount)
@settings(max_examples=25)
def test_bob_indifferent_and_alice_weakly_prefers_to_accept(dist, v, beta, delta):
    """Slides: Π*_{α_A} = Π*_{1-δ(1-β)} = δ Π*_β and y*_{α_B} = y*_{δβ} >= δ y*_β, with equality
    exactly for the types u <= p* (the difference is (1 - δ) max(u - p*, 0))."""
    out = solve(dist, v, beta, delta)
    assert out.payoff_bob(out.offer_alice) == pytest.approx(delta * out.bob_payoff, abs=1e-12)
    assert out.bob_indifference == pytest.approx(0.0, abs=1e-12)
    u = out.u
    margin = out.payoff_alice(u, out.offer_bob) - delta * out.payoff_alice(u)
    assert margin.min() >= -1e-12 and out.alice_acceptance_margin >= -1e-12
    np.testing.assert_allclose(margin, (1 - delta) * np.maximum(u - out.p_star, 0), atol=1e-12)


@given(any_distribution, st.floats(0.0, 2.0), unit, discount)
@settings(max_examples=25)
def test_expected_payoffs_are_the_average_over_proposers(dist, v, beta, delta):
    """β (payoff when Alice proposes) + (1 - β) (payoff when Bob proposes) = the reported payoff."""
    out = solve(dist, v, beta, delta)
    bob = beta * out.bob_payoff_alice_proposes + (1 - beta) * out.bob_payoff_bob_proposes
    assert bob == pytest.approx(out.bob_payoff, abs=1e-12)
    alice = beta * out.payoff_alice(out.u, out.offer_alice) + (1 - beta) * out.payoff_alice(out.u, out.offer_bob)
    np.testing.assert_allclose(alice, out.alice_payoff[1], atol=1e-12)


@given(any_distribution, st.floats(0.0, 2.0), unit)
@settings(max_examples=30)
def test_payoffs_add_up_to_welfare(dist, v, beta):
    """Budget balance: E[y*_β] + Π*_β = E[max(u, v)] - loss, with E[y*_β] integrated independently
    (trapezoid rule on 20,001 points) and the loss (1 - β) ∫_v^{p*} (u - v) dF."""
    out = solve(dist, v, beta)
    grid = np.linspace(dist.lower, dist.upper, 20_001)
    weights = np.diff(dist.cdf(grid))
    mid = 0.5 * (grid[1:] + grid[:-1])
    alice = float(weights @ out.payoff_alice(mid))
    width = (dist.upper - dist.lower) / 20_000
    assert alice == pytest.approx(out.alice_ex_ante[0], abs=width)
    assert alice + out.bob_payoff == pytest.approx(out.expected_welfare[0], abs=width)
    first_best = float(weights @ np.maximum(mid, v))
    assert out.first_best == pytest.approx(first_best, abs=width)


@given(scipy_distribution(), st.floats(0.0, 0.9), st.floats(0.0, 0.99))
@settings(max_examples=30)
def test_types_between_v_and_p_star_miss_the_good_with_probability_one_minus_beta(dist, v, beta):
    """Slides: "Alice types v < u < p* do not get the good with prob. 1 - β" — and only they."""
    out = solve(dist, v, beta)
    menu = out.menu()
    p = out.p_star
    inside = np.linspace(max(v, dist.lower), p, 7)[1:-1]
    if p - max(v, dist.lower) > 1e-6:
        np.testing.assert_allclose(menu.allocation(inside), beta)
    above = np.linspace(p, dist.upper, 7)[1:]
    if dist.upper - p > 1e-6:
        np.testing.assert_allclose(menu.allocation(above), 1.0)
    # efficient iff no welfare is lost on those types: (1 - β) E[(u - v) 1{v < u < p*}] is 0 up to
    # EFFICIENCY_TOL (the loss is computed here directly from F, not from the outcome)
    low = max(v, dist.lower)
    loss = (1 - beta) * dist.expect(lambda u: u - v, low, p) if p > low else 0.0
    scale = max(abs(dist.lower), abs(dist.upper), abs(v), 1.0)
    assert out.ex_post_efficient == (loss <= EFFICIENCY_TOL * scale)


@given(any_distribution, st.floats(0.0, 2.0), unit)
@settings(max_examples=30)
def test_alice_gets_her_complete_information_share_below_p_star(dist, v, beta):
    """Pęski (2024), Section 3.3: the informed player gets β max(u, v), with equality for the types
    below the monopoly price; Bob gets his random monopoly payoff (1 - β) R(p*)."""
    out = solve(dist, v, beta)
    floor = beta * np.maximum(out.u, v)
    assert np.all(out.alice_payoff[0] >= floor - 1e-12)
    below = out.u <= out.p_star
    np.testing.assert_allclose(out.alice_payoff[1][below], floor[below], atol=1e-12)
    assert out.bob_payoff == pytest.approx((1 - beta) * optimal_prices(dist, v).revenue, abs=1e-12)


@given(any_distribution, any_distribution, st.floats(0.0, 1.0), st.floats(0.0, 2.0))
@settings(max_examples=30)
def test_bobs_payoff_is_convex_in_the_belief(first, second, weight, v):
    """Slides: "Bob's payoffs are continuous and convex in F" (a maximum of functions affine in F):
    on a common grid of 400 types, R*(λ F + (1 - λ) G) <= λ R*(F) + (1 - λ) R*(G)."""
    edges = np.linspace(min(first.lower, second.lower), max(first.upper, second.upper), 401)
    mid = 0.5 * (edges[1:] + edges[:-1])
    w1, w2 = np.diff(first.cdf(edges)), np.diff(second.cdf(edges))
    w1, w2 = w1 / w1.sum(), w2 / w2.sum()
    keep = (w1 + w2) > 0
    mixed = DiscreteTypes(mid[keep], (weight * w1 + (1 - weight) * w2)[keep])
    one, two = DiscreteTypes(mid[keep], w1[keep]), DiscreteTypes(mid[keep], w2[keep])
    average = weight * one.monopoly_revenue(v) + (1 - weight) * two.monopoly_revenue(v)
    assert mixed.monopoly_revenue(v) <= average + 1e-12


@given(unit, st.floats(0.5, 1.0), st.floats(0.0, 1.0), st.floats(0.001, 0.05))
def test_bobs_counteroffer_argument_of_the_lower_bound(beta, x_over, delta, eps):
    """Slides, "Lower bound on Bob's payoffs": for x > β and small ε,
    Π*_x < β_B Π*_{δx+ε} + (1 - β_B) δ Π*_x; RHS - LHS = R[(x - β)(1 - δ) - (1 - β) ε]."""
    x = beta + (1 - beta) * x_over
    revenue = 1.0
    lhs = (1 - x) * revenue
    rhs = (1 - beta) * (1 - delta * x - eps) * revenue + beta * delta * (1 - x) * revenue
    assert rhs - lhs == pytest.approx(((x - beta) * (1 - delta) - (1 - beta) * eps) * revenue, abs=1e-12)
    if (1 - beta) * eps < (x - beta) * (1 - delta) - 1e-9:
        assert lhs < rhs


@given(st.floats(0.01, 1.0), st.floats(0.0, 0.99), st.floats(0.0, 0.999))
def test_alices_counteroffer_argument_of_her_lower_bound(beta, x_share, delta):
    """Slides, "Lower bound on Alice's payoffs": if x < β, proposing m*_{1-δ(1-β)} whenever she can
    and otherwise waiting gives β(1 - δ(1 - β)) + (1 - β) δ x > x (in the share of y*)."""
    x = beta * x_share
    share = beta * (1 - delta * (1 - beta)) + (1 - beta) * delta * x
    assert share - x == pytest.approx((beta - x) * (1 - delta + beta * delta), abs=1e-12)
    assert share > x - 1e-15


def test_reference_numbers_uniform():
    """F = U[0, 1], v = 0.2, β = 1/2, δ = 0.9: p* = (1 + v)/2 = 0.6, R = v F + p(1 - F) = 0.36,
    Π*_β = 0.18, α_A = 0.55, α_B = 0.45, loss = (1/2) ∫_{0.2}^{0.6} (u - 0.2) du = 0.04,
    E[max(u, v)] = 0.2·0.2 + (1 - 0.04)/2 = 0.52."""
    out = solve("uniform(0, 1)", 0.2, 0.5, 0.9)
    assert out.p_star == pytest.approx(0.6, abs=1e-12)
    assert out.price.revenue == pytest.approx(0.36, abs=1e-12)
    assert out.bob_payoff == pytest.approx(0.18, abs=1e-12)
    assert (out.offer_alice, out.offer_bob) == pytest.approx((0.55, 0.45), abs=1e-15)
    assert out.welfare_loss[0] == pytest.approx(0.04, abs=1e-10)
    assert out.first_best == pytest.approx(0.52, abs=1e-10)
    assert out.expected_welfare[0] == pytest.approx(0.48, abs=1e-10)
    assert out.efficiency[0] == pytest.approx(0.48 / 0.52, abs=1e-10)
    assert not out.ex_post_efficient


def test_json_is_complete_and_strict():
    out = solve(scipy.stats.beta(2, 3), 0.1, 0.5, 0.9, u=[0.1, 0.5, 0.9])
    data = json.loads(json.dumps(out.to_dict(), allow_nan=False))
    assert data["price"]["prices"] == [pytest.approx(out.p_star)] and data["price"]["unique"] is True
    assert data["bob_payoff"] == pytest.approx(out.bob_payoff)
    assert data["u"] == [0.1, 0.5, 0.9]
    assert data["alice_payoff"][0] == pytest.approx(out.payoff_alice([0.1, 0.5, 0.9]).tolist())
    assert (data["offer_alice"], data["offer_bob"]) == (pytest.approx(0.55), pytest.approx(0.45))
    assert "Bob's optimal price" in str(out)


def test_non_unique_price_warns_and_reports_ranges():
    """Two maximisers p* ∈ {0.3, 0.6}: Bob's payoff is pinned, Alice's is a range."""
    with pytest.warns(NonUniquePriceWarning, match="2 maximisers"):
        out = solve(two_bump_distribution(), 0.0, 0.5, u=[0.64])
    assert out.bob_payoff == pytest.approx(0.15, abs=1e-12)
    # u = 0.64: y = 0.5·0.64 + 0.5·(0.64 - p*) is 0.49 with p* = 0.3 and 0.34 with p* = 0.6
    assert out.alice_payoff[0][0] == pytest.approx(0.34, abs=1e-9)
    assert out.alice_payoff[1][0] == pytest.approx(0.49, abs=1e-9)
    assert out.warnings and "2 maximisers" in out.to_dict()["warnings"][0]


def test_unique_price_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        solve("beta(2,3)", 0.1, 0.5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bargaining_power": 1.5}, r"bargaining_power \(β\) must be a number in \[0, 1\]; got 1.5"),
        ({"discount": 0.0}, r"discount \(δ\) must be a number in \(0, 1\]; got 0.0"),
        ({"value_bob": float("nan")}, r"value_bob \(v\) must be a finite number"),
        ({"u": [0.5, 1.5]}, r"u must be values of Alice in the support \[0, 1\] of F.*1.5 is outside"),
        ({"distribution": "gamma(2)"}, r"support must be a bounded interval"),
        ({"distribution": "nonsense(1)"}, r"distribution must be"),
        ({"distribution": {"a": 1}}, r"distribution must be a Distribution"),
        ({"points": 1}, r"points must be an integer >= 2"),
    ],
)
def test_invalid_inputs_are_named(kwargs, message):
    arguments = {"distribution": "beta(2,3)", "value_bob": 0.1, "bargaining_power": 0.5, **kwargs}
    with pytest.raises(InvalidParameterError, match=message):
        solve(**arguments)


@pytest.mark.parametrize(
    "dist",
    [
        scipy.stats.triang(1e-9, loc=0.125, scale=0.25),
        scipy.stats.triang(0.5),
        np.random.default_rng(3).beta(2, 5, size=300),
    ],
)
def test_kinked_densities_integrate_without_warnings(dist):
    """Expectations use the CDF (continuous) rather than the density (kinks, jumps): adaptive
    quadrature converges without IntegrationWarning, and welfare adds up to 1e-10."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = solve(dist, 0.1, 0.4)
    total = out.expected_alice_payoff() + out.bob_payoff
    assert total == pytest.approx(out.expected_welfare[0], abs=1e-10)
