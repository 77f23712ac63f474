"""Two common types, two-sided: β-random property rights (Pęski 2022, last slides) against the
two-sided LP of Pęski (2024) (Theorem 3 with l_1 = l_2, where the gap is zero)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models import two_sided
from bargainlab.models.one_sided.two_types import property_rights_two_types
from tests.strategies import TINY_VALUE

unit = st.floats(0.0, 1.0)


@st.composite
def common_types(draw):
    low = draw(st.floats(0.0, 1.0))
    low = 0.0 if low < TINY_VALUE else low  # the two-sided LP rejects positive values below MIN_VALUE_RATIO
    return low, low + draw(st.floats(0.01, 1.0))


@given(common_types(), unit, unit, unit)
@settings(max_examples=40)
def test_payoffs_equal_the_two_sided_lp(types, p1, p2, beta):
    """Every type's payoff equals the unique payoff of the two-sided program (4.1) (δ → 1)."""
    low, high = types
    out = property_rights_two_types(low, high, p1, p2, beta)
    lp = two_sided.solve(two_sided_environment([low, high], [low, high], p1, p2, beta))
    for i in range(2):
        for k in range(2):
            probability = (1 - p1, p1)[k] if i == 0 else (1 - p2, p2)[k]
            if probability > 1e-6:
                assert lp.payoffs[i][k].low - 1e-7 <= out.payoffs[i][k] <= lp.payoffs[i][k].high + 1e-7


@given(common_types(), unit, unit, unit)
@settings(max_examples=60)
def test_mechanism_is_ex_post_efficient_ic_and_budget_balanced(types, p1, p2, beta):
    """Slides: "this mechanism is ex post efficient"; and it is IC with transfers that balance."""
    low, high = types
    out = property_rights_two_types(low, high, p1, p2, beta)
    assert out.ex_post_efficient
    values = np.array([low, high])
    priors = (np.array([1 - p1, p1]), np.array([1 - p2, p2]))
    q1, q2 = np.array(out.allocation[0]), np.array(out.allocation[1])
    np.testing.assert_allclose(q1 + q2, 1.0, atol=1e-12)
    # interim allocation and IC: type t of player i reporting s gets Q(s) t + T(s)
    for i, (q, other) in enumerate(((q1, priors[1]), (q2.T, priors[0]))):
        interim = q @ other
        transfers = np.array(out.transfers[i])
        for t in range(2):
            truthful = interim[t] * values[t] + transfers[t]
            assert truthful == pytest.approx(out.payoffs[i][t], abs=1e-12)
            lie = interim[1 - t] * values[t] + transfers[1 - t]
            assert truthful >= lie - 1e-12
    # ex ante budget: transfers sum to zero in expectation
    assert priors[0] @ np.array(out.transfers[0]) + priors[1] @ np.array(out.transfers[1]) == pytest.approx(
        0.0, abs=1e-12
    )


@given(common_types(), unit, unit, unit)
def test_payoffs_are_the_random_monopoly_payoffs(types, p1, p2, beta):
    """β_i [p_-i u_h + (1 - p_-i) t]: the owner sells at u_h to a high type."""
    low, high = types
    out = property_rights_two_types(low, high, p1, p2, beta)
    for i, (share, other) in enumerate(((beta, p2), (1 - beta, p1))):
        for k, t in enumerate((low, high)):
            assert out.payoffs[i][k] == pytest.approx(share * (other * high + (1 - other) * t), abs=1e-12)


def test_invalid_inputs():
    with pytest.raises(InvalidParameterError, match="high must be a value above low = 1"):
        property_rights_two_types(1.0, 0.5, 0.5, 0.5, 0.5)
    with pytest.raises(InvalidParameterError, match=r"prior2 must be a number in \[0, 1\]; got 1.2"):
        property_rights_two_types(0.0, 1.0, 0.5, 1.2, 0.5)
