"""Start-up of the command line, as whole processes, against ``python -c pass`` in the same run.

Prints the median wall time of ``bargainlab --help``, of an argument error, and of a one-point
two-sided solve, each as a ratio to the interpreter's own start-up (issue 14/15: the CLI should
start well under half a second; see docs/performance.md for the load at which numbers were taken).

Usage: python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "bargainlab --help": [sys.executable, "-m", "bargainlab", "--help"],
    "argument error": [sys.executable, "-m", "bargainlab", "solve", "two-sided", "--beta", "7"],
    "solve two-sided (one binary point)": [
        sys.executable,
        "-m",
        "bargainlab",
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
    ],
}


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(f"load average: {os.getloadavg()[0]:.2f}; median of {runs} runs")
    base = median_seconds(COMMANDS["python -c pass"], runs)
    for name, command in COMMANDS.items():
        seconds = median_seconds(command, runs)
        print(f"{name:38s} {seconds:7.3f} s   {seconds / base:6.1f}x python -c pass")


if __name__ == "__main__":
    main()
