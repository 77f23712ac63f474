"""Pęski (2022), slides *Bargaining with mechanisms* (one-sided incomplete information), slide by slide.

Bob's payoffs and Alice's are checked against the second method where one exists: Bob's best
mechanism by LP over discretised types (models/one_sided/lp.py).
"""

from __future__ import annotations

import numpy as np

from bargainlab.core.distributions import Distribution, parse_distribution
from bargainlab.models.complete_info import random_proposer_backward_induction
from bargainlab.models.one_sided import (
    alice_menu_payoff,
    monopoly_revenue,
    neutral_condition,
    offer_shares,
    optimal_prices,
    property_rights_menu,
    solve,
)
from bargainlab.models.one_sided.lp import bob_best_mechanism, discretise
from bargainlab.models.one_sided.two_types import property_rights_two_types
from bargainlab.reproduce.item import Finding, compare, holds, not_computable
from bargainlab.reproduce.output import Output
from bargainlab.reproduce.registry import item

__all__ = ["ITEMS"]

F = "uniform"
V = 0.3
BETA = 0.4
DELTA = 0.9
CELLS = 400


def _uniform() -> Distribution:
    return parse_distribution(F)


def _discrete_revenue(cells: int = CELLS) -> float:
    """R(p*) for the discretised types (the buyer accepts at indifference): max_k v P(u < u_k) + u_k P(u >= u_k)."""
    types = discretise(_uniform(), cells)
    below = np.concatenate([[0.0], np.cumsum(types.weights)[:-1]])
    return float(max(V, np.max(V * below + types.values * (1 - below))))


@item(
    "definitions",
    "slides 'Model', 'Mechanisms as offers', 'Equilibrium notion and existence'",
    "environment, mechanisms as finite-horizon games, PBE and existence",
)
def definitions(out: Output) -> Finding:
    return not_computable("definitions and an existence result", "definitions; existence is a compactness argument")


@item("bob-utility", "slide 'Environment'", "Bob's utility (1 − q)v t")
def bob_utility(out: Output) -> Finding:
    sol = solve(F, V, 0.0)
    r = float(monopoly_revenue(_uniform(), V, np.array(sol.p_star)))
    return Finding(
        "(1 − q)v t",
        f"(1 − q)v − t gives Bob R(p*) = {sol.bob_payoff:.6g} at β = 0 (R(p*) = {r:.6g})",
        "corrected" if abs(sol.bob_payoff - r) < 1e-9 else "differs",
        abs(sol.bob_payoff - r),
        "S1",
        "the minus sign is lost in the source",
    )


@item(
    "complete-information",
    "slide 'Main result: Complete information'",
    "the players get (β max(u, v), (1 − β) max(u, v))",
)
def complete_information(out: Output) -> Finding:
    u = 0.8
    finite = random_proposer_backward_induction(u, V, BETA, 0.999, 20000)
    return compare(
        BETA * max(u, V),
        finite.payoffs[0],
        1e-6,
        printed_text="β max(u, v) = 0.32",
        note="backward induction of the random-proposer game (δ = 0.999)",
    )


@item(
    "complete-information-not-ic",
    "slide 'Main result: Complete information'",
    "the complete-information split is not IC when u > v",
)
def not_ic(out: Output) -> Finding:
    u, report = 0.8, 0.5  # Alice gets the good and pays (1 − β) × reported value
    truthful = u - (1 - BETA) * u
    lie = u - (1 - BETA) * report
    return holds(
        "type u > v gains by under-reporting",
        f"u = 0.8: truthful {truthful:.3g}, reporting 0.5 gives {lie:.3g}",
        lie > truthful,
    )


@item(
    "alice-optimal",
    "slide 'Optimal mechanisms'",
    "Alice's optimal mechanism: own the good, sell at v; payoffs (max(u, v), 0)",
)
def alice_optimal(out: Output) -> Finding:
    sol = solve(F, V, 1.0)
    u = sol.u
    worst = float(np.max(np.abs(sol.alice_payoff[0] - np.maximum(u, V)))) + abs(sol.bob_payoff)
    return compare(0.0, worst, 1e-9, printed_text="(max(u, v), 0)", note="β = 1 outcome on Alice's type grid")


@item("bob-optimal", "slide 'Optimal mechanisms'", "Bob's optimal mechanism: sell at p* ∈ argmax vF(p) + p(1 − F(p))")
def bob_optimal(out: Output) -> Finding:
    price = optimal_prices(_uniform(), V)
    lp = bob_best_mechanism(discretise(_uniform(), CELLS), V, np.zeros(CELLS))
    return compare(
        _discrete_revenue(),
        lp.bob_payoff,
        1e-9,
        printed_text=f"p* = (1 + v)/2 = {(1 + V) / 2:.4g}, R(p*) = {price.revenue:.6g}",
        note=f"p* = {price.lowest:.6g}; LP over all IC mechanisms on {CELLS} types = posted-price R on them",
    )


@item("p-star-unique", "slide 'Optimal mechanisms'", "assume for simplicity that p* is unique")
def unique(out: Output) -> Finding:
    def pdf(x: float) -> float:
        return 10.0 if (0.3 <= x <= 0.35 or 0.6 <= x <= 0.65) else 0.0

    def cdf(x: float) -> float:
        return float(np.clip((x - 0.3) * 10, 0, 0.5) + np.clip((x - 0.6) * 10, 0, 0.5))

    prices = optimal_prices(Distribution.from_functions(cdf, pdf, 0.3, 0.65, name="two bumps"), 0.0)
    return Finding(
        "p* unique (assumed)",
        f"two bumps, v = 0: maximisers {', '.join(f'{p:.4g}' for p in prices.prices)}",
        "corrected",
        None,
        "S2",
        "several maximisers are reported; Alice's payoffs as ranges",
    )


@item(
    "theorem", "slide 'Main result' (Theorem)", "payoffs as if Alice implements her optimum w.p. β, Bob his w.p. 1 − β"
)
def theorem(out: Output) -> Finding:
    sol = solve(F, V, BETA, DELTA)
    r = optimal_prices(_uniform(), V).revenue
    return compare(
        (1 - BETA) * r, sol.bob_payoff, 1e-9, printed_text="Π = (1 − β) R(p*)", note=f"β = {BETA}, δ = {DELTA}"
    )


@item("not-ex-post-efficient", "slide 'Main result'", "types v < u < p* do not get the good with probability 1 − β")
def not_efficient(out: Output) -> Finding:
    p_star = optimal_prices(_uniform(), V).lowest
    menu = property_rights_menu(BETA, p_star, V)
    u = np.linspace(V + 0.01, p_star - 0.01, 9)
    q = menu.allocation(u)
    return compare(
        BETA,
        float(np.max(np.abs(q - BETA))) + BETA,
        1e-12,
        printed_text="P(good) = β for v < u < p*",
        note=f"menu Y_(β, p*) at u in ({V}, {p_star:.3g})",
    )


@item("bob-convex", "slide 'Main result'", "Bob's payoffs are continuous and convex in F")
def bob_convex(out: Output) -> Finding:
    lam = np.linspace(0, 1, 21)
    grid = np.linspace(0, 1, 2001)
    f1, f2 = np.clip(grid, 0, 1), np.clip(grid, 0, 1) ** 3  # uniform and beta(3, 1) CDFs
    payoff = np.array(
        [(1 - BETA) * np.max(V * (w * f1 + (1 - w) * f2) + grid * (1 - (w * f1 + (1 - w) * f2))) for w in lam]
    )
    second = payoff[:-2] - 2 * payoff[1:-1] + payoff[2:]
    return holds(
        "convex in F",
        f"min second difference along λF₁ + (1 − λ)F₂: {second.min():.2e}",
        bool(second.min() >= -1e-12),
        margin=float(max(0.0, -second.min())),
        note="Π = (1 − β) max_p R_F(p) on mixtures of uniform and beta(3,1)",
    )


@item(
    "neutral",
    "slide 'Neutral solution' (Theorem)",
    "if (u − v) f(u) − (1 − F(u)) is increasing, equal property rights is the neutral solution",
)
def neutral(out: Output) -> Finding:
    cond = neutral_condition(_uniform(), V)
    return holds(
        "the condition holds for uniform F",
        f"holds: {cond.holds}",
        bool(cond.holds),
        note="the condition is computed; that the mechanism is then Myerson's neutral solution is axiomatic",
    )


@item(
    "commitment", "slide 'Main result'", "the outcome is best for Bob subject to Alice's complete-information payoffs"
)
def commitment(out: Output) -> Finding:
    types = discretise(_uniform(), CELLS)
    lp = bob_best_mechanism(types, V, BETA * np.maximum(types.values, V))
    sol = solve(F, V, BETA, DELTA)
    return compare(
        (1 - BETA) * _discrete_revenue(),
        lp.bob_payoff,
        1e-9,
        printed_text=f"Π*_β = (1 − β) R(p*) = {sol.bob_payoff:.6g}",
        note=f"LP: Bob's best IC mechanism with floors β max(u, v) on {CELLS} types",
    )


@item(
    "menu-payoffs",
    "slide 'Preliminaries' (menu Y_{α,p*})",
    "y*_α(u) = α max(u, v) + (1 − α) max(u − p*, 0), Π*_α = (1 − α) R(p*)",
)
def menu_payoffs(out: Output) -> Finding:
    p_star = optimal_prices(_uniform(), V).lowest
    u = np.linspace(0, 1, 101)
    worst = 0.0
    for alpha in (0.0, 0.3, 0.7, 1.0):
        printed = alpha * np.maximum(u, V) + (1 - alpha) * np.maximum(u - p_star, 0)
        worst = max(worst, float(np.max(np.abs(alice_menu_payoff(u, V, p_star, alpha) - printed))))
    return compare(
        0.0,
        worst,
        1e-12,
        printed_text="the menu's payoffs, affine in α",
        note="menu choice by each type, α ∈ {0, 0.3, 0.7, 1}",
    )


@item(
    "offer-shares",
    "slide 'Preliminaries' (equilibrium offers)",
    "α_A = 1 − δ(1 − β), α_B = δβ, β α_A + (1 − β) α_B = β",
)
def shares(out: Output) -> Finding:
    a, b = offer_shares(BETA, DELTA)
    worst = max(abs(a - (1 - DELTA * (1 - BETA))), abs(b - DELTA * BETA), abs(BETA * a + (1 - BETA) * b - BETA))
    return compare(0.0, worst, 1e-12, printed_text="α_A = 0.46, α_B = 0.36, average β", note=f"β = {BETA}, δ = {DELTA}")


@item("bob-indifferent", "slide 'Preliminaries'", "Bob is indifferent: Π*_{α_A} = Π*_{1−δ(1−β)} = δΠ*_β")
def indifferent(out: Output) -> Finding:
    sol = solve(F, V, BETA, DELTA)
    return compare(0.0, abs(sol.bob_indifference), 1e-12, printed_text="Π*_{α_A} − δΠ*_β = 0")


@item("alice-accepts", "slide 'Preliminaries'", "Alice weakly prefers to accept: y*_{δβ} ≥ δ y*_β")
def accepts(out: Output) -> Finding:
    sol = solve(F, V, BETA, DELTA)
    return holds(
        "y*_{δβ} − δ y*_β ≥ 0", f"min margin {sol.alice_acceptance_margin:.2e}", sol.alice_acceptance_margin >= -1e-12
    )


@item("lower-bound-bob", "slide 'Lower bound on Bob's payoffs'", "Π_x < β_B Π_{δx+ε} + (1 − β_β) δ Π_x for x > β")
def lower_bound_bob(out: Output) -> Finding:
    r = optimal_prices(_uniform(), V).revenue
    x, eps = 0.6, 1e-3

    def pi(alpha: float) -> float:
        return (1 - alpha) * r

    gain = (1 - BETA) * pi(DELTA * x + eps) + BETA * DELTA * pi(x) - pi(x)
    formula = r * ((x - BETA) * (1 - DELTA) - (1 - BETA) * eps)
    return Finding(
        "(1 − β_β) (index lost)",
        f"with (1 − β_B) = β_A: RHS − LHS = {gain:.6g} > 0 (formula {formula:.6g})",
        "corrected" if gain > 0 and abs(gain - formula) < 1e-12 else "differs",
        abs(gain - formula),
        "S4",
        f"x = {x} > β = {BETA}, ε = {eps}",
    )


@item("lower-bound-alice", "slide 'Lower bound on Alice's payoffs'", "Alice gets at least y*_β")
def lower_bound_alice(out: Output) -> Finding:
    return not_computable(
        "an equilibrium argument",
        "about all equilibria (menus of menus as counteroffers); its value y*_β is the theorem item",
    )


@item("coasian", "slide 'Commitment and Coasian bargaining'", "with β = 0 Bob sells at price p* > v")
def coasian(out: Output) -> Finding:
    above = optimal_prices(_uniform(), V).lowest
    top = optimal_prices(_uniform(), 1.2).lowest
    return Finding(
        "p* > v",
        f"v = {V}: p* = {above:.4g} > v; v = 1.2 ≥ b: p* = {top:.4g} = v (no sale)",
        "corrected",
        None,
        "S3",
        "p* > v exactly when F(v) < 1",
    )


@item(
    "two-types-two-sided",
    "slide 'Two-sided incomplete information'",
    "β-random property rights with price u_h is ex post efficient",
)
def two_types(out: Output) -> Finding:
    m = property_rights_two_types(0.2, 0.8, 0.4, 0.6, 0.5)
    return Finding(
        "ex post efficient (sale at u_h)",
        f"ex post efficient: {m.ex_post_efficient} with the buyer accepting at indifference",
        "corrected" if m.ex_post_efficient else "differs",
        None,
        "S5",
        "at price u_h a high buyer is indifferent",
    )


@item(
    "extensions",
    "slides 'Renegotiation', 'Heterogeneous pie', 'Other bargaining environments', 'Neutral solution' (axioms)",
    "extensions and axiomatic remarks",
)
def extensions(out: Output) -> Finding:
    return not_computable("qualitative extensions", "no model is specified precisely enough to compute")


ITEMS = (
    definitions,
    bob_utility,
    complete_information,
    not_ic,
    alice_optimal,
    bob_optimal,
    unique,
    theorem,
    not_efficient,
    bob_convex,
    neutral,
    commitment,
    menu_payoffs,
    shares,
    indifferent,
    accepts,
    lower_bound_bob,
    lower_bound_alice,
    coasian,
    two_types,
    extensions,
)
