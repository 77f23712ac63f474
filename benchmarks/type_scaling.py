"""Benchmark: program (4.1) and its optimal-face ranges as the number of types grows.

For n types per player (values evenly spread, Dirichlet(1) priors with a fixed seed, β = 0.5),
in the same run:

* ``primary``: the LP of (4.1) alone (plain form and the aggregated O(n²) form);
* ``payoffs``: the ranges the default ``ranges="payoffs"`` reports (each type's payoff, the
  ex ante payoffs, welfare) by the fast optimal-face exploration;
* ``all``: every range (adds allocation probabilities and transfers), fast;
* ``brute``: every range by two secondary LPs per quantity (``OptimalFace(certify=False)``,
  what the library did before), only up to ``--brute-max`` types (it grows like n⁴–n⁵).

Prints seconds, LPs solved, ends settled without an LP, the speed-up over the brute force, the
largest difference between fast and brute-force ends, and the growth exponents (least-squares
slope of log time on log n). Run:  python benchmarks/type_scaling.py [--full]
(default sizes 5, 10, 20, 30; ``--full``: 5, 10, 20, 30, 50, 70, 100).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from common import machine_note

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import HighsModel
from bargainlab.core.monopoly import monopoly_payoffs
from bargainlab.core.optimal_face import OptimalFace


def environment(n: int):
    rng = np.random.default_rng(n)
    v1, v2 = np.linspace(0.0, 0.8, n), np.linspace(0.2, 1.0, n)
    return two_sided_environment(v1, v2, rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(n)), 0.5)


def program(n: int, aggregate: bool):
    env = environment(n).normalised()
    p1, p2 = env.player1.prior_array, env.player2.prior_array
    lp = InterimLP(env.player1.values, env.player2.values, aggregate=aggregate)
    f1 = 0.5 * monopoly_payoffs(env.player1, env.player2)
    f2 = 0.5 * monopoly_payoffs(env.player2, env.player1)
    return lp, lp.program(p1, p2, lp.payoff_objective(p1, None), f1, f2), p1, p2


def quantities(lp: InterimLP, p1: np.ndarray, p2: np.ndarray, which: str) -> list[np.ndarray]:
    """The objectives ranged by two_sided.solve for ``ranges=which``."""
    out = [lp.unit(c) for c in (*lp.u1_cols, *lp.u2_cols)]
    out += [lp.payoff_objective(p1, None), lp.payoff_objective(None, p2), lp.welfare_objective(p1, p2)]
    if which == "all":
        out += [lp.transfer_objective(1, a, p1, p2) for a in range(lp.n1)]
        out += [lp.transfer_objective(2, b, p1, p2) for b in range(lp.n2)]
        out += [lp.unit(c) for c in (*lp.q1_cols.ravel(), *lp.q2_cols.ravel())]
    return out


def ranges(n: int, which: str, certify: bool) -> tuple[float, OptimalFace, list]:
    lp, prog, p1, p2 = program(n, aggregate=True)
    start = time.perf_counter()
    face = OptimalFace(prog, certify=certify, keep_visited=False)
    spans = face.spans(quantities(lp, p1, p2, which))
    return time.perf_counter() - start, face, spans


def exponent(sizes: list[int], seconds: list[float]) -> float:
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0]) if len(sizes) >= 2 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="sizes up to 100 types (several minutes)")
    parser.add_argument("--brute-max", type=int, default=20, help="largest size for the brute force (default 20)")
    parser.add_argument("--all-max", type=int, default=50, help="largest size for ranges='all' (default 50)")
    args = parser.parse_args()
    sizes = [5, 10, 20, 30, 50, 70, 100] if args.full else [5, 10, 20, 30]
    print(machine_note())
    header = f"{'n':>4}{'primary':>9}{'agg.':>8}{'payoffs s':>10}{'LPs':>6}{'all s':>8}{'LPs':>6}{'settled':>8}"
    print(header + f"{'brute s':>9}{'LPs':>7}{'speed-up':>9}{'max |diff|':>12}")
    times: dict[str, list[float]] = {"primary": [], "payoffs": [], "all": [], "brute": []}
    brute_sizes: list[int] = []
    all_sizes: list[int] = []
    for n in sizes:
        _, plain, _, _ = program(n, aggregate=False)
        start = time.perf_counter()
        HighsModel(plain).solve()
        t_plain = time.perf_counter() - start
        _, agg, _, _ = program(n, aggregate=True)
        start = time.perf_counter()
        HighsModel(agg).solve()
        t_agg = time.perf_counter() - start
        t_pay, face_pay, _ = ranges(n, "payoffs", True)
        times["primary"].append(t_agg)
        times["payoffs"].append(t_pay)
        line = f"{n:>4}{t_plain:>9.3f}{t_agg:>8.3f}{t_pay:>10.3f}{face_pay.solves:>6}"
        if n > args.all_max:
            print(line, flush=True)
            continue
        t_all, face_all, fast = ranges(n, "all", True)
        times["all"].append(t_all)
        all_sizes.append(n)
        line += f"{t_all:>8.3f}{face_all.solves:>6}{face_all.settled:>8}"
        if n <= args.brute_max:
            t_brute, face_brute, brute = ranges(n, "all", False)
            diff = max(max(abs(a.low - b.low), abs(a.high - b.high)) for a, b in zip(fast, brute))
            times["brute"].append(t_brute)
            brute_sizes.append(n)
            line += f"{t_brute:>9.3f}{face_brute.solves:>7}{t_brute / t_all:>8.1f}x{diff:>12.1e}"
        print(line, flush=True)
    print(
        "growth exponents (time ~ n^k): "
        f"primary LP {exponent(sizes, times['primary']):.2f}, payoff ranges {exponent(sizes, times['payoffs']):.2f}, "
        f"all ranges {exponent(all_sizes, times['all']):.2f}, brute force {exponent(brute_sizes, times['brute']):.2f}"
    )


if __name__ == "__main__":
    main()
