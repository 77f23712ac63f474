"""The generalised Nash bargaining solution against direct maximisation of the Nash product."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from bargainlab.errors import InvalidParameterError
from bargainlab.models.nash import nash_solution, polytope_vertices

weight = st.floats(0.0, 1.0)


@st.composite
def polygon_problem(draw):
    """3 to 8 random points in [0, 1]^2 and a disagreement point at a random fraction of the hull's
    lower-left corner (so that some point strictly dominates it)."""
    n = draw(st.integers(3, 8))
    points = np.array(draw(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=n, max_size=n)))
    centre = points.mean(axis=0)
    shrink = draw(st.floats(0.0, 0.9))
    d = points.min(axis=0) + shrink * (centre - points.min(axis=0))
    return points, d


def _brute_force(points: np.ndarray, d: np.ndarray, beta: float) -> float:
    """max of the Nash product over 2,000 points of each segment between two of the points
    (every edge of the hull is such a segment) and over the points themselves."""
    best = -math.inf
    s = np.linspace(0, 1, 2001)[:, None]
    for i in range(len(points)):
        for j in range(i, len(points)):
            segment = points[i] + s * (points[j] - points[i])
            gains = segment - d
            ok = (gains >= 0).all(axis=1)
            if ok.any():
                g = gains[ok]
                best = max(best, float((g[:, 0] ** beta * g[:, 1] ** (1 - beta)).max()))
    return best


@given(polygon_problem(), weight)
@settings(max_examples=60)
def test_polytope_solution_maximises_the_nash_product(problem, beta):
    points, d = problem
    try:
        out = nash_solution(vertices=points, disagreement=d, bargaining_power=beta)
    except InvalidParameterError:
        # only when no feasible point strictly dominates d (degenerate hull)
        assert _brute_force(points, d, 0.5) <= 1e-6
        return
    brute = _brute_force(points, d, out.bargaining_power)  # weights within 1e-9 of 0 or 1 are snapped
    assert out.nash_product >= brute - 1e-12
    assert out.nash_product <= brute + 1e-3  # the grid comes close to the exact maximum
    # the point is feasible (in the hull) and dominates d
    assert out.gains[0] >= -1e-12 and out.gains[1] >= -1e-12


@given(polygon_problem(), st.floats(0.05, 0.95))
@settings(max_examples=40)
def test_polytope_solution_agrees_with_slsqp_on_the_inequalities(problem, beta):
    """Second method: SLSQP maximising β log g_1 + (1 - β) log g_2 over {A v <= b}."""
    points, d = problem
    try:
        out = nash_solution(vertices=points, disagreement=d, bargaining_power=beta)
    except InvalidParameterError:
        return
    vertices = np.array(out.vertices)
    if len(vertices) < 3:
        return
    rows = []
    for k in range(len(vertices)):
        p, q = vertices[k], vertices[(k + 1) % len(vertices)]
        normal = np.array([q[1] - p[1], p[0] - q[0]])  # outward for a counter-clockwise polygon
        rows.append([normal[0], normal[1], normal @ p])
    rows = np.array(rows)
    via_inequalities = nash_solution(inequalities=rows, disagreement=d, bargaining_power=beta)
    assert via_inequalities.point == pytest.approx(out.point, abs=1e-9)
    start = vertices.mean(axis=0)
    result = optimize.minimize(
        lambda v: -(beta * math.log(max(v[0] - d[0], 1e-300)) + (1 - beta) * math.log(max(v[1] - d[1], 1e-300))),
        start,
        constraints=[{"type": "ineq", "fun": lambda v: rows[:, 2] - rows[:, :2] @ v}],
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    slsqp = (result.x[0] - d[0]) ** beta * (result.x[1] - d[1]) ** (1 - beta)
    assert out.nash_product >= slsqp - 1e-9


@given(weight, st.floats(0.1, 10.0), st.floats(0.1, 10.0), st.floats(-1, 1), st.floats(-1, 1))
def test_splitting_a_pie_and_invariance_to_affine_rescaling(beta, a1, a2, b1, b2):
    """U = {v >= 0, v_1 + v_2 <= 1}, d = 0: f = (β, 1 - β); rescaling v_i -> a_i v_i + b_i maps it
    accordingly (Nash's invariance axiom)."""
    out = nash_solution(vertices=[[0, 0], [1, 0], [0, 1]], bargaining_power=beta)
    assert out.point == pytest.approx((beta, 1 - beta), abs=1e-9)
    scaled = nash_solution(
        vertices=[[b1, b2], [a1 + b1, b2], [b1, a2 + b2]], disagreement=(b1, b2), bargaining_power=beta
    )
    assert scaled.point == pytest.approx((a1 * beta + b1, a2 * (1 - beta) + b2), abs=2e-9 * (a1 + a2 + 1))


@given(st.floats(0.05, 0.95), st.floats(1.5, 4.0))
@settings(max_examples=40)
def test_frontier_solution_against_brute_force_and_first_order_condition(beta, power):
    """g(x) = 1 - x^k on [0, 1], d = 0: maximise x^β (1 - x^k)^(1-β): x^k = β/(β + k(1 - β))."""
    out = nash_solution(frontier=lambda x: 1 - x**power, domain=(0, 1), bargaining_power=beta)
    exact = (beta / (beta + power * (1 - beta))) ** (1 / power)
    assert out.point[0] == pytest.approx(exact, abs=1e-7)
    grid = np.linspace(0, 1, 200_001)
    brute = (grid**beta * (1 - grid**power) ** (1 - beta)).max()
    assert out.nash_product >= brute - 1e-12


@given(st.floats(0.05, 0.95))
@settings(max_examples=20)
def test_frontier_and_its_polygon_approximation_agree(beta):
    """A concave frontier and the polytope through 4,001 of its points give the same solution."""
    d = (0.1, 0.2)
    out = nash_solution(frontier=lambda x: math.sqrt(1 - x * x), domain=(0, 1), disagreement=d, bargaining_power=beta)
    x = np.linspace(0, 1, 4001)
    points = np.vstack([np.column_stack([x, np.sqrt(1 - x * x)]), [[0, 0]]])
    polygon = nash_solution(vertices=points, disagreement=d, bargaining_power=beta)
    assert out.point == pytest.approx(polygon.point, abs=1e-3)
    assert out.nash_product >= polygon.nash_product - 1e-12


def test_independence_of_irrelevant_alternatives():
    """Removing points that were not chosen does not change the solution."""
    full = nash_solution(vertices=[[0, 0], [2, 0], [0, 1]], bargaining_power=0.5)
    assert full.point == pytest.approx((1.0, 0.5))
    smaller = nash_solution(vertices=[[0, 0], [1.5, 0], [1.0, 0.5], [0, 0.75]], bargaining_power=0.5)
    assert smaller.point == pytest.approx(full.point)


def test_extreme_weights_pick_the_pareto_optimal_point():
    square_corner = [[0, 0], [1, 0], [1, 0.5], [0.5, 1], [0, 1]]
    assert nash_solution(vertices=square_corner, bargaining_power=1.0).point == pytest.approx((1.0, 0.5))
    assert nash_solution(vertices=square_corner, bargaining_power=0.0).point == pytest.approx((0.5, 1.0))


def test_polytope_vertices_and_errors():
    assert polytope_vertices([[1, 1, 1], [-1, 0, 0], [0, -1, 0]]).tolist() == [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(InvalidParameterError, match="non-empty bounded set"):
        polytope_vertices([[1, 1, 1], [-1, 0, 0]])
    with pytest.raises(InvalidParameterError, match="non-empty bounded set"):
        polytope_vertices([[1, 0, -1], [-1, 0, 0], [0, 1, 1], [0, -1, 0]])
    with pytest.raises(InvalidParameterError, match="some v in U with v > d"):
        nash_solution(vertices=[[0, 0], [1, 0], [0, 1]], disagreement=(0.6, 0.6))
    with pytest.raises(InvalidParameterError, match="exactly one of vertices, inequalities or frontier"):
        nash_solution(vertices=[[0, 0]], inequalities=[[1, 1, 1]])
    with pytest.raises(InvalidParameterError, match="a concave function"):
        nash_solution(frontier=lambda x: x * x, domain=(0, 1))
    with pytest.raises(InvalidParameterError, match=r"bargaining_power \(β\) must be a number in \[0, 1\]"):
        nash_solution(vertices=[[0, 0], [1, 0], [0, 1]], bargaining_power=2)


def test_frontier_with_extreme_weights():
    """g(x) = 1 - x^2 on [0, 1], d = 0: β = 1 gives (1, 0); β = 0 gives (0, 1)."""
    assert nash_solution(frontier=lambda x: 1 - x * x, domain=(0, 1), bargaining_power=1.0).point == pytest.approx(
        (1, 0)
    )
    assert nash_solution(frontier=lambda x: 1 - x * x, domain=(0, 1), bargaining_power=0.0).point == pytest.approx(
        (0, 1), abs=1e-6
    )
