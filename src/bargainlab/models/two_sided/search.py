"""Search for the largest Gap with n types per player (exploration beyond the paper).

The paper bounds the gap by 6.25% of the largest value for two types (Section 4). For more
types the question is open; :func:`largest_gap` looks for the values, priors and β that
maximise Gap / largest value, every evaluation being the LP of (4.1).

Method (a multi-start global search):

* parameters live in an unconstrained vector z: values are logistic in z and divided by the
  largest (so the largest value is 1), priors are a softmax kept above ``PRIOR_FLOOR``, β is
  logistic in [``BETA_FLOOR``, 1 − ``BETA_FLOOR``] (see :func:`strict_gap_share` for why);
* each start screens ``SCREENING`` random points and refines the best by adaptive Nelder–Mead
  (``iterations`` LPs), then re-starts Nelder–Mead once from its end point (a fresh simplex
  escapes the collapsed one);
* the best point over all starts is polished by Powell's method;
* the running best after each start is kept as convergence evidence (``best_by_start``): a
  frontier is credible when the last starts no longer improve it;
* the best point is rationalised (values, priors and β as fractions with denominators up to
  ``RATIONAL_DENOMINATOR``, or more if that moves the Gap share by more than ``CERTIFY_TOL``)
  and its Gap certified exactly (:func:`bargainlab.models.two_sided.exact.exact_gap`); if the
  exact value does not confirm the float one, the next best start's point is tried (up to
  ``CERTIFIED_CANDIDATES``), and the result reports the exact value it got either way.

:func:`boundary_point` gives, for n >= 3 types, a point where the Gap is exactly
((n-2)/(n-1))^(n-1) (1/4, 8/27, 81/256, 1024/3125 for n = 3..6): every search so far stays
below it (``docs/exact-and-frontier.md``).

Starts are independent (seeded from one :class:`numpy.random.SeedSequence`) and may run in a
process pool (``workers``).
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np

from bargainlab.core import inputs, limits
from bargainlab.core.environment import TwoSidedEnvironment, two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import monopoly_payoffs
from bargainlab.core.result import Result
from bargainlab.errors import BargainlabError, InvalidParameterError
from bargainlab.models.two_sided.theory import check_environment, environment_parameters
from bargainlab.tolerances import MIN_VALUE_RATIO

__all__ = ["GapSearchResult", "largest_gap", "rationalised", "boundary_point", "strict_gap_share"]

#: Random points screened at each start; the best is refined.
SCREENING = 20

#: Smallest gap between two values of a player in the search (relative to the largest value).
MIN_VALUE_GAP = 1e-4

#: Bounds of the search's sizes: types per player, restarts, LPs per refinement, processes.
MAX_SEARCH_TYPES = limits.MAX_CHECK_TYPES
MAX_RESTARTS = limits.MAX_RESTARTS
MAX_ITERATIONS = limits.MAX_ITERATIONS
MAX_SEARCH_WORKERS = 256

#: Largest denominator of :func:`rationalised` and most types of :func:`boundary_point`.
MAX_DENOMINATOR = 10**18
MAX_BOUNDARY_TYPES = 200

#: Smallest probability of a type, and distance of β from 0 and 1, in the search. Near
#: degenerate points the value of (4.1) jumps when the floors move by the solver's tolerance
#: (duals of order 1/probability²); keeping away from them keeps every evaluation trustworthy.
PRIOR_FLOOR = 1e-3
BETA_FLOOR = 1e-3

#: Local refinement budget per start, in LPs per parameter, when ``iterations`` is not given.
ITERATIONS_PER_PARAMETER = 150

#: Largest difference between the float and the exact Gap share of a rationalised point.
CERTIFY_TOL = 1e-6

#: Best points tried in turn until one's float Gap is confirmed by the exact solver.
CERTIFIED_CANDIDATES = 4

#: Largest denominator of the rationalised best point that is certified exactly (raised
#: a thousandfold, up to three times, if rounding would change which player gets the gap).
RATIONAL_DENOMINATOR = 1_000_000


@dataclass(frozen=True, repr=False)
class GapSearchResult(Result):
    """The largest Gap found.

    Attributes
    ----------
    types
        Types per player.
    gap_share
        Gap / largest value at the best point (floating point).
    environment
        The best parameters found (largest value 1).
    evaluations
        LPs solved.
    restarts
        Starts (each a screening plus a local refinement).
    best_by_start
        The best gap share after each start, in order (convergence evidence).
    seconds
        Wall-clock time of the search.
    exact
        The rationalised best point's Gap certified exactly (an ``ExactGap``), or None when the
        search ran without certification.
    """

    types: int
    gap_share: float
    environment: TwoSidedEnvironment
    evaluations: int
    restarts: int
    best_by_start: tuple[float, ...] = ()
    seconds: float = 0.0
    exact: Any = field(default=None, repr=False)

    @property
    def starts_to_best(self) -> int:
        """The start (1-based) after which the running best reached its final value (before polishing)."""
        if not self.best_by_start:
            return 0
        final = self.best_by_start[-1]
        return next(k + 1 for k, v in enumerate(self.best_by_start) if v >= final)

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "search"
    hidden_fields: ClassVar[tuple[str, ...]] = ("environment", "exact")
    extra_fields: ClassVar[tuple[str, ...]] = ("starts_to_best", "certified")

    @property
    def parameters(self) -> dict[str, Any]:
        """The best point found, under the vocabulary's names."""
        return environment_parameters(self.environment)

    @property
    def certified(self) -> dict[str, Any] | None:
        """The rationalised best point and its exactly certified Gap (fractions as text), or None."""
        if self.exact is None:
            return None
        return {
            "parameters": self.exact.environment.to_dict(),
            "gap": str(self.exact.gap),
            "gap_share": str(self.exact.gap_share),
            "gap_share_float": float(self.exact.gap_share),
            "exact": self.exact.exact,
        }


def _decode(z: np.ndarray, n: int) -> TwoSidedEnvironment:
    """Unconstrained vector -> environment (values in [0, 1] with max 1, priors, β)."""
    with np.errstate(over="ignore"):  # exp overflow -> a logistic of exactly 0, as intended
        raw1 = 1.0 / (1.0 + np.exp(-z[:n]))
        raw2 = 1.0 / (1.0 + np.exp(-z[n : 2 * n]))
    top = max(raw1.max(), raw2.max())
    v1 = _spread(np.sort(raw1 / top))
    v2 = _spread(np.sort(raw2 / top))
    w1 = np.exp(z[2 * n : 3 * n] - z[2 * n : 3 * n].max())
    w2 = np.exp(z[3 * n : 4 * n] - z[3 * n : 4 * n].max())
    q1 = PRIOR_FLOOR + (1.0 - n * PRIOR_FLOOR) * w1 / w1.sum()
    q2 = PRIOR_FLOOR + (1.0 - n * PRIOR_FLOOR) * w2 / w2.sum()
    with np.errstate(over="ignore"):
        beta = BETA_FLOOR + (1.0 - 2 * BETA_FLOOR) / (1.0 + np.exp(-z[4 * n]))
    return two_sided_environment(v1.tolist(), v2.tolist(), q1.tolist(), q2.tolist(), beta)


def _spread(values: np.ndarray) -> np.ndarray:
    """Keep sorted values at least MIN_VALUE_GAP apart (and non-negative); a value below
    MIN_VALUE_RATIO (of the largest value, 1) is 0: below the LP's resolution, which
    :func:`~bargainlab.models.two_sided.gap` rejects (``check_value_range``)."""
    out = values.copy()
    for k in range(1, len(out)):
        out[k] = max(out[k], out[k - 1] + MIN_VALUE_GAP)
    out = out / max(out[-1], 1.0) if out[-1] > 1.0 else out
    return np.where(out < MIN_VALUE_RATIO, 0.0, out)


def strict_gap_share(env: TwoSidedEnvironment) -> float:
    """Gap / largest value by the LP of (4.1) with the floors exactly as they are.

    Unlike :func:`~bargainlab.models.two_sided.outcome.gap`, the floors are never relaxed: at
    degenerate points (types of probability ≈ 0 whose floors bind, β ≈ 0 or 1) the program's
    value can jump when the floors move by 10⁻⁹ (duals of order 10⁹), and a search would climb
    such artefacts — the exact solver found one, a four-type point where the
    relaxed float LP says 29.5% and the exact program 0 (``docs/exact-and-frontier.md``).
    Raises :class:`SolverError` when HiGHS cannot solve the unrelaxed program.

    Parameters
    ----------
    env
        A two-sided environment (any number of types per player).

    Returns
    -------
    float
        Gap / largest value, where Gap is the LP value of (4.1) minus player 1's floors.

    Examples
    --------
    The paper's bound, 6.25% of the largest value (Section 4), is attained here:

    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, bargaining_power=0.5)
    >>> round(strict_gap_share(env), 6)
    0.0625
    """
    check_environment(env)
    theory = env.swapped() if env.theory_player == 2 else env
    norm = theory.normalised()
    lp = InterimLP(norm.player1.values, norm.player2.values)
    p1, p2 = norm.player1.prior_array, norm.player2.prior_array
    beta = norm.bargaining_power
    floors1 = beta * monopoly_payoffs(norm.player1, norm.player2)
    floors2 = (1 - beta) * monopoly_payoffs(norm.player2, norm.player1)
    solution = HighsModel(lp.program(p1, p2, lp.payoff_objective(p1, None), floors1, floors2)).solve()
    return float((solution.objective - p1 @ floors1) * theory.unit / env.max_value)


class _Objective:
    """-Gap share of a parameter vector (:func:`strict_gap_share`), counting evaluations."""

    def __init__(self, types: int) -> None:
        self.types = types
        self.count = 0

    def __call__(self, z: np.ndarray) -> float:
        self.count += 1
        try:
            return -strict_gap_share(_decode(np.asarray(z, dtype=float), self.types))
        except BargainlabError:  # a degenerate point: never the best
            return 0.0


def _one_start(types: int, seed: np.random.SeedSequence, iterations: int) -> tuple[float, np.ndarray, int]:
    """Screen random points, refine the best by Nelder–Mead twice; (value, point, LPs)."""
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    rng = np.random.default_rng(seed)
    objective = _Objective(types)
    candidates = rng.normal(0.0, 1.5, (SCREENING, 4 * types + 1))
    scores = [objective(z) for z in candidates]
    z = candidates[int(np.argmin(scores))]
    value = float(min(scores))
    for _ in range(2):
        result = optimize.minimize(
            objective,
            z,
            method="Nelder-Mead",
            options={"maxfev": iterations // 2, "xatol": 1e-7, "fatol": 1e-12, "adaptive": True},
        )
        if result.fun < value:
            value, z = float(result.fun), np.asarray(result.x)
    return value, z, objective.count


def rationalised(env: TwoSidedEnvironment, denominator: int = RATIONAL_DENOMINATOR) -> Any:
    """``env`` with values, priors and β replaced by nearby fractions (an ``ExactEnvironment``).

    Values keep their order and the largest value stays 1; each prior's last probability is
    1 minus the others.

    Parameters
    ----------
    env
        A two-sided environment.
    denominator
        The largest denominator of the fractions (``Fraction.limit_denominator``).

    Returns
    -------
    ExactEnvironment
        The rationalised environment, ready for
        :func:`bargainlab.models.two_sided.exact.exact_gap`.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> env = two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.3, 0.6, bargaining_power=0.45)
    >>> point = rationalised(env, denominator=10)
    >>> [str(v) for v in point.values1], [str(p) for p in point.prior1], str(point.bargaining_power)
    (['1/10', '7/10'], ['7/10', '3/10'], '4/9')
    """
    from bargainlab.models.two_sided.exact import exact_environment, require_limit

    require_limit(check_environment(env))  # an exact point has no δ
    denominator = inputs.integer(denominator, "denominator", low=1, high=MAX_DENOMINATOR)

    def values(vs: tuple[float, ...]) -> list[Fraction]:
        out: list[Fraction] = []
        for v in vs:
            f = Fraction(v).limit_denominator(denominator)
            out.append(f if not out or f > out[-1] else out[-1] + Fraction(1, denominator))
        return out

    def prior(ps: tuple[float, ...]) -> list[Fraction]:
        head = [Fraction(p).limit_denominator(denominator) for p in ps[:-1]]
        last = 1 - sum(head, Fraction(0))
        if last < 0:  # rounding pushed the head above 1: take the excess from the largest entry
            k = max(range(len(head)), key=lambda i: head[i])
            head[k] += last
            last = Fraction(0)
        return [*head, last]

    return exact_environment(
        values(env.player1.values),
        values(env.player2.values),
        prior(env.player1.prior),
        prior(env.player2.prior),
        Fraction(env.bargaining_power).limit_denominator(denominator),
    )


def _certified(env: TwoSidedEnvironment, share: float) -> Any:
    """The exact Gap of a rationalisation of ``env``: the simplest (denominators up to
    RATIONAL_DENOMINATOR, then its square) whose exact Gap share is within ``CERTIFY_TOL`` of the
    float ``share``, else the float point read exactly (its decimals), else the closest."""
    from bargainlab.models.two_sided.exact import _from_float, exact_gap

    found = []
    for point in (
        rationalised(env, RATIONAL_DENOMINATOR),
        rationalised(env, RATIONAL_DENOMINATOR**2),
        _from_float(env),
    ):
        if point.theory_player != env.theory_player:  # rounding broke a tie of the lowest values
            continue
        try:
            result = exact_gap(point)
        except BargainlabError:  # pragma: no cover - a rounding that leaves the model
            continue
        if abs(float(result.gap_share) - share) <= CERTIFY_TOL:
            return result
        found.append(result)
    return min(found, key=lambda r: abs(float(r.gap_share) - share)) if found else None


def boundary_point(types: int) -> Any:
    """A point where the Gap with ``types`` types is exactly ((n-2)/(n-1))^(n-1) (n = ``types``).

    β = 0 and player 2 is known to have value 0 (its other types have probability 0); player 1
    has a type of value 0 with probability 0 (so that she has the lower low value) and n - 1
    types with the equal-revenue distribution of ratio ρ = (n-2)/(n-1): values ρ^(n-2), …, ρ, 1
    with P(v >= ρ^k) = ρ^(n-2-k). Player 2's monopoly price leaves player 1 the information rent
    E[v] - max_τ τ P(v >= τ) = ρ^(n-1), which is all Gap (player 1's floors are 0 at β = 0). For
    two types the rent is 0 — the paper's Gap = 0 at β ∈ {0, 1} — and it grows to 1/e.

    Parameters
    ----------
    types
        n, the number of types per player (>= 3).

    Returns
    -------
    ExactEnvironment
        The point, in fractions (its Gap is certified by
        :func:`bargainlab.models.two_sided.exact.exact_gap`).

    Examples
    --------
    >>> point = boundary_point(3)
    >>> [str(v) for v in point.values1], [str(p) for p in point.prior1], point.bargaining_power
    (['0', '1/2', '1'], ['0', '1/2', '1/2'], Fraction(0, 1))
    >>> from bargainlab.models.two_sided.exact import exact_gap
    >>> exact_gap(point).gap_share  # ((n-2)/(n-1))^(n-1) for n = 3
    Fraction(1, 4)
    """
    from bargainlab.models.two_sided.exact import exact_environment

    types = inputs.integer(types, "types", low=3, high=MAX_BOUNDARY_TYPES)
    m = types - 2
    rho = Fraction(m, m + 1)
    values1 = [Fraction(0)] + [rho ** (m - k) for k in range(m + 1)]
    survival = [rho**k for k in range(m + 1)] + [Fraction(0)]
    prior1 = [Fraction(0)] + [survival[k] - survival[k + 1] for k in range(m + 1)]
    values2 = [Fraction(0)] + [1 - Fraction(types - 1 - k, 100) for k in range(1, types)]
    prior2 = [Fraction(1)] + [Fraction(0)] * (types - 1)
    return exact_environment(values1, values2, prior1, prior2, 0)


def largest_gap(
    types: int,
    restarts: int = 20,
    iterations: int | None = None,
    seed: int = 0,
    *,
    workers: int = 1,
    certify: bool = True,
) -> GapSearchResult:
    """Maximise Gap / largest value over values, priors and β with ``types`` types per player.

    Parameters
    ----------
    types
        Types per player (>= 2).
    restarts
        Independent starts (screening plus two Nelder–Mead refinements each).
    iterations
        LPs per start's refinement (default ``ITERATIONS_PER_PARAMETER`` per parameter).
    seed
        Random seed (the result depends on it and on ``restarts``, not on ``workers``).
    workers
        Processes for the starts (1 runs them here).
    certify
        Certify the rationalised best point exactly (needs the ``exact`` extra).

    Returns
    -------
    GapSearchResult
        The best Gap share found, its environment, the running best after each start
        (``best_by_start``), the number of LPs and, with ``certify``, the exact Gap.

    Examples
    --------
    A tiny budget (one start, 20 LPs per refinement); a real search uses the defaults:

    >>> result = largest_gap(2, restarts=1, iterations=20, certify=False)
    >>> result.restarts, len(result.best_by_start), 0 <= result.gap_share <= 0.0625 + 1e-9
    (1, 1, True)
    """
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    types = inputs.integer(types, "types", low=2, high=MAX_SEARCH_TYPES)
    restarts = inputs.integer(restarts, "restarts", low=1, high=MAX_RESTARTS)
    if iterations is not None:
        iterations = inputs.integer(iterations, "iterations", low=1, high=MAX_ITERATIONS)
    workers = inputs.integer(workers, "workers", low=1, high=MAX_SEARCH_WORKERS)
    seed = inputs.integer(seed, "seed", low=0, high=inputs.MAX_SEED)
    if not isinstance(certify, bool):
        raise InvalidParameterError("certify", certify, "True or False")
    started = time.perf_counter()
    budget = iterations if iterations is not None else ITERATIONS_PER_PARAMETER * (4 * types + 1)
    seeds = np.random.SeedSequence(seed).spawn(restarts)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            runs = list(pool.map(_one_start, [types] * restarts, seeds, [budget] * restarts))
    else:
        runs = [_one_start(types, s, budget) for s in seeds]
    running = np.minimum.accumulate([value for value, _, _ in runs])
    best_value, best_z, _ = min(runs, key=lambda run: run[0])
    objective = _Objective(types)
    polish = optimize.minimize(
        objective, best_z, method="Powell", options={"maxfev": budget, "xtol": 1e-6, "ftol": 1e-12}
    )
    if polish.fun < best_value:
        best_value, best_z = float(polish.fun), np.asarray(polish.x)
    env = _decode(best_z, types)
    exact = None
    if certify:
        # the polished best, then the other starts' end points, until one is confirmed exactly
        candidates = [(best_value, best_z)] + sorted(((v, z) for v, z, _ in runs), key=lambda c: c[0])
        for share, z in candidates[:CERTIFIED_CANDIDATES]:
            point = _decode(z, types)
            exact = _certified(point, -share)
            if exact is not None and abs(float(exact.gap_share) + share) <= CERTIFY_TOL:
                env, best_value = point, share
                break
    return GapSearchResult(
        types=types,
        gap_share=-best_value,
        environment=env,
        evaluations=sum(count for _, _, count in runs) + objective.count,
        restarts=restarts,
        best_by_start=tuple(float(-v) for v in running),
        seconds=time.perf_counter() - started,
        exact=exact,
    )
