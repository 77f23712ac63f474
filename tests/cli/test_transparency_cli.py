"""``bargainlab solve transparency`` and ``bargainlab plot transparency``."""

from __future__ import annotations

import csv
import json

import pytest

from bargainlab.models.transparency import solve_transparency
from tests.cli.helpers import run

GAME = ["--sellers", "3", "--mu", "0.8", "--high", "1", "--low", "0.5", "--delta", "0.9", "--rho", "0.5"]


def test_solve_text_lists_the_equilibria(capsys) -> None:  # noqa: ANN001
    code, out, err = run(["solve", "transparency", *GAME], capsys)
    assert code == 0 and err == ""
    assert "3 seller(s) at 0.55" in out and "perfect Bayesian" in out and "passive beliefs" in out


def test_solve_json_keys_and_values(capsys) -> None:  # noqa: ANN001
    code, out, _ = run(["solve", "transparency", *GAME, "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert list(data)[:3] == ["model", "parameters", "bargainlab_version"]
    assert data["model"] == "transparency"
    assert data["parameters"] == {
        "sellers": 3,
        "prior_high": 0.8,
        "high_value": 1.0,
        "low_value": 0.5,
        "discount": 0.9,
        "transparency": 0.5,
        "observation": "independent",
    }
    assert {"equilibria", "passive", "method"} <= set(data)
    expected = solve_transparency(3, 0.8, 1, 0.5, 0.9, 0.5)
    assert [e["sellers_above_low"] for e in data["equilibria"]] == [e.sellers_above_low for e in expected.equilibria]
    full = data["equilibria"][1]
    assert full["perfect_bayesian"] is True and full["price_above_low"] == pytest.approx(0.55)
    assert full["outcome"]["seller_payoffs"] == pytest.approx([1.25] * 3)
    assert {"asks_high", "buyer_high_payoff", "welfare", "average_price_high"} <= set(full["outcome"])


@pytest.mark.parametrize(
    ("change", "option"),
    [
        (["--sellers", "0"], "--sellers"),
        (["--sellers", "2.5"], "--sellers"),
        (["--sellers", "65"], "--sellers"),
        (["--mu", "1.5"], "--mu"),
        (["--low", "2"], "--low"),
        (["--delta", "-1"], "--delta"),
        (["--rho", "nan"], "--rho"),
        (["--rho", "1.01"], "--rho"),
        (["--high", "0"], "--high"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, change, option) -> None:  # noqa: ANN001
    argv = ["solve", "transparency", *GAME]
    index = argv.index(change[0])
    argv[index + 1] = change[1]
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and option in err and "Traceback" not in err


def test_plot_writes_figure_and_data(tmp_path, capsys) -> None:  # noqa: ANN001
    csv_path, png_path = tmp_path / "rho.csv", tmp_path / "rho.png"
    code, out, _ = run(
        ["plot", "transparency", "rho", *GAME, "--points", "5", "--out", str(csv_path), "--out", str(png_path)], capsys
    )
    assert code == 0 and csv_path.exists() and png_path.read_bytes()[:4] == b"\x89PNG"
    rows = list(csv.DictReader(csv_path.open()))
    assert len(rows) == 5 and [float(r["transparency"]) for r in rows] == [0, 0.25, 0.5, 0.75, 1]
    assert all(float(r["pbe_price_above_low"]) == pytest.approx(0.55) for r in rows)


def test_plot_bad_out_writes_nothing(tmp_path, capsys) -> None:  # noqa: ANN001
    good = tmp_path / "a.csv"
    code, _, err = run(
        ["plot", "transparency", "mu", *GAME, "--out", str(good), "--out", str(tmp_path / "a.txt")], capsys
    )
    assert code == 2 and "--out" in err and not good.exists()
