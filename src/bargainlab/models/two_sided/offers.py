"""Offers that cannot be refused and information revelation (Pęski 2024, Section 5.2, Lemma 5).

Two computable properties of a mechanism m proposed by player i to player j = -i, for two types:

* **Definition 1 (cannot refuse given n = A_{i,x}).** For all beliefs p_i, p_j, q_j and every
  v ∈ A_{i,x}(p_i, q_j) — IC, feasible, budget-balanced payoffs under beliefs (p_i, q_j) giving
  the proposer at least x_i M_i(t_i; q_j) — some q_j-positive type t_j weakly prefers m:
  m_j(t_j | p) >= v_j(t_j). :func:`refusal_margin` solves, for one triple, the LP

      max s  s.t.  v ∈ A_{i,x}(p_i, q_j),  v_j(t_j) >= m_j(t_j | p) + s  for q_j(t_j) > 0,

  so that m cannot be refused at the triple iff the margin s* <= 0.

* **Closed under information revelation by player k** (I_k(m) = m, Lemma 1): no cheap-talk
  splitting of the beliefs about player k into posteriors q_a < p_k < q_b is an equilibrium
  with payoffs different from m(p). :func:`revelation_violation` checks every split of a grid.

Both work in the theory's labels (player 1: lower low value) with values normalised so that
the largest is 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel, LinearProgram
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.core.result import Result
from bargainlab.models.two_sided.closed_form import BinaryValues

__all__ = ["refusal_margin", "RevelationResult", "revelation_violation", "PayoffMap"]

#: A mechanism's interim payoffs at beliefs (p_1, p_2): (u_1(l_1), u_1(h_1), u_2(l_2), u_2(h_2)).
PayoffMap = Callable[..., Any]


def refusal_margin(
    values: BinaryValues,
    proposer: int,
    share: float,
    offer_payoffs: ArrayLike,
    proposer_belief: float,
    posterior: float,
) -> float:
    """The LP of Definition 1 at one triple: the most the responder's q-positive types can all
    gain over the offer by rejecting into A_{i,x} with beliefs ``posterior`` about them.

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2), theory labels.
    proposer
        i ∈ {1, 2}; the responder is j = 3 - i.
    share
        x_i, the proposer's share of her monopoly payoff guaranteed by A_{i,x}.
    offer_payoffs
        The responder's payoffs (low type, high type) in the offer m(p).
    proposer_belief
        p_i, the probability of the proposer's high type (unchanged by the rejection).
    posterior
        q_j, the probability of the responder's high type after the rejection.

    Returns
    -------
    float
        s*; the offer cannot be refused at this triple iff s* <= 0 (up to tolerance).
    """
    t1 = (values.l1, values.h1)
    t2 = (values.l2, values.h2)
    lp = InterimLP(t1, t2)
    if proposer == 1:
        prior1 = np.array([1 - proposer_belief, proposer_belief])
        prior2 = np.array([1 - posterior, posterior])
        floors1 = share * monopoly_payoff(np.array(t1), t2, prior2)
        floors2 = None
        responder_cols, responder_prior = lp.u2_cols, prior2
    else:
        prior1 = np.array([1 - posterior, posterior])
        prior2 = np.array([1 - proposer_belief, proposer_belief])
        floors1 = None
        floors2 = share * monopoly_payoff(np.array(t2), t1, prior1)
        responder_cols, responder_prior = lp.u1_cols, prior1
    base = lp.program(prior1, prior2, np.zeros(lp.num_cols), floors1, floors2)
    positive = [k for k in range(2) if responder_prior[k] > 0]
    # extra column s; rows v_j(t) - s >= offer_j(t) for positive types
    extra_rows = sp.lil_array((len(positive), lp.num_cols + 1))
    for r, k in enumerate(positive):
        extra_rows[r, responder_cols[k]] = 1.0
        extra_rows[r, lp.num_cols] = -1.0
    matrix = sp.vstack([sp.hstack([base.matrix, sp.csc_array((lp.num_rows, 1))]), extra_rows.tocsc()]).tocsc()
    objective = np.zeros(lp.num_cols + 1)
    objective[-1] = 1.0
    program = LinearProgram(
        objective=objective,
        matrix=matrix,
        row_lower=np.concatenate([base.row_lower, np.asarray(offer_payoffs, dtype=float)[positive]]),
        row_upper=np.concatenate([base.row_upper, np.full(len(positive), np.inf)]),
        col_lower=np.append(base.col_lower, -np.inf),  # s is free: very generous offers give s* << 0
        col_upper=np.append(base.col_upper, np.inf),
    )
    return HighsModel(program).solve().objective


@dataclass(frozen=True, repr=False)
class RevelationResult(Result):
    """Result of :func:`revelation_violation` at one belief point.

    Attributes
    ----------
    violation
        Largest payoff difference from m(p) among splits that are equilibria (0 if none).
    split
        The offending posteriors (q_a, q_b), or ``None``.
    beliefs
        The belief point (p_1, p_2) checked (theory labels).
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "posterior_grid"

    violation: float
    split: tuple[float, float] | None
    beliefs: tuple[float, float] = (0.0, 0.0)

    @property
    def parameters(self) -> dict[str, Any]:
        """The belief point checked."""
        return {"prior1": self.beliefs[0], "prior2": self.beliefs[1]}


def _split_is_equilibrium(
    low: tuple[float, float], high: tuple[float, float], q_a: float, q_b: float, tol: float
) -> bool:
    """Cheap-talk split into posteriors q_a < q_b about a binary player: the types' (low, high)
    payoffs at q_a and at q_b. Types that send both messages must be indifferent; a type that
    sends one message must weakly prefer it (Lemma 1's i-splitting)."""
    low_a, low_b = low
    high_a, high_b = high
    low_both = q_b < 1.0  # the low type sends b only if q_b < 1, and always sends a
    high_both = q_a > 0.0
    low_ok = abs(low_a - low_b) <= tol if low_both else low_a >= low_b - tol
    high_ok = abs(high_a - high_b) <= tol if high_both else high_b >= high_a - tol
    return low_ok and high_ok


def revelation_violation(
    payoffs: PayoffMap, player: int, prior1: float, prior2: float, grid: ArrayLike, tol: float = 1e-9
) -> RevelationResult:
    """Does cheap talk by ``player`` change the outcome of the mechanism at (p_1, p_2)?

    For every pair of posteriors q_a < p_k < q_b from ``grid`` (plus 0 and 1) about player k,
    checks whether the split is an equilibrium of the revelation game (Lemma 1) and, if so,
    how far its payoffs — player k's chosen payoffs, the other player's average over the
    posteriors — are from m(p). ``payoffs(prior1, prior2)`` returns (u_1(l_1), u_1(h_1), u_2(l_2), u_2(h_2)).
    """
    prior = prior1 if player == 1 else prior2
    here = np.asarray(payoffs(prior1, prior2), dtype=float)
    points = sorted({0.0, 1.0, *np.asarray(grid, dtype=float).tolist()})
    below = [q for q in points if q < prior]
    above = [q for q in points if q > prior]
    own = slice(0, 2) if player == 1 else slice(2, 4)
    other = slice(2, 4) if player == 1 else slice(0, 2)
    worst = RevelationResult(0.0, None, (float(prior1), float(prior2)))
    for q_a in below:
        at_a = np.asarray(payoffs(q_a, prior2) if player == 1 else payoffs(prior1, q_a), dtype=float)
        for q_b in above:
            at_b = np.asarray(payoffs(q_b, prior2) if player == 1 else payoffs(prior1, q_b), dtype=float)
            low = (at_a[own][0], at_b[own][0])
            high = (at_a[own][1], at_b[own][1])
            if not _split_is_equilibrium(low, high, q_a, q_b, tol):
                continue
            weight_b = (prior - q_a) / (q_b - q_a)
            induced = np.empty(4)
            induced[own] = [low[0], high[1]]  # the low type always sends a, the high type always b
            induced[other] = weight_b * at_b[other] + (1 - weight_b) * at_a[other]
            gap = float(np.max(np.abs(induced - here)))
            if gap > worst.violation:
                worst = RevelationResult(gap, (q_a, q_b), (float(prior1), float(prior2)))
    return worst
