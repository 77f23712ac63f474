"""Figures of Cramton's sequential mechanisms (FigureData: figure + its data).

* :func:`figure_8_1` — m = a/(1 + a) against σ/r (Cramton 1985, Figure 8.1);
* :func:`figure_8_2` — efficiency against σ/r, relative to the full-information first best with
  the same discount rates (Figure 8.2);
* :func:`delay_figure` — the time of trade t(s, b) of the ex ante efficient mechanism.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from bargainlab.models.sequential import SequentialOutcome
from bargainlab.viz.figure import FigureData, use_headless_backend

__all__ = ["figure_8_1", "figure_8_2", "delay_figure"]


def _curve_figure(curve: Mapping[str, np.ndarray], key: str, ylabel: str, title: str) -> FigureData:
    use_headless_backend()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.2, 4.0))
    ax.plot(curve["ratio"], curve[key], color="k")
    ax.set_xlabel("ratio of discount rates σ/r (buyer's / seller's)")
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, max(1.0, float(np.max(curve["ratio"]))))
    ax.set_title(title)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    columns = {name: np.asarray(curve[name]) for name in ("ratio", "m", "surplus", "first_best", "efficiency")}
    return FigureData(fig, columns, title, {"source": "Cramton (1985), Section 8.5"})


def figure_8_1(curve: Mapping[str, np.ndarray]) -> FigureData:
    """Figure 8.1: the value of m against σ/r (columns of :func:`~bargainlab.models.sequential.ratio_curve`)."""
    return _curve_figure(curve, "m", "m = a/(1+a)", "Figure 8.1: m against the ratio of discount rates")


def figure_8_2(curve: Mapping[str, np.ndarray]) -> FigureData:
    """Figure 8.2: efficiency against σ/r."""
    return _curve_figure(
        curve, "efficiency", "efficiency (share of the first best)", "Figure 8.2: efficiency against the ratio"
    )


def delay_figure(outcome: SequentialOutcome, points: int = 81) -> FigureData:
    """The time of trade t(s, b) = −ln p_a(s, b) (white: never). Columns: ``seller_cost``,
    ``buyer_value``, ``trade_time`` (``inf`` for never), ``discount`` p_a."""
    use_headless_backend()
    import matplotlib.pyplot as plt

    mech = outcome.mechanism
    if mech is None:
        raise ValueError("delay_figure needs an outcome solved by quadrature")
    s = np.linspace(mech.seller.lower, mech.seller.upper, points)
    b = np.linspace(mech.buyer.lower, mech.buyer.upper, points)
    S, B = np.meshgrid(s, b, indexing="ij")
    p = mech.discount(S, B)
    with np.errstate(divide="ignore"):
        t = -np.log(p)
    fig, ax = plt.subplots(figsize=(5.4, 4.4))
    shown = np.where(np.isfinite(t), t, np.nan)
    mesh = ax.pcolormesh(B, S, shown, shading="auto", cmap="viridis")
    fig.colorbar(mesh, ax=ax, label="time of trade t (blank: never)")
    ax.set_xlabel("buyer's value b")
    ax.set_ylabel("seller's cost s")
    ax.set_title(f"Ex ante efficient mechanism, r = {outcome.seller_rate:g}, σ = {outcome.buyer_rate:g}")
    fig.tight_layout()
    columns = {"seller_cost": S.ravel(), "buyer_value": B.ravel(), "trade_time": t.ravel(), "discount": p.ravel()}
    return FigureData(fig, columns, "Sequential mechanism: time of trade", {"m": outcome.m})
