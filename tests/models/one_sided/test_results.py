"""The one-sided results are of the one family (core.result.Result): JSON-safe ``to_dict`` with
``model``, ``parameters`` (Python names) and ``method``, a short ``repr``, a text report from
``bargainlab.report.one_sided`` and, for tables, ``to_frame``."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from bargainlab.core.distributions import parse_distribution
from bargainlab.core.result import Result
from bargainlab.models.one_sided import (
    NonUniquePriceWarning,
    neutral_condition,
    optimal_prices,
    property_rights_menu,
    solve,
)
from bargainlab.models.one_sided.lp import bob_best_mechanism, discretise
from bargainlab.models.one_sided.two_types import property_rights_two_types
from tests.models.one_sided.distributions import two_bump_distribution


def _results() -> dict[str, Result]:
    uniform = parse_distribution("uniform")
    types = discretise(uniform, 20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonUniquePriceWarning)
        bimodal = solve(two_bump_distribution(), 0.0, 0.5, points=7)
    return {
        "outcome": solve("uniform(0, 1)", 0.2, 0.5, 0.9),
        "bimodal": bimodal,
        "price": optimal_prices(uniform, 0.2),
        "neutral": neutral_condition(parse_distribution("beta(1, 5)"), 0.0),
        "menu": property_rights_menu(0.5, 0.6, 0.2),
        "lp": bob_best_mechanism(types, 0.2, 0.5 * np.maximum(types.values, 0.2)),
        "two_types": property_rights_two_types(0.0, 1.0, 0.5, 0.25, 0.5),
    }


RESULTS = _results()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_to_dict_is_strict_json_with_the_common_fields(name):
    result = RESULTS[name]
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert list(data)[:3] == ["model", "parameters", "method"]
    assert data["model"] in {"one-sided", "two-type-property-rights"} and data["method"]
    assert isinstance(data["parameters"], dict) and data["parameters"]


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_repr_is_short_and_str_is_the_report(name):
    result = RESULTS[name]
    assert len(repr(result)) < 300 and repr(result).startswith(f"<{type(result).__name__} ")
    assert str(result) and not str(result).startswith(type(result).__name__)  # a registered renderer


def test_parameters_use_the_python_names():
    """U[0, 1], v = 0.2, β = 1/2, δ = 0.9: the inputs come back under the keywords of solve."""
    assert RESULTS["outcome"].to_dict()["parameters"] == {
        "distribution": "uniform(0, 1)",
        "support": [0.0, 1.0],
        "value_bob": 0.2,
        "bargaining_power": 0.5,
        "discount": 0.9,
    }
    assert RESULTS["two_types"].parameters == {
        "low": 0.0,
        "high": 1.0,
        "prior1": 0.5,
        "prior2": 0.25,
        "bargaining_power": 0.5,
    }


def test_the_outcome_report_is_a_few_lines():
    """The notebook display is the report (not a dump of 101 payoffs): p* = 0.6, Π*_β = 0.18."""
    text = str(RESULTS["outcome"])
    assert "p* = 0.6; R(p*) = 0.36" in text and "Π*_β = 0.18" in text
    assert len(text) < 1000 and RESULTS["outcome"]._repr_html_().startswith("<pre>")


def test_payoff_table_is_the_frame():
    """to_frame() is y*_β(u) on the reported values; with p* ∈ {0.3, 0.6} low and high differ
    above 0.3 by β (0.6 - 0.3) = 0.15 (Alice pays (1 - β) p*)."""
    pytest.importorskip("pandas")
    outcome = RESULTS["outcome"]
    frame = outcome.to_frame()
    assert list(frame.columns)[:3] == ["u", "alice_payoff_low", "alice_payoff_high"] and len(frame) == outcome.u.size
    np.testing.assert_allclose(frame["alice_payoff_high"], outcome.payoff_alice(outcome.u))
    np.testing.assert_allclose(frame["complete_information"], 0.5 * np.maximum(outcome.u, 0.2))
    bimodal = RESULTS["bimodal"].to_frame()
    above = bimodal["u"] >= 0.6
    np.testing.assert_allclose((bimodal["alice_payoff_high"] - bimodal["alice_payoff_low"])[above], 0.15, atol=1e-9)


def test_menu_and_lp_tables():
    pytest.importorskip("pandas")
    menu = RESULTS["menu"].to_frame()
    assert menu["alice_gets"].tolist() == [0.0, 0.5, 1.0]
    assert menu["transfer_to_alice"].tolist() == pytest.approx([0.1, 0.0, -0.3])  # α v, 0, -(1 - α) p
    lp = RESULTS["lp"].to_frame()
    assert len(lp) == 20 and set(lp.columns) == {"u", "allocation", "alice_payoff"}
