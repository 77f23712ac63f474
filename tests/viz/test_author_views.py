"""Data of the author's app views (viz/author_views.py) against the paper's formulas and the LP."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import closed_form
from bargainlab.viz import author_views as av

VALUES = av.binary_values(0.1, 0.6, 0.3, 1.0)  # l1 < l2 < h1 < h2 (Proposition 1)
VALUES2 = av.binary_values(0.0, 0.4, 0.6, 1.0)  # l1 < h1 < l2 < h2 (Proposition 2)


@pytest.mark.parametrize("values", [VALUES, VALUES2])
@pytest.mark.parametrize("x", [0.2, 0.7])
def test_offers_view_a1_gives_player_one_x_times_monopoly(values, x):
    """Lemma 5 (1), Tables 3–4: in a¹(x) each type of player 1 gets x M₁(t₁; p₂), whatever p₂."""
    data = av.offers_view(values, x, moving="p2", belief=0.4, points=21)
    p2 = data.columns["prior2"]
    for k, t in enumerate(("l1", "h1")):
        m = monopoly_payoff(
            np.full(len(p2), [values.l1, values.h1][k]), [values.l2, values.h2], np.column_stack([1 - p2, p2])
        )
        np.testing.assert_allclose(data.columns[f"a1_u1_{t}"], x * m, atol=1e-12)
    # a²: player 1's ex ante payoff is E(p, x) (eq. 5.2)
    e = closed_form.ex_ante_payoff(values, 0.4, p2, x)
    np.testing.assert_allclose(0.6 * data.columns["a2_u1_l1"] + 0.4 * data.columns["a2_u1_h1"], e, atol=1e-12)


def test_gap_view_matches_the_lp_and_the_bound():
    data = av.gap_view(VALUES, 0.5, moving="p1", belief=0.5, points=31)
    checked = [i for i, v in enumerate(data.columns["gap_lp"]) if v != ""]
    assert len(checked) == av.LP_CHECKS
    for i in checked:
        assert data.columns["gap"][i] == pytest.approx(data.columns["gap_lp"][i], abs=1e-9)
    assert np.max(data.columns["gap"]) <= data.columns["gap_peak"][0] + 1e-12 <= 0.0625 + 1e-12
    assert "nan" not in data.csv_text()


@pytest.mark.parametrize("p1", [0.3, 0.8])
def test_whole_gap_view_pieces(p1):
    """a² − Gap(·, p₂*) touches a¹ at p₂ = p₂* (there E − Gap = p₁·x M₁); a² >= a¹ (the gap is >= 0)."""
    data = av.whole_gap_view(VALUES, 0.5, belief=p1, points=1001)
    p2, a1, a2, less = (data.columns[k] for k in ("prior2", "a1", "a2", "a2_less_gap_at_p2_star"))
    star = closed_form.p2_star(VALUES)
    i = int(np.argmin(np.abs(p2 - star)))
    assert less[i] == pytest.approx(a1[i], abs=2e-3)  # grid point next to p₂*
    assert np.all(a2 >= a1 - 1e-12)
    assert data.columns["gap_to_low"][0] == float(p1 > closed_form.p1_star(VALUES, 0.5))


def test_convexity_view_finds_the_concave_kink_of_h1():
    """E8: a²₁(l₁) is convex in p₂, a²₁(h₁) is not when p₁ < p₁* (a concave kink at p₂*)."""
    data = av.convexity_view(VALUES, 0.5, moving="p2", belief=0.2, points=201)
    low = np.array([v for v in data.columns["second_difference_l1"] if v != ""], dtype=float)
    high = np.array([v for v in data.columns["second_difference_h1"] if v != ""], dtype=float)
    assert low.min() >= -1e-12 and high.min() < -1e-4


@pytest.mark.parametrize("values", [VALUES, VALUES2])
def test_convexity_view_against_p1_shows_the_jump_at_p1_star_not_kinks(values):
    """E8: against p₁ the gap moves from h₁ to l₁ at p₁* (a² set-valued): l₁'s payoff jumps up by
    f₂Δ/(1 − p₁*) − 0 and h₁'s down; the view marks the second differences that straddle p₁* as
    the jump (not as concave kinks), and the p₁* line says so. Elsewhere the payoffs are linear."""
    x, belief = 0.5, 0.4
    data = av.convexity_data(values, x, moving="p1", belief=belief, points=201)
    columns = data.columns
    star = av.mechanisms.thresholds(values, x)["p1_star"]
    grid = columns["prior1"]
    jumps = np.flatnonzero(columns["jump"])
    assert len(jumps) == 2 and grid[jumps[0] - 1] <= star < grid[jumps[1] + 1]
    before, after = jumps[0], jumps[1]  # the last point at or below p1*, the first above
    peak = closed_form.f2(values, belief) * float(closed_form.delta_gap(values, x))
    assert columns["a2_u1_l1"][after] - columns["a2_u1_l1"][before] == pytest.approx(peak / (1 - star), abs=1e-12)
    assert columns["a2_u1_h1"][before] - columns["a2_u1_h1"][after] == pytest.approx(peak / star, abs=1e-12)
    assert columns["kink_l1"].sum() == 0 and columns["kink_h1"].sum() == 0  # linear on either side
    assert [name for name, _ in data.thresholds][0] == "p₁*: a² set-valued, payoffs jump"
    against_p2 = av.convexity_data(values, x, moving="p2", belief=0.2, points=201)
    assert against_p2.columns["jump"].sum() == 0  # continuous in p₂


def test_invalid_inputs():
    with pytest.raises(InvalidParameterError, match="l2"):
        av.binary_values(0.5, 0.6, 0.3, 1.0)
    with pytest.raises(InvalidParameterError, match="share"):
        av.gap_view(VALUES, 1.5)
    with pytest.raises(InvalidParameterError, match="points"):
        av.offers_view(VALUES, 0.5, points=2)


@pytest.mark.parametrize("proposer", [1, 2])
def test_offers_data_of_one_proposer_is_that_mechanism(proposer):
    """With a proposer chosen, only its mechanism is drawn: columns of aⁱ(x), one panel."""
    data = av.offers_data(VALUES, 0.4, moving="p1", belief=0.6, points=11, proposer=proposer)
    names = [k for k in data.columns if k.startswith("a")]
    assert names and all(k.startswith(f"a{proposer}_") for k in names) and len(data.panels) == 1
    for k, p1 in enumerate(data.columns["prior1"]):
        m = av.mechanisms.mechanism(f"a{proposer}", VALUES, float(p1), 0.6, 0.4)
        assert data.columns[f"a{proposer}_u2_h2"][k] == pytest.approx(m.payoffs2[1], abs=1e-15)
    with pytest.raises(InvalidParameterError, match="proposer"):
        av.offers_data(VALUES, 0.4, proposer=3)


@pytest.mark.parametrize("values", [VALUES, VALUES2])
def test_whole_gap_against_p1_meets_a1_at_p2_star_and_shades_above_p1_star(values):
    star = float(closed_form.p2_star(values))
    data = av.whole_gap_data(values, 0.5, moving="p1", belief=star, points=51)
    p1 = data.columns["prior1"]
    np.testing.assert_allclose(data.columns["a2_less_gap_at_p2_star"], data.columns["a1"], atol=1e-12)
    assert np.all(data.columns["a2"] >= data.columns["a1"] - 1e-12)
    np.testing.assert_array_equal(data.columns["gap_to_low"], (p1 > closed_form.p1_star(values, 0.5)).astype(float))


def test_gap_line_binary_closed_form_agrees_with_the_lp_per_point():
    """Two types: gap_line's closed form equals the LP of (4.1) (a second method) along p₂."""
    from bargainlab.core.environment import two_sided_environment
    from bargainlab.models.two_sided.outcome import gap

    env = two_sided_environment([0.1, 0.6], [0.3, 1.0], 0.4, 0.5, 0.3)
    data = av.gap_line(env, 2, points=9)
    assert data.metadata["method"] == "closed_form"
    for s, g in zip(data.columns["prior2"], data.columns["gap"]):
        point = two_sided_environment([0.1, 0.6], [0.3, 1.0], 0.4, float(s), 0.3)
        assert g == pytest.approx(gap(point, method="lp").gap, abs=1e-9)
    with pytest.raises(InvalidParameterError, match="points"):
        av.gap_line(env, 1, points=av.MAX_LP_VIEW_POINTS + 1)


@pytest.mark.parametrize(
    "make",
    [
        lambda: av.offers_data(VALUES, 0.5),
        lambda: av.gap_data(VALUES2, 0.5, moving="p2"),
        lambda: av.whole_gap_data(VALUES, 0.5, moving="p1", belief=0.7),
        lambda: av.convexity_data(VALUES, 0.5, belief=0.2),
    ],
)
def test_files_and_charts_draw_the_same_numbers(make):
    """The matplotlib figure (files) and the plotly chart (app) draw the view's columns."""
    pytest.importorskip("plotly")
    from bargainlab.viz.author_views_interactive import view_chart

    data = make()
    figure = av.draw(data)
    assert len(figure.figure.axes) == len(data.panels) and figure.columns.keys() == data.columns.keys()
    chart = view_chart(data)
    for curve in data.curves:
        x, y = data.series(curve)
        if curve.style == "x" and len(x) == 0:
            assert not [t for t in chart.data if t.name == curve.label]  # nothing to mark, no legend entry
            continue
        axis = "x" if curve.panel == 0 else f"x{curve.panel + 1}"
        traces = [t for t in chart.data if t.name == curve.label and t.xaxis == axis]
        assert traces, curve.label
        np.testing.assert_allclose(np.asarray(traces[0].y, dtype=float), y, atol=0)
    assert "nan" not in figure.csv_text().lower()
