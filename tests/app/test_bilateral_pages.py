"""App pages of bilateral trade and Cramton's mechanisms, driven by Streamlit's AppTest."""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from bargainlab.app.pages import discover  # noqa: E402

TIMEOUT = 120


def page(name: str) -> AppTest:
    return AppTest.from_string(f"from bargainlab.app.pages import {name}; {name}.render()", default_timeout=TIMEOUT)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_pages_are_discovered_in_order():
    names = [m.__name__.rsplit(".", 1)[-1] for m in discover()]
    assert "bilateral" in names and "sequential" in names
    assert names.index("bilateral") < names.index("sequential")


def test_bilateral_page_shows_the_uniform_numbers_and_reacts_to_inputs():
    at = page("bilateral").run()
    assert not at.exception and not at.error
    shown = metrics(at)
    assert shown["Multiplier a"] == "0.333333" and shown["Second-best surplus"] == "0.140625"
    assert shown["Efficiency"] == "84.38%"
    at.text_input(key="buyer").set_value("uniform(0,2)").run()
    assert not at.exception
    assert metrics(at)["Deficit of the efficient mechanism"] == "0.333333"  # ∫_0^1 (1 − u/2) u du = 1/3
    assert float(metrics(at)["Second-best surplus"]) > 9 / 64
    at.number_input(key="k").set_value(1.5).run()
    assert not at.exception and "k must be a number in [0, 1]" in at.error[0].value


def test_bilateral_page_shows_invalid_distributions_in_place():
    at = page("bilateral").run()
    at.text_input(key="seller").set_value("beta(2)").run()
    assert not at.exception
    assert len(at.error) == 1 and "seller must be valid parameters of scipy.stats.beta" in at.error[0].value
    assert len(at.metric) == 0


def test_sequential_page_shows_m_and_efficiency_and_errors():
    at = page("sequential")
    at.run()
    assert not at.exception and not at.error
    shown = metrics(at)
    assert shown["m = a/(1+a)"] == "0.194258" and shown["Efficiency"] == "92.86%"
    at.number_input(key="seller_rate").set_value(1.0).run()
    assert metrics(at)["m = a/(1+a)"] == "0.25" and metrics(at)["Efficiency"] == "84.38%"
    at.number_input(key="buyer_rate").set_value(-1.0).run()
    assert not at.exception and "buyer_rate must be a positive" in at.error[0].value
