"""Cramton (1985), *Sequential bargaining mechanisms*: Figures 8.1–8.2, Section 8.5's numbers, the
lemmas and theorems that can be computed, and Lemmas 5–6 / Corollary 1 (sequential rationality).

The files of the former ``bargainlab reproduce cramton`` (``figure-8-1``, ``figure-8-2`` as PNG,
SVG and CSV, ``numbers.json``) keep their names.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import integrate

from bargainlab.models import sequential as sq
from bargainlab.models.double_auction import linear_equilibrium
from bargainlab.models.sequential_rationality import SequentialRationality, check_sequential_rationality
from bargainlab.reproduce.item import Finding, compare, holds, not_computable
from bargainlab.reproduce.output import Output
from bargainlab.reproduce.registry import item

__all__ = ["ITEMS", "FIGURE_RATIOS", "numbers"]

#: σ/r values of the reproduced Figures 8.1–8.2 (0 excluded: σ > 0).
FIGURE_RATIOS = np.linspace(0.005, 1.0, 200)
TOL = 1e-8


def numbers() -> dict:
    """The uniform example's numbers (Section 8.5), as written to ``numbers.json``."""
    static = sq.solve("uniform", "uniform", 1.0, 1.0, method="closed_form")
    eq = linear_equilibrium(0.5)
    return {
        "source": "Cramton (1985), Section 8.5: uniform symmetric exchange",
        "static_case_r_le_s": {
            "m": static.m,
            "multiplier_a": static.multiplier,
            "surplus": static.surplus,
            "surplus_times_64": static.surplus * 64,
            "first_best": static.first_best,
            "loss": 1 - static.efficiency,
        },
        "chatterjee_samuelson_k_half": {
            "seller_offer": f"{eq.seller_slope:.6g} s + {eq.seller_intercept:.6g}",
            "buyer_bid": f"{eq.buyer_slope:.6g} b + {eq.buyer_intercept:.6g}",
            "trade_iff": f"s < b - {eq.trade_intercept:.6g}",
        },
        "figure_points": len(FIGURE_RATIOS),
        "efficiency_measure": "surplus / full-information first best with the same discount rates",
    }


@lru_cache(maxsize=1)
def _curve() -> sq.RatioCurveResult:
    return sq.ratio_curve(FIGURE_RATIOS.tolist())


@lru_cache(maxsize=4)
def _uniform(r: float, sigma: float) -> sq.SequentialOutcome:
    """The uniform example by quadrature (cached: several items read it)."""
    return sq.solve("uniform", "uniform", r, sigma)


@item("figure-8-1", "Figure 8.1", "m = a/(1+a) against σ/r rises from 0 to 1/4")
def figure_8_1(out: Output) -> Finding:
    from bargainlab.viz.sequential import figure_8_1 as draw

    curve = _curve()
    out.figure("figure-8-1", draw(curve))
    m = curve.m
    rising = bool(np.all(np.diff(m) >= -1e-12)) and m[0] < 0.02
    found = compare(0.25, float(m[-1]), 1e-9, printed_text="m(σ/r = 1) = 1/4, increasing", note=f"increasing: {rising}")
    return found if rising else holds(found.printed, found.computed, False, note="m is not increasing")


@item("figure-8-2", "Figure 8.2", "efficiency against σ/r falls from 1 to 27/32")
def figure_8_2(out: Output) -> Finding:
    from bargainlab.viz.sequential import figure_8_2 as draw

    curve = _curve()
    out.figure("figure-8-2", draw(curve))
    e = curve.efficiency
    falling = bool(np.all(np.diff(e) <= 1e-12)) and e[0] > 0.99
    found = compare(27 / 32, float(e[-1]), 1e-9, printed_text="efficiency(σ/r = 1) = 27/32 (15.6% lost), falling")
    return found if falling else holds(found.printed, found.computed, False, note="efficiency is not falling")


@item("numbers", "Section 8.5", "the uniform example's numbers (numbers.json)")
def numbers_file(out: Output) -> Finding:
    data = numbers()
    out.json("numbers.json", data)
    static = data["static_case_r_le_s"]
    return compare(9.0, static["surplus_times_64"], 1e-9, printed_text="U + V = 9/64", note="written to numbers.json")


@item("m-quarter", "Section 8.5, r ≤ σ", "m = 1/4 and a = 1/3 (trade iff b − s ≥ 1/4)")
def m_quarter(out: Output) -> Finding:
    quad = _uniform(1.0, 2.0)
    return compare(
        0.25, quad.m, 1e-8, printed_text="m = 1/4, a = 1/3", note=f"quadrature, r=1, σ=2: a = {quad.multiplier:.10g}"
    )


@item("polynomial", "Section 8.5, r ≤ σ", "R(m) integrates to (m − 1/4)(m + 1)²")
def polynomial(out: Output) -> Finding:
    m = 0.4
    direct = integrate.dblquad(lambda s, b: 2 * (b - s) - 1, m, 1.0, 0.0, lambda b: b - m)[0]
    return compare(
        (m - 0.25) * (m + 1) ** 2,
        direct,
        1e-9,
        printed_text=f"(m − 1/4)(m + 1)² at m = 0.4: {(m - 0.25) * (m + 1) ** 2:.6g}",
        erratum="C4",
        note="dblquad of the printed integral; equals (2/3)(m − 1/4)(1 − m)², same root m = 1/4",
    )


@item("surplus-9-64", "Section 8.5", "U + V = 9/64 against the first best 1/6")
def surplus(out: Output) -> Finding:
    quad = _uniform(1.0, 1.0)
    return compare(
        9 / 64, quad.surplus, 1e-8, printed_text="9/64", note=f"quadrature; first best {quad.first_best:.10g}"
    )


@item("first-best-1-6", "Section 8.5", "the full-information surplus is 1/6")
def first_best(out: Output) -> Finding:
    return compare(1 / 6, _uniform(1.0, 1.0).first_best, 1e-8, printed_text="1/6")


@item("loss-15-6", "Section 8.5", "15.6 percent of the surplus is lost")
def loss(out: Output) -> Finding:
    out_ = _uniform(1.0, 1.0)
    return compare(0.156, 1 - out_.efficiency, 5e-4, printed_text="15.6%", note="1 − (9/64)/(1/6) = 0.15625")


@item("strategies", "Section 8.5", "k = 1/2 strategies 2s/3 + 1/4 and 2b/3 + 1/12, price (b + s)/3 + 1/6")
def strategies(out: Output) -> Finding:
    eq = linear_equilibrium(0.5)
    got = np.array([eq.seller_slope, eq.seller_intercept, eq.buyer_slope, eq.buyer_intercept])
    want = np.array([2 / 3, 1 / 4, 2 / 3, 1 / 12])
    return compare(
        0.0,
        float(np.max(np.abs(got - want))),
        1e-12,
        printed_text="2s/3 + 1/4, 2b/3 + 1/12",
        note=f"seller {got[0]:.6g}s + {got[1]:.6g}, buyer {got[2]:.6g}b + {got[3]:.6g}",
    )


@item("closed-form-r-gt-s", "Section 8.5, r > σ", "the closed forms of m and U + V for r > σ")
def closed_form(out: Output) -> Finding:
    worst = 0.0
    for ratio in (0.2, 0.5, 0.8):
        closed, quad = sq.uniform_closed_form(ratio), sq.solve("uniform", "uniform", 1.0, ratio)
        worst = max(worst, abs(closed.m - quad.m), abs(closed.surplus - quad.surplus))
    printed = "p_a = (σd/(rc))^{1/(r−a)}, seller term 2s(·)^{s/(r−s)}"
    computed = f"closed form with exponent 1/(r−σ) and seller term p^r = quadrature to {worst:.1e}"
    if worst > 1e-7:
        return holds(printed, computed, False, margin=worst)
    return Finding(printed, computed, "corrected", worst, "C5", "checked at σ/r = 0.2, 0.5, 0.8")


@item("lemma-1", "Lemma 1, (S)", "U(s) − U(s̄) = ∫ P(u) du with lower limit s̲")
def lemma_1(out: Output) -> Finding:
    rule = _uniform(1.0, 1.0).payment_rule()
    s = 0.4
    tail = integrate.quad(lambda u: float(rule.P(u)), s, 1.0)[0]
    whole = integrate.quad(lambda u: float(rule.P(u)), 0.0, 1.0)[0]
    payoff = float(rule.seller_payoff(np.array(s)) - rule.seller_payoff(np.array(1.0)))
    return compare(
        whole,
        payoff,
        1e-6,
        printed_text=f"∫_s̲^s̄ P = {whole:.6g} at s = 0.4",
        erratum="C1",
        note=f"U(s) − U(s̄) = ∫_s^s̄ P = {tail:.6g} (uniform, r = σ)",
    )


@item("theorem-1-ic", "Theorem 1, (IC)", "B(b) − B(b̲) = ∫ −u dQ(u)")
def theorem_1(out: Output) -> Finding:
    b = np.linspace(0, 1, 4001)
    Q = np.clip(b - 0.25, 0, None)
    plus = float(np.trapezoid(b, Q))
    paid = integrate.quad(lambda s: (1 + s) / 3 + 1 / 6, 0, 0.75)[0]
    return compare(
        -plus,
        paid,
        1e-4,
        printed_text=f"−∫u dQ = {-plus:.6g}",
        erratum="C2",
        note="Chatterjee–Samuelson mechanism: B(1) − B(0) = E_s[x(s, 1)] = +∫u dQ",
    )


@item("lemma-4", "Lemma 4", "the constant c = b̲Q(b̲) + ∫ s(1 − F) dP makes V(b̲) = 0")
def lemma_4(out: Output) -> Finding:
    rule = _uniform(1.0, 1.0).payment_rule()
    printed_v = 2 * float(rule.constant)  # V(b̲) = −2∫ s(1 − F) dP with the printed c
    return compare(
        0.0,
        printed_v,
        1e-6,
        printed_text="V(b̲) = 0",
        erratum="C3",
        note=f"with the printed c, V(b̲) = 2·9/64 = {printed_v:.6g} and U(s̄) = −2·9/64 (IR fails); "
        "corrected c = b̲Q(b̲) − ∫ s(1−F) dP",
    )


@item("theorem-2", "Theorem 2", "ex post efficiency fails: U(s̄) + V(b̲) = −∫ (1 − G)F du < 0")
def theorem_2(out: Output) -> Finding:
    from bargainlab.models.sequential import ex_post_efficient

    ir = ex_post_efficient("uniform", "uniform", 1.0, 1.0).expectations()["ir"]
    formula = -integrate.quad(lambda u: (1 - u) * u, 0, 1)[0]
    return compare(formula, ir, 1e-8, printed_text=f"−∫(1−G)F = {formula:.6g}", note="R(0) by quadrature, r = σ")


@item("sequential-beats-static", "Section 8.5 / conclusion", "when r > σ the sequential mechanism beats the static one")
def sequential_better(out: Output) -> Finding:
    quad = _uniform(2.0, 1.0)
    return holds(
        "r > σ: U + V > 9/64 (static second best)",
        f"r = 2, σ = 1: U + V = {quad.surplus:.6g}",
        quad.surplus > 9 / 64 + 1e-9,
        margin=0.0,
    )


def _sr(out: Output, r: float, sigma: float, name: str) -> SequentialRationality:
    result = check_sequential_rationality("uniform", "uniform", r, sigma)
    out.json(f"sequential-rationality-{name}.json", result.to_dict())
    return result


@item(
    "corollary-1-r-eq-s",
    "Lemma 6, Corollary 1 (r = σ)",
    "the ex ante efficient mechanism violates sequential rationality",
)
def corollary_r_eq_s(out: Output) -> Finding:
    res = _sr(out, 1.0, 1.0, "r-eq-s")
    return compare(
        7 / 32,
        res.excluded_lemma_6,
        1e-6,
        printed_text="N = {p_a = 0} ∩ B non-empty (mass 7/32 for uniforms)",
        note="P(N) by quadrature; closed form 1/2 − (3/4)²/2; not sequentially rational",
    )


@item(
    "corollary-1-r-gt-s", "Lemma 6, Corollary 1 (r > σ)", "buyers with d(b, a) ≤ 0 never trade although B is everything"
)
def corollary_r_gt_s(out: Output) -> Finding:
    res = _sr(out, 2.0, 1.0, "r-gt-s")
    m = res.multiplier / (1 + res.multiplier)
    return compare(m, res.excluded_lemma_6, 1e-6, printed_text="P(N) = P(b ≤ m) = m", note="uniform, r = 2, σ = 1")


@item(
    "corollary-1-r-lt-s",
    "Section 8.5 (r ≤ σ: 'illustrates corollary 1')",
    "the static mechanism is not sequentially rational when r < σ",
)
def corollary_r_lt_s(out: Output) -> Finding:
    res = _sr(out, 1.0, 2.0, "r-lt-s")
    return Finding(
        "illustrates Corollary 1 (r ≤ σ)",
        f"Lemma 6's B is empty for r < σ (P = {res.excluded_lemma_6:g}); pairs with s < b left untraded at t = 0+: "
        f"P = {res.excluded_after_end:.6g}",
        "corrected" if res.excluded_lemma_6 == 0 and res.excluded_after_end > 0.2 else "differs",
        abs(res.excluded_after_end - res.excluded_lemma_6),
        "C6",
        "the conclusion holds, by the argument of Lemma 6 applied just after date 0, not by Corollary 1",
    )


@item("lemma-5", "Lemma 5", "sequential rationality ⇔ never common-knowledge dominated")
def lemma_5(out: Output) -> Finding:
    return not_computable(
        "equivalence of two definitions",
        "a restatement of Holmström–Myerson's Theorem 1; checked through Lemma 6 above",
    )


ITEMS = (
    figure_8_1,
    figure_8_2,
    numbers_file,
    m_quarter,
    polynomial,
    surplus,
    first_best,
    loss,
    strategies,
    closed_form,
    lemma_1,
    theorem_1,
    lemma_4,
    theorem_2,
    sequential_better,
    lemma_5,
    corollary_r_eq_s,
    corollary_r_gt_s,
    corollary_r_lt_s,
)
