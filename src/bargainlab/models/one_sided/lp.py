"""Bob's best mechanism by linear programming over a discretisation of Alice's types.

The second method for the one-sided model (Pęski 2022). With Alice's types u_1 < ... < u_n
(probabilities w_k), a direct mechanism gives type u_k the good with probability q_k ∈ [0, 1]
(Bob gets it otherwise) and the payoff U_k = q_k u_k + t_k. Bob's expected payoff is

    Π = v + Σ_k w_k [ q_k (u_k - v) - U_k ].

The program "best mechanism for Bob subject to every type of Alice getting at least φ(u_k)" is

    maximise Π  over (q, U)
    s.t.  U_k >= U_j + (u_k - u_j) q_j     for all k != j    (incentive compatibility)
          U_k >= φ(u_k),  0 <= q_k <= 1.

With φ(u) = α max(u, v) its optimum is Bob's payoff from m*_α; the slides claim it is the menu
Y_{α,p*} with payoff (1 - α) R(p*). With single crossing, the adjacent IC constraints imply all
of them (``ic="adjacent"``, the default; ``ic="all"`` keeps every pair, for checking).

:func:`pareto_improvement` is the incentive-efficiency check: the largest total gain over given
payoffs (Alice's per type and Bob's) that any incentive-compatible mechanism can give without
making anyone worse off; zero means the payoffs are interim (incentive-)efficient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from bargainlab.core import inputs
from bargainlab.core.distributions import Distribution
from bargainlab.core.inputs import integer
from bargainlab.core.lp_solver import HighsModel, LinearProgram
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = ["DiscreteTypes", "MechanismLPResult", "discretise", "bob_best_mechanism", "pareto_improvement", "MAX_CELLS"]

#: Largest number of cells (types) of a discretisation (the LP has two columns per type).
MAX_CELLS = 100_000


@dataclass(frozen=True)
class DiscreteTypes:
    """Alice's types u_1 < ... < u_n with probabilities w_k (summing to one)."""

    values: np.ndarray
    weights: np.ndarray

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=float)
        weights = np.asarray(self.weights, dtype=float)
        if values.ndim != 1 or values.size == 0 or values.shape != weights.shape:
            raise InvalidParameterError("types", values.tolist(), "a non-empty list of values with one weight each")
        if not (np.isfinite(values).all() and np.isfinite(weights).all()):
            raise InvalidParameterError("types", values.tolist(), "finite values and weights")
        if np.any(np.diff(values) <= 0):
            raise InvalidParameterError("types", values.tolist(), "strictly increasing values")
        if np.any(weights < 0) or abs(weights.sum() - 1.0) > 1e-9:
            raise InvalidParameterError("weights", weights.tolist(), "non-negative probabilities summing to 1")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "weights", weights)

    def monopoly_revenue(self, value_bob: float) -> float:
        """max over prices of v P(u < p) + p P(u >= p) (buyer accepts at indifference; keeping
        the good gives v): Bob's revenue for this discrete distribution."""
        survival = np.cumsum(self.weights[::-1])[::-1]  # P(u >= u_k)
        sale = (1.0 - survival) * value_bob + survival * self.values
        return float(max(value_bob, sale.max()))


def discretise(distribution: Distribution, cells: int) -> DiscreteTypes:
    """Split [a, b] into ``cells`` equal cells; a type at each midpoint carries its cell's mass.

    Parameters
    ----------
    distribution
        Alice's value distribution with bounded support [a, b] (a :class:`Distribution` or text
        such as ``"uniform(0, 1)"``).
    cells
        Number of equal cells.

    Returns
    -------
    DiscreteTypes
        The cell midpoints and their probabilities (normalised to sum to one).

    Examples
    --------
    >>> types = discretise("uniform(0, 1)", 4)
    >>> types.values.tolist(), types.weights.tolist()
    ([0.125, 0.375, 0.625, 0.875], [0.25, 0.25, 0.25, 0.25])
    """
    distribution = inputs.as_distribution(distribution, "distribution")
    count = integer(cells, "cells", low=1, high=MAX_CELLS)
    if not (np.isfinite(distribution.lower) and np.isfinite(distribution.upper)):
        raise InvalidParameterError(
            "distribution", distribution, "a distribution with bounded support", "truncate it (support=(a, b))"
        )
    edges = np.linspace(distribution.lower, distribution.upper, count + 1)
    mass = np.diff(distribution.cdf(edges))
    mass = np.clip(mass, 0.0, None)
    return DiscreteTypes(0.5 * (edges[:-1] + edges[1:]), mass / mass.sum())


@dataclass(frozen=True, repr=False)
class MechanismLPResult(Result):
    """An optimal direct mechanism of the discretised program (one row per type in :meth:`to_frame`).

    Attributes
    ----------
    objective
        Optimal value (Bob's payoff for :func:`bob_best_mechanism`, the total gain for
        :func:`pareto_improvement`).
    bob_payoff
        Bob's expected payoff Π.
    allocation, alice_payoffs
        q_k and U_k per type.
    max_violation
        Largest violation of IC (all pairs), bounds and floors, recomputed from the solution.
    method
        ``"lp"`` with the IC variant used.
    types, value_bob
        The inputs: Alice's discrete types u_k and Bob's value v.
    """

    model: ClassVar[str] = "one-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("value_bob",)

    objective: float
    bob_payoff: float
    allocation: np.ndarray
    alice_payoffs: np.ndarray
    max_violation: float
    method: str
    types: np.ndarray
    value_bob: float

    @property
    def parameters(self) -> dict[str, object]:
        """The inputs under their Python names."""
        return {"types": self.types.size, "value_bob": self.value_bob}

    def _frame_columns(self) -> dict[str, np.ndarray]:
        return {"u": self.types, "allocation": self.allocation, "alice_payoff": self.alice_payoffs}


def _ic_rows(values: np.ndarray, ic: str) -> sp.csr_array:
    """Rows U_k - U_j - (u_k - u_j) q_j >= 0 over columns [q, U]."""
    n = values.size
    if ic == "adjacent":
        pairs = [(k + 1, k) for k in range(n - 1)] + [(k, k + 1) for k in range(n - 1)]
    elif ic == "all":
        pairs = [(k, j) for k in range(n) for j in range(n) if k != j]
    else:
        raise InvalidParameterError("ic", ic, "'adjacent' or 'all'")
    if not pairs:
        return sp.csr_array((0, 2 * n))
    k, j = np.array(pairs).T
    rows = np.arange(k.size)
    data = np.concatenate([np.ones(k.size), -np.ones(k.size), -(values[k] - values[j])])
    cols = np.concatenate([n + k, n + j, j])
    return sp.csr_array((data, (np.tile(rows, 3), cols)), shape=(k.size, 2 * n))


def _solve(
    types: DiscreteTypes,
    value_bob: float,
    alice_floor: np.ndarray,
    objective: np.ndarray,
    constant: float,
    bob_floor: float | None,
    ic: str,
) -> MechanismLPResult:
    u, w, v = types.values, types.weights, float(value_bob)
    n = u.size
    scale = max(float(np.abs(u).max()), abs(v), 1e-300)
    un, vn, floor_n = u / scale, v / scale, np.asarray(alice_floor, dtype=float) / scale
    bob_row = np.concatenate([w * (un - vn), -w])  # Π - v (normalised)
    matrix = _ic_rows(un, ic)
    lower = np.zeros(matrix.shape[0])
    upper = np.full(matrix.shape[0], np.inf)
    if bob_floor is not None:
        matrix = sp.vstack([matrix, sp.csr_array(bob_row[None, :])], format="csr")
        lower = np.append(lower, bob_floor / scale - vn)
        upper = np.append(upper, np.inf)
    program = LinearProgram(
        objective=objective,
        matrix=matrix,
        row_lower=lower,
        row_upper=upper,
        col_lower=np.concatenate([np.zeros(n), floor_n]),
        col_upper=np.concatenate([np.ones(n), np.full(n, np.inf)]),
    )
    solution = HighsModel(program).solve()
    q, U = solution.x[:n], solution.x[n:] * scale
    bob = v + float(w @ (q * (u - v) - U))
    return MechanismLPResult(
        objective=(solution.objective + constant) * scale,
        bob_payoff=bob,
        allocation=q,
        alice_payoffs=U,
        max_violation=_violation(u, q, U, np.asarray(alice_floor, dtype=float)),
        method=f"lp (HiGHS, {n} types, {ic} IC)",
        types=u,
        value_bob=v,
    )


def _violation(u: np.ndarray, q: np.ndarray, U: np.ndarray, floor: np.ndarray) -> float:
    """Largest violation of IC over all pairs, of 0 <= q <= 1 and of the floors."""
    mimic = U[None, :] + (u[:, None] - u[None, :]) * q[None, :] - U[:, None]  # type k (row) as j
    return float(max(mimic.max(), (floor - U).max(), (-q).max(), (q - 1).max(), 0.0))


def _checked(
    types: object, value_bob: object, floor: object, floor_key: str, ic: object
) -> tuple[DiscreteTypes, float, np.ndarray]:
    """The discretised program's inputs, validated: types, Bob's value, Alice's floor per type."""
    if not isinstance(types, DiscreteTypes):
        raise InvalidParameterError("types", types, "a DiscreteTypes (values and weights; see discretise)")
    v = inputs.number(value_bob, "value_bob", low=0.0)
    if ic not in ("adjacent", "all"):
        raise InvalidParameterError("ic", ic, "'adjacent' or 'all'")
    n = types.values.size
    if isinstance(floor, (str, bytes, bool, np.bool_)) or floor is None:
        raise InvalidParameterError(floor_key, floor, f"a number or {n} numbers (one per type)")
    try:
        array = np.broadcast_to(np.asarray(floor, dtype=float), types.values.shape)
    except (TypeError, ValueError):
        raise InvalidParameterError(floor_key, floor, f"a number or {n} numbers (one per type)") from None
    if not np.isfinite(array).all():
        raise InvalidParameterError(floor_key, array.tolist(), "finite numbers")
    return types, v, array


def bob_best_mechanism(
    types: DiscreteTypes,
    value_bob: float,
    alice_floor: ArrayLike,
    *,
    ic: Literal["adjacent", "all"] = "adjacent",
) -> MechanismLPResult:
    """Bob's best incentive-compatible mechanism subject to U_k >= ``alice_floor[k]``.

    Parameters
    ----------
    types
        Alice's types u_1 < ... < u_n and their probabilities w_k (:func:`discretise` builds them).
    value_bob
        Bob's value v.
    alice_floor
        φ(u_k), the payoff each type of Alice must get (one per type).
    ic
        ``"adjacent"`` (local IC constraints, enough with increasing types) or ``"all"`` (every pair).

    Returns
    -------
    MechanismLPResult
        The optimal allocation q_k, Alice's payoffs U_k, Bob's payoff Π and the largest
        constraint violation.

    Examples
    --------
    >>> types = DiscreteTypes(np.array([0.0, 0.5, 1.0]), np.full(3, 1 / 3))
    >>> round(bob_best_mechanism(types, 0.0, np.zeros(3)).bob_payoff, 9)   # price 0.5 sells w.p. 2/3
    0.333333333
    """
    types, v, floor = _checked(types, value_bob, alice_floor, "alice_floor", ic)
    u, w = types.values, types.weights
    scale = max(float(np.abs(u).max()), abs(v), 1e-300)
    objective = np.concatenate([w * (u - v) / scale, -w])  # Π / scale over columns [q, U / scale]
    return _solve(types, v, floor, objective, v / scale, None, ic)


def pareto_improvement(
    types: DiscreteTypes,
    value_bob: float,
    alice_payoffs: ArrayLike,
    bob_payoff: float,
    *,
    ic: Literal["adjacent", "all"] = "adjacent",
) -> MechanismLPResult:
    """The largest Σ_k w_k (U_k - alice_payoffs_k) + (Π - bob_payoff) over IC mechanisms with
    U_k >= alice_payoffs_k and Π >= bob_payoff. Zero (to solver tolerance) means no type of
    Alice and not Bob can gain without someone losing: the payoffs are incentive-efficient.

    Parameters
    ----------
    types
        Alice's types u_1 < ... < u_n and their probabilities w_k (:func:`discretise` builds them).
    value_bob
        Bob's value v.
    alice_payoffs
        The payoffs U_k of Alice's types to improve on (one per type).
    bob_payoff
        Bob's payoff Π to improve on.
    ic
        ``"adjacent"`` (local IC constraints, enough with increasing types) or ``"all"`` (every pair).

    Returns
    -------
    MechanismLPResult
        The mechanism attaining the largest total gain (``objective``).

    Examples
    --------
    Bob's best mechanism (a posted price) is incentive-efficient; giving everyone 0 is not:

    >>> types = DiscreteTypes(np.array([0.0, 0.5, 1.0]), np.full(3, 1 / 3))
    >>> best = bob_best_mechanism(types, 0.0, np.zeros(3))
    >>> round(pareto_improvement(types, 0.0, best.alice_payoffs, best.bob_payoff).objective, 9)
    0.0
    >>> round(pareto_improvement(types, 0.0, np.zeros(3), 0.0).objective, 9)
    0.5
    """
    types, v, floor = _checked(types, value_bob, alice_payoffs, "alice_payoffs", ic)
    bob_payoff = inputs.number(bob_payoff, "bob_payoff")
    u, w = types.values, types.weights
    scale = max(float(np.abs(u).max()), abs(v), 1e-300)
    # Σ w (U - floor) + Π - bob_payoff = Σ w q (u - v) + v - Σ w floor - bob_payoff (the U terms cancel)
    objective = np.concatenate([w * (u - v) / scale, np.zeros(u.size)])
    constant = (v - float(w @ floor) - bob_payoff) / scale
    return _solve(types, v, floor, objective, constant, bob_payoff, ic)
