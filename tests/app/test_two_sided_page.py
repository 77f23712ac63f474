"""The two-sided app page in Streamlit's AppTest: inputs changed, outputs checked, no exception."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bargainlab.app.pages import two_sided as page
from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided import curves as data
from bargainlab.models.two_sided import solve
from bargainlab.models.two_sided.outcome import leading_term
from bargainlab.report.two_sided import holds_at_legend, holds_at_text
from tests.app.conftest import as_array, chart_spec, page_test, sidebar_error_after, trace

PROP1_LINK = {"values1": "0.1, 0.6", "values2": "0.5, 1", "prior1": "0.1", "prior2": "0.9", "beta": "0.5"}
PROP1 = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_page_shows_the_papers_extremal_example_and_publishes_the_link():
    at = page_test("two_sided")
    assert not at.exception
    assert metrics(at) == {
        "Gap (to player 1)": "0.0625",
        "Share of the 6.25% bound": "100%",
        "E (player 1, ex ante)": "0.375",
        "Efficiency": "100%",
    }
    assert at.query_params["beta"] == "0.5" and at.query_params["values2"] == "0.5, 1"
    assert at.query_params["view"] == "Solution"
    table = at.dataframe[0].value
    assert len(table) == 4 and table["payoff min"].tolist()[2:] == pytest.approx([0.25, 0.5])


def test_link_restores_the_parameter_point_and_view():
    at = page_test("two_sided", {**PROP1_LINK, "view": "Gap map"})
    assert not at.exception
    assert at.sidebar.text_input(key="values1").value == "0.1, 0.6" and at.sidebar.number_input(key="beta").value == 0.5
    outcome = solve(PROP1)
    assert metrics(at)["Gap (to player 1)"] == f"{outcome.gap:.6g}"
    heat = chart_spec(at, "gap-map-chart")["data"][0]
    expected = data.belief_map(PROP1, 101)
    assert as_array(heat["z"]).shape == (101, 101)
    np.testing.assert_allclose(as_array(heat["z"]), expected.gap.T, atol=1e-15)  # the same data as the file figure
    star = trace(chart_spec(at, "gap-map-chart"), "your beliefs")
    assert as_array(star["x"]).tolist() == [0.1] and as_array(star["y"]).tolist() == [0.9]


def test_changing_an_input_updates_outputs_and_link():
    at = page_test("two_sided")
    at.sidebar.number_input(key="beta").set_value(0.3).run()
    assert not at.exception
    # Proposition 2 with p = (1/2, 1/2), x = 0.3: f1 = min(0.5/0.3, 0.5/0.7), f2 = 1, Δ = 0.3 * 0.7 * 0.5 * 0.5
    assert metrics(at)["Gap (to player 1)"] == f"{(0.5 / 0.7) * 0.3 * 0.7 * 0.25:.6g}"
    assert at.query_params["beta"] == "0.3"


def test_moving_a_prior_reuses_the_cached_map(monkeypatch):
    calls = []
    original = data.belief_map
    monkeypatch.setattr(data, "belief_map", lambda *a, **k: calls.append(a) or original(*a, **k))
    at = page_test("two_sided", {"view": "Gap map"})
    at.sidebar.text_input(key="prior1").set_value("0.3").run()
    at.sidebar.text_input(key="prior2").set_value("0.8").run()
    assert not at.exception and len(calls) == 1
    star = trace(chart_spec(at, "gap-map-chart"), "your beliefs")
    assert as_array(star["x"]).tolist() == [0.3] and as_array(star["y"]).tolist() == [0.8]
    at.sidebar.number_input(key="beta").set_value(0.4).run()
    assert len(calls) == 2  # β changes the map


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("values1", "0.5, 0.1", "Player 1's values must be a strictly increasing list of distinct values"),
        ("values2", "0.5, x", "Player 2's values must be a comma-separated list of numbers, e.g. 0, 0.5; got '0.5, x'"),
        ("prior1", "1.2", "Player 1's prior must be a probability of the high type in [0, 1]; got 1.2"),
        ("prior2", "0.2, 0.2", "Player 2's prior must be a list of probabilities summing to 1"),
        ("beta", 1.5, "β: player 1's bargaining power must be a number in [0, 1]; got 1.5"),
        ("delta", 0.0, "δ: discount factor must be a number in (0, 1]; got 0.0"),
        ("resolution", 1.0, "resolution must be an integer from 2 to 1001; got 1"),
        ("points", 10.5, "points must be an integer from 2 to 1001; got 10.5"),
    ],
)
def test_invalid_input_is_a_message_next_to_the_input(key, value, message):
    at = page_test("two_sided")
    widget = at.sidebar.number_input(key=key) if isinstance(value, float) else at.sidebar.text_input(key=key)
    widget.set_value(value).run()
    assert not at.exception
    assert message in sidebar_error_after(at, key)
    assert metrics(at) == {} and "Correct the input marked in the sidebar" in at.info[0].value


def test_invalid_link_values_are_reported_not_dropped():
    at = page_test("two_sided", {"beta": "abc", "values1": "1, 0", "view": "Maps"})
    assert not at.exception and metrics(at) == {}
    assert sidebar_error_after(at, "beta") == (
        "beta in the link must be a number; got 'abc' (the input shows the default instead)"
    )
    assert "Player 1's values must be a strictly increasing list" in sidebar_error_after(at, "values1")
    assert any("view in the link must be one of Solution, Gap map" in e.value for e in at.sidebar.error)


@pytest.mark.parametrize("view", page.VIEWS)
def test_every_view_renders_its_figure_from_the_shared_data(view):
    at = page_test("two_sided", {**PROP1_LINK, "view": view, "points": "6"})
    assert not at.exception
    if view == "Against β":
        spec = chart_spec(at, "beta-chart")
        curve = data.beta_curve(PROP1)
        np.testing.assert_allclose(as_array(trace(spec, "Gap of player 1 (4.2)")["y"]), curve.gap)
    elif view == "Against δ":
        spec = chart_spec(at, "delta-chart")
        curve = data.delta_curve(PROP1)
        np.testing.assert_allclose(as_array(trace(spec, data.LEADING_TERM_LABEL)["y"]), curve.leading_term)
    elif view == "Payoffs over beliefs":
        spec = chart_spec(at, "payoffs-chart")
        lines = data.payoff_lines(PROP1, 1, 6)
        outcome = trace(spec, "u2(0.5): outcome (Thm 3)")
        np.testing.assert_allclose(as_array(outcome["y"]), lines.payoff_low[1][:, 0])
    elif view == "Gap map":
        assert chart_spec(at, "gap-map-chart")["data"][0]["type"] == "heatmap"
    elif view.startswith("Offers"):
        spec = chart_spec(at, "dominance-chart")
        view_data = data.dominance_view(PROP1)
        square = trace(spec, "a¹(q), every q")
        assert [square["x"][0], square["y"][0]] == pytest.approx(view_data.a1[0].tolist())
    else:
        tables = [d.value for d in at.dataframe]
        assert [len(t) for t in tables] == [4, 4, 5]
        outcome = solve(PROP1)
        assert tables[0]["floor βM"].tolist() == pytest.approx(outcome.random_monopoly[0] + outcome.random_monopoly[1])
        assert tables[1]["P(2 gets good)"].tolist() == [str(q) for row in outcome.allocation[1] for q in row]
    buttons = at.get("download_button")
    assert len(buttons) == (1 if view == "Solution" else 3)


def test_payoffs_view_moves_the_second_players_belief():
    at = page_test("two_sided", {**PROP1_LINK, "view": "Payoffs over beliefs", "points": "5"})
    at.radio(key="vary").set_value(2).run()
    assert not at.exception
    spec = chart_spec(at, "payoffs-chart")
    lines = data.payoff_lines(PROP1, 2, 5)
    np.testing.assert_allclose(as_array(trace(spec, "u1(0.1): random monopoly floor")["y"]), lines.floors[0][:, 0])
    assert "player 2's belief moves" in spec["layout"]["title"]["text"]


def test_more_than_two_types_use_the_lp_and_say_so():
    link = {
        "values1": "0, 0.4, 0.8",
        "prior1": "0.3, 0.3, 0.4",
        "values2": "0.3, 1",
        "prior2": "0.6",
        "resolution": "6",
    }
    at = page_test("two_sided", {**link, "view": "Gap map"})
    assert not at.exception
    env = two_sided_environment([0, 0.4, 0.8], [0.3, 1], [0.3, 0.3, 0.4], 0.6, 0.5)
    assert metrics(at)["Gap (to player 1)"] == f"{solve(env).gap:.6g}"
    assert any("lower values keeping the relative weights" in c.value for c in at.caption)
    heat = chart_spec(at, "gap-map-chart")["data"][0]
    np.testing.assert_allclose(as_array(heat["z"]), data.belief_map(env, 6).gap.T, atol=1e-12)


def test_a_single_known_type_has_no_belief_map():
    at = page_test("two_sided", {"values1": "0.2", "prior1": "1", "view": "Gap map"})
    assert not at.exception
    assert "needs at least two values for each player" in at.info[0].value
    assert metrics(at)["Gap (to player 1)"] == f"{solve(two_sided_environment([0.2], [0.5, 1], 1, 0.5, 0.5)).gap:.6g}"


# ---------------------------------------------------------------------------- finite δ (issue 12)
FINITE = {**PROP1_LINK, "delta": "0.9"}
PROP1_AT_09 = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5, discount=0.9)


def helps(at) -> dict[str, str]:
    return {m.label: m.proto.help for m in at.metric}


def test_finite_delta_labels_every_quantity_and_shows_the_leading_term():
    at = page_test("two_sided", {**FINITE, "view": "Solution"})
    assert not at.exception
    outcome = solve(PROP1_AT_09)
    assert outcome.holds_at is not None and outcome.leading_term is not None
    # the leading term of the Section 5.5 bound: the model's own function at this δ
    assert metrics(at)[page.LEADING_TERM_METRIC] == f"{leading_term(PROP1_AT_09):.6g}"
    assert f"{leading_term(PROP1_AT_09):.6g}" == f"{outcome.leading_term:.6g}"
    # the metrics' labels carry the tables' markers, their help the words
    assert helps(at)["Gap (to player 1) (δ→1)"].endswith(" — δ→1 limit")
    assert helps(at)["E (player 1, ex ante) (δ→1)"].endswith(" — " + holds_at_text(outcome, "ex_ante_payoff"))
    assert helps(at)["Share of the 6.25% bound (δ→1)"].endswith(" — δ→1 limit")
    assert helps(at)["Efficiency (δ→1)"].endswith(" — δ→1 limit")
    assert "not a payoff" in helps(at)[page.LEADING_TERM_METRIC]
    assert any(c.value == holds_at_legend(outcome) for c in at.caption)
    payoffs, allocation, efficiency = (d.value for d in at.dataframe)
    assert {"floor βM (at δ)", "complete info (at δ)", "payoff min (δ→1)", "transfer max (δ→1)"} <= set(payoffs)
    assert payoffs["floor βM (at δ)"].tolist() == pytest.approx(outcome.random_monopoly[0] + outcome.random_monopoly[1])
    assert {"P(1 gets good) (δ→1)", "P(2 gets good) (δ→1)"} <= set(allocation)
    assert efficiency["holds at"].tolist() == [
        holds_at_text(outcome, key)
        for key in ("welfare", "first_best", "welfare_loss", "efficiency", "ex_post_efficient")
    ]
    assert efficiency["holds at"].tolist()[:2] == ["δ→1 limit", "definition"]


CHART_KEYS = {
    "Gap map": "gap-map-chart",
    "Payoffs over beliefs": "payoffs-chart",
    "Against β": "beta-chart",
    "Offers a¹, a² (Fig. 5.1)": "dominance-chart",
}


@pytest.mark.parametrize("view", list(CHART_KEYS))
def test_finite_delta_charts_say_which_curves_are_limits(view):
    key = CHART_KEYS[view]
    limit = page_test("two_sided", {**FINITE, "view": view, "points": "5"})
    at_one = page_test("two_sided", {**PROP1_LINK, "view": view, "points": "5"})
    assert not limit.exception and not at_one.exception
    finite, one = chart_spec(limit, key), chart_spec(at_one, key)
    assert "[δ→1 limit]" in json.dumps(finite, ensure_ascii=False)
    assert "[δ→1 limit]" not in json.dumps(one, ensure_ascii=False) and "[at δ]" not in json.dumps(
        one, ensure_ascii=False
    )
    if view == "Against β":
        names = [t["name"] for t in finite["data"]]
        assert "Gap of player 1 (4.2) [δ→1 limit]" in names and "player 1's random monopoly floor [at δ]" in names
    if view == "Gap map":
        assert finite["layout"]["title"]["text"].endswith("[δ→1 limit]")
    if view.startswith("Offers"):  # a¹, a², p₁* and E: all δ → 1 limits by the view's own holds_at
        assert set(data.dominance_view(PROP1_AT_09).holds_at.values()) == {"delta_to_1_limit"}
        assert finite["layout"]["title"]["text"] == (
            "Offers a¹ and a² in player 1's payoffs (Figure 5.1) [δ→1 limit]"
            "<br><sup>δ = 0.9 < 1: a¹(β), a²(β), p₁* and E are δ → 1 objects (Section 5.5 uses β^(δ))</sup>"
        )
        assert one["layout"]["title"]["text"] == "Offers a¹ and a² in player 1's payoffs (Figure 5.1)"


def test_delta_one_shows_no_finite_delta_labels():
    at = page_test("two_sided", {**PROP1_LINK, "view": "Solution"})
    assert not at.exception
    assert page.LEADING_TERM_METRIC not in metrics(at) and len(at.metric) == 4
    assert not any(" — " in help for help in helps(at).values())
    assert not any("(δ→1)" in c.value or "(at δ)" in c.value for c in at.caption)
    payoffs, allocation, efficiency = (d.value for d in at.dataframe)
    assert "floor βM" in payoffs and "payoff min" in payoffs and "P(1 gets good)" in allocation
    assert list(efficiency) == ["quantity", "value"]
    assert not at.info


def test_tied_lowest_values_say_the_theory_does_not_choose():
    at = page_test("two_sided", {"values1": "0, 0.5", "values2": "0, 1", "view": "Solution"})
    assert not at.exception
    tie = solve(two_sided_environment([0, 0.5], [0, 1], 0.5, 0.5, 0.5)).tie_alternative
    assert tie is not None
    (info,) = at.info
    assert info.value == (
        "Lowest values tie: the theory does not say who gets the Gap. With the gap to player "
        f"{tie.gap_player}: E = {tie.ex_ante_payoff:.6g}, Gap = {tie.gap:.6g}."
    )
