"""Benchmark: Figures 8.1-8.2 (m and efficiency against σ/r, uniform values), two ways, one run.

* the closed form of Section 8.5 (re-derived with expm1; one Brent root per point);
* the general path: the graded 2-D quadrature of p_a with the multiplier found by Brent's method
  (what any regular F, G uses).

Prints the time per point of each, the ratio, and the largest difference between the two.
Run:  python benchmarks/cramton_curve.py [--points N]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bargainlab.models import sequential as sq


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=6, help="ratios σ/r in (0, 1) (default 6)")
    args = parser.parse_args()
    ratios = np.linspace(0.05, 0.95, args.points)
    start = time.perf_counter()
    closed = sq.ratio_curve(ratios, method="closed_form")
    t_closed = time.perf_counter() - start
    start = time.perf_counter()
    quad = sq.ratio_curve(ratios, method="quadrature")
    t_quad = time.perf_counter() - start
    n = len(ratios)
    print(f"{n} ratios σ/r in [{ratios[0]:g}, {ratios[-1]:g}]")
    print(f"closed form : {t_closed / n * 1e3:9.3f} ms per point")
    print(f"quadrature  : {t_quad / n * 1e3:9.3f} ms per point")
    print(f"ratio       : closed form is {t_quad / t_closed:,.0f}x faster")
    for key in ("m", "surplus", "efficiency"):
        print(f"max |difference| in {key:10s}: {np.max(np.abs(getattr(closed, key) - getattr(quad, key))):.2e}")


if __name__ == "__main__":
    main()
