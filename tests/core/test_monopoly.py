"""Monopoly pricing (Pęski 2024, eq. 3.2) against brute force and the paper's case formulas."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.core.environment import TypeSpace
from bargainlab.core.monopoly import (
    RandomMonopolyFloors,
    monopoly_payoff,
    monopoly_payoffs,
    monopoly_prices,
    random_monopoly_payoffs,
)
from bargainlab.errors import InvalidParameterError
from tests.strategies import separated_values


def brute_force(value: float, values: list[float], prior: list[float]) -> float:
    """Try every price on a fine grid plus the buyer's values; buyer buys iff value >= price."""
    prices = sorted(set(np.linspace(0, max(values) + 1, 2001).tolist() + list(values)))
    best = value  # keep the good
    for price in prices:
        sold = sum(p for v, p in zip(values, prior) if v >= price)
        best = max(best, (1 - sold) * value + sold * price)
    return best


buyers = st.integers(1, 5).flatmap(
    lambda n: st.tuples(separated_values(n), st.lists(st.floats(0, 1), min_size=n, max_size=n))
)


@given(st.floats(0, 1), buyers)
def test_monopoly_payoff_equals_brute_force(value, buyer):
    values, weights = buyer
    weights = np.array(weights) + 1e-3
    prior = list(weights / weights.sum())
    assert float(monopoly_payoff(value, values, prior)) == pytest.approx(brute_force(value, values, prior), abs=1e-12)


@given(*(st.floats(0.0, 1.0) for _ in range(2)), st.floats(0, 1))
def test_binary_case_formulas_of_section_5_4(a, b, p2):
    """M_1(l_1) = max(l_2, (1-p_2) l_1 + p_2 h_2) and M_1(h_1) = (1-p_2)h_1 + p_2 h_2 when l_1 < l_2 < h_1 < h_2."""
    l1, l2, h1, h2 = 0.1 * a, 0.2 + 0.1 * b, 0.5, 0.9
    m = monopoly_payoff(np.array([l1, h1]), [l2, h2], [1 - p2, p2])
    assert m[0] == pytest.approx(max(l2, (1 - p2) * l1 + p2 * h2), abs=1e-14)
    assert m[1] == pytest.approx((1 - p2) * h1 + p2 * h2, abs=1e-14)


def test_threshold_p2_star_makes_low_type_indifferent():
    l1, l2, h2 = 0.0, 0.5, 1.0
    p2_star = (l2 - l1) / (h2 - l1)
    assert monopoly_prices(l1, [l2, h2], [1 - p2_star, p2_star]) == (0.5, 1.0)
    assert monopoly_prices(l1, [l2, h2], [0.6, 0.4]) == (0.5,)
    assert monopoly_prices(l1, [l2, h2], [0.4, 0.6]) == (1.0,)


def test_keeping_is_reported_as_none():
    assert monopoly_prices(1.0, [0.0, 0.5], [0.5, 0.5]) == (None,)
    assert monopoly_prices(0.5, [0.5, 1.0], [1.0, 0.0]) == (None,)  # selling at 1 never happens


def test_vectorised_over_priors_and_types():
    priors = np.array([[0.5, 0.5], [0.9, 0.1], [0.0, 1.0]])
    out = monopoly_payoff(0.0, [0.5, 1.0], priors)
    assert out.shape == (3,)
    np.testing.assert_allclose(out, [0.5, 0.5, 1.0])
    np.testing.assert_allclose(monopoly_payoff(np.array([0.0, 0.6]), [0.5, 1.0], [0.5, 0.5]), [0.5, 0.8])


def test_random_monopoly_is_beta_times_monopoly():
    owner, buyer = TypeSpace([0.0, 0.6], 0.3), TypeSpace([0.5, 1.0], 0.7)
    np.testing.assert_allclose(random_monopoly_payoffs(owner, buyer, 0.25), 0.25 * monopoly_payoffs(owner, buyer))
    np.testing.assert_allclose(monopoly_payoffs(owner, buyer), [0.7, 0.88])


def test_malformed_arguments_name_the_parameter():
    from bargainlab.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError, match="value must be non-negative finite numbers"):
        monopoly_payoff(float("nan"), [0.5, 1.0], [0.5, 0.5])
    with pytest.raises(InvalidParameterError, match="other_values must be a non-empty strictly increasing"):
        monopoly_payoff(0.0, [1.0, 0.5], [0.5, 0.5])
    with pytest.raises(InvalidParameterError, match="other_prior must be probabilities summing to 1"):
        monopoly_payoff(0.0, [0.5, 1.0], [0.5, 0.6])
    with pytest.raises(InvalidParameterError, match="owner must be a TypeSpace"):
        monopoly_payoffs(None, None)  # type: ignore[arg-type]


@given(
    st.integers(1, 5).flatmap(lambda n: separated_values(n)),
    buyers,
    st.lists(st.booleans(), min_size=5, max_size=5),
    st.floats(0, 1),
)
def test_random_monopoly_floors_equal_beta_times_monopoly_payoff_exactly(values1, buyer, zeros, beta):
    """The held floors of fixed values give β M_1 and (1 − β) M_2 of monopoly_payoff bit for bit,
    whatever the numbers of types (padded internally) and the priors (zeros allowed), checked or
    not."""
    values2, weights = buyer
    weights = np.array(weights) + 1e-3
    weights[np.array(zeros[: len(weights)]) & (len(weights) > 1)] = 0.0
    weights[-1] += weights.sum() == 0  # some buyer's value has positive probability
    prior2 = weights / weights.sum()
    prior1 = np.linspace(1.0, 2.0, len(values1))
    prior1 /= prior1.sum()
    floors = RandomMonopolyFloors(values1, values2)
    for p1, p2 in ((prior1, prior2), (list(prior1), tuple(prior2))):
        f1, f2 = floors.floors(p1, p2, beta)
        assert np.array_equal(f1, beta * monopoly_payoff(np.asarray(values1), values2, prior2))
        assert np.array_equal(f2, (1.0 - beta) * monopoly_payoff(np.asarray(values2), values1, prior1))
    checked = floors.checked_floors(prior1, prior2, beta)  # an environment's priors: the same numbers
    assert all(np.array_equal(a, b) for a, b in zip(checked, floors.floors(prior1, prior2, beta)))


@pytest.mark.parametrize(
    ("prior", "fragment"),
    [([0.5, np.nan], "probabilities in [0, 1]"), ([0.7, 0.7], "summing to 1"), ([1.2, -0.2], "[0, 1]"), ("0.5", "")],
)
def test_random_monopoly_floors_reject_bad_priors_as_monopoly_payoff(prior, fragment):
    floors = RandomMonopolyFloors([0.0, 0.5], [0.5, 1.0])
    for args in ((prior, [0.5, 0.5]), ([0.5, 0.5], prior)):
        with pytest.raises(InvalidParameterError) as info:
            floors.floors(*args, 0.5)
        assert info.value.key == "other_prior" and fragment in str(info.value)
    with pytest.raises(InvalidParameterError) as info:
        floors.floors([0.5, 0.5], [0.5, 0.5], 1.5)
    assert info.value.key == "bargaining_power"


@pytest.mark.parametrize(
    ("values1", "values2"), [([0.0], [1.0, 0.5]), ([-1.0], [0.5]), ([0.0], []), ([[0.0]], [0.5]), (True, [0.5])]
)
def test_random_monopoly_floors_check_their_values_once(values1, values2):
    for args in ((values1, values2), (values2, values1)):
        with pytest.raises(InvalidParameterError):
            RandomMonopolyFloors(*args)


def test_monopoly_payoffs_of_checked_type_spaces_equal_monopoly_payoff():
    """monopoly_payoffs reads checked type spaces directly: the same numbers as monopoly_payoff."""
    owner, buyer = TypeSpace((0.0, 0.3, 0.6), (0.2, 0.3, 0.5)), TypeSpace((0.2, 0.7, 1.0), (0.5, 0.25, 0.25))
    assert np.array_equal(monopoly_payoffs(owner, buyer), monopoly_payoff(owner.value_array, buyer.values, buyer.prior))
