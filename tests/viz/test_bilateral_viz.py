"""Figures of bilateral trade and Cramton's mechanisms: the data they draw."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from bargainlab.models import bilateral_trade as bt
from bargainlab.models import sequential as sq
from bargainlab.models.double_auction import linear_equilibrium
from bargainlab.viz.bilateral import double_auction_figure, trade_region_figure
from bargainlab.viz.sequential import delay_figure, figure_8_1, figure_8_2


def test_trade_region_data_is_the_uniform_second_best():
    data = trade_region_figure(bt.second_best("uniform", "uniform"), bt.posted_price("uniform", "uniform", 0.5))
    b = data.columns["buyer_value"]
    np.testing.assert_allclose(data.columns["second_best_cost_below"], np.clip(b - 0.25, 0, 1), atol=1e-12)
    np.testing.assert_allclose(data.columns["first_best_cost_below"], b)
    np.testing.assert_array_equal(data.columns["posted_price_trades"], (b >= 0.5).astype(float))


def test_double_auction_strategies():
    data = double_auction_figure(linear_equilibrium(0.5))
    x = data.columns["type"]
    np.testing.assert_allclose(data.columns["bid"], 2 * x / 3 + 1 / 12)
    np.testing.assert_allclose(data.columns["ask"], 2 * x / 3 + 1 / 4)


def test_figures_8_1_and_8_2_columns():
    curve = sq.ratio_curve([0.25, 0.5, 1.0])
    one, two = figure_8_1(curve), figure_8_2(curve)
    np.testing.assert_allclose(one.columns["m"], curve.m)
    assert two.columns["efficiency"][-1] == pytest.approx(27 / 32)


def test_delay_map_of_the_static_mechanism_is_now_or_never():
    data = delay_figure(sq.solve("uniform", "uniform", 1.0, 2.0), points=21)
    t, discount = data.columns["trade_time"], data.columns["trade_discount"]
    never = np.isnan(t)  # never trades: no time (a blank CSV cell), never inf
    assert not np.isinf(t).any() and set(np.unique(t[~never])) <= {0.0}
    assert np.array_equal(never, discount == 0.0) and never.any()
    trades = data.columns["buyer_value"] - data.columns["seller_cost"] > 0.25 + 1e-9
    assert np.all(t[trades] == 0.0)
    with_delay = delay_figure(sq.solve("uniform", "uniform", 2.0, 1.0), points=21).columns["trade_time"]
    assert np.any((with_delay > 0) & np.isfinite(with_delay))  # r > σ: some pairs trade later


def test_delay_csv_writes_never_as_a_blank_time():
    """docs/architecture.md ("Data columns"): trade_time is blank where the pair never trades, and the
    file holds no inf or nan."""
    data = delay_figure(sq.solve("uniform", "uniform", 2.0, 1.0), points=11)
    rows = list(csv.DictReader(io.StringIO(data.csv_text())))
    assert len(rows) == 121
    assert not any(cell.lower() in ("inf", "-inf", "nan") for row in rows for cell in row.values())
    never = [row for row in rows if row["trade_time"] == ""]
    assert never and all(float(row["trade_discount"]) == 0.0 for row in never)
    assert all(float(row["trade_discount"]) > 0.0 for row in rows if row["trade_time"] != "")
