"""Text tables."""

from __future__ import annotations

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided import solve
from bargainlab.report.tables import number, render_table
from bargainlab.report.two_sided import two_sided_report


def test_render_table_aligns_columns():
    text = render_table(["name", "value"], [["a", 1.0], ["longer", 0.123456789]], title="T")
    lines = text.splitlines()
    assert lines[0] == "T"
    assert len({len(line) for line in lines[1:3]}) == 1
    assert lines[-1].endswith("0.123457")


def test_number_formats():
    assert number(-0.0) == "0"
    assert number(True) == "yes"
    assert number(None) == "-"
    assert number(1 / 3) == "0.333333"


def test_report_lists_every_type_and_profile():
    out = solve(two_sided_environment([0.0, 0.4, 0.8], [0.3, 1.0], [0.3, 0.3, 0.4], 0.6, 0.5))
    text = two_sided_report(out)
    assert text.count("(0.4, ") == 2  # two profiles with t1 = 0.4
    assert "beyond the paper" in text
    assert "Check against the paper's closed form" not in text  # no closed form for three types
