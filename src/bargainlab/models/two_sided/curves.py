"""The two-sided model along curves and over belief grids (Pęski 2024): the data of the figures.

Each builder returns a frozen result of NumPy arrays (a :class:`~bargainlab.core.result.Result`:
``to_frame()`` is its table, ``columns()`` the equal-length columns written as CSV);
:mod:`bargainlab.viz.two_sided` draws it with matplotlib (files) and
:mod:`bargainlab.viz.two_sided_interactive` with plotly (the web app), so both show the same
numbers and the drawing modules compute no economics.

* :func:`belief_map` — E(p, β) and Gap(p, β) (eqs. 4.1–4.2) over the belief square, with the
  thresholds p₁*(β), p₂*, p₂** of Propositions 1–2;
* :func:`payoff_lines` — interim payoffs of every type along a line through belief space
  (ranges over the optimal face, Theorem 3), the random monopoly floors β_i M_i (Theorem 2),
  the complete-information benchmark β_i max(t₁, t₂) (Section 3.1) and the counterfactual
  outcome that gives the gap to the other player;
* :func:`beta_curve` — ex ante E, Gap and floors as β goes from 0 to 1;
* :func:`delta_curve` — what the paper pins for δ < 1: Theorem 2's floors (flat in δ), the
  δ → 1 limit E, and the leading term (β/β^(δ)) E(p, β^(δ)) of the Section 5.5 lower bound on
  the gap player's payoff, β^(δ) = 1 − δ(1 − β).

Beliefs of a player with more than two types are drawn along a one-parameter family: the axis
is the probability s of the highest type, and the other types share 1 − s in the proportions of
the user's prior (:func:`prior_family`). For two types this is exactly the paper's p_i.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core import inputs, limits
from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace
from bargainlab.core.result import Result, to_jsonable
from bargainlab.errors import InvalidParameterError
from bargainlab.models.complete_info import offer_shares
from bargainlab.models.two_sided import closed_form, mechanisms
from bargainlab.models.two_sided.maps import gap_on_priors
from bargainlab.models.two_sided.outcome import (
    AT_DELTA,
    COMPUTATION,
    DELTA_TO_1_LIMIT,
    HoldsAt,
    TieAlternative,
    gap,
    leading_term,
    solve,
    tie_alternative,
)
from bargainlab.models.two_sided.theory import (
    TheoryPoint,
    check_environment,
    check_type_space,
    environment_parameters,
    ex_ante_floor,
    first_best,
    lowest_values_tie,
    theory_point,
)

__all__ = [
    "Progress",
    "Threshold",
    "Series",
    "BeliefMap",
    "PayoffLines",
    "BetaCurve",
    "DeltaCurve",
    "prior_family",
    "family_weights",
    "family_representative",
    "belief_thresholds",
    "belief_map",
    "payoff_lines",
    "beta_curve",
    "delta_curve",
    "DominanceView",
    "dominance_view",
    "a2_zones",
    "DEFAULT_MAP_RESOLUTION",
    "DEFAULT_LP_MAP_RESOLUTION",
    "DEFAULT_LINE_POINTS",
    "DEFAULT_CURVE_POINTS",
    "MAX_POINTS",
    "LEADING_TERM_LABEL",
]

#: ``progress(done, total)`` is called as work is completed (a terminal bar, a web progress element).
Progress = Callable[[int, int], None]

#: Points per axis of a belief map when both players have two types (closed form: milliseconds).
DEFAULT_MAP_RESOLUTION = 101
#: Points per axis when a player has more than two types (one LP per point, warm-started).
DEFAULT_LP_MAP_RESOLUTION = 41
#: Points along a line of interim payoffs (two optimal-face solves per point).
DEFAULT_LINE_POINTS = 51
#: Points of the curves against β and against δ.
DEFAULT_CURVE_POINTS = 101
#: Largest number of points per axis accepted by the builders (the documented limit of
#: :mod:`bargainlab.core.limits`, shared by curves and maps).
MAX_POINTS = limits.MAX_POINTS
#: The one label of the δ-curve bound; it is a lower bound's leading term, not an equilibrium payoff.
LEADING_TERM_LABEL = "leading term of the Section 5.5 lower bound (exact only as δ→1)"


def _check_points(name: str, value: object, minimum: int = 2) -> int:
    """An integer number of grid points in [minimum, MAX_POINTS], or InvalidParameterError."""
    return inputs.integer(value, name, low=minimum, high=MAX_POINTS)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


class _CurveResult(HoldsAt, Result):
    """Common parts of the curve results: the environment as ``parameters``, ``columns()`` as the
    table, ``holds_at`` (:class:`~bargainlab.models.two_sided.outcome.HoldsAt`) for every entry of
    ``to_dict`` except the ``AXES`` (the grid of an input that the curve varies, not a quantity)."""

    model: ClassVar[str] = "two-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("environment",)
    extra_fields: ClassVar[tuple[str, ...]] = ("holds_at",)
    #: Entries of ``to_dict`` that hold the varied input (axis) or an option, not a quantity: no label.
    AXES: ClassVar[tuple[str, ...]] = ()
    environment: TwoSidedEnvironment

    def column_holds_at(self) -> dict[str, str] | None:
        """At δ < 1 (:attr:`holds_at` not ``None``): each quantity column of :meth:`columns` →
        its ``holds_at`` label (axis columns are left out); ``None`` at δ = 1."""
        labels = self.holds_at
        if labels is None:
            return None
        found = {name: self._column_entry(name) for name in self.columns()}
        return {name: labels[entry] for name, entry in found.items() if entry is not None}

    def _column_entry(self, name: str) -> str | None:
        """The ``to_dict`` entry a column shows (``None`` for an axis column)."""
        return name if name in self.HOLDS_AT else None

    @property
    def parameters(self) -> dict[str, Any]:
        """The environment under its Python names."""
        return environment_parameters(self.environment)

    def columns(self) -> dict[str, np.ndarray]:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def _frame_columns(self) -> Mapping[str, Any]:
        return self.columns()


def _tie_columns(ties: tuple[TieAlternative, ...] | None) -> dict[str, np.ndarray]:
    """The columns ``tie_alternative_ex_ante_payoff`` and ``tie_alternative_gap`` of the other
    labelling of a tie in the lowest values, one entry per point (none without a tie)."""
    if ties is None:
        return {}
    return {
        "tie_alternative_ex_ante_payoff": np.array([t.ex_ante_payoff for t in ties]),
        "tie_alternative_gap": np.array([t.gap for t in ties]),
    }


def _tie_entry(name: str) -> str | None:
    """The ``to_dict`` entry of a tie column (``tie_alternative``), else ``None``."""
    return "tie_alternative" if name.startswith("tie_alternative_") else None


# ---------------------------------------------------------------------------- belief families
def family_weights(space: TypeSpace) -> tuple[float, ...]:
    """Relative weights of all but the highest type (summing to 1; uniform if the prior gives them 0).

    Parameters
    ----------
    space
        A player's type space.

    Returns
    -------
    tuple of float
        One weight per type except the highest.

    Examples
    --------
    >>> [round(w, 12) for w in family_weights(TypeSpace((0.0, 0.4, 0.8), (0.3, 0.1, 0.6)))]
    [0.75, 0.25]
    >>> family_weights(TypeSpace((0.0, 1.0), 0.2))
    (1.0,)
    """
    check_type_space(space)
    rest = np.asarray(space.prior[:-1], dtype=float)
    if len(rest) == 0:
        return ()
    total = math.fsum(rest)
    if total <= 0.0:
        return tuple([1.0 / len(rest)] * len(rest))
    return tuple(float(w) for w in rest / total)


def prior_family(space: TypeSpace, high: ArrayLike) -> np.ndarray:
    """Priors whose highest type has probability ``high``; the other types share the rest by :func:`family_weights`.

    Parameters
    ----------
    space
        The player's values and prior (the prior fixes the relative weights of the lower types).
    high
        Probabilities s ∈ [0, 1] of the highest type, any shape.

    Returns
    -------
    numpy.ndarray
        Shape ``high.shape + (n,)``; for two types the rows are (1 − s, s), the paper's p_i = s.

    Examples
    --------
    >>> prior_family(TypeSpace((0.0, 0.4, 0.8), (0.3, 0.1, 0.6)), [0.0, 0.2]).round(12).tolist()
    [[0.75, 0.25, 0.0], [0.6, 0.2, 0.2]]
    """
    check_type_space(space)
    if space.size < 2:
        raise InvalidParameterError("values", list(space.values), "at least two values to vary a belief")
    s = inputs.probability_grid(high, "high")
    weights = np.asarray(family_weights(space))
    return np.concatenate([(1.0 - s)[..., None] * weights, s[..., None]], axis=-1)


def family_representative(space: TypeSpace) -> TypeSpace:
    """The member of ``space``'s belief family with highest-type probability 1/2.

    Two type spaces with the same representative give the same belief maps and lines; the app
    caches on it, so that moving a prior along its family only moves the marker.

    Parameters
    ----------
    space
        A player's type space.

    Returns
    -------
    TypeSpace
        The same values with the family's prior whose highest type has probability 1/2
        (``space`` itself for one type).

    Examples
    --------
    >>> rep = family_representative(TypeSpace((0.0, 0.4, 0.8), (0.3, 0.1, 0.6)))
    >>> [round(p, 6) for p in rep.prior]   # the others keep their relative weights 3 : 1
    [0.375, 0.125, 0.5]
    """
    check_type_space(space)
    if space.size < 2:
        return space
    return TypeSpace(space.values, tuple(prior_family(space, 0.5).tolist()))


def _with_prior(env: TwoSidedEnvironment, player: int, prior: ArrayLike) -> TwoSidedEnvironment:
    space = env.player(player)
    updated = TypeSpace(space.values, tuple(np.asarray(prior, dtype=float).tolist()))
    if player == 1:
        return replace(env, player1=updated)
    return replace(env, player2=updated)


def _axis_label(env: TwoSidedEnvironment, player: int) -> str:
    space = env.player(player)
    top = f"{space.values[-1]:g}"
    if space.is_binary:
        return f"p{player} = P(player {player}'s value is {top})"
    return f"P(player {player}'s value is {top}); lower types keep their relative weights"


# ---------------------------------------------------------------------------- thresholds
@dataclass(frozen=True)
class Threshold:
    """A belief threshold of Propositions 1–2, drawn as a line on one player's belief axis.

    Attributes
    ----------
    name
        The paper's symbol (theory labels: the gap player is "player 1").
    player
        The user's player on whose belief axis the threshold lies.
    value
        The threshold probability of that player's high type.
    meaning
        One sentence: what happens at the threshold.
    """

    name: str
    player: int
    value: float
    meaning: str


def belief_thresholds(env: TwoSidedEnvironment) -> tuple[Threshold, ...]:
    """p₁*(β), p₂* and (Proposition 2) p₂** in the user's labels; none when the gap is 0 everywhere.

    The theory's player 1 is the player with the lower low value (``env.theory_player``) and its
    bargaining power is the x of Propositions 1–2. Binary types only (empty otherwise).

    Parameters
    ----------
    env
        The parameter point (a two-sided environment, user's labels).

    Returns
    -------
    tuple of Threshold
        Each threshold's name, the player whose belief axis it is drawn on, and its value.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
    >>> [(t.name, t.player, round(t.value, 6)) for t in belief_thresholds(env)]
    [('p₁*(β)', 1, 0.5), ('p₂*', 2, 0.5), ('p₂**', 2, 0.0)]
    """
    check_environment(env)
    point = theory_point(env)
    if point is None:
        return ()
    values, x, gap_player = point.values, point.x, point.gap_player
    case = closed_form.ordering(values)
    if case == "floors":
        return ()
    other = 3 - gap_player
    out = [
        Threshold(
            "p₁*(β)",
            gap_player,
            float(closed_form.p1_star(values, x)),
            "the gap is largest here; a² gives it to the gap player's high type below and to its low type above",
        ),
        Threshold(
            "p₂*",
            other,
            closed_form.p2_star(values),
            "the gap player's low type is indifferent between monopoly prices l₂ and h₂",
        ),
    ]
    if case == "prop2":
        out.append(
            Threshold(
                "p₂**",
                other,
                closed_form.p2_star_star(values),
                "the gap player's high type is indifferent between prices l₂ and h₂; no gap below",
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------- belief map
@dataclass(frozen=True, repr=False)
class BeliefMap(_CurveResult):
    """E and Gap over the belief square (user's labels and units).

    Attributes
    ----------
    environment
        Values, β (and the priors that mark the current point and fix the belief families).
    axis1, axis2
        Probabilities of each player's highest type along the axes.
    gap, ex_ante_payoff
        Gap(p, β) and E(p, β) (eqs. 4.1–4.2), shape ``(len(axis1), len(axis2))``: entry
        ``[i, j]`` is at (axis1[i], axis2[j]).
    gap_player
        Who gets the gap at each point (user's labels).
    thresholds
        Lines of Propositions 1–2 (binary types).
    method, lp_solves
        ``"closed_form"`` or ``"lp"``, and how many LPs were solved.
    max_violation
        LP maps: the largest constraint violation over every point's solution (normalised units;
        :class:`~bargainlab.models.two_sided.maps.GapArrays`); ``None`` for the closed form.
    zones
        Optional labels (same shape as ``gap``) of the zones of mechanism a²; see :meth:`with_zones`.
    """

    AXES: ClassVar[tuple[str, ...]] = ("axis1", "axis2")
    #: At δ < 1: everything on the map is of Theorem 3's δ → 1 limit (``holds_at``).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "gap": DELTA_TO_1_LIMIT,
        "ex_ante_payoff": DELTA_TO_1_LIMIT,
        "gap_player": DELTA_TO_1_LIMIT,
        "thresholds": DELTA_TO_1_LIMIT,
        "zones": DELTA_TO_1_LIMIT,
        "tie_alternative": DELTA_TO_1_LIMIT,
        "lp_solves": COMPUTATION,
        "max_violation": COMPUTATION,
    }

    environment: TwoSidedEnvironment
    axis1: np.ndarray
    axis2: np.ndarray
    gap: np.ndarray
    ex_ante_payoff: np.ndarray
    gap_player: np.ndarray
    thresholds: tuple[Threshold, ...]
    method: str
    lp_solves: int
    zones: np.ndarray | None = None
    max_violation: float | None = None
    tie_alternative: tuple[TieAlternative, ...] | None = None

    @property
    def marker(self) -> tuple[float, float]:
        """The environment's own point (probabilities of the highest types)."""
        return (self.environment.player1.prior_high, self.environment.player2.prior_high)

    @property
    def title(self) -> str:
        """A short title."""
        return f"Gap over beliefs (β = {self.environment.bargaining_power:g})"

    @property
    def axis_labels(self) -> tuple[str, str]:
        """Labels of the two belief axes."""
        return (_axis_label(self.environment, 1), _axis_label(self.environment, 2))

    def value_at_marker(self) -> float:
        """The map's Gap at the grid point nearest the marker."""
        i = int(np.abs(self.axis1 - self.marker[0]).argmin())
        j = int(np.abs(self.axis2 - self.marker[1]).argmin())
        return float(self.gap[i, j])

    def with_zones(self, labels: ArrayLike) -> BeliefMap:
        """The same map with zone labels (e.g. "A", "B", "C" of Tables 1–2), one per grid point."""
        zones = np.asarray(labels)
        if zones.shape != self.gap.shape:
            raise InvalidParameterError("zones", f"an array of shape {zones.shape}", f"shape {self.gap.shape}")
        return replace(self, zones=zones)

    def with_environment(self, env: TwoSidedEnvironment) -> BeliefMap:
        """The same map marked at ``env``'s priors (same values, β and belief families required)."""
        same = (
            env.player1.values == self.environment.player1.values
            and env.player2.values == self.environment.player2.values
            and env.bargaining_power == self.environment.bargaining_power
            and all(
                np.allclose(family_weights(env.player(i)), family_weights(self.environment.player(i)), atol=1e-12)
                for i in (1, 2)
            )
        )
        if not same:
            raise InvalidParameterError(
                "env", "a different environment", "one with this map's values, β and belief families"
            )
        return replace(self, environment=env)

    def columns(self) -> dict[str, np.ndarray]:
        """One row per grid point (player 1's belief varies slowest): ``prior1``, ``prior2`` (probabilities of
        the highest types), ``ex_ante_payoff``, ``gap``, ``gap_player`` and, where defined, ``zone``."""
        p1, p2 = np.meshgrid(self.axis1, self.axis2, indexing="ij")
        out = {
            "prior1": p1.ravel(),
            "prior2": p2.ravel(),
            "ex_ante_payoff": self.ex_ante_payoff.ravel(),
            "gap": self.gap.ravel(),
            "gap_player": self.gap_player.ravel(),
        }
        if self.zones is not None:
            out["zone"] = self.zones.ravel()
        return out | _tie_columns(self.tie_alternative)

    def _column_entry(self, name: str) -> str | None:
        return "zones" if name == "zone" else _tie_entry(name) or super()._column_entry(name)

    def metadata(self) -> dict[str, object]:
        """Parameters and thresholds (JSON-safe)."""
        return {
            "figure": "gap-map",
            "parameters": self.parameters,
            "thresholds": to_jsonable(self.thresholds),
            "method": self.method,
            "lp_solves": self.lp_solves,
        }


def belief_map(env: TwoSidedEnvironment, resolution: int | None = None, progress: Progress | None = None) -> BeliefMap:
    """E(p, β) and Gap(p, β) on a resolution × resolution square of beliefs, with ``env``'s values and β.

    Parameters
    ----------
    env
        Values and β; its priors mark the current point and, for more than two types, fix the
        relative weights of the lower types (:func:`prior_family`).
    resolution
        Points per axis (default 101 for two types each, closed form of Propositions 1–2;
        41 otherwise, one warm-started LP per point).
    progress
        Called with (rows done, rows) as the map is computed.

    Returns
    -------
    BeliefMap

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> m = belief_map(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), resolution=5)
    >>> float(m.gap.max()), m.method
    (0.0625, 'closed_form')
    """
    check_environment(env)
    for player in (1, 2):
        if env.player(player).size < 2:
            raise InvalidParameterError(
                f"values{player}",
                list(env.player(player).values),
                "at least two values for a belief map",
                "with one type the belief is known and there is no axis to draw",
            )
    default = DEFAULT_MAP_RESOLUTION if env.is_binary else DEFAULT_LP_MAP_RESOLUTION
    size = _check_points("resolution", default if resolution is None else resolution)
    axis = np.linspace(0.0, 1.0, size)
    priors1 = prior_family(env.player1, axis)
    priors2 = prior_family(env.player2, axis)
    rows = 1 if env.is_binary else size  # the closed form does the whole square in one call
    per_row = size * size // rows
    e_values, gaps, players = (np.empty(size * size), np.empty(size * size), np.empty(size * size, dtype=int))
    solves, method = 0, "closed_form"
    violations: list[float] = []
    index1 = np.repeat(np.arange(size), size)
    index2 = np.tile(np.arange(size), size)
    for row in range(rows):
        chunk = slice(row * per_row, (row + 1) * per_row)
        part = gap_on_priors(env, priors1[index1[chunk]], priors2[index2[chunk]], method="auto")
        e_values[chunk], gaps[chunk], players[chunk] = part.ex_ante_payoff, part.gap, part.gap_player
        solves += part.lp_solves
        method = part.method
        if part.max_violation is not None:
            violations.append(part.max_violation)
        _report(progress, row + 1, rows)
    shape = (size, size)
    result = BeliefMap(
        environment=env,
        axis1=axis,
        axis2=axis.copy(),
        gap=gaps.reshape(shape),
        ex_ante_payoff=e_values.reshape(shape),
        gap_player=players.reshape(shape),
        thresholds=belief_thresholds(env),
        method=method,
        lp_solves=solves,
        max_violation=max(violations) if violations else None,
        tie_alternative=_map_ties(env, priors1[index1], priors2[index2]),
    )
    zones = a2_zones(env, axis, axis)
    return result if zones is None else result.with_zones(zones)


def _map_ties(env: TwoSidedEnvironment, priors1: np.ndarray, priors2: np.ndarray) -> tuple[TieAlternative, ...] | None:
    """At a tie in the lowest values, the other labelling's E and Gap at each point (one LP per
    point, only then; :func:`~bargainlab.models.two_sided.outcome.tie_alternative`); else ``None``."""
    if not lowest_values_tie(env):
        return None
    out = []
    for p1, p2 in zip(priors1, priors2):
        here = replace(
            env,
            player1=TypeSpace(env.player1.values, tuple(p1.tolist())),
            player2=TypeSpace(env.player2.values, tuple(p2.tolist())),
        )
        tie = tie_alternative(here)
        assert tie is not None  # the values tie at every point
        out.append(tie)
    return tuple(out)


def _theory(env: TwoSidedEnvironment) -> TheoryPoint | None:
    """``env`` in the theory's labels, or None where a¹, a² are not defined."""
    point = theory_point(env)
    if point is None or closed_form.ordering(point.values) == "floors":
        return None
    return point


def a2_zones(env: TwoSidedEnvironment, axis1: np.ndarray, axis2: np.ndarray) -> np.ndarray | None:
    """Zones of a²(β) (Tables 1–2) on the grid axis1 × axis2 of the user's players' high-type
    probabilities; ``None`` where the paper defines no a² (more types, h₁ ≥ h₂, l₁ = l₂).

    Parameters
    ----------
    env
        The parameter point (a two-sided environment, user's labels).
    axis1, axis2
        Player 1's and player 2's high-type probabilities (1-d grids in [0, 1]).

    Returns
    -------
    numpy.ndarray or None
        Zone letters of shape ``(len(axis1), len(axis2))`` (see
        :func:`bargainlab.models.two_sided.mechanisms.zones`), or ``None``.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.2, 0.8, 0.5)
    >>> a2_zones(env, np.array([0.2, 0.8]), np.array([0.2, 0.8])).tolist()
    [['B', 'A'], ['C', 'C']]
    """
    check_environment(env)
    axis1 = inputs.probability_grid(axis1, "axis1")
    axis2 = inputs.probability_grid(axis2, "axis2")
    point = _theory(env)
    if point is None:
        return None
    p1, p2 = np.meshgrid(axis1, axis2, indexing="ij")
    return mechanisms.zones("a2", point.values, *point.relabel(p1, p2), point.x)


# ---------------------------------------------------------------------------- payoff lines
@dataclass(frozen=True)
class Band:
    """One curve of a panel: a range [low, high] per point (low = high where unique)."""

    label: str
    low: np.ndarray
    high: np.ndarray
    kind: str
    type_index: int


@dataclass(frozen=True, repr=False)
class PayoffLines(_CurveResult):
    """Interim payoffs of every type along a line through belief space (user's labels and units).

    Per-player arrays have shape ``(points, n_i)`` (one column per type, increasing values).

    Attributes
    ----------
    environment
        The parameter point; the other player's prior stays fixed along the line.
    vary
        The player whose belief moves (1 or 2).
    axis
        Probability of that player's highest type at each point.
    payoff_low, payoff_high
        Range of each type's interim payoff over the optimal face of (4.1) (Theorem 3).
    floors
        Random monopoly payoffs β_i M_i(t_i; p_−i) (Theorem 2).
    complete_information
        β_i E[max(t_i, t_−i) | t_i] (Section 3.1).
    counterfactual_low, counterfactual_high
        The same ranges in the outcome that gives the gap to the other player (``solve(gap_to=...)``).
    gap_player
        The player Theorem 3 gives the gap to, at each point.
    """

    method: ClassVar[str] = "lp"
    AXES: ClassVar[tuple[str, ...]] = ("vary", "axis")
    #: At δ < 1: the payoffs (and the gap to the other player) are δ → 1 limits, the floors and
    #: the complete-information benchmark hold at δ (``holds_at``).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "payoff_low": DELTA_TO_1_LIMIT,
        "payoff_high": DELTA_TO_1_LIMIT,
        "floors": AT_DELTA,
        "complete_information": AT_DELTA,
        "counterfactual_low": DELTA_TO_1_LIMIT,
        "counterfactual_high": DELTA_TO_1_LIMIT,
        "gap_player": DELTA_TO_1_LIMIT,
    }
    #: Column suffix → the entry it shows (:meth:`columns`), longest suffixes first.
    _SUFFIX_ENTRIES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("_gap_to_other_min", "counterfactual_low"),
        ("_gap_to_other_max", "counterfactual_high"),
        ("_complete_information", "complete_information"),
        ("_floor", "floors"),
        ("_min", "payoff_low"),
        ("_max", "payoff_high"),
    )

    environment: TwoSidedEnvironment
    vary: int
    axis: np.ndarray
    payoff_low: tuple[np.ndarray, np.ndarray]
    payoff_high: tuple[np.ndarray, np.ndarray]
    floors: tuple[np.ndarray, np.ndarray]
    complete_information: tuple[np.ndarray, np.ndarray]
    counterfactual_low: tuple[np.ndarray, np.ndarray]
    counterfactual_high: tuple[np.ndarray, np.ndarray]
    gap_player: np.ndarray

    @property
    def marker(self) -> float:
        """The environment's own belief on the moving axis."""
        return self.environment.player(self.vary).prior_high

    @property
    def title(self) -> str:
        """A short title."""
        other = 3 - self.vary
        fixed = ", ".join(f"{q:g}" for q in self.environment.player(other).prior)
        return f"Interim payoffs as player {self.vary}'s belief moves (player {other}'s prior {fixed})"

    @property
    def axis_label(self) -> str:
        """Label of the moving belief axis."""
        return _axis_label(self.environment, self.vary)

    def panel(self, player: int) -> list[Band]:
        """The curves of one player's panel: per type, outcome, floor, benchmark and counterfactual."""
        k = player - 1
        values = self.environment.player(player).values
        bands: list[Band] = []
        for t, value in enumerate(values):
            name = f"u{player}({value:g})"
            bands.append(
                Band(f"{name}: outcome (Thm 3)", self.payoff_low[k][:, t], self.payoff_high[k][:, t], "outcome", t)
            )
            floor = self.floors[k][:, t]
            bands.append(Band(f"{name}: random monopoly floor", floor, floor, "floor", t))
            bench = self.complete_information[k][:, t]
            bands.append(Band(f"{name}: complete information", bench, bench, "benchmark", t))
            bands.append(
                Band(
                    f"{name}: gap to the other player",
                    self.counterfactual_low[k][:, t],
                    self.counterfactual_high[k][:, t],
                    "counterfactual",
                    t,
                )
            )
        return bands

    def columns(self) -> dict[str, np.ndarray]:
        """One row per point of the line: ``prior{vary}`` (the moving probability of the highest type),
        ``gap_player``, then per type ``u{i}({t})_min``, ``_max``, ``_floor``, ``_complete_information``,
        ``_gap_to_other_min``, ``_gap_to_other_max``."""
        out: dict[str, np.ndarray] = {f"prior{self.vary}": self.axis, "gap_player": self.gap_player}
        for player in (1, 2):
            k = player - 1
            for t, value in enumerate(self.environment.player(player).values):
                name = f"u{player}({value:g})"
                out[f"{name}_min"] = self.payoff_low[k][:, t]
                out[f"{name}_max"] = self.payoff_high[k][:, t]
                out[f"{name}_floor"] = self.floors[k][:, t]
                out[f"{name}_complete_information"] = self.complete_information[k][:, t]
                out[f"{name}_gap_to_other_min"] = self.counterfactual_low[k][:, t]
                out[f"{name}_gap_to_other_max"] = self.counterfactual_high[k][:, t]
        return out

    def metadata(self) -> dict[str, object]:
        """Parameters (JSON-safe)."""
        return {"figure": "payoffs", "parameters": self.parameters, "vary": self.vary}

    def _column_entry(self, name: str) -> str | None:
        if name == "gap_player":
            return name
        return next((entry for suffix, entry in self._SUFFIX_ENTRIES if name.endswith(suffix)), None)


def payoff_lines(
    env: TwoSidedEnvironment,
    vary: int = 1,
    points: int = DEFAULT_LINE_POINTS,
    progress: Progress | None = None,
) -> PayoffLines:
    """Interim payoffs of every type as player ``vary``'s belief moves over [0, 1].

    At each point :func:`~bargainlab.models.two_sided.outcome.solve` gives the Theorem 3
    outcome (ranges over the optimal face) and ``solve(gap_to=other)`` the counterfactual that
    gives the gap to the other player; floors and the complete-information benchmark come from
    the same results.

    Parameters
    ----------
    env
        The parameter point (the other player's prior is held fixed).
    vary
        1 or 2: whose belief moves.
    points
        Number of points on [0, 1].
    progress
        Called with (points done, points).

    Returns
    -------
    PayoffLines
        Per player, arrays of shape ``(points, n_i)``: the Theorem 3 payoff ranges, the
        counterfactual, the floors and the complete-information benchmark.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> lines = payoff_lines(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), vary=1, points=3)
    >>> lines.floors[1][:, 0].round(6).tolist()   # (1-β) M_2(l_2; p_1) at p_1 = 0, 1/2, 1
    [0.25, 0.25, 0.25]
    """
    check_environment(env)
    if isinstance(vary, bool) or not isinstance(vary, (int, np.integer)) or vary not in (1, 2):
        raise InvalidParameterError("vary", vary, "1 or 2 (the player whose belief moves)")
    size = _check_points("points", points)
    if env.player(vary).size < 2:
        raise InvalidParameterError(
            f"values{vary}", list(env.player(vary).values), "at least two values to move player's belief"
        )
    axis = np.linspace(0.0, 1.0, size)
    priors = prior_family(env.player(vary), axis)
    n = (env.player1.size, env.player2.size)
    arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {
        name: (np.empty((size, n[0])), np.empty((size, n[1]))) for name in _LINE_FIELDS
    }
    players = np.empty(size, dtype=int)
    for point in range(size):
        here = _with_prior(env, vary, priors[point])
        outcome = solve(here)
        other = solve(here, gap_to=3 - outcome.gap_player)
        players[point] = outcome.gap_player
        for k in range(2):
            arrays["low"][k][point] = [r.low for r in outcome.payoffs[k]]
            arrays["high"][k][point] = [r.high for r in outcome.payoffs[k]]
            arrays["floors"][k][point] = outcome.random_monopoly[k]
            arrays["complete"][k][point] = outcome.complete_information[k]
            arrays["cf_low"][k][point] = [r.low for r in other.payoffs[k]]
            arrays["cf_high"][k][point] = [r.high for r in other.payoffs[k]]
        _report(progress, point + 1, size)
    return PayoffLines(
        environment=env,
        vary=vary,
        axis=axis,
        payoff_low=arrays["low"],
        payoff_high=arrays["high"],
        floors=arrays["floors"],
        complete_information=arrays["complete"],
        counterfactual_low=arrays["cf_low"],
        counterfactual_high=arrays["cf_high"],
        gap_player=players,
    )


_LINE_FIELDS = ("low", "high", "floors", "complete", "cf_low", "cf_high")


# ---------------------------------------------------------------------------- curves in β and δ
@dataclass(frozen=True)
class Series:
    """One curve y(x) of a parameter curve, with its label and kind (for the line style)."""

    label: str
    y: np.ndarray
    kind: str


@dataclass(frozen=True, repr=False)
class BetaCurve(_CurveResult):
    """Ex ante outcome of the gap player as β goes from 0 to 1 (δ → 1; user's labels).

    Attributes
    ----------
    environment
        The parameter point (its β is marked).
    bargaining_power
        Player 1's bargaining power β at each point.
    ex_ante_payoff, gap, floor
        E(p, β), Gap(p, β) and p · β_i M_i of the gap player.
    floor_other
        The other player's ex ante random monopoly payoff.
    complete_information
        β_i E[max(t₁, t₂)] of the gap player (Section 3.1).
    gap_player
        The player who gets the gap (independent of β).
    method
        ``"closed_form"`` or ``"lp"``.
    """

    AXES: ClassVar[tuple[str, ...]] = ("bargaining_power",)
    #: At δ < 1: E, Gap and who gets it are δ → 1 limits, the floors and the benchmark hold at δ.
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "ex_ante_payoff": DELTA_TO_1_LIMIT,
        "gap": DELTA_TO_1_LIMIT,
        "gap_player": DELTA_TO_1_LIMIT,
        "floor": AT_DELTA,
        "floor_other": AT_DELTA,
        "complete_information": AT_DELTA,
        "tie_alternative": DELTA_TO_1_LIMIT,
    }

    environment: TwoSidedEnvironment
    bargaining_power: np.ndarray
    ex_ante_payoff: np.ndarray
    gap: np.ndarray
    floor: np.ndarray
    floor_other: np.ndarray
    complete_information: np.ndarray
    gap_player: int
    method: str
    tie_alternative: tuple[TieAlternative, ...] | None = None

    @property
    def title(self) -> str:
        """A short title."""
        return f"Player {self.gap_player}'s ex ante outcome against β (δ → 1)"

    def series(self) -> list[Series]:
        """The curves drawn, in order."""
        i, j = self.gap_player, 3 - self.gap_player
        return [
            Series(f"E: player {i}'s payoff (4.1)", self.ex_ante_payoff, "outcome"),
            Series(f"Gap of player {i} (4.2)", self.gap, "gap"),
            Series(f"player {i}'s random monopoly floor", self.floor, "floor"),
            Series(f"player {j}'s random monopoly floor", self.floor_other, "floor_other"),
            Series(f"player {i}'s complete-information payoff", self.complete_information, "benchmark"),
        ]

    def columns(self) -> dict[str, np.ndarray]:
        """One row per β (``bargaining_power``)."""
        return {
            "bargaining_power": self.bargaining_power,
            "ex_ante_payoff": self.ex_ante_payoff,
            "gap": self.gap,
            "floor": self.floor,
            "floor_other": self.floor_other,
            "complete_information": self.complete_information,
            "gap_player": np.full(len(self.bargaining_power), self.gap_player),
        } | _tie_columns(self.tie_alternative)

    def _column_entry(self, name: str) -> str | None:
        return _tie_entry(name) or super()._column_entry(name)

    def metadata(self) -> dict[str, object]:
        """Parameters (JSON-safe)."""
        return {"figure": "beta", "parameters": self.parameters, "method": self.method}


def beta_curve(
    env: TwoSidedEnvironment, points: int = DEFAULT_CURVE_POINTS, progress: Progress | None = None
) -> BetaCurve:
    """E, Gap and the ex ante floors as β goes over [0, 1] (``gap`` at each β).

    Parameters
    ----------
    env
        The parameter point (its β is the one varied).
    points
        Number of β values, evenly spaced on [0, 1].
    progress
        Called with (points done, points), or ``None``.

    Returns
    -------
    BetaCurve
        E, Gap and the floors of the gap player at each β (Propositions 1–2 for two types).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> curve = beta_curve(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), points=3)
    >>> curve.gap.round(6).tolist()
    [0.0, 0.0625, 0.0]
    """
    check_environment(env)
    size = _check_points("points", points)
    betas = np.linspace(0.0, 1.0, size)
    fields = {name: np.empty(size) for name in ("E", "gap", "floor", "floor_other", "complete")}
    best = first_best(env)
    gap_player, method = env.theory_player, "closed_form"
    ties: list[TieAlternative] = []
    for k, b in enumerate(betas):
        here = replace(env, bargaining_power=float(b), discount=1.0)
        result = gap(here)
        gap_player, method = result.gap_player, result.method
        if result.tie_alternative is not None:
            ties.append(result.tie_alternative)
        fields["E"][k], fields["gap"][k], fields["floor"][k] = result.ex_ante_payoff, result.gap, result.floor
        fields["floor_other"][k] = ex_ante_floor(here, 3 - gap_player)
        fields["complete"][k] = here.bargaining_powers[gap_player - 1] * best
        _report(progress, k + 1, size)
    return BetaCurve(
        environment=env,
        bargaining_power=betas,
        ex_ante_payoff=fields["E"],
        gap=fields["gap"],
        floor=fields["floor"],
        floor_other=fields["floor_other"],
        complete_information=fields["complete"],
        gap_player=gap_player,
        method=method,
        tie_alternative=tuple(ties) if ties else None,
    )


@dataclass(frozen=True, repr=False)
class DeltaCurve(_CurveResult):
    """What the paper pins as δ varies, for the gap player (user's labels).

    Attributes
    ----------
    environment
        The parameter point (its δ is marked).
    discount
        Discount factors δ ∈ (0, 1].
    limit_payoff
        E(p, β): the δ → 1 limit of Theorem 3 (flat).
    floor, floor_other
        Ex ante random monopoly payoffs (Theorem 2: a floor at every δ < 1; flat).
    complete_information
        β_i E[max(t₁, t₂)] (Section 3.1, every δ < 1; flat).
    leading_term
        (β_i/β_i^(δ)) E(p, β_i^(δ)) with β_i^(δ) = 1 − δ(1 − β_i): the leading term of the
        lower bound of Section 5.5 on the gap player's ex ante payoff. It tends to E as δ → 1
        and to the floor as δ → 0; it is not an equilibrium payoff for δ < 1.
    proposer_share
        β_i^(δ) of the gap player.
    gap_player
        The player who gets the gap.
    """

    AXES: ClassVar[tuple[str, ...]] = ("discount",)
    #: Every row is at its δ of the axis: the limit E and who gets the gap are δ → 1 limits, the
    #: floors, the benchmark, the offer share and the leading term hold at the row's δ.
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "limit_payoff": DELTA_TO_1_LIMIT,
        "gap_player": DELTA_TO_1_LIMIT,
        "floor": AT_DELTA,
        "floor_other": AT_DELTA,
        "complete_information": AT_DELTA,
        "leading_term": AT_DELTA,
        "proposer_share": AT_DELTA,
        "tie_alternative": DELTA_TO_1_LIMIT,
        "tie_leading_term": AT_DELTA,
    }

    environment: TwoSidedEnvironment
    discount: np.ndarray
    limit_payoff: np.ndarray
    floor: np.ndarray
    floor_other: np.ndarray
    complete_information: np.ndarray
    leading_term: np.ndarray
    proposer_share: np.ndarray
    gap_player: int
    method: str = "closed_form"
    tie_alternative: TieAlternative | None = None
    tie_leading_term: np.ndarray | None = None

    @property
    def title(self) -> str:
        """A short title."""
        return f"Player {self.gap_player}'s ex ante payoff bounds against δ"

    def series(self) -> list[Series]:
        """The curves drawn, in order."""
        i, j = self.gap_player, 3 - self.gap_player
        return [
            Series(f"E: δ → 1 limit of player {i}'s payoff (Thm 3)", self.limit_payoff, "outcome"),
            Series(LEADING_TERM_LABEL, self.leading_term, "bound"),
            Series(f"player {i}'s random monopoly floor (Thm 2, every δ)", self.floor, "floor"),
            Series(f"player {j}'s random monopoly floor (Thm 2, every δ)", self.floor_other, "floor_other"),
            Series(f"player {i}'s complete-information payoff", self.complete_information, "benchmark"),
        ]

    def columns(self) -> dict[str, np.ndarray]:
        """One row per δ (``discount``)."""
        return {
            "discount": self.discount,
            "limit_payoff": self.limit_payoff,
            "leading_term": self.leading_term,
            "proposer_share": self.proposer_share,
            "floor": self.floor,
            "floor_other": self.floor_other,
            "complete_information": self.complete_information,
            "gap_player": np.full(len(self.discount), self.gap_player),
        } | self._tie_columns()

    def _tie_columns(self) -> dict[str, np.ndarray]:
        """At a tie in the lowest values: the limit E and the leading term with the gap to the other player."""
        if self.tie_alternative is None or self.tie_leading_term is None:
            return {}
        return {
            "tie_alternative_limit_payoff": np.full(len(self.discount), self.tie_alternative.ex_ante_payoff),
            "tie_alternative_leading_term": self.tie_leading_term,
        }

    def _column_entry(self, name: str) -> str | None:
        if name == "tie_alternative_leading_term":
            return "tie_leading_term"
        return _tie_entry(name) or super()._column_entry(name)

    def metadata(self) -> dict[str, object]:
        """Parameters (JSON-safe)."""
        return {"figure": "delta", "parameters": self.parameters, "leading_term": LEADING_TERM_LABEL}

    @property
    def finite_delta(self) -> bool:
        """Always: the curve's rows are at δ below 1 (all but the last), whatever the environment's δ."""
        return True


def delta_curve(
    env: TwoSidedEnvironment, points: int = DEFAULT_CURVE_POINTS - 1, progress: Progress | None = None
) -> DeltaCurve:
    """Floors, the δ → 1 limit E and the Section 5.5 leading term at δ = 1/points, 2/points, ..., 1.

    Parameters
    ----------
    env
        The parameter point (its δ is the one varied).
    points
        Number of δ values.
    progress
        Called with (points done, points), or ``None``.

    Returns
    -------
    DeltaCurve
        δ and, at each, the floors, the δ → 1 limit E and the leading term of Section 5.5.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> curve = delta_curve(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), points=2)
    >>> curve.discount.tolist(), curve.leading_term.round(6).tolist()
    ([0.5, 1.0], [0.333333, 0.375])
    """
    check_environment(env)
    size = _check_points("points", points, minimum=1)
    deltas = np.arange(1, size + 1) / size
    limit = gap(replace(env, discount=1.0))
    player = limit.gap_player
    tie = limit.tie_alternative
    own_beta = env.bargaining_powers[player - 1]
    leading, shares = np.empty(size), np.empty(size)
    tie_leading = None if tie is None else np.empty(size)
    for k, d in enumerate(deltas):
        shares[k], _ = offer_shares(own_beta, float(d))
        leading[k] = leading_term(replace(env, discount=float(d)))
        if tie_leading is not None and tie is not None:
            tie_leading[k] = leading_term(replace(env, discount=float(d)), gap_to=tie.gap_player)
        _report(progress, k + 1, size)
    flat = np.ones(size)
    return DeltaCurve(
        environment=env,
        discount=deltas,
        limit_payoff=limit.ex_ante_payoff * flat,
        floor=limit.floor * flat,
        floor_other=ex_ante_floor(env, 3 - player) * flat,
        complete_information=own_beta * first_best(env) * flat,
        leading_term=leading,
        proposer_share=shares,
        gap_player=player,
        method=limit.method,
        tie_alternative=tie,
        tie_leading_term=tie_leading,
    )


# ---------------------------------------------------------------------------- Figure 5.1
@dataclass(frozen=True, repr=False)
class DominanceView(_CurveResult):
    """The paper's Figure 5.1: the gap player's payoff vectors in a¹(β) and a²(β) as the other
    player's belief q about them moves (Section 5.6, proof of Lemma 7).

    In the plane (u(low type), u(high type)) of the gap player (the theory's player 1): a¹ gives
    the x-random monopoly payoffs x M₁(·; p₂) whatever q; a²(q) gives x M₁ plus the gap to the high
    type when q < p₁* and to the low type when q > p₁* (eq. 5.1 corrected), the segment between
    the two points at q = p₁*. A counter-offer u by the gap player is immune to both offers' veto
    threats when it weakly dominates a point of each (the shaded upper-right quadrants).

    Attributes
    ----------
    environment
        The parameters (user's labels).
    gap_player
        The user's player whose payoffs are drawn.
    belief
        Grid of q (the other player's belief that the gap player is high).
    a1, a2
        Arrays of shape (len(belief), 2): (low, high) payoffs in a¹(q) and a²(q).
    threshold
        p₁*(β) of Propositions 1–2.
    ex_ante_payoff
        E(p, β): the line (1 − p) u_low + p u_high = E through the a² point at the actual belief p.
    """

    method: ClassVar[str] = "closed_form"
    AXES: ClassVar[tuple[str, ...]] = ("belief",)
    #: At δ < 1: the offers a¹(β), a²(β), p₁* and E are δ → 1 objects (Section 5.5 uses β^(δ)).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "gap_player": DELTA_TO_1_LIMIT,
        "a1": DELTA_TO_1_LIMIT,
        "a2": DELTA_TO_1_LIMIT,
        "threshold": DELTA_TO_1_LIMIT,
        "ex_ante_payoff": DELTA_TO_1_LIMIT,
    }

    environment: TwoSidedEnvironment
    gap_player: int
    belief: np.ndarray
    a1: np.ndarray
    a2: np.ndarray
    threshold: float
    ex_ante_payoff: float

    @property
    def prior(self) -> float:
        """The actual probability p of the gap player's high type."""
        return self.environment.player(self.gap_player).prior_high

    @property
    def title(self) -> str:
        """A short title."""
        return f"Offers a¹ and a² in player {self.gap_player}'s payoffs (Figure 5.1)"

    @property
    def axis_labels(self) -> tuple[str, str]:
        """Labels of the payoff axes."""
        low, high = self.environment.player(self.gap_player).values
        return (
            f"payoff of player {self.gap_player}'s type {low:g}",
            f"payoff of player {self.gap_player}'s type {high:g}",
        )

    def columns(self) -> dict[str, np.ndarray]:
        """One row per belief q."""
        return {
            "belief": self.belief,
            "a1_low": self.a1[:, 0],
            "a1_high": self.a1[:, 1],
            "a2_low": self.a2[:, 0],
            "a2_high": self.a2[:, 1],
        }

    def _column_entry(self, name: str) -> str | None:
        return name[:2] if name.startswith(("a1_", "a2_")) else super()._column_entry(name)

    def metadata(self) -> dict[str, object]:
        """Parameters (JSON-safe)."""
        return {
            "figure": "dominance",
            "parameters": self.parameters,
            "gap_player": self.gap_player,
            "threshold": self.threshold,
            "ex_ante_payoff": self.ex_ante_payoff,
        }


def dominance_view(env: TwoSidedEnvironment, points: int = DEFAULT_CURVE_POINTS) -> DominanceView:
    """Data of the Figure 5.1 view at ``env`` (two types each; orderings of Propositions 1–2).

    Parameters
    ----------
    env
        The parameter point (two types per player).
    points
        Number of beliefs q of the other player (evenly spaced on [0, 1]).

    Returns
    -------
    DominanceView
        The gap player's payoff vectors in a¹(β) and a²(β) along q and the threshold p₁*(β).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> view = dominance_view(two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.2, 0.8, 0.5), points=3)
    >>> view.a1[0].round(6).tolist(), view.a2[0].round(6).tolist(), round(view.threshold, 6)
    ([0.41, 0.47], [0.41, 0.485], 0.666667)
    """
    check_environment(env)
    point = _theory(env)
    if point is None:
        raise InvalidParameterError(
            "values1/values2",
            [list(env.player1.values), list(env.player2.values)],
            "two values each with l1 < l2 < h1 < h2 or l1 < h1 <= l2 < h2 (theory labels)",
            "a¹ and a² are defined there; otherwise the floors alone pin the outcome",
        )
    values, x, gap_player = point.values, point.x, point.gap_player
    count = _check_points("points", points)
    p_other = point.p2  # the other player's belief, in the theory's labels
    belief = np.linspace(0.0, 1.0, count)
    low, high = mechanisms.a2_player_one_payoffs(values, belief, np.full(count, p_other), x)
    first = mechanisms.a1(values, 0.5, p_other, x).payoffs1  # a¹'s gap-player payoffs do not depend on q
    a1 = np.tile(first, (count, 1))
    e_value = float(closed_form.ex_ante_payoff(values, point.p1, p_other, x))
    return DominanceView(
        environment=env,
        gap_player=gap_player,
        belief=belief,
        a1=a1,
        a2=np.column_stack([low, high]),
        threshold=float(closed_form.p1_star(values, x)),
        ex_ante_payoff=e_value,
    )
