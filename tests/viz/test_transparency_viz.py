"""Figures of the transparency game: the data are the model's numbers."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from bargainlab.errors import InvalidParameterError
from bargainlab.models.transparency import solve_transparency, transparency_game
from bargainlab.viz.transparency import statics_columns, transparency_figure

GAME = transparency_game(4, 0.6, 1.0, 0.5, 0.3, 0.5)


def test_rho_columns_match_the_solver() -> None:
    columns = statics_columns(GAME, "rho", points=11)
    assert len(columns["transparency"]) == 11
    for rho, price, buyer in zip(
        columns["transparency"], columns["pbe_price_above_low"], columns["notes_buyer_high_payoff"]
    ):
        solution = solve_transparency(4, 0.6, 1.0, 0.5, 0.3, rho)
        assert price == pytest.approx(solution.select("seller_best").price_above_low)
        assert buyer == pytest.approx(solution.select("buyer_best", perfect_bayesian=False).outcome.buyer_high_payoff)
    # μh > l: the PBE price h − δ(h − l) = 0.85 does not move with ρ; the passive price rises to h
    assert np.allclose(columns["pbe_price_above_low"], 0.85)
    assert np.all(np.diff(columns["passive_price"]) >= 0) and columns["passive_price"][-1] == pytest.approx(1.0)
    # the notes' game: pooling (buyer's best) once ρ ≥ 0.3704 (test_transparency_sustains_pooling...)
    pooled = columns["notes_sellers_above_low"] == 0
    assert not pooled[columns["transparency"] < 0.37].any() and pooled[columns["transparency"] > 0.38].all()


def test_sellers_and_mu_columns() -> None:
    by_n = statics_columns(GAME, "sellers", points=6)
    assert by_n["sellers"].tolist() == [1, 2, 3, 4, 5, 6]
    by_mu = statics_columns(GAME, "mu", points=5)
    # μh ≤ l (μ ≤ 0.5): pooling, no price above l (NaN in the data)
    assert np.isnan(by_mu["pbe_price_above_low"][by_mu["prior_high"] <= 0.5]).all()
    assert by_mu["pbe_sellers_above_low"][-1] == 4


def test_figure_draws_its_columns() -> None:
    figure = transparency_figure(GAME, "rho", points=5)
    assert figure.metadata["kind"] == "rho"
    lines = figure.figure.axes[0].get_lines()
    assert np.allclose(lines[0].get_ydata(), figure.columns["pbe_price_above_low"])
    assert figure.csv_text().splitlines()[0].startswith("transparency,pbe_sellers_above_low")


def test_unknown_kind_and_points() -> None:
    with pytest.raises(InvalidParameterError):
        statics_columns(GAME, "beta")
    with pytest.raises(InvalidParameterError):
        statics_columns(GAME, "rho", points=1)


def test_csv_writes_missing_values_as_blank_cells() -> None:
    """docs/architecture.md ("Data columns"): no nan in the CSV; a blank where an equilibrium has no price
    above l (μh ≤ l: pooling) or does not exist (δ = 1 with μh > l: no perfect Bayesian one in the class)."""
    rows = list(csv.DictReader(io.StringIO(transparency_figure(GAME, "mu", points=5).csv_text())))
    assert [row["prior_high"] for row in rows] == ["0.0", "0.25", "0.5", "0.75", "1.0"]
    assert not any(cell.lower() in ("nan", "inf") for row in rows for cell in row.values())
    # μ ≤ 0.5 = l/h: pooling (k = 0, no price above l); μ > 0.5: full separation at 0.85
    assert [row["pbe_sellers_above_low"] for row in rows] == ["0.0", "0.0", "0.0", "4.0", "4.0"]
    assert [row["pbe_price_above_low"] for row in rows[:3]] == ["", "", ""]
    assert float(rows[3]["pbe_price_above_low"]) == pytest.approx(0.85)
    patient = transparency_game(4, 0.6, 1.0, 0.5, 1.0, 0.5)  # δ = 1: the separating price is l
    rows = list(csv.DictReader(io.StringIO(transparency_figure(patient, "rho", points=3).csv_text())))
    assert all(row[key] == "" for row in rows for key in row if key.startswith("pbe_"))
    assert all(row["notes_sellers_above_low"] == "0.0" and row["notes_price_above_low"] == "" for row in rows)
