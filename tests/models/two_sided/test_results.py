"""Every two-sided result is a Result: JSON-safe to_dict with model/parameters/method, short repr, tables."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.result import Result
from bargainlab.models.two_sided import claims, curves
from bargainlab.models.two_sided.offers import revelation_violation

#: The running example (Pęski 2024, Proposition 2's ordering): Gap = 0.0625 at p = (1/2, 1/2), β = 1/2.
EXAMPLE = two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5)
#: Proposition 1's ordering, for the Figure 5.1 view.
PROP1 = two_sided_environment([0.1, 0.7], [0.4, 1.0], 0.2, 0.8, 0.5)


def _check(result: Result) -> dict:
    assert isinstance(result, Result)
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert data["model"] == "two-sided" and "parameters" in data and "method" in data
    assert len(repr(result)) < 300
    return data


def test_claim_result_reports_status_and_settings():
    result = claims.gap_bound(np.random.default_rng(0), 4)
    data = _check(result)
    assert data["status"] == "PASS" and data["parameters"] == {"draws": result.draws, "tolerance": result.tolerance}


def test_revelation_result_names_its_belief_point():
    # payoffs (u1(l1), u1(h1), u2(l2), u2(h2)) moving in opposite directions: full separation of
    # player 2 is an equilibrium that changes the payoffs (as in test_offers)
    result = revelation_violation(
        lambda p1, p2: np.array([0.0, 0.0, 0.3 - 0.1 * p2, 0.5 + 0.3 * p2]), 2, 0.4, 0.5, np.linspace(0.05, 0.95, 19)
    )
    data = _check(result)
    assert data["parameters"] == {"prior1": 0.4, "prior2": 0.5}
    assert data["split"] == [0.0, 1.0] and data["violation"] > 0.05


def test_curve_results_are_results_with_their_columns_as_frame():
    pytest.importorskip("pandas")
    built = [
        curves.belief_map(EXAMPLE, resolution=5),
        curves.payoff_lines(EXAMPLE, vary=1, points=3),
        curves.beta_curve(EXAMPLE, points=3),
        curves.delta_curve(EXAMPLE, points=2),
        curves.dominance_view(PROP1, points=3),
    ]
    for result in built:
        data = _check(result)
        assert data["parameters"]["bargaining_power"] == 0.5
        frame = result.to_frame()
        assert list(frame.columns) == list(result.columns())
    # values: the map's largest Gap is Gap(1/2, 1/2) = 0.0625 (Proposition 2), the β curve's Gap at β = 1/2 too
    assert built[0].to_frame()["gap"].max() == pytest.approx(0.0625, abs=1e-12)
    assert built[2].to_frame()["gap"].tolist() == pytest.approx([0.0, 0.0625, 0.0], abs=1e-12)
