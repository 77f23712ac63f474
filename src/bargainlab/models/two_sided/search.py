"""Search for the largest Gap with n types per player (exploration beyond the paper).

The paper bounds the gap by 6.25% of the largest value for two types (Section 4). For more
types the question is open; :func:`largest_gap` looks for the parameters (values, priors, β)
that maximise Gap / largest value, by random restarts plus local refinement (Nelder–Mead on an
unconstrained parameterisation), every evaluation being the LP of (4.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import optimize

from bargainlab.core import inputs
from bargainlab.core.environment import TwoSidedEnvironment, two_sided_environment
from bargainlab.errors import BargainlabError
from bargainlab.models.two_sided.outcome import gap

__all__ = ["GapSearchResult", "largest_gap"]

#: Random points screened per restart; the best ``restarts`` of them are refined.
SCREENING = 10

#: Smallest gap between two values of a player in the search (relative to the largest value).
MIN_VALUE_GAP = 1e-4

#: Bounds of the search's sizes: types per player, restarts, evaluations per refinement.
MAX_SEARCH_TYPES = 20
MAX_RESTARTS = 1000
MAX_ITERATIONS = 100_000


@dataclass(frozen=True)
class GapSearchResult:
    """The largest Gap found.

    Attributes
    ----------
    types
        Types per player.
    gap_share
        Gap / largest value at the best point.
    environment
        The best parameters found (largest value 1).
    evaluations
        LPs solved.
    restarts
        Random restarts used.
    """

    types: int
    gap_share: float
    environment: TwoSidedEnvironment
    evaluations: int
    restarts: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation."""
        return {
            "types": self.types,
            "gap_share": self.gap_share,
            "parameters": self.environment.to_dict(),
            "evaluations": self.evaluations,
            "restarts": self.restarts,
        }


def _decode(z: np.ndarray, n: int) -> TwoSidedEnvironment:
    """Unconstrained vector -> environment (values in (0, 1] with max 1, priors, β)."""
    raw1 = 1.0 / (1.0 + np.exp(-z[:n]))
    raw2 = 1.0 / (1.0 + np.exp(-z[n : 2 * n]))
    top = max(raw1.max(), raw2.max())
    v1 = _spread(np.sort(raw1 / top))
    v2 = _spread(np.sort(raw2 / top))
    w1 = np.exp(z[2 * n : 3 * n] - z[2 * n : 3 * n].max())
    w2 = np.exp(z[3 * n : 4 * n] - z[3 * n : 4 * n].max())
    beta = 1.0 / (1.0 + np.exp(-z[4 * n]))
    return two_sided_environment(v1.tolist(), v2.tolist(), (w1 / w1.sum()).tolist(), (w2 / w2.sum()).tolist(), beta)


def _spread(values: np.ndarray) -> np.ndarray:
    """Keep sorted values at least MIN_VALUE_GAP apart (and non-negative)."""
    out = values.copy()
    for k in range(1, len(out)):
        out[k] = max(out[k], out[k - 1] + MIN_VALUE_GAP)
    return out / max(out[-1], 1.0) if out[-1] > 1.0 else out


def largest_gap(types: int, restarts: int = 20, iterations: int = 300, seed: int = 0) -> GapSearchResult:
    """Maximise Gap / largest value over values, priors and β with ``types`` types per player.

    Parameters
    ----------
    types
        Types per player (>= 2).
    restarts
        Starting points refined by Nelder–Mead: the best of ``SCREENING * restarts`` random points.
    iterations
        Function evaluations per refinement.
    seed
        Random seed.
    """
    types = inputs.integer(types, "types", low=2, high=MAX_SEARCH_TYPES)
    restarts = inputs.integer(restarts, "restarts", low=1, high=MAX_RESTARTS)
    iterations = inputs.integer(iterations, "iterations", low=1, high=MAX_ITERATIONS)
    rng = np.random.default_rng(inputs.seed(seed))
    count = 0

    def negative_share(z: np.ndarray) -> float:
        nonlocal count
        count += 1
        try:
            return -gap(_decode(z, types), method="lp").gap
        except BargainlabError:  # a degenerate point: never the best
            return 0.0

    # screen random points, refine the best ones
    candidates = rng.normal(0.0, 1.5, (SCREENING * restarts, 4 * types + 1))
    scores = np.array([negative_share(z) for z in candidates])
    starts = candidates[np.argsort(scores)[:restarts]]
    best_value, best_z = float(scores.min()), candidates[int(np.argmin(scores))]
    for start in starts:
        result = optimize.minimize(
            negative_share, start, method="Nelder-Mead", options={"maxfev": iterations, "xatol": 1e-6, "fatol": 1e-10}
        )
        if result.fun < best_value:
            best_value, best_z = float(result.fun), result.x
    env = _decode(best_z, types)
    return GapSearchResult(types, -best_value, env, count, restarts)
