"""``bargainlab solve nash | rubinstein | random-proposer | nash-in-nash``."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run


def test_nash_vertices_and_inequalities_agree(capsys):
    code, out, _ = run(["solve", "nash", "--vertices", "0,0;1,0;0,1", "--beta", "0.3", "--json"], capsys)
    assert code == 0 and json.loads(out)["point"] == pytest.approx([0.3, 0.7])
    code, out, _ = run(
        ["solve", "nash", "--inequalities", "1,1,1;-1,0,0;0,-1,0", "--disagreement", "0.1,0.1", "--json"], capsys
    )
    assert code == 0 and json.loads(out)["point"] == pytest.approx([0.5, 0.5])


def test_rubinstein_and_random_proposer(capsys):
    code, out, _ = run(["solve", "rubinstein", "--delta1", "0.9", "--delta2", "0.8", "--json"], capsys)
    assert code == 0 and json.loads(out)["shares"] == pytest.approx([5 / 7, 2 / 7])
    code, out, _ = run(
        ["solve", "random-proposer", "--value1", "0.2", "--value2", "1", "--beta", "0.25", "--delta", "0.9", "--json"],
        capsys,
    )
    data = json.loads(out)
    assert code == 0 and data["payoffs"] == pytest.approx([0.25, 0.75]) and data["owner"] == 2


def test_nash_in_nash_file(tmp_path, capsys):
    path = tmp_path / "net.json"
    path.write_text(json.dumps({"agreements": [{"between": ["H", "M"], "gains": [3, 1]}]}))
    code, out, _ = run(["solve", "nash-in-nash", "--network", str(path), "--json"], capsys)
    assert code == 0 and json.loads(out)["agreements"][0]["transfer"] == pytest.approx(-1.0)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["solve", "nash", "--vertices", "0,0;1"], "vertices must be rows of 2 numbers"),
        (["solve", "nash", "--vertices", "0,0;1,0;0,1", "--disagreement", "1,1"], "some v in U with v > d"),
        (["solve", "nash", "--inequalities", "1,1,1;-1,0,0"], "non-empty bounded set"),
        (["solve", "rubinstein", "--delta1", "1", "--delta2", "1"], "δ_1 δ_2 < 1"),
        (["solve", "random-proposer", "--value1", "-1", "--value2", "1", "--beta", "0.5"], "value1 must be"),
        (["solve", "nash-in-nash", "--network", "/nonexistent.json"], "network must be an existing JSON file"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["plot", "nash", "--vertices", "0,0;2,0;0,1", "--beta", "0.4"],
        ["plot", "rubinstein", "--delta2", "0.9"],
    ],
)
def test_plots_write_files(argv, tmp_path, capsys):
    for suffix in (".png", ".csv"):
        target = tmp_path / f"figure{suffix}"
        code, out, _ = run([*argv, "--out", str(target)], capsys)
        assert code == 0 and target.stat().st_size > 0


def test_plot_rubinstein_rejects_a_bad_delta(tmp_path, capsys):
    code, _, err = run(["plot", "rubinstein", "--delta2", "1.5", "--out", str(tmp_path / "f.png")], capsys)
    assert code == 2 and "--delta2 must be a number in [0, 1]" in err


@pytest.mark.parametrize(
    ("argv", "model", "parameters"),
    [
        (
            ["solve", "nash", "--vertices", "0,0;1,0;0,1", "--beta", "0.3"],
            "nash",
            {"vertices": [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], "disagreement": [0.0, 0.0], "bargaining_power": 0.3},
        ),
        (
            ["solve", "rubinstein", "--delta1", "0.9", "--delta2", "0.8", "--first", "2"],
            "rubinstein",
            {"discount1": 0.9, "discount2": 0.8, "pie": 1.0, "first_proposer": 2},
        ),
        (
            ["solve", "random-proposer", "--value1", "0.2", "--value2", "1", "--beta", "0.25"],
            "random-proposer",
            {"value1": 0.2, "value2": 1.0, "bargaining_power": 0.25, "discount": 1.0},
        ),
    ],
)
def test_json_carries_model_parameters_and_version(argv, model, parameters, capsys):
    import bargainlab

    code, out, _ = run([*argv, "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and list(data)[:3] == ["model", "parameters", "bargainlab_version"]
    assert data["model"] == model and data["parameters"] == parameters
    assert data["bargainlab_version"] == bargainlab.__version__


def test_nash_in_nash_json_has_the_network_as_parameters(tmp_path, capsys):
    network = {"weights": {"H": 1, "M": 3}, "agreements": [{"between": ["H", "M"], "gains": [3, 1]}]}
    path = tmp_path / "net.json"
    path.write_text(json.dumps(network))
    code, out, _ = run(["solve", "nash-in-nash", "--network", str(path), "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["model"] == "nash-in-nash" and "bargainlab_version" in data
    assert data["parameters"]["agreements"] == [{"between": ["H", "M"], "gains": [3.0, 1.0], "weights": [1.0, 3.0]}]
    assert data["transfers"] == {"H": -2.0, "M": 2.0}  # (1·1 - 3·3)/4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["solve", "rubinstein", "--delta1", "1.5", "--delta2", "0.8"], "--delta1 must be a number in [0, 1]; got 1.5"),
        (["solve", "nash", "--vertices", "0,0;1,0;0,1", "--beta", "2"], "--beta must be a number in [0, 1]; got 2.0"),
        (["solve", "random-proposer", "--value1", "0", "--value2", "1", "--beta", "-1"], "--beta must be a number"),
        (
            ["solve", "random-proposer", "--value1", "0", "--value2", "1", "--beta", "0.5", "--delta", "2"],
            "--delta must be a number in [0, 1]; got 2.0",
        ),
    ],
)
def test_errors_name_the_option_as_typed(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and message in err
