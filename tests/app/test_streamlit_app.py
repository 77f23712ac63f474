"""The app's entry script: navigation over every discovered page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bargainlab.app import serve
from bargainlab.app.pages import discover
from tests.app.conftest import APP_TIMEOUT


def test_entry_script_runs_the_first_page_and_lists_every_page():
    at = AppTest.from_file(str(serve.ENTRY_SCRIPT), default_timeout=APP_TIMEOUT).run()
    assert not at.exception
    modules = discover()
    assert modules[0].__name__ == "bargainlab.app.pages.two_sided"  # ORDER 10: the default page
    assert at.title[0].value == modules[0].TITLE
    assert {m.label for m in at.metric} >= {"Gap (to player 1)", "Share of the 6.25% bound"}


def test_every_discovered_page_renders_without_exception():
    for module in discover():
        name = module.__name__.rsplit(".", 1)[-1]
        at = AppTest.from_string(
            f"from bargainlab.app.pages import {name}; {name}.render()", default_timeout=APP_TIMEOUT
        )
        at.run()
        assert not at.exception, name
