"""The α-random property-rights menu Y_{α,p} (Pęski 2022, slide "Preliminaries")."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.errors import InvalidParameterError
from bargainlab.models.one_sided.menu import alice_menu_payoff, property_rights_menu

unit = st.floats(0.0, 1.0)


@given(unit, st.floats(0.0, 2.0), st.floats(0.0, 1.0))
def test_best_choice_from_the_menu_gives_the_slides_payoff(alpha, price_over_v, v):
    """max over the three options = α max(u, v) + (1 - α) max(u - p, 0) for every u (p >= v)."""
    price = v + price_over_v
    menu = property_rights_menu(alpha, price, v)
    u = np.linspace(-0.5, 3.5, 801)
    chosen = np.max([option.alice_payoff(u) for option in menu.options], axis=0)
    np.testing.assert_allclose(chosen, alice_menu_payoff(u, v, price, alpha), atol=1e-12)
    np.testing.assert_allclose(menu.alice_payoff(u), chosen, atol=1e-12)


@given(unit, st.floats(0.0, 2.0), st.floats(0.0, 1.0))
def test_menu_choices_follow_the_slides(alpha, price_over_v, v):
    """Types below v let Bob have the good, v < u < p take it with probability α, u > p buy it."""
    price = v + price_over_v
    menu = property_rights_menu(alpha, price, v)
    u = np.array([v - 0.3, v + 0.5 * price_over_v, price + 0.3])
    q = menu.allocation(u)
    if 1e-6 < alpha < 1 - 1e-6 and price_over_v > 1e-3:  # clear preferences (no ties between options)
        assert q.tolist() == [0.0, alpha, 1.0]
    # incentive compatibility of the menu: y is convex with slope q in [0, 1]
    grid = np.linspace(v - 1, price + 1, 2001)
    y = menu.alice_payoff(grid)
    slopes = np.diff(y) / np.diff(grid)
    assert slopes.min() >= -1e-9 and slopes.max() <= 1 + 1e-9
    assert np.all(np.diff(slopes) >= -1e-9)


@given(unit, unit, st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_payoffs_are_affine_in_alpha(a1, a2, lam, v):
    """Slides: "Payoffs are affine in α"."""
    price = v + 0.4
    u = np.linspace(0, 2, 41)
    mixed = alice_menu_payoff(u, v, price, lam * a1 + (1 - lam) * a2)
    affine = lam * alice_menu_payoff(u, v, price, a1) + (1 - lam) * alice_menu_payoff(u, v, price, a2)
    np.testing.assert_allclose(mixed, affine, atol=1e-12)


def test_invalid_menus_are_rejected():
    with pytest.raises(InvalidParameterError, match=r"share \(α\) must be a number in \[0, 1\]"):
        property_rights_menu(1.5, 0.5, 0.2)
    with pytest.raises(InvalidParameterError, match="price must be at least Bob's value v = 0.5"):
        property_rights_menu(0.5, 0.2, 0.5)
