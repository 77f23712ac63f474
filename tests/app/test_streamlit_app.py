"""The app's entry script: a home page linking every discovered page, each page at its own path."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bargainlab.app import serve
from bargainlab.app.entry.streamlit_app import summary
from bargainlab.app.pages import discover
from tests.app.conftest import APP_TIMEOUT


def test_entry_script_shows_the_home_page_linking_every_page():
    at = AppTest.from_file(str(serve.ENTRY_SCRIPT), default_timeout=APP_TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "bargainlab"
    modules = discover()
    assert modules[0].__name__ == "bargainlab.app.pages.two_sided"  # ORDER 10
    links = at.get("page_link")
    assert [link.proto.label for link in links] == [m.TITLE for m in modules]
    assert [c.value for c in at.caption][: len(modules)] == [summary(m) for m in modules]
    assert summary(modules[0]).startswith("Two-sided bargaining with mechanisms (Pęski 2024)")


def test_every_discovered_page_renders_without_exception():
    for module in discover():
        name = module.__name__.rsplit(".", 1)[-1]
        at = AppTest.from_string(
            f"from bargainlab.app.pages import {name}; {name}.render()", default_timeout=APP_TIMEOUT
        )
        at.run()
        assert not at.exception, name
        assert len(at.main.children) > 0, f"page {name} shows nothing"
