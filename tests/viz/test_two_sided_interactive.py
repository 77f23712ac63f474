"""The app's interactive gap map stays light: what each redraw sends to the browser.

Every β change redraws the 101×101 map, and its JSON is sent to every open session; the browser
parses and plots it. The arrays drawn are float32 (display only): 7.2 significant digits, more
than the 6 that the hover text shows, at half the bytes of float64. Downloads (CSV) keep float64.
"""

from __future__ import annotations

import json

import numpy as np
import plotly.io

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided.curves import belief_map, dominance_view
from bargainlab.viz import two_sided as figures
from bargainlab.viz import two_sided_interactive as charts
from tests.app.conftest import as_array

RESOLUTION = 101
#: Bytes of JSON that are not the map's arrays: layout, plotly's template (≈7 kB), colour scale,
#: hover templates, thresholds and zone labels (≈10 kB measured; twice that allowed).
LAYOUT_BYTES = 20_000
#: Base64 text per byte of a typed array.
BASE64 = 4 / 3


def payload_bound(resolution: int) -> int:
    """Largest JSON size of a map: two float32 grids (Gap, E for the hover), one int8 grid of zone
    codes, four float32 axes (heat map and zone contour), base64-encoded, plus the layout.
    """
    grids = resolution * resolution * (2 * 4 + 1)
    axes = 4 * resolution * 4
    return int(BASE64 * (grids + axes)) + LAYOUT_BYTES


def tutorial_map():
    """The app's default Gap map view: the tutorial's point with the zones of Tables 1–2."""
    env = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5)
    return belief_map(env, RESOLUTION)


def test_a_101_by_101_map_is_sent_as_float32_below_its_byte_bound():
    data = tutorial_map()
    assert data.zones is not None  # the contour of the zones is part of the payload
    text = plotly.io.to_json(charts.gap_map_chart(data), validate=False)
    spec = json.loads(text)
    heat = spec["data"][0]
    assert heat["z"]["dtype"] == "f4" and heat["customdata"]["dtype"] == "f4"
    # the bound is well below what float64 arrays alone take (two 101×101 grids: 218 kB of base64)
    float64_grids = BASE64 * 2 * 8 * RESOLUTION**2
    assert payload_bound(RESOLUTION) < 0.7 * float64_grids
    assert len(text.encode()) <= payload_bound(RESOLUTION)


def test_the_displayed_map_is_the_data_to_float32_precision():
    """Display precision: each drawn value is the float64 value rounded to float32 (|relative error| ≤ 2⁻²⁴)."""
    data = tutorial_map()
    spec = json.loads(plotly.io.to_json(charts.gap_map_chart(data), validate=False))
    heat = spec["data"][0]
    half_ulp = np.finfo(np.float32).eps / 2
    np.testing.assert_allclose(as_array(heat["z"]), data.gap.T, rtol=half_ulp, atol=0)
    np.testing.assert_allclose(as_array(heat["customdata"])[..., 0], data.ex_ante_payoff.T, rtol=half_ulp, atol=0)
    np.testing.assert_array_equal(as_array(heat["x"]), data.axis1.astype(np.float32))
    # the 6 significant digits of the hover text are those of the float64 value
    shown = {f"{v:.6g}" for v in as_array(heat["z"]).ravel()[::97]}
    exact = {f"{v:.6g}" for v in data.gap.T.ravel()[::97]}
    assert shown == exact
    # what is downloaded is the data itself, float64
    assert all(np.asarray(column).dtype != np.float32 for column in data.columns().values())


def test_the_figure_5_1_chart_marks_its_delta_to_1_limits_from_the_views_holds_at():
    """At δ < 1 the Figure 5.1 chart's title says "[δ→1 limit]" and, below, the file figure's line;
    what it marks is the view's own ``holds_at`` (the same view at δ = 1 has none and no marker)."""
    finite = dominance_view(two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5, discount=0.9), 5)
    limit = dominance_view(two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5), 5)
    assert limit.holds_at is None and set(finite.holds_at.values()) == {"delta_to_1_limit"}
    line = "δ = 0.9 < 1: a¹(β), a²(β), p₁* and E are δ → 1 objects (Section 5.5 uses β^(δ))"
    assert figures.draw_dominance(finite).title == f"{finite.title}\n{line}"
    assert charts.dominance_chart(finite).layout.title.text == f"{finite.title} [δ→1 limit]<br><sup>{line}</sup>"
    assert charts.dominance_chart(limit).layout.title.text == limit.title == figures.draw_dominance(limit).title
