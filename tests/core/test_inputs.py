"""The one input layer: each reader accepts what it documents and rejects the rest by key."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.core import inputs
from bargainlab.errors import InvalidParameterError


@pytest.mark.parametrize(
    ("raw", "kwargs", "fragment"),
    [
        (True, {}, "a number"),
        ("0.5", {}, "a number"),
        (math.nan, {}, "finite"),
        (math.inf, {"low": 0}, "finite"),
        (1.5, {"low": 0, "high": 1}, "[0, 1]"),
        (0.0, {"low": 0, "high": 1, "low_open": True}, "(0, 1]"),
        (-1, {"low": 0}, ">= 0"),
    ],
)
def test_number_rejects_with_key_and_range(raw, kwargs, fragment):
    with pytest.raises(InvalidParameterError) as info:
        inputs.number(raw, "discount", label="δ", **kwargs)
    assert info.value.key == "discount" and info.value.label == "δ"
    assert str(info.value).startswith("δ must be") and fragment in str(info.value)


def test_number_accepts_numpy_and_fractions():
    assert inputs.number(np.float32(0.5), "x") == 0.5
    assert inputs.number(Fraction(1, 4), "x", low=0, high=1) == 0.25


@pytest.mark.parametrize("raw", [[1, 0.5], [0.5, 0.5], [-1, 1], [], "0,1", [True, 2], [0, math.nan], np.zeros((2, 2))])
def test_value_list_rejects(raw):
    with pytest.raises(InvalidParameterError) as info:
        inputs.value_list(raw, "values1")
    assert info.value.key == "values1"


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=6, unique=True))
def test_value_list_accepts_any_sorted_distinct_non_negative_list(values):
    assert inputs.value_list(sorted(values), "values1") == tuple(sorted(values))


@pytest.mark.parametrize(
    ("raw", "n", "fragment"),
    [(1.8, 2, "[0, 1]"), ([0.9, 0.9], 2, "summing to 1"), (0.5, 3, "3 probabilities"), (None, 2, "2 probabilities")],
)
def test_prior_rejects(raw, n, fragment):
    with pytest.raises(InvalidParameterError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        inputs.prior(raw, n, "prior2", "values2")


def test_integer_and_seed():
    assert inputs.integer(3.0, "types", low=1, high=10) == 3
    assert inputs.seed(None) is None and inputs.seed(7) == 7
    for bad in (-1, 2.5, True, "1", 2**64):
        with pytest.raises(InvalidParameterError) as info:
            inputs.seed(bad)
        assert info.value.key == "seed"


def test_probability_grid_names_the_first_bad_entry():
    assert inputs.probability_grid([[0, 0.5], [1, 0.25]], "prior1").shape == (2, 2)
    with pytest.raises(InvalidParameterError, match=r"entry \(1, 0\) is 1.5"):
        inputs.probability_grid([[0, 0.5], [1.5, 0.25]], "prior1")


def test_as_distribution_reads_every_spelling():
    scipy_stats = pytest.importorskip("scipy.stats")
    by_name = inputs.as_distribution("beta(2,3)", "seller")
    frozen = inputs.as_distribution(scipy_stats.beta(2, 3), "seller")
    sample = inputs.as_distribution([0.1, 0.4, 0.7, 0.9], "buyer")
    assert inputs.as_distribution(by_name, "seller") is by_name
    assert by_name.cdf(0.3) == pytest.approx(frozen.cdf(0.3))
    assert 0.1 <= sample.mean() <= 0.9
    for bad in (3, None, {"a": 1}):
        with pytest.raises(InvalidParameterError) as info:
            inputs.as_distribution(bad, "buyer")
        assert info.value.key == "buyer"


def _general_path(raw):
    """number_sequence through its element-by-element path (a list subclass skips the fast path)."""

    class Items(list):
        pass

    return inputs.number_sequence(Items(raw), "values1")


@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(-(10**6), 10**6),
            st.booleans(),
            st.floats(0, 1).map(np.float64),
            st.integers(0, 9).map(np.int64),
            st.just("1"),
            st.none(),
        ),
        max_size=5,
    )
)
def test_number_sequence_fast_path_accepts_and_rejects_as_the_general_path(items):
    """Plain lists and tuples (and float arrays) are read by a fast path; it must agree entry for
    entry with the element-by-element reader, bools, NaN, infinities and strings included."""
    try:
        expected = _general_path(items)
    except InvalidParameterError as error:
        for raw in (items, tuple(items)):
            with pytest.raises(InvalidParameterError) as info:
                inputs.number_sequence(raw, "values1")
            assert str(info.value) == str(error).replace("Items(", "").replace("])", "]")
        return
    assert inputs.number_sequence(items, "values1") == expected
    assert inputs.number_sequence(tuple(items), "values1") == expected
    assert all(type(v) is float for v in expected)
    as_array = np.asarray(expected, dtype=float)
    assert inputs.number_sequence(as_array, "values1") == expected
    small = as_array[np.abs(as_array) < 1e30].astype(np.float32)  # (float32 overflows beyond)
    assert inputs.number_sequence(small, "values1") == tuple(float(v) for v in small)


@pytest.mark.parametrize("raw", [np.array([0.5, np.nan]), np.array([np.inf]), np.array([True, False])])
def test_number_sequence_rejects_arrays_of_non_finite_or_bool_entries(raw):
    with pytest.raises(InvalidParameterError) as info:
        inputs.number_sequence(raw, "values1")
    assert info.value.key == "values1"


@given(st.one_of(st.floats(allow_nan=True), st.integers(-5, 5), st.booleans(), st.just("0.5"), st.none()))
def test_number_accepts_exactly_the_finite_numbers_in_range(raw):
    """The fast path of number() (the message built only on an error) keeps its contract."""
    valid = isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw) and 0.0 <= raw <= 1.0
    if valid:
        assert inputs.number(raw, "bargaining_power", low=0.0, high=1.0) == float(raw)
    else:
        with pytest.raises(InvalidParameterError) as info:
            inputs.number(raw, "bargaining_power", low=0.0, high=1.0)
        assert info.value.key == "bargaining_power"
        assert ("finite" in str(info.value)) == (isinstance(raw, float) and not math.isfinite(raw))
