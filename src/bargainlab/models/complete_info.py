"""Complete-information random-proposer bargaining (Pęski 2024, Section 3.1; Pęski 2022).

With known values t_1, t_2 and surplus T = max(t_1, t_2), the random-proposer game (player i
proposes with probability β_i, the responder accepts or rejects, payoffs discounted by δ) has a
unique equilibrium for every δ < 1: the higher-value player gets the good, and the continuation
values v_i = β_i T solve

    v_i = β_i (T - δ v_{-i}) + β_{-i} δ v_i.

When i proposes she offers the responder δ v_{-i} = δ β_{-i} T and keeps (1 - δ (1 - β_i)) T;
these shares are the α_A = 1 - δ(1 - β), α_B = δ β of the one-sided model (Pęski 2022).
:func:`random_proposer_backward_induction` solves the game with a finite number of rounds by
backward induction; as the number of rounds grows it converges to :func:`random_proposer`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.errors import InvalidParameterError
from bargainlab.models._checks import finite, in_interval

__all__ = [
    "offer_shares",
    "RandomProposerOutcome",
    "random_proposer",
    "random_proposer_backward_induction",
    "random_proposer_payoff",
]


def offer_shares(bargaining_power: ArrayLike, discount: ArrayLike) -> tuple[Any, Any]:
    """Player 1's share of the surplus in the stationary random-proposer offers, vectorised.

    (α_1, α_2) = (1 − δ(1 − β), δβ): player 1 keeps α_1 when she proposes and is offered α_2
    when player 2 proposes (the one-sided model's α_A, α_B, Pęski 2022; the shares of the
    two-sided offers, Pęski 2024, Section 5.5). The one place this formula is written.

    Examples
    --------
    >>> offer_shares(0.5, 0.9)
    (0.55, 0.45)
    """
    beta = np.asarray(bargaining_power, dtype=float)
    delta = np.asarray(discount, dtype=float)
    alpha_1, alpha_2 = 1.0 - delta * (1.0 - beta), delta * beta
    if alpha_1.ndim == 0:
        return float(alpha_1), float(alpha_2)
    return alpha_1, alpha_2


def random_proposer_payoff(own_value: ArrayLike, other_value: ArrayLike, bargaining_power: ArrayLike) -> np.ndarray:
    """Complete-information random-proposer payoff β_i max(t_i, t_{-i}) (Section 3.1), vectorised.

    Examples
    --------
    >>> float(random_proposer_payoff(0.2, 1.0, 0.25))
    0.25
    """
    return np.asarray(bargaining_power, dtype=float) * np.maximum(own_value, other_value)


@dataclass(frozen=True)
class RandomProposerOutcome:
    """Equilibrium of complete-information random-proposer bargaining.

    Attributes
    ----------
    values
        (t_1, t_2).
    bargaining_power, discount
        β = β_1 and δ.
    surplus
        T = max(t_1, t_2).
    payoffs
        Expected payoffs (β_1 T, β_2 T).
    proposer_keeps
        Share of T the proposer keeps: (1 - δ β_2, 1 - δ β_1) when player 1, 2 proposes.
    responder_gets
        Share the responder gets: (δ β_2, δ β_1) when player 1, 2 proposes.
    owner
        Player who gets the good (1 or 2; 1 on a tie).
    method
        ``"closed_form"`` or ``"backward_induction (N rounds)"``.
    """

    values: tuple[float, float]
    bargaining_power: float
    discount: float
    surplus: float
    payoffs: tuple[float, float]
    proposer_keeps: tuple[float, float]
    responder_gets: tuple[float, float]
    owner: int
    method: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation."""
        return {
            "model": "random-proposer",
            "parameters": {"values": list(self.values), "beta": self.bargaining_power, "delta": self.discount},
            "surplus": self.surplus,
            "payoffs": list(self.payoffs),
            "proposer_keeps_share": {
                "player1_proposes": self.proposer_keeps[0],
                "player2_proposes": self.proposer_keeps[1],
            },
            "responder_gets_share": {
                "player1_proposes": self.responder_gets[0],
                "player2_proposes": self.responder_gets[1],
            },
            "owner": self.owner,
            "method": self.method,
        }

    def __str__(self) -> str:
        return "\n".join(
            [
                f"Random-proposer bargaining, complete information: t = ({self.values[0]:g}, {self.values[1]:g}), "
                f"β = {self.bargaining_power:g}, δ = {self.discount:g}",
                f"  player {self.owner} gets the good; payoffs {self.payoffs[0]:.6g}, {self.payoffs[1]:.6g} "
                f"(β_i max(t_1, t_2))",
                f"  proposer keeps {self.proposer_keeps[0]:.6g} (player 1) / {self.proposer_keeps[1]:.6g} (player 2) "
                "of the surplus",
            ]
        )


def _inputs(
    value1: float, value2: float, bargaining_power: float, discount: float
) -> tuple[float, float, float, float]:
    t1, t2 = finite("value1", value1), finite("value2", value2)
    for name, t in (("value1", t1), ("value2", t2)):
        if t < 0:
            raise InvalidParameterError(name, t, "a non-negative value (disagreement gives 0)")
    beta = in_interval("bargaining_power (β)", bargaining_power, 0.0, 1.0)
    delta = in_interval("discount (δ)", discount, 0.0, 1.0)
    return t1, t2, beta, delta


def random_proposer(
    value1: float, value2: float, bargaining_power: float, discount: float = 1.0
) -> RandomProposerOutcome:
    """The complete-information random-proposer equilibrium (closed form).

    Examples
    --------
    >>> out = random_proposer(0.2, 1.0, 0.25, 0.9)
    >>> out.payoffs, out.owner, tuple(round(x, 12) for x in out.proposer_keeps)
    ((0.25, 0.75), 2, (0.325, 0.775))
    """
    t1, t2, beta, delta = _inputs(value1, value2, bargaining_power, discount)
    surplus = max(t1, t2)
    return RandomProposerOutcome(
        values=(t1, t2),
        bargaining_power=beta,
        discount=delta,
        surplus=surplus,
        payoffs=(beta * surplus, (1 - beta) * surplus),
        proposer_keeps=(1 - delta * (1 - beta), 1 - delta * beta),
        responder_gets=(delta * (1 - beta), delta * beta),
        owner=1 if t1 >= t2 else 2,
        method="closed_form",
    )


def random_proposer_backward_induction(
    value1: float, value2: float, bargaining_power: float, discount: float, rounds: int
) -> RandomProposerOutcome:
    """The same game with at most ``rounds`` rounds (disagreement after the last gives 0), by
    backward induction: v^0 = 0, v_i^{n} = β_i (T - δ v_{-i}^{n-1}) + β_{-i} δ v_i^{n-1}.

    Examples
    --------
    >>> round(random_proposer_backward_induction(0.2, 1.0, 0.25, 0.9, 500).payoffs[0], 12)
    0.25
    """
    t1, t2, beta, delta = _inputs(value1, value2, bargaining_power, discount)
    if int(rounds) != rounds or rounds < 1:
        raise InvalidParameterError("rounds", rounds, "a positive integer")
    surplus = max(t1, t2)
    shares = np.array([beta, 1 - beta])
    value = np.zeros(2)
    keeps = np.zeros(2)
    for _ in range(int(rounds)):
        offer = delta * value  # what each responder must get: δ × continuation
        keeps = surplus - offer[::-1]  # proposer i keeps T - δ v_{-i}
        value = shares * keeps + shares[::-1] * offer
    return RandomProposerOutcome(
        values=(t1, t2),
        bargaining_power=beta,
        discount=delta,
        surplus=surplus,
        payoffs=(float(value[0]), float(value[1])),
        proposer_keeps=tuple(float(k / surplus) if surplus else 1.0 for k in keeps),  # type: ignore[arg-type]
        responder_gets=tuple(float(1 - k / surplus) if surplus else 0.0 for k in keeps),  # type: ignore[arg-type]
        owner=1 if t1 >= t2 else 2,
        method=f"backward_induction ({int(rounds)} rounds)",
    )
