"""Rubinstein (1982) alternating offers with two discount factors.

Two players divide a pie of size P. Player ``first`` proposes in round 1, the other responds,
and they alternate; agreement in round n is worth δ_i^{n-1} times player i's share. The unique
subgame-perfect equilibrium is immediate agreement on

    x_1 = (1 - δ_2) / (1 - δ_1 δ_2)  (proposer's share),   x_2 = δ_2 (1 - δ_1) / (1 - δ_1 δ_2),

when player 1 proposes first (exchange the indices when player 2 does): each proposer offers the
responder exactly the discounted value of proposing next. :func:`alternating_offers_backward_induction`
solves the game with a last round (the proposer takes everything there) by backward induction;
it converges to the infinite-horizon shares as the number of rounds grows. With δ_i = exp(-r_i Δ)
and Δ → 0, x_1 → r_2 / (r_1 + r_2): the generalised Nash solution with weight r_2 / (r_1 + r_2)
(Binmore, Rubinstein and Wolinsky 1986; lecture notes, "Nash bargaining ... microfounded").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bargainlab.core.inputs import integer, number
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.complete_info import MAX_ROUNDS

__all__ = ["RubinsteinOutcome", "rubinstein", "alternating_offers_backward_induction"]


@dataclass(frozen=True, repr=False)
class RubinsteinOutcome(Result):
    """The (immediate) agreement of alternating-offers bargaining.

    Attributes
    ----------
    discounts
        (δ_1, δ_2).
    pie
        Size P of the pie.
    first_proposer
        1 or 2.
    shares
        (x_1, x_2), the shares of the pie (summing to 1).
    payoffs
        (x_1 P, x_2 P).
    method
        ``"closed_form"`` or ``"backward_induction (N rounds)"``.
    """

    model: ClassVar[str] = "rubinstein"
    hidden_fields: ClassVar[tuple[str, ...]] = ("discounts", "pie", "first_proposer")
    summary_fields: ClassVar[tuple[str, ...]] = ("shares", "payoffs", "method")

    discounts: tuple[float, float]
    pie: float
    first_proposer: int
    shares: tuple[float, float]
    payoffs: tuple[float, float]
    method: str

    @property
    def parameters(self) -> dict[str, float]:
        """The inputs under their Python names."""
        return {
            "discount1": self.discounts[0],
            "discount2": self.discounts[1],
            "pie": self.pie,
            "first_proposer": self.first_proposer,
        }


def _inputs(discount1: float, discount2: float, pie: float, first_proposer: int) -> tuple[float, float, float, int]:
    d1 = number(discount1, "discount1", low=0.0, high=1.0, label="discount1 (δ_1)")
    d2 = number(discount2, "discount2", low=0.0, high=1.0, label="discount2 (δ_2)")
    if d1 * d2 >= 1.0:
        raise InvalidParameterError(
            "discount1",
            [d1, d2],
            "discount factors with δ_1 δ_2 < 1",
            "with no impatience every split is an equilibrium",
            label="δ_1, δ_2",
        )
    size = number(pie, "pie")
    if size <= 0:
        raise InvalidParameterError("pie", size, "a positive size")
    numeric = isinstance(first_proposer, (int, float, np.integer, np.floating))
    if isinstance(first_proposer, (bool, np.bool_)) or not numeric or first_proposer not in (1, 2):
        raise InvalidParameterError("first_proposer", first_proposer, "1 or 2")
    return d1, d2, size, int(first_proposer)


def rubinstein(discount1: float, discount2: float, pie: float = 1.0, first_proposer: int = 1) -> RubinsteinOutcome:
    """The subgame-perfect equilibrium shares of Rubinstein (1982).

    Parameters
    ----------
    discount1, discount2
        δ_1, δ_2 ∈ [0, 1), the players' discount factors.
    pie
        The size of the pie (> 0).
    first_proposer
        1 or 2.

    Returns
    -------
    RubinsteinOutcome
        The shares (the first proposer gets (1 − δ_r)/(1 − δ_1 δ_2) of the pie, r the responder).

    Examples
    --------
    >>> out = rubinstein(0.9, 0.8)
    >>> tuple(round(x, 12) for x in out.shares)       # (1 - 0.8)/(1 - 0.72), 0.8 (1 - 0.9)/(1 - 0.72)
    (0.714285714286, 0.285714285714)
    """
    d1, d2, size, first = _inputs(discount1, discount2, pie, first_proposer)
    proposer, responder = (d1, d2) if first == 1 else (d2, d1)
    keeps = (1 - responder) / (1 - proposer * responder)
    shares = (keeps, 1 - keeps) if first == 1 else (1 - keeps, keeps)
    return RubinsteinOutcome((d1, d2), size, first, shares, (shares[0] * size, shares[1] * size), "closed_form")


def alternating_offers_backward_induction(
    discount1: float, discount2: float, rounds: int, pie: float = 1.0, first_proposer: int = 1
) -> RubinsteinOutcome:
    """Alternating offers with at most ``rounds`` rounds (then disagreement, worth 0), solved by
    backward induction: the last proposer keeps everything; a proposer with n rounds left keeps
    1 - δ_r × (what the responder r keeps as proposer with n - 1 rounds left).

    Parameters
    ----------
    discount1, discount2
        δ_1, δ_2 ∈ [0, 1).
    rounds
        The number of rounds (a positive integer).
    pie
        The size of the pie (> 0).
    first_proposer
        1 or 2.

    Returns
    -------
    RubinsteinOutcome
        The shares of the finite game; as ``rounds`` grows they tend to :func:`rubinstein`'s.

    Examples
    --------
    >>> alternating_offers_backward_induction(0.9, 0.8, 1).shares
    (1.0, 0.0)
    >>> [round(x, 12) for x in alternating_offers_backward_induction(0.9, 0.8, 2).shares]  # offer δ_2
    [0.2, 0.8]
    """
    d1, d2, size, first = _inputs(discount1, discount2, pie, first_proposer)
    count = integer(rounds, "rounds", low=1, high=MAX_ROUNDS)
    discounts = {1: d1, 2: d2}
    # proposer of round n (1-based): first if n is odd
    keeps = 1.0
    for n in range(count - 1, 0, -1):  # walk back from the last round to round 1
        proposer = first if n % 2 == 1 else 3 - first
        responder = 3 - proposer
        keeps = 1.0 - discounts[responder] * keeps
    shares = (keeps, 1 - keeps) if first == 1 else (1 - keeps, keeps)
    return RubinsteinOutcome(
        (d1, d2),
        size,
        first,
        shares,
        (shares[0] * size, shares[1] * size),
        f"backward_induction ({count} rounds)",
    )
