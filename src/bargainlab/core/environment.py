"""Environments: finite type spaces with priors, and the two-player bargaining environment.

Notation (Pęski 2024, Section 2.1): player i has a finite set of values (types) T_i, a prior
p_i over T_i, and bargaining power β_i (β_1 = β, β_2 = 1 - β); δ is the discount factor.
For two types the paper writes T_i = {l_i, h_i} and p_i for the probability of the high type.

Every constructor validates its inputs and raises :class:`~bargainlab.errors.InvalidParameterError`
with a message naming the parameter, its value and the allowed range.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from bargainlab.errors import InvalidParameterError
from bargainlab.tolerances import PRIOR_SUM_TOL

__all__ = ["TypeSpace", "TwoSidedEnvironment", "PriorLike", "two_sided_environment"]

#: A prior: a sequence of probabilities (one per value), or for two types the probability of
#: the high type, or for one type ``None``/1.
PriorLike = float | Sequence[float] | None


def _finite_floats(name: str, raw: object) -> tuple[float, ...]:
    """Convert ``raw`` to a tuple of finite floats, or raise naming ``name``."""
    if isinstance(raw, (str, bytes)):
        raise InvalidParameterError(name, raw, "a sequence of numbers")
    try:
        items = list(raw)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidParameterError(name, raw, "a sequence of numbers") from None
    out = []
    for position, item in enumerate(items):
        try:
            number = float(item)
        except (TypeError, ValueError):
            raise InvalidParameterError(
                name, raw, "a sequence of numbers", f"entry {position} is not a number"
            ) from None
        if not math.isfinite(number):
            raise InvalidParameterError(name, raw, "a sequence of finite numbers", f"entry {position} is {number}")
        out.append(number)
    return tuple(out)


def _check_values(values: tuple[float, ...], name: str) -> None:
    if len(values) == 0:
        raise InvalidParameterError(name, list(values), "a non-empty list of values (at least one type)")
    for position, v in enumerate(values):
        if v < 0:
            raise InvalidParameterError(name, list(values), "a list of non-negative values", f"entry {position} is {v}")
    for position in range(1, len(values)):
        if values[position] <= values[position - 1]:
            raise InvalidParameterError(
                name,
                list(values),
                "a strictly increasing list of distinct values",
                f"entry {position} ({values[position]}) is not above entry {position - 1} ({values[position - 1]})",
            )


def _prior_tuple(prior: PriorLike, n: int, name: str, values_name: str) -> tuple[float, ...]:
    """Normalise the accepted prior spellings to a tuple of n probabilities."""
    if prior is None:
        if n == 1:
            return (1.0,)
        raise InvalidParameterError(name, None, f"a list of {n} probabilities (one per value in {values_name})")
    if isinstance(prior, (int, float, np.integer, np.floating)) and not isinstance(prior, bool):
        p = float(prior)
        if not math.isfinite(p):
            raise InvalidParameterError(name, p, "a finite probability in [0, 1]")
        if n == 2:
            if not 0.0 <= p <= 1.0:
                raise InvalidParameterError(name, p, "a probability of the high type in [0, 1]")
            return (1.0 - p, p)
        if n == 1:
            if abs(p - 1.0) > PRIOR_SUM_TOL:
                raise InvalidParameterError(name, p, "1 (or omitted) for a player with a single type")
            return (1.0,)
        raise InvalidParameterError(
            name,
            p,
            f"a list of {n} probabilities, one per value in {values_name}",
            "a single number is the probability of the high type and needs exactly two values",
        )
    probabilities = _finite_floats(name, prior)
    if len(probabilities) != n:
        raise InvalidParameterError(
            name,
            list(probabilities),
            f"a list of {n} probabilities, one per value in {values_name}",
            f"got {len(probabilities)} entries",
        )
    for position, q in enumerate(probabilities):
        if not 0.0 <= q <= 1.0:
            raise InvalidParameterError(
                name, list(probabilities), "a list of probabilities in [0, 1]", f"entry {position} is {q}"
            )
    total = math.fsum(probabilities)
    if abs(total - 1.0) > PRIOR_SUM_TOL:
        raise InvalidParameterError(
            name,
            list(probabilities),
            f"a list of probabilities summing to 1 (within {PRIOR_SUM_TOL:g})",
            f"they sum to {total!r}",
        )
    return tuple(q / total for q in probabilities)


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
        vals = _finite_floats("values", values)
        _check_values(vals, "values")
        object.__setattr__(self, "values", vals)
        object.__setattr__(self, "prior", _prior_tuple(prior, len(vals), "prior", "values"))

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


@contextmanager
def _for_player(player: int) -> Iterator[None]:
    """Re-raise validation errors with the player's parameter names (values1, prior2, ...)."""
    try:
        yield
    except InvalidParameterError as error:
        raise InvalidParameterError(f"{error.parameter}{player}", error.value, error.allowed, error.detail) from None


def _check_bargaining_power(beta: object) -> float:
    try:
        b = float(beta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidParameterError("bargaining_power (β)", beta, "a number in [0, 1]") from None
    if not math.isfinite(b) or not 0.0 <= b <= 1.0:
        raise InvalidParameterError("bargaining_power (β)", b, "a number in [0, 1]")
    return b


def _check_discount(delta: object) -> float:
    try:
        d = float(delta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidParameterError("discount (δ)", delta, "a number in (0, 1]") from None
    if not math.isfinite(d) or not 0.0 < d <= 1.0:
        raise InvalidParameterError("discount (δ)", d, "a number in (0, 1]", "δ = 1 means the limit δ → 1")
    return d


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
        object.__setattr__(self, "bargaining_power", _check_bargaining_power(self.bargaining_power))
        object.__setattr__(self, "discount", _check_discount(self.discount))

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

    Examples
    --------
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)
    >>> env.player2.prior
    (0.5, 0.5)
    """
    with _for_player(1):
        player1 = TypeSpace(values1, prior1)
    with _for_player(2):
        player2 = TypeSpace(values2, prior2)
    return TwoSidedEnvironment(player1, player2, bargaining_power, discount)
