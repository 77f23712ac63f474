"""Pęski (2024), *Bargaining with mechanisms: two-sided incomplete information* (the paper).

Items: Tables 1–4 at a point of every zone (CSV and LaTeX, each checked against the interim LP),
the zone figure below Table 1, Figure 5.1, Propositions 1–2, the 6.25% example, Theorem 3's
uniqueness statements, the introduction's examples, the Section 5.5 leading term, eqs. (3.1),
(3.2), (5.1), Lemma 5 and Proposition 4. The claims are those of ``bargainlab check two-sided``
(models/two_sided/claims.py), run here with a small sample.
"""

from __future__ import annotations

import numpy as np

from bargainlab.core.environment import two_sided_environment
from bargainlab.core.monopoly import monopoly_payoff
from bargainlab.models.two_sided import mechanisms
from bargainlab.models.two_sided.closed_form import BinaryValues, p2_star, p2_star_star
from bargainlab.models.two_sided.outcome import gap, solve
from bargainlab.reproduce._claims import claim_item
from bargainlab.reproduce.item import CORRECTED, Finding, Item, compare, holds, not_computable
from bargainlab.reproduce.output import Output
from bargainlab.reproduce.registry import item

__all__ = ["ITEMS", "TABLE_VALUES", "zone_points"]

#: Values of the reproduced tables: Tables 1 and 3 (l1 < l2 < h1 < h2), Tables 2 and 4 (l1 < h1 < l2 < h2).
TABLE_VALUES = {
    "prop1": BinaryValues(l1=0.1, h1=0.6, l2=0.3, h2=1.0),
    "prop2": BinaryValues(l1=0.0, h1=0.4, l2=0.6, h2=1.0),
}
SHARE = 0.5
TOL = 1e-7
#: Random parameter draws of the genericity item (Theorem 3, player 1).
UNIQUENESS_DRAWS = 20

#: (table number, mechanism, ordering, zone) → erratum id when the zone is lost or garbled in the source.
TABLE_ERRATA = {
    (1, "B"): "E5",
    (1, "C"): "E5",
    (2, "B"): "E5",
    (2, "C"): "E5",
    (2, "D"): "E5",
    (3, "A"): "E6",
    (3, "B"): "E6",
    (3, "C"): "E6",
    (4, "A"): "E6",
    (4, "C"): "E6",
}
TABLES = ((1, "a2", "prop1"), (2, "a2", "prop2"), (3, "a1", "prop1"), (4, "a1", "prop2"))


def zone_points(name: str, values: BinaryValues, x: float, grid: int = 49) -> dict[str, tuple[float, float]]:
    """A belief point (p_1, p_2) inside each zone of mechanism ``name`` (the zone cell nearest its median)."""
    axis = np.linspace(0.02, 0.98, grid)
    P1, P2 = np.meshgrid(axis, axis, indexing="ij")
    labels = mechanisms.zones(name, values, P1, P2, x)
    points = {}
    for zone in sorted(set(labels.ravel().tolist())):
        where = np.argwhere(labels == zone)
        centre = np.median(where, axis=0)
        a, b = where[np.argmin(np.sum((where - centre) ** 2, axis=1))]
        points[str(zone)] = (float(axis[a]), float(axis[b]))
    return points


def _env(values: BinaryValues, p1: float, p2: float, x: float):
    return two_sided_environment([values.l1, values.h1], [values.l2, values.h2], p1, p2, x)


def _table_item(number: int, name: str, case: str, zone: str) -> Item:
    def compute(out: Output) -> Finding:
        from bargainlab.report.mechanism_tables import mechanism_latex

        values = TABLE_VALUES[case]
        p1, p2 = zone_points(name, values, SHARE)[zone]
        m = mechanisms.mechanism(name, values, p1, p2, SHARE)
        rows = [
            [t1, t2, float(m.allocation[a, b]), float(1 - m.allocation[a, b]), float(m.transfers[a, b])]
            for a, t1 in enumerate(("l1", "h1"))
            for b, t2 in enumerate(("l2", "h2"))
        ]
        rows += [["payoff", t, float(u), "", ""] for t, u in zip(("l1", "h1"), m.payoffs1)]
        rows += [["payoff", t, float(u), "", ""] for t, u in zip(("l2", "h2"), m.payoffs2)]
        out.table(f"table-{number}-zone-{zone}", ["t1", "t2", "q1", "q2", "transfer_to_1"], rows, mechanism_latex(m))
        lp = gap(_env(values, p1, p2, SHARE), method="lp")
        prob = np.array([1 - p1, p1])
        if name == "a2":  # p1·a²_1 = E (Props 1–2, eq. 5.2)
            target, got, what = lp.ex_ante_payoff, float(prob @ m.payoffs1), "p1·u1 = E (LP)"
        else:  # a¹ gives player 1 exactly x M_1(·; p2)
            monopoly = monopoly_payoff(np.array([values.l1, values.h1]), [values.l2, values.h2], [1 - p2, p2])
            target, got, what = float(prob @ (SHARE * monopoly)), float(prob @ m.payoffs1), "p1·u1 = x p1·M1"
        erratum = TABLE_ERRATA.get((number, zone))
        found = compare(target, got, TOL, printed_text=f"zone {zone} at p = ({p1:.3g}, {p2:.3g}): {what}")
        if erratum and found.status != "differs":
            return Finding(
                found.printed + " (zone reconstructed)",
                found.computed,
                CORRECTED,
                found.difference,
                erratum,
                found.note,
            )
        return found

    return Item(
        f"table-{number}-zone-{zone}",
        f"Table {number}, zone {zone}",
        f"mechanism {'a²' if name == 'a2' else 'a¹'}(x) cells at a point of zone {zone} (x = {SHARE})",
        compute,
    )


def _table_items() -> list[Item]:
    items = []
    for number, name, case in TABLES:
        for zone in zone_points(name, TABLE_VALUES[case], SHARE):
            items.append(_table_item(number, name, case, zone))
    return items


@item("zone-figure", "Section 5.4, figure below Table 1", "the belief space divides into three zones of a²")
def zone_figure(out: Output) -> Finding:
    from bargainlab.viz.two_sided import gap_map

    values = TABLE_VALUES["prop1"]
    env = _env(values, 0.5, 0.5, SHARE)
    out.figure("zone-figure", gap_map(env, resolution=41))
    zones = zone_points("a2", values, SHARE)
    return compare(3, len(zones), 0, printed_text="three zones (A, B, C)", note=f"zones found: {', '.join(zones)}")


@item(
    "figure-5-1",
    "Figure 5.1 (Section 5.6)",
    "a¹ gives x M₁ whatever q; a²(q) gives the gap to h₁ below p₁*, to l₁ above",
)
def figure_5_1(out: Output) -> Finding:
    from bargainlab.models.two_sided.curves import dominance_view
    from bargainlab.viz.two_sided import offers_dominance

    values = TABLE_VALUES["prop1"]
    env = _env(values, 0.5, 0.5, SHARE)
    out.figure("figure-5-1", offers_dominance(env, points=61))
    view = dominance_view(env, points=61)
    q = view.belief
    low, high = mechanisms.a2_player_one_payoffs(values, q, np.full_like(q, 0.5), SHARE)
    worst = float(np.max(np.abs(np.column_stack([low, high]) - view.a2)))
    found = compare(
        0.0, worst, 1e-9, printed_text="a²'s points follow (5.1)", note="figure data against Table 1's a² payoffs"
    )
    return (
        Finding(found.printed, found.computed, CORRECTED, found.difference, "E4", "the figure uses (5.1) as corrected")
        if found.status != "differs"
        else found
    )


@item(
    "six-and-a-quarter",
    "Section 4; slides",
    "the 6.25% example: Gap = h₂/16 at l₁ = 0, h₁ = l₂ = h₂/2, β = p₁ = p₂ = 1/2",
)
def six_quarter(out: Output) -> Finding:
    g = gap(two_sided_environment([0.0, 0.5], [0.5, 1.0], 0.5, 0.5, 0.5), method="lp")
    return compare(0.0625, g.gap, 1e-9, printed_text="6.25% · h₂", note="interim LP")


@item(
    "intro-not-ex-post-efficient",
    "Introduction",
    "l₁ sometimes gets the good although l₂ values it more (p(l₁), p(h₂) high)",
)
def intro_example(out: Output) -> Finding:
    values = TABLE_VALUES["prop1"]
    for p1 in (0.05, 0.1, 0.2):
        for p2 in (0.95, 0.9, 0.8):
            sol = solve(_env(values, p1, p2, SHARE))
            q = sol.allocation[0][0][0]  # player 1's q(l1, l2)
            if q.low > 1e-6:
                return holds(
                    "the good goes to l₁ against l₂ (l₂ > l₁)",
                    f"q₁(l₁, l₂) = {q.low:.4g} at p₁ = {p1}, p₂ = {p2} "
                    f"(values {values.l1}, {values.h1} | {values.l2}, {values.h2})",
                    True,
                    note="interim LP (Theorem 3's allocation, unique)",
                )
    return holds("the good goes to l₁ against l₂", "q₁(l₁, l₂) = 0 at every point tried", False)


@item(
    "intro-interim-efficient",
    "Introduction",
    "the solution is always interim efficient but not always ex post efficient",
)
def intro_efficiency(out: Output) -> Finding:
    values = TABLE_VALUES["prop1"]
    sol = solve(_env(values, 0.1, 0.9, SHARE))
    return holds(
        "interim efficient, not ex post efficient",
        f"ex post efficient: {sol.ex_post_efficient}; welfare {sol.welfare.low:.4g} < first best {sol.first_best:.4g}",
        (not sol.ex_post_efficient) and sol.welfare.high < sol.first_best - 1e-9,
        note="interim LP at p = (0.1, 0.9)",
    )


@item(
    "theorem-3-player-1",
    "Section 4 (after Theorem 3)",
    "for a generic subset of parameters player 1's payoffs are unique",
)
def theorem_3_player_1(out: Output) -> Finding:
    from bargainlab.models.two_sided.claims import draw_point

    rng = np.random.default_rng(0)
    widths = []
    for _ in range(UNIQUENESS_DRAWS):
        values, p1, p2, x = draw_point(rng)
        sol = solve(_env(values, p1, p2, x))
        widths.append(max(u.high - u.low for u in sol.payoffs[0]))
    spread = int(np.sum(np.array(widths) > 1e-6))
    return Finding(
        "player 1's interim payoffs unique for generic parameters",
        f"a range of positive width in {spread} of {UNIQUENESS_DRAWS} random draws (median width "
        f"{np.median(widths):.2g}, largest {max(widths):.2g}; h₂ = 1)",
        "corrected" if spread > UNIQUENESS_DRAWS // 4 else "differs",
        float(max(widths)),
        "E11",
        "only p₁·u₁ = E is pinned on a set of positive measure (ranges over the LP's optimal face)",
    )


@item("leading-term", "Section 5.5", "the lower bound's leading term (β/β^(δ)) E(p, β^(δ)) tends to E as δ → 1")
def leading_term(out: Output) -> Finding:
    from bargainlab.models.two_sided.curves import delta_curve
    from bargainlab.viz.two_sided import outcome_against_delta

    env = _env(TABLE_VALUES["prop1"], 0.5, 0.5, SHARE)
    out.figure("section-5-5-leading-term", outcome_against_delta(env, points=40))
    curve = delta_curve(env, points=40)
    return compare(
        float(curve.limit_payoff[-1]),
        float(curve.leading_term[-1]),
        1e-9,
        printed_text="→ E(p, β) as δ → 1",
        note=f"δ from 1/40 to 1; E = {curve.limit_payoff[-1]:.6g}",
    )


@item("eq-3-2", "eq. (3.2)", "the monopoly payoff M(t_i; p_-i) is a maximum over prices")
def monopoly(out: Output) -> Finding:
    values, prior = [0.3, 1.0], [0.5, 0.5]
    owner = 0.1
    exact = float(monopoly_payoff(np.array(owner), values, prior))
    prices = np.linspace(0, 1, 100001)
    rejecting = np.max(np.where(prices >= 1.0, owner, np.where(prices >= 0.3, 0.5 * owner + 0.5 * prices, prices)))
    return compare(
        float(rejecting),
        exact,
        1e-12,
        printed_text=f"max over a grid of prices (buyer rejects at indifference): {rejecting:.6g}",
        erratum="E1",
        note="the maximum is not attained; the supremum (buyer accepts at indifference) is used",
    )


@item("eq-3-1", "eq. (3.1)", "complete-information deviation payoff β Σ (δ(1−β))^t (1 − δ(1 − x)) t₂")
def deviation(out: Output) -> Finding:
    beta, delta, x, t2 = 0.4, 0.9, 0.2, 1.0
    series = beta * (1 - delta * (1 - x)) * t2 / (1 - delta * (1 - beta))
    printed = x * t2 + (beta - 0.0) * (1 - delta) / (1 - delta + delta * beta) * t2  # (β_i − t_i) with t_i = 0
    corrected = x * t2 + (beta - x) * (1 - delta) / (1 - delta + delta * beta) * t2
    return compare(
        printed,
        series,
        1e-12,
        printed_text=f"x t₂ + (β − t_i)(1−δ)/(1−δ+δβ) t₂ = {printed:.6g}",
        erratum="E3",
        note=f"the sum is x t₂ + (β − x)(…) t₂ = {corrected:.6g}",
    )


@item("prop-4-threshold", "Proposition 4 (C.2)", "q₂^{lh} thresholds on Λ₂")
def prop_4(out: Output) -> Finding:
    v = TABLE_VALUES["prop2"]
    p1, p2 = zone_points("a2", v, SHARE)["C"]
    m = mechanisms.a2(v, p1, p2, SHARE)
    printed = p2 - (1 - p2) * (v.l2 - v.l1) / (v.h2 - v.l2)
    corrected = p2 - (1 - p2) * p2_star_star(v) / (1 - p2_star_star(v))
    return compare(
        printed,
        m.weights[1],
        1e-12,
        printed_text=f"lower threshold p₂ − (1−p₂)(l₂−l₁)/(h₂−l₂) = {printed:.6g}",
        erratum="E9",
        note=f"a²'s zone-C weight (interior q) sits at p₂ − (1−p₂)p₂**/(1−p₂**) = {corrected:.6g}",
    )


@item("p2-star", "Proposition 1", "p₂* makes l₁ indifferent between the prices l₂ and h₂")
def p2_star_item(out: Output) -> Finding:
    v = TABLE_VALUES["prop1"]
    p = p2_star(v)
    low_price, high_price = v.l2, (1 - p) * v.l1 + p * v.h2
    return compare(low_price, high_price, 1e-12, printed_text="l₂ = (1 − p₂*) l₁ + p₂* h₂", note=f"p₂* = {p:.6g}")


@item("section-3-1", "Section 3.1", "complete information: player i gets β_i t₂ (player 2 gets the good, pays β₁t₂)")
def section_3_1(out: Output) -> Finding:
    from bargainlab.reproduce.peski_2024_slides import complete_information

    return complete_information.compute(out)


@item("section-3-2", "Section 3.2, eq. (3.2)", "β_i = 1: each type of i gets M(t_i; p_-i), as if its type were known")
def section_3_2(out: Output) -> Finding:
    from bargainlab.reproduce.peski_2024_slides import informed_principal

    return informed_principal.compute(out)


@item(
    "section-3-3",
    "Section 3.3",
    "t_i known: i gets β_i M_i; −i gets ≥ β_-i max(t_i, t_-i), equal below i's monopoly price",
)
def section_3_3(out: Output) -> Finding:
    beta = 0.5
    v1, v2 = [0.1, 0.6], [0.3, 1.0]
    worst = 0.0
    for known, prior1, prior2 in ((1, 1.0, 0.5), (1, 0.0, 0.5), (2, 0.4, 1.0), (2, 0.4, 0.0)):
        sol = solve(two_sided_environment(v1, v2, prior1, prior2, beta))
        own, other = (v1, v2) if known == 1 else (v2, v1)
        t = own[1] if (prior1 if known == 1 else prior2) == 1.0 else own[0]
        index = own.index(t)
        other_prior = [1 - prior2, prior2] if known == 1 else [1 - prior1, prior1]
        floor = beta * float(monopoly_payoff(np.array(t), other, other_prior))
        mine = sol.payoffs[known - 1][index]
        theirs = sol.payoffs[2 - known]
        worst = max(worst, abs(mine.low - floor), abs(mine.high - floor))
        for k, u in enumerate(other):
            bound = (1 - beta) * max(t, u)
            worst = max(worst, bound - theirs[k].low)  # at least the bound
        worst = max(worst, abs(theirs[0].high - (1 - beta) * max(t, other[0])))  # the low type, below the price
    return compare(
        0.0,
        max(worst, 0.0),
        1e-7,
        printed_text="u_i = β_i M_i; u_-i ≥ β_-i max(t_i, t_-i), = for low types",
        note="interim LP with one type known (4 cases, β = 1/2); the low types are below i's monopoly price here",
    )


@item(
    "section-4-pinned",
    "Section 4 (after Theorem 2)",
    "β_i = 1, p_i ∈ {0, 1} or h₁ > h₂: the floors pin a unique payoff vector",
)
def section_4_pinned(out: Output) -> Finding:
    from bargainlab.models.floor_frontier import floor_frontier_ends

    worst = 0.0
    for v1, v2, p1, p2, beta in (
        ([0.1, 0.6], [0.3, 1.0], 0.4, 0.6, 1.0),
        ([0.1, 0.6], [0.3, 1.0], 0.4, 0.6, 0.0),
        ([0.1, 0.6], [0.3, 1.0], 1.0, 0.6, 0.5),
        ([0.1, 0.6], [0.3, 1.0], 0.4, 0.0, 0.5),
        ([0.1, 1.0], [0.3, 0.8], 0.4, 0.6, 0.5),
    ):
        worst = max(worst, floor_frontier_ends(two_sided_environment(v1, v2, p1, p2, beta)).spread)
    return compare(
        0.0,
        worst,
        1e-7,
        printed_text="one interim-efficient payoff vector within the floors",
        note="ends of the frontier within the floors (two LPs) at 5 points: β ∈ {0, 1}, a known type, h₁ > h₂",
    )


@item("theorem-1", "Theorem 1", "every mechanism can be approximated by finite games")
def theorem_1(out: Output) -> Finding:
    return not_computable(
        "an implementation theorem", "an existence statement about abstract mechanisms (Michael correspondences)"
    )


@item("theorem-2", "Theorem 2", "each type gets at least its random monopoly payoff for every δ")
def theorem_2(out: Output) -> Finding:
    return not_computable(
        "equilibrium payoffs ≥ β_i M_i",
        "a statement about all equilibria of the game; its floors enter every LP (Lemma 5 (1) below)",
    )


def _claims() -> list[Item]:
    return [
        claim_item(
            "proposition-1",
            "prop1",
            "Proposition 1: E(p, x) = p₁·x M₁ + f Δ equals the LP of (4.1) (l₁ < l₂ < h₁ < h₂)",
        ),
        claim_item(
            "proposition-2", "prop2", "Proposition 2: E(p, x) = p₁·x M₁ + f₁f₂Δ equals the LP (l₁ < h₁ < l₂ < h₂)"
        ),
        claim_item("gap-bound", "gap_bound", "Gap(p) ≤ 6.25% · h₂ for all p"),
        claim_item("gap-zero", "gap_zero", "Gap = 0 when h₁ ≥ h₂, β ∈ {0, 1}, a type is known, or l₁ = l₂"),
        claim_item("theorem-3-allocation", "theorem3", "Theorem 3: the allocation is unique", 0),
        claim_item("theorem-3-player-2", "theorem3", "Theorem 3: player 2's interim payoffs are unique", 1),
        claim_item("tables-a2", "a2_tables", "a²(x): cells IC, balanced, p₁·a²₁ = E, the LP's allocation, Λ-optimal"),
        claim_item("tables-a1", "a1_tables", "a¹(x): cells IC, balanced, player 1 gets x M₁, Λ-optimal"),
        claim_item("eq-5-1", "eq_5_1", "(5.1): player 1's payoffs in a², the gap to one type"),
        claim_item("lemma-5-1", "lemma5_floors", "Lemma 5 (1): a¹(x) ⊆ A_{1,x}, a²(x) ⊆ A_{2,1−x}"),
        claim_item("lemma-5-2-a1", "lemma5_refuse_a1", "Lemma 5 (2): a¹(x) cannot be refused given A_{1,x}"),
        claim_item("lemma-5-2-a2", "lemma5_refuse_a2", "Lemma 5 (2): a²(x) cannot be refused given A_{2,1−x}"),
        claim_item(
            "lemma-5-3-a1-by-2", "revelation_a1_by_2", "Lemma 5 (3): a¹ closed under revelation by the responder (2)"
        ),
        claim_item(
            "lemma-5-3-a1-by-1",
            "revelation_a1_by_1",
            "Lemma 5 (3) as printed: a¹ closed under revelation by player i = 1",
        ),
        claim_item("lemma-5-3-a2-by-1", "revelation_a2_by_1", "a² closed under revelation by the responder (1)"),
        claim_item("section-5-5-a2-by-2", "revelation_a2_by_2", "Section 5.5: a² closed under revelation by player 2"),
        claim_item("section-5-5-convex-l1", "convex_p2_l1", "Section 5.5: a²₁(l₁) convex in p₂"),
        claim_item("section-5-5-convex-h1", "convex_p2_h1", "Section 5.5: a²₁(h₁) convex in p₂"),
        claim_item("lemma-5-convex-p1-l1", "convex_p1_l1", "Lemma 5: a²₁(l₁) convex in p₁"),
        claim_item("lemma-5-convex-p1-h1", "convex_p1_h1", "Lemma 5: a²₁(h₁) convex in p₁"),
    ]


ITEMS = (
    section_3_1,
    section_3_2,
    section_3_3,
    section_4_pinned,
    *_table_items(),
    zone_figure,
    figure_5_1,
    *_claims(),
    six_quarter,
    p2_star_item,
    intro_example,
    intro_efficiency,
    theorem_3_player_1,
    leading_term,
    monopoly,
    deviation,
    prop_4,
    theorem_1,
    theorem_2,
)
