"""Propositions 1–2 proved region by region: the LP's optimal bases solved symbolically.

For two types per player, in the theory's labels with h_2 = 1 (E is homogeneous of degree one
in the values, so this loses no generality), program (4.1) has parameters
θ = (l_1, h_1, l_2, p_1, p_2, x). On the set of θ where one basis is optimal, E(θ) equals
c_B(θ)ᵀ x_B(θ) with x_B(θ) = B(θ)⁻¹ (−N(θ) z_N(θ)): a rational function of θ, once the floors
β_i M_i (a maximum over prices, eq. 3.2) are replaced by the branch that attains the maximum.
The closed forms of Propositions 1–2 are piecewise rational too (the tents f_1, f_2 are minima).

:func:`prove_regions` samples θ exactly (rationals) in each value ordering, certifies the
optimal basis at each sample exactly (:mod:`bargainlab.core.exact_lp`), and groups the samples
into *cells*: (ordering, optimal basis, floor branches, closed-form branch). For each cell met
it solves the basis system symbolically (sympy) and proves E_basis(θ) − E_closed(θ) ≡ 0 as a
rational function (``sympy.cancel``). Because the basis is optimal throughout its cell, this
proves the closed form on the whole cell, not only at the samples. A second, independent
sample estimates the share of the parameter space the proved cells cover.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np

from bargainlab.core.exact_lp import MissingExtraError
from bargainlab.core.exact_lp import solve_exact as solve_exact_lp
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.result import Result
from bargainlab.models.two_sided.exact import ExactGap, exact_environment, exact_gap, interim_program, program_parts

__all__ = ["RegionProof", "CellProof", "ExactChecks", "prove_regions", "exact_checks", "ORDERINGS"]

#: The value orderings of Propositions 1 and 2.
ORDERINGS = {"prop1": "l1 < l2 < h1 < h2", "prop2": "l1 < h1 < l2 < h2"}

#: Denominator of the sampled rational parameters.
SAMPLE_DENOMINATOR = 997


def _sympy() -> Any:
    try:
        import sympy
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError("symbolic proofs need sympy: pip install 'bargainlab[exact]'") from None
    return sympy


@dataclass(frozen=True)
class CellProof:
    """One cell (ordering, optimal basis, floor branches, closed-form branch) and its proof.

    Attributes
    ----------
    ordering
        ``"prop1"`` or ``"prop2"``.
    basis
        The optimal basis: one status letter per column, then per row.
    branches
        Which price attains each monopoly floor, and which piece of f_1, f_2 is active.
    samples
        Samples of the proving draw in this cell.
    proved
        True when E_basis − E_closed cancels to 0 identically.
    expression
        E on this cell as a rational function of (l1, h1, l2, p1, p2, x) (text).
    """

    ordering: str
    basis: str
    branches: tuple[str, ...]
    samples: int
    proved: bool
    expression: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation."""
        return {
            "ordering": self.ordering,
            "basis": self.basis,
            "branches": list(self.branches),
            "samples": self.samples,
            "proved": self.proved,
            "E": self.expression,
        }


@dataclass(frozen=True, repr=False)
class RegionProof(Result):
    """The per-region proof of Propositions 1–2 over a sample of the parameter space.

    Attributes
    ----------
    cells
        Every cell met, with its proof.
    samples
        Samples per ordering in the proving draw.
    coverage
        Per ordering: the share of an independent draw of ``samples`` points that falls in a
        proved cell (a Monte Carlo estimate of the share of parameter space proved).
    seed
        Random seed.
    seconds
        Wall-clock time.
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "symbolic basis solve (sympy) per exact optimal basis"
    extra_fields: ClassVar[tuple[str, ...]] = ("passed",)
    summary_fields: ClassVar[tuple[str, ...]] = ("passed", "samples")
    cells: tuple[CellProof, ...]
    samples: int
    coverage: dict[str, float]
    seed: int
    seconds: float = field(default=0.0)

    @property
    def parameters(self) -> dict[str, Any]:
        """The run's settings."""
        return {"samples": self.samples, "seed": self.seed}

    @property
    def passed(self) -> bool:
        """Every cell met is proved."""
        return all(c.proved for c in self.cells)


@dataclass(frozen=True, repr=False)
class ExactChecks(Result):
    """``check two-sided --exact``: Section 4's example proved exactly and Propositions 1–2 per region.

    Attributes
    ----------
    example
        The exact E and Gap of l_1 = 0, h_1 = l_2 = 1/2, h_2 = 1, β = p_1 = p_2 = 1/2, with the
        certificate (an :class:`~bargainlab.models.two_sided.exact.ExactGap`).
    regions
        The per-region proof.
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "exact"
    extra_fields: ClassVar[tuple[str, ...]] = ("passed",)
    summary_fields: ClassVar[tuple[str, ...]] = ("passed",)
    #: The paper's value of the example's Gap (Section 4: 6.25% of h_2 = 1).
    expected_gap: ClassVar[Fraction] = Fraction(1, 16)
    example: ExactGap
    regions: RegionProof

    @property
    def parameters(self) -> dict[str, Any]:
        """The run's settings."""
        return self.regions.parameters

    @property
    def passed(self) -> bool:
        """The example gives exactly h2/16 with a passing certificate, and every region is proved."""
        return bool(self.example.exact and self.example.gap == self.expected_gap and self.regions.passed)


def exact_checks(samples: int = 200, seed: int = 0) -> ExactChecks:
    """Section 4's example exactly (Gap = 1/16 with its certificate) and :func:`prove_regions`."""
    example = exact_gap(exact_environment(["0", "1/2"], ["1/2", "1"], "1/2", "1/2", "1/2"))
    return ExactChecks(example, prove_regions(samples, seed))


# ---------------------------------------------------------------------------- sampling
def _draw(rng: np.random.Generator, ordering: str) -> dict[str, Fraction]:
    """Exact parameters in an ordering: values on a grid of 1/SAMPLE_DENOMINATOR, h2 = 1."""
    d = SAMPLE_DENOMINATOR
    a, b, c = (Fraction(int(k), d) for k in np.sort(rng.choice(np.arange(1, d), 3, replace=False)))
    l1, h1, l2 = (a, c, b) if ordering == "prop1" else (a, b, c)
    p1, p2, x = (Fraction(int(k), d) for k in rng.integers(1, d, 3))
    return {"l1": l1, "h1": h1, "l2": l2, "p1": p1, "p2": p2, "x": x}


def _monopoly_branch(value: Any, prices: tuple[Any, ...], survival: tuple[Any, ...]) -> list[Any]:
    """Candidate payoffs of eq. (3.2): keep (index 0) or sell at price k (index k + 1)."""
    return [value] + [(1 - s) * value + s * v for v, s in zip(prices, survival)]


def _floor_choices(theta: dict[str, Fraction]) -> tuple[int, int, int, int]:
    """Index of the candidate attaining each floor M_1(l1), M_1(h1), M_2(l2), M_2(h2) at θ."""
    l1, h1, l2, p1, p2 = (theta[k] for k in ("l1", "h1", "l2", "p1", "p2"))
    out = []
    for value, prices, survival in (
        (l1, (l2, Fraction(1)), (Fraction(1), p2)),
        (h1, (l2, Fraction(1)), (Fraction(1), p2)),
        (l2, (l1, h1), (Fraction(1), p1)),
        (Fraction(1), (l1, h1), (Fraction(1), p1)),
    ):
        candidates = _monopoly_branch(value, prices, survival)
        allowed = [0] + [k + 1 for k, v in enumerate(prices) if v > value]
        out.append(max(allowed, key=lambda k: (candidates[k], -k)))
    return tuple(out)  # type: ignore[return-value]


# ---------------------------------------------------------------------------- closed forms
def _closed_form_pieces(sp: Any, s: dict[str, Any], ordering: str) -> dict[str, list[Any]]:
    """The pieces of f_1, f_2 and Δ of Propositions 1–2 as sympy expressions."""
    l1, h1, l2, p1, p2, x = (s[k] for k in ("l1", "h1", "l2", "p1", "p2", "x"))
    h2 = sp.Integer(1)
    star2 = (l2 - l1) / (h2 - l1)
    if ordering == "prop1":
        star1 = x / (x + (1 - x) * (h2 - h1) / (h2 - l2))
        delta = x * (1 - x) * (h2 - l2) / (h2 - l1) * (h2 - h1) / (h2 - x * l2 - (1 - x) * h1) * (l2 - l1)
        f2 = [p2 / star2, (1 - p2) / (1 - star2)]
    else:
        star1 = x
        delta = x * (1 - x) * (h2 - l2) * (h1 - l1) / (h2 - l1)
        low = (l2 - h1) / (h2 - h1)
        f2 = [sp.Integer(0), (p2 - low) / (star2 - low), (1 - p2) / (1 - star2)]
    f1 = [p1 / star1, (1 - p1) / (1 - star1)]
    return {"f1": f1, "f2": f2, "gap_peak": [delta]}


def _pick(pieces: list[Any], at: dict[Any, Any], rule: str) -> int:
    values = [Fraction(str(sp_value)) for sp_value in (p.subs(at) for p in pieces)]
    if rule == "min":
        return min(range(len(values)), key=lambda k: values[k])
    # prop2's f_2 = max(0, min(up, down))
    k = 1 if values[1] <= values[2] else 2
    return k if values[k] > 0 else 0


# ---------------------------------------------------------------------------- the proof
def _symbolic_E(sp: Any, lp: InterimLP, s: dict[str, Any], floor_choice: tuple[int, ...], status: str) -> Any:
    """E on the basis ``status`` as an element of the field of rational functions of θ (and the field)."""
    from sympy.polys.matrices import DomainMatrix

    l1, h1, l2, p1, p2, x = (s[k] for k in ("l1", "h1", "l2", "p1", "p2", "x"))
    one = sp.Integer(1)
    m1 = [_monopoly_branch(t, (l2, one), (one, p2))[k] for t, k in zip((l1, h1), floor_choice[:2])]
    m2 = [_monopoly_branch(t, (l1, h1), (one, p1))[k] for t, k in zip((l2, one), floor_choice[2:])]
    floors_sym = ([x * m for m in m1], [(1 - x) * m for m in m2])
    objective, entries, row_lower, row_upper, col_lower, col_upper = program_parts(
        lp, ((l1, h1), (l2, one)), ((1 - p1, p1), (1 - p2, p2)), floors_sym, one
    )
    n, m = lp.num_cols, lp.num_rows
    lower = col_lower + row_lower
    upper = col_upper + row_upper
    field = sp.QQ.frac_field(*(s[k] for k in ("l1", "h1", "l2", "p1", "p2", "x")))
    convert = field.from_sympy
    columns: list[dict[int, Any]] = [{} for _ in range(n)] + [{i: -one} for i in range(m)]
    for (r, c), v in entries.items():
        columns[c][r] = v
    basic = [j for j, letter in enumerate(status) if letter == "B"]
    z: dict[int, Any] = {}
    for j, letter in enumerate(status):
        if letter != "B":
            z[j] = convert(lower[j] if letter == "L" else upper[j] if letter == "U" else sp.Integer(0))
    rhs = [field.zero] * m
    for j, value in z.items():
        for i, v in columns[j].items():
            rhs[i] -= convert(v) * value
    rows = [[field.zero] * m for _ in range(m)]
    for k, j in enumerate(basic):
        for i, v in columns[j].items():
            rows[i][k] = convert(v)
    matrix = DomainMatrix(rows, (m, m), field)
    solution = matrix.lu_solve(DomainMatrix([[v] for v in rhs], (m, 1), field))
    for k, j in enumerate(basic):
        z[j] = solution[k, 0].element
    total = field.zero
    for j in range(n):
        total += convert(objective[j]) * z[j]
    return field, total


def _cell(theta: dict[str, Fraction], ordering: str, sp: Any, symbols: dict[str, Any]) -> tuple[Any, ...]:
    """The cell of θ: (ordering, optimal basis, floor branches, closed-form branches)."""
    env = exact_environment([theta["l1"], theta["h1"]], [theta["l2"], 1], theta["p1"], theta["p2"], theta["x"])
    solution = solve_exact_lp(interim_program(env))
    at = {symbols[k]: sp.Rational(v.numerator, v.denominator) for k, v in theta.items()}
    pieces = _closed_form_pieces(sp, symbols, ordering)
    f1 = _pick(pieces["f1"], at, "min")
    f2 = _pick(pieces["f2"], at, "min" if ordering == "prop1" else "clip")
    return (ordering, "".join(solution.status), _floor_choices(theta), (f1, f2))


def prove_regions(samples: int = 200, seed: int = 0) -> RegionProof:
    """Prove Propositions 1–2 on every optimal-basis cell met by ``samples`` draws per ordering.

    Parameters
    ----------
    samples
        Exact parameter draws per ordering (and as many again for the coverage estimate).
    seed
        Random seed.

    Returns
    -------
    RegionProof
    """
    import time

    sp = _sympy()
    started = time.perf_counter()
    names = ("l1", "h1", "l2", "p1", "p2", "x")
    symbols = dict(zip(names, sp.symbols(" ".join(names), positive=True)))
    lp = InterimLP([0.0, 0.5], [0.25, 1.0])  # the layout depends only on the numbers of types
    rng = np.random.default_rng(seed)
    cells: list[CellProof] = []
    coverage: dict[str, float] = {}
    for ordering in ORDERINGS:
        counts = Counter(_cell(_draw(rng, ordering), ordering, sp, symbols) for _ in range(samples))
        proved_keys = set()
        for key, count in sorted(counts.items(), key=lambda item: -item[1]):
            _, status, floor_choice, (f1, f2) = key
            field, e_basis = _symbolic_E(sp, lp, symbols, floor_choice, status)
            pieces = _closed_form_pieces(sp, symbols, ordering)
            s = symbols
            one = sp.Integer(1)
            m1 = [
                _monopoly_branch(t, (s["l2"], one), (one, s["p2"]))[k]
                for t, k in zip((s["l1"], s["h1"]), floor_choice[:2])
            ]
            closed = s["x"] * ((1 - s["p1"]) * m1[0] + s["p1"] * m1[1]) + (
                pieces["f1"][f1] * pieces["f2"][f2] * pieces["gap_peak"][0]
            )
            proved = e_basis - field.from_sympy(closed) == field.zero
            if proved:
                proved_keys.add(key)
            cells.append(
                CellProof(
                    ordering,
                    status,
                    (
                        "M1(l1),M1(h1),M2(l2),M2(h2) prices " + ",".join(str(k) for k in floor_choice),
                        f"f1 piece {f1}",
                        f"f2 piece {f2}",
                    ),
                    count,
                    bool(proved),
                    str(field.to_sympy(e_basis)),
                )
            )
        fresh = [_cell(_draw(rng, ordering), ordering, sp, symbols) for _ in range(samples)]
        coverage[ordering] = sum(key in proved_keys for key in fresh) / samples
    return RegionProof(tuple(cells), samples, coverage, seed, time.perf_counter() - started)
