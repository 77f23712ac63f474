"""Inputs generated for every page of the web app: a message beside the input, never a traceback.

Every page (``bargainlab.app.pages.discover()``) is run with Streamlit's ``AppTest``; each of its
text inputs (also those shown only under another choice of one of its radios, such as a
model selector) is set to malformed text, and each query parameter its permanent link writes is set
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
    ('"/etc/passwd"', True),  # a JSON string: never read as a server file
    (",".join(f"{i / 2000:.6f}" for i in range(2000)), True),
)


@dataclass(frozen=True)
class Case:
    page: str
    where: str  # "input" or "link"
    key: str
    value: str
    must_flag: bool
    #: A radio choice made first (key, option), for inputs shown only under that choice.
    choice: tuple[str, object] | None = None


def page_names() -> list[str]:
    return [page.__name__.rsplit(".", 1)[1] for page in pages.discover()]


def fresh(page: str) -> AppTest:
    return AppTest.from_string(f"from bargainlab.app.pages import {page}; {page}.render()", default_timeout=RUN_SECONDS)


def cases(page: str) -> Iterator[Case]:
    """Malformed values for every text input of ``page`` and every key of its link."""
    at = fresh(page).run()
    widgets = [widget for widget in [*at.text_input, *at.text_area] if widget.key]
    inputs = [widget.key for widget in widgets]
    optional = {widget.key for widget in widgets if "optional" in widget.label.lower()}
    for key in inputs:
        for value, must_flag in MALFORMED_TEXT:
            # an input labelled optional may be left empty
            yield Case(page, "input", key, value, must_flag and not (key in optional and value == ""))
    seen = set(inputs)
    for radio in [r for r in at.radio if r.key]:
        for option in radio.options:  # inputs shown only under another choice (e.g. a model selector)
            chosen = fresh(page).run()
            chosen.radio(key=radio.key).set_value(_option_value(radio, option)).run()
            for widget in [*chosen.text_input, *chosen.text_area]:
                if not widget.key or widget.key in seen:
                    continue
                seen.add(widget.key)
                for value, must_flag in MALFORMED_TEXT:
                    choice = (radio.key, _option_value(radio, option))
                    yield Case(page, "input", widget.key, value, must_flag, choice)
    for key in list(at.query_params):
        for value, must_flag in MALFORMED_TEXT:
            yield Case(page, "link", key, value, must_flag and key in inputs)


def _option_value(radio: object, option: str) -> object:
    """The value of a radio's option as the page gave it (options are shown as text)."""
    for value in getattr(radio, "_options_values", None) or []:
        if str(value) == option:
            return value
    try:
        return int(option) if option.isdigit() else option
    except ValueError:  # pragma: no cover
        return option


def run(case: Case) -> str:
    """'' if the page keeps the contract for ``case``, else the violation."""
    at = fresh(case.page)
    try:
        if case.where == "link":
            at.query_params[case.key] = case.value
            at.run()
        else:
            at.run()
            if case.choice is not None:
                at.radio(key=case.choice[0]).set_value(case.choice[1]).run()
            widgets = [w for w in [*at.text_input, *at.text_area] if w.key == case.key]
            widgets[0].set_value(case.value)
            at.run()
    except Exception as error:  # noqa: BLE001 - anything escaping AppTest is a violation
        return f"raised {type(error).__name__}: {str(error)[:100]}"
    if len(at.exception):
        return f"traceback shown: {at.exception[0].value[:100]}"
    internal = [e.value for e in at.error if "internal error" in str(e.value)]
    if internal:  # caught by the page's error boundary, but still a bug
        return f"internal error shown: {internal[0][:100]}"
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
