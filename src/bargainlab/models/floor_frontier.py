"""The interim-efficient payoffs that satisfy the random monopoly floors: one point or many?

Pęski's slides ("Random monopoly payoff bound") say Theorem 2's floors u_i(t_i) >= β_i M_i(t_i; p_-i)
pin the payoffs when β_i ∈ {0, 1}, a type is known, or l_1 = l_2, l_2 = h_1 or h_1 = h_2, "as
there is unique interim efficient allocation that satisfies the random monopoly condition".
:func:`floor_frontier_ends` computes the two ends of the interim-efficient frontier inside the
floors — the point best for player 1 (lexicographically: p_1·u_1, then p_2·u_2) and the point best
for player 2 — by two LPs with weights (p_1, ε p_2) and (ε p_1, p_2) (positive weights: both points
are Λ-optimal, hence interim efficient). The payoffs are pinned exactly when the two ends agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import monopoly_payoffs

__all__ = ["FloorFrontier", "floor_frontier_ends", "TIE_WEIGHT"]

#: The small weight ε on the other player's ex ante payoff (breaks ties towards efficiency).
TIE_WEIGHT = 1e-6


@dataclass(frozen=True)
class FloorFrontier:
    """Ex ante payoffs (p_1·u_1, p_2·u_2) at the two ends of the frontier within the floors."""

    best_for_1: tuple[float, float]
    best_for_2: tuple[float, float]

    @property
    def spread(self) -> float:
        """How far apart the ends are (0: the floors pin one interim-efficient point)."""
        return float(max(abs(a - b) for a, b in zip(self.best_for_1, self.best_for_2)))


def floor_frontier_ends(env: TwoSidedEnvironment) -> FloorFrontier:
    """The two ends of the interim-efficient frontier within the random monopoly floors (user's labels)."""
    beta1, beta2 = env.bargaining_powers
    lp = InterimLP(env.player1.values, env.player2.values)
    p1, p2 = env.player1.prior_array, env.player2.prior_array
    floors1 = beta1 * monopoly_payoffs(env.player1, env.player2)
    floors2 = beta2 * monopoly_payoffs(env.player2, env.player1)
    ends = []
    for w1, w2 in ((p1, TIE_WEIGHT * p2), (TIE_WEIGHT * p1, p2)):
        solution = HighsModel(lp.program(p1, p2, lp.payoff_objective(w1, w2), floors1, floors2)).solve()
        split = lp.split(solution.x, p1, p2)
        ends.append((float(p1 @ split.payoffs1), float(p2 @ split.payoffs2)))
    return FloorFrontier(ends[0], ends[1])
