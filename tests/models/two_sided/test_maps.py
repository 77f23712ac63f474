"""E and Gap at many points: the reused warm-started LP equals the one-at-a-time path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.monopoly import monopoly_payoffs
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form, gap
from bargainlab.models.two_sided.maps import (
    CLOSED_FORM_BLOCK,
    gap_on_points,
    gap_on_priors,
    prior_grid,
)
from bargainlab.tolerances import CLOSED_FORM_TOL
from tests.strategies import binary_environment, finite_environment


@settings(max_examples=40)
@given(binary_environment(None), st.integers(0, 10**6))
def test_reused_lp_and_closed_form_equal_single_solves_on_random_grids(env, seed):
    rng = np.random.default_rng(seed)
    p1, p2 = rng.random(25), rng.random(25)
    p1[:3] = [0.0, 1.0, 0.5]  # include known types
    P1, P2 = prior_grid(p1), prior_grid(p2)
    by_lp = gap_on_priors(env, P1, P2, "lp")
    by_formula = gap_on_priors(env, P1, P2, "closed_form")
    assert by_lp.lp_solves == 25 and by_formula.lp_solves == 0
    for k in range(25):
        point = two_sided_environment(env.player1.values, env.player2.values, p1[k], p2[k], env.bargaining_power)
        single = gap(point, method="lp")
        assert by_lp.gap[k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
        assert by_formula.gap[k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
        assert by_lp.gap_player[k] == single.gap_player


@settings(max_examples=20)
@given(finite_environment(max_types=3), st.integers(0, 10**6))
def test_reused_lp_equals_single_solves_for_more_types(env, seed):
    rng = np.random.default_rng(seed)
    P1 = rng.dirichlet(np.ones(env.player1.size), size=10)
    P2 = rng.dirichlet(np.ones(env.player2.size), size=10)
    batch = gap_on_priors(env, P1, P2)
    assert batch.method == "lp" or env.is_binary
    for k in range(10):
        point = two_sided_environment(
            env.player1.values, env.player2.values, list(P1[k]), list(P2[k]), env.bargaining_power
        )
        assert batch.gap[k] == pytest.approx(gap(point, method="lp").gap, abs=CLOSED_FORM_TOL)


def test_identical_values_break_ties_by_priors_per_point():
    env = two_sided_environment([0.0, 0.5, 1.0], [0.0, 0.5, 1.0], [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], 0.5)
    P1 = np.array([[0.2, 0.3, 0.5], [0.5, 0.3, 0.2]])
    P2 = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    batch = gap_on_priors(env, P1, P2)
    assert batch.gap_player.tolist() == [1, 2]


def test_bad_shapes_and_methods_are_rejected():
    env = two_sided_environment([0.0, 0.5], [0.5, 1.0], 0.5, 0.5, 0.5)
    good = prior_grid([0.5])
    with pytest.raises(InvalidParameterError, match=r"priors1 must be an array of shape \(points, 2\)"):
        gap_on_priors(env, np.ones((1, 3)) / 3, good)
    with pytest.raises(InvalidParameterError, match="summing to 1"):
        gap_on_priors(env, good, np.array([[0.5, 0.6]]))
    with pytest.raises(InvalidParameterError, match="as many points as priors1"):
        gap_on_priors(env, good, prior_grid([0.5, 0.6]))
    with pytest.raises(InvalidParameterError, match="one of 'auto', 'lp', 'closed_form'"):
        gap_on_priors(env, good, good, "fast")
    three = two_sided_environment([0.0, 0.5, 0.9], [0.5, 1.0], [0.3, 0.3, 0.4], 0.5, 0.5)
    with pytest.raises(InvalidParameterError, match="two types each"):
        gap_on_priors(three, np.ones((1, 3)) / 3, good, "closed_form")


# ---------------------------------------------------------------------------- gap_on_points
def _random_values(rng, count, n):
    """Sorted values in [0, 1], at least 1e-3 apart, one row per point."""
    values = np.sort(rng.random((count, n)), axis=1)
    return values + 1e-3 * np.arange(n)


@settings(max_examples=15)
@given(st.integers(0, 10**6))
def test_points_with_varying_values_priors_and_beta_equal_single_solves_binary(seed):
    rng = np.random.default_rng(seed)
    count = 30
    V1, V2 = _random_values(rng, count, 2), _random_values(rng, count, 2)
    p1, p2, beta = rng.random(count), rng.random(count), rng.random(count)
    p1[:2], beta[2] = [0.0, 1.0], 0.0  # known types, β at the boundary
    by_formula = gap_on_points(V1, V2, prior_grid(p1), prior_grid(p2), beta, "closed_form", floors=True)
    by_lp = gap_on_points(V1, V2, prior_grid(p1), prior_grid(p2), beta, "lp", floors=True)
    assert by_formula.method == "closed_form" and by_lp.method == "lp" and by_lp.lp_solves == count
    for k in range(count):
        env = two_sided_environment(V1[k], V2[k], p1[k], p2[k], beta[k])
        single = gap(env, method="lp")
        for batch in (by_formula, by_lp):
            assert batch.gap[k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
            assert batch.ex_ante_payoff[k] == pytest.approx(single.ex_ante_payoff, abs=CLOSED_FORM_TOL)
            assert batch.floor[k] == pytest.approx(single.floor, abs=CLOSED_FORM_TOL)
            assert batch.gap_player[k] == single.gap_player
            np.testing.assert_allclose(
                batch.floors1[k], beta[k] * monopoly_payoffs(env.player1, env.player2), atol=1e-12
            )
            np.testing.assert_allclose(
                batch.floors2[k], (1 - beta[k]) * monopoly_payoffs(env.player2, env.player1), atol=1e-12
            )


@settings(max_examples=8)
@given(st.integers(0, 10**6), st.sampled_from([(3, 3), (2, 3), (4, 2)]))
def test_points_with_varying_values_equal_single_solves_for_more_types(seed, sizes):
    rng = np.random.default_rng(seed)
    count = 12
    V1, V2 = _random_values(rng, count, sizes[0]), _random_values(rng, count, sizes[1])
    P1, P2 = rng.dirichlet(np.ones(sizes[0]), count), rng.dirichlet(np.ones(sizes[1]), count)
    beta = rng.random(count)
    batch = gap_on_points(V1, V2, P1, P2, beta)
    assert batch.method == "lp" and batch.lp_solves == count
    for k in range(count):
        single = gap(two_sided_environment(V1[k], V2[k], list(P1[k]), list(P2[k]), beta[k]), method="lp")
        assert batch.gap[k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
        assert batch.gap_player[k] == single.gap_player


def test_gap_player_follows_the_labelling_point_by_point():
    # player 1 has the lower low value at the first point, player 2 at the second
    V1 = np.array([[0.1, 0.7], [0.4, 1.0]])
    V2 = np.array([[0.4, 1.0], [0.1, 0.7]])
    out = gap_on_points(V1, V2, prior_grid([0.3, 0.6]), prior_grid([0.6, 0.3]), [0.4, 0.6], floors=True)
    assert out.gap_player.tolist() == [1, 2]
    assert out.gap[0] == pytest.approx(out.gap[1], abs=1e-15)  # the same point, relabelled
    np.testing.assert_allclose(out.floors1[0], out.floors2[1], atol=1e-15)


def closed_form_gap_arrays(*arguments):
    return closed_form.floor_and_gap(*arguments)[1]


def test_closed_form_arrays_equal_the_scalar_closed_form_in_every_case():
    rng = np.random.default_rng(7)
    for ordering in ([0.1, 0.7, 0.4, 1.0], [0.1, 0.3, 0.5, 1.0], [0.1, 1.0, 0.4, 0.8], [0.2, 0.6, 0.2, 1.0]):
        values = closed_form.BinaryValues(*ordering)
        p1, p2, x = rng.random(200), rng.random(200), rng.random(200)
        expected = closed_form.gap(values, p1, p2, x)
        np.testing.assert_allclose(closed_form_gap_arrays(*ordering, p1, p2, x), expected, atol=1e-14)
        # values given per point select the same cases
        per_point = [np.full(200, v) for v in ordering]
        np.testing.assert_allclose(closed_form_gap_arrays(*per_point, p1, p2, x), expected, atol=1e-14)


def test_large_closed_form_maps_cross_block_boundaries():
    count = 2 * CLOSED_FORM_BLOCK + 17
    p = np.linspace(0, 1, count)
    env = two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.5, 0.5, 0.5)
    out = gap_on_priors(env, prior_grid(p), prior_grid(p[::-1]), "closed_form")
    expected = closed_form.gap(closed_form.BinaryValues(0.1, 0.7, 0.4, 1.0), p, p[::-1], 0.5)
    np.testing.assert_allclose(out.gap, expected, atol=1e-14)


def test_bad_points_are_rejected_with_the_parameter_named():
    good = prior_grid([0.5, 0.5])
    with pytest.raises(InvalidParameterError, match="values1 must be strictly increasing values in every row"):
        gap_on_points([[0.5, 0.1], [0.1, 0.5]], [0.5, 1.0], good, good, 0.5)
    with pytest.raises(InvalidParameterError, match="values2 must be non-negative"):
        gap_on_points([0.0, 0.5], [-0.5, 1.0], good, good, 0.5)
    with pytest.raises(
        InvalidParameterError, match=r"priors1 must be rows of probabilities .* \(it contains NaN or infinity\)"
    ):
        gap_on_points([0.0, 0.5], [0.5, 1.0], [[np.nan, 1.0]], good, 0.5)
    with pytest.raises(
        InvalidParameterError, match=r"bargaining_power \(β\) must be an array of probabilities in \[0, 1\]"
    ):
        gap_on_points([0.0, 0.5], [0.5, 1.0], good, good, [0.5, 1.5])
    with pytest.raises(InvalidParameterError, match="one row or as many rows as points"):
        gap_on_points([0.0, 0.5], [0.5, 1.0], good, prior_grid([0.1, 0.2, 0.3]), 0.5)


def test_warm_started_map_on_a_fine_grid_equals_single_solves():
    """In snake order most points are certified at the previous optimal basis: still equal to single solves."""
    from bargainlab.core.sweep import snake_positions

    s = np.linspace(0.0, 1.0, 15)
    S1, S2 = np.meshgrid(s, s, indexing="ij")
    segment = np.array([[0.6, 0.3, 0.1], [0.1, 0.3, 0.6]])
    P1 = (1 - S1.ravel())[:, None] * segment[0] + S1.ravel()[:, None] * segment[1]
    P2 = (1 - S2.ravel())[:, None] * segment[0] + S2.ravel()[:, None] * segment[1]
    order = snake_positions((15, 15), 0, 225)
    values1, values2 = [0.0, 0.3, 0.6], [0.2, 0.7, 1.0]
    batch = gap_on_points(values1, values2, P1[order], P2[order], 0.5, "lp")
    assert batch.lp_solves == 225 and batch.basis_reuses >= 150
    for k, point in enumerate(order):
        single = gap(two_sided_environment(values1, values2, list(P1[point]), list(P2[point]), 0.5), method="lp")
        assert batch.gap[k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)


def test_gap_arrays_are_a_result_with_a_table_of_points():
    import json

    pytest.importorskip("pandas")
    out = gap_on_points([0, 0.5], [[0.5, 1], [0.6, 1]], [0.5, 0.5], [0.5, 0.5], 0.5)
    data = json.loads(json.dumps(out.to_dict(), allow_nan=False))
    assert data["model"] == "two-sided" and data["method"] == "closed_form" and data["points"] == 2
    assert data["parameters"]["values2"] == [[0.5, 1.0], [0.6, 1.0]]
    assert len(repr(out)) < 300
    frame = out.to_frame()
    assert len(frame) == 2 and list(frame["values2_0"]) == [0.5, 0.6]
    np.testing.assert_allclose(frame["gap"], [0.0625, 0.0375], atol=1e-12)  # as the doctest of gap_on_points
    assert list(frame["bargaining_power"]) == [0.5, 0.5]
