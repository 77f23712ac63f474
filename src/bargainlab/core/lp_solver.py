"""Linear programs and their solvers.

A :class:`LinearProgram` is ``maximize c·x  s.t.  row_lower <= A x <= row_upper,
col_lower <= x <= col_upper``. Two solvers are provided:

* :class:`HighsModel` keeps one HiGHS model alive: pass the program once, then change costs,
  bounds and matrix coefficients in place and re-solve (the fast path for many related LPs;
  HiGHS warm-starts from the previous basis). Changes are kept in the model's own copy of the
  program and passed to HiGHS in bulk when it next runs; :meth:`HighsModel.basis_solutions`
  tries the last optimal basis on a batch of related programs without running HiGHS, accepting
  only certified optimal solutions;
* :func:`solve_with_linprog` calls :func:`scipy.optimize.linprog` afresh (the plain reference
  path used by tests and benchmarks).

Every solve checks the solver status and raises :class:`~bargainlab.errors.SolverError` unless
the program was solved to optimality.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np
import scipy.sparse as sp

from bargainlab.errors import InvalidParameterError, SolverError
from bargainlab.tolerances import DUAL_TOL, LP_FEASIBILITY_TOL, SOLUTION_CHECK_TOL

__all__ = ["LinearProgram", "LPSolution", "HighsModel", "solve_with_linprog", "solve", "single_threaded_blas"]

_INF = highspy.kHighsInf

#: Matrix entries below this are dropped by HiGHS (its default, 1e-9, would silently drop
#: probabilities of 1e-9 and make exactly-tight programs infeasible).
SMALL_MATRIX_VALUE = 1e-12

#: Coefficient changes of at most this many entries go through HiGHS's per-entry ``changeCoeff``;
#: larger batches replace the affected rows in bulk (one ``deleteRows`` and one ``addRows``),
#: which costs far less than a Python loop over entries, and restore the warm-start basis.
PER_ENTRY_CHANGE_LIMIT = 8

#: Programs with at most this many matrix cells (rows × columns) keep a dense copy of the matrix
#: for the solution re-check: for the small interim LPs a dense product costs about a microsecond,
#: a scipy sparse product tens of microseconds.
DENSE_CHECK_CELLS = 65_536

#: How many distinct coefficient look-ups :meth:`HighsModel.set_coefficients` remembers.
_POSITION_CACHE_SIZE = 8


def single_threaded_blas() -> contextlib.AbstractContextManager[Any]:
    """A context in which BLAS/LAPACK use one thread (``threadpoolctl``; a no-op without it).

    The dense algebra here (tableaux, rank decisions of a face's directions) is on matrices
    of a few hundred columns: a threaded BLAS gains nothing there, and on a shared machine its
    spinning threads made a 1,200 × 83 QR 20 to 100 times slower (measured).
    """
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")


@dataclass(frozen=True)
class LinearProgram:
    """maximize ``objective · x`` subject to row and column bounds (``±inf`` for none).

    Parameters
    ----------
    objective
        Cost vector c (maximised).
    matrix
        Constraint matrix A, any scipy sparse format (stored as CSC).
    row_lower, row_upper
        Bounds on A x.
    col_lower, col_upper
        Bounds on x.
    """

    objective: np.ndarray
    matrix: sp.csc_array
    row_lower: np.ndarray
    row_upper: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "matrix", sp.csc_array(self.matrix))
        for name in ("objective", "row_lower", "row_upper", "col_lower", "col_upper"):
            object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=float))

    @property
    def shape(self) -> tuple[int, int]:
        """(number of rows, number of columns)."""
        return self.matrix.shape


@dataclass(frozen=True)
class LPSolution:
    """An optimal solution of a :class:`LinearProgram`.

    Attributes
    ----------
    objective
        Optimal value of the (maximised) objective.
    x
        Optimal primal solution.
    row_dual, col_dual
        Dual values of the rows and reduced costs of the columns (HiGHS sign convention for
        the maximisation), if available.
    status
        Solver status text (always ``"optimal"``: anything else raises).
    solver
        Which solver produced it.
    iterations
        Simplex iterations used.
    """

    objective: float
    x: np.ndarray
    row_dual: np.ndarray | None = field(default=None, repr=False)
    col_dual: np.ndarray | None = field(default=None, repr=False)
    status: str = "optimal"
    solver: str = "highs"
    iterations: int = 0


def _new_highs() -> highspy.Highs:
    """A silent HiGHS instance.

    ``highspy.Highs()`` writes a banner straight to file descriptor 1 when it is created, which
    would corrupt ``--json`` output; the descriptor is redirected to ``/dev/null`` for the call.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    highs.setOptionValue("output_flag", False)
    return highs


class HighsModel:
    """One reusable HiGHS model of a :class:`LinearProgram`.

    Parameters
    ----------
    program
        The program passed to HiGHS once.
    presolve
        HiGHS presolve (off by default: the programs are small and re-solved many times, and
        presolve would discard the warm-start basis).
    feasibility_tol
        Primal and dual feasibility tolerance.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> lp = LinearProgram(np.array([1.0, 1.0]), sp.csc_array(np.array([[1.0, 2.0]])),
    ...                    np.array([-np.inf]), np.array([4.0]), np.zeros(2), np.array([1.0, np.inf]))
    >>> model = HighsModel(lp)
    >>> model.solve().objective
    2.5
    >>> model.set_objective(np.array([1.0, 0.0])); model.solve().objective
    1.0
    """

    def __init__(
        self,
        program: LinearProgram,
        *,
        presolve: bool = False,
        feasibility_tol: float = LP_FEASIBILITY_TOL,
    ) -> None:
        self._highs = _new_highs()
        h = self._highs
        h.setOptionValue("presolve", "on" if presolve else "off")
        h.setOptionValue("threads", 1)
        h.setOptionValue("primal_feasibility_tolerance", feasibility_tol)
        h.setOptionValue("dual_feasibility_tolerance", feasibility_tol)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("small_matrix_value", SMALL_MATRIX_VALUE)
        self.num_rows, self.num_cols = program.shape
        # our own copy of the program, to re-check every solution independently of HiGHS
        self._matrix = sp.csr_array(program.matrix, copy=True)
        self._matrix.sort_indices()
        self._row_lower = np.asarray(program.row_lower, dtype=float).copy()
        self._row_upper = np.asarray(program.row_upper, dtype=float).copy()
        self._col_lower = np.asarray(program.col_lower, dtype=float).copy()
        self._col_upper = np.asarray(program.col_upper, dtype=float).copy()
        self._index_entries()
        lp = highspy.HighsLp()
        lp.num_col_ = self.num_cols
        lp.num_row_ = self.num_rows
        lp.col_cost_ = np.asarray(program.objective, dtype=float)
        self._cost = np.array(program.objective, dtype=float)
        self._basis: tuple[np.ndarray, np.ndarray] | None = None  # (statuses, basic indices), fetched lazily
        self._basis_from_highs = False  # HiGHS holds an optimal basis that we have not fetched yet
        self._pending_rows: int | None = None  # first row whose coefficients HiGHS has not seen
        self._pending_bounds = self._pending_cost = False
        self._last_x: np.ndarray | None = None  # solution of the last successful solve (for certificates)
        self._vertex: _Vertex | None = None  # its basis, computed on demand
        self._plan: tuple[object, int, _BasisPlan] | None = None  # the certificate's preparation, per basis
        self._rows_version = 0  # counts changes of the row bounds (a plan is made for one basis and row bounds)
        self._bases: np.ndarray | None = None  # basis_solutions' buffer of basis matrices
        lp.col_lower_ = _clip(program.col_lower)
        lp.col_upper_ = _clip(program.col_upper)
        lp.row_lower_ = _clip(program.row_lower)
        lp.row_upper_ = _clip(program.row_upper)
        matrix = program.matrix.tocsc()
        matrix.sort_indices()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data.astype(float)
        lp.sense_ = highspy.ObjSense.kMaximize
        _check(h.passModel(lp), "passing the model to HiGHS")

    def set_option(self, name: str, value: bool | int | float | str) -> None:
        """Set a HiGHS option for the following solves (the retries of :meth:`solve` still apply)."""
        _check(self._highs.setOptionValue(name, value), f"setting option {name}")

    @property
    def col_lower(self) -> np.ndarray:
        """Current column lower bounds (a copy)."""
        return self._col_lower.copy()

    @property
    def col_upper(self) -> np.ndarray:
        """Current column upper bounds (a copy)."""
        return self._col_upper.copy()

    @property
    def last_solution(self) -> np.ndarray | None:
        """x of the last successful :meth:`solve`, while the model is unchanged since (else None)."""
        return self._last_x

    def set_objective(self, objective: np.ndarray) -> None:
        """Replace the (maximised) cost vector."""
        c = np.asarray(objective, dtype=float)
        if c.shape != (self.num_cols,):
            raise InvalidParameterError("objective", f"array of shape {c.shape}", f"{self.num_cols} numbers")
        self._cost = c.copy()
        self._pending_cost = True

    def set_col_bounds(self, lower: np.ndarray, upper: np.ndarray, columns: Sequence[int] | None = None) -> None:
        """Change the bounds of ``columns`` (all columns by default)."""
        idx = np.arange(self.num_cols) if columns is None else np.asarray(columns)
        self._col_lower[idx] = lower
        self._col_upper[idx] = upper
        self._pending_bounds = True
        self._last_x, self._vertex = None, None

    def set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        """Change the bounds of one row."""
        self._row_lower[row] = lower
        self._row_upper[row] = upper
        self._rows_version += 1
        self._last_x, self._vertex = None, None
        _check(self._highs.changeRowBounds(int(row), float(_clip(lower)), float(_clip(upper))), "changing row bounds")

    def set_coefficients(self, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> None:
        """Change existing matrix entries A[rows[k], cols[k]] = values[k] in place.

        The sparsity pattern is fixed: every (row, col) must be an entry of the program. Small
        batches use HiGHS's per-entry change; larger ones (more than ``PER_ENTRY_CHANGE_LIMIT``
        entries) replace the rows from the first changed one to the last in bulk and restore the
        current basis, so that the next :meth:`solve` still starts warm.
        """
        rows = np.asarray(rows, dtype=np.int64).ravel()
        cols = np.asarray(cols, dtype=np.int64).ravel()
        values = np.asarray(values, dtype=float).ravel()
        self._last_x, self._vertex = None, None
        self._matrix.data[self._positions(rows, cols)] = values
        if self._dense is not None:
            self._dense[rows, cols] = values
        if len(values) <= PER_ENTRY_CHANGE_LIMIT:
            change = self._highs.changeCoeff
            for r, c, v in zip(rows.tolist(), cols.tolist(), values.tolist()):
                _check(change(r, c, v), "changing a matrix coefficient")
        elif len(values):
            first = int(rows.min())
            self._pending_rows = first if self._pending_rows is None else min(first, self._pending_rows)

    def _sync(self) -> None:
        """Pass HiGHS the changes it has not seen yet (bulk row changes, column bounds, costs).

        Changes are recorded in our copy at once and passed on only before HiGHS runs, so that
        points solved by a reused basis (``solve(reuse_basis=True)``) never touch HiGHS.
        """
        h = self._highs
        if self._pending_rows is not None:
            self._replace_rows(self._pending_rows)
            self._pending_rows = None
        if self._pending_bounds:
            _check(
                h.changeColsBounds(
                    self.num_cols,
                    np.arange(self.num_cols, dtype=np.int32),
                    _clip(self._col_lower),
                    _clip(self._col_upper),
                ),
                "changing column bounds",
            )
            self._pending_bounds = False
        if self._pending_cost:
            _check(
                h.changeColsCost(self.num_cols, np.arange(self.num_cols, dtype=np.int32), self._cost),
                "changing the objective",
            )
            self._pending_cost = False

    def _index_entries(self) -> None:
        """Sorted keys ``row * num_cols + col`` of the entries of our CSR copy (for bulk look-ups)
        and, for small programs, a dense copy for the solution re-check."""
        entry_rows = np.repeat(np.arange(self.num_rows, dtype=np.int64), np.diff(self._matrix.indptr))
        self._keys = entry_rows * self.num_cols + self._matrix.indices
        small = self.num_rows * self.num_cols <= DENSE_CHECK_CELLS
        self._dense = self._matrix.toarray() if small else None
        self._position_cache: dict[bytes, np.ndarray] = {}

    def _positions(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Positions in our CSR data of the entries (rows[k], cols[k]); each must exist.

        The last few look-ups are cached by content: map sweeps change the same entries at
        every point.
        """
        keys = rows * self.num_cols + cols
        cache_key = keys.tobytes()
        cached = self._position_cache.get(cache_key)
        if cached is not None:
            return cached
        positions = np.searchsorted(self._keys, keys)
        found = (positions < len(self._keys)) & (self._keys[np.minimum(positions, len(self._keys) - 1)] == keys)
        if not np.all(found):
            k = int(np.flatnonzero(~found)[0])
            raise InvalidParameterError(
                "(row, col)", (int(rows[k]), int(cols[k])), "an entry of the program's sparsity pattern"
            )
        if len(self._position_cache) >= _POSITION_CACHE_SIZE:
            self._position_cache.clear()
        self._position_cache[cache_key] = positions
        return positions

    def _replace_rows(self, first: int) -> None:
        """Re-pass rows ``first, ..., num_rows - 1`` from our copy (same indices), keeping the basis."""
        h = self._highs
        basis = h.getBasis()
        count = self.num_rows - first
        _check(h.deleteRows(count, np.arange(first, self.num_rows, dtype=np.int32)), "deleting rows")
        indptr = self._matrix.indptr
        start = indptr[first]
        _check(
            h.addRows(
                count,
                _clip(self._row_lower[first:]),
                _clip(self._row_upper[first:]),
                int(indptr[-1] - start),
                (indptr[first:-1] - start).astype(np.int32),
                self._matrix.indices[start:].astype(np.int32),
                self._matrix.data[start:],
            ),
            "re-adding rows",
        )
        if basis.valid:
            _check(h.setBasis(basis), "restoring the warm-start basis")

    def add_row(self, coefficients: np.ndarray, lower: float, upper: float) -> int:
        """Append the row ``lower <= coefficients · x <= upper``; return its index."""
        coefficients = np.asarray(coefficients, dtype=float)
        nz = np.flatnonzero(coefficients)
        _check(
            self._highs.addRow(
                float(_clip(lower)), float(_clip(upper)), len(nz), nz.astype(np.int32), coefficients[nz]
            ),
            "adding a row",
        )
        row = sp.csr_array((coefficients[nz], nz, [0, len(nz)]), shape=(1, self.num_cols))
        self._matrix = sp.vstack([self._matrix, row], format="csr")
        self._matrix.sort_indices()
        self._row_lower = np.append(self._row_lower, lower)
        self._row_upper = np.append(self._row_upper, upper)
        self._rows_version += 1
        self.num_rows += 1
        self._last_x, self._vertex = None, None
        self._index_entries()
        self._basis, self._basis_from_highs = None, False
        return self.num_rows - 1

    def fix_optimal_face(self, solution: LPSolution, dual_tol: float = DUAL_TOL) -> int:
        """Restrict the model to the optimal face of ``solution``'s program.

        By complementary slackness every optimal solution keeps tight each row with a non-zero
        dual and each column with a non-zero reduced cost, and every feasible point with those
        constraints tight is optimal. Those rows and columns are fixed at the bound they sit
        at, so that later objectives (set with :meth:`set_objective`) range over exactly the
        set of optimal solutions. Returns the number of constraints fixed.
        """
        if solution.row_dual is None or solution.col_dual is None:
            raise SolverError("the solution carries no dual values; cannot fix the optimal face")
        x = solution.x
        activity = self._matrix @ x
        fixed = 0
        for row in np.flatnonzero(np.abs(solution.row_dual[: self.num_rows]) > dual_tol):
            bound = _active_bound(activity[row], self._row_lower[row], self._row_upper[row])
            if bound is not None:
                self.set_row_bounds(int(row), bound, bound)
                fixed += 1
        columns, values = [], []
        for col in np.flatnonzero(np.abs(solution.col_dual) > dual_tol):
            bound = _active_bound(x[col], self._col_lower[col], self._col_upper[col])
            if bound is not None:
                columns.append(int(col))
                values.append(bound)
        if columns:
            self.set_col_bounds(np.array(values), np.array(values), columns=columns)
        return fixed + len(columns)

    def optimality_certificate(self, objective: np.ndarray) -> tuple[bool, bool, float]:
        """Whether the last optimal basis proves that the current vertex maximises (and minimises)
        ``objective · x`` over this model's feasible set, without running HiGHS.

        With the basis B of the last :meth:`solve`, the duals y solve Bᵀ y = c_B (one sparse
        solve with HiGHS's factorisation; for a unit objective on a basic column, y is a row
        of B⁻¹) and the reduced costs are d = c - Aᵀ y on the columns and y on the rows
        (row activities r = A x). The vertex maximises c·x when no non-basic variable can move
        in a direction that raises c·x (d <= tol where it may increase, d >= -tol where it may
        decrease; fixed variables are ignored), and minimises it under the mirror condition:
        the simplex method's own stopping test, with tolerance ``LP_FEASIBILITY_TOL``. This is
        a sufficient condition (at a degenerate vertex another basis may be needed), so a
        ``False`` means "not proved here", never "not optimal".

        Returns
        -------
        maximal, minimal, value
            Whether each side is certified, and c·x at the vertex. ``(False, False, nan)``
            when there is no usable basis (before the first :meth:`solve`, after a failure).
        """
        c = np.asarray(objective, dtype=float)
        vertex = self._current_vertex()
        if vertex is None:
            return False, False, float("nan")
        return vertex.certify(c, self._highs, self._matrix)

    def column_certificates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """For all columns at once: whether the last optimal basis proves that the current
        vertex maximises, and minimises, each x_j; and the vertex x (see
        :meth:`optimality_certificate`; one sparse LU instead of one solve per column)."""
        vertex = self._current_vertex()
        if vertex is None:
            return None
        found = vertex.column_certificates(self._matrix)
        return None if found is None else (found[0], found[1], vertex.x)

    def free_nonbasic(self) -> int:
        """How many non-basic variables may move at the vertex of the last solve (-1: no vertex):
        the size of the tableau that the batch certificates compute."""
        vertex = self._current_vertex()
        if vertex is None:
            return -1
        return len(np.union1d(vertex.col_up, vertex.col_down)) + len(np.union1d(vertex.row_up, vertex.row_down))

    def constant_quantities(self, objectives: sp.csr_array) -> np.ndarray | None:
        """Which objectives (the rows of a sparse matrix) are constant over this model's feasible
        set, proved at the vertex of the last solve (:meth:`_Vertex.face_directions`); ``None``
        if no conclusion."""
        vertex = self._current_vertex()
        if vertex is None:
            return None
        directions = vertex.face_directions(
            self._matrix, (self._col_lower, self._col_upper, self._row_lower, self._row_upper)
        )
        found = vertex.tableau(self._matrix)
        if directions is None or found is None:
            return None
        free, _, _, X = found
        count = objectives.shape[0]
        if directions.shape[1] == 0:
            return np.ones(count, dtype=bool)
        n = self.num_cols
        C = objectives.astype(float)
        # reduced costs on the free variables: d = c_free - c_B B⁻¹N (rows carry no cost)
        free_cols = free < n
        d = np.zeros((count, len(free)))
        d[:, free_cols] = C[:, free[free_cols]].toarray()
        d -= C[:, vertex.basic_cols] @ X[vertex.basic_col_positions]
        scale = max(1.0, float(np.abs(C.data).max(initial=0.0)))
        return np.abs(d @ directions).max(axis=1, initial=0.0) <= DUAL_TOL * scale

    def _current_vertex(self) -> _Vertex | None:
        """The basis of the last successful solve (computed once per solve)."""
        if self._vertex is None and self._last_x is not None:
            status, basic = self._highs.getBasicVariables()  # type: ignore[attr-defined]
            if status == highspy.HighsStatus.kOk and len(basic) == self.num_rows:
                self._vertex = _Vertex(
                    self._last_x,
                    self._matrix @ self._last_x,
                    np.asarray(basic, dtype=np.int64),
                    (self._col_lower, self._col_upper, self._row_lower, self._row_upper),
                )
            else:
                self._last_x = None
        return self._vertex

    def dense_matrix(self) -> np.ndarray:
        """A dense copy of the current constraint matrix."""
        return self._dense.copy() if self._dense is not None else self._matrix.toarray()

    def basis_solutions(
        self, matrices: np.ndarray, col_lower: np.ndarray, col_upper: np.ndarray, costs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The last optimal basis tried on a batch of related programs, without running HiGHS.

        The programs share this model's rows, their bounds and the sparsity pattern, and differ
        in matrix values, column bounds and costs (a belief map: one program per point). For
        each, the basic solution of the basis HiGHS found last is computed here (batched dense
        algebra) and accepted when it is

        * primal feasible: the same independent re-check as every HiGHS solution (A x and the
          bounds recomputed, largest violation at most ``SOLUTION_CHECK_TOL``), and
        * dual feasible: every reduced cost has the sign optimality requires at its bound (for
          the maximisation: <= 0 at a lower bound, >= 0 at an upper bound) within
          ``LP_FEASIBILITY_TOL``,

        which together certify optimality (LP duality), as at the end of a simplex run. Along
        a grid the optimal basis changes rarely, and this costs a small fraction of a HiGHS run.
        The basis matrices are gathered into a buffer the model keeps between calls, so a map
        allocates little per point (large temporaries cost page faults on every call where
        the allocator returns freed memory at once, as on a Dask worker).

        Parameters
        ----------
        matrices
            Dense constraint matrices, shape (programs, rows, columns).
        col_lower, col_upper, costs
            Shape (programs, columns) (a single row is broadcast).

        Returns
        -------
        accepted, x, objective
            Per program: whether the basis is certified optimal, its basic solution (columns),
            and c · x. Nothing is accepted before a first successful :meth:`solve`.
        """
        matrices = np.asarray(matrices, dtype=float)
        count, n, m = len(matrices), self.num_cols, self.num_rows
        shape = (count, n)
        lower = np.broadcast_to(np.asarray(col_lower, dtype=float), shape)
        upper = np.broadcast_to(np.asarray(col_upper, dtype=float), shape)
        costs = np.broadcast_to(np.asarray(costs, dtype=float), shape)
        rejected = (np.zeros(count, dtype=bool), np.zeros(shape), np.zeros(count))
        plan = self._basis_plan()
        if plan is None or plan.z_rows is None or matrices.shape[1:] != (m, n):
            return rejected
        k = len(plan.basic_cols)
        x = np.where(plan.at_upper, upper, lower)  # the nonbasic columns' values; basic ones 0
        x[:, plan.at_zero] = 0.0
        bases = self._bases_buffer(count)
        np.take(matrices, plan.basic_cols, axis=2, out=bases[:, :, :k], mode="clip")
        bases[:, :, k:] = plan.logical
        with np.errstate(invalid="ignore", over="ignore"):
            rhs = plan.z_rows - (matrices @ x[:, :, None])[:, :, 0]  # B z_B = -(A x_N - r_N)
            basic_cost = np.zeros((count, m, 1))
            basic_cost[:, :k, 0] = costs[:, plan.basic_cols]
            try:
                primal = np.linalg.solve(bases, rhs[:, :, None])[:, :k, 0]
                duals = np.linalg.solve(bases.transpose(0, 2, 1), basic_cost)  # B^T y = c_B
            except np.linalg.LinAlgError:  # a singular basis matrix at some program
                return rejected
            x[:, plan.basic_cols] = primal
            activity = (matrices @ x[:, :, None])[:, :, 0]
            violation = np.maximum(
                np.maximum(self._row_lower - activity, activity - self._row_upper).max(axis=1, initial=0.0),
                np.maximum(lower - x, x - upper).max(axis=1, initial=0.0),
            )
            wrong = np.concatenate((costs - (duals.transpose(0, 2, 1) @ matrices)[:, 0, :], duals[:, :, 0]), axis=1)
            if len(plan.free):
                wrong[:, plan.free] = np.abs(wrong[:, plan.free])
            wrong *= plan.sign
            wrong[:, :n][lower == upper] = 0.0  # fixed variables may have either sign
            # a non-finite value makes its comparison false: the program is rejected
            accepted = (violation <= SOLUTION_CHECK_TOL) & (wrong.max(axis=1, initial=0.0) <= LP_FEASIBILITY_TOL)
        return accepted, x, (costs * x).sum(axis=1)

    def basis_solution(
        self, matrix: np.ndarray, col_lower: np.ndarray, col_upper: np.ndarray, cost: np.ndarray
    ) -> tuple[np.ndarray, float] | None:
        """:meth:`basis_solutions` for a single program, with less overhead (a loop of points).

        Returns ``(x, c·x)`` when the last optimal basis is certified optimal for the program
        (dense ``matrix``, the model's rows and row bounds), else ``None``. Same tests, same
        tolerances. What depends only on the basis and the row bounds (the logical columns of
        the basis matrix, the nonbasic rows' values, the signs the reduced costs must have) is
        prepared once per basis (:meth:`_basis_plan`); a program then costs one LU
        factorisation (LAPACK ``gesv``), used for the primal and the dual system (``getrs``).
        """
        plan = self._basis_plan()
        if plan is None or plan.z_rows is None:  # no basis, or a nonbasic row at an infinite bound
            return None
        gesv, getrs = _lapack()
        basic_cols, k = plan.basic_cols, len(plan.basic_cols)
        x = np.where(plan.at_upper, col_upper, col_lower)  # the nonbasic columns' values; basic ones 0
        x[plan.at_zero] = 0.0
        bases = plan.basis_matrix  # its logical columns are in place; gesv works on a copy
        bases[:, :k] = matrix[:, basic_cols]
        lu, piv, primal, info = gesv(bases, plan.z_rows - matrix @ x)  # B z_B = -(A x_N - r_N)
        if info != 0:
            return None
        basic_cost = plan.basic_cost
        basic_cost[:k] = cost[basic_cols]  # c_B, zeros for the logical columns
        duals, info = getrs(lu, piv, basic_cost, trans=1)  # B^T y = c_B
        # a finite sum: every dual finite (a non-finite primal fails the feasibility test below)
        if info != 0 or not math.isfinite(duals.sum()):
            return None
        x[basic_cols] = primal[:k]
        activity = matrix @ x
        excess = np.concatenate((self._row_lower - activity, activity - self._row_upper, col_lower - x, x - col_upper))
        if not excess.max() <= SOLUTION_CHECK_TOL:
            return None
        wrong = np.concatenate((cost - duals @ matrix, duals))  # reduced costs: the columns', the rows'
        if len(plan.free):
            wrong[plan.free] = np.abs(wrong[plan.free])
        wrong *= plan.sign
        wrong[: self.num_cols][col_lower == col_upper] = 0.0  # fixed variables may have either sign
        if not wrong.max() <= LP_FEASIBILITY_TOL:
            return None
        return x, float(cost @ x)

    def _basis_plan(self) -> _BasisPlan | None:
        """What certifying the last optimal basis needs that depends only on the basis and the
        row bounds, prepared once per basis (``None`` before a successful :meth:`solve`)."""
        basis = self._optimal_basis()
        n, m = self.num_cols, self.num_rows
        if basis is None or n == 0 or m == 0:
            return None
        if self._plan is not None and self._plan[0] is basis and self._plan[1] == self._rows_version:
            return self._plan[2]
        status, basic = basis
        basic_cols, basic_rows = basic[basic < n], basic[basic >= n] - n
        col_status, row_status = status[:n], status[n:]
        col_zero = col_status == _ZERO
        col_zero[basic_cols] = True  # basic columns start at 0 in the right-hand side
        z_rows = np.where(row_status == _UPPER, self._row_upper, np.where(row_status == _ZERO, 0.0, self._row_lower))
        z_rows[basic_rows] = 0.0
        logical = np.zeros((m, len(basic_rows)))
        logical[basic_rows, np.arange(len(basic_rows))] = -1.0
        # reduced costs d must be <= 0 at a lower bound, >= 0 at an upper bound, 0 elsewhere
        # (nonbasic free); basic and fixed variables are not tested
        sign = np.where(status == _LOWER, 1.0, np.where(status == _UPPER, -1.0, 0.0))
        free = (status != _LOWER) & (status != _UPPER) & (status != _BASIC)
        row_fixed = self._row_lower == self._row_upper
        sign[n:][row_fixed] = 0.0
        free[n:][row_fixed] = False
        basis_matrix = np.zeros((m, m))
        basis_matrix[:, len(basic_cols) :] = logical
        plan = _BasisPlan(
            basic_cols=basic_cols,
            at_upper=col_status == _UPPER,
            at_zero=col_zero,
            z_rows=z_rows if np.isfinite(z_rows).all() else None,
            logical=logical,
            sign=sign + free,  # free: |d| must be 0 (|d| times 1)
            free=np.flatnonzero(free),
            basis_matrix=basis_matrix,
            basic_cost=np.zeros(m),
        )
        self._plan = (basis, self._rows_version, plan)
        return plan

    def _bases_buffer(self, count: int) -> np.ndarray:
        """A (count, rows, rows) buffer for basis matrices, kept and grown between calls."""
        if self._bases is None or len(self._bases) < count:
            self._bases = np.empty((count, self.num_rows, self.num_rows))
        return self._bases[:count]

    def _optimal_basis(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(status per variable, indices of the basic ones) of the last optimal HiGHS solution."""
        if self._basis_from_highs:
            basis = self._highs.getBasis()
            self._basis = None
            if basis.valid:
                status = np.array([int(v) for v in (*basis.col_status, *basis.row_status)], dtype=np.int8)
                basic = np.flatnonzero(status == _BASIC)
                self._basis = (status, basic) if len(basic) == self.num_rows else None
            self._basis_from_highs = False
        return self._basis

    def basis_status(self) -> tuple[str, ...] | None:
        """The last optimal basis as one letter per column, then per row: ``"B"`` basic, ``"L"``/``"U"``
        at the lower/upper bound, ``"Z"`` free at zero (None before a successful :meth:`solve`)."""
        basis = self._optimal_basis()
        if basis is None:
            return None
        letters = {_LOWER: "L", _BASIC: "B", _UPPER: "U", _ZERO: "Z"}
        return tuple(letters.get(int(s), "L") for s in basis[0])

    def violation(self, x: np.ndarray) -> float:
        """Largest violation of the program's rows and bounds at ``x`` (recomputed here)."""
        activity = self._dense @ x if self._dense is not None else self._matrix @ x
        worst = max(
            (self._row_lower - activity).max(initial=0.0),
            (activity - self._row_upper).max(initial=0.0),
            (self._col_lower - x).max(initial=0.0),
            (x - self._col_upper).max(initial=0.0),
        )
        return float(worst)

    def _checked_run(self) -> tuple[bool, str, highspy.HighsSolution | None]:
        """Run HiGHS; accept an optimal status whose solution passes the independent re-check.

        Returns whether the run is accepted, a description for error messages, and the solution.
        """
        h = self._highs
        self._last_x, self._vertex = None, None
        self._sync()
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            return False, f"'{h.modelStatusToString(status)}'", None
        solution = h.getSolution()
        violation = self.violation(np.asarray(solution.col_value, dtype=float))
        if violation <= SOLUTION_CHECK_TOL:
            return True, "", solution
        return False, f"'{h.modelStatusToString(status)}' (violation {violation:.1e})", None

    def solve(self) -> LPSolution:
        """Solve (warm-started from the last basis) and return the optimal solution.

        Every solution is re-checked against the program (``violation``): HiGHS's scaled
        tolerances can hide violations of ill-conditioned rows. If HiGHS does not report
        optimality or the re-check fails, the solve is retried from scratch: without the
        warm-start basis, without scaling, with the primal simplex, with presolve, with the interior-point
        method, and with the feasibility tolerances relaxed to ``RETRY_FEASIBILITY_TOL``
        (ill-conditioned inputs such as probabilities of 1e-10 need this).
        Only when every attempt fails is :class:`SolverError` raised.
        """
        h = self._highs
        accepted, text, solution = self._checked_run()
        attempts = [text]
        for retry in _RETRIES:
            if accepted:
                break
            saved = {name: h.getOptionValue(name)[1] for name in retry}
            h.clearSolver()
            for name, value in retry.items():
                h.setOptionValue(name, value)  # type: ignore[arg-type]
            accepted, text, solution = self._checked_run()
            attempts.append(text)
            for name, value in saved.items():
                h.setOptionValue(name, value)
        if not accepted or solution is None:
            raise SolverError(
                "the linear program was not solved to optimality: HiGHS gave "
                + ", ".join(attempts)
                + " (warm start, cold start, unscaled, primal simplex, presolve, interior point, "
                "relaxed tolerances)"
            )
        self._basis_from_highs = True
        x = np.array(solution.col_value, dtype=float)
        self._last_x = x
        return LPSolution(
            objective=float(h.getInfoValue("objective_function_value")[1]),
            x=x,
            row_dual=np.array(solution.row_dual, dtype=float),
            col_dual=np.array(solution.col_dual, dtype=float),
            status="optimal",
            solver="highs",
            iterations=int(h.getInfoValue("simplex_iteration_count")[1]),
        )


#: Largest |d| at a basic variable (which is zero in exact arithmetic) before a certificate is
#: distrusted as numerically unreliable.
CERTIFICATE_RESIDUAL_TOL = 1e-9


class _Vertex:
    """An optimal basis of a :class:`HighsModel`: which variables are basic and which way each
    non-basic variable may move (for :meth:`HighsModel.optimality_certificate`).

    Variables are the columns x and the row activities r = A x; a non-basic variable may
    increase unless it sits at its upper bound and decrease unless it sits at its lower bound;
    fixed variables (equal bounds) cannot move.
    """

    def __init__(
        self,
        x: np.ndarray,
        activity: np.ndarray,
        basic: np.ndarray,
        bounds: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    ) -> None:
        col_lower, col_upper, row_lower, row_upper = bounds
        self.x = x
        n, m = len(x), len(activity)
        self.position_of_col = np.full(n, -1, dtype=np.int64)
        is_col = basic >= 0
        self.position_of_col[basic[is_col]] = np.flatnonzero(is_col)
        self.basic_cols = basic[is_col]
        self.basic_col_positions = np.flatnonzero(is_col)
        basic_rows = -basic[~is_col] - 1
        nonbasic_col = self.position_of_col < 0
        nonbasic_row = np.ones(m, dtype=bool)
        nonbasic_row[basic_rows] = False
        self.basic_rows = basic_rows

        def moves(
            value: np.ndarray, lower: np.ndarray, upper: np.ndarray, nonbasic: np.ndarray
        ) -> tuple[np.ndarray, np.ndarray]:
            """Indices of the non-basic variables that may increase, and of those that may decrease."""
            with np.errstate(invalid="ignore"):
                nearer_lower = np.abs(value - lower) <= np.abs(value - upper)
            at_lower = np.isfinite(lower) & nearer_lower
            at_upper = np.isfinite(upper) & ~at_lower
            free = nonbasic & (lower < upper)
            return np.flatnonzero(free & ~at_upper), np.flatnonzero(free & ~at_lower)

        self.activity = activity
        self.basic_order = np.zeros(0, dtype=np.int64)  # variables in basis order (set by tableau)
        self._tableau: tuple[object, ...] | None = None
        self.col_up, self.col_down = moves(x, col_lower, col_upper, nonbasic_col)
        self.row_up, self.row_down = moves(activity, row_lower, row_upper, nonbasic_row)

    def tableau(self, matrix: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """(free, may_increase, may_decrease, X) with X = B⁻¹ N on the free non-basic variables.

        ``free`` indexes the variables (columns, then rows as ``n + i``) that are non-basic and
        not fixed; X has one row per basis position. Computed once per vertex (one sparse LU of
        B, one solve per free variable: few at a face vertex). ``None`` when the LU fails or
        its residual exceeds ``CERTIFICATE_RESIDUAL_TOL``.
        """
        if self._tableau is not None:
            return self._tableau if self._tableau[0] is not None else None  # type: ignore[return-value]
        n = len(self.x)
        m = len(self.basic_rows) + len(self.basic_cols)
        free_up = np.concatenate([self.col_up, n + self.row_up])
        free_down = np.concatenate([self.col_down, n + self.row_down])
        free = np.union1d(free_up, free_down)
        full = sp.hstack([sp.csc_array(matrix), -sp.identity(m, format="csc")], format="csc")
        basic = np.empty(m, dtype=np.int64)
        basic[self.basic_col_positions] = self.basic_cols
        basic[np.setdiff1d(np.arange(m), self.basic_col_positions)] = n + self.basic_rows
        self.basic_order = basic
        failed = (None, None, None, None)
        if len(free) == 0:
            X = np.zeros((m, 0))
        else:
            B = full[:, basic].tocsc()
            N = full[:, free].toarray()
            from scipy.sparse.linalg import splu  # lazy: scipy.linalg costs start-up time

            try:
                X = splu(B).solve(N)
            except RuntimeError:  # singular
                self._tableau = failed
                return None
            # residual of a random combination of the columns (one product instead of f)
            w = np.random.default_rng(0).uniform(0.5, 1.0, size=len(free))
            if not np.isfinite(X).all() or np.abs(B @ (X @ w) - N @ w).max(initial=0.0) > CERTIFICATE_RESIDUAL_TOL:
                self._tableau = failed
                return None
        found = (free, np.isin(free, free_up), np.isin(free, free_down), X)
        self._tableau = found
        return found

    def column_certificates(self, matrix: sp.csr_array) -> tuple[np.ndarray, np.ndarray] | None:
        """For every column j at once: whether this vertex maximises / minimises x_j.

        A non-basic column's certificate is immediate (it is at a bound it cannot leave in one
        direction). For a basic column in basis position k the reduced costs of the objective
        e_j on the free non-basic variables are minus row k of the simplex tableau B⁻¹N
        (:meth:`tableau`).
        """
        found = self.tableau(matrix)
        if found is None:
            return None
        free, up, down, X = found
        n = len(self.x)
        maximal = np.ones(n, dtype=bool)
        minimal = np.ones(n, dtype=bool)
        maximal[self.col_up] = False  # a non-basic column that may increase is not at its maximum
        minimal[self.col_down] = False
        d = -X[self.basic_col_positions]
        tol = LP_FEASIBILITY_TOL
        maximal[self.basic_cols] = np.all(np.where(up, d <= tol, True) & np.where(down, d >= -tol, True), axis=1)
        minimal[self.basic_cols] = np.all(np.where(up, d >= -tol, True) & np.where(down, d <= tol, True), axis=1)
        return maximal, minimal

    def face_directions(self, matrix: sp.csr_array, bounds: tuple[np.ndarray, ...]) -> np.ndarray | None:
        """An orthonormal basis Z (free × r) of the directions in which the feasible set extends
        from this vertex, in the coordinates of the free non-basic variables.

        The cone of feasible directions at the vertex is D = {w : free non-basic variables move
        only away from their bounds, and the basic variables that sit at a bound (degenerate)
        or are fixed, dz_B = -X w, only away from theirs}. Its linear span is found exactly by
        one small LP (Kelk et al.'s trick for implicit equalities): maximise Σ t over
        t_g <= g·w, 0 <= t_g <= 1 for every inequality g of D; since D is a cone, every
        inequality that is not an implicit equality reaches t_g = 1 and the implicit ones stay
        at 0. The span is the null space of the implicit equalities. A linear quantity with
        reduced costs d on the free variables is constant over the feasible set iff Zᵀd = 0.
        ``None`` if anything fails (no conclusion).
        """
        found = self.tableau(matrix)
        if found is None:
            return None
        free, up, down, X = found
        f = len(free)
        if f == 0:
            return np.zeros((0, 0))
        col_lower, col_upper, row_lower, row_upper = bounds
        z_lower = np.concatenate([col_lower, row_lower])
        z_upper = np.concatenate([col_upper, row_upper])
        value = np.concatenate([self.x, self.activity])[self.basic_order]
        lower, upper = z_lower[self.basic_order], z_upper[self.basic_order]
        tol = SOLUTION_CHECK_TOL
        fixed = lower == upper
        at_lower = ~fixed & np.isfinite(lower) & (value <= lower + tol)
        at_upper = ~fixed & np.isfinite(upper) & (value >= upper - tol)
        eye = np.eye(f)
        inequalities = np.vstack([eye[up & ~down], -eye[down & ~up], -X[at_lower], X[at_upper]])
        equalities = X[fixed]
        g = len(inequalities)
        if g:
            A = sp.hstack([sp.csr_array(inequalities), -sp.identity(g, format="csr")], format="csr")
            if len(equalities):
                A = sp.vstack([A, sp.hstack([sp.csr_array(equalities), sp.csr_array((len(equalities), g))])])
            row_lower = np.concatenate([np.zeros(g), np.zeros(len(equalities))])
            program = LinearProgram(
                np.concatenate([np.zeros(f), np.ones(g)]),
                sp.csc_array(A),
                row_lower,
                np.concatenate([np.full(g, np.inf), np.zeros(len(equalities))]),
                np.concatenate([np.full(f, -np.inf), np.zeros(g)]),
                np.concatenate([np.full(f, np.inf), np.ones(g)]),
            )
            try:
                t = HighsModel(program).solve().x[f:]
            except SolverError:
                return None
            if np.any((t > 1e-6) & (t < 1 - 1e-6)):  # not the clean 0/1 answer: no conclusion
                return None
            implicit = inequalities[t < 0.5]
        else:
            implicit = np.zeros((0, f))
        constraints = np.vstack([implicit, equalities])
        if len(constraints) == 0:
            return eye
        if len(constraints) > f:  # the same row space in an f × f triangle (cheap SVD below)
            constraints = np.asarray(np.linalg.qr(constraints, mode="r"))
        _, singular, vt = np.linalg.svd(constraints)
        rank = int(np.sum(singular > 1e-9 * max(1.0, float(singular.max(initial=0.0)))))
        return vt[rank:].T

    def certify(self, c: np.ndarray, highs: highspy.Highs, matrix: sp.csr_array) -> tuple[bool, bool, float]:
        """(max certified, min certified, c·x) for the objective ``c`` at this vertex."""
        value = float(c @ self.x)
        m = len(self.basic_rows) + len(self.basic_cols)
        on_basic = c[self.basic_cols]
        nz = np.flatnonzero(on_basic)
        if len(nz) == 0:
            y = None
        elif len(nz) == 1 and on_basic[nz[0]] == 1.0:
            position = int(self.basic_col_positions[nz[0]])
            status, y, count, index = highs.getBasisInverseRowSparse(position)  # type: ignore[attr-defined]
        else:
            rhs = np.zeros(m)
            rhs[self.basic_col_positions] = on_basic
            status, y, count, index = highs.getBasisTransposeSolveSparse(rhs)  # type: ignore[attr-defined]
        if y is None:
            d_cols, d_rows = c, None
        else:
            if status != highspy.HighsStatus.kOk:
                return False, False, value
            index = np.asarray(index[:count], dtype=np.int64)
            y_nz = np.asarray(y, dtype=float)[index]
            if count * 8 < m:
                d_cols = c - matrix[index].T @ y_nz
            else:
                d_cols = c - matrix.T @ np.asarray(y, dtype=float)
            d_rows = np.asarray(y, dtype=float)
            residual = max(
                np.abs(d_cols[self.basic_cols]).max(initial=0.0), np.abs(d_rows[self.basic_rows]).max(initial=0.0)
            )
            if not np.isfinite(residual) or residual > CERTIFICATE_RESIDUAL_TOL:
                return False, False, value
        tol = LP_FEASIBILITY_TOL
        up_hi = d_cols[self.col_up].max(initial=-np.inf)  # raising these would add d
        up_lo = d_cols[self.col_up].min(initial=np.inf)
        down_hi = d_cols[self.col_down].max(initial=-np.inf)
        down_lo = d_cols[self.col_down].min(initial=np.inf)
        if d_rows is not None:
            up_hi = max(up_hi, d_rows[self.row_up].max(initial=-np.inf))
            up_lo = min(up_lo, d_rows[self.row_up].min(initial=np.inf))
            down_hi = max(down_hi, d_rows[self.row_down].max(initial=-np.inf))
            down_lo = min(down_lo, d_rows[self.row_down].min(initial=np.inf))
        maximal = bool(up_hi <= tol and down_lo >= -tol)
        minimal = bool(up_lo >= -tol and down_hi <= tol)
        return maximal, minimal, value


@dataclass(frozen=True)
class _BasisPlan:
    """An optimal basis prepared for certifying it on related programs
    (:meth:`HighsModel.basis_solutions`): the basic columns, the nonbasic columns at their upper
    bound or at zero (basic ones included: they start at 0), the nonbasic rows' values
    (``None`` if one sits at an infinite bound), the basis matrix's logical columns, the sign
    each reduced cost must have (+1: <= 0, -1: >= 0, 0: not tested; free ones |d| <= tol) and
    the free variables; and :meth:`HighsModel.basis_solution`'s two buffers."""

    basic_cols: np.ndarray
    at_upper: np.ndarray
    at_zero: np.ndarray
    z_rows: np.ndarray | None
    logical: np.ndarray
    sign: np.ndarray
    free: np.ndarray
    basis_matrix: np.ndarray  # basis_solution's buffer: B with its logical columns in place
    basic_cost: np.ndarray  # basis_solution's buffer: c_B (zeros at the logical columns)


def _lapack() -> tuple[Any, Any]:
    """LAPACK's ``dgesv`` and ``dgetrs`` (SciPy), imported on first use."""
    global _LAPACK
    if _LAPACK is None:
        from scipy.linalg import lapack

        _LAPACK = (lapack.dgesv, lapack.dgetrs)
    return _LAPACK


_LAPACK: tuple[Any, Any] | None = None


#: HiGHS basis statuses (``highspy.HighsBasisStatus``) as integers.
_LOWER, _BASIC, _UPPER, _ZERO = (
    int(highspy.HighsBasisStatus.kLower),
    int(highspy.HighsBasisStatus.kBasic),
    int(highspy.HighsBasisStatus.kUpper),
    int(highspy.HighsBasisStatus.kZero),
)

#: Feasibility tolerance of the last retry of :meth:`HighsModel.solve`.
RETRY_FEASIBILITY_TOL = 1e-9

#: Option changes of the successive retries after a non-optimal status (each from scratch).
_RETRIES: tuple[dict[str, object], ...] = (
    {},
    {"simplex_scale_strategy": 0},  # no scaling
    {"simplex_strategy": 4},  # primal simplex
    {"presolve": "on"},
    {"solver": "ipm"},  # interior point with crossover
    {
        "presolve": "on",
        "primal_feasibility_tolerance": RETRY_FEASIBILITY_TOL,
        "dual_feasibility_tolerance": RETRY_FEASIBILITY_TOL,
    },
)


def solve(program: LinearProgram) -> LPSolution:
    """Solve one program with a fresh :class:`HighsModel`."""
    return HighsModel(program).solve()


def solve_with_linprog(program: LinearProgram) -> LPSolution:
    """Solve one program with :func:`scipy.optimize.linprog` (HiGHS inside SciPy), from scratch.

    The reference "naive" path: no model reuse, no warm start.
    """
    from scipy.optimize import linprog  # imported here: scipy.optimize costs start-up time

    A = sp.csr_array(program.matrix)
    lower_finite = np.isfinite(program.row_lower)
    upper_finite = np.isfinite(program.row_upper)
    equal = lower_finite & upper_finite & (program.row_lower == program.row_upper)
    ub_rows = upper_finite & ~equal
    lb_rows = lower_finite & ~equal
    A_ub = sp.vstack([A[ub_rows], -A[lb_rows]]).tocsr()
    b_ub = np.concatenate([program.row_upper[ub_rows], -program.row_lower[lb_rows]])
    bounds = np.column_stack([program.col_lower, program.col_upper])
    result = linprog(
        -program.objective,
        A_ub=A_ub if A_ub.shape[0] else None,
        b_ub=b_ub if A_ub.shape[0] else None,
        A_eq=A[equal] if equal.any() else None,
        b_eq=program.row_lower[equal] if equal.any() else None,
        bounds=[(lo if np.isfinite(lo) else None, hi if np.isfinite(hi) else None) for lo, hi in bounds],
        method="highs",
        options={"primal_feasibility_tolerance": LP_FEASIBILITY_TOL, "dual_feasibility_tolerance": LP_FEASIBILITY_TOL},
    )
    if result.status != 0:
        raise SolverError(f"the linear program was not solved to optimality: linprog says '{result.message}'")
    return LPSolution(
        objective=float(-result.fun),
        x=np.asarray(result.x, dtype=float),
        status="optimal",
        solver="scipy.linprog",
        iterations=int(getattr(result, "nit", 0)),
    )


def _active_bound(value: float, lower: float, upper: float) -> float | None:
    """The finite bound ``value`` sits at (within SOLUTION_CHECK_TOL), if any."""
    if np.isfinite(lower) and abs(value - lower) <= SOLUTION_CHECK_TOL:
        return float(lower)
    if np.isfinite(upper) and abs(value - upper) <= SOLUTION_CHECK_TOL:
        return float(upper)
    return None


def _clip(bounds: np.ndarray | float) -> np.ndarray:
    """Map ±numpy.inf to HiGHS's infinity (a no-op, without copying, where HiGHS's infinity is inf)."""
    array = np.asarray(bounds, dtype=float)
    return array if _INF == np.inf else np.clip(array, -_INF, _INF)


def _check(status: highspy.HighsStatus, what: str) -> None:
    if status == highspy.HighsStatus.kError:
        raise SolverError(f"HiGHS reported an error while {what}")
