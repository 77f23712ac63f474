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

from dataclasses import dataclass

import numpy as np

from bargainlab.core.lp_solver import HighsModel, LinearProgram, LPSolution
from bargainlab.errors import SolverError
from bargainlab.tolerances import DUAL_TOL, OPTIMAL_FACE_TOL, UNIQUE_TOL

__all__ = ["Interval", "OptimalFace"]


@dataclass(frozen=True)
class Interval:
    """The range [low, high] of a quantity over the set of optimal solutions.

    Attributes
    ----------
    low, high
        Minimum and maximum over the optimal face.
    unique
        True when the range is narrower than the uniqueness tolerance (the quantity is pinned).
    """

    low: float
    high: float
    unique: bool

    @property
    def mid(self) -> float:
        """Midpoint (the value itself when unique)."""
        return 0.5 * (self.low + self.high)

    def scaled(self, factor: float) -> Interval:
        """The interval with both ends multiplied by ``factor`` > 0."""
        return Interval(self.low * factor, self.high * factor, self.unique)

    def clipped(self, low: float, high: float) -> Interval:
        """The interval with both ends clipped to [low, high]."""
        return Interval(min(max(self.low, low), high), min(max(self.high, low), high), self.unique)

    def to_list(self) -> list[float]:
        """``[low, high]`` (JSON-safe; -0.0 is written as 0.0)."""
        return [self.low + 0.0, self.high + 0.0]

    def __str__(self) -> str:
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

    Attributes
    ----------
    primary
        The optimal solution of ``program``.
    visited
        Every solution computed (primary and secondary), for invariant checks.
    solves
        Number of LPs solved.

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
    ) -> None:
        self.program = program
        self.face_tol = face_tol
        self.unique_tol = unique_tol
        self._model = HighsModel(program)
        self.primary: LPSolution = self._model.solve()
        self.visited: list[np.ndarray] = [self.primary.x]
        self.solves = 1
        self.exact = True
        self._model.fix_optimal_face(self.primary, dual_tol)
        self._model.add_row(program.objective, self.primary.objective - face_tol, np.inf)

    def _objective_row_only(self) -> None:
        """Fall back to {objective >= optimum - face_tol} without the complementary-slackness fixes."""
        self._model = HighsModel(self.program)
        self._model.add_row(self.program.objective, self.primary.objective - self.face_tol, np.inf)
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
        self.solves += 1
        self.visited.append(solution.x)
        return solution

    def span(self, c: np.ndarray) -> Interval:
        """Range of c·x over the optimal face."""
        high = self._extreme(c).objective
        low = -self._extreme(-c).objective
        if high - low <= self.unique_tol:  # pinned: report the value at the primary optimum
            value = float(c @ self.primary.x)
            return Interval(value, value, True)
        return Interval(low, high, False)
