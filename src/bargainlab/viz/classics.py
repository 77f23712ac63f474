"""Figures of the complete-information classics: the Nash solution on its feasible set, and
Rubinstein's shares against a discount factor. Figures are :class:`matplotlib.figure.Figure`
objects (no pyplot state)."""

from __future__ import annotations

from typing import Any

import numpy as np

from bargainlab.models.nash import NashOutcome
from bargainlab.models.rubinstein import rubinstein
from bargainlab.viz.figure import FigureData

__all__ = ["nash_figure", "rubinstein_against_delta"]


def _axes(title: str) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5.6, 4.4))
    axes = figure.subplots()
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    return figure, axes


def nash_figure(solution: NashOutcome, points: int = 200) -> FigureData:
    """U ∩ {v >= d} (polytopes), the level curve of the Nash product through the solution, d and f_β(U, d).

    Columns: the polygon's vertices (``v1``, ``v2``, closed) — for a frontier solution only the point.
    """
    d, (x, y), beta = solution.disagreement, solution.point, solution.bargaining_power
    vertices = np.array(solution.vertices + solution.vertices[:1]) if solution.vertices else np.array([[x, y]])
    title = f"Nash bargaining solution, β = {beta:g}: v = ({x:.4g}, {y:.4g})"
    figure, axes = _axes(title)
    if solution.vertices:
        axes.fill(vertices[:, 0], vertices[:, 1], color="C0", alpha=0.2, label="U ∩ {v ≥ d}")
        axes.plot(vertices[:, 0], vertices[:, 1], color="C0")
    if 0 < beta < 1 and solution.nash_product > 0:
        g1 = np.linspace(solution.gains[0] * 0.2, solution.gains[0] * 3, points)
        g2 = (solution.nash_product / g1**beta) ** (1 / (1 - beta))
        axes.plot(d[0] + g1, d[1] + g2, color="C1", ls="--", label="Nash product level curve")
    axes.plot([d[0]], [d[1]], "ks", label="d")
    axes.plot([x], [y], "C3o", label="f_β(U, d)")
    axes.set_xlim(min(vertices[:, 0].min(), d[0]) - 0.05, max(vertices[:, 0].max(), x) + 0.05)
    axes.set_ylim(min(vertices[:, 1].min(), d[1]) - 0.05, max(vertices[:, 1].max(), y) + 0.05)
    axes.set_xlabel("v₁")
    axes.set_ylabel("v₂")
    axes.legend(fontsize=8)
    return FigureData(figure, {"v1": vertices[:, 0], "v2": vertices[:, 1]}, title, solution.to_dict())


def rubinstein_against_delta(discount2: float, first_proposer: int = 1, points: int = 101) -> FigureData:
    """Player 1's and 2's Rubinstein shares against δ_1 ∈ [0, 1) at fixed δ_2."""
    delta1 = np.linspace(0.0, 1.0, points)[:-1] if discount2 >= 1 else np.linspace(0.0, 1.0, points)
    shares = np.array([rubinstein(d, discount2, 1.0, first_proposer).shares for d in delta1])
    columns = {"discount1": delta1, "share1": shares[:, 0], "share2": shares[:, 1]}
    title = f"Rubinstein shares against δ₁ (δ₂ = {discount2:g}, player {first_proposer} first)"
    figure, axes = _axes(title)
    axes.plot(delta1, shares[:, 0], label="player 1")
    axes.plot(delta1, shares[:, 1], label="player 2")
    axes.set_xlabel("δ₁")
    axes.set_ylabel("share of the pie")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, {"discount2": discount2, "first_proposer": first_proposer})
