"""The graded 2-D quadrature against exact integrals and scipy's adaptive quadrature."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, special

from bargainlab.core.distributions import parse_distribution
from bargainlab.core.quadrature import bisect_increasing, composite_gauss_legendre, expect_pair

#: Agreement with the reference for densities with power-law ends (beta shapes >= 1.2).
QUAD_AGREEMENT = 1e-8


def test_rule_integrates_polynomials_and_power_singularities():
    x, w = composite_gauss_legendre(0.0, 2.0)
    assert np.sum(w) == pytest.approx(2.0, abs=1e-14)
    assert np.sum(w * x**7) == pytest.approx(2.0**8 / 8, rel=1e-13)
    # (x)^(1/3) on [0, 1]: the grading handles the endpoint singularity of the derivative
    x, w = composite_gauss_legendre(0.0, 1.0)
    assert np.sum(w * x ** (1 / 3)) == pytest.approx(0.75, abs=1e-9)


def test_empty_interval_has_zero_weight():
    _, w = composite_gauss_legendre(np.array([1.0, 0.0]), np.array([1.0, 1.0]))
    assert np.all(w[0] == 0) and np.sum(w[1]) == pytest.approx(1.0)


def test_triangle_with_a_cut_is_exact():
    """E[(b − s) 1{s < b}] = 1/6 for two uniforms (a jump along s = b, split by the cut)."""
    U = parse_distribution("uniform")
    value = expect_pair(lambda S, B: (B - S) * (S < B), U, U, cuts=lambda b: [b])
    assert value == pytest.approx(1 / 6, abs=1e-14)


@settings(max_examples=20)
@given(st.floats(1.2, 4.0), st.floats(1.2, 4.0), st.floats(0.0, 0.4))
def test_matches_adaptive_quadrature_on_a_trade_region(a, b, gap):
    """E[(y − s) 1{y − s > gap}], s ~ beta(a, b), y ~ beta(b, a), against scipy's adaptive quad
    of the exact inner integral y I_x(a, b) − a/(a+b) I_x(a+1, b), x = y − gap."""
    F, G = parse_distribution(f"beta({a},{b})"), parse_distribution(f"beta({b},{a})")
    ours = expect_pair(lambda S, B: (B - S) * (B - S > gap), F, G, cuts=lambda y: [y - gap], outer_breaks=[gap])

    def inner(y: float) -> float:
        x = y - gap
        return y * special.betainc(a, b, x) - a / (a + b) * special.betainc(a + 1, b, x)

    ref = integrate.quad(lambda y: inner(y) * float(G.pdf(y)), gap, 1.0, epsabs=1e-13, limit=200)[0]
    assert ours == pytest.approx(ref, abs=QUAD_AGREEMENT)


def test_bisection_solves_many_equations_and_clips():
    roots = bisect_increasing(lambda x: x**3, np.array([-1.0, 0.125, 8.0]), 0.0, 1.0)
    np.testing.assert_allclose(roots, [0.0, 0.5, 1.0], atol=1e-15)
