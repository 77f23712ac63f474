"""E and Gap at many belief points at once (belief maps, sweeps, benchmarks).

Two paths, which tests show agree:

* ``method="closed_form"`` evaluates Propositions 1–2 on whole arrays (binary types only);
* ``method="lp"`` solves (4.1) at every point with **one** reused HiGHS model: the sparsity
  pattern of the interim LP does not depend on the priors, so each point only changes matrix
  coefficients, the floors (column bounds) and the objective in place, and HiGHS warm-starts
  from the previous point's basis. Points are visited in the order given, so grid order is
  warm-start order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.errors import InvalidParameterError, SolverError
from bargainlab.models.two_sided import closed_form
from bargainlab.tolerances import FLOOR_SLACK

__all__ = ["GapArrays", "gap_on_priors", "prior_grid"]


@dataclass(frozen=True)
class GapArrays:
    """E and Gap at many points (user's units).

    Attributes
    ----------
    ex_ante_payoff, gap
        E(p, β) and Gap(p, β) per point.
    gap_player
        The player (user's labels) who gets the gap, per point.
    method
        ``"closed_form"`` or ``"lp"``.
    lp_solves
        Number of LPs solved (0 for the closed form).
    """

    ex_ante_payoff: np.ndarray
    gap: np.ndarray
    gap_player: np.ndarray
    method: str
    lp_solves: int = 0


def prior_grid(points: ArrayLike) -> np.ndarray:
    """Binary priors (1 - p, p) for an array of high-type probabilities p, shape (..., 2)."""
    p = np.asarray(points, dtype=float)
    return np.stack([1.0 - p, p], axis=-1)


def _validated(env: TwoSidedEnvironment, priors1: np.ndarray, priors2: np.ndarray) -> None:
    for name, priors, n in (("priors1", priors1, env.player1.size), ("priors2", priors2, env.player2.size)):
        if priors.ndim != 2 or priors.shape[1] != n:
            raise InvalidParameterError(name, f"array of shape {priors.shape}", f"an array of shape (points, {n})")
        if not np.all(np.isfinite(priors)) or np.any(priors < 0) or np.any(np.abs(priors.sum(axis=1) - 1) > 1e-9):
            raise InvalidParameterError(name, "an array", "rows of probabilities in [0, 1] summing to 1")
    if priors1.shape[0] != priors2.shape[0]:
        raise InvalidParameterError(
            "priors2", f"{priors2.shape[0]} points", f"as many points as priors1 ({priors1.shape[0]})"
        )


def gap_on_priors(
    env: TwoSidedEnvironment,
    priors1: ArrayLike,
    priors2: ArrayLike,
    method: Literal["auto", "lp", "closed_form"] = "auto",
) -> GapArrays:
    """E(p, β) and Gap(p, β) at each pair of priors, with ``env``'s values and β.

    Parameters
    ----------
    env
        Supplies the values, β and δ (its own priors are ignored).
    priors1, priors2
        Arrays of shape (points, n1) and (points, n2); :func:`prior_grid` builds binary ones.
    method
        ``"closed_form"`` (binary types), ``"lp"``, or ``"auto"`` (closed form when binary).

    Returns
    -------
    GapArrays

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
    >>> p = prior_grid([0.25, 0.5])
    >>> lp, cf = gap_on_priors(env, p, p, "lp"), gap_on_priors(env, p, p, "closed_form")
    >>> np.round(lp.gap, 6).tolist(), bool(np.allclose(lp.gap, cf.gap, atol=1e-9))
    ([0.015625, 0.0625], True)
    """
    if method not in ("auto", "lp", "closed_form"):
        raise InvalidParameterError("method", method, "one of 'auto', 'lp', 'closed_form'")
    P1 = np.atleast_2d(np.asarray(priors1, dtype=float))
    P2 = np.atleast_2d(np.asarray(priors2, dtype=float))
    _validated(env, P1, P2)
    if method == "closed_form" and not env.is_binary:
        raise InvalidParameterError("method", method, "'lp' or 'auto' here", "the closed forms need two types each")
    swap = _theory_swap(env, P1, P2)
    e_values = np.empty(len(P1))
    floors = np.empty(len(P1))
    solves = 0
    for flag in (False, True):
        rows = np.flatnonzero(swap == flag)
        if len(rows) == 0:
            continue
        theory = env.swapped() if flag else env
        TP1, TP2 = (P2[rows], P1[rows]) if flag else (P1[rows], P2[rows])  # priors in theory labels
        unit = theory.unit
        v1, v2 = theory.player1.value_array / unit, theory.player2.value_array / unit
        x = theory.bargaining_power
        floor1 = x * monopoly_payoff(v1[None, :], v2, TP2[:, None, :])
        floors[rows] = unit * np.einsum("ij,ij->i", TP1, floor1)
        if method == "lp" or not env.is_binary:
            e_norm, count = _lp_path(v1, v2, x, TP1, TP2)
            solves += count
        else:
            values = closed_form.BinaryValues(v1[0], v1[1], v2[0], v2[1])
            e_norm = closed_form.ex_ante_payoff(values, TP1[:, 1], TP2[:, 1], x)
        e_values[rows] = unit * e_norm
    return GapArrays(
        ex_ante_payoff=e_values,
        gap=e_values - floors,
        gap_player=np.where(swap, 2, 1),
        method="lp" if (method == "lp" or not env.is_binary) else "closed_form",
        lp_solves=solves,
    )


def _theory_swap(env: TwoSidedEnvironment, P1: np.ndarray, P2: np.ndarray) -> np.ndarray:
    """Per point: does the theory's player 1 correspond to the user's player 2?"""
    v1, v2 = env.player1.values, env.player2.values
    if v1 != v2:
        return np.full(len(P1), v2 < v1)
    # identical values: the priors break the tie (lexicographically), as in theory_player
    swap = np.zeros(len(P1), dtype=bool)
    for k in range(len(P1)):
        swap[k] = tuple(P2[k]) < tuple(P1[k])
    return swap


def _lp_path(v1: np.ndarray, v2: np.ndarray, x: float, P1: np.ndarray, P2: np.ndarray) -> tuple[np.ndarray, int]:
    """E in normalised units at each point by one warm-started HiGHS model."""
    lp = InterimLP(v1, v2)
    coefficients = lp.prior_coefficients(P1, P2)
    floors1 = x * monopoly_payoff(v1[None, :], v2, P2[:, None, :])
    floors2 = (1 - x) * monopoly_payoff(v2[None, :], v1, P1[:, None, :])
    u_cols = np.concatenate([lp.u1_cols, lp.u2_cols])
    upper = np.full(len(u_cols), np.inf)
    out = np.empty(len(P1))
    model = None
    for k in range(len(P1)):
        objective = lp.payoff_objective(P1[k], None)
        floors = np.concatenate([floors1[k], floors2[k]])
        if model is None:
            model = HighsModel(lp.program(P1[k], P2[k], objective, floors1[k], floors2[k]))
        else:
            model.set_coefficients(lp.prior_rows, lp.prior_cols, coefficients[k])
            model.set_col_bounds(floors, upper, columns=u_cols)
            model.set_objective(objective)
        try:
            out[k] = model.solve().objective
        except SolverError:  # degenerate point: exact floors pin a single point (see FLOOR_SLACK)
            program = lp.program(P1[k], P2[k], objective, floors1[k] - FLOOR_SLACK, floors2[k] - FLOOR_SLACK)
            out[k] = HighsModel(program).solve().objective
            model = None  # the next point starts from a fresh model
    return out, len(P1)
