"""What the two-sided outcome claims, and where: finite δ, ties in the lowest values, uniqueness.

Pęski (2024): Theorem 2's floors hold at every δ < 1, Theorem 3's E, Gap, allocation and payoffs
are δ → 1 limits, and Section 5.5 bounds the gap player's payoff at δ by a leading term
(β/β^(δ)) E(p, β^(δ)), β^(δ) = 1 − δ(1 − β). The theory labels players so that l_1 <= l_2 and
does not say who gets the Gap at a tie. The remark after Theorem 3 (uniqueness of the allocation
and of player 2's payoffs) is printed only where the computed ranges show it (docs/errata.md, E11).
"""

from __future__ import annotations

import json
import warnings
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import TwoSidedEnvironment, two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import solve as solve_lp
from bargainlab.core.monopoly import random_monopoly_payoffs
from bargainlab.errors import SolverError
from bargainlab.models.two_sided import solve
from bargainlab.models.two_sided.outcome import HOLDS_AT_LABELS, TwoSidedOutcome, leading_term
from bargainlab.report.two_sided import holds_at_marker, holds_at_text
from bargainlab.tolerances import CLOSED_FORM_TOL
from tests.strategies import finite_environment

RUNNING_EXAMPLE = dict(values1=[0.0, 0.5], values2=[0.5, 1.0], prior1=0.5, prior2=0.5, bargaining_power=0.5)
#: JSON entries that are not quantities: what was asked and how it was computed.
NOT_QUANTITIES = ("model", "parameters", "bargainlab_version", "method", "solver", "ranges", "theory", "holds_at")
discounts = st.floats(0.05, 0.99, allow_nan=False)


def has_number(value: object) -> bool:
    """Whether a JSON value holds a number or a boolean anywhere."""
    if isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, dict):
        return any(has_number(v) for v in value.values())
    if isinstance(value, list):
        return any(has_number(v) for v in value)
    return False


def independent_e(env: TwoSidedEnvironment, first: int, beta_first: float) -> float:
    """E of (4.1) with player ``first`` (user's labels) as the theory's player 1 holding bargaining
    power ``beta_first``: one interim LP written here, user units."""
    labelled = env if first == 1 else env.swapped()
    unit = labelled.unit
    norm = labelled.scaled(1.0 / unit)
    p1, p2 = norm.player1.prior_array, norm.player2.prior_array
    lp = InterimLP(norm.player1.values, norm.player2.values)
    floors1 = random_monopoly_payoffs(norm.player1, norm.player2, beta_first)
    floors2 = random_monopoly_payoffs(norm.player2, norm.player1, 1.0 - beta_first)
    return solve_lp(lp.program(p1, p2, lp.payoff_objective(p1, None), floors1, floors2)).objective * unit


def ex_ante_floor(env: TwoSidedEnvironment, player: int, beta: float) -> float:
    own, other = env.player(player), env.player(3 - player)
    return float(own.prior_array @ random_monopoly_payoffs(own, other, beta))


# ---------------------------------------------------------------------------- finite δ
@settings(max_examples=60, deadline=None)
@given(finite_environment(max_types=3), discounts)
def test_every_numeric_entry_says_where_it_holds_at_delta_below_one(env, delta):
    """Generated over the JSON: a new numeric entry without a holds_at label fails here."""
    out = solve(replace(env, discount=delta))
    data = json.loads(json.dumps(out.to_dict()))
    labels = data["holds_at"]
    numeric = [key for key, value in data.items() if key not in NOT_QUANTITIES and has_number(value)]
    assert numeric, "the outcome has numeric entries"
    assert sorted(set(numeric) - set(labels)) == []
    assert set(labels.values()) <= set(HOLDS_AT_LABELS)
    assert set(labels) <= set(data)  # no label for an entry that does not exist
    # the quantities the paper pins at δ and the limits, as Theorems 2-3 and Section 5.5 say
    assert labels["random_monopoly"] == labels["leading_term"] == "at_delta"
    for key in ("ex_ante_payoff", "gap", "payoffs", "allocation", "transfers", "welfare"):
        assert labels[key] == "delta_to_1_limit"
    assert data["leading_term"] is not None


@settings(max_examples=30, deadline=None)
@given(finite_environment(max_types=2))
def test_at_delta_one_nothing_claims_a_finite_delta_status(env):
    out = solve(replace(env, discount=1.0))
    data = out.to_dict()
    assert data["holds_at"] is None and data["leading_term"] is None
    assert "delta =" not in out.theory and "leading term" not in out.theory
    text = str(out)
    assert "(at δ)" not in text and "(δ→1)" not in text and "holds at" not in text
    assert holds_at_text(out, "gap") == "" and holds_at_marker(out, "payoffs") == ""


@settings(max_examples=40, deadline=None)
@given(finite_environment(max_types=3, well_conditioned=True), discounts)
def test_leading_term_equals_beta_over_beta_delta_times_e_at_beta_delta(env, delta):
    """Section 5.5: (β/β^(δ)) E(p, β^(δ)), β^(δ) = 1 − δ(1 − β), against an LP solved here."""
    env = replace(env, discount=delta)
    out = solve(env)
    beta = env.bargaining_powers[out.gap_player - 1]
    share = 1.0 - delta * (1.0 - beta)
    try:
        expected = beta / share * independent_e(env, out.gap_player, share)
    except SolverError:  # degenerate floors (the library relaxes them; nothing to compare)
        assume(False)
    assert out.leading_term == pytest.approx(expected, abs=CLOSED_FORM_TOL * env.unit)
    # the bound's leading term lies between the floor and E (it tends to E as δ → 1, Section 5.5)
    floor = ex_ante_floor(env, out.gap_player, beta)
    assert floor - CLOSED_FORM_TOL * env.unit <= out.leading_term <= out.ex_ante_payoff + CLOSED_FORM_TOL * env.unit


def test_leading_term_at_the_running_example():
    """l = (0, 0.5), h = (0.5, 1), p = β = 1/2 (Prop. 2's ordering): at δ = 1/2, β^(δ) = 3/4 and
    (β/β^(δ)) E(p, 3/4) = (2/3)·(1/2) = 1/3; at δ = 1 it is E(p, β) itself."""
    out = solve(two_sided_environment(**RUNNING_EXAMPLE, discount=0.5))
    assert out.leading_term == pytest.approx(1 / 3, abs=1e-12)
    assert leading_term(two_sided_environment(**RUNNING_EXAMPLE)) == pytest.approx(out.ex_ante_payoff, abs=1e-12)
    assert "0.333333" in out.theory and "not a payoff" in out.theory


def test_text_report_marks_limits_and_what_holds_at_delta():
    out = solve(two_sided_environment(**RUNNING_EXAMPLE, discount=0.9))
    text = str(out)
    assert "payoff (δ→1)" in text and "transfer (δ→1)" in text and "P(1 gets good) (δ→1)" in text
    assert "floor βM (at δ)" in text and "at δ = 0.9" in text and "leading term" in text
    assert holds_at_text(out, "ex_ante_payoff") == "δ→1 limit"
    assert holds_at_text(out, "monopoly") == "definition"
    # every label of the class has a display text
    for key in TwoSidedOutcome.HOLDS_AT:
        assert holds_at_text(out, key)


# ---------------------------------------------------------------------------- ties
def tied_environment(rng: np.random.Generator, types: int) -> TwoSidedEnvironment:
    low = float(rng.uniform(0, 0.5))
    v1 = [low, *sorted(rng.uniform(low + 0.01, 1.0, types - 1).tolist())]
    v2 = [low, *sorted(rng.uniform(low + 0.01, 1.0, types - 1).tolist())]
    p1, p2 = rng.dirichlet(np.ones(types)), rng.dirichlet(np.ones(types))
    return two_sided_environment(v1, v2, p1.tolist(), p2.tolist(), float(rng.uniform(0.05, 0.95)))


def test_tie_reports_both_labellings_against_the_lp():
    """Three types, l_1 = l_2: E and Gap for each labelling equal an LP solved here; the two
    Gaps differ (the theory does not say who gets it) and the note says so."""
    rng = np.random.default_rng(12)
    differences = []
    for _ in range(25):
        env = tied_environment(rng, 3)
        out = solve(env)
        tie = out.tie_alternative
        assert tie is not None and tie.gap_player == 3 - out.gap_player
        betas = env.bargaining_powers
        for player, e, g in (
            (out.gap_player, out.ex_ante_payoff, out.gap),
            (tie.gap_player, tie.ex_ante_payoff, tie.gap),
        ):
            expected = independent_e(env, player, betas[player - 1])
            assert e == pytest.approx(expected, abs=CLOSED_FORM_TOL)
            assert g == pytest.approx(
                max(expected - ex_ante_floor(env, player, betas[player - 1]), 0.0), abs=CLOSED_FORM_TOL
            )
        assert tie.gap_share == pytest.approx(tie.gap / env.max_value)
        assert "does not say who gets the Gap" in out.theory
        differences.append(abs(out.gap - tie.gap) / env.max_value)
    assert len(differences) == 25
    assert max(differences) > 1e-3  # the labellings give different Gaps


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.just(0.0), st.floats(0.01, 0.9)),
    st.floats(0.01, 0.5),
    st.floats(0.01, 0.5),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_binary_tie_gap_is_zero_in_both_labellings(low, up1, up2, p1, p2, beta):
    """Two types, l_1 = l_2: the Gap is 0 whichever player gets it (Section 4), so the tie is harmless."""
    env = two_sided_environment([low, low + up1], [low, low + up2], p1, p2, beta)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = solve(env)
    assert out.tie_alternative is not None
    assert out.gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    assert out.tie_alternative.gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    assert "the labelling does not matter" in out.theory


def test_no_tie_no_alternative_and_gap_to_at_a_tie_is_not_called_counterfactual():
    assert solve(two_sided_environment(**RUNNING_EXAMPLE)).tie_alternative is None
    env = tied_environment(np.random.default_rng(3), 3)
    forced = solve(env, gap_to=2)
    assert forced.tie_alternative is None and "Counterfactual" not in forced.theory
    assert "as asked" in forced.theory


def test_tie_text_shows_both():
    env = tied_environment(np.random.default_rng(5), 3)
    text = str(solve(env))
    assert "tie: E if player" in text and "tie: Gap of player" in text


# ---------------------------------------------------------------------------- uniqueness
def uniqueness_claims_hold(out: TwoSidedOutcome) -> None:
    """A 'unique' in the note never names a quantity whose computed range is not degenerate."""
    note = out.theory
    cells = [cell for player in out.allocation for row in player for cell in row]
    if "the allocation is unique" in note:
        assert all(cell.unique for cell in cells)
    else:
        assert not all(cell.unique for cell in cells)
    for player in (1, 2):
        claimed = f"player {player}'s interim payoffs are unique" in note
        assert claimed == all(u.unique for u in out.payoffs[player - 1])


def test_zero_value_type_makes_the_allocation_not_unique_and_the_note_says_so():
    """Values (0, 0.5) and (0, 1): at the profile (0, 0) nobody values the good, so who holds it is
    a range over the optimal set (docs/errata.md, E11)."""
    out = solve(two_sided_environment([0.0, 0.5], [0.0, 1.0], 0.5, 0.5, 0.5))
    assert not out.allocation[0][0][0].unique
    assert "the allocation is not unique" in out.theory and "the allocation is unique" not in out.theory
    uniqueness_claims_hold(out)


def test_prior_zero_payoffs_follow_the_ranges():
    """p_1 = 0: player 1's high type has probability 0, its payoff is a range, and so is the
    allocation at its profiles; the note names neither as unique."""
    out = solve(two_sided_environment([0.1, 0.5], [0.3, 1.0], 0.0, 0.5, 0.5))
    assert not out.payoffs[0][1].unique and not out.allocation[0][1][0].unique
    assert "player 1's interim payoffs are unique" not in out.theory
    assert "the allocation is unique" not in out.theory
    uniqueness_claims_hold(out)
    swapped = solve(two_sided_environment([0.3, 1.0], [0.1, 0.5], 0.5, 0.0, 0.5))  # the same point, players exchanged
    assert not swapped.payoffs[1][1].unique
    assert "player 2's interim payoffs are unique" not in swapped.theory
    uniqueness_claims_hold(swapped)


def test_prior_zero_of_the_other_player_is_not_called_unique():
    """Theorem 3's remark names the allocation and the payoffs of the player without the gap; at
    p_1 = 0 of that player (here the user's player 1; player 2 has the lower low value) its
    probability-0 type's payoff is a range, and the note does not call it unique."""
    out = solve(two_sided_environment([0.51, 0.95], [0.14, 0.95], 0.0, 0.35, 0.44))
    assert out.gap_player == 2
    assert not out.payoffs[0][1].unique and out.payoffs[0][1].high - out.payoffs[0][1].low > 0.1
    assert "player 1's interim payoffs vary" in out.theory
    assert "player 1's interim payoffs are unique" not in out.theory
    uniqueness_claims_hold(out)


@settings(max_examples=80, deadline=None)
@given(finite_environment(max_types=3))
def test_a_unique_note_never_names_a_ranged_quantity(env):
    uniqueness_claims_hold(solve(env))


def test_unranged_allocation_is_not_called_unique():
    out = solve(two_sided_environment(**RUNNING_EXAMPLE), ranges="payoffs")
    assert "the allocation was not ranged" in out.theory
    uniqueness_claims_hold(out)
