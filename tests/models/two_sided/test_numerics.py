"""Numerics that say what they know (issue 11): dynamic range, constraint violations, no
negative Gap, no rounding noise reported as a number."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form, gap, solve
from bargainlab.models.two_sided.curves import belief_map
from bargainlab.models.two_sided.maps import gap_on_points, gap_on_priors, prior_grid
from bargainlab.models.two_sided.outcome import RelaxedFloorsWarning
from bargainlab.tolerances import CLOSED_FORM_TOL, CONSTRAINT_TOL, FLOOR_SLACKS, MIN_VALUE_RATIO, ZERO_TOL
from tests.strategies import binary_environment, finite_environment

#: The two inputs of issue 11: values (0, 1e-300) gave a NaN Gap, values spanning 1e-9 to 1e9
#: a Gap of -0.24 with no warning.
#: Printed numbers that are rounding noise: -0 (-0.0), and negatives above -1e-12 (small positive
#: inputs, such as a prior of 1e-15, are shown as given).
NOISE_TINY = re.compile(r"[(\[]?-\d(\.\d+)?e-(1[3-9]|[2-9]\d|\d{3})[,)\]]?")
NOISE_ZERO = re.compile(r"[(\[]?-0(\.0*)?[,)\]]?")

EXTREME = (([0.0, 1e-300], [0.5, 1.0]), ([1e-9, 1.0], [0.5, 1e9]))


@pytest.mark.parametrize(("values1", "values2"), EXTREME)
@pytest.mark.parametrize("compute", ["gap_auto", "gap_lp", "solve", "gap_on_points"])
def test_values_below_the_lps_resolution_are_a_clear_error(values1, values2, compute):
    env = two_sided_environment(values1, values2, 0.5, 0.5, 0.3)
    run = {
        "gap_auto": lambda: gap(env),
        "gap_lp": lambda: gap(env, method="lp"),
        "solve": lambda: solve(env),
        "gap_on_points": lambda: gap_on_points(values1, values2, [0.5, 0.5], [0.5, 0.5], 0.3, method="lp"),
    }[compute]
    with pytest.raises(InvalidParameterError) as error:
        run()
    assert error.value.key == "values1"
    assert f"{MIN_VALUE_RATIO:g} times the largest value" in str(error.value)


def test_the_range_check_names_the_player_and_the_point():
    with pytest.raises(InvalidParameterError) as error:
        gap(two_sided_environment([200.0, 1e9], [1e-6, 1.0], 0.5, 0.5, 0.5))
    assert error.value.key == "values2"
    with pytest.raises(InvalidParameterError, match="at point 1"):
        gap_on_points([0.0, 0.5], [[0.5, 1.0], [0.6, 1e9]], [0.5, 0.5], [0.5, 0.5], 0.5)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(math.log10(MIN_VALUE_RATIO), -1),
    st.floats(0.05, 0.95),
    st.floats(0.05, 0.95),
    st.floats(0.05, 0.95),
    st.sampled_from(["prop1", "prop2", "low"]),
)
def test_values_within_the_allowed_range_agree_with_the_closed_form(exponent, p1, p2, beta, layout):
    """Down to MIN_VALUE_RATIO the LP still equals Propositions 1–2 (the arbiter at any scale:
    the closed form is exact in floating point) and Gap >= 0."""
    tiny = 10.0**exponent
    values1, values2 = {
        "prop1": ([tiny, 0.7], [0.4, 1.0]),
        "prop2": ([tiny, 2 * tiny], [0.5, 1.0]),
        "low": ([0.0, tiny], [tiny * 1.5, 1.0]),
    }[layout]
    env = two_sided_environment(values1, values2, p1, p2, beta)
    by_lp, by_formula = gap(env, method="lp"), gap(env, method="closed_form")
    assert by_lp.gap >= 0 and by_formula.gap >= 0
    assert by_lp.gap == pytest.approx(by_formula.gap, abs=CLOSED_FORM_TOL)
    assert by_lp.max_violation is not None and by_lp.max_violation <= CONSTRAINT_TOL
    assert by_formula.max_violation is None


@settings(max_examples=60, deadline=None)
@given(finite_environment(max_types=3))
def test_gap_is_never_negative_and_reports_its_violation(env):
    result = gap(env, method="lp")
    assert result.gap >= 0.0 and not math.copysign(1.0, result.gap) < 0
    assert result.max_violation is not None and 0.0 <= result.max_violation <= CONSTRAINT_TOL


def _numbers(data):
    """Every float in a nested to_dict."""
    if isinstance(data, float):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _numbers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _numbers(value)


def _no_noise(data, unit):
    """No -0.0 and no nonzero number within ZERO_TOL * unit of 0 (rounding noise shown as a number)."""
    for x in _numbers(data):
        assert not (x == 0.0 and math.copysign(1.0, x) < 0), "-0.0 reported"
        assert x == 0.0 or abs(x) > ZERO_TOL * min(unit, 1.0) or x > 0, f"rounding noise {x!r} reported"


@settings(max_examples=20, deadline=None)
@given(finite_environment(max_types=3))
def test_outcome_reports_no_negative_zero_nor_tiny_negatives(env):
    out = solve(env)
    data = out.to_dict()
    unit = env.max_value if env.max_value > 0 else 1.0
    _no_noise(data, unit)
    assert data["gap"] >= 0 and data["gap_share"] >= 0
    # the quantities (the closed-form check's |LP - closed form| and the constraint violation are
    # error sizes, shown as measured; the inputs are shown as given)
    computed = str(out).split("\nGap\n", 1)[1]
    report = computed.split("Check against the paper's closed form")[0].split("Method:")[0].splitlines()
    assert not [
        token for line in report for token in line.split() if NOISE_ZERO.fullmatch(token) or NOISE_TINY.fullmatch(token)
    ]


@settings(max_examples=30, deadline=None)
@given(binary_environment(None))
def test_gap_results_report_no_negative_zero_nor_tiny_negatives(env):
    unit = env.max_value if env.max_value > 0 else 1.0
    for method in ("closed_form", "lp"):
        _no_noise(gap(env, method=method).to_dict(), unit)


def test_maps_report_their_violation_and_no_negative_gap():
    env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
    grid = prior_grid(np.linspace(0, 1, 21))
    by_lp = gap_on_priors(env, grid, grid[::-1], "lp")
    by_formula = gap_on_priors(env, grid, grid[::-1], "closed_form")
    assert by_lp.max_violation is not None and 0.0 <= by_lp.max_violation <= CONSTRAINT_TOL
    assert by_formula.max_violation is None
    assert (by_lp.gap >= 0).all() and not np.signbit(by_lp.gap).any()
    assert (by_formula.gap >= 0).all() and not np.signbit(by_formula.gap).any()
    np.testing.assert_allclose(by_lp.gap, by_formula.gap, atol=CLOSED_FORM_TOL)
    three = two_sided_environment([0, 0.3, 0.5], [0.5, 0.7, 1], [0.2, 0.3, 0.5], [0.3, 0.3, 0.4], 0.5)
    priors = [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [1.0, 0.0, 0.0]]
    many = gap_on_priors(three, priors, [[0.3, 0.3, 0.4]] * 3, "lp")
    one_by_one = [
        gap(two_sided_environment(three.player1.values, three.player2.values, p, [0.3, 0.3, 0.4], 0.5), "lp")
        for p in priors
    ]
    np.testing.assert_allclose(many.gap, [r.gap for r in one_by_one], atol=CLOSED_FORM_TOL)
    assert many.max_violation is not None and many.max_violation <= CONSTRAINT_TOL


def test_belief_maps_report_their_violation():
    three = two_sided_environment([0, 0.3, 0.5], [0.5, 0.7, 1], [0.2, 0.3, 0.5], [0.3, 0.3, 0.4], 0.5)
    by_lp = belief_map(three, resolution=3)
    assert by_lp.method == "lp" and by_lp.max_violation is not None and by_lp.max_violation <= CONSTRAINT_TOL
    assert (by_lp.gap >= 0).all()
    assert belief_map(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), resolution=3).max_violation is None


def test_proposition_2_ramp_without_width_is_its_limit_not_nan():
    """h_1 - l_1 below the other values' resolution: p2** = p2*, the ramp is a step (no 0/0)."""
    floor, value = closed_form.floor_and_gap(0.0, 1e-300, 0.5, 1.0, 0.5, 0.5, 0.5)
    assert math.isfinite(value) and 0.0 <= value <= 1e-299
    floor, values = closed_form.floor_and_gap(0.0, 1e-300, 0.5, 1.0, 0.5, np.linspace(0, 1, 11), 0.5)
    assert np.isfinite(values).all()


def _degenerate_point():
    """The four-type point of test_exact.py (β = 1, player 1 known, zero-probability types whose
    floors bind): the exact floors are infeasible at HiGHS's tolerance; the exact Gap is 0."""
    from fractions import Fraction as F

    prior2 = [0.0, float(F(208207, 700176)), float(F(77609, 303482))]
    return two_sided_environment(
        [float(x) for x in (F(275, 763273), F(1245, 621926), F(365513, 976690), F(500790, 513359))],
        [float(x) for x in (F(181, 557786), F(388937, 869897), F(156029, 245261))] + [1.0],
        [1.0, 0.0, 0.0, 0.0],
        prior2 + [1.0 - sum(prior2)],
        1.0,
    )


def test_relaxed_floors_are_recorded_and_announced():
    """Output never claims more than was computed: a point solved with relaxed floors says so
    (floor_slack, a RelaxedFloorsWarning, the report), exact floors record 0 and stay silent."""
    env = _degenerate_point()
    with pytest.warns(RelaxedFloorsWarning, match="check it with the exact solver"):
        by_lp = gap(env, method="lp")
    assert by_lp.floor_slack in FLOOR_SLACKS and by_lp.to_dict()["floor_slack"] == by_lp.floor_slack
    with pytest.warns(RelaxedFloorsWarning):
        out = solve(env, ranges="none")
    assert out.floor_slack in FLOOR_SLACKS and "floors relaxed by" in str(out) and "--exact" in str(out)
    with pytest.warns(RelaxedFloorsWarning):
        arrays = gap_on_points(env.player1.values, env.player2.values, env.player1.prior, env.player2.prior, 1.0)
    assert arrays.floor_slack in FLOOR_SLACKS
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the running example: exact floors, no warning
        regular = solve(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5))
        assert regular.floor_slack == 0.0 and gap(regular.environment, method="lp").floor_slack == 0.0
    assert "floors relaxed" not in str(regular)
