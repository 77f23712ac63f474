"""Cramton's sequential bargaining mechanisms (Cramton 1985, "Sequential bargaining mechanisms").

A seller (cost s ~ F, discount rate r) and a buyer (value b ~ G, rate σ; the paper's "s") trade at
a date t(s, b) for a discounted payment x(s, b): payoffs x − s e^{−rt} and b e^{−σt} − x. With
p = e^{−t} ∈ [0, 1] the seller's discounted probability of agreement is p^r, the buyer's p^σ.

* **Theorem 1** (IC and IR): :func:`check_mechanism` tests a given ⟨t, x⟩ directly (every type
  against every report on a grid) and reports Theorem 1's conditions (P decreasing, Q increasing,
  the envelope formulas (IC), and the (IR) identity U(s̄) + V(b̲) = E[...]).
* **Lemma 4**: :meth:`SequentialOutcome.payment_rule` builds the payments x(s, b) that make a
  monotone t incentive compatible with V(b̲) = 0 (sign of the constant corrected, docs/errata.md).
* **Ex post efficiency (EP)**: p*(s, b) maximises b p^σ − s p^r: immediate trade iff s < b when
  r <= σ; when r > σ, p* = min(1, (σ b/(r s))^{1/(r−σ)}) (every pair trades eventually).
* **Ex ante efficiency (Theorem 3)**: p_a with weighted virtual values and the a that makes IR
  bind, for any regular F, G (:func:`solve`). With r <= σ it is the static second best.
* **Uniform example (Section 8.5)**: m = a/(1 + a) = 1/4 and surplus 9/64 against 1/6 (15.6%
  lost) when r <= σ; for r > σ, m and the efficiency depend only on σ/r
  (:func:`uniform_closed_form`, Figures 8.1–8.2). Efficiency is measured against the
  full-information first best with the same discount rates, E[max_p (b p^σ − s p^r)].
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from bargainlab.core import inputs
from bargainlab.core.distributions import Distribution, DistributionLike
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.bilateral_lp import solve_discretised
from bargainlab.models.virtual_values import (
    InterimRule,
    WeightedMechanism,
    _check_rates,
    solve_weight,
    virtual_cost,
    virtual_value,
)

__all__ = [
    "SequentialOutcome",
    "solve",
    "ex_post_efficient",
    "uniform_closed_form",
    "UniformClosedFormOutcome",
    "ratio_curve",
    "RatioCurveResult",
    "MechanismCheckResult",
    "check_mechanism",
    "CHECK_POINTS",
    "MECHANISM_CHECK_TOL",
]

#: Types per side on which :func:`check_mechanism` evaluates a mechanism (quantile midpoints).
CHECK_POINTS = 800

#: Largest number of types per side accepted by :func:`check_mechanism`.
MAX_CHECK_POINTS = 3000

#: The default tolerance of :func:`check_mechanism` is MECHANISM_CHECK_TOL / points times the
#: width of the value range: on n equally likely types a jump in t(s, b) moves interim
#: expectations by O(1/n), so an exactly IC mechanism shows gains from lying of that order
#: (measured: ~0.85/n for the second best with beta(2,3)/beta(3,2)).
MECHANISM_CHECK_TOL = 2.0


def _pair(seller: DistributionLike, buyer: DistributionLike) -> tuple[Distribution, Distribution]:
    """F and G read by the one input layer (errors keyed ``seller`` / ``buyer``)."""
    F: Distribution = inputs.as_distribution(seller, "seller")
    G: Distribution = inputs.as_distribution(buyer, "buyer")
    return F, G


@dataclass(frozen=True, repr=False)
class SequentialOutcome(Result):
    """The ex ante efficient sequential mechanism (Cramton's Theorem 3) and its efficiency.

    Attributes
    ----------
    seller_rate, buyer_rate
        r and σ.
    ratio
        σ/r (the horizontal axis of Figures 8.1–8.2).
    multiplier
        a ∈ [0, 1] of p_a (IR binds); ``m`` = a/(1 + a).
    surplus
        E[b p_a^σ − s p_a^r], the sum of ex ante utilities U + V.
    first_best
        E[b p*^σ − s p*^r], the full-information optimum with the same rates.
    efficiency
        surplus / first_best.
    static_second_best
        Whether the mechanism never delays (r <= σ: trade immediately or never).
    trade_probability
        P(trade ever happens).
    ir
        R(a) = U(s̄) + V(b̲) (0 when IR binds, positive if the first best is feasible).
    method
        ``"quadrature"``, ``"closed_form"`` (uniform) or ``"lp"``.
    """

    model: ClassVar[str] = "sequential"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer", "seller_rate", "buyer_rate", "mechanism")
    extra_fields: ClassVar[tuple[str, ...]] = ("ratio", "m", "efficiency", "loss", "static_second_best")
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "method", "m", "surplus", "efficiency")

    seller: str
    buyer: str
    seller_rate: float
    buyer_rate: float
    multiplier: float
    surplus: float
    first_best: float
    trade_probability: float | None
    ir: float
    method: str
    mechanism: WeightedMechanism | None = field(default=None, compare=False)

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: distributions and discount rates."""
        return {
            "seller": self.seller,
            "buyer": self.buyer,
            "seller_rate": self.seller_rate,
            "buyer_rate": self.buyer_rate,
        }

    @property
    def ratio(self) -> float:
        """σ/r."""
        return self.buyer_rate / self.seller_rate

    @property
    def m(self) -> float:
        """m = a/(1 + a) (Cramton's substitution; the trade gap b − s for uniform values)."""
        return self.multiplier / (1 + self.multiplier)

    @property
    def efficiency(self) -> float:
        """surplus / first best."""
        return self.surplus / self.first_best if self.first_best > 0 else 1.0

    @property
    def loss(self) -> float:
        """1 − efficiency."""
        return 1 - self.efficiency

    @property
    def static_second_best(self) -> bool:
        """r <= σ: the ex ante efficient mechanism is static (Section 8.5)."""
        return self.seller_rate <= self.buyer_rate

    def payment_rule(self) -> InterimRule:
        """P, Q and the payments x(s, b) of Lemma 4 (V(b̲) = 0, U(s̄) = R(a))."""
        if self.mechanism is None:
            raise InvalidParameterError("method", self.method, "'quadrature' for the payment rule")
        return InterimRule.of(self.mechanism)


def ex_post_efficient(
    seller: DistributionLike, buyer: DistributionLike, seller_rate: float, buyer_rate: float
) -> WeightedMechanism:
    """p*(s, b) of (EP): the full-information optimum with the same discount rates (a = 0).

    Parameters
    ----------
    seller, buyer
        F and G (any spelling of :func:`bargainlab.core.inputs.as_distribution`).
    seller_rate, buyer_rate
        r > 0 and σ > 0.

    Returns
    -------
    WeightedMechanism
        The mechanism with weight a = 0: trade at once when b ≥ s, with its trade times.

    Examples
    --------
    >>> mechanism = ex_post_efficient("uniform", "uniform", 1.0, 1.0)
    >>> mechanism.weight
    0.0
    """
    F, G = _pair(seller, buyer)
    return WeightedMechanism(F, G, 0.0, seller_rate, buyer_rate)


def solve(
    seller: DistributionLike,
    buyer: DistributionLike,
    seller_rate: float,
    buyer_rate: float,
    method: str = "quadrature",
    **lp_options: Any,
) -> SequentialOutcome:
    """The ex ante efficient sequential mechanism for F, G, r, σ.

    Parameters
    ----------
    seller, buyer
        F and G (regular for ``"quadrature"``).
    seller_rate, buyer_rate
        r > 0 and σ > 0.
    method
        ``"quadrature"`` (any regular F, G), ``"closed_form"`` (uniform [0, 1] only, Section 8.5
        as corrected) or ``"lp"`` (discretised types and dates; options ``types``, ``dates``).

    Returns
    -------
    SequentialOutcome
        m, the surplus, the first best, the efficiency, whether the static second best is optimal,
        and the mechanism (``payment_rule()`` gives Lemma 4's payments).

    Examples
    --------
    >>> out = solve("uniform", "uniform", seller_rate=1.0, buyer_rate=1.0)
    >>> round(out.m, 10), round(out.surplus * 64, 9), round(out.first_best * 6, 9), round(1 - out.efficiency, 4)
    (0.25, 9.0, 1.0, 0.1562)
    """
    F, G = _pair(seller, buyer)
    r, sigma = _check_rates(seller_rate, buyer_rate)
    if method == "closed_form":
        if not (_is_unit_uniform(F) and _is_unit_uniform(G)):
            raise InvalidParameterError(
                "method", method, "'quadrature' or 'lp' unless both distributions are uniform on [0, 1]"
            )
        closed = uniform_closed_form(sigma / r)
        a = closed.m / (1 - closed.m)
        return SequentialOutcome(F.name, G.name, r, sigma, a, closed.surplus, closed.first_best, None, 0.0, method)
    if method == "lp":
        sol = solve_discretised(F, G, r, sigma, **lp_options)
        return SequentialOutcome(
            F.name, G.name, r, sigma, sol.multiplier, sol.surplus, sol.first_best_surplus, None, sol.budget, method
        )
    if method != "quadrature":
        raise InvalidParameterError("method", method, "'quadrature', 'closed_form' or 'lp'")
    mechanism, e = solve_weight(F, G, r, sigma)
    first = ex_post_efficient(F, G, r, sigma).expectations()["surplus"]
    return SequentialOutcome(
        F.name,
        G.name,
        r,
        sigma,
        mechanism.weight,
        e["surplus"],
        first,
        e["trade_probability"],
        e["ir"],
        method,
        mechanism=mechanism,
    )


def _is_unit_uniform(dist: Distribution) -> bool:
    x = np.linspace(0.05, 0.95, 7)
    return (
        abs(dist.lower) < 1e-12
        and abs(dist.upper - 1) < 1e-12
        and bool(np.allclose(dist.cdf(x), x, atol=1e-12, rtol=0))
    )


# ---------------------------------------------------------------------- uniform closed form
@dataclass(frozen=True, repr=False)
class UniformClosedFormOutcome(Result):
    """Section 8.5 for F = G = U[0, 1]: the gap m, the surplus U + V and the first best (same rates)."""

    model: ClassVar[str] = "sequential"
    method: ClassVar[str] = "closed_form"
    extra_fields: ClassVar[tuple[str, ...]] = ("efficiency",)

    ratio: float
    m: float
    surplus: float
    first_best: float

    @property
    def parameters(self) -> dict[str, Any]:
        """The input: δ = σ/r."""
        return {"ratio": self.ratio}

    @property
    def efficiency(self) -> float:
        """surplus / first best."""
        return self.surplus / self.first_best


def _expm1_ratio(e: float, x: float) -> float:
    """(e^{e x} − 1)/e, continuous at e = 0 (value x)."""
    return math.expm1(e * x) / e if e != 0 else x


def _power_terms(ratio: float, m: float) -> tuple[float, float, float]:
    """L = 1 − m and A_k = ∫_0^L y^k (D^g − D)/(1 − g) dy with D = δ y, k = 0, 1.

    Written through expm1 so that g = δ/(1 − δ) = 1 (δ = 1/2, where the paper's formulas divide
    by zero) is handled continuously: A_k = −δ L^{k+2} [(k+2) E − 1]/((k+2)(k+2+e)), e = g − 1,
    E = ((δL)^e − 1)/e.
    """
    delta = ratio
    g = delta / (1 - delta)
    e = g - 1
    L = 1 - m
    log_dl = math.log(delta * L)
    A = []
    for k in (0, 1):
        A.append(-delta * L ** (k + 2) * ((k + 2) * _expm1_ratio(e, log_dl) - 1) / ((k + 2) * (k + 2 + e)))
    return L, A[0], A[1]


def uniform_ir(ratio: float, m: float) -> float:
    """R(m) = E[(2b − 1) p^σ − 2 s p^r] for p_a with gap m (uniform case; Section 8.5, (R) re-derived).

    For r > σ (δ = σ/r < 1):  R = δ(2 − δ)L³/3 + δ(2m − 1)L²/2 + 2(1 − δ)A_1 + (2m − 1)A_0;
    for r <= σ:               R = (1 − m)²(4m − 1)/6.
    """
    if ratio >= 1:
        return (1 - m) ** 2 * (4 * m - 1) / 6
    L, A0, A1 = _power_terms(ratio, m)
    d = ratio
    return d * (2 - d) * L**3 / 3 + d * (2 * m - 1) * L**2 / 2 + 2 * (1 - d) * A1 + (2 * m - 1) * A0


def uniform_surplus(ratio: float, m: float) -> float:
    """U + V = E[b p^σ − s p^r] for p_a with gap m (uniform case; m = 0 is the first best).

    For r > σ: W = δ(1 − δ/2)L³/3 + δ m L²/2 + (1 − δ)A_1 + m A_0; for r <= σ: (1 − m)³/6 + m(1 − m)²/2.
    """
    if ratio >= 1:
        return (1 - m) ** 3 / 6 + m * (1 - m) ** 2 / 2
    L, A0, A1 = _power_terms(ratio, m)
    d = ratio
    return d * (1 - d / 2) * L**3 / 3 + d * m * L**2 / 2 + (1 - d) * A1 + m * A0


def uniform_closed_form(ratio: float) -> UniformClosedFormOutcome:
    """m, U + V and the first best for uniform values as functions of δ = σ/r (Figures 8.1–8.2).

    Parameters
    ----------
    ratio
        δ = σ/r > 0.

    Returns
    -------
    UniformClosedFormOutcome
        m, the surplus U + V, the first best and the efficiency.

    Examples
    --------
    >>> out = uniform_closed_form(1.0)
    >>> out.m, out.surplus * 64, round(1 - out.efficiency, 5)
    (0.25, 9.0, 0.15625)
    """
    from scipy import optimize  # lazy: import bargainlab and the CLI stay fast

    try:
        delta = float(ratio)
    except (TypeError, ValueError):
        raise InvalidParameterError("ratio", ratio, "a positive number σ/r") from None
    if not (math.isfinite(delta) and delta > 0):
        raise InvalidParameterError("ratio", ratio, "a positive finite number σ/r (buyer's rate over seller's)")
    if delta >= 1:
        m = 0.25
    elif uniform_ir(delta, 0.0) >= 0:  # δ below ~1e-20: R(0) = −δ/2 + O(δ²) rounds to 0, m ~ δ/2 is 0
        m = 0.0
    else:
        m = optimize.brentq(lambda x: uniform_ir(delta, x), 0.0, 0.5, xtol=1e-15, rtol=8.9e-16)
    return UniformClosedFormOutcome(delta, m, uniform_surplus(delta, m), uniform_surplus(delta, 0.0))


@dataclass(frozen=True, repr=False)
class RatioCurveResult(Result):
    """m and the efficiency of the ex ante efficient mechanism against σ/r (Figures 8.1–8.2).

    One entry per ratio (r = 1, σ = ratio): ``m`` = a/(1 + a), ``surplus``, ``first_best``
    (same rates) and ``efficiency``; :meth:`to_frame` gives the table.
    """

    model: ClassVar[str] = "sequential"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer")

    seller: str
    buyer: str
    method: str
    ratio: np.ndarray
    m: np.ndarray
    surplus: np.ndarray
    first_best: np.ndarray
    efficiency: np.ndarray

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: distributions and the ratios."""
        return {"seller": self.seller, "buyer": self.buyer, "ratios": self.ratio}

    def _frame_columns(self) -> Mapping[str, Any]:
        return {name: getattr(self, name) for name in ("ratio", "m", "surplus", "first_best", "efficiency")}


def ratio_curve(
    ratios: ArrayLike,
    seller: DistributionLike = "uniform",
    buyer: DistributionLike = "uniform",
    method: str | None = None,
) -> RatioCurveResult:
    """m and the efficiency of the ex ante efficient mechanism against σ/r (Figures 8.1–8.2).

    Uses the closed form for two unit uniforms (unless ``method`` says otherwise) and
    quadrature for other F, G (r = 1, σ = ratio).

    Parameters
    ----------
    ratios
        The values of σ/r (positive).
    seller, buyer
        F and G (uniform by default).
    method
        ``"closed_form"``, ``"quadrature"`` or ``None`` (the closed form where it applies).

    Returns
    -------
    RatioCurveResult
        ``ratio``, ``m``, ``surplus``, ``first_best`` and ``efficiency``, one entry per ratio.

    Examples
    --------
    >>> curve = ratio_curve([0.5, 1.0])
    >>> [round(float(m), 6) for m in curve.m], [round(float(e), 6) for e in curve.efficiency]
    ([0.194258, 0.25], [0.928601, 0.84375])
    """
    F, G = _pair(seller, buyer)
    points = inputs.number_sequence(ratios, "ratios")
    chosen = method or ("closed_form" if _is_unit_uniform(F) and _is_unit_uniform(G) else "quadrature")
    rows = [solve(F, G, 1.0, x, method=chosen) for x in points]
    return RatioCurveResult(
        seller=F.name,
        buyer=G.name,
        method=chosen,
        ratio=np.array(points),
        m=np.array([o.m for o in rows]),
        surplus=np.array([o.surplus for o in rows]),
        first_best=np.array([o.first_best for o in rows]),
        efficiency=np.array([o.efficiency for o in rows]),
    )


# ---------------------------------------------------------------------- Theorem 1 checks
@dataclass(frozen=True, repr=False)
class MechanismCheckResult(Result):
    """Whether a sequential mechanism ⟨t, x⟩ is incentive compatible and individually rational.

    Attributes
    ----------
    incentive_compatible, individually_rational
        The verdicts (within ``tolerance``).
    seller_ic_gain, buyer_ic_gain
        Largest gain of any type from any misreport on the grid (direct check).
    min_seller_payoff, min_buyer_payoff
        Smallest interim payoffs U(s), V(b).
    seller_monotone, buyer_monotone
        Theorem 1: P non-increasing, Q non-decreasing.
    envelope_gap
        Largest deviation from Theorem 1's (IC) formulas S(s) − S(s̄) = −∫_s^{s̄} u dP(u),
        B(b) − B(b̲) = ∫_{b̲}^b u dQ(u).
    ir_identity
        U(s̄) + V(b̲) computed directly and by Lemma 3's expectation (IR).
    budget
        E[x] is paid by the buyer and received by the seller: balanced by construction.
    points, tolerance, method
        Grid size per side, tolerance used, ``"grid"``.
    seller, buyer, seller_rate, buyer_rate
        The environment (in ``parameters``).
    """

    model: ClassVar[str] = "sequential"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer", "seller_rate", "buyer_rate")
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "incentive_compatible", "individually_rational")

    incentive_compatible: bool
    individually_rational: bool
    seller_ic_gain: float
    buyer_ic_gain: float
    min_seller_payoff: float
    min_buyer_payoff: float
    seller_monotone: bool
    buyer_monotone: bool
    envelope_gap: float
    ir_direct: float
    ir_formula: float
    points: int
    tolerance: float
    method: str = "grid"
    seller: str = ""
    buyer: str = ""
    seller_rate: float = 1.0
    buyer_rate: float = 1.0

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs (the mechanism itself is a pair of functions)."""
        return {
            "seller": self.seller,
            "buyer": self.buyer,
            "seller_rate": self.seller_rate,
            "buyer_rate": self.buyer_rate,
            "points": self.points,
        }


def _evaluate(function: Callable[..., Any], name: str, S: np.ndarray, B: np.ndarray) -> np.ndarray:
    try:
        out = np.asarray(function(S, B), dtype=float)
        if out.shape != S.shape:
            out = np.vectorize(lambda s, b: float(function(s, b)), otypes=[float])(S, B)
    except Exception as error:  # the user's function failed: say which
        raise InvalidParameterError(
            name, getattr(function, "__name__", "function"), "a function of (s, b) returning numbers", str(error)
        ) from None
    return out


def check_mechanism(
    seller: DistributionLike,
    buyer: DistributionLike,
    seller_rate: float,
    buyer_rate: float,
    trade_time: Callable[[np.ndarray, np.ndarray], np.ndarray],
    payment: Callable[[np.ndarray, np.ndarray], np.ndarray],
    points: int = CHECK_POINTS,
    tolerance: float | None = None,
) -> MechanismCheckResult:
    """Check IC and IR of ⟨t, x⟩ (Theorem 1) on a grid of n equally likely types per side.

    Parameters
    ----------
    trade_time
        t(s, b) >= 0 (``inf`` for never), vectorised over arrays.
    payment
        x(s, b), the discounted expected payment from buyer to seller.
    points
        Quantile-midpoint types per side.
    tolerance
        Relative to the width of the value range; default MECHANISM_CHECK_TOL / points.

    Returns
    -------
    MechanismCheckResult
        ``incentive_compatible``, ``individually_rational``, the largest gain from misreporting and
        the gap in Theorem 1's envelope conditions.

    Examples
    --------
    >>> import numpy as np
    >>> trade = lambda s, b: np.where(s < b - 0.25, 0.0, np.inf)   # the static second best, at once
    >>> pay = lambda s, b: np.where(s < b - 0.25, (b + s) / 3 + 1 / 6, 0.0)
    >>> out = check_mechanism("uniform", "uniform", 1.0, 1.0, trade, pay)
    >>> bool(out.incentive_compatible), bool(out.individually_rational)
    (True, True)
    """
    F, G = _pair(seller, buyer)
    r, sigma = _check_rates(seller_rate, buyer_rate)
    points = inputs.integer(points, "points", low=10, high=MAX_CHECK_POINTS)
    q = (np.arange(points) + 0.5) / points
    s, b = F.ppf(q), G.ppf(q)
    S_, B_ = np.meshgrid(s, b, indexing="ij")
    t = _evaluate(trade_time, "trade_time", S_, B_)
    if np.any(np.isnan(t)) or np.any(t < 0):
        raise InvalidParameterError("trade_time", "t(s, b)", "non-negative times (inf for never)")
    x = _evaluate(payment, "payment", S_, B_)
    if not np.all(np.isfinite(x)):
        raise InvalidParameterError("payment", "x(s, b)", "finite numbers")
    seller_discount, buyer_discount = np.exp(-r * t), np.exp(-sigma * t)
    P, Q = seller_discount.mean(axis=1), buyer_discount.mean(axis=0)
    revenue, paid = x.mean(axis=1), x.mean(axis=0)
    U, V = revenue - s * P, b * Q - paid
    seller_gain = float(np.max(revenue[None, :] - s[:, None] * P[None, :] - U[:, None]))
    buyer_gain = float(np.max(b[:, None] * Q[None, :] - paid[None, :] - V[:, None]))
    scale = max(F.upper, G.upper) - min(F.lower, G.lower)
    tol = (MECHANISM_CHECK_TOL / points if tolerance is None else float(tolerance)) * scale
    # Theorem 1's (IC): S(s) − S(s̄) = −∫_s^{s̄} u dP(u), B(b) − B(b̲) = ∫_{b̲}^b u dQ(u) (Stieltjes sums)
    mid_s, mid_b = (s[1:] + s[:-1]) / 2, (b[1:] + b[:-1]) / 2
    seller_env = np.concatenate([np.cumsum((mid_s * np.diff(P))[::-1])[::-1], [0.0]])  # ∫_s^{s̄} u dP
    buyer_env = np.concatenate([[0.0], np.cumsum(mid_b * np.diff(Q))])
    envelope = max(
        float(np.max(np.abs(revenue - revenue[-1] + seller_env))), float(np.max(np.abs(paid - paid[0] - buyer_env)))
    )
    # Lemma 3: U(s̄) + V(b̲) = E[(b − (1−G)/g) p^σ − (s + F/f) p^r]
    formula = float(np.mean(virtual_value(G, B_) * buyer_discount - virtual_cost(F, S_) * seller_discount))
    return MechanismCheckResult(
        incentive_compatible=max(seller_gain, buyer_gain) <= tol,
        individually_rational=min(U.min(), V.min()) >= -tol,
        seller_ic_gain=max(seller_gain, 0.0),
        buyer_ic_gain=max(buyer_gain, 0.0),
        min_seller_payoff=float(U.min()),
        min_buyer_payoff=float(V.min()),
        seller_monotone=bool(np.all(np.diff(P) <= tol)),
        buyer_monotone=bool(np.all(np.diff(Q) >= -tol)),
        envelope_gap=envelope,
        ir_direct=float(U[-1] + V[0]),
        ir_formula=formula,
        points=int(points),
        tolerance=tol,
        seller=F.name,
        buyer=G.name,
        seller_rate=r,
        buyer_rate=sigma,
    )
