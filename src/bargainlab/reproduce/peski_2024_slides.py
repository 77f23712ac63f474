"""Pęski (2024), slides *Bargaining with mechanisms and two-sided incomplete information*, slide by slide.

Slides with only definitions (model, mechanisms, derived mechanisms, equilibrium, commitment,
outline, motivation) are listed once as not computable; every slide with a claim about numbers
is computed.
"""

from __future__ import annotations

import numpy as np

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.models.complete_info import random_proposer_backward_induction
from bargainlab.models.floor_frontier import floor_frontier_ends
from bargainlab.models.two_sided.outcome import gap, solve
from bargainlab.reproduce._claims import claim_results, finding_of
from bargainlab.reproduce.item import Finding, Item, compare, holds, not_computable
from bargainlab.reproduce.output import Output
from bargainlab.reproduce.registry import item

__all__ = ["ITEMS"]


@item(
    "definitions",
    "slides 'Model', 'Feasible payoffs', 'Mechanisms', 'Derived mechanisms', 'Bargaining game', 'Commitment'",
    "definitions of the game, of U(p), of (abstract) mechanisms and of IP_i(m)",
)
def definitions(out: Output) -> Finding:
    return not_computable("definitions", "definitions only; U(p) is the interim LP every other item solves")


@item(
    "implementation-theorem",
    "slide 'Theorem' (real vs abstract mechanisms)",
    "abstract mechanisms are limits of real ones",
)
def implementation(out: Output) -> Finding:
    return not_computable(
        "approximation theorem", "an existence statement about correspondences (Michael's theorem, Abreu–Matsushima)"
    )


@item("existence", "slide 'Bargaining game' (equilibrium existence)", "an equilibrium exists (largest fixed point)")
def existence(out: Output) -> Finding:
    return not_computable("existence of equilibrium", "a fixed-point argument over the compact space of mechanisms")


@item(
    "complete-information",
    "slide 'Complete information bargaining' (Claim)",
    "with t₁ < t₂ known, player i gets β_i t₂",
)
def complete_information(out: Output) -> Finding:
    t1, t2, beta, delta = 0.3, 1.0, 0.35, 0.999
    finite = random_proposer_backward_induction(t1, t2, beta, delta, 20000)
    return compare(
        beta * t2,
        finite.payoffs[0],
        1e-6,
        printed_text="β₁ t₂ = 0.35",
        note="backward induction of the random-proposer game (20,000 rounds, δ = 0.999)",
    )


@item(
    "complete-information-deviation",
    "slide 'Complete information bargaining' (Proof)",
    "if x* < β₁, rejecting and offering (1 − δ(1 − x*)) t₂ is a profitable deviation",
)
def deviation(out: Output) -> Finding:
    beta, delta, t2 = 0.4, 0.9, 1.0
    xs = np.linspace(0.0, 1.0, 101)
    waiting = beta * (1 - delta * (1 - xs)) * t2 / (1 - delta * (1 - beta))
    profitable = waiting > xs * t2 + 1e-12
    ok = bool(np.all(profitable == (xs < beta - 1e-12)))
    return holds(
        "profitable exactly when x* < β₁",
        f"profitable on x* < {xs[profitable].max():.2f} (β₁ = {beta})",
        ok,
        note="payoff of waiting to propose: β Σ (δ(1−β))^t (1 − δ(1 − x)) t₂ (eq. 3.1 as corrected)",
    )


@item(
    "informed-principal",
    "slide 'Benchmarks' (informed principal)",
    "with β_i = 1 each type of i gets M(t_i; p_-i), whatever p_i",
)
def informed_principal(out: Output) -> Finding:
    worst = 0.0
    for p1 in (0.2, 0.5, 0.8):
        sol = solve(two_sided_environment([0.1, 0.6], [0.3, 1.0], p1, 0.4, 1.0))
        monopoly = monopoly_payoff(np.array([0.1, 0.6]), [0.3, 1.0], [0.6, 0.4])
        got = np.array([u.low for u in sol.payoffs[0]])
        worst = max(worst, float(np.max(np.abs(got - monopoly))))
    return compare(
        0.0,
        worst,
        1e-7,
        printed_text="u₁(t₁) = M(t₁; p₂), independent of p₁",
        note="interim LP at p₁ = 0.2, 0.5, 0.8 (β₁ = 1)",
    )


@item(
    "monopoly-formula", "slide 'Benchmarks' (monopoly payoff)", "M(t_i; p_-i) = max_τ p(t ≤ τ) t_i + (1 − p(t ≤ τ)) τ"
)
def monopoly_formula(out: Output) -> Finding:
    exact = float(monopoly_payoff(np.array(0.1), [0.3, 1.0], [0.5, 0.5]))
    prices = np.linspace(0, 1, 100001)
    printed = float(np.max(np.where(prices >= 1.0, 0.1, np.where(prices >= 0.3, 0.05 + 0.5 * prices, prices))))
    return compare(
        printed,
        exact,
        1e-12,
        printed_text=f"max over prices (buyer rejects at indifference) ≈ {printed:.6g}",
        erratum="E1",
        note="the maximum is not attained; bargainlab uses the supremum",
    )


@item(
    "one-sided",
    "slide 'One-sided incomplete information'",
    "a known type: payoffs unique, the random monopoly mechanism is interim efficient",
)
def one_sided(out: Output) -> Finding:
    worst = 0.0
    for p1, p2 in ((1.0, 0.4), (0.0, 0.7), (0.3, 1.0), (0.6, 0.0)):
        ends = floor_frontier_ends(two_sided_environment([0.1, 0.6], [0.3, 1.0], p1, p2, 0.5))
        worst = max(worst, ends.spread)
    return compare(
        0.0,
        worst,
        1e-7,
        printed_text="unique payoffs when p_i ∈ {0, 1}",
        note="spread of the interim-efficient frontier within the floors (4 points, two LPs each)",
    )


@item(
    "theorem-2-floors",
    "slide 'Random monopoly payoff bound' (Theorem 2)",
    "u_i(t_i) ≥ β_i M_i(t_i; p_-i) for each δ < 1",
)
def theorem_2(out: Output) -> Finding:
    return not_computable(
        "a bound on all equilibria", "about every equilibrium of the game; the floors are imposed in every LP"
    )


def _pinned(key: str, label: str, v1: list[float], v2: list[float], beta: float, erratum: str | None = None) -> Item:
    def compute(out: Output) -> Finding:
        ends = floor_frontier_ends(two_sided_environment(v1, v2, 0.5, 0.5, beta))
        return holds(
            f"{label}: unique interim-efficient payoffs within the floors",
            f"frontier ends within the floors (player 1's ex ante payoff): {ends.best_for_1[0]:.6g} and "
            f"{ends.best_for_2[0]:.6g} (values {v1} | {v2}, β = {beta}, p = (1/2, 1/2))",
            ends.spread < 1e-7,
            margin=ends.spread,
            erratum=erratum,
            note="two LPs: the ends of the interim-efficient frontier inside the floors",
        )

    return Item(
        key,
        "slide 'Random monopoly payoff bound' ('Theorem 2 is enough')",
        f"the floors pin the payoffs when {label}",
        compute,
    )


@item(
    "gap-exists",
    "slide 'Random monopoly payoff bound'",
    "in general there is a gap between random monopoly payoffs and efficiency",
)
def gap_exists(out: Output) -> Finding:
    g = gap(two_sided_environment([0.1, 0.6], [0.3, 1.0], 0.5, 0.5, 0.5), method="lp")
    return holds("Gap > 0 in general", f"Gap = {g.gap:.6g} at l = (0.1, 0.3), h = (0.6, 1), p = β = 1/2", g.gap > 1e-6)


@item(
    "offers-cannot-refuse",
    "slide 'Offers that cannot be refused'",
    "a^i(x) ⊆ A_x^i cannot be refused given A_x^i and I_{-i}(a^i(x)) = a^i(x)",
)
def cannot_refuse(out: Output) -> Finding:
    names = ("lemma5_floors", "lemma5_refuse_a1", "lemma5_refuse_a2", "revelation_a1_by_2", "revelation_a2_by_1")
    results = [claim_results(n)[0] for n in names]
    worst = max(r.worst for r in results)
    ok = all(r.passed for r in results)
    return holds(
        "cannot be refused; closed under the responder's revelation",
        f"{len(names)} certificate claims, worst margin {worst:.2e}",
        ok,
        margin=worst,
        note="claims " + ", ".join(names) + " (the slide states Lemma 5 (3) for −i, as corrected in E7)",
    )


@item(
    "offer-design-lemmas",
    "slides 'Offer design' (Lemma; '+_{-i} w'; signaling)",
    "MM_{-i}{m, a} ⊆ a; a transfer w makes any offer unrefusable; signaling bound u_i ≥ v_i",
)
def offer_design(out: Output) -> Finding:
    return not_computable(
        "statements about all mechanisms m, a",
        "about arbitrary mechanisms and beliefs; the a^i(x) instances are checked",
    )


@item(
    "delta-shift",
    "slide 'Random monopoly' (proof)",
    "δA_x^i ⊆ A^i_{1−δ(1−x)}: deliver now w.p. δ, monopoly payoff w.p. 1 − δ",
)
def delta_shift(out: Output) -> Finding:
    from bargainlab.models.two_sided import mechanisms as mech
    from bargainlab.models.two_sided.closed_form import BinaryValues

    values = BinaryValues(0.1, 0.6, 0.3, 1.0)
    worst = 0.0
    for x, delta, p1, p2 in ((0.3, 0.9, 0.4, 0.6), (0.6, 0.5, 0.7, 0.2), (0.1, 0.99, 0.5, 0.5)):
        inside = mech.a1(values, p1, p2, x).payoffs1  # a point of A_x^1 (exactly x M_1)
        monopoly = monopoly_payoff(np.array([values.l1, values.h1]), [values.l2, values.h2], [1 - p2, p2])
        mixed = delta * inside + (1 - delta) * monopoly
        worst = max(worst, float(np.max((1 - delta * (1 - x)) * monopoly - mixed)))
    return compare(
        0.0,
        max(worst, 0.0),
        1e-12,
        printed_text="u₁ ≥ (1 − δ(1 − x)) M₁ after the mixture",
        note="a¹(x) mixed with player 1's monopoly mechanism, three (x, δ, p)",
    )


@item("gap-bound", "slide 'The Gap'", "Gap(p) ≤ 6.25% of h₂ for all p")
def gap_bound(out: Output) -> Finding:
    return finding_of("gap_bound", claim_results("gap_bound")[0], "Gap(p) ≤ 6.25% · h₂")


@item("gap-bound-attained", "slide 'The Gap'", "the bound 6.25% is tight (l₁ = 0, h₁ = l₂ = h₂/2, β = p = 1/2)")
def gap_attained(out: Output) -> Finding:
    g = gap(two_sided_environment([0.0, 0.5], [0.5, 1.0], 0.5, 0.5, 0.5), method="lp")
    return compare(0.0625, g.gap, 1e-9, printed_text="6.25% · h₂", note="interim LP")


@item("theorem-3-limit", "slide 'The Gap' (Theorem 3)", "p₁·u₁ → p₁·β₁M₁ + Gap(p) as δ → 1")
def theorem_3(out: Output) -> Finding:
    env = two_sided_environment([0.1, 0.6], [0.3, 1.0], 0.5, 0.5, 0.5)
    sol = solve(env)
    g = gap(env, method="lp")
    return compare(
        g.floor + g.gap,
        sol.ex_ante_payoff,
        1e-8,
        printed_text="E = p₁·β₁M₁ + Gap",
        note="the δ → 1 outcome (interim LP) against floor + gap",
    )


@item("theorem-3-uniqueness", "slide 'The Gap'", "player 1's payoffs unique ex ante, player 2's unique interim")
def theorem_3_unique(out: Output) -> Finding:
    a, b = claim_results("theorem3")
    return holds(
        "unique allocation and player-2 payoffs",
        f"worst widths {a.worst:.1e}, {b.worst:.1e} over {a.draws} draws",
        a.passed and b.passed,
        margin=max(a.worst, b.worst),
        note="ranges over the LP's optimal face",
    )


@item("player-1-gets-gap", "slide 'Player 1 gets the entire Gap'", "a² attains E: p₁·a²₁(p) = E(p)")
def player_1_gets_gap(out: Output) -> Finding:
    return finding_of("eq_5_1", claim_results("eq_5_1")[0], "a² gives player 1 the whole gap")


@item(
    "why-mix-and-match",
    "slide 'Player 1 gets the entire Gap' (Why?)",
    "a¹, a² − Gap(·, p₂*), linearly transferable payoffs for p₁ ≥ p₁*, convexity of a²",
)
def why(out: Output) -> Finding:
    from bargainlab.viz import author_views as av

    values = av.binary_values(0.1, 0.6, 0.3, 1.0)
    out.figure("author-view-offers", av.offers_view(values, 0.5, moving="p2", belief=0.5))
    out.figure("author-view-gap", av.gap_view(values, 0.5, moving="p1", belief=0.5))
    out.figure("author-view-whole-gap", av.whole_gap_view(values, 0.5, belief=0.7))
    out.figure("author-view-convexity", av.convexity_view(values, 0.5, moving="p2", belief=0.2))
    a, b = claim_results("convex_p2_l1")[0], claim_results("convex_p2_h1")[0]
    return holds(
        "a² convex (in p₂)",
        f"l₁: worst {a.worst:.1e}; h₁: worst {b.worst:.1e} ({'PASS' if b.passed else 'FAIL'})",
        a.passed and b.passed,
        margin=max(a.worst, b.worst),
        erratum="E8",
        note="convexity in p₂ holds for l₁, fails for h₁ below p₁*; see `bargainlab plot author-views` for the pieces",
    )


ITEMS = (
    definitions,
    implementation,
    existence,
    complete_information,
    deviation,
    informed_principal,
    monopoly_formula,
    one_sided,
    theorem_2,
    _pinned("pinned-beta", "β ∈ {0, 1}", [0.1, 0.6], [0.3, 1.0], 1.0),
    _pinned("pinned-l1-l2", "l₁ = l₂", [0.3, 0.6], [0.3, 1.0], 0.5),
    _pinned("pinned-l2-h1", "l₂ = h₁", [0.0, 0.5], [0.5, 1.0], 0.5, erratum="E10"),
    _pinned("pinned-h1-h2", "h₁ = h₂", [0.1, 1.0], [0.3, 1.0], 0.5),
    gap_exists,
    offer_design,
    cannot_refuse,
    delta_shift,
    gap_bound,
    gap_attained,
    theorem_3,
    theorem_3_unique,
    player_1_gets_gap,
    why,
)
