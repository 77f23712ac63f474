"""Shared app widgets: parsing with named errors, and a panel whose errors sit below their inputs."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from streamlit.testing.v1 import AppTest

from bargainlab.app import pages
from bargainlab.app.widgets import PRIOR_FIELDS, number_list, prior
from bargainlab.errors import InvalidParameterError
from tests.app.conftest import APP_TIMEOUT


@pytest.mark.parametrize(
    ("text", "detail"),
    [("", ""), ("1,,2", ""), ("1, x", "entry 1 is not a number"), ("0, inf", "entry 1 is inf")],
)
def test_number_list_names_the_parameter(text, detail):
    with pytest.raises(InvalidParameterError, match="values2 must be a comma-separated list of numbers") as error:
        number_list(text, "values2")
    assert detail in str(error.value)


def test_prior_is_a_number_or_a_list():
    assert prior("0.3", "prior1") == 0.3
    assert prior("0.3, 0.7", "prior1") == [0.3, 0.7]
    with pytest.raises(InvalidParameterError, match="prior1 must be a comma-separated list"):
        prior("1,", "prior1")


def test_the_priors_are_one_field_each_shared_by_every_page_that_asks_for_them():
    """Pages take ``prior1``/``prior2`` from :data:`PRIOR_FIELDS` (one label, default and help; the
    link keys of the vocabulary) rather than defining their own."""
    assert [(field.key, field.label, field.default, field.kind) for field in PRIOR_FIELDS.values()] == [
        ("prior1", "Player 1's prior", "0.5", "text"),
        ("prior2", "Player 2's prior", "0.5", "text"),
    ]
    users = {}
    for info in pkgutil.iter_modules(pages.__path__):
        module = importlib.import_module(f"{pages.__name__}.{info.name}")
        for field in getattr(module, "FIELDS", ()):
            if field.key in ("prior1", "prior2"):
                assert field is PRIOR_FIELDS[int(field.key[-1])], f"{info.name} defines its own {field.key}"
                users.setdefault(info.name, []).append(field.key)
    assert users == {"author_views": ["prior1", "prior2"], "two_sided": ["prior1", "prior2"]}


def flatten(node):
    """Every element under ``node``, depth first, in display order."""
    for child in getattr(node, "children", {}).values():
        if hasattr(child, "children"):
            yield from flatten(child)
        else:
            yield child


def panel_app():
    import streamlit as st

    from bargainlab.app.widgets import Field, ParameterPanel
    from bargainlab.errors import InvalidParameterError

    def build(raw):
        if raw["n"] > 3:
            raise InvalidParameterError("size (n)", raw["n"], "at most 3")
        return raw["name"].upper() * int(raw["n"])

    with ParameterPanel([Field("name", "Name", "ab"), Field("n", "n", 2.0, kind="number", step=1.0)]) as panel:
        raw = panel.render()
        result = panel.build(lambda: build(raw), {"size (n)": "n"})
        panel.publish_link()
        st.write(f"result: {result}")


def test_panel_restores_from_the_link_routes_errors_and_publishes():
    at = AppTest.from_function(panel_app, default_timeout=APP_TIMEOUT)
    at.query_params["name"] = "xy"
    at.run()
    assert not at.exception and at.markdown[0].value == "result: XYXY"
    assert at.query_params["name"] == "xy" and at.query_params["n"] == "2"
    at.number_input(key="n").set_value(5.0).run()
    nodes = list(flatten(at.main))
    index = next(k for k, node in enumerate(nodes) if getattr(node, "key", None) == "n")
    assert nodes[index + 1].value == "size (n) must be at most 3; got 5.0"
    assert at.markdown[0].value == "result: None" and at.query_params["n"] == "5"


def test_downloads_are_made_on_click_from_the_same_data():
    import numpy as np

    from bargainlab.app.widgets import _lazy_bytes
    from bargainlab.core.environment import two_sided_environment
    from bargainlab.models.two_sided.curves import beta_curve
    from bargainlab.viz.two_sided import draw_beta_curve

    curve = beta_curve(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5), points=3)
    drawn = []

    def make():
        drawn.append(1)
        return draw_beta_curve(curve)

    csv_bytes = _lazy_bytes(make, curve.columns(), ".csv")()
    assert drawn == []  # the CSV needs no figure
    lines = csv_bytes.decode().splitlines()
    assert lines[0].split(",")[:3] == ["bargaining_power", "ex_ante_payoff", "gap"] and len(lines) == 4
    assert np.isclose(float(lines[2].split(",")[2]), 0.0625)
    assert _lazy_bytes(make, curve.columns(), ".svg")()[:200].find(b"<svg") >= 0 and drawn == [1]


def test_panel_sends_no_placeholder_for_an_error_that_did_not_occur():
    at = AppTest.from_function(panel_app, default_timeout=APP_TIMEOUT)
    at.run()
    assert not at.exception and at.markdown[0].value == "result: ABAB"
    kinds = [type(node).__name__ for node in flatten(at.main)]
    # the two inputs, then the result: no empty error slot between them
    assert kinds[kinds.index("TextInput") : kinds.index("TextInput") + 3] == ["TextInput", "NumberInput", "Markdown"]


def failing_panel_app():
    from bargainlab.app.widgets import Field, ParameterPanel

    with ParameterPanel([Field("name", "Name", "")]) as panel:
        panel.render()
        raise RuntimeError("the page failed")


def test_panel_draws_its_inputs_and_errors_when_the_page_fails():
    at = AppTest.from_function(failing_panel_app, default_timeout=APP_TIMEOUT).run()
    assert at.exception  # not caught here: the page's error boundary does that
    assert at.text_input(key="name").value == ""
    assert at.error[0].value == "Name is empty: enter a value"
