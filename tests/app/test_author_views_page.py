"""The author's views page in Streamlit's AppTest: every view for two and three types, chart values
equal to the models' functions, bad inputs flagged beside their input, the permanent link."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided import closed_form, mechanisms
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.outcome import gap
from tests.app.conftest import as_array, chart_spec, page_test, sidebar_error_after, trace

PAGE = "author_views"
#: Proposition 1 (l1 < l2 < h1 < h2) and Proposition 2 (l1 < h1 <= l2 < h2), theory labels.
PROP1 = {"values1": "0.1, 0.6", "values2": "0.3, 1", "prior1": "0.4", "prior2": "0.7", "share": "0.3"}
PROP2 = {"values1": "0, 0.4", "values2": "0.6, 1", "prior1": "0.2", "prior2": "0.5", "share": "0.6"}
THREE = {"values1": "0, 0.4, 0.8", "prior1": "0.3, 0.3, 0.4", "values2": "0.2, 0.5, 1", "prior2": "0.2, 0.3, 0.5"}
VIEWS = ("offers", "gap", "whole-gap", "convexity")


def values_of(link: dict[str, str]) -> BinaryValues:
    (l1, h1), (l2, h2) = ([float(v) for v in link[k].split(",")] for k in ("values1", "values2"))
    return BinaryValues(l1, h1, l2, h2)


def spec(at) -> dict:
    assert not at.exception, [e.value for e in at.exception]
    return chart_spec(at, "view-chart")


@pytest.mark.parametrize("link", [PROP1, PROP2], ids=["prop1", "prop2"])
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("moving", ["p1", "p2"])
def test_every_view_renders_for_two_types(link, view, moving):
    at = page_test(PAGE, {**link, "view": view, "moving": moving})
    figure = spec(at)
    assert figure["data"] and not at.error
    assert at.query_params["view"] == view and at.query_params["moving"] == moving


@pytest.mark.parametrize("link", [PROP1, PROP2], ids=["prop1", "prop2"])
@pytest.mark.parametrize("proposer", [1, 2])
def test_offers_chart_is_the_mechanisms_payoffs(link, proposer):
    """Every type's payoff in aⁱ(x) along p₂ (p₁ fixed at its prior) equals mechanisms.mechanism's (Tables 1–4)."""
    at = page_test(PAGE, {**link, "view": "offers", "proposer": str(proposer), "moving": "p2"})
    figure = spec(at)
    values, x, p1 = values_of(link), float(link["share"]), float(link["prior1"])
    p2 = as_array(trace(figure, "player 1, l1")["x"])
    assert len(p2) == 101  # the default points
    expected = [mechanisms.mechanism(f"a{proposer}", values, p1, float(b), x) for b in p2]
    for name, player, k in (
        ("player 1, l1", 1, 0),
        ("player 1, h1", 1, 1),
        ("player 2, l2", 2, 0),
        ("player 2, h2", 2, 1),
    ):
        want = [(m.payoffs1 if player == 1 else m.payoffs2)[k] for m in expected]
        np.testing.assert_allclose(as_array(trace(figure, name)["y"]), want, atol=1e-12)


def test_gap_chart_is_the_closed_form_and_the_lp():
    at = page_test(PAGE, {**PROP1, "view": "gap", "moving": "p1"})
    figure = spec(at)
    values, x, p2 = values_of(PROP1), 0.3, 0.7
    curve = trace(figure, "Gap(p, x) (Props 1–2)")
    p1 = as_array(curve["x"])
    np.testing.assert_allclose(as_array(curve["y"]), closed_form.gap(values, p1, p2, x), atol=1e-12)
    checks = trace(figure, "LP of (4.1)")
    for a, g in zip(as_array(checks["x"]), as_array(checks["y"])):
        env = two_sided_environment([0.1, 0.6], [0.3, 1.0], float(a), p2, x)
        assert g == pytest.approx(gap(env, method="lp").gap, abs=1e-9)
    peak = float(closed_form.delta_gap(values, x))
    assert as_array(trace(figure, f"Δ(x) = {peak:.4g} (largest gap)")["y"])[0] == pytest.approx(peak)
    assert as_array(trace(figure, "6.25% · h₂ = 0.0625")["y"])[0] == pytest.approx(0.0625)  # h₂ = 1


def test_whole_gap_chart_pieces_against_p1():
    """a¹ = p₁·x M₁, a² = E (eq. 5.2), a² − Gap(·, p₂*) = E − Gap(p₁, p₂*); shaded where p₁ > p₁*."""
    at = page_test(PAGE, {**PROP1, "view": "whole-gap", "moving": "p1"})
    figure = spec(at)
    values, x, p2 = values_of(PROP1), 0.3, 0.7
    e_curve = trace(figure, "a²: p₁·a²₁ = E (eq. 5.2)")
    p1 = as_array(e_curve["x"])
    e = closed_form.ex_ante_payoff(values, p1, p2, x)
    np.testing.assert_allclose(as_array(e_curve["y"]), e, atol=1e-12)
    floor = [np.array([1 - a, a]) @ mechanisms.a1(values, float(a), p2, x).payoffs1 for a in p1]
    np.testing.assert_allclose(as_array(trace(figure, "a¹: p₁·x M₁ (cannot be refused by 2)")["y"]), floor, atol=1e-12)
    star = float(closed_form.p2_star(values))
    less = e - closed_form.gap(values, p1, star, x)
    np.testing.assert_allclose(as_array(trace(figure, "a² − Gap(·, p₂*)")["y"]), less, atol=1e-12)
    shaded = trace(figure, "p₁ ≥ p₁*: linearly transferable, gap to l₁")
    filled = as_array([np.nan if v is None else v for v in shaded["y"]])
    assert np.array_equal(~np.isnan(filled), p1 > float(closed_form.p1_star(values, x)))


def test_convexity_chart_marks_the_kink_of_h1():
    """E8: a²₁(h₁) is not convex in p₂ when p₁ < p₁*; the marks sit on the payoff curve of eq. (5.1)."""
    at = page_test(PAGE, {**PROP1, "prior1": "0.2", "share": "0.5", "view": "convexity", "moving": "p2"})
    figure = spec(at)
    values = values_of(PROP1)
    high = trace(figure, "a²₁(h₁)")
    p2 = as_array(high["x"])
    low_want, high_want = mechanisms.a2_player_one_payoffs(values, 0.2, p2, 0.5)
    np.testing.assert_allclose(as_array(high["y"]), high_want, atol=1e-12)
    np.testing.assert_allclose(as_array(trace(figure, "a²₁(l₁)")["y"]), low_want, atol=1e-12)
    kinks = trace(figure, "concave kink of a²₁(h₁)")
    assert len(as_array(kinks["x"])) >= 1
    assert [t for t in figure["data"] if t.get("name") == "concave kink of a²₁(l₁)"] == []  # l₁'s is convex


@pytest.mark.parametrize("moving", ["p1", "p2"])
def test_three_types_gap_by_lp(moving):
    at = page_test(PAGE, {**THREE, "view": "gap", "moving": moving, "points": "11"})
    figure = spec(at)
    curve = trace(figure, "Gap(p, x) (lp)")
    s, g = as_array(curve["x"]), as_array(curve["y"])
    assert len(s) == 11
    player = 1 if moving == "p1" else 2
    weights = {1: (0.5, 0.5), 2: (0.4, 0.6)}[player]  # the lower values keep the prior's relative weights
    for k in (0, 5, 10):
        family = [(1 - s[k]) * weights[0], (1 - s[k]) * weights[1], s[k]]
        priors = {1: [0.3, 0.3, 0.4], 2: [0.2, 0.3, 0.5], player: family}
        env = two_sided_environment([0, 0.4, 0.8], [0.2, 0.5, 1.0], priors[1], priors[2], 0.5)
        assert g[k] == pytest.approx(gap(env, method="lp").gap, abs=1e-9)


@pytest.mark.parametrize("view", ["offers", "whole-gap", "convexity"])
def test_three_types_other_views_say_why(view):
    at = page_test(PAGE, {**THREE, "view": view})
    assert not at.exception and not at.get("plotly_chart")
    assert "two values for each player" in at.info[0].value


def test_default_page_and_link_publication():
    at = page_test(PAGE)
    spec(at)
    assert at.query_params["view"] == "offers" and at.query_params["proposer"] == "1"
    assert at.query_params["values1"] == "0.1, 0.6" and at.query_params["share"] == "0.5"
    at.radio(key="view").set_value("gap").run()
    at.sidebar.number_input(key="share").set_value(0.25).run()
    assert at.query_params["view"] == "gap" and at.query_params["share"] == "0.25"
    assert trace(spec(at), "Gap(p, x) (Props 1–2)")


def test_link_restores_inputs():
    at = page_test(PAGE, {**PROP2, "view": "convexity", "moving": "p1"})
    assert at.sidebar.text_input(key="values2").value == "0.6, 1"
    assert at.sidebar.number_input(key="share").value == 0.6
    assert at.radio(key="view").value == "convexity" and at.radio(key="moving").value == "p1"


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        ({"values1": "0.5, 0.6"}, "values2", "lower low value"),
        ({"values1": "0.1, 1.2"}, "values1", "h₁ < h₂"),
        ({"values1": "0.1, abc"}, "values1", "Player 1's values"),
        ({"prior1": "1.5"}, "prior1", "Player 1's prior"),
        ({"prior1": "1", "moving": "p2"}, "prior1", "strictly between 0 and 1"),
        ({"share": "1.5"}, "share", "share x"),
        ({"points": "2"}, "points", "Belief points"),
        ({"points": "10.5"}, "points", "Belief points"),
    ],
)
def test_bad_inputs_are_flagged_beside_their_input(change, key, words):
    at = page_test(PAGE, {**PROP1, **change})
    assert not at.exception
    message = sidebar_error_after(at, key)
    assert message is not None and words in message
    assert not at.get("plotly_chart")


@pytest.mark.parametrize(("key", "value"), [("view", "bogus"), ("proposer", "3"), ("moving", "p9")])
def test_bad_link_choices_are_flagged_and_the_default_shown(key, value):
    at = page_test(PAGE, {**PROP1, key: value})
    assert not at.exception
    assert any(f"{key} in the link must be one of" in e.value for e in at.error)
    spec(at)  # the default choice is drawn


def test_downloads_are_offered():
    at = page_test(PAGE, PROP1)
    keys = {b.key for b in at.get("download_button")}
    assert {"view-csv", "view-png", "view-svg"} <= keys
