"""Transparency: N sellers, one buyer with a reputation (lecture notes, "Transparency", after
Valenzuela-Stookey 2023, *Pay transparency and discrimination*).

N sellers each sell one unit per period at zero cost to one buyer with additive demand, whose
value per unit is h with probability μ and l < h otherwise. Period 1: sellers post
take-it-or-leave-it prices and the buyer accepts any subset. Between the periods each seller sees
each other seller's outcome with probability ρ. Period 2 (the notes' rule): a seller that saw a
purchase above l asks h, the others ask l. The full statement, the choices made where the notes
are vague and the results are in ``docs/transparency.md``.

The high type's problem reduces to the number a of above-l purchases (eq. T1 of the doc):

    U(A) = Σ_{i∈A} (h − p_i) − C(a) + D N,   C(a) = D [N − (N − a) q(a)],   D = δ (h − l),

with q(a) the probability that a seller outside A sees none of the a purchases. The equilibria
are searched among profiles with k sellers at p_k = h − C(k)/k and N − k at l, each checked
against every deviation of every seller (exactly, by the three linear pieces of a seller's payoff).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any, ClassVar

from bargainlab.core import inputs
from bargainlab.core.choices import OBSERVATIONS
from bargainlab.core.limits import MAX_SELLERS
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = [
    "MAX_SELLERS",
    "MAX_STATICS_POINTS",
    "OBSERVATIONS",
    "TransparencyGame",
    "BuyerChoice",
    "ProfileOutcome",
    "TransparencyEquilibrium",
    "PassivePrediction",
    "TransparencySolution",
    "transparency_game",
    "solve_transparency",
    "evaluate_profile",
    "comparative_statics",
]
# Also importable (building blocks, used by the verifier and the tests): high_type_choice,
# reputation_cost, unseen_probability, candidates, equilibria, passive_predictions, best_deviations.

#: Largest number of parameter values in one :func:`comparative_statics` call.
MAX_STATICS_POINTS = 1001

#: Two payoffs closer than this are a tie (buyer's choice) or no gain (seller's deviation); a candidate
#: price or a deviation threshold within this of l counts as l (so a separating premium (1 − δ)(h − l)
#: at most this is solved as δ = 1: docs/transparency.md).
TRANSPARENCY_TIE_TOL = 1e-10


@dataclass(frozen=True)
class TransparencyGame:
    """The primitives of the transparency game (see ``docs/transparency.md``).

    Attributes
    ----------
    sellers
        N, the number of sellers (1 to :data:`MAX_SELLERS`).
    prior_high
        μ, the probability that the buyer's value per unit is ``high_value``.
    high_value, low_value
        h and l, 0 ≤ l < h.
    discount
        δ ∈ [0, 1], the weight of period 2.
    transparency
        ρ ∈ [0, 1], the probability that a seller sees another seller's period-1 outcome.
    observation
        ``"independent"`` (each ordered pair of sellers independently) or ``"market"`` (one
        draw: with probability ρ everyone sees everything).
    """

    sellers: int
    prior_high: float
    high_value: float
    low_value: float
    discount: float
    transparency: float
    observation: str = "independent"

    @property
    def reputation_unit(self) -> float:
        """D = δ(h − l): what the high type loses in period 2 per seller that learns its type.

        With μ = 1 every seller asks h whatever it saw (no belief may weigh a type of prior 0),
        so nothing can be lost: D = 0.
        """
        if self.prior_high >= 1.0:
            return 0.0
        return self.discount * (self.high_value - self.low_value)

    @property
    def rule_is_optimal_without_evidence(self) -> bool:
        """Whether a seller that learned nothing (posterior μ) optimally asks l: μ·h ≤ l."""
        return self.prior_high * self.high_value <= self.low_value + TRANSPARENCY_TIE_TOL

    def to_dict(self) -> dict[str, Any]:
        """The parameters by their Python names."""
        return asdict(self)


def transparency_game(
    sellers: Any,
    prior_high: Any,
    high_value: Any,
    low_value: Any,
    discount: Any = 1.0,
    transparency: Any = 0.0,
    observation: str = "independent",
) -> TransparencyGame:
    """Validate the inputs (``bargainlab.core.inputs``) and build a :class:`TransparencyGame`.

    Parameters
    ----------
    sellers
        N, the number of sellers (an integer from 1 to 64).
    prior_high
        μ ∈ [0, 1], the probability of the buyer's high value.
    high_value, low_value
        h and l, 0 ≤ l < h.
    discount
        δ ∈ [0, 1].
    transparency
        ρ ∈ [0, 1], the probability that a seller sees another seller's period-1 outcome.
    observation
        ``"independent"`` (each pair of sellers) or ``"market"`` (one draw for all).

    Returns
    -------
    TransparencyGame
        The validated game.

    Raises
    ------
    InvalidParameterError
        Naming the parameter (its Python name) and its allowed range.

    Examples
    --------
    >>> transparency_game(3, prior_high=0.8, high_value=1.0, low_value=0.5, discount=0.9, transparency=0.5).sellers
    3
    """
    count = inputs.integer(sellers, "sellers", low=1, high=MAX_SELLERS, label="sellers (N)")
    mu = inputs.probability(prior_high, "prior_high", label="prior_high (μ)")
    high = inputs.number(high_value, "high_value", low=0.0, low_open=True, label="high_value (h)")
    low = inputs.number(low_value, "low_value", low=0.0, label="low_value (l)")
    if not low < high:
        raise InvalidParameterError(
            "low_value", low_value, f"a number in [0, h) = [0, {high:g})", label="low_value (l)"
        )
    delta = inputs.number(discount, "discount", low=0.0, high=1.0, label="discount (δ)")
    rho = inputs.probability(transparency, "transparency", label="transparency (ρ)")
    if not isinstance(observation, str) or observation not in OBSERVATIONS:
        raise InvalidParameterError("observation", observation, "one of " + ", ".join(OBSERVATIONS))
    return TransparencyGame(count, mu, high, low, delta, rho, observation)


def unseen_probability(purchases: int, game: TransparencyGame) -> float:
    """q(a): the probability that a seller outside the accepted set sees none of a purchases."""
    if purchases <= 0:
        return 1.0
    if game.observation == "market":
        return 1.0 - game.transparency
    return (1.0 - game.transparency) ** purchases


def reputation_cost(purchases: int, game: TransparencyGame) -> float:
    """C(a) = D[N − (N − a) q(a)]: the high type's expected period-2 loss from a purchases above l."""
    n = game.sellers
    return game.reputation_unit * (n - (n - purchases) * unseen_probability(purchases, game))


@dataclass(frozen=True)
class BuyerChoice:
    """The high type's choice among the offers above l (tie rule: largest optimal size, uniform).

    Attributes
    ----------
    purchases
        a, the number of above-l offers the high type accepts.
    acceptance
        Per seller, the probability that the high type accepts its offer (1 for prices ≤ l).
    value
        U(A) − D N: the high type's payoff from above-l offers net of the no-purchase benchmark.
    """

    purchases: int
    acceptance: tuple[float, ...]
    value: float


def high_type_choice(prices: Sequence[float], game: TransparencyGame) -> BuyerChoice:
    """The high type's optimal acceptance of ``prices`` (eq. T1 of ``docs/transparency.md``).

    For each size a the best subset is the a cheapest offers above l; the largest optimal size is
    taken, and offers tied at the boundary price are accepted with equal probability.
    """
    h, low = game.high_value, game.low_value
    above = sorted((p, i) for i, p in enumerate(prices) if p > low)
    best_size, best_value, surplus = 0, 0.0, 0.0
    for size in range(1, len(above) + 1):
        surplus += h - above[size - 1][0]
        value = surplus - reputation_cost(size, game)
        if value > best_value + TRANSPARENCY_TIE_TOL:
            best_size, best_value = size, value
        elif value >= best_value - TRANSPARENCY_TIE_TOL:  # a tie: the larger set
            best_size = size
    acceptance = [1.0 if p <= low else 0.0 for p in prices]
    if best_size:
        boundary = above[best_size - 1][0]
        below = [i for p, i in above if p < boundary - TRANSPARENCY_TIE_TOL]
        tied = [i for p, i in above if abs(p - boundary) <= TRANSPARENCY_TIE_TOL]
        for i in below:
            acceptance[i] = 1.0
        for i in tied:
            acceptance[i] = (best_size - len(below)) / len(tied)
    return BuyerChoice(best_size, tuple(acceptance), best_value)


@dataclass(frozen=True)
class ProfileOutcome:
    """Everything that follows from period-1 prices (buyer best-responding, the notes' rule after).

    Attributes
    ----------
    prices
        Period-1 prices.
    high_acceptance, low_acceptance
        Per seller, the probability each buyer type accepts the period-1 offer.
    high_purchases_above_low
        a, the number of above-l offers the high type accepts.
    asks_high
        Per seller, the probability it asks h in period 2 when the buyer is the high type (it
        always asks l from the low type, which never buys above l).
    seller_payoffs
        Each seller's expected payoff (both periods, period 2 discounted).
    buyer_high_payoff, buyer_low_payoff
        Each buyer type's payoff.
    trades_high, trades_low
        Expected units bought by each type over both periods (undiscounted).
    welfare, efficient_welfare
        Expected value of the units traded (period 2 discounted) and its maximum.
    average_price_high
        Total expected payment of the high type over its expected units (undiscounted).
    average_price_high_period1, average_price_high_period2
        The same per period (``None`` when it buys nothing in that period).
    """

    prices: tuple[float, ...]
    high_acceptance: tuple[float, ...]
    low_acceptance: tuple[float, ...]
    high_purchases_above_low: int
    asks_high: tuple[float, ...]
    seller_payoffs: tuple[float, ...]
    buyer_high_payoff: float
    buyer_low_payoff: float
    trades_high: float
    trades_low: float
    welfare: float
    efficient_welfare: float
    average_price_high: float | None
    average_price_high_period1: float | None
    average_price_high_period2: float | None


def evaluate_profile(prices: Sequence[float], game: TransparencyGame) -> ProfileOutcome:
    """Payoffs, trades and beliefs when sellers post ``prices`` and the buyer best-responds.

    ``prices`` are N finite non-negative numbers (a price may exceed h: nobody accepts it).

    Parameters
    ----------
    prices
        The sellers' period-1 prices, one per seller.
    game
        The game (:func:`transparency_game`).

    Returns
    -------
    ProfileOutcome
        Acceptance by type, the sellers' payoffs, the buyer's payoffs, trades and welfare.

    Examples
    --------
    >>> game = transparency_game(3, prior_high=0.8, high_value=1.0, low_value=0.5, discount=0.9, transparency=0.5)
    >>> out = evaluate_profile([1.0, 1.0, 0.5], game)
    >>> out.high_acceptance, round(out.buyer_high_payoff, 12)
    ((0.0, 0.0, 1.0), 1.85)
    """
    game = _checked_game(game)
    prices = inputs.number_sequence(prices, "prices")
    if len(prices) != game.sellers or any(p < 0 for p in prices):
        raise InvalidParameterError("prices", list(prices), f"{game.sellers} non-negative prices, one per seller")
    return _evaluate(prices, game)


def _checked_game(game: Any) -> TransparencyGame:
    if not isinstance(game, TransparencyGame):
        raise InvalidParameterError("game", game, "a TransparencyGame (from transparency_game)")
    return game


def _evaluate(prices: Sequence[float], game: TransparencyGame) -> ProfileOutcome:
    """:func:`evaluate_profile` without input checks (prices may be ``inf``: a rejected offer)."""
    prices = tuple(float(p) for p in prices)
    mu, h, low, delta = game.prior_high, game.high_value, game.low_value, game.discount
    choice = high_type_choice(prices, game)
    a = choice.purchases
    seen = 1.0 - unseen_probability(a, game)
    certain = mu >= 1.0  # every seller asks h whatever it saw
    asks_high, payoffs = [], []
    for p, alpha in zip(prices, choice.acceptance):
        if certain:
            ask = 1.0
        elif p <= low:
            ask = seen
        else:
            ask = alpha + (1 - alpha) * seen
        asks_high.append(ask)
        period2_high = delta * (ask * h + (1 - ask) * low)
        if p <= low:
            payoffs.append(p + mu * period2_high + (1 - mu) * delta * low)
        else:
            payoffs.append(mu * (alpha * p + period2_high) + (1 - mu) * delta * low)
    pooled = [p for p in prices if p <= low]
    paid1 = sum(pooled) + sum(alpha * p for p, alpha in zip(prices, choice.acceptance) if p > low)
    units1 = len(pooled) + a
    paid2 = sum(ask * h + (1 - ask) * low for ask in asks_high)
    units2 = float(game.sellers)
    buyer_high = (
        sum(h - p for p in pooled)
        + sum(alpha * (h - p) for p, alpha in zip(prices, choice.acceptance) if p > low)
        + delta * (h - low) * sum(1 - ask for ask in asks_high)
    )
    buyer_low = sum(low - p for p in pooled)
    welfare_high = h * (units1 + delta * units2)
    welfare_low = low * (len(pooled) + delta * units2)
    efficient = (1 + delta) * game.sellers * (mu * h + (1 - mu) * low)
    return ProfileOutcome(
        prices=prices,
        high_acceptance=choice.acceptance,
        low_acceptance=tuple(1.0 if p <= low else 0.0 for p in prices),
        high_purchases_above_low=a,
        asks_high=tuple(asks_high),
        seller_payoffs=tuple(payoffs),
        buyer_high_payoff=buyer_high,
        buyer_low_payoff=buyer_low,
        trades_high=units1 + units2,
        trades_low=len(pooled) + units2,
        welfare=mu * welfare_high + (1 - mu) * welfare_low,
        efficient_welfare=efficient,
        average_price_high=(paid1 + paid2) / (units1 + units2),
        average_price_high_period1=paid1 / units1 if units1 else None,
        average_price_high_period2=paid2 / units2,
    )


@dataclass(frozen=True)
class Deviation:
    """A seller's best deviation from a profile (supremum over all prices)."""

    seller: int
    price: float
    payoff: float
    kind: str  # "pool" (price l), "accepted" (the threshold τ, sup from below), "rejected"


def _threshold(prices: Sequence[float], seller: int, game: TransparencyGame) -> float:
    """τ = h + W_in − W_out: the largest above-l price of ``seller`` the high type still accepts."""
    h, low = game.high_value, game.low_value
    others = sorted(p for j, p in enumerate(prices) if j != seller and p > low)
    w_in, w_out, surplus = -reputation_cost(1, game), 0.0, 0.0
    for size, p in enumerate(others, start=1):
        surplus += h - p
        w_in = max(w_in, surplus - reputation_cost(size + 1, game))
        w_out = max(w_out, surplus - reputation_cost(size, game))
    return h + w_in - w_out


def best_deviations(prices: Sequence[float], seller: int, game: TransparencyGame) -> list[Deviation]:
    """The seller's payoff at the three pieces of its payoff line: pool at l, accepted at τ, rejected."""
    low = game.low_value
    trial = list(prices)
    out = []
    trial[seller] = low
    out.append(Deviation(seller, low, _evaluate(trial, game).seller_payoffs[seller], "pool"))
    tau = _threshold(prices, seller, game)
    if tau > low + TRANSPARENCY_TIE_TOL:
        # Just below τ the high type strictly prefers sets with this seller: accepted for sure,
        # its own sale reveals h, so the payoff is μ(τ + δh) + (1 − μ)δl (the supremum).
        mu, h, delta = game.prior_high, game.high_value, game.discount
        out.append(Deviation(seller, tau, mu * (tau + delta * h) + (1 - mu) * delta * low, "accepted"))
    trial[seller] = math.inf
    out.append(Deviation(seller, math.inf, _evaluate(trial, game).seller_payoffs[seller], "rejected"))
    return out


@dataclass(frozen=True)
class TransparencyEquilibrium:
    """One equilibrium: k sellers above l at a common price, the others at l.

    Attributes
    ----------
    sellers_above_low
        k.
    price_above_low
        p_k = h − C(k)/k (``None`` for k = 0).
    outcome
        Prices, acceptance, beliefs, payoffs, trades and welfare (:class:`ProfileOutcome`).
    perfect_bayesian
        Whether the notes' period-2 rule is each seller's optimal price on the path.
    rejects_all_after_raise
        Whether the high type rejects every above-l offer when one seller above l raises its price
        (the notes' claim); ``None`` for k = 0.
    best_deviation_gain
        The largest gain of any seller from any deviation (≤ 0 up to tolerance).
    """

    sellers_above_low: int
    price_above_low: float | None
    outcome: ProfileOutcome
    perfect_bayesian: bool
    rejects_all_after_raise: bool | None
    best_deviation_gain: float


def _profile(k: int, game: TransparencyGame) -> tuple[float, ...] | None:
    if k == 0:
        return tuple([game.low_value] * game.sellers)
    price = game.high_value - reputation_cost(k, game) / k
    if price <= game.low_value + TRANSPARENCY_TIE_TOL:
        return None
    return tuple([price] * k + [game.low_value] * (game.sellers - k))


def _best_deviation(prices: Sequence[float], outcome: ProfileOutcome, game: TransparencyGame) -> Deviation:
    """The most profitable deviation of any seller (its ``payoff`` is the gain over the profile).

    By symmetry one seller above l (the first) and one at l (the last) represent all.
    """
    best: Deviation | None = None
    for seller in sorted({0, game.sellers - 1}):
        for dev in best_deviations(prices, seller, game):
            gain = dev.payoff - outcome.seller_payoffs[seller]
            if best is None or gain > best.payoff:
                best = replace(dev, payoff=gain)
    assert best is not None
    return best


@dataclass(frozen=True)
class Candidate:
    """A candidate profile k (k sellers at p_k, the others at l) and why it is or is not an equilibrium."""

    sellers_above_low: int
    prices: tuple[float, ...]
    outcome: ProfileOutcome
    high_type_accepts_all: bool
    best_deviation: Deviation  # payoff = the gain

    @property
    def is_equilibrium(self) -> bool:
        """The high type accepts all k and no deviation gains."""
        tol = TRANSPARENCY_TIE_TOL * max(1.0, self.outcome.prices[0])
        return self.high_type_accepts_all and self.best_deviation.payoff <= tol


def candidates(game: TransparencyGame) -> list[Candidate]:
    """Every candidate profile k = 0..N with p_k > l, evaluated."""
    out = []
    for k in range(game.sellers + 1):
        prices = _profile(k, game)
        if prices is None:
            continue
        outcome = _evaluate(prices, game)
        if outcome.high_purchases_above_low != k:  # not even the buyer's best response: no deviation needed
            no_gain = Deviation(0, prices[0], 0.0, "none")
            out.append(Candidate(k, prices, outcome, False, no_gain))
            continue
        out.append(
            Candidate(k, prices, outcome, outcome.high_purchases_above_low == k, _best_deviation(prices, outcome, game))
        )
    return out


def _sequentially_rational(k: int, game: TransparencyGame) -> bool:
    """The notes' rule is optimal on the path: every seller that asks l has posterior ≤ l/h."""
    if game.prior_high <= 0.0 or game.prior_high >= 1.0 or game.rule_is_optimal_without_evidence:
        return True
    # μh > l: a seller at l that saw none of the k above-l outcomes has posterior μ.
    return k == game.sellers or (k > 0 and unseen_probability(k, game) <= 0.0)


def _rejects_all_after_raise(prices: Sequence[float], k: int, game: TransparencyGame) -> bool | None:
    if k == 0:
        return None
    raised = list(prices)
    raised[0] = _threshold(prices, 0, game) + max(1e-7, 1e-7 * game.high_value)
    return high_type_choice(raised, game).purchases == 0


def equilibria(game: TransparencyGame) -> list[TransparencyEquilibrium]:
    """All equilibria of the notes' game with k sellers at p_k and N − k at l, k = 0..N."""
    return list(_equilibria(game))


@lru_cache(maxsize=512)
def _equilibria(game: TransparencyGame) -> tuple[TransparencyEquilibrium, ...]:
    return tuple(
        TransparencyEquilibrium(
            sellers_above_low=c.sellers_above_low,
            price_above_low=c.prices[0] if c.sellers_above_low else None,
            outcome=c.outcome,
            perfect_bayesian=_sequentially_rational(c.sellers_above_low, game),
            rejects_all_after_raise=_rejects_all_after_raise(c.prices, c.sellers_above_low, game),
            best_deviation_gain=max(c.best_deviation.payoff, 0.0),
        )
        for c in candidates(game)
        if c.is_equilibrium
    )


@dataclass(frozen=True)
class PassivePrediction:
    """The passive-beliefs (Nash-in-Nash) prediction with k sellers above l.

    Attributes
    ----------
    sellers_above_low
        k.
    price_above_low
        p_k^passive = h − [C(k) − C(k − 1)]: the high type accepts an offer iff its surplus covers
        the marginal reputation cost given its other decisions.
    consistent
        Whether every seller's price is optimal under the passive conjecture.
    predicted
        The outcome if the high type accepts all k (the passive prediction).
    actual
        What happens at those prices when the high type chooses all its decisions jointly.
    """

    sellers_above_low: int
    price_above_low: float | None
    consistent: bool
    predicted_seller_payoffs: tuple[float, ...]
    predicted_buyer_high_payoff: float
    actual: ProfileOutcome


def _passive_payoffs(k: int, price: float, game: TransparencyGame) -> tuple[tuple[float, ...], float]:
    """Seller and high-type payoffs if the high type accepts exactly the k above-l offers."""
    mu, h, low, delta, n = game.prior_high, game.high_value, game.low_value, game.discount, game.sellers
    seen = 1.0 - unseen_probability(k, game) if mu < 1 else 1.0
    high_seller = mu * (price + delta * h) + (1 - mu) * delta * low
    pooled = low + mu * delta * (seen * h + (1 - seen) * low) + (1 - mu) * delta * low
    buyer = k * (h - price) + (n - k) * (h - low) + (game.reputation_unit * (n - k) * (1 - seen))
    return tuple([high_seller] * k + [pooled] * (n - k)), buyer


def passive_predictions(game: TransparencyGame) -> list[PassivePrediction]:
    """Passive-beliefs predictions for k = 0..N (k = 0 is pooling at l)."""
    mu, h, low, delta = game.prior_high, game.high_value, game.low_value, game.discount
    out = []
    for k in range(game.sellers + 1):
        if k == 0:
            price = None
            prices = [low] * game.sellers
        else:
            price = h - (reputation_cost(k, game) - reputation_cost(k - 1, game))
            if price <= low + TRANSPARENCY_TIE_TOL:
                continue
            prices = [price] * k + [low] * (game.sellers - k)
        predicted, buyer = _passive_payoffs(k, price if price is not None else low, game)
        # Passive conjecture: a seller's deviation moves only its own deal; the others' stay.
        consistent = True
        if k > 0:  # a seller above l pooling at l instead (the others stay accepted)
            pooled_instead = _passive_payoffs(k - 1, low, game)[0][-1]
            consistent &= pooled_instead <= predicted[0] + TRANSPARENCY_TIE_TOL
        if k < game.sellers:  # a seller at l pricing at its passive threshold instead
            marginal = reputation_cost(k + 1, game) - reputation_cost(k, game)
            tau = h - marginal
            if tau > low + TRANSPARENCY_TIE_TOL:
                gain = mu * (tau + delta * h) + (1 - mu) * delta * low
                consistent &= gain <= predicted[-1] + TRANSPARENCY_TIE_TOL
        out.append(PassivePrediction(k, price, consistent, predicted, buyer, _evaluate(prices, game)))
    return out


@dataclass(frozen=True, repr=False)
class TransparencySolution(Result):
    """All equilibria of the transparency game and the passive-beliefs benchmark.

    Attributes
    ----------
    game
        The inputs.
    equilibria
        Every equilibrium of the notes' game (k sellers above l, the others at l), each flagged
        ``perfect_bayesian``.
    passive
        The passive-beliefs predictions that are consistent under the passive conjecture.
    method
        ``"exact"``: the buyer's problem by size, every deviation by the pieces of its payoff line.
    """

    model: ClassVar[str] = "transparency"
    method: ClassVar[str] = "exact"
    hidden_fields: ClassVar[tuple[str, ...]] = ("game",)
    extra_fields: ClassVar[tuple[str, ...]] = ("perfect_bayesian_count",)
    summary_fields: ClassVar[tuple[str, ...]] = ("perfect_bayesian_count",)

    game: TransparencyGame
    equilibria: tuple[TransparencyEquilibrium, ...]
    passive: tuple[PassivePrediction, ...]

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs by their Python names."""
        return self.game.to_dict()

    @property
    def perfect_bayesian_count(self) -> int:
        """How many of the equilibria are perfect Bayesian."""
        return len(self.perfect_bayesian)

    @property
    def perfect_bayesian(self) -> tuple[TransparencyEquilibrium, ...]:
        """The equilibria in which the notes' rule is also the sellers' optimal period-2 price."""
        return tuple(e for e in self.equilibria if e.perfect_bayesian)

    def select(self, rule: str = "seller_best", perfect_bayesian: bool = True) -> TransparencyEquilibrium | None:
        """One equilibrium: ``"seller_best"`` (largest total seller payoff) or ``"buyer_best"``
        (largest high-type payoff), among the perfect Bayesian ones or all of them."""
        pool = self.perfect_bayesian if perfect_bayesian else self.equilibria
        if not pool:
            return None
        if rule == "seller_best":
            return max(pool, key=lambda e: (sum(e.outcome.seller_payoffs), -e.sellers_above_low))
        if rule == "buyer_best":
            return max(pool, key=lambda e: (e.outcome.buyer_high_payoff, -e.sellers_above_low))
        raise InvalidParameterError("selection", rule, "seller_best or buyer_best")


def solve_transparency(
    sellers: Any,
    prior_high: Any,
    high_value: Any,
    low_value: Any,
    discount: Any = 1.0,
    transparency: Any = 0.0,
    observation: str = "independent",
) -> TransparencySolution:
    """Solve the transparency game (``docs/transparency.md``).

    Parameters
    ----------
    sellers
        N (1 to :data:`MAX_SELLERS`).
    prior_high
        μ ∈ [0, 1].
    high_value, low_value
        h > l ≥ 0.
    discount
        δ ∈ [0, 1].
    transparency
        ρ ∈ [0, 1].
    observation
        ``"independent"`` or ``"market"``.

    Returns
    -------
    TransparencySolution
        Every equilibrium (flagged perfect Bayesian or not) and the passive-beliefs benchmark.

    Examples
    --------
    >>> sol = solve_transparency(3, prior_high=0.8, high_value=1, low_value=0.5, discount=0.9, transparency=0.5)
    >>> [(e.sellers_above_low, round(e.price_above_low, 6)) for e in sol.perfect_bayesian]
    [(3, 0.55)]
    """
    game = transparency_game(sellers, prior_high, high_value, low_value, discount, transparency, observation)
    return TransparencySolution(
        game, tuple(equilibria(game)), tuple(p for p in passive_predictions(game) if p.consistent)
    )


def comparative_statics(
    game: TransparencyGame,
    parameter: str,
    values: Sequence[float],
    rule: str = "seller_best",
    perfect_bayesian: bool = True,
) -> dict[str, list[Any]]:
    """The selected equilibrium and the passive benchmark as one parameter moves.

    ``parameter`` is ``"transparency"``, ``"sellers"`` or ``"prior_high"``. Columns: the
    parameter, k, the above-l price, mean seller payoff, each buyer type's payoff, welfare, the
    high type's average price, and the full-separation passive price and what the high type
    actually buys there. Missing values are ``None``.

    Parameters
    ----------
    game
        The base game (:func:`transparency_game`).
    parameter
        ``"transparency"``, ``"sellers"`` or ``"prior_high"``.
    values
        The values the parameter takes.
    rule
        The equilibrium selected at each value (``"seller_best"`` by default).
    perfect_bayesian
        Whether only perfect Bayesian equilibria are considered.

    Returns
    -------
    dict
        Columns (name → list, one entry per value) as described above.

    Examples
    --------
    >>> game = transparency_game(3, prior_high=0.8, high_value=1.0, low_value=0.5, discount=0.9, transparency=0.5)
    >>> table = comparative_statics(game, "transparency", [0.0, 1.0])
    >>> table["transparency"], table["passive_actual_purchases"]
    ([0.0, 1.0], [3, 0])
    """
    game = _checked_game(game)
    if not isinstance(parameter, str) or parameter not in ("transparency", "sellers", "prior_high"):
        raise InvalidParameterError("parameter", parameter, "transparency, sellers or prior_high")
    values = inputs.number_sequence(values, "values")
    if not 1 <= len(values) <= MAX_STATICS_POINTS:
        raise InvalidParameterError("values", len(values), f"between 1 and {MAX_STATICS_POINTS} values")
    if not isinstance(rule, str) or rule not in ("seller_best", "buyer_best"):
        raise InvalidParameterError("rule", rule, "seller_best or buyer_best")
    if not isinstance(perfect_bayesian, bool):
        raise InvalidParameterError("perfect_bayesian", perfect_bayesian, "True or False")
    columns: dict[str, list[Any]] = {
        key: []
        for key in (
            parameter,
            "sellers_above_low",
            "price_above_low",
            "seller_payoff_mean",
            "buyer_high_payoff",
            "buyer_low_payoff",
            "welfare",
            "average_price_high",
            "passive_price",
            "passive_actual_purchases",
        )
    }
    for value in values:
        changed_inputs: dict[str, Any] = {**game.to_dict(), parameter: value}
        changed = transparency_game(**changed_inputs)
        chosen = TransparencySolution(changed, tuple(equilibria(changed)), ()).select(rule, perfect_bayesian)
        columns[parameter].append(value)
        if chosen is None:
            for key in list(columns)[1:8]:
                columns[key].append(None)
        else:
            o = chosen.outcome
            columns["sellers_above_low"].append(chosen.sellers_above_low)
            columns["price_above_low"].append(chosen.price_above_low)
            columns["seller_payoff_mean"].append(sum(o.seller_payoffs) / len(o.seller_payoffs))
            columns["buyer_high_payoff"].append(o.buyer_high_payoff)
            columns["buyer_low_payoff"].append(o.buyer_low_payoff)
            columns["welfare"].append(o.welfare)
            columns["average_price_high"].append(o.average_price_high)
        n = changed.sellers
        passive_price = changed.high_value - (reputation_cost(n, changed) - reputation_cost(n - 1, changed))
        columns["passive_price"].append(passive_price)
        actual = high_type_choice([passive_price] * n, changed) if passive_price > changed.low_value else None
        columns["passive_actual_purchases"].append(None if actual is None else actual.purchases)
    return columns
