"""The web app's contract, tested on inputs generated for every page (``app_fuzz``).

Each page's text inputs and the keys of its permanent link get malformed text; the page must
show a message and never a traceback. The default run tries a fixed sample of each page's cases;
``-m slow`` tries them all.
"""

from __future__ import annotations

import pytest

pytest.importorskip("streamlit")

from tests.contract import app_fuzz  # noqa: E402

#: Cases per page in the default run.
SAMPLE = 8

PAGES = app_fuzz.page_names()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_inputs_to_try(page):
    assert list(app_fuzz.cases(page)), f"page {page} has no text input and no link keys"


@pytest.mark.parametrize("page", PAGES)
def test_malformed_inputs_and_links_are_messages_not_tracebacks(page):
    cases = list(app_fuzz.cases(page))
    step = max(1, len(cases) // SAMPLE)
    violations = [(c.where, c.key, c.value[:20], problem) for c in cases[::step] if (problem := app_fuzz.run(c))]
    assert violations == []


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_generated_input_is_a_message_not_a_traceback(page):
    violations = [(c.where, c.key, c.value[:20], p) for c in app_fuzz.cases(page) if (p := app_fuzz.run(c))]
    assert violations == []
