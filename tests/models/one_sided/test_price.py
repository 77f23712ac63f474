"""Bob's optimal price p* (Pęski 2022, slide "Optimal mechanisms"), checked by brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.distributions import parse_distribution
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.models.one_sided.lp import discretise
from bargainlab.models.one_sided.price import monopoly_revenue, optimal_prices
from tests.models.one_sided.distributions import any_distribution, flat_revenue_distribution, two_bump_distribution

#: Brute-force grid for the second method.
BRUTE_POINTS = 50_001


@given(any_distribution, st.floats(-0.5, 2.5))
@settings(max_examples=60)
def test_revenue_at_p_star_is_the_maximum_of_a_brute_force_grid(dist, v):
    """R(p*) >= max over 50,001 prices (and exceeds it by no more than the grid's resolution)."""
    result = optimal_prices(dist, v)
    lo, hi = result.domain
    grid = np.linspace(min(lo, dist.lower) - 0.1, max(hi, dist.upper) + 0.1, BRUTE_POINTS)
    brute = monopoly_revenue(dist, v, grid).max()
    scale = max(abs(dist.lower), abs(dist.upper), abs(v), 1.0)
    assert result.revenue >= brute - 1e-12 * scale
    spacing = grid[1] - grid[0]
    # R is Lipschitz with constant max(1, |p - v| max f): the grid comes within one step of the peak
    lipschitz = 1.0 + (abs(hi - v) + abs(dist.upper - dist.lower)) * dist.pdf(dist.grid(2001)).max()
    assert result.revenue - brute <= lipschitz * spacing
    for p in result.prices:
        assert lo - 1e-12 <= p <= hi + 1e-12
        assert float(monopoly_revenue(dist, v, p)) == pytest.approx(result.revenue, abs=1e-9 * scale)


def result_dist(a: float, width: float):
    return parse_distribution(f"uniform({a}, {width})")


@given(st.floats(0.0, 1.0), st.floats(0.05, 2.0), st.floats(-1.0, 3.0))
def test_uniform_closed_form(a, width, v):
    """F uniform on [a, b]: R'(p) = (v + b - 2p)/(b - a), so p* = (b + v)/2 clipped to [max(v, a), max(v, b)]."""
    b = a + width
    result = optimal_prices(result_dist(a, width), v)
    expected = min(max((b + v) / 2, v, a), max(v, b))
    lo, hi = max(v, a), max(v, b)
    if (hi - lo) ** 2 / width < 1e-8:
        # R'' = -2/(b - a): on so narrow a price domain R varies by less than the tie tolerance, and which
        # points of it are reported as (tied) maximisers depends on the SciPy version (seen with SciPy 1.11)
        assert all(lo - 1e-12 <= p <= hi + 1e-12 for p in result.prices)
        assert result.revenue == pytest.approx(float(monopoly_revenue(result_dist(a, width), v, expected)), abs=1e-9)
        return
    assert result.unique
    assert result.lowest == pytest.approx(expected, abs=1e-9)


def test_two_maximisers_are_both_reported():
    """Two bumps of equal mass at [0.3, 0.35] and [0.6, 0.65], v = 0: R(0.3) = R(0.6) = 0.3."""
    result = optimal_prices(two_bump_distribution(), 0.0)
    assert len(result.prices) == 2 and not result.unique
    np.testing.assert_allclose(result.prices, [0.3, 0.6], atol=1e-9)
    assert result.revenue == pytest.approx(0.3, abs=1e-12)


@given(any_distribution, st.floats(-0.5, 2.5))
@settings(max_examples=40)
def test_p_star_exceeds_v_exactly_when_some_type_values_the_good_more(dist, v):
    """Slides ("when β = 0 ... sell at price p* > v"): p* > v iff F(v) < 1; else p* = v (no sale)."""
    result = optimal_prices(dist, v)
    if v < dist.upper - 1e-9:
        assert result.lowest > v
    elif v >= dist.upper:
        assert result.prices == (v,)
        assert result.revenue == pytest.approx(v)


@given(any_distribution, st.floats(0.0, 2.0), st.integers(5, 200))
@settings(max_examples=40)
def test_discrete_revenue_agrees_with_core_monopoly_payoff(dist, v, cells):
    """The discrete monopoly revenue used by the LP checks equals core.monopoly's M(v; p) (eq. 3.2)."""
    types = discretise(dist, cells)
    expected = float(monopoly_payoff(v, types.values.tolist(), types.weights))
    assert types.monopoly_revenue(v) == pytest.approx(expected, abs=1e-12)


def test_a_flat_stretch_of_revenue_is_reported_by_its_ends():
    """R(p) = 0.25 on [0.25, 0.5] (equal-revenue F there): p* is any price in it."""
    result = optimal_prices(flat_revenue_distribution(), 0.0)
    assert not result.unique
    assert len(result.prices) == 2
    np.testing.assert_allclose(result.prices, [0.25, 0.5], atol=1e-3)
    assert result.revenue == pytest.approx(0.25, abs=1e-12)
