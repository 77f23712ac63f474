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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

import numpy as np

from bargainlab.core import inputs
from bargainlab.core.distributions import Distribution, DistributionLike
from bargainlab.core.quadrature import composite_gauss_legendre
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.bilateral_lp import LP_TYPES, DiscretisedOutcome, solve_discretised
from bargainlab.models.virtual_values import InterimRule, WeightedMechanism, solve_weight

__all__ = [
    "first_best_surplus",
    "MyersonSatterthwaiteResult",
    "myerson_satterthwaite",
    "SecondBestOutcome",
    "second_best",
    "PostedPriceOutcome",
    "posted_price",
    "best_posted_price",
    "BilateralOutcome",
    "solve",
    "THRESHOLD_POINTS",
]

#: Points of the trade-region boundary s*(b) reported in results.
THRESHOLD_POINTS = 101


def _pair(seller: DistributionLike, buyer: DistributionLike) -> tuple[Distribution, Distribution]:
    """F and G read by the one input layer (errors keyed ``seller`` / ``buyer``)."""
    F: Distribution = inputs.as_distribution(seller, "seller")
    G: Distribution = inputs.as_distribution(buyer, "buyer")
    return F, G


def first_best_surplus(seller: DistributionLike, buyer: DistributionLike) -> float:
    """E[(b − s)^+], the gains from trade of the ex post efficient allocation.

    Parameters
    ----------
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`).

    Returns
    -------
    float
        E[(b − s)^+] under independent s ~ F, b ~ G (quadrature).

    Examples
    --------
    >>> round(first_best_surplus("uniform", "uniform"), 12)   # ∫∫ (b - s)^+ = 1/6
    0.166666666667
    """
    return _first_best(*_pair(seller, buyer))


@lru_cache(maxsize=64)
def _first_best(seller: Distribution, buyer: Distribution) -> float:
    """Cached per pair of distributions (instances are immutable)."""
    return WeightedMechanism(seller, buyer, 0.0).expectations()["surplus"]


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@dataclass(frozen=True, repr=False)
class MyersonSatterthwaiteResult(Result):
    """The Myerson–Satterthwaite test for one pair of distributions.

    Attributes
    ----------
    seller, buyer
        Names of F and G (in ``parameters``).
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

    model: ClassVar[str] = "bilateral"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer")

    seller: str
    buyer: str
    overlap: bool
    impossible: bool
    deficit_efficient: float
    first_best_surplus: float
    method: str = "quadrature"

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: the two distributions."""
        return {"seller": self.seller, "buyer": self.buyer}


def myerson_satterthwaite(seller: DistributionLike, buyer: DistributionLike) -> MyersonSatterthwaiteResult:
    """Expected deficit of the efficient, IC, interim IR mechanism (Cramton's Theorem 2).

    Parameters
    ----------
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`).

    Returns
    -------
    MyersonSatterthwaiteResult
        The expected deficit of the efficient mechanism and whether it is impossible (deficit > 0).

    Examples
    --------
    >>> out = myerson_satterthwaite("uniform", "uniform")
    >>> out.impossible, round(out.deficit_efficient, 12)
    (True, 0.166666666667)
    """
    from scipy import integrate  # lazy: import bargainlab and the CLI stay fast

    F, G = _pair(seller, buyer)
    lower, upper = max(G.lower, F.lower), min(F.upper, G.upper)
    if G.lower >= F.upper:  # common knowledge that trade is efficient
        deficit = F.upper - G.lower
    elif lower < upper:
        deficit = integrate.quad(lambda u: float(G.survival(u) * F.cdf(u)), lower, upper, limit=200)[0]
    else:
        deficit = 0.0
    return MyersonSatterthwaiteResult(
        seller=F.name,
        buyer=G.name,
        overlap=max(F.lower, G.lower) < min(F.upper, G.upper),
        impossible=deficit > 0,
        deficit_efficient=float(deficit),
        first_best_surplus=first_best_surplus(F, G),
    )


@dataclass(frozen=True, repr=False)
class SecondBestOutcome(Result):
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
        The trade region's boundary: trade iff s < s*(b), tabulated (s*(b) = s̲: never); in
        :meth:`to_dict` as ``trade_region`` (``b``, ``s_below``), in :meth:`to_frame` as the table.
    method
        ``"quadrature"`` or ``"lp"`` (discretised linear program).
    """

    model: ClassVar[str] = "bilateral"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer", "threshold_b", "threshold_s", "mechanism")
    extra_fields: ClassVar[tuple[str, ...]] = ("trade_region",)
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "method", "multiplier", "surplus", "efficiency")

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
    mechanism: WeightedMechanism | None = field(default=None, compare=False)

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: the two distributions."""
        return {"seller": self.seller, "buyer": self.buyer}

    @property
    def trade_region(self) -> dict[str, tuple[float, ...]]:
        """The boundary of the trade region: buyer values ``b`` and the costs ``s_below`` s*(b)."""
        return {"b": self.threshold_b, "s_below": self.threshold_s}

    def _frame_columns(self) -> Mapping[str, Any]:
        """The threshold curve s*(b): trade iff the seller's cost is below ``seller_cost_below``."""
        return {"buyer_value": self.threshold_b, "seller_cost_below": self.threshold_s}

    def payment_rule(self) -> InterimRule:
        """Interim trade probabilities and the payments x(s, b) of Cramton's Lemma 4."""
        if self.mechanism is None:
            raise InvalidParameterError("method", self.method, "'quadrature' for the payment rule")
        return InterimRule.of(self.mechanism)


def _second_best_from_lp(solution: DiscretisedOutcome) -> SecondBestOutcome:
    """The static second best read off the discretised LP (the trade region at probability 1/2)."""
    n = len(solution.seller_types)
    prob = solution.trade_probability
    # boundary: for each buyer type, the largest seller type that trades with probability >= 1/2
    below = [
        float(solution.seller_types[np.flatnonzero(prob[:, j] >= 0.5)].max(initial=solution.seller_types[0]))
        for j in range(n)
    ]
    a = solution.multiplier
    first = solution.first_best_surplus
    return SecondBestOutcome(
        seller=solution.seller,
        buyer=solution.buyer,
        multiplier=a,
        lagrange_multiplier=solution.lagrange_multiplier,
        m=a / (1 + a),
        surplus=solution.surplus,
        first_best_surplus=first,
        efficiency=solution.surplus / first if first > 0 else 1.0,
        trade_probability=float(prob.mean()),
        seller_payoff=float(solution.seller_payoffs.mean()),
        buyer_payoff=float(solution.buyer_payoffs.mean()),
        budget_surplus=solution.budget,
        threshold_b=tuple(float(b) for b in solution.buyer_types),
        threshold_s=tuple(below),
        method="lp",
    )


def second_best(
    seller: DistributionLike, buyer: DistributionLike, method: str = "quadrature", **lp_options: Any
) -> SecondBestOutcome:
    """The second-best mechanism: weighted virtual values with the multiplier that makes IR bind.

    Parameters
    ----------
    seller, buyer
        F and G: a Distribution, a name such as ``"beta(2,3)"``, a frozen scipy.stats
        distribution or a sample.
    method
        ``"quadrature"`` (regular distributions; accurate to ~1e-10) or ``"lp"`` (the
        discretised linear program of :mod:`~bargainlab.models.bilateral_lp`, any distribution,
        accurate to the grid; options ``types=...``).

    Returns
    -------
    SecondBestOutcome
        The multiplier λ/(1 + λ), the trade region's threshold m, the expected surplus and the
        efficiency (surplus / first best).

    Examples
    --------
    >>> out = second_best("uniform", "uniform")
    >>> round(out.multiplier, 10), round(out.m, 10), round(out.surplus * 64, 10), round(out.efficiency, 6)
    (0.3333333333, 0.25, 9.0, 0.84375)
    """
    F, G = _pair(seller, buyer)
    if method == "lp":
        return _second_best_from_lp(solve_discretised(F, G, **lp_options))
    if method != "quadrature":
        raise InvalidParameterError("method", method, "'quadrature' or 'lp'")
    if lp_options:
        raise InvalidParameterError("options", sorted(lp_options), "no options with method='quadrature'")
    mechanism, e = solve_weight(F, G)
    first = first_best_surplus(F, G)
    a = mechanism.weight
    b_grid = np.linspace(G.lower, G.upper, THRESHOLD_POINTS)
    s_star = mechanism.immediate_threshold(b_grid)
    return SecondBestOutcome(
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


@dataclass(frozen=True, repr=False)
class PostedPriceOutcome(Result):
    """Trade at a posted price p iff s <= p <= b (dominant-strategy IC, ex post IR, budget balanced).

    Attributes
    ----------
    price, trade_probability, surplus, seller_payoff, buyer_payoff, efficiency
        The price, P(s <= p <= b), E[(b − s) 1{trade}], E[(p − s) 1{trade}], E[(b − p) 1{trade}],
        surplus / first best.
    method
        ``"closed_form"`` (1-D integrals of F and G).
    best
        Whether the price is the surplus-maximising one (:func:`best_posted_price`) rather than given.
    """

    model: ClassVar[str] = "bilateral"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer")
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "price", "surplus", "efficiency")

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
    best: bool = False

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: the two distributions and, unless searched for, the price."""
        out: dict[str, Any] = {"seller": self.seller, "buyer": self.buyer}
        if not self.best:
            out["price"] = self.price
        return out


def _integral_of(function: Any, lower: float, upper: np.ndarray) -> np.ndarray:
    """∫_lower^upper function(u) du for each upper limit (graded Gauss–Legendre, vectorised)."""
    upper = np.asarray(upper, dtype=float)
    nodes, weights = composite_gauss_legendre(np.full(upper.shape, lower), np.maximum(upper, lower))
    return np.asarray(np.sum(function(nodes) * weights, axis=-1))


def _posted_payoffs(F: Distribution, G: Distribution, prices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Seller and buyer payoffs of posted prices p, by integration by parts:

    E[(p − s) 1{s <= p <= b}] = (1 − G(p)) ∫_{s̲}^{p} F,   E[(b − p) 1{s <= p <= b}] = F(p) ∫_{p}^{∞} (1 − G).
    """
    p = np.asarray(prices, dtype=float)
    seller = G.survival(p) * (_integral_of(F.cdf, F.lower, np.minimum(p, F.upper)) + np.maximum(p - F.upper, 0.0))
    tail = _integral_of(G.survival, G.lower, np.full(p.shape, G.upper))
    tail = tail - _integral_of(G.survival, G.lower, np.clip(p, G.lower, G.upper)) + np.maximum(G.lower - p, 0.0)
    return seller, F.cdf(p) * tail


def _posted(F: Distribution, G: Distribution, p: float, best: bool) -> PostedPriceOutcome:
    seller_payoffs, buyer_payoffs = _posted_payoffs(F, G, np.array([p]))
    seller_payoff, buyer_payoff = float(seller_payoffs[0]), float(buyer_payoffs[0])
    first = first_best_surplus(F, G)
    surplus = seller_payoff + buyer_payoff
    return PostedPriceOutcome(
        seller=F.name,
        buyer=G.name,
        price=p,
        trade_probability=float(F.cdf(p) * G.survival(p)),
        surplus=surplus,
        seller_payoff=seller_payoff,
        buyer_payoff=buyer_payoff,
        first_best_surplus=first,
        efficiency=surplus / first if first > 0 else 1.0,
        best=best,
    )


def posted_price(seller: DistributionLike, buyer: DistributionLike, price: float) -> PostedPriceOutcome:
    """The outcome of trade at the posted price ``price``.

    Parameters
    ----------
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`).
    price
        The posted price (a finite number); trade happens when s ≤ price ≤ b.

    Returns
    -------
    PostedPriceOutcome
        The probability of trade, the expected surplus and each side's expected payoff.

    Examples
    --------
    >>> out = posted_price("uniform", "uniform", 0.5)
    >>> out.trade_probability, out.surplus, out.seller_payoff
    (0.25, 0.125, 0.0625)
    """
    F, G = _pair(seller, buyer)
    return _posted(F, G, inputs.number(price, "price"), best=False)


#: Grid of candidate prices searched before the local refinement in :func:`best_posted_price`.
PRICE_GRID_POINTS = 201


def best_posted_price(seller: DistributionLike, buyer: DistributionLike) -> PostedPriceOutcome:
    """The posted price with the largest expected surplus (grid search, then bounded refinement).

    Parameters
    ----------
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`).

    Returns
    -------
    PostedPriceOutcome
        The price, the probability of trade, the expected surplus and each side's payoff.

    Examples
    --------
    >>> round(best_posted_price("uniform", "uniform").price, 6)
    0.5
    """
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    F, G = _pair(seller, buyer)
    lower, upper = max(F.lower, G.lower), min(F.upper, G.upper)
    if lower >= upper:  # no overlap: a price between the supports trades always
        return _posted(F, G, 0.5 * (F.upper + G.lower), best=True)
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
    return _posted(F, G, price, best=True)


@dataclass(frozen=True, repr=False)
class BilateralOutcome(Result):
    """Static bilateral trade at one pair of distributions: the three answers of :func:`solve`.

    Attributes
    ----------
    myerson_satterthwaite
        The deficit of the efficient, IC, IR mechanism (Cramton's Theorem 2).
    second_best
        The ex ante efficient mechanism (Theorem 3).
    posted_price
        The best posted price, or the given one.
    types
        Types per side of the LP (``method="lp"``), else ``None``.
    """

    model: ClassVar[str] = "bilateral"
    hidden_fields: ClassVar[tuple[str, ...]] = ("types",)
    extra_fields: ClassVar[tuple[str, ...]] = ("deficit_efficient", "impossible", "first_best_surplus")
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "method", "deficit_efficient", "first_best_surplus")

    myerson_satterthwaite: MyersonSatterthwaiteResult
    second_best: SecondBestOutcome
    posted_price: PostedPriceOutcome
    types: int | None = None

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: distributions, the posted price (``None``: the best), method, LP types."""
        out: dict[str, Any] = {
            "seller": self.second_best.seller,
            "buyer": self.second_best.buyer,
            "price": None if self.posted_price.best else self.posted_price.price,
            "method": self.method,
        }
        if self.types is not None:
            out["types"] = self.types
        return out

    @property
    def method(self) -> str:
        """The second best's method (``"quadrature"`` or ``"lp"``)."""
        return self.second_best.method

    @property
    def deficit_efficient(self) -> float:
        """Expected deficit of the efficient IC, IR mechanism."""
        return self.myerson_satterthwaite.deficit_efficient

    @property
    def impossible(self) -> bool:
        """Whether efficient trade is impossible without a deficit (Myerson–Satterthwaite)."""
        return self.myerson_satterthwaite.impossible

    @property
    def first_best_surplus(self) -> float:
        """E[(b − s)^+]."""
        return self.myerson_satterthwaite.first_best_surplus


def solve(
    seller: DistributionLike = "uniform",
    buyer: DistributionLike = "uniform",
    price: float | None = None,
    method: str = "quadrature",
    types: int = LP_TYPES,
) -> BilateralOutcome:
    """Myerson–Satterthwaite, the second best and a posted price (the best one if ``price`` is None).

    Parameters
    ----------
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`).
    price
        A posted price, or ``None`` for the surplus-maximising one.
    method
        The second best's method, ``"quadrature"`` or ``"lp"``.
    types
        Types per side of the LP (``method="lp"`` only).

    Returns
    -------
    BilateralOutcome
        The Myerson–Satterthwaite result, the second best and the posted price, with the first best.

    Examples
    --------
    >>> out = solve("uniform", "uniform")
    >>> round(out.deficit_efficient * 6, 9), round(out.second_best.surplus * 64, 9), round(out.posted_price.price, 6)
    (1.0, 9.0, 0.5)
    """
    F, G = _pair(seller, buyer)
    lp = method == "lp"
    return BilateralOutcome(
        myerson_satterthwaite=myerson_satterthwaite(F, G),
        second_best=second_best(F, G, method=method, **({"types": types} if lp else {})),
        posted_price=best_posted_price(F, G) if price is None else posted_price(F, G, price),
        types=int(types) if lp else None,
    )
