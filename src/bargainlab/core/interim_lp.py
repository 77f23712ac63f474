"""The interim linear program of two-player allocation problems with finite private types.

Model (DESIGN.md; Pęski 2024, Section 2.2 and Appendix C). Player i has values t_i ∈ T_i with
independent priors p_i. An allocation gives the good to player i with probability q_i(t_1, t_2)
(q_1 + q_2 <= 1, q_i >= 0) and pays interim transfers Y_i(t_i). Type t_i's interim payoff is

    u_i(t_i) = t_i Q_i(t_i) + Y_i(t_i),   Q_i(t_i) = Σ_{t_-i} p_-i(t_-i) q_i(t_i, t_-i).

The program's columns are the allocation and the payoffs, ``x = (q_1, q_2, u_1, u_2)`` with
q_i flattened row-major over profiles (player 1's type first); transfers are eliminated,
Y_i(t_i) = u_i(t_i) - t_i Q_i(t_i). The rows are

* feasibility, one per profile:   q_1(t) + q_2(t) <= 1;
* incentive compatibility, one per player and ordered pair of distinct types (t_i, s_i):
  u_i(t_i) - u_i(s_i) - (t_i - s_i) Q_i(s_i) >= 0, i.e. t_i prefers its own outcome to s_i's;
* ex ante budget:  Σ_i p_i · u_i - Σ_t p(t) Σ_i q_i(t) t_i <= 0, which is Σ_i p_i · Y_i <= 0.
  With independent types any such interim transfers are implementable by ex post transfers
  that balance profile by profile, y_1(t) = Y_1(t_1) - Y_2(t_2) + E[Y_2] (Appendix C uses the
  same ex ante form).

Priors enter only the matrix coefficients (and objectives); floors such as the random monopoly
payoffs of Theorem 2 are lower bounds on the u columns. The sparsity pattern depends only on
the numbers of types, so one solver model can be reused across priors by changing coefficients
in place (:meth:`InterimLP.prior_coefficients` gives exactly the entries that change).

Solve in normalised units (values divided by the largest value) for accuracy: the solver's
absolute tolerances (``LP_FEASIBILITY_TOL``) are meant for numbers of order one. The models
normalise before building the program and rescale the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from bargainlab.core.lp_solver import LinearProgram
from bargainlab.errors import InvalidParameterError

__all__ = ["InterimLP", "InterimSolution"]

#: The constraint family of each array of ``InterimLP._shortfalls`` (the keys of ``violations``).
_FAMILIES = ("bounds", "bounds", "feasibility", "incentive", "incentive", "budget", "floors", "floors")


@dataclass(frozen=True)
class InterimSolution:
    """A point of the interim LP split into its economic parts (all arrays in the LP's units).

    Attributes
    ----------
    allocation1, allocation2
        q_1, q_2 with shape (n1, n2): rows are player 1's types, columns player 2's types.
    payoffs1, payoffs2
        Interim payoffs u_1 (n1,), u_2 (n2,).
    transfers1, transfers2
        Interim transfers Y_i(t_i) = u_i(t_i) - t_i Q_i(t_i).
    """

    allocation1: np.ndarray
    allocation2: np.ndarray
    payoffs1: np.ndarray
    payoffs2: np.ndarray
    transfers1: np.ndarray
    transfers2: np.ndarray


class InterimLP:
    """Rows, columns and objectives of the interim LP for fixed type values.

    Parameters
    ----------
    values1, values2
        Each player's distinct values (the structure depends on these and on the number of
        types; priors are supplied per program).
    aggregate
        Add the interim allocations Q_i(s) as columns (``Q1_cols``, ``Q2_cols``, after the
        payoffs), defined by one equality row each (``Q1_rows``, ``Q2_rows``, after the budget
        row): Q_1(s) - Σ_b p_2(b) q_1(s, b) = 0. Each IC row then reads
        u_i(t) - u_i(s) - (t - s) Q_i(s) >= 0 with three entries instead of n_{-i} + 2, so the
        matrix has O(n²) entries instead of O(n³): the same feasible set in (q, u), an LP that
        HiGHS solves several times faster for many types. The columns and rows of the plain form
        keep their indices. In this form the IC entries depend on the values and the Q rows'
        entries on the priors; both are in ``prior_rows``/``prior_cols``.

    Examples
    --------
    >>> lp = InterimLP([0.0, 0.5], [0.5, 1.0])
    >>> lp.num_cols, lp.num_rows
    (12, 9)
    >>> InterimLP([0.0, 0.5], [0.5, 1.0], aggregate=True).num_cols
    16
    """

    def __init__(self, values1: Sequence[float], values2: Sequence[float], *, aggregate: bool = False) -> None:
        self.aggregate = aggregate
        self.values1 = np.asarray(values1, dtype=float)
        self.values2 = np.asarray(values2, dtype=float)
        n1, n2 = len(self.values1), len(self.values2)
        self.n1, self.n2 = n1, n2
        self._values1_column, self._values2_column = self.values1[:, None], self.values2[:, None]
        self.num_profiles = n1 * n2
        # column layout
        self.q1_cols = np.arange(n1 * n2).reshape(n1, n2)
        self.q2_cols = n1 * n2 + np.arange(n1 * n2).reshape(n1, n2)
        self.u1_cols = 2 * n1 * n2 + np.arange(n1)
        self.u2_cols = 2 * n1 * n2 + n1 + np.arange(n2)
        self.num_cols = 2 * n1 * n2 + n1 + n2
        self.Q1_cols = self.num_cols + np.arange(n1) if aggregate else np.zeros(0, dtype=int)
        self.Q2_cols = self.num_cols + n1 + np.arange(n2) if aggregate else np.zeros(0, dtype=int)
        self.num_cols += len(self.Q1_cols) + len(self.Q2_cols)
        # row layout
        self.ic_pairs1 = [(t, s) for t in range(n1) for s in range(n1) if t != s]
        self.ic_pairs2 = [(t, s) for t in range(n2) for s in range(n2) if t != s]
        self._pair_index1 = tuple(np.array(self.ic_pairs1, dtype=np.int64).reshape(-1, 2).T)
        self._pair_index2 = tuple(np.array(self.ic_pairs2, dtype=np.int64).reshape(-1, 2).T)
        self.feasibility_rows = np.arange(n1 * n2)
        self.ic1_rows = n1 * n2 + np.arange(len(self.ic_pairs1))
        self.ic2_rows = n1 * n2 + len(self.ic_pairs1) + np.arange(len(self.ic_pairs2))
        self.budget_row = n1 * n2 + len(self.ic_pairs1) + len(self.ic_pairs2)
        self.num_rows = self.budget_row + 1
        self.Q1_rows = self.num_rows + np.arange(n1) if aggregate else np.zeros(0, dtype=int)
        self.Q2_rows = self.num_rows + n1 + np.arange(n2) if aggregate else np.zeros(0, dtype=int)
        self.num_rows += len(self.Q1_rows) + len(self.Q2_rows)
        self._build_pattern()

    # ------------------------------------------------------------------ structure
    def _build_pattern(self) -> None:
        """Fixed entries and the positions of the prior-dependent entries."""
        fixed_rows: list[int] = []
        fixed_cols: list[int] = []
        fixed_vals: list[float] = []
        for k, (a, b) in enumerate(np.ndindex(self.n1, self.n2)):
            fixed_rows += [k, k]
            fixed_cols += [int(self.q1_cols[a, b]), int(self.q2_cols[a, b])]
            fixed_vals += [1.0, 1.0]
        for ic_rows, pairs, ucols in (
            (self.ic1_rows, self.ic_pairs1, self.u1_cols),
            (self.ic2_rows, self.ic_pairs2, self.u2_cols),
        ):
            for r, (t, s) in zip(ic_rows, pairs):
                fixed_rows += [int(r), int(r)]
                fixed_cols += [int(ucols[t]), int(ucols[s])]
                fixed_vals += [1.0, -1.0]
        if self.aggregate:  # Q_i(s) = Σ p_-i q_i(s, ·): the coefficient 1 on Q is fixed
            fixed_rows += [int(r) for r in (*self.Q1_rows, *self.Q2_rows)]
            fixed_cols += [int(c) for c in (*self.Q1_cols, *self.Q2_cols)]
            fixed_vals += [1.0] * (self.n1 + self.n2)
        self._fixed = (np.array(fixed_rows), np.array(fixed_cols), np.array(fixed_vals))

        # prior-dependent entries: IC rows on q (on Q when aggregated), budget row on u and q,
        # the Q rows on q
        rows: list[Any] = []  # numpy integers
        cols: list[Any] = []
        if self.aggregate:
            rows += list(self.ic1_rows) + list(self.ic2_rows)
            cols += [self.Q1_cols[s] for _t, s in self.ic_pairs1] + [self.Q2_cols[s] for _t, s in self.ic_pairs2]
        else:
            for r, (_t, s) in zip(self.ic1_rows, self.ic_pairs1):
                rows += [r] * self.n2
                cols += list(self.q1_cols[s, :])
            for r, (_t, s) in zip(self.ic2_rows, self.ic_pairs2):
                rows += [r] * self.n1
                cols += list(self.q2_cols[:, s])
        nb = 2 * self.num_profiles + self.n1 + self.n2
        rows += [self.budget_row] * nb
        cols += list(range(nb))
        if self.aggregate:
            for a, r in enumerate(self.Q1_rows):
                rows += [r] * self.n2
                cols += list(self.q1_cols[a, :])
            for b, r in enumerate(self.Q2_rows):
                rows += [r] * self.n1
                cols += list(self.q2_cols[:, b])
        self.prior_rows = np.array(rows)
        self.prior_cols = np.array(cols)

    def prior_coefficients(
        self,
        prior1: np.ndarray,
        prior2: np.ndarray,
        values1: np.ndarray | None = None,
        values2: np.ndarray | None = None,
    ) -> np.ndarray:
        """Values of the prior-dependent matrix entries, aligned with ``prior_rows/prior_cols``.

        Vectorised: priors of shape ``(..., n1)`` and ``(..., n2)`` give ``(..., nnz)``. The
        values also enter only these entries, so ``values1``/``values2`` of shape ``(..., n_i)``
        (default: the program's values) give the entries of other values with the same numbers
        of types — one model can be re-solved across values as well as priors.
        """
        p1 = np.asarray(prior1, dtype=float)
        p2 = np.asarray(prior2, dtype=float)
        v1 = self.values1 if values1 is None else np.asarray(values1, dtype=float)
        v2 = self.values2 if values2 is None else np.asarray(values2, dtype=float)
        batch = np.broadcast_shapes(p1.shape[:-1], p2.shape[:-1], v1.shape[:-1], v2.shape[:-1])
        p1 = np.broadcast_to(p1, batch + (self.n1,))
        p2 = np.broadcast_to(p2, batch + (self.n2,))
        v1 = np.broadcast_to(v1, batch + (self.n1,))
        v2 = np.broadcast_to(v2, batch + (self.n2,))
        t1, s1 = self._pair_index1
        t2, s2 = self._pair_index2
        gaps1 = -(v1[..., t1] - v1[..., s1])  # -(t - s) for each IC pair, (..., pairs)
        gaps2 = -(v2[..., t2] - v2[..., s2])
        parts: list[np.ndarray] = []
        if self.aggregate:  # -(t - s) on Q_i(s)
            parts += [gaps1, gaps2]
        else:  # -(t - s) Q_1(s): the coefficient on q1(s, b) is -(v1_t - v1_s) p2(b)
            parts.append((gaps1[..., :, None] * p2[..., None, :]).reshape(batch + (-1,)))
            parts.append((gaps2[..., :, None] * p1[..., None, :]).reshape(batch + (-1,)))
        joint = p1[..., :, None] * p2[..., None, :]  # (..., n1, n2)
        parts.append((-joint * v1[..., :, None]).reshape(batch + (-1,)))  # q1 in budget
        parts.append((-joint * v2[..., None, :]).reshape(batch + (-1,)))  # q2 in budget
        parts.append(p1)  # u1 in budget
        parts.append(p2)  # u2 in budget
        if self.aggregate:  # -p_-i on q_i in the Q rows
            parts.append(np.broadcast_to(-p2[..., None, :], batch + (self.n1, self.n2)).reshape(batch + (-1,)))
            parts.append(np.broadcast_to(-p1[..., None, :], batch + (self.n2, self.n1)).reshape(batch + (-1,)))
        return np.concatenate(parts, axis=-1)

    def matrix(self, prior1: np.ndarray, prior2: np.ndarray) -> sp.csc_array:
        """The constraint matrix for the given priors."""
        fr, fc, fv = self._fixed
        rows = np.concatenate([fr, self.prior_rows])
        cols = np.concatenate([fc, self.prior_cols])
        vals = np.concatenate([fv, self.prior_coefficients(prior1, prior2)])
        return sp.csc_array(sp.coo_array((vals, (rows, cols)), shape=(self.num_rows, self.num_cols)))

    def row_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Row bounds (independent of priors)."""
        lower = np.full(self.num_rows, -np.inf)
        upper = np.full(self.num_rows, np.inf)
        upper[self.feasibility_rows] = 1.0
        lower[self.ic1_rows] = 0.0
        lower[self.ic2_rows] = 0.0
        upper[self.budget_row] = 0.0
        lower[self.Q1_rows] = upper[self.Q1_rows] = 0.0
        lower[self.Q2_rows] = upper[self.Q2_rows] = 0.0
        return lower, upper

    def col_bounds(
        self, floors1: np.ndarray | None = None, floors2: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Column bounds: q ∈ [0, 1]; u_i >= floors_i (free when no floors are given)."""
        lower = np.zeros(self.num_cols)
        upper = np.ones(self.num_cols)
        for cols, floors, n in ((self.u1_cols, floors1, self.n1), (self.u2_cols, floors2, self.n2)):
            upper[cols] = np.inf
            lower[cols] = -np.inf if floors is None else self._check_length(floors, n, "floors")
        for cols in (self.Q1_cols, self.Q2_cols):
            lower[cols], upper[cols] = -np.inf, np.inf
        return lower, upper

    def program(
        self,
        prior1: np.ndarray,
        prior2: np.ndarray,
        objective: np.ndarray,
        floors1: np.ndarray | None = None,
        floors2: np.ndarray | None = None,
    ) -> LinearProgram:
        """The complete program: maximise ``objective · x`` over IC, feasible, budget-balanced points.

        Parameters
        ----------
        prior1, prior2
            Priors of the two players.
        objective
            Cost vector over the columns (see :meth:`payoff_objective`, :meth:`welfare_objective`).
        floors1, floors2
            Optional lower bounds on each type's interim payoff (e.g. random monopoly payoffs).
        """
        row_lower, row_upper = self.row_bounds()
        col_lower, col_upper = self.col_bounds(floors1, floors2)
        return LinearProgram(
            objective=np.asarray(objective, dtype=float),
            matrix=self.matrix(prior1, prior2),
            row_lower=row_lower,
            row_upper=row_upper,
            col_lower=col_lower,
            col_upper=col_upper,
        )

    # ------------------------------------------------------------------ objectives
    def payoff_objective(self, weights1: np.ndarray | None = None, weights2: np.ndarray | None = None) -> np.ndarray:
        """Cost vector Σ_i Σ_{t_i} Λ_i(t_i) u_i(t_i) (missing weights are zero).

        With weights (p_1, 0) this is player 1's ex ante payoff, the objective of eq. (4.1);
        with weights Λ it is the Λ-weighted welfare whose maximisers form the interim-efficient
        frontier (Section 2.2).
        """
        c = np.zeros(self.num_cols)
        if weights1 is not None:
            c[self.u1_cols] = self._check_length(weights1, self.n1, "weights1")
        if weights2 is not None:
            c[self.u2_cols] = self._check_length(weights2, self.n2, "weights2")
        return c

    def welfare_objective(self, prior1: np.ndarray, prior2: np.ndarray) -> np.ndarray:
        """Cost vector of expected welfare W(q) = Σ_t p(t) Σ_i q_i(t) t_i."""
        joint = np.outer(prior1, prior2)
        c = np.zeros(self.num_cols)
        c[self.q1_cols.ravel()] = (joint * self.values1[:, None]).ravel()
        c[self.q2_cols.ravel()] = (joint * self.values2[None, :]).ravel()
        return c

    def transfer_objective(self, player: int, type_index: int, prior1: np.ndarray, prior2: np.ndarray) -> np.ndarray:
        """Cost vector of the interim transfer Y_i(t_i) = u_i(t_i) - t_i Q_i(t_i)."""
        c = np.zeros(self.num_cols)
        if player == 1:
            c[self.u1_cols[type_index]] = 1.0
            c[self.q1_cols[type_index, :]] = -self.values1[type_index] * np.asarray(prior2)
        else:
            c[self.u2_cols[type_index]] = 1.0
            c[self.q2_cols[:, type_index]] = -self.values2[type_index] * np.asarray(prior1)
        return c

    def unit(self, column: int) -> np.ndarray:
        """Cost vector selecting one column."""
        c = np.zeros(self.num_cols)
        c[column] = 1.0
        return c

    # ------------------------------------------------------------------ solutions
    def split(self, x: np.ndarray, prior1: np.ndarray, prior2: np.ndarray) -> InterimSolution:
        """Split a column vector into allocation, payoffs and transfers."""
        q1 = x[self.q1_cols]
        q2 = x[self.q2_cols]
        u1 = x[self.u1_cols]
        u2 = x[self.u2_cols]
        return InterimSolution(
            allocation1=q1,
            allocation2=q2,
            payoffs1=u1,
            payoffs2=u2,
            transfers1=u1 - self.values1 * (q1 @ np.asarray(prior2)),
            transfers2=u2 - self.values2 * (np.asarray(prior1) @ q2),
        )

    def violations(
        self,
        x: np.ndarray,
        prior1: np.ndarray,
        prior2: np.ndarray,
        floors1: np.ndarray | None = None,
        floors2: np.ndarray | None = None,
    ) -> dict[str, float]:
        """Largest violation of each constraint family at ``x`` (0 when satisfied).

        Recomputed from the economics (not from the matrix), so it is an independent check of
        the program: allocation bounds, feasibility, IC (each type against each report), and
        the ex ante budget Σ_i p_i · Y_i <= 0; with ``floors1`` and ``floors2`` also the floors
        u_i >= floors_i (entry ``"floors"``).
        """
        out: dict[str, float] = {}
        for name, part in zip(_FAMILIES, self._shortfalls(x, prior1, prior2, floors1, floors2)):
            out[name] = max(out.get(name, 0.0), float(part.max()))
        return out

    def max_violation(
        self,
        x: np.ndarray,
        prior1: np.ndarray,
        prior2: np.ndarray,
        floors1: np.ndarray | None = None,
        floors2: np.ndarray | None = None,
    ) -> float:
        """``max(violations(x, prior1, prior2, floors1, floors2).values())``, in one reduction
        (the check of every solution of a loop of points)."""
        return max(0.0, float(np.concatenate(self._shortfalls(x, prior1, prior2, floors1, floors2)).max()))

    def _shortfalls(
        self,
        x: np.ndarray,
        prior1: np.ndarray,
        prior2: np.ndarray,
        floors1: np.ndarray | None,
        floors2: np.ndarray | None,
    ) -> tuple[np.ndarray, ...]:
        """Arrays whose positive entries are violations at ``x``, one or two per constraint
        family (``_FAMILIES`` names them)."""
        p1, p2 = np.asarray(prior1), np.asarray(prior2)
        v1, v2 = self.values1, self.values2
        n1, n2, profiles = self.n1, self.n2, self.num_profiles
        x = np.asarray(x, dtype=float)
        # the column layout (q_1, q_2, u_1, u_2, ...) read by slices: q_i row-major over profiles
        q = x[: 2 * profiles]
        q1, q2 = q[:profiles].reshape(n1, n2), q[profiles:].reshape(n1, n2)
        u1, u2 = x[2 * profiles : 2 * profiles + n1], x[2 * profiles + n1 : 2 * profiles + n1 + n2]
        Q1, Q2 = q1 @ p2, p1 @ q2
        Y1, Y2 = u1 - v1 * Q1, u2 - v2 * Q2  # interim transfers, as in split()
        # type t reporting r gets values[t] Q(r) + Y(r); it must not beat u(t): (types × reports) at once
        ic1 = self._values1_column * Q1 + Y1 - u1[:, None]
        ic2 = self._values2_column * Q2 + Y2 - u2[:, None]
        budget = np.array([p1 @ Y1 + p2 @ Y2])
        shortfalls = (-q, q - 1.0, (q1 + q2).ravel() - 1.0, ic1.ravel(), ic2.ravel(), budget)
        if floors1 is None or floors2 is None:
            return shortfalls
        below1 = self._check_length(floors1, self.n1, "floors1") - u1
        below2 = self._check_length(floors2, self.n2, "floors2") - u2
        return (*shortfalls, below1, below2)

    @staticmethod
    def _check_length(array: np.ndarray, n: int, name: str) -> np.ndarray:
        a = np.asarray(array, dtype=float)
        if a.shape != (n,):
            raise InvalidParameterError(name, a, f"an array of {n} numbers (one per type)")
        return a
