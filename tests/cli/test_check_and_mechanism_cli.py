"""``bargainlab check two-sided`` and ``bargainlab mechanism two-sided``: outputs and errors."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run

MECH = [
    "mechanism",
    "two-sided",
    "a2",
    "--values1",
    "0.1,0.7",
    "--values2",
    "0.4,1",
    "--prior1",
    "0.2",
    "--prior2",
    "0.8",
    "--beta",
    "0.5",
]


def test_check_json_certificate(capsys):
    code, out, _ = run(
        ["check", "two-sided", "--samples", "5", "--seed", "1", "--claims", "prop1,gap_bound", "--json"], capsys
    )
    data = json.loads(out)
    assert code == 0 and len(data["results"]) == 2
    assert all(c["status"] == "PASS" for c in data["results"])
    assert data["results"][0]["draws"] == 5 and data["seed"] == 1
    assert data["model"] == "two-sided" and data["parameters"]["seed"] == 1 and "bargainlab_version" in data


def test_check_table_and_strict_exit_code(capsys):
    code, out, err = run(["check", "two-sided", "--samples", "40", "--claims", "convex_p1_l1,prop2"], capsys)
    assert code == 0 and "FAIL" in out and "PASS" in out and "checking prop2" in err
    code, _, _ = run(["check", "two-sided", "--samples", "40", "--claims", "convex_p1_l1", "--strict"], capsys)
    assert code == 1


def test_check_search_json(capsys):
    code, out, _ = run(["check", "two-sided", "--search", "--types", "2", "--restarts", "1", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["search"][0]["types"] == 2
    assert data["model"] == "two-sided" and data["parameters"]["types"] == [2] and "bargainlab_version" in data
    assert 0 < data["search"][0]["gap_share"] <= 0.0625 + 1e-9


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "two-sided", "--samples", "0"], "samples must be a positive integer"),
        (["check", "two-sided", "--types", "2,x"], "types must be a comma-separated list of integers"),
        (["check", "two-sided", "--types", "1"], "types must be integers >= 2"),
        (["check", "two-sided", "--claims", "nope"], "claims must be names among"),
    ],
)
def test_check_errors(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_mechanism_text_json_latex(capsys):
    code, out, _ = run(MECH, capsys)
    assert code == 0 and "zone A" in out and "0.4375" in out
    code, out, _ = run(MECH + ["--json"], capsys)
    data = json.loads(out)
    assert data["zone"] == "A" and data["name"] == "a2" and len(data["cells"]) == 4
    assert data["model"] == "two-sided" and data["parameters"]["bargaining_power"] == 0.5
    assert "bargainlab_version" in data and data["swapped"] is False
    assert data["cells"][0]["q1"] == pytest.approx(0.4375)
    code, out, _ = run(MECH + ["--latex"], capsys)
    assert code == 0 and out.startswith("\\begin{table}") and "\\begin{tabular}" in out and "a^2(x)" in out
    assert out.count("\\\\") == 4  # header, h2 row, l2 row, u1 row


def test_mechanism_relabels_and_rejects_bad_input(capsys):
    swapped = [
        "mechanism",
        "two-sided",
        "a1",
        "--values1",
        "0.4,1",
        "--values2",
        "0.1,0.7",
        "--prior1",
        "0.8",
        "--prior2",
        "0.2",
        "--beta",
        "0.5",
    ]
    code, out, _ = run(swapped, capsys)
    assert code == 0 and "your player 2" in out
    code, _, err = run(MECH[:-2] + ["--beta", "2"], capsys)
    assert code == 2 and "--beta must be a number in [0, 1]" in err
    code, _, err = run(
        [
            "mechanism",
            "two-sided",
            "a2",
            "--values1",
            "0.1,1",
            "--values2",
            "0.4,0.9",
            "--prior1",
            "0.5",
            "--prior2",
            "0.5",
            "--beta",
            "0.5",
        ],
        capsys,
    )
    assert code == 2 and "l1 < l2 < h1 < h2" in err
    code, _, err = run(
        [
            "mechanism",
            "two-sided",
            "a2",
            "--values1",
            "0,0.5,1",
            "--values2",
            "0.4,0.9",
            "--prior1",
            "0.2,0.3,0.5",
            "--prior2",
            "0.5",
            "--beta",
            "0.5",
        ],
        capsys,
    )
    assert code == 2 and "two values per player" in err


def test_mechanism_share_defaults_to_beta_and_can_be_set(capsys):
    code, out, _ = run(MECH + ["--json"], capsys)
    assert code == 0 and json.loads(out)["share"] == 0.5
    code, out, _ = run(MECH + ["--share", "0.3", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["share"] == 0.3 and data["parameters"]["bargaining_power"] == 0.5
    code, _, err = run(MECH + ["--share", "1.5"], capsys)
    assert code == 2 and "--share must be a number in [0, 1]" in err
