"""Brute-force verifier of the transparency game, independent of the solver's reductions.

Nothing here uses the size reduction U(A) = Σ(h − p) − C(a) or the closed form q(a): the
buyer's best responses are found by enumerating every subset of offers (both types), the
period-2 prices by enumerating every set of other sellers each seller may observe (with its
probability), and each seller's deviations on a grid of prices. Exponential: N ≤
:data:`MAX_VERIFY_SELLERS`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bargainlab.core import inputs
from bargainlab.models.transparency import TransparencyGame

__all__ = ["MAX_VERIFY_SELLERS", "Verification", "brute_force_outcome", "buyer_value", "verify_profile"]

#: Largest N the brute force accepts (2^N subsets times 2^(N-1) observation sets per seller).
MAX_VERIFY_SELLERS = 6

#: Slack of the verifier's comparisons.
VERIFY_TOL = 1e-9


@lru_cache(maxsize=256)
def _asks_high(game: TransparencyGame, revealing: frozenset[int]) -> tuple[float, ...]:
    """P(seller j asks h in period 2) when the purchases above l are exactly ``revealing``."""
    n, rho = game.sellers, game.transparency
    if game.prior_high >= 1.0:
        return tuple([1.0] * n)
    out = []
    for j in range(n):
        if j in revealing:
            out.append(1.0)
            continue
        others = [k for k in range(n) if k != j]
        if game.observation == "market":
            draws = [(frozenset(others), rho), (frozenset(), 1 - rho)]
        else:
            draws = [
                (frozenset(seen), rho ** len(seen) * (1 - rho) ** (len(others) - len(seen)))
                for size in range(len(others) + 1)
                for seen in itertools.combinations(others, size)
            ]
        out.append(sum(prob for seen, prob in draws if seen & revealing))
    return tuple(out)


def buyer_value(game: TransparencyGame, prices: Sequence[float], accepted: frozenset[int], value: float) -> float:
    """The payoff of a buyer of value ``value`` who accepts exactly ``accepted`` (both periods)."""
    low = game.low_value
    revealing = frozenset(i for i in accepted if prices[i] > low)
    asks = _asks_high(game, revealing)
    period2 = sum(a * max(value - game.high_value, 0.0) + (1 - a) * max(value - low, 0.0) for a in asks)
    return sum(value - prices[i] for i in accepted) + game.discount * period2


def _best_subsets(game: TransparencyGame, prices: Sequence[float], value: float) -> list[frozenset[int]]:
    """All optimal subsets of the largest size (the tie rule), by enumeration."""
    n = game.sellers
    subsets = [frozenset(c) for size in range(n + 1) for c in itertools.combinations(range(n), size)]
    values = np.array([buyer_value(game, prices, s, value) for s in subsets])
    best = values.max()
    optimal = [s for s, v in zip(subsets, values) if v >= best - VERIFY_TOL]
    largest = max(len(s) for s in optimal)
    return [s for s in optimal if len(s) == largest]


@dataclass(frozen=True)
class BruteOutcome:
    """Seller payoffs and buyer payoffs at a price profile, by enumeration."""

    seller_payoffs: tuple[float, ...]
    buyer_high_payoff: float
    buyer_low_payoff: float
    high_choices: tuple[frozenset[int], ...]
    low_choices: tuple[frozenset[int], ...]


def brute_force_outcome(game: TransparencyGame, prices: Sequence[float]) -> BruteOutcome:
    """Expected payoffs when the buyer best-responds by enumeration (uniform over tied largest sets)."""
    prices = tuple(float(p) for p in prices)
    mu, h, low, delta, n = game.prior_high, game.high_value, game.low_value, game.discount, game.sellers
    high_sets = _best_subsets(game, prices, h)
    low_sets = _best_subsets(game, prices, low)
    payoffs = np.zeros(n)
    for weight, sets, value in ((mu, high_sets, h), (1 - mu, low_sets, low)):
        for accepted in sets:
            revealing = frozenset(i for i in accepted if prices[i] > low)
            asks = _asks_high(game, revealing)
            for j in range(n):
                period1 = prices[j] if j in accepted else 0.0
                # Period 2: price h sells iff value ≥ h; price l sells iff value ≥ l (always).
                period2 = asks[j] * (h if value >= h else 0.0) + (1 - asks[j]) * low
                payoffs[j] += weight * (period1 + delta * period2) / len(sets)
    return BruteOutcome(
        tuple(float(x) for x in payoffs),
        buyer_value(game, prices, high_sets[0], h),
        buyer_value(game, prices, low_sets[0], low),
        tuple(high_sets),
        tuple(low_sets),
    )


@dataclass(frozen=True)
class Verification:
    """What the brute force found at a profile.

    Attributes
    ----------
    payoffs
        The brute-force outcome at the profile.
    best_gain
        The largest gain of any seller from any grid price (≤ 0 confirms the equilibrium).
    best_deviation
        (seller, price) of that gain.
    rejects_all_after_raise
        For the first seller priced above l: whether, after it raises its price by ``raise_by``,
        every optimal choice of the high type rejects every above-l offer (``None`` if none above l).
    """

    payoffs: BruteOutcome
    best_gain: float
    best_deviation: tuple[int, float]
    rejects_all_after_raise: bool | None


def verify_profile(
    game: TransparencyGame, prices: Sequence[float], grid: int = 201, raise_by: float = 1e-6
) -> Verification:
    """Check a profile by brute force: every seller, every price of a grid on [0, h + 1] and l."""
    n = inputs.integer(game.sellers, "sellers", low=1, high=MAX_VERIFY_SELLERS, label="sellers (N) for brute force")
    prices = tuple(float(p) for p in prices)
    base = brute_force_outcome(game, prices)
    candidates = sorted({*np.linspace(0.0, game.high_value + 1.0, grid).tolist(), game.low_value, *prices})
    best_gain, best_dev = -np.inf, (0, prices[0])
    for seller in range(n):
        for price in candidates:
            trial = list(prices)
            trial[seller] = price
            gain = brute_force_outcome(game, trial).seller_payoffs[seller] - base.seller_payoffs[seller]
            if gain > best_gain:
                best_gain, best_dev = gain, (seller, price)
    above = [i for i, p in enumerate(prices) if p > game.low_value]
    rejects: bool | None = None
    if above:
        raised = list(prices)
        raised[above[0]] += raise_by
        sets = brute_force_outcome(game, raised).high_choices
        rejects = all(not any(raised[i] > game.low_value for i in s) for s in sets)
    return Verification(base, float(best_gain), best_dev, rejects)
