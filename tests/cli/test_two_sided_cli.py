"""``bargainlab solve two-sided``: tables, --json, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bargainlab.cli.main import main
from tests.cli.helpers import run

EXAMPLE = [
    "solve",
    "two-sided",
    "--values1",
    "0,0.5",
    "--values2",
    "0.5,1",
    "--prior1",
    "0.5",
    "--prior2",
    "0.5",
    "--beta",
    "0.5",
]


def test_json_output_has_the_documented_keys_and_values(capsys):
    code, out, err = run(EXAMPLE + ["--json"], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    for key in (
        "gap",
        "gap_player",
        "ex_ante_payoff",
        "random_monopoly",
        "monopoly",
        "allocation",
        "payoffs",
        "method",
    ):
        assert key in data
    assert data["model"] == "two-sided" and "bargainlab_version" in data
    assert data["parameters"]["bargaining_power"] == 0.5 and data["parameters"]["values2"] == [0.5, 1.0]
    assert data["gap_player"] == 1
    assert data["gap"] == pytest.approx(0.0625, abs=1e-12)
    assert data["ex_ante_payoff"] == pytest.approx(0.375, abs=1e-12)
    assert data["monopoly"][0] == pytest.approx([0.5, 0.75])
    assert data["random_monopoly"][1] == pytest.approx([0.25, 0.5])
    assert data["payoffs"][1] == [[0.25, 0.25], [0.5, 0.5]]
    assert data["payoffs"][0][0] == pytest.approx([0.25, 0.375], abs=1e-8)
    assert data["allocation"][1][0][0] == [1.0, 1.0]
    assert data["method"] == "lp"


def test_gap_player_is_reported_in_the_users_labels(capsys):
    argv = [
        "solve",
        "two-sided",
        "--values1",
        "0.5,1",
        "--values2",
        "0,0.5",
        "--prior1",
        "0.5",
        "--prior2",
        "0.5",
        "--beta",
        "0.5",
        "--json",
    ]
    code, out, _ = run(argv, capsys)
    data = json.loads(out)
    assert code == 0 and data["gap_player"] == 2
    assert data["gap"] == pytest.approx(0.0625, abs=1e-12)


def test_more_types_with_comma_priors(capsys):
    argv = [
        "solve",
        "two-sided",
        "--values1",
        "0,0.4,0.8",
        "--values2",
        "0.3,1",
        "--prior1",
        "0.3,0.3,0.4",
        "--prior2",
        "0.6",
        "--beta",
        "0.5",
        "--json",
    ]
    code, out, _ = run(argv, capsys)
    data = json.loads(out)
    assert code == 0
    assert len(data["payoffs"][0]) == 3
    assert "beyond the paper" in data["theory"]
    assert data["closed_form"] is None


def test_human_output_is_a_set_of_tables(capsys):
    code, out, err = run(EXAMPLE, capsys)
    assert code == 0 and err == ""
    titles = ("Inputs", "Gap", "Payoffs by type", "Allocation", "Efficiency", "Check against the paper's closed form")
    for title in titles:
        assert title in out
    assert "6.25%" in out
    assert "Proposition 2" in out


def test_delta_below_one_is_accepted_and_explained(capsys):
    code, out, _ = run(EXAMPLE + ["--delta", "0.9", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["parameters"]["discount"] == 0.9
    assert "limit" in data["theory"]


BAD = [
    (["--values1", "0.5,0"], "values1 must be a strictly increasing list"),
    (["--values1", "0,x"], "values1 must be a number; got 'x'"),
    (["--values2", "0.5,,1"], "values2 must be a comma-separated list of numbers"),
    (["--values2", "-1,1"], "values2 must be a list of non-negative values"),
    (["--values1", "0,inf"], "values1 must be a sequence of finite numbers"),
    (["--prior1", "1.5"], "prior1 must be a probability of the high type in [0, 1]; got 1.5"),
    (["--prior2", "0.2,0.2"], "prior2 must be a list of probabilities summing to 1"),
    (["--prior2", "0.2,0.3,0.5"], "prior2 must be a list of 2 probabilities"),
    (["--prior1", "nan"], "prior1 must be a finite probability in [0, 1]; got nan"),
    (["--beta", "1.2"], "--beta must be a number in [0, 1]; got 1.2"),
    (["--beta", "abc"], "beta must be a number; got 'abc'"),
    (["--delta", "0"], "--delta must be a number in (0, 1]; got 0.0"),
    (["--delta", "1.5"], "--delta must be a number in (0, 1]; got 1.5"),
]


def with_change(change):
    argv = list(EXAMPLE)
    for option, value in zip(change[::2], change[1::2]):
        if option in argv:
            argv[argv.index(option) + 1] = value
        else:
            argv += [option, value]
    return argv


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_input_is_one_line_on_stderr_with_exit_code_2(change, message, capsys):
    code, out, err = run(with_change(change), capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("bargainlab: error: ")
    assert message in err
    assert "Traceback" not in err


def test_missing_option_is_one_line(capsys):
    code, _, err = run(["solve", "two-sided", "--values1", "0,1"], capsys)
    assert code == 2 and err.count("\n") == 1
    assert "the following arguments are required" in err


def test_installed_command_prints_clean_json_and_no_traceback():
    """The real entry point, in a subprocess: stdout is exactly one JSON object (no solver
    banner), and a bad input gives exit code 2 without a traceback."""
    ok = subprocess.run([sys.executable, "-m", "bargainlab", *EXAMPLE, "--json"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["gap_player"] == 1
    bad = subprocess.run(
        [sys.executable, "-m", "bargainlab", *with_change(["--beta", "7"])], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1


def test_library_errors_name_the_command_line_option(capsys):
    """A library error about a parameter given on the command line says which option it was."""
    code, _, err = run(with_change(["--beta", "1.2"]), capsys)
    assert code == 2 and err.rstrip() == "bargainlab: error: --beta must be a number in [0, 1]; got 1.2"
    code, _, err = run(with_change(["--values1", "0.5,0"]), capsys)
    assert code == 2 and err.startswith("bargainlab: error: --values1 must be a strictly increasing list")
    code, _, err = run(with_change(["--delta", "0"]), capsys)
    assert code == 2 and err.startswith("bargainlab: error: --delta must be a number in (0, 1]; got 0.0")


def test_missing_optional_package_is_one_line(monkeypatch, capsys):
    """A command that needs an extra (here matplotlib for figures) says which one to install."""
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.split(".")[0] == "matplotlib":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    argv = [
        "plot",
        "two-sided",
        "gap-map",
        "--values1",
        "0,0.5",
        "--values2",
        "0.5,1",
        "--prior1",
        "0.5",
        "--prior2",
        "0.5",
        "--beta",
        "0.5",
        "--resolution",
        "3",
        "--out",
        "unused.png",
        "--no-progress",
    ]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "needs the optional package 'matplotlib': pip install 'bargainlab[plot]'" in err
