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
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.inputs import integer, number, probability_grid
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = [
    "offer_shares",
    "RandomProposerOutcome",
    "random_proposer",
    "random_proposer_backward_induction",
    "random_proposer_payoff",
]


#: Most rounds of a finite-horizon backward induction (its error after N rounds is δ^N).
MAX_ROUNDS = 100_000


def number_array(raw: object, key: str, *, low: float | None = None, label: str | None = None) -> np.ndarray:
    """An array (any shape, a scalar included) of finite numbers >= ``low``: the vectorised
    counterpart of :func:`bargainlab.core.inputs.number` for the formulas of this package."""
    allowed = "a number or an array of finite numbers" + ("" if low is None else f" >= {low:g}")
    if raw is None or isinstance(raw, (bool, np.bool_, str, bytes, dict)):
        raise InvalidParameterError(key, raw, allowed, label=label)
    try:
        array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameterError(key, raw, allowed, label=label) from None
    if array.dtype == object or not np.all(np.isfinite(array)) or (low is not None and np.any(array < low)):
        raise InvalidParameterError(key, array.reshape(-1)[:8], allowed, label=label)
    return array


def broadcast(key: str, *arrays: np.ndarray) -> None:
    """Raise :class:`InvalidParameterError` (keyed ``key``) unless the arrays broadcast together."""
    try:
        np.broadcast_shapes(*(array.shape for array in arrays))
    except ValueError:
        shapes = ", ".join(str(array.shape) for array in arrays)
        raise InvalidParameterError(key, shapes, "arrays of shapes that broadcast together") from None


def offer_shares(bargaining_power: ArrayLike, discount: ArrayLike) -> tuple[Any, Any]:
    """Player 1's share of the surplus in the stationary random-proposer offers, vectorised.

    (α_1, α_2) = (1 − δ(1 − β), δβ): player 1 keeps α_1 when she proposes and is offered α_2
    when player 2 proposes (the one-sided model's α_A, α_B, Pęski 2022; the shares of the
    two-sided offers, Pęski 2024, Section 5.5). The one place this formula is written.

    Parameters
    ----------
    bargaining_power
        β ∈ [0, 1] (a number or an array).
    discount
        δ ∈ [0, 1] (a number or an array, broadcast against β).

    Returns
    -------
    tuple
        (α_1, α_2) = (1 − δ(1 − β), δβ), numbers or arrays.

    Examples
    --------
    >>> offer_shares(0.5, 0.9)
    (0.55, 0.45)
    """
    beta = probability_grid(bargaining_power, "bargaining_power", label="bargaining_power (β)")
    delta = probability_grid(discount, "discount", label="discount (δ)")
    broadcast("discount", beta, delta)
    alpha_1, alpha_2 = 1.0 - delta * (1.0 - beta), delta * beta
    if alpha_1.ndim == 0:
        return float(alpha_1), float(alpha_2)
    return alpha_1, alpha_2


def random_proposer_payoff(own_value: ArrayLike, other_value: ArrayLike, bargaining_power: ArrayLike) -> np.ndarray:
    """Complete-information random-proposer payoff β_i max(t_i, t_{-i}) (Section 3.1), vectorised.

    Parameters
    ----------
    own_value
        t_i (a number or an array).
    other_value
        t_{-i} (broadcast against ``own_value``).
    bargaining_power
        β_i ∈ [0, 1].

    Returns
    -------
    numpy.ndarray
        β_i max(t_i, t_{-i}).

    Examples
    --------
    >>> float(random_proposer_payoff(0.2, 1.0, 0.25))
    0.25
    """
    own = number_array(own_value, "own_value")
    other = number_array(other_value, "other_value")
    beta = probability_grid(bargaining_power, "bargaining_power", label="bargaining_power (β)")
    broadcast("bargaining_power", own, other, beta)
    return beta * np.maximum(own, other)


@dataclass(frozen=True, repr=False)
class RandomProposerOutcome(Result):
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

    model: ClassVar[str] = "random-proposer"
    hidden_fields: ClassVar[tuple[str, ...]] = ("values", "bargaining_power", "discount")
    summary_fields: ClassVar[tuple[str, ...]] = ("payoffs", "owner", "method")

    values: tuple[float, float]
    bargaining_power: float
    discount: float
    surplus: float
    payoffs: tuple[float, float]
    proposer_keeps: tuple[float, float]
    responder_gets: tuple[float, float]
    owner: int
    method: str

    @property
    def parameters(self) -> dict[str, float]:
        """The inputs under their Python names."""
        return {
            "value1": self.values[0],
            "value2": self.values[1],
            "bargaining_power": self.bargaining_power,
            "discount": self.discount,
        }


def _inputs(
    value1: float, value2: float, bargaining_power: float, discount: float
) -> tuple[float, float, float, float]:
    t1, t2 = number(value1, "value1"), number(value2, "value2")
    for name, t in (("value1", t1), ("value2", t2)):
        if t < 0:
            raise InvalidParameterError(name, t, "a non-negative value (disagreement gives 0)")
    beta = number(bargaining_power, "bargaining_power", low=0.0, high=1.0, label="bargaining_power (β)")
    delta = number(discount, "discount", low=0.0, high=1.0, label="discount (δ)")
    return t1, t2, beta, delta


def random_proposer(
    value1: float, value2: float, bargaining_power: float, discount: float = 1.0
) -> RandomProposerOutcome:
    """The complete-information random-proposer equilibrium (closed form).

    Parameters
    ----------
    value1, value2
        The players' values v, u ≥ 0 (the good goes to the higher value).
    bargaining_power
        β ∈ [0, 1], player 1's probability of proposing.
    discount
        δ ∈ [0, 1]; 1 by default.

    Returns
    -------
    RandomProposerOutcome
        The equilibrium payoffs, the owner (the player with the higher value) and what each
        proposer keeps.

    Examples
    --------
    >>> out = random_proposer(0.2, 1.0, 0.25, 0.9)
    >>> out.payoffs, out.owner, tuple(round(x, 12) for x in out.proposer_keeps)
    ((0.25, 0.75), 2, (0.325, 0.775))
    """
    t1, t2, beta, delta = _inputs(value1, value2, bargaining_power, discount)
    surplus = max(t1, t2)
    alpha_1, alpha_2 = offer_shares(beta, delta)  # player 1's share when she / player 2 proposes
    return RandomProposerOutcome(
        values=(t1, t2),
        bargaining_power=beta,
        discount=delta,
        surplus=surplus,
        payoffs=(beta * surplus, (1 - beta) * surplus),
        proposer_keeps=(alpha_1, 1 - alpha_2),
        responder_gets=(delta * (1 - beta), alpha_2),
        owner=1 if t1 >= t2 else 2,
        method="closed_form",
    )


def random_proposer_backward_induction(
    value1: float, value2: float, bargaining_power: float, discount: float, rounds: int
) -> RandomProposerOutcome:
    """The same game with at most ``rounds`` rounds (disagreement after the last gives 0), by
    backward induction: v^0 = 0, v_i^{n} = β_i (T - δ v_{-i}^{n-1}) + β_{-i} δ v_i^{n-1}.

    Parameters
    ----------
    value1, value2
        The players' values v, u ≥ 0.
    bargaining_power
        β ∈ [0, 1], player 1's probability of proposing.
    discount
        δ ∈ [0, 1].
    rounds
        The number of rounds (a positive integer).

    Returns
    -------
    RandomProposerOutcome
        The payoffs of the finite game; as ``rounds`` grows they tend to :func:`random_proposer`'s.

    Examples
    --------
    >>> round(random_proposer_backward_induction(0.2, 1.0, 0.25, 0.9, 500).payoffs[0], 12)
    0.25
    """
    t1, t2, beta, delta = _inputs(value1, value2, bargaining_power, discount)
    count = integer(rounds, "rounds", low=1, high=MAX_ROUNDS)
    surplus = max(t1, t2)
    shares = np.array([beta, 1 - beta])
    value = np.zeros(2)
    keeps = np.zeros(2)
    for _ in range(count):
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
        method=f"backward_induction ({count} rounds)",
    )
