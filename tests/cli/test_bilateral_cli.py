"""``bargainlab solve bilateral | double-auction | market | sequential``, plots and ``reproduce cramton``."""

from __future__ import annotations

import csv
import json

import pytest

from bargainlab.cli.main import main
from tests.cli.helpers import run


def test_solve_bilateral_json(capsys):
    code, out, err = run(["solve", "bilateral", "--seller", "uniform", "--buyer", "uniform", "--json"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["deficit_efficient"] == pytest.approx(1 / 6, abs=1e-12)
    second = data["second_best"]
    assert second["multiplier"] == pytest.approx(1 / 3, abs=1e-10)
    assert second["surplus"] == pytest.approx(9 / 64, abs=1e-12)
    assert second["efficiency"] == pytest.approx(27 / 32, abs=1e-12)
    assert data["posted_price"]["price"] == pytest.approx(0.5, abs=1e-7) and data["posted_price"]["best"]
    assert len(second["trade_region"]["b"]) == len(second["trade_region"]["s_below"])


def test_solve_bilateral_text_with_a_given_price(capsys):
    code, out, _ = run(["solve", "bilateral", "--buyer", "uniform(0,2)", "--price", "0.4"], capsys)
    assert code == 0
    assert "Myerson-Satterthwaite" in out and "Second-best" in out and "posted price: p = 0.4" in out


def test_solve_double_auction(capsys):
    code, out, _ = run(["solve", "double-auction", "--k", "0.5", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["buyer_slope"] == pytest.approx(2 / 3) and data["seller_intercept"] == pytest.approx(0.25)
    assert data["best_response_check"]["is_equilibrium"] and data["surplus"] == pytest.approx(9 / 64)


def test_solve_sequential_json(capsys):
    argv = ["solve", "sequential", "--seller-rate", "1", "--buyer-rate", "1", "--method", "closed_form", "--json"]
    code, out, _ = run(argv, capsys)
    data = json.loads(out)
    assert code == 0
    assert data["m"] == 0.25 and data["surplus"] == pytest.approx(9 / 64) and data["first_best"] == pytest.approx(1 / 6)
    assert data["efficiency"] == pytest.approx(27 / 32)


def test_solve_market(capsys):
    argv = ["solve", "market", "--sellers", "2", "--buyers", "2", "--samples", "1024", "--json"]
    code, out, _ = run(argv, capsys)
    data = json.loads(out)
    assert code == 0 and len(data["seller_payoffs"]) == 2 and 0 < data["efficiency"] <= 1


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["solve", "sequential", "--seller-rate", "-1", "--buyer-rate", "1"], "--seller-rate must be a positive"),
        (["solve", "bilateral", "--seller", "beta(2)"], "seller must be valid parameters of scipy.stats.beta"),
        (["solve", "bilateral", "--buyer", "norm"], "unbounded support"),
        (["solve", "bilateral", "--seller-support", "0"], "seller-support must be two numbers"),
        (["solve", "double-auction", "--k", "2"], "k must be a number in [0, 1]"),
        (["solve", "market", "--samples", "1000"], "samples must be a power of two"),
        (["plot", "bilateral", "--out", "x.txt"], "out must be a file name ending in"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(argv, fragment, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


def test_plots_write_png_svg_csv(tmp_path, capsys):
    for argv in (
        ["plot", "bilateral", "--out"],
        ["plot", "double-auction", "--k", "0.3", "--out"],
        ["plot", "sequential", "--seller-rate", "2", "--buyer-rate", "1", "--out"],
    ):
        target = tmp_path / f"{argv[1]}.csv"
        assert main(argv + [str(target)]) == 0
        rows = list(csv.reader(target.open()))
        assert len(rows) > 10 and all(len(r) == len(rows[0]) for r in rows)
    assert main(["plot", "double-auction", "--k", "0.3", "--out", str(tmp_path / "f.png")]) == 0
    assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"


def test_reproduce_cramton_writes_both_figures_and_the_numbers(tmp_path, capsys):
    assert main(["reproduce", "cramton", "--out", str(tmp_path / "cramton")]) == 0
    files = {p.name for p in (tmp_path / "cramton").iterdir()}
    expected = {f"figure-8-{i}{s}" for i in (1, 2) for s in (".png", ".svg", ".csv")} | {"numbers.json"}
    assert expected | {"index.html", "report.md", "report.json"} <= files
    numbers = json.loads((tmp_path / "cramton" / "numbers.json").read_text())["static_case_r_le_s"]
    assert numbers["m"] == 0.25 and numbers["surplus_times_64"] == 9.0 and round(numbers["loss"], 3) == 0.156
    rows = list(csv.DictReader((tmp_path / "cramton" / "figure-8-1.csv").open()))
    assert len(rows) == 200 and float(rows[-1]["m"]) == pytest.approx(0.25)
    assert float(rows[-1]["efficiency"]) == pytest.approx(27 / 32)


def test_market_with_capacities(capsys):
    code, out, _ = run(
        ["solve", "market", "--sellers", "1", "--buyers", "2", "--seller-capacity", "2", "--samples", "1024", "--json"],
        capsys,
    )
    data = json.loads(out)
    assert code == 0 and data["seller_capacities"] == [2] and data["buyer_capacities"] == [1, 1]
    assert 0 < data["expected_trades"] <= 2 and data["surplus"] <= data["first_best_surplus"]
    code, _, err = run(["solve", "market", "--buyers", "2", "--buyer-capacity", "11"], capsys)
    assert code == 2 and "--buyer-capacity must be an integer" in err


@pytest.mark.parametrize(
    ("argv", "model", "parameter"),
    [
        (["solve", "bilateral", "--method", "lp", "--types", "10"], "bilateral", "types"),
        (["solve", "double-auction", "--k", "0.3"], "double-auction", "k"),
        (["solve", "market", "--sellers", "2", "--samples", "256"], "market", "n_sellers"),
        (
            ["solve", "sequential", "--seller-rate", "1", "--buyer-rate", "2", "--method", "closed_form"],
            "sequential",
            "buyer_rate",
        ),
    ],
)
def test_json_carries_model_parameters_and_version(argv, model, parameter, capsys):
    code, out, _ = run([*argv, "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and list(data)[:3] == ["model", "parameters", "bargainlab_version"]
    assert data["model"] == model and parameter in data["parameters"]
