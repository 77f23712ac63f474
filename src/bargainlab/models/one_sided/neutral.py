"""The neutral-solution condition of Pęski (2022), slide "Neutral solution".

With β = 1/2, if

    g(u) = (u - v) f(u) - (1 - F(u))

is strictly increasing in u, the equal-likelihood property-rights mechanism (the menu Y_{1/2,p*})
is Myerson's (1984) unique neutral solution. g(u) = f(u) φ(u) with φ(u) = u - v - (1 - F(u))/f(u)
the virtual surplus; where f is differentiable, g'(u) = 2 f(u) + (u - v) f'(u).

:func:`neutral_condition` checks the monotonicity of g on a grid of Alice's values (plus both
sides of every break point of an empirical F, where g can jump) and reports the intervals where
g fails to increase.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bargainlab.core.distributions import Distribution
from bargainlab.core.inputs import as_distribution, integer, number
from bargainlab.core.result import Result

__all__ = ["NeutralConditionResult", "neutral_condition", "neutral_function", "NEUTRAL_GRID_POINTS", "NEUTRAL_TOL"]

#: Grid points on which g is checked.
NEUTRAL_GRID_POINTS = 4001

#: Most grid points accepted.
MAX_NEUTRAL_POINTS = 10**7

#: A step of g counts as an increase only if it exceeds this times max(1, max |g|).
NEUTRAL_TOL = 1e-14

#: Offset (times the length of the support) of the points placed on both sides of a break.
_BREAK_OFFSET = 1e-9


@dataclass(frozen=True, repr=False)
class NeutralConditionResult(Result):
    """Whether g(u) = (u - v) f(u) - (1 - F(u)) is strictly increasing on Alice's support.

    Attributes
    ----------
    holds
        True when g increases strictly between all consecutive grid points.
    failures
        Intervals [start, end] of Alice's values on which g does not increase (merged
        consecutive grid cells); empty when the condition holds.
    points
        Number of points checked.
    method
        How it was checked.
    distribution, value_bob
        The inputs: the name of F and v.
    """

    model: ClassVar[str] = "one-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("distribution", "value_bob")

    holds: bool
    failures: tuple[tuple[float, float], ...]
    points: int
    method: str = "grid"
    distribution: str = ""
    value_bob: float = 0.0

    @property
    def parameters(self) -> dict[str, object]:
        """The inputs under their Python names."""
        return {"distribution": self.distribution, "value_bob": self.value_bob}


def neutral_function(distribution: Distribution, value_bob: float, u: np.ndarray) -> np.ndarray:
    """g(u) = (u - v) f(u) - (1 - F(u)), vectorised."""
    u = np.asarray(u, dtype=float)
    return (u - value_bob) * distribution.pdf(u) - distribution.survival(u)


def neutral_condition(
    distribution: Distribution, value_bob: float, *, points: int = NEUTRAL_GRID_POINTS, tol: float = NEUTRAL_TOL
) -> NeutralConditionResult:
    """Check that g(u) = (u - v) f(u) - (1 - F(u)) is strictly increasing on [a, b].

    Parameters
    ----------
    distribution
        F (a :class:`~bargainlab.core.distributions.Distribution`) on [a, b].
    value_bob
        Bob's value v.
    points
        Grid points on [a, b] where g is evaluated.
    tol
        The smallest increase between grid points counted as increasing.

    Returns
    -------
    NeutralConditionResult
        ``holds`` and the intervals where g fails to increase (``failures``).

    Examples
    --------
    >>> from bargainlab.core.distributions import parse_distribution
    >>> neutral_condition(parse_distribution("uniform"), 0.3).holds      # g(u) = 2u - 1 - v
    True
    >>> result = neutral_condition(parse_distribution("beta(1, 5)"), 0.0)  # g' = 10 (1-u)^3 (1-3u)
    >>> result.holds, [round(a, 3) for a in result.failures[0]]
    (False, [0.333, 1.0])
    """
    distribution = as_distribution(distribution, "distribution")
    value_bob = number(value_bob, "value_bob", label="value_bob (v)")
    points = integer(points, "points", low=2, high=MAX_NEUTRAL_POINTS)
    tol = number(tol, "tol", low=0.0)
    grid = _grid(distribution, points)
    g = neutral_function(distribution, value_bob, grid)
    finite = np.isfinite(g)  # an unbounded density (e.g. beta(0.5, 0.5) at 0) has no g at the end
    grid, g = grid[finite], g[finite]
    scale = max(1.0, float(np.max(np.abs(g), initial=0.0)))
    bad = ~(np.diff(g) > tol * scale)
    failures: list[tuple[float, float]] = []
    for index in np.flatnonzero(bad):
        start, end = float(grid[index]), float(grid[index + 1])
        if failures and abs(failures[-1][1] - start) <= 0:
            failures[-1] = (failures[-1][0], end)
        else:
            failures.append((start, end))
    method = f"grid of {grid.size} points" + ("" if finite.all() else f" ({int((~finite).sum())} without a finite g)")
    return NeutralConditionResult(
        not failures,
        tuple(failures),
        int(grid.size),
        method,
        distribution=distribution.name,
        value_bob=float(value_bob),
    )


def _grid(distribution: Distribution, points: int) -> np.ndarray:
    a, b = distribution.lower, distribution.upper
    grid = np.linspace(a, b, points)
    breaks = getattr(distribution, "_breaks", None)
    if breaks is not None:
        offset = _BREAK_OFFSET * (b - a)
        inner = breaks[(breaks > a) & (breaks < b)]
        grid = np.unique(np.concatenate([grid, inner - offset, inner + offset]))
    return grid
