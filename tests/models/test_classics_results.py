"""The classics' results are of the one family (core.result.Result): JSON-safe ``to_dict`` with
``model``, ``parameters`` (Python names) and ``method``, a short ``repr`` and the text report of
``bargainlab.report.classics``."""

from __future__ import annotations

import json

import pytest

from bargainlab.models.complete_info import random_proposer, random_proposer_backward_induction
from bargainlab.models.nash import nash_solution
from bargainlab.models.nash_in_nash import Agreement, nash_in_nash
from bargainlab.models.rubinstein import alternating_offers_backward_induction, rubinstein

RESULTS = {
    "random-proposer": random_proposer(0.2, 1.0, 0.25, 0.9),
    "random-proposer-finite": random_proposer_backward_induction(0.2, 1.0, 0.25, 0.9, 10),
    "rubinstein": rubinstein(0.9, 0.8),
    "rubinstein-finite": alternating_offers_backward_induction(0.9, 0.8, 3),
    "nash": nash_solution(vertices=[[0, 0], [1, 0], [0, 1]], bargaining_power=0.3),
    "nash-inequalities": nash_solution(inequalities=[[1, 1, 1], [-1, 0, 0], [0, -1, 0]]),
    "nash-frontier": nash_solution(frontier=lambda x: 1 - x * x, domain=(0, 1)),
    "nash-in-nash": nash_in_nash(
        [Agreement("H", "M1", 3, 1), Agreement("H", "M2", 2, 2, 1, 3)], payoffs={"H": 10, "M1": 4}
    ),
}
RESULTS["agreement"] = RESULTS["nash-in-nash"].agreements[1]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_to_dict_is_strict_json_with_the_common_fields(name):
    data = json.loads(json.dumps(RESULTS[name].to_dict(), allow_nan=False))
    assert list(data)[:3] == ["model", "parameters", "method"]
    assert data["model"] == name.split("-finite")[0].removesuffix("-inequalities").removesuffix("-frontier").replace(
        "agreement", "nash-in-nash"
    )
    assert isinstance(data["parameters"], dict) and data["parameters"] and data["method"]


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_repr_is_short_and_str_is_the_report(name):
    result = RESULTS[name]
    assert len(repr(result)) < 300 and repr(result).startswith(f"<{type(result).__name__} ")
    assert str(result) and not str(result).startswith(type(result).__name__)


def test_parameters_are_the_inputs_under_their_python_names():
    assert RESULTS["random-proposer"].parameters == {
        "value1": 0.2,
        "value2": 1.0,
        "bargaining_power": 0.25,
        "discount": 0.9,
    }
    assert RESULTS["rubinstein"].parameters == {"discount1": 0.9, "discount2": 0.8, "pie": 1.0, "first_proposer": 1}
    assert RESULTS["nash"].parameters == {
        "vertices": [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]],
        "disagreement": [0.0, 0.0],
        "bargaining_power": 0.3,
    }
    assert RESULTS["nash-frontier"].parameters["domain"] == [0.0, 1.0]
    network = RESULTS["nash-in-nash"].parameters
    assert network["payoffs"] == {"H": 10.0, "M1": 4.0}
    assert network["agreements"][1] == {"between": ["H", "M2"], "gains": [2.0, 2.0], "weights": [1.0, 3.0]}


def test_reports_keep_their_numbers():
    """Rubinstein (0.9, 0.8): x_1 = 0.2/0.28 = 5/7; random proposer t = (0.2, 1), β = 1/4: (0.25, 0.75);
    Nash on the simplex with β = 0.3: (0.3, 0.7); Nash-in-Nash H-M1: (1·1 - 1·3)/2 = -1."""
    assert "shares 0.714286, 0.285714" in str(RESULTS["rubinstein"])
    assert "payoffs 0.25, 0.75" in str(RESULTS["random-proposer"])
    assert "v = (0.3, 0.7)" in str(RESULTS["nash"])
    assert "H pays M1 1 " in str(RESULTS["nash-in-nash"]) and "H: net transfer -2; payoff 8" in str(
        RESULTS["nash-in-nash"]
    )


def test_nash_in_nash_table():
    pytest.importorskip("pandas")
    frame = RESULTS["nash-in-nash"].to_frame()
    assert frame["transfer"].tolist() == pytest.approx([-1.0, -1.0])
    assert (frame["net_gain_first"] + frame["net_gain_second"]).tolist() == pytest.approx([4.0, 4.0])
