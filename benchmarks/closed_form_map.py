"""Benchmark: Gap over an N×N belief grid (default 1000×1000) by the closed form, on one core.

Binary types, Proposition 1's ordering: values (0.1, 0.7) and (0.4, 1), β = 0.5. Measured in
the same run:

* the vectorised closed form over the whole grid (``gap_on_priors``, priors validated, players
  labelled per point, E, Gap and floors): best of ``--repeat`` runs;
* the scalar path, ``bargainlab.two_sided.gap(env, method="closed_form")`` point by point, on a
  sample of points (its rate stands for the whole grid);
* a sweep through ``bargainlab.sweep`` (tables with every parameter column, in-process).

Prints points per second, the ratios, and the largest difference from the scalar path on the
sample. Run:  python benchmarks/closed_form_map.py [--grid N] [--sample M] [--repeat R]
"""

from __future__ import annotations

import argparse

import numpy as np
from common import machine_note, timed

import bargainlab as bl
from bargainlab.models.two_sided.maps import gap_on_priors, prior_grid

VALUES1, VALUES2, BETA = (0.1, 0.7), (0.4, 1.0), 0.5


def scalar_gaps(p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """One environment and one closed-form call per point."""
    out = np.empty(len(p1))
    for k in range(len(p1)):
        env = bl.two_sided_environment(VALUES1, VALUES2, p1[k], p2[k], BETA)
        out[k] = bl.two_sided.gap(env, method="closed_form").gap
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=1000, help="points per axis (default 1000)")
    parser.add_argument("--sample", type=int, default=2000, help="points of the scalar path (default 2000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the vectorised path; the best counts")
    args = parser.parse_args()
    n = args.grid
    print(machine_note())
    env = bl.two_sided_environment(VALUES1, VALUES2, 0.5, 0.5, BETA)
    axis = np.linspace(0.0, 1.0, n)
    p1, p2 = (a.ravel() for a in np.meshgrid(axis, axis, indexing="ij"))
    P1, P2 = prior_grid(p1), prior_grid(p2)
    points = n * n

    vectorised, t_vector = timed(gap_on_priors, env, P1, P2, "closed_form", repeat=args.repeat)
    sample = np.random.default_rng(0).choice(points, size=min(args.sample, points), replace=False)
    scalar, t_scalar = timed(scalar_gaps, p1[sample], p2[sample])
    rate_scalar = len(sample) / t_scalar
    grid = {"prior1": f"0:1:{n}", "prior2": f"0:1:{n}"}
    swept, t_sweep = timed(
        bl.sweep, grid, values1=VALUES1, values2=VALUES2, bargaining_power=BETA, repeat=min(args.repeat, 2)
    )

    print(f"Gap over a {n}x{n} belief grid ({points:,} points), values {VALUES1} vs {VALUES2}, β = {BETA}")
    print(f"{'method':<60}{'seconds':>9}{'points/s':>14}{'vs scalar':>11}")
    for name, seconds, rate in (
        (f"scalar closed form, one point at a time ({len(sample)} sampled)", t_scalar, rate_scalar),
        ("vectorised closed form, whole grid (gap_on_priors)", t_vector, points / t_vector),
        ("bargainlab.sweep, in-process, table of 15 columns", t_sweep, points / t_sweep),
    ):
        print(f"{name:<60}{seconds:>9.3f}{rate:>14,.0f}{rate / rate_scalar:>10.0f}x")
    print(f"largest |vectorised - scalar| on the sample = {np.max(np.abs(vectorised.gap[sample] - scalar)):.2e}")
    print(f"largest |sweep - vectorised|                = {np.max(np.abs(swept.columns['gap'] - vectorised.gap)):.2e}")


if __name__ == "__main__":
    main()
