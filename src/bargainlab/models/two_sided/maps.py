"""E and Gap at many parameter points at once (belief maps, sweeps, benchmarks).

:func:`gap_on_points` takes arrays of parameters — values, priors and β per point — and
:func:`gap_on_priors` the common case of one environment's values and β with many priors. Two
paths, which the tests show equal the one-point-at-a-time :func:`~bargainlab.models.two_sided.gap`
(and hence the LP) on random points:

* **closed form** (binary types): Propositions 1–2 evaluated elementwise on whole arrays, values
  included, with no Python loop per point (:func:`~bargainlab.models.two_sided.closed_form.floor_and_gap`);
* **LP** (any numbers of types): program (4.1) at every point with **one** reused HiGHS model
  (:class:`~bargainlab.core.lp_solver.HighsModel`: presolve off, one thread). The sparsity pattern of the
  interim LP depends only on the numbers of types, so each point changes the prior- and
  value-dependent matrix entries (in bulk), the floors (column bounds) and the objective in
  place. After each HiGHS solve, the following points are tried in windows at its optimal basis
  (:meth:`~bargainlab.core.lp_solver.HighsModel.basis_solutions`): a point's basic solution is
  accepted when it is primal and dual feasible (an optimality certificate); HiGHS solves the
  first point that fails, warm-started from that basis. Points are solved in the order
  given: callers that sweep a grid pass it in boustrophedon ("snake") order, so that consecutive
  points are neighbours and the previous basis is usually still optimal. A point whose solve
  fails even after :class:`HighsModel`'s cold retries is solved again from a fresh model with the
  floors relaxed by each of ``FLOOR_SLACKS`` in turn, exactly as :func:`~bargainlab.models.two_sided.gap` does.

Everything is computed in the theory's labels (player 1 has the lower low value, per point) and
in normalised units (values divided by the largest value), and reported in the user's labels
and units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal, cast

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core import inputs
from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.core.numbers import clean_zero, nonnegative
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError, SolverError
from bargainlab.models.two_sided import closed_form
from bargainlab.models.two_sided.outcome import (
    AT_DELTA,
    COMPUTATION,
    DELTA_TO_1_LIMIT,
    HoldsAt,
    relaxed_floors,
    warn_relaxed_floors,
)
from bargainlab.models.two_sided.theory import (
    TheoryGroup,
    check_environment,
    check_value_ranges,
    theory_groups,
    theory_swap,
)
from bargainlab.tolerances import FLOOR_SLACKS, GAP_NEGATIVE_TOL, PRIOR_SUM_TOL, ZERO_TOL

__all__ = ["GapArrays", "gap_on_points", "gap_on_priors", "prior_grid"]

Method = Literal["auto", "lp", "closed_form"]

#: Smallest and largest number of points tried at once at the last optimal basis (LP path).
BASIS_WINDOW_MIN = 4
BASIS_WINDOW_MAX = 256

#: Points per block of the elementwise closed form (the working set stays in the CPU cache).
CLOSED_FORM_BLOCK = 16_384
METHODS = ("auto", "lp", "closed_form")


@dataclass(frozen=True, repr=False)
class GapArrays(HoldsAt, Result):
    """E and Gap at many points (user's labels and units); :meth:`to_frame` gives one row per point.

    Attributes
    ----------
    ex_ante_payoff, gap
        E(p, β) and Gap(p, β) per point.
    gap_player
        The player (user's labels) who gets the gap, per point; where the lowest values tie
        (l_1 = l_2: the theory does not choose) the player of
        :attr:`~bargainlab.core.environment.TwoSidedEnvironment.theory_player`'s tie-break rule.
    method
        ``"closed_form"`` or ``"lp"``.
    lp_solves
        Number of LPs solved (0 for the closed form).
    basis_reuses
        How many of them were certified optimal at the previous point's optimal basis without
        running HiGHS (:meth:`~bargainlab.core.lp_solver.HighsModel.solve` with ``reuse_basis``).
    floor
        p_1 · β_1 M_1(·; p_2), the gap player's ex ante random monopoly payoff, per point.
    floors1, floors2
        Each player's random monopoly floors β_i M_i(t_i; p_-i) per point and type, shape
        (points, n_i) (user's labels).
    values1, values2, priors1, priors2, bargaining_power
        The inputs as validated (per point, or one row shared by all points); the ``parameters``.
    floor_slack
        The largest slack by which the floors were relaxed at some point (0: exact floors
        everywhere; else with a :class:`~bargainlab.models.two_sided.outcome.RelaxedFloorsWarning`).
    max_violation
        LP path: the largest violation of the program's constraints (rows, bounds and the exact
        floors) over the solutions of all points, in normalised units; ``None`` for the closed form.
    discount
        δ of the environment the points came from (:func:`gap_on_priors`), or ``None`` (not given:
        :func:`gap_on_points` has no δ). E, Gap and the gap player are Theorem 3's δ → 1 limits
        whatever δ is; at δ < 1 ``holds_at`` says so and that the floors hold at δ.

    Numbers within ``ZERO_TOL`` (normalised) of 0 are reported as 0; Gap is never negative
    (``GAP_NEGATIVE_TOL``, else :class:`~bargainlab.errors.SolverError`).
    """

    model: ClassVar[str] = "two-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = (
        "values1",
        "values2",
        "priors1",
        "priors2",
        "bargaining_power",
        "discount",
    )
    summary_fields: ClassVar[tuple[str, ...]] = ("method", "points", "lp_solves", "basis_reuses")
    extra_fields: ClassVar[tuple[str, ...]] = ("points", "holds_at")
    #: What each entry is at δ < 1 (``holds_at``, when ``discount`` < 1).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "ex_ante_payoff": DELTA_TO_1_LIMIT,
        "gap": DELTA_TO_1_LIMIT,
        "gap_player": DELTA_TO_1_LIMIT,
        "floor": AT_DELTA,
        "floors1": AT_DELTA,
        "floors2": AT_DELTA,
        "lp_solves": COMPUTATION,
        "basis_reuses": COMPUTATION,
        "max_violation": COMPUTATION,
        "floor_slack": COMPUTATION,
        "points": COMPUTATION,
    }

    ex_ante_payoff: np.ndarray
    gap: np.ndarray
    gap_player: np.ndarray
    method: str
    lp_solves: int = 0
    basis_reuses: int = 0
    floor: np.ndarray | None = None
    floors1: np.ndarray | None = None
    floors2: np.ndarray | None = None
    values1: np.ndarray | None = None
    values2: np.ndarray | None = None
    priors1: np.ndarray | None = None
    priors2: np.ndarray | None = None
    bargaining_power: np.ndarray | None = None
    max_violation: float | None = None
    floor_slack: float = 0.0
    discount: float | None = None

    @property
    def points(self) -> int:
        """Number of points."""
        return len(self.gap)

    @property
    def finite_delta(self) -> bool:
        """Whether the points came from an environment at δ < 1 (``discount``)."""
        return self.discount is not None and self.discount < 1

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs under their Python names (arrays: per point, or one row shared by all)."""
        return {
            "values1": self.values1,
            "values2": self.values2,
            "priors1": self.priors1,
            "priors2": self.priors2,
            "bargaining_power": self.bargaining_power,
            **({} if self.discount is None else {"discount": self.discount}),
        }

    def _frame_columns(self) -> Mapping[str, Any]:
        """One row per point: inputs (one column per type), β, E, Gap, the gap player and floors."""
        count = self.points
        out: dict[str, Any] = {}
        for name, array in (
            ("values1", self.values1),
            ("values2", self.values2),
            ("prior1", self.priors1),
            ("prior2", self.priors2),
        ):
            if array is not None:
                rows = np.broadcast_to(array, (count, array.shape[1]))
                out.update({f"{name}_{k}": rows[:, k] for k in range(array.shape[1])})
        if self.bargaining_power is not None:
            out["bargaining_power"] = np.broadcast_to(self.bargaining_power, (count,))
        out.update(ex_ante_payoff=self.ex_ante_payoff, gap=self.gap, gap_player=self.gap_player)
        if self.floor is not None:
            out["floor"] = self.floor
        for name, floors in (("floor1", self.floors1), ("floor2", self.floors2)):
            if floors is not None:
                out.update({f"{name}_{k}": floors[:, k] for k in range(floors.shape[1])})
        return out


def prior_grid(points: ArrayLike) -> np.ndarray:
    """Binary priors (1 - p, p) for an array of high-type probabilities p, shape (..., 2).

    Parameters
    ----------
    points
        High-type probabilities p in [0, 1] (a number or an array).

    Returns
    -------
    numpy.ndarray
        The priors (1 - p, p), with a last axis of length 2 appended to the shape of ``points``.

    Examples
    --------
    >>> prior_grid([0.0, 0.25, 1.0]).tolist()
    [[1.0, 0.0], [0.75, 0.25], [0.0, 1.0]]
    """
    p = inputs.probability_grid(points, "points")
    return np.stack([1.0 - p, p], axis=-1)


# ---------------------------------------------------------------------------- validation
def _points_array(name: str, raw: ArrayLike, count: int | None, n: int | None, check_finite: bool = True) -> np.ndarray:
    """``raw`` as a float array of shape (points, n) (a single row is broadcast)."""
    array = _float_array(name, raw)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or (n is not None and array.shape[1] != n) or array.shape[1] == 0:
        allowed = f"an array of shape (points, {n if n is not None else 'types'})"
        raise InvalidParameterError(name, f"array of shape {np.shape(raw)}", allowed)
    if count is not None and array.shape[0] not in (1, count):
        raise InvalidParameterError(name, f"{array.shape[0]} points", f"one row or as many rows as points ({count})")
    if check_finite and not np.isfinite(array.sum()):  # one reduction: NaN or ±inf anywhere makes the sum non-finite
        raise InvalidParameterError(name, "an array", "finite numbers", "it contains NaN or infinity")
    return array


def _float_array(name: str, raw: object) -> np.ndarray:
    """``raw`` as a float array, or :class:`InvalidParameterError` naming ``name``."""
    allowed = "an array of numbers (rows of equal length; no booleans or strings)"
    try:
        array = np.asarray(raw)
    except (TypeError, ValueError):  # ragged rows
        raise InvalidParameterError(name, raw, allowed) from None
    if array.dtype.kind not in "fiu":  # booleans, strings, objects (None, dicts, ragged lists)
        raise InvalidParameterError(name, raw, allowed)
    return array.astype(float, copy=False)


def _check_values(name: str, values: np.ndarray) -> None:
    if np.any(values < 0):
        raise InvalidParameterError(name, "an array", "non-negative values", "some value is negative")
    if np.any(np.diff(values, axis=1) <= 0):
        row = int(np.flatnonzero(np.any(np.diff(values, axis=1) <= 0, axis=1))[0])
        raise InvalidParameterError(
            name, values[row].tolist(), "strictly increasing values in every row", f"row {row} is not"
        )


def _check_priors(name: str, priors: np.ndarray) -> None:
    """Rows of probabilities summing to one (NaN and infinity fail the comparisons too).

    Checked in cache-sized blocks, column by column (NumPy's sum over a short axis is slow).
    """
    for start in range(0, len(priors), CLOSED_FORM_BLOCK):
        block = priors[start : start + CLOSED_FORM_BLOCK]
        total = block[:, 0].copy()
        for column in range(1, block.shape[1]):
            total += block[:, column]
        inside = block.min() >= 0 and block.max() <= 1
        if not (inside and total.min() >= 1 - PRIOR_SUM_TOL and total.max() <= 1 + PRIOR_SUM_TOL):
            detail = "" if np.all(np.isfinite(priors)) else "it contains NaN or infinity"
            raise InvalidParameterError(name, "an array", "rows of probabilities in [0, 1] summing to 1", detail)


def _check_powers(raw: ArrayLike, count: int) -> np.ndarray:
    """β as an array of one value per point, or of one value shared by all points."""
    beta = _float_array("bargaining_power", raw)
    if beta.ndim > 1 or beta.size not in (1, count):
        raise InvalidParameterError(
            "bargaining_power",
            f"array of shape {beta.shape}",
            "a number or one per point",
            label="bargaining_power (β)",
        )
    return inputs.probability_grid(beta, "bargaining_power", label="bargaining_power (β)").reshape(-1)


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise InvalidParameterError("method", method, "one of 'auto', 'lp', 'closed_form'")


# ---------------------------------------------------------------------------- public API
def gap_on_priors(
    env: TwoSidedEnvironment, priors1: ArrayLike, priors2: ArrayLike, method: Method = "auto"
) -> GapArrays:
    """E(p, β) and Gap(p, β) at each pair of priors, with ``env``'s values and β.

    Parameters
    ----------
    env
        Supplies the values and β (its own priors are ignored; δ does not change the δ → 1
        limit).
    priors1, priors2
        Arrays of shape (points, n1) and (points, n2); :func:`prior_grid` builds binary ones.
    method
        ``"closed_form"`` (binary types), ``"lp"``, or ``"auto"`` (closed form when binary).

    Returns
    -------
    GapArrays
        With ``env``'s δ as ``discount``: at δ < 1 its ``holds_at`` labels E, Gap and the gap
        player δ → 1 limits and the floors as holding at δ.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
    >>> p = prior_grid([0.25, 0.5])
    >>> lp, cf = gap_on_priors(env, p, p, "lp"), gap_on_priors(env, p, p, "closed_form")
    >>> np.round(lp.gap, 6).tolist(), bool(np.allclose(lp.gap, cf.gap, atol=1e-9))
    ([0.015625, 0.0625], True)
    """
    _check_method(method)
    check_environment(env)
    P1 = np.atleast_2d(_float_array("priors1", priors1))
    P2 = np.atleast_2d(_float_array("priors2", priors2))
    for name, priors, n in (("priors1", P1, env.player1.size), ("priors2", P2, env.player2.size)):
        if priors.ndim != 2 or priors.shape[1] != n:
            raise InvalidParameterError(name, f"array of shape {priors.shape}", f"an array of shape (points, {n})")
    if P1.shape[0] != P2.shape[0]:
        raise InvalidParameterError("priors2", f"{P2.shape[0]} points", f"as many points as priors1 ({P1.shape[0]})")
    result = gap_on_points(
        env.player1.value_array, env.player2.value_array, P1, P2, env.bargaining_power, method=method
    )
    return replace(result, discount=env.discount)


def gap_on_points(
    values1: ArrayLike,
    values2: ArrayLike,
    priors1: ArrayLike,
    priors2: ArrayLike,
    bargaining_power: ArrayLike,
    method: Method = "auto",
    *,
    floors: bool = False,
) -> GapArrays:
    """E(p, β), Gap(p, β) and the floors at many points, every parameter possibly varying.

    Parameters
    ----------
    values1, values2
        Each player's values, shape (points, n_i), or (n_i,) for values shared by all points.
    priors1, priors2
        Each player's prior, shape (points, n_i) (one row is broadcast).
    bargaining_power
        β per point (shape (points,)) or one number.
    method
        ``"closed_form"`` (Propositions 1–2; binary types), ``"lp"`` (program (4.1)), or
        ``"auto"`` (closed form when both players have two types).
    floors
        Also return every type's random monopoly floor (``floors1``, ``floors2``).

    Returns
    -------
    GapArrays
        With ``floor`` (and, if asked, ``floors1`` and ``floors2``) filled in.

    Examples
    --------
    >>> out = gap_on_points([0, 0.5], [[0.5, 1], [0.6, 1]], [0.5, 0.5], [0.5, 0.5], 0.5)
    >>> np.round(out.gap, 6).tolist(), out.gap_player.tolist()
    ([0.0625, 0.0375], [1, 1])
    """
    _check_method(method)
    V1, V2, P1, P2, beta = _validated_points(values1, values2, priors1, priors2, bargaining_power)
    count = len(beta)
    binary = V1.shape[1] == 2 and V2.shape[1] == 2
    if method == "closed_form" and not binary:
        raise InvalidParameterError("method", method, "'lp' or 'auto' here", "the closed forms need two types each")
    use_lp = method == "lp" or not binary

    swap = theory_swap(V1, V2, P1, P2, count)
    gap, floor, e_values = np.empty(count), np.empty(count), np.empty(count)
    floors1 = np.empty((count, V1.shape[1])) if floors or use_lp else None
    floors2 = np.empty((count, V2.shape[1])) if floors or use_lp else None
    solves = reused = 0
    violation = slack = 0.0
    for group in theory_groups(V1, V2, P1, P2, beta, swap):
        rows = group.rows
        if use_lp or floors:
            f1, f2 = _type_floors(group)
            unit = np.asarray(group.unit)
            per_type_unit = unit[:, None] if unit.ndim else unit
            assert floors1 is not None and floors2 is not None
            floors1[rows], floors2[rows] = (per_type_unit * f for f in ((f2, f1) if group.swapped else (f1, f2)))
        if use_lp:
            N1, N2, TP1, TP2 = (
                np.broadcast_to(a, (group.count, a.shape[1]))
                for a in (group.values1, group.values2, group.priors1, group.priors2)
            )
            floor[rows] = group.unit * np.einsum("ij,ij->i", TP1, f1)
            e_norm, count_reused, group_violation, group_slack = _lp_path(N1, N2, group.x, TP1, TP2, f1, f2)
            slack = max(slack, group_slack)
            unit = np.broadcast_to(group.unit, (group.count,))
            gap_norm = nonnegative(e_norm - floor[rows] / unit, GAP_NEGATIVE_TOL, "Gap (eq. 4.2, normalised units)")
            e_values[rows] = clean_zero(unit * e_norm, ZERO_TOL * unit)
            gap[rows] = clean_zero(unit * gap_norm, ZERO_TOL * unit)
            reused += count_reused
            violation = max(violation, group_violation)
            solves += group.count
        else:
            _closed_form_group(group, floor, gap, e_values)
    if not use_lp:  # f_1 f_2 Δ >= 0: only -0.0 or NaN (a defect) could fail
        if not np.isfinite(gap).all():
            raise SolverError("the closed form gave a non-finite Gap at some point")
        np.maximum(gap, 0.0, out=gap)
    if slack > 0:
        warn_relaxed_floors(slack)
    return GapArrays(
        ex_ante_payoff=e_values,
        gap=gap,
        gap_player=np.where(swap, 2, 1),
        method="lp" if use_lp else "closed_form",
        lp_solves=solves,
        basis_reuses=reused,
        floor=floor,
        floors1=floors1 if floors else None,
        floors2=floors2 if floors else None,
        values1=V1,
        values2=V2,
        priors1=P1,
        priors2=P2,
        bargaining_power=beta,
        max_violation=violation if use_lp else None,
        floor_slack=slack,
    )


def _validated_points(values1, values2, priors1, priors2, bargaining_power):
    """Every per-point parameter as a checked array (values and priors (points or 1, n_i), β (points,))."""
    names = ("values1", "values2", "priors1", "priors2")
    values1, values2, priors1, priors2 = (
        _float_array(name, a) for name, a in zip(names, (values1, values2, priors1, priors2))
    )
    bargaining_power = _float_array("bargaining_power", bargaining_power)
    shapes = [a.shape for a in (values1, values2, priors1, priors2)]
    count = max([s[0] for s in shapes if len(s) == 2] + [bargaining_power.size, 1])
    V1 = _points_array("values1", values1, count, None)
    V2 = _points_array("values2", values2, count, None)
    # priors: _check_priors's range checks reject NaN and infinity too
    P1 = _points_array("priors1", priors1, count, V1.shape[1], check_finite=False)
    P2 = _points_array("priors2", priors2, count, V2.shape[1], check_finite=False)
    _check_values("values1", V1)
    _check_values("values2", V2)
    check_value_ranges(V1, V2)
    _check_priors("priors1", P1)
    _check_priors("priors2", P2)
    beta = np.broadcast_to(_check_powers(bargaining_power, count), (count,))
    return V1, V2, P1, P2, beta


def _type_floors(group: TheoryGroup) -> tuple[np.ndarray, np.ndarray]:
    """β_i M_i(t_i; p_-i) per point and type (theory labels, normalised units), shape (points, n_i)."""
    N1, N2, TP1, TP2, x = group.values1, group.values2, group.priors1, group.priors2, group.x
    f1 = x[:, None] * monopoly_payoff(N1, N2[:, None, :], TP2[:, None, :])
    f2 = (1.0 - x)[:, None] * monopoly_payoff(N2, N1[:, None, :], TP1[:, None, :])
    return np.broadcast_to(f1, (group.count, f1.shape[1])), np.broadcast_to(f2, (group.count, f2.shape[1]))


def _closed_form_group(group: TheoryGroup, floor: np.ndarray, gap: np.ndarray, e_values: np.ndarray) -> None:
    """Propositions 1–2 for one group of binary points, written into the output arrays."""
    N1, N2 = group.values1, group.values2
    l1, h1, l2, h2 = (_scalar_or_column(N, j) for N, j in ((N1, 0), (N1, 1), (N2, 0), (N2, 1)))
    p1, p2 = group.priors1[:, 1], group.priors2[:, 1]
    if isinstance(group.rows, slice):  # all points: the blocks write the results in place
        _closed_form_blocks(l1, h1, l2, h2, p1, p2, group.x, group.unit, floor, gap, e_values)
    else:
        parts = [np.empty(group.count) for _ in range(3)]
        _closed_form_blocks(l1, h1, l2, h2, p1, p2, group.x, group.unit, *parts)
        floor[group.rows], gap[group.rows], e_values[group.rows] = parts


def _scalar_or_column(array: np.ndarray, column: int) -> float | np.ndarray:
    """Column ``column`` of a per-point array, as a number when all points share one row."""
    return np.float64(array[0, column]) if len(array) == 1 else array[:, column]


# ---------------------------------------------------------------------------- the LP path
def _lp_path(
    V1: np.ndarray,
    V2: np.ndarray,
    x: np.ndarray,
    P1: np.ndarray,
    P2: np.ndarray,
    floors1: np.ndarray,
    floors2: np.ndarray,
) -> tuple[np.ndarray, int, float, float]:
    """E in normalised units at each point (theory labels) by one warm-started HiGHS model, how
    many points were certified at the previous optimal basis without running HiGHS, the
    largest constraint violation (rows, bounds, exact floors) over all points' solutions, and the
    largest slack by which some point's floors were relaxed (0 if none).

    After each HiGHS solve, the next points are tried in windows at its optimal basis
    (:meth:`HighsModel.basis_solutions`); the leading run of certified points is accepted, and
    HiGHS solves the first point that fails. The window doubles while whole windows pass and
    shrinks when they do not.
    """
    count = len(P1)
    lp = InterimLP(V1[0], V2[0])  # the structure; values enter the per-point coefficients
    coefficients = lp.prior_coefficients(P1, P2, values1=V1, values2=V2)
    u_cols = np.concatenate([lp.u1_cols, lp.u2_cols])
    col_lower, col_upper = lp.col_bounds(floors1[0], floors2[0])
    lower = np.repeat(col_lower[None, :], count, axis=0)
    lower[:, u_cols] = np.concatenate([floors1, floors2], axis=1)
    costs = np.zeros((count, lp.num_cols))
    costs[:, lp.u1_cols] = P1
    out = np.empty(count)
    reused, window, k = 0, BASIS_WINDOW_MIN, 0
    worst = slack = 0.0
    model: HighsModel | None = None
    while k < count:
        if model is None:
            program = _program(lp, V1[k], V2[k], P1[k], P2[k], costs[k], floors1[k], floors2[k], 0.0)
            model = HighsModel(program)
            # every window's matrices: this point's, the prior coefficients overwritten per window
            windows = np.repeat(model.dense_matrix()[None], min(BASIS_WINDOW_MAX, count), axis=0)
        else:
            model.set_coefficients(lp.prior_rows, lp.prior_cols, coefficients[k])
            model.set_col_bounds(lower[k, u_cols], col_upper[u_cols], columns=cast(Any, u_cols))
            model.set_objective(costs[k])
        try:
            solution = model.solve()
            out[k] = solution.objective
            worst = max(worst, model.violation(solution.x))  # the model has point k's exact floors
        except SolverError:  # degenerate point: exact floors pin a single point (see FLOOR_SLACKS)
            out[k], point_violation, point_slack = _relaxed_solve(
                lp, V1[k], V2[k], P1[k], P2[k], costs[k], floors1[k], floors2[k]
            )
            worst, slack = max(worst, point_violation), max(slack, point_slack)
            model = None  # the next point starts from a fresh model
            k += 1
            continue
        k += 1
        while k < count:  # the following points, at this optimal basis
            stop = min(k + window, count)
            matrices = windows[: stop - k]
            matrices[:, lp.prior_rows, lp.prior_cols] = coefficients[k:stop]
            accepted, x, objective = model.basis_solutions(matrices, lower[k:stop], col_upper, costs[k:stop])
            run = len(accepted) if accepted.all() else int(np.argmin(accepted))
            out[k : k + run] = objective[:run]
            if run:
                worst = max(worst, _batch_violation(program, matrices[:run], x[:run], lower[k : k + run], col_upper))
            reused += run
            k += run
            if run < stop - (k - run):
                window = max(BASIS_WINDOW_MIN, window // 2)
                break
            window = min(BASIS_WINDOW_MAX, 2 * window)
    return out, reused, worst, slack


def _batch_violation(program: Any, matrices: np.ndarray, x: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Largest violation of the rows (bounds shared, matrices per point) and column bounds at
    the points' solutions ``x`` (shape (points, columns))."""
    activity = np.einsum("prc,pc->pr", matrices, x)
    return float(
        max(
            np.max(program.row_lower - activity, initial=0.0),
            np.max(activity - program.row_upper, initial=0.0),
            np.max(lower - x, initial=0.0),
            np.max(x - upper, initial=0.0),
        )
    )


def _relaxed_solve(
    lp: InterimLP,
    v1: np.ndarray,
    v2: np.ndarray,
    p1: np.ndarray,
    p2: np.ndarray,
    cost: np.ndarray,
    floors1: np.ndarray,
    floors2: np.ndarray,
) -> tuple[float, float, float]:
    """E at one degenerate point with the floors relaxed by FLOOR_SLACKS in turn (fresh models),
    the largest violation of the exact program (exact floors) at the solution, and the slack used."""
    solution, slack = relaxed_floors(
        lambda slack: HighsModel(_program(lp, v1, v2, p1, p2, cost, floors1, floors2, slack)).solve(),
        FLOOR_SLACKS,
    )
    exact = _program(lp, v1, v2, p1, p2, cost, floors1, floors2, 0.0)
    violation = _batch_violation(
        exact, exact.matrix.toarray()[None], solution.x[None], exact.col_lower[None], exact.col_upper
    )
    return solution.objective, violation, slack


def _program(lp: InterimLP, v1, v2, p1, p2, objective, floors1, floors2, slack: float):
    """The program (4.1) of one point with floors relaxed by ``slack``."""
    point = InterimLP(v1, v2) if not (np.array_equal(v1, lp.values1) and np.array_equal(v2, lp.values2)) else lp
    return point.program(p1, p2, objective, floors1 - slack, floors2 - slack)


# ---------------------------------------------------------------------------- the closed form
def _closed_form_blocks(l1, h1, l2, h2, p1, p2, x, unit, floor: np.ndarray, gap: np.ndarray, e: np.ndarray) -> None:
    """:func:`~bargainlab.models.two_sided.closed_form.floor_and_gap` in cache-sized blocks of
    ``CLOSED_FORM_BLOCK`` points, scaled by ``unit`` and written into ``floor``, ``gap`` and ``e`` (E = floor + Gap).

    The formulas take a few dozen elementwise operations; on blocks that stay in the CPU cache
    they run several times faster than on arrays of millions of points.
    """
    count = len(floor)
    arguments = [_shared_number(np.broadcast_to(a, (count,))) for a in (l1, h1, l2, h2, p1, p2, x, unit)]
    for start in range(0, count, CLOSED_FORM_BLOCK):
        block = slice(start, start + CLOSED_FORM_BLOCK)
        *block_inputs, scale = (a if np.ndim(a) == 0 else np.ascontiguousarray(cast(Any, a)[block]) for a in arguments)
        floor_block, gap_block = closed_form.floor_and_gap(*block_inputs)
        np.multiply(floor_block, scale, out=floor[block])
        np.multiply(gap_block, scale, out=gap[block])
        np.add(floor[block], gap[block], out=e[block])


def _shared_number(value: ArrayLike) -> float | np.ndarray:
    """A number shared by all points as a NumPy scalar (its cases are then decided once)."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return np.float64(array)
    if array.ndim == 1 and array.strides == (0,):  # broadcast from one number
        return np.float64(array[0])
    return array
