"""Propositions 1–2 (Pęski 2024, Section 5.4) against the interim LP of eq. (4.1).

The LP is the arbiter: the closed forms are trusted as a fast path only because these tests
find them equal to the LP over thousands of random binary parameter draws in both orderings.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided import closed_form, gap
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.outcome import GAP_BOUND_SHARE
from bargainlab.tolerances import CLOSED_FORM_TOL
from tests.strategies import TINY_VALUE, binary_environment

DRAWS = 2000


def lp_and_closed_form(env):
    by_lp = gap(env, method="lp")
    by_formula = gap(env, method="closed_form")
    return by_lp, by_formula


@settings(max_examples=DRAWS)
@given(binary_environment("prop1"))
def test_proposition_1_equals_lp(env):
    """l1 < l2 < h1 < h2: E(p, x) = p1·x M1(p2) + f(p; x) Δ(x) (Proposition 1)."""
    by_lp, by_formula = lp_and_closed_form(env)
    assert by_formula.case == "prop1"
    assert by_lp.gap_player == by_formula.gap_player == 1
    assert abs(by_lp.ex_ante_payoff - by_formula.ex_ante_payoff) <= CLOSED_FORM_TOL
    assert abs(by_lp.gap - by_formula.gap) <= CLOSED_FORM_TOL


@settings(max_examples=DRAWS)
@given(binary_environment("prop2"))
def test_proposition_2_equals_lp(env):
    """l1 < h1 < l2 < h2: Proposition 2 with f2 = max(0, min((p2-p2**)/(p2*-p2**), (1-p2)/(1-p2*)))."""
    by_lp, by_formula = lp_and_closed_form(env)
    assert by_formula.case == "prop2"
    assert abs(by_lp.ex_ante_payoff - by_formula.ex_ante_payoff) <= CLOSED_FORM_TOL
    assert abs(by_lp.gap - by_formula.gap) <= CLOSED_FORM_TOL


@settings(max_examples=500)
@given(binary_environment(None))
def test_closed_form_equals_lp_in_any_labelling(env):
    """Any values, any labelling (including h1 > h2 and swapped players)."""
    by_lp, by_formula = lp_and_closed_form(env)
    assert by_lp.gap_player == by_formula.gap_player == env.theory_player
    assert abs(by_lp.gap - by_formula.gap) <= CLOSED_FORM_TOL


@settings(max_examples=300)
@given(binary_environment("h1>h2"))
def test_gap_is_zero_when_h1_above_h2(env):
    """Section 4: if h1 > h2 the floors pin the payoffs; there is no gap."""
    by_lp, by_formula = lp_and_closed_form(env)
    assert by_formula.case == "floors"
    assert abs(by_lp.gap) <= CLOSED_FORM_TOL and by_formula.gap == 0.0


@settings(max_examples=300)
@given(binary_environment(None), st.sampled_from(["beta0", "beta1", "p1=0", "p1=1", "p2=0", "p2=1"]))
def test_gap_is_zero_with_all_power_to_one_side_or_a_known_type(env, case):
    """Section 4: β ∈ {0, 1} or a known type (p_i ∈ {0, 1}) leaves no gap."""
    v1, v2 = env.player1.values, env.player2.values
    p1, p2, beta = env.player1.prior_high, env.player2.prior_high, env.bargaining_power
    if case.startswith("beta"):
        beta = float(case[-1])
    elif case.startswith("p1"):
        p1 = float(case[-1])
    else:
        p2 = float(case[-1])
    degenerate = two_sided_environment(v1, v2, p1, p2, beta)
    by_lp, by_formula = lp_and_closed_form(degenerate)
    assert abs(by_lp.gap) <= CLOSED_FORM_TOL
    assert abs(by_formula.gap) <= CLOSED_FORM_TOL


@settings(max_examples=300)
@given(
    st.floats(0, 0.5).map(lambda v: 0.0 if v < TINY_VALUE else v),  # positive values below MIN_VALUE_RATIO are rejected
    st.floats(0.5, 1),
    st.floats(0.5, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_gap_is_zero_when_low_values_tie(low, a, b, p1, p2, beta):
    """l1 = l2 (the slides' list of degenerate cases): no gap, whoever is called player 1."""
    h1, h2 = a + 1e-3, b + 1e-3
    env = two_sided_environment([low, h1], [low, h2], p1, p2, beta)
    by_lp, by_formula = lp_and_closed_form(env)
    assert abs(by_lp.gap) <= CLOSED_FORM_TOL and by_formula.gap == 0.0


@settings(max_examples=DRAWS)
@given(binary_environment(None))
def test_gap_bound_of_six_and_a_quarter_percent(env):
    """Section 4: Gap(p) <= 6.25% · h2 (the largest value), checked on the LP itself."""
    by_lp = gap(env, method="lp")
    assert by_lp.gap <= GAP_BOUND_SHARE * env.max_value + CLOSED_FORM_TOL
    assert by_lp.gap >= -CLOSED_FORM_TOL


def test_gap_bound_is_attained():
    """The bound is tight: l1 = 0, h1 = l2 = h2/2, β = 1/2 and beliefs at the thresholds
    p1 = p1*(1/2) = 1/2, p2 = p2* = 1/2 give Gap = h2/16 exactly (Δ(1/2) of Proposition 2)."""
    env = two_sided_environment([0.0, 1.0], [1.0, 2.0], 0.5, 0.5, 0.5)
    by_lp, by_formula = lp_and_closed_form(env)
    assert by_lp.gap == pytest.approx(2.0 / 16, abs=CLOSED_FORM_TOL)
    assert by_formula.gap == pytest.approx(2.0 / 16, abs=1e-15)


def test_largest_gap_sits_at_the_thresholds():
    """f(p; x) = 1 exactly at (p1*(x), p2*), so Gap = Δ(x) there and less elsewhere (Prop. 1)."""
    v = BinaryValues(l1=0.1, h1=0.7, l2=0.3, h2=1.0)
    x = 0.4
    p1s, p2s = float(closed_form.p1_star(v, x)), closed_form.p2_star(v)
    grid = np.linspace(0, 1, 101)
    surface = closed_form.gap(v, grid[:, None], grid[None, :], x)
    assert surface.max() <= float(closed_form.delta_gap(v, x)) + 1e-15
    env = two_sided_environment([v.l1, v.h1], [v.l2, v.h2], p1s, p2s, x)
    assert gap(env, method="lp").gap == pytest.approx(float(closed_form.delta_gap(v, x)), abs=CLOSED_FORM_TOL)


def test_thresholds_match_their_definitions():
    """p2* makes l1 indifferent between prices l2 and h2; p2** does the same for h1 (Prop. 2)."""
    v = BinaryValues(l1=0.0, h1=0.3, l2=0.5, h2=1.0)
    p = closed_form.p2_star(v)
    assert (1 - p) * v.l1 + p * v.h2 == pytest.approx(v.l2)
    q = closed_form.p2_star_star(v)
    assert (1 - q) * v.h1 + q * v.h2 == pytest.approx(v.l2)
    assert q < p
    assert float(closed_form.p1_star(v, 0.3)) == pytest.approx(0.3)


def test_closed_form_is_vectorised():
    v = BinaryValues(l1=0.0, h1=0.6, l2=0.4, h2=1.0)
    grid = np.linspace(0, 1, 11)
    surface = closed_form.gap(v, grid[:, None], grid[None, :], 0.5)
    assert surface.shape == (11, 11)
    for i in (0, 3, 7):
        for j in (2, 5, 10):
            assert surface[i, j] == pytest.approx(float(closed_form.gap(v, grid[i], grid[j], 0.5)), abs=1e-15)


def test_closed_form_requires_theory_labels():
    with pytest.raises(ValueError, match="l1 <= l2"):
        closed_form.ordering(BinaryValues(l1=0.5, h1=1.0, l2=0.0, h2=0.7))


def test_closed_form_method_needs_two_types_each():
    from bargainlab.errors import InvalidParameterError

    env = two_sided_environment([0.0, 0.5, 0.9], [0.4, 1.0], [0.3, 0.3, 0.4], 0.5, 0.5)
    with pytest.raises(InvalidParameterError, match="method"):
        gap(env, method="closed_form")
    assert gap(env).method == "lp"
    with pytest.raises(InvalidParameterError, match="one of 'auto', 'lp', 'closed_form'"):
        gap(env, method="simplex")  # type: ignore[arg-type]


@settings(max_examples=500)
@given(binary_environment(None))
def test_player_one_floors_never_bind_e(env):
    """(4.1) imposes every type's floor; the text after it mentions only player 2's. For two
    types the two readings give the same E: player 1's floors never bind the maximum."""
    from bargainlab.core.interim_lp import InterimLP
    from bargainlab.core.lp_solver import solve as solve_lp
    from bargainlab.core.monopoly import random_monopoly_payoffs

    theory = (env if env.theory_player == 1 else env.swapped()).normalised()
    p1, p2 = theory.player1.prior_array, theory.player2.prior_array
    lp = InterimLP(theory.player1.values, theory.player2.values)
    floors2 = random_monopoly_payoffs(theory.player2, theory.player1, 1 - theory.bargaining_power)
    without = solve_lp(lp.program(p1, p2, lp.payoff_objective(p1, None), None, floors2)).objective
    assert without == pytest.approx(gap(theory, method="lp").ex_ante_payoff, abs=CLOSED_FORM_TOL)
