"""The one-sided model's curves (Pęski 2022): payoffs against β, offers against δ, Bob's revenue R(p).

Each function returns equal-length columns (name → array) computed from a solved
:class:`~bargainlab.models.one_sided.outcome.OneSidedOutcome`: p* does not depend on β or δ, so
the curves are exact closed forms at every point (no re-solve). The figures of
:mod:`bargainlab.viz.one_sided` draw these columns.
"""

from __future__ import annotations

import numpy as np

from bargainlab.core.inputs import integer
from bargainlab.core.limits import MAX_POINTS
from bargainlab.models.complete_info import offer_shares
from bargainlab.models.one_sided.outcome import OneSidedOutcome
from bargainlab.models.one_sided.price import revenue_at

__all__ = ["payoffs_against_bargaining_power", "offers_against_discount", "revenue_against_price", "CURVE_POINTS"]

#: Default points of the β and δ curves (the revenue curve uses four times as many).
CURVE_POINTS = 101


def payoffs_against_bargaining_power(outcome: OneSidedOutcome, points: int = CURVE_POINTS) -> dict[str, np.ndarray]:
    """Π*_β = (1 - β) R(p*), E[y*_β(u)] (affine in β) and their sum, on β ∈ [0, 1].

    Columns: ``bargaining_power`` (β), ``bob_payoff``, ``alice_ex_ante``, ``welfare``.

    Examples
    --------
    >>> from bargainlab.models.one_sided import solve
    >>> curve = payoffs_against_bargaining_power(solve("uniform(0, 1)", 0.2, 0.5), points=3)
    >>> [round(float(x), 12) for x in curve["bob_payoff"]]          # (1 - β) R(p*), R = 0.36
    [0.36, 0.18, 0.0]
    """
    beta = np.linspace(0.0, 1.0, integer(points, "points", low=2, high=MAX_POINTS))
    alice = beta * outcome.expected_alice_payoff(1.0) + (1 - beta) * outcome.expected_alice_payoff(0.0)
    bob = (1 - beta) * outcome.price.revenue
    return {"bargaining_power": beta, "bob_payoff": bob, "alice_ex_ante": alice, "welfare": alice + bob}


def offers_against_discount(outcome: OneSidedOutcome, points: int = CURVE_POINTS) -> dict[str, np.ndarray]:
    """The offers α_A = 1 - δ(1 - β), α_B = δβ and Bob's payoffs by proposer on δ ∈ (0, 1]; his
    expected payoff (1 - β) R(p*) does not move with δ.

    Columns: ``discount`` (δ), ``alpha_alice``, ``alpha_bob``, ``bob_if_alice_proposes``,
    ``bob_if_bob_proposes``, ``bob_expected``."""
    delta = np.linspace(0.0, 1.0, integer(points, "points", low=2, high=MAX_POINTS))[1:]
    revenue = outcome.price.revenue
    alpha_a, alpha_b = offer_shares(outcome.bargaining_power, delta)
    return {
        "discount": delta,
        "alpha_alice": alpha_a,
        "alpha_bob": alpha_b,
        "bob_if_alice_proposes": (1 - alpha_a) * revenue,
        "bob_if_bob_proposes": (1 - alpha_b) * revenue,
        "bob_expected": np.full(delta.size, (1 - outcome.bargaining_power) * revenue),
    }


def revenue_against_price(outcome: OneSidedOutcome, points: int = 4 * CURVE_POINTS) -> dict[str, np.ndarray]:
    """Bob's monopoly revenue R(p) = v F(p) + p (1 - F(p)) on the price domain [max(v, a), max(v, b)]."""
    lo, hi = outcome.price.domain
    price = np.linspace(lo, hi, integer(points, "points", low=2, high=MAX_POINTS)) if hi > lo else np.array([lo])
    return {"price": price, "revenue": revenue_at(outcome.distribution, outcome.value_bob, price)}
