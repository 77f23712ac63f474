"""Reported numbers near 0 (core.numbers): rounding noise is 0, a negative beyond tolerance is an error."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.core.numbers import clean_zero, nonnegative
from bargainlab.errors import SolverError


def test_rounding_noise_and_negative_zero_become_zero():
    assert clean_zero(-1.1102230246251565e-16, 1e-12) == 0.0
    assert not math.copysign(1.0, clean_zero(-0.0, 1e-12)) < 0  # -0.0 is written as 0.0
    assert clean_zero(1e-12, 1e-12) == 0.0  # the tolerance itself is inside
    assert clean_zero(2e-12, 1e-12) == 2e-12
    assert clean_zero(-0.3, 1e-12) == -0.3


def test_arrays_and_per_entry_tolerances():
    cleaned = clean_zero([1e-17, -0.0, 0.5, -1e-9], np.array([1e-12, 1e-12, 1e-12, 1e-8]))
    assert cleaned.tolist() == [0.0, 0.0, 0.5, 0.0]
    assert not np.signbit(cleaned).any()


@given(st.floats(allow_nan=False, allow_infinity=False), st.floats(0, 1))
def test_clean_zero_changes_only_values_within_tolerance(x, tol):
    cleaned = clean_zero(x, tol)
    assert cleaned == (0.0 if abs(x) <= tol else x)
    assert not (cleaned == 0 and math.copysign(1.0, cleaned) < 0)


def test_nonnegative_clips_within_tolerance_and_refuses_beyond():
    assert nonnegative(-5e-10, 1e-8, "Gap") == 0.0
    assert nonnegative(0.0625, 1e-8, "Gap") == 0.0625
    assert nonnegative(np.array([-1e-9, 0.5]), 1e-8, "Gap").tolist() == [0.0, 0.5]
    with pytest.raises(SolverError, match="Gap came out as -1e-06"):
        nonnegative(-1e-6, 1e-8, "Gap")
    with pytest.raises(SolverError):
        nonnegative(np.array([0.1, math.nan]), 1e-8, "Gap")  # NaN is never reported
