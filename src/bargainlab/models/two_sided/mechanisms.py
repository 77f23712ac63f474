"""The mechanisms a²(x) and a¹(x) of Pęski (2024), Tables 1–4, as objects.

All formulas use the theory's labels (player 1 has the lower low value, l_1 < l_2) and
player 1's share x (x = β in Theorem 3; x = β^(δ) = 1 - δ(1 - β) in the proofs). A mechanism
at a belief point p = (p_1, p_2) is a :class:`MechanismResult`: its zone, the probability
q_1(t_1, t_2) that player 1 gets the good in each type profile (player 2 gets it otherwise),
the ex post transfer τ_1(t_1, t_2) to player 1 (paid by player 2, so the budget balances profile
by profile), the interim payoffs, and the weights Λ that make it Λ-optimal (Section 2.2).

**a¹(x)** (Tables 3–4) is player 1's offer that player 2 cannot refuse given A_{1,x}: player 1
gets exactly x M_1(t_1; p_2) and player 2 everything else, split between its types so that the
offer stays unrefusable whatever player 2 could make player 1 believe, and constant in p_2
within a zone (so that player 2's cheap talk cannot change it). Table 3 is lost in the source
text and Table 4 is partly garbled; the payoffs, zones and allocation below were reconstructed
with the LP (see ``docs/errata.md``) and are verified by the tests and by
``bargainlab check two-sided`` (Lemma 5). Its ex post transfers are the balanced implementation
τ_1(t_1, t_2) = Y_1(t_1) - Y_2(t_2) + E[Y_2] of its interim transfers Y_i.

**a²(x)** gives player 1 the whole gap: player 2 gets its x_2-random monopoly payoffs
(1 - x) M_2(t_2; p_1) except in the zones where a type of player 2 is weighted zero, and player
1 gets x M_1(t_1; p_2) plus the gap, all of it to the high type when p_1 < p_1^*(x) and all of it
to the low type when p_1 > p_1^*(x) (eq. 5.1, corrected in ``docs/errata.md``). The printed
Tables 1–2 are partly lost in the source text; the zones and cells below are reconstructed,
and ``tests/models/two_sided/test_mechanisms.py`` verifies every cell: incentive compatibility,
the payoffs implied by the cells, p_1 · u_1 = E(p, x) (the LP), player 2's payoffs equal to the
LP's unique ones, the allocation equal to the LP's unique allocation, and Λ-optimality.

Zones of a¹(x), with p_1^{**}(x) = x/(x + (1 - x)(h_2 - h_1)/(h_2 - l_1)) (Appendix D.1):

* both orderings: A = {p_2 >= p_2^*, p_1 <= p_1^{**}}, C = {p_2 >= p_2^*, p_1 > p_1^{**}}, B = {p_2 < p_2^*}
  (l_1 < l_2 < h_1 < h_2) or B = {p_2^{**} <= p_2 < p_2^*} and D = {p_2 < p_2^{**}} (l_1 < h_1 <= l_2 < h_2).

Zones of a²(x):

* l_1 < l_2 < h_1 < h_2 (Table 1): A = {p_1 <= p_1^*, p_2 >= p_2^*}, B = {p_1 <= p_1^*, p_2 < p_2^*},
  C = {p_1 > p_1^*};
* l_1 < h_1 <= l_2 < h_2 (Table 2): A = {p_1 <= x, p_2 >= p_2^*}, B = {p_1 <= x, p_2^{**} <= p_2 < p_2^*},
  C = {p_1 > x, p_2 >= p_2^{**}}, D = {p_2 < p_2^{**}}.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from bargainlab.core import inputs
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.closed_form import BinaryValues, ordering, p1_star, p2_star, p2_star_star

__all__ = [
    "MechanismResult",
    "a1",
    "a1_zone",
    "a2",
    "a2_zone",
    "a2_player_one_payoffs",
    "mechanism",
    "thresholds",
    "zones",
]


@dataclass(frozen=True, repr=False)
class MechanismResult(Result):
    """A mechanism of the paper at one belief point (theory labels).

    Attributes
    ----------
    name
        ``"a1"`` or ``"a2"``.
    zone
        The zone of the paper's table (``"A"``, ``"B"``, ``"C"``, ``"D"``).
    values
        (l_1, h_1, l_2, h_2).
    share
        Player 1's share x.
    beliefs
        (p_1, p_2), probabilities of the high types.
    allocation
        q_1[t_1, t_2], shape (2, 2): rows l_1, h_1; columns l_2, h_2. Player 2 gets the good
        with probability 1 - q_1.
    transfers
        τ_1[t_1, t_2], the ex post payment to player 1 (player 2 pays it).
    payoffs1, payoffs2
        Interim payoffs (low type, high type) implied by the cells.
    weights
        (Λ_1(h_1), Λ_2(h_2)) of the table; Λ_i(l_i) = 1 - Λ_i(h_i).
    thresholds
        p_1^*(x), p_1^{**}(x), p_2^*, p_2^{**} (``None`` where undefined).
    swapped
        True when the theory's player 1 is the user's player 2 (set by callers that label).
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "closed_form"
    extra_fields: ClassVar[tuple[str, ...]] = ("cells",)
    summary_fields: ClassVar[tuple[str, ...]] = ("name", "zone", "share")

    name: str
    zone: str
    values: BinaryValues
    share: float
    beliefs: tuple[float, float]
    allocation: np.ndarray = field(repr=False)
    transfers: np.ndarray = field(repr=False)
    payoffs1: np.ndarray = field(repr=False)
    payoffs2: np.ndarray = field(repr=False)
    weights: tuple[float, float]
    thresholds: dict[str, float | None] = field(repr=False)
    swapped: bool = False

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs in the theory's labels: values (l_1, h_1), (l_2, h_2), beliefs p_1, p_2, share x."""
        v = self.values
        return {
            "values1": [v.l1, v.h1],
            "values2": [v.l2, v.h2],
            "prior1": self.beliefs[0],
            "prior2": self.beliefs[1],
            "share": self.share,
        }

    @property
    def cells(self) -> list[dict[str, Any]]:
        """One entry per type profile: q_1, q_2 = 1 - q_1 and the transfer to player 1."""
        return [
            {
                "profile": [t1, t2],
                "q1": float(self.allocation[a, b]),
                "q2": float(1.0 - self.allocation[a, b]),
                "transfer_to_1": float(self.transfers[a, b]),
            }
            for a, t1 in enumerate(("l1", "h1"))
            for b, t2 in enumerate(("l2", "h2"))
        ]


# ---------------------------------------------------------------------------- helpers
def _binary_values(values: object) -> BinaryValues:
    """``values`` if it is a :class:`BinaryValues` of finite non-negative numbers in the theory's
    labels (l1 < h1, l2 < h2, l1 <= l2), else :class:`InvalidParameterError` (key ``values``)."""
    if not isinstance(values, BinaryValues):
        raise InvalidParameterError("values", values, "a BinaryValues(l1, h1, l2, h2)")
    l1, h1, l2, h2 = (
        inputs.number(getattr(values, name), "values", low=0.0, label=f"values ({name})")
        for name in ("l1", "h1", "l2", "h2")
    )
    if not (l1 < h1 and l2 < h2 and l1 <= l2):
        raise InvalidParameterError("values", [l1, h1, l2, h2], "l1 < h1, l2 < h2 and l1 <= l2 (the theory's labels)")
    return values


def _beliefs(p1: Any, p2: Any) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of probabilities p_1, p_2 (keys ``prior1``, ``prior2``) broadcast to one shape."""
    first, second = inputs.probability_grid(p1, "prior1"), inputs.probability_grid(p2, "prior2")
    try:
        return tuple(np.broadcast_arrays(first, second))  # type: ignore[return-value]
    except ValueError:
        raise InvalidParameterError(
            "prior2", f"an array of shape {second.shape}", f"an array that broadcasts with prior1 (shape {first.shape})"
        ) from None


def _check(values: BinaryValues, x: float, p1: float, p2: float) -> str:
    case = ordering(_binary_values(values))
    if case == "floors":
        raise InvalidParameterError(
            "values",
            [values.l1, values.h1, values.l2, values.h2],
            "l1 < l2 < h1 < h2 or l1 < h1 <= l2 < h2 (theory labels)",
            "the paper defines a1, a2 for these orderings; otherwise the random-monopoly floors pin the outcome",
        )
    inputs.probability(x, "share")
    inputs.probability(p1, "prior1")
    inputs.probability(p2, "prior2")
    return case


def thresholds(values: BinaryValues, share: float) -> dict[str, float | None]:
    """p_1^*(x), p_1^{**}(x) (Appendix D.1), p_2^*, and p_2^{**} (Proposition 2 only); x = ``share``.

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    share
        x, player 1's share (β in Theorem 3; β^(δ) = 1 - δ(1 - β) in the proofs).

    Returns
    -------
    dict of str to float or None
        ``p1_star``, ``p1_star_star`` = x/(x + (1 - x)(h_2 - h_1)/(h_2 - l_1)), ``p2_star`` and
        ``p2_star_star`` (``None`` unless l_1 < h_1 <= l_2 < h_2, Proposition 2).

    Examples
    --------
    >>> th = thresholds(BinaryValues(0.1, 0.7, 0.4, 1.0), share=0.5)
    >>> {k: None if v is None else round(v, 6) for k, v in th.items()}
    {'p1_star': 0.666667, 'p1_star_star': 0.75, 'p2_star': 0.333333, 'p2_star_star': None}
    """
    case = ordering(_binary_values(values))
    x = inputs.probability(share, "share")
    r2 = (values.h2 - values.h1) / (values.h2 - values.l1)
    p1ss = x / (x + (1.0 - x) * r2) if x > 0 else 0.0
    return {
        "p1_star": float(p1_star(values, x)),
        "p1_star_star": float(p1ss),
        "p2_star": float(p2_star(values)),
        "p2_star_star": float(p2_star_star(values)) if case == "prop2" else None,
    }


def _payoffs(
    values: BinaryValues, p1: float, p2: float, q: np.ndarray, tau: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Interim payoffs implied by the cells (u_1 over l_1, h_1; u_2 over l_2, h_2)."""
    t1 = np.array([values.l1, values.h1])
    t2 = np.array([values.l2, values.h2])
    w1 = np.array([1.0 - p1, p1])
    w2 = np.array([1.0 - p2, p2])
    u1 = (q * t1[:, None] + tau) @ w2
    u2 = w1 @ ((1.0 - q) * t2[None, :] - tau)
    return u1, u2


def a2_zone(values: BinaryValues, prior1: float, prior2: float, share: float) -> str:
    """The zone of a²(x) at (p_1, p_2) (Tables 1–2; see the module docstring).

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    prior1, prior2
        p_1, p_2: the probabilities of the high types.
    share
        x, player 1's share (β in Theorem 3; β^(δ) = 1 - δ(1 - β) in the proofs).

    Returns
    -------
    str
        ``"A"``, ``"B"``, ``"C"`` or ``"D"`` (``"D"`` only when l_1 < h_1 <= l_2 < h_2, Table 2).

    Examples
    --------
    >>> values = BinaryValues(0.1, 0.7, 0.4, 1.0)  # l_1 < l_2 < h_1 < h_2 (Table 1)
    >>> a2_zone(values, 0.2, 0.8, 0.5), a2_zone(values, 0.2, 0.2, 0.5), a2_zone(values, 0.8, 0.5, 0.5)
    ('A', 'B', 'C')
    """
    p1, p2, x = prior1, prior2, share
    case = _check(values, x, p1, p2)
    th: dict[str, Any] = dict(thresholds(values, x))
    if case == "prop1":
        if p1 > th["p1_star"]:
            return "C"
        return "A" if p2 >= th["p2_star"] else "B"
    if p2 < th["p2_star_star"]:
        return "D"
    if p1 > x:
        return "C"
    return "A" if p2 >= th["p2_star"] else "B"


def _a2_cells(
    values: BinaryValues, p1: float, p2: float, x: float, zone: str, case: str
) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """Allocation q_1, transfers τ_1 and weights (Λ_1(h_1), Λ_2(h_2)) of a²(x) in ``zone``."""
    l1, h1, l2, h2 = values.l1, values.h1, values.l2, values.h2
    star = p2_star(values)
    weight_a = p2 - (1.0 - p2) * star / (1.0 - star)  # makes q_2(l_1, l_2) indeterminate (C.2)
    if case == "prop1":
        r = (h2 - h1) / (h2 - l2)
        if zone == "A":
            odds = 0.0 if x >= 1.0 else (1.0 - x) * r * p1 / (1.0 - p1)
            q = np.array([[x - odds, 0.0], [1.0, 0.0]])
            tau = np.array([[odds * l1, x * h2], [-(1.0 - x) * h1 + (1.0 - x) * r * (l2 - l1), x * h2]])
            return q, tau, (p1, weight_a)
        q = np.array([[0.0, 0.0], [1.0, 0.0]])
        if zone == "B":
            tau = np.array([[x * l2, x * l2], [-(1.0 - x) * h1, h2 - (1.0 - x) * h1]])
            return q, tau, (p1, 0.0)
        tau = np.array([[x * l2, x * h2], [-(1.0 - x) * h1, x * h2]])  # zone C: ex post shares of max(t1, t2)
        return q, tau, (p1, p2)
    star2 = p2_star_star(values)
    if zone == "A":
        lottery = (x - p1) / (1.0 - p1) if p1 < 1.0 else 0.0
        q = np.array([[lottery, 0.0], [1.0, 0.0]])
        tau = np.array([[(x - lottery) * l1, x * h2], [-(1.0 - x) * l1, x * h2]])
        return q, tau, (p1, weight_a)
    if zone == "B":
        q = np.array([[0.0, 0.0], [1.0, 0.0]])
        tau = np.array([[x * l2, x * l2], [-(1.0 - x) * l2, h2 - (1.0 - x) * l2]])
        return q, tau, (p1, 0.0)
    if zone == "C":
        q = np.array([[0.0, 0.0], [x / p1, 0.0]])
        tau = np.array([[x * h1, x * h2], [-x * h1 * (1.0 - p1) / p1, x * h2]])
        return q, tau, (p1, p2 - (1.0 - p2) * star2 / (1.0 - star2))
    q = np.zeros((2, 2))  # zone D: player 2 always gets the good and pays x l_2
    tau = np.full((2, 2), x * l2)
    return q, tau, (p1, 0.0)


# ---------------------------------------------------------------------------- public API
def a2(values: BinaryValues, prior1: float, prior2: float, share: float) -> MechanismResult:
    """Mechanism a²(x) at beliefs (p_1, p_2): the cells of Tables 1–2 (reconstructed).

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2) in the theory's labels, l_1 < l_2 and h_1 < h_2.
    prior1, prior2
        p_1, p_2: the probabilities of the high types.
    share
        x, player 1's share (β in the limit δ → 1).

    Returns
    -------
    MechanismResult
        The zone, allocation q_1, transfers τ_1, interim payoffs and weights Λ of a²(x).

    Examples
    --------
    >>> m = a2(BinaryValues(0.1, 0.7, 0.4, 1.0), prior1=0.2, prior2=0.8, share=0.5)
    >>> m.zone, round(float(m.allocation[0, 0]), 6), [round(float(u), 6) for u in m.payoffs2]
    ('A', 0.4375, [0.23, 0.5])
    """
    p1, p2, x = prior1, prior2, share
    case = _check(values, x, p1, p2)
    zone = a2_zone(values, p1, p2, x)
    q, tau, weights = _a2_cells(values, p1, p2, x, zone, case)
    u1, u2 = _payoffs(values, p1, p2, q, tau)
    return MechanismResult("a2", zone, values, x, (p1, p2), q, tau, u1, u2, weights, thresholds(values, x))


def a1_zone(values: BinaryValues, prior1: float, prior2: float, share: float) -> str:
    """The zone of a¹(x) at (p_1, p_2) (Tables 3–4; see the module docstring).

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    prior1, prior2
        p_1, p_2: the probabilities of the high types.
    share
        x, player 1's share (β in Theorem 3; β^(δ) = 1 - δ(1 - β) in the proofs).

    Returns
    -------
    str
        ``"A"``, ``"B"``, ``"C"`` or ``"D"`` (``"D"`` only when l_1 < h_1 <= l_2 < h_2).

    Examples
    --------
    >>> values = BinaryValues(0.1, 0.7, 0.4, 1.0)  # p_1^{**}(1/2) = 0.75, p_2^* = 1/3
    >>> a1_zone(values, 0.2, 0.8, 0.5), a1_zone(values, 0.2, 0.1, 0.5), a1_zone(values, 0.9, 0.8, 0.5)
    ('A', 'B', 'C')
    """
    p1, p2, x = prior1, prior2, share
    case = _check(values, x, p1, p2)
    th: dict[str, Any] = dict(thresholds(values, x))
    if case == "prop2" and p2 < th["p2_star_star"]:
        return "D"
    if p2 < th["p2_star"]:
        return "B"
    return "A" if p1 <= th["p1_star_star"] else "C"


def _a1_payoffs(
    values: BinaryValues, p1: float, p2: float, x: float, zone: str, case: str
) -> tuple[np.ndarray, np.ndarray]:
    """Interim payoffs of a¹(x): x M_1 for player 1, the reconstructed split for player 2."""
    l1, h1, l2, h2 = values.l1, values.h1, values.l2, values.h2
    t1, t2 = np.array([l1, h1]), np.array([l2, h2])
    u1 = x * monopoly_payoff(t1, t2, [1.0 - p2, p2])
    floors2 = (1.0 - x) * monopoly_payoff(t2, t1, [1.0 - p1, p1])
    if zone == "D":
        return u1, np.array([floors2[0], floors2[1] + x * (h2 - l2)])
    if zone == "B":
        return u1, np.array([floors2[0], floors2[1] + x * (1.0 - p1) * (h2 - l2)])
    expected_max = (1.0 - p1) * l2 + p1 * h1  # E[max(t_1, l_2)] when h_1 > l_2; not M_2(l_2) when h_1 < l_2
    if zone == "A":
        low = (1.0 - x) * expected_max + p1 * (1.0 - x) * (h2 - h1) * (l2 - l1) / (h2 - l1)
    elif case == "prop1":
        low = (1.0 - x) * expected_max + x * (1.0 - p1) * (l2 - l1)
    else:
        low = (1.0 - x) * l2 + x * (1.0 - p1) * (h1 - l1) * (h2 - l2) / (h2 - h1)
    return u1, np.array([low, floors2[1]])


def _a1_allocation(values: BinaryValues, p1: float, x: float, zone: str, case: str) -> np.ndarray:
    """q_1 of a¹(x) (unique given the payoffs; checked against the LP in the tests)."""
    l1, h1, h2 = values.l1, values.h1, values.h2
    if zone == "D":
        return np.zeros((2, 2))
    if zone == "A":
        odds = 0.0 if x >= 1.0 else (1.0 - x) * (h2 - h1) / (h2 - l1) * p1 / (1.0 - p1)
        return np.array([[x - odds, 0.0], [1.0, 0.0]])
    if case == "prop1":  # zones B and C: the ex post efficient allocation (h_1 beats l_2)
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    if zone == "B":
        return np.array([[0.0, 0.0], [x, 0.0]])
    share = x * ((h2 - h1) + (1.0 - p1) * (h1 - l1)) / (p1 * (h2 - h1))
    return np.array([[0.0, 0.0], [share, 0.0]])


def _a1_weights(values: BinaryValues, p1: float, p2: float, zone: str, case: str) -> tuple[float, float]:
    """(Λ_1(h_1), Λ_2(h_2)) making a¹(x) Λ-optimal (the C.2 thresholds where q is interior)."""
    star = p2_star(values)
    if zone == "A":
        return p1, p2 - (1.0 - p2) * star / (1.0 - star)
    if case == "prop1":
        return p1, p2
    if zone == "D":
        return p1, 0.0
    star2 = p2_star_star(values)
    return p1, p2 - (1.0 - p2) * star2 / (1.0 - star2)


def _balanced_transfers(
    values: BinaryValues, p1: float, p2: float, q: np.ndarray, u1: np.ndarray, u2: np.ndarray
) -> np.ndarray:
    """Ex post transfers τ_1 = Y_1(t_1) - Y_2(t_2) + E[Y_2] implementing interim payoffs (u_1, u_2)."""
    t1, t2 = np.array([values.l1, values.h1]), np.array([values.l2, values.h2])
    w1, w2 = np.array([1.0 - p1, p1]), np.array([1.0 - p2, p2])
    y1 = u1 - t1 * (q @ w2)
    y2 = u2 - t2 * (w1 @ (1.0 - q))
    return y1[:, None] - y2[None, :] + w2 @ y2


def a1(values: BinaryValues, prior1: float, prior2: float, share: float) -> MechanismResult:
    """Mechanism a¹(x) at beliefs (p_1, p_2) (Tables 3–4, reconstructed).

    Player 1 gets exactly x M_1(t_1; p_2); player 2 gets the rest (Lemma 5).

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    prior1, prior2
        p_1, p_2: the probabilities of the high types.
    share
        x, player 1's share (β in Theorem 3; β^(δ) = 1 - δ(1 - β) in the proofs).

    Returns
    -------
    MechanismResult
        The zone, allocation q_1, balanced transfers τ_1, interim payoffs and weights Λ of a¹(x).

    Examples
    --------
    >>> m = a1(BinaryValues(0.1, 0.4, 0.6, 1.0), prior1=0.2, prior2=0.8, share=0.5)
    >>> m.zone, [round(float(u), 6) for u in m.payoffs1], [round(float(u), 6) for u in m.payoffs2]
    ('A', [0.41, 0.44], [0.313333, 0.5])
    """
    p1, p2, x = prior1, prior2, share
    case = _check(values, x, p1, p2)
    zone = a1_zone(values, p1, p2, x)
    u1, u2 = _a1_payoffs(values, p1, p2, x, zone, case)
    q = _a1_allocation(values, p1, x, zone, case)
    tau = _balanced_transfers(values, p1, p2, q, u1, u2)
    v1, v2 = _payoffs(values, p1, p2, q, tau)
    return MechanismResult(
        "a1", zone, values, x, (p1, p2), q, tau, v1, v2, _a1_weights(values, p1, p2, zone, case), thresholds(values, x)
    )


def mechanism(name: str, values: BinaryValues, prior1: float, prior2: float, share: float) -> MechanismResult:
    """``a1`` or ``a2`` by name (:func:`a1`, Tables 3–4; :func:`a2`, Tables 1–2).

    Parameters
    ----------
    name
        ``"a1"`` or ``"a2"``.
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    prior1, prior2
        p_1, p_2: the probabilities of the high types.
    share
        x, player 1's share (β in Theorem 3; β^(δ) = 1 - δ(1 - β) in the proofs).

    Returns
    -------
    MechanismResult
        The named mechanism at (p_1, p_2).

    Examples
    --------
    >>> m = mechanism("a2", BinaryValues(0.1, 0.7, 0.4, 1.0), 0.2, 0.8, 0.5)
    >>> m.name, m.zone
    ('a2', 'A')
    """
    if not isinstance(name, str):
        raise InvalidParameterError("mechanism", name, "'a1' or 'a2'")
    p1, p2, x = prior1, prior2, share
    if name == "a1":
        return a1(values, p1, p2, x)
    if name == "a2":
        return a2(values, p1, p2, x)
    raise InvalidParameterError("mechanism", name, "'a1' or 'a2'")


def zones(name: str, values: BinaryValues, prior1: Any, prior2: Any, share: float) -> np.ndarray:
    """Zone letters of ``name`` (``"a1"`` or ``"a2"``) on arrays of beliefs (vectorised).

    The vectorised form of :func:`a1_zone` and :func:`a2_zone`, for belief maps.

    Parameters
    ----------
    name
        ``"a1"`` or ``"a2"``.
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    prior1, prior2
        p_1, p_2: probabilities of the high types (numbers or arrays that broadcast together).
    share
        x, player 1's share (β in Theorem 3; β^(δ) = 1 - δ(1 - β) in the proofs).

    Returns
    -------
    numpy.ndarray
        A string array of zone letters with the broadcast shape of ``prior1`` and ``prior2``.

    Examples
    --------
    >>> zones("a2", BinaryValues(0.1, 0.7, 0.4, 1.0), [0.2, 0.2, 0.8], [0.8, 0.2, 0.5], 0.5).tolist()
    ['A', 'B', 'C']
    """
    p1, p2, x = prior1, prior2, share
    case = _check(values, x, 0.5, 0.5)
    if not isinstance(name, str) or name not in ("a1", "a2"):
        raise InvalidParameterError("mechanism", name, "'a1' or 'a2'")
    p1, p2 = _beliefs(p1, p2)
    th: dict[str, Any] = dict(thresholds(values, x))
    high2 = p2 >= th["p2_star"]
    below2 = p2 < th["p2_star_star"] if case == "prop2" else np.zeros(p2.shape, dtype=bool)
    if name == "a1":
        out = np.where(high2, np.where(p1 <= th["p1_star_star"], "A", "C"), "B")
        return np.where(below2, "D", out)
    if case == "prop1":
        return np.where(p1 > th["p1_star"], "C", np.where(high2, "A", "B"))
    out = np.where(p1 > x, "C", np.where(high2, "A", "B"))
    return np.where(below2, "D", out)


def a2_player_one_payoffs(
    values: BinaryValues, prior1: Any, prior2: Any, share: float
) -> tuple[np.ndarray, np.ndarray]:
    """Player 1's payoffs in a²(x), eq. (5.1) as corrected, vectorised over beliefs.

    u_1(l_1) = x M_1(l_1; p_2) + 1{p_1 > p_1^*} f_1 f_2 Δ / (1 - p_1),
    u_1(h_1) = x M_1(h_1; p_2) + 1{p_1 <= p_1^*} f_1 f_2 Δ / p_1,
    so that p_1 · u_1 = E(p, x) (eq. 5.2). Since f_1 = p_1/p_1^* below p_1^* and
    (1 - p_1)/(1 - p_1^*) above, the shares are f_2 Δ / p_1^* and f_2 Δ / (1 - p_1^*): constant in
    p_1 within a zone, also at p_1 ∈ {0, 1}. At p_1 = p_1^* the mechanism is set-valued; this
    function returns the zone-A end.

    Parameters
    ----------
    values
        (l_1, h_1, l_2, h_2) in the theory's labels (a :class:`BinaryValues`, l_1 <= l_2).
    prior1, prior2
        p_1, p_2: probabilities of the high types (numbers or arrays that broadcast together).
    share
        x, player 1's share.

    Returns
    -------
    tuple of numpy.ndarray
        (u_1(l_1), u_1(h_1)), each with the broadcast shape of ``prior1`` and ``prior2``.

    Examples
    --------
    >>> low, high = a2_player_one_payoffs(BinaryValues(0.1, 0.7, 0.4, 1.0), [0.2, 0.8], 0.8, 0.5)
    >>> low.round(6).tolist(), high.round(6).tolist()  # the gap goes to h_1 below p_1^* = 2/3, to l_1 above
    ([0.41, 0.44], [0.485, 0.47])
    """
    from bargainlab.models.two_sided import closed_form

    x = share
    _check(values, x, 0.5, 0.5)
    p1, p2 = _beliefs(prior1, prior2)
    prior2 = np.stack([1.0 - p2, p2], axis=-1)
    m_low = monopoly_payoff(np.full(p2.shape, values.l1), (values.l2, values.h2), prior2)
    m_high = monopoly_payoff(np.full(p2.shape, values.h1), (values.l2, values.h2), prior2)
    peak = closed_form.f2(values, p2) * float(closed_form.delta_gap(values, x))  # the gap at p_1 = p_1^*
    star = float(p1_star(values, x))
    to_high = np.where(p1 <= star, peak / star if star > 0 else 0.0, 0.0)
    to_low = np.where(p1 > star, peak / (1.0 - star) if star < 1 else 0.0, 0.0)
    return x * m_low + to_low, x * m_high + to_high
