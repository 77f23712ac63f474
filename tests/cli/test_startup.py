"""The command line starts without the heavy libraries (issues 14 and 15, item 4).

- Parsing, ``--help`` of every command and argument errors import no NumPy, SciPy or HiGHS (nor
  pandas, matplotlib, Streamlit, Dask, SymPy, python-flint, plotly): the parsers read their
  choices and defaults from the light modules ``core/limits.py``, ``core/choices.py`` and
  ``viz/choices.py``, and each command imports the library when it runs.
- A one-point two-sided solve imports what the interim LP needs (NumPy, scipy.sparse, HiGHS) and
  nothing else: no scipy.stats/optimize/integrate, matplotlib, pandas, Streamlit or Dask.

Each case runs in a fresh interpreter and reports ``sys.modules`` (timings are in
``benchmarks/cli_startup.py``; no test here is timed).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bargainlab.cli.main import build_parser
from bargainlab.cli.main import main as cli_main

#: Packages that parsing, help and argument errors must not import.
NOT_FOR_PARSING = (
    "numpy",
    "scipy",
    "highspy",
    "pandas",
    "matplotlib",
    "streamlit",
    "dask",
    "sympy",
    "flint",
    "plotly",
    "pyarrow",
)

#: Packages that a one-point two-sided solve must not import.
NOT_FOR_ONE_POINT = (
    "scipy.stats",
    "scipy.optimize",
    "scipy.integrate",
    "matplotlib",
    "pandas",
    "streamlit",
    "dask",
    "sympy",
    "flint",
    "plotly",
    "pyarrow",
    "bargainlab.viz.figure",
    "bargainlab.models.bilateral_trade",
    "bargainlab.models.one_sided",
    "bargainlab.core.sweep",
)

#: Runs each command line of ARGVS through ``main`` (output captured), then prints, as JSON, the
#: exit codes, the stdout of the last command and ``sys.modules``.
PROBE = """
import contextlib, io, json, sys
from bargainlab.cli.main import main
codes, out = [], io.StringIO()
for argv in ARGVS:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            codes.append(main(argv))
        except SystemExit as stop:
            codes.append(stop.code)
print(json.dumps({"codes": codes, "stdout": out.getvalue(), "modules": sorted(sys.modules)}))
"""

#: ``python -m bargainlab ARGV`` (the package face and ``__main__``), then ``sys.modules``.
MODULE_PROBE = """
import contextlib, io, json, runpy, sys
sys.argv = ["bargainlab", *ARGV]
code = None
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        runpy.run_module("bargainlab", run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        code = stop.code
print(json.dumps({"codes": [code], "stdout": "", "modules": sorted(sys.modules)}))
"""

ONE_POINT = [
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
    "--json",
]


def _probe(template: str, **replacements: object) -> dict:
    code = template
    for name, value in replacements.items():
        code = code.replace(name, repr(value))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _heavy(modules: list[str], forbidden: tuple[str, ...]) -> list[str]:
    """The forbidden packages among ``modules`` (a package or any of its submodules)."""
    return sorted({f for f in forbidden for m in modules if m == f or m.startswith(f + ".")})


def _leaf_commands() -> list[list[str]]:
    """Every command of the argparse tree, as the words before its options (``["solve", "two-sided"]``)."""
    found: list[list[str]] = []

    def walk(parser, words: list[str]) -> None:  # noqa: ANN001
        choosers = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
        if not choosers:
            found.append(words)
        for chooser in choosers:
            for name, sub in chooser.choices.items():
                walk(sub, [*words, name])

    walk(build_parser(), [])
    return found


def test_the_tree_has_every_group():
    commands = _leaf_commands()
    assert len(commands) >= 30
    assert {words[0] for words in commands} >= {"solve", "plot", "check", "mechanism", "reproduce", "sweep", "app"}


def test_help_loads_no_heavy_library():
    report = _probe(PROBE, ARGVS=[["--help"]])
    assert report["codes"] == [0]
    assert _heavy(report["modules"], NOT_FOR_PARSING) == []


def test_every_command_help_loads_no_heavy_library():
    """``--help`` of every group and every command, in one interpreter: no NumPy, SciPy or HiGHS."""
    commands = _leaf_commands()
    groups = sorted({words[0] for words in commands if len(words) > 1})
    argvs = [[group, "--help"] for group in groups] + [[*words, "--help"] for words in commands]
    report = _probe(PROBE, ARGVS=argvs)
    assert report["codes"] == [0] * len(argvs)
    assert _heavy(report["modules"], NOT_FOR_PARSING) == []
    assert not [m for m in report["modules"] if m.startswith("bargainlab.models.")]


@pytest.mark.parametrize(
    "argv",
    [
        ["solve", "two-sided", "--beta", "7"],  # required options missing
        ["solve", "two-sided", *ONE_POINT[2:-1], "--beta", "x"],  # not a number
        ["solve", "two-sided", *ONE_POINT[2:], "--ranges", "some"],  # not a choice
        ["solve", "no-such-model"],
        ["plot", "one-sided", "nothing"],
        ["sweep", "two-sided", "--grid", "prior1", "--out", "x.csv"],  # NAME=SPEC expected
        ["check", "two-sided", "--types", "2,x"],
        ["solve", "transparency", "--sellers", "2", "--mu", "0.5", "--high", "1", "--low", "0", "--observation", "x"],
    ],
)
def test_an_argument_error_loads_no_heavy_library(argv):
    report = _probe(PROBE, ARGVS=[argv])
    assert report["codes"] == [2]
    assert _heavy(report["modules"], NOT_FOR_PARSING) == []


@pytest.mark.parametrize("argv", [["--help"], ["solve", "two-sided", "--help"], ["solve", "two-sided"]])
def test_python_m_bargainlab_loads_no_heavy_library(argv):
    """The package face and ``__main__`` import nothing heavy either."""
    report = _probe(MODULE_PROBE, ARGV=argv)
    assert report["codes"] == [0 if "--help" in argv else 2]
    assert "bargainlab.cli.main" in report["modules"]
    assert _heavy(report["modules"], NOT_FOR_PARSING) == []


def test_one_point_solve_loads_only_what_it_needs():
    """Pęski (2024)'s 6.25% example (values 0,½ and ½,1, priors and β ½: Gap = h₂/16 = 0.0625)."""
    report = _probe(PROBE, ARGVS=[ONE_POINT])
    assert report["codes"] == [0]
    result = json.loads(report["stdout"])
    assert result["gap_player"] == 1 and result["gap"] == pytest.approx(0.0625, abs=1e-9)
    assert {"numpy", "highspy"} <= set(report["modules"])  # the interim LP is solved
    assert _heavy(report["modules"], NOT_FOR_ONE_POINT) == []


def test_help_still_shows_the_defaults_the_light_modules_hold(capsys):
    """The constants moved out of the models reach the help unchanged (same values as the models')."""
    from bargainlab.models.bilateral_lp import LP_TYPES
    from bargainlab.models.loertscher_marx import LM_SAMPLES
    from bargainlab.models.transparency import MAX_SELLERS, OBSERVATIONS
    from bargainlab.models.two_sided.certificate import DEFAULT_SAMPLES
    from bargainlab.models.two_sided.outcome import RANGES
    from bargainlab.models.two_sided.sweep import DEFAULT_QUANTITIES, MAX_WORKERS
    from bargainlab.reproduce.runner import MAX_WORKERS as REPRODUCE_WORKERS

    def help_of(*words: str) -> str:
        with pytest.raises(SystemExit):
            cli_main([*words, "--help"])
        return " ".join(capsys.readouterr().out.split())

    assert f"default: {LP_TYPES}" in help_of("solve", "bilateral")
    assert f"default: {LM_SAMPLES}" in help_of("solve", "market")
    assert f"1 to {MAX_SELLERS}" in help_of("solve", "transparency")
    assert all(name in help_of("solve", "transparency") for name in OBSERVATIONS)
    assert f"(default {DEFAULT_SAMPLES})" in help_of("check", "two-sided")
    assert all(name in help_of("solve", "two-sided") for name in RANGES)
    sweep_help = help_of("sweep", "two-sided")
    assert f"1 to {MAX_WORKERS}" in sweep_help and ",".join(DEFAULT_QUANTITIES) in sweep_help
    assert f"1 to {REPRODUCE_WORKERS}" in help_of("reproduce", "all")
