"""Inputs generated for every page of the web app: a message beside the input, never a traceback.

Every page (``bargainlab.app.pages.discover()``) is run with Streamlit's ``AppTest``; each of its
text inputs is set to malformed text, and each query parameter its permanent link writes is set
to malformed text in a fresh session (a hostile link). After each run the page must show no
exception (``at.exception`` empty) and, for a malformed value that cannot be read, an error
message (``st.error``). Run ``python -m tests.contract.app_fuzz`` for the full table.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from bargainlab.app import pages

#: Seconds one page run may take (the first run imports the libraries).
RUN_SECONDS = 60

#: Malformed text typed into an input or put in a link, and whether the page must flag it.
MALFORMED_TEXT: tuple[tuple[str, bool], ...] = (
    ("", True),
    ("abc", True),
    ("nan", True),
    ("1e309", True),
    ("0,,1", True),
    ("-1", True),
    ("[]", True),
    ("null", True),
    ("5", False),
    ("x" * 3000, True),
    ("/etc/passwd", True),
    (",".join(f"{i / 2000:.6f}" for i in range(2000)), True),
)


@dataclass(frozen=True)
class Case:
    page: str
    where: str  # "input" or "link"
    key: str
    value: str
    must_flag: bool


def page_names() -> list[str]:
    return [page.__name__.rsplit(".", 1)[1] for page in pages.discover()]


def fresh(page: str) -> AppTest:
    return AppTest.from_string(f"from bargainlab.app.pages import {page}; {page}.render()", default_timeout=RUN_SECONDS)


def cases(page: str) -> Iterator[Case]:
    """Malformed values for every text input of ``page`` and every key of its link."""
    at = fresh(page).run()
    inputs = [widget.key for widget in [*at.text_input, *at.text_area] if widget.key]
    for key in inputs:
        for value, must_flag in MALFORMED_TEXT:
            yield Case(page, "input", key, value, must_flag)
    for key in list(at.query_params):
        for value, must_flag in MALFORMED_TEXT:
            yield Case(page, "link", key, value, must_flag and key in inputs)


def run(case: Case) -> str:
    """'' if the page keeps the contract for ``case``, else the violation."""
    at = fresh(case.page)
    try:
        if case.where == "link":
            at.query_params[case.key] = case.value
            at.run()
        else:
            at.run()
            widgets = [w for w in [*at.text_input, *at.text_area] if w.key == case.key]
            widgets[0].set_value(case.value)
            at.run()
    except Exception as error:  # noqa: BLE001 - anything escaping AppTest is a violation
        return f"raised {type(error).__name__}: {str(error)[:100]}"
    if len(at.exception):
        return f"traceback shown: {at.exception[0].value[:100]}"
    if case.must_flag and not len(at.error):
        return "no error message for a malformed value"
    return ""


def _main() -> int:  # pragma: no cover - by hand
    total, bad = 0, 0
    for page in page_names():
        for case in cases(page):
            total += 1
            problem = run(case)
            if problem:
                bad += 1
                print(f"VIOLATION {case.page} {case.where} {case.key}={case.value[:20]!r}: {problem}")
    print(f"{total} page inputs tried, {bad} violations")
    return 1 if bad else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
