"""The transparency page, driven by Streamlit's AppTest."""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from bargainlab.models.transparency import solve_transparency  # noqa: E402

TIMEOUT = 120


def page() -> AppTest:
    return AppTest.from_string(
        "from bargainlab.app.pages import transparency; transparency.render()", default_timeout=TIMEOUT
    )


def test_default_point_shows_the_equilibria_and_reacts() -> None:
    at = page().run()
    assert not at.exception and not at.error
    shown = {m.label: m.value for m in at.metric}
    assert shown["equilibria (perfect Bayesian)"] == "2 (1)"  # pooling (notes only) and full separation
    assert shown["sellers above l (sellers' best PBE)"] == "3"
    assert shown["high type's payoff (that PBE)"] == "1.35"
    frame = at.dataframe[0].value
    assert list(frame["sellers above l"]) == [0, 3]
    at.number_input(key="mu").set_value(0.3).run()  # μh < l: pooling only
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["equilibria (perfect Bayesian)"] == "1 (1)"


def test_bad_input_is_shown_below_its_field() -> None:
    at = page().run()
    at.number_input(key="low").set_value(2.0).run()
    assert not at.exception and len(at.error) == 1 and "low_value" in at.error[0].value
    at.number_input(key="low").set_value(0.5).run()
    at.number_input(key="sellers").set_value(100.0).run()
    assert not at.exception and "sellers" in at.error[0].value


def test_link_restores_the_point_and_the_view() -> None:
    at = page()
    at.query_params.update(
        {
            "sellers": "4",
            "mu": "0.6",
            "high": "1",
            "low": "0.5",
            "delta": "0.3",
            "rho": "0.5",
            "view": "Against ρ",
            "observation": "market",
        }
    )
    at.run()
    assert not at.exception and not at.error
    assert at.radio(key="view").value == "Against ρ" and at.selectbox(key="observation").value == "market"
    assert len(at.get("vega_lite_chart")) == 2 and len(at.get("download_button")) == 3
    expected = solve_transparency(4, 0.6, 1, 0.5, 0.3, 0.5, "market")
    assert expected.select("seller_best").price_above_low == pytest.approx(0.85)
