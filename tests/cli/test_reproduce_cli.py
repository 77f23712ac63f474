"""``bargainlab check sequential``, ``plot lecture``, ``plot author-views`` and ``reproduce`` exit codes."""

from __future__ import annotations

import csv
import json

from tests.cli.helpers import run


def test_check_sequential_json_and_monte_carlo(capsys):
    code, out, _ = run(
        ["check", "sequential", "--seller-rate", "2", "--buyer-rate", "1", "--samples", "20000", "--json"], capsys
    )
    data = json.loads(out)
    assert code == 0 and data["model"] == "sequential-rationality"
    assert data["parameters"]["seller_rate"] == 2.0 and data["sequentially_rational"] is False
    assert abs(data["monte_carlo"] - data["excluded_after_end"]) < 5 * data["monte_carlo_error"]
    assert data["samples"] == 20000 and "bargainlab_version" in data


def test_check_sequential_bad_input(capsys):
    code, _, err = run(["check", "sequential", "--seller-rate", "-1", "--buyer-rate", "1"], capsys)
    assert code == 2 and "--seller-rate" in err and "Traceback" not in err
    code, _, err = run(["check", "sequential", "--seller-rate", "1", "--buyer-rate", "1", "--samples", "-5"], capsys)
    assert code == 2 and "samples" in err


def test_plot_lecture_and_author_views(tmp_path, capsys):
    target = tmp_path / "nash.csv"
    assert run(["plot", "lecture", "nash-beta", "--points", "5", "--out", str(target)], capsys)[0] == 0
    rows = list(csv.DictReader(target.open()))
    assert len(rows) == 5 and abs(float(rows[2]["v1"]) - 3**-0.5) < 1e-6  # β = 1/2: v1 = √(1/3)
    target = tmp_path / "offers.png"
    code, _, _ = run(
        ["plot", "author-views", "offers", "--share", "0.3", "--moving", "p1", "--out", str(target)], capsys
    )
    assert code == 0 and target.read_bytes()[:4] == b"\x89PNG"
    code, _, err = run(["plot", "author-views", "gap", "--share", "2", "--out", str(tmp_path / "g.csv")], capsys)
    assert code == 2 and "--share must be a number in [0, 1]" in err
    code, _, err = run(["plot", "author-views", "gap", "--out", str(tmp_path / "g.txt")], capsys)
    assert code == 2 and "out" in err


def test_reproduce_one_source_writes_the_report(tmp_path, capsys):
    code, out, _ = run(["reproduce", "peski-2022", "--out", str(tmp_path / "r")], capsys)
    assert code == 0 and "peski-2022:" in out
    assert (tmp_path / "r" / "index.html").exists() and (tmp_path / "r" / "report.md").exists()
