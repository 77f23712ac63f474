"""``bargainlab sweep two-sided``: tables, spec files, one-line errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bargainlab.cli.main import main
from bargainlab.core.sweep import read_table
from bargainlab.models.two_sided.sweep import sweep

BASE = ["sweep", "two-sided", "--values1", "0,0.5", "--values2", "0.5,1", "--beta", "0.5"]


def test_sweep_writes_the_table_of_the_library(tmp_path, capsys):
    out = tmp_path / "gap.csv"
    code = main([*BASE, "--grid", "prior1=0:1:11", "--grid", "prior2=0.25;0.5", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0
    assert "sweep: 22 points in 1 chunks" in captured.out and str(out) in captured.out
    assert "22/22" in captured.err and "100%" in captured.err  # the progress bar (points done/total)
    table = read_table(out)
    expected = sweep(
        {"prior1": "0:1:11", "prior2": "0.25;0.5"}, values1=[0, 0.5], values2=[0.5, 1], bargaining_power=0.5
    ).columns
    assert list(table) == list(expected)
    for name, column in expected.items():
        np.testing.assert_array_equal(table[name], column)
    assert table["gap"].max() == pytest.approx(0.0625, abs=1e-12)  # the 6.25% bound at p1 = p2 = 1/2


def test_spec_file_with_options_winning(tmp_path, capsys):
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "values1": [0, 0.3, 0.6],
                "values2": [0.2, 0.7, 1.0],
                "prior2": [0.3, 0.3, 0.4],
                "bargaining_power": 0.3,
                "grid": {"prior1": "0.6,0.3,0.1:0.1,0.3,0.6:3"},
                "quantities": ["gap", "method"],
            }
        )
    )
    out = tmp_path / "gap.parquet"
    code = main(
        ["sweep", "two-sided", "--spec", str(spec), "--beta", "0.5", "--out", str(out), "--json", "--no-progress"]
    )
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    summary = json.loads(captured.out)
    assert summary["points"] == 3 and summary["chunks_reused"] == 0
    assert list(summary)[:3] == ["model", "parameters", "bargainlab_version"] and summary["model"] == "two-sided"
    assert summary["parameters"]["bargaining_power"] == 0.5 and summary["parameters"]["prior2"] == [0.3, 0.3, 0.4]
    assert summary["parameters"]["grid"]["prior1"] == "0.6,0.3,0.1:0.1,0.3,0.6:3" and summary["method"] == "auto"
    table = read_table(out)
    assert table["bargaining_power"].tolist() == [0.5] * 3 and table["method"].tolist() == ["lp"] * 3
    assert list(table)[-2:] == ["gap", "method"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--grid", "prior1"], "grid must be NAME=SPEC"),
        (["--grid", "prior1=0:1:x"], "--grid prior1 must be START:STOP:NUM"),
        (["--grid", "prior1=0.5", "--grid", "prior1=0.2"], "each parameter on at most one axis"),
        (["--grid", "prior1=0.5", "--prior1", "0.5"], "--prior1 must be either fixed or a grid axis"),
        (["--grid", "prior1=0.5", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not allowed with argument"),
        (["--grid", "prior1=0.5", "--workers", "0"], "--workers must be an integer in [1, 256]; got 0"),
        (["--grid", "prior1=0.5", "--workers", "99999999999"], "--workers must be an integer in [1, 256]"),
        (["--grid", "prior1=0.5", "--chunk-size", "1.5"], "--chunk-size must be an integer in [1, 100000000]; got 1.5"),
        (["--grid", "prior1=0:1:99999999999"], "--grid prior1 must be at most 1,000,000 values per axis"),
        (
            ["--grid", "prior1=0:1:1000", "--grid", "discount=0.5:1:1000", "--grid", "values1[0]=0:0.4:1000"],
            "--grid must be at most 100,000,000 points in all; got '1000 x 1000 x 1000'",
        ),
        (
            ["--grid", "prior1=0.5", "--scheduler", "0.5,0.5,0.5,0.5,2"],
            "--scheduler must be an address [tcp://]HOST:PORT",
        ),
        (["--grid", "prior1=0.5", "--scheduler", "tcp://host:99999"], "--scheduler must be an address"),
        (["--grid", "prior1=0.5", "--quantities", "ex_ante_payoff,welfare"], "quantities must be names from"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(tmp_path, capsys, arguments, message):
    code = main([*BASE, "--prior2", "0.5", *arguments, "--out", str(tmp_path / "t.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("bargainlab: error: ") and message in err


def test_output_suffix_and_bad_spec_files_are_errors(tmp_path, capsys):
    assert main([*BASE, "--prior2", "0.5", "--grid", "prior1=0.5", "--out", str(tmp_path / "t.xlsx")]) == 2
    assert "out must be a path ending in .parquet or .csv" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert main(["sweep", "two-sided", "--spec", str(broken), "--out", str(tmp_path / "t.csv")]) == 2
    assert "spec must be valid JSON" in capsys.readouterr().err
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"grid": {"prior1": "0:1:3"}, "gamma": 2}))
    assert main(["sweep", "two-sided", "--spec", str(unknown), "--out", str(tmp_path / "t.csv")]) == 2
    assert "spec must be keys from" in capsys.readouterr().err
    assert main(["sweep", "two-sided", "--spec", str(tmp_path / "missing.json"), "--out", "t.csv"]) == 2
    assert "spec must be a readable JSON or YAML file" in capsys.readouterr().err


def test_yaml_spec_file(tmp_path, capsys):
    pytest.importorskip("yaml")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "values1: [0, 0.5]\nvalues2: [0.5, 1]\nbargaining_power: 0.5\ngrid:\n  prior1: '0:1:3'\n  prior2: [0.5]\n"
    )
    out = tmp_path / "gap.csv"
    assert main(["sweep", "two-sided", "--spec", str(spec), "--out", str(out), "--no-progress"]) == 0
    table = read_table(out)
    assert table["prior1"].tolist() == [0.0, 0.5, 1.0]
    np.testing.assert_allclose(table["gap"], [0.0, 0.0625, 0.0], atol=1e-12)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--beta", "1.5"], "--beta must be a number in [0, 1]; got 1.5"),
        (["--beta", "0.5", "--delta", "0"], "--delta must be a number in (0, 1]; got 0.0"),
        (["--grid", "bargaining_power=0.5;1.5"], "--grid bargaining_power must be a number in [0, 1]; got 1.5"),
        (["--beta", "0.5", "--grid", "beta=0:1:3"], "the axis of beta is called bargaining_power"),
    ],
)
def test_errors_name_the_option_as_typed(tmp_path, capsys, arguments, message):
    command = ["sweep", "two-sided", "--values1", "0,0.5", "--values2", "0.5,1", "--prior2", "0.5"]
    code = main([*command, "--grid", "prior1=0.5", *arguments, "--out", str(tmp_path / "t.csv")])
    err = capsys.readouterr().err
    assert code == 2 and message in err, err


def test_beta_axis_by_its_python_name(tmp_path, capsys):
    out = tmp_path / "beta.csv"
    command = ["sweep", "two-sided", "--values1", "0,0.5", "--values2", "0.5,1", "--prior1", "0.5", "--prior2", "0.5"]
    assert main([*command, "--grid", "bargaining_power=0:1:5", "--out", str(out), "--no-progress"]) == 0
    table = read_table(out)
    assert table["bargaining_power"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert table["gap"][2] == pytest.approx(0.0625, abs=1e-12)  # the 6.25% example (Peski 2024, Section 4)


@pytest.mark.parametrize(("option", "parts"), [([], False), (["--parts"], True), (["--no-parts"], False)])
def test_parts_option_and_the_summary_say_how_the_table_was_written(tmp_path, capsys, option, parts):
    out = tmp_path / "gap.parquet"
    grid = ["--grid", "prior1=0:1:11", "--grid", "prior2=0.25;0.5", "--chunk-size", "5"]
    code = main([*BASE, *grid, "--out", str(out), "--no-progress", "--json", *option])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["parts"] is parts and summary["chunks"] == 5
    expected = sweep(
        {"prior1": "0:1:11", "prior2": "0.25;0.5"}, values1=[0, 0.5], values2=[0.5, 1], bargaining_power=0.5
    ).columns
    table = read_table(out)
    for name, column in expected.items():
        np.testing.assert_array_equal(table[name], column)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gap.parquet"]


def test_no_parts_for_an_lp_sweep_is_an_error_naming_the_option(tmp_path, capsys):
    code = main(
        [
            *BASE,
            "--grid",
            "prior1=0:1:3",
            "--prior2",
            "0.5",
            "--method",
            "lp",
            "--out",
            str(tmp_path / "t.csv"),
            "--no-parts",
        ]
    )
    err = capsys.readouterr().err
    assert (
        code == 2 and err.count("\n") == 1 and "--no-parts must be left out (or True) for an LP sweep; got False" in err
    ), err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", [[], ["--parts"]])
def test_ctrl_c_exits_130_in_one_line_leaving_no_table(tmp_path, capsys, monkeypatch, option):
    """Ctrl-C after the second chunk: exit code 130, one line; no table (a streamed run leaves
    nothing, a run with parts leaves its finished chunks to resume from)."""
    from bargainlab.core.sweep import runner

    class Interrupt:
        def __call__(self, progress):
            if progress.chunks_done == 2:
                raise KeyboardInterrupt

    monkeypatch.setattr(runner, "ProgressBar", Interrupt)
    out = tmp_path / "gap.csv"
    code = main(
        [*BASE, "--grid", "prior1=0:1:11", "--grid", "prior2=0.25;0.5", "--chunk-size", "5", "--out", str(out), *option]
    )
    err = capsys.readouterr().err
    assert code == 130 and err.count("\n") == 1 and "interrupted after 2 of 5 chunks" in err, err
    assert not out.exists()
    if option:
        assert "kept in" in err and len(list((tmp_path / "gap.csv.parts").glob("part-*.npz"))) == 2
    else:
        assert "nothing was written" in err and list(tmp_path.iterdir()) == []


THREE_TYPES = [
    "sweep",
    "two-sided",
    "--values1",
    "0.2,0.5,1",
    "--values2",
    "0.2,0.7,1",
    "--prior1",
    "0.3,0.3,0.4",
    "--prior2",
    "0.5,0.2,0.3",
    "--beta",
    "0.5",
    "--grid",
    "values1[0]=0:0.2:3",
    "--no-progress",
]


@pytest.mark.parametrize("json_option", [[], ["--json"]])
def test_lowest_values_tie_column_and_its_warning_on_stderr(tmp_path, capsys, json_option):
    """--quantities lowest_values_tie writes the flag; tied rows with three types give one warning
    line on stderr (as every warning of the command line), with the text or the JSON output."""
    out = tmp_path / "ties.parquet"
    code = main([*THREE_TYPES, "--quantities", "gap,gap_player,lowest_values_tie", "--out", str(out), *json_option])
    captured = capsys.readouterr()
    assert code == 0
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("bargainlab: warning: 1 of 3 rows has tied lowest values (l1 = l2)")
    assert "gap, gap_player follow the tie-break rule" in lines[0] and "tie_alternative" in lines[0]
    if json_option:
        assert json.loads(captured.out)["column_names"][-1] == "lowest_values_tie"
    table = read_table(out)
    assert table["lowest_values_tie"].tolist() == [False, False, True]
    assert table["lowest_values_tie"].tolist() == (table["values1_0"] == table["values2_0"]).tolist()


def test_binary_ties_and_label_free_quantities_give_no_warning(tmp_path, capsys):
    out = tmp_path / "ties.csv"
    code = main([*BASE, "--grid", "values2[0]=0;0.25", "--prior1", "0.5", "--prior2", "0.5", "--out", str(out)])
    code2 = main([*THREE_TYPES, "--quantities", "lowest_values_tie,floors", "--out", str(tmp_path / "t.csv")])
    captured = capsys.readouterr()
    assert code == code2 == 0 and "warning" not in captured.err
    assert (
        read_table(out)["values2_0"][0] == 0.0 and read_table(out)["gap"][0] == 0.0
    )  # the binary tie: Gap 0 whichever player gets it
    flags = read_table(tmp_path / "t.csv")["lowest_values_tie"]  # CSV text True/False read back as flags
    assert flags.dtype == bool and flags.tolist() == [False, False, True]
