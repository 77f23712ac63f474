"""One point at a time: the per-point gap through the value caches equals fresh solves and the map path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.interim_solver import InterimSolver
from bargainlab.core.lp_solver import solve_with_linprog
from bargainlab.core.monopoly import RandomMonopolyFloors
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import gap
from bargainlab.models.two_sided.maps import gap_on_points
from bargainlab.models.two_sided.points import check_values_once, value_set
from bargainlab.models.two_sided.theory import floors, theory_labelled
from tests.strategies import separated_values

#: Agreement of two LP solutions of (4.1) (normalised units; the solver's tolerance is 1e-9).
LP_AGREEMENT = 1e-8


def linprog_gap(env) -> tuple[float, float]:
    """(E, Gap) of (4.1)-(4.2) by a fresh scipy linprog on the normalised theory-labelled program."""
    theory_env, _ = theory_labelled(env)
    norm = theory_env.normalised()
    p1, p2 = norm.player1.prior_array, norm.player2.prior_array
    f1, f2 = floors(norm)
    lp = InterimLP(norm.player1.values, norm.player2.values)
    e = solve_with_linprog(lp.program(p1, p2, lp.payoff_objective(p1, None), f1, f2)).objective
    return e * theory_env.unit, (e - p1 @ f1) * theory_env.unit


@st.composite
def value_pairs(draw):
    n1, n2 = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    scale = draw(st.sampled_from([1.0, 3.0, 250.0]))
    return [scale * v for v in draw(separated_values(n1))], [scale * v for v in draw(separated_values(n2))]


@settings(max_examples=25, deadline=None)
@given(value_pairs(), st.integers(0, 10**6))
def test_a_loop_of_public_calls_equals_fresh_solves_and_the_map_path(values, seed):
    """Points of one set of values in a loop (nearby and far apart: the warm basis is tried first)
    give the E and Gap of a fresh linprog and of gap_on_points; the same for a held InterimSolver
    with held floors."""
    v1, v2 = values
    rng = np.random.default_rng(seed)
    n1, n2 = len(v1), len(v2)
    P1, P2, beta = rng.dirichlet(np.ones(n1), 8), rng.dirichlet(np.ones(n2), 8), rng.uniform(size=8)
    P1[1:4] = np.abs(P1[0] + 0.01 * rng.normal(size=(3, n1))) + 1e-3  # neighbours of the first point
    P1 /= P1.sum(axis=1, keepdims=True)
    mapped = np.concatenate([gap_on_points(v1, v2, P1[k : k + 1], P2[k : k + 1], beta[k], "lp").gap for k in range(8)])
    for k in range(8):
        env = two_sided_environment(v1, v2, P1[k], P2[k], bargaining_power=beta[k])
        result = gap(env, method="lp")
        e, g = linprog_gap(env)
        top = env.unit
        assert result.ex_ante_payoff == pytest.approx(e, abs=LP_AGREEMENT * top)
        assert result.gap == pytest.approx(max(g, 0.0), abs=LP_AGREEMENT * top)
        assert result.gap == pytest.approx(mapped[k], abs=LP_AGREEMENT * top)
        assert result.max_violation is not None and result.max_violation <= 1e-8
    # a held solver and held prices on the normalised values (points where the user's player 1 is the theory's)
    unit = max(v1[-1], v2[-1]) or 1.0
    n1v, n2v = [v / unit for v in v1], [v / unit for v in v2]
    solver = InterimSolver(n1v, n2v)
    floors_of = RandomMonopolyFloors(n1v, n2v)
    for k in range(8):
        env = two_sided_environment(v1, v2, P1[k], P2[k], bargaining_power=beta[k])
        if env.theory_player == 2:
            continue
        f1, f2 = floors_of.floors(P1[k], P2[k], beta[k])
        solution = solver.solve(P1[k], P2[k], solver.lp.payoff_objective(P1[k], None), f1, f2)
        expected = gap(env, method="lp").ex_ante_payoff
        assert solution.objective * unit == pytest.approx(expected, abs=LP_AGREEMENT * unit)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=2, max_size=6, unique=True))
def test_different_values_never_share_a_value_set(tops):
    """The value caches are keyed by the values: distinct sets of values get distinct programs."""
    sets = [((0.0, t / 10), (0.05, 4.0)) for t in tops]
    found = [value_set(*values) for values in sets]
    assert len({id(v) for v in found}) == len(sets)
    for entry, (v1, v2) in zip(found, sets):
        assert entry.unit == max(v1[-1], v2[-1])
        assert entry.normalised1 == tuple(v / entry.unit for v in v1)
        assert entry.solver.lp.values1.tolist() == list(entry.normalised1)


def test_value_set_floors_are_the_floors_of_the_normalised_environment():
    env = two_sided_environment([0.0, 3.0, 6.0], [2.0, 7.0, 10.0], [0.2, 0.5, 0.3], [0.6, 0.3, 0.1], 0.3)
    values = value_set(env.player1.values, env.player2.values)
    ours = values.floors(env.player1.prior_array, env.player2.prior_array, env.bargaining_power)
    for a, b in zip(ours, floors(env.normalised())):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("swap", [False, True])
def test_values_below_the_lp_resolution_are_rejected_every_time_in_the_users_labels(swap):
    """The value-range check is remembered only when it passes; a failure names the user's player."""
    tiny, fine = [0.0, 1e-9], [0.5, 1.0]
    v1, v2 = (fine, tiny) if swap else (tiny, fine)
    env = two_sided_environment(v1, v2, 0.5, 0.5, 0.5)
    for _ in range(2):
        with pytest.raises(InvalidParameterError) as info:
            gap(env, method="lp")
        assert info.value.key == ("values2" if swap else "values1")
        with pytest.raises(InvalidParameterError):
            check_values_once(env.player1.values, env.player2.values)
