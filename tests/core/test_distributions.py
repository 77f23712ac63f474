"""Continuous value distributions: three sources, one interface, clear errors."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.errors import InvalidParameterError


@given(st.floats(0.5, 5), st.floats(0.5, 5), st.floats(0.01, 0.99))
def test_scipy_source_matches_scipy(a, b, q):
    d = parse_distribution(f"beta({a},{b})")
    ref = scipy.stats.beta(a, b)
    x = float(ref.ppf(q))
    assert float(d.cdf(x)) == pytest.approx(q, abs=1e-10)
    assert float(d.pdf(x)) == pytest.approx(float(ref.pdf(x)), rel=1e-10)
    assert float(d.ppf(q)) == pytest.approx(x, abs=1e-10)
    assert d.mean() == pytest.approx(a / (a + b), abs=1e-9)


def test_truncation_renormalises():
    d = parse_distribution("norm(0.5, 0.25)", support=(0.0, 1.0))
    assert (d.lower, d.upper) == (0.0, 1.0)
    assert float(d.cdf(0.0)) == 0.0 and float(d.cdf(1.0)) == pytest.approx(1.0)
    assert d.expect(lambda x: 1.0) == pytest.approx(1.0, abs=1e-9)
    assert d.mean() == pytest.approx(0.5, abs=1e-9)  # symmetric truncation


def test_functions_source_and_numeric_quantile():
    d = Distribution.from_functions(lambda x: x**2, lambda x: 2 * x, 0.0, 1.0, name="x^2")
    assert d.mean() == pytest.approx(2 / 3, abs=1e-9)
    assert float(d.ppf(0.25)) == pytest.approx(0.5, abs=1e-10)
    np.testing.assert_allclose(d.cdf([-1.0, 0.5, 2.0]), [0.0, 0.25, 1.0])
    np.testing.assert_allclose(d.pdf([-1.0, 0.5, 2.0]), [0.0, 1.0, 0.0])


def test_empirical_source_interpolates_the_sample():
    d = Distribution.from_sample([0.0, 1.0, 3.0])
    np.testing.assert_allclose(d.cdf([0.0, 0.5, 1.0, 2.0, 3.0]), [0.0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(d.pdf([0.5, 2.0]), [0.5, 0.25])
    assert d.mean() == pytest.approx(0.5 * 0.5 + 0.5 * 2.0, abs=1e-12)
    assert float(d.ppf(0.75)) == pytest.approx(2.0)


@given(st.integers(0, 10**6))
def test_sampling_is_inverse_cdf(seed):
    d = parse_distribution("beta(2,3)")
    draws = d.sample(2000, rng=seed)
    assert draws.shape == (2000,) and d.lower <= draws.min() and draws.max() <= d.upper
    # Kolmogorov-Smirnov distance small for 2000 draws
    xs = np.sort(draws)
    ks = np.max(np.abs(d.cdf(xs) - np.arange(1, 2001) / 2000))
    assert ks < 0.05


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("foo(1)", "'foo' is not a continuous distribution"),
        ("beta(2)", "valid parameters of scipy.stats.beta"),
        ("beta(a, 3)", "'a' is not a number"),
        ("poisson(3)", "not a continuous distribution"),
        ("", "such as 'beta(2,3)'"),
        ("norm", "unbounded support"),
    ],
)
def test_parse_errors_name_the_option(text, fragment):
    with pytest.raises(InvalidParameterError) as info:
        parse_distribution(text)
    assert fragment in str(info.value)


def test_function_source_errors():
    with pytest.raises(InvalidParameterError, match="cdf must be 0 at lower and 1 at upper"):
        Distribution.from_functions(lambda x: x, lambda x: 1.0, 0.0, 2.0)
    with pytest.raises(InvalidParameterError, match="pdf must be a density integrating to 1"):
        Distribution.from_functions(lambda x: x, lambda x: 2.0, 0.0, 1.0)
    with pytest.raises(InvalidParameterError, match="support must be a bounded interval"):
        Distribution.from_functions(lambda x: x, lambda x: 1.0, 1.0, 0.0)
    with pytest.raises(InvalidParameterError, match="sample must be at least two distinct numbers"):
        Distribution.from_sample([1.0, 1.0])
    with pytest.raises(AttributeError):
        parse_distribution("uniform").lower = 3  # immutable
