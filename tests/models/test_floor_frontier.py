"""The frontier inside the random monopoly floors: pinned or not (Pęski 2024 slides, erratum E10)."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.floor_frontier import floor_frontier_ends
from bargainlab.models.two_sided.outcome import gap


def test_l2_equal_h1_does_not_pin_the_payoffs():
    """E10: the 6.25% example has h1 = l2 = 1/2: the floors leave a segment of the frontier; player 1's
    end gives E = 3/8, player 2's end gives player 1 only its floor 5/16 (Gap = 1/16)."""
    ends = floor_frontier_ends(two_sided_environment([0.0, 0.5], [0.5, 1.0], 0.5, 0.5, 0.5))
    assert ends.best_for_1[0] == pytest.approx(0.375, abs=1e-9)
    assert ends.best_for_2[0] == pytest.approx(0.3125, abs=1e-9)
    assert ends.spread == pytest.approx(0.0625, abs=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_pinned_cases_and_the_gap(seed):
    """l1 = l2, h1 = h2, β ∈ {0, 1}, a known type: one point; player 1's end is E (the LP of (4.1))."""
    rng = np.random.default_rng(seed)
    a, b, c = np.sort(rng.uniform(0.05, 1.0, 3))
    p1, p2, beta = rng.uniform(0.05, 0.95, 3)
    for v1, v2, q1, q2, x in (
        ([a, b], [a, c], p1, p2, beta),  # l1 = l2
        ([a, c], [b, c], p1, p2, beta),  # h1 = h2
        ([a, c], [b, 1.0], p1, p2, 1.0),  # β = 1
        ([a, c], [b, 1.0], 1.0, p2, beta),  # player 1's type known
    ):
        env = two_sided_environment(v1, v2, q1, q2, x)
        ends = floor_frontier_ends(env)
        assert ends.spread < 1e-7
        assert ends.best_for_1[0] == pytest.approx(gap(env, method="lp").ex_ante_payoff, abs=1e-7)
