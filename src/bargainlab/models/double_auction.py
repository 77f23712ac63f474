"""The k-double auction of Chatterjee and Samuelson (1983) (lecture notes, "k-double auction").

The buyer bids β, the seller asks α; trade iff β >= α at the price kβ + (1 − k)α.

* :func:`linear_equilibrium`: with values and costs uniform on a common interval [L, L + w], for
  every k ∈ [0, 1] the linear strategies (derived from the first-order conditions, on [0, 1])

      buyer  B(v) = v/(1 + k) + k(1 − k)/(2(1 + k)),       seller  S(c) = c/(2 − k) + (1 − k)/2,

  form an equilibrium; trade happens iff v >= (1 − k)/2 + (1 + k) c/(2 − k). For k = 1/2:
  B(v) = 2v/3 + 1/12, S(c) = 2c/3 + 1/4, trade iff v − c >= 1/4, surplus 9/64: it implements
  the second best (Cramton 1985, Section 8.5).
* :func:`best_response_check`: for any strategy pair and any distributions, the largest gain of
  any type from deviating, against the opponent's strategy on n equally likely types (exact
  best responses for that discretised opponent; the error to the continuum is O(1/n)).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.polynomial import polynomial as P

from bargainlab.core import inputs
from bargainlab.core.distributions import Distribution, DistributionLike
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = [
    "LinearEquilibriumOutcome",
    "linear_equilibrium",
    "BestResponseCheckResult",
    "best_response_check",
    "solve",
    "BEST_RESPONSE_POINTS",
    "BEST_RESPONSE_TOL",
]

#: Equally likely types per side in :func:`best_response_check`.
BEST_RESPONSE_POINTS = 2000

#: Largest number of types per side accepted by :func:`best_response_check`.
MAX_BEST_RESPONSE_POINTS = 20000

#: Largest gain from deviating (relative to the width of the value range) still called an
#: equilibrium by :func:`best_response_check` (the discretised opponent makes payoffs exact only
#: up to O(1/points)).
BEST_RESPONSE_TOL = 2e-3


def _check_k(k: float) -> float:
    return inputs.number(k, "k", low=0.0, high=1.0, detail="the buyer's weight in the price kβ + (1−k)α")


@dataclass(frozen=True, repr=False)
class BestResponseCheckResult(Result):
    """Largest gains from deviating in the k-double auction for a given strategy pair.

    Attributes
    ----------
    buyer_gain, seller_gain
        max over types of (best payoff − payoff of the given strategy).
    buyer_worst_type, seller_worst_type
        The type where that gain is largest.
    is_equilibrium
        Both gains <= ``tolerance``.
    surplus, trade_probability
        Outcome of the strategy pair.
    points, tolerance, method
        Types per side, tolerance used (absolute), ``"discretised_best_response"``.
    """

    model: ClassVar[str] = "double-auction"
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "k", "is_equilibrium", "buyer_gain", "seller_gain")

    k: float
    buyer_gain: float
    seller_gain: float
    buyer_worst_type: float
    seller_worst_type: float
    is_equilibrium: bool
    surplus: float
    trade_probability: float
    points: int
    tolerance: float
    method: str = "discretised_best_response"
    seller: str = "uniform"
    buyer: str = "uniform"

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: k, the distributions, types per side (the strategies are functions)."""
        return {"k": self.k, "seller": self.seller, "buyer": self.buyer, "points": self.points}


@dataclass(frozen=True, repr=False)
class LinearEquilibriumOutcome(Result):
    """The linear equilibrium of the k-double auction for uniform values on [lower, upper].

    Bids are ``buyer_intercept + buyer_slope * v`` and asks ``seller_intercept + seller_slope * c``
    (in the user's units). Trade iff v >= ``trade_intercept`` + ``trade_slope`` * c.
    ``best_response_check`` holds the numerical equilibrium check when :func:`solve` made it.
    """

    model: ClassVar[str] = "double-auction"
    extra_fields: ClassVar[tuple[str, ...]] = ("efficiency",)
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "k", "surplus", "efficiency")

    k: float
    lower: float
    upper: float
    buyer_intercept: float
    buyer_slope: float
    seller_intercept: float
    seller_slope: float
    trade_intercept: float
    trade_slope: float
    trade_probability: float
    surplus: float
    first_best_surplus: float
    method: str = "closed_form"
    best_response_check: BestResponseCheckResult | None = None

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: k and the interval of the uniform values."""
        return {"k": self.k, "lower": self.lower, "upper": self.upper}

    @property
    def efficiency(self) -> float:
        """surplus / first best."""
        return self.surplus / self.first_best_surplus

    def bid(self, value: np.ndarray) -> np.ndarray:
        """B(v)."""
        return self.buyer_intercept + self.buyer_slope * np.asarray(value, dtype=float)

    def ask(self, cost: np.ndarray) -> np.ndarray:
        """S(c)."""
        return self.seller_intercept + self.seller_slope * np.asarray(cost, dtype=float)


def linear_equilibrium(k: float, lower: float = 0.0, upper: float = 1.0) -> LinearEquilibriumOutcome:
    """The linear equilibrium for values and costs uniform on [lower, upper] (Chatterjee–Samuelson).

    Parameters
    ----------
    k
        The price weight in [0, 1].
    lower, upper
        The common support [lower, upper] of the uniform values and costs (lower < upper).

    Returns
    -------
    LinearEquilibriumOutcome
        The slopes and intercepts of the bid and ask, the trade region and the expected surplus.

    Examples
    --------
    >>> eq = linear_equilibrium(0.5)
    >>> eq.buyer_slope * 3, eq.buyer_intercept * 12, eq.seller_slope * 3, eq.seller_intercept * 4
    (2.0, 1.0, 2.0, 1.0)
    >>> round(eq.surplus * 64, 12), eq.trade_intercept, eq.trade_slope
    (9.0, 0.25, 1.0)
    """
    k = _check_k(k)
    lo = inputs.number(lower, "lower")
    hi = inputs.number(upper, "upper")
    if not lo < hi:
        raise InvalidParameterError("upper", [lower, upper], "a bounded interval lower < upper", label="support")
    w = hi - lo
    # unit-interval strategies; the game is equivariant under v -> lo + w v
    b0, b1 = k * (1 - k) / (2 * (1 + k)), 1 / (1 + k)
    s0, s1 = (1 - k) / 2, 1 / (2 - k)
    alpha, beta = (1 - k) / 2, (1 + k) / (2 - k)  # trade iff v >= alpha + beta c
    c_max = (1 - alpha) / beta
    # surplus = ∫_0^{c_max} [(1 − c)² − (alpha + (beta − 1) c)²] / 2 dc, exactly
    integrand = P.polysub(P.polypow([1.0, -1.0], 2), P.polypow([alpha, beta - 1], 2)) / 2
    antiderivative = P.polyint(integrand)
    surplus = float(P.polyval(c_max, antiderivative))
    probability = (1 - alpha) * c_max - beta * c_max**2 / 2
    return LinearEquilibriumOutcome(
        k=k,
        lower=lo,
        upper=hi,
        buyer_intercept=lo + w * b0 - b1 * lo,
        buyer_slope=b1,
        seller_intercept=lo + w * s0 - s1 * lo,
        seller_slope=s1,
        trade_intercept=lo + w * alpha - beta * lo,
        trade_slope=beta,
        trade_probability=probability,
        surplus=w * surplus,
        first_best_surplus=w / 6,
    )


def _strategy(function: Callable[[np.ndarray], np.ndarray], name: str, types: np.ndarray) -> np.ndarray:
    try:
        out = np.asarray(function(types), dtype=float)
        if out.shape != types.shape:
            out = np.array([float(function(t)) for t in types])
    except Exception as error:  # the user's strategy failed: say which
        raise InvalidParameterError(
            name, getattr(function, "__name__", "function"), "a function of the type returning a number", str(error)
        ) from None
    if not np.all(np.isfinite(out)):
        raise InvalidParameterError(name, "strategy", "finite bids for every type")
    return out


def best_response_check(
    k: float,
    buyer_bid: Callable[[np.ndarray], np.ndarray],
    seller_ask: Callable[[np.ndarray], np.ndarray],
    seller: DistributionLike = "uniform",
    buyer: DistributionLike = "uniform",
    points: int = BEST_RESPONSE_POINTS,
    tolerance: float = BEST_RESPONSE_TOL,
) -> BestResponseCheckResult:
    """Check numerically whether (buyer_bid, seller_ask) is an equilibrium of the k-double auction.

    Each side's payoff from every possible bid is computed exactly against the opponent's
    strategy on ``points`` equally likely types (quantile midpoints). Against finitely many asks
    a_j the buyer's payoff is linear and decreasing between consecutive asks, so its supremum is
    attained at an ask (or by not trading); symmetrically for the seller. Hence the best
    responses are exact for the discretised opponent.

    Parameters
    ----------
    k
        The k-double auction's price weight, in [0, 1] (price = k·bid + (1 − k)·ask).
    buyer_bid, seller_ask
        The strategies checked: vectorised functions from a value (a cost) to a bid (an ask).
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`; uniform by default).
    points
        Types per side of the discretisation.
    tolerance
        The largest gain from deviating still counted as an equilibrium.

    Returns
    -------
    BestResponseCheckResult
        Each side's largest gain from a best response and ``is_equilibrium``.

    Examples
    --------
    >>> eq = linear_equilibrium(0.3)
    >>> best_response_check(0.3, eq.bid, eq.ask).is_equilibrium
    True
    """
    k = _check_k(k)
    F: Distribution = inputs.as_distribution(seller, "seller")
    G: Distribution = inputs.as_distribution(buyer, "buyer")
    n = inputs.integer(points, "points", low=10, high=MAX_BEST_RESPONSE_POINTS)
    q = (np.arange(n) + 0.5) / n
    costs, values = F.ppf(q), G.ppf(q)
    asks = _strategy(seller_ask, "seller_ask", costs)
    bids = _strategy(buyer_bid, "buyer_bid", values)
    buyer_gain, buyer_at = _buyer_gains(k, values, bids, asks)
    seller_gain, seller_at = _seller_gains(k, costs, asks, bids)
    trade = bids[None, :] >= asks[:, None]  # (cost j, value i)
    surplus = float(np.mean(np.where(trade, values[None, :] - costs[:, None], 0.0)))
    scale = max(F.upper, G.upper) - min(F.lower, G.lower)
    tol = tolerance * scale
    return BestResponseCheckResult(
        k=k,
        buyer_gain=buyer_gain,
        seller_gain=seller_gain,
        buyer_worst_type=float(values[buyer_at]),
        seller_worst_type=float(costs[seller_at]),
        is_equilibrium=max(buyer_gain, seller_gain) <= tol,
        surplus=surplus,
        trade_probability=float(trade.mean()),
        points=n,
        tolerance=tol,
        seller=F.name,
        buyer=G.name,
    )


def solve(k: float, lower: float = 0.0, upper: float = 1.0) -> LinearEquilibriumOutcome:
    """The linear equilibrium for uniform values on [lower, upper], checked by exact best responses.

    Parameters
    ----------
    k
        The price weight in [0, 1].
    lower, upper
        The common support [lower, upper] of the uniform values and costs (lower < upper).

    Returns
    -------
    LinearEquilibriumOutcome
        :func:`linear_equilibrium`'s outcome with its ``best_response_check``.

    Examples
    --------
    >>> out = solve(0.5)
    >>> round(out.surplus * 64, 12), out.best_response_check.is_equilibrium
    (9.0, True)
    """
    equilibrium = linear_equilibrium(k, lower, upper)
    support = f"uniform({equilibrium.lower!r},{equilibrium.upper - equilibrium.lower!r})"
    check = best_response_check(equilibrium.k, equilibrium.bid, equilibrium.ask, support, support)
    return dataclasses.replace(equilibrium, best_response_check=check)


#: Rows processed at once in the best-response computations (memory bound).
_CHUNK = 256


def _buyer_gains(k: float, values: np.ndarray, bids: np.ndarray, asks: np.ndarray) -> tuple[float, int]:
    """max_i [sup_x π_i(x) − π_i(bid_i)], π_i(x) = mean_j 1{a_j <= x}(v_i − k x − (1−k) a_j)."""
    n = len(asks)
    A = np.sort(asks)
    C = np.cumsum(A)
    counts = np.searchsorted(A, A, side="right")  # asks <= candidate A_l
    sums = C[counts - 1]
    own_count = np.searchsorted(A, bids, side="right")
    own_sum = np.where(own_count > 0, C[np.maximum(own_count - 1, 0)], 0.0)
    own = (own_count * (values - k * bids) - (1 - k) * own_sum) / n
    best = np.zeros(n)
    for start in range(0, n, _CHUNK):
        v = values[start : start + _CHUNK, None]
        payoff = (counts[None, :] * (v - k * A[None, :]) - (1 - k) * sums[None, :]) / n
        best[start : start + _CHUNK] = np.maximum(payoff.max(axis=1), 0.0)
    gains = best - own
    at = int(np.argmax(gains))
    return float(max(gains[at], 0.0)), at


def _seller_gains(k: float, costs: np.ndarray, asks: np.ndarray, bids: np.ndarray) -> tuple[float, int]:
    """max_j [sup_y π_j(y) − π_j(ask_j)], π_j(y) = mean_i 1{b_i >= y}(k b_i + (1−k) y − c_j)."""
    n = len(bids)
    D = np.sort(bids)[::-1]  # descending
    C = np.cumsum(D)
    counts = n - np.searchsorted(np.sort(bids), D, side="left")  # bids >= candidate D_l
    sums = C[counts - 1]
    sorted_bids = np.sort(bids)
    own_count = n - np.searchsorted(sorted_bids, asks, side="left")
    own_sum = np.where(own_count > 0, C[np.maximum(own_count - 1, 0)], 0.0)
    own = (k * own_sum + own_count * ((1 - k) * asks - costs)) / n
    best = np.zeros(n)
    for start in range(0, n, _CHUNK):
        c = costs[start : start + _CHUNK, None]
        payoff = (k * sums[None, :] + counts[None, :] * ((1 - k) * D[None, :] - c)) / n
        best[start : start + _CHUNK] = np.maximum(payoff.max(axis=1), 0.0)
    gains = best - own
    at = int(np.argmax(gains))
    return float(max(gains[at], 0.0)), at
