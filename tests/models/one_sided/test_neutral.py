"""The neutral-solution condition (Pęski 2022, slide "Neutral solution"), against calculus."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.models.one_sided.neutral import neutral_condition


def _beta_derivative(a: float, b: float, v: float, u: np.ndarray) -> np.ndarray:
    """g'(u) = 2 f(u) + (u - v) f'(u) for the beta(a, b) density, f' = f ((a-1)/u - (b-1)/(1-u))."""
    f = scipy.stats.beta(a, b).pdf(u)
    return 2 * f + (u - v) * f * ((a - 1) / u - (b - 1) / (1 - u))


@given(st.floats(1.0, 6.0), st.floats(1.0, 6.0), st.floats(-0.5, 1.5))
@settings(max_examples=40)
def test_grid_verdict_matches_the_sign_of_the_derivative(a, b, v):
    """The failing set found on the grid is where g' <= 0 (analytic), up to grid resolution."""
    result = neutral_condition(parse_distribution(f"beta({a}, {b})"), v)
    u = np.linspace(0.0005, 0.9995, 2000)
    derivative = _beta_derivative(a, b, v, u)
    failing = np.zeros(u.size, dtype=bool)
    for start, end in result.failures:
        failing |= (u >= start) & (u <= end)
    scale = np.abs(derivative).max()
    clearly_up = derivative > 1e-3 * scale
    clearly_down = derivative < -1e-3 * scale
    # every point where g clearly decreases is reported, and no point where it clearly increases
    # is, except within a grid step of a reported interval's ends
    assert np.all(failing[clearly_down])
    step = 1.0 / (result.points - 1)
    for point in u[clearly_up & failing]:
        assert any(min(abs(point - s), abs(point - e)) <= 2 * step for s, e in result.failures)
    assert result.holds == (not result.failures)


def test_uniform_always_satisfies_it():
    """g(u) = (u - v) - (1 - u) = 2u - 1 - v for U[0, 1]: strictly increasing for every v."""
    for v in (-1.0, 0.0, 0.3, 1.0, 2.0):
        assert neutral_condition(parse_distribution("uniform"), v).holds


def test_beta_one_five_fails_exactly_above_one_third():
    """beta(1, 5), v = 0: g'(u) = 10 (1 - u)^3 (1 - 3u) < 0 exactly on (1/3, 1)."""
    result = neutral_condition(parse_distribution("beta(1, 5)"), 0.0)
    assert not result.holds
    assert len(result.failures) == 1
    start, end = result.failures[0]
    assert start == pytest.approx(1 / 3, abs=1e-3) and end == pytest.approx(1.0)


def test_a_drop_of_an_empirical_density_above_v_is_caught():
    """Sample 0, 0.1, 0.2, 1: density 10/3 on [0, 0.2], then 1/(3·0.8): g jumps down at u = 0.2
    by (0.2 - v)(10/3 - 5/12) > 0 when v < 0.2, and up when v > 0.2."""
    dist = Distribution.from_sample([0.0, 0.1, 0.2, 1.0])
    below = neutral_condition(dist, 0.0)
    assert not below.holds
    assert any(s <= 0.2 <= e for s, e in below.failures)
    assert neutral_condition(dist, 0.5).holds


def test_json_and_text():
    result = neutral_condition(parse_distribution("beta(1, 5)"), 0.0)
    data = result.to_dict()
    assert data["holds"] is False and len(data["failures"]) == 1
    assert "fails" in str(result)
