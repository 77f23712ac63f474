"""The n-type Gap frontier: the global search of ``models/two_sided/search.py`` for 3–6 types.

Prints, per number of types, the largest Gap share found, its exact certified value at the
rationalised point, the effort (LPs, starts, seconds) and the running best by start
(convergence evidence). The table in ``docs/exact-and-frontier.md`` comes from this script:

    python benchmarks/gap_frontier.py --types 3,4,5,6 --restarts 12 --json frontier.json
"""

from __future__ import annotations

import argparse
import json

from bargainlab.models.two_sided.search import largest_gap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", default="3,4,5,6")
    parser.add_argument("--restarts", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args()
    rows = []
    print("types | largest Gap share (float) | exact share, rationalised point | LPs | starts | s | best by start")
    for n in (int(t) for t in args.types.split(",")):
        r = largest_gap(n, restarts=args.restarts, seed=args.seed, workers=args.workers)
        exact = r.exact
        by_start = ", ".join(f"{100 * v:.3f}" for v in r.best_by_start)
        print(
            f"{n} | {100 * r.gap_share:.4f}% | {exact.gap_share} = {100 * float(exact.gap_share):.4f}% "
            f"(exact: {exact.exact}) | {r.evaluations} | {r.restarts} | {r.seconds:.0f} | {by_start}",
            flush=True,
        )
        rows.append(r.to_dict())
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1)


if __name__ == "__main__":
    main()
