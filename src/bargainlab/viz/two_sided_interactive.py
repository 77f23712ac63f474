"""Interactive (plotly) versions of the two-sided figures, for the web app.

They draw the same data objects as the matplotlib figures of :mod:`bargainlab.viz.two_sided`
(built by :mod:`bargainlab.models.two_sided.curves`), with the same curve kinds, colours and labels;
hovering shows the numbers. Plotly is imported lazily (extra ``[app]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from bargainlab.core.environment import TwoSidedEnvironment
from bargainlab.models.two_sided.curves import BeliefMap, BetaCurve, DeltaCurve, DominanceView, PayoffLines, Series
from bargainlab.models.two_sided.outcome import DELTA_TO_1_LIMIT
from bargainlab.viz.two_sided import (
    HOLDS_AT_LEGEND,
    KIND_COLOURS,
    LINE_STYLES,
    PANEL_KIND_LABELS,
    TYPE_COLOURS,
    _dominance_title,
    _finite,
    _legend,
    _title,
)

__all__ = ["gap_map_chart", "payoffs_chart", "beta_chart", "delta_chart", "dominance_chart", "PLOTLY_DASH"]

#: Matplotlib line styles as plotly dashes.
PLOTLY_DASH = {"-": "solid", "--": "dash", ":": "dot", "-.": "dashdot"}
BAND_OPACITY = 0.25
MAP_HEIGHT = 560
#: The dtype of the arrays a map sends to the browser (display only).
DISPLAY_DTYPE = np.float32
CURVE_HEIGHT = 460


def _dash(kind: str) -> str:
    return PLOTLY_DASH[LINE_STYLES[kind]]


def _display(values: np.ndarray) -> np.ndarray:
    """``values`` as contiguous float32, for drawing and hover text only (downloads keep float64).

    A float32 carries 7.2 significant digits, more than the 6 that the hover text shows
    (``.6g``), and halves the bytes sent to the browser for every redraw.
    """
    return np.ascontiguousarray(values, dtype=DISPLAY_DTYPE)


def _limit_title(title: str, holds_at: Mapping[str, str] | None) -> str:
    """A file figure's ``title`` for a chart: its first line marked "[δ→1 limit]" (or "[at δ]") when
    ``holds_at`` (a result's; ``None`` at δ = 1) gives every entry that one label, its further lines
    (which numbers are δ → 1 limits at δ < 1) as small lines below."""
    first, *rest = title.split("\n")
    kinds = set((holds_at or {}).values())
    if len(kinds) == 1 and (kind := kinds.pop()) in HOLDS_AT_LEGEND:
        first += HOLDS_AT_LEGEND[kind]
    return first + "".join(f"<br><sup>{line}</sup>" for line in rest)


def _chart_title(title: str, env: TwoSidedEnvironment, limits: str) -> str:
    """``title`` with, at δ < 1, the files' line saying which numbers are δ → 1 limits (as a small
    second line; :func:`bargainlab.viz.two_sided.draw_beta_curve` words it the same)."""
    return _limit_title(_title(title, env, limits), None)


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def gap_map_chart(data: BeliefMap) -> Any:
    """Heat map of Gap(p, β) (hover: beliefs, Gap, E, gap player), thresholds, zones and the current point.

    At δ < 1 (the map's environment) the title ends with "[δ→1 limit]": E and Gap are Theorem 3's limits.

    The figure is built in one constructor call from plain dictionaries (plotly's ``add_vline``
    and ``update_layout`` cost tens of milliseconds each, which matters when a slider moves).
    """
    import plotly.graph_objects as go

    players = np.unique(data.gap_player)
    if len(players) == 1:  # the usual case: one gap player everywhere, said once (half the data to send)
        custom, who = _display(data.ex_ante_payoff.T[..., None]), f"gap to player {players[0]}"
    else:
        custom = _display(np.stack([data.ex_ante_payoff.T, data.gap_player.T], axis=-1))
        who = "gap to player %{customdata[1]:.0f}"
    traces: list[Any] = [
        go.Heatmap(
            x=_display(data.axis1),
            y=_display(data.axis2),
            z=_display(data.gap.T),
            customdata=custom,
            colorscale="Viridis",
            colorbar={"title": {"text": "Gap"}},
            hovertemplate=(
                "p1 = %{x:.3f}<br>p2 = %{y:.3f}<br>Gap = %{z:.6g}<br>E = %{customdata[0]:.6g}"
                f"<br>{who}<extra></extra>"
            ),
        )
    ]
    shapes, annotations = [], []
    for threshold in data.thresholds:
        vertical = threshold.player == 1
        line = {"color": "white", "dash": "dash", "width": 1.5}
        if vertical:
            shapes.append(
                {"type": "line", "x0": threshold.value, "x1": threshold.value, "y0": 0, "y1": 1, "line": line}
            )
        else:
            shapes.append(
                {"type": "line", "y0": threshold.value, "y1": threshold.value, "x0": 0, "x1": 1, "line": line}
            )
        annotations.append(
            {
                "x": threshold.value if vertical else 0.01,
                "y": 0.99 if vertical else threshold.value,
                "text": f"{threshold.name} = {threshold.value:.3g}",
                "showarrow": False,
                "font": {"color": "white"},
                "xanchor": "left",
                "yanchor": "top" if vertical else "bottom",
            }
        )
    if data.zones is not None:
        zone_traces, zone_labels = _zones(data)
        traces += zone_traces
        annotations += zone_labels
    traces.append(
        go.Scatter(
            x=[data.marker[0]],
            y=[data.marker[1]],
            mode="markers",
            marker={"symbol": "star", "size": 16, "color": "#ff4136", "line": {"color": "white", "width": 1}},
            name="your beliefs",
            hovertemplate="your beliefs<br>p1 = %{x:.3f}<br>p2 = %{y:.3f}<extra></extra>",
        )
    )
    title = data.title + (HOLDS_AT_LEGEND[DELTA_TO_1_LIMIT] if _finite(data.environment) else "")
    layout = {
        "title": {"text": title},
        "height": MAP_HEIGHT,
        "xaxis": {"title": {"text": data.axis_labels[0]}, "range": [0, 1], "constrain": "domain"},
        "yaxis": {"title": {"text": data.axis_labels[1]}, "range": [0, 1], "scaleanchor": "x", "constrain": "domain"},
        "showlegend": False,
        "margin": {"t": 50, "b": 40},
        "shapes": shapes,
        "annotations": annotations,
    }
    return go.Figure(data=traces, layout=layout)


def _zones(data: BeliefMap) -> tuple[list[Any], list[dict[str, Any]]]:
    """Zone boundaries (contour lines of the label codes) and each zone's label at its centre."""
    import plotly.graph_objects as go

    assert data.zones is not None
    labels, codes = np.unique(data.zones, return_inverse=True)
    codes = codes.reshape(data.gap.shape)
    traces = []
    if len(labels) > 1:
        traces.append(
            go.Contour(
                x=_display(data.axis1),
                y=_display(data.axis2),
                z=np.ascontiguousarray(codes.T, dtype=np.int8 if len(labels) < 128 else np.int32),
                contours={"coloring": "none", "start": 0.5, "end": len(labels) - 1.5 + 1e-9, "size": 1},
                line={"color": "black", "width": 1.5},
                showscale=False,
                hoverinfo="skip",
                name="zones",
            )
        )
    p1, p2 = np.meshgrid(data.axis1, data.axis2, indexing="ij")
    annotations = [
        {
            "x": float(p1[codes == code].mean()),
            "y": float(p2[codes == code].mean()),
            "text": str(label),
            "showarrow": False,
            "font": {"size": 16},
        }
        for code, label in enumerate(labels)
    ]
    return traces, annotations


def payoffs_chart(data: PayoffLines) -> Any:
    """Two panels of interim payoffs by type: outcome bands, floors, benchmarks, counterfactuals (at
    δ < 1 each legend says "[δ→1 limit]" or "[at δ]", as the file figure does)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    env = data.environment
    fig = make_subplots(rows=1, cols=2, subplot_titles=("player 1", "player 2"), horizontal_spacing=0.08)
    for player in (1, 2):
        for band in data.panel(player):
            colour = TYPE_COLOURS[band.type_index % len(TYPE_COLOURS)]
            line = {"color": colour, "dash": _dash(band.kind), "width": 2.5 if band.kind == "outcome" else 1.3}
            group = f"{player}-{band.type_index}-{band.kind}"
            label = _legend(band.label, band.kind, env)
            hover = f"{label}<br>belief %{{x:.3f}}<br>%{{y:.6g}}<extra></extra>"
            fig.add_trace(
                go.Scatter(
                    x=data.axis,
                    y=band.low,
                    mode="lines",
                    line=line,
                    name=label,
                    legendgroup=group,
                    hovertemplate=hover,
                ),
                row=1,
                col=player,
            )
            if np.any(band.high - band.low > 0):
                fill = {"fill": "tonexty", "fillcolor": _rgba(colour, BAND_OPACITY)} if band.kind == "outcome" else {}
                fig.add_trace(
                    go.Scatter(
                        x=data.axis,
                        y=band.high,
                        mode="lines",
                        line=line,
                        name=label + " (max)",
                        legendgroup=group,
                        showlegend=False,
                        hovertemplate=hover,
                        **fill,
                    ),
                    row=1,
                    col=player,
                )
        fig.add_vline(x=data.marker, line={"color": "black", "width": 1}, opacity=0.6, row=1, col=player)
        fig.update_yaxes(title_text=f"interim payoff u{player}(t{player})", row=1, col=player)
        fig.update_xaxes(title_text=data.axis_label, row=1, col=player)
    fig.update_layout(
        title={"text": _chart_title(data.title, env, "the payoffs (and the gap to the other player)")},
        height=CURVE_HEIGHT + 120,
        legend={"orientation": "h", "y": -0.25, "font": {"size": 10}},
        annotations=list(fig.layout.annotations)
        + [
            {
                "text": " · ".join(
                    f"{PLOTLY_DASH[LINE_STYLES[k]]}: {_legend(v, k, env)}" for k, v in PANEL_KIND_LABELS.items()
                ),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.12,
                "showarrow": False,
                "font": {"size": 10},
                "xanchor": "left",
            }
        ],
    )
    return fig


def _marker_line(x: float) -> dict[str, Any]:
    """A thin vertical line at the current parameter value (x in data units, full height)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "opacity": 0.6,
        "line": {"color": "black", "width": 1},
    }


def _curve_chart(
    x: np.ndarray,
    xlabel: str,
    marker: float,
    series: list[Series],
    title: str,
    env: TwoSidedEnvironment | None = None,
) -> Any:
    """Curves against ``x`` (``env``: legends marked at its δ < 1; ``None`` leaves them as they are)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for s in series:
        if env is not None:
            s = Series(_legend(s.label, s.kind, env), s.y, s.kind)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=s.y,
                mode="lines",
                name=s.label,
                line={"color": KIND_COLOURS[s.kind], "dash": _dash(s.kind), "width": 2.5},
                hovertemplate=f"{s.label}<br>%{{x:.3f}}: %{{y:.6g}}<extra></extra>",
            )
        )
    fig.update_layout(
        shapes=[_marker_line(marker)],
        title={"text": title},
        height=CURVE_HEIGHT,
        xaxis={"title": {"text": xlabel}},
        yaxis={"title": {"text": "ex ante payoff"}},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def beta_chart(data: BetaCurve) -> Any:
    """E, Gap and the ex ante floors against β (at δ < 1: E and Gap marked as δ → 1 limits, the floors
    and the benchmark as holding at δ, as in :func:`bargainlab.viz.two_sided.draw_beta_curve`)."""
    label = "β (player 1's bargaining power)"
    env = data.environment
    title = _chart_title(data.title, env, "E and Gap")
    return _curve_chart(data.bargaining_power, label, env.bargaining_power, data.series(), title, env)


def delta_chart(data: DeltaCurve) -> Any:
    """Floors, the δ → 1 limit and the Section 5.5 leading term against δ."""
    return _curve_chart(data.discount, "δ (discount factor)", data.environment.discount, data.series(), data.title)


def dominance_chart(data: DominanceView) -> Any:
    """The Figure 5.1 view (see :func:`bargainlab.viz.two_sided.draw_dominance`); at δ < 1 the title
    says, from the view's ``holds_at``, that a¹, a², p₁* and E are δ → 1 limits ("[δ→1 limit]")."""
    import plotly.graph_objects as go

    a1 = data.a1[0]
    fig = go.Figure()
    below, above = data.a2[data.belief <= data.threshold], data.a2[data.belief > data.threshold]
    ends = [points[0] for points in (below, above) if len(points)]
    reach = np.vstack([a1, *ends])
    top = reach.max(axis=0) + 0.25 * (reach.max(axis=0) - reach.min(axis=0) + 1e-3)
    fig.add_shape(
        type="rect",
        x0=a1[0],
        y0=a1[1],
        x1=top[0],
        y1=top[1],
        fillcolor=_rgba("#2ca02c", 0.15),
        line_width=0,
        layer="below",
    )
    if len(ends) == 2:
        (x0, y0), (x1, y1) = ends
        fig.add_trace(
            go.Scatter(
                x=[x0, x1, top[0], top[0], x0, x0],
                y=[y0, y1, y1, top[1], top[1], y0],
                fill="toself",
                fillcolor=_rgba("#7f7f7f", 0.2),
                line_width=0,
                name="dominates a²(p₁*)",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[x0, x1], y=[y0, y1], mode="lines", line={"color": "#7f7f7f", "width": 3}, name="a²(q), q = p₁*"
            )
        )
    for points, name in ((below, "q ≤ p₁*"), (above, "q > p₁*")):
        if len(points):
            fig.add_trace(
                go.Scatter(
                    x=[points[0][0]],
                    y=[points[0][1]],
                    mode="markers",
                    name=f"a²(q), {name}",
                    marker={"size": 11, "color": "#404040"},
                )
            )
    fig.add_trace(
        go.Scatter(
            x=[a1[0]],
            y=[a1[1]],
            mode="markers",
            name="a¹(q), every q",
            marker={"size": 11, "symbol": "square", "color": "#2ca02c"},
        )
    )
    p = data.prior
    if p > 0:
        lows = np.array([reach[:, 0].min() - 0.05, top[0]])
        fig.add_trace(
            go.Scatter(
                x=lows,
                y=(data.ex_ante_payoff - (1 - p) * lows) / p,
                mode="lines",
                line={"dash": "dash", "color": "#ff7f0e"},
                name=f"ex ante payoff = E at p = {p:.3g}",
            )
        )
    fig.update_layout(
        title=_limit_title(_dominance_title(data), data.holds_at),
        xaxis_title=data.axis_labels[0],
        yaxis_title=data.axis_labels[1],
        xaxis_range=[reach[:, 0].min() - 0.02, top[0]],
        yaxis_range=[reach[:, 1].min() - 0.02, top[1]],
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"font": {"size": 10}},
    )
    return fig
