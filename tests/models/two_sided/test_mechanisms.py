"""Mechanisms a¹(x), a²(x) (Pęski 2024, Tables 1–4): every zone in both orderings against the LP."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import solve
from bargainlab.models.two_sided.claims import _cell_violations, _lambda_gap
from bargainlab.models.two_sided.closed_form import BinaryValues, ex_ante_payoff
from bargainlab.models.two_sided.mechanisms import a1, a2, a2_player_one_payoffs, mechanism, thresholds
from bargainlab.models.two_sided.offers import refusal_margin
from bargainlab.tolerances import CONSTRAINT_TOL

PROP1 = BinaryValues(l1=0.1, h1=0.7, l2=0.4, h2=1.0)  # l1 < l2 < h1 < h2: p1*(1/2) = 2/3, p1** = 3/4, p2* = 1/3
PROP2 = BinaryValues(l1=0.1, h1=0.4, l2=0.6, h2=1.0)  # l1 < h1 < l2 < h2: p1* = 1/2, p1** = 3/5, p2* = 5/9, p2** = 1/3
X = 0.5

A2_ZONES = [  # (values, p1, p2, zone)
    (PROP1, 0.2, 0.8, "A"),
    (PROP1, 0.2, 0.2, "B"),
    (PROP1, 0.8, 0.5, "C"),
    (PROP1, 0.8, 0.1, "C"),
    (PROP2, 0.2, 0.8, "A"),
    (PROP2, 0.2, 0.45, "B"),
    (PROP2, 0.8, 0.8, "C"),
    (PROP2, 0.5, 0.2, "D"),
]
A1_ZONES = [
    (PROP1, 0.5, 0.2, "B"),
    (PROP1, 0.5, 0.8, "A"),
    (PROP1, 0.9, 0.8, "C"),
    (PROP2, 0.5, 0.2, "D"),
    (PROP2, 0.5, 0.45, "B"),
    (PROP2, 0.3, 0.8, "A"),
    (PROP2, 0.9, 0.8, "C"),
]


def env_of(values, p1, p2, x=X):
    return two_sided_environment([values.l1, values.h1], [values.l2, values.h2], p1, p2, x)


def test_thresholds_of_appendix_d1():
    th = thresholds(PROP1, X)
    assert th["p1_star"] == pytest.approx(2 / 3) and th["p1_star_star"] == pytest.approx(0.75)
    assert th["p2_star"] == pytest.approx(1 / 3) and th["p2_star_star"] is None
    th = thresholds(PROP2, X)
    assert th["p1_star"] == pytest.approx(0.5) and th["p1_star_star"] == pytest.approx(0.6)
    assert th["p2_star"] == pytest.approx(5 / 9) and th["p2_star_star"] == pytest.approx(1 / 3)


@pytest.mark.parametrize(("values", "p1", "p2", "zone"), A2_ZONES)
def test_a2_every_zone_matches_the_lp(values, p1, p2, zone):
    """Tables 1–2 (reconstructed): IC, balanced cells; p1·a²_1 = E; player 2's payoffs and the
    allocation equal the LP's unique ones; Λ-optimal with the table's weights."""
    m = a2(values, p1, p2, X)
    assert m.zone == zone
    out = solve(env_of(values, p1, p2))
    assert _cell_violations(m) <= CONSTRAINT_TOL
    assert np.array([1 - p1, p1]) @ m.payoffs1 == pytest.approx(out.ex_ante_payoff, abs=1e-12)
    for k in range(2):
        assert m.payoffs2[k] == pytest.approx(out.payoffs[1][k].mid, abs=1e-12)
        assert out.payoffs[1][k].unique
    for a in range(2):
        for b in range(2):
            assert m.allocation[a, b] == pytest.approx(out.allocation[0][a][b].mid, abs=1e-9)
    assert _lambda_gap(m) <= CONSTRAINT_TOL


@pytest.mark.parametrize(("values", "p1", "p2", "zone"), A1_ZONES)
def test_a1_every_zone(values, p1, p2, zone):
    """Tables 3–4 (reconstructed): player 1 gets exactly x M1; IC, balanced; Λ-optimal; the
    allocation is the unique one given these payoffs; player 2 cannot refuse (Definition 1)."""
    m = a1(values, p1, p2, X)
    assert m.zone == zone
    floors1 = X * monopoly_payoff(np.array([values.l1, values.h1]), (values.l2, values.h2), [1 - p2, p2])
    np.testing.assert_allclose(m.payoffs1, floors1, atol=1e-12)
    assert _cell_violations(m) <= CONSTRAINT_TOL
    assert _lambda_gap(m) <= CONSTRAINT_TOL
    for posterior in np.linspace(0.0, 1.0, 21):
        assert refusal_margin(values, 1, X, m.payoffs2, p1, posterior) <= CONSTRAINT_TOL


def test_table_1_zone_a_entries_as_printed():
    """Table 1, zone A (l2 < h1): q1(l1,l2) = x - (1-x) p1/(1-p1) (h2-h1)/(h2-l2); h1 gets the
    good against l2 and pays (1-x)h1 - (1-x)(h2-h1)/(h2-l2)(l2-l1); player 1's high type gets
    x M1(h1) + (1-x)(1-p2)(h2-h1)/(h2-l2)(l2-l1); player 2 gets (1-x) M2."""
    v, p1, p2 = PROP1, 0.2, 0.8
    r = (v.h2 - v.h1) / (v.h2 - v.l2)
    m = a2(v, p1, p2, X)
    assert m.allocation[0, 0] == pytest.approx(X - (1 - X) * p1 / (1 - p1) * r)
    assert m.transfers[1, 0] == pytest.approx(-(1 - X) * v.h1 + (1 - X) * r * (v.l2 - v.l1))
    m1_high = (1 - p2) * v.h1 + p2 * v.h2
    assert m.payoffs1[1] == pytest.approx(X * m1_high + (1 - X) * (1 - p2) * r * (v.l2 - v.l1))
    m2 = monopoly_payoff(np.array([v.l2, v.h2]), (v.l1, v.h1), [1 - p1, p1])
    np.testing.assert_allclose(m.payoffs2, (1 - X) * m2)
    assert m.weights == pytest.approx((p1, p2 - (1 - p2) * (1 / 3) / (2 / 3)))


def test_table_2_zone_a_entries_as_printed():
    """Table 2, zone A (h1 < l2): q1(l1,l2) = (x-p1)/(1-p1) with transfer (x - q) l1; h1 gets
    the good against l2 for (1-x) l1; h1's payoff is x M1(h1) + (1-x)(1-p2)(h1-l1)."""
    v, p1, p2 = PROP2, 0.2, 0.8
    m = a2(v, p1, p2, X)
    q = (X - p1) / (1 - p1)
    assert m.allocation[0, 0] == pytest.approx(q)
    assert m.transfers[0, 0] == pytest.approx((X - q) * v.l1)
    assert m.transfers[1, 0] == pytest.approx(-(1 - X) * v.l1)
    assert m.payoffs1[1] == pytest.approx(X * ((1 - p2) * v.h1 + p2 * v.h2) + (1 - X) * (1 - p2) * (v.h1 - v.l1))


def test_table_4_zones_b_and_d_player_two_payoffs_as_printed():
    """Table 4: zone B gives h2 (1-x)M2(h2) + x(1-p1)(h2-l2), zone D gives h2 (1-x)M2(h2) + x(h2-l2)."""
    v = PROP2
    b = a1(v, 0.5, 0.45, X)
    d = a1(v, 0.5, 0.2, X)
    assert b.payoffs2[1] == pytest.approx((1 - X) * v.h2 + X * 0.5 * (v.h2 - v.l2))
    assert d.payoffs2[1] == pytest.approx((1 - X) * v.h2 + X * (v.h2 - v.l2))
    assert b.payoffs2[0] == pytest.approx((1 - X) * v.l2) and d.payoffs2[0] == pytest.approx((1 - X) * v.l2)


def test_a1_zone_c_corrects_the_printed_player_two_payoff():
    """Table 4, zone C prints (1-x)M2(l2) + x(1-p1)(h1-l1) for l2; the verified payoff carries the
    factor (h2-l2)/(h2-h1) = 1 - p2** (docs/errata.md); the printed value is not feasible."""
    v, p1, p2 = PROP2, 0.9, 0.8
    m = a1(v, p1, p2, X)
    corrected = (1 - X) * v.l2 + X * (1 - p1) * (v.h1 - v.l1) * (v.h2 - v.l2) / (v.h2 - v.h1)
    printed = (1 - X) * v.l2 + X * (1 - p1) * (v.h1 - v.l1)
    assert m.payoffs2[0] == pytest.approx(corrected)
    assert printed > corrected + 1e-3
    # the printed payoffs (with player 1 at x M1) exceed what is feasible: ex ante more than W
    from bargainlab.core.interim_lp import InterimLP
    from bargainlab.core.lp_solver import solve as solve_lp
    from bargainlab.errors import SolverError

    lp = InterimLP((v.l1, v.h1), (v.l2, v.h2))
    w1, w2 = np.array([1 - p1, p1]), np.array([1 - p2, p2])
    target2 = np.array([printed, (1 - X) * v.h2])
    program = lp.program(w1, w2, np.zeros(lp.num_cols), m.payoffs1, target2)
    with pytest.raises(SolverError):
        solve_lp(program)


def test_a2_player_one_payoffs_follow_corrected_5_1():
    """(5.1) corrected: the gap goes to h1 (divided by p1) when p1 < p1*, to l1 (divided by
    1 - p1) when p1 > p1*; (5.2): p1·a²_1 = E."""
    for values, p1, p2, _ in A2_ZONES:
        m = a2(values, p1, p2, X)
        low, high = a2_player_one_payoffs(values, p1, p2, X)
        assert float(low) == pytest.approx(m.payoffs1[0], abs=1e-12)
        assert float(high) == pytest.approx(m.payoffs1[1], abs=1e-12)
        assert (1 - p1) * m.payoffs1[0] + p1 * m.payoffs1[1] == pytest.approx(
            float(ex_ante_payoff(values, p1, p2, X)), abs=1e-12
        )


def test_mechanism_inputs_are_validated():
    with pytest.raises(InvalidParameterError, match="values must be l1 < l2 < h1 < h2 or l1 < h1 <= l2 < h2"):
        a2(BinaryValues(0.1, 1.0, 0.4, 0.9), 0.5, 0.5, X)  # h1 > h2: floors pin the outcome
    with pytest.raises(InvalidParameterError, match="prior1 must be a number in"):
        a1(PROP1, 1.5, 0.5, X)
    with pytest.raises(InvalidParameterError, match="mechanism must be 'a1' or 'a2'"):
        mechanism("a3", PROP1, 0.5, 0.5, X)


def test_to_dict_lists_every_profile():
    data = a2(PROP1, 0.2, 0.8, X).to_dict()
    assert data["zone"] == "A" and len(data["cells"]) == 4
    assert {tuple(c["profile"]) for c in data["cells"]} == {("l1", "l2"), ("l1", "h2"), ("h1", "l2"), ("h1", "h2")}
    for cell in data["cells"]:
        assert cell["q1"] + cell["q2"] == pytest.approx(1.0)


def test_high_type_payoff_has_a_concave_kink_in_p2():
    """Section 5.5 says a²_1(t1) is convex in p2 for each type. Table 1's own entries for h1
    (zone A: x M1(h1) + (1-x)(1-p2) r (l2-l1), decreasing; zone B: x M1(h1) + (1-x) p2 (h2-h1),
    increasing) meet in a concave kink at p2*; l1's payoff is convex (docs/errata.md)."""
    v, p1 = PROP1, 0.2
    star = 1 / 3
    step = 0.05
    highs = [a2(v, p1, p2, X).payoffs1[1] for p2 in (star - step, star, star + step)]
    lows = [a2(v, p1, p2, X).payoffs1[0] for p2 in (star - step, star, star + step)]
    assert highs[0] - 2 * highs[1] + highs[2] < -1e-3  # concave at p2*
    assert lows[0] - 2 * lows[1] + lows[2] >= -1e-12  # convex


def test_vectorised_zones_agree_with_the_pointwise_zones():
    from bargainlab.models.two_sided.mechanisms import a1_zone, a2_zone, zones

    grid = np.linspace(0.0, 1.0, 41)
    p1, p2 = np.meshgrid(grid, grid, indexing="ij")
    for values in (PROP1, PROP2):
        for x in (0.0, 0.3, 0.5, 1.0):
            for name, pointwise in (("a1", a1_zone), ("a2", a2_zone)):
                z = zones(name, values, p1, p2, x)
                assert z.shape == p1.shape
                for i in range(0, 41, 5):
                    for j in range(0, 41, 5):
                        assert z[i, j] == pointwise(values, p1[i, j], p2[i, j], x)


@pytest.mark.parametrize("values", [PROP1, PROP2])
@pytest.mark.parametrize("p1", [0.0, 1.0])
def test_player_one_payoffs_at_known_types_match_the_cells(values, p1):
    """At p1 ∈ {0, 1} the formula's 0/0 is resolved by the zone's constant share, as the cells do."""
    for p2 in (0.1, 0.45, 0.8):
        m = a2(values, p1, p2, X)
        low, high = a2_player_one_payoffs(values, p1, p2, X)
        assert float(low) == pytest.approx(m.payoffs1[0], abs=1e-12)
        assert float(high) == pytest.approx(m.payoffs1[1], abs=1e-12)


def test_mechanism_result_is_json_safe_with_model_parameters_method():
    import json

    data = json.loads(json.dumps(a2(PROP1, 0.2, 0.8, X).to_dict(), allow_nan=False))
    assert data["model"] == "two-sided" and data["method"] == "closed_form" and data["name"] == "a2"
    assert data["parameters"]["prior1"] == 0.2 and data["parameters"]["share"] == X
    assert len(repr(a2(PROP1, 0.2, 0.8, X))) < 300
