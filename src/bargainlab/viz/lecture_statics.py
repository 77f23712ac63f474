"""Comparative statics of the lecture notes (Backus and Valenzuela-Stookey, *Bargaining*).

Four figures, each a :class:`~bargainlab.viz.figure.FigureData` (PNG, SVG and the CSV behind it):

* :func:`posted_price_equilibria` — the k-double auction's posted-price equilibria ("Fix p ∈ (c̲, v̄)
  ... this is just trade at a posted price"): the trade rectangles {c <= p <= v} for a few prices
  in the (cost, value) square, beside the Chatterjee–Samuelson linear equilibrium's region; the
  data is the posted-price surplus and trade probability over a grid of p, with each p's largest
  gain from deviating in the k-double auction (0: an equilibrium for every k);
* :func:`double_auction_against_k` — the k-double auction's linear-equilibrium surplus against k
  ("regardless of k we get the same set of equilibria"), beside the best posted price;
* :func:`posted_price_against_price` — the posted-price surplus and the two sides' payoffs against p
  ("bargaining power is p");
* :func:`loertscher_marx_against_weight` — Loertscher–Marx outcomes over the bargaining weights
  (buyer weight w, seller weight 1 − w): payoffs, surplus and the expected trades;
* :func:`nash_against_beta` — the generalised Nash solution f_β(U, d) as β moves along the
  frontier v₂ = 1 − v₁² ("which point depends on the bargaining weights").
"""

from __future__ import annotations

from functools import partial

import numpy as np

from bargainlab.core import inputs
from bargainlab.core.distributions import DistributionLike
from bargainlab.errors import InvalidParameterError
from bargainlab.models.bilateral_trade import best_posted_price, posted_price
from bargainlab.models.double_auction import best_response_check, linear_equilibrium
from bargainlab.models.loertscher_marx import weighted_mechanism
from bargainlab.models.nash import nash_solution
from bargainlab.viz.figure import FigureData, use_headless_backend

__all__ = [
    "posted_price_equilibria",
    "double_auction_against_k",
    "posted_price_against_price",
    "loertscher_marx_against_weight",
    "nash_against_beta",
    "nash_frontier",
    "MAX_STATICS_POINTS",
]

#: Largest number of points of a comparative-statics curve (each point solves a model).
MAX_STATICS_POINTS = 401
#: Types per side of the best-response check of each posted price.
CHECK_POINTS = 200


def _points(value: int, name: str = "points", low: int = 3, high: int = MAX_STATICS_POINTS) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise InvalidParameterError(name, value, f"an integer in [{low}, {high}]")
    return int(value)


def _axes(title: str, size: tuple[float, float] = (5.8, 4.4)):  # noqa: ANN202
    use_headless_backend()
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=size)
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    return figure, axes


def _inner_grid(lower: float, upper: float, points: int) -> np.ndarray:
    return np.linspace(lower, upper, points + 2)[1:-1]


def _posted_bid(value: np.ndarray, price: float, lowest: float) -> np.ndarray:
    """The buyer bids p when v >= p, else the lowest cost c̲ (no trade)."""
    return np.where(value >= price, price, lowest)


def _posted_ask(cost: np.ndarray, price: float, highest: float) -> np.ndarray:
    """The seller asks p when c <= p, else the highest value v̄ (no trade)."""
    return np.where(cost <= price, price, highest)


def posted_price_equilibria(k: float = 0.5, points: int = 41, shown: tuple[float, ...] = (0.3, 0.5, 0.7)) -> FigureData:
    """Trade regions of posted-price equilibria of the k-double auction (uniform [0, 1] values).

    For each price p the buyer bids p when v >= p (else c̲) and the seller asks p when c <= p (else v̄);
    the CSV columns are ``price``, ``trade_probability``, ``surplus``, ``buyer_gain``, ``seller_gain``
    (largest gains from deviating, discretised best responses: ~0 means an equilibrium).
    """
    n = _points(points)
    eq = linear_equilibrium(k)
    prices = _inner_grid(eq.lower, eq.upper, n)
    rows = []
    for p in prices:
        check = best_response_check(
            k,
            partial(_posted_bid, price=float(p), lowest=eq.lower),
            partial(_posted_ask, price=float(p), highest=eq.upper),
            points=CHECK_POINTS,
        )
        exact = posted_price("uniform", "uniform", float(p))
        rows.append((exact.trade_probability, exact.surplus, check.buyer_gain, check.seller_gain))
    table = np.array(rows)
    title = f"k-double auction (k = {k:g}): posted-price equilibria"
    figure, axes = _axes(title, (5.2, 5.0))
    for j, p in enumerate(shown):
        axes.add_patch(
            __import__("matplotlib.patches", fromlist=["Rectangle"]).Rectangle(
                (eq.lower, p), p - eq.lower, eq.upper - p, alpha=0.18, color=f"C{j}", label=f"trade at p = {p:g}"
            )
        )
    c = np.linspace(eq.lower, eq.upper, 101)
    axes.plot(c, c + eq.trade_intercept, "k--", label=f"linear equilibrium: v ≥ c + {eq.trade_intercept:.3g}")
    axes.plot(c, c, color="0.6", lw=0.8, label="v = c")
    axes.set_xlim(eq.lower, eq.upper)
    axes.set_ylim(eq.lower, eq.upper)
    axes.set_xlabel("seller's cost c")
    axes.set_ylabel("buyer's value v")
    axes.legend(fontsize=7, loc="lower right")
    columns = {
        "price": prices,
        "trade_probability": table[:, 0],
        "surplus": table[:, 1],
        "buyer_gain": table[:, 2],
        "seller_gain": table[:, 3],
    }
    return FigureData(figure, columns, title, {"figure": "posted-price-equilibria", "k": k, "shown": list(shown)})


def double_auction_against_k(points: int = 41) -> FigureData:
    """The linear equilibrium's surplus, trade probability and efficiency against k (uniform [0, 1])."""
    n = _points(points)
    ks = _inner_grid(0.0, 1.0, n)
    eqs = [linear_equilibrium(float(k)) for k in ks]
    surplus = np.array([e.surplus for e in eqs])
    trade = np.array([e.trade_probability for e in eqs])
    best = best_posted_price("uniform", "uniform")
    title = "k-double auction: linear-equilibrium surplus against k"
    figure, axes = _axes(title)
    axes.plot(ks, surplus, label="linear equilibrium surplus")
    axes.axhline(best.surplus, color="C1", ls="--", label=f"best posted price (p = {best.price:.3g})")
    axes.axhline(eqs[0].first_best_surplus, color="0.5", ls=":", label="first best")
    axes.set_xlabel("k (price = k b + (1 − k) s)")
    axes.set_ylabel("expected surplus")
    axes.set_ylim(0, eqs[0].first_best_surplus * 1.1)
    axes.legend(fontsize=8)
    columns = {
        "k": ks,
        "surplus": surplus,
        "trade_probability": trade,
        "efficiency": surplus / eqs[0].first_best_surplus,
    }
    return FigureData(figure, columns, title, {"figure": "double-auction-k"})


def posted_price_against_price(
    seller: DistributionLike = "uniform", buyer: DistributionLike = "uniform", points: int = 101
) -> FigureData:
    """Posted-price surplus and the two sides' payoffs against the price p."""
    n = _points(points)
    F, G = inputs.as_distribution(seller, "seller"), inputs.as_distribution(buyer, "buyer")
    low, high = max(F.lower, G.lower), min(F.upper, G.upper)
    if not low < high:
        raise InvalidParameterError("buyer", G.name, "a value distribution overlapping the seller's costs")
    prices = np.linspace(low, high, n)
    outs = [posted_price(F, G, float(p)) for p in prices]
    surplus = np.array([o.surplus for o in outs])
    seller_payoff = np.array([o.seller_payoff for o in outs])
    buyer_payoff = np.array([o.buyer_payoff for o in outs])
    title = f"Posted price: surplus against p ({F.name}, {G.name})"
    figure, axes = _axes(title)
    axes.plot(prices, surplus, label="surplus")
    axes.plot(prices, seller_payoff, ls="--", label="seller's payoff")
    axes.plot(prices, buyer_payoff, ls=":", label="buyer's payoff")
    axes.set_xlabel("posted price p")
    axes.set_ylabel("expected payoff")
    axes.legend(fontsize=8)
    columns = {"price": prices, "surplus": surplus, "seller_payoff": seller_payoff, "buyer_payoff": buyer_payoff}
    return FigureData(figure, columns, title, {"figure": "posted-price", "seller": F.name, "buyer": G.name})


def loertscher_marx_against_weight(
    seller: DistributionLike = "uniform",
    buyer: DistributionLike = "uniform",
    points: int = 21,
    samples: int = 2**12,
) -> FigureData:
    """Loertscher–Marx bilateral outcomes as the buyer's weight w goes from 0 to 1 (seller's weight 1 − w)."""
    n = _points(points, high=101)
    weights = np.linspace(0.0, 1.0, n)
    outs = [weighted_mechanism(seller, buyer, seller_weights=1 - w, buyer_weights=w, samples=samples) for w in weights]
    seller_payoff = np.array([o.seller_payoffs[0] for o in outs])
    buyer_payoff = np.array([o.buyer_payoffs[0] for o in outs])
    surplus = np.array([o.surplus for o in outs])
    trades = np.array([o.expected_trades for o in outs])
    title = "Loertscher–Marx: outcomes over the bargaining weights"
    figure, axes = _axes(title)
    axes.plot(weights, surplus, label="surplus")
    axes.plot(weights, seller_payoff, ls="--", label="seller's payoff")
    axes.plot(weights, buyer_payoff, ls=":", label="buyer's payoff")
    axes.set_xlabel("buyer's weight w (seller's 1 − w)")
    axes.set_ylabel("expected payoff")
    axes.legend(fontsize=8)
    columns = {
        "buyer_weights": weights,
        "seller_payoff": seller_payoff,
        "buyer_payoff": buyer_payoff,
        "surplus": surplus,
        "expected_trades": trades,
    }
    return FigureData(figure, columns, title, {"figure": "loertscher-marx-weights", "samples": samples})


def nash_frontier(v1: float) -> float:
    """The frontier of the example feasible set U = {0 <= v₁ <= 1, 0 <= v₂ <= 1 − v₁²}."""
    return 1.0 - v1 * v1


def nash_against_beta(points: int = 51) -> FigureData:
    """f_β(U, d) on U = {v₂ <= 1 − v₁²}, d = (0, 0), as β goes from 0 to 1 (closed form v₁ = √(β/(2 − β)))."""
    n = _points(points)
    betas = np.linspace(0.0, 1.0, n)
    sols = [nash_solution(frontier=nash_frontier, domain=(0.0, 1.0), bargaining_power=float(b)) for b in betas]
    v1 = np.array([s.point[0] for s in sols])
    v2 = np.array([s.point[1] for s in sols])
    title = "Generalised Nash solution as β moves (U: v₂ ≤ 1 − v₁², d = 0)"
    use_headless_backend()
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    grid = np.linspace(0, 1, 201)
    left.plot(grid, 1 - grid**2, color="0.5", label="frontier")
    left.scatter(v1, v2, c=betas, cmap="viridis", s=14, label="f_β(U, d)")
    left.set_xlabel("v₁")
    left.set_ylabel("v₂")
    left.legend(fontsize=8)
    right.plot(betas, v1, label="v₁")
    right.plot(betas, v2, label="v₂")
    right.set_xlabel("β (player 1's weight)")
    right.legend(fontsize=8)
    for ax in (left, right):
        ax.grid(alpha=0.3)
    figure.suptitle(title, fontsize=10)
    return FigureData(figure, {"bargaining_power": betas, "v1": v1, "v2": v2}, title, {"figure": "nash-beta"})
