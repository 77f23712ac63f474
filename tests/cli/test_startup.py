"""The command line starts without the heavy libraries: parsing, --help and argument errors
import no scipy.stats/optimize/integrate, matplotlib, pandas, streamlit or dask (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("scipy.stats", "scipy.optimize", "scipy.integrate", "matplotlib", "pandas", "streamlit", "dask", "sympy")

PROBE = """
import contextlib, io, json, sys
from bargainlab.cli.main import build_parser, main
build_parser()
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(ARGV)
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in HEAVY if m in sys.modules)))
"""


def _loaded(argv: list[str]) -> list[str]:
    code = PROBE.replace("ARGV", repr(argv)).replace("HEAVY", repr(HEAVY))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_help_loads_no_heavy_library():
    assert _loaded(["--help"]) == []


def test_an_argument_error_loads_no_heavy_library():
    assert _loaded(["solve", "two-sided", "--beta", "7"]) == []
