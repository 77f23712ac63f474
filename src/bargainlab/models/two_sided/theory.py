"""The theory's labels and the economics shared by every two-sided computation (Pęski 2024).

Pęski labels the players so that l_1 <= l_2 (the player with the lower lowest value is "player
1" and gets the gap, Theorem 3); exchanging the players' labels turns β into 1 − β. This module
is the one place that puts an environment — one point (:func:`theory_labelled`,
:func:`theory_point`) or many points at once (:func:`theory_swap`) — in those labels, and
computes the quantities every view of the model uses: the random monopoly floors β_i M_i
(Theorem 2), the ex ante floor p_i · β_i M_i, the first best E[max(t_1, t_2)], the environment
as its Python-named parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace
from bargainlab.core.monopoly import monopoly_payoffs
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.tolerances import MIN_VALUE_RATIO

__all__ = [
    "TheoryPoint",
    "check_environment",
    "check_type_space",
    "check_value_range",
    "check_value_ranges",
    "environment_parameters",
    "theory_labelled",
    "lowest_values_tie",
    "theory_point",
    "theory_swap",
    "TheoryGroup",
    "theory_groups",
    "floors",
    "ex_ante_floor",
    "first_best",
]


def check_environment(env: object, key: str = "env") -> TwoSidedEnvironment:
    """``env`` if it is a :class:`TwoSidedEnvironment`, else :class:`InvalidParameterError`."""
    if not isinstance(env, TwoSidedEnvironment):
        raise InvalidParameterError(key, env, "a TwoSidedEnvironment (build it with two_sided_environment(...))")
    return env


def check_type_space(space: object, key: str = "space") -> TypeSpace:
    """``space`` if it is a :class:`TypeSpace`, else :class:`InvalidParameterError`."""
    if not isinstance(space, TypeSpace):
        raise InvalidParameterError(key, space, "a TypeSpace (values and prior, e.g. TypeSpace([0, 0.5], 0.25))")
    return space


def check_value_range(env: TwoSidedEnvironment) -> TwoSidedEnvironment:
    """``env`` if its values span a range the interim LP resolves, else :class:`InvalidParameterError`.

    Every positive value must be at least ``MIN_VALUE_RATIO`` times the largest value of
    either player (0 is always allowed): the LP is solved in units of the largest value at a
    fixed feasibility tolerance, so smaller values are below the solver's resolution and
    rescaling cannot help. The error names the player whose value is too small (key
    ``values1`` or ``values2``).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> check_value_range(two_sided_environment([0, 1e-300], [0.5, 1], 0.5, 0.5, 0.5))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bargainlab.errors.InvalidParameterError: values1 must be values each 0 or at least 1e-07 times ...
    """
    check_environment(env)
    check_value_ranges(np.asarray([env.player1.values]), np.asarray([env.player2.values]))
    return env


def check_value_ranges(values1: np.ndarray, values2: np.ndarray) -> None:
    """:func:`check_value_range` for many points at once: rows of ``values1`` and ``values2``
    (shape (points or 1, n_i), non-negative) are the points' values."""
    largest = np.maximum(values1.max(axis=1), values2.max(axis=1))
    count = max(len(values1), len(values2))
    limit = np.broadcast_to(MIN_VALUE_RATIO * largest, (count,))
    for key, values in (("values1", values1), ("values2", values2)):
        full = np.broadcast_to(values, (count, values.shape[1]))
        tiny = (full > 0) & (full < limit[:, None])
        if tiny.any():
            row, column = (int(i) for i in np.argwhere(tiny)[0])
            top = float(np.broadcast_to(largest, (count,))[row])
            point = f" at point {row}" if count > 1 else ""
            raise InvalidParameterError(
                key,
                full[row].tolist(),
                f"values each 0 or at least {MIN_VALUE_RATIO:g} times the largest value ({top:g})",
                f"entry {column}{point} is {full[row, column]:g}, below the LP's resolution: "
                "set it to 0 or use units in which the values span a smaller range",
            )


def environment_parameters(env: TwoSidedEnvironment) -> dict[str, Any]:
    """The environment under its Python names (the ``parameters`` of every two-sided result).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> environment_parameters(two_sided_environment([0, 1], [0.5, 1], 0.5, 0.25, 0.5))["prior2"]
    [0.75, 0.25]
    """
    return {
        "values1": list(env.player1.values),
        "values2": list(env.player2.values),
        "prior1": list(env.player1.prior),
        "prior2": list(env.player2.prior),
        "bargaining_power": env.bargaining_power,
        "discount": env.discount,
    }


def theory_labelled(env: TwoSidedEnvironment, gap_to: int | None = None) -> tuple[TwoSidedEnvironment, bool]:
    """The environment labelled so that player 1 gets the gap, and whether labels were swapped.

    By default player 1 is the theory's (lower low value, l_1 <= l_2; ties broken as in
    :attr:`TwoSidedEnvironment.theory_player`); ``gap_to`` (1 or 2, user's labels) forces it.
    """
    check_environment(env)
    chosen = isinstance(gap_to, (int, np.integer)) and not isinstance(gap_to, bool) and gap_to in (1, 2)
    if gap_to is not None and not chosen:
        raise InvalidParameterError("gap_to", gap_to, "1, 2 or None (the player the theory selects)")
    favoured = env.theory_player if gap_to is None else gap_to
    if favoured == 2:
        return env.swapped(), True
    return env, False


def lowest_values_tie(env: TwoSidedEnvironment) -> bool:
    """True when both players have the same lowest value (l_1 = l_2).

    The theory labels players so that l_1 <= l_2 (Section 4); at a tie both labellings qualify and
    it does not say who gets the Gap. :func:`theory_labelled` then picks one by
    :attr:`TwoSidedEnvironment.theory_player`'s tie-break rule, and
    :func:`~bargainlab.models.two_sided.outcome.solve` also reports the other labelling. The
    comparison is exact: Gap is continuous in the values on either side of the tie, so only the
    tie itself is ambiguous.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> lowest_values_tie(two_sided_environment([0.2, 0.5, 1], [0.2, 0.7], [0.3, 0.3, 0.4], 0.5, 0.5))
    True
    """
    check_environment(env)
    return bool(env.player1.values[0] == env.player2.values[0])


@dataclass(frozen=True)
class TheoryPoint:
    """A binary environment in the theory's labels (player 1 has the lower low value).

    Attributes
    ----------
    values
        (l_1, h_1, l_2, h_2).
    p1, p2
        Probabilities of the high types.
    x
        The theory's player 1's bargaining power (share).
    swapped
        True when the theory's player 1 is the user's player 2.
    """

    values: BinaryValues
    p1: float
    p2: float
    x: float
    swapped: bool

    @property
    def gap_player(self) -> int:
        """The user's player who gets the gap."""
        return 2 if self.swapped else 1

    def relabel(self, first: Any, second: Any) -> tuple[Any, Any]:
        """A per-player pair moved between the user's and the theory's labels (either way: the
        exchange of the players is its own inverse)."""
        return (second, first) if self.swapped else (first, second)


def theory_point(env: TwoSidedEnvironment) -> TheoryPoint | None:
    """``env`` in the theory's labels, or ``None`` unless both players have two types."""
    if not env.is_binary:
        return None
    theory, swapped = theory_labelled(env)
    (l1, h1), (l2, h2) = theory.player1.values, theory.player2.values
    return TheoryPoint(
        BinaryValues(l1, h1, l2, h2),
        theory.player1.prior_high,
        theory.player2.prior_high,
        theory.bargaining_power,
        swapped,
    )


def _lex_less(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise lexicographic ``tuple(a[k]) < tuple(b[k])`` (rows may differ in length)."""
    n = min(a.shape[1], b.shape[1])
    differ = a[:, :n] != b[:, :n]
    first = np.argmax(differ, axis=1)
    picked = np.arange(len(a))
    return np.where(differ.any(axis=1), a[picked, first] < b[picked, first], a.shape[1] < b.shape[1])


def theory_swap(V1: np.ndarray, V2: np.ndarray, P1: np.ndarray, P2: np.ndarray, count: int) -> np.ndarray:
    """Per point: is the theory's player 1 the user's player 2? (:func:`theory_labelled` on arrays)

    ``V*``/``P*`` have one row per point or one row shared by all points. The player with the
    lexicographically smaller values (so the lower lowest value) is the theory's player 1;
    identical values are compared by priors.
    """
    if len(V1) == 1 and len(V2) == 1 and not np.array_equal(V1, V2):  # shared, different values
        return np.full(count, bool(_lex_less(V2, V1)[0]))
    V1, V2 = np.broadcast_to(V1, (count, V1.shape[1])), np.broadcast_to(V2, (count, V2.shape[1]))
    by_values = _lex_less(V2, V1)
    if V1.shape != V2.shape:
        return by_values
    P1, P2 = np.broadcast_to(P1, (count, P1.shape[1])), np.broadcast_to(P2, (count, P2.shape[1]))
    return np.where(np.all(V1 == V2, axis=1), _lex_less(P2, P1), by_values)


@dataclass(frozen=True)
class TheoryGroup:
    """Points whose theory labels agree, in those labels and in normalised units.

    ``values*``/``priors*`` have one row per point, or one row shared by all of them; ``x`` is
    player 1's (theory) bargaining power per point; ``unit`` the largest value (a number when
    shared); ``swapped`` whether theory player 1 is the user's player 2.
    """

    rows: slice | np.ndarray
    count: int
    values1: np.ndarray
    values2: np.ndarray
    priors1: np.ndarray
    priors2: np.ndarray
    x: np.ndarray
    unit: np.floating | np.ndarray
    swapped: bool


def theory_groups(
    V1: np.ndarray, V2: np.ndarray, P1: np.ndarray, P2: np.ndarray, beta: np.ndarray, swap: np.ndarray
) -> list[TheoryGroup]:
    """The points split by labelling (at most two groups), in theory labels and normalised units.

    ``V*``/``P*`` are per-point values and priors (or one shared row), ``beta`` player 1's β per
    point and ``swap`` :func:`theory_swap`'s flags; in a swapped group the players are exchanged
    and β becomes 1 − β, and values are divided by each point's largest value.
    """
    groups = []
    for flag in (False, True):
        rows = _group(swap, flag)
        if rows is None:
            continue
        (TV1, TP1), (TV2, TP2) = ((V2, P2), (V1, P1)) if flag else ((V1, P1), (V2, P2))
        TV1, TV2, TP1, TP2 = (_take(a, rows) for a in (TV1, TV2, TP1, TP2))
        count = len(swap) if isinstance(rows, slice) else len(rows)
        x = beta[rows]
        unit = np.maximum(TV1[:, -1], TV2[:, -1])
        unit = np.where(unit > 0, unit, 1.0)
        N1, N2 = TV1 / unit[:, None], TV2 / unit[:, None]
        groups.append(
            TheoryGroup(
                rows=rows,
                count=count,
                values1=N1,
                values2=N2,
                priors1=TP1,
                priors2=TP2,
                x=1.0 - x if flag else x,
                unit=unit[0] if len(unit) == 1 else unit,
                swapped=flag,
            )
        )
    return groups


def _group(swap: np.ndarray, flag: bool) -> slice | np.ndarray | None:
    """The points whose swap flag is ``flag``: a slice when it is all of them, None when none."""
    members = swap == flag
    if members.all():
        return slice(None)
    if not members.any():
        return None
    return np.flatnonzero(members)


def _take(array: np.ndarray, rows: slice | np.ndarray) -> np.ndarray:
    """The given rows of a per-point array; a single row shared by all points stays one row."""
    return array if len(array) == 1 else array[rows]


def floors(env: TwoSidedEnvironment) -> tuple[np.ndarray, np.ndarray]:
    """Every type's random monopoly floor β_i M_i(t_i; p_−i) (Theorem 2), per player."""
    beta1, beta2 = env.bargaining_powers
    return (
        beta1 * monopoly_payoffs(env.player1, env.player2),
        beta2 * monopoly_payoffs(env.player2, env.player1),
    )


def ex_ante_floor(env: TwoSidedEnvironment, player: int) -> float:
    """p_i · β_i M_i(·; p_−i): ``player``'s ex ante random monopoly payoff (Theorem 2)."""
    own, other = env.player(player), env.player(3 - player)
    return float(env.bargaining_powers[player - 1] * (own.prior_array @ monopoly_payoffs(own, other)))


def first_best(env: TwoSidedEnvironment) -> float:
    """E[max(t_1, t_2)]: expected welfare when the higher value always gets the good."""
    v1, v2 = env.player1.value_array, env.player2.value_array
    joint = np.outer(env.player1.prior_array, env.player2.prior_array)
    return float((joint * np.maximum(v1[:, None], v2[None, :])).sum())
