"""Ranges of linear quantities over the set of optimal solutions of a linear program.

An LP's optimum can be attained on a whole face of the feasible polytope; reporting one vertex
would present an arbitrary choice as the answer. :class:`OptimalFace` solves the program once,
restricts a solver model to the optimal face and then minimises and maximises any linear
functional over it (secondary LPs), giving :class:`Interval` ranges.

The face is described exactly by complementary slackness: with any optimal dual solution,
x is optimal iff it is feasible and keeps tight every row with a non-zero dual and every column
with a non-zero reduced cost. Duals below ``DUAL_TOL`` are not trusted to be non-zero, so the
row {objective >= optimum - face_tol} is added as well. If the restricted model ever fails
(ill-conditioned inputs), the exploration falls back to that objective row alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from bargainlab.core.lp_solver import HighsModel, LinearProgram, LPSolution, single_threaded_blas
from bargainlab.errors import SolverError
from bargainlab.tolerances import DUAL_TOL, OPTIMAL_FACE_TOL, SOLUTION_CHECK_TOL, UNIQUE_TOL

__all__ = ["Interval", "OptimalFace"]

#: HiGHS ``simplex_strategy`` of the secondary LPs (4: primal simplex).
SECONDARY_SIMPLEX_STRATEGY = 4

#: :meth:`OptimalFace.spans` certifies all columns again after this many LPs.
RECERTIFY_EVERY = 8

#: :meth:`OptimalFace.spans` starts with the batch proofs (constant quantities, all column ends).
BATCH_PROOFS = True


@dataclass(frozen=True)
class Interval:
    """The range [low, high] of a quantity over the set of optimal solutions.

    Attributes
    ----------
    low, high
        Minimum and maximum over the optimal face.
    unique
        True when the range is narrower than the uniqueness tolerance (the quantity is pinned).
    ranged
        False for a value at one optimal solution that was not ranged over the face (a
        quantity the caller did not ask to range): ``low == high`` then says nothing about
        uniqueness, and ``unique`` is False.
    """

    low: float
    high: float
    unique: bool
    ranged: bool = True

    @classmethod
    def point(cls, value: float) -> Interval:
        """The value of a quantity at one optimal solution, not ranged over the face."""
        return cls(value, value, False, False)

    @property
    def mid(self) -> float:
        """Midpoint (the value itself when unique)."""
        return 0.5 * (self.low + self.high)

    def scaled(self, factor: float) -> Interval:
        """The interval with both ends multiplied by ``factor`` > 0."""
        return Interval(self.low * factor, self.high * factor, self.unique, self.ranged)

    def clipped(self, low: float, high: float) -> Interval:
        """The interval with both ends clipped to [low, high]."""
        return Interval(min(max(self.low, low), high), min(max(self.high, low), high), self.unique, self.ranged)

    def to_list(self) -> list[float]:
        """``[low, high]`` (JSON-safe; -0.0 is written as 0.0)."""
        return [self.low + 0.0, self.high + 0.0]

    def __str__(self) -> str:
        if not self.ranged:
            return f"{self.low + 0.0:.6g} (not ranged)"
        if self.unique:
            return f"{self.mid + 0.0:.6g}"
        return f"[{self.low + 0.0:.6g}, {self.high + 0.0:.6g}]"


class OptimalFace:
    """Solve a program and explore its optimal face.

    Parameters
    ----------
    program
        The (maximisation) program.
    face_tol
        Slack of the objective row {c·x >= optimum - face_tol}.
    unique_tol
        Ranges narrower than this are reported as unique (at the primary optimum's value).
    dual_tol
        Duals larger than this in magnitude mark constraints tight on the whole face.
    keep_visited
        Keep every solution computed in :attr:`visited` (for invariant checks). With ``False``
        only :attr:`primary` is kept; pass ``on_solution`` to check each solution as it comes.
    on_solution
        Called with every solution computed (primary and secondary).
    certify
        Settle the ends of a range without an LP where the face model proves them (see
        :meth:`span`); ``False`` runs two LPs per quantity (the brute-force reference).

    Attributes
    ----------
    primary
        The optimal solution of ``program``.
    visited
        The solutions computed (primary and secondary), if ``keep_visited``.
    solves
        Number of LPs solved.
    settled
        Number of range ends settled without an LP.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> lp = LinearProgram(np.array([1.0, 1.0]), sp.csc_array(np.array([[1.0, 1.0]])),
    ...                    np.array([-np.inf]), np.array([1.0]), np.zeros(2), np.ones(2))
    >>> face = OptimalFace(lp)
    >>> face.primary.objective, str(face.span(np.array([1.0, 0.0])))
    (1.0, '[0, 1]')
    """

    def __init__(
        self,
        program: LinearProgram,
        *,
        face_tol: float = OPTIMAL_FACE_TOL,
        unique_tol: float = UNIQUE_TOL,
        dual_tol: float = DUAL_TOL,
        keep_visited: bool = True,
        on_solution: Callable[[np.ndarray], None] | None = None,
        certify: bool = True,
    ) -> None:
        self.program = program
        self.face_tol = face_tol
        self.unique_tol = unique_tol
        self.keep_visited = keep_visited
        self.certify = certify
        self._on_solution = on_solution
        self._model = HighsModel(program)
        self.primary: LPSolution = self._model.solve()
        self.visited: list[np.ndarray] = []
        self.solves = 0
        self.settled = 0
        self.exact = True
        n = len(self.primary.x)
        self._proved_high = np.full(n, np.nan)  # column ends proved by a basis (NaN: not yet)
        self._proved_low = np.full(n, np.nan)
        self._lowest = self.primary.x.copy()  # elementwise extremes over the solutions computed
        self._highest = self.primary.x.copy()
        self._record(self.primary.x)
        self._model.fix_optimal_face(self.primary, dual_tol)
        self._model.add_row(program.objective, self.primary.objective - face_tol, np.inf)
        self._secondary_settings()

    def _secondary_settings(self) -> None:
        """Bounds and solver settings of the face model.

        Secondary LPs change only the objective, so the last basis stays primal feasible and
        the primal simplex method continues from it (measured: a few iterations where the dual
        simplex method needs tens, and half the time per LP at 40 types).
        """
        self._bounds()
        self._model.set_option("simplex_strategy", SECONDARY_SIMPLEX_STRATEGY)

    def _bounds(self) -> None:
        """Column bounds of the face model, the fixed columns, and which columns reach a bound."""
        self._col_lower, self._col_upper = self._model.col_lower, self._model.col_upper
        self._fixed = self._col_lower == self._col_upper

    def _record(self, x: np.ndarray) -> None:
        """Count a solution, keep it if asked and pass it to ``on_solution``."""
        self.solves += 1
        np.minimum(self._lowest, x, out=self._lowest)
        np.maximum(self._highest, x, out=self._highest)
        if self.keep_visited:
            self.visited.append(x)
        if self._on_solution is not None:
            self._on_solution(x)

    def _objective_row_only(self) -> None:
        """Fall back to {objective >= optimum - face_tol} without the complementary-slackness fixes."""
        self._model = HighsModel(self.program)
        self._model.add_row(self.program.objective, self.primary.objective - self.face_tol, np.inf)
        self._secondary_settings()
        self.exact = False

    def _extreme(self, c: np.ndarray) -> LPSolution:
        self._model.set_objective(c)
        try:
            solution = self._model.solve()
        except SolverError:
            if not self.exact:
                raise
            self._objective_row_only()
            self._model.set_objective(c)
            solution = self._model.solve()
        self._record(solution.x)
        return solution

    def _certified(self, c: np.ndarray) -> tuple[float | None, float | None]:
        """The ends of c·x over the face that are proved without a new LP (None: not proved)."""
        if not self.certify:
            return None, None
        high, low = self._reached_bounds(c)
        if high is not None and low is not None:
            return high, low
        if self._model.last_solution is None:  # no face vertex yet: move to one (0 iterations, warm)
            self._extreme(self.program.objective)
        maximal, minimal, value = self._model.optimality_certificate(c)
        return (value if maximal and high is None else high), (value if minimal and low is None else low)

    def _reached_bounds(self, c: np.ndarray) -> tuple[float | None, float | None]:
        """For c = one column: its bounds where a solution computed so far attains them, or the
        vertex value where a basis proved it an end (:meth:`_certify_columns`).

        A column's value can never exceed its bound, so a face point at the bound settles that
        end (allocation probabilities at 0 or 1 are common).
        """
        support = np.flatnonzero(c)
        if len(support) != 1 or c[support[0]] != 1.0:
            return None, None
        j = support[0]
        tol = SOLUTION_CHECK_TOL
        high = self._col_upper[j] if self._highest[j] >= self._col_upper[j] - tol else None
        low = self._col_lower[j] if self._lowest[j] <= self._col_lower[j] + tol else None
        if high is None and not np.isnan(self._proved_high[j]):
            high = float(self._proved_high[j])
        if low is None and not np.isnan(self._proved_low[j]):
            low = float(self._proved_low[j])
        return high, low

    def span(self, c: np.ndarray) -> Interval:
        """Range of c·x over the optimal face.

        Each end is the optimum of a secondary LP over the face, unless it is proved without
        one (with ``certify``, the default):

        * c is supported on columns that complementary slackness fixes: c·x is constant;
        * the basis of the face vertex HiGHS holds (the last secondary optimum) certifies that
          the vertex maximises or minimises c·x (:meth:`HighsModel.optimality_certificate`:
          the simplex method's own stopping test, for c instead of the LP's objective); after
          a secondary LP for one end, the other end is tried at the new vertex first.

        Both are proofs, not heuristics: the ends equal those of the two secondary LPs up to
        the solver's tolerances.
        """
        c = np.asarray(c, dtype=float)
        value = float(c @ self.primary.x)
        if self.certify and not np.any(c[~self._fixed]):
            self.settled += 2
            return Interval(value, value, True)
        high, low = self._certified(c)
        self.settled += (high is not None) + (low is not None)
        if high is None:
            high = self._extreme(c).objective
            if low is None:  # the new vertex may prove the other end
                low = self._certified(c)[1]
                self.settled += low is not None
        if low is None:
            low = -self._extreme(-c).objective
        if high - low <= self.unique_tol:  # pinned: report the value at the primary optimum
            return Interval(value, value, True)
        return Interval(low, high, False)

    def spans(self, objectives: Iterable[np.ndarray] | sp.csr_array) -> list[Interval]:
        """:meth:`span` of each objective, in order (later ones profit from earlier LPs' vertices).

        ``objectives``: cost vectors, or the rows of a sparse matrix (many single-column
        quantities, e.g. an allocation of 2 n² entries, cost n² numbers this way instead of n⁴;
        each row is made dense only while its span is computed).

        With ``certify``, the objectives that are constant over the face are found first, all
        at once (:meth:`HighsModel.constant_quantities`: the span of the face's directions at
        its vertex, from one small LP on the tangent cone); the ends of every single-column
        objective are then tried together at the face vertex
        (:meth:`HighsModel.column_certificates`: one LU for all columns), and again at the
        vertex of every ``RECERTIFY_EVERY``-th secondary LP while single-column ends remain
        open.
        """
        rows = _objective_rows(objectives, len(self.program.objective))
        if rows.shape[0] == 0:
            return []
        if not self.certify:
            return [self.span(_dense_row(rows, k)) for k in range(rows.shape[0])]
        with single_threaded_blas():
            return self._certified_spans(rows)

    def _certified_spans(self, objectives: sp.csr_array) -> list[Interval]:
        if self._model.last_solution is None:
            self._extreme(self.program.objective)
        # The batch proofs cost a tableau on the free non-basic variables. Measured: skipping
        # them for a few quantities at a vertex with many free variables (payoffs at 100 types)
        # made each payoff a secondary LP at a degenerate vertex, over 10 minutes instead of
        # 153 s; so they always run (``BATCH_PROOFS``).
        batch = BATCH_PROOFS
        constant = self._model.constant_quantities(objectives) if batch else None
        out: list[Interval] = []
        batch_at = -1 if batch else np.iinfo(np.int64).max // 2
        for k in range(objectives.shape[0]):
            c = _dense_row(objectives, k)
            if constant is not None and constant[k]:  # proved constant over the face
                self.settled += 2
                value = float(c @ self.primary.x)
                out.append(Interval(value, value, True))
                continue
            if batch and (self.solves >= batch_at + RECERTIFY_EVERY or batch_at < 0):
                self._certify_columns()
                batch_at = self.solves
            out.append(self.span(c))
        return out

    def _certify_columns(self) -> None:
        """Record the column ends proved at the current face vertex (all columns, one LU)."""
        if self._model.last_solution is None:
            self._extreme(self.program.objective)
        found = self._model.column_certificates()
        if found is None:
            return
        maximal, minimal, x = found
        self._proved_high = np.where(maximal & np.isnan(self._proved_high), x, self._proved_high)
        self._proved_low = np.where(minimal & np.isnan(self._proved_low), x, self._proved_low)


def _objective_rows(objectives: Iterable[np.ndarray] | sp.csr_array, columns: int) -> sp.csr_array:
    """The objectives as the rows of a sparse matrix (``columns`` wide)."""
    if sp.issparse(objectives):
        rows = sp.csr_array(objectives).astype(float)
    else:  # row by row: no dense matrix of all objectives
        dense = [np.asarray(c, dtype=float) for c in objectives]
        supports = [np.flatnonzero(c) for c in dense]
        rows = sp.csr_array(
            (
                np.concatenate([c[nz] for c, nz in zip(dense, supports)]) if dense else np.zeros(0),
                np.concatenate(supports) if dense else np.zeros(0, dtype=np.int64),
                np.concatenate([[0], np.cumsum([len(nz) for nz in supports])]).astype(np.int64),
            ),
            shape=(len(dense), dense[0].shape[0] if dense else columns),
        )
    if rows.shape[1] != columns:
        raise ValueError(f"objectives need {columns} entries; got {rows.shape[1]}")
    return rows


def _dense_row(rows: sp.csr_array, k: int) -> np.ndarray:
    """Row ``k`` of a sparse matrix as a dense vector."""
    out = np.zeros(rows.shape[1])
    start, stop = rows.indptr[k], rows.indptr[k + 1]
    out[rows.indices[start:stop]] = rows.data[start:stop]
    return out
