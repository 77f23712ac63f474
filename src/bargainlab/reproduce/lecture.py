"""Backus and Valenzuela-Stookey, *Bargaining* (lecture notes): every model's stated properties.

Nash's axioms and the generalised solution, Nash-in-Nash, the Rubinstein microfoundation,
Myerson–Satterthwaite, the k-double auction (posted-price equilibria, the linear equilibrium),
the DSIC and BIC characterisations, bargaining power as the price, and Loertscher–Marx; the
comparative-statics figures are drawn (viz/lecture_statics.py).
"""

from __future__ import annotations

import numpy as np

from bargainlab.models.bilateral_trade import best_posted_price, myerson_satterthwaite
from bargainlab.models.double_auction import linear_equilibrium
from bargainlab.models.nash import nash_solution
from bargainlab.models.nash_in_nash import Agreement, nash_in_nash
from bargainlab.models.rubinstein import rubinstein
from bargainlab.reproduce.item import Finding, compare, holds, not_computable
from bargainlab.reproduce.output import Output
from bargainlab.reproduce.registry import item

__all__ = ["ITEMS"]

#: A feasible set with an asymmetric frontier: the polytope with these vertices.
VERTICES = [(0.0, 0.0), (1.0, 0.0), (0.8, 0.5), (0.0, 0.9)]


@item("nash-pareto", "Nash's axioms: Pareto efficiency", "f_N(U, d) is Pareto efficient")
def pareto(out: Output) -> Finding:
    sol = nash_solution(vertices=VERTICES)
    x, y = sol.point
    # on the frontier: no point of U dominates; the frontier edge through (1,0)-(0.8,0.5)-(0,0.9)
    grid = np.linspace(0, 1, 2001)
    upper = np.interp(grid, [0.0, 0.8, 1.0], [0.9, 0.5, 0.0])
    dominated = bool(np.any((grid >= x - 1e-12) & (upper > y + 1e-9) & (grid > x + 1e-9)))
    return holds("no v ∈ U with v ≥ f_N, v ≠ f_N", f"f_N = ({x:.6g}, {y:.6g}); dominated: {dominated}", not dominated)


@item("nash-symmetry", "Nash's axioms: symmetry", "symmetric U and d give f₁ = f₂")
def symmetry(out: Output) -> Finding:
    sol = nash_solution(vertices=[(0, 0), (1, 0), (0.7, 0.7), (0, 1)], disagreement=(0.1, 0.1))
    return compare(sol.point[0], sol.point[1], 1e-9, printed_text="f₁ = f₂")


@item("nash-invariance", "Nash's axioms: invariance to payoff representations", "f(αU + β, αd + β) = α f(U, d) + β")
def invariance(out: Output) -> Finding:
    base = nash_solution(vertices=VERTICES)
    scaled = nash_solution(vertices=[(2 * a + 1, 3 * b - 1) for a, b in VERTICES], disagreement=(1.0, -1.0))
    expected = np.array([2 * base.point[0] + 1, 3 * base.point[1] - 1])
    return compare(
        0.0,
        float(np.max(np.abs(np.array(scaled.point) - expected))),
        1e-9,
        printed_text="affine covariance",
        note="v₁ ↦ 2v₁ + 1, v₂ ↦ 3v₂ − 1",
    )


@item(
    "nash-iia",
    "Nash's axioms: independence of irrelevant alternatives",
    "U' ⊆ U with f(U, d) ∈ U' gives f(U', d) = f(U, d)",
)
def iia(out: Output) -> Finding:
    base = nash_solution(vertices=VERTICES)
    x, y = base.point
    smaller = nash_solution(vertices=[(0, 0), (x, 0), (x, y), (0, y)])
    return compare(
        0.0,
        float(np.max(np.abs(np.array(smaller.point) - np.array(base.point)))),
        1e-9,
        printed_text="f(U', d) = f(U, d)",
        note="U' = the box [0, f₁] × [0, f₂]",
    )


@item("nash-theorem", "Theorem (Nash, 1950)", "f_N is the unique solution satisfying the four axioms")
def nash_theorem(out: Output) -> Finding:
    return not_computable(
        "uniqueness among all solutions", "a statement over all bargaining solutions; each axiom is checked above"
    )


@item(
    "nash-unique", "Remarks (existence, uniqueness)", "the maximiser is unique: the objective is strictly quasi-concave"
)
def nash_unique(out: Output) -> Finding:
    a = nash_solution(vertices=VERTICES, bargaining_power=0.3)
    b = nash_solution(vertices=list(reversed(VERTICES)), bargaining_power=0.3)
    return compare(
        0.0,
        float(np.max(np.abs(np.array(a.point) - np.array(b.point)))),
        1e-9,
        printed_text="one maximiser (0 < β < 1)",
        note="the same point from two vertex orders; β ∈ {0, 1}: see errata",
    )


@item(
    "nash-beta-figure",
    "Generalised Nash solution ('which point depends on the weights')",
    "any frontier point is f_β for some β",
)
def nash_beta(out: Output) -> Finding:
    from bargainlab.viz.lecture_statics import nash_against_beta

    data = nash_against_beta(points=41)
    out.figure("nash-against-beta", data)
    v1 = np.asarray(data.columns["v1"])
    ok = bool(np.all(np.diff(v1) > 0)) and v1[0] < 1e-6 and v1[-1] > 1 - 1e-6
    return holds(
        "β ↦ f_β sweeps the frontier",
        f"v₁ rises from {v1[0]:.2g} to {v1[-1]:.6g}",
        ok,
        note="frontier v₂ = 1 − v₁²; v₁ = √(β/(2 − β))",
    )


@item("rubinstein", "Remarks (microfoundation, Binmore et al. 1986)", "alternating offers → the Nash solution as δ → 1")
def rubinstein_limit(out: Output) -> Finding:
    share = rubinstein(0.9999, 0.9999).shares[0]
    return compare(0.5, share, 1e-4, printed_text="1/2 (symmetric Nash)", note="Rubinstein share at δ₁ = δ₂ = 0.9999")


@item("nash-in-nash", "Nash-in-Nash", "p^N_ij = (b_iΔπ_j − b_jΔπ_i)/(b_i + b_j)")
def nin(out: Output) -> Finding:
    outcome = nash_in_nash([Agreement("H", "M", 3.0, 1.0)], weights={"H": 1, "M": 3})
    formula = (1 * 1.0 - 3 * 3.0) / 4
    return compare(formula, outcome.agreements[0].transfer, 1e-12, printed_text=f"(1·1 − 3·3)/4 = {formula:g}")


@item(
    "myerson-satterthwaite",
    "Theorem (Myerson and Satterthwaite 1983)",
    "if v̲ < c̄ no efficient BIC, IIR mechanism avoids a deficit",
)
def ms(out: Output) -> Finding:
    overlap = myerson_satterthwaite("uniform", "uniform")
    apart = myerson_satterthwaite("uniform(0.5,1)", "uniform(0,0.5)")
    return Finding(
        "v̲ < c̄ ⇒ deficit",
        f"uniforms: deficit {overlap.deficit_efficient:.6g} (= 1/6); v̲ = 0 < c̄ = 1.5 but no overlap "
        "(costs U[0.5, 1.5], values U[0, 0.5]): "
        f"deficit {apart.deficit_efficient:g}",
        "corrected" if apart.deficit_efficient == 0 and abs(overlap.deficit_efficient - 1 / 6) < 1e-8 else "differs",
        abs(overlap.deficit_efficient - 1 / 6),
        "N2",
        "impossibility iff the supports overlap",
    )


@item(
    "ms-proof-mechanism",
    "Myerson–Satterthwaite, proof",
    "the buyer pays max(c, v̲), the seller gets min(v, c̄): a deficit ∫(1 − G)F",
)
def ms_proof(out: Output) -> Finding:
    from scipy import integrate

    # uniform costs on [0, 1], uniform values on [0.2, 1.2]: v̲ = 0.2, c̄ = 1
    low_v, high_c = 0.2, 1.0
    direct = integrate.dblquad(
        lambda c, v: (min(v, high_c) - max(c, low_v)) * (c <= v),
        low_v,
        1.2,
        0.0,
        lambda v: min(v, 1.0),
    )[0]
    formula = myerson_satterthwaite("uniform", "uniform(0.2, 1)").deficit_efficient  # scipy: loc 0.2, scale 1
    return compare(
        formula,
        direct,
        1e-8,
        printed_text=f"deficit ∫(1 − G)F = {formula:.6g}",
        note="the proof's mechanism integrated directly (dblquad), costs U[0,1], values U[0.2,1.2]",
    )


@item(
    "posted-price-equilibria",
    "k-double auction ('Fix p ∈ (c̲, v̄)')",
    "bid/ask p is an equilibrium for every p and every k (DSIC)",
)
def posted_equilibria(out: Output) -> Finding:
    from bargainlab.viz.lecture_statics import posted_price_equilibria

    worst = 0.0
    for k in (0.0, 0.5, 1.0):
        data = posted_price_equilibria(k=k, points=7)
        if k == 0.5:
            out.figure("k-double-auction-posted-price-equilibria", data)
        worst = max(worst, float(np.max(data.columns["buyer_gain"])), float(np.max(data.columns["seller_gain"])))
    return compare(
        0.0,
        worst,
        1e-9,
        printed_text="no gain from deviating",
        note="largest gain from deviating (discretised best responses), 7 prices × k ∈ {0, 1/2, 1}",
    )


@item(
    "double-auction-k",
    "Remark on bargaining power ('regardless of k')",
    "k is not bargaining power: posted-price equilibria exist for every k",
)
def double_auction_k(out: Output) -> Finding:
    from bargainlab.viz.lecture_statics import double_auction_against_k

    data = double_auction_against_k(points=41)
    out.figure("k-double-auction-surplus-against-k", data)
    s = np.asarray(data.columns["surplus"])
    return holds(
        "same equilibrium set for every k (smooth equilibria differ)",
        f"linear-equilibrium surplus from {s.min():.4g} to {s.max():.4g} (9/64 at k = 1/2)",
        abs(s.max() - 9 / 64) < 1e-9,
        note="the linear (smooth) equilibrium depends on k, as the aside says",
    )


@item(
    "dsic-theorem",
    "Theorem (DSIC version)",
    "only randomisations over posted prices are BB, ex post IR, DSIC and undominated",
)
def dsic(out: Output) -> Finding:
    return not_computable(
        "a characterisation",
        "over all DSIC mechanisms (Hagerty–Rogerson); the posted-price equilibria are checked above",
    )


@item(
    "bic-theorem",
    "Theorem (BIC version)",
    "every BB, IIR, BIC, undominated mechanism is interim-equivalent to posted prices",
)
def bic(out: Output) -> Finding:
    eq = linear_equilibrium(0.5)
    best = best_posted_price("uniform", "uniform")
    return Finding(
        "BIC outcomes = randomised posted prices",
        f"the k = 1/2 equilibrium (BIC, IIR, BB) gives {eq.surplus:.6g} = 9/64 > best posted price {best.surplus:.6g}",
        "corrected" if eq.surplus > best.surplus + 1e-9 else "differs",
        eq.surplus - best.surplus,
        "N1",
        "true for DSIC and ex post IR only",
    )


@item(
    "k-equilibria-set",
    "BIC version (summary)",
    "for any k the equilibria are exactly the reasonable outcomes, i.e. posted prices",
)
def k_set(out: Output) -> Finding:
    eq = linear_equilibrium(0.5)
    return Finding(
        "equilibria = (distributions over) posted prices",
        f"the linear equilibrium (trade iff b − s ≥ {eq.trade_intercept:.3g}) is no posted price",
        "corrected",
        None,
        "N1",
        "see the BIC theorem item",
    )


@item(
    "bargaining-power-is-p",
    "Remark on bargaining power ('What is? p!')",
    "the price p selects among the reasonable outcomes",
)
def power_is_p(out: Output) -> Finding:
    from bargainlab.viz.lecture_statics import posted_price_against_price

    data = posted_price_against_price(points=101)
    out.figure("posted-price-surplus-against-price", data)
    p = np.asarray(data.columns["price"])
    middle = (p >= 1 / 3) & (p <= 2 / 3)
    seller, buyer = np.asarray(data.columns["seller_payoff"])[middle], np.asarray(data.columns["buyer_payoff"])[middle]
    ok = bool(np.all(np.diff(seller) > 0) and np.all(np.diff(buyer) < 0))
    return holds(
        "p trades the seller's payoff against the buyer's",
        f"on p ∈ [1/3, 2/3] the seller's payoff rises, the buyer's falls: {ok}",
        ok,
        note="uniform values; outside [1/3, 2/3] both payoffs move together (dominated prices)",
    )


@item(
    "loertscher-marx",
    "Loertscher and Marx (2022) ('pick up all points on the frontier')",
    "varying the weights traces the undominated frontier",
)
def lm(out: Output) -> Finding:
    from bargainlab.viz.lecture_statics import loertscher_marx_against_weight

    data = loertscher_marx_against_weight(points=11, samples=2**11)
    out.figure("loertscher-marx-against-weights", data)
    c = data.columns
    ok = bool(np.all(np.diff(c["buyer_payoff"]) >= -1e-9) and np.all(np.diff(c["seller_payoff"]) <= 1e-9))
    middle = float(np.asarray(c["surplus"])[5])
    return holds(
        "weights move along the frontier; equal weights give the second best",
        f"buyer's payoff rises, seller's falls with w: {ok}; surplus at w = 1/2: {middle:.4g} (9/64 = 0.1406)",
        ok and abs(middle - 9 / 64) < 3e-3,
        note="QMC with 2^11 draws per weight",
    )


@item(
    "lm-equivalence",
    "Loertscher and Marx (BIC ⇔ DSIC)",
    "BIC/IIR mechanisms are interim-equivalent to DSIC/ex post IR ones",
)
def lm_equivalence(out: Output) -> Finding:
    return not_computable("an equivalence theorem", "a statement over all mechanisms of the market")


@item("definitions", "Modeling bargaining; Primitives; Transparency", "definitions and discussion")
def definitions(out: Output) -> Finding:
    return not_computable("definitions", "definitions and qualitative discussion")


ITEMS = (
    definitions,
    pareto,
    symmetry,
    invariance,
    iia,
    nash_theorem,
    nash_unique,
    nash_beta,
    rubinstein_limit,
    nin,
    ms,
    ms_proof,
    posted_equilibria,
    double_auction_k,
    dsic,
    bic,
    k_set,
    power_is_p,
    lm,
    lm_equivalence,
)
