"""Figures of Cramton's sequential mechanisms (FigureData: figure + its data).

* :func:`figure_8_1` — m = a/(1 + a) against σ/r (Cramton 1985, Figure 8.1);
* :func:`figure_8_2` — efficiency against σ/r, relative to the full-information first best with
  the same discount rates (Figure 8.2);
* :func:`delay_figure` — the time of trade t(s, b) of the ex ante efficient mechanism.

Figures are :class:`matplotlib.figure.Figure` objects (no pyplot state: nothing is left open).
"""

from __future__ import annotations

import numpy as np

from bargainlab.errors import InvalidParameterError
from bargainlab.models.sequential import RatioCurveResult, SequentialOutcome
from bargainlab.viz.figure import FigureData

__all__ = ["figure_8_1", "figure_8_2", "delay_figure"]

#: The columns of a ratio curve written with Figures 8.1–8.2.
CURVE_COLUMNS = ("ratio", "m", "surplus", "first_best", "efficiency")


def _curve_figure(curve: RatioCurveResult, key: str, ylabel: str, title: str) -> FigureData:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.2, 4.0), layout="tight")
    ax = fig.add_subplot()
    ax.plot(curve.ratio, getattr(curve, key), color="k")
    ax.set_xlabel("ratio of discount rates σ/r (buyer's / seller's)")
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, max(1.0, float(np.max(curve.ratio))))
    ax.set_title(title)
    ax.grid(alpha=0.3)
    columns = {name: np.asarray(getattr(curve, name)) for name in CURVE_COLUMNS}
    return FigureData(fig, columns, title, {"source": "Cramton (1985), Section 8.5"})


def figure_8_1(curve: RatioCurveResult) -> FigureData:
    """Figure 8.1: the value of m against σ/r (a :func:`~bargainlab.models.sequential.ratio_curve`)."""
    return _curve_figure(curve, "m", "m = a/(1+a)", "Figure 8.1: m against the ratio of discount rates")


def figure_8_2(curve: RatioCurveResult) -> FigureData:
    """Figure 8.2: efficiency against σ/r."""
    return _curve_figure(
        curve, "efficiency", "efficiency (share of the first best)", "Figure 8.2: efficiency against the ratio"
    )


def delay_figure(outcome: SequentialOutcome, points: int = 81) -> FigureData:
    """The time of trade t(s, b) = −ln p_a(s, b) (white: never). Columns: ``seller_cost``,
    ``buyer_value``, ``trade_time`` (``inf`` for never), ``trade_discount`` p_a(s, b) = e^(−t) (0 for never)."""
    from matplotlib.figure import Figure

    mech = outcome.mechanism
    if mech is None:
        raise InvalidParameterError("method", outcome.method, "'quadrature' for the delay figure")
    s = np.linspace(mech.seller.lower, mech.seller.upper, points)
    b = np.linspace(mech.buyer.lower, mech.buyer.upper, points)
    S, B = np.meshgrid(s, b, indexing="ij")
    p = mech.discount(S, B)
    with np.errstate(divide="ignore"):
        t = -np.log(p)
    fig = Figure(figsize=(5.4, 4.4), layout="tight")
    ax = fig.add_subplot()
    shown = np.where(np.isfinite(t), t, np.nan)
    mesh = ax.pcolormesh(B, S, shown, shading="auto", cmap="viridis")
    fig.colorbar(mesh, ax=ax, label="time of trade t (blank: never)")
    ax.set_xlabel("buyer's value b")
    ax.set_ylabel("seller's cost s")
    ax.set_title(f"Ex ante efficient mechanism, r = {outcome.seller_rate:g}, σ = {outcome.buyer_rate:g}")
    columns = {"seller_cost": S.ravel(), "buyer_value": B.ravel(), "trade_time": t.ravel(), "trade_discount": p.ravel()}
    return FigureData(fig, columns, "Sequential mechanism: time of trade", {"m": outcome.m})
