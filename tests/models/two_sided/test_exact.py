"""Exact two-sided answers (models/two_sided/exact.py) against the float LP, the paper's 6.25%
example, the certificate file, and the per-region proofs of Propositions 1–2."""

from __future__ import annotations

import importlib.util
import json
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("flint")  # exact arithmetic: the [exact] extra (python-flint)

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.exact_lp import verify_certificate
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form, gap, regions, solve
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.exact import (
    ExactGap,
    exact_environment,
    exact_gap,
    exact_monopoly_payoff,
    solve_exact,
)
from bargainlab.models.two_sided.search import largest_gap, rationalised

CHECKER = Path(__file__).resolve().parents[3] / "docs" / "check_certificate.py"


def checker():
    spec = importlib.util.spec_from_file_location("check_certificate", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def running_example():
    """Section 4: l1 = 0, h1 = l2 = h2/2, β = p1 = p2 = 1/2 attains Gap = h2/16 (6.25%)."""
    return exact_environment(["0", "1/2"], ["1/2", "1"], "1/2", "1/2", "1/2")


def test_running_example_is_exactly_one_sixteenth_with_a_checked_certificate():
    out = solve_exact(running_example())
    assert out.exact and out.gap == F(1, 16) and out.gap_share == F(1, 16)
    assert out.ex_ante_payoff == F(3, 8) and out.floor == F(5, 16)  # floor = p1·β M1 = (1/4 + 3/8)/2
    # Theorem 3: the allocation and player 2's payoffs are unique; here exactly
    assert all(cell.unique for row in out.allocation[0] for cell in row)
    assert [str(u) for u in out.payoffs[1]] == ["1/4", "1/2"]
    # player 1's payoffs are pinned only ex ante: [1/4, 3/8] and [3/8, 1/2], with p1·u1 = 3/8 unique
    assert (out.payoffs[0][0].low, out.payoffs[0][0].high) == (F(1, 4), F(3, 8))
    assert out.ex_ante_payoffs[0].unique and out.ex_ante_payoffs[0].low == F(3, 8)
    data = json.loads(json.dumps(out.certificate))
    assert verify_certificate(data).passed
    assert checker().check(data) == (F(3, 8), [])
    assert data["claims"]["gap"] == "1/16"


def test_scaled_running_example_is_h2_over_16():
    out = exact_gap(exact_environment(["0", "3/2"], ["3/2", "3"], "1/2", "1/2", "1/2"))
    assert out.gap == F(3, 16) and out.gap_share == F(1, 16)


def test_tampered_two_sided_certificate_fails():
    data = json.loads(json.dumps(exact_gap(running_example()).certificate))
    data["claims"]["gap"] = "1/15"
    assert checker().check(data)[1]
    data = json.loads(json.dumps(exact_gap(running_example()).certificate))
    data["program"]["col_lower"][-1] = "0"  # weaken a floor of player 2: the optimum moves
    assert not verify_certificate(data).passed and checker().check(data)[1]


def _grid(denominator: int):
    return st.integers(0, denominator).map(lambda k: F(k, denominator))


@st.composite
def exact_environments(draw, types=(2, 4)):
    """Rational environments with 2–4 types per player (values on a grid of 1/40)."""

    def values(n):
        return sorted(draw(st.lists(st.integers(0, 40), min_size=n, max_size=n, unique=True)))

    def prior(n):
        weights = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n).filter(lambda w: sum(w) > 0))
        return [F(w, sum(weights)) for w in weights]

    n1, n2 = draw(st.integers(*types)), draw(st.integers(*types))
    return exact_environment(
        [F(v, 40) for v in values(n1)], [F(v, 40) for v in values(n2)], prior(n1), prior(n2), draw(_grid(12))
    )


@settings(max_examples=30)
@given(exact_environments())
def test_exact_gap_equals_the_float_lp_over_random_draws(env):
    exact = exact_gap(env)
    assert exact.exact
    float_result = gap(env.to_float(), method="lp")
    assert float(exact.ex_ante_payoff) == pytest.approx(float_result.ex_ante_payoff, abs=1e-8)
    assert float(exact.gap) == pytest.approx(float_result.gap, abs=1e-8)
    assert exact.gap_player == float_result.gap_player


@settings(max_examples=8)
@given(exact_environments(types=(2, 3)))
def test_exact_ranges_equal_the_float_optimal_face(env):
    exact = solve_exact(env)
    approx = solve(env.to_float())
    assert exact.exact and exact.gap_player == approx.gap_player
    for i in range(2):
        for e, a in zip(exact.payoffs[i], approx.payoffs[i]):
            assert (float(e.low), float(e.high)) == pytest.approx((a.low, a.high), abs=1e-7)
        for row_e, row_a in zip(exact.allocation[i], approx.allocation[i]):
            for e, a in zip(row_e, row_a):
                assert (float(e.low), float(e.high)) == pytest.approx((a.low, a.high), abs=1e-7)
    assert float(exact.welfare.low) == pytest.approx(approx.welfare.low, abs=1e-7)


@settings(max_examples=25)
@given(
    st.sampled_from(["prop1", "prop2"]),
    st.lists(st.integers(1, 199), min_size=3, max_size=3, unique=True),
    _grid(50),
    _grid(50),
    _grid(50),
)
def test_exact_E_equals_the_closed_form_at_rational_points(case, grid, p1, p2, x):
    a, b, c = (F(k, 200) for k in sorted(grid))
    l1, h1, l2 = (a, c, b) if case == "prop1" else (a, b, c)
    out = exact_gap(exact_environment([l1, h1], [l2, 1], p1, p2, x))
    formula = closed_form.ex_ante_payoff(
        BinaryValues(float(l1), float(h1), float(l2), 1.0), float(p1), float(p2), float(x)
    )
    assert float(out.ex_ante_payoff) == pytest.approx(float(formula), abs=1e-12)


def test_labels_are_swapped_for_the_theory_and_back():
    env = exact_environment(["1/2", "1"], ["0", "1/2"], "1/2", "1/2", "1/2")  # player 2 has the lower low value
    out = solve_exact(env)
    assert out.gap_player == 2 and out.gap == F(1, 16)
    assert [str(u) for u in out.payoffs[0]] == ["1/4", "1/2"]  # the theory's player 2, in the user's labels


def test_float_environments_are_read_through_their_decimals():
    out = exact_gap(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5))
    assert isinstance(out, ExactGap) and out.gap == F(1, 16)
    assert exact_monopoly_payoff(F(0), [F(1, 2), F(1)], [F(1, 2), F(1, 2)]) == F(1, 2)


def test_inputs_are_validated_with_the_parameter_named():
    with pytest.raises(InvalidParameterError, match="prior1 must be"):
        exact_environment(["0", "1"], ["0", "1"], ["1/3", "1/3"], "1/2", "1/2")
    with pytest.raises(InvalidParameterError, match="prior2 must be"):
        exact_environment(["0", "1", "2"], ["0", "1", "2"], ["1/3"] * 3, ["0.333", "0.333", "0.333"], "1/2")
    with pytest.raises(InvalidParameterError, match="values1 must be"):
        exact_environment(["1", "0"], ["0", "1"], "1/2", "1/2", "1/2")
    with pytest.raises(InvalidParameterError, match="bargaining_power must be"):
        exact_environment(["0", "1"], ["0", "1"], "1/2", "1/2", "3/2")
    with pytest.raises(InvalidParameterError, match="values2 must be"):
        exact_environment(["0", "1"], ["0", "x"], "1/2", "1/2", "1/2")


def test_per_region_proof_covers_both_orderings():
    pytest.importorskip("sympy")  # symbolic proofs: the [exact] extra
    proof = regions.prove_regions(samples=5, seed=3)
    assert proof.passed
    assert {c.ordering for c in proof.cells} == {"prop1", "prop2"}
    assert all(c.proved for c in proof.cells) and sum(c.samples for c in proof.cells) == 10


def test_per_region_proof_fails_for_a_wrong_closed_form(monkeypatch):
    pytest.importorskip("sympy")  # symbolic proofs: the [exact] extra
    right = regions._closed_form_pieces

    def doubled(sp, s, ordering):
        pieces = right(sp, s, ordering)
        return {**pieces, "gap_peak": [2 * pieces["gap_peak"][0]]}

    monkeypatch.setattr(regions, "_closed_form_pieces", doubled)
    proof = regions.prove_regions(samples=5, seed=3)
    assert not proof.passed  # a cell with a positive gap no longer cancels


def test_rationalised_search_point_keeps_order_and_priors():
    env = two_sided_environment([0.0, 0.3333333, 1.0], [0.1, 0.5], [0.2, 0.3, 0.5], 0.25, 0.123456789)
    point = rationalised(env, 1000)
    assert point.values1 == (0, F(1, 3), 1) and sum(point.prior1) == 1 and point.bargaining_power == F(10, 81)


@pytest.mark.slow
def test_three_type_search_finds_near_one_quarter_and_certifies_it():
    """Exploration beyond the paper: the three-type frontier approaches 1/4 (docs/exact-and-frontier.md)."""
    result = largest_gap(3, restarts=4, seed=0)
    assert result.gap_share > 0.24
    assert list(result.best_by_start) == sorted(result.best_by_start)
    assert result.exact.exact and float(result.exact.gap_share) == pytest.approx(result.gap_share, abs=1e-3)
    assert np.isclose(gap(result.environment, method="lp").gap, result.gap_share, atol=1e-12)


@pytest.mark.parametrize("types", [3, 4, 5])
def test_boundary_point_gap_is_exactly_the_equal_revenue_rent(types):
    """Exploration beyond the paper: at β = 0 with player 2 known, the Gap is player 1's
    information rent against player 2's monopoly price, ((n-2)/(n-1))^(n-1) exactly."""
    from bargainlab.models.two_sided.search import boundary_point

    result = exact_gap(boundary_point(types))
    assert result.exact and result.gap_player == 1
    assert result.gap == F(types - 2, types - 1) ** (types - 1) and result.gap_share == result.gap
    assert float(result.gap) == pytest.approx(gap(boundary_point(types).to_float(), method="lp").gap, abs=1e-9)


def test_rational_simplex_from_scratch_reaches_the_same_exact_optimum():
    """Without HiGHS's basis (phase 1 from the slack basis, which violates the floors), the exact
    simplex reaches E = 3/8 on the running example, and E of a random three-type point."""
    from bargainlab.core.exact_lp import rational_simplex
    from bargainlab.models.two_sided.exact import interim_program

    assert rational_simplex(interim_program(running_example())).objective == F(3, 8)
    env = exact_environment(
        ["0", "1/5", "3/5"], ["1/10", "1/2", "1"], ["1/4", "1/4", "1/2"], ["1/3", "1/3", "1/3"], "2/5"
    )
    assert rational_simplex(interim_program(env)).objective == exact_gap(env).ex_ante_payoff


def test_degenerate_point_where_relaxing_the_floors_by_1e_9_creates_a_gap():
    """A four-type point found by the float search (β = 1, player 1 known, zero-probability types
    whose floors bind): the exact Gap is 0, but with every floor lowered by 10⁻⁹ the exact E is
    above 0.29 (duals of order 10⁹). Relaxed float floors therefore cannot be trusted here; the
    search evaluates the unrelaxed program (docs/exact-and-frontier.md)."""
    import dataclasses

    from bargainlab.core.exact_lp import solve_exact as solve_exact_lp
    from bargainlab.models.two_sided.exact import _certified

    env = exact_environment(
        [F(275, 763273), F(1245, 621926), F(365513, 976690), F(500790, 513359)],
        [F(181, 557786), F(388937, 869897), F(156029, 245261), 1],
        [1, 0, 0, 0],
        [0, F(208207, 700176), F(77609, 303482), F(47481888437, 106245406416)],
        1,
    )
    result = exact_gap(env)
    assert result.exact and result.gap == 0 and result.gap_player == 2
    _, _, lp, program, _ = _certified(env)
    lower = list(program.col_lower)
    for column in (*lp.u1_cols, *lp.u2_cols):
        lower[int(column)] -= F(1, 10**9)
    relaxed = solve_exact_lp(dataclasses.replace(program, col_lower=tuple(lower)))
    assert relaxed.objective > F(29, 100)
