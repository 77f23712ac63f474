"""Exact optimality certificates for linear programs with rational data.

A floating-point LP solver returns a solution that is optimal up to tolerances. For rational
data an *exact* answer is within reach: the solver's optimal basis names which variables sit
at which bound, and re-solving that basis system in rational arithmetic gives the exact basic
solution and duals. This module

1. takes HiGHS's optimal basis of the rounded program (:meth:`HighsModel.basis_status`),
2. solves the basis system in exact rational arithmetic (python-flint ``fmpq_mat``),
3. verifies primal feasibility, dual feasibility and complementary slackness exactly
   (:func:`check_optimality`), and
4. if the check fails (the rounded program's basis is not optimal for the exact data, or is
   singular), pivots exactly from that basis — a bounded-variable primal simplex with a
   phase 1 on the sum of infeasibilities and Bland's rule (:func:`rational_simplex`) —
   until the check holds.

The program is ``maximize c·x  s.t.  row_lower <= A x <= row_upper,  col_lower <= x <= col_upper``
(``None`` for an infinite bound), as :class:`~bargainlab.core.lp_solver.LinearProgram`. With
row activities r = A x the variables are z = (x, r) and the constraints M z = 0, M = [A, -I];
a basis is a status per variable: ``"B"`` basic, ``"L"``/``"U"`` at the lower/upper bound,
``"Z"`` free at zero (HiGHS's statuses).

The optimality proof does not need the basis: for row duals y and reduced costs d = c - Aᵀy,
if x is feasible, every y_i > 0 has row i at its upper bound, every y_i < 0 at its lower bound,
every d_j > 0 has x_j at its upper bound and every d_j < 0 at its lower bound, then for every
feasible x', c·x' = y·Ax' + d·x' <= Σ_i y_i (bound of row i) + Σ_j d_j (bound of x_j) = c·x.
:func:`certificate` writes (data, basis, x, y) as JSON fraction strings; the short pure-Python
script ``docs/check_certificate.py`` re-checks it independently.

python-flint is an optional dependency (extra ``exact``); a clear error names it when missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
import scipy.sparse as sp

from bargainlab.core.lp_solver import HighsModel, LinearProgram
from bargainlab.errors import InvalidParameterError, MissingDependencyError, SolverError

__all__ = [
    "ExactProgram",
    "ExactSolution",
    "OptimalityCheck",
    "MissingExtraError",
    "as_fraction",
    "check_optimality",
    "solve_exact",
    "rational_simplex",
    "basic_solution",
    "slack_basis",
    "certificate",
    "verify_certificate",
    "optimal_face",
    "CERTIFICATE_FORMAT",
]

#: Identifies the JSON layout written by :func:`certificate`.
CERTIFICATE_FORMAT = "bargainlab-exact-lp-certificate/1"

#: Largest denominator accepted when a float is read as a fraction (floats are read through
#: their shortest decimal representation, ``Fraction(repr(x))``, which stays far below this).
MAX_FLOAT_DENOMINATOR = 10**30

#: Pivots of the rational simplex before it gives up (a guard against cycling bugs).
MAX_PIVOTS = 20_000

Bound = Fraction | None


#: The error raised when python-flint (the ``exact`` extra) is missing.
MissingExtraError = MissingDependencyError


def _flint() -> Any:
    """The python-flint module, or a clear error naming the extra that installs it."""
    try:
        import flint
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError(
            "exact arithmetic needs python-flint: pip install 'bargainlab[exact]' (or pip install python-flint)"
        ) from None
    return flint


def as_fraction(value: object, key: str = "value") -> Fraction:
    """Read a number exactly: a Fraction, an int, a string such as ``"1/3"`` or ``"0.25"``, or a
    float through its shortest decimal representation (``0.1`` -> 1/10).

    Examples
    --------
    >>> as_fraction("1/3"), as_fraction("0.25"), as_fraction(0.1), as_fraction(2)
    (Fraction(1, 3), Fraction(1, 4), Fraction(1, 10), Fraction(2, 1))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InvalidParameterError(key, value, "a number (fraction such as 1/3, or decimal)")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise InvalidParameterError(key, value, "a finite number")
        return Fraction(repr(float(value)))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidParameterError(key, value, "a number such as 1/3, 0.25 or 2") from None
    raise InvalidParameterError(key, value, "a number (fraction such as 1/3, or decimal)")


@dataclass(frozen=True)
class ExactProgram:
    """maximize c·x s.t. row_lower <= A x <= row_upper, col_lower <= x <= col_upper, exactly.

    Parameters
    ----------
    objective
        c, one Fraction per column.
    entries
        The non-zero entries of A as ``{(row, col): Fraction}``.
    row_lower, row_upper, col_lower, col_upper
        Bounds (``None`` for ∓∞).
    """

    objective: tuple[Fraction, ...]
    entries: dict[tuple[int, int], Fraction]
    row_lower: tuple[Bound, ...]
    row_upper: tuple[Bound, ...]
    col_lower: tuple[Bound, ...]
    col_upper: tuple[Bound, ...]

    def __post_init__(self) -> None:
        n, m = len(self.objective), len(self.row_lower)
        if len(self.col_lower) != n or len(self.col_upper) != n or len(self.row_upper) != m:
            raise InvalidParameterError("bounds", (n, m), "one bound per column and per row")
        for (r, c), v in self.entries.items():
            if not (0 <= r < m and 0 <= c < n) or not isinstance(v, Fraction):
                raise InvalidParameterError("entries", (r, c, v), f"Fractions at rows < {m}, columns < {n}")
        if any(v == 0 for v in self.entries.values()):
            object.__setattr__(self, "entries", {key: v for key, v in self.entries.items() if v != 0})

    @property
    def num_rows(self) -> int:
        """Number of rows m."""
        return len(self.row_lower)

    @property
    def num_cols(self) -> int:
        """Number of columns n."""
        return len(self.objective)

    def with_objective(self, objective: Sequence[Fraction]) -> ExactProgram:
        """The same feasible set with another objective."""
        return replace(self, objective=tuple(objective))

    def columns(self) -> list[dict[int, Fraction]]:
        """A's columns as ``{row: value}``."""
        cols: list[dict[int, Fraction]] = [{} for _ in range(self.num_cols)]
        for (r, c), v in self.entries.items():
            cols[c][r] = v
        return cols

    def activity(self, x: Sequence[Fraction]) -> list[Fraction]:
        """A x (exact)."""
        flint = _flint()
        return _fractions(_flint_matrix(self) * _column(flint, x))

    def reduced_costs(self, y: Sequence[Fraction]) -> list[Fraction]:
        """c - Aᵀ y (exact)."""
        flint = _flint()
        product = _fractions(_flint_matrix(self).transpose() * _column(flint, y))
        return [c - v for c, v in zip(self.objective, product)]

    def to_float(self) -> LinearProgram:
        """The rounded program for a floating-point solver."""
        keys = list(self.entries)
        matrix = sp.csc_array(
            (
                [float(self.entries[k]) for k in keys],
                ([k[0] for k in keys], [k[1] for k in keys]),
            ),
            shape=(self.num_rows, self.num_cols),
        )

        def bounds(values: Sequence[Bound], infinity: float) -> np.ndarray:
            return np.array([infinity if v is None else float(v) for v in values])

        return LinearProgram(
            objective=np.array([float(v) for v in self.objective]),
            matrix=matrix,
            row_lower=bounds(self.row_lower, -np.inf),
            row_upper=bounds(self.row_upper, np.inf),
            col_lower=bounds(self.col_lower, -np.inf),
            col_upper=bounds(self.col_upper, np.inf),
        )


@dataclass(frozen=True)
class OptimalityCheck:
    """The exact verification of a primal-dual pair (all conditions checked in rationals).

    Attributes
    ----------
    primal_feasible
        Every row and column bound holds at x.
    dual_feasible
        Every non-zero dual and reduced cost points at a finite bound (the sign condition).
    complementary
        Every non-zero dual and reduced cost has its row or column at that bound.
    objective, dual_bound
        c·x and the dual objective Σ y_i (bound of row i) + Σ d_j (bound of x_j); equal when
        the other three hold.
    """

    primal_feasible: bool
    dual_feasible: bool
    complementary: bool
    objective: Fraction
    dual_bound: Fraction | None

    @property
    def passed(self) -> bool:
        """All conditions hold: x is an exact optimal solution and y proves it."""
        return self.primal_feasible and self.dual_feasible and self.complementary and self.objective == self.dual_bound


@dataclass(frozen=True)
class ExactSolution:
    """An exactly certified optimal solution.

    Attributes
    ----------
    objective
        The optimal value c·x (a Fraction).
    x
        The optimal basic solution (columns).
    row_dual
        y: optimal duals of the rows.
    reduced_cost
        d = c - Aᵀy.
    status
        The optimal basis: one of ``"B"``, ``"L"``, ``"U"``, ``"Z"`` per column, then per row.
    check
        The exact verification (``check.passed`` is always True for a returned solution).
    source
        ``"highs-basis"`` when HiGHS's basis was optimal as it stood, ``"rational-simplex"``
        when exact pivots were needed.
    pivots
        Exact pivots made after the HiGHS basis.
    """

    objective: Fraction
    x: tuple[Fraction, ...]
    row_dual: tuple[Fraction, ...]
    reduced_cost: tuple[Fraction, ...]
    status: tuple[str, ...]
    check: OptimalityCheck = field(repr=False)
    source: str = "highs-basis"
    pivots: int = 0


# ---------------------------------------------------------------------------- flint helpers
_MATRIX_CACHE: dict[int, tuple[dict[tuple[int, int], Fraction], int, int, Any]] = {}


def _flint_matrix(program: ExactProgram) -> Any:
    """A as a python-flint ``fmpq_mat`` (cached per entries dict: objective changes reuse it)."""
    key = id(program.entries)
    cached = _MATRIX_CACHE.get(key)
    if cached is not None and cached[0] is program.entries and cached[1:3] == (program.num_rows, program.num_cols):
        return cached[3]
    flint = _flint()
    matrix = flint.fmpq_mat(program.num_rows, program.num_cols)
    for (r, c), v in program.entries.items():
        matrix[r, c] = flint.fmpq(v.numerator, v.denominator)
    if len(_MATRIX_CACHE) >= 16:
        _MATRIX_CACHE.clear()
    _MATRIX_CACHE[key] = (program.entries, program.num_rows, program.num_cols, matrix)
    return matrix


def _column(flint: Any, values: Sequence[Fraction]) -> Any:
    fmpq = flint.fmpq
    return flint.fmpq_mat(len(values), 1, [fmpq(v.numerator, v.denominator) for v in values])


def _fractions(vec: Any) -> list[Fraction]:
    return [Fraction(int(q.p), int(q.q)) for q in vec.entries()]


# ---------------------------------------------------------------------------- verification
def check_optimality(program: ExactProgram, x: Sequence[Fraction], y: Sequence[Fraction]) -> OptimalityCheck:
    """Verify exactly that ``x`` is optimal with the row duals ``y`` as proof (module docstring)."""
    activity = program.activity(x)
    primal = all(
        (lo is None or lo <= a) and (up is None or a <= up)
        for a, lo, up in zip(activity, program.row_lower, program.row_upper)
    ) and all(
        (lo is None or lo <= v) and (up is None or v <= up)
        for v, lo, up in zip(x, program.col_lower, program.col_upper)
    )
    reduced = program.reduced_costs(y)
    dual_ok, slack_ok = True, True
    bound = Fraction(0)
    pairs = list(zip(y, activity, program.row_lower, program.row_upper)) + list(
        zip(reduced, x, program.col_lower, program.col_upper)
    )
    for multiplier, value, lo, up in pairs:
        if multiplier == 0:
            continue
        side = up if multiplier > 0 else lo
        if side is None:
            dual_ok = False
            continue
        slack_ok = slack_ok and value == side
        bound += multiplier * side
    objective = sum((c * v for c, v in zip(program.objective, x)), Fraction(0))
    return OptimalityCheck(primal, dual_ok, slack_ok, objective, bound if dual_ok else None)


# ---------------------------------------------------------------------------- bases
def slack_basis(program: ExactProgram) -> tuple[str, ...]:
    """Every row activity basic, every column at a finite bound (or free at zero)."""
    cols = tuple(_nonbasic_status(lo, up) for lo, up in zip(program.col_lower, program.col_upper))
    return cols + ("B",) * program.num_rows


def _nonbasic_status(lo: Bound, up: Bound, preferred: str = "L") -> str:
    if preferred == "U" and up is not None:
        return "U"
    if lo is not None:
        return "L"
    if up is not None:
        return "U"
    return "Z"


def _bounds(program: ExactProgram) -> tuple[list[Bound], list[Bound]]:
    return list(program.col_lower) + list(program.row_lower), list(program.col_upper) + list(program.row_upper)


def _clean(program: ExactProgram, status: Sequence[str]) -> tuple[str, ...] | None:
    """A usable status vector (nonbasic statuses that name finite bounds), or None."""
    lower, upper = _bounds(program)
    if len(status) != len(lower) or sum(s == "B" for s in status) != program.num_rows:
        return None
    out = []
    for s, lo, up in zip(status, lower, upper):
        if s == "B":
            out.append("B")
        elif s == "U":
            out.append(_nonbasic_status(lo, up, "U"))
        elif s == "Z" and lo is None and up is None:
            out.append("Z")
        else:
            out.append(_nonbasic_status(lo, up, "L"))
    return tuple(out)


class _BasisSystem:
    """The rows of M = [A, -I] by variable, and exact solves with a basis (python-flint)."""

    def __init__(self, program: ExactProgram) -> None:
        self.flint = _flint()
        self.program = program
        self.m, self.n = program.num_rows, program.num_cols
        self.columns: list[dict[int, Fraction]] = program.columns() + [{i: Fraction(-1)} for i in range(self.m)]
        self.lower, self.upper = _bounds(program)
        self.cost = list(program.objective) + [Fraction(0)] * self.m

    def matrix(self, basic: Sequence[int]) -> Any:
        fmpq = self.flint.fmpq
        B = self.flint.fmpq_mat(self.m, self.m)
        for k, j in enumerate(basic):
            for i, v in self.columns[j].items():
                B[i, k] = fmpq(v.numerator, v.denominator)
        return B

    def vector(self, values: Sequence[Fraction]) -> Any:
        fmpq = self.flint.fmpq
        return self.flint.fmpq_mat(len(values), 1, [fmpq(v.numerator, v.denominator) for v in values])

    @staticmethod
    def fractions(vec: Any) -> list[Fraction]:
        return [Fraction(int(q.p), int(q.q)) for q in vec.entries()]

    def nonbasic_value(self, j: int, s: str) -> Fraction:
        bound = self.lower[j] if s == "L" else self.upper[j] if s == "U" else Fraction(0)
        return Fraction(0) if bound is None else bound

    def solve(
        self, status: Sequence[str], cost: Sequence[Fraction]
    ) -> tuple[list[Fraction], list[Fraction], list[Fraction]]:
        """(z, y, reduced costs) of the basis ``status`` for the cost vector ``cost`` over z.

        Raises ZeroDivisionError when the basis matrix is singular.
        """
        basic = [j for j, s in enumerate(status) if s == "B"]
        z = [Fraction(0) if s == "B" else self.nonbasic_value(j, s) for j, s in enumerate(status)]
        # M z = A x - r = 0, so the basics solve B z_B = r_N - A x_N (basic entries of z are 0 here)
        rhs = self.vector(z[self.n :]) - _flint_matrix(self.program) * self.vector(z[: self.n])
        B = self.matrix(basic)
        for j, value in zip(basic, self.fractions(B.solve(rhs))):
            z[j] = value
        y_vec = B.transpose().solve(self.vector([cost[j] for j in basic]))
        y = self.fractions(y_vec)
        product = self.fractions(_flint_matrix(self.program).transpose() * y_vec)
        reduced = [cost[j] - product[j] for j in range(self.n)] + [cost[self.n + i] + y[i] for i in range(self.m)]
        return z, y, reduced

    def direction(self, status: Sequence[str], entering: int) -> dict[int, Fraction]:
        """Change of each basic variable per unit increase of ``entering``: -B⁻¹ M_entering."""
        basic = [j for j, s in enumerate(status) if s == "B"]
        column = [Fraction(0)] * self.m
        for i, v in self.columns[entering].items():
            column[i] = -v
        step = self.fractions(self.matrix(basic).solve(self.vector(column)))
        return dict(zip(basic, step))


def basic_solution(program: ExactProgram, status: Sequence[str]) -> ExactSolution | None:
    """The basis ``status`` solved exactly; ``None`` when it is singular or not optimal."""
    clean = _clean(program, status)
    if clean is None:
        return None
    system = _BasisSystem(program)
    try:
        z, y, reduced = system.solve(clean, system.cost)
    except ZeroDivisionError:
        return None
    x = z[: program.num_cols]
    check = check_optimality(program, x, y)
    if not check.passed:
        return None
    return ExactSolution(check.objective, tuple(x), tuple(y), tuple(reduced[: program.num_cols]), clean, check)


# ---------------------------------------------------------------------------- rational simplex
def rational_simplex(program: ExactProgram, status: Sequence[str] | None = None) -> ExactSolution:
    """Exact bounded-variable primal simplex from ``status`` (the slack basis by default).

    Phase 1 maximises minus the sum of the basic variables' bound violations (costs ±1 on the
    violating basics, recomputed each pivot); phase 2 maximises c. Entering and leaving
    variables are chosen by Bland's rule (smallest index), which rules out cycling in phase 2.

    Raises
    ------
    SolverError
        If the program is infeasible or unbounded, or the pivot limit is reached.
    """
    system = _BasisSystem(program)
    current = _clean(program, status) if status is not None else None
    if current is None:
        current = slack_basis(program)
    try:
        system.solve(current, system.cost)
    except ZeroDivisionError:
        current = slack_basis(program)
    state = list(current)
    lower, upper = system.lower, system.upper
    for pivot in range(MAX_PIVOTS):
        z, _, _ = system.solve(state, [Fraction(0)] * len(state))
        below = {j for j, s in enumerate(state) if s == "B" and _below(z[j], lower[j])}
        above = {j for j, s in enumerate(state) if s == "B" and _below(upper[j], z[j])}
        phase_one = bool(below or above)
        cost = (
            [Fraction(1) if j in below else Fraction(-1) if j in above else Fraction(0) for j in range(len(state))]
            if phase_one
            else system.cost
        )
        z, y, reduced = system.solve(state, cost)
        entering, sign = _entering(state, reduced, lower, upper)
        if entering is None:
            if phase_one:
                raise SolverError("the linear program is infeasible (exact phase 1)")
            x = z[: program.num_cols]
            check = check_optimality(program, x, y)
            if not check.passed:  # pragma: no cover - a bug, never expected
                raise SolverError("the exact simplex ended without an optimality certificate")
            return ExactSolution(
                check.objective,
                tuple(x),
                tuple(y),
                tuple(reduced[: program.num_cols]),
                tuple(state),
                check,
                "rational-simplex",
                pivot,
            )
        step = {j: sign * v for j, v in system.direction(state, entering).items()}
        limit, leaving, leave_at = _ratio_test(z, step, lower, upper, below, above)
        low, high = lower[entering], upper[entering]
        own = None if low is None or high is None else high - low
        if own is not None and (limit is None or own <= limit):
            state[entering] = "U" if sign > 0 else "L"  # a bound flip
            continue
        if limit is None:
            raise SolverError("the linear program is unbounded (exact simplex)")
        state[entering] = "B"
        state[leaving] = leave_at
    raise SolverError(f"the exact simplex did not finish within {MAX_PIVOTS} pivots")


def _below(a: Bound, b: Bound) -> bool:
    """a < b, with None (an infinite bound) never compared."""
    return a is not None and b is not None and a < b


def _entering(
    state: Sequence[str], reduced: Sequence[Fraction], lower: Sequence[Bound], upper: Sequence[Bound]
) -> tuple[int | None, int]:
    """Bland's rule: the first nonbasic variable whose move improves the objective, and its direction."""
    for j, s in enumerate(state):
        if s == "B" or reduced[j] == 0 or (lower[j] is not None and lower[j] == upper[j]):
            continue
        if reduced[j] > 0 and s in ("L", "Z"):
            return j, 1
        if reduced[j] < 0 and s in ("U", "Z"):
            return j, -1
    return None, 0


def _ratio_test(
    z: Sequence[Fraction],
    step: dict[int, Fraction],
    lower: Sequence[Bound],
    upper: Sequence[Bound],
    below: set[int],
    above: set[int],
) -> tuple[Fraction | None, int, str]:
    """Largest step keeping feasible basics feasible and stopping infeasible ones at their bound."""
    best: Fraction | None = None
    leaving, leave_at = -1, "L"
    for j in sorted(step):
        rate = step[j]
        if rate == 0:
            continue
        if j in below:
            bound, at = (lower[j], "L") if rate > 0 else (None, "L")
        elif j in above:
            bound, at = (upper[j], "U") if rate < 0 else (None, "U")
        else:
            bound, at = (upper[j], "U") if rate > 0 else (lower[j], "L")
        if bound is None:
            continue
        ratio = (bound - z[j]) / rate
        if best is None or ratio < best:
            best, leaving, leave_at = ratio, j, at
    return best, leaving, leave_at


# ---------------------------------------------------------------------------- the solver
def solve_exact(program: ExactProgram, model: HighsModel | None = None) -> ExactSolution:
    """Solve exactly: HiGHS's optimal basis of the rounded program, checked and repaired exactly.

    Parameters
    ----------
    program
        The exact program.
    model
        Optionally a HiGHS model of ``program.to_float()`` (or of a program with the same
        optimal bases, e.g. a rescaled one) to solve and take the basis from; reusing one
        model across objectives warm-starts HiGHS.

    Returns
    -------
    ExactSolution
        With ``check.passed`` True (the certificate holds in exact arithmetic).

    Raises
    ------
    SolverError
        If the program is infeasible or unbounded in exact arithmetic.
    """
    status: tuple[str, ...] | None = None
    try:
        highs = model if model is not None else HighsModel(program.to_float())
        highs.solve()
        status = highs.basis_status()
    except SolverError:
        status = None
    if status is not None:
        solution = basic_solution(program, status)
        if solution is not None:
            return solution
    return rational_simplex(program, status)


def optimal_face(program: ExactProgram, solution: ExactSolution) -> ExactProgram:
    """The program whose feasible set is exactly the optimal face of ``program``.

    By complementary slackness with the exact duals of ``solution``, a feasible x is optimal iff
    every row with y_i ≠ 0 and every column with d_j ≠ 0 sits at the bound the sign names; those
    rows and columns are fixed there (exactly, so no objective row or tolerance is needed).
    """
    row_lower, row_upper = list(program.row_lower), list(program.row_upper)
    col_lower, col_upper = list(program.col_lower), list(program.col_upper)
    for i, y in enumerate(solution.row_dual):
        if y != 0:
            row_lower[i] = row_upper[i] = row_upper[i] if y > 0 else row_lower[i]
    for j, d in enumerate(solution.reduced_cost):
        if d != 0:
            col_lower[j] = col_upper[j] = col_upper[j] if d > 0 else col_lower[j]
    return ExactProgram(
        program.objective, program.entries, tuple(row_lower), tuple(row_upper), tuple(col_lower), tuple(col_upper)
    )


# ---------------------------------------------------------------------------- certificates
def _text(value: Bound) -> str | None:
    return None if value is None else str(value)


def certificate(program: ExactProgram, solution: ExactSolution, **claims: Any) -> dict[str, Any]:
    """The optimality certificate as JSON-safe data (fractions as strings such as ``"1/16"``).

    ``claims`` are added under ``"claims"`` (e.g. what the optimal value means); the checker
    script verifies ``claims["objective"]`` if present.
    """
    keys = sorted(program.entries)
    return {
        "format": CERTIFICATE_FORMAT,
        "sense": "maximize",
        "program": {
            "num_rows": program.num_rows,
            "num_cols": program.num_cols,
            "objective": [str(v) for v in program.objective],
            "matrix": [[r, c, str(program.entries[(r, c)])] for r, c in keys],
            "row_lower": [_text(v) for v in program.row_lower],
            "row_upper": [_text(v) for v in program.row_upper],
            "col_lower": [_text(v) for v in program.col_lower],
            "col_upper": [_text(v) for v in program.col_upper],
        },
        "basis": {
            "columns": "".join(solution.status[: program.num_cols]),
            "rows": "".join(solution.status[program.num_cols :]),
        },
        "primal": [str(v) for v in solution.x],
        "dual": [str(v) for v in solution.row_dual],
        "objective_value": str(solution.objective),
        "claims": {key: str(value) if isinstance(value, Fraction) else value for key, value in claims.items()},
    }


def verify_certificate(data: dict[str, Any]) -> OptimalityCheck:
    """Re-check a certificate written by :func:`certificate` (the checker script does the same
    in plain Python). The stated optimal value must equal c·x for ``passed`` to hold."""
    try:
        p = data["program"]

        def bound(v: str | None) -> Bound:
            return None if v is None else Fraction(v)

        program = ExactProgram(
            tuple(Fraction(v) for v in p["objective"]),
            {(int(r), int(c)): Fraction(v) for r, c, v in p["matrix"]},
            tuple(bound(v) for v in p["row_lower"]),
            tuple(bound(v) for v in p["row_upper"]),
            tuple(bound(v) for v in p["col_lower"]),
            tuple(bound(v) for v in p["col_upper"]),
        )
        x = [Fraction(v) for v in data["primal"]]
        y = [Fraction(v) for v in data["dual"]]
        stated = Fraction(data["objective_value"])
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as error:
        raise InvalidParameterError(
            "certificate", type(error).__name__, "a certificate written by bargainlab"
        ) from None
    if len(x) != program.num_cols or len(y) != program.num_rows:
        raise InvalidParameterError("certificate", (len(x), len(y)), "one primal value per column, one dual per row")
    check = check_optimality(program, x, y)
    if stated != check.objective:
        return replace(check, dual_bound=None)
    return check
