"""Loertscher–Marx (2022) markets: the mechanism that maximises weighted welfare without deficit.

n sellers and m buyers (lecture notes, "Loertscher and Marx (2022)"): seller j has cost c_j ~ G_j
per unit and k_j^S units, buyer i value v_i ~ F_i per unit and demand for k_i^B units (unit
capacities by default; with k units per trader the type is still one-dimensional — a constant
value or cost per unit — which is the simple case); independent types; bargaining weights
w_j^S, w_i^B ∈ [0, 1]. The market maximises E[Σ w U] subject to E[R] >= 0 (R: the budget surplus) over
BIC, interim IR mechanisms.

Derivation (Myerson's lemma; E[U] = U(worst type) + information rent): with the multiplier λ of
E[R] >= 0 the Lagrangian is E[λ W − Σ (λ − w) U]. λ < max w would make lump-sum transfers to the
agent with the largest weight unboundedly profitable, so λ >= w̄ = max w, the worst types get 0
(agents with w < λ) and the allocation maximises, profile by profile, Σ_i Φ^B_i Q_i − Σ_j Φ^S_j Q_j
with the *weighted virtual types*

    Φ^B_i(v) = v − α_i (1 − F_i(v))/f_i(v),    Φ^S_j(c) = c + α_j G_j(c)/g_j(c),    α = 1 − w/λ:

the K highest Φ^B trade with the K lowest Φ^S, K the largest k with Φ^B_(k) >= Φ^S_(k), counting
every unit of a trader at the trader's Φ (so a trader trades an integer number of units, and
Myerson's lemma applies to that quantity). E[R]
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
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

import numpy as np

from bargainlab.core import inputs
from bargainlab.core.distributions import Distribution, DistributionLike
from bargainlab.core.limits import LM_SAMPLES
from bargainlab.core.quadrature import bisect_increasing
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.virtual_values import check_regular, virtual_cost, virtual_value

__all__ = ["MarketOutcome", "weighted_mechanism", "LM_SAMPLES", "MAX_TRADERS", "MAX_UNITS"]

#: Largest number of sellers or buyers accepted.
MAX_TRADERS = 20

#: Largest number of units per trader.
MAX_UNITS = 10


@dataclass(frozen=True, repr=False)
class MarketOutcome(Result):
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
    seller_capacities, buyer_capacities
        Units of every seller and buyer.
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
    sellers, buyers, seed
        Names of every seller's and buyer's distribution, and the scrambling seed (in ``parameters``).
    """

    model: ClassVar[str] = "market"
    hidden_fields: ClassVar[tuple[str, ...]] = ("sellers", "buyers", "seed")
    extra_fields: ClassVar[tuple[str, ...]] = ("efficiency",)
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "lagrange_multiplier", "surplus", "efficiency")

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
    seller_capacities: tuple[int, ...] = ()
    buyer_capacities: tuple[int, ...] = ()
    sellers: tuple[str, ...] = ()
    buyers: tuple[str, ...] = ()
    seed: int | None = 0

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs under their Python names."""
        return {
            "sellers": list(self.sellers),
            "buyers": list(self.buyers),
            "n_sellers": len(self.seller_weights),
            "n_buyers": len(self.buyer_weights),
            "seller_weights": list(self.seller_weights),
            "buyer_weights": list(self.buyer_weights),
            "seller_capacities": list(self.seller_capacities),
            "buyer_capacities": list(self.buyer_capacities),
            "samples": self.samples,
            "seed": self.seed,
        }

    @property
    def efficiency(self) -> float:
        """surplus / first best."""
        return self.surplus / self.first_best_surplus if self.first_best_surplus > 0 else 1.0

    def _frame_columns(self) -> Mapping[str, Any]:
        """One row per trader: side, index, distribution, weight, α, units and ex ante payoff."""
        n, m = len(self.seller_weights), len(self.buyer_weights)
        return {
            "side": ["seller"] * n + ["buyer"] * m,
            "agent": list(range(1, n + 1)) + list(range(1, m + 1)),
            "distribution": list(self.sellers or [""] * n) + list(self.buyers or [""] * m),
            "weight": self.seller_weights + self.buyer_weights,
            "alpha": self.seller_alphas + self.buyer_alphas,
            "capacity": self.seller_capacities + self.buyer_capacities,
            "payoff": self.seller_payoffs + self.buyer_payoffs,
        }


def _weights(raw: Any, count: int, name: str) -> np.ndarray:
    allowed = f"a number or a list of {count} numbers in [0, 1]"
    if isinstance(raw, (Sequence, np.ndarray)) and not isinstance(raw, str):
        values = np.asarray(inputs.number_sequence(raw, name))
    else:
        values = np.full(count, inputs.number(raw, name, low=0.0, high=1.0))
    if values.shape != (count,) or np.any(values < 0) or np.any(values > 1):
        raise InvalidParameterError(name, raw, allowed)
    return values


def _one_distribution(raw: Any) -> bool:
    """Whether ``raw`` spells one distribution (not a list of them): a Distribution, a name, a
    frozen scipy.stats object or a sample of numbers."""
    if isinstance(raw, (Distribution, str, np.ndarray)) or (hasattr(raw, "dist") and hasattr(raw, "ppf")):
        return True
    return isinstance(raw, Sequence) and all(isinstance(x, numbers.Real) for x in raw)


def _agents(raw: Any, count: int | None, name: str) -> list[Distribution]:
    if _one_distribution(raw) or not isinstance(raw, (Sequence, np.ndarray)):  # as_distribution says what is wrong
        n = inputs.integer(1 if count is None else count, f"n_{name}", low=1, high=MAX_TRADERS)
        return [inputs.as_distribution(raw, name)] * n
    agents: list[Distribution] = [inputs.as_distribution(d, name) for d in raw]
    if not 1 <= len(agents) <= MAX_TRADERS or (count is not None and count != len(agents)):
        raise InvalidParameterError(name, f"{len(agents)} distributions", f"1 to {MAX_TRADERS} distributions")
    return agents


def _capacities(raw: Any, count: int, name: str) -> np.ndarray:
    values = np.full(count, raw) if np.isscalar(raw) else np.asarray(raw)
    ok = values.shape == (count,) and all(
        isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 1 <= v <= MAX_UNITS for v in values.tolist()
    )
    if not ok:
        raise InvalidParameterError(name, raw, f"an integer or a list of {count} integers in [1, {MAX_UNITS}]")
    return values.astype(int)


def _matched(buyer_units: np.ndarray, seller_units: np.ndarray) -> np.ndarray:
    """K per draw: the number of buyer units (Φ, any order) matched with seller units (Φ)."""
    B = -np.sort(-buyer_units, axis=1)
    S = np.sort(seller_units, axis=1)
    k = min(B.shape[1], S.shape[1])
    return np.sum(B[:, :k] >= S[:, :k], axis=1)  # the matched differences are decreasing in k


def _allocate(
    buyer_phi: np.ndarray, seller_phi: np.ndarray, buyer_cap: np.ndarray, seller_cap: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Units traded by every agent (draws × agents) and K: the K highest buyer units trade with
    the K lowest seller units, all units of a trader at the trader's Φ (ties by agent order)."""
    bu = np.repeat(buyer_phi, buyer_cap, axis=1)
    su = np.repeat(seller_phi, seller_cap, axis=1)
    K = _matched(bu, su)
    buyer_rank = np.argsort(np.argsort(-bu, axis=1, kind="stable"), axis=1, kind="stable")
    seller_rank = np.argsort(np.argsort(su, axis=1, kind="stable"), axis=1, kind="stable")
    buyer_starts = np.concatenate([[0], np.cumsum(buyer_cap)[:-1]])
    seller_starts = np.concatenate([[0], np.cumsum(seller_cap)[:-1]])
    qb = np.add.reduceat((buyer_rank < K[:, None]).astype(int), buyer_starts, axis=1)
    qs = np.add.reduceat((seller_rank < K[:, None]).astype(int), seller_starts, axis=1)
    return qb, qs, K


def weighted_mechanism(
    sellers: DistributionLike | Sequence[DistributionLike],
    buyers: DistributionLike | Sequence[DistributionLike],
    n_sellers: int | None = None,
    n_buyers: int | None = None,
    seller_weights: float | Sequence[float] = 1.0,
    buyer_weights: float | Sequence[float] = 1.0,
    samples: int = LM_SAMPLES,
    seed: int | None = 0,
    seller_capacities: int | Sequence[int] = 1,
    buyer_capacities: int | Sequence[int] = 1,
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
    seller_capacities, buyer_capacities
        Units per seller and per buyer (an integer for all, or one per agent; default 1), each
        traded at the trader's constant cost or value per unit.

    Returns
    -------
    MarketOutcome
        The Lagrange multiplier, the expected surplus, the first-best surplus, each agent's
        expected payoff and the budget.

    Examples
    --------
    >>> out = weighted_mechanism("uniform", "uniform", samples=2**12)
    >>> round(out.lagrange_multiplier, 2), round(out.surplus, 3)
    (1.5, 0.141)
    """
    from scipy.stats import qmc  # lazy: import bargainlab and the CLI stay fast

    seed = inputs.seed(seed)
    G = _agents(sellers, n_sellers, "sellers")
    F = _agents(buyers, n_buyers, "buyers")
    ws, wb = _weights(seller_weights, len(G), "seller_weights"), _weights(buyer_weights, len(F), "buyer_weights")
    ks = _capacities(seller_capacities, len(G), "seller_capacities")
    kb = _capacities(buyer_capacities, len(F), "buyer_capacities")
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
        qb, qs, K = _allocate(values - alpha_b * rent_b, costs + alpha_s * rent_s, kb, ks)
        return qb, qs, K, alpha_s, alpha_b

    def budget(t: float) -> float:
        qb, qs, *_ = outcome(t)
        return float(np.mean(np.sum(psi_b * qb, axis=1) - np.sum(psi_s * qs, axis=1)))

    t = 1.0 if budget(1.0) >= 0 else _largest_feasible(budget)
    qb, qs, K, alpha_s, alpha_b = outcome(t)
    welfare = np.sum(values * qb, axis=1) - np.sum(costs * qs, axis=1)
    budget_virtual = float(np.mean(np.sum(psi_b * qb, axis=1) - np.sum(psi_s * qs, axis=1)))
    if ks.max() == 1 and kb.max() == 1:
        budget_payments = _threshold_budget(G, F, costs, values, alpha_s, alpha_b, rent_s, rent_b, qs, qb, K)
    else:
        budget_payments = _unit_threshold_budget(G, F, costs, values, alpha_s, alpha_b, rent_s, rent_b, qs, qb, ks, kb)
    qb0, qs0, _ = _allocate(values, costs, kb, ks)
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
        seller_capacities=tuple(int(k) for k in ks),
        buyer_capacities=tuple(int(k) for k in kb),
        sellers=tuple(g.name for g in G),
        buyers=tuple(f.name for f in F),
        seed=seed,
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
        price = bisect_increasing(partial(virtual_value, f, weight=float(a)), buyer_level, f.lower, f.upper)
        total += np.where(qb[:, i] > 0, price, 0.0)
    for j, g in enumerate(G):
        a = alpha_s[j]
        # receipt: the largest cost with Φ^S(c) <= level
        price = bisect_increasing(partial(virtual_cost, g, weight=float(a)), seller_level, g.lower, g.upper)
        total -= np.where(qs[:, j] > 0, price, 0.0)
    return float(total.mean())


def _unit_levels(own: int, others: np.ndarray, counter: np.ndarray, side: str) -> np.ndarray:
    """Threshold levels of a trader's units, per draw (draws × own): the Φ at which its u-th unit
    starts (buyer) or stops (seller) trading, holding the other traders' Φ fixed.

    ``others`` are the Φ of the same side's other units, ``counter`` the other side's units.
    The trader's quantity is a step function of its Φ that can only change where Φ crosses one
    of those levels; it is evaluated between consecutive candidates.
    """
    candidates = np.sort(np.concatenate([others, counter], axis=1), axis=1)
    gaps = np.diff(candidates, axis=1)
    mids = np.concatenate([candidates[:, :1] - 1.0, candidates[:, :-1] + 0.5 * gaps, candidates[:, -1:] + 1.0], axis=1)
    quantity = np.empty(mids.shape, dtype=int)
    for column in range(mids.shape[1]):
        phi = mids[:, column : column + 1]
        mine = np.repeat(phi, own, axis=1)
        if side == "buyer":
            K = _matched(np.concatenate([others, mine], axis=1), counter)
            ahead = np.sum(others > phi, axis=1)
        else:
            K = _matched(counter, np.concatenate([others, mine], axis=1))
            ahead = np.sum(others < phi, axis=1)
        quantity[:, column] = np.clip(K - ahead, 0, own)
    levels = np.empty((len(mids), own))
    lows = np.concatenate([np.full((len(mids), 1), -np.inf), candidates], axis=1)  # left end of each interval
    highs = np.concatenate([candidates, np.full((len(mids), 1), np.inf)], axis=1)  # right end
    for unit in range(1, own + 1):
        reached = quantity >= unit
        if side == "buyer":  # quantity rises with Φ: the first interval with >= unit units
            first = np.argmax(reached, axis=1)
            levels[:, unit - 1] = np.where(reached.any(axis=1), lows[np.arange(len(mids)), first], np.inf)
        else:  # quantity falls with Φ: the last interval with >= unit units
            last = reached.shape[1] - 1 - np.argmax(reached[:, ::-1], axis=1)
            levels[:, unit - 1] = np.where(reached.any(axis=1), highs[np.arange(len(mids)), last], -np.inf)
    return levels


def _unit_threshold_budget(
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
    ks: np.ndarray,
    kb: np.ndarray,
) -> float:
    """E[Σ buyer payments − Σ seller receipts] with per-unit threshold payments (any capacities).

    The dominant-strategy implementation charges a buyer, for each unit it trades, the value at
    which that unit would start trading, and pays a seller, for each unit, the cost at which it
    would stop (the payment identity of Myerson's lemma for step allocations).
    """
    phi_b = values - alpha_b * rent_b
    phi_s = costs + alpha_s * rent_s
    total = np.zeros(len(values))
    seller_units = np.repeat(phi_s, ks, axis=1)
    buyer_units = np.repeat(phi_b, kb, axis=1)
    for i, f in enumerate(F):
        others = np.repeat(np.delete(phi_b, i, axis=1), np.delete(kb, i), axis=1)
        levels = _unit_levels(int(kb[i]), others, seller_units, "buyer")
        a = alpha_b[i]
        prices = bisect_increasing(partial(virtual_value, f, weight=float(a)), levels, f.lower, f.upper)
        total += np.sum(np.where(np.arange(kb[i])[None, :] < qb[:, i : i + 1], prices, 0.0), axis=1)
    for j, g in enumerate(G):
        others = np.repeat(np.delete(phi_s, j, axis=1), np.delete(ks, j), axis=1)
        levels = _unit_levels(int(ks[j]), others, buyer_units, "seller")
        a = alpha_s[j]
        prices = bisect_increasing(partial(virtual_cost, g, weight=float(a)), levels, g.lower, g.upper)
        total -= np.sum(np.where(np.arange(ks[j])[None, :] < qs[:, j : j + 1], prices, 0.0), axis=1)
    return float(total.mean())
