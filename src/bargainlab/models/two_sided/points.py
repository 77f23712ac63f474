"""One parameter point at a time: what program (4.1) needs that depends only on the values.

A Python loop of ``two_sided.gap(env)`` calls used to repeat, at every point, work that
depends only on the players' values: checking that they span a range the LP resolves,
normalising them, building the interim LP and finding its solver, laying out the monopoly
prices of eq. (3.2). Here it is done once per set of values (small LRU caches, as the solver
cache of ``core/interim_solver.py``); a point then costs its floors (Theorem 2), one solve
certified at the previous optimal basis (or a warm HiGHS run) and the independent check of the
solution. The map path (``maps.gap_on_points``) does the same for all points at once.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from bargainlab.core.interim_solver import SOLVER_CACHE_SIZE, InterimSolver, interim_solver
from bargainlab.core.monopoly import RandomMonopolyFloors
from bargainlab.models.two_sided.theory import check_value_ranges

__all__ = ["ValueSet", "value_set", "check_values_once"]


class ValueSet:
    """The value-only parts of program (4.1) for one labelling of the players' values.

    Parameters
    ----------
    values1, values2
        The players' values in the labels the program is solved in (the theory's: player 1
        gets the gap), in the user's units; already checked (a :class:`TypeSpace`'s values).

    Attributes
    ----------
    unit
        The unit of the normalised program: the largest value (1 if every value is 0), as
        :attr:`TwoSidedEnvironment.unit`.
    normalised1, normalised2
        The values divided by ``unit`` (as :meth:`TwoSidedEnvironment.normalised`).
    binary
        Both players have two types (the closed forms apply).
    """

    def __init__(self, values1: tuple[float, ...], values2: tuple[float, ...]) -> None:
        top = max(values1[-1], values2[-1])
        self.unit = top if top > 0 else 1.0
        self.normalised1 = tuple(v / self.unit for v in values1)
        self.normalised2 = tuple(v / self.unit for v in values2)
        self.binary = len(values1) == 2 and len(values2) == 2
        self._floors = RandomMonopolyFloors(self.normalised1, self.normalised2)
        self._solver: InterimSolver | None = None

    @property
    def solver(self) -> InterimSolver:
        """The warm solver of the normalised values (shared with every caller of these values)."""
        if self._solver is None:
            self._solver = interim_solver(self.normalised1, self.normalised2)
        return self._solver

    def floors(self, prior1: np.ndarray, prior2: np.ndarray, bargaining_power: float) -> tuple[np.ndarray, np.ndarray]:
        """Every type's random monopoly floor β_i M_i(t_i; p_−i) (Theorem 2), normalised units.

        Parameters
        ----------
        prior1, prior2
            The players' priors (checked: a :class:`TypeSpace`'s).
        bargaining_power
            β = β_1 of player 1 (in these labels).

        Returns
        -------
        tuple of numpy.ndarray
            (β M_1(·; p_2), (1 − β) M_2(·; p_1)), as ``theory.floors`` of the normalised environment.
        """
        return self._floors.checked_floors(prior1, prior2, bargaining_power)


@lru_cache(maxsize=SOLVER_CACHE_SIZE)
def value_set(values1: tuple[float, ...], values2: tuple[float, ...]) -> ValueSet:
    """The cached :class:`ValueSet` of these values (tuples of floats, in the solved labels).

    Examples
    --------
    >>> value_set((0.0, 0.5), (0.5, 1.0)) is value_set((0.0, 0.5), (0.5, 1.0))
    True
    """
    return ValueSet(values1, values2)


@lru_cache(maxsize=SOLVER_CACHE_SIZE)
def check_values_once(values1: tuple[float, ...], values2: tuple[float, ...]) -> None:
    """:func:`~bargainlab.models.two_sided.theory.check_value_range` of these values (user's
    labels), remembered when they pass (a failure raises every time, naming the player)."""
    check_value_ranges(np.asarray([values1]), np.asarray([values2]))
