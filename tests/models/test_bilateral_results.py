"""The result family in the bilateral area: JSON-safe to_dict with model/parameters/method, short repr,
tables, the one input layer (names, frozen scipy.stats objects, Distributions, samples) and error keys."""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.stats

from bargainlab.core.distributions import parse_distribution
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models import bilateral_trade as bt
from bargainlab.models import double_auction as da
from bargainlab.models import sequential as sq
from bargainlab.models.bilateral_lp import solve_discretised
from bargainlab.models.loertscher_marx import weighted_mechanism

UNIFORM = parse_distribution("uniform")


def results() -> dict[str, Result]:
    """One cheap instance of every result class of the area."""
    eq = da.linear_equilibrium(0.5)
    return {
        "myerson_satterthwaite": bt.myerson_satterthwaite("uniform", "uniform"),
        "second_best_lp": bt.second_best("uniform", "uniform", method="lp", types=10),
        "posted_price": bt.posted_price("uniform", "uniform", 0.5),
        "bilateral": bt.solve("uniform", "uniform", price=0.4, method="lp", types=10),
        "discretised": solve_discretised(UNIFORM, UNIFORM, 2.0, 1.0, types=6, dates=4),
        "linear_equilibrium": eq,
        "best_response": da.best_response_check(0.5, eq.bid, eq.ask, points=100),
        "double_auction": da.solve(0.5),
        "market": weighted_mechanism("uniform", "uniform", n_sellers=2, samples=2**8),
        "sequential": sq.solve("uniform", "uniform", 1.0, 1.0, method="closed_form"),
        "uniform_closed_form": sq.uniform_closed_form(0.5),
        "ratio_curve": sq.ratio_curve([0.5, 1.0]),
        "mechanism_check": sq.check_mechanism(
            UNIFORM, UNIFORM, 1.0, 1.0, lambda s, b: np.where(b - s > 0.25, 0.0, np.inf), lambda s, b: 0 * s, points=20
        ),
    }


@pytest.fixture(scope="module")
def all_results() -> dict[str, Result]:
    return results()


def test_every_result_is_json_safe_with_model_parameters_and_method(all_results):
    for name, result in all_results.items():
        data = result.to_dict()
        json.dumps(data, allow_nan=False)
        assert {"model", "parameters", "method"} <= set(data), name
        assert data["model"] in {"bilateral", "double-auction", "market", "sequential"}, name
        assert isinstance(data["parameters"], dict) and data["parameters"], name
        assert len(repr(result)) < 300, (name, repr(result))
        assert str(result).strip(), name


def test_names_end_in_outcome_or_result(all_results):
    for result in all_results.values():
        assert type(result).__name__.endswith(("Outcome", "Result"))


def test_parameters_hold_the_inputs_under_their_python_names(all_results):
    assert all_results["sequential"].parameters == {
        "seller": "uniform()",
        "buyer": "uniform()",
        "seller_rate": 1.0,
        "buyer_rate": 1.0,
    }
    market = all_results["market"].parameters
    assert market["n_sellers"] == 2 and market["n_buyers"] == 1 and market["samples"] == 2**8
    assert all_results["bilateral"].parameters["price"] == 0.4 and all_results["bilateral"].parameters["types"] == 10
    assert all_results["linear_equilibrium"].parameters == {"k": 0.5, "lower": 0.0, "upper": 1.0}


def test_the_second_best_keeps_its_trade_region_and_tabulates_it():
    out = bt.second_best("uniform", "uniform")
    region = out.to_dict()["trade_region"]
    assert len(region["b"]) == len(region["s_below"]) == bt.THRESHOLD_POINTS
    pytest.importorskip("pandas")
    frame = out.to_frame()
    assert list(frame.columns) == ["buyer_value", "seller_cost_below"] and len(frame) == bt.THRESHOLD_POINTS
    # Cramton (1985), Section 8.5: trade iff b − s > 1/4 for uniform values
    inside = frame["buyer_value"] >= 0.25
    np.testing.assert_allclose(frame["seller_cost_below"][inside], frame["buyer_value"][inside] - 0.25, atol=1e-9)


def test_tabular_results_give_their_tables(all_results):
    pytest.importorskip("pandas")
    market = all_results["market"].to_frame()
    assert list(market["side"]) == ["seller", "seller", "buyer"]
    assert market["payoff"].sum() == pytest.approx(
        sum(all_results["market"].seller_payoffs) + sum(all_results["market"].buyer_payoffs)
    )
    curve = all_results["ratio_curve"].to_frame()
    assert list(curve["ratio"]) == [0.5, 1.0] and curve["m"].iloc[-1] == pytest.approx(0.25)
    lp = all_results["discretised"].to_frame()
    assert len(lp) == 6 and np.all(np.diff(lp["seller_probability"]) <= 1e-9)


def test_every_spelling_of_a_distribution_gives_the_same_numbers():
    """A name, a frozen scipy.stats object and a Distribution are one input (core.inputs.as_distribution)."""
    by_name = bt.posted_price("beta(2,3)", "uniform", 0.4)
    frozen = bt.posted_price(scipy.stats.beta(2, 3), scipy.stats.uniform(), 0.4)
    dist = bt.posted_price(parse_distribution("beta(2,3)"), UNIFORM, 0.4)
    assert by_name.surplus == pytest.approx(frozen.surplus, abs=1e-14) == dist.surplus
    assert sq.solve(scipy.stats.uniform(), "uniform", 1.0, 1.0, method="closed_form").m == 0.25
    sample = np.linspace(0.0, 1.0, 201)  # the empirical CDF of an even grid is the uniform CDF
    assert bt.posted_price(sample, "uniform", 0.5).surplus == pytest.approx(0.125, abs=1e-12)
    out = weighted_mechanism(scipy.stats.uniform(), scipy.stats.uniform(), samples=2**8)
    assert out.parameters["sellers"] == ["uniform()"]


def test_errors_carry_whose_distribution_it_is():
    with pytest.raises(InvalidParameterError, match="buyer's support must be a bounded interval") as info:
        bt.second_best("uniform", "norm")
    assert info.value.key == "buyer"
    with pytest.raises(InvalidParameterError) as info:
        sq.solve("uniform", 3.0, 1.0, 1.0)
    assert info.value.key == "buyer"
    with pytest.raises(InvalidParameterError) as info:
        da.linear_equilibrium(0.5, 1.0, 0.5)
    assert info.value.key == "upper"


def test_figures_are_not_left_open():
    plt = pytest.importorskip("matplotlib.pyplot")  # the [plot] extra

    from bargainlab.viz.bilateral import double_auction_figure, trade_region_figure
    from bargainlab.viz.sequential import figure_8_1

    before = plt.get_fignums()
    trade_region_figure(bt.second_best("uniform", "uniform", method="lp", types=10))
    double_auction_figure(da.linear_equilibrium(0.3))
    figure_8_1(sq.ratio_curve([0.5, 1.0]))
    assert plt.get_fignums() == before
