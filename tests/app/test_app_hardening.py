"""Issue 11, the web app's named cases: messages, never tracebacks; bounds before any work.

Each test drives a page with Streamlit's ``AppTest`` the way the issue's measurements did: a
revisit of the two-sided "Payoffs over beliefs" tab, a hostile permanent link with 2,000 types,
several bad link parameters at once, an emptied β, and the Nash-in-Nash box fed a file name.
"""

from __future__ import annotations

import time

import pytest

pytest.importorskip("streamlit")

from streamlit.testing.v1 import AppTest  # noqa: E402

from bargainlab.app import widgets  # noqa: E402
from bargainlab.core import limits  # noqa: E402

#: Seconds a refused hostile link may take (it must be refused before any LP).
REFUSAL_SECONDS = 20


def page(name: str) -> AppTest:
    return AppTest.from_string(f"from bargainlab.app.pages import {name}; {name}.render()", default_timeout=120)


def errors(at: AppTest) -> list[str]:
    return [str(e.value) for e in at.error]


def test_payoffs_tab_shown_again_is_not_a_traceback():
    # the same curve requested twice (player 2, player 1, player 2) hit st.cache_data's replay
    at = page("two_sided")
    at.query_params["view"] = "Payoffs over beliefs"
    at.query_params["points"] = "5"
    at.run()
    assert not at.exception
    for vary in (2, 1, 2, 1):
        at.radio(key="vary").set_value(vary).run()
        assert not at.exception, at.exception[0].value
        assert not errors(at)
    assert at.radio(key="vary").value == 1


def test_a_permalink_with_2000_types_is_refused_quickly_with_a_message():
    at = page("two_sided")
    at.query_params["values1"] = ",".join(f"{i / 2000:.6f}" for i in range(2000))
    at.query_params["prior1"] = ",".join(["0.0005"] * 2000)
    start = time.perf_counter()
    at.run()
    assert time.perf_counter() - start < REFUSAL_SECONDS
    assert not at.exception
    assert any("link" in e and f"at most {limits.MAX_TEXT_CHARS:,}" in e for e in errors(at))
    assert not at.metric  # nothing computed


def test_more_types_than_the_limit_are_refused_before_any_lp():
    n = limits.MAX_TYPES + 1
    at = page("two_sided")
    at.query_params["values1"] = ",".join(str(i) for i in range(n))
    at.query_params["prior1"] = ",".join([f"{1 / n:.12f}"] * n)
    at.run()
    assert not at.exception
    assert any(f"at most {limits.MAX_TYPES} values" in e for e in errors(at)), errors(at)
    assert not at.metric


def test_every_bad_link_parameter_is_flagged_and_clears_when_fixed():
    at = page("two_sided")
    at.query_params["beta"] = "7"
    at.query_params["delta"] = "abc"
    at.query_params["values2"] = "1,0"
    at.run()
    shown = " | ".join(errors(at))
    assert "β: player 1's bargaining power must be a number in [0, 1]; got 7" in shown
    assert "delta in the link must be a number" in shown
    assert "Player 2's values must be a strictly increasing list" in shown
    at.number_input(key="beta").set_value(0.5)
    at.text_input(key="values2").set_value("0.5, 1")
    at.run()
    assert errors(at) == []
    assert len(at.metric) == 4


def test_an_emptied_number_field_is_an_error_not_zero():
    at = page("two_sided").run()
    at.number_input(key="beta").set_value(None).run()
    assert errors(at) == ["β: player 1's bargaining power is empty: enter a number"]
    assert not at.metric


def test_an_empty_text_field_is_an_error():
    at = page("two_sided").run()
    at.text_input(key="values1").set_value("").run()
    assert any("Player 1's values is empty" in e for e in errors(at))


@pytest.mark.parametrize("text", ['"/etc/passwd"', "[]", "5", "null", '"network.json"'])
def test_the_nash_in_nash_box_reads_json_never_a_file(text):
    at = page("classics").run()
    at.radio(key="model").set_value("Nash-in-Nash").run()
    at.text_area(key="network").set_value(text).run()
    assert not at.exception
    assert any("network must be a JSON object" in e for e in errors(at)), errors(at)
    assert not any("root:" in str(c.value) for c in at.code)


def test_the_error_boundary_turns_an_exception_into_one_line():
    script = (
        "from bargainlab.app.widgets import error_boundary\n"
        "def broken():\n"
        "    raise KeyError('boom')\n"
        "error_boundary(broken)()\n"
    )
    at = AppTest.from_string(script).run()
    assert not at.exception
    assert len(at.error) == 1 and "internal error (KeyError" in at.error[0].value

    def broken() -> None:
        raise KeyError("boom")

    guarded = widgets.error_boundary(broken)
    assert guarded is not broken and widgets.error_boundary(guarded) is guarded


def test_discovered_pages_have_the_error_boundary():
    from bargainlab.app.pages import discover

    assert all(getattr(module.render, "_error_boundary", False) for module in discover())


def test_shared_cache_keeps_the_newest_entries():
    cache = widgets.SharedCache(2)
    calls = []
    for key in ("a", "b", "a", "c", "b"):
        cache.get(key, lambda k=key: calls.append(k) or k.upper())
    assert calls == ["a", "b", "c", "b"]  # "a" was a hit; "b" was evicted by "c"


def test_a_long_computation_stops_when_its_session_has_ended(monkeypatch):
    monkeypatch.setattr(widgets, "session_alive", lambda: False)
    with pytest.raises(widgets.SessionEnded):
        widgets.check_alive()
