"""Bob's optimal take-it-or-leave-it price (Pęski 2022, slide "Optimal mechanisms").

Bob's value v is known; Alice's value u has the continuous distribution F on [a, b]. Bob's
optimal mechanism is to own the good and offer it at

    p* ∈ argmax_p R(p),    R(p) = v F(p) + p (1 - F(p)),

his *monopoly revenue*. Prices below v are never better than p = v (R(p) <= v = R(v) there) and
prices above max(v, b) sell to no one, so the maximisation runs over [max(v, a), max(v, b)]; when
v >= b the answer is p* = v ("keep the good"). The slides assume p* unique; it need not be
(bimodal F), so :func:`optimal_prices` returns every maximiser, found by a dense scan of R
followed by a bounded Brent refinement of every local maximum of the scan. Maximisers whose
revenue is within ``tie_tol`` (relative to the scale of the values) of the best are reported
as ties.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.distributions import Distribution
from bargainlab.core.inputs import as_distribution, integer, number
from bargainlab.core.result import Result
from bargainlab.models.complete_info import number_array

__all__ = ["OptimalPriceResult", "monopoly_revenue", "optimal_prices", "PRICE_SCAN_POINTS", "PRICE_TIE_TOL"]

#: Points of the scan of R(p) before refinement (plus the break points of an empirical F).
PRICE_SCAN_POINTS = 4097

#: Two local maxima of R whose revenues differ by less than this (times the scale of the values,
#: max(|a|, |b|, |v|, 1)) are reported as tied maximisers.
PRICE_TIE_TOL = 1e-9

#: Absolute tolerance on a refined maximiser (times the length of the price domain).
PRICE_XTOL = 1e-12

#: A stretch of prices longer than max(PLATEAU_SHARE × domain length, PRICE_DISTINCT_TOL × scale)
#: on which R stays within PLATEAU_TOL of its maximum is flat: every price in it is a maximiser,
#: and the stretch is reported by its two ends.
PLATEAU_SHARE = 1e-2
PRICE_DISTINCT_TOL = 1e-6

#: R within this (times the scale) of its maximum counts as flat (see PLATEAU_SHARE).
PLATEAU_TOL = 1e-12

#: Most points accepted for the scan.
MAX_SCAN_POINTS = 10**7

#: Largest number of scan maxima refined.
MAX_REFINEMENTS = 64


@dataclass(frozen=True, repr=False)
class OptimalPriceResult(Result):
    """Bob's optimal price(s) p* and monopoly revenue R(p*) (a search over prices).

    Attributes
    ----------
    prices
        Every maximiser of R found, increasing (one entry when p* is unique).
    revenue
        R(p*) = v F(p*) + p* (1 - F(p*)).
    domain
        The price interval searched, [max(v, a), max(v, b)].
    method
        How the maximisers were found.
    distribution, value_bob
        The inputs: the name of F and v.
    """

    model: ClassVar[str] = "one-sided"
    extra_fields: ClassVar[tuple[str, ...]] = ("unique",)
    hidden_fields: ClassVar[tuple[str, ...]] = ("distribution", "value_bob")

    prices: tuple[float, ...]
    revenue: float
    domain: tuple[float, float]
    method: str = "scan + bounded Brent refinement"
    distribution: str = ""
    value_bob: float = 0.0

    @property
    def parameters(self) -> dict[str, object]:
        """The inputs under their Python names."""
        return {"distribution": self.distribution, "value_bob": self.value_bob}

    @property
    def unique(self) -> bool:
        """True when R has a single maximiser."""
        return len(self.prices) == 1

    @property
    def lowest(self) -> float:
        """The smallest maximiser (the best one for Alice)."""
        return self.prices[0]

    @property
    def highest(self) -> float:
        """The largest maximiser (the worst one for Alice)."""
        return self.prices[-1]


def monopoly_revenue(distribution: Distribution, value_bob: float, price: ArrayLike) -> np.ndarray:
    """Bob's revenue from the take-it-or-leave-it price p: R(p) = v F(p) + p (1 - F(p)), vectorised.

    Alice buys when u >= p (a null event under a continuous F).

    Parameters
    ----------
    distribution
        F (a :class:`~bargainlab.core.distributions.Distribution`).
    value_bob
        Bob's value v (what he keeps when Alice refuses).
    price
        The price(s) p.

    Returns
    -------
    numpy.ndarray
        R(p), one entry per price.

    Examples
    --------
    >>> from bargainlab.core.distributions import parse_distribution
    >>> float(monopoly_revenue(parse_distribution("uniform"), 0.0, 0.5))
    0.25
    """
    dist = as_distribution(distribution, "distribution")
    v = number(value_bob, "value_bob", label="value_bob (v)")
    return revenue_at(dist, v, number_array(price, "price"))


def revenue_at(distribution: Distribution, value_bob: float, price: ArrayLike) -> np.ndarray:
    """:func:`monopoly_revenue` without reading its inputs (the search's inner loops)."""
    p = np.asarray(price, dtype=float)
    F = distribution.cdf(p)
    return value_bob * F + p * (1.0 - F)


def price_domain(distribution: Distribution, value_bob: float) -> tuple[float, float]:
    """[max(v, a), max(v, b)]: the prices that can be optimal."""
    return max(value_bob, distribution.lower), max(value_bob, distribution.upper)


def optimal_prices(
    distribution: Distribution,
    value_bob: float,
    *,
    scan_points: int = PRICE_SCAN_POINTS,
    tie_tol: float = PRICE_TIE_TOL,
) -> OptimalPriceResult:
    """Every maximiser p* of R(p) = v F(p) + p (1 - F(p)) on [max(v, a), max(v, b)].

    Parameters
    ----------
    distribution
        Alice's value distribution F on [a, b].
    value_bob
        Bob's value v.
    scan_points
        Points of the initial scan.
    tie_tol
        Relative tolerance under which two local maxima count as tied.

    Returns
    -------
    OptimalPriceResult

    Examples
    --------
    >>> from bargainlab.core.distributions import parse_distribution
    >>> result = optimal_prices(parse_distribution("uniform"), 0.2)   # p* = (1 + v)/2
    >>> round(result.lowest, 9), round(result.revenue, 9), result.unique
    (0.6, 0.36, True)
    """
    distribution = as_distribution(distribution, "distribution")
    value_bob = number(value_bob, "value_bob", label="value_bob (v)")
    scan_points = integer(scan_points, "scan_points", low=3, high=MAX_SCAN_POINTS)
    tie_tol = number(tie_tol, "tie_tol", low=0.0)
    lo, hi = price_domain(distribution, value_bob)
    if hi - lo <= 0:
        revenue = float(revenue_at(distribution, value_bob, lo))
        return OptimalPriceResult((lo,), revenue, (lo, hi), distribution=distribution.name, value_bob=float(value_bob))

    grid = np.linspace(lo, hi, scan_points)
    breaks = getattr(distribution, "_breaks", None)
    if breaks is not None:
        inside = breaks[(breaks > lo) & (breaks < hi)]
        grid = np.unique(np.concatenate([grid, inside]))
    values = revenue_at(distribution, value_bob, grid)
    refined = [_refine(distribution, value_bob, grid, index) for index in _candidates(values)]
    best = max(max(r for _, r in refined), float(values.max()))
    scale = max(abs(lo), abs(hi), abs(value_bob), 1.0)
    threshold = best - tie_tol * scale
    winners = sorted((p, r) for p, r in refined if r >= threshold)
    same_price = max(PLATEAU_SHARE * (hi - lo), PRICE_DISTINCT_TOL * scale)
    flat = values >= best - PLATEAU_TOL * scale
    prices: list[float] = []
    for first, last, members in _peaks(grid, values >= threshold, winners):
        stretch = np.flatnonzero(flat[first : last + 1])
        if stretch.size and grid[first + stretch[-1]] - grid[first + stretch[0]] > same_price:
            # R is flat to rounding on a whole stretch: every price in it is optimal; report its ends
            prices += [float(grid[first + stretch[0]]), float(grid[first + stretch[-1]])]
        else:
            left, right = float(grid[max(first - 1, 0)]), float(grid[min(last + 1, len(grid) - 1)])
            prices.append(_polish(distribution, value_bob, left, right, members))
    return OptimalPriceResult(
        tuple(sorted(prices)), best, (lo, hi), distribution=distribution.name, value_bob=float(value_bob)
    )


def _polish(
    distribution: Distribution, value_bob: float, left: float, right: float, members: list[tuple[float, float]]
) -> float:
    """One peak of R: the root of R'(p) = 1 - F(p) - (p - v) f(p) when it changes sign from + to -
    across the peak's stretch (exact where R is smooth, whereas comparing revenues that differ by
    rounding cannot locate the peak better than about sqrt(machine epsilon)); otherwise (a kink)
    the best refined maximiser."""
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    def slope(p: float) -> float:
        return float(1.0 - distribution.cdf(p) - (p - value_bob) * distribution.pdf(p))

    best_p, best_r = max(members, key=lambda item: item[1])
    if right > left and slope(left) > 0 > slope(right):
        root = optimize.brentq(slope, left, right, xtol=PRICE_XTOL * (right - left))
        if float(revenue_at(distribution, value_bob, root)) >= best_r - PRICE_TIE_TOL * max(1.0, abs(root)):
            return float(root)
    return best_p


def _peaks(
    grid: np.ndarray, near: np.ndarray, winners: list[tuple[float, float]]
) -> list[tuple[int, int, list[tuple[float, float]]]]:
    """Group the refined maximisers by the stretches of the scan where R is within the tie
    tolerance of its maximum: (first index, last index, maximisers) per stretch. A maximiser
    between two scan points that are both below the threshold (a peak narrower than a scan cell)
    forms its own group."""
    runs: list[tuple[int, int]] = []
    for index in np.flatnonzero(near):
        if runs and index == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], int(index))
        else:
            runs.append((int(index), int(index)))
    groups: list[tuple[int, int, list[tuple[float, float]]]] = [(a, b, []) for a, b in runs]
    last = len(grid) - 1
    for p, r in winners:
        for a, b, members in groups:
            if grid[max(a - 1, 0)] <= p <= grid[min(b + 1, last)]:
                members.append((p, r))
                break
        else:
            position = int(np.clip(np.searchsorted(grid, p), 0, last))
            groups.append((position, position, [(p, r)]))
    return [group for group in groups if group[2]]


def _candidates(values: np.ndarray) -> list[int]:
    """Scan maxima worth refining: local maxima within twice the largest scan step of the scan's
    maximum (a peak between two scan points exceeds them by at most about one step), at most
    ``MAX_REFINEMENTS`` of them (the highest; a revenue flat to rounding has thousands)."""
    indices = _local_maxima(values)
    margin = 2.0 * float(np.abs(np.diff(values)).max(initial=0.0))
    top = float(values.max())
    indices = [i for i in indices if values[i] >= top - margin]
    if len(indices) > MAX_REFINEMENTS:
        indices = sorted(sorted(indices, key=lambda i: -values[i])[:MAX_REFINEMENTS])
    return indices


def _local_maxima(values: np.ndarray) -> list[int]:
    """Indices of the scan's local maxima (weak, endpoints included)."""
    left = np.concatenate([[True], values[1:] >= values[:-1]])
    right = np.concatenate([values[:-1] >= values[1:], [True]])
    return [int(i) for i in np.flatnonzero(left & right)]


def _refine(distribution: Distribution, value_bob: float, grid: np.ndarray, index: int) -> tuple[float, float]:
    """Maximise R on the two scan cells around a scan maximum; return (price, revenue).

    Bounded Brent on R locates the peak to about sqrt(machine epsilon); where the first-order
    condition R'(p) = 1 - F(p) - (p - v) f(p) changes sign from + to - inside a cell, its root
    (Brent's root finder) pins the peak to ``PRICE_XTOL`` and is kept if its revenue is not lower.
    """
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    def revenue(p: float) -> float:
        return float(revenue_at(distribution, value_bob, p))

    def slope(p: float) -> float:
        return float(1.0 - distribution.cdf(p) - (p - value_bob) * distribution.pdf(p))

    a = float(grid[max(index - 1, 0)])
    b = float(grid[min(index + 1, len(grid) - 1)])
    best_p, best_r = float(grid[index]), revenue(float(grid[index]))
    if b <= a:
        return best_p, best_r
    result = optimize.minimize_scalar(
        lambda p: -revenue(p), bounds=(a, b), method="bounded", options={"xatol": PRICE_XTOL * (b - a)}
    )
    candidates = [float(result.x)]
    for left, right in ((a, float(grid[index])), (float(grid[index]), b)):
        if right > left and slope(left) > 0 > slope(right):
            candidates.append(optimize.brentq(slope, left, right, xtol=PRICE_XTOL * (b - a)))
    for p in candidates:
        r = revenue(p)
        if r >= best_r:
            best_p, best_r = p, r
    return best_p, best_r
