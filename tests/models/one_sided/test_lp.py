"""The property-rights menu against a linear program over discretised types (Pęski 2022).

The slides: m*_α(F), the best mechanism for Bob subject to every type of Alice getting at least
α max(u, v), is the menu Y_{α,p*}, with Bob's payoff Π*_α = (1 - α) R(p*). The LP of
:mod:`bargainlab.models.one_sided.lp` maximises Bob's payoff over *all* incentive-compatible
direct mechanisms with those floors.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.models.one_sided import optimal_prices, property_rights_menu
from bargainlab.models.one_sided.lp import DiscreteTypes, bob_best_mechanism, discretise, pareto_improvement
from tests.models.one_sided.distributions import any_distribution, scipy_distribution

#: Agreement of the LP with the closed form on the same discrete types (LP tolerance 1e-10).
LP_TOL = 1e-8

unit = st.floats(0.0, 1.0)


def _discrete_price(types: DiscreteTypes, v: float) -> float:
    """A maximiser of v P(u < p) + p P(u >= p) over p ∈ {v} ∪ types (discrete analogue of p*)."""
    survival = np.cumsum(types.weights[::-1])[::-1]
    sale = (1 - survival) * v + survival * types.values
    sale = np.where(types.values >= v, sale, -np.inf)
    return float(types.values[np.argmax(sale)]) if sale.max() > v else v


def _menu_mechanism(types: DiscreteTypes, v: float, alpha: float, price: float):
    """(q, U, Π) of Y_{α,price} played by the discrete types."""
    menu = property_rights_menu(alpha, price, v)
    u = types.values
    q = menu.allocation(u)
    U = menu.alice_payoff(u)
    bob = float(types.weights @ ((1 - q) * v - (U - q * u)))
    return q, U, bob


@given(any_distribution, st.floats(0.0, 2.0), unit, st.integers(2, 120))
@settings(max_examples=60)
def test_lp_optimum_is_the_menu_payoff_for_discrete_types(dist, v, alpha, cells):
    """For discrete types the LP optimum equals (1 - α) × Bob's monopoly revenue, and the menu
    Y_{α,p} with the discrete monopoly price is IC, meets the floors, and attains it."""
    types = discretise(dist, cells)
    floors = alpha * np.maximum(types.values, v)
    lp = bob_best_mechanism(types, v, floors)
    assert lp.max_violation <= 1e-9
    assert lp.bob_payoff == pytest.approx((1 - alpha) * types.monopoly_revenue(v), abs=LP_TOL)
    q, U, bob = _menu_mechanism(types, v, alpha, _discrete_price(types, v))
    assert bob == pytest.approx(lp.bob_payoff, abs=LP_TOL)
    u = types.values
    mimic = U[None, :] + (u[:, None] - u[None, :]) * q[None, :] - U[:, None]
    assert mimic.max() <= 1e-12  # the menu is incentive compatible
    assert np.all(U >= floors - 1e-12)  # and gives every type her complete-information share


@given(scipy_distribution(), st.floats(0.0, 1.5), unit)
@settings(max_examples=12)
def test_fine_discretisation_converges_to_the_continuous_menu_payoff(dist, v, alpha):
    """With 1,500 cells the LP's optimum is within one cell width of (1 - α) R(p*) for the continuous F."""
    cells = 1500
    types = discretise(dist, cells)
    lp = bob_best_mechanism(types, v, alpha * np.maximum(types.values, v))
    continuous = (1 - alpha) * optimal_prices(dist, v).revenue
    width = (dist.upper - dist.lower) / cells
    assert abs(lp.bob_payoff - continuous) <= width


@given(any_distribution, st.floats(0.0, 2.0), unit)
@settings(max_examples=15)
def test_adjacent_ic_is_equivalent_to_all_pairs(dist, v, alpha):
    """Single crossing: the adjacent IC rows give the same optimum as every pair."""
    types = discretise(dist, 40)
    floors = alpha * np.maximum(types.values, v)
    adjacent = bob_best_mechanism(types, v, floors, ic="adjacent")
    every = bob_best_mechanism(types, v, floors, ic="all")
    assert adjacent.bob_payoff == pytest.approx(every.bob_payoff, abs=LP_TOL)
    assert adjacent.max_violation <= 1e-9


@given(any_distribution, st.floats(0.0, 2.0), unit, st.floats(0.05, 1.0))
@settings(max_examples=40)
def test_bob_is_indifferent_to_alices_offer_by_lp(dist, v, beta, delta):
    """Slides: Π*_{α_A} = δ Π*_β with α_A = 1 - δ(1 - β), here with both sides computed by the LP."""
    types = discretise(dist, 60)
    alpha_a = 1 - delta * (1 - beta)
    offer = bob_best_mechanism(types, v, alpha_a * np.maximum(types.values, v)).bob_payoff
    average = bob_best_mechanism(types, v, beta * np.maximum(types.values, v)).bob_payoff
    assert offer == pytest.approx(delta * average, abs=LP_TOL)


@given(any_distribution, st.floats(0.0, 2.0), unit)
@settings(max_examples=40)
def test_the_equilibrium_menu_is_incentive_efficient(dist, v, beta):
    """Slides: the outcome is incentive-efficient: no IC mechanism improves a type of Alice or Bob
    without hurting someone (the LP's largest total gain is 0)."""
    types = discretise(dist, 60)
    _, U, bob = _menu_mechanism(types, v, beta, _discrete_price(types, v))
    gain = pareto_improvement(types, v, U, bob)
    assert gain.max_violation <= 1e-9
    assert gain.objective <= LP_TOL


@given(scipy_distribution(), st.floats(0.0, 0.8), st.floats(0.1, 0.9))
@settings(max_examples=20)
def test_a_suboptimal_price_is_not_incentive_efficient(dist, v, beta):
    """Control for the test above: the menu with a price far above p* is Pareto-dominated."""
    types = discretise(dist, 60)
    price = _discrete_price(types, v)
    worse = price + 0.5 * (max(types.values[-1], v) - price)
    _, U, bob = _menu_mechanism(types, v, beta, worse)
    loss = (1 - beta) * (types.monopoly_revenue(v) - bob / (1 - beta))
    if loss > 1e-6:
        assert pareto_improvement(types, v, U, bob).objective >= loss - LP_TOL


@given(any_distribution, st.floats(0.0, 2.0), unit)
@settings(max_examples=30)
def test_ex_post_efficient_mechanism_is_worse_for_bob_than_the_menu(dist, v, alpha):
    """Giving the good to every u > v with the floors α max(u, v) leaves Bob (1 - α) v <= Π*_α."""
    types = discretise(dist, 50)
    lp = bob_best_mechanism(types, v, alpha * np.maximum(types.values, v))
    assert (1 - alpha) * v <= lp.bob_payoff + LP_TOL
