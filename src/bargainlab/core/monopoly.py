"""Monopoly pricing: the owner's take-it-or-leave-it price and payoff (Pęski 2024, eq. 3.2).

A type t_i who owns the good and may make one take-it-or-leave-it price offer τ to the other
player (values v_k with prior p_{-i}) gets

    M_i(t_i; p_{-i}) = max( t_i, max_k [ P(t_{-i} < v_k) t_i + P(t_{-i} >= v_k) v_k ] ),

where the buyer accepts when indifferent and keeping the good (no sale) is always possible.
Only prices equal to one of the buyer's values can be optimal. The random monopoly payoff is
β_i M_i(t_i; p_{-i}) (Section 3.2), the floor of Theorem 2.

Eq. (3.2) as printed writes P(t_{-i} <= τ) for the no-sale probability, which makes the
maximum a supremum that is not attained; ``docs/errata.md`` records the tie convention used here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core import inputs
from bargainlab.core.environment import TypeSpace
from bargainlab.errors import InvalidParameterError
from bargainlab.tolerances import PRIOR_SUM_TOL, UNIQUE_TOL

__all__ = ["monopoly_payoff", "monopoly_payoffs", "monopoly_prices", "random_monopoly_payoffs", "RandomMonopolyFloors"]


def _number_array(raw: object, key: str) -> np.ndarray:
    """``raw`` as a float array of finite non-negative numbers, or InvalidParameterError."""
    allowed = "non-negative finite numbers (a number or an array)"
    if raw is None or isinstance(raw, (bool, np.bool_, str, bytes, dict)):
        raise InvalidParameterError(key, raw, allowed)
    try:
        array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameterError(key, raw, allowed) from None
    if array.dtype == object or not np.all(np.isfinite(array)) or np.any(array < 0):
        raise InvalidParameterError(key, raw if array.size <= 8 else "an array", allowed)
    return array


def _validated_values(value: object, other_values: object) -> tuple[np.ndarray, np.ndarray]:
    """The owner's values and the buyer's values of :func:`monopoly_payoff`, checked."""
    t = _number_array(value, "value")
    v = _number_array(other_values, "other_values")
    if v.ndim == 0 or v.shape[-1] == 0 or np.any(np.diff(v, axis=-1) <= 0):
        raise InvalidParameterError("other_values", other_values, "a non-empty strictly increasing list of values")
    return t, v


def _validated(value: object, other_values: object, other_prior: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The arguments of :func:`monopoly_payoff`, checked (vectorised: one pass per array)."""
    t, v = _validated_values(value, other_values)
    prior = inputs.probability_grid(other_prior, "other_prior")
    if prior.ndim == 0 or prior.shape[-1] != v.shape[-1]:
        raise InvalidParameterError("other_prior", other_prior, f"{v.shape[-1]} probabilities, one per value")
    if np.any(np.abs(prior.sum(axis=-1) - 1.0) > PRIOR_SUM_TOL):
        raise InvalidParameterError("other_prior", other_prior, "probabilities summing to 1")
    return t, v, prior


def _sale_payoffs(value: ArrayLike, other_values: ArrayLike, other_prior: ArrayLike) -> np.ndarray:
    """Payoff of each posted price v_k (last axis), broadcast over values and priors.

    Prices at or below the owner's value are never better than keeping; they get -inf.
    """
    v = np.asarray(other_values, dtype=float)
    prior = np.asarray(other_prior, dtype=float)
    t = np.asarray(value, dtype=float)[..., None]
    survival = np.cumsum(prior[..., ::-1], axis=-1)[..., ::-1]  # P(t_{-i} >= v_k)
    payoff = (1.0 - survival) * t + survival * v
    return np.where(v > t, payoff, -np.inf)


def monopoly_payoff(value: ArrayLike, other_values: ArrayLike, other_prior: ArrayLike) -> np.ndarray:
    """Monopoly payoff M_i(t_i; p_{-i}) of eq. (3.2), vectorised.

    Parameters
    ----------
    value
        The owner's value t_i (scalar or array).
    other_values
        The buyer's possible values v_1 < ... < v_n.
    other_prior
        The buyer's prior, shape ``(..., n)``; leading axes broadcast against ``value``.

    Returns
    -------
    numpy.ndarray
        max(t_i, best sale payoff), with the broadcast shape of ``value`` and the prior's leading axes.

    Examples
    --------
    >>> float(monopoly_payoff(0.0, [0.5, 1.0], [0.5, 0.5]))
    0.5
    """
    t, v, prior = _validated(value, other_values, other_prior)
    return _monopoly(t, v, prior)


def _monopoly(t: np.ndarray, v: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Eq. (3.2) of checked arrays: max(t, best sale payoff)."""
    return np.maximum(t, _sale_payoffs(t, v, prior).max(axis=-1))


def monopoly_prices(
    value: float, other_values: Sequence[float], other_prior: Sequence[float], tol: float = UNIQUE_TOL
) -> tuple[float | None, ...]:
    """All optimal take-it-or-leave-it prices of a type (``None`` stands for keeping the good).

    Parameters
    ----------
    value
        The owner's value t_i.
    other_values, other_prior
        The buyer's values and prior.
    tol
        Payoffs within ``tol`` (times the largest value) of the maximum count as optimal.

    Returns
    -------
    tuple
        Optimal prices in increasing order; ``None`` first when not selling is optimal.

    Examples
    --------
    >>> monopoly_prices(0.0, [0.5, 1.0], [0.5, 0.5])
    (0.5, 1.0)
    """
    value = inputs.number(value, "value", low=0.0)
    tol = inputs.number(tol, "tol", low=0.0)
    values = inputs.value_list(other_values, "other_values")
    other_prior = inputs.prior(other_prior, len(values), "other_prior", "other_values")
    other_values = values
    sale = _sale_payoffs(value, other_values, other_prior)
    best = max(float(value), float(sale.max()))
    scale = max(1.0, abs(best))
    prices: list[float | None] = []
    if float(value) >= best - tol * scale:
        prices.append(None)
    survival = np.cumsum(np.asarray(other_prior, dtype=float)[::-1])[::-1]
    for v, payoff, sold in zip(other_values, sale, survival):
        if payoff >= best - tol * scale and sold > 0:  # a price nobody pays is keeping the good
            prices.append(float(v))
    return tuple(prices)


def monopoly_payoffs(owner: TypeSpace, buyer: TypeSpace) -> np.ndarray:
    """M_i(t_i; p_{-i}) for every type t_i of ``owner`` selling to ``buyer``.

    Parameters
    ----------
    owner
        The seller's type space (values t_i and prior).
    buyer
        The buyer's type space (values t_{-i} and prior p_{-i}).

    Returns
    -------
    numpy.ndarray
        M_i(t_i; p_{-i}) = max over prices q of t_i P(t_{-i} < q) + q P(t_{-i} ≥ q), one entry per type
        of ``owner`` (eq. (3.2)).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)
    >>> monopoly_payoffs(env.player1, env.player2).tolist()   # type 0 asks 0.5 or 1; type 0.5 asks 1
    [0.5, 0.75]
    """
    for key, space in (("owner", owner), ("buyer", buyer)):
        if not isinstance(space, TypeSpace):
            raise InvalidParameterError(key, space, "a TypeSpace (values and prior of a player)")
    return _monopoly(owner.value_array, buyer.value_array, buyer.prior_array)  # type spaces are checked


class RandomMonopolyFloors:
    """Both players' floors β_i M_i(t_i; p_{-i}) (Theorem 2, eq. (3.2)) for fixed values, one
    point (priors and β) after another.

    A loop over points at fixed values (one parameter point at a time) checks the values once and
    lays out the candidate prices of both players once (each player's prices are the other's
    values above its own value); a point then costs one pass for both players (each prior is
    checked with NumPy reductions: probabilities in [0, 1] summing to 1 within
    ``PRIOR_SUM_TOL``; anything else goes through :func:`monopoly_payoff`, which names the
    problem). The numbers are those of :func:`monopoly_payoff` times β_i, operation for operation.

    Parameters
    ----------
    values1, values2
        The players' values (each non-negative, finite, strictly increasing).

    Examples
    --------
    >>> floors = RandomMonopolyFloors([0.0, 0.5], [0.5, 1.0])
    >>> [f.tolist() for f in floors.floors([0.5, 0.5], [0.5, 0.5], 0.5)]   # β M_1 and (1 - β) M_2
    [[0.25, 0.375], [0.25, 0.5]]
    """

    def __init__(self, values1: ArrayLike, values2: ArrayLike) -> None:
        t1, v2 = _validated_values(values1, values2)
        t2, v1 = _validated_values(values2, values1)
        if t1.ndim != 1 or t2.ndim != 1:
            raise InvalidParameterError("values1", values1, "one list of values per player")
        self.values1, self.values2 = t1, t2
        self.n1, self.n2 = n1, n2 = len(t1), len(t2)
        n = max(n1, n2)
        # row 0: player 1 selling to player 2; row 1: player 2 selling to player 1. Owners are padded
        # at the end, buyers (values and priors) at the front with zeros: the reversed cumulative sums
        # of the real entries are then computed exactly as for the unpadded prior.
        self._owners = np.zeros((2, n))
        self._owners[0, :n1], self._owners[1, :n2] = t1, t2
        buyers = np.zeros((2, n))
        buyers[0, n - n2 :], buyers[1, n - n1 :] = v2, v1
        self._buyers = buyers[:, None, :]
        self._owner_columns = self._owners[:, :, None]
        real = np.zeros((2, n), dtype=bool)
        real[0, n - n2 :], real[1, n - n1 :] = True, True
        # prices at or below an owner's value never beat keeping; padded prices do not exist
        self._excluded = ~((self._buyers > self._owner_columns) & real[:, None, :])
        self._pad1, self._pad2 = np.zeros(n - n2), np.zeros(n - n1)

    def floors(self, prior1: ArrayLike, prior2: ArrayLike, bargaining_power: float) -> tuple[np.ndarray, np.ndarray]:
        """(β M_1(·; p_2), (1 − β) M_2(·; p_1)) at the priors ``prior1``, ``prior2`` and β.

        Parameters
        ----------
        prior1, prior2
            The players' priors (one probability per value).
        bargaining_power
            β = β_1 ∈ [0, 1], player 1's probability of proposing.

        Returns
        -------
        tuple of numpy.ndarray
            Player 1's floors (one per value of player 1) and player 2's.

        Examples
        --------
        >>> RandomMonopolyFloors([0.0], [0.5, 1.0]).floors([1.0], [0.25, 0.75], 1.0)[0].tolist()
        [0.75]
        """
        beta = inputs.probability(bargaining_power, "bargaining_power")
        p1, p2 = np.asarray(prior1, dtype=float), np.asarray(prior2, dtype=float)
        if p1.shape != (self.n1,) or p2.shape != (self.n2,):  # through the general path, which names the problem
            return (
                beta * monopoly_payoff(self.values1, self.values2, prior2),
                (1.0 - beta) * monopoly_payoff(self.values2, self.values1, prior1),
            )
        priors, survival = self._survival(p1, p2)
        totals = survival[:, 0]
        if not (
            priors.min() >= 0.0
            and priors.max() <= 1.0
            and abs(totals[0] - 1.0) <= PRIOR_SUM_TOL
            and abs(totals[1] - 1.0) <= PRIOR_SUM_TOL
        ):  # NaN fails too: the general path raises, naming the problem
            monopoly_payoff(self.values1, self.values2, prior2)
            monopoly_payoff(self.values2, self.values1, prior1)
        return self._best(survival, beta)

    def checked_floors(
        self, prior1: np.ndarray, prior2: np.ndarray, bargaining_power: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`floors` at priors and β already checked (an environment's: arrays of one
        probability per value, β in [0, 1]), without checking them again: the same numbers."""
        return self._best(self._survival(prior1, prior2)[1], bargaining_power)

    def _survival(self, p1: np.ndarray, p2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The buyers' priors (padded, one row per seller) and P(t_{-i} >= v_k) (column 0: the
        prior's sum)."""
        priors = np.concatenate((self._pad1, p2, self._pad2, p1)).reshape(2, -1)
        return priors, priors[:, ::-1].cumsum(axis=1)[:, ::-1]

    def _best(self, survival: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
        """β_i times the best of keeping and each price, for each type of each player."""
        survival = survival[:, None, :]
        payoff = (1.0 - survival) * self._owner_columns + survival * self._buyers
        payoff[self._excluded] = -np.inf
        best = np.maximum(self._owners, payoff.max(axis=2))
        return beta * best[0, : self.n1], (1.0 - beta) * best[1, : self.n2]


def random_monopoly_payoffs(owner: TypeSpace, buyer: TypeSpace, bargaining_power: float) -> np.ndarray:
    """Random monopoly payoffs β_i M_i(t_i; p_{-i}) (Section 3.2; the floors of Theorem 2).

    Parameters
    ----------
    owner
        The type space of the player whose floors are computed.
    buyer
        The other player's type space.
    bargaining_power
        β_i ∈ [0, 1], the owner's probability of proposing.

    Returns
    -------
    numpy.ndarray
        β_i M_i(t_i; p_{-i}), one entry per type of ``owner``.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)
    >>> random_monopoly_payoffs(env.player1, env.player2, 0.5).tolist()
    [0.25, 0.375]
    """
    return inputs.probability(bargaining_power, "bargaining_power") * monopoly_payoffs(owner, buyer)
