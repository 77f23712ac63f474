"""``bargainlab plot author-views``: the proposer choice and whole-gap against either belief."""

from __future__ import annotations

import csv

import numpy as np

from bargainlab.models.two_sided import closed_form
from bargainlab.viz.author_views import binary_values
from tests.cli.helpers import run


def test_offers_of_one_proposer(tmp_path, capsys):
    target = tmp_path / "a2.csv"
    code, _, _ = run(
        ["plot", "author-views", "offers", "--proposer", "2", "--points", "5", "--out", str(target)], capsys
    )
    header = next(csv.reader(target.open()))
    assert code == 0 and header[0] == "prior2" and header[1:] and all(name.startswith("a2_") for name in header[1:])


def test_whole_gap_against_p1(tmp_path, capsys):
    target = tmp_path / "whole.csv"
    code, _, _ = run(
        [
            "plot",
            "author-views",
            "whole-gap",
            "--moving",
            "p1",
            "--belief",
            "0.7",
            "--points",
            "7",
            "--out",
            str(target),
        ],
        capsys,
    )
    rows = list(csv.DictReader(target.open()))
    assert code == 0 and len(rows) == 7
    values = binary_values(0.1, 0.6, 0.3, 1.0)  # the command's default values
    p1 = np.array([float(r["prior1"]) for r in rows])
    e = closed_form.ex_ante_payoff(values, p1, 0.7, 0.5)  # eq. (5.2)
    np.testing.assert_allclose([float(r["a2"]) for r in rows], e, atol=1e-12)


def test_proposer_only_with_offers(tmp_path, capsys):
    code, _, err = run(["plot", "author-views", "gap", "--proposer", "1", "--out", str(tmp_path / "g.csv")], capsys)
    assert code == 2 and "--proposer" in err and "Traceback" not in err
