"""Closed forms of the gap for binary types (Pęski 2024, Propositions 1–2, Section 5.4).

All functions use the theory's labels: player 1 is the player with the lower low value
(l_1 <= l_2; :mod:`bargainlab.models.two_sided.theory` puts a point in them); p_i is the
probability of the high type h_i and x = β is player 1's share.

The formulas are written once, in :func:`floor_and_gap`, elementwise over arrays of values,
beliefs and shares (the case is selected per element; numbers shared by all points decide
their case once). :func:`solve <bargainlab.models.two_sided.solve>`'s check, :func:`gap
<bargainlab.models.two_sided.gap>`, the belief maps and the figures all use it; the functions
taking :class:`BinaryValues` (``gap``, ``ex_ante_payoff``, ``f1``, ...) are thin wrappers for one
set of values.

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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "BinaryValues",
    "floor_and_gap",
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


# ---------------------------------------------------------------------------- the formulas, once
def floor_and_gap(
    l1: ArrayLike, h1: ArrayLike, l2: ArrayLike, h2: ArrayLike, p1: ArrayLike, p2: ArrayLike, x: ArrayLike
) -> tuple[Any, Any]:
    """(p_1 · x M_1(·; p_2), Gap(p, x)) of Propositions 1–2, elementwise; E is their sum (eq. 4.1).

    Every argument broadcasts (theory labels, l1 <= l2). The binary monopoly payoff is
    M_1(t; p_2) = max(l_2, t + p_2 max(h_2 - t, 0)) (eq. 3.2): price l_2 sells surely, price h_2
    sells with probability p_2, keeping gives t. Gap = f_1(p_1; x) f_2(p_2) Δ(x), 0 when h_1 >= h_2
    or l_1 = l_2 (the floors pin the outcome).

    Examples
    --------
    >>> [float(a) for a in floor_and_gap(0.0, 0.5, 0.5, 1.0, 0.5, 0.5, 0.5)]
    [0.3125, 0.0625]
    """
    return _floor_and_gap(*(_number_or_array(a) for a in (l1, h1, l2, h2, p1, p2, x)))


def _floor_and_gap(l1: Any, h1: Any, l2: Any, h2: Any, p1: Any, p2: Any, x: Any) -> tuple[Any, Any]:
    """:func:`floor_and_gap` on NumPy scalars and float arrays."""
    m_low = np.maximum(l2, l1 + p2 * np.maximum(h2 - l1, 0.0))
    m_high = np.maximum(l2, h1 + p2 * np.maximum(h2 - h1, 0.0))
    floor = x * (m_low + p1 * (m_high - m_low))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        prop2 = h1 <= l2
        star2 = _p2_star(l1, l2, h2)
        f_1 = _tent(p1, _p1_star(h1, l2, h2, x, prop2))
        f_2 = _select(prop2, lambda: _ramp_tent(p2, _p2_star_star(h1, l2, h2), star2), lambda: _tent(p2, star2))
        gap_exists = (h1 < h2) & (l1 < l2)  # otherwise the floors pin the outcome (gap 0)
        delta = _delta(l1, h1, l2, h2, x, prop2)
        value = _select(gap_exists, lambda: f_1 * f_2 * delta, lambda: np.zeros_like(f_1 * f_2))
    return floor, value


def _p2_star(l1: Any, l2: Any, h2: Any) -> Any:
    return (l2 - l1) / (h2 - l1)


def _p2_star_star(h1: Any, l2: Any, h2: Any) -> Any:
    return (l2 - h1) / (h2 - h1)


def _p1_star(h1: Any, l2: Any, h2: Any, x: Any, prop2: Any) -> Any:
    """Proposition 1: p1* = x / (x + (1-x)(h2-h1)/(h2-l2)); Proposition 2: p1* = x."""
    return _select(prop2, lambda: x, lambda: _safe_ratio(x, x + (1.0 - x) * ((h2 - h1) / (h2 - l2))))


def _delta(l1: Any, h1: Any, l2: Any, h2: Any, x: Any, prop2: Any) -> Any:
    """Δ(x) of Proposition 1 or 2 (see :func:`delta_gap`)."""
    common = x * (1.0 - x) * (h2 - l2) / (h2 - l1)
    return _select(
        prop2,
        lambda: common * (h1 - l1),
        lambda: common * (h2 - h1) / (h2 - x * l2 - (1.0 - x) * h1) * (l2 - l1),
    )


def _number_or_array(value: ArrayLike) -> Any:
    """A NumPy scalar for a number (so that shared cases are decided once), else a float array.

    NumPy scalars, unlike Python floats, follow ``np.errstate`` (0/0 in an unused branch is no error).
    """
    array = np.asarray(value, dtype=float)
    return np.float64(array) if array.ndim == 0 else array


def _select(condition: Any, if_true: Callable[[], Any], if_false: Callable[[], Any]) -> Any:
    """``np.where(condition, if_true(), if_false())``, evaluating one branch when the condition is a number."""
    if np.ndim(condition) == 0:
        return if_true() if condition else if_false()
    return np.where(condition, if_true(), if_false())


def _safe_ratio(x: Any, denominator: Any) -> Any:
    """x / denominator, with 0 where x = 0 (p_1^*(0) = 0)."""
    return _select(x > 0, lambda: x / denominator, lambda: 0.0 * x)


def _tent(p: Any, peak: Any) -> Any:
    """min(p/peak, (1-p)/(1-peak)) clipped to [0, 1]; the limits at peak 0 or 1 are 1 inside."""
    up = _select(peak > 0, lambda: p / peak, lambda: np.where(p > 0, 1.0, 0.0))
    down = _select(peak < 1, lambda: (1.0 - p) / (1.0 - peak), lambda: np.where(p < 1, 1.0, 0.0))
    return np.clip(np.minimum(up, down), 0.0, 1.0)


def _ramp_tent(p: Any, start: Any, peak: Any) -> Any:
    """Proposition 2's f_2: max(0, min((p - p**)/(p* - p**), (1-p)/(1-p*)))."""
    return np.clip(np.minimum((p - start) / (peak - start), (1.0 - p) / (1.0 - peak)), 0.0, 1.0)


# ---------------------------------------------------------------------------- one set of values
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


def _arrays(v: BinaryValues, *args: ArrayLike) -> list[Any]:
    return [_number_or_array(a) for a in (v.l1, v.h1, v.l2, v.h2, *args)]


def p2_star(v: BinaryValues) -> float:
    """p_2^* = (l_2 - l_1)/(h_2 - l_1): type l_1 is indifferent between prices l_2 and h_2."""
    return float(_p2_star(v.l1, v.l2, v.h2))


def p2_star_star(v: BinaryValues) -> float:
    """p_2^{**} = (l_2 - h_1)/(h_2 - h_1) (Proposition 2 only): h_1 indifferent between l_2 and h_2."""
    return float(_p2_star_star(v.h1, v.l2, v.h2))


def p1_star(v: BinaryValues, x: ArrayLike) -> np.ndarray:
    """p_1^*(x): x/(x + (1-x)(h_2-h_1)/(h_2-l_2)) in Proposition 1, x in Proposition 2."""
    prop2 = ordering(v) == "prop2"
    _, h1, l2, h2, xs = _arrays(v, x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(_p1_star(h1, l2, h2, xs, prop2), dtype=float)


def f1(v: BinaryValues, p1: ArrayLike, x: ArrayLike) -> np.ndarray:
    """f_1(p_1; x) = min(p_1/p_1^*(x), (1-p_1)/(1-p_1^*(x)))."""
    peak = p1_star(v, x)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.asarray(_tent(_number_or_array(p1), _number_or_array(peak)), dtype=float)


def f2(v: BinaryValues, p2: ArrayLike) -> np.ndarray:
    """f_2(p_2): the tent min(p_2/p_2^*, (1-p_2)/(1-p_2^*)) in Proposition 1; in Proposition 2
    max(0, min((p_2 - p_2^{**})/(p_2^* - p_2^{**}), (1-p_2)/(1-p_2^*)))."""
    p = _number_or_array(p2)
    star = np.float64(p2_star(v))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if ordering(v) == "prop2":
            return np.asarray(_ramp_tent(p, np.float64(p2_star_star(v)), star), dtype=float)
        return np.asarray(_tent(p, star), dtype=float)


def delta_gap(v: BinaryValues, x: ArrayLike) -> np.ndarray:
    """Δ(x), the largest gap (attained at p = (p_1^*(x), p_2^*)).

    Proposition 1: x(1-x) (h_2-l_2)/(h_2-l_1) · (h_2-h_1)/(h_2 - x l_2 - (1-x) h_1) · (l_2-l_1).
    Proposition 2: x(1-x) (h_2-l_2)(h_1-l_1)/(h_2-l_1).
    """
    case = ordering(v)
    xs = np.asarray(x, dtype=float)
    if case == "floors":
        return np.zeros_like(xs)
    l1, h1, l2, h2, xv = _arrays(v, xs)
    return np.asarray(_delta(l1, h1, l2, h2, xv, case == "prop2"), dtype=float)


def gap(v: BinaryValues, p1: ArrayLike, p2: ArrayLike, x: ArrayLike) -> np.ndarray:
    """Gap(p, x) = f_1(p_1; x) f_2(p_2) Δ(x) (eq. 4.2 via Propositions 1–2); 0 in the floors case."""
    ordering(v)  # checks the labels
    return np.asarray(floor_and_gap(*_arrays(v, p1, p2, x))[1], dtype=float)


def ex_ante_payoff(v: BinaryValues, p1: ArrayLike, p2: ArrayLike, x: ArrayLike) -> np.ndarray:
    """E(p, x) = p_1 · x M_1(·; p_2) + Gap(p, x) (eq. 4.1; Propositions 1–2)."""
    ordering(v)
    floor, value = floor_and_gap(*_arrays(v, p1, p2, x))
    return np.asarray(floor + value, dtype=float)
