"""Sequential rationality of the ex ante efficient mechanism (Cramton 1985, Lemmas 5–6, Corollary 1).

A sequential mechanism ⟨t, x⟩ is *sequentially rational* if at every date the mechanism it
induces on the remaining traders is interim efficient (Lemma 5: it is never common knowledge
that it is dominated). A necessary condition (Section 8.3): a pair that never trades must reach
a date after which trade is never beneficial, s >= b e^{(r−σ)t}. Lemma 6: a mechanism that
excludes trade on a set of positive probability of

    B = {(s, b) : r > σ (and b > 0), or r = σ and s < b}

(pairs for whom trade is beneficial at dates arbitrarily far in the future) violates sequential
rationality. Corollary 1: under Theorem 3's hypotheses (ex post efficiency unobtainable, c(·, 1)
and d(·, 1) increasing, and d(b̲, 1) < 0 if r > σ) the ex ante efficient p_a excludes trade on
such a set, N = {p_a = 0} ∩ B.

When r < σ the set B of Lemma 6 is empty (trade becomes worthless as t grows), so Lemma 6 says
nothing; yet the ex ante efficient mechanism is then static (trade now or never) and at any
date t > 0 leaves the pairs with s < b e^{(r−σ)t} untraded although trade is still beneficial,
so the induced "never trade" is dominated and the mechanism is not sequentially rational either
(Section 8.5 says so for r <= σ; see ``docs/errata.md``, C6). :func:`check_sequential_rationality`
reports both sets:

* ``excluded_lemma_6`` = P(N), N = {p_a = 0} ∩ B (Lemma 6 as printed);
* ``excluded_after_end`` = P(p_a = 0 and trade beneficial just after the mechanism's last
  trade date): s < b for a static mechanism (every r <= σ), b > 0 when r > σ (trade dates
  are unbounded and B applies).

The probabilities are one-dimensional integrals over the buyer's value (quantile midpoints);
:func:`excluded_probability_monte_carlo` is the second method (direct sampling of (s, b) and
the mechanism's p_a), and for uniform values on [0, 1] the closed forms are 7/32 (r <= σ:
the strip b − 1/4 <= s < b) and m = a/(1 + a) (r > σ: buyers b <= m never trade).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np

from bargainlab.core import inputs
from bargainlab.core.distributions import DistributionLike
from bargainlab.core.quadrature import bisect_increasing
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.sequential import solve
from bargainlab.models.virtual_values import WeightedMechanism, virtual_cost, virtual_value

__all__ = [
    "SequentialRationality",
    "check_sequential_rationality",
    "excluded_probability_monte_carlo",
    "with_monte_carlo",
    "QUANTILE_POINTS",
    "MONOTONE_POINTS",
    "EXCLUSION_TOL",
]

#: Quantile midpoints of the buyer's value in the one-dimensional integrals.
QUANTILE_POINTS = 4000
#: Grid points on which c(·, 1) and d(·, 1) are checked to be non-decreasing.
MONOTONE_POINTS = 401
#: A probability above this counts as a set of positive probability.
EXCLUSION_TOL = 1e-6


@dataclass(frozen=True, repr=False)
class SequentialRationality(Result):
    """Whether Cramton's ex ante efficient mechanism is sequentially rational, and why not.

    Attributes
    ----------
    seller, buyer
        Names of F and G.
    seller_rate, buyer_rate
        r and σ.
    multiplier
        a of the ex ante efficient p_a (Theorem 3).
    first_best_ir
        R(0) = U(s̄) + V(b̲) of the ex post efficient mechanism: negative when ex post efficiency
        is unobtainable (Theorem 2).
    virtual_monotone
        c(·, 1) and d(·, 1) are non-decreasing (on a grid of :data:`MONOTONE_POINTS` points).
    lowest_buyer_virtual_value
        d(b̲, 1) (Corollary 1 needs it negative when r > σ); ``None`` when it is −∞.
    excluded_lemma_6
        P({p_a = 0} ∩ B) with Lemma 6's B as printed.
    excluded_after_end
        P(p_a = 0 and trade beneficial just after the last trade date).
    monte_carlo, monte_carlo_error, samples
        The second method's estimate of ``excluded_after_end``, its standard error and the
        number of sampled pairs (``None`` when not run).
    """

    model: ClassVar[str] = "sequential-rationality"
    extra_fields: ClassVar[tuple[str, ...]] = ("hypotheses", "corollary_1_applies", "sequentially_rational")
    seller: str
    buyer: str
    seller_rate: float
    buyer_rate: float
    multiplier: float
    first_best_ir: float
    virtual_monotone: bool
    lowest_buyer_virtual_value: float | None
    excluded_lemma_6: float
    excluded_after_end: float
    monte_carlo: float | None = None
    monte_carlo_error: float | None = None
    samples: int | None = None
    method: str = "quadrature"

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs, by their Python names."""
        return {
            "seller": self.seller,
            "buyer": self.buyer,
            "seller_rate": self.seller_rate,
            "buyer_rate": self.buyer_rate,
        }

    @property
    def hypotheses(self) -> bool:
        """Corollary 1's hypotheses: ex post efficiency unobtainable, c, d increasing, d(b̲, 1) < 0 if r > σ."""
        d = self.lowest_buyer_virtual_value
        lowest = self.seller_rate <= self.buyer_rate or d is None or d < 0
        return self.first_best_ir < 0 and self.virtual_monotone and lowest

    @property
    def corollary_1_applies(self) -> bool:
        """Lemma 6's set B has positive probability where p_a excludes trade (r >= σ)."""
        return self.excluded_lemma_6 > EXCLUSION_TOL

    @property
    def sequentially_rational(self) -> bool:
        """False when the mechanism leaves untraded pairs with gains just after its last trade."""
        return self.excluded_after_end <= EXCLUSION_TOL


def _quantile_nodes(dist: Any, points: int) -> np.ndarray:
    return np.asarray(dist.ppf((np.arange(points) + 0.5) / points), dtype=float)


def _excluded(mechanism: WeightedMechanism, strict_gains: bool, lemma_6: bool, points: int) -> float:
    """P(p_a = 0 and the pair is in the set), by quantile midpoints of b."""
    F, G = mechanism.seller, mechanism.buyer
    r, sigma = mechanism.seller_rate, mechanism.buyer_rate
    if mechanism.delays:  # r > σ: p_a = 0 iff d(b, a) <= 0, B = {b > 0}
        root = float(bisect_increasing(lambda b: mechanism.value(b), np.array(0.0), G.lower, G.upper))
        if mechanism.value(np.array(G.upper)) <= 0:
            root = G.upper
        low = max(G.lower, 0.0)
        return float(max(0.0, G.cdf(np.array(root)) - G.cdf(np.array(low)))) if root > low else 0.0
    if lemma_6 and r < sigma:
        return 0.0  # B is empty
    b = _quantile_nodes(G, points)
    threshold = mechanism.immediate_threshold(b)  # p_a = 0 iff s >= threshold(b)
    upper = np.clip(b, F.lower, F.upper)
    mass = np.clip(F.cdf(upper) - F.cdf(np.minimum(threshold, upper)), 0.0, 1.0)
    return float(np.mean(mass)) if strict_gains else 0.0


def check_sequential_rationality(
    seller: DistributionLike,
    buyer: DistributionLike,
    seller_rate: float,
    buyer_rate: float,
    points: int = QUANTILE_POINTS,
) -> SequentialRationality:
    """Check Lemma 6 and Corollary 1 for the ex ante efficient mechanism at rates r, σ and F, G.

    Parameters
    ----------
    seller, buyer
        F and G (regular: Theorem 3's hypotheses are checked and reported).
    seller_rate, buyer_rate
        r > 0 and σ > 0.
    points
        Quantile midpoints of b in the integrals (at least 100).

    Examples
    --------
    >>> out = check_sequential_rationality("uniform", "uniform", 1.0, 1.0)
    >>> round(out.excluded_lemma_6 * 32, 4), out.sequentially_rational
    (7.0, False)
    """
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 100 <= points <= 10**6:
        raise InvalidParameterError("points", points, "an integer in [100, 1000000]")
    F, G = inputs.as_distribution(seller, "seller"), inputs.as_distribution(buyer, "buyer")
    outcome = solve(F, G, seller_rate, buyer_rate)
    mechanism = outcome.mechanism
    assert mechanism is not None  # quadrature keeps the mechanism
    first = mechanism.with_weight(0.0).expectations()["ir"]
    s_grid, b_grid = F.grid(MONOTONE_POINTS)[1:-1], G.grid(MONOTONE_POINTS)[1:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        c, d = virtual_cost(F, s_grid, 1.0), virtual_value(G, b_grid, 1.0)
        lowest_value = float(virtual_value(G, np.array(G.lower), 1.0))
    lowest = lowest_value if np.isfinite(lowest_value) else None
    monotone = bool(np.all(np.diff(c) >= -1e-9) and np.all(np.diff(d) >= -1e-9))
    return SequentialRationality(
        seller=F.name,
        buyer=G.name,
        seller_rate=float(seller_rate),
        buyer_rate=float(buyer_rate),
        multiplier=mechanism.weight,
        first_best_ir=float(first),
        virtual_monotone=monotone,
        lowest_buyer_virtual_value=lowest,
        excluded_lemma_6=_excluded(mechanism, True, True, points),
        excluded_after_end=_excluded(mechanism, True, False, points),
    )


def with_monte_carlo(
    result: SequentialRationality, seller: DistributionLike, buyer: DistributionLike, samples: int, seed: int = 0
) -> SequentialRationality:
    """``result`` (for F = ``seller``, G = ``buyer``) with the Monte Carlo estimate of ``excluded_after_end``."""
    estimate, error = excluded_probability_monte_carlo(
        seller, buyer, result.seller_rate, result.buyer_rate, samples, seed
    )
    return replace(result, monte_carlo=estimate, monte_carlo_error=error, samples=int(samples))


def excluded_probability_monte_carlo(
    seller: DistributionLike,
    buyer: DistributionLike,
    seller_rate: float,
    buyer_rate: float,
    samples: int = 200_000,
    seed: int = 0,
) -> tuple[float, float]:
    """Second method: P(p_a = 0 and trade beneficial right after the last trade date) by sampling (s, b).

    Uses the mechanism's own p_a(s, b) at sampled pairs (no thresholds, no quadrature).
    Returns (estimate, standard error).
    """
    F, G = inputs.as_distribution(seller, "seller"), inputs.as_distribution(buyer, "buyer")
    mechanism = solve(F, G, seller_rate, buyer_rate).mechanism
    assert mechanism is not None
    rng = np.random.default_rng(seed)
    s, b = F.sample(samples, rng), G.sample(samples, rng)
    never = mechanism.discount(s, b) <= 0.0
    gains = (b > 0) if mechanism.delays else (s < b)
    hits = (never & gains).astype(float)
    return float(hits.mean()), float(hits.std(ddof=1) / np.sqrt(samples))
