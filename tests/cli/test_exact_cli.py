"""``solve two-sided --exact [--certificate FILE]`` and ``check two-sided --exact``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import run

EXAMPLE = ["--values1", "0,1/2", "--values2", "1/2,1", "--prior1", "1/2", "--prior2", "0.5", "--beta", "1/2"]
CHECKER = Path(__file__).resolve().parents[2] / "docs" / "check_certificate.py"


def test_solve_exact_json_gives_fractions_and_a_checkable_certificate(capsys, tmp_path):
    path = tmp_path / "certificate.json"
    code, out, _ = run(["solve", "two-sided", *EXAMPLE, "--exact", "--json", "--certificate", str(path)], capsys)
    data = json.loads(out)
    assert code == 0 and data["exact"] is True
    assert data["gap"] == "1/16" and data["floats"]["gap"] == 0.0625 and data["ex_ante_payoff"] == "3/8"
    assert data["model"] == "two-sided" and data["method"] == "exact" and data["parameters"]["prior2"] == ["1/2", "1/2"]
    assert data["payoffs"][1][0]["low"] == "1/4" and data["payoffs"][1][0]["unique"]
    checked = subprocess.run([sys.executable, str(CHECKER), str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and "exactly 3/8" in checked.stdout


def test_solve_exact_text_and_fraction_inputs(capsys):
    code, out, _ = run(["solve", "two-sided", *EXAMPLE, "--exact"], capsys)
    assert code == 0 and "Gap = 1/16" in out and "exact: true" in out


def test_solve_exact_rejects_inexact_priors_with_the_option_named(capsys):
    argv = ["solve", "two-sided", "--values1", "0,1,2", "--values2", "0,1,2", "--prior1", "0.333,0.333,0.333"]
    code, _, err = run([*argv, "--prior2", "1/3,1/3,1/3", "--beta", "1/2", "--exact"], capsys)
    assert code != 0 and "prior1" in err and "exactly" in err


def test_check_exact_proves_the_example_and_both_orderings(capsys):
    code, out, _ = run(["check", "two-sided", "--exact", "--samples", "4", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["passed"] is True
    assert data["example"]["gap"] == "1/16" and data["example"]["exact"] is True
    orderings = {cell["ordering"] for cell in data["regions"]["cells"]}
    assert orderings == {"prop1", "prop2"}
