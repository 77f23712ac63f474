"""The δ → 1 outcome (Pęski 2024, Theorems 2–3): invariants, relabelling, the paper's claims."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import gap, solve
from bargainlab.tolerances import CLOSED_FORM_TOL, CONSTRAINT_TOL
from tests.strategies import MIN_SEPARATION, binary_environment, finite_environment

RUNNING_EXAMPLE = dict(values1=[0.0, 0.5], values2=[0.5, 1.0], prior1=0.5, prior2=0.5, bargaining_power=0.5)


def brute_force_monopoly(value, values, prior):
    best = value
    for price in values:
        sold = sum(p for v, p in zip(values, prior) if v >= price)
        best = max(best, (1 - sold) * value + sold * price)
    return best


@settings(max_examples=150)
@given(finite_environment(max_types=3))
def test_every_lp_solution_is_ic_feasible_budget_balanced_and_above_floors(env):
    """Invariants on every LP solution visited (primary and all secondary LPs)."""
    out = solve(env)
    assert out.max_violation <= CONSTRAINT_TOL
    scale = env.max_value if env.max_value > 0 else 1.0  # the unit the LP is solved in
    # ranges are consistent and payoffs respect the random monopoly floors
    for i in range(2):
        for k, payoff in enumerate(out.payoffs[i]):
            assert payoff.low <= payoff.high + 1e-12
            assert payoff.low >= out.random_monopoly[i][k] - CONSTRAINT_TOL * scale
    for i in range(2):
        for row in out.allocation[i]:
            for cell in row:
                assert 0.0 <= cell.low <= cell.high <= 1.0
    assert out.gap >= -CLOSED_FORM_TOL
    assert out.welfare.high <= out.first_best + CONSTRAINT_TOL


@settings(max_examples=100)
@given(finite_environment(max_types=3))
def test_floors_are_beta_times_brute_force_monopoly(env):
    out = solve(env)
    betas = env.bargaining_powers
    for i, (own, other) in enumerate(((env.player1, env.player2), (env.player2, env.player1))):
        for k, value in enumerate(own.values):
            m = brute_force_monopoly(value, other.values, other.prior)
            assert out.monopoly[i][k] == pytest.approx(m, abs=1e-12)
            assert out.random_monopoly[i][k] == pytest.approx(betas[i] * m, abs=1e-12)


@settings(max_examples=100)
@given(finite_environment(max_types=3, well_conditioned=True))
def test_relabelling_gives_the_same_outcome_in_swapped_labels(env):
    """Swapping the players (β → 1-β) swaps every reported quantity and nothing else."""
    assume(env.player1 != env.player2)  # identical type spaces: the label is the only tie-break
    a, b = solve(env), solve(env.swapped())
    assert a.gap_player == 3 - b.gap_player
    assert a.gap == pytest.approx(b.gap, abs=CLOSED_FORM_TOL)
    assert a.ex_ante_payoff == pytest.approx(b.ex_ante_payoff, abs=CLOSED_FORM_TOL)
    for i in range(2):
        for k in range(len(a.payoffs[i])):
            assert a.payoffs[i][k].low == pytest.approx(b.payoffs[1 - i][k].low, abs=1e-7)
            assert a.payoffs[i][k].high == pytest.approx(b.payoffs[1 - i][k].high, abs=1e-7)
            assert a.monopoly[i][k] == pytest.approx(b.monopoly[1 - i][k], abs=1e-12)
    for i in range(2):
        for r, row in enumerate(a.allocation[i]):
            for c, cell in enumerate(row):
                other = b.allocation[1 - i][c][r]
                assert cell.low == pytest.approx(other.low, abs=1e-6)
                assert cell.high == pytest.approx(other.high, abs=1e-6)


def test_running_example_reproduces_the_six_and_a_quarter_percent_bound():
    """l1 = 0, h1 = l2 = 1/2, h2 = 1, β = p1 = p2 = 1/2: Gap = h2/16 (the bound of Section 4)."""
    out = solve(two_sided_environment(**RUNNING_EXAMPLE))
    assert out.gap_player == 1
    assert out.gap == pytest.approx(0.0625, abs=1e-12)
    assert out.gap_share == pytest.approx(0.0625, abs=1e-12)
    assert out.ex_ante_payoff == pytest.approx(0.375, abs=1e-12)
    assert out.closed_form is not None and out.closed_form.case == "prop2"
    assert out.closed_form.difference <= CLOSED_FORM_TOL
    # floors: M1 = (max(l2, p2 h2), (1-p2) h1 + p2 h2) = (0.5, 0.75); M2 = (0.5, 1)
    np.testing.assert_allclose(out.monopoly, [[0.5, 0.75], [0.5, 1.0]], atol=1e-15)
    np.testing.assert_allclose(out.random_monopoly, [[0.25, 0.375], [0.25, 0.5]], atol=1e-15)


@settings(max_examples=300)
@given(binary_environment(None, interior=True))
def test_theorem_3_uniqueness_of_allocation_and_player_two_payoffs(env):
    """Thm 3: the allocation and the interim payoffs of the player without the gap are unique
    (up to two welfare-neutral choices: between two equal values in a profile, and between
    destroying the good and giving it to a zero-value type)."""
    out = solve(env)
    other = 2 - out.gap_player  # index of the other player
    for interval in out.payoffs[other]:
        assert interval.unique, out.payoffs[other]
    values = (env.player1.values, env.player2.values)
    for i in range(2):
        for r, row in enumerate(out.allocation[i]):
            for c, cell in enumerate(row):
                own_value = values[i][r] if i == 0 else values[i][c]
                # values within MIN_SEPARATION of 0 or of each other carry no identifiable welfare
                if own_value >= MIN_SEPARATION and abs(values[0][r] - values[1][c]) >= MIN_SEPARATION:
                    assert cell.unique, (i, r, c, cell)


def test_good_sometimes_goes_to_l1_when_l1_and_h2_are_likely():
    """Section 1: 'if the probability of types l1 and h2 is sufficiently high, the good sometimes
    goes to player 1 type l1 even if it is socially efficient to allocate it to type l2'.
    Table 1, zone A: q1(l1, l2) = x - (1-x) p1/(1-p1) (h2-h1)/(h2-l2)."""
    l1, h1, l2, h2, p1, p2, x = 0.1, 0.6, 0.5, 1.0, 0.1, 0.9, 0.5
    out = solve(two_sided_environment([l1, h1], [l2, h2], p1, p2, x))
    q = out.allocation[0][0][0]
    expected = x - (1 - x) * p1 / (1 - p1) * (h2 - h1) / (h2 - l2)
    assert q.unique and q.low == pytest.approx(expected, abs=1e-7)
    assert q.low > 0.4
    assert not out.ex_post_efficient
    assert out.efficiency.high < 1.0
    # with l1 and h2 unlikely instead the outcome is ex post efficient
    assert solve(two_sided_environment([l1, h1], [l2, h2], 0.9, 0.1, x)).ex_post_efficient


@settings(max_examples=200)
@given(binary_environment(None), st.floats(0.01, 0.99))
def test_complete_information_when_both_types_are_known(env, _):
    """Section 3.1: with known types t1 < t2 the higher value gets the good and player i gets
    β_i max(t1, t2); the floors alone pin this outcome."""
    v1, v2 = env.player1.values, env.player2.values
    known = two_sided_environment(v1, v2, 1.0, 0.0, env.bargaining_power)
    out = solve(known)
    t1, t2 = v1[1], v2[0]
    betas = known.bargaining_powers
    assert out.payoffs[0][1].mid == pytest.approx(betas[0] * max(t1, t2), abs=1e-8)
    assert out.payoffs[1][0].mid == pytest.approx(betas[1] * max(t1, t2), abs=1e-8)
    assert out.complete_information[0][1] == pytest.approx(betas[0] * max(t1, t2))
    assert out.gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    assert out.ex_post_efficient


def test_discount_below_one_keeps_floors_and_says_what_is_a_limit():
    env = two_sided_environment(**{**RUNNING_EXAMPLE, "discount": 0.9})
    out = solve(env)
    assert "limit" in out.theory and "0.9" in out.theory
    assert out.random_monopoly == solve(two_sided_environment(**RUNNING_EXAMPLE)).random_monopoly
    assert out.proposer_shares == pytest.approx((1 - 0.9 * 0.5, 1 - 0.9 * 0.5))


def test_more_than_two_types_is_labelled_as_beyond_the_paper():
    env = two_sided_environment([0.0, 0.4, 0.8], [0.3, 1.0], [0.3, 0.3, 0.4], 0.6, 0.5)
    out = solve(env)
    assert "beyond the paper" in out.theory
    assert out.closed_form is None
    assert len(out.payoffs[0]) == 3 and len(out.allocation[0]) == 3 and len(out.allocation[0][0]) == 2
    assert out.gap == pytest.approx(gap(env).gap, abs=1e-9)


def test_gap_player_follows_the_lower_low_value_in_user_labels():
    env = two_sided_environment([0.5, 1.0], [0.0, 0.5], 0.5, 0.5, 0.5)
    out = solve(env)
    assert out.gap_player == 2
    assert out.gap == pytest.approx(0.0625)
    assert gap(env).gap_player == 2
    # player 2 (user labels) carries the non-unique ex ante-pinned payoffs
    assert not out.payoffs[1][0].unique and out.payoffs[0][0].unique


def test_values_are_solved_in_normalised_units():
    """Scaling every value by 1000 scales payoffs by 1000 and leaves the allocation unchanged."""
    small = solve(two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.3, 0.7, 0.4))
    large = solve(two_sided_environment([100, 600], [500, 1000], 0.3, 0.7, 0.4))
    assert large.gap == pytest.approx(1000 * small.gap, rel=1e-7)
    assert large.allocation[0][0][0].low == pytest.approx(small.allocation[0][0][0].low, abs=1e-7)


def test_to_dict_is_json_safe_and_complete():
    import json

    data = solve(two_sided_environment(**RUNNING_EXAMPLE)).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    for key in ("gap", "gap_player", "ex_ante_payoff", "random_monopoly", "monopoly", "allocation", "payoffs"):
        assert key in data
    assert data["payoffs"][0][0] == pytest.approx([0.25, 0.375], abs=1e-8)
    assert np.array(data["allocation"][0]).shape == (2, 2, 2)
    # the common entries of every result: model, parameters (Python names, flat), method
    assert data["model"] == "two-sided" and data["method"] == "lp"
    assert data["parameters"] == {
        "values1": [0.0, 0.5],
        "values2": [0.5, 1.0],
        "prior1": [0.5, 0.5],
        "prior2": [0.5, 0.5],
        "bargaining_power": 0.5,
        "discount": 1.0,
    }
    # derived entries: welfare loss, efficiency and the paper's bound
    assert data["welfare_loss"] == pytest.approx([0.0, 0.0], abs=1e-9) and data["gap_bound_share"] == 0.0625


def test_str_is_a_readable_summary():
    outcome = solve(two_sided_environment(**RUNNING_EXAMPLE))
    text = str(outcome)
    assert "player 1 (lower lowest value)" in text and "Gap = E - ex ante random monopoly (4.2)" in text
    assert "0.0625" in text
    assert len(repr(outcome)) < 300 and "gap=0.0625" in repr(outcome)


def test_outcome_frame_has_one_row_per_type():
    pytest.importorskip("pandas")
    outcome = solve(two_sided_environment(**RUNNING_EXAMPLE))
    frame = outcome.to_frame()
    assert list(frame["player"]) == [1, 1, 2, 2] and list(frame["value"]) == [0.0, 0.5, 0.5, 1.0]
    # the floors are β M (Theorem 2) and the payoffs' ranges those of the outcome
    np.testing.assert_allclose(frame["random_monopoly"], [0.25, 0.375, 0.25, 0.5], atol=1e-12)
    np.testing.assert_allclose(frame["payoff_low"][:2], [0.25, 0.375], atol=1e-8)


def test_gap_result_is_a_json_safe_result():
    import json

    result = gap(two_sided_environment(**RUNNING_EXAMPLE))
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert data["model"] == "two-sided" and data["method"] == "closed_form"
    assert data["parameters"]["bargaining_power"] == 0.5 and data["ex_ante_payoff"] == pytest.approx(0.375)
    assert len(repr(result)) < 300


def test_counterfactual_gives_the_gap_to_the_other_player():
    """gap_to=2 solves (4.1) for player 2: same floors, the gap goes to player 2 instead."""
    env = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.3, 0.7, 0.5)
    theory, other = solve(env), solve(env, gap_to=2)
    assert theory.gap_player == 1 and other.gap_player == 2
    assert "Counterfactual" in other.theory and other.closed_form is None
    assert other.random_monopoly == theory.random_monopoly
    # player 2's ex ante payoff is maximal in the counterfactual, player 1's in the theory
    assert other.ex_ante_payoffs[1].high >= theory.ex_ante_payoffs[1].high - 1e-9
    assert theory.ex_ante_payoffs[0].high >= other.ex_ante_payoffs[0].high - 1e-9
    assert solve(env, gap_to=1).gap == pytest.approx(theory.gap, abs=1e-12)
    with pytest.raises(InvalidParameterError, match="gap_to must be 1, 2 or None"):
        solve(env, gap_to=3)


def test_degenerate_point_with_tiny_probabilities_is_solved():
    """Regression: β = 1 with probabilities 1e-8 and 1e-10 pins a single point whose floors
    differ from their neighbours by 5e-11; the exact program and the first relaxation both fail
    in HiGHS, and the floors are relaxed further (FLOOR_SLACKS) rather than giving up."""
    from bargainlab.models.two_sided.maps import gap_on_priors, prior_grid

    env = two_sided_environment([0.5, 1], [0.5, 1], 1e-8, 1e-10, 1.0)
    out = solve(env)
    assert out.max_violation <= CONSTRAINT_TOL
    assert out.gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    assert gap(env, method="lp").gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    batch = gap_on_priors(env, prior_grid([0.3, 1e-8]), prior_grid([0.4, 1e-10]), "lp")
    assert abs(batch.gap[1]) <= CLOSED_FORM_TOL
