"""A reusable solver of interim LPs, for loops that solve one point at a time.

A map or a sweep hands all its points to one warm-started HiGHS model at once
(``models/two_sided/maps.py``). A user's own Python loop over ``two_sided.gap(env)`` calls
cannot: each call used to build its program and a new HiGHS model. :class:`InterimSolver` keeps
one model per set of values and, for each new point, changes only what the point changes (the
prior-dependent matrix entries, the floors, the objective), as the map path does:

1. the last optimal basis is tried first (:meth:`HighsModel.basis_solutions`, for programs
   small enough for dense algebra): a point whose basic solution there is primal and dual
   feasible is certified optimal without running HiGHS;
2. otherwise HiGHS re-solves, warm-started from that basis (with its cold retries).

:func:`interim_solver` returns the solver for given values from a small LRU cache
(``SOLVER_CACHE_SIZE`` entries), so that repeated calls reuse it without the caller holding
anything. Each solver is guarded by a lock (HiGHS models are not thread-safe).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import DENSE_CHECK_CELLS, HighsModel, LPSolution
from bargainlab.errors import SolverError

__all__ = ["InterimSolver", "interim_solver", "SOLVER_CACHE_SIZE", "clear_solver_cache"]

#: How many solvers (sets of values) :func:`interim_solver` keeps.
SOLVER_CACHE_SIZE = 8


class InterimSolver:
    """Solve interim LPs of fixed values point after point with one warm HiGHS model.

    Parameters
    ----------
    values1, values2
        Each player's values (normalised units are the caller's business, as for
        :class:`InterimLP`).

    Attributes
    ----------
    lp
        The program's structure.
    solves, reuses
        HiGHS runs, and points certified at the previous optimal basis without one.

    Examples
    --------
    >>> solver = InterimSolver([0.0, 0.5], [0.5, 1.0])
    >>> p = np.array([0.5, 0.5])
    >>> round(solver.solve(p, p, solver.lp.payoff_objective(p, None), np.zeros(2), np.zeros(2)).objective, 6)
    0.625
    """

    def __init__(self, values1: Sequence[float], values2: Sequence[float]) -> None:
        self.lp = InterimLP(values1, values2)
        self._model: HighsModel | None = None
        self._base: np.ndarray | None = None  # dense matrix without the prior-dependent entries
        self._lock = threading.Lock()
        self.solves = 0
        self.reuses = 0
        lp = self.lp
        self._flat = lp.prior_rows * lp.num_cols + lp.prior_cols  # the entries' positions in the dense matrix
        self._coefficient_map = _coefficient_map(lp)
        self._lower, self._upper = lp.col_bounds(np.zeros(lp.n1), np.zeros(lp.n2))

    def solve(
        self,
        prior1: np.ndarray,
        prior2: np.ndarray,
        objective: np.ndarray,
        floors1: np.ndarray | None = None,
        floors2: np.ndarray | None = None,
    ) -> LPSolution:
        """The optimal solution of ``InterimLP.program(prior1, prior2, objective, floors1, floors2)``.

        Raises
        ------
        SolverError
            As :meth:`HighsModel.solve`; the model is then dropped and the next point starts afresh.
        """
        lp = self.lp
        objective = np.asarray(objective, dtype=float)
        with self._lock:
            if self._model is None:
                return self._fresh(prior1, prior2, objective, floors1, floors2)
            coefficients = self._coefficients(prior1, prior2)
            lower, upper = self._col_bounds(floors1, floors2)
            if self._base is not None:
                matrix = self._base.copy()
                matrix.ravel()[self._flat] = coefficients
                certified = self._model.basis_solution(matrix, lower, upper, objective)
                if certified is not None:
                    self.reuses += 1
                    return LPSolution(objective=certified[1], x=certified[0], solver="highs (previous basis)")
            model = self._model
            model.set_coefficients(lp.prior_rows, lp.prior_cols, coefficients)
            model.set_col_bounds(lower, upper)
            model.set_objective(objective)
            return self._run(model)

    def _coefficients(self, prior1: np.ndarray, prior2: np.ndarray) -> np.ndarray:
        """``InterimLP.prior_coefficients(prior1, prior2)``: by one product with the map of
        :func:`_coefficient_map` for one point of a small program (the same numbers: each entry
        is a single product), else by :meth:`InterimLP.prior_coefficients`."""
        if self._coefficient_map is not None:
            p1, p2 = np.asarray(prior1, dtype=float), np.asarray(prior2, dtype=float)
            if p1.shape == (self.lp.n1,) and p2.shape == (self.lp.n2,):
                return self._coefficient_map @ np.concatenate(((1.0,), p1, p2, np.multiply.outer(p1, p2).ravel()))
        return self.lp.prior_coefficients(prior1, prior2)  # large programs, batches and mistakes

    def _col_bounds(self, floors1: np.ndarray | None, floors2: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """``InterimLP.col_bounds(floors1, floors2)`` from a template (the same checks)."""
        lp = self.lp
        if floors1 is None or floors2 is None:
            return lp.col_bounds(floors1, floors2)
        lower = self._lower.copy()
        lower[lp.u1_cols] = lp._check_length(floors1, lp.n1, "floors")
        lower[lp.u2_cols] = lp._check_length(floors2, lp.n2, "floors")
        return lower, self._upper

    def _fresh(
        self,
        prior1: np.ndarray,
        prior2: np.ndarray,
        objective: np.ndarray,
        floors1: np.ndarray | None,
        floors2: np.ndarray | None,
    ) -> LPSolution:
        model = HighsModel(self.lp.program(prior1, prior2, objective, floors1, floors2))
        solution = self._run(model)
        self._model = model
        small = self.lp.num_rows * self.lp.num_cols <= DENSE_CHECK_CELLS
        self._base = model.dense_matrix() if small else None
        return solution

    def _run(self, model: HighsModel) -> LPSolution:
        self.solves += 1
        try:
            return model.solve()
        except SolverError:
            self._model, self._base = None, None
            raise


#: Largest coefficient map (entries) :class:`InterimSolver` keeps; larger programs compute
#: their prior-dependent entries with :meth:`InterimLP.prior_coefficients`.
COEFFICIENT_MAP_LIMIT = 65_536


def _coefficient_map(lp: InterimLP) -> np.ndarray | None:
    """The matrix C with ``lp.prior_coefficients(p1, p2) == C @ (1, p1, p2, p1 ⊗ p2)``.

    Every prior-dependent entry is a constant, a multiple of one p1(a) or p2(b), or a multiple
    of one product p1(a) p2(b) (the budget row), so C is read off ``prior_coefficients`` at unit
    vectors; the product then gives each entry as the same single product (exactly). ``None``
    beyond ``COEFFICIENT_MAP_LIMIT`` entries.
    """
    n1, n2 = lp.n1, lp.n2
    if len(lp.prior_rows) * (1 + n1 + n2 + n1 * n2) > COEFFICIENT_MAP_LIMIT:
        return None
    e1, e2 = np.eye(n1), np.eye(n2)
    constant = lp.prior_coefficients(np.zeros(n1), np.zeros(n2))
    linear1 = lp.prior_coefficients(e1, np.zeros((n1, n2))) - constant  # (n1, entries)
    linear2 = lp.prior_coefficients(np.zeros((n2, n1)), e2) - constant
    both = lp.prior_coefficients(np.repeat(e1, n2, axis=0), np.tile(e2, (n1, 1)))  # (a, b) row-major
    bilinear = both - np.repeat(linear1, n2, axis=0) - np.tile(linear2, (n1, 1)) - constant
    return np.ascontiguousarray(np.concatenate([constant[None, :], linear1, linear2, bilinear]).T)


_CACHE: OrderedDict[tuple[bytes, bytes], InterimSolver] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def interim_solver(values1: Sequence[float], values2: Sequence[float]) -> InterimSolver:
    """The cached :class:`InterimSolver` of these values (least recently used ones are dropped).

    Examples
    --------
    >>> interim_solver([0.0, 0.5], [0.5, 1.0]) is interim_solver((0.0, 0.5), (0.5, 1.0))
    True
    """
    key = (np.asarray(values1, dtype=float).tobytes(), np.asarray(values2, dtype=float).tobytes())
    with _CACHE_LOCK:
        solver = _CACHE.get(key)
        if solver is None:
            solver = _CACHE[key] = InterimSolver(values1, values2)
            while len(_CACHE) > SOLVER_CACHE_SIZE:
                _CACHE.popitem(last=False)
        else:
            _CACHE.move_to_end(key)
        return solver


def clear_solver_cache() -> None:
    """Forget every cached solver."""
    with _CACHE_LOCK:
        _CACHE.clear()
