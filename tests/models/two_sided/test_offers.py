"""Definition 1 (offers that cannot be refused) and information revelation, on known cases."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.offers import refusal_margin, revelation_violation

V = BinaryValues(l1=0.1, h1=0.4, l2=0.6, h2=1.0)


def test_giving_the_responder_nothing_is_refusable():
    """An offer of 0 to both responder types is refused: rejecting into A_{1,x} with any belief
    leaves player 2 at least (1 - x)·l2 > 0 (e.g. keep the good, pay x M1)."""
    margin = refusal_margin(V, proposer=1, share=0.5, offer_payoffs=(0.0, 0.0), proposer_belief=0.5, posterior=0.5)
    assert margin > 0.2


def test_floor_offer_is_exactly_unrefusable_at_a_known_type():
    """With the responder's type known (posterior 0: l2), the best continuation in A_{1,x} gives
    l2 exactly (1 - x)·E[max(t1, l2)] = (1 - x)·l2 here (h1 < l2): the margin is 0."""
    margin = refusal_margin(V, 1, 0.5, ((1 - 0.5) * V.l2, 0.0), 0.3, 0.0)
    assert margin == pytest.approx(0.0, abs=1e-9)
    assert refusal_margin(V, 1, 0.5, ((1 - 0.5) * V.l2 - 0.01, 0.0), 0.3, 0.0) == pytest.approx(0.01, abs=1e-9)


def test_refusal_margin_for_player_two_as_proposer():
    """Proposer 2, responder 1: offering player 1 everything (the whole first best) is unrefusable."""
    assert refusal_margin(V, 2, 0.5, (10.0, 10.0), 0.5, 0.5) < -8.0


def _constant(p1, p2):
    return np.array([0.1, 0.2, 0.3, 0.4])


def test_revelation_detects_profitable_splits():
    """If both types of player 2 gain from a higher posterior, full separation (q = 0, 1) is an
    equilibrium for the high type but the low type would not reveal itself; a split where the
    low type is indifferent is found when payoffs move in opposite directions."""

    # a mechanism where the high type gains and the low type loses from being believed high:
    # full separation is an equilibrium and changes the payoffs
    def opposite(p1, p2):
        return np.array([0.0, 0.0, 0.3 - 0.1 * p2, 0.5 + 0.3 * p2])

    check = revelation_violation(opposite, 2, 0.4, 0.5, np.linspace(0.05, 0.95, 19))
    assert check.violation > 0.05 and check.split == (0.0, 1.0)
    assert revelation_violation(_constant, 2, 0.4, 0.5, np.linspace(0.05, 0.95, 19)).violation <= 1e-12


def test_single_crossing_in_the_d2_direction_is_closed():
    """App. D.2: if a higher posterior raises the low type's payoff and lowers the high type's,
    no split is an equilibrium."""

    def d2(p1, p2):
        return np.array([0.0, 0.0, 0.3 + 0.1 * p2, 0.7 - 0.2 * p2])

    assert revelation_violation(d2, 2, 0.4, 0.5, np.linspace(0.05, 0.95, 19)).violation <= 1e-12
