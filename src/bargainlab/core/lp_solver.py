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

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from bargainlab.errors import InvalidParameterError, SolverError
from bargainlab.tolerances import DUAL_TOL, LP_FEASIBILITY_TOL, SOLUTION_CHECK_TOL

__all__ = ["LinearProgram", "LPSolution", "HighsModel", "solve_with_linprog", "solve"]

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
        return self.matrix.shape  # type: ignore[return-value]


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

    def set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        """Change the bounds of one row."""
        self._row_lower[row] = lower
        self._row_upper[row] = upper
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
        self.num_rows += 1
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
        count = len(matrices)
        shape = (count, self.num_cols)
        lower = np.broadcast_to(np.asarray(col_lower, dtype=float), shape)
        upper = np.broadcast_to(np.asarray(col_upper, dtype=float), shape)
        costs = np.broadcast_to(np.asarray(costs, dtype=float), shape)
        rejected = (np.zeros(count, dtype=bool), np.zeros(shape), np.zeros(count))
        basis = self._optimal_basis()
        if basis is None or matrices.shape[1:] != (self.num_rows, self.num_cols):
            return rejected
        status, basic = basis
        # variables z = (x, r) with A x - r = 0; nonbasic ones sit at the bound their status names
        z_lower = np.concatenate([lower, np.broadcast_to(self._row_lower, (count, self.num_rows))], axis=1)
        z_upper = np.concatenate([upper, np.broadcast_to(self._row_upper, (count, self.num_rows))], axis=1)
        z = np.where(status == _UPPER, z_upper, np.where(status == _ZERO, 0.0, z_lower))
        z[:, basic] = 0.0
        full = np.concatenate([matrices, np.broadcast_to(-np.eye(self.num_rows), (count,) + (self.num_rows,) * 2)], 2)
        with np.errstate(invalid="ignore", over="ignore"):
            bases = full[:, :, basic]
            rhs = -(full @ np.nan_to_num(z, posinf=0.0, neginf=0.0)[:, :, None])
            cost_full = np.concatenate([costs, np.zeros((count, self.num_rows))], axis=1)
            try:
                z[:, basic] = np.linalg.solve(bases, rhs)[:, :, 0]
                duals = np.linalg.solve(bases.transpose(0, 2, 1), cost_full[:, basic, None])
            except np.linalg.LinAlgError:  # a singular basis matrix at some program
                return rejected
            x = z[:, : self.num_cols]
            activity = (matrices @ x[:, :, None])[:, :, 0]
            violation = np.maximum(
                np.maximum(self._row_lower - activity, activity - self._row_upper).max(axis=1, initial=0.0),
                np.maximum(lower - x, x - upper).max(axis=1, initial=0.0),
            )
            reduced = cost_full - (duals.transpose(0, 2, 1) @ full)[:, 0, :]
        sign = np.where(status == _LOWER, 1.0, np.where(status == _UPPER, -1.0, 0.0))
        wrong = np.where(sign == 0.0, np.abs(reduced), sign * reduced)
        wrong[:, basic] = 0.0
        wrong[z_lower == z_upper] = 0.0  # fixed variables may have either sign
        nonbasic_finite = np.isfinite(np.where(status == _BASIC, 0.0, z)).all(axis=1)
        accepted = (
            nonbasic_finite
            & np.isfinite(z).all(axis=1)
            & (violation <= SOLUTION_CHECK_TOL)
            & (wrong.max(axis=1, initial=0.0) <= LP_FEASIBILITY_TOL)
        )
        return accepted, x, (costs * x).sum(axis=1)

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
                h.setOptionValue(name, value)
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
        return LPSolution(
            objective=float(h.getInfoValue("objective_function_value")[1]),
            x=np.array(solution.col_value, dtype=float),
            row_dual=np.array(solution.row_dual, dtype=float),
            col_dual=np.array(solution.col_dual, dtype=float),
            status="optimal",
            solver="highs",
            iterations=int(h.getInfoValue("simplex_iteration_count")[1]),
        )


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
