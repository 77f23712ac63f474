"""The one-sided app page (streamlit AppTest): inputs changed, outputs checked, errors in place."""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

SCRIPT = "from bargainlab.app.pages import one_sided; one_sided.render()"


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_default_page_shows_the_solution():
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    assert not at.exception and not at.error
    assert float(_metric(at, "p*")) == pytest.approx(0.386, abs=1e-3)


def test_changing_inputs_updates_the_numbers():
    """U[0, 1], v = 0.2, β = 1/2: p* = 0.6, Π*_β = 0.18."""
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.text_input(key="dist").set_value("uniform(0,1)")
    at.number_input(key="value_bob").set_value(0.2)
    at.slider(key="beta").set_value(0.5)
    at.selectbox(key="figure").set_value("revenue")
    at.run()
    assert not at.exception and not at.error
    assert float(_metric(at, "p*")) == pytest.approx(0.6, abs=1e-4)
    assert float(_metric(at, "Bob's payoff Π*_β")) == pytest.approx(0.18, abs=1e-4)


def test_invalid_distribution_is_shown_as_an_error():
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.text_input(key="dist").set_value("norm(0.5, 0.1)").run()
    assert not at.exception
    assert "support must be a bounded interval" in at.error[0].value
    at.text_input(key="support").set_value("0,1").run()
    assert not at.exception and not at.error


def test_bob_keeps_the_good_when_no_type_values_it_more():
    """F = U[0, 1], v = 1: p* = v (no sale), unique, so no warning is shown."""
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.text_input(key="dist").set_value("uniform(0,1)")
    at.number_input(key="value_bob").set_value(1.0).run()
    assert not at.exception and not at.warning
    assert float(_metric(at, "p*")) == pytest.approx(1.0)


def test_malformed_support_is_shown_as_an_error():
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    at.text_input(key="support").set_value("0,1,2").run()
    assert not at.exception and "support must be two numbers A,B" in at.error[0].value
    at.text_input(key="support").set_value("0,x").run()
    assert not at.exception and "support must be a comma-separated list of numbers" in at.error[0].value
