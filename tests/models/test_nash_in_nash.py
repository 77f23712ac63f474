"""Nash-in-Nash transfers against each pair's Nash product maximised directly."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import optimize

from bargainlab.errors import InvalidParameterError
from bargainlab.models.nash_in_nash import Agreement, load_network, nash_in_nash

gain = st.floats(-5.0, 10.0)
weight = st.floats(0.05, 5.0)


@given(gain, gain, weight, weight)
def test_transfer_maximises_the_pairs_nash_product(gi, gj, bi, bj):
    """p_ij = argmax_p (Δπ_i + p)^{b_i} (Δπ_j - p)^{b_j}, found by bounded Brent on the logarithm."""
    if gi + gj <= 0:
        with pytest.raises(InvalidParameterError, match="gains from trade"):
            nash_in_nash([Agreement("i", "j", gi, gj)], weights={"i": bi, "j": bj})
        return
    assume(gi + gj > 1e-3)  # the logarithms below need room on both sides of the maximiser
    out = nash_in_nash([Agreement("i", "j", gi, gj)], weights={"i": bi, "j": bj}).agreements[0]
    result = optimize.minimize_scalar(
        lambda p: -(bi * math.log(gi + p) + bj * math.log(gj - p)),
        bounds=(-gi + 1e-12, gj - 1e-12),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert out.transfer == pytest.approx(result.x, abs=1e-6 * (1 + abs(gi) + abs(gj)))
    assert out.net_gains[0] == pytest.approx(bi / (bi + bj) * (gi + gj), rel=1e-12, abs=1e-12)
    assert sum(out.net_gains) == pytest.approx(gi + gj, abs=1e-12)


def test_network_totals_and_file(tmp_path):
    """A hospital H bargaining with two insurers: transfers add up per agent, pair weights override."""
    network = {
        "weights": {"H": 1, "M1": 1, "M2": 1},
        "payoffs": {"H": 10, "M1": 4},
        "agreements": [
            {"between": ["H", "M1"], "gains": [3.0, 1.0]},
            {"between": ["H", "M2"], "gains": [2.0, 2.0], "weights": [1, 3]},
        ],
    }
    path = tmp_path / "network.json"
    path.write_text(json.dumps(network))
    agreements, weights, payoffs = load_network(path)
    out = nash_in_nash(agreements, weights, payoffs)
    # H-M1: (1·1 - 1·3)/2 = -1 (H pays M1 1); H-M2: (1·2 - 3·2)/4 = -1
    assert [a.transfer for a in out.agreements] == pytest.approx([-1.0, -1.0])
    assert out.transfers == pytest.approx({"H": -2.0, "M1": 1.0, "M2": 1.0})
    assert out.payoffs == pytest.approx({"H": 8.0, "M1": 5.0})
    assert sum(out.transfers.values()) == pytest.approx(0.0)
    assert json.loads(json.dumps(out.to_dict()))["agreements"][1]["parameters"]["weights"] == [1.0, 3.0]


@pytest.mark.parametrize(
    ("network", "message"),
    [
        ({"agreements": [{"between": ["A"], "gains": [1, 1]}]}, r"agreements\[0\].between must be a list of two"),
        ({"agreements": [{"between": ["A", "B"], "gains": [1]}]}, r"agreements\[0\].gains must be a list of two"),
        ({"agreements": [{"between": ["A", "A"], "gains": [1, 1]}]}, "two different agents"),
        ({"agreements": [{"between": ["A", "B"], "gains": [-1, 0.5]}]}, "gains from trade"),
        ({"weights": {"A": -1}, "agreements": [{"between": ["A", "B"], "gains": [1, 1]}]}, "weight of A must be"),
        ({"agreements": "x"}, 'a list "agreements"'),
    ],
)
def test_invalid_networks_are_named(network, message):
    with pytest.raises(InvalidParameterError, match=message):
        nash_in_nash(*load_network(network))


def test_missing_file(tmp_path):
    with pytest.raises(InvalidParameterError, match="an existing JSON file"):
        load_network(tmp_path / "missing.json")
