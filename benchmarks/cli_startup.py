"""Start-up of the command line, as whole processes, against ``python -c pass`` in the same run.

Prints the median wall time of ``bargainlab --help``, of a few commands' ``--help``, of an
argument error, and of a one-point two-sided solve, each as a ratio to the interpreter's own
start-up (issues 14/15: help and argument errors well under half a second, the one-point solve
at most 0.6 s; see docs/performance.md for the load at which numbers were taken).

``--against DIR`` times the same commands with another source tree first on ``PYTHONPATH`` (for
example a checkout of main: ``--against ../main/src``), interleaved run by run with this one, so
that a change is compared under the same load. The load average is printed before and after.

Usage: python benchmarks/cli_startup.py [--runs N] [--against SRC_DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARGAINLAB = [sys.executable, "-m", "bargainlab"]

ONE_POINT = ["--values1", "0,0.5", "--values2", "0.5,1", "--prior1", "0.5", "--prior2", "0.5", "--beta", "0.5"]

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "bargainlab --help": [*BARGAINLAB, "--help"],
    "solve two-sided --help": [*BARGAINLAB, "solve", "two-sided", "--help"],
    "plot two-sided --help": [*BARGAINLAB, "plot", "two-sided", "--help"],
    "sweep two-sided --help": [*BARGAINLAB, "sweep", "two-sided", "--help"],
    "argument error": [*BARGAINLAB, "solve", "two-sided", "--beta", "7"],
    "solve two-sided (one binary point)": [*BARGAINLAB, "solve", "two-sided", *ONE_POINT, "--json"],
}


def environment(source: str | None) -> dict[str, str]:
    """The environment of a run: ``source`` first on PYTHONPATH (else this one unchanged)."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(source).resolve()), *filter(None, [env.get("PYTHONPATH")])])
    return env


def seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", metavar="SRC_DIR", help="also time this source tree, interleaved")
    options = parser.parse_args()
    trees = {"this": environment(None)}
    if options.against:
        trees["against"] = environment(options.against)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; median of {options.runs} runs")
    times: dict[tuple[str, str], list[float]] = {(tree, name): [] for tree in trees for name in COMMANDS}
    for _ in range(options.runs):
        for name, command in COMMANDS.items():
            for tree, env in trees.items():
                times[tree, name].append(seconds(command, env))
    base = statistics.median(times["this", "python -c pass"])
    header = f"{'command':38s} {'this':>9s} {'ratio':>7s}"
    if options.against:
        header += f" {'against':>9s} {'ratio':>7s} {'this/against':>13s}"
    print(header)
    for name in COMMANDS:
        this = statistics.median(times["this", name])
        line = f"{name:38s} {this:7.3f} s {this / base:6.1f}x"
        if options.against:
            other = statistics.median(times["against", name])
            line += f" {other:7.3f} s {other / base:6.1f}x {this / other:12.2f}"
        print(line)
    print(f"ratios: to python -c pass ({base:.3f} s); load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
