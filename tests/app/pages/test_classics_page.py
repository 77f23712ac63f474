"""The complete-information app page (streamlit AppTest)."""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

SCRIPT = "from bargainlab.app.pages import classics; classics.render()"


def test_each_model_renders_its_numbers():
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    assert not at.exception and not at.error
    assert "0.25, 0.75" in at.code[0].value  # random proposer, t = (0.2, 1), β = 1/4
    at.radio(key="model").set_value("Rubinstein").run()
    assert "0.714286, 0.285714" in at.code[0].value
    at.radio(key="model").set_value("Nash bargaining").run()
    at.slider(key="weight").set_value(0.3).run()
    assert "v = (0.3, 0.7)" in at.code[0].value
    at.radio(key="model").set_value("Nash-in-Nash").run()
    assert not at.exception and "H pays M1 1 " in at.code[0].value


def test_invalid_inputs_are_shown_next_to_them():
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.radio(key="model").set_value("Nash bargaining").run()
    at.text_input(key="disagreement").set_value("2,2").run()
    assert not at.exception and "some v in U with v > d" in at.error[0].value
    at.text_input(key="vertices").set_value("0,0;1").run()
    assert "vertices must be rows of 2 numbers" in at.error[0].value
    at.radio(key="model").set_value("Nash-in-Nash").run()
    at.text_area(key="network").set_value("{not json").run()
    assert "network must be valid JSON" in at.error[0].value
