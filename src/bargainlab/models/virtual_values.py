"""Weighted virtual values and the mechanisms that maximise them pointwise (bilateral trade).

A seller with cost s ~ F on [s̲, s̄] and a buyer with value b ~ G on [b̲, b̄] (independent).
Trade at the discounted "date" p = e^{-t} ∈ [0, 1] is worth p^r to the seller (discount rate
r) and p^σ to the buyer (rate σ); the static problem is r = σ with p ∈ {0, 1} the probability
of trade. For a weight a ∈ [0, 1] the *weighted virtual cost and value* are (Cramton 1985,
Section 8.4; Myerson–Satterthwaite 1983):

    c(s, a) = s + a F(s)/f(s),        d(b, a) = b − a (1 − G(b))/g(b).

The mechanism p_a maximises d(b, a) p^σ − c(s, a) p^r pointwise:

* r <= σ (and the static case): p_a = 1 if c < d, else 0;
* r > σ: p_a = 0 if d <= 0; 1 if r c <= σ d; (σ d / (r c))^{1/(r−σ)} otherwise.

With a = λ/(1 + λ) (λ the multiplier of the individual-rationality constraint) it maximises
the Lagrangian of the ex ante efficient problem; the a that makes

    R(a) = E[d(b, 1) p_a^σ − c(s, 1) p_a^r] = U(s̄) + V(b̲)        (Cramton's Lemma 3, (IR))

zero makes IR bind (Theorem 3). a = 0 gives the first best (ex post efficient) mechanism.
Everything here assumes regular distributions (c(·, 1) and d(·, 1) non-decreasing), under
which p_a is monotone and hence implementable; :func:`check_regular` says so or raises.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainlab.core.distributions import Distribution
from bargainlab.core.quadrature import bisect_increasing, expect_pair
from bargainlab.errors import InvalidParameterError, SolverError

__all__ = [
    "virtual_cost",
    "virtual_value",
    "check_regular",
    "WeightedMechanism",
    "solve_weight",
    "REGULARITY_POINTS",
    "REGULARITY_TOL",
    "WEIGHT_TOL",
]

#: Points at which regularity (monotone virtual values) is checked.
REGULARITY_POINTS = 2001

#: Largest decrease of a virtual value between neighbouring check points still taken as monotone
#: (relative to the width of the support).
REGULARITY_TOL = 1e-7

#: Absolute tolerance of the root a of R(a) = 0.
WEIGHT_TOL = 1e-13


def _ratio(numerator: np.ndarray, density: np.ndarray) -> np.ndarray:
    """numerator / density with 0/0 = 0 (the limit at a support end where both vanish)."""
    numerator = np.asarray(numerator, dtype=float)
    density = np.asarray(density, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = numerator / density
    return np.where(numerator <= 0, 0.0, out)


def virtual_cost(seller: Distribution, s: np.ndarray, weight: float = 1.0) -> np.ndarray:
    """c(s, a) = s + a F(s)/f(s) (Cramton 1985, Section 8.4; Myerson–Satterthwaite 1983)."""
    s = np.asarray(s, dtype=float)
    return s + weight * _ratio(seller.cdf(s), seller.pdf(s)) if weight else s


def virtual_value(buyer: Distribution, b: np.ndarray, weight: float = 1.0) -> np.ndarray:
    """d(b, a) = b − a (1 − G(b))/g(b) (Cramton 1985, Section 8.4; Myerson–Satterthwaite 1983)."""
    b = np.asarray(b, dtype=float)
    return b - weight * _ratio(buyer.survival(b), buyer.pdf(b)) if weight else b


def check_regular(seller: Distribution, buyer: Distribution) -> None:
    """Raise unless the densities are positive inside the supports and c(·, 1), d(·, 1) are non-decreasing.

    These are the hypotheses of Cramton's Theorem 3 (and of the Myerson–Satterthwaite
    second best without ironing).
    """
    for name, dist, function in (("seller", seller, virtual_cost), ("buyer", buyer, virtual_value)):
        x = np.linspace(dist.lower, dist.upper, REGULARITY_POINTS)[1:-1]
        density = dist.pdf(x)
        if np.any(density <= 0) or not np.all(np.isfinite(density)):
            raise InvalidParameterError(
                name,
                dist.name,
                "a distribution with a positive, finite density inside its support",
                f"the density is not positive and finite at {x[np.argmax(~(density > 0) | ~np.isfinite(density))]:g}",
            )
        values = function(dist, x, 1.0)
        drops = np.diff(values)
        if np.any(drops < -REGULARITY_TOL * (dist.upper - dist.lower)):
            where = x[1 + int(np.argmin(drops))]
            kind = "s + F(s)/f(s)" if name == "seller" else "b - (1 - G(b))/g(b)"
            raise InvalidParameterError(
                name,
                dist.name,
                f"a regular distribution ({kind} non-decreasing)",
                f"it decreases near {where:g}; the second best then needs ironing: use method='lp' "
                "(the discretised linear program handles any distribution)",
            )


def _check_rates(seller_rate: float, buyer_rate: float) -> tuple[float, float]:
    out = []
    for name, rate in (("seller_rate", seller_rate), ("buyer_rate", buyer_rate)):
        try:
            value = float(rate)
        except (TypeError, ValueError):
            raise InvalidParameterError(name, rate, "a positive number (a discount rate)") from None
        if not (np.isfinite(value) and value > 0):
            raise InvalidParameterError(name, rate, "a positive finite number (a discount rate)")
        out.append(value)
    return out[0], out[1]


@dataclass(frozen=True)
class WeightedMechanism:
    """The pointwise maximiser p_a of d(b, a) p^σ − c(s, a) p^r (Cramton's p_a; a = 0 is p*).

    Parameters
    ----------
    seller, buyer
        F and G.
    weight
        a ∈ [0, 1].
    seller_rate, buyer_rate
        r and σ (equal rates give the static problem: p is the probability of trade).
    """

    seller: Distribution
    buyer: Distribution
    weight: float
    seller_rate: float = 1.0
    buyer_rate: float = 1.0

    def __post_init__(self) -> None:
        r, sigma = _check_rates(self.seller_rate, self.buyer_rate)
        object.__setattr__(self, "seller_rate", r)
        object.__setattr__(self, "buyer_rate", sigma)
        if not 0.0 <= float(self.weight) <= 1.0:
            raise InvalidParameterError("weight", self.weight, "a number in [0, 1]")
        if self.delays and self.seller.lower < 0:
            raise InvalidParameterError(
                "seller",
                self.seller.name,
                "a cost distribution on non-negative numbers when the seller's rate exceeds the buyer's",
                "Cramton (1985) assumes s >= 0; delay is then worth using",
            )

    @property
    def delays(self) -> bool:
        """Whether the mechanism uses delay (r > σ); otherwise trade is immediate or never."""
        return self.seller_rate > self.buyer_rate

    @property
    def kappa(self) -> float:
        """min(1, σ/r): p_a = 1 exactly where c(s, a) <= κ d(b, a) (and d > 0)."""
        return min(1.0, self.buyer_rate / self.seller_rate)

    def cost(self, s: np.ndarray, weight: float | None = None) -> np.ndarray:
        """c(s, a)."""
        return virtual_cost(self.seller, s, self.weight if weight is None else weight)

    def value(self, b: np.ndarray, weight: float | None = None) -> np.ndarray:
        """d(b, a)."""
        return virtual_value(self.buyer, b, self.weight if weight is None else weight)

    def discount(self, s: np.ndarray, b: np.ndarray) -> np.ndarray:
        """p_a(s, b) = e^{-t(s, b)} ∈ [0, 1] (0: never trade)."""
        return self._discount(self.cost(s), self.value(b))

    def _discount(self, c: np.ndarray, d: np.ndarray) -> np.ndarray:
        """p_a from the virtual cost c(s, a) and value d(b, a)."""
        c, d = np.broadcast_arrays(c, d)
        if not self.delays:
            return np.where(d > c, 1.0, 0.0)
        r, sigma = self.seller_rate, self.buyer_rate
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            interior = (sigma * d / (r * c)) ** (1.0 / (r - sigma))
        return np.where(d <= 0, 0.0, np.where(r * c <= sigma * d, 1.0, interior))

    def trade_time(self, s: np.ndarray, b: np.ndarray) -> np.ndarray:
        """t(s, b) = −ln p_a(s, b) (``inf``: never)."""
        with np.errstate(divide="ignore"):
            return -np.log(self.discount(s, b))

    def immediate_threshold(self, b: np.ndarray) -> np.ndarray:
        """The cost s below which trade with buyer b is immediate: c(s, a) = κ d(b, a).

        Static case: the trade region is s < threshold(b). Returns ``seller.lower`` where no
        cost qualifies and ``seller.upper`` where every cost does.
        """
        b = np.asarray(b, dtype=float)
        target = self.kappa * self.value(b)
        return bisect_increasing(self.cost, target, self.seller.lower, self.seller.upper)

    def _outer_breaks(self) -> list[float]:
        """Buyer values where the inner integral kinks: the threshold leaves the support, d = 0."""
        targets = [self.cost(np.array(self.seller.lower)), self.cost(np.array(self.seller.upper))]
        breaks = [
            float(
                bisect_increasing(
                    lambda b: self.kappa * self.value(b), np.asarray(t), self.buyer.lower, self.buyer.upper
                )
            )
            for t in targets
        ]
        if self.delays:
            breaks.append(float(bisect_increasing(self.value, np.asarray(0.0), self.buyer.lower, self.buyer.upper)))
        return breaks

    def expectations(self) -> dict[str, float]:
        """E of the mechanism's pieces.

        Keys: ``surplus`` E[b p^σ − s p^r]; ``buyer_value`` E[b p^σ]; ``seller_cost`` E[s p^r];
        ``ir`` R(a) = E[d(b,1) p^σ − c(s,1) p^r] = U(s̄) + V(b̲) (Cramton's (IR));
        ``trade_probability`` P(p > 0); ``buyer_discount`` E[p^σ]; ``seller_discount`` E[p^r];
        ``seller_rent`` E[U(s)] − U(s̄) = E[(F/f)(s) p^r]; ``buyer_rent`` E[V(b)] − V(b̲) =
        E[((1 − G)/g)(b) p^σ] (the information rents, Lemma 3's (US) and (UB)).
        """
        r, sigma = self.seller_rate, self.buyer_rate

        def integrand(S: np.ndarray, B: np.ndarray) -> np.ndarray:
            seller_rent = virtual_cost(self.seller, S, 1.0) - S  # F/f, evaluated once
            buyer_rent = B - virtual_value(self.buyer, B, 1.0)  # (1 − G)/g
            a = self.weight
            p = self._discount(S + a * seller_rent if a else S, B - a * buyer_rent if a else B)
            pb = p**sigma if self.delays else p
            ps = p**r if self.delays else p
            return np.stack(
                [
                    B * pb,
                    S * ps,
                    (B - buyer_rent) * pb - (S + seller_rent) * ps,
                    (p > 0).astype(float),
                    pb,
                    ps,
                    seller_rent * ps,
                    buyer_rent * pb,
                ]
            )

        # nodes of empty pieces may sit where a density vanishes (rent = inf); expect_pair gives them
        # zero weight, so the NaNs that arise there never enter a sum
        with np.errstate(invalid="ignore"):
            values = expect_pair(
                integrand,
                self.seller,
                self.buyer,
                cuts=lambda b: [self.immediate_threshold(b)],
                outer_breaks=self._outer_breaks(),
            )
        if not np.all(np.isfinite(values)):
            raise SolverError(
                f"the quadrature over {self.seller.name} x {self.buyer.name} did not give finite numbers "
                "(is a density infinite or zero inside its support?)"
            )
        buyer_value, seller_cost, ir, trade, pb, ps, seller_rent, buyer_rent = (float(v) for v in np.atleast_1d(values))
        return {
            "surplus": buyer_value - seller_cost,
            "buyer_value": buyer_value,
            "seller_cost": seller_cost,
            "ir": ir,
            "trade_probability": trade,
            "buyer_discount": pb,
            "seller_discount": ps,
            "seller_rent": seller_rent,
            "buyer_rent": buyer_rent,
        }

    def with_weight(self, weight: float) -> WeightedMechanism:
        """The same environment with another weight a."""
        return WeightedMechanism(self.seller, self.buyer, weight, self.seller_rate, self.buyer_rate)


def solve_weight(
    seller: Distribution, buyer: Distribution, seller_rate: float = 1.0, buyer_rate: float = 1.0
) -> tuple[WeightedMechanism, dict[str, float]]:
    """The ex ante efficient mechanism: the a ∈ [0, 1] with R(a) = 0 (Cramton's Theorem 3).

    If R(0) >= 0 the first best is implementable (IR slack) and a = 0. Returns the mechanism
    and its expectations.
    """
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    check_regular(seller, buyer)
    base = WeightedMechanism(seller, buyer, 0.0, seller_rate, buyer_rate)
    first = base.expectations()
    if first["ir"] >= 0:
        return base, first

    def ir(a: float) -> float:
        return base.with_weight(a).expectations()["ir"]

    top = ir(1.0)
    if top < 0:  # R(1) = E[max_p (d(b,1) p^σ − c(s,1) p^r)] >= 0 in exact arithmetic
        if top > -1e-9 * max(1.0, abs(first["ir"])):
            weight = 1.0
        else:
            raise SolverError(f"R(1) = {top:.3g} < 0: the quadrature failed (is a density badly behaved?)")
    else:
        weight = optimize.brentq(ir, 0.0, 1.0, xtol=WEIGHT_TOL, rtol=8.9e-16)
    mechanism = base.with_weight(weight)
    return mechanism, mechanism.expectations()


#: Grid points on which interim probabilities and payments are tabulated.
INTERIM_GRID_POINTS = 1025


def _cut_pieces(lower: np.ndarray, upper: float, cuts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Composite nodes and weights on [lower, upper] split at the (clipped, sorted) cuts."""
    from bargainlab.core.quadrature import composite_gauss_legendre, sorted_curves

    lo = np.asarray(lower, dtype=float)
    hi = np.full_like(lo, upper)
    curves = sorted_curves([np.clip(c, lo, hi) for c in cuts])
    limits = [lo, *curves, hi]
    nodes, weights = zip(*(composite_gauss_legendre(a, b) for a, b in zip(limits[:-1], limits[1:])))
    return np.concatenate(nodes, axis=-1), np.concatenate(weights, axis=-1)


@dataclass(frozen=True)
class InterimRule:
    """Interim discounted probabilities of agreement and Lemma 4's payment rule (Cramton 1985).

    P(s) = E_b[p(s, b)^r] (seller), Q(b) = E_s[p(s, b)^σ] (buyer), tabulated on grids, and

        x(s, b) = ∫_{b̲}^{b} u dQ(u) + ∫_{s̲}^{s} u dP(u) + c,
        c = b̲ Q(b̲) − ∫_{s̲}^{s̄} u (1 − F(u)) dP(u),

    which makes the mechanism incentive compatible with V(b̲) = 0 (Lemma 4 as corrected in
    docs/errata.md: the printed constant has the wrong sign before the integral).
    """

    seller: Distribution
    buyer: Distribution
    s_grid: np.ndarray
    seller_probability: np.ndarray
    b_grid: np.ndarray
    buyer_probability: np.ndarray

    @classmethod
    def of(cls, mechanism: WeightedMechanism, points: int = INTERIM_GRID_POINTS) -> InterimRule:
        """Tabulate P and Q of ``mechanism``."""
        m = mechanism
        s_grid = np.linspace(m.seller.lower, m.seller.upper, points)
        b_grid = np.linspace(m.buyer.lower, m.buyer.upper, points)
        r, sigma = m.seller_rate, m.buyer_rate
        # P(s): integrate over b, split where trade becomes immediate and where d(b, a) = 0
        b_immediate = bisect_increasing(lambda b: m.kappa * m.value(b), m.cost(s_grid), m.buyer.lower, m.buyer.upper)
        b_zero = np.full_like(s_grid, float(bisect_increasing(m.value, np.asarray(0.0), m.buyer.lower, m.buyer.upper)))
        nodes, weights = _cut_pieces(np.full_like(s_grid, m.buyer.lower), m.buyer.upper, [b_immediate, b_zero])
        S = np.broadcast_to(s_grid[:, None], nodes.shape)
        P = np.sum(m.discount(S, nodes) ** r * m.buyer.pdf(nodes) * weights, axis=1)
        nodes, weights = _cut_pieces(
            np.full_like(b_grid, m.seller.lower), m.seller.upper, [m.immediate_threshold(b_grid)]
        )
        B = np.broadcast_to(b_grid[:, None], nodes.shape)
        Q = np.sum(m.discount(nodes, B) ** sigma * m.seller.pdf(nodes) * weights, axis=1)
        return cls(m.seller, m.buyer, s_grid, P, b_grid, Q)

    # ---------------------------------------------------------------- tabulated pieces
    def P(self, s: np.ndarray) -> np.ndarray:
        """P(s), the seller's discounted probability of agreement."""
        return np.interp(s, self.s_grid, self.seller_probability)

    def Q(self, b: np.ndarray) -> np.ndarray:
        """Q(b), the buyer's discounted probability of agreement."""
        return np.interp(b, self.b_grid, self.buyer_probability)

    def _cumulative(self, grid: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum(np.diff(grid) * (values[1:] + values[:-1]) / 2)])

    def _stieltjes_seller(self) -> np.ndarray:
        """∫_{s̲}^{s} u dP(u) on the grid = s P(s) − s̲ P(s̲) − ∫_{s̲}^{s} P."""
        g, P = self.s_grid, self.seller_probability
        return g * P - g[0] * P[0] - self._cumulative(g, P)

    def _stieltjes_buyer(self) -> np.ndarray:
        """∫_{b̲}^{b} u dQ(u) on the grid."""
        g, Q = self.b_grid, self.buyer_probability
        return g * Q - g[0] * Q[0] - self._cumulative(g, Q)

    def _expect(self, dist: Distribution, grid: np.ndarray, values: np.ndarray) -> float:
        weights = dist.pdf(grid)
        return float(self._cumulative(grid, weights * values)[-1] / self._cumulative(grid, weights)[-1])

    @property
    def constant(self) -> float:
        """c = b̲ Q(b̲) − ∫ u (1 − F(u)) dP(u) = b̲ Q(b̲) − E_s[∫_{s̲}^{s} u dP(u)]."""
        return float(self.b_grid[0] * self.buyer_probability[0]) - self._expect(
            self.seller, self.s_grid, self._stieltjes_seller()
        )

    def payment(self, s: np.ndarray, b: np.ndarray) -> np.ndarray:
        """x(s, b): the discounted expected payment from buyer to seller (Lemma 4)."""
        return (
            np.interp(b, self.b_grid, self._stieltjes_buyer())
            + np.interp(s, self.s_grid, self._stieltjes_seller())
            + self.constant
        )

    def seller_revenue(self, s: np.ndarray) -> np.ndarray:
        """S(s) = E_b[x(s, b)]."""
        mean_b = self._expect(self.buyer, self.b_grid, self._stieltjes_buyer())
        return mean_b + np.interp(s, self.s_grid, self._stieltjes_seller()) + self.constant

    def buyer_payment(self, b: np.ndarray) -> np.ndarray:
        """B(b) = E_s[x(s, b)]."""
        mean_s = self._expect(self.seller, self.s_grid, self._stieltjes_seller())
        return np.interp(b, self.b_grid, self._stieltjes_buyer()) + mean_s + self.constant

    def seller_payoff(self, s: np.ndarray) -> np.ndarray:
        """U(s) = S(s) − s P(s)."""
        s = np.asarray(s, dtype=float)
        return self.seller_revenue(s) - s * self.P(s)

    def buyer_payoff(self, b: np.ndarray) -> np.ndarray:
        """V(b) = b Q(b) − B(b)."""
        b = np.asarray(b, dtype=float)
        return b * self.Q(b) - self.buyer_payment(b)
