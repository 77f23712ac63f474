"""Closed forms of the gap for binary types (Pęski 2024, Propositions 1–2, Section 5.4).

All functions use the theory's labels: player 1 is the player with the lower low value
(l_1 <= l_2); p_i is the probability of the high type h_i and x = β is player 1's share.
They are vectorised over ``p1``, ``p2`` and ``x`` (NumPy broadcasting) for fast belief maps.

Cases (with l_1 <= l_2):

* h_1 >= h_2 or l_1 = l_2: the random-monopoly floors pin the outcome and the gap is 0
  (Section 4, after Theorem 2);
* l_1 < l_2 < h_1 < h_2: Proposition 1;
* l_1 < h_1 <= l_2 < h_2: Proposition 2 (at h_1 = l_2 both propositions agree).

Both propositions read E(p, x) = p_1 · x M_1(·; p_2) + f(p; x) Δ(x), Gap = f(p; x) Δ(x), with
f(p; x) = f_1(p_1; x) f_2(p_2). The printed Proposition 2 defines f_2 with a typo (p_i for p_2)
and omits the formula for E; the versions here are the ones verified against the LP
(``tests/models/two_sided/test_closed_form.py``; ``docs/errata.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.core.monopoly import monopoly_payoff

__all__ = [
    "BinaryValues",
    "TheoryPoint",
    "theory_point",
    "ordering",
    "p2_star",
    "p2_star_star",
    "p1_star",
    "f1",
    "f2",
    "delta_gap",
    "gap",
    "ex_ante_payoff",
]


@dataclass(frozen=True)
class BinaryValues:
    """Values of two binary players in the theory's labels (l1 <= l2 expected).

    Parameters
    ----------
    l1, h1, l2, h2
        Low and high values of players 1 and 2.
    """

    l1: float
    h1: float
    l2: float
    h2: float


@dataclass(frozen=True)
class TheoryPoint:
    """A binary environment in the theory's labels (player 1 has the lower low value).

    Attributes
    ----------
    values
        (l_1, h_1, l_2, h_2).
    p1, p2
        Probabilities of the high types.
    x
        The theory's player 1's bargaining power (share).
    swapped
        True when the theory's player 1 is the user's player 2.
    """

    values: BinaryValues
    p1: float
    p2: float
    x: float
    swapped: bool

    @property
    def gap_player(self) -> int:
        """The user's player who gets the gap."""
        return 2 if self.swapped else 1


def theory_point(env: TwoSidedEnvironment) -> TheoryPoint | None:
    """``env`` in the theory's labels, or ``None`` unless both players have two types."""
    if not env.is_binary:
        return None
    swapped = env.theory_player == 2
    theory = env.swapped() if swapped else env
    (l1, h1), (l2, h2) = theory.player1.values, theory.player2.values
    return TheoryPoint(
        BinaryValues(l1, h1, l2, h2),
        theory.player1.prior_high,
        theory.player2.prior_high,
        theory.bargaining_power,
        swapped,
    )


def ordering(v: BinaryValues) -> str:
    """Which closed form applies.

    Returns
    -------
    str
        ``"floors"`` when the gap is zero by the floors alone (h1 >= h2 or l1 = l2),
        ``"prop1"`` for l1 < l2 < h1 < h2, ``"prop2"`` for l1 < h1 <= l2 < h2.
    """
    if v.l1 > v.l2:
        raise ValueError("closed forms use the theory's labels: l1 <= l2 required")
    if v.h1 >= v.h2 or v.l1 == v.l2:
        return "floors"
    return "prop1" if v.l2 < v.h1 else "prop2"


def p2_star(v: BinaryValues) -> float:
    """p_2^* = (l_2 - l_1)/(h_2 - l_1): type l_1 is indifferent between prices l_2 and h_2."""
    return (v.l2 - v.l1) / (v.h2 - v.l1)


def p2_star_star(v: BinaryValues) -> float:
    """p_2^{**} = (l_2 - h_1)/(h_2 - h_1) (Proposition 2 only): h_1 indifferent between l_2 and h_2."""
    return (v.l2 - v.h1) / (v.h2 - v.h1)


def p1_star(v: BinaryValues, x: ArrayLike) -> np.ndarray:
    """p_1^*(x): x/(x + (1-x)(h_2-h_1)/(h_2-l_2)) in Proposition 1, x in Proposition 2."""
    x = np.asarray(x, dtype=float)
    if ordering(v) == "prop2":
        return x
    ratio = (v.h2 - v.h1) / (v.h2 - v.l2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x / (x + (1.0 - x) * ratio), 0.0)


def _tent(p: np.ndarray, peak: np.ndarray) -> np.ndarray:
    """min(p/peak, (1-p)/(1-peak)), the tent function peaking at ``peak`` (0 where undefined)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        up = np.where(peak > 0, p / peak, np.where(p > 0, 1.0, 0.0))
        down = np.where(peak < 1, (1.0 - p) / (1.0 - peak), np.where(p < 1, 1.0, 0.0))
    return np.clip(np.minimum(up, down), 0.0, 1.0)


def f1(v: BinaryValues, p1: ArrayLike, x: ArrayLike) -> np.ndarray:
    """f_1(p_1; x) = min(p_1/p_1^*(x), (1-p_1)/(1-p_1^*(x)))."""
    return _tent(np.asarray(p1, dtype=float), p1_star(v, x))


def f2(v: BinaryValues, p2: ArrayLike) -> np.ndarray:
    """f_2(p_2): the tent min(p_2/p_2^*, (1-p_2)/(1-p_2^*)) in Proposition 1; in Proposition 2
    max(0, min((p_2 - p_2^{**})/(p_2^* - p_2^{**}), (1-p_2)/(1-p_2^*)))."""
    p2 = np.asarray(p2, dtype=float)
    star = p2_star(v)
    if ordering(v) == "prop2":
        low = p2_star_star(v)
        up = (p2 - low) / (star - low)
        down = (1.0 - p2) / (1.0 - star)
        return np.clip(np.minimum(up, down), 0.0, 1.0)
    return _tent(p2, np.asarray(star))


def delta_gap(v: BinaryValues, x: ArrayLike) -> np.ndarray:
    """Δ(x), the largest gap (attained at p = (p_1^*(x), p_2^*)).

    Proposition 1: x(1-x) (h_2-l_2)/(h_2-l_1) · (h_2-h_1)/(h_2 - x l_2 - (1-x) h_1) · (l_2-l_1).
    Proposition 2: x(1-x) (h_2-l_2)(h_1-l_1)/(h_2-l_1).
    """
    x = np.asarray(x, dtype=float)
    case = ordering(v)
    if case == "floors":
        return np.zeros_like(x)
    if case == "prop2":
        return x * (1 - x) * (v.h2 - v.l2) * (v.h1 - v.l1) / (v.h2 - v.l1)
    return (
        x * (1 - x) * (v.h2 - v.l2) / (v.h2 - v.l1) * (v.h2 - v.h1) / (v.h2 - x * v.l2 - (1 - x) * v.h1) * (v.l2 - v.l1)
    )


def gap(v: BinaryValues, p1: ArrayLike, p2: ArrayLike, x: ArrayLike) -> np.ndarray:
    """Gap(p, x) = f_1(p_1; x) f_2(p_2) Δ(x) (eq. 4.2 via Propositions 1–2); 0 in the floors case."""
    if ordering(v) == "floors":
        return np.zeros(np.broadcast_shapes(np.shape(p1), np.shape(p2), np.shape(x)))
    return f1(v, p1, x) * f2(v, p2) * delta_gap(v, x)


def ex_ante_payoff(v: BinaryValues, p1: ArrayLike, p2: ArrayLike, x: ArrayLike) -> np.ndarray:
    """E(p, x) = p_1 · x M_1(·; p_2) + Gap(p, x) (eq. 4.1; Propositions 1–2)."""
    p1 = np.asarray(p1, dtype=float)
    p2 = np.asarray(p2, dtype=float)
    x = np.asarray(x, dtype=float)
    prior2 = np.stack([1.0 - p2, p2], axis=-1)
    m_low = monopoly_payoff(np.full(p2.shape, v.l1), (v.l2, v.h2), prior2)
    m_high = monopoly_payoff(np.full(p2.shape, v.h1), (v.l2, v.h2), prior2)
    floor = x * ((1.0 - p1) * m_low + p1 * m_high)
    return floor + gap(v, p1, p2, x)
