"""Optimal-face ranges: the certified shortcuts give the brute-force ranges (two LPs per quantity).

The brute force is the arbiter (``OptimalFace(certify=False)``: one secondary LP for each end of
each quantity). The fast path settles ends without an LP where the face model proves them
(complementary-slackness fixes, the simplex stopping test at a visited vertex, a column at its
bound in a visited solution); it must give the same ranges, to the solver's tolerances.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel, LinearProgram
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.core.optimal_face import OptimalFace

#: Agreement of the fast and brute-force ends (normalised units): the uniqueness tolerance.
AGREEMENT_TOL = 1e-7


def interim_face_quantities(lp: InterimLP, p1: np.ndarray, p2: np.ndarray) -> list[np.ndarray]:
    """Every quantity the two-sided outcome ranges: payoffs, ex ante payoffs, transfers,
    allocation probabilities and welfare (as in models/two_sided/outcome.py)."""
    out = [lp.unit(c) for c in (*lp.u1_cols, *lp.u2_cols)]
    out += [lp.payoff_objective(p1, None), lp.payoff_objective(None, p2)]
    out += [lp.transfer_objective(1, a, p1, p2) for a in range(lp.n1)]
    out += [lp.transfer_objective(2, b, p1, p2) for b in range(lp.n2)]
    out += [lp.unit(c) for c in (*lp.q1_cols.ravel(), *lp.q2_cols.ravel())]
    out.append(lp.welfare_objective(p1, p2))
    return out


def program_41(n1: int, n2: int, seed: int, aggregate: bool) -> tuple[InterimLP, LinearProgram, np.ndarray, np.ndarray]:
    """Program (4.1) of a random environment: values on a coarse grid (ties of thresholds and
    degenerate faces are common), random priors with some near-zero types, random β."""
    rng = np.random.default_rng(seed)
    v1 = np.sort(rng.choice(11, n1, replace=False)) / 10
    v2 = np.sort(rng.choice(11, n2, replace=False)) / 10
    p1, p2 = rng.dirichlet(np.ones(n1) * 0.7), rng.dirichlet(np.ones(n2) * 0.7)
    beta = rng.choice([0.0, 0.3, 0.5, 1.0, rng.uniform()])
    lp = InterimLP(v1, v2, aggregate=aggregate)
    floors1 = beta * monopoly_payoff(v1, v2, p2)
    floors2 = (1 - beta) * monopoly_payoff(v2, v1, p1)
    return lp, lp.program(p1, p2, lp.payoff_objective(p1, None), floors1, floors2), p1, p2


def assert_same_ranges(fast, brute) -> None:
    for a, b in zip(fast, brute, strict=True):
        assert a.low == pytest.approx(b.low, abs=AGREEMENT_TOL)
        assert a.high == pytest.approx(b.high, abs=AGREEMENT_TOL)
        if abs((b.high - b.low) - 1e-7) > 1e-8:  # away from the uniqueness threshold itself
            assert a.unique == b.unique


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 10**6), st.booleans())
def test_fast_ranges_equal_brute_force_on_program_41(n1, n2, seed, aggregate):
    lp, program, p1, p2 = program_41(n1, n2, seed, aggregate)
    quantities = interim_face_quantities(lp, p1, p2)
    fast = OptimalFace(program, keep_visited=False)
    brute = OptimalFace(program, certify=False)
    assert_same_ranges(fast.spans(quantities), brute.spans(quantities))
    assert brute.solves == 1 + 2 * len(quantities)
    assert fast.solves + fast.settled >= 2 * len(quantities)  # every end: an LP or a proof


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_fast_ranges_equal_brute_force_on_random_programs(seed):
    """Random bounded programs with many optimal solutions (objective parallel to a constraint)."""
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    A = np.round(rng.normal(size=(m, n)), 1)
    upper = np.abs(np.round(rng.normal(size=m), 1)) + 0.5
    objective = A[0] if rng.uniform() < 0.7 else np.round(rng.normal(size=n), 1)
    program = LinearProgram(objective, sp.csc_array(A), np.full(m, -np.inf), upper, np.zeros(n), np.ones(n))
    quantities = [np.eye(n)[j] for j in range(n)] + [np.round(rng.normal(size=n), 1) for _ in range(3)]
    fast, brute = OptimalFace(program), OptimalFace(program, certify=False)
    assert_same_ranges(fast.spans(quantities), brute.spans(quantities))


def test_visited_solutions_are_kept_only_when_asked():
    lp, program, p1, p2 = program_41(3, 3, 7, False)
    seen: list[float] = []
    face = OptimalFace(program, keep_visited=False, on_solution=lambda x: seen.append(float(x @ program.objective)))
    face.spans(interim_face_quantities(lp, p1, p2))
    assert face.visited == [] and len(seen) == face.solves
    assert max(seen) == pytest.approx(face.primary.objective, abs=1e-9)  # every solution is on the face


def test_certificate_of_a_unique_vertex():
    """max x0 + x1 s.t. x0 + 2 x1 <= 2, x in [0, 1]^2: the unique optimum (1, 0.5) maximises x0 + x1
    and x0 (certified), and minimises neither."""
    lp = LinearProgram(
        np.array([1.0, 1.0]),
        sp.csc_array(np.array([[1.0, 2.0]])),
        np.array([-np.inf]),
        np.array([2.0]),
        np.zeros(2),
        np.ones(2),
    )
    model = HighsModel(lp)
    assert model.solve().objective == pytest.approx(1.5)
    maximal, minimal, value = model.optimality_certificate(np.array([1.0, 1.0]))
    assert maximal and not minimal and value == pytest.approx(1.5)
    maximal, minimal, value = model.optimality_certificate(np.array([1.0, 0.0]))
    assert maximal and not minimal and value == pytest.approx(1.0)
    model.set_objective(np.array([0.0, 1.0]))  # costs do not enter the certificate: still valid
    assert model.optimality_certificate(np.array([1.0, 0.0]))[0]
    model.set_col_bounds(np.array([0.5]), np.array([0.5]), columns=[0])  # the vertex may be gone
    assert model.optimality_certificate(np.array([1.0, 0.0]))[:2] == (False, False)
    model.solve()
    assert model.optimality_certificate(np.array([1.0, 0.0]))[:2] == (True, True)  # x0 is fixed
