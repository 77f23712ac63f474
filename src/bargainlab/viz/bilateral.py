"""Figures of static bilateral trade and the k-double auction (FigureData: figure + its data).

* :func:`trade_region_figure`: in the (b, s) square, the efficient region s < b, the second
  best's s < s*(b), and a posted price's rectangle s <= p <= b.
* :func:`double_auction_figure`: the linear equilibrium strategies B(v), S(c) of a k-double auction.

Figures are :class:`matplotlib.figure.Figure` objects (no pyplot state: nothing is left open).
"""

from __future__ import annotations

import numpy as np

from bargainlab.models.bilateral_trade import PostedPriceOutcome, SecondBestOutcome
from bargainlab.models.double_auction import LinearEquilibriumOutcome
from bargainlab.viz.figure import FigureData

__all__ = ["trade_region_figure", "double_auction_figure"]


def trade_region_figure(second_best: SecondBestOutcome, posted: PostedPriceOutcome | None = None) -> FigureData:
    """Trade regions: first best (s < b), second best (s < s*(b)), and optionally a posted price.

    Columns: ``buyer_value``, ``first_best_cost_below``, ``second_best_cost_below`` and, with a
    posted price, ``posted_price_trades`` (1 where a buyer of that value trades with sellers s <= p).
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    b = np.asarray(second_best.threshold_b)
    s_star = np.asarray(second_best.threshold_s)
    s_low, s_high = float(s_star.min(initial=0.0)), float(s_star.max(initial=1.0))
    mech = second_best.mechanism
    if mech is not None:
        s_low, s_high = mech.seller.lower, mech.seller.upper
    first = np.clip(b, s_low, s_high)
    fig = Figure(figsize=(5.2, 4.6), layout="tight")
    ax = fig.add_subplot()
    ax.fill_between(b, s_low, first, color="0.85", label="first best: trade iff s < b")
    ax.fill_between(
        b, s_low, s_star, color="tab:blue", alpha=0.55, label=f"second best (a = {second_best.multiplier:.3g})"
    )
    columns = {"buyer_value": b, "first_best_cost_below": first, "second_best_cost_below": s_star}
    if posted is not None:
        p = posted.price
        ax.add_patch(
            Rectangle(
                (p, s_low),
                max(b.max() - p, 0),
                max(p - s_low, 0),
                fill=False,
                hatch="//",
                ec="tab:red",
                label=f"posted price {p:.3g}",
            )
        )
        columns["posted_price_trades"] = (b >= p).astype(float)
    ax.set_xlabel("buyer's value b")
    ax.set_ylabel("seller's cost s")
    ax.set_title(f"Trade regions: efficiency {second_best.efficiency:.1%} (second best)")
    ax.legend(loc="upper left", fontsize=8)
    meta = {"seller": second_best.seller, "buyer": second_best.buyer, "multiplier": second_best.multiplier}
    return FigureData(fig, columns, "Bilateral trade: trade regions", meta)


def double_auction_figure(equilibrium: LinearEquilibriumOutcome, points: int = 101) -> FigureData:
    """The linear equilibrium strategies of the k-double auction. Columns: ``type``, ``bid``, ``ask``."""
    from matplotlib.figure import Figure

    x = np.linspace(equilibrium.lower, equilibrium.upper, points)
    bid, ask = equilibrium.bid(x), equilibrium.ask(x)
    fig = Figure(figsize=(5.2, 4.2), layout="tight")
    ax = fig.add_subplot()
    ax.plot(x, x, color="0.7", lw=1, label="truthful")
    ax.plot(x, bid, label=f"buyer's bid B(v) = {equilibrium.buyer_slope:.3g} v + {equilibrium.buyer_intercept:.3g}")
    ax.plot(x, ask, label=f"seller's ask S(c) = {equilibrium.seller_slope:.3g} c + {equilibrium.seller_intercept:.3g}")
    ax.set_xlabel("type (v for the buyer, c for the seller)")
    ax.set_ylabel("bid / ask")
    ax.set_title(f"k-double auction, k = {equilibrium.k:g}: efficiency {equilibrium.efficiency:.1%}")
    ax.legend(fontsize=8)
    return FigureData(
        fig, {"type": x, "bid": bid, "ask": ask}, "k-double auction: linear equilibrium", {"k": equilibrium.k}
    )
