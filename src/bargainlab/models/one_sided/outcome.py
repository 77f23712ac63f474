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
from typing import Any

import numpy as np
import scipy.stats
from numpy.typing import ArrayLike
from scipy import integrate

from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.errors import InvalidParameterError
from bargainlab.models._checks import finite, in_interval
from bargainlab.models.complete_info import offer_shares
from bargainlab.models.one_sided.menu import PropertyRightsMenu, alice_menu_payoff, property_rights_menu
from bargainlab.models.one_sided.neutral import NeutralCondition, neutral_condition
from bargainlab.models.one_sided.price import OptimalPrice, optimal_prices

__all__ = [
    "NonUniquePriceWarning",
    "OneSidedOutcome",
    "as_distribution",
    "offer_shares",
    "solve",
    "DEFAULT_GRID_POINTS",
]

#: Number of Alice's values at which payoffs are reported by default (equally spaced on [a, b]).
DEFAULT_GRID_POINTS = 101

#: Subintervals allowed to adaptive quadrature, and break points of an empirical F passed to it.
QUAD_LIMIT = 500
QUAD_MAX_BREAKS = 400

#: Absolute (times the interval length) and relative tolerance of that quadrature.
QUAD_TOL = 1e-12

#: A welfare loss below this (times the scale of the values) is rounding: the outcome is ex post efficient.
EFFICIENCY_TOL = 1e-12


class NonUniquePriceWarning(UserWarning):
    """Bob's monopoly revenue R(p) has several maximisers: Alice's payoffs are not unique."""


def as_distribution(dist: Any, support: tuple[float, float] | None = None) -> Distribution:
    """Alice's value distribution from a :class:`Distribution`, a frozen ``scipy.stats``
    distribution, a name such as ``"beta(2,3)"`` or a sample of values (array-like)."""
    if isinstance(dist, Distribution):
        return dist
    if isinstance(dist, str):
        return parse_distribution(dist, support=support)
    if isinstance(dist, scipy.stats.distributions.rv_frozen):
        return Distribution.from_scipy(dist, support=support)
    try:
        sample = np.asarray(dist, dtype=float)
    except (TypeError, ValueError):
        sample = None
    if sample is not None and sample.ndim == 1:
        return Distribution.from_sample(sample)
    raise InvalidParameterError(
        "distribution",
        repr(dist),
        "a Distribution, a frozen scipy.stats distribution, a name such as 'beta(2,3)' or a sample of values",
    )


@dataclass(frozen=True)
class OneSidedOutcome:
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

    distribution: Distribution
    value_bob: float
    bargaining_power: float
    discount: float
    price: OptimalPrice
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
    neutral: NeutralCondition
    bob_indifference: float
    alice_acceptance_margin: float
    warnings: tuple[str, ...]
    method: str

    # ------------------------------------------------------------------ derived quantities
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
        return alice_menu_payoff(u, self.value_bob, self.p_star if price is None else price, alpha)

    def payoff_bob(self, share: float | None = None) -> float:
        """Π*_α = (1 - α) R(p*) (α = β by default)."""
        alpha = self.bargaining_power if share is None else share
        return (1.0 - alpha) * self.price.revenue

    def menu(self, share: float | None = None, price: float | None = None) -> PropertyRightsMenu:
        """The menu Y_{α,p*} (α = β by default; pass ``offer_alice`` or ``offer_bob`` for the offers)."""
        alpha = self.bargaining_power if share is None else share
        return property_rights_menu(alpha, self.p_star if price is None else price, self.value_bob)

    # ------------------------------------------------------------------ output
    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation (the ``--json`` output of ``bargainlab solve one-sided``)."""

        def ranges(low: np.ndarray, high: np.ndarray) -> list[list[float]]:
            return [[float(a) + 0.0, float(b) + 0.0] for a, b in zip(low, high)]

        def by_share(share: float) -> list[list[float]]:
            return ranges(
                alice_menu_payoff(self.u, self.value_bob, self.price.highest, share),
                alice_menu_payoff(self.u, self.value_bob, self.price.lowest, share),
            )

        return {
            "model": "one-sided",
            "parameters": {
                "distribution": self.distribution.name,
                "support": [self.distribution.lower, self.distribution.upper],
                "value_bob": self.value_bob,
                "beta": self.bargaining_power,
                "delta": self.discount,
            },
            "p_star": [float(p) for p in self.price.prices],
            "p_star_unique": self.price.unique,
            "monopoly_revenue": self.price.revenue,
            "offers": {"alice": self.offer_alice, "bob": self.offer_bob},
            "bob_payoff": self.bob_payoff,
            "bob_payoff_by_proposer": {"alice": self.bob_payoff_alice_proposes, "bob": self.bob_payoff_bob_proposes},
            "u": [float(x) for x in self.u],
            "alice_payoff": ranges(*self.alice_payoff),
            "alice_payoff_by_proposer": {"alice": by_share(self.offer_alice), "bob": by_share(self.offer_bob)},
            "alice_complete_information": (self.bargaining_power * np.maximum(self.u, self.value_bob)).tolist(),
            "alice_ex_ante_payoff": list(self.alice_ex_ante),
            "menus": {
                "equilibrium_average": self.menu().to_dict(),
                "alice_proposes": self.menu(self.offer_alice).to_dict(),
                "bob_proposes": self.menu(self.offer_bob).to_dict(),
            },
            "optimal_mechanisms": {
                "alice": {"sells_at": self.value_bob, "alice_payoff": "max(u, v)", "bob_payoff": 0.0},
                "bob": {"sells_at": [float(p) for p in self.price.prices], "bob_payoff": self.price.revenue},
            },
            "welfare": {
                "first_best": self.first_best,
                "expected": list(self.expected_welfare),
                "loss": list(self.welfare_loss),
                "efficiency": list(self.efficiency),
                "ex_post_efficient": self.ex_post_efficient,
                "types_denied_with_prob_1_minus_beta": [self.value_bob, float(self.price.highest)],
            },
            "neutral_solution": self.neutral.to_dict(),
            "identities": {
                "bob_indifference_residual": self.bob_indifference,
                "alice_acceptance_margin_min": self.alice_acceptance_margin,
            },
            "warnings": list(self.warnings),
            "method": self.method,
        }

    def __str__(self) -> str:
        low, high = self.alice_ex_ante
        alice = f"{low:.6g}" if high - low <= 0 else f"[{low:.6g}, {high:.6g}]"
        eff_low, eff_high = self.efficiency
        lines = [
            f"One-sided bargaining with mechanisms (Pęski 2022): F = {self.distribution.name} on "
            f"[{self.distribution.lower:g}, {self.distribution.upper:g}], v = {self.value_bob:g}, "
            f"β = {self.bargaining_power:g}, δ = {self.discount:g}",
            f"  Bob's optimal price: {self.price}",
            f"  offers: Alice's share α_A = {self.offer_alice:.6g} (Alice proposes), α_B = {self.offer_bob:.6g} (Bob)",
            f"  Bob's payoff Π*_β = {self.bob_payoff:.6g}; Alice's ex ante payoff E[y*_β] = {alice}",
            f"  Alice's payoff y*_β(u) = β max(u, v) + (1 - β) max(u - p*, 0); types in "
            f"({self.value_bob:g}, {self.price.highest:.6g}) miss the good with probability "
            f"{1 - self.bargaining_power:g}",
            f"  efficiency {eff_low:.6g}"
            + ("" if eff_high - eff_low <= 0 else f" to {eff_high:.6g}")
            + f" (welfare loss {self.welfare_loss[1]:.6g}); ex post efficient: {self.ex_post_efficient}",
            f"  {self.neutral}",
        ]
        lines += [f"  warning: {text}" for text in self.warnings]
        return "\n".join(lines)


def _cdf_integral(dist: Distribution, low: float, high: float) -> float:
    """∫_low^high F(u) du over [low, high] ∩ [a, b] plus (high - b)+ (F = 1 above b).

    Expectations are written with the CDF (integration by parts) rather than the density: F is
    continuous where f jumps or has kinks (triangular, empirical, truncated F), which adaptive
    quadrature integrates to full accuracy.
    """
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


def _reported_values(dist: Distribution, u: ArrayLike | None, grid_points: int) -> np.ndarray:
    if u is None:
        if int(grid_points) != grid_points or grid_points < 2:
            raise InvalidParameterError("grid_points", grid_points, "an integer >= 2")
        return dist.grid(int(grid_points))
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
    grid_points: int = DEFAULT_GRID_POINTS,
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
        ``grid_points`` equally spaced values.
    grid_points
        Size of the default grid.
    support
        Truncation interval for ``distribution`` given as a name or scipy distribution.

    Returns
    -------
    OneSidedOutcome

    Examples
    --------
    >>> out = solve("uniform(0, 1)", value_bob=0.2, bargaining_power=0.5, discount=0.9)
    >>> round(out.p_star, 12), round(out.bob_payoff, 12), out.offer_alice, out.offer_bob
    (0.6, 0.18, 0.55, 0.45)
    >>> [round(float(y), 12) for y in out.payoff_alice([0.1, 0.5, 0.8])]
    [0.1, 0.25, 0.5]
    """
    dist = as_distribution(distribution, support)
    v = finite("value_bob (v)", value_bob)
    beta = in_interval("bargaining_power (β)", bargaining_power, 0.0, 1.0)
    delta = in_interval("discount (δ)", discount, 0.0, 1.0, open_low=True, detail="δ = 1 means the limit δ → 1")
    values = _reported_values(dist, u, grid_points)

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
    high_y = alice_menu_payoff(values, v, price.lowest, beta)
    low_y = alice_menu_payoff(values, v, price.highest, beta)
    mean_max = _expect_max(dist, v)
    ex_ante = tuple(beta * mean_max + (1 - beta) * _expect_excess(dist, p) for p in (price.highest, price.lowest))
    loss = tuple((1 - beta) * _loss_integral(dist, v, p) for p in (price.lowest, price.highest))
    margin = alice_menu_payoff(values, v, price.lowest, alpha_b) - delta * high_y
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
