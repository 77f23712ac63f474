"""Pęski (2024), after Theorem 3: player 1's interim payoffs are pinned only ex ante (erratum E11)."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided.claims import draw_point
from bargainlab.models.two_sided.outcome import gap, solve


def test_player_one_payoffs_are_a_range_at_the_example():
    """l = (0.1, 0.3), h = (0.6, 1), p = (0.3, 0.5), β = 1/2: a range for player 1, one point for player 2."""
    env = two_sided_environment([0.1, 0.6], [0.3, 1.0], 0.3, 0.5, 0.5)
    out = solve(env)
    low, high = out.payoffs[0]
    assert low.low == pytest.approx(0.275, abs=1e-7) and low.high == pytest.approx(0.287245, abs=1e-6)
    assert high.high - high.low > 0.02
    assert all(u.high - u.low < 1e-7 for u in out.payoffs[1])  # player 2 is pinned (Theorem 3)
    # both ends give player 1 the same ex ante payoff E: the range is a segment of slope −(1 − p₁)/p₁
    e = gap(env, method="lp").ex_ante_payoff
    assert 0.7 * low.low + 0.3 * high.high == pytest.approx(e, abs=1e-7)
    assert 0.7 * low.high + 0.3 * high.low == pytest.approx(e, abs=1e-7)


def test_non_uniqueness_has_positive_probability():
    """Random draws of both orderings: player 1's range has positive width in a positive share of them."""
    rng = np.random.default_rng(1)
    widths = []
    for _ in range(16):
        values, p1, p2, x = draw_point(rng)
        out = solve(two_sided_environment([values.l1, values.h1], [values.l2, values.h2], p1, p2, x))
        widths.append(max(u.high - u.low for u in out.payoffs[0]))
    assert sum(w > 1e-6 for w in widths) >= 4
