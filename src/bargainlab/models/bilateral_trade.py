"""Static bilateral trade: Myerson–Satterthwaite, the second best, posted prices.

A seller with cost s ~ F on [s̲, s̄] and a buyer with value b ~ G on [b̲, b̄], independent
(lecture notes, "Bilateral trade"; Cramton 1985, Section 8.2 with equal discount rates).

* **Myerson–Satterthwaite.** The efficient, incentive-compatible, interim individually rational
  mechanism that leaves zero to the worst types (the VCG mechanism of the notes: the buyer pays
  max(s, b̲), the seller receives min(b, s̄)) runs the expected deficit

      D = ∫_{b̲}^{s̄} (1 − G(u)) F(u) du        (Cramton's Theorem 2; = s̄ − b̲ < 0 if s̄ < b̲),

  positive exactly when the supports overlap (b̲ < s̄): no efficient mechanism is IC, IR and
  free of deficit. For two uniforms on [0, 1], D = 1/6.
* **Second best** (ex ante efficient, Myerson–Satterthwaite 1983, Cramton's Theorem 3): trade iff
  d(b, a) > c(s, a) with the weighted virtual values of :mod:`~bargainlab.models.virtual_values`
  and the a ∈ [0, 1] that makes individual rationality bind. Uniform: a = 1/3, trade iff
  b − s > 1/4, surplus 9/64 against the first best 1/6 (efficiency 27/32; Cramton, Section 8.5).
* **Posted prices** p: trade iff s <= p <= b; the only dominant-strategy, ex post IR, budget
  balanced, undominated mechanisms (and their randomisations; lecture notes, "DSIC version").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import integrate, optimize

from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.core.quadrature import composite_gauss_legendre
from bargainlab.errors import InvalidParameterError
from bargainlab.models.virtual_values import InterimRule, WeightedMechanism, solve_weight

__all__ = [
    "as_distribution",
    "first_best_surplus",
    "MyersonSatterthwaite",
    "myerson_satterthwaite",
    "SecondBest",
    "second_best",
    "PostedPrice",
    "posted_price",
    "best_posted_price",
    "THRESHOLD_POINTS",
]

#: Points of the trade-region boundary s*(b) reported in results.
THRESHOLD_POINTS = 101

DistributionLike = Distribution | str


def as_distribution(dist: DistributionLike, parameter: str) -> Distribution:
    """A :class:`Distribution` from a Distribution or a spelling such as ``"beta(2,3)"``."""
    if isinstance(dist, Distribution):
        return dist
    if isinstance(dist, str):
        return parse_distribution(dist, parameter=parameter)
    raise InvalidParameterError(parameter, dist, "a Distribution or a string such as 'uniform' or 'beta(2,3)'")


def first_best_surplus(seller: DistributionLike, buyer: DistributionLike) -> float:
    """E[(b − s)^+], the gains from trade of the ex post efficient allocation."""
    return _first_best(as_distribution(seller, "seller"), as_distribution(buyer, "buyer"))


@lru_cache(maxsize=64)
def _first_best(seller: Distribution, buyer: Distribution) -> float:
    """Cached per pair of distributions (instances are immutable)."""
    return WeightedMechanism(seller, buyer, 0.0).expectations()["surplus"]


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class MyersonSatterthwaite:
    """The Myerson–Satterthwaite test for one pair of distributions.

    Attributes
    ----------
    seller, buyer
        Names of F and G.
    overlap
        Whether the supports overlap (max(s̲, b̲) < min(s̄, b̄)): it is neither common knowledge that
        trade is efficient (b̲ >= s̄) nor that it is not (b̄ <= s̲).
    impossible
        Whether every efficient, IC, interim IR mechanism runs an expected deficit (deficit > 0).
    deficit_efficient
        Expected deficit D of the efficient IC, IR mechanism that leaves the worst types nothing
        (negative: a surplus).
    first_best_surplus
        E[(b − s)^+].
    method
        ``"quadrature"`` (the 1-D formula of Theorem 2 by adaptive quadrature).
    """

    seller: str
    buyer: str
    overlap: bool
    impossible: bool
    deficit_efficient: float
    first_best_surplus: float
    method: str = "quadrature"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary."""
        return {
            "seller": self.seller,
            "buyer": self.buyer,
            "overlap": self.overlap,
            "impossible": self.impossible,
            "deficit_efficient": self.deficit_efficient,
            "first_best_surplus": self.first_best_surplus,
            "method": self.method,
        }

    def __str__(self) -> str:
        verdict = (
            "no efficient, IC, IR mechanism avoids a deficit (Myerson-Satterthwaite)"
            if self.impossible
            else "the efficient mechanism is IC, IR and runs no deficit"
        )
        return (
            f"Myerson-Satterthwaite test: seller {self.seller}, buyer {self.buyer}\n"
            f"  supports overlap: {self.overlap}\n"
            f"  expected deficit of the efficient IC, IR mechanism: {self.deficit_efficient:.6g}\n"
            f"  first-best gains from trade: {self.first_best_surplus:.6g}\n"
            f"  {verdict}"
        )


def myerson_satterthwaite(seller: DistributionLike, buyer: DistributionLike) -> MyersonSatterthwaite:
    """Expected deficit of the efficient, IC, interim IR mechanism (Cramton's Theorem 2).

    Examples
    --------
    >>> out = myerson_satterthwaite("uniform", "uniform")
    >>> out.impossible, round(out.deficit_efficient, 12)
    (True, 0.166666666667)
    """
    F, G = as_distribution(seller, "seller"), as_distribution(buyer, "buyer")
    lower, upper = max(G.lower, F.lower), min(F.upper, G.upper)
    if G.lower >= F.upper:  # common knowledge that trade is efficient
        deficit = F.upper - G.lower
    elif lower < upper:
        deficit = integrate.quad(lambda u: float(G.survival(u) * F.cdf(u)), lower, upper, limit=200)[0]
    else:
        deficit = 0.0
    return MyersonSatterthwaite(
        seller=F.name,
        buyer=G.name,
        overlap=max(F.lower, G.lower) < min(F.upper, G.upper),
        impossible=deficit > 0,
        deficit_efficient=float(deficit),
        first_best_surplus=first_best_surplus(F, G),
    )


@dataclass(frozen=True)
class SecondBest:
    """The ex ante efficient (second-best) static mechanism.

    Attributes
    ----------
    multiplier
        a ∈ [0, 1], the weight of the information rents in the virtual values (Cramton's a);
        a = λ/(1 + λ) with λ the Lagrange multiplier of the IR constraint.
    lagrange_multiplier
        λ = a/(1 − a) (``None`` when a = 1).
    m
        a/(1 + a); for uniform values trade happens iff b − s > m (Cramton, Section 8.5).
    surplus, first_best_surplus, efficiency
        Expected gains from trade of the mechanism, of the first best, and their ratio.
    trade_probability
        P(trade).
    seller_payoff, buyer_payoff
        Ex ante payoffs E[U(s)], E[V(b)] with Lemma 4's payments: V(b̲) = 0 and U(s̄) = R(a), which
        is 0 unless the first best is feasible (then the seller's worst type keeps the slack).
    budget_surplus
        Expected budget surplus R(a) = U(s̄) + V(b̲) of (IR); 0 when IR binds.
    threshold_b, threshold_s
        The trade region's boundary: trade iff s < s*(b), tabulated (s*(b) = s̲: never).
    method
        ``"quadrature"`` or ``"lp"`` (discretised linear program).
    """

    seller: str
    buyer: str
    multiplier: float
    lagrange_multiplier: float | None
    m: float
    surplus: float
    first_best_surplus: float
    efficiency: float
    trade_probability: float
    seller_payoff: float
    buyer_payoff: float
    budget_surplus: float
    threshold_b: tuple[float, ...]
    threshold_s: tuple[float, ...]
    method: str = "quadrature"
    mechanism: WeightedMechanism | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary (the mechanism object itself is left out)."""
        return {
            "seller": self.seller,
            "buyer": self.buyer,
            "multiplier": self.multiplier,
            "lagrange_multiplier": self.lagrange_multiplier,
            "m": self.m,
            "surplus": self.surplus,
            "first_best_surplus": self.first_best_surplus,
            "efficiency": self.efficiency,
            "trade_probability": self.trade_probability,
            "seller_payoff": self.seller_payoff,
            "buyer_payoff": self.buyer_payoff,
            "budget_surplus": self.budget_surplus,
            "trade_region": {"b": list(self.threshold_b), "s_below": list(self.threshold_s)},
            "method": self.method,
        }

    def payment_rule(self) -> InterimRule:
        """Interim trade probabilities and the payments x(s, b) of Cramton's Lemma 4."""
        if self.mechanism is None:
            raise InvalidParameterError("method", self.method, "'quadrature' for the payment rule")
        return InterimRule.of(self.mechanism)

    def __str__(self) -> str:
        lam = "inf" if self.lagrange_multiplier is None else f"{self.lagrange_multiplier:.6g}"
        return (
            f"Second-best (ex ante efficient) mechanism: seller {self.seller}, buyer {self.buyer} [{self.method}]\n"
            f"  trade iff b - a(1-G(b))/g(b) > s + a F(s)/f(s), a = {self.multiplier:.6g} "
            f"(lambda = {lam}, m = a/(1+a) = {self.m:.6g})\n"
            f"  surplus {self.surplus:.6g} of first best {self.first_best_surplus:.6g}: "
            f"efficiency {self.efficiency:.4%}\n"
            f"  P(trade) {self.trade_probability:.6g}; ex ante payoffs: seller {self.seller_payoff:.6g}, "
            f"buyer {self.buyer_payoff:.6g}; budget surplus {self.budget_surplus:.3g}"
        )


def second_best(
    seller: DistributionLike, buyer: DistributionLike, method: str = "quadrature", **lp_options: Any
) -> SecondBest:
    """The second-best mechanism: weighted virtual values with the multiplier that makes IR bind.

    Parameters
    ----------
    seller, buyer
        F and G (Distribution or e.g. ``"beta(2,3)"``).
    method
        ``"quadrature"`` (regular distributions; accurate to ~1e-10) or ``"lp"`` (the
        discretised linear program of :mod:`~bargainlab.models.bilateral_lp`, any distribution,
        accurate to the grid; options ``types=...``).

    Examples
    --------
    >>> out = second_best("uniform", "uniform")
    >>> round(out.multiplier, 10), round(out.m, 10), round(out.surplus * 64, 10), round(out.efficiency, 6)
    (0.3333333333, 0.25, 9.0, 0.84375)
    """
    F, G = as_distribution(seller, "seller"), as_distribution(buyer, "buyer")
    if method == "lp":
        from bargainlab.models.bilateral_lp import solve_discretised

        return solve_discretised(F, G, **lp_options).as_second_best()
    if method != "quadrature":
        raise InvalidParameterError("method", method, "'quadrature' or 'lp'")
    if lp_options:
        raise InvalidParameterError("options", sorted(lp_options), "no options with method='quadrature'")
    mechanism, e = solve_weight(F, G)
    first = first_best_surplus(F, G)
    a = mechanism.weight
    b_grid = np.linspace(G.lower, G.upper, THRESHOLD_POINTS)
    s_star = mechanism.immediate_threshold(b_grid)
    return SecondBest(
        seller=F.name,
        buyer=G.name,
        multiplier=a,
        lagrange_multiplier=_finite(a / (1 - a)) if a < 1 else None,
        m=a / (1 + a),
        surplus=e["surplus"],
        first_best_surplus=first,
        efficiency=e["surplus"] / first if first > 0 else 1.0,
        trade_probability=e["trade_probability"],
        seller_payoff=e["seller_rent"] + max(e["ir"], 0.0),
        buyer_payoff=e["buyer_rent"],
        budget_surplus=e["ir"],
        threshold_b=tuple(float(x) for x in b_grid),
        threshold_s=tuple(float(x) for x in s_star),
        mechanism=mechanism,
    )


@dataclass(frozen=True)
class PostedPrice:
    """Trade at a posted price p iff s <= p <= b (dominant-strategy IC, ex post IR, budget balanced).

    Attributes
    ----------
    price, trade_probability, surplus, seller_payoff, buyer_payoff, efficiency
        The price, P(s <= p <= b), E[(b − s) 1{trade}], E[(p − s) 1{trade}], E[(b − p) 1{trade}],
        surplus / first best.
    method
        ``"closed_form"`` (1-D integrals of F and G).
    """

    seller: str
    buyer: str
    price: float
    trade_probability: float
    surplus: float
    seller_payoff: float
    buyer_payoff: float
    first_best_surplus: float
    efficiency: float
    method: str = "closed_form"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def __str__(self) -> str:
        return (
            f"Posted price {self.price:.6g}: P(trade) {self.trade_probability:.6g}, surplus {self.surplus:.6g} "
            f"(efficiency {self.efficiency:.4%}); seller {self.seller_payoff:.6g}, buyer {self.buyer_payoff:.6g}"
        )


def _integral_of(function: Any, lower: float, upper: np.ndarray) -> np.ndarray:
    """∫_lower^upper function(u) du for each upper limit (graded Gauss–Legendre, vectorised)."""
    upper = np.asarray(upper, dtype=float)
    nodes, weights = composite_gauss_legendre(np.full(upper.shape, lower), np.maximum(upper, lower))
    return np.sum(function(nodes) * weights, axis=-1)


def _posted_payoffs(F: Distribution, G: Distribution, prices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Seller and buyer payoffs of posted prices p, by integration by parts:

    E[(p − s) 1{s <= p <= b}] = (1 − G(p)) ∫_{s̲}^{p} F,   E[(b − p) 1{s <= p <= b}] = F(p) ∫_{p}^{∞} (1 − G).
    """
    p = np.asarray(prices, dtype=float)
    seller = G.survival(p) * (_integral_of(F.cdf, F.lower, np.minimum(p, F.upper)) + np.maximum(p - F.upper, 0.0))
    tail = _integral_of(G.survival, G.lower, np.full(p.shape, G.upper))
    tail = tail - _integral_of(G.survival, G.lower, np.clip(p, G.lower, G.upper)) + np.maximum(G.lower - p, 0.0)
    return seller, F.cdf(p) * tail


def posted_price(seller: DistributionLike, buyer: DistributionLike, price: float) -> PostedPrice:
    """The outcome of trade at the posted price ``price``.

    Examples
    --------
    >>> out = posted_price("uniform", "uniform", 0.5)
    >>> out.trade_probability, out.surplus, out.seller_payoff
    (0.25, 0.125, 0.0625)
    """
    F, G = as_distribution(seller, "seller"), as_distribution(buyer, "buyer")
    try:
        p = float(price)
    except (TypeError, ValueError):
        raise InvalidParameterError("price", price, "a number") from None
    if not math.isfinite(p):
        raise InvalidParameterError("price", price, "a finite number")
    seller_payoffs, buyer_payoffs = _posted_payoffs(F, G, np.array([p]))
    seller_payoff, buyer_payoff = float(seller_payoffs[0]), float(buyer_payoffs[0])
    first = first_best_surplus(F, G)
    surplus = seller_payoff + buyer_payoff
    return PostedPrice(
        seller=F.name,
        buyer=G.name,
        price=p,
        trade_probability=float(F.cdf(p) * G.survival(p)),
        surplus=surplus,
        seller_payoff=seller_payoff,
        buyer_payoff=buyer_payoff,
        first_best_surplus=first,
        efficiency=surplus / first if first > 0 else 1.0,
    )


#: Grid of candidate prices searched before the local refinement in :func:`best_posted_price`.
PRICE_GRID_POINTS = 201


def best_posted_price(seller: DistributionLike, buyer: DistributionLike) -> PostedPrice:
    """The posted price with the largest expected surplus (grid search, then bounded refinement).

    Examples
    --------
    >>> round(best_posted_price("uniform", "uniform").price, 6)
    0.5
    """
    F, G = as_distribution(seller, "seller"), as_distribution(buyer, "buyer")
    lower, upper = max(F.lower, G.lower), min(F.upper, G.upper)
    if lower >= upper:  # no overlap: a price between the supports trades always
        return posted_price(F, G, 0.5 * (F.upper + G.lower))
    grid = np.linspace(lower, upper, PRICE_GRID_POINTS)
    values = np.sum(_posted_payoffs(F, G, grid), axis=0)
    k = int(np.argmax(values))
    left, right = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    best = optimize.minimize_scalar(
        lambda p: -float(np.sum(_posted_payoffs(F, G, np.array([p])))),
        bounds=(left, right),
        method="bounded",
        options={"xatol": 1e-10},
    )
    price = float(best.x) if -best.fun >= values[k] else float(grid[k])
    return posted_price(F, G, price)
