"""Matplotlib figures of the two-sided model: the data they draw (not pixels) and the files."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided.curves import LEADING_TERM_LABEL, belief_map
from bargainlab.viz import two_sided as figures

EXTREMAL = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
PROP1 = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5)


def lines_at(ax, x=None, y=None):
    """Straight lines of ``ax`` drawn at x = const or y = const."""
    found = []
    for line in ax.get_lines():
        xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
        if x is not None and np.allclose(xs, x):
            found.append(line)
        if y is not None and np.allclose(ys, y):
            found.append(line)
    return found


def test_gap_map_draws_the_grid_the_thresholds_and_the_point(tmp_path):
    fig = figures.gap_map(PROP1, resolution=21)
    ax = fig.figure.axes[0]
    mesh = ax.collections[0]
    assert mesh.get_array().size == 21 * 21
    assert np.asarray(mesh.get_array()).max() == pytest.approx(fig.columns["gap"].max())
    assert len(lines_at(ax, x=5 / 9)) == 1 and len(lines_at(ax, y=4 / 9)) == 1  # p1*(β), p2*
    marker = [line for line in ax.get_lines() if line.get_label() == "your beliefs"]
    assert marker and marker[0].get_xydata().tolist() == [[0.1, 0.9]]
    assert fig.metadata["thresholds"][0]["name"] == "p₁*(β)"
    fig.write(tmp_path / "map.csv")
    rows = list(csv.reader((tmp_path / "map.csv").open()))
    assert rows[0] == ["prior1", "prior2", "ex_ante_payoff", "gap", "gap_player", "zone"] and len(rows) == 1 + 441
    assert {row[-1] for row in rows[1:]} == {"A", "B", "C"}  # a²'s zones of Table 1 (l1 < l2 < h1 < h2)


def test_gap_map_draws_zones_when_given():
    data = belief_map(EXTREMAL, resolution=5)
    zones = np.where(data.axis1[:, None] < 0.5, "A", np.where(data.axis2[None, :] < 0.5, "B", "C"))
    fig = figures.draw_gap_map(data.with_zones(zones))
    texts = sorted(t.get_text() for t in fig.figure.axes[0].texts if t.get_text() in {"A", "B", "C"})
    assert texts == ["A", "B", "C"]
    assert fig.columns["zone"].tolist() == zones.ravel().tolist()


def test_payoff_figure_draws_every_type_of_both_players():
    fig = figures.interim_payoffs(PROP1, vary=1, points=5)
    ax1, ax2 = fig.figure.axes[:2]
    legend = [t.get_text() for t in ax1.get_legend().get_texts()]
    assert legend[:2] == ["type t1 = 0.1", "type t1 = 0.6"]
    floors = fig.columns["u2(1)_floor"]
    assert any(np.allclose(line.get_ydata(), floors) for line in ax2.get_lines())
    assert any(np.allclose(line.get_ydata(), fig.columns["u1(0.6)_max"]) for line in ax1.get_lines())


def test_beta_and_delta_figures_draw_their_series():
    beta = figures.outcome_against_beta(EXTREMAL, points=11)
    labels = [line.get_label() for line in beta.figure.axes[0].get_lines()]
    assert "Gap of player 1 (4.2)" in labels
    gap_line = next(line for line in beta.figure.axes[0].get_lines() if line.get_label() == "Gap of player 1 (4.2)")
    assert np.allclose(gap_line.get_ydata(), beta.columns["gap"]) and beta.columns["gap"][5] == pytest.approx(0.0625)
    delta = figures.outcome_against_delta(EXTREMAL, points=10)
    labels = [line.get_label() for line in delta.figure.axes[0].get_lines()]
    assert LEADING_TERM_LABEL in labels
    assert delta.columns["leading_term"][-1] == pytest.approx(0.375)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_figures_write_files(tmp_path, suffix):
    path = figures.outcome_against_beta(EXTREMAL, points=5).write(tmp_path / f"beta{suffix}")
    head = path.read_bytes()[:500]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head


def _legend_texts(fig):
    return [text.get_text() for ax in fig.figure.axes if ax.get_legend() for text in ax.get_legend().get_texts()]


def test_figures_at_delta_below_one_say_which_curves_are_limits():
    """At δ < 1 E, Gap and the payoffs are Theorem 3's δ → 1 limits and the floors hold at δ
    (Theorem 2): titles, legends and CSV columns say so; the numbers are those of δ = 1."""
    finite = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5, discount=0.9)
    beta_limit, beta_finite = (
        figures.outcome_against_beta(EXTREMAL, points=5),
        figures.outcome_against_beta(finite, points=5),
    )
    assert "δ = 0.9 < 1" in beta_finite.title and "δ = 0.9" not in beta_limit.title
    assert set(beta_finite.columns) == {
        "bargaining_power",
        "ex_ante_payoff_limit",
        "gap_limit",
        "floor",
        "floor_other",
        "complete_information",
        "gap_player_limit",  # who gets the gap is Theorem 3's (TwoSidedOutcome.HOLDS_AT)
    }
    np.testing.assert_array_equal(beta_finite.columns["gap_limit"], beta_limit.columns["gap"])
    assert beta_finite.metadata["holds_at"]["gap_limit"] == "delta_to_1_limit"
    assert beta_finite.metadata["holds_at"]["floor"] == "at_delta"
    assert "bargaining_power" not in beta_finite.metadata["holds_at"]  # the axis is an input, not a quantity
    legends = _legend_texts(beta_finite)
    assert any(t.startswith("E:") and t.endswith("[δ→1 limit]") for t in legends)
    assert any("floor" in t and t.endswith("[at δ]") for t in legends)
    assert not any("[" in t for t in _legend_texts(beta_limit))
    payoffs = figures.interim_payoffs(finite, points=5)
    assert "u1(0)_min_limit" in payoffs.columns and "u1(0)_floor" in payoffs.columns
    assert all(not name.endswith(("_min", "_max")) for name in payoffs.columns)
    assert any(t.startswith("outcome") and t.endswith("[δ→1 limit]") for t in _legend_texts(payoffs))
    gap_map = figures.gap_map(finite, resolution=5)
    assert {"ex_ante_payoff_limit", "gap_limit"} <= set(gap_map.columns) and "gap" not in gap_map.columns
    assert "limits" in gap_map.title
    dominance = figures.offers_dominance(finite, points=5)
    assert "δ = 0.9 < 1" in dominance.title
    assert {"a1_low_limit", "a2_high_limit"} <= set(dominance.columns)
    assert set(dominance.metadata["holds_at"].values()) == {"delta_to_1_limit"}
    delta = figures.outcome_against_delta(EXTREMAL, points=4)  # rows at δ < 1 whatever the point's δ
    assert delta.metadata["holds_at"]["leading_term"] == "at_delta"
    assert delta.metadata["holds_at"]["limit_payoff"] == "delta_to_1_limit"
    assert "holds_at" not in figures.outcome_against_beta(EXTREMAL, points=5).metadata
