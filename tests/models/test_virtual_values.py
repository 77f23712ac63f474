"""Weighted virtual values and the pointwise maximiser p_a (Cramton 1985, Section 8.4)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.distributions import parse_distribution
from bargainlab.errors import InvalidParameterError
from bargainlab.models.virtual_values import WeightedMechanism, virtual_cost, virtual_value

U = parse_distribution("uniform")


def test_uniform_virtual_values_of_section_8_5():
    """c(s, a) = (1 + a)s and d(b, a) = (1 + a)b − a."""
    x = np.linspace(0.05, 0.95, 7)
    np.testing.assert_allclose(virtual_cost(U, x, 0.3), 1.3 * x)
    np.testing.assert_allclose(virtual_value(U, x, 0.3), 1.3 * x - 0.3)


@settings(max_examples=40)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0.1, 4), st.floats(0.1, 4))
def test_p_a_maximises_the_lagrangian_pointwise(s, b, a, r, sigma):
    mech = WeightedMechanism(U, U, a, r, sigma)
    c, d = float(mech.cost(np.array(s))), float(mech.value(np.array(b)))
    p = float(mech.discount(np.array(s), np.array(b)))
    grid = np.linspace(0, 1, 20001)
    assert d * p**sigma - c * p**r >= np.max(d * grid**sigma - c * grid**r) - 1e-7


@settings(max_examples=20)
@given(st.floats(0, 1), st.floats(0.1, 4), st.floats(0.1, 4))
def test_p_a_is_monotone_so_implementable(a, r, sigma):
    """Regular F, G: p_a decreases in s and increases in b (Theorem 3's proof)."""
    mech = WeightedMechanism(parse_distribution("beta(2,3)"), parse_distribution("beta(3,2)"), a, r, sigma)
    x = np.linspace(0.001, 0.999, 60)
    S, B = np.meshgrid(x, x, indexing="ij")
    p = mech.discount(S, B)
    assert np.all(np.diff(p, axis=0) <= 1e-12) and np.all(np.diff(p, axis=1) >= -1e-12)


def test_errors():
    with pytest.raises(InvalidParameterError, match="weight must be a number in"):
        WeightedMechanism(U, U, 1.5)
    with pytest.raises(InvalidParameterError, match="seller_rate must be a positive"):
        WeightedMechanism(U, U, 0.5, 0.0, 1.0)
