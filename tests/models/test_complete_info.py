"""Complete-information benchmarks (Pęski 2024, Section 3.1)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.models.complete_info import random_proposer_payoff

unit = st.floats(0.0, 1.0)
open_unit = st.floats(0.01, 0.99)


@given(unit, unit, open_unit, st.floats(0.5, 0.999))
def test_random_proposer_values_solve_the_recursion_for_every_delta(t1, t2, beta, delta):
    """v_i = β_i (T - δ v_-i) + β_-i δ v_i with T = max(t1, t2) is solved by v_i = β_i T."""
    big = max(t1, t2)
    v1, v2 = random_proposer_payoff(t1, t2, beta), random_proposer_payoff(t2, t1, 1 - beta)
    assert v1 == pytest.approx(beta * (big - delta * v2) + (1 - beta) * delta * v1, abs=1e-12)
    assert v2 == pytest.approx((1 - beta) * (big - delta * v1) + beta * delta * v2, abs=1e-12)
    assert v1 + v2 == pytest.approx(big, abs=1e-12)


@given(open_unit, open_unit, st.floats(0.5, 0.999))
def test_deviation_payoff_identity_of_eq_3_1_as_corrected(beta, x, delta):
    """Eq. (3.1), corrected (docs/errata.md): rejecting every offer and proposing a split that
    leaves δ(1 - x) t2 to the other player yields
    β Σ_t (δ(1-β))^t (1 - δ(1-x)) t2 = x t2 + (β - x)(1-δ)/(1-δ+δβ) t2."""
    t2 = 1.0
    series = beta * sum((delta * (1 - beta)) ** t for t in range(20_000)) * (1 - delta * (1 - x)) * t2
    corrected = x * t2 + (beta - x) * (1 - delta) / (1 - delta + delta * beta) * t2
    assert series == pytest.approx(corrected, rel=1e-9)
    # the printed right-hand side, with (β_i - t_i) in place of (β_i - x_i), is a different number
    printed = x * t2 + (beta - t2) * (1 - delta) / (1 - delta + delta * beta) * t2
    assert abs(printed - series) > 1e-6 or abs(beta - t2) < 1e-9


def test_vectorised():
    out = random_proposer_payoff(np.array([0.0, 0.5]), np.array([1.0, 0.2]), 0.25)
    np.testing.assert_allclose(out, [0.25, 0.125])
