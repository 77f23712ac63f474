"""Environments: finite type spaces with priors, and the two-player bargaining environment.

Notation (Pęski 2024, Section 2.1): player i has a finite set of values (types) T_i, a prior
p_i over T_i, and bargaining power β_i (β_1 = β, β_2 = 1 - β); δ is the discount factor.
For two types the paper writes T_i = {l_i, h_i} and p_i for the probability of the high type.

Every constructor validates its inputs and raises :class:`~bargainlab.errors.InvalidParameterError`
with a message naming the parameter, its value and the allowed range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bargainlab.core import inputs, limits
from bargainlab.core.inputs import PriorLike
from bargainlab.errors import InvalidParameterError
from bargainlab.tolerances import PRIOR_SUM_TOL

__all__ = ["TypeSpace", "TwoSidedEnvironment", "PriorLike", "two_sided_environment"]


@dataclass(frozen=True)
class TypeSpace:
    """A player's finite type space: distinct non-negative values and a prior over them.

    Parameters
    ----------
    values
        Strictly increasing, non-negative, finite values t_i (the player's possible valuations
        of the good).
    prior
        Probabilities of the values (same length, in [0, 1], summing to 1); for two values a
        single number is read as the probability of the high type (the paper's p_i); for one
        value it may be omitted.

    Examples
    --------
    >>> TypeSpace((0.0, 0.5), 0.25).prior
    (0.75, 0.25)
    """

    values: tuple[float, ...]
    prior: tuple[float, ...]

    def __init__(self, values: Sequence[float], prior: PriorLike = None) -> None:
        vals = inputs.value_list(values, "values")
        object.__setattr__(self, "values", vals)
        object.__setattr__(self, "prior", inputs.prior(prior, len(vals), "prior", "values"))

    @property
    def size(self) -> int:
        """Number of types."""
        return len(self.values)

    @property
    def value_array(self) -> np.ndarray:
        """Values as a float array."""
        return np.asarray(self.values, dtype=float)

    @property
    def prior_array(self) -> np.ndarray:
        """Prior as a float array."""
        return np.asarray(self.prior, dtype=float)

    @property
    def is_binary(self) -> bool:
        """True when the player has exactly two types (the paper's case)."""
        return self.size == 2

    @property
    def is_known(self) -> bool:
        """True when one type has probability one (the type is common knowledge)."""
        return max(self.prior) >= 1.0 - PRIOR_SUM_TOL

    @property
    def prior_high(self) -> float:
        """Probability of the highest type (the paper's p_i for binary types)."""
        return self.prior[-1]

    def scaled(self, factor: float) -> TypeSpace:
        """The same type space with every value multiplied by ``factor`` > 0."""
        return TypeSpace(tuple(v * factor for v in self.values), self.prior)

    def divided(self, divisor: float) -> TypeSpace:
        """The same type space with every value divided by ``divisor`` > 0."""
        return TypeSpace(tuple(v / divisor for v in self.values), self.prior)

    def to_dict(self) -> dict[str, list[float]]:
        """JSON-safe representation."""
        return {"values": list(self.values), "prior": list(self.prior)}


def _type_space(values: Sequence[float], prior: PriorLike, player: int) -> TypeSpace:
    """``TypeSpace(values, prior)``, its errors re-raised with the player's parameter names
    (values1, prior2, ...)."""
    try:
        return TypeSpace(values, prior)
    except InvalidParameterError as error:
        key = f"{error.key}{player}"
        raise InvalidParameterError(key, error.value, error.allowed, error.detail, label=key) from None


def check_bargaining_power(beta: object) -> float:
    """β ∈ [0, 1] (key ``bargaining_power``)."""
    return inputs.number(beta, "bargaining_power", low=0.0, high=1.0, label="bargaining_power (β)")


def check_discount(delta: object) -> float:
    """δ ∈ (0, 1] (key ``discount``); 1 stands for the limit δ → 1."""
    return inputs.number(
        delta, "discount", low=0.0, high=1.0, low_open=True, label="discount (δ)", detail="δ = 1 means the limit δ → 1"
    )


@dataclass(frozen=True)
class TwoSidedEnvironment:
    """Two players with private values, a random proposer with bargaining power β, discount δ.

    Parameters
    ----------
    player1, player2
        The players' type spaces (values and priors).
    bargaining_power
        β = β_1 ∈ [0, 1], the probability that player 1 proposes in a round; β_2 = 1 - β.
    discount
        δ ∈ (0, 1]; δ = 1 stands for the limit δ → 1 of Theorem 3.
    """

    player1: TypeSpace
    player2: TypeSpace
    bargaining_power: float
    discount: float = 1.0

    def __post_init__(self) -> None:
        for name, player in (("player1", self.player1), ("player2", self.player2)):
            if not isinstance(player, TypeSpace):
                raise InvalidParameterError(name, player, "a TypeSpace")
            limits.check_types(player.values, f"values{name[-1]}")
        object.__setattr__(self, "bargaining_power", check_bargaining_power(self.bargaining_power))
        object.__setattr__(self, "discount", check_discount(self.discount))

    def player(self, i: int) -> TypeSpace:
        """Type space of player ``i`` (1 or 2)."""
        if i == 1:
            return self.player1
        if i == 2:
            return self.player2
        raise InvalidParameterError("player", i, "1 or 2")

    @property
    def bargaining_powers(self) -> tuple[float, float]:
        """(β_1, β_2) = (β, 1 - β)."""
        return (self.bargaining_power, 1.0 - self.bargaining_power)

    @property
    def is_binary(self) -> bool:
        """True when both players have exactly two types (the setting of the paper's theorems)."""
        return self.player1.is_binary and self.player2.is_binary

    @property
    def max_value(self) -> float:
        """The largest value of either player."""
        return max(self.player1.values[-1], self.player2.values[-1])

    @property
    def theory_player(self) -> int:
        """The player the theory calls player 1: the one with the lower lowest value.

        Pęski (2024) labels players so that l_1 <= l_2; the gap goes to that player (Thm 3).
        When the lowest values tie (where the theorem leaves the choice open; for two types the
        gap is then 0), the tie is broken without looking at the labels, so that relabelling the
        players never changes the answer: the lexicographically smaller list of values, then of
        priors; only identical type spaces fall back to the user's player 1.
        """
        key1 = (self.player1.values, self.player1.prior)
        key2 = (self.player2.values, self.player2.prior)
        return 2 if key2 < key1 else 1

    def swapped(self) -> TwoSidedEnvironment:
        """The same environment with the players' labels exchanged (β becomes 1 - β)."""
        return TwoSidedEnvironment(self.player2, self.player1, 1.0 - self.bargaining_power, self.discount)

    def scaled(self, factor: float) -> TwoSidedEnvironment:
        """The same environment with every value multiplied by ``factor`` > 0."""
        return TwoSidedEnvironment(
            self.player1.scaled(factor), self.player2.scaled(factor), self.bargaining_power, self.discount
        )

    @property
    def unit(self) -> float:
        """The unit of normalised problems: the largest value (1 if every value is 0)."""
        return self.max_value if self.max_value > 0 else 1.0

    def normalised(self) -> TwoSidedEnvironment:
        """The same environment in units of :attr:`unit` (largest value 1).

        Payoffs are homogeneous of degree one in values and allocations of degree zero, so
        models solve the normalised environment and multiply payoffs back by :attr:`unit`.
        """
        unit = self.unit
        return TwoSidedEnvironment(
            self.player1.divided(unit), self.player2.divided(unit), self.bargaining_power, self.discount
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-safe representation."""
        return {
            "player1": self.player1.to_dict(),
            "player2": self.player2.to_dict(),
            "bargaining_power": self.bargaining_power,
            "discount": self.discount,
        }


def two_sided_environment(
    values1: Sequence[float],
    values2: Sequence[float],
    prior1: PriorLike,
    prior2: PriorLike,
    bargaining_power: float,
    discount: float = 1.0,
) -> TwoSidedEnvironment:
    """Build and validate a :class:`TwoSidedEnvironment` from plain numbers.

    Parameters
    ----------
    values1, values2
        Each player's strictly increasing non-negative values.
    prior1, prior2
        Each player's prior: probabilities (one per value), or for two values the probability of
        the high type p_i.
    bargaining_power
        β ∈ [0, 1] (player 1's probability of proposing).
    discount
        δ ∈ (0, 1]; 1 means the limit δ → 1.

    Returns
    -------
    TwoSidedEnvironment
        The validated environment (players' type spaces, β, δ); invalid input raises
        :class:`~bargainlab.errors.InvalidParameterError` naming the parameter.

    Examples
    --------
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)
    >>> env.player2.prior
    (0.5, 0.5)
    """
    return TwoSidedEnvironment(
        _type_space(values1, prior1, 1), _type_space(values2, prior2, 2), bargaining_power, discount
    )
