"""The (generalised) Nash bargaining solution (Nash 1950; lecture notes, "Nash bargaining solution").

A bargaining problem (U, d): a compact convex set U ⊂ R² of feasible payoffs and a disagreement
point d such that some v ∈ U has v > d. With bargaining weight β ∈ [0, 1] of player 1,

    f_β(U, d) = argmax { (v_1 - d_1)^β (v_2 - d_2)^(1-β) : v ∈ U, v >= d }.

U can be given as

* a polytope by its vertices (any points: U is their convex hull) or by inequalities A v <= b;
* the set under a concave frontier v_2 <= g(v_1), v_1 ∈ [lower, upper].

For a polytope the solution is exact: the set is clipped to v >= d, and on every edge
P + s (Q - P) the maximiser of β log(v_1 - d_1) + (1 - β) log(v_2 - d_2) solves the linear
first-order condition β D_1 (v_2 - d_2) + (1 - β) D_2 (v_1 - d_1) = 0 (D = Q - P); the best edge
wins (the logarithm of the Nash product is strictly concave for 0 < β < 1, so the maximiser is
unique). For a frontier the one-dimensional concave problem in v_1 is solved by bounded Brent.
With β ∈ {0, 1} the solution is the Pareto-optimal point best for the player with all the weight
(lexicographic maximum).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.inputs import number
from bargainlab.core.lp_solver import LinearProgram, solve
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError, SolverError

__all__ = ["NashOutcome", "nash_solution", "polytope_vertices", "GEOMETRY_TOL", "FRONTIER_CHECK_POINTS"]

#: Points closer than this (times the scale of the set) are one point; constraints violated by
#: less than this count as satisfied.
GEOMETRY_TOL = 1e-10

#: Points at which a frontier function is checked for concavity and searched for g > d_2.
FRONTIER_CHECK_POINTS = 2001

#: Weights within this of 0 or 1 are treated as 0 or 1: the maximiser is then within about that
#: distance of the Pareto point best for one player, and closer points are not representable.
WEIGHT_SNAP = 1e-9

#: Relative tolerance of the bounded Brent search on a frontier.
FRONTIER_XTOL = 1e-12


@dataclass(frozen=True, repr=False)
class NashOutcome(Result):
    """The generalised Nash bargaining solution.

    Attributes
    ----------
    point
        (v_1, v_2), the agreed payoffs.
    disagreement
        (d_1, d_2).
    bargaining_power
        β, player 1's bargaining weight.
    nash_product
        (v_1 - d_1)^β (v_2 - d_2)^(1-β).
    method
        ``"polytope (exact, per edge)"`` or ``"frontier (bounded Brent)"``.
    vertices
        The vertices of U ∩ {v >= d} (polytopes only), counter-clockwise.
    feasible_set
        How U was given (``vertices``, ``inequalities`` or ``frontier`` with ``domain``).
    """

    model: ClassVar[str] = "nash"
    hidden_fields: ClassVar[tuple[str, ...]] = ("disagreement", "bargaining_power", "feasible_set")
    extra_fields: ClassVar[tuple[str, ...]] = ("gains",)
    summary_fields: ClassVar[tuple[str, ...]] = ("point", "gains", "nash_product")

    point: tuple[float, float]
    disagreement: tuple[float, float]
    bargaining_power: float
    nash_product: float
    method: str
    vertices: tuple[tuple[float, float], ...] = ()
    feasible_set: dict[str, Any] = field(default_factory=dict)

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs under their Python names (U as given, d, β)."""
        return {**self.feasible_set, "disagreement": list(self.disagreement), "bargaining_power": self.bargaining_power}

    @property
    def gains(self) -> tuple[float, float]:
        """v - d, each player's gain over disagreement."""
        return self.point[0] - self.disagreement[0], self.point[1] - self.disagreement[1]


def _product(point: Sequence[float] | np.ndarray, d: Sequence[float] | np.ndarray, weight: float) -> float:
    g1, g2 = point[0] - d[0], point[1] - d[1]
    if g1 < 0 or g2 < 0:
        return -math.inf
    return (g1**weight if weight > 0 else 1.0) * (g2 ** (1 - weight) if weight < 1 else 1.0)


def _points(name: str, raw: Any, columns: int) -> np.ndarray:
    try:
        array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameterError(name, raw, f"rows of {columns} numbers") from None
    if array.ndim != 2 or array.shape[1] != columns or array.shape[0] == 0:
        raise InvalidParameterError(
            name, array.tolist() if array.ndim else raw, f"a non-empty list of rows of {columns} numbers"
        )
    if not np.all(np.isfinite(array)):
        raise InvalidParameterError(name, array.tolist(), "finite numbers")
    return array


def _hull(points: np.ndarray, tol: float) -> np.ndarray:
    """Convex hull, counter-clockwise, by Andrew's monotone chain (handles segments and points)."""
    pts = sorted({(float(x), float(y)) for x, y in points})
    if len(pts) <= 2:
        return np.array(pts)

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def chain(sequence: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for p in sequence:
            while len(out) >= 2 and cross(out[-2], out[-1], p) <= tol:
                out.pop()
            out.append(p)
        return out

    lower, upper = chain(pts), chain(pts[::-1])
    return np.array(lower[:-1] + upper[:-1])


def polytope_vertices(inequalities: ArrayLike, tol: float = GEOMETRY_TOL) -> np.ndarray:
    """Vertices (counter-clockwise) of {v ∈ R² : A v <= b} given as rows (a_1, a_2, b).

    Raises :class:`InvalidParameterError` when the set is empty or unbounded.

    Parameters
    ----------
    inequalities
        Rows (a_1, a_2, b), each the half-plane a_1 v_1 + a_2 v_2 ≤ b.
    tol
        Tolerance of the feasibility and duplicate-vertex tests.

    Returns
    -------
    numpy.ndarray
        The vertices, shape (n, 2), counter-clockwise.

    Examples
    --------
    >>> polytope_vertices([[1, 1, 1], [-1, 0, 0], [0, -1, 0]]).tolist()   # the unit simplex
    [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]
    """
    rows = _points("inequalities", inequalities, 3)
    A, b = rows[:, :2], rows[:, 2]
    if np.any(np.linalg.norm(A, axis=1) == 0):
        raise InvalidParameterError("inequalities", rows.tolist(), "rows a_1 v_1 + a_2 v_2 <= b with (a_1, a_2) != 0")
    for direction in ((1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)):
        program = LinearProgram(
            np.array(direction), A, np.full(len(b), -np.inf), b, np.full(2, -np.inf), np.full(2, np.inf)
        )
        try:
            solve(program)
        except SolverError:
            raise InvalidParameterError(
                "inequalities", rows.tolist(), "a non-empty bounded set {v : A v <= b} (U must be compact)"
            ) from None
    scale = max(1.0, float(np.abs(b).max()))
    candidates = []
    for i in range(len(b)):
        for j in range(i + 1, len(b)):
            matrix = A[[i, j]]
            if abs(np.linalg.det(matrix)) <= 1e-14 * np.abs(matrix).max() ** 2:
                continue
            point = np.linalg.solve(matrix, b[[i, j]])
            if np.all(A @ point <= b + tol * scale):
                candidates.append(point)
    return _hull(np.array(candidates), tol * scale * scale) + 0.0


def _clip(polygon: np.ndarray, axis: int, bound: float) -> np.ndarray:
    """Sutherland–Hodgman: the part of a convex polygon with v[axis] >= bound."""
    if len(polygon) == 0:
        return polygon
    if len(polygon) == 1:
        return polygon if polygon[0, axis] >= bound else polygon[:0]
    out = []
    count = len(polygon) if len(polygon) > 2 else 1
    for k in range(count):
        p, q = polygon[k], polygon[(k + 1) % len(polygon)]
        p_in, q_in = p[axis] >= bound, q[axis] >= bound
        if p_in:
            out.append(p)
        if p_in != q_in:
            s = (bound - p[axis]) / (q[axis] - p[axis])
            crossing = p + s * (q - p)
            crossing[axis] = bound
            out.append(crossing)
    if len(polygon) == 2 and polygon[1, axis] >= bound:
        out.append(polygon[1])
    return np.array(out) if out else polygon[:0]


def _edge_best(p: np.ndarray, q: np.ndarray, d: np.ndarray, weight: float) -> np.ndarray:
    """The maximiser of β log(v_1 - d_1) + (1 - β) log(v_2 - d_2) on the segment [p, q]."""
    direction = q - p
    candidates = [p, q]
    denominator = direction[0] * direction[1]
    if denominator != 0:
        s = -(weight * direction[0] * (p[1] - d[1]) + (1 - weight) * direction[1] * (p[0] - d[0])) / denominator
        if 0 < s < 1:
            candidates.append(p + s * direction)
    return max(candidates, key=lambda v: _product(v, d, weight))


def _polytope_solution(vertices: np.ndarray, d: np.ndarray, weight: float, tol: float) -> NashOutcome:
    scale = max(1.0, float(np.abs(vertices).max()), float(np.abs(d).max()))
    polygon = _hull(vertices, tol * scale * scale)
    clipped = _clip(_clip(polygon, 0, d[0]), 1, d[1])
    clipped = _hull(clipped, tol * scale * scale) if len(clipped) else clipped
    edges = [(clipped[k], clipped[(k + 1) % len(clipped)]) for k in range(len(clipped))]
    symmetric = max((_product(_edge_best(p, q, d, 0.5), d, 0.5) for p, q in edges), default=-math.inf)
    if symmetric <= tol * scale:
        raise InvalidParameterError(
            "disagreement", d.tolist(), "a point strictly below some feasible payoff vector (some v in U with v > d)"
        )
    if weight in (0.0, 1.0):
        first = 0 if weight == 1.0 else 1
        best = max(clipped, key=lambda v: (round(v[first] / (tol * scale)), v[1 - first]))
    else:
        best = max((_edge_best(p, q, d, weight) for p, q in edges), key=lambda v: _product(v, d, weight))
    point = (float(best[0]), float(best[1]))
    return NashOutcome(
        point,
        (float(d[0]), float(d[1])),
        weight,
        _product(point, d, weight),
        "polytope (exact, per edge)",
        tuple((float(x), float(y)) for x, y in clipped),
    )


def _frontier_solution(
    frontier: Callable[[float], float], lower: float, upper: float, d: np.ndarray, weight: float
) -> NashOutcome:
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    if not lower < upper:
        raise InvalidParameterError("domain", [lower, upper], "an interval lower < upper for v_1")
    grid = np.linspace(lower, upper, FRONTIER_CHECK_POINTS)
    try:
        values = np.array([float(frontier(x)) for x in grid])
    except Exception as error:  # the user's function failed: say where
        raise InvalidParameterError(
            "frontier", getattr(frontier, "__name__", "g"), "a function returning a number on the domain", str(error)
        ) from None
    if not np.all(np.isfinite(values)):
        raise InvalidParameterError("frontier", getattr(frontier, "__name__", "g"), "finite on the domain")
    scale = max(1.0, float(np.abs(values).max()), abs(upper), abs(lower))
    second = values[:-2] - 2 * values[1:-1] + values[2:]
    if second.max() > 1e-9 * scale:
        where = grid[1 + int(np.argmax(second))]
        raise InvalidParameterError(
            "frontier",
            getattr(frontier, "__name__", "g"),
            "a concave function (U must be convex)",
            f"convex near v_1 = {where:g}",
        )

    def gain2(x: float) -> float:
        return float(frontier(x)) - d[1]

    inside = (grid > d[0]) & (values > d[1])
    if not inside.any():
        raise InvalidParameterError(
            "disagreement", d.tolist(), "a point strictly below some feasible payoff vector (some v in U with v > d)"
        )
    first, last = np.flatnonzero(inside)[[0, -1]]
    start = max(lower, float(d[0]))
    left = start if gain2(start) > 0 else optimize.brentq(gain2, start, float(grid[first]), xtol=1e-15)
    right = (
        float(grid[last]) if last == len(grid) - 1 else optimize.brentq(gain2, grid[last], grid[last + 1], xtol=1e-15)
    )
    if weight == 1.0:
        x = right
    elif weight == 0.0:
        # the Pareto-optimal point best for player 2: largest v_1 among the maximisers of g
        peak = float(values[inside].max())
        x = float(grid[inside][np.flatnonzero(values[inside] >= peak - 1e-12 * scale)[-1]])
        result = optimize.minimize_scalar(
            lambda t: -gain2(t), bounds=(left, right), method="bounded", options={"xatol": FRONTIER_XTOL * scale}
        )
        if gain2(result.x) >= gain2(x):
            x = float(result.x)
    else:

        def objective(t: float) -> float:
            g1, g2 = t - d[0], gain2(t)
            return math.inf if g1 <= 0 or g2 <= 0 else -(weight * math.log(g1) + (1 - weight) * math.log(g2))

        result = optimize.minimize_scalar(
            objective, bounds=(left, right), method="bounded", options={"xatol": FRONTIER_XTOL * scale}
        )
        x = float(result.x)
    point = (x, float(frontier(x)))
    return NashOutcome(
        point, (float(d[0]), float(d[1])), weight, _product(point, d, weight), "frontier (bounded Brent)"
    )


def nash_solution(
    *,
    vertices: ArrayLike | None = None,
    inequalities: ArrayLike | None = None,
    frontier: Callable[[float], float] | None = None,
    domain: tuple[float, float] | None = None,
    disagreement: Sequence[float] = (0.0, 0.0),
    bargaining_power: float = 0.5,
    tol: float = GEOMETRY_TOL,
) -> NashOutcome:
    """The generalised Nash bargaining solution f_β(U, d).

    Give U by exactly one of ``vertices`` (points whose convex hull is U), ``inequalities``
    (rows (a_1, a_2, b) of a_1 v_1 + a_2 v_2 <= b) or ``frontier`` with ``domain`` (U is the
    set under the concave function v_2 <= g(v_1), lower <= v_1 <= upper).

    Parameters
    ----------
    disagreement
        d = (d_1, d_2).
    bargaining_power
        β ∈ [0, 1], player 1's bargaining weight (1/2: the symmetric Nash solution). Weights
        within ``WEIGHT_SNAP`` of 0 or 1 are treated as 0 or 1 (the result records the weight used).

    Returns
    -------
    NashOutcome
        The solution point, the Nash product, the weight used and the method.

    Examples
    --------
    >>> out = nash_solution(vertices=[[0, 0], [1, 0], [0, 1]], bargaining_power=0.3)
    >>> [round(v, 12) for v in out.point]  # (β, 1 - β)
    [0.3, 0.7]
    >>> out = nash_solution(frontier=lambda x: 1 - x**2, domain=(0, 1))
    >>> round(out.point[0], 8), round(out.point[1], 8)                    # v_1 = 1/sqrt(3)
    (0.57735027, 0.66666667)
    """
    given = [
        name
        for name, value in (("vertices", vertices), ("inequalities", inequalities), ("frontier", frontier))
        if value is not None
    ]
    if len(given) != 1:
        raise InvalidParameterError(
            "feasible set", given or "nothing", "exactly one of vertices, inequalities or frontier (with domain)"
        )
    beta = number(bargaining_power, "bargaining_power", low=0.0, high=1.0, label="bargaining_power (β)")
    beta = 0.0 if beta < WEIGHT_SNAP else 1.0 if beta > 1.0 - WEIGHT_SNAP else beta
    if len(disagreement) != 2:
        raise InvalidParameterError("disagreement", list(disagreement), "two numbers (d_1, d_2)")
    d = np.array([number(x, "disagreement", label=f"disagreement[{k}]") for k, x in enumerate(disagreement)])
    if frontier is not None:
        if domain is None:
            raise InvalidParameterError("domain", None, "an interval (lower, upper) of v_1 for the frontier")
        lower, upper = (number(x, "domain", label=f"domain[{k}]") for k, x in enumerate(domain))
        given_set: dict[str, Any] = {"frontier": getattr(frontier, "__name__", "g"), "domain": [lower, upper]}
        outcome = _frontier_solution(frontier, lower, upper, d, beta)
    elif vertices is not None:
        points = _points("vertices", vertices, 2)
        given_set = {"vertices": points.tolist()}
        outcome = _polytope_solution(points, d, beta, tol)
    else:
        rows = _points("inequalities", inequalities, 3)
        given_set = {"inequalities": rows.tolist()}
        outcome = _polytope_solution(polytope_vertices(rows, tol), d, beta, tol)
    return dataclasses.replace(outcome, feasible_set=given_set)
