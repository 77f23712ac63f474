"""Loertscher–Marx (2022) markets: the mechanism that maximises weighted welfare without deficit.

n sellers and m buyers with unit capacities (lecture notes, "Loertscher and Marx (2022)"):
seller j has cost c_j ~ G_j, buyer i value v_i ~ F_i, independent; bargaining weights w_j^S,
w_i^B ∈ [0, 1]. The market maximises E[Σ w U] subject to E[R] >= 0 (R: the budget surplus) over
BIC, interim IR mechanisms.

Derivation (Myerson's lemma; E[U] = U(worst type) + information rent): with the multiplier λ of
E[R] >= 0 the Lagrangian is E[λ W − Σ (λ − w) U]. λ < max w would make lump-sum transfers to the
agent with the largest weight unboundedly profitable, so λ >= w̄ = max w, the worst types get 0
(agents with w < λ) and the allocation maximises, profile by profile, Σ_i Φ^B_i Q_i − Σ_j Φ^S_j Q_j
with the *weighted virtual types*

    Φ^B_i(v) = v − α_i (1 − F_i(v))/f_i(v),    Φ^S_j(c) = c + α_j G_j(c)/g_j(c),    α = 1 − w/λ:

the K highest Φ^B trade with the K lowest Φ^S, K the largest k with Φ^B_(k) >= Φ^S_(k). E[R]
(with worst types at 0) = E[Σ ψ^B Q − Σ ψ^S Q] (ψ: α = 1) rises with λ. If it is >= 0 at λ = w̄
the constraint holds with λ = w̄ and the expected surplus is paid as a lump sum to the agents with
the largest weight (the notes' "sharing rule"); otherwise λ > w̄ solves E[R] = 0.

Expectations over the n + m types are computed by scrambled Sobol' quasi-Monte Carlo (fixed seed:
results are reproducible); the budget is computed twice — by virtual values and by the threshold
payments of the dominant-strategy implementation (each trader pays or receives the type at which
it would stop trading) — and both are reported. With n = m = 1 and equal weights this is the
Myerson–Satterthwaite second best (λ = 1/(1 − a)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import qmc

from bargainlab.core.distributions import Distribution
from bargainlab.core.quadrature import bisect_increasing
from bargainlab.errors import InvalidParameterError
from bargainlab.models.bilateral_trade import DistributionLike, as_distribution
from bargainlab.models.virtual_values import check_regular, virtual_cost, virtual_value

__all__ = ["MarketOutcome", "weighted_mechanism", "LM_SAMPLES", "MAX_TRADERS"]

#: Quasi-Monte Carlo draws of the type profile (a power of two).
LM_SAMPLES = 2**14

#: Largest number of sellers or buyers accepted.
MAX_TRADERS = 20


@dataclass(frozen=True)
class MarketOutcome:
    """The weighted-welfare-maximising mechanism of a Loertscher–Marx market.

    Attributes
    ----------
    lagrange_multiplier
        λ >= max weight.
    seller_alphas, buyer_alphas
        α = 1 − w/λ of every agent (weight of the information rent in its virtual type).
    surplus, first_best_surplus, efficiency
        E[welfare] of the mechanism, of the efficient allocation, and their ratio.
    expected_trades
        E[number of units traded].
    budget_virtual, budget_payments
        E[R] before lump sums, by virtual values and by threshold payments (two methods).
    lump_sum
        Expected surplus paid as a lump sum to the agents with the largest weight (0 when the
        no-deficit constraint binds with λ > max weight).
    seller_payoffs, buyer_payoffs
        Ex ante payoff of every agent (information rent, plus its share of the lump sum).
    weighted_welfare
        E[Σ w U].
    samples, method
        Quasi-Monte Carlo draws; ``"qmc"``.
    """

    seller_weights: tuple[float, ...]
    buyer_weights: tuple[float, ...]
    lagrange_multiplier: float
    seller_alphas: tuple[float, ...]
    buyer_alphas: tuple[float, ...]
    surplus: float
    first_best_surplus: float
    expected_trades: float
    budget_virtual: float
    budget_payments: float
    lump_sum: float
    seller_payoffs: tuple[float, ...]
    buyer_payoffs: tuple[float, ...]
    weighted_welfare: float
    samples: int
    method: str = "qmc"

    @property
    def efficiency(self) -> float:
        """surplus / first best."""
        return self.surplus / self.first_best_surplus if self.first_best_surplus > 0 else 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dictionary."""
        out = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}
        out["efficiency"] = self.efficiency
        return out

    def __str__(self) -> str:
        return (
            f"Loertscher-Marx market: {len(self.seller_weights)} seller(s), {len(self.buyer_weights)} buyer(s) "
            f"[{self.method}, {self.samples} draws]\n"
            f"  weights: sellers {list(self.seller_weights)}, buyers {list(self.buyer_weights)}; lambda = "
            f"{self.lagrange_multiplier:.6g}\n"
            f"  alphas: sellers {[round(a, 6) for a in self.seller_alphas]}, buyers "
            f"{[round(a, 6) for a in self.buyer_alphas]}\n"
            f"  surplus {self.surplus:.6g} of first best {self.first_best_surplus:.6g}: efficiency "
            f"{self.efficiency:.4%}; E[trades] {self.expected_trades:.4g}\n"
            f"  E[budget] by virtual values {self.budget_virtual:.4g}, by payments {self.budget_payments:.4g}; "
            f"lump sum {self.lump_sum:.4g}"
        )


def _weights(raw: Any, count: int, name: str) -> np.ndarray:
    values = np.full(count, float(raw)) if np.isscalar(raw) else np.asarray(raw, dtype=float)
    if values.shape != (count,) or not np.all(np.isfinite(values)) or np.any(values < 0) or np.any(values > 1):
        raise InvalidParameterError(name, raw, f"a number or a list of {count} numbers in [0, 1]")
    return values


def _agents(raw: Any, count: int | None, name: str) -> list[Distribution]:
    if isinstance(raw, (Distribution, str)):
        n = 1 if count is None else count
        if not (isinstance(n, (int, np.integer)) and 1 <= n <= MAX_TRADERS):
            raise InvalidParameterError(f"n_{name}", count, f"an integer in [1, {MAX_TRADERS}]")
        return [as_distribution(raw, name)] * int(n)
    agents = [as_distribution(d, name) for d in raw]
    if not 1 <= len(agents) <= MAX_TRADERS or (count is not None and count != len(agents)):
        raise InvalidParameterError(name, f"{len(agents)} distributions", f"1 to {MAX_TRADERS} distributions")
    return agents


def _allocate(buyer_phi: np.ndarray, seller_phi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trade indicators (draws × agents) and K: the K highest Φ^B trade with the K lowest Φ^S."""
    B = -np.sort(-buyer_phi, axis=1)
    S = np.sort(seller_phi, axis=1)
    k = min(B.shape[1], S.shape[1])
    K = np.sum(B[:, :k] >= S[:, :k], axis=1)  # the matched differences are decreasing in k
    buyer_rank = np.argsort(np.argsort(-buyer_phi, axis=1, kind="stable"), axis=1, kind="stable")
    seller_rank = np.argsort(np.argsort(seller_phi, axis=1, kind="stable"), axis=1, kind="stable")
    return buyer_rank < K[:, None], seller_rank < K[:, None], K


def weighted_mechanism(
    sellers: DistributionLike | Sequence[DistributionLike],
    buyers: DistributionLike | Sequence[DistributionLike],
    n_sellers: int | None = None,
    n_buyers: int | None = None,
    seller_weights: float | Sequence[float] = 1.0,
    buyer_weights: float | Sequence[float] = 1.0,
    samples: int = LM_SAMPLES,
    seed: int = 0,
) -> MarketOutcome:
    """The mechanism maximising E[Σ w U] s.t. E[R] >= 0 (Loertscher–Marx 2022; see the module docstring).

    Parameters
    ----------
    sellers, buyers
        One distribution per side (with ``n_sellers``/``n_buyers`` copies) or a list, one per agent.
    seller_weights, buyer_weights
        Bargaining weights in [0, 1] (a number for all, or one per agent); not all zero.
    samples, seed
        Quasi-Monte Carlo draws (power of two) and scrambling seed.

    Examples
    --------
    >>> out = weighted_mechanism("uniform", "uniform", samples=2**12)
    >>> round(out.lagrange_multiplier, 2), round(out.surplus, 3)
    (1.5, 0.141)
    """
    G = _agents(sellers, n_sellers, "sellers")
    F = _agents(buyers, n_buyers, "buyers")
    ws, wb = _weights(seller_weights, len(G), "seller_weights"), _weights(buyer_weights, len(F), "buyer_weights")
    if max(ws.max(), wb.max()) <= 0:
        raise InvalidParameterError("weights", [list(ws), list(wb)], "weights with at least one positive")
    if not (isinstance(samples, (int, np.integer)) and 2**8 <= samples <= 2**20 and samples & (samples - 1) == 0):
        raise InvalidParameterError("samples", samples, "a power of two in [256, 2^20]")
    for g in G:
        check_regular(g, F[0])
    for f in F:
        check_regular(G[0], f)
    draws = qmc.Sobol(d=len(G) + len(F), scramble=True, seed=seed).random(int(samples))
    costs = np.column_stack([g.ppf(draws[:, j]) for j, g in enumerate(G)])
    values = np.column_stack([f.ppf(draws[:, len(G) + i]) for i, f in enumerate(F)])
    psi_s = np.column_stack([virtual_cost(g, costs[:, j]) for j, g in enumerate(G)])
    psi_b = np.column_stack([virtual_value(f, values[:, i]) for i, f in enumerate(F)])
    rent_s, rent_b = psi_s - costs, values - psi_b  # G/g and (1 − F)/f
    top = max(ws.max(), wb.max())

    def outcome(t: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Allocation at λ = top/t (t ∈ (0, 1]; t = 0 is λ = ∞): α = 1 − (w/top) t."""
        alpha_s, alpha_b = 1 - ws / top * t, 1 - wb / top * t
        qb, qs, K = _allocate(values - alpha_b * rent_b, costs + alpha_s * rent_s)
        return qb, qs, K, alpha_s, alpha_b

    def budget(t: float) -> float:
        qb, qs, *_ = outcome(t)
        return float(np.mean(np.sum(psi_b * qb, axis=1) - np.sum(psi_s * qs, axis=1)))

    t = 1.0 if budget(1.0) >= 0 else _largest_feasible(budget)
    qb, qs, K, alpha_s, alpha_b = outcome(t)
    welfare = np.sum(values * qb, axis=1) - np.sum(costs * qs, axis=1)
    budget_virtual = float(np.mean(np.sum(psi_b * qb, axis=1) - np.sum(psi_s * qs, axis=1)))
    budget_payments = _threshold_budget(G, F, costs, values, alpha_s, alpha_b, rent_s, rent_b, qs, qb, K)
    qb0, qs0, _ = _allocate(values, costs)
    first = float(np.mean(np.sum(values * qb0, axis=1) - np.sum(costs * qs0, axis=1)))
    lump = max(budget_virtual, 0.0) if t >= 1.0 else 0.0
    seller_pay = np.mean(rent_s * qs, axis=0)
    buyer_pay = np.mean(rent_b * qb, axis=0)
    winners_s, winners_b = ws >= top, wb >= top
    share = lump / (winners_s.sum() + winners_b.sum())
    seller_pay = seller_pay + share * winners_s
    buyer_pay = buyer_pay + share * winners_b
    lam = top / t if t > 0 else math.inf
    return MarketOutcome(
        seller_weights=tuple(float(w) for w in ws),
        buyer_weights=tuple(float(w) for w in wb),
        lagrange_multiplier=float(lam),
        seller_alphas=tuple(float(a) for a in alpha_s),
        buyer_alphas=tuple(float(a) for a in alpha_b),
        surplus=float(welfare.mean()),
        first_best_surplus=first,
        expected_trades=float(K.mean()),
        budget_virtual=budget_virtual,
        budget_payments=budget_payments,
        lump_sum=lump,
        seller_payoffs=tuple(float(x) for x in seller_pay),
        buyer_payoffs=tuple(float(x) for x in buyer_pay),
        weighted_welfare=float(ws @ seller_pay + wb @ buyer_pay),
        samples=int(samples),
    )


#: Bisection steps for λ (the sample budget is a step function of t = max w / λ).
LAMBDA_BISECTIONS = 50


def _largest_feasible(budget: Any) -> float:
    """The largest t ∈ [0, 1] with budget(t) >= 0, given budget(0) >= 0 > budget(1) (bisection)."""
    low, high = 0.0, 1.0
    for _ in range(LAMBDA_BISECTIONS):
        mid = 0.5 * (low + high)
        if budget(mid) >= 0:
            low = mid
        else:
            high = mid
    return low


def _threshold_budget(
    G: list[Distribution],
    F: list[Distribution],
    costs: np.ndarray,
    values: np.ndarray,
    alpha_s: np.ndarray,
    alpha_b: np.ndarray,
    rent_s: np.ndarray,
    rent_b: np.ndarray,
    qs: np.ndarray,
    qb: np.ndarray,
    K: np.ndarray,
) -> float:
    """E[Σ buyer payments − Σ seller receipts] with threshold (dominant-strategy) payments.

    A trading buyer keeps trading as long as its Φ^B stays >= max(best excluded buyer's Φ^B,
    K-th seller's Φ^S); it pays the value where its Φ^B reaches that level. A trading seller
    receives the cost where its Φ^S reaches min(best excluded seller's Φ^S, K-th buyer's Φ^B).
    """
    phi_b = values - alpha_b * rent_b
    phi_s = costs + alpha_s * rent_s
    B = -np.sort(-phi_b, axis=1)
    S = np.sort(phi_s, axis=1)
    rows = np.arange(len(K))
    idx = np.maximum(K - 1, 0)
    next_b = np.where(K < B.shape[1], B[rows, np.minimum(K, B.shape[1] - 1)], -np.inf)
    next_s = np.where(K < S.shape[1], S[rows, np.minimum(K, S.shape[1] - 1)], np.inf)
    buyer_level = np.maximum(next_b, S[rows, idx])
    seller_level = np.minimum(next_s, B[rows, idx])
    total = np.zeros(len(K))
    for i, f in enumerate(F):
        a = alpha_b[i]
        price = bisect_increasing(lambda v, f=f, a=a: virtual_value(f, v, a), buyer_level, f.lower, f.upper)
        total += np.where(qb[:, i], price, 0.0)
    for j, g in enumerate(G):
        a = alpha_s[j]
        # receipt: the largest cost with Φ^S(c) <= level
        price = bisect_increasing(lambda c, g=g, a=a: virtual_cost(g, c, a), seller_level, g.lower, g.upper)
        total -= np.where(qs[:, j], price, 0.0)
    return float(total.mean())
