"""Issue 11, the command line's named cases: bad input is exit 2 with one line naming the option.

The generated campaign (``tests/contract/cli_fuzz.py``) may not reach these; each was measured in
the issue (a traceback, an empty certificate with exit 0, a hang, a message naming internals).
Every size a user controls is bounded by :mod:`bargainlab.core.limits` and refused at once.
"""

from __future__ import annotations

import time

import pytest

from bargainlab.core import limits
from tests.cli.helpers import run

#: Seconds a refused invocation may take (refusal comes before any computation).
REFUSAL_SECONDS = 10

ONE_SIDED = ["solve", "one-sided", "--value-bob", "0.1", "--distribution", "beta(2,3)", "--beta", "0.5"]


def refused(argv, capsys):
    """Run argv; assert exit 2 and one 'bargainlab: error:' line, quickly; return that line."""
    start = time.perf_counter()
    code, out, err = run(argv, capsys)
    assert time.perf_counter() - start < REFUSAL_SECONDS
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("bargainlab: error: "), err
    assert "Traceback" not in err and "internal error" not in err
    return lines[0]


def test_check_seed_minus_one_is_an_error_naming_seed(capsys):
    line = refused(["check", "two-sided", "--seed", "-1", "--samples", "1", "--claims", "prop1"], capsys)
    assert line == "bargainlab: error: --seed must be an integer in [0, 9223372036854775807]; got -1"


def test_search_seed_minus_one_is_an_error_naming_seed(capsys):
    line = refused(["check", "two-sided", "--search", "--types", "2", "--seed", "-1"], capsys)
    assert "--seed must be an integer in [0, 9223372036854775807]; got -1" in line


@pytest.mark.parametrize("claims", ["", ",", " , "])
def test_an_empty_claim_list_is_refused_not_an_empty_certificate(claims, capsys):
    line = refused(["check", "two-sided", "--claims", claims], capsys)
    assert "--claims" in line and "claim names" in line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["check", "two-sided", "--types", "1000", "--samples", "1"],
            f"--types must be an integer in [2, {limits.MAX_CHECK_TYPES}]",
        ),
        (
            ["check", "two-sided", "--search", "--types", "1000"],
            f"--types must be an integer in [2, {limits.MAX_CHECK_TYPES}]",
        ),
        (
            ["check", "two-sided", "--samples", "99999999999"],
            f"--samples must be an integer in [1, {limits.MAX_SAMPLES}]",
        ),
        (
            ["check", "two-sided", "--search", "--restarts", "1000000000"],
            f"--restarts must be an integer in [1, {limits.MAX_RESTARTS}]",
        ),
        ([*ONE_SIDED, "--points", "100000000"], f"--points must be an integer in [2, {limits.MAX_POINTS}]"),
        (
            [
                "solve",
                "two-sided",
                "--values1",
                ",".join(map(str, range(limits.MAX_TYPES + 1))),
                "--values2",
                "0.5,1",
                "--prior1",
                ",".join([f"{1 / (limits.MAX_TYPES + 1):.15f}"] * (limits.MAX_TYPES + 1)),
                "--prior2",
                "0.5",
                "--beta",
                "0.5",
            ],
            f"--values1 must be a list of at most {limits.MAX_TYPES} values (types per player); "
            f"got {limits.MAX_TYPES + 1}",
        ),
        (
            [
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
                "100000",
            ],
            f"--resolution must be an integer in [2, {limits.MAX_RESOLUTION}]",
        ),
    ],
)
def test_sizes_beyond_the_documented_limits_are_refused_at_once(argv, expected, capsys, tmp_path):
    if argv[0] == "plot":
        argv = [*argv, "--out", str(tmp_path / "map.png")]
    assert expected in refused(argv, capsys)
    assert not list(tmp_path.iterdir())


def test_limits_are_in_the_help(capsys):
    from bargainlab.cli.main import build_parser
    from tests.contract.cli_fuzz import leaf_commands

    commands = leaf_commands(build_parser())

    def help_of(command: str) -> str:
        return " ".join(commands[command].format_help().split())

    check = help_of("check two-sided")
    assert f"2 to {limits.MAX_CHECK_TYPES}" in check and f"{limits.MAX_SAMPLES:,}" in check
    assert f"2 to {limits.MAX_POINTS}" in help_of("solve one-sided")
    plot = help_of("plot two-sided")
    assert f"2 to {limits.MAX_RESOLUTION}" in plot and f"2 to {limits.MAX_POINTS}" in plot


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe{\x00\x81", "--network must be a JSON file (UTF-8 text)"),
        (b'{"weights": [1, 2', "--network must be a readable JSON file"),
        (b"[]", '--network must be a JSON object with a list "agreements"'),
    ],
)
def test_a_network_file_that_is_not_utf8_or_not_json_is_one_line(content, expected, capsys, tmp_path):
    path = tmp_path / "network.json"
    path.write_bytes(content)
    assert expected in refused(["solve", "nash-in-nash", "--network", str(path)], capsys)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["solve", "bilateral", "--seller", "norm", "--buyer", "uniform"],
            "--seller-support must be a bounded interval; got [-inf, inf] "
            "(norm() has unbounded support; give --seller-support A,B)",
        ),
        (
            ["solve", "bilateral", "--seller", "uniform", "--buyer", "uniform", "--buyer-support", "5,6"],
            "--buyer-support must be an interval overlapping the support of uniform() ([0, 1]); got [5.0, 6.0]",
        ),
        (
            ["solve", "one-sided", "--value-bob", "0.1", "--distribution", "norm", "--beta", "0.5"],
            "--support must be a bounded interval; got [-inf, inf] (norm() has unbounded support; give --support A,B)",
        ),
        (["solve", "rubinstein", "--delta1", "1.5", "--delta2", "0.5"], "--delta1 must be a number in [0, 1]; got 1.5"),
    ],
)
def test_messages_name_the_option_as_typed_and_say_whose(argv, expected, capsys):
    line = refused(argv, capsys)
    assert line == f"bargainlab: error: {expected}"
    assert "support=(a, b)" not in line and "'s support" not in line


@pytest.mark.parametrize(
    ("rates", "expected"),
    [
        (
            ["--seller-rate", "1000000000", "--buyer-rate", "1", "--seller", "beta(2,3)"],
            "Corollary 1's hypotheses hold but",
        ),
        (
            ["--seller-rate", "2", "--buyer-rate", "1e-300", "--seller", "beta(2,3)"],
            "the computation overflowed at these parameters",
        ),
    ],
)
def test_a_failed_check_or_an_overflow_is_one_line_with_exit_1(rates, expected, capsys):
    # found by the cli_fuzz campaign on `check sequential` (exit 1 with nothing on stderr; OverflowError)
    code, _, err = run(["check", "sequential", *rates], capsys)
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("bargainlab: error: ") and expected in lines[0]
    assert "internal error" not in err
