"""Bilateral trade (static or sequential) as a discretised linear program: the second method.

The seller's cost and the buyer's value are replaced by n equally likely types each (the
midpoints of n quantile bins of F and G); the date of trade by a grid of discount levels
p_1 < ... < p_K in (0, 1] (p = e^{-t}; the static problem is K = 1, p = 1). A mechanism
randomises over dates: z[i, j, k] >= 0 is the probability that seller i and buyer j trade at
p_k, Σ_k z[i, j, k] <= 1 (Cramton's random outcome function 𝕋). Interim quantities
(Cramton 1985, Section 8.3):

    P_i = (1/n) Σ_j Σ_k z[i, j, k] p_k^r,   Q_j = (1/n) Σ_i Σ_k z[i, j, k] p_k^σ.

The columns are z and the interim payoffs U_i, V_j (transfers eliminated). The rows are

* incentive compatibility between neighbouring types (with utility linear in the type, the
  neighbouring constraints in both directions imply the global ones; the solution is re-checked
  against all pairs): U_i − U_i' + (s_i − s_i') P_i' >= 0 and V_j − V_j' − (b_j − b_j') Q_j' >= 0;
* individual rationality: U_i >= 0, V_j >= 0 (column bounds);
* no expected deficit: E[U] + E[V] − E[b Q-part − s P-part] <= 0.

Maximising E[Σ_k z (b p_k^σ − s p_k^r)] gives the ex ante efficient (second-best) mechanism of
the discrete problem; the dual of the budget row is the multiplier λ (a = λ/(1 + λ)). As n and
K grow it converges to the continuous optimum (error O(1/n)); no regularity is needed (the LP
irons by itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp

from bargainlab.core import inputs
from bargainlab.core.distributions import Distribution
from bargainlab.core.limits import LP_TYPES
from bargainlab.core.lp_solver import LinearProgram, solve
from bargainlab.core.result import Result
from bargainlab.errors import SolverError

__all__ = ["DiscretisedOutcome", "solve_discretised", "LP_TYPES", "LP_DATES", "MAX_LP_TYPES", "MAX_LP_DATES"]

#: Default number of discount levels p_k when the seller's rate exceeds the buyer's.
LP_DATES = 24

#: Largest number of types per side and of discount levels accepted (the LP has n² K columns).
MAX_LP_TYPES = 400
MAX_LP_DATES = 200


@dataclass(frozen=True, repr=False)
class DiscretisedOutcome(Result):
    """The optimal mechanism of the discretised problem.

    Attributes
    ----------
    seller, buyer
        Names of F and G.
    seller_rate, buyer_rate
        r and σ.
    seller_types, buyer_types
        The n type values of each side (each with probability 1/n).
    dates
        Discount levels p_k.
    trade
        z[i, j, k] (left out of :meth:`to_dict`: n² K numbers).
    seller_payoffs, buyer_payoffs
        U_i, V_j.
    surplus, first_best_surplus
        Expected gains of the optimum and of the discrete first best.
    lagrange_multiplier
        Dual value λ of the no-deficit row.
    ic_violation, ir_violation, budget
        Largest violation of any IC pair (all pairs), of IR, and E[budget surplus] (>= 0).
    """

    model: ClassVar[str] = "bilateral"
    method: ClassVar[str] = "lp"
    hidden_fields: ClassVar[tuple[str, ...]] = ("seller", "buyer", "seller_rate", "buyer_rate", "trade")
    extra_fields: ClassVar[tuple[str, ...]] = ("multiplier",)
    summary_fields: ClassVar[tuple[str, ...]] = ("model", "method", "surplus", "multiplier")

    seller: str
    buyer: str
    seller_rate: float
    buyer_rate: float
    seller_types: np.ndarray
    buyer_types: np.ndarray
    dates: np.ndarray
    trade: np.ndarray
    seller_payoffs: np.ndarray
    buyer_payoffs: np.ndarray
    surplus: float
    first_best_surplus: float
    lagrange_multiplier: float
    ic_violation: float
    ir_violation: float
    budget: float

    @property
    def parameters(self) -> dict[str, Any]:
        """The inputs: distributions, rates, types per side and dates."""
        return {
            "seller": self.seller,
            "buyer": self.buyer,
            "seller_rate": self.seller_rate,
            "buyer_rate": self.buyer_rate,
            "types": len(self.seller_types),
            "dates": len(self.dates),
        }

    @property
    def multiplier(self) -> float:
        """a = λ/(1 + λ)."""
        return self.lagrange_multiplier / (1.0 + self.lagrange_multiplier)

    @property
    def seller_probability(self) -> np.ndarray:
        """P_i, the seller's discounted probability of agreement."""
        return np.asarray((self.trade * self.dates**self.seller_rate).sum(axis=(1, 2)) / len(self.buyer_types))

    @property
    def buyer_probability(self) -> np.ndarray:
        """Q_j, the buyer's discounted probability of agreement."""
        return np.asarray((self.trade * self.dates**self.buyer_rate).sum(axis=(0, 2)) / len(self.seller_types))

    @property
    def trade_probability(self) -> np.ndarray:
        """Probability that seller type i and buyer type j ever trade, Σ_k z[i, j, k] (n × n)."""
        return np.asarray(self.trade.sum(axis=2))

    def _frame_columns(self) -> Mapping[str, Any]:
        """Per type (row i: the i-th seller type and the i-th buyer type): types, P, Q, U, V."""
        return {
            "seller_type": self.seller_types,
            "seller_probability": self.seller_probability,
            "seller_payoff": self.seller_payoffs,
            "buyer_type": self.buyer_types,
            "buyer_probability": self.buyer_probability,
            "buyer_payoff": self.buyer_payoffs,
        }


def _types(dist: Distribution, n: int) -> np.ndarray:
    return dist.ppf((np.arange(n) + 0.5) / n)


def solve_discretised(
    seller: Distribution,
    buyer: Distribution,
    seller_rate: float = 1.0,
    buyer_rate: float = 1.0,
    types: int = LP_TYPES,
    dates: int = LP_DATES,
) -> DiscretisedOutcome:
    """Solve the discretised ex ante efficiency problem (see the module docstring).

    With ``seller_rate <= buyer_rate`` delay never helps (Cramton, Section 8.5) and one date
    (p = 1) is used; otherwise ``dates`` levels p_k = k/dates.
    """
    n = inputs.integer(types, "types", low=2, high=MAX_LP_TYPES)
    dates = inputs.integer(dates, "dates", low=1, high=MAX_LP_DATES)
    r, sigma = float(seller_rate), float(buyer_rate)
    s, b = _types(seller, n), _types(buyer, n)
    p = np.array([1.0]) if r <= sigma else np.arange(1, dates + 1) / dates
    K = len(p)
    gain = b[None, :, None] * p[None, None, :] ** sigma - s[:, None, None] * p[None, None, :] ** r  # (n, n, K)
    nz = n * n * K
    z_col = np.arange(nz).reshape(n, n, K)
    u_col = nz + np.arange(n)
    v_col = nz + n + np.arange(n)
    num_cols = nz + 2 * n
    rows, cols, vals, lower, upper = [], [], [], [], []
    row = 0

    def add(entries: list[tuple[np.ndarray, np.ndarray]], lo: float, hi: float) -> None:
        nonlocal row
        for c, v in entries:
            c, v = np.broadcast_arrays(np.asarray(c).ravel(), np.asarray(v, dtype=float).ravel())
            rows.append(np.full(c.size, row))
            cols.append(c)
            vals.append(v)
        lower.append(lo)
        upper.append(hi)
        row += 1

    if K > 1:
        for i in range(n):
            for j in range(n):
                add([(z_col[i, j], np.ones(K))], -np.inf, 1.0)
    pr, ps = p**r, p**sigma
    for i in range(n):  # seller type i against reporting i2 (neighbours)
        for i2 in (i - 1, i + 1):
            if 0 <= i2 < n:
                coef = (s[i] - s[i2]) / n * np.broadcast_to(pr, (n, K))
                add([(np.array([u_col[i], u_col[i2]]), np.array([1.0, -1.0])), (z_col[i2], coef)], 0.0, np.inf)
    for j in range(n):
        for j2 in (j - 1, j + 1):
            if 0 <= j2 < n:
                coef = -(b[j] - b[j2]) / n * np.broadcast_to(ps, (n, K))
                add([(np.array([v_col[j], v_col[j2]]), np.array([1.0, -1.0])), (z_col[:, j2], coef)], 0.0, np.inf)
    budget_row = row
    add([(u_col, np.full(n, 1 / n)), (v_col, np.full(n, 1 / n)), (z_col, -gain / n**2)], -np.inf, 0.0)
    matrix = sp.csc_array(
        sp.coo_array((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(row, num_cols))
    )
    objective = np.zeros(num_cols)
    objective[z_col.ravel()] = (gain / n**2).ravel()
    col_upper = np.concatenate([np.ones(nz), np.full(2 * n, np.inf)])
    program = LinearProgram(objective, matrix, np.array(lower), np.array(upper), np.zeros(num_cols), col_upper)
    solution = solve(program)
    x = solution.x
    z = x[z_col]
    U, V = x[u_col], x[v_col]
    if solution.row_dual is None:
        raise SolverError("the LP solver returned no dual values (needed for the multiplier λ)")
    return _checked(seller, buyer, r, sigma, s, b, p, z, U, V, gain, float(abs(solution.row_dual[budget_row])))


def _checked(
    seller: Distribution,
    buyer: Distribution,
    r: float,
    sigma: float,
    s: np.ndarray,
    b: np.ndarray,
    p: np.ndarray,
    z: np.ndarray,
    U: np.ndarray,
    V: np.ndarray,
    gain: np.ndarray,
    lam: float,
) -> DiscretisedOutcome:
    """Re-check the solution from the economics: IC over all pairs, IR, budget."""
    n = len(s)
    P = (z * p**r).sum(axis=(1, 2)) / n
    Q = (z * p**sigma).sum(axis=(0, 2)) / n
    revenue = U + s * P  # S_i
    payment = b * Q - V  # B_j
    seller_ic = (revenue[None, :] - s[:, None] * P[None, :]) - U[:, None]  # type i reporting i2
    buyer_ic = (b[:, None] * Q[None, :] - payment[None, :]) - V[:, None]
    surplus = float((z * gain).sum() / n**2)
    first = float(np.maximum(gain.max(axis=2), 0.0).sum() / n**2)
    return DiscretisedOutcome(
        seller=seller.name,
        buyer=buyer.name,
        seller_rate=r,
        buyer_rate=sigma,
        seller_types=s,
        buyer_types=b,
        dates=p,
        trade=z,
        seller_payoffs=U,
        buyer_payoffs=V,
        surplus=surplus,
        first_best_surplus=first,
        lagrange_multiplier=lam,
        ic_violation=float(max(seller_ic.max(), buyer_ic.max(), 0.0)),
        ir_violation=float(max(-U.min(), -V.min(), 0.0)),
        budget=float(payment.mean() - revenue.mean()),
    )
