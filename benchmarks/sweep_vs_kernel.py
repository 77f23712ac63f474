"""Benchmark: ``bargainlab.sweep`` against the vectorised closed-form kernel, with peak memory.

Binary types (values (0.1, 0.7) and (0.4, 1), β = 0.5) on an N×N belief grid. Measured in the
same run, each case in a fresh subprocess (so that its peak resident memory is its own):

* kernel: ``gap_on_priors(env, P1, P2, "closed_form")`` over the whole grid (E, Gap, floors, the
  player and the method per point), the baseline;
* ``bargainlab.sweep`` in memory (15 columns: the parameters and the quantities);
* ``bargainlab.sweep`` to Parquet and to CSV (the default for a closed-form sweep: each chunk
  streamed straight into its row group / block, encoded on a writer thread);
* ``bargainlab.sweep`` to Parquet with part files (``parts=True``, the LP sweeps' way: chunks to
  verified part files, the table streamed from them block by block), for comparison.

Prints points per second, the ratio to the kernel (wall clock), the process's CPU time (all its
threads) as a ratio to the kernel's, and the peak memory above the process's memory after imports
(pyarrow included), per case and per row, for two grid sizes, so that "flat in the number of
points" can be read off. Run:  python benchmarks/sweep_vs_kernel.py [--full] [--repeat R]
(default grids 300 and 1000 per axis; ``--full`` adds 2000).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

VALUES1, VALUES2, BETA = (0.1, 0.7), (0.4, 1.0), 0.5
CASES = ("kernel", "sweep", "sweep-parquet", "sweep-csv", "sweep-parquet-parts")


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_case(case: str, n: int, repeat: int) -> dict[str, float]:
    """One case in this process: best time of ``repeat`` runs and the peak memory they reached."""
    import bargainlab as bl
    from bargainlab.models.two_sided.maps import gap_on_priors, prior_grid

    env = bl.two_sided_environment(VALUES1, VALUES2, 0.5, 0.5, BETA)
    bl.sweep(
        {"prior1": "0:1:3", "prior2": "0:1:3"}, values1=VALUES1, values2=VALUES2, bargaining_power=BETA
    )  # warm up imports
    with tempfile.TemporaryDirectory() as folder:  # pyarrow's import and first write
        for suffix in ("parquet", "csv"):
            bl.sweep(
                {"prior1": "0:1:3", "prior2": "0:1:3"},
                values1=VALUES1,
                values2=VALUES2,
                bargaining_power=BETA,
                out=Path(folder) / f"warm.{suffix}",
            )
    base = _peak_kib()
    best, best_cpu = np.inf, np.inf
    with tempfile.TemporaryDirectory() as folder:
        for k in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            if case == "kernel":
                axis = np.linspace(0.0, 1.0, n)
                p1, p2 = (a.ravel() for a in np.meshgrid(axis, axis, indexing="ij"))
                gap_on_priors(env, prior_grid(p1), prior_grid(p2), "closed_form")
            else:
                out = None if case == "sweep" else Path(folder) / f"t{k}.{case.split('-')[1]}"
                bl.sweep(
                    {"prior1": f"0:1:{n}", "prior2": f"0:1:{n}"},
                    values1=VALUES1,
                    values2=VALUES2,
                    bargaining_power=BETA,
                    out=out,
                    parts=True if case.endswith("-parts") else None,
                )
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - cpu)
    return {"seconds": best, "cpu": best_cpu, "peak_mib": (_peak_kib() - base) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="add a 2000x2000 grid")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the best time counts")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--grid", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.grid, args.repeat)))
        return
    from common import machine_note

    print(machine_note())
    sizes = (300, 1000, 2000) if args.full else (300, 1000)
    print(
        f"{'grid':>10}{'case':>21}{'seconds':>9}{'points/s':>13}{'vs kernel':>11}{'CPU vs':>8}"
        f"{'peak MiB':>10}{'B/row':>8}"
    )
    for n in sizes:
        results = {}
        for case in CASES:
            command = [sys.executable, __file__, "--case", case, "--grid", str(n), "--repeat", str(args.repeat)]
            results[case] = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        points = n * n
        for case in CASES:
            r = results[case]
            ratio = r["seconds"] / results["kernel"]["seconds"]
            cpu = r["cpu"] / results["kernel"]["cpu"]
            print(
                f"{f'{n}x{n}':>10}{case:>21}{r['seconds']:>9.3f}{points / r['seconds']:>13,.0f}"
                f"{ratio:>10.2f}x{cpu:>7.2f}x{r['peak_mib']:>10.1f}{r['peak_mib'] * 2**20 / points:>8.0f}"
            )


if __name__ == "__main__":
    main()
