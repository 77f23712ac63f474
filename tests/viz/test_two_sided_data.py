"""The data behind the two-sided figures: every number checked against the solver or the paper."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.core.environment import TypeSpace, two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form as cf
from bargainlab.models.two_sided import gap, solve
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.curves import (
    LEADING_TERM_LABEL,
    MAX_POINTS,
    belief_map,
    belief_thresholds,
    beta_curve,
    delta_curve,
    dominance_view,
    family_representative,
    family_weights,
    payoff_lines,
    prior_family,
)
from bargainlab.models.two_sided.mechanisms import a1, a2, a2_zone
from bargainlab.tolerances import CLOSED_FORM_TOL

#: The paper's extremal example (Section 4): l1 = 0, h1 = l2 = 1/2, h2 = 1, β = 1/2; Gap = 6.25% at p = (1/2, 1/2).
EXTREMAL = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
#: Proposition 1 ordering l1 < l2 < h1 < h2 (the tutorial's point).
PROP1 = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5)
THREE_TYPES = two_sided_environment([0, 0.4, 0.8], [0.3, 1.0], [0.3, 0.3, 0.4], 0.6, 0.5)


def point(env, p1, p2, beta=None):
    """``env`` at other priors (and β)."""
    return two_sided_environment(
        env.player1.values, env.player2.values, p1, p2, env.bargaining_power if beta is None else beta
    )


# ---------------------------------------------------------------------------- belief families
def test_prior_family_is_the_papers_p_for_two_types_and_keeps_relative_weights_beyond():
    assert prior_family(TypeSpace((0, 1), 0.3), [0.0, 0.25, 1.0]).tolist() == [[1, 0], [0.75, 0.25], [0, 1]]
    three = TypeSpace((0, 0.4, 0.8), (0.3, 0.1, 0.6))
    assert family_weights(three) == pytest.approx((0.75, 0.25))
    assert prior_family(three, 0.6) == pytest.approx(three.prior)  # the user's own prior is on the line
    assert prior_family(TypeSpace((0, 0.4, 0.8), (0, 0, 1)), 0.5) == pytest.approx([0.25, 0.25, 0.5])
    assert family_representative(three).prior == pytest.approx((0.375, 0.125, 0.5))


def test_prior_family_needs_two_types():
    with pytest.raises(InvalidParameterError, match="values must be at least two values"):
        prior_family(TypeSpace((0.5,)), 0.5)


# ---------------------------------------------------------------------------- thresholds
def test_thresholds_proposition_1_in_the_users_labels():
    # p1*(x) = x / (x + (1-x)(h2-h1)/(h2-l2)) = 0.5/(0.5 + 0.5*0.4/0.5) = 5/9; p2* = (l2-l1)/(h2-l1) = 0.4/0.9
    found = {t.name: t for t in belief_thresholds(PROP1)}
    assert set(found) == {"p₁*(β)", "p₂*"}
    assert found["p₁*(β)"].value == pytest.approx(5 / 9) and found["p₁*(β)"].player == 1
    assert found["p₂*"].value == pytest.approx(4 / 9) and found["p₂*"].player == 2
    # the same point with the players' labels exchanged: the thresholds move to the other axes, β → 1-β
    swapped = {t.name: t for t in belief_thresholds(PROP1.swapped())}
    assert swapped["p₁*(β)"].player == 2 and swapped["p₁*(β)"].value == pytest.approx(5 / 9)
    assert swapped["p₂*"].player == 1


def test_thresholds_proposition_2_and_floors_case():
    env = two_sided_environment([0, 0.4], [0.6, 1], 0.5, 0.5, 0.3)  # l1 < h1 < l2 < h2
    found = {t.name: t.value for t in belief_thresholds(env)}
    assert found == pytest.approx({"p₁*(β)": 0.3, "p₂*": 0.6, "p₂**": (0.6 - 0.4) / (1 - 0.4)})
    assert belief_thresholds(two_sided_environment([0, 1], [0.5, 0.8], 0.5, 0.5, 0.5)) == ()  # h1 >= h2: no gap
    assert belief_thresholds(THREE_TYPES) == ()


# ---------------------------------------------------------------------------- belief map
def test_extremal_map_peaks_at_the_papers_bound():
    m = belief_map(EXTREMAL, resolution=101)
    assert m.gap.shape == (101, 101) and m.method == "closed_form" and m.lp_solves == 0
    i, j = np.unravel_index(m.gap.argmax(), m.gap.shape)
    assert (m.axis1[i], m.axis2[j]) == (0.5, 0.5)
    assert m.gap.max() == pytest.approx(0.0625, abs=1e-12)
    assert m.gap[0, :] == pytest.approx(0.0) and m.gap[:, -1] == pytest.approx(0.0)  # known types: no gap
    assert m.value_at_marker() == pytest.approx(0.0625, abs=1e-12)


def test_map_points_equal_single_lp_solves():
    m = belief_map(PROP1, resolution=11)
    for i, j in [(0, 3), (2, 7), (5, 4), (6, 4), (9, 1), (10, 10)]:
        single = gap(point(PROP1, m.axis1[i], m.axis2[j]), method="lp")
        assert m.gap[i, j] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
        assert m.ex_ante_payoff[i, j] == pytest.approx(single.ex_ante_payoff, abs=CLOSED_FORM_TOL)
    # the largest gap is Δ(x) at (p1*(x), p2*) (Proposition 1)
    values = cf.BinaryValues(0.1, 0.6, 0.5, 1.0)
    fine = belief_map(PROP1, resolution=1001)
    assert fine.gap.max() == pytest.approx(float(cf.delta_gap(values, 0.5)), rel=1e-2)


def test_map_in_swapped_labels_is_the_transpose():
    m = belief_map(PROP1, resolution=21)
    s = belief_map(PROP1.swapped(), resolution=21)
    assert np.all(m.gap_player == 1) and np.all(s.gap_player == 2)
    assert s.gap == pytest.approx(m.gap.T, abs=1e-12)


def test_map_beyond_two_types_solves_one_lp_per_point_and_reports_progress():
    calls = []
    m = belief_map(THREE_TYPES, resolution=5, progress=lambda done, total: calls.append((done, total)))
    assert m.method == "lp" and m.lp_solves == 25 and m.gap.shape == (5, 5)
    assert calls == [(k, 5) for k in range(1, 6)]
    weights = family_weights(THREE_TYPES.player1)
    for i, j in [(0, 0), (2, 3), (4, 1)]:
        s = m.axis1[i]
        prior1 = [(1 - s) * weights[0], (1 - s) * weights[1], s]
        single = gap(point(THREE_TYPES, prior1, m.axis2[j]), method="lp")
        assert m.gap[i, j] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)


def test_map_columns_and_zone_overlay():
    m = belief_map(EXTREMAL, resolution=3)
    columns = m.columns()
    assert list(columns) == ["prior1", "prior2", "ex_ante_payoff", "gap", "gap_player", "zone"]
    assert len(columns["gap"]) == 9 and columns["prior1"].tolist() == [0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1]
    # the zones of a²(β) (Table 2 here: h1 = l2) at every grid point
    values = BinaryValues(*EXTREMAL.player1.values, *EXTREMAL.player2.values)
    for p1, p2, zone in zip(columns["prior1"], columns["prior2"], columns["zone"]):
        assert zone == a2_zone(values, p1, p2, EXTREMAL.bargaining_power)
    zones = np.array([["C", "C", "C"], ["A", "B", "B"], ["A", "B", "B"]])
    zoned = m.with_zones(zones)
    assert zoned.columns()["zone"].tolist() == zones.ravel().tolist()
    with pytest.raises(InvalidParameterError, match=r"zones must be shape \(3, 3\)"):
        m.with_zones(zones[:2])


def test_map_marker_moves_without_recomputing():
    m = belief_map(EXTREMAL, resolution=3)
    moved = m.with_environment(point(EXTREMAL, 0.2, 0.7))
    assert moved.marker == pytest.approx((0.2, 0.7)) and moved.gap is m.gap
    with pytest.raises(InvalidParameterError, match="env must be one with this map's values"):
        m.with_environment(point(EXTREMAL, 0.2, 0.7, beta=0.3))


@pytest.mark.parametrize(
    ("grid", "message"),
    [(1, r"resolution must be an integer in \[2, 1001\]; got 1"), (MAX_POINTS + 1, "got 1002"), (2.5, "got 2.5")],
)
def test_map_grid_is_validated(grid, message):
    with pytest.raises(InvalidParameterError, match=message):
        belief_map(EXTREMAL, resolution=grid)


def test_map_needs_two_types_per_player():
    env = two_sided_environment([0.2], [0, 1], None, 0.5, 0.5)
    with pytest.raises(InvalidParameterError, match="values1 must be at least two values for a belief map"):
        belief_map(env)


# ---------------------------------------------------------------------------- payoff lines
def test_payoff_lines_equal_the_solver_at_every_point():
    lines = payoff_lines(PROP1, vary=2, points=5)
    assert lines.axis.tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert lines.payoff_low[0].shape == (5, 2) and lines.payoff_high[1].shape == (5, 2)
    for k in (1, 3):
        here = point(PROP1, PROP1.player1.prior_high, lines.axis[k])
        outcome, other = solve(here), solve(here, gap_to=2)
        for i in range(2):
            assert lines.payoff_low[i][k] == pytest.approx([r.low for r in outcome.payoffs[i]])
            assert lines.payoff_high[i][k] == pytest.approx([r.high for r in outcome.payoffs[i]])
            assert lines.floors[i][k] == pytest.approx(outcome.random_monopoly[i])
            assert lines.complete_information[i][k] == pytest.approx(outcome.complete_information[i])
            assert lines.counterfactual_low[i][k] == pytest.approx([r.low for r in other.payoffs[i]])
            assert lines.counterfactual_high[i][k] == pytest.approx([r.high for r in other.payoffs[i]])
    assert lines.gap_player.tolist() == [1] * 5


def test_payoff_lines_theorem_3_pins_the_other_players_payoffs_and_floors_bind():
    # no equal values across players (the extremal example's h1 = l2 leaves a welfare-neutral choice open)
    lines = payoff_lines(PROP1, vary=1, points=5)
    interior = slice(1, 4)
    assert lines.payoff_high[1][interior] == pytest.approx(lines.payoff_low[1][interior], abs=1e-7)
    for i in range(2):  # every type gets at least its floor (Theorem 2)
        assert np.all(lines.payoff_low[i][interior] >= lines.floors[i][interior] - 1e-9)
    # player 2's floors at p1 = 1/2: (1-β) M2(l2) = 0.5 max(0.5, 0.5*0.5 + 0.5*0.6) = 0.275, (1-β) M2(h2) = 0.5
    assert lines.floors[1][2] == pytest.approx([0.275, 0.5])


def test_payoff_lines_columns_progress_and_errors():
    calls = []
    lines = payoff_lines(EXTREMAL, vary=1, points=3, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    columns = lines.columns()
    assert len(columns) == 2 + 4 * 6 and all(len(v) == 3 for v in columns.values())
    assert columns["u2(0.5)_floor"].tolist() == pytest.approx([0.25, 0.25, 0.25])
    with pytest.raises(InvalidParameterError, match="vary must be 1 or 2"):
        payoff_lines(EXTREMAL, vary=3)
    with pytest.raises(InvalidParameterError, match=r"points must be an integer in \[2, "):
        payoff_lines(EXTREMAL, points=0)


# ---------------------------------------------------------------------------- β and δ
def test_beta_curve_equals_gap_at_every_beta():
    curve = beta_curve(PROP1, points=11)
    assert curve.bargaining_power.tolist() == pytest.approx(np.linspace(0, 1, 11).tolist())
    for k in (0, 3, 5, 10):
        single = gap(point(PROP1, 0.1, 0.9, beta=curve.bargaining_power[k]))
        assert curve.gap[k] == pytest.approx(single.gap) and curve.ex_ante_payoff[k] == pytest.approx(
            single.ex_ante_payoff
        )
    assert curve.gap[0] == 0 and curve.gap[-1] == pytest.approx(0.0, abs=1e-15)  # x(1-x) = 0
    assert curve.ex_ante_payoff == pytest.approx(curve.floor + curve.gap)
    # complete information: β_1 E[max(t1, t2)]; E[max] = 0.951 at this point
    assert curve.complete_information == pytest.approx(curve.bargaining_power * 0.951)
    assert curve.floor_other[0] == pytest.approx(0.951) and curve.floor_other[-1] == 0  # (1-β) p2·M2


def test_beta_curve_of_the_gap_player_in_swapped_labels():
    curve = beta_curve(PROP1.swapped(), points=11)
    straight = beta_curve(PROP1, points=11)
    assert curve.gap_player == 2
    assert curve.gap == pytest.approx(straight.gap[::-1], abs=1e-12)  # user's β is 1 - the gap player's


def test_delta_curve_leading_term_goes_from_the_floor_to_E():
    curve = delta_curve(EXTREMAL, points=100)
    assert len(curve.discount) == 100 and curve.discount[0] == 0.01 and curve.discount[-1] == 1.0
    assert curve.limit_payoff == pytest.approx(0.375) and curve.floor == pytest.approx(0.3125)
    assert curve.leading_term[-1] == pytest.approx(0.375)
    # β^(δ) = 1 - δ(1 - β); at δ = 1/2: (0.5/0.75) E(p, 0.75) = (2/3)(0.46875 + (2/3) Δ(0.75)) with Δ(0.75) = 3/64
    assert curve.proposer_share[49] == pytest.approx(0.75)
    assert curve.leading_term[49] == pytest.approx((2 / 3) * (0.46875 + (2 / 3) * 3 / 64))
    assert np.all(np.diff(curve.leading_term) > 0)
    assert np.all(curve.leading_term >= curve.floor - 1e-12) and np.all(
        curve.leading_term <= curve.limit_payoff + 1e-12
    )
    near_zero = delta_curve(EXTREMAL, points=10**3)
    assert near_zero.leading_term[0] == pytest.approx(0.3125, abs=1e-3)  # δ → 0: β E(p, 1) = the floor
    assert curve.series()[1].label == LEADING_TERM_LABEL


def test_delta_curve_for_the_second_player_uses_its_own_share():
    straight = delta_curve(PROP1, points=4)
    swapped = delta_curve(PROP1.swapped(), points=4)
    assert swapped.gap_player == 2
    assert swapped.leading_term == pytest.approx(straight.leading_term, abs=1e-12)
    assert swapped.proposer_share == pytest.approx(straight.proposer_share)


def test_map_zones_in_swapped_labels_and_absent_where_undefined():
    """Zones follow the gap player in the user's labels; none for h1 >= h2 or more types."""
    swapped = two_sided_environment([0.4, 1.0], [0.1, 0.7], 0.8, 0.2, 0.5)
    m = belief_map(swapped, resolution=5)
    theory = BinaryValues(0.1, 0.7, 0.4, 1.0)
    for i, p1 in enumerate(m.axis1):
        for j, p2 in enumerate(m.axis2):
            assert m.zones[i, j] == a2_zone(theory, p2, p1, 0.5)  # the theory's player 1 is the user's player 2
    assert belief_map(two_sided_environment([0.1, 1.0], [0.4, 0.9], 0.5, 0.5, 0.5), resolution=3).zones is None


def test_dominance_view_is_the_mechanisms_payoffs():
    """Figure 5.1 data: a¹ gives x M1 for every belief q, a² the (5.1) payoffs; the a² point at the
    actual belief lies on the line of ex ante payoff E."""
    env = two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.2, 0.8, 0.5)
    view = dominance_view(env, points=11)
    values = BinaryValues(0.1, 0.7, 0.4, 1.0)
    assert view.gap_player == 1 and view.a1.shape == view.a2.shape == (11, 2)
    for k, q in enumerate(view.belief):
        np.testing.assert_allclose(view.a1[k], a1(values, q, 0.8, 0.5).payoffs1, atol=1e-12)
        np.testing.assert_allclose(view.a2[k], a2(values, q, 0.8, 0.5).payoffs1, atol=1e-12)
    at_p = a2(values, 0.2, 0.8, 0.5).payoffs1
    assert (1 - 0.2) * at_p[0] + 0.2 * at_p[1] == pytest.approx(view.ex_ante_payoff)
    assert set(view.columns()) == {"belief", "a1_low", "a1_high", "a2_low", "a2_high"}
    with pytest.raises(InvalidParameterError, match="a¹ and a² are defined there"):
        dominance_view(two_sided_environment([0.1, 1.0], [0.4, 0.9], 0.5, 0.5, 0.5))
