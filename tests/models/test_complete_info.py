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


@given(unit, unit, unit, st.floats(0.0, 0.95))
def test_closed_form_equals_backward_induction(t1, t2, beta, delta):
    """The infinite-horizon values β_i max(t1, t2) and the proposer's share 1 - δ(1 - β_i) are the
    limit of the finite game solved by backward induction (error (δ)^N after N rounds)."""
    from bargainlab.models.complete_info import random_proposer, random_proposer_backward_induction

    exact = random_proposer(t1, t2, beta, delta)
    finite = random_proposer_backward_induction(t1, t2, beta, delta, 800)
    assert finite.payoffs == pytest.approx(exact.payoffs, abs=1e-12)
    if max(t1, t2) > 1e-9:
        assert finite.proposer_keeps == pytest.approx(exact.proposer_keeps, abs=1e-12)
    assert exact.owner == (1 if t1 >= t2 else 2)


def test_random_proposer_reference_and_errors():
    """t = (0.2, 1), β = 1/4, δ = 0.9: payoffs (0.25, 0.75); player 1 proposing keeps
    1 - 0.9·0.75 = 0.325, player 2 keeps 1 - 0.9·0.25 = 0.775 (= α_A, 1 - α_B of Pęski 2022)."""
    from bargainlab.errors import InvalidParameterError
    from bargainlab.models.complete_info import random_proposer

    out = random_proposer(0.2, 1.0, 0.25, 0.9)
    assert out.payoffs == pytest.approx((0.25, 0.75))
    assert out.proposer_keeps == pytest.approx((0.325, 0.775))
    assert out.to_dict()["owner"] == 2 and "player 2 gets the good" in str(out)
    with pytest.raises(InvalidParameterError, match=r"value1 must be a non-negative value"):
        random_proposer(-1.0, 1.0, 0.5)
    with pytest.raises(InvalidParameterError, match=r"discount \(δ\) must be a number in \[0, 1\]"):
        random_proposer(0.0, 1.0, 0.5, 1.2)
