"""The equilibrium of one-sided bargaining with mechanisms (Pęski 2022).

Alice's value u has the continuous distribution F on [a, b] (Bob's belief); Bob's value v is
known; in each round Alice proposes with probability β, Bob with probability 1 - β; payoffs are
discounted by δ. Offers are mechanisms (menus, menus of menus). The slides' theorem: in the
unique equilibrium,

* the proposer offers the property-rights menu m*_α = Y_{α,p*} with Alice's share
  α_A = 1 - δ (1 - β) when Alice proposes and α_B = δ β when Bob proposes, and it is accepted;
* the expected payoffs are y*_β(u) = β max(u, v) + (1 - β) max(u - p*, 0) for type u of Alice
  and Π*_β = (1 - β) R(p*) for Bob, where β α_A + (1 - β) α_B = β for every δ;
* Bob is indifferent between accepting Alice's offer and waiting, Π*_{α_A} = δ Π*_β, and Alice
  weakly prefers accepting Bob's offer, y*_{α_B}(u) >= δ y*_β(u);
* the outcome is incentive-efficient but not ex post efficient: types v < u < p* do not get the
  good with probability 1 - β.

Here p* maximises R(p) = v F(p) + p (1 - F(p)) (:mod:`.price`). When p* is not unique Bob is
indifferent between the maximisers, so his payoff is pinned but Alice's is not: every payoff of
Alice is reported as the range [y with the highest p*, y with the lowest p*], and a
:class:`NonUniquePriceWarning` is issued.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.distributions import Distribution
from bargainlab.core.inputs import as_distribution, integer, number
from bargainlab.core.limits import MAX_POINTS
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.complete_info import offer_shares
from bargainlab.models.one_sided.menu import PropertyRightsMenu, menu_payoff, property_rights_menu
from bargainlab.models.one_sided.neutral import NeutralConditionResult, neutral_condition
from bargainlab.models.one_sided.price import OptimalPriceResult, optimal_prices

__all__ = [
    "NonUniquePriceWarning",
    "OneSidedOutcome",
    "solve",
    "DEFAULT_POINTS",
]

#: Number of Alice's values at which payoffs are reported by default (equally spaced on [a, b]).
DEFAULT_POINTS = 101

#: Subintervals allowed to adaptive quadrature, and break points of an empirical F passed to it.
QUAD_LIMIT = 500
QUAD_MAX_BREAKS = 400

#: Absolute (times the interval length) and relative tolerance of that quadrature.
QUAD_TOL = 1e-12

#: A welfare loss below this (times the scale of the values) is rounding: the outcome is ex post efficient.
EFFICIENCY_TOL = 1e-12


class NonUniquePriceWarning(UserWarning):
    """Bob's monopoly revenue R(p) has several maximisers: Alice's payoffs are not unique."""


@dataclass(frozen=True, repr=False)
class OneSidedOutcome(Result):
    """Everything the slides say about one parameter point.

    Attributes
    ----------
    distribution
        Alice's value distribution F.
    value_bob, bargaining_power, discount
        v, β (Alice's probability of proposing) and δ (1 stands for the limit δ → 1).
    price
        Bob's optimal price(s) p* and monopoly revenue R(p*).
    offer_alice, offer_bob
        α_A = 1 - δ (1 - β) and α_B = δ β.
    bob_payoff
        Π*_β = (1 - β) R(p*), Bob's equilibrium payoff.
    bob_payoff_alice_proposes, bob_payoff_bob_proposes
        Π*_{α_A} and Π*_{α_B}.
    u
        Alice's values at which her payoffs are reported.
    alice_payoff
        (low, high) arrays of y*_β(u) over the maximisers p* (equal when p* is unique).
    alice_ex_ante
        (low, high) of E[y*_β(u)].
    first_best
        E[max(u, v)], the ex post efficient welfare.
    welfare_loss
        (low, high) of (1 - β) ∫_v^{p*} (u - v) dF(u): types v < u < p* do not get the good with
        probability 1 - β.
    neutral
        The neutral-solution condition.
    bob_indifference
        Π*_{α_A} - δ Π*_β (zero: Bob is indifferent between accepting Alice's offer and waiting).
    alice_acceptance_margin
        min over the reported u of y*_{α_B}(u) - δ y*_β(u) (>= 0: Alice accepts Bob's offer).
    warnings
        Messages about the result (e.g. p* not unique).
    method
        How the numbers were computed.
    """

    model: ClassVar[str] = "one-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("distribution", "value_bob", "bargaining_power", "discount")
    extra_fields: ClassVar[tuple[str, ...]] = ("p_star", "expected_welfare", "efficiency", "ex_post_efficient", "menus")
    summary_fields: ClassVar[tuple[str, ...]] = ("p_star", "bob_payoff", "offer_alice", "offer_bob")

    distribution: Distribution
    value_bob: float
    bargaining_power: float
    discount: float
    price: OptimalPriceResult
    offer_alice: float
    offer_bob: float
    bob_payoff: float
    bob_payoff_alice_proposes: float
    bob_payoff_bob_proposes: float
    u: np.ndarray
    alice_payoff: tuple[np.ndarray, np.ndarray]
    alice_ex_ante: tuple[float, float]
    first_best: float
    welfare_loss: tuple[float, float]
    neutral: NeutralConditionResult
    bob_indifference: float
    alice_acceptance_margin: float
    warnings: tuple[str, ...]
    method: str

    # ------------------------------------------------------------------ derived quantities
    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs under their Python names (F by its name and support)."""
        return {
            "distribution": self.distribution.name,
            "support": [self.distribution.lower, self.distribution.upper],
            "value_bob": self.value_bob,
            "bargaining_power": self.bargaining_power,
            "discount": self.discount,
        }

    @property
    def p_star(self) -> float:
        """Bob's optimal price (the lowest maximiser when p* is not unique)."""
        return self.price.lowest

    @property
    def expected_welfare(self) -> tuple[float, float]:
        """(low, high) of E[welfare] = first best - loss = E[y*_β] + Π*_β."""
        return self.first_best - self.welfare_loss[1], self.first_best - self.welfare_loss[0]

    @property
    def efficiency(self) -> tuple[float, float]:
        """Expected welfare over the first best (1 when the first best is 0)."""
        if self.first_best == 0:
            return 1.0, 1.0
        low, high = self.expected_welfare
        return low / self.first_best, high / self.first_best

    @property
    def ex_post_efficient(self) -> bool:
        """True when no type of positive probability is denied the good inefficiently (the welfare
        loss is below ``EFFICIENCY_TOL`` times the scale of the values)."""
        scale = max(abs(self.distribution.lower), abs(self.distribution.upper), abs(self.value_bob), 1.0)
        return self.welfare_loss[1] <= EFFICIENCY_TOL * scale

    def expected_alice_payoff(self, share: float | None = None) -> float:
        """E[y*_α(u)] = α E[max(u, v)] + (1 - α) E[max(u - p*, 0)] (α = β by default; p* the lowest)."""
        alpha = self.bargaining_power if share is None else share
        return alpha * self.first_best + (1 - alpha) * _expect_excess(self.distribution, self.p_star)

    def payoff_alice(self, u: ArrayLike, share: float | None = None, price: float | None = None) -> np.ndarray:
        """y*_α(u) = α max(u, v) + (1 - α) max(u - p, 0) (α = β, p = p* by default)."""
        alpha = self.bargaining_power if share is None else share
        return menu_payoff(u, self.value_bob, self.p_star if price is None else price, alpha)

    def payoff_bob(self, share: float | None = None) -> float:
        """Π*_α = (1 - α) R(p*) (α = β by default)."""
        alpha = self.bargaining_power if share is None else share
        return (1.0 - alpha) * self.price.revenue

    def menu(self, share: float | None = None, price: float | None = None) -> PropertyRightsMenu:
        """The menu Y_{α,p*} (α = β by default; pass ``offer_alice`` or ``offer_bob`` for the offers)."""
        alpha = self.bargaining_power if share is None else share
        return property_rights_menu(alpha, self.p_star if price is None else price, self.value_bob)

    @property
    def menus(self) -> dict[str, PropertyRightsMenu]:
        """The menus Y_{α,p*}: the average (α = β) and the two offers (α_A, α_B)."""
        return {
            "equilibrium_average": self.menu(),
            "alice_proposes": self.menu(self.offer_alice),
            "bob_proposes": self.menu(self.offer_bob),
        }

    # ------------------------------------------------------------------ table
    def payoff_table(self) -> dict[str, np.ndarray]:
        """Alice's payoffs on the reported values u: y*_β(u) (low, high over the maximisers p*),
        her payoffs when Alice or Bob proposes (y*_{α_A}, y*_{α_B}) and the complete-information
        benchmark β max(u, v)."""
        low, high = self.alice_payoff
        return {
            "u": self.u,
            "alice_payoff_low": low,
            "alice_payoff_high": high,
            "alice_if_alice_proposes": self.payoff_alice(self.u, self.offer_alice),
            "alice_if_bob_proposes": self.payoff_alice(self.u, self.offer_bob),
            "complete_information": self.bargaining_power * np.maximum(self.u, self.value_bob),
        }

    def _frame_columns(self) -> dict[str, np.ndarray]:
        return self.payoff_table()


def _cdf_integral(dist: Distribution, low: float, high: float) -> float:
    """∫_low^high F(u) du over [low, high] ∩ [a, b] plus (high - b)+ (F = 1 above b).

    Expectations are written with the CDF (integration by parts) rather than the density: F is
    continuous where f jumps or has kinks (triangular, empirical, truncated F), which adaptive
    quadrature integrates to full accuracy.
    """
    from scipy import integrate  # lazy: import bargainlab and the CLI stay fast

    if high <= low:
        return 0.0
    a, b = max(low, dist.lower), min(high, dist.upper)
    total = max(0.0, high - max(low, dist.upper))  # F = 1 above the support
    if b > a:
        breaks = getattr(dist, "_breaks", None)
        points = None if breaks is None else [float(x) for x in breaks if a < x < b][:QUAD_MAX_BREAKS]
        total += integrate.quad(
            lambda x: float(dist.cdf(x)),
            a,
            b,
            points=points or None,
            limit=QUAD_LIMIT,
            epsabs=QUAD_TOL * max(1.0, b - a),
            epsrel=QUAD_TOL,
        )[0]
    return total


def _expect_max(dist: Distribution, v: float) -> float:
    """E[max(u, v)] = max(v, a) + ∫_{max(v, a)}^b (1 - F(u)) du."""
    start = max(v, dist.lower)
    return start + (dist.upper - start) - _cdf_integral(dist, start, dist.upper) if start < dist.upper else start


def _expect_excess(dist: Distribution, price: float) -> float:
    """E[max(u - p, 0)] = ∫_p^b (1 - F(u)) du."""
    start = max(price, dist.lower)
    if start >= dist.upper:
        return 0.0
    return (dist.upper - start) - _cdf_integral(dist, start, dist.upper) + (start - price)


def _loss_integral(dist: Distribution, v: float, price: float) -> float:
    """∫_v^p (u - v) dF(u) = (p - v) F(p) - ∫_v^p F(u) du (p >= v)."""
    if price <= v:
        return 0.0
    return max(0.0, (price - v) * float(dist.cdf(price)) - _cdf_integral(dist, v, price))


def _reported_values(dist: Distribution, u: ArrayLike | None, points: int) -> np.ndarray:
    if u is None:
        return dist.grid(integer(points, "points", low=2, high=MAX_POINTS))
    values = np.atleast_1d(np.asarray(u, dtype=float))
    if values.ndim != 1 or values.size == 0 or not np.all(np.isfinite(values)):
        raise InvalidParameterError("u", u, "one or more finite values of Alice")
    outside = values[(values < dist.lower) | (values > dist.upper)]
    if outside.size:
        raise InvalidParameterError(
            "u",
            values.tolist(),
            f"values of Alice in the support [{dist.lower:g}, {dist.upper:g}] of F",
            f"{outside[0]:g} is outside",
        )
    return values


def solve(
    distribution: Any,
    value_bob: float,
    bargaining_power: float,
    discount: float = 1.0,
    *,
    u: ArrayLike | None = None,
    points: int = DEFAULT_POINTS,
    support: tuple[float, float] | None = None,
) -> OneSidedOutcome:
    """Solve one-sided bargaining with mechanisms (Pęski 2022) at one parameter point.

    Parameters
    ----------
    distribution
        Alice's value distribution F: a :class:`~bargainlab.core.distributions.Distribution`,
        a frozen ``scipy.stats`` distribution, a name such as ``"beta(2,3)"`` or a sample.
    value_bob
        Bob's (known) value v.
    bargaining_power
        β ∈ [0, 1], the probability that Alice proposes in a round.
    discount
        δ ∈ (0, 1]; 1 stands for the limit δ → 1. The expected payoffs do not depend on δ.
    u
        Alice's values at which to report her payoffs (in the support); by default
        ``points`` equally spaced values.
    points
        Number of reported values of the default grid.
    support
        Truncation interval for ``distribution`` given as a name or scipy distribution.

    Returns
    -------
    OneSidedOutcome

    Examples
    --------
    >>> out = solve(distribution="uniform(0, 1)", value_bob=0.2, bargaining_power=0.5, discount=0.9)
    >>> round(out.p_star, 12), round(out.bob_payoff, 12), out.offer_alice, out.offer_bob
    (0.6, 0.18, 0.55, 0.45)
    >>> [round(float(y), 12) for y in out.payoff_alice([0.1, 0.5, 0.8])]
    [0.1, 0.25, 0.5]
    """
    dist = as_distribution(distribution, "distribution", support=support)
    v = number(value_bob, "value_bob", label="value_bob (v)")
    beta = number(bargaining_power, "bargaining_power", low=0.0, high=1.0, label="bargaining_power (β)")
    delta = number(
        discount,
        "discount",
        low=0.0,
        high=1.0,
        low_open=True,
        label="discount (δ)",
        detail="δ = 1 means the limit δ → 1",
    )
    values = _reported_values(dist, u, points)

    price = optimal_prices(dist, v)
    notes: list[str] = []
    if not price.unique:
        text = (
            f"Bob's revenue R(p) has {len(price.prices)} maximisers p* = "
            + ", ".join(f"{p:.6g}" for p in price.prices)
            + ": Bob's payoff is pinned, Alice's payoffs are reported as ranges over them"
        )
        notes.append(text)
        warnings.warn(text, NonUniquePriceWarning, stacklevel=2)
    alpha_a, alpha_b = offer_shares(beta, delta)
    revenue = price.revenue
    high_y = menu_payoff(values, v, price.lowest, beta)
    low_y = menu_payoff(values, v, price.highest, beta)
    mean_max = _expect_max(dist, v)
    ex_ante = tuple(beta * mean_max + (1 - beta) * _expect_excess(dist, p) for p in (price.highest, price.lowest))
    loss = tuple((1 - beta) * _loss_integral(dist, v, p) for p in (price.lowest, price.highest))
    margin = menu_payoff(values, v, price.lowest, alpha_b) - delta * high_y
    return OneSidedOutcome(
        distribution=dist,
        value_bob=v,
        bargaining_power=beta,
        discount=delta,
        price=price,
        offer_alice=alpha_a,
        offer_bob=alpha_b,
        bob_payoff=(1 - beta) * revenue,
        bob_payoff_alice_proposes=(1 - alpha_a) * revenue,
        bob_payoff_bob_proposes=(1 - alpha_b) * revenue,
        u=values,
        alice_payoff=(low_y, high_y),
        alice_ex_ante=(float(ex_ante[0]), float(ex_ante[1])),
        first_best=float(mean_max),
        welfare_loss=(float(loss[0]), float(loss[1])),
        neutral=neutral_condition(dist, v),
        bob_indifference=float((1 - alpha_a) * revenue - delta * (1 - beta) * revenue),
        alice_acceptance_margin=float(margin.min()),
        warnings=tuple(notes),
        method="closed form (Pęski 2022); p* by scan + Brent; expectations by adaptive quadrature of the CDF",
    )
