"""Exact answers for two-sided bargaining with mechanisms: E, Gap and the outcome as fractions.

The δ → 1 outcome of Pęski (2024, Theorem 3) is the solution of the interim LP (4.1): maximise
p_1 · u_1 over incentive compatible, feasible, ex ante budget-balanced allocations with every
type at or above its random monopoly floor β_i M_i(t_i; p_{-i}) (eq. 3.2). With rational inputs
every number in it is rational. :func:`solve_exact` reads the inputs as fractions, builds the
program in exact arithmetic, and certifies the optimum exactly
(:mod:`bargainlab.core.exact_lp`: HiGHS's basis re-solved in rationals, primal and dual
feasibility and complementary slackness verified, exact pivots if needed). Gap = E − p_1 · β M_1
(eq. 4.2) is then a fraction.

Ranges over the optimal face (Theorem 3 pins player 1's payoffs only ex ante) are computed
exactly too: with the exact duals the optimal face is {feasible x with the rows and columns
of non-zero dual fixed at their bound} — no tolerance — and each endpoint is the certified
optimum of an exact LP over it. A quantity is unique iff its two endpoints are equal fractions.

Example (Section 4: the 6.25% bound is attained at l_1 = 0, h_1 = l_2 = h_2/2, β = p_1 = p_2 = 1/2):

>>> out = solve_exact(exact_environment(["0", "1/2"], ["1/2", "1"], "1/2", "1/2", "1/2"))
>>> out.gap, out.exact
(Fraction(1, 16), True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar, Literal, overload

import numpy as np

from bargainlab.core.environment import TwoSidedEnvironment, two_sided_environment
from bargainlab.core.exact_lp import (
    ExactProgram,
    ExactSolution,
    as_fraction,
    certificate,
    optimal_face,
)
from bargainlab.core.exact_lp import (
    solve_exact as solve_exact_lp,
)
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = [
    "ExactEnvironment",
    "ExactInterval",
    "ExactGap",
    "ExactTwoSidedOutcome",
    "exact_environment",
    "exact_monopoly_payoff",
    "interim_program",
    "program_parts",
    "floors",
    "exact_gap",
    "solve_exact",
    "require_limit",
]


#: Largest value accepted (the rounded program is solved in floating point first).
LARGEST_VALUE = Fraction(10) ** 300


# ---------------------------------------------------------------------------- inputs
@dataclass(frozen=True)
class ExactEnvironment:
    """A two-sided environment with rational values, priors and bargaining power.

    Attributes
    ----------
    values1, values2
        Strictly increasing non-negative values of each player.
    prior1, prior2
        Priors (one probability per value, summing exactly to 1).
    bargaining_power
        β ∈ [0, 1], player 1's probability of proposing.
    """

    values1: tuple[Fraction, ...]
    values2: tuple[Fraction, ...]
    prior1: tuple[Fraction, ...]
    prior2: tuple[Fraction, ...]
    bargaining_power: Fraction

    @property
    def max_value(self) -> Fraction:
        """The largest value of either player."""
        return max(self.values1[-1], self.values2[-1])

    @property
    def unit(self) -> Fraction:
        """The unit of the normalised program (the largest value; 1 if every value is 0)."""
        return self.max_value if self.max_value > 0 else Fraction(1)

    @property
    def theory_player(self) -> int:
        """The player with the lower lowest value (ties broken as :attr:`TwoSidedEnvironment.theory_player`)."""
        return 2 if (self.values2, self.prior2) < (self.values1, self.prior1) else 1

    def swapped(self) -> ExactEnvironment:
        """The players' labels exchanged (β becomes 1 − β)."""
        return ExactEnvironment(self.values2, self.values1, self.prior2, self.prior1, 1 - self.bargaining_power)

    def divided(self, unit: Fraction) -> ExactEnvironment:
        """Every value divided by ``unit``."""
        return ExactEnvironment(
            tuple(v / unit for v in self.values1),
            tuple(v / unit for v in self.values2),
            self.prior1,
            self.prior2,
            self.bargaining_power,
        )

    def to_float(self) -> TwoSidedEnvironment:
        """The environment rounded to floats."""
        return two_sided_environment(
            [float(v) for v in self.values1],
            [float(v) for v in self.values2],
            [float(p) for p in self.prior1],
            [float(p) for p in self.prior2],
            float(self.bargaining_power),
        )

    def to_dict(self) -> dict[str, Any]:
        """The inputs as fraction strings (JSON-safe)."""
        return {
            "values1": [str(v) for v in self.values1],
            "values2": [str(v) for v in self.values2],
            "prior1": [str(p) for p in self.prior1],
            "prior2": [str(p) for p in self.prior2],
            "bargaining_power": str(self.bargaining_power),
        }


def _prior(raw: object, n: int, key: str) -> tuple[Fraction, ...]:
    items = list(raw) if isinstance(raw, (list, tuple, np.ndarray)) else [raw]
    probabilities = [as_fraction(p, key) for p in items]
    if n == 2 and len(probabilities) == 1:  # the probability of the high type
        probabilities = [1 - probabilities[0], probabilities[0]]
    if len(probabilities) != n or any(not 0 <= p <= 1 for p in probabilities) or sum(probabilities) != 1:
        raise InvalidParameterError(
            key,
            raw,
            f"{n} probabilities in [0, 1] summing exactly to 1 (or, for two types, the high type's probability)",
            "exact mode reads every number as a fraction; write 1/3 rather than 0.333",
        )
    return tuple(probabilities)


def exact_environment(
    values1: Sequence[object],
    values2: Sequence[object],
    prior1: object,
    prior2: object,
    bargaining_power: object,
) -> ExactEnvironment:
    """Read an environment exactly: numbers as fractions (``"1/3"``), decimals (``"0.25"``), ints,
    or floats (through their shortest decimal form, ``0.1`` -> 1/10).

    As :func:`~bargainlab.core.environment.two_sided_environment` (no δ); priors must
    sum exactly to 1.

    Parameters
    ----------
    values1, values2
        Each player's strictly increasing non-negative values, read exactly.
    prior1, prior2
        Each player's prior (one probability per value, or for two values P(high type)), read exactly.
    bargaining_power
        β ∈ [0, 1], read exactly.

    Returns
    -------
    ExactEnvironment
        The environment with every number a :class:`fractions.Fraction`.

    Examples
    --------
    >>> exact_environment(["0", "1/2"], ["1/2", "1"], "1/3", "0.5", "1/2").prior1
    (Fraction(2, 3), Fraction(1, 3))
    """
    values = []
    for key, raw in (("values1", values1), ("values2", values2)):
        if isinstance(raw, (str, bytes)) or not isinstance(raw, (Sequence, np.ndarray)):
            raise InvalidParameterError(key, raw, "a list of numbers (fractions such as 1/3, or decimals)")
        items = [as_fraction(v, key) for v in raw]
        if not items or any(v < 0 for v in items) or any(b <= a for a, b in zip(items, items[1:])):
            raise InvalidParameterError(key, [str(v) for v in items], "strictly increasing non-negative values")
        if items[-1] > LARGEST_VALUE:  # HiGHS works in floats
            raise InvalidParameterError(key, [str(v) for v in items], "values at most 1e300")
        values.append(tuple(items))
    beta = as_fraction(bargaining_power, "bargaining_power")
    if not 0 <= beta <= 1:
        raise InvalidParameterError("bargaining_power", str(beta), "a number in [0, 1]")
    return ExactEnvironment(
        values[0], values[1], _prior(prior1, len(values[0]), "prior1"), _prior(prior2, len(values[1]), "prior2"), beta
    )


def require_limit(env: TwoSidedEnvironment) -> TwoSidedEnvironment:
    """``env`` if its δ is 1, else :class:`InvalidParameterError` (key ``discount``).

    An :class:`ExactEnvironment` has no δ: every exact answer is Theorem 3's δ → 1 limit and has
    no ``holds_at`` to say so, so a float environment at δ < 1 is refused (as ``--exact`` refuses
    ``--delta``) rather than read without its δ; the float :func:`~bargainlab.models.two_sided.solve`
    labels what holds at δ < 1.

    Parameters
    ----------
    env
        A float environment.

    Returns
    -------
    TwoSidedEnvironment
        ``env`` itself.
    """
    if env.discount < 1:
        raise InvalidParameterError(
            "discount", env.discount, "1 with the exact solver", "the exact outcome is the δ → 1 limit"
        )
    return env


def _from_float(env: TwoSidedEnvironment) -> ExactEnvironment:
    """A float environment read exactly (the last probability of each prior is 1 minus the others);
    refused at δ < 1 (:func:`require_limit`)."""
    require_limit(env)

    def prior(probabilities: Sequence[float]) -> list[Fraction]:
        head = [as_fraction(p) for p in probabilities[:-1]]
        last = 1 - sum(head, Fraction(0))
        if last < 0:  # the decimals sum above 1 by rounding: take the excess from the largest
            k = max(range(len(head)), key=lambda i: head[i])
            head[k] += last
            last = Fraction(0)
        return [*head, last]

    return exact_environment(
        env.player1.values, env.player2.values, prior(env.player1.prior), prior(env.player2.prior), env.bargaining_power
    )


def _exact(env: ExactEnvironment | TwoSidedEnvironment) -> ExactEnvironment:
    if isinstance(env, ExactEnvironment):
        return env
    if isinstance(env, TwoSidedEnvironment):
        return _from_float(env)
    raise InvalidParameterError("env", type(env).__name__, "an ExactEnvironment or a TwoSidedEnvironment")


# ---------------------------------------------------------------------------- the program
def exact_monopoly_payoff(
    value: Fraction, other_values: Sequence[Fraction], other_prior: Sequence[Fraction]
) -> Fraction:
    """M_i(t_i; p_{-i}) of eq. (3.2) exactly: max(t, max over prices v_k > t of P(<v_k) t + P(>=v_k) v_k).

    >>> exact_monopoly_payoff(Fraction(0), [Fraction(1, 2), Fraction(1)], [Fraction(1, 2), Fraction(1, 2)])
    Fraction(1, 2)
    """
    best = value
    survival = Fraction(1)
    for v, p in zip(other_values, other_prior):
        if v > value:
            best = max(best, (1 - survival) * value + survival * v)
        survival -= p
    return best


def floors(env: ExactEnvironment) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """The random monopoly floors β_i M_i(t_i; p_{-i}) of Theorem 2, exactly."""
    beta = env.bargaining_power
    return (
        tuple(beta * exact_monopoly_payoff(t, env.values2, env.prior2) for t in env.values1),
        tuple((1 - beta) * exact_monopoly_payoff(t, env.values1, env.prior1) for t in env.values2),
    )


def program_parts(
    lp: InterimLP,
    values: tuple[Sequence[Any], Sequence[Any]],
    priors: tuple[Sequence[Any], Sequence[Any]],
    floors: tuple[Sequence[Any], Sequence[Any]],
    one: Any = Fraction(1),
) -> tuple[list[Any], dict[tuple[int, int], Any], list[Any], list[Any], list[Any], list[Any]]:
    """Objective, entries and bounds of program (4.1) for any number type (fractions or sympy).

    Returns ``(objective, entries, row_lower, row_upper, col_lower, col_upper)`` with ``None``
    for infinite bounds, in the column and row layout of :class:`InterimLP`.
    """
    (v1, v2), (p1, p2) = values, priors
    zero = one - one
    entries: dict[tuple[int, int], Any] = {}
    for k, (a, b) in enumerate((a, b) for a in range(lp.n1) for b in range(lp.n2)):
        entries[(k, int(lp.q1_cols[a, b]))] = one
        entries[(k, int(lp.q2_cols[a, b]))] = one
    for r, (t, s) in zip(lp.ic1_rows, lp.ic_pairs1):
        entries[(int(r), int(lp.u1_cols[t]))] = one
        entries[(int(r), int(lp.u1_cols[s]))] = -one
        for b in range(lp.n2):
            entries[(int(r), int(lp.q1_cols[s, b]))] = -(v1[t] - v1[s]) * p2[b]
    for r, (t, s) in zip(lp.ic2_rows, lp.ic_pairs2):
        entries[(int(r), int(lp.u2_cols[t]))] = one
        entries[(int(r), int(lp.u2_cols[s]))] = -one
        for a in range(lp.n1):
            entries[(int(r), int(lp.q2_cols[a, s]))] = -(v2[t] - v2[s]) * p1[a]
    budget = int(lp.budget_row)
    for a in range(lp.n1):
        for b in range(lp.n2):
            entries[(budget, int(lp.q1_cols[a, b]))] = -p1[a] * p2[b] * v1[a]
            entries[(budget, int(lp.q2_cols[a, b]))] = -p1[a] * p2[b] * v2[b]
    for a in range(lp.n1):
        entries[(budget, int(lp.u1_cols[a]))] = p1[a]
    for b in range(lp.n2):
        entries[(budget, int(lp.u2_cols[b]))] = p2[b]
    row_lower: list[Any] = [None] * lp.num_rows
    row_upper: list[Any] = [None] * lp.num_rows
    for r in lp.feasibility_rows:
        row_upper[int(r)] = one
    for r in (*lp.ic1_rows, *lp.ic2_rows):
        row_lower[int(r)] = zero
    row_upper[budget] = zero
    col_lower: list[Any] = [zero] * lp.num_cols
    col_upper: list[Any] = [one] * lp.num_cols
    for cols, bound in zip((lp.u1_cols, lp.u2_cols), floors):
        for c, f in zip(cols, bound):
            col_lower[int(c)], col_upper[int(c)] = f, None
    objective: list[Any] = [zero] * lp.num_cols
    for c, p in zip(lp.u1_cols, p1):
        objective[int(c)] = p
    return objective, entries, row_lower, row_upper, col_lower, col_upper


def interim_program(env: ExactEnvironment, lp: InterimLP | None = None) -> ExactProgram:
    """Program (4.1) in exact arithmetic, with the column and row layout of :class:`InterimLP`.

    Maximise p_1 · u_1 subject to feasibility, IC (each type against each report), the ex ante
    budget Σ_i p_i · Y_i <= 0, and u_i >= β_i M_i (the environment's labels: player 1 is the
    player whose payoff is maximised).
    """
    lp = lp or InterimLP([float(v) for v in env.values1], [float(v) for v in env.values2])
    parts = program_parts(lp, (env.values1, env.values2), (env.prior1, env.prior2), floors(env))
    objective, entries, row_lower, row_upper, col_lower, col_upper = parts
    return ExactProgram(
        tuple(objective), entries, tuple(row_lower), tuple(row_upper), tuple(col_lower), tuple(col_upper)
    )


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ExactInterval:
    """The exact range [low, high] of a quantity over the optimal set; unique iff low == high."""

    low: Fraction
    high: Fraction

    @property
    def unique(self) -> bool:
        """The quantity is pinned (its minimum and maximum over the optimal set are equal)."""
        return self.low == self.high

    def scaled(self, factor: Fraction) -> ExactInterval:
        """Both endpoints multiplied by ``factor`` > 0."""
        return ExactInterval(self.low * factor, self.high * factor)

    def to_dict(self) -> dict[str, Any]:
        """Endpoints as fraction strings and floats."""
        return {
            "low": str(self.low),
            "high": str(self.high),
            "unique": self.unique,
            "float": [float(self.low), float(self.high)],
        }

    def __str__(self) -> str:
        return str(self.low) if self.unique else f"[{self.low}, {self.high}]"


def _floats(result: Any) -> dict[str, float]:
    """The fractions of a result as floats (for plotting and quick reading)."""
    return {name: float(getattr(result, name)) for name in ("ex_ante_payoff", "gap", "floor", "gap_share")}


@dataclass(frozen=True, repr=False)
class ExactGap(Result):
    """E and Gap of eqs. (4.1)–(4.2) as fractions, with the LP's exact optimality certificate.

    In JSON every fraction is a string (``"1/16"``); ``floats`` repeats them as floats.

    Attributes
    ----------
    environment
        The inputs (user's labels).
    gap_player
        The user's player who gets the gap (lower low value).
    ex_ante_payoff, gap, floor
        E, Gap = E − floor, floor = p_1 · β_1 M_1 (user's units).
    gap_share
        Gap / largest value.
    exact
        True: the certificate passed in exact arithmetic (a result is never returned otherwise).
    source, pivots
        ``"highs-basis"`` or ``"rational-simplex"``, and the exact pivots made.
    certificate
        The certificate of program (4.1) in the theory's labels and the user's units
        (:func:`bargainlab.core.exact_lp.certificate`; check it with ``docs/check_certificate.py``).
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "exact"
    hidden_fields: ClassVar[tuple[str, ...]] = ("environment", "certificate")
    extra_fields: ClassVar[tuple[str, ...]] = ("floats",)
    summary_fields: ClassVar[tuple[str, ...]] = ("gap_player", "ex_ante_payoff", "gap", "exact")
    environment: ExactEnvironment
    gap_player: int
    ex_ante_payoff: Fraction
    gap: Fraction
    floor: Fraction
    gap_share: Fraction
    exact: bool
    source: str
    pivots: int
    certificate: dict[str, Any] = field(repr=False)

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs as fraction strings."""
        return self.environment.to_dict()

    @property
    def floats(self) -> dict[str, float]:
        """E, Gap, floor and Gap share as floats."""
        return _floats(self)


@dataclass(frozen=True, repr=False)
class ExactTwoSidedOutcome(Result):
    """The δ → 1 outcome with every number exact (user's labels and units).

    Per-player fields are pairs (player 1, player 2) over each player's types; allocations are
    matrices with player 1's types as rows. Every range is an :class:`ExactInterval` whose two
    endpoints are certified optima of exact LPs over the exact optimal face.

    Attributes
    ----------
    gap_result
        The :class:`ExactGap` (E, Gap, floor and the certificate of (4.1)); ``gap``,
        ``ex_ante_payoff``, ``floor``, ``gap_share`` and ``certificate`` read from it.
    payoffs, ex_ante_payoffs, transfers, allocation, welfare
        Exact ranges over the optimal set.
    certified_lps
        Number of LPs certified exactly (2 for E, then 2 per range).
    exact
        True when every certificate passed (always, for a returned result).
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "exact"
    hidden_fields: ClassVar[tuple[str, ...]] = ("gap_result",)
    extra_fields: ClassVar[tuple[str, ...]] = (
        "gap_player",
        "ex_ante_payoff",
        "gap",
        "floor",
        "gap_share",
        "floats",
        "source",
    )
    summary_fields: ClassVar[tuple[str, ...]] = ("gap_player", "ex_ante_payoff", "gap", "exact")
    gap_result: ExactGap
    payoffs: tuple[tuple[ExactInterval, ...], tuple[ExactInterval, ...]]
    ex_ante_payoffs: tuple[ExactInterval, ExactInterval]
    transfers: tuple[tuple[ExactInterval, ...], tuple[ExactInterval, ...]]
    allocation: Any
    welfare: ExactInterval
    certified_lps: int
    exact: bool

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs as fraction strings."""
        return self.gap_result.parameters

    @property
    def ex_ante_payoff(self) -> Fraction:
        """E (eq. 4.1)."""
        return self.gap_result.ex_ante_payoff

    @property
    def gap(self) -> Fraction:
        """Gap = E − p_1 · β_1 M_1 (eq. 4.2)."""
        return self.gap_result.gap

    @property
    def floor(self) -> Fraction:
        """p_1 · β_1 M_1, the gap player's ex ante floor."""
        return self.gap_result.floor

    @property
    def gap_share(self) -> Fraction:
        """Gap / largest value."""
        return self.gap_result.gap_share

    @property
    def gap_player(self) -> int:
        """The user's player who gets the gap."""
        return self.gap_result.gap_player

    @property
    def source(self) -> str:
        """How the optimum of (4.1) was certified (``"highs-basis"`` or ``"rational-simplex"``)."""
        return self.gap_result.source

    @property
    def floats(self) -> dict[str, float]:
        """E, Gap, floor and Gap share as floats."""
        return _floats(self)

    @property
    def certificate(self) -> dict[str, Any]:
        """The certificate of program (4.1)."""
        return self.gap_result.certificate


# ---------------------------------------------------------------------------- solving
def _labelled(env: ExactEnvironment) -> tuple[ExactEnvironment, bool]:
    swapped = env.theory_player == 2
    return (env.swapped() if swapped else env), swapped


def _certified(env: ExactEnvironment) -> tuple[ExactEnvironment, bool, InterimLP, ExactProgram, ExactSolution]:
    """Program (4.1) in theory labels and user units, solved and certified exactly."""
    theory, swapped = _labelled(env)
    lp = InterimLP([float(v) for v in theory.values1], [float(v) for v in theory.values2])
    program = interim_program(theory, lp)
    normalised = interim_program(theory.divided(theory.unit), lp)  # same optimal bases, better conditioned
    solution = solve_exact_lp(program, HighsModel(normalised.to_float()))
    return theory, swapped, lp, program, solution


def exact_gap(env: ExactEnvironment | TwoSidedEnvironment) -> ExactGap:
    """E(p, β) and Gap(p, β) (eqs. 4.1–4.2) as exact fractions with their certificate.

    Parameters
    ----------
    env
        An :class:`ExactEnvironment` (see :func:`exact_environment`) or a float environment
        (read exactly through the shortest decimal form of each number).

    Returns
    -------
    ExactGap

    Examples
    --------
    >>> env = exact_environment(["0", "1/2"], ["1/2", "1"], "1/2", "1/2", "1/2")
    >>> result = exact_gap(env)
    >>> result.gap, result.ex_ante_payoff, result.gap_player
    (Fraction(1, 16), Fraction(3, 8), 1)
    """
    env = _exact(env)
    return _gap_result(env, *_certified(env))


def _gap_result(
    env: ExactEnvironment,
    theory: ExactEnvironment,
    swapped: bool,
    lp: InterimLP,
    program: ExactProgram,
    solution: ExactSolution,
) -> ExactGap:
    """The :class:`ExactGap` of a certified program (4.1)."""
    floor1, _ = floors(theory)
    floor = sum((p * f for p, f in zip(theory.prior1, floor1)), Fraction(0))
    e_value = solution.objective
    gap_value = e_value - floor
    cert = certificate(
        program,
        solution,
        objective="E(p, beta) of eq. (4.1), the theory's labels (player 1 = the lower low value), the user's units",
        gap_player=2 if swapped else 1,
        E=e_value,
        floor=floor,
        gap=gap_value,
        parameters=env.to_dict(),
    )
    return ExactGap(
        environment=env,
        gap_player=2 if swapped else 1,
        ex_ante_payoff=e_value,
        gap=gap_value,
        floor=floor,
        gap_share=gap_value / env.max_value if env.max_value > 0 else Fraction(0),
        exact=solution.check.passed,
        source=solution.source,
        pivots=solution.pivots,
        certificate=cert,
    )


def _quantities(lp: InterimLP, env: ExactEnvironment) -> dict[str, Any]:
    """The reported linear quantities as exact cost vectors over the columns."""
    n = lp.num_cols
    p1, p2, v1, v2 = env.prior1, env.prior2, env.values1, env.values2

    def vector(pairs: dict[int, Fraction]) -> tuple[Fraction, ...]:
        c = [Fraction(0)] * n
        for j, v in pairs.items():
            c[int(j)] += v
        return tuple(c)

    def transfer(player: int, t: int) -> tuple[Fraction, ...]:
        if player == 1:
            return vector({lp.u1_cols[t]: Fraction(1), **{lp.q1_cols[t, b]: -v1[t] * p2[b] for b in range(lp.n2)}})
        return vector({lp.u2_cols[t]: Fraction(1), **{lp.q2_cols[a, t]: -v2[t] * p1[a] for a in range(lp.n1)}})

    welfare: dict[int, Fraction] = {}
    for a in range(lp.n1):
        for b in range(lp.n2):
            welfare[lp.q1_cols[a, b]] = p1[a] * p2[b] * v1[a]
            welfare[lp.q2_cols[a, b]] = p1[a] * p2[b] * v2[b]
    return {
        "payoffs": tuple(tuple(vector({int(c): Fraction(1)}) for c in cols) for cols in (lp.u1_cols, lp.u2_cols)),
        "ex_ante": (
            vector({int(c): p for c, p in zip(lp.u1_cols, p1)}),
            vector({int(c): p for c, p in zip(lp.u2_cols, p2)}),
        ),
        "transfers": (tuple(transfer(1, a) for a in range(lp.n1)), tuple(transfer(2, b) for b in range(lp.n2))),
        "allocation": tuple(
            tuple(tuple(vector({c: Fraction(1)}) for c in row) for row in cols) for cols in (lp.q1_cols, lp.q2_cols)
        ),
        "welfare": vector(welfare),
    }


class _ExactFace:
    """Exact ranges over the optimal face of a certified program (one warm HiGHS model)."""

    def __init__(self, program: ExactProgram, solution: ExactSolution) -> None:
        self.face = optimal_face(program, solution)
        self.model = HighsModel(self.face.to_float())
        self.solves = 0
        self.exact = True

    def extreme(self, c: Sequence[Fraction]) -> Fraction:
        self.model.set_objective([float(v) for v in c])  # type: ignore[arg-type]
        solution = solve_exact_lp(self.face.with_objective(c), self.model)
        self.solves += 1
        self.exact = self.exact and solution.check.passed
        return solution.objective

    def span(self, c: Sequence[Fraction]) -> ExactInterval:
        return ExactInterval(-self.extreme([-v for v in c]), self.extreme(c))


@overload
def solve_exact(
    env: ExactEnvironment | TwoSidedEnvironment, *, ranges: Literal[True] = True
) -> ExactTwoSidedOutcome: ...


@overload
def solve_exact(env: ExactEnvironment | TwoSidedEnvironment, *, ranges: Literal[False]) -> ExactGap: ...


def solve_exact(env: ExactEnvironment | TwoSidedEnvironment, *, ranges: bool = True) -> ExactTwoSidedOutcome | ExactGap:
    """The δ → 1 outcome of Theorem 3 in exact arithmetic.

    Parameters
    ----------
    env
        An :class:`ExactEnvironment` or a float environment (read exactly).
    ranges
        True (default): also the exact range of every payoff, transfer, allocation probability
        and of welfare over the optimal set (two certified LPs each). False: only E and Gap
        (an :class:`ExactGap`).

    Returns
    -------
    ExactTwoSidedOutcome or ExactGap

    Examples
    --------
    >>> env = exact_environment(["0", "1/2"], ["1/2", "1"], "1/2", "1/2", "1/2")
    >>> solve_exact(env, ranges=False).gap   # the 6.25% example, exactly
    Fraction(1, 16)
    """
    env = _exact(env)
    theory, swapped, lp, program, solution = _certified(env)
    gap_result = _gap_result(env, theory, swapped, lp, program, solution)
    if not ranges:
        return gap_result
    unit = theory.unit
    normalised = theory.divided(unit)
    norm_program = interim_program(normalised, lp)
    norm_solution = solve_exact_lp(norm_program, HighsModel(norm_program.to_float()))
    face = _ExactFace(norm_program, norm_solution)
    q = _quantities(lp, normalised)
    payoffs = tuple(tuple(face.span(c).scaled(unit) for c in player) for player in q["payoffs"])
    ex_ante = tuple(face.span(c).scaled(unit) for c in q["ex_ante"])
    transfers = tuple(tuple(face.span(c).scaled(unit) for c in player) for player in q["transfers"])
    allocation = tuple(tuple(tuple(face.span(c) for c in row) for row in player) for player in q["allocation"])
    welfare = face.span(q["welfare"]).scaled(unit)
    if swapped:
        payoffs, ex_ante, transfers = payoffs[::-1], ex_ante[::-1], transfers[::-1]
        allocation = (tuple(zip(*allocation[1])), tuple(zip(*allocation[0])))
    return ExactTwoSidedOutcome(
        gap_result=gap_result,
        payoffs=payoffs,  # type: ignore[arg-type]
        ex_ante_payoffs=ex_ante,  # type: ignore[arg-type]
        transfers=transfers,  # type: ignore[arg-type]
        allocation=allocation,
        welfare=welfare,
        certified_lps=2 + face.solves,
        exact=gap_result.exact and norm_solution.check.passed and face.exact,
    )
