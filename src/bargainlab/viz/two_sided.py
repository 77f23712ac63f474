"""Matplotlib figures of two-sided bargaining with mechanisms (Pęski 2024), for files.

Each public function computes its data with :mod:`bargainlab.models.two_sided.curves` and returns a
:class:`~bargainlab.viz.figure.FigureData` (figure + the columns it draws), written as PNG, SVG
or CSV by :meth:`~bargainlab.viz.figure.FigureData.write`. The ``draw_*`` functions draw data
already computed (the web app draws the same data with plotly).

Figures are built with :class:`matplotlib.figure.Figure` (no pyplot state), so they are safe to
make from several threads and need no ``close``.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np

from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.models.two_sided.curves import (
    DEFAULT_CURVE_POINTS,
    DEFAULT_LINE_POINTS,
    BeliefMap,
    BetaCurve,
    DeltaCurve,
    DominanceView,
    PayoffLines,
    Progress,
    belief_map,
    beta_curve,
    delta_curve,
    dominance_view,
    payoff_lines,
)
from bargainlab.models.two_sided.outcome import AT_DELTA, DELTA_TO_1_LIMIT
from bargainlab.models.two_sided.theory import lowest_values_tie
from bargainlab.viz.figure import FigureData, use_headless_backend

__all__ = [
    "gap_map",
    "interim_payoffs",
    "outcome_against_beta",
    "outcome_against_delta",
    "draw_gap_map",
    "draw_interim_payoffs",
    "draw_beta_curve",
    "draw_delta_curve",
    "offers_dominance",
    "draw_dominance",
    "KIND_HOLDS_AT",
    "LIMIT_SUFFIX",
]

#: What each kind of curve is at an environment's δ < 1: the δ → 1 limit of Theorem 3, or a
#: number that holds at that δ (Theorem 2's floors, the complete-information benchmark, the
#: Section 5.5 leading term). The ``holds_at`` labels of
#: :attr:`~bargainlab.models.two_sided.outcome.TwoSidedOutcome.HOLDS_AT`.
KIND_HOLDS_AT = {
    "outcome": DELTA_TO_1_LIMIT,
    "gap": DELTA_TO_1_LIMIT,
    "counterfactual": DELTA_TO_1_LIMIT,
    "floor": AT_DELTA,
    "floor_other": AT_DELTA,
    "benchmark": AT_DELTA,
    "bound": AT_DELTA,
}
#: The data of a figure (its ``columns``, ``metadata`` and ``column_holds_at``).
CurveData = BeliefMap | PayoffLines | BetaCurve | DeltaCurve | DominanceView
#: Legend suffix of each label at δ < 1.
HOLDS_AT_LEGEND = {DELTA_TO_1_LIMIT: " [δ→1 limit]", AT_DELTA: " [at δ]"}
#: At δ < 1 the CSV columns of δ → 1 limits carry this suffix (``gap`` → ``gap_limit``), and the
#: figure's metadata maps every column to its ``holds_at`` label.
LIMIT_SUFFIX = "_limit"

#: Matplotlib line style of each kind of curve (the plotly versions use the same kinds).
LINE_STYLES = {
    "outcome": "-",
    "gap": "-",
    "floor": "--",
    "floor_other": "--",
    "benchmark": ":",
    "counterfactual": "-.",
    "bound": "-",
}
#: Colours of the curves in β and δ (per kind).
KIND_COLOURS = {
    "outcome": "#1f77b4",
    "gap": "#2ca02c",
    "floor": "#d62728",
    "floor_other": "#7f7f7f",
    "benchmark": "#9467bd",
    "bound": "#ff7f0e",
}
#: Colours of a player's types (lowest first) in the payoff panels.
TYPE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")
FIGURE_SIZE = (6.4, 5.0)
WIDE_FIGURE_SIZE = (11.0, 4.6)
BAND_ALPHA = 0.25


def _finite(env: TwoSidedEnvironment) -> bool:
    """Whether the environment's δ is below 1 (so limits must be told from what holds at δ)."""
    return env.discount < 1


def _legend(label: str, kind: str, env: TwoSidedEnvironment) -> str:
    """``label`` with its ``holds_at`` marker at δ < 1 (unchanged at δ = 1)."""
    if not _finite(env) or kind not in KIND_HOLDS_AT:
        return label
    return label + HOLDS_AT_LEGEND[KIND_HOLDS_AT[kind]]


def _title(title: str, env: TwoSidedEnvironment, limits: str, other: str = "tie_alternative_* columns") -> str:
    """``title`` with a line saying, at δ < 1, which of its numbers are δ → 1 limits, and one
    saying, at a tie in the lowest values, where the data has the other labelling (``other``)."""
    if lowest_values_tie(env):
        title += f"\nlowest values tie: who gets the Gap is open; {other}: the other player"
    if not _finite(env):
        return title
    return f"{title}\nδ = {env.discount:g} < 1: {limits} are δ → 1 limits (Thm 3); floors hold at δ (Thm 2)"


def _marked(data: CurveData, rename: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """The CSV columns and metadata of a figure: where the data's ``column_holds_at`` labels its
    quantity columns (δ < 1), limit columns renamed with :data:`LIMIT_SUFFIX` (unless ``rename`` is
    false: the δ-curve, whose axis is δ) and ``holds_at`` (column → label) added to the metadata;
    unchanged at δ = 1. The labels are the data's own (one implementation: ``HoldsAt``)."""
    columns, metadata = data.columns(), data.metadata()
    labels = data.column_holds_at()
    if labels is None:
        return dict(columns), dict(metadata)

    def name_of(name: str) -> str:
        return name + LIMIT_SUFFIX if rename and labels.get(name) == DELTA_TO_1_LIMIT else name

    out = {name_of(name): values for name, values in columns.items()}
    return out, {**metadata, "holds_at": {name_of(name): label for name, label in labels.items()}}


def _figure(size: tuple[float, float] = FIGURE_SIZE) -> Any:
    use_headless_backend()
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained")


# ---------------------------------------------------------------------------- gap map
def draw_gap_map(data: BeliefMap) -> FigureData:
    """Heat map of Gap(p, β) over beliefs, with the thresholds, optional zones and the current point."""
    fig = _figure()
    ax = fig.add_subplot()
    mesh = ax.pcolormesh(data.axis1, data.axis2, data.gap.T, shading="nearest", cmap="viridis")
    fig.colorbar(mesh, ax=ax, label="Gap(p, β)  (eq. 4.2)")
    if np.ptp(data.gap) > 0:
        ax.contour(data.axis1, data.axis2, data.gap.T, levels=6, colors="white", linewidths=0.5, alpha=0.7)
    for threshold in data.thresholds:
        line = ax.axvline if threshold.player == 1 else ax.axhline
        line(threshold.value, color="white", linestyle="--", linewidth=1.2)
        where = (threshold.value, 1.0) if threshold.player == 1 else (1.0, threshold.value)
        ax.annotate(
            f"{threshold.name} = {threshold.value:.3g}",
            where,
            xytext=(2, -12) if threshold.player == 1 else (-4, 3),
            textcoords="offset points",
            ha="left" if threshold.player == 1 else "right",
            color="white",
            fontsize=8,
        )
    if data.zones is not None:
        _draw_zones(ax, data)
    ax.plot(*data.marker, marker="*", markersize=14, color="#ff4136", markeredgecolor="white", label="your beliefs")
    ax.legend(loc="lower left", fontsize=8, framealpha=0.8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(data.axis_labels[0], fontsize=9)
    ax.set_ylabel(data.axis_labels[1], fontsize=9)
    env = data.environment
    title = _title(data.title, env, "E and Gap")
    ax.set_title(f"{title}\nvalues {env.player1.values} vs {env.player2.values}", fontsize=10)
    columns, metadata = _marked(data)
    return FigureData(fig, columns, title, metadata)


def _draw_zones(ax: Any, data: BeliefMap) -> None:
    """Zone boundaries (contours between label codes) and each zone's label at its centre."""
    assert data.zones is not None
    labels, codes = np.unique(data.zones, return_inverse=True)
    codes = codes.reshape(data.gap.shape)
    if len(labels) > 1:
        ax.contour(
            data.axis1, data.axis2, codes.T, levels=np.arange(len(labels) - 1) + 0.5, colors="black", linewidths=1.0
        )
    p1, p2 = np.meshgrid(data.axis1, data.axis2, indexing="ij")
    for code, label in enumerate(labels):
        inside = codes == code
        ax.text(p1[inside].mean(), p2[inside].mean(), str(label), color="black", fontsize=12, ha="center")


def gap_map(env: TwoSidedEnvironment, resolution: int | None = None, progress: Progress | None = None) -> FigureData:
    """Gap(p, β) over the belief square with the thresholds of Propositions 1–2 (see :func:`belief_map`).

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> fig = gap_map(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), resolution=11)
    >>> len(fig.columns["gap"]), round(float(fig.columns["gap"].max()), 6)
    (121, 0.0625)
    """
    return draw_gap_map(belief_map(env, resolution, progress))


# ---------------------------------------------------------------------------- payoffs
#: Legend text of each kind of curve in the payoff panels.
PANEL_KIND_LABELS = {
    "outcome": "outcome (Thm 3; shaded: range over optimal solutions)",
    "floor": "random monopoly floor β_i M_i (Thm 2)",
    "benchmark": "complete information β_i E[max(t₁, t₂) | t_i]",
    "counterfactual": "gap given to the other player (range)",
}


def draw_interim_payoffs(data: PayoffLines) -> FigureData:
    """Two panels (one per player): each type's payoff band, floor, benchmark and counterfactual."""
    from matplotlib.lines import Line2D

    fig = _figure(WIDE_FIGURE_SIZE)
    axes = fig.subplots(1, 2, sharex=True)
    for player, ax in zip((1, 2), axes):
        for band in data.panel(player):
            colour = TYPE_COLOURS[band.type_index % len(TYPE_COLOURS)]
            style = LINE_STYLES[band.kind]
            width = 2.0 if band.kind == "outcome" else 1.0
            ax.plot(data.axis, band.low, style, color=colour, linewidth=width)
            if np.any(band.high - band.low > 0):
                ax.plot(data.axis, band.high, style, color=colour, linewidth=width)
                if band.kind == "outcome":
                    ax.fill_between(data.axis, band.low, band.high, color=colour, alpha=BAND_ALPHA, linewidth=0)
        ax.axvline(data.marker, color="black", linewidth=0.8, alpha=0.6)
        handles = [
            Line2D([], [], color=TYPE_COLOURS[t % len(TYPE_COLOURS)], linewidth=2.0, label=f"type t{player} = {v:g}")
            for t, v in enumerate(data.environment.player(player).values)
        ]
        handles += [
            Line2D(
                [],
                [],
                color="black",
                linestyle=cast(Any, LINE_STYLES[kind]),
                linewidth=1.0,
                label=_legend(text, kind, data.environment),
            )
            for kind, text in PANEL_KIND_LABELS.items()
        ]
        ax.legend(handles=handles, fontsize=6.5, loc="best", framealpha=0.8)
        ax.set_xlabel(data.axis_label, fontsize=9)
        ax.set_ylabel(f"interim payoff u{player}(t{player})")
        ax.set_title(f"player {player}", fontsize=10)
    env = data.environment
    title = _title(data.title, env, "the payoffs (and the gap to the other player)", "the _gap_to_other columns")
    fig.suptitle(title, fontsize=10)
    columns, metadata = _marked(data)
    return FigureData(fig, columns, title, metadata)


def interim_payoffs(
    env: TwoSidedEnvironment, vary: int = 1, points: int = DEFAULT_LINE_POINTS, progress: Progress | None = None
) -> FigureData:
    """Interim payoffs of each type as one player's belief moves (see :func:`payoff_lines`)."""
    return draw_interim_payoffs(payoff_lines(env, vary, points, progress))


# ---------------------------------------------------------------------------- curves
def _draw_curve(
    x: np.ndarray, xlabel: str, marker: float, series: list, title: str, env: TwoSidedEnvironment | None = None
) -> Any:
    """One axis of curves (``env``: legends marked at its δ < 1; ``None`` leaves them as they are)."""
    fig = _figure()
    ax = fig.add_subplot()
    for s in series:
        label = s.label if env is None else _legend(s.label, s.kind, env)
        ax.plot(x, s.y, LINE_STYLES[s.kind], color=KIND_COLOURS[s.kind], linewidth=2.0, label=label)
    ax.axvline(marker, color="black", linewidth=0.8, alpha=0.6)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("ex ante payoff")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="best", framealpha=0.8)
    return fig


def draw_beta_curve(data: BetaCurve) -> FigureData:
    """E, Gap and the ex ante floors against β (at δ < 1: E and Gap marked as δ → 1 limits)."""
    env = data.environment
    title = _title(data.title, env, "E and Gap")
    fig = _draw_curve(
        data.bargaining_power, "β (player 1's bargaining power)", env.bargaining_power, data.series(), title, env
    )
    columns, metadata = _marked(data)
    return FigureData(fig, columns, title, metadata)


def outcome_against_beta(
    env: TwoSidedEnvironment, points: int = DEFAULT_CURVE_POINTS, progress: Progress | None = None
) -> FigureData:
    """The gap player's E, Gap and floors (ex ante) as β goes from 0 to 1 (see :func:`beta_curve`)."""
    return draw_beta_curve(beta_curve(env, points, progress))


def draw_delta_curve(data: DeltaCurve) -> FigureData:
    """Floors, the δ → 1 limit and the Section 5.5 leading term against δ (δ is the axis: the
    legends say which curve is the limit, which holds at every δ and which is the bound's leading term)."""
    title = data.title
    if lowest_values_tie(data.environment):
        title += "\nlowest values tie: who gets the Gap is open; tie_alternative_* columns: the other player"
    fig = _draw_curve(data.discount, "δ (discount factor)", data.environment.discount, data.series(), title)
    columns, metadata = _marked(data, rename=False)
    return FigureData(fig, columns, title, metadata)


def outcome_against_delta(
    env: TwoSidedEnvironment, points: int = DEFAULT_CURVE_POINTS - 1, progress: Progress | None = None
) -> FigureData:
    """What the paper pins as δ varies (see :func:`delta_curve`)."""
    return draw_delta_curve(delta_curve(env, points, progress))


# ---------------------------------------------------------------------------- Figure 5.1
#: The Figure 5.1 view's entries (``DominanceView.HOLDS_AT``) as its title names them.
DOMINANCE_ENTRY_NAMES = {"a1": "a¹(β)", "a2": "a²(β)", "threshold": "p₁*", "ex_ante_payoff": "E"}


def _dominance_title(data: DominanceView) -> str:
    """The Figure 5.1 view's title with, at δ < 1 (where the view's ``holds_at`` labels its entries),
    a line naming the entries it labels δ → 1 limits."""
    labels = data.holds_at
    if labels is None:
        return data.title
    limits = [name for entry, name in DOMINANCE_ENTRY_NAMES.items() if labels.get(entry) == DELTA_TO_1_LIMIT]
    if not limits:
        return data.title
    named = ", ".join(limits[:-1]) + f" and {limits[-1]}" if len(limits) > 1 else limits[0]
    verb = "are" if len(limits) > 1 else "is"
    delta = data.environment.discount
    return f"{data.title}\nδ = {delta:g} < 1: {named} {verb} δ → 1 objects (Section 5.5 uses β^(δ))"


def draw_dominance(data: DominanceView) -> FigureData:
    """The Figure 5.1 view: a¹ and a² in the gap player's payoff plane, with the regions of
    counter-offers that weakly dominate a point of each (upper-right quadrants)."""
    fig = _figure()
    ax = fig.add_subplot()
    a1, a2 = data.a1[0], data.a2
    below, above = a2[data.belief <= data.threshold], a2[data.belief > data.threshold]
    ends = [points[0] for points in (below, above) if len(points)]
    reach = np.vstack([a1, *ends])
    top = reach.max(axis=0) + 0.25 * (reach.max(axis=0) - reach.min(axis=0) + 1e-3)
    ax.fill_between([a1[0], top[0]], a1[1], top[1], color="#2ca02c", alpha=0.15, label="dominates a¹")
    if len(ends) == 2:  # a² at q = p₁* is the segment between its two points
        (x0, y0), (x1, y1) = ends[0], ends[1]
        ax.fill_between([x0, x1, top[0]], [y0, y1, y1], top[1], color="#7f7f7f", alpha=0.2, label="dominates a²(p₁*)")
        ax.plot([x0, x1], [y0, y1], color="#7f7f7f", linewidth=2, label="a²(q), q = p₁* (set-valued)")
    for points, name in ((below, "q ≤ p₁*"), (above, "q > p₁*")):
        if len(points):
            ax.plot(*points[0], "o", color="#404040", markersize=8, label=f"a²(q), {name}")
    ax.plot(*a1, "s", color="#2ca02c", markersize=8, label="a¹(q), every q")
    p = data.prior
    lows = np.linspace(reach[:, 0].min() - 0.05, top[0], 2)
    if p > 0:
        ax.plot(
            lows,
            (data.ex_ante_payoff - (1 - p) * lows) / p,
            "--",
            color="#ff7f0e",
            label=f"ex ante payoff = E at p = {p:.3g}",
        )
    ax.set_xlim(reach[:, 0].min() - 0.02, top[0])
    ax.set_ylim(reach[:, 1].min() - 0.02, top[1])
    ax.set_xlabel(data.axis_labels[0], fontsize=9)
    ax.set_ylabel(data.axis_labels[1], fontsize=9)
    ax.legend(loc="upper left", fontsize=7, framealpha=0.8)
    title = _dominance_title(data)
    ax.set_title(title, fontsize=10)
    columns, metadata = _marked(data)
    return FigureData(fig, columns, title, metadata)


def offers_dominance(env: TwoSidedEnvironment, points: int = DEFAULT_CURVE_POINTS) -> FigureData:
    """The Figure 5.1 view at ``env`` (see :func:`~bargainlab.models.two_sided.curves.dominance_view`)."""
    return draw_dominance(dominance_view(env, points))
