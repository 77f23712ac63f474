"""Cost of the exact answers against the floating-point solve (2, 3, 5, 10 types per player).

For each size, one random rational environment (values on a grid of 1/100, priors with small
integer weights, β = 2/5). Printed per size, as ratios exact / float in the same run:

* E and Gap alone: ``gap(env, method="lp")`` (one HiGHS LP) against ``exact_gap`` (HiGHS's
  basis re-solved in rationals with python-flint and checked exactly);
* the whole outcome with ranges over the optimal face: ``solve(env)`` against
  ``solve_exact(env)`` (every endpoint certified exactly); ``--ranges-up-to`` limits the sizes.

    python benchmarks/exact_cost.py [--sizes 2,3,5,10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction

import numpy as np

from bargainlab.models.two_sided import gap, solve
from bargainlab.models.two_sided.exact import exact_environment, exact_gap, solve_exact


def environment(n: int, seed: int = 0):
    rng = np.random.default_rng(seed + n)

    def values():
        return [Fraction(int(v), 100) for v in np.sort(rng.choice(np.arange(0, 101), n, replace=False))]

    def prior():
        w = rng.integers(1, 9, n)
        return [Fraction(int(k), int(w.sum())) for k in w]

    return exact_environment(values(), values(), prior(), prior(), Fraction(2, 5))


def best_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2,3,5,10")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ranges-up-to", type=int, default=5, help="largest size for the full outcome with ranges")
    args = parser.parse_args()
    print("types | float gap (ms) | exact gap (ms) | ratio | float solve (ms) | exact solve (ms) | ratio | exact LPs")
    for n in (int(s) for s in args.sizes.split(",")):
        env = environment(n)
        approx = env.to_float()
        assert exact_gap(env).exact
        t_float = best_time(lambda approx=approx: gap(approx, method="lp"), args.repeats)
        t_exact = best_time(lambda env=env: exact_gap(env), args.repeats)
        row = f"{n} | {1e3 * t_float:.2f} | {1e3 * t_exact:.2f} | {t_exact / t_float:.1f}"
        if n <= args.ranges_up_to:
            out = solve_exact(env)
            s_float = best_time(lambda approx=approx: solve(approx), 1)
            s_exact = best_time(lambda env=env: solve_exact(env), 1)
            row += f" | {1e3 * s_float:.1f} | {1e3 * s_exact:.1f} | {s_exact / s_float:.1f} | {out.certified_lps}"
        else:
            row += " | - | - | - | -"
        print(row, flush=True)


if __name__ == "__main__":
    main()
