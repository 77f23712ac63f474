"""The paper's computable claims, each tested over parameter draws (Pęski 2024).

Every claim is a function ``claim(rng, samples) -> ClaimResult``: it draws parameters,
measures a *violation* (>= 0; 0 when the claim holds exactly) at each draw with an independent
method — usually the interim LP — and reports the worst draw. A claim passes when its worst
violation is within its tolerance. Claims about a mechanism take the mechanism as an argument
(``mechanisms.a1``/``a2`` by default), so that a deliberately broken mechanism is caught.

Binary draws are in the theory's labels (l_1 < l_2) with the largest value h_2 = 1; claims
beyond two types are labelled as exploration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import solve as solve_lp
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.core.result import Result
from bargainlab.models.two_sided import closed_form, mechanisms
from bargainlab.models.two_sided.claim_errata import erratum_of, verdict
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.offers import refusal_margin, revelation_violation
from bargainlab.models.two_sided.outcome import GAP_BOUND_SHARE, gap, solve
from bargainlab.tolerances import CLOSED_FORM_TOL, CONSTRAINT_TOL, UNIQUE_TOL

__all__ = ["ClaimResult", "Mechanism", "BINARY_CLAIMS", "beyond_claims"]

#: A mechanism family: (values, p1, p2, x) -> MechanismResult.
Mechanism = Callable[[BinaryValues, float, float, float], mechanisms.MechanismResult]

#: Smallest distance between drawn values and from 0/1 for drawn probabilities: keeps the
#: draws inside the zones' interiors often enough while still covering the boundaries.
_EDGE = 1e-3


@dataclass(frozen=True, repr=False)
class ClaimResult(Result):
    """The outcome of one claim over its draws.

    Attributes
    ----------
    claim
        The statement tested.
    source
        Where it comes from (theorem, lemma, proposition, equation, table).
    draws
        Number of parameter draws tested.
    worst
        The largest violation found (0 means the claim holds exactly at every draw).
    tolerance
        Violations up to this count as numerical noise.
    counterexample
        Parameters of the worst draw (JSON-safe), reported whether or not the claim passes.
    exploration
        True for claims tested beyond the paper's assumptions (more than two types).
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "random_draws"
    extra_fields: ClassVar[tuple[str, ...]] = ("status", "erratum", "verdict")
    summary_fields: ClassVar[tuple[str, ...]] = ("claim", "draws", "worst", "status")

    claim: str
    source: str
    draws: int
    worst: float
    tolerance: float
    counterexample: dict[str, Any] | None = field(default=None)
    exploration: bool = False
    name: str = ""

    @property
    def erratum(self) -> str | None:
        """The ``docs/errata.md`` id the claim depends on (``claim_errata``; ``None``: verified as printed)."""
        return erratum_of(self.name)

    @property
    def verdict(self) -> str:
        """``"PASS"``, ``"FAIL as printed"`` (a failure the errata record) or ``"FAIL (unexpected)"``."""
        return verdict(self.name, self.passed)

    @property
    def passed(self) -> bool:
        """Whether the worst violation is within tolerance."""
        return self.worst <= self.tolerance

    @property
    def status(self) -> str:
        """``"PASS"`` or ``"FAIL"``."""
        return "PASS" if self.passed else "FAIL"

    @property
    def parameters(self) -> dict[str, Any]:
        """The claim's test settings: number of draws and tolerance."""
        return {"draws": self.draws, "tolerance": self.tolerance}


def _result(
    claim: str, source: str, tol: float, trials: list[tuple[float, dict[str, Any]]], exploration: bool = False
) -> ClaimResult:
    worst, where = max(trials, key=lambda item: item[0]) if trials else (0.0, None)
    return ClaimResult(claim, source, len(trials), float(max(worst, 0.0)) + 0.0, tol, _plain(where), exploration)


def _plain(value: Any) -> Any:
    """NumPy scalars and tuples inside a worst case turned into plain JSON types."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


# ---------------------------------------------------------------------------- draws
def draw_values(rng: np.random.Generator, case: str) -> BinaryValues:
    """Values with h_2 = 1 in the ordering ``case`` ("prop1": l1<l2<h1<h2, "prop2": l1<h1<l2<h2)."""
    while True:
        a, b, c = np.sort(rng.uniform(0.0, 1.0, 3))
        if min(b - a, c - b, 1.0 - c) > _EDGE:
            break
    if case == "prop1":
        return BinaryValues(l1=a, h1=c, l2=b, h2=1.0)
    return BinaryValues(l1=a, h1=b, l2=c, h2=1.0)


def draw_point(rng: np.random.Generator) -> tuple[BinaryValues, float, float, float]:
    """Values in a random ordering, beliefs and share in [EDGE, 1 - EDGE]."""
    values = draw_values(rng, "prop1" if rng.random() < 0.5 else "prop2")
    p1, p2, x = rng.uniform(_EDGE, 1.0 - _EDGE, 3)
    return values, float(p1), float(p2), float(x)


def _params(values: BinaryValues, p1: float, p2: float, x: float, **extra: Any) -> dict[str, Any]:
    """A draw under the vocabulary's keys: the theory labels, ``prior1``, ``prior2``, ``share``."""
    return {
        "l1": values.l1,
        "h1": values.h1,
        "l2": values.l2,
        "h2": values.h2,
        "prior1": p1,
        "prior2": p2,
        "share": x,
        **extra,
    }


def _env(values: BinaryValues, p1: float, p2: float, x: float):
    return two_sided_environment([values.l1, values.h1], [values.l2, values.h2], p1, p2, x)


# ---------------------------------------------------------------------------- closed forms
def _proposition(case: str, name: str) -> Callable[[np.random.Generator, int], ClaimResult]:
    def claim(rng: np.random.Generator, samples: int) -> ClaimResult:
        trials = []
        for _ in range(samples):
            values = draw_values(rng, case)
            p1, p2, x = (float(v) for v in rng.uniform(0.0, 1.0, 3))
            env = _env(values, p1, p2, x)
            by_lp = gap(env, method="lp").ex_ante_payoff
            by_formula = float(closed_form.ex_ante_payoff(values, p1, p2, x))
            trials.append((abs(by_lp - by_formula), _params(values, p1, p2, x, lp=by_lp, closed_form=by_formula)))
        ordering_text = "l1 < l2 < h1 < h2" if case == "prop1" else "l1 < h1 < l2 < h2"
        return _result(
            f"E(p, x) = p1·x M1 + f(p; x) Δ(x) equals the LP of (4.1) ({ordering_text})",
            f"{name}, eq. (4.1)",
            CLOSED_FORM_TOL,
            trials,
        )

    return claim


def gap_bound(rng: np.random.Generator, samples: int) -> ClaimResult:
    """Gap <= 6.25% h_2 over random draws, plus the point where the bound is attained."""
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        g = gap(_env(values, p1, p2, x), method="lp").gap
        trials.append((g - GAP_BOUND_SHARE, _params(values, p1, p2, x, gap=g)))
    result = _result("Gap(p) <= 6.25% of h2 (two types)", "Section 4", CLOSED_FORM_TOL, trials)
    return result


def gap_bound_attained(rng: np.random.Generator, samples: int) -> ClaimResult:
    """The bound is tight: l1 = 0, h1 = l2 = h2/2, x = p1 = p2 = 1/2 gives Gap = h2/16 (LP)."""
    values = BinaryValues(0.0, 0.5, 0.5, 1.0)
    g = gap(_env(values, 0.5, 0.5, 0.5), method="lp").gap
    return _result(
        "the 6.25% bound is attained at l1 = 0, h1 = l2 = h2/2, x = p1 = p2 = 1/2",
        "Section 4 (Δ(1/2) of Prop. 2)",
        CLOSED_FORM_TOL,
        [(abs(g - GAP_BOUND_SHARE), _params(values, 0.5, 0.5, 0.5, gap=g))],
    )


def gap_zero_cases(rng: np.random.Generator, samples: int) -> ClaimResult:
    """No gap when h1 >= h2, β ∈ {0, 1}, a type is known, or l1 = l2 (LP)."""
    trials = []
    for k in range(samples):
        values, p1, p2, x = draw_point(rng)
        case = k % 5
        if case == 0:  # h1 > h2: swap the high values' order
            values = BinaryValues(values.l1, 1.0, values.l2, max(values.h1, values.l2 + _EDGE))
        elif case == 1:
            x = float(k % 2)
        elif case == 2:
            p1 = float(k % 2)
        elif case == 3:
            p2 = float(k % 2)
        else:
            values = BinaryValues(values.l1, values.h1, values.l1, values.h2)
        g = gap(_env(values, p1, p2, x), method="lp").gap
        trials.append((abs(g), _params(values, p1, p2, x, gap=g)))
    return _result(
        "Gap = 0 when h1 >= h2, β ∈ {0, 1}, a type is known, or l1 = l2", "Section 4; slides", CLOSED_FORM_TOL, trials
    )


# ---------------------------------------------------------------------------- Theorem 3
def _identifiable(values: BinaryValues, a: int, b: int) -> bool:
    """Profiles where the allocation matters for welfare (no tie, no zero value)."""
    t1 = (values.l1, values.h1)[a]
    t2 = (values.l2, values.h2)[b]
    return abs(t1 - t2) > _EDGE and min(t1, t2) > _EDGE


def theorem3_uniqueness(rng: np.random.Generator, samples: int) -> list[ClaimResult]:
    """Thm 3: the allocation and player 2's interim payoffs are unique over the optimal set."""
    allocation, payoffs2 = [], []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        out = solve(_env(values, p1, p2, x))
        widths = [
            out.allocation[0][a][b].high - out.allocation[0][a][b].low
            for a in range(2)
            for b in range(2)
            if _identifiable(values, a, b)
        ]
        allocation.append((max(widths, default=0.0), _params(values, p1, p2, x)))
        payoffs2.append((max(u.high - u.low for u in out.payoffs[1]), _params(values, p1, p2, x)))
    return [
        _result(
            "the allocation is unique over the optimal set of (4.1) (profiles of distinct positive values, E11)",
            "Theorem 3",
            UNIQUE_TOL,
            allocation,
        ),
        _result(
            "player 2's interim payoffs are unique over the optimal set of (4.1)", "Theorem 3", UNIQUE_TOL, payoffs2
        ),
    ]


# ---------------------------------------------------------------------------- mechanisms
def _cell_violations(m: mechanisms.MechanismResult) -> float:
    """Largest violation of IC, allocation bounds and the cells-to-payoffs identities."""
    v = m.values
    t1, t2 = np.array([v.l1, v.h1]), np.array([v.l2, v.h2])
    w1, w2 = np.array([1 - m.beliefs[0], m.beliefs[0]]), np.array([1 - m.beliefs[1], m.beliefs[1]])
    q, tau = m.allocation, m.transfers
    reports1 = (q * t1[:, None, None] + tau[None, :, :]) @ w2  # [true type, report]
    reports2 = np.einsum("a,tab->tb", w1, (1 - q)[None] * t2[:, None, None] - tau[None])  # [true, report]
    ic = max(float((reports1 - np.diag(reports1)[:, None]).max()), float((reports2 - np.diag(reports2)[:, None]).max()))
    bounds = max(0.0, float(-q.min()), float(q.max() - 1))
    consistency = max(
        float(np.abs(np.diag(reports1) - m.payoffs1).max()), float(np.abs(np.diag(reports2) - m.payoffs2).max())
    )
    return max(ic, bounds, consistency)


def _lambda_gap(m: mechanisms.MechanismResult) -> float:
    """How far m's payoffs are from maximising Λ-weighted welfare over U(p) (0 if Λ-optimal)."""
    v = m.values
    L1, L2 = m.weights
    if not (0.0 <= L1 <= 1.0 and 0.0 <= L2 <= 1.0):
        return float("inf")
    lp = InterimLP((v.l1, v.h1), (v.l2, v.h2))
    w1, w2 = np.array([1 - m.beliefs[0], m.beliefs[0]]), np.array([1 - m.beliefs[1], m.beliefs[1]])
    weights1, weights2 = np.array([1 - L1, L1]), np.array([1 - L2, L2])
    best = solve_lp(lp.program(w1, w2, lp.payoff_objective(weights1, weights2))).objective
    return float(best - (weights1 @ m.payoffs1 + weights2 @ m.payoffs2))


def a2_tables(rng: np.random.Generator, samples: int, mechanism: Mechanism = mechanisms.a2) -> ClaimResult:
    """Tables 1–2: a²'s cells are IC and budget balanced, attain E, and match the LP's unique
    allocation and player 2 payoffs; Λ-optimal with the tables' weights."""
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        m = mechanism(values, p1, p2, x)
        out = solve(_env(values, p1, p2, x))
        ex_ante = float(np.array([1 - p1, p1]) @ m.payoffs1)
        violation = max(
            _cell_violations(m),
            abs(ex_ante - out.ex_ante_payoff),
            max(abs(m.payoffs2[k] - out.payoffs[1][k].mid) for k in range(2)),
            max(
                abs(m.allocation[a, b] - out.allocation[0][a][b].mid)
                for a in range(2)
                for b in range(2)
                if _identifiable(values, a, b)
            ),
            _lambda_gap(m),
        )
        trials.append((violation, _params(values, p1, p2, x, zone=m.zone)))
    return _result(
        "a²(x): cells IC and balanced; p1·a²_1 = E; a²_2 and the allocation equal the LP's; Λ-optimal",
        "Tables 1–2; Prop. 5–6; Thm 3",
        CONSTRAINT_TOL,
        trials,
    )


def a1_tables(rng: np.random.Generator, samples: int, mechanism: Mechanism = mechanisms.a1) -> ClaimResult:
    """Tables 3–4: a¹'s cells are IC and balanced, player 1 gets exactly x M_1, Λ-optimal."""
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        m = mechanism(values, p1, p2, x)
        floors1 = x * monopoly_payoff(np.array([values.l1, values.h1]), (values.l2, values.h2), [1 - p2, p2])
        violation = max(_cell_violations(m), float(np.abs(m.payoffs1 - floors1).max()), _lambda_gap(m))
        trials.append((violation, _params(values, p1, p2, x, zone=m.zone)))
    return _result(
        "a¹(x): cells IC and balanced; player 1 gets exactly x·M1; Λ-optimal", "Tables 3–4", CONSTRAINT_TOL, trials
    )


def equation_5_1(rng: np.random.Generator, samples: int, mechanism: Mechanism = mechanisms.a2) -> ClaimResult:
    """(5.1)–(5.2) as corrected: player 1's payoffs in a² and p1·a²_1 = E."""
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        m = mechanism(values, p1, p2, x)
        low, high = mechanisms.a2_player_one_payoffs(values, p1, p2, x)
        e_value = float(closed_form.ex_ante_payoff(values, p1, p2, x))
        violation = max(
            abs(float(low) - m.payoffs1[0]),
            abs(float(high) - m.payoffs1[1]),
            abs((1 - p1) * m.payoffs1[0] + p1 * m.payoffs1[1] - e_value),
        )
        trials.append((violation, _params(values, p1, p2, x, zone=m.zone)))
    return _result(
        "a²'s player-1 payoffs follow (5.1) (corrected) and p1·a²_1(p) = E1(p, x) (5.2)",
        "eqs. (5.1)–(5.2)",
        CONSTRAINT_TOL,
        trials,
    )


def lemma5_floors(rng: np.random.Generator, samples: int) -> ClaimResult:
    """Lemma 5(1): a¹(x) ⊆ A_{1,x} and a²(x) ⊆ A_{2,1-x} (proposer at least her share of M)."""
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        t1, t2 = np.array([values.l1, values.h1]), np.array([values.l2, values.h2])
        floors1 = x * monopoly_payoff(t1, t2, [1 - p2, p2])
        floors2 = (1 - x) * monopoly_payoff(t2, t1, [1 - p1, p1])
        short = max(
            float((floors1 - mechanisms.a1(values, p1, p2, x).payoffs1).max()),
            float((floors2 - mechanisms.a2(values, p1, p2, x).payoffs2).max()),
        )
        trials.append((short, _params(values, p1, p2, x)))
    return _result("a¹(x) ⊆ A_{1,x} and a²(x) ⊆ A_{2,1-x}", "Lemma 5 (1)", CONSTRAINT_TOL, trials)


def lemma5_cannot_refuse(
    rng: np.random.Generator, samples: int, name: str = "a1", mechanism: Mechanism | None = None
) -> ClaimResult:
    """Lemma 5(2), Definition 1: the responder cannot refuse given the proposer's A_{i,x}.

    One LP per triple (p_i, p_j, q_j): the largest gain all q_j-positive responder types can get
    by rejecting into A_{i,x}(p_i, q_j); the claim holds iff it is <= 0.
    """
    family = mechanism or (mechanisms.a1 if name == "a1" else mechanisms.a2)
    proposer = 1 if name == "a1" else 2
    trials = []
    for k in range(samples):
        values, p1, p2, x = draw_point(rng)
        posterior = float(rng.uniform(0.0, 1.0)) if k % 4 else float(k % 8 == 0)
        m = family(values, p1, p2, x)
        offer = m.payoffs2 if proposer == 1 else m.payoffs1
        share = x if proposer == 1 else 1.0 - x
        proposer_belief = p1 if proposer == 1 else p2
        margin = refusal_margin(values, proposer, share, offer, proposer_belief, posterior)
        trials.append((margin, _params(values, p1, p2, x, posterior=posterior, zone=m.zone)))
    responder = 3 - proposer
    continuation = "A_{1,x}" if proposer == 1 else "A_{2,1-x}"
    return _result(
        f"{name}(x) is an offer player {responder} cannot refuse given {continuation} (LP per triple)",
        "Lemma 5 (2); Definition 1",
        CONSTRAINT_TOL,
        trials,
    )


def lemma5_revelation(rng: np.random.Generator, samples: int, name: str, player: int, source: str) -> ClaimResult:
    """Closure under cheap talk by ``player``: no split of the beliefs about them changes m(p)."""
    family = mechanisms.a1 if name == "a1" else mechanisms.a2
    grid = np.linspace(0.02, 0.98, 17)
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)

        def payoffs(a: float, b: float, values=values, x=x) -> np.ndarray:
            m = family(values, a, b, x)
            return np.concatenate([m.payoffs1, m.payoffs2])

        check = revelation_violation(payoffs, player, p1, p2, grid)
        trials.append((check.violation, _params(values, p1, p2, x, split=check.split)))
    return _result(
        f"{name}(x) is closed under information revelation by player {player}", source, CONSTRAINT_TOL, trials
    )


def a2_convexity(rng: np.random.Generator, samples: int, direction: int, player_type: str, source: str) -> ClaimResult:
    """Player 1's payoff a²_1(t_1) is convex in p_direction (second differences on a grid)."""
    grid = np.linspace(0.01, 0.99, 99)
    trials = []
    for _ in range(samples):
        values, p1, p2, x = draw_point(rng)
        if direction == 1:
            low, high = mechanisms.a2_player_one_payoffs(values, grid, np.full_like(grid, p2), x)
        else:
            low, high = mechanisms.a2_player_one_payoffs(values, np.full_like(grid, p1), grid, x)
        curve = low if player_type == "l1" else high
        second = curve[:-2] - 2 * curve[1:-1] + curve[2:]  # >= 0 everywhere for a convex function
        k = int(np.argmin(second))
        fixed = {"prior2": p2} if direction == 1 else {"prior1": p1}
        trials.append(
            (
                float(-second[k]),
                {
                    "l1": values.l1,
                    "h1": values.h1,
                    "l2": values.l2,
                    "h2": values.h2,
                    "share": x,
                    **fixed,
                    f"prior{direction}_at_kink": float(grid[k + 1]),
                },
            )
        )
    return _result(f"a²_1({player_type}; x; p1, p2) is convex in p{direction}", source, CONSTRAINT_TOL, trials)


#: The default certificate for two types: (name, function(rng, samples) -> ClaimResult or list, sample share).
BINARY_CLAIMS: tuple[tuple[str, Callable[..., Any], float], ...] = (
    ("prop1", _proposition("prop1", "Proposition 1"), 1.0),
    ("prop2", _proposition("prop2", "Proposition 2"), 1.0),
    ("gap_bound", gap_bound, 1.0),
    ("gap_bound_attained", gap_bound_attained, 0.0),
    ("gap_zero", gap_zero_cases, 0.5),
    ("theorem3", theorem3_uniqueness, 0.25),
    ("a2_tables", a2_tables, 0.25),
    ("a1_tables", a1_tables, 0.5),
    ("eq_5_1", equation_5_1, 1.0),
    ("lemma5_floors", lemma5_floors, 1.0),
    ("lemma5_refuse_a1", lambda rng, n: lemma5_cannot_refuse(rng, n, "a1"), 0.5),
    ("lemma5_refuse_a2", lambda rng, n: lemma5_cannot_refuse(rng, n, "a2"), 0.5),
    (
        "revelation_a1_by_2",
        lambda rng, n: lemma5_revelation(rng, n, "a1", 2, "Lemma 5 (3); App. D.2; Section 5.5"),
        0.2,
    ),
    ("revelation_a2_by_1", lambda rng, n: lemma5_revelation(rng, n, "a2", 1, "App. D.2 (the responder)"), 0.2),
    (
        "revelation_a2_by_2",
        lambda rng, n: lemma5_revelation(rng, n, "a2", 2, "Lemma 5 (3) as printed; Section 5.5"),
        0.2,
    ),
    ("revelation_a1_by_1", lambda rng, n: lemma5_revelation(rng, n, "a1", 1, "Lemma 5 (3) as printed (player i)"), 0.2),
    ("convex_p2_l1", lambda rng, n: a2_convexity(rng, n, 2, "l1", "Section 5.5"), 0.25),
    ("convex_p2_h1", lambda rng, n: a2_convexity(rng, n, 2, "h1", "Section 5.5"), 0.25),
    ("convex_p1_l1", lambda rng, n: a2_convexity(rng, n, 1, "l1", "Lemma 5, last sentence"), 0.25),
    ("convex_p1_h1", lambda rng, n: a2_convexity(rng, n, 1, "h1", "Lemma 5, last sentence"), 0.25),
)


# ---------------------------------------------------------------------------- beyond the paper
def _random_environment(rng: np.random.Generator, types: int):
    values1 = np.sort(rng.choice(np.linspace(0.0, 1.0, 1001), types, replace=False))
    values2 = np.sort(rng.choice(np.linspace(0.0, 1.0, 1001), types, replace=False))
    return two_sided_environment(
        values1.tolist(),
        values2.tolist(),
        rng.dirichlet(np.ones(types)).tolist(),
        rng.dirichlet(np.ones(types)).tolist(),
        float(rng.uniform()),
    )


def beyond_claims(types: int) -> tuple[tuple[str, Callable[..., Any], float], ...]:
    """The claims that make sense for ``types`` types per player (exploration beyond the paper)."""

    def bound(rng: np.random.Generator, samples: int) -> ClaimResult:
        trials = []
        for _ in range(samples):
            env = _random_environment(rng, types)
            g = gap(env, method="lp").gap / env.max_value
            trials.append((g - GAP_BOUND_SHARE, {**env.to_dict(), "gap_share": g}))
        return _result(
            f"Gap <= 6.25% of the largest value with {types} types",
            "exploration (Section 4's bound)",
            CLOSED_FORM_TOL,
            trials,
            exploration=True,
        )

    def unique(rng: np.random.Generator, samples: int) -> list[ClaimResult]:
        allocation, payoffs2 = [], []
        for _ in range(samples):
            env = _random_environment(rng, types)
            out = solve(env)
            other = 2 - out.gap_player
            v1, v2 = env.player1.values, env.player2.values
            widths = [
                out.allocation[0][a][b].high - out.allocation[0][a][b].low
                for a in range(len(v1))
                for b in range(len(v2))
                if abs(v1[a] - v2[b]) > _EDGE and min(v1[a], v2[b]) > _EDGE  # welfare-relevant profiles
            ]
            allocation.append((max(widths, default=0.0), env.to_dict()))
            payoffs2.append((max(u.high - u.low for u in out.payoffs[other]), env.to_dict()))
        return [
            _result(
                f"the allocation is unique with {types} types",
                "exploration (Theorem 3)",
                UNIQUE_TOL,
                allocation,
                exploration=True,
            ),
            _result(
                f"the other player's payoffs are unique with {types} types",
                "exploration (Theorem 3)",
                UNIQUE_TOL,
                payoffs2,
                exploration=True,
            ),
        ]

    return ((f"gap_bound_{types}", bound, 1.0), (f"uniqueness_{types}", unique, 0.25))
