"""E and Gap at many points: the reused warm-started LP equals the one-at-a-time path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import gap
from bargainlab.models.two_sided.maps import gap_on_priors, prior_grid
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
