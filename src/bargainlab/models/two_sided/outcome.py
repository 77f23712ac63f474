"""The δ → 1 outcome of two-sided bargaining with mechanisms (Pęski 2024, Theorems 2–3).

Theorem 2: in every equilibrium, for every δ < 1, each type gets at least its random monopoly
payoff β_i M_i(t_i; p_{-i}). Theorem 3: as δ → 1, the ex ante payoff of player 1 — the player
with the lower low value, l_1 <= l_2 — converges to

    E(p, β) = max_{u ∈ U(p)} p_1 · u_1  s.t.  u_i(t_i) >= β_i M_i(t_i; p_{-i}) for all i, t_i   (4.1)

and Gap(p, β) = E(p, β) - p_1 · β_1 M_1(·; p_2) (4.2) is what player 1 gets above her floors.

:func:`solve` computes E and Gap with the interim LP and, because (4.1) pins player 1's payoffs
only ex ante, explores the whole optimal face with secondary LPs: every reported payoff,
allocation probability and transfer is an :class:`Interval` [min, max] over the optimal
solutions, so a user sees what is unique and what is not. :func:`gap` is the fast path for E
and Gap alone (closed form for binary types where tests show it equals the LP).

The user may label the players in any order: the theorem is applied to the player with the
lower lowest value (``gap_player``) and every output is reported in the user's labels.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, overload

import numpy as np
import scipy.sparse as sp

from bargainlab.core.choices import RANGES
from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.monopoly import monopoly_payoffs, monopoly_prices
from bargainlab.core.numbers import clean_zero, nonnegative
from bargainlab.core.optimal_face import Interval, OptimalFace
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError, SolverError
from bargainlab.models.complete_info import offer_shares, random_proposer_payoff
from bargainlab.models.two_sided import closed_form
from bargainlab.models.two_sided.points import ValueSet, check_values_once, value_set

if TYPE_CHECKING:
    from bargainlab.models.two_sided.exact import ExactTwoSidedOutcome
from bargainlab.models.two_sided.theory import (
    check_environment,
    check_value_range,
    environment_parameters,
    ex_ante_floor,
    first_best,
    lowest_values_tie,
    theory_labelled,
)
from bargainlab.tolerances import (
    ALLOCATION_TOL,
    FLOOR_SLACKS,
    GAP_NEGATIVE_TOL,
    OPTIMAL_FACE_TOL,
    UNIQUE_TOL,
    ZERO_TOL,
)

__all__ = [
    "Interval",
    "GapResult",
    "ClosedFormCheck",
    "TwoSidedOutcome",
    "TieAlternative",
    "HoldsAt",
    "RelaxedFloorsWarning",
    "LowestValuesTieWarning",
    "solve",
    "gap",
    "leading_term",
    "tie_alternative",
    "HOLDS_AT_LABELS",
    "AT_DELTA",
    "DELTA_TO_1_LIMIT",
    "DEFINITION",
    "COMPUTATION",
    "GAP_BOUND_SHARE",
    "RANGES",
]


class RelaxedFloorsWarning(UserWarning):
    """The exact floors were infeasible at the solver's tolerance and were relaxed by a slack of
    ``FLOOR_SLACKS`` (recorded as ``floor_slack``); at such degenerate points the answer can
    differ from the exact one (``solve(env, exact=True)``)."""


class LowestValuesTieWarning(UserWarning):
    """Rows of a sweep where the players' lowest values tie (l_1 = l_2) and some player has more
    than two types: the theory does not say who gets the gap there, the rows' ``gap_player`` (and
    E, Gap, the floor) follow :attr:`~bargainlab.core.environment.TwoSidedEnvironment.theory_player`'s
    tie-break rule, and the other player's Gap can differ. The sweep's ``lowest_values_tie`` column
    marks the rows; :func:`solve` at a row reports the other labelling (``tie_alternative``)."""


#: ``ranges="auto"`` ranges everything up to this many profiles n1 × n2 (8 × 8 types).
AUTO_ALL_PROFILES = 64

#: From this many types of either player, the face is explored on the aggregated interim LP
#: (``InterimLP(aggregate=True)``: O(n²) matrix entries instead of O(n³)).
AGGREGATE_FROM_TYPES = 8

#: The paper's bound on the gap for binary types: Gap <= 6.25% of h_2 (Section 4).
GAP_BOUND_SHARE = 0.0625

Pair = tuple[Any, Any]
T = TypeVar("T")

#: ``holds_at`` label: the number holds at the result's δ < 1 (Theorem 2's floors, the Section 5.5
#: leading term, the offer shares 1 − δ(1 − β), the complete-information benchmark).
AT_DELTA = "at_delta"
#: ``holds_at`` label: the number is the δ → 1 limit of Theorem 3 (E, Gap, the allocation, the payoffs, ...).
DELTA_TO_1_LIMIT = "delta_to_1_limit"
#: ``holds_at`` label: a definition computed from values and beliefs, no claim about play (M_i, monopoly
#: prices, the first best).
DEFINITION = "definition"
#: ``holds_at`` label: a fact about the computation (LP count, constraint violation, floor slack).
COMPUTATION = "computation"
#: Every ``holds_at`` label.
HOLDS_AT_LABELS = (AT_DELTA, DELTA_TO_1_LIMIT, DEFINITION, COMPUTATION)


class HoldsAt:
    """What each number of a two-sided result is at its environment's δ (the one implementation).

    A result over a :class:`TwoSidedEnvironment` (field ``environment``) lists in the class
    variable ``HOLDS_AT`` each numeric entry of its :meth:`~bargainlab.core.result.Result.to_dict`
    (and, for tables, each quantity column) with one of :data:`HOLDS_AT_LABELS`: ``"at_delta"``
    (holds at this δ: Theorem 2's floors, the Section 5.5 leading term, the offer shares, the
    complete-information benchmark), ``"delta_to_1_limit"`` (Theorem 3's δ → 1 limit),
    ``"definition"`` or ``"computation"``. :attr:`holds_at` gives them at δ < 1 and ``None`` at
    δ = 1, where every number is of the limit and nothing is claimed at a finite δ.
    """

    #: Entry → ``holds_at`` label (one of :data:`HOLDS_AT_LABELS`).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {}
    environment: TwoSidedEnvironment

    @property
    def finite_delta(self) -> bool:
        """Whether the result's numbers must be told apart: some hold at a δ < 1, some are δ → 1 limits."""
        return self.environment.discount < 1

    @property
    def holds_at(self) -> dict[str, str] | None:
        """At δ < 1: entry → ``"at_delta"`` (holds at this δ), ``"delta_to_1_limit"`` (Theorem 3's
        limit), ``"definition"`` or ``"computation"``; ``None`` at δ = 1."""
        return dict(self.HOLDS_AT) if self.finite_delta else None


@dataclass(frozen=True, repr=False)
class GapResult(HoldsAt, Result):
    """E(p, β) and Gap(p, β) of eqs. (4.1)–(4.2) for the player the theory favours.

    Attributes
    ----------
    environment
        The parameter point (shown as ``parameters``).
    gap_player
        The player (user's labels) with the lower low value, who gets the gap.
    ex_ante_payoff
        E(p, β): that player's ex ante payoff in the δ → 1 limit.
    gap
        Gap(p, β) = E - p_1 · β_1 M_1.
    floor
        p_1 · β_1 M_1, that player's ex ante random monopoly payoff.
    method
        ``"closed_form"`` (Propositions 1–2) or ``"lp"``.
    case
        ``"prop1"``, ``"prop2"``, ``"floors"`` (binary) or ``"general"``.
    max_violation
        For ``method="lp"``: the largest violation of the program's constraints (IC,
        feasibility, budget, the exact floors) at the solution found, in normalised units
        (values divided by the largest value); ``None`` for the closed form.
    floor_slack
        How much the floors were relaxed to solve (0: exact floors; else one of
        ``FLOOR_SLACKS``, normalised units, with a :class:`RelaxedFloorsWarning`).
    tie_alternative
        When the lowest values tie (l_1 = l_2; the theory does not say who gets the Gap): E and
        Gap with the gap given to the other player (:class:`TieAlternative`); else ``None``.

    Values within ``ZERO_TOL`` (normalised) of 0 are reported as 0; Gap is never negative
    (``GAP_NEGATIVE_TOL``). At δ < 1 (``environment.discount``), :attr:`leading_term` is the
    Section 5.5 leading term (computed when first asked for) and :attr:`holds_at` labels every
    entry (:data:`HOLDS_AT`): E and Gap are Theorem 3's δ → 1 limits, the floor holds at δ.
    """

    model: ClassVar[str] = "two-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("environment",)
    extra_fields: ClassVar[tuple[str, ...]] = ("leading_term", "holds_at")
    summary_fields: ClassVar[tuple[str, ...]] = ("gap_player", "ex_ante_payoff", "gap", "method")
    #: What each entry of :meth:`to_dict` is at δ < 1 (``holds_at``).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "gap_player": DELTA_TO_1_LIMIT,
        "ex_ante_payoff": DELTA_TO_1_LIMIT,
        "gap": DELTA_TO_1_LIMIT,
        "floor": AT_DELTA,
        "max_violation": COMPUTATION,
        "floor_slack": COMPUTATION,
        "tie_alternative": DELTA_TO_1_LIMIT,
        "leading_term": AT_DELTA,
    }

    environment: TwoSidedEnvironment
    gap_player: int
    ex_ante_payoff: float
    gap: float
    floor: float
    method: str
    case: str
    max_violation: float | None = None
    floor_slack: float = 0.0
    tie_alternative: TieAlternative | None = None

    @property
    def parameters(self) -> dict[str, Any]:
        """The environment under its Python names."""
        return environment_parameters(self.environment)

    @cached_property
    def leading_term(self) -> float | None:
        """At δ < 1: the Section 5.5 leading term (β/β^(δ)) E(p, β^(δ)) of the gap player
        (:func:`leading_term`; one LP or closed form, computed when first asked for); ``None`` at δ = 1."""
        return leading_term(self.environment) if self.finite_delta else None


@dataclass(frozen=True)
class ClosedFormCheck:
    """The closed form of Propositions 1–2 evaluated beside the LP, and their difference.

    A part of :class:`TwoSidedOutcome` (its ``closed_form`` entry), not a result of its own.
    """

    case: str
    ex_ante_payoff: float
    gap: float
    difference: float


@dataclass(frozen=True)
class TieAlternative:
    """E and Gap when the gap goes to the other player of a tie in the lowest values.

    With l_1 = l_2 both labellings satisfy the theory's l_1 <= l_2, and the theory does not say
    who gets the Gap: :func:`solve` gives it to one player by its tie-break rule
    (:attr:`TwoSidedEnvironment.theory_player`) and reports here program (4.1) with the roles
    exchanged. For two types the Gap is 0 in both labellings (Section 4); with more types the two
    Gaps differ in general. A part of :class:`TwoSidedOutcome` (its ``tie_alternative`` entry).

    Attributes
    ----------
    gap_player
        The other player (user's labels), given the gap in this labelling.
    ex_ante_payoff
        E(p, β) of program (4.1) with that player as the theory's player 1.
    gap
        That player's Gap (eq. 4.2): E minus its ex ante random monopoly payoff.
    gap_share
        Gap / largest value.
    """

    gap_player: int
    ex_ante_payoff: float
    gap: float
    gap_share: float


@dataclass(frozen=True, repr=False)
class TwoSidedOutcome(HoldsAt, Result):
    """Everything the theory says about one parameter point (user's labels, user's units).

    Per-player fields are pairs ``(player 1, player 2)`` of tuples over the player's types in
    increasing value order; allocations are matrices with player 1's types as rows and
    player 2's types as columns. Fields that are ranges over the optimal face are
    :class:`Interval` objects (``[low, high]`` in :meth:`to_dict`). :meth:`to_frame` gives one
    row per type. The text report is :func:`bargainlab.report.two_sided.two_sided_report`.

    ``max_violation`` is the largest violation of the program's constraints (IC, feasibility,
    budget, the exact floors) over every solution visited on the optimal face, in normalised
    units (values divided by the largest value). Numbers within ``ZERO_TOL`` (normalised) of 0
    are reported as 0, and Gap is never negative (``GAP_NEGATIVE_TOL``; beyond it a
    :class:`~bargainlab.errors.SolverError` is raised). Values spanning more than
    ``1 / MIN_VALUE_RATIO`` are rejected (:func:`~bargainlab.models.two_sided.theory.check_value_range`).
    ``floor_slack`` is how much the floors were relaxed to solve (0: exact floors; else one of
    ``FLOOR_SLACKS``, with a :class:`RelaxedFloorsWarning`: check such points with ``exact=True``).

    At δ < 1 (``environment.discount``), ``leading_term`` is (β_i/β_i^(δ)) E(p, β_i^(δ)),
    β_i^(δ) = 1 − δ(1 − β_i), of the gap player i: the leading term of the Section 5.5 lower
    bound on its ex ante payoff at that δ (:func:`leading_term`), and ``holds_at`` says of every
    entry whether it holds at that δ or is the δ → 1 limit (:data:`HOLDS_AT`). At δ = 1 (the limit)
    both are ``None``. ``tie_alternative`` gives E and Gap with the gap given to the other player
    when the lowest values tie (:class:`TieAlternative`), else ``None``.
    """

    model: ClassVar[str] = "two-sided"
    hidden_fields: ClassVar[tuple[str, ...]] = ("environment",)
    extra_fields: ClassVar[tuple[str, ...]] = ("welfare_loss", "efficiency", "gap_bound_share", "holds_at")
    #: What each entry of :meth:`to_dict` is at δ < 1 (``holds_at``; one of :data:`HOLDS_AT_LABELS`).
    HOLDS_AT: ClassVar[Mapping[str, str]] = {
        "gap_player": DELTA_TO_1_LIMIT,
        "ex_ante_payoff": DELTA_TO_1_LIMIT,
        "gap": DELTA_TO_1_LIMIT,
        "gap_share": DELTA_TO_1_LIMIT,
        "monopoly": DEFINITION,
        "monopoly_prices": DEFINITION,
        "random_monopoly": AT_DELTA,
        "complete_information": AT_DELTA,
        "payoffs": DELTA_TO_1_LIMIT,
        "ex_ante_payoffs": DELTA_TO_1_LIMIT,
        "transfers": DELTA_TO_1_LIMIT,
        "allocation": DELTA_TO_1_LIMIT,
        "welfare": DELTA_TO_1_LIMIT,
        "first_best": DEFINITION,
        "ex_post_efficient": DELTA_TO_1_LIMIT,
        "proposer_shares": AT_DELTA,
        "closed_form": DELTA_TO_1_LIMIT,
        "leading_term": AT_DELTA,
        "tie_alternative": DELTA_TO_1_LIMIT,
        "lp_solves": COMPUTATION,
        "max_violation": COMPUTATION,
        "floor_slack": COMPUTATION,
        "welfare_loss": DELTA_TO_1_LIMIT,
        "efficiency": DELTA_TO_1_LIMIT,
        "gap_bound_share": DELTA_TO_1_LIMIT,
    }
    summary_fields: ClassVar[tuple[str, ...]] = ("gap_player", "ex_ante_payoff", "gap", "gap_share")

    environment: TwoSidedEnvironment
    gap_player: int
    ex_ante_payoff: float
    gap: float
    gap_share: float
    monopoly: Pair
    monopoly_prices: Pair
    random_monopoly: Pair
    complete_information: Pair
    payoffs: Pair
    ex_ante_payoffs: Pair
    transfers: Pair
    allocation: Pair
    welfare: Interval
    first_best: float
    ex_post_efficient: bool
    proposer_shares: tuple[float, float]
    closed_form: ClosedFormCheck | None
    theory: str
    method: str
    solver: str
    lp_solves: int
    max_violation: float
    ranges: str = "all"
    floor_slack: float = 0.0
    leading_term: float | None = None
    tie_alternative: TieAlternative | None = None

    @property
    def parameters(self) -> dict[str, Any]:
        """The environment under its Python names."""
        return environment_parameters(self.environment)

    @property
    def gap_bound_share(self) -> float:
        """The paper's bound on Gap / largest value for binary types (Section 4)."""
        return GAP_BOUND_SHARE

    @property
    def welfare_loss(self) -> Interval:
        """First-best welfare minus expected welfare, over the optimal face (rounding noise: 0)."""
        welfare = self.welfare
        loss = Interval(self.first_best - welfare.high, self.first_best - welfare.low, welfare.unique, welfare.ranged)
        return _clean(loss, ZERO_TOL * self.environment.unit)

    @property
    def efficiency(self) -> Interval:
        """Expected welfare as a share of the first best (1 when the first best is 0)."""
        if self.first_best <= 0:
            return Interval(1.0, 1.0, True)
        welfare = self.welfare
        return Interval(welfare.low / self.first_best, welfare.high / self.first_best, welfare.unique, welfare.ranged)

    def _frame_columns(self) -> Mapping[str, Any]:
        """One row per type: value, prior, monopoly payoff, floor, payoff and transfer ranges."""
        rows: dict[str, list[Any]] = {
            name: []
            for name in (
                "player",
                "type_index",
                "value",
                "prior",
                "monopoly",
                "random_monopoly",
                "payoff_low",
                "payoff_high",
                "transfer_low",
                "transfer_high",
            )
        }
        for i in (1, 2):
            space = self.environment.player(i)
            for k, value in enumerate(space.values):
                payoff, transfer = self.payoffs[i - 1][k], self.transfers[i - 1][k]
                for name, entry in (
                    ("player", i),
                    ("type_index", k),
                    ("value", value),
                    ("prior", space.prior[k]),
                    ("monopoly", self.monopoly[i - 1][k]),
                    ("random_monopoly", self.random_monopoly[i - 1][k]),
                    ("payoff_low", payoff.low),
                    ("payoff_high", payoff.high),
                    ("transfer_low", transfer.low),
                    ("transfer_high", transfer.high),
                ):
                    rows[name].append(entry)
        return rows


# ---------------------------------------------------------------------------- helpers
def _closed_form_payoff(env: TwoSidedEnvironment) -> tuple[str, float, float]:
    """(case, E, Gap) by Propositions 1–2 for a binary environment in theory labels."""
    (l1, h1), (l2, h2) = env.player1.values, env.player2.values
    case = closed_form.ordering(closed_form.BinaryValues(l1, h1, l2, h2))
    p1, p2, x = env.player1.prior_high, env.player2.prior_high, env.bargaining_power
    floor, value = closed_form.floor_and_gap(l1, h1, l2, h2, p1, p2, x)
    return case, float(floor + value), float(value)


def _theory_note(
    env: TwoSidedEnvironment,
    gap_player: int,
    counterfactual: bool,
    allocation: Pair,
    payoffs: Pair,
    gap: float,
    leading: float | None,
    tie: TieAlternative | None,
) -> str:
    """The theory line of a :class:`TwoSidedOutcome`: who gets the gap and why, what the computed
    ranges show to be unique (never more than they show), and what holds at a δ < 1."""
    other = 3 - gap_player
    sentences = []
    if counterfactual:
        sentences.append(
            f"Counterfactual: the gap is given to player {gap_player}; Theorem 3 gives it to player {other} "
            "(the lower low value). Compare with Myerson's neutral solution, which gives it to player 2 of "
            "the theory when the outcome is not ex post efficient (Section 1)."
        )
    elif tie is not None:
        if env.is_binary:
            sentences.append(
                f"The lowest values tie (l1 = l2): for two types the Gap is 0 whichever player gets it (Section 4; "
                f"computed: player {gap_player}, by the tie-break rule, {gap:.6g}; player {other} {tie.gap:.6g}), so "
                "the labelling does not matter."
            )
        else:
            sentences.append(
                "The lowest values tie: the theory does not say who gets the Gap, and the two labellings can give "
                f"different answers. Reported: the gap to player {gap_player} (tie-break rule: the "
                f"lexicographically smaller values, then priors); with the gap to player {other} instead, "
                f"E = {tie.ex_ante_payoff:.6g} and Gap = {tie.gap:.6g} (tie_alternative)."
            )
    elif lowest_values_tie(env):
        sentences.append(
            f"The lowest values tie: the theory does not say who gets the Gap; it is given to player {gap_player} "
            "as asked (gap_to)."
        )
    elif env.is_binary:
        sentences.append(f"Theorem 3 (delta -> 1): the gap goes to player {gap_player} (lower low value).")
    else:
        sentences.append(f"The gap is given to player {gap_player} (lower low value, Theorem 3's rule for two types).")
    if not env.is_binary:
        sentences.insert(
            0,
            "More than two types: beyond the paper. Theorems 2-3 are proved for two types per player; "
            "the numbers solve program (4.1) as stated (floors of Theorem 2, maximise the ex ante payoff "
            f"of player {gap_player}).",
        )
    sentences.append(_uniqueness_note(gap_player, allocation, payoffs))
    if env.discount < 1:
        bound = "" if leading is None else f" = {leading:.6g}"
        sentences.append(
            f"delta = {env.discount:g} < 1: Theorem 2's floors and the Section 5.5 leading term "
            f"(beta/beta^(delta)) E(p, beta^(delta)){bound} (a lower bound's leading term, not a payoff) hold at "
            "this delta; E, Gap, the allocation, payoffs, transfers and welfare are the delta -> 1 limits of "
            "Theorem 3 (holds_at labels every entry)."
        )
    return " ".join(sentences)


def _uniqueness_note(gap_player: int, allocation: Pair, payoffs: Pair) -> str:
    """What the computed ranges show over the optimal set of (4.1): a quantity is called unique
    only when every one of its ranges is unique (ranged and narrower than the tolerance)."""
    cells = [cell for player in allocation for row in player for cell in row]
    if not all(cell.ranged for cell in cells):
        parts = ["the allocation was not ranged (ranges='all' ranges it)"]
    elif all(cell.unique for cell in cells):
        parts = ["the allocation is unique"]
    else:
        varying = sum(
            not (allocation[0][a][b].unique and allocation[1][a][b].unique)
            for a in range(len(allocation[0]))
            for b in range(len(allocation[0][0]))
        )
        total = len(allocation[0]) * len(allocation[0][0])
        parts = [f"the allocation is not unique (it varies at {varying} of {total} type profiles)"]
    for player in (3 - gap_player, gap_player):
        ranges = payoffs[player - 1]
        if all(r.unique for r in ranges):
            parts.append(f"player {player}'s interim payoffs are unique")
        elif not all(r.ranged for r in ranges):
            parts.append(f"player {player}'s interim payoffs were not ranged")
        elif player == gap_player:
            parts.append(f"player {player}'s interim payoffs vary (only their ex ante value E is pinned)")
        else:
            parts.append(f"player {player}'s interim payoffs vary")
    return "Over the optimal set of (4.1) (computed ranges): " + "; ".join(parts) + "."


# ---------------------------------------------------------------------------- public API
def gap(env: TwoSidedEnvironment, method: Literal["auto", "lp", "closed_form"] = "auto") -> GapResult:
    """E(p, β) and Gap(p, β) (eqs. 4.1–4.2) for the player with the lower low value.

    Parameters
    ----------
    env
        The environment (any labelling, any numbers of types).
    method
        ``"closed_form"`` uses Propositions 1–2 (binary types only), ``"lp"`` solves (4.1),
        ``"auto"`` uses the closed form when both players have two types.

    Returns
    -------
    GapResult
        E and Gap are Theorem 3's δ → 1 limits whatever ``env.discount`` is; at δ < 1 the
        result's ``holds_at`` says so entry by entry and ``leading_term`` gives the Section 5.5
        leading term at that δ. When the lowest values tie, ``tie_alternative`` gives E and Gap
        with the gap to the other player (one more LP, only then).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)
    >>> round(gap(env).gap, 10)
    0.0625
    >>> finite = gap(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5, discount=0.5))
    >>> finite.holds_at["gap"], finite.holds_at["floor"], round(finite.leading_term, 6)
    ('delta_to_1_limit', 'at_delta', 0.333333)
    """
    if method not in ("auto", "lp", "closed_form"):
        raise InvalidParameterError("method", method, "one of 'auto', 'lp', 'closed_form'")
    check_environment(env)
    check_values_once(env.player1.values, env.player2.values)  # check_value_range, once per set of values
    theory_env, swapped = theory_labelled(env)
    gap_player = 2 if swapped else 1
    if method == "closed_form" and not theory_env.is_binary:
        raise InvalidParameterError(
            "method", method, "'lp' or 'auto' here", "the closed forms need exactly two types for each player"
        )
    values = value_set(theory_env.player1.values, theory_env.player2.values)
    p1, p2 = theory_env.player1.prior_array, theory_env.player2.prior_array
    floors1, floors2 = values.floors(p1, p2, theory_env.bargaining_power)  # normalised units
    scale = values.unit
    floor = scale * float(p1 @ floors1)  # as the map path: normalised floors times the unit
    slack = 0.0
    if method != "lp" and values.binary:
        case, e_norm, g_norm = _closed_form_payoff(theory_env.normalised())
        violation = None
        method_used = "closed_form"
    else:
        e_norm, violation, slack = _ex_ante(values, p1, p2, floors1, floors2)
        if slack > 0:
            warn_relaxed_floors(slack)
        g_norm = e_norm - floor / scale
        case = "general" if not theory_env.is_binary else "lp"
        method_used = "lp"
    g_norm = nonnegative(g_norm, GAP_NEGATIVE_TOL, "Gap (eq. 4.2, normalised units)")
    return GapResult(
        env,
        gap_player,
        clean_zero(e_norm * scale, ZERO_TOL * scale),
        clean_zero(g_norm * scale, ZERO_TOL * scale),
        clean_zero(floor, ZERO_TOL * scale),
        method_used,
        case,
        violation,
        slack,
        _tie_alternative(env, gap_player) if lowest_values_tie(env) else None,
    )


def leading_term(env: TwoSidedEnvironment, gap_to: int | None = None) -> float:
    """(β_i/β_i^(δ)) E(p, β_i^(δ)), β_i^(δ) = 1 − δ(1 − β_i): the Section 5.5 leading term.

    Pęski (2024), Section 5.5: at δ < 1 the gap player i's ex ante payoff in every equilibrium
    is at least (β_i/β_i^(δ)) E_1(p_1, β_i^(δ)) − w_0 f_1(p_1), where β_i^(δ) is i's share when
    proposing (the offer share of :func:`~bargainlab.models.complete_info.offer_shares`) and
    w_0 → 0 as δ → 1. This is that bound's leading term: it holds at ``env.discount`` as the
    leading term of a lower bound, it is not an equilibrium payoff; it equals E(p, β) at δ = 1.

    Parameters
    ----------
    env
        The environment (any labelling); its ``discount`` is δ.
    gap_to
        ``None``: the theory's gap player (the lower lowest value); 1 or 2 forces the player
        (user's labels), as in :func:`solve`.

    Returns
    -------
    float
        The leading term, in the user's units (closed form of Propositions 1–2 for binary types
        in the theory's labels, else the interim LP of (4.1) at β^(δ)).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> round(leading_term(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5, discount=0.5)), 6)
    0.333333
    """
    check_value_range(env)
    theory_env, _ = theory_labelled(env, gap_to)
    beta = theory_env.bargaining_power
    share = float(offer_shares(beta, theory_env.discount)[0])
    shifted = replace(theory_env, bargaining_power=share, discount=1.0)
    if shifted.is_binary and (gap_to is None or gap_to == env.theory_player):
        _, e_norm, _ = _closed_form_payoff(shifted.normalised())
    else:
        e_norm, _, slack = _solve_ex_ante(shifted)
        if slack > 0:
            warn_relaxed_floors(slack)
    payoff = e_norm * shifted.unit
    value = payoff if share <= 0.0 else beta / share * payoff
    return clean_zero(value, ZERO_TOL * shifted.unit)


def tie_alternative(env: TwoSidedEnvironment) -> TieAlternative | None:
    """E and Gap (4.1)–(4.2) with the gap given to the other player of a tie in the lowest values.

    Parameters
    ----------
    env
        The environment (any labelling).

    Returns
    -------
    TieAlternative or None
        When l_1 = l_2 (:func:`~bargainlab.models.two_sided.theory.lowest_values_tie`; the theory
        does not say who gets the Gap): program (4.1) solved with the player that the tie-break
        rule does not choose as the theory's player 1 (one LP). ``None`` without a tie.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> tie_alternative(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)) is None
    True
    >>> tie = tie_alternative(two_sided_environment([0.2, 0.5], [0.2, 1], 0.5, 0.5, 0.5))
    >>> tie.gap_player, round(tie.gap, 12)  # two types: Gap 0 whoever gets it (Section 4)
    (2, 0.0)
    """
    if not lowest_values_tie(env):
        return None
    return _tie_alternative(env, env.theory_player)


def _tie_alternative(env: TwoSidedEnvironment, gap_player: int) -> TieAlternative:
    """E and Gap of (4.1)–(4.2) with the gap given to the other player (for a tie in the lowest values)."""
    other = 3 - gap_player
    other_env, _ = theory_labelled(env, other)
    e_norm, _, slack = _solve_ex_ante(other_env)
    if slack > 0:
        warn_relaxed_floors(slack)
    scale = other_env.unit
    gap_norm = nonnegative(
        e_norm - ex_ante_floor(env, other) / scale, GAP_NEGATIVE_TOL, "Gap (eq. 4.2, normalised units)"
    )
    return TieAlternative(
        other,
        clean_zero(e_norm * scale, ZERO_TOL * scale),
        clean_zero(gap_norm * scale, ZERO_TOL * scale),
        clean_zero(gap_norm * scale / env.max_value, ZERO_TOL) if env.max_value > 0 else 0.0,
    )


def _solve_ex_ante(env: TwoSidedEnvironment) -> tuple[float, float, float]:
    """E of (4.1) by one LP in normalised units (theory labels), the largest constraint
    violation at the solution (normalised units, against the exact floors) and the floors' slack."""
    values = value_set(env.player1.values, env.player2.values)
    p1, p2 = env.player1.prior_array, env.player2.prior_array
    return _ex_ante(values, p1, p2, *values.floors(p1, p2, env.bargaining_power))


def _ex_ante(
    values: ValueSet, p1: np.ndarray, p2: np.ndarray, floors1: np.ndarray, floors2: np.ndarray
) -> tuple[float, float, float]:
    """:func:`_solve_ex_ante` at these priors and normalised floors, by the warm solver of the values."""
    solver = values.solver  # one warm model per set of values
    lp = solver.lp
    objective = lp.payoff_objective(p1, None)
    solution, slack = relaxed_floors(lambda slack: solver.solve(p1, p2, objective, floors1 - slack, floors2 - slack))
    return solution.objective, _violation(lp, solution.x, p1, p2, floors1, floors2), slack


def _explore(
    lp: InterimLP,
    p1: np.ndarray,
    p2: np.ndarray,
    floors1: np.ndarray,
    floors2: np.ndarray,
    slack: float,
    face_tol: float,
    unique_tol: float,
    ranges: str,
) -> tuple[OptimalFace, dict[str, Any], float]:
    """Solve (4.1) and range the quantities ``ranges`` asks for over its optimal face (normalised
    units); the others are their values at the primary optimum. Returns the face, the ranges and
    the largest constraint violation over every solution computed (each checked as it comes)."""
    worst = [0.0]

    def check(x: np.ndarray) -> None:
        worst[0] = max(worst[0], _violation(lp, x, p1, p2, floors1, floors2))

    face = OptimalFace(
        lp.program(p1, p2, lp.payoff_objective(p1, None), floors1 - slack, floors2 - slack),
        face_tol=face_tol,
        unique_tol=unique_tol,
        keep_visited=False,
        on_solution=check,
    )
    n1, n2 = lp.n1, lp.n2
    # The quantities as the rows of sparse matrices, made only for the groups that are ranged: a
    # single-column quantity is one entry (the allocation's 2 n1 n2 dense cost vectors took 3.2 GB
    # at 100 types); one that is not ranged is read off the primary solution.
    columns = {
        "payoffs": np.concatenate((lp.u1_cols, lp.u2_cols)),
        "allocation": np.concatenate((lp.q1_cols.ravel(), lp.q2_cols.ravel())),
    }
    vectors: dict[str, Callable[[], list[np.ndarray]]] = {
        "ex_ante": lambda: [lp.payoff_objective(p1, None), lp.payoff_objective(None, p2)],
        "welfare": lambda: [lp.welfare_objective(p1, p2)],
        "transfers": lambda: (
            [lp.transfer_objective(1, a, p1, p2) for a in range(n1)]
            + [lp.transfer_objective(2, b, p1, p2) for b in range(n2)]
        ),
    }
    order = ("payoffs", "ex_ante", "welfare", "transfers", "allocation")
    ranged = {"none": (), "payoffs": ("payoffs", "ex_ante", "welfare")}.get(ranges, order)
    blocks = [
        _unit_rows(columns[name], lp.num_cols) if name in columns else sp.csr_array(np.vstack(vectors[name]()))
        for name in ranged
    ]
    spans = iter(face.spans(sp.vstack(blocks, format="csr") if blocks else []))
    found: dict[str, list[Interval]] = {}
    for name, block in zip(ranged, blocks):
        found[name] = [next(spans) for _ in range(block.shape[0])]
    for name in order:
        if name in ranged:
            continue
        if name in columns:
            found[name] = [Interval.point(float(v)) for v in face.primary.x[columns[name]]]
        else:
            found[name] = [Interval.point(float(c @ face.primary.x)) for c in vectors[name]()]
    allocation = found["allocation"]
    out = {
        "payoffs": (tuple(found["payoffs"][:n1]), tuple(found["payoffs"][n1:])),
        "ex_ante": tuple(found["ex_ante"]),
        "transfers": (tuple(found["transfers"][:n1]), tuple(found["transfers"][n1:])),
        "allocation": tuple(
            tuple(tuple(allocation[k * n1 * n2 + a * n2 + b] for b in range(n2)) for a in range(n1)) for k in (0, 1)
        ),
        "welfare": found["welfare"][0],
    }
    return face, out, worst[0]


def _unit_rows(cols: np.ndarray, width: int) -> sp.csr_array:
    """One row per column of ``cols``, selecting it (the cost vectors of single-column quantities)."""
    count = len(cols)
    return sp.csr_array((np.ones(count), np.asarray(cols, dtype=np.int64), np.arange(count + 1)), shape=(count, width))


def with_relaxed_floors(attempt: Callable[[float], T], slacks: tuple[float, ...] = (0.0, *FLOOR_SLACKS)) -> T:
    """Run ``attempt(slack)`` for each slack in turn until one succeeds: exact floors first, then
    floors relaxed by FLOOR_SLACKS (degenerate cases where the floors pin a single point up to
    rounding). The last failure is raised."""
    return relaxed_floors(attempt, slacks)[0]


def relaxed_floors(attempt: Callable[[float], T], slacks: tuple[float, ...] = (0.0, *FLOOR_SLACKS)) -> tuple[T, float]:
    """:func:`with_relaxed_floors`, also returning the slack that succeeded (0 for the exact floors)."""
    for slack in slacks[:-1]:
        try:
            return attempt(slack), slack
        except SolverError:
            continue
    return attempt(slacks[-1]), slacks[-1]


def warn_relaxed_floors(slack: float) -> None:
    """Say that the floors were relaxed by ``slack`` (> 0) to solve (a :class:`RelaxedFloorsWarning`)."""
    warnings.warn(
        RelaxedFloorsWarning(
            f"the random monopoly floors were relaxed by {slack:.0e} (normalised units) to solve this degenerate "
            "point (types of probability near 0, beta near 0 or 1): the answer can jump with such a relaxation; "
            "check it with the exact solver (solve(env, exact=True), --exact)"
        ),
        stacklevel=3,
    )


@overload
def solve(
    env: TwoSidedEnvironment,
    *,
    gap_to: int | None = None,
    face_tol: float = OPTIMAL_FACE_TOL,
    unique_tol: float = UNIQUE_TOL,
    ranges: Literal["auto", "payoffs", "all", "none"] = "auto",
    exact: Literal[False] = False,
) -> TwoSidedOutcome: ...


@overload
def solve(
    env: TwoSidedEnvironment,
    *,
    gap_to: int | None = None,
    face_tol: float = OPTIMAL_FACE_TOL,
    unique_tol: float = UNIQUE_TOL,
    ranges: Literal["auto", "payoffs", "all", "none"] = "auto",
    exact: Literal[True],
) -> ExactTwoSidedOutcome: ...


def solve(
    env: TwoSidedEnvironment,
    *,
    gap_to: int | None = None,
    face_tol: float = OPTIMAL_FACE_TOL,
    unique_tol: float = UNIQUE_TOL,
    ranges: Literal["auto", "payoffs", "all", "none"] = "auto",
    exact: bool = False,
) -> TwoSidedOutcome | ExactTwoSidedOutcome:
    """The δ → 1 outcome of Theorem 3 with the range of every quantity over the optimal set.

    Parameters
    ----------
    env
        The environment, in any labelling.
    gap_to
        ``None`` (default) applies Theorem 3: the gap goes to the player with the lower low
        value. 1 or 2 computes the counterfactual outcome that gives the gap to that player
        (program (4.1) with the players' roles exchanged); the closed-form check is then omitted.
    face_tol
        Slack on the optimal value that defines the optimal face explored by secondary LPs
        (normalised units: values divided by the largest value).
    unique_tol
        Ranges narrower than this (normalised units) are reported as unique.
    ranges
        Which quantities are ranged over the optimal face (``RANGES``): ``"payoffs"`` (each
        type's payoff, the ex ante payoffs, welfare), ``"all"`` (also every allocation
        probability and transfer), ``"none"``, or ``"auto"`` (``"all"`` up to
        ``AUTO_ALL_PROFILES`` = 64 type profiles, else ``"payoffs"``). Quantities not ranged are
        reported at the primary optimum as :meth:`Interval.point` (``ranged`` False). E and the
        Gap never depend on this.
    exact
        True: every number as an exact fraction certified by an exact LP optimality check
        (:func:`bargainlab.models.two_sided.exact.solve_exact`; the environment's numbers are
        read through their decimals; needs the ``exact`` extra). Not with ``gap_to``.

    Returns
    -------
    TwoSidedOutcome
        Or an ``ExactTwoSidedOutcome`` with ``exact=True``.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> out = solve(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5))
    >>> out.gap_player, round(out.gap, 10), round(out.gap_share, 4)
    (1, 0.0625, 0.0625)
    """
    if ranges not in RANGES:
        raise InvalidParameterError("ranges", ranges, "one of " + ", ".join(repr(r) for r in RANGES))
    if exact is not False:
        if exact is not True:
            raise InvalidParameterError("exact", exact, "True or False")
        if gap_to is not None:
            raise InvalidParameterError("gap_to", gap_to, "None with exact=True")
        from bargainlab.models.two_sided.exact import solve_exact

        return solve_exact(env)
    check_value_range(env)  # the LP's resolution (the exact solver needs no such bound)
    theory_env, swapped = theory_labelled(env, gap_to)
    gap_player = 2 if swapped else 1
    scale = theory_env.unit
    norm = theory_env.normalised()
    p1, p2 = norm.player1.prior_array, norm.player2.prior_array
    n1, n2 = len(p1), len(p2)
    if ranges == "auto":
        ranges = "all" if n1 * n2 <= AUTO_ALL_PROFILES else "payoffs"
    aggregate = max(n1, n2) >= AGGREGATE_FROM_TYPES
    lp = InterimLP(norm.player1.values, norm.player2.values, aggregate=aggregate)
    beta1, beta2 = theory_env.bargaining_powers
    # the monopoly payoffs, once: the floors of the LP (normalised units) and the report
    m1 = monopoly_payoffs(norm.player1, norm.player2)
    m2 = monopoly_payoffs(norm.player2, norm.player1)
    floors1, floors2 = beta1 * m1, beta2 * m2
    (face, found, max_violation), slack = relaxed_floors(
        lambda slack: _explore(lp, p1, p2, floors1, floors2, slack, face_tol, unique_tol, ranges)
    )
    if slack > 0:
        warn_relaxed_floors(slack)
    e_norm = face.primary.objective
    payoffs = tuple(tuple(r.scaled(scale) for r in player) for player in found["payoffs"])
    ex_ante = tuple(r.scaled(scale) for r in found["ex_ante"])
    transfers = tuple(tuple(r.scaled(scale) for r in player) for player in found["transfers"])
    allocation = tuple(
        tuple(tuple(r.clipped(0.0, 1.0) for r in row) for row in player) for player in found["allocation"]
    )
    welfare = found["welfare"].scaled(scale)

    v1, v2 = theory_env.player1.value_array, theory_env.player2.value_array
    best = first_best(theory_env)
    efficient = best - welfare.low <= ALLOCATION_TOL * scale

    m1, m2 = m1 * scale, m2 * scale
    prices1 = tuple(monopoly_prices(t, theory_env.player2.values, theory_env.player2.prior) for t in v1)
    prices2 = tuple(monopoly_prices(t, theory_env.player1.values, theory_env.player1.prior) for t in v2)
    complete1 = random_proposer_payoff(v1[:, None], v2[None, :], beta1) @ theory_env.player2.prior_array
    complete2 = theory_env.player1.prior_array @ random_proposer_payoff(v2[None, :], v1[:, None], beta2)

    check = None
    if theory_env.is_binary and gap_player == env.theory_player:
        case, e_cf, g_cf = _closed_form_payoff(norm)
        check = ClosedFormCheck(
            case,
            clean_zero(e_cf * scale, ZERO_TOL * scale),
            clean_zero(g_cf * scale, ZERO_TOL * scale),
            abs(e_cf - e_norm) * scale,
        )

    floor_ex_ante = float(p1 @ floors1)
    shares1, _ = offer_shares(beta1, theory_env.discount)
    shares2, _ = offer_shares(beta2, theory_env.discount)
    fields: dict[str, Any] = {
        "monopoly": (tuple(m1.tolist()), tuple(m2.tolist())),
        "monopoly_prices": (prices1, prices2),
        "random_monopoly": (tuple((beta1 * m1).tolist()), tuple((beta2 * m2).tolist())),
        "complete_information": (tuple(complete1.tolist()), tuple(complete2.tolist())),
        "payoffs": payoffs,
        "ex_ante_payoffs": ex_ante,
        "transfers": transfers,
        "allocation": allocation,
        "proposer_shares": (shares1, shares2),
    }
    if swapped:
        fields = {key: _swap(key, value) for key, value in fields.items()}
    zero = ZERO_TOL * scale
    unitless = ("allocation", "proposer_shares")
    fields = {key: _clean(value, ZERO_TOL if key in unitless else zero) for key, value in fields.items()}
    gap_norm = nonnegative(e_norm - floor_ex_ante, GAP_NEGATIVE_TOL, "Gap (eq. 4.2, normalised units)")
    gap_value = clean_zero(gap_norm * scale, zero)
    leading = leading_term(env, gap_to) if env.discount < 1 else None
    tie = _tie_alternative(env, gap_player) if gap_to is None and lowest_values_tie(env) else None
    counterfactual = gap_to is not None and gap_to != env.theory_player and not lowest_values_tie(env)
    return TwoSidedOutcome(
        environment=env,
        gap_player=gap_player,
        ex_ante_payoff=clean_zero(e_norm * scale, zero),
        gap=gap_value,
        gap_share=clean_zero(gap_norm * scale / env.max_value, ZERO_TOL) if env.max_value > 0 else 0.0,
        welfare=_clean(welfare, zero),
        first_best=clean_zero(best, zero),
        ex_post_efficient=bool(efficient),
        closed_form=check,
        theory=_theory_note(
            env, gap_player, counterfactual, fields["allocation"], fields["payoffs"], gap_value, leading, tie
        ),
        method="lp",
        solver="highs",
        lp_solves=face.solves,
        max_violation=max_violation,
        floor_slack=slack,
        ranges=ranges,
        leading_term=leading,
        tie_alternative=tie,
        **fields,
    )


def _clean(value: Any, tol: float) -> Any:
    """``value`` (a number, an :class:`Interval` or nested tuples of them) with every number
    within ``tol`` of 0 reported as 0 (:func:`~bargainlab.core.numbers.clean_zero`)."""
    if isinstance(value, Interval):
        return Interval(clean_zero(value.low, tol), clean_zero(value.high, tol), value.unique, value.ranged)
    if isinstance(value, tuple):
        return tuple(_clean(entry, tol) for entry in value)
    if isinstance(value, float):
        return clean_zero(value, tol)
    return value


def _swap(key: str, pair: Pair) -> Pair:
    """Exchange the players in a per-player pair (allocation matrices are also transposed)."""
    if key == "allocation":
        return (
            tuple(zip(*pair[1])),
            tuple(zip(*pair[0])),
        )
    return (pair[1], pair[0])


def _violation(
    lp: InterimLP, x: np.ndarray, p1: np.ndarray, p2: np.ndarray, floors1: np.ndarray, floors2: np.ndarray
) -> float:
    """Largest violation of IC, feasibility, budget and the floors at x (normalised units)."""
    return lp.max_violation(x, p1, p2, floors1, floors2)
