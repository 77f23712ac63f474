"""``bargainlab solve one-sided`` and ``bargainlab plot one-sided``."""

from __future__ import annotations

import csv
import json

import pytest

from tests.cli.helpers import run

BASE = ["--value-bob", "0.2", "--distribution", "uniform(0,1)", "--beta", "0.5", "--delta", "0.9"]


def test_json_has_p_star_and_payoffs(capsys):
    """U[0, 1], v = 0.2, β = 1/2: p* = 0.6, Π*_β = 0.18, y*_β(0.8) = 0.4 + 0.1 = 0.5."""
    code, out, err = run(["solve", "one-sided", *BASE, "--u", "0.1,0.5,0.8", "--json"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["price"]["prices"] == [pytest.approx(0.6, abs=1e-12)]
    assert data["bob_payoff"] == pytest.approx(0.18, abs=1e-12)
    assert data["u"] == [0.1, 0.5, 0.8]
    assert data["alice_payoff"] == [pytest.approx([0.1, 0.25, 0.5]), pytest.approx([0.1, 0.25, 0.5])]
    assert (data["offer_alice"], data["offer_bob"]) == (pytest.approx(0.55), pytest.approx(0.45))
    assert data["bob_indifference"] == pytest.approx(0.0, abs=1e-15)


def test_text_output_lists_payoffs_by_value(capsys):
    code, out, _ = run(["solve", "one-sided", *BASE, "--points", "3"], capsys)
    assert code == 0
    assert "p* = 0.6" in out and "u = 0.5: 0.25" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--value-bob", "0.2", "--distribution", "uniform", "--beta", "2"], "--beta must be a number in [0, 1]"),
        (["--value-bob", "0.2", "--distribution", "nosuch(1)", "--beta", "0.5"], "is not a continuous distribution"),
        (
            ["--value-bob", "0.2", "--distribution", "norm(0.5,0.1)", "--beta", "0.5"],
            "support must be a bounded interval",
        ),
        (["--value-bob", "x", "--distribution", "uniform", "--beta", "0.5"], "value-bob must be a number"),
        ([*BASE, "--u", "2"], "u must be values of Alice in the support [0, 1]"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(argv, message, capsys):
    code, out, err = run(["solve", "one-sided", *argv], capsys)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


def test_truncated_normal_via_support(capsys):
    code, out, _ = run(
        [
            "solve",
            "one-sided",
            "--value-bob",
            "0",
            "--distribution",
            "norm(0.5,0.2)",
            "--support",
            "0,1",
            "--beta",
            "0",
            "--json",
        ],
        capsys,
    )
    assert code == 0 and json.loads(out)["parameters"]["support"] == [0.0, 1.0]


@pytest.mark.parametrize("kind", ["payoffs", "beta", "delta", "revenue"])
def test_plot_writes_png_and_csv(kind, tmp_path, capsys):
    for suffix in (".png", ".csv"):
        target = tmp_path / f"figure{suffix}"
        code, out, _ = run(["plot", "one-sided", kind, *BASE, "--out", str(target)], capsys)
        assert code == 0 and target.exists() and target.stat().st_size > 0
    with open(tmp_path / "figure.csv") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) > 2


def test_plot_rejects_unknown_suffix(tmp_path, capsys):
    code, _, err = run(["plot", "one-sided", "payoffs", *BASE, "--out", str(tmp_path / "f.txt")], capsys)
    assert code == 2 and "out must be a file name ending in .png, .svg, .csv" in err


def test_json_carries_model_parameters_and_version(capsys):
    """Every JSON output starts with model, parameters (Python names) and bargainlab_version."""
    import bargainlab

    code, out, _ = run(["solve", "one-sided", *BASE, "--points", "3", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and list(data)[:3] == ["model", "parameters", "bargainlab_version"]
    assert data["model"] == "one-sided" and data["bargainlab_version"] == bargainlab.__version__
    assert data["parameters"] == {
        "distribution": "uniform(0, 1)",
        "support": [0.0, 1.0],
        "value_bob": 0.2,
        "bargaining_power": 0.5,
        "discount": 0.9,
    }
    assert data["u"] == [0.0, 0.5, 1.0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--delta", "0"], "--delta must be a number in (0, 1]; got 0.0"),
        (["--points", "1"], "--points must be an integer >= 2; got 1"),
        (["--support", "0,1,2"], "--support must be two numbers A,B"),
    ],
)
def test_errors_name_the_option_as_typed(argv, message, capsys):
    code, out, err = run(["solve", "one-sided", *BASE, *argv], capsys)
    assert code == 2 and out == "" and message in err
