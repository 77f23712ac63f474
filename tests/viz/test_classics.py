"""Figures of the classics: the data are the model's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from bargainlab.models.nash import nash_solution
from bargainlab.models.rubinstein import rubinstein
from bargainlab.viz.classics import nash_figure, rubinstein_against_delta


def test_nash_figure_data_is_the_clipped_polygon():
    solution = nash_solution(vertices=[[0, 0], [2, 0], [0, 1]], disagreement=(0.5, 0.0))
    data = nash_figure(solution)
    assert data.columns["v1"].min() == pytest.approx(0.5)  # clipped at d_1
    assert data.metadata["point"] == pytest.approx(list(solution.point))


def test_rubinstein_curve_matches_the_closed_form():
    data = rubinstein_against_delta(0.8, points=11)
    for d1, share in zip(data.columns["discount1"], data.columns["share1"]):
        assert share == pytest.approx(rubinstein(d1, 0.8).shares[0])
    assert np.all(np.diff(data.columns["share1"]) >= 0)  # more patience, larger share
