"""The author's app views (the slides point to bwm-payoffs.streamlit.app), for any share x.

Pęski's slides explain Theorems 2–3 with four pictures; each function here draws one of them
as a :class:`~bargainlab.viz.figure.FigureData` with its data, in the theory's labels (l₁ < l₂;
player 1 gets the gap), with player 1's share x and one moving belief as the controls:

* :func:`offers_view` — the offers that cannot be refused, a¹(x) (proposer 1: player 1 gets
  exactly x M₁) and a²(x) (proposer 2: player 2 gets (1 − x) M₂ and player 1 the gap), every
  type's payoff as the moving belief (p₁ or p₂) goes from 0 to 1, with the zone thresholds;
* :func:`gap_view` — Gap(p, x) = f₁ f₂ Δ(x) (Propositions 1–2) against the moving belief, its
  peak Δ(x) and the bound 6.25% · h₂, with LP values at a few beliefs (the second method);
* :func:`whole_gap_view` — the pieces of "player 1 gets the entire Gap" against p₂ for fixed p₁:
  p₁·a¹₁ = p₁·x M₁ (player 1's floor), p₁·a²₁ = E (eq. 5.2), a² − Gap(·, p₂*) (player 1's payoff
  in a² less the gap at p₂ = p₂*), and the linearly transferable part: for p₁ ≥ p₁* the
  gap goes to l₁ (eq. 5.1 corrected), shaded;
* :func:`convexity_view` — a²₁(l₁) and a²₁(h₁) against the moving belief with their second
  differences (negative where convexity fails; erratum E8).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form, mechanisms
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.outcome import GAP_BOUND_SHARE, gap
from bargainlab.viz.choices import AUTHOR_VIEWS as VIEWS
from bargainlab.viz.figure import FigureData, use_headless_backend

__all__ = [
    "offers_view",
    "gap_view",
    "whole_gap_view",
    "convexity_view",
    "VIEWS",
    "MAX_VIEW_POINTS",
    "binary_values",
]

#: Largest number of belief points of a view.
MAX_VIEW_POINTS = 1001
#: Beliefs stay this far from 0 and 1 (the mechanisms' formulas divide by p and 1 − p).
EDGE = 1e-3
#: LP checks drawn on the Gap view.
LP_CHECKS = 7


def binary_values(l1: float, h1: float, l2: float, h2: float) -> BinaryValues:
    """Values in the theory's labels, checked: 0 <= l₁ < l₂, l_i < h_i, l₁ < h₁ (Propositions 1–2: h₁ < h₂)."""
    numbers = {"l1": l1, "h1": h1, "l2": l2, "h2": h2}
    for key, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not np.isfinite(value):
            raise InvalidParameterError(key, value, "a finite number")
        if value < 0:  # values are non-negative (the vocabulary); named here, not as the monopoly's "value"
            raise InvalidParameterError(key, value, "a non-negative finite number")
    if not (l1 < h1 and l2 < h2):
        raise InvalidParameterError("h1", h1, "values with l1 < h1 and l2 < h2")
    if not l1 < l2:
        raise InvalidParameterError(
            "l2", l2, "a number above l1 (the theory labels the player with the lower low type 1)"
        )
    if not h1 < h2:
        raise InvalidParameterError("h1", h1, "a number below h2 (Propositions 1-2; otherwise the gap is 0)")
    return BinaryValues(float(l1), float(h1), float(l2), float(h2))


def _checks(share: float, moving: str, belief: float, points: int) -> np.ndarray:
    if isinstance(share, bool) or not isinstance(share, (int, float, np.floating)) or not 0.0 <= share <= 1.0:
        raise InvalidParameterError("share", share, "a number in [0, 1] (player 1's share x)")
    if moving not in ("p1", "p2"):
        raise InvalidParameterError("moving", moving, "'p1' or 'p2'")
    if not isinstance(belief, (int, float, np.floating)) or not 0.0 < belief < 1.0:
        raise InvalidParameterError("belief", belief, "a probability strictly between 0 and 1 (the fixed belief)")
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or not 3 <= points <= MAX_VIEW_POINTS:
        raise InvalidParameterError("points", points, f"an integer in [3, {MAX_VIEW_POINTS}]")
    return np.linspace(EDGE, 1.0 - EDGE, int(points))


def _pairs(moving: str, grid: np.ndarray, fixed: float) -> tuple[np.ndarray, np.ndarray]:
    other = np.full_like(grid, fixed)
    return (grid, other) if moving == "p1" else (other, grid)


def _threshold_lines(axes: Any, values: BinaryValues, x: float, moving: str) -> None:
    th = mechanisms.thresholds(values, x)
    keys = ("p1_star", "p1_star_star") if moving == "p1" else ("p2_star", "p2_star_star")
    for style, key in zip((":", "-."), keys):
        value = th[key]
        if value is not None and 0 < value < 1:
            axes.axvline(value, color="0.4", ls=style, lw=0.8, label=key.replace("_star", "*").replace("**", "**"))


def _metadata(values: BinaryValues, x: float, moving: str, fixed: float, view: str) -> dict[str, Any]:
    return {
        "view": view,
        "values": {"l1": values.l1, "h1": values.h1, "l2": values.l2, "h2": values.h2},
        "share": x,
        "moving": moving,
        "fixed_belief": fixed,
    }


def _label(moving: str) -> str:
    return "p₁ = P(h₁)" if moving == "p1" else "p₂ = P(h₂)"


def offers_view(
    values: BinaryValues, share: float, moving: str = "p2", belief: float = 0.5, points: int = 101
) -> FigureData:
    """Every type's payoff in a¹(x) and a²(x) as the moving belief goes from 0 to 1."""
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    columns: dict[str, np.ndarray] = {moving: grid}
    for name in ("a1", "a2"):
        pts = [mechanisms.mechanism(name, values, float(a), float(b), x) for a, b in zip(P1, P2)]
        for k, t in enumerate(("l1", "h1")):
            columns[f"{name}_u1_{t}"] = np.array([m.payoffs1[k] for m in pts])
        for k, t in enumerate(("l2", "h2")):
            columns[f"{name}_u2_{t}"] = np.array([m.payoffs2[k] for m in pts])
        columns[f"{name}_zone"] = np.array([m.zone for m in pts])
    title = (
        f"Offers that cannot be refused, x = {x:g}, against {moving} ({'p2' if moving == 'p1' else 'p1'} = {fixed:g})"
    )
    use_headless_backend()
    import matplotlib.pyplot as plt

    figure, panels = plt.subplots(1, 2, figsize=(11, 4.4), sharey=True)
    for axes, name, who in zip(panels, ("a1", "a2"), ("proposer 1: a¹(x)", "proposer 2: a²(x)")):
        for t, style in (("u1_l1", "-"), ("u1_h1", "-"), ("u2_l2", "--"), ("u2_h2", "--")):
            axes.plot(
                grid,
                columns[f"{name}_{t}"],
                ls=style,
                label=t.replace("u1_", "player 1, ").replace("u2_", "player 2, "),
            )
        _threshold_lines(axes, values, x, moving)
        axes.set_title(who, fontsize=10)
        axes.set_xlabel(_label(moving))
        axes.grid(alpha=0.3)
    panels[0].set_ylabel("interim payoff")
    panels[1].legend(fontsize=7)
    figure.suptitle(title, fontsize=10)
    return FigureData(figure, columns, title, _metadata(values, x, moving, fixed, "offers"))


def gap_view(
    values: BinaryValues, share: float, moving: str = "p1", belief: float = 0.5, points: int = 101
) -> FigureData:
    """Gap(p, x) against the moving belief, its peak Δ(x), the 6.25% · h₂ bound, and LP checks."""
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    g = closed_form.gap(values, P1, P2, x)
    peak = float(closed_form.delta_gap(values, x))
    bound = GAP_BOUND_SHARE * values.h2
    check_idx = np.linspace(0, len(grid) - 1, LP_CHECKS).round().astype(int)
    lp = np.full(len(grid), "", dtype=object)  # blank where the LP was not solved (no NaN in the CSV)
    for i in check_idx:
        env = two_sided_environment([values.l1, values.h1], [values.l2, values.h2], float(P1[i]), float(P2[i]), x)
        lp[i] = gap(env, method="lp").gap
    title = f"The Gap, x = {x:g}, against {moving} ({'p2' if moving == 'p1' else 'p1'} = {fixed:g})"
    figure, axes = _axes(title)
    axes.plot(grid, g, label="Gap(p, x) (Props 1–2)")
    axes.plot(grid[check_idx], lp[check_idx].astype(float), "ko", ms=4, label="LP of (4.1)")
    axes.axhline(peak, color="C2", ls="--", label=f"Δ(x) = {peak:.4g} (largest gap)")
    axes.axhline(bound, color="C3", ls=":", label=f"6.25% · h₂ = {bound:.4g}")
    _threshold_lines(axes, values, x, moving)
    axes.set_xlabel(_label(moving))
    axes.set_ylabel("Gap")
    axes.legend(fontsize=7)
    columns = {
        moving: grid,
        "gap": g,
        "gap_lp": lp,
        "delta": np.full(len(grid), peak),
        "bound": np.full(len(grid), bound),
    }
    return FigureData(figure, columns, title, _metadata(values, x, moving, fixed, "gap"))


def _axes(title: str):  # noqa: ANN202
    use_headless_backend()
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6.4, 4.6))
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    return figure, axes


def whole_gap_view(values: BinaryValues, share: float, belief: float = 0.5, points: int = 101) -> FigureData:
    """Player 1's ex ante payoff against p₂ (fixed p₁) in the offers mixed by the slide 'Player 1 gets the entire Gap'.

    Columns: ``p2``, ``a1`` = p₁·x M₁(·; p₂), ``a2`` = p₁·a²₁ = E(p, x), ``a2_less_gap_at_p2_star`` =
    E(p, x) − Gap(p₁, p₂*, x), ``gap_to_low`` (1 when p₁ > p₁*(x): zone C of a², the complete-information
    split with linearly transferable payoffs, the gap to l₁).
    """
    x, p1 = share, belief  # the paper's x; p₁ is the fixed belief
    grid = _checks(x, "p2", p1, points)
    P1 = np.full_like(grid, p1)
    prob = np.array([1 - p1, p1])
    low, high = mechanisms.a2_player_one_payoffs(values, P1, grid, x)
    a2 = (1 - p1) * low + p1 * high
    a1 = np.array([prob @ mechanisms.a1(values, p1, float(b), x).payoffs1 for b in grid])
    star = float(closed_form.p2_star(values))
    less = a2 - float(closed_form.gap(values, p1, star, x))
    above = float(p1 > float(closed_form.p1_star(values, x)))
    title = f"Player 1 gets the whole Gap: x = {x:g}, p₁ = {p1:g}"
    figure, axes = _axes(title)
    axes.plot(grid, a1, label="a¹: p₁·x M₁ (cannot be refused by 2)")
    axes.plot(grid, a2, label="a²: p₁·a²₁ = E (eq. 5.2)")
    axes.plot(grid, less, ls="--", label="a² − Gap(·, p₂*)")
    axes.axvline(star, color="0.4", ls=":", lw=0.8, label="p₂*")
    if above:
        axes.fill_between(grid, a1, a2, color="C1", alpha=0.12, label="p₁ ≥ p₁*: linearly transferable, gap to l₁")
    axes.set_xlabel(_label("p2"))
    axes.set_ylabel("player 1's ex ante payoff")
    axes.legend(fontsize=7)
    columns = {
        "p2": grid,
        "a1": a1,
        "a2": a2,
        "a2_less_gap_at_p2_star": less,
        "gap_to_low": np.full(len(grid), above),
    }
    return FigureData(figure, columns, title, _metadata(values, x, "p2", p1, "whole-gap"))


def convexity_view(
    values: BinaryValues, share: float, moving: str = "p2", belief: float = 0.3, points: int = 101
) -> FigureData:
    """a²₁(l₁) and a²₁(h₁) against the moving belief, with second differences (< 0 where convexity fails)."""
    x, fixed = share, belief  # the paper's x; the fixed belief
    grid = _checks(x, moving, fixed, points)
    P1, P2 = _pairs(moving, grid, fixed)
    low, high = mechanisms.a2_player_one_payoffs(values, P1, P2, x)

    def second(curve: np.ndarray) -> np.ndarray:
        """Second differences at interior points; blank at the two ends (no NaN in the CSV)."""
        out = np.full(len(curve), "", dtype=object)
        out[1:-1] = curve[:-2] - 2 * curve[1:-1] + curve[2:]
        return out

    d_low, d_high = second(low), second(high)
    title = f"Convexity of a²'s player-1 payoffs, x = {x:g}, against {moving}"
    figure, axes = _axes(title)
    axes.plot(grid, low, label="a²₁(l₁)")
    axes.plot(grid, high, label="a²₁(h₁)")
    for curve, diff, colour in ((low, d_low, "C0"), (high, d_high, "C1")):
        bad = np.array([d != "" and d < -1e-9 for d in diff], dtype=bool)
        axes.plot(grid[bad], curve[bad], "x", color=colour, ms=7)
    _threshold_lines(axes, values, x, moving)
    axes.set_xlabel(_label(moving) + "  (x: concave kink)")
    axes.set_ylabel("interim payoff")
    axes.legend(fontsize=7)
    columns = {
        moving: grid,
        "a2_u1_l1": low,
        "a2_u1_h1": high,
        "second_difference_l1": d_low,
        "second_difference_h1": d_high,
    }
    return FigureData(figure, columns, title, _metadata(values, x, moving, fixed, "convexity"))
