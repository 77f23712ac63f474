"""Re-check a bargainlab exact LP certificate with nothing but Python's fractions.

Usage: python docs/check_certificate.py CERTIFICATE.json   (exit code 0 when it holds)

The certificate states an LP  maximize c.x  s.t.  row_lower <= A x <= row_upper,
col_lower <= x <= col_upper  (null = infinite), a primal x and row duals y. With d = c - A^T y,
if x is feasible and every y_i > 0 (< 0) has row i at its upper (lower) bound and every
d_j > 0 (< 0) has x_j at its upper (lower) bound, then for any feasible x',
c.x' = y.Ax' + d.x' <= sum of multiplier * bound = c.x: x is optimal, exactly.
"""

import json
import sys
from fractions import Fraction


def check(data):
    p = data["program"]
    frac = lambda v: None if v is None else Fraction(v)  # noqa: E731
    c = [Fraction(v) for v in p["objective"]]
    rl, ru = [frac(v) for v in p["row_lower"]], [frac(v) for v in p["row_upper"]]
    cl, cu = [frac(v) for v in p["col_lower"]], [frac(v) for v in p["col_upper"]]
    x, y = [Fraction(v) for v in data["primal"]], [Fraction(v) for v in data["dual"]]
    assert len(x) == len(c) == len(cl) == len(cu) and len(y) == len(rl) == len(ru), "sizes"
    ax, d = [Fraction(0)] * len(y), list(c)
    for r, col, v in p["matrix"]:
        ax[r] += Fraction(v) * x[col]
        d[col] -= Fraction(v) * y[r]
    problems = []
    bound = Fraction(0)
    for kind, mult, val, lo, up in [("row", *t) for t in zip(y, ax, rl, ru)] + [
        ("column", *t) for t in zip(d, x, cl, cu)
    ]:
        if (lo is not None and val < lo) or (up is not None and val > up):
            problems.append(f"{kind} value {val} outside [{lo}, {up}]")
        if mult != 0:
            side = up if mult > 0 else lo
            if side is None or val != side:
                problems.append(f"{kind} multiplier {mult} but value {val} is not at bound {side}")
            else:
                bound += mult * side
    value = sum(ci * xi for ci, xi in zip(c, x))
    if value != Fraction(data["objective_value"]) or value != bound:
        problems.append(f"objective c.x = {value}, stated {data['objective_value']}, dual bound {bound}")
    claims = data.get("claims", {})
    if "E" in claims and Fraction(claims["E"]) != value:
        problems.append(f"claimed E = {claims['E']} differs from the optimum {value}")
    if {"E", "floor", "gap"} <= set(claims) and Fraction(claims["E"]) - Fraction(claims["floor"]) != Fraction(
        claims["gap"]
    ):
        problems.append("claimed gap differs from E - floor")
    return value, problems


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    with open(argv[1]) as handle:
        value, problems = check(json.load(handle))
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print(f"certificate holds: the optimal value is exactly {value}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
