"""Interactive (plotly) versions of the author's app views, for the web app.

They draw the same :class:`~bargainlab.viz.author_views.ViewData` as the matplotlib figures of
:mod:`bargainlab.viz.author_views` (same curves, colours, labels, thresholds and shading);
hovering shows the numbers. Plotly is imported lazily (extra ``[app]``). Figures are built in one
``go.Figure(data, layout)`` call (plotly's ``add_vline``/``update_layout`` cost tens of
milliseconds each).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bargainlab.viz.author_views import THRESHOLD_STYLES, ViewData

__all__ = ["view_chart", "PLOTLY_DASH", "VIEW_HEIGHT"]

#: Matplotlib line styles as plotly dashes.
PLOTLY_DASH = {"-": "solid", "--": "dash", ":": "dot", "-.": "dashdot"}
#: Height of a view, in pixels.
VIEW_HEIGHT = 480
#: The hover's symbol of each belief column.
AXIS_SYMBOLS = {"prior1": "p1", "prior2": "p2"}
#: Colour of the shaded region (as matplotlib's).
SHADE_COLOUR = "rgba(255,127,14,0.15)"


def _axis_name(kind: str, index: int) -> str:
    """Plotly's name of panel ``index``'s axis (``x``, ``x2``, ...) as a trace reference."""
    return kind if index == 0 else f"{kind}{index + 1}"


def view_chart(data: ViewData) -> Any:
    """A plotly figure of ``data``: one panel per entry of ``data.panels``, sharing the vertical axis.

    Parameters
    ----------
    data
        A view of :mod:`bargainlab.viz.author_views`.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces named by the curves' labels (hover: belief and value), the thresholds and the
        actual belief as vertical lines, the levels as horizontal lines, the shaded region.
    """
    import plotly.graph_objects as go

    count = len(data.panels)
    gap = 0.08
    width = (1.0 - gap * (count - 1)) / count
    x = data.x
    symbol = AXIS_SYMBOLS.get(data.axis, data.axis)  # hover: the belief's symbol, not its column key
    traces: list[Any] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    layout: dict[str, Any] = {}
    for index in range(count):
        xa, ya = _axis_name("x", index), _axis_name("y", index)
        refs = {"xaxis": xa, "yaxis": ya}
        first = index == 0
        if data.shade is not None:
            lower, upper, where, label = data.shade
            mask = np.asarray(data.columns[where], dtype=float) > 0
            if mask.any():
                # None (a gap in the fill) outside the region
                low = [float(v) if m else None for v, m in zip(data.columns[lower], mask)]
                high = [float(v) if m else None for v, m in zip(data.columns[upper], mask)]
                traces.append(
                    go.Scatter(x=x, y=low, mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip", **refs)
                )
                traces.append(
                    go.Scatter(
                        x=x,
                        y=high,
                        mode="lines",
                        line={"width": 0},
                        fill="tonexty",
                        fillcolor=SHADE_COLOUR,
                        name=label,
                        showlegend=first,
                        hoverinfo="skip",
                        **refs,
                    )
                )
        for curve in (c for c in data.curves if c.panel == index):
            px, py = data.series(curve)
            hover = f"{curve.label}<br>{symbol} = %{{x:.4f}}<br>%{{y:.6g}}<extra></extra>"
            if curve.style in ("o", "x") and len(px) == 0:
                continue  # no point to mark: no legend entry either
            if curve.style in ("o", "x"):
                marker = {
                    "color": curve.colour,
                    "size": 8 if curve.style == "o" else 11,
                    "symbol": "circle" if curve.style == "o" else "x",
                }
                traces.append(
                    go.Scatter(
                        x=px,
                        y=py,
                        mode="markers",
                        marker=marker,
                        name=curve.label,
                        showlegend=first or count == 1,
                        hovertemplate=hover,
                        **refs,
                    )
                )
            else:
                line = {"color": curve.colour, "dash": PLOTLY_DASH[curve.style], "width": 2.2}
                traces.append(
                    go.Scatter(
                        x=px,
                        y=py,
                        mode="lines",
                        line=line,
                        name=curve.label,
                        legendgroup=curve.label,
                        showlegend=first,
                        hovertemplate=hover,
                        **refs,
                    )
                )
        for level in data.levels:
            traces.append(
                go.Scatter(
                    x=[x[0], x[-1]],
                    y=[level.value, level.value],
                    mode="lines",
                    line={"color": level.colour, "dash": PLOTLY_DASH[level.style], "width": 1.5},
                    name=level.label,
                    showlegend=first,
                    hovertemplate=f"{level.label}<extra></extra>",
                    **refs,
                )
            )
        for (name, value), style in zip(data.thresholds, THRESHOLD_STYLES):
            shapes.append(
                {
                    "type": "line",
                    "xref": xa,
                    "yref": f"{ya} domain",
                    "x0": value,
                    "x1": value,
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": "#666666", "dash": PLOTLY_DASH[style], "width": 1},
                }
            )
            annotations.append(
                {
                    "x": value,
                    "y": 1,
                    "xref": xa,
                    "yref": f"{ya} domain",
                    "text": f"{name} = {value:.3g}",
                    "showarrow": False,
                    "xanchor": "left",
                    "yanchor": "top",
                    "font": {"size": 10},
                }
            )
        if data.marker is not None:
            shapes.append(
                {
                    "type": "line",
                    "xref": xa,
                    "yref": f"{ya} domain",
                    "x0": data.marker,
                    "x1": data.marker,
                    "y0": 0,
                    "y1": 1,
                    "opacity": 0.6,
                    "line": {"color": "black", "width": 1},
                }
            )
        start = index * (width + gap)
        layout[f"xaxis{'' if first else index + 1}"] = {
            "domain": [start, start + width],
            "title": {"text": data.axis_label},
            "range": [0, 1],
        }
        layout[f"yaxis{'' if first else index + 1}"] = {
            "title": {"text": data.ylabel if first else ""},
            "anchor": xa,
            **({} if first else {"matches": "y"}),
        }
        if data.panels[index]:
            annotations.append(
                {
                    "text": f"<b>{data.panels[index]}</b>",
                    "x": start + width / 2,
                    "y": 1.0,
                    "xref": "paper",
                    "yref": "paper",
                    "showarrow": False,
                    "yanchor": "bottom",
                }
            )
    layout.update(
        title={"text": data.title},
        height=VIEW_HEIGHT,
        legend={"orientation": "h", "y": -0.22, "font": {"size": 11}},
        margin={"t": 70, "b": 40},
        shapes=shapes,
        annotations=annotations,
        hovermode="closest",
    )
    return go.Figure(data=traces, layout=layout)
