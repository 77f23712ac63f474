"""Text reports of the two-sided model (Pęski 2024): the outcome at a point, the certificate.

Registered with :func:`bargainlab.core.result.renders`, so ``str(result)`` and the command line
show these texts.
"""

from __future__ import annotations

from collections.abc import Sequence

from bargainlab.core.result import renders
from bargainlab.models.two_sided.certificate import CertificateResult
from bargainlab.models.two_sided.outcome import (
    AT_DELTA,
    COMPUTATION,
    DEFINITION,
    DELTA_TO_1_LIMIT,
    GAP_BOUND_SHARE,
    GapResult,
    HoldsAt,
    TieAlternative,
    TwoSidedOutcome,
)
from bargainlab.report.tables import number, render_table

__all__ = [
    "two_sided_report",
    "gap_report",
    "certificate_report",
    "holds_at_text",
    "holds_at_marker",
    "holds_at_legend",
    "holds_at_table",
]

#: Display text of each ``holds_at`` label (``{delta}``: the result's δ).
HOLDS_AT_TEXT = {
    AT_DELTA: "at δ = {delta}",
    DELTA_TO_1_LIMIT: "δ→1 limit",
    DEFINITION: "definition",
    COMPUTATION: "computation",
}
#: The short marker appended to a column header (definitions and computation facts are unmarked).
HOLDS_AT_MARKERS = {AT_DELTA: " (at δ)", DELTA_TO_1_LIMIT: " (δ→1)", DEFINITION: "", COMPUTATION: ""}


def holds_at_text(outcome: HoldsAt, quantity: str) -> str:
    """What the entry ``quantity`` of a two-sided result (``outcome``: a :class:`TwoSidedOutcome`,
    a :class:`GapResult`, a curve) is at its δ, as displayed: ``"δ→1 limit"``,
    ``"at δ = 0.9"``, ``"definition"`` or ``"computation"``; ``""`` at δ = 1 (everything is the limit).

    The text of :attr:`HoldsAt.holds_at` (the JSON field); the web app and the text report
    show the same words.

    Examples
    --------
    >>> from bargainlab.core.environment import two_sided_environment
    >>> from bargainlab.models.two_sided import solve
    >>> out = solve(two_sided_environment([0, 0.5], [0.5, 1], 0.5, 0.5, 0.5, discount=0.9))
    >>> holds_at_text(out, "gap"), holds_at_text(out, "random_monopoly")
    ('δ→1 limit', 'at δ = 0.9')
    """
    labels = outcome.holds_at
    if labels is None:
        return ""
    return HOLDS_AT_TEXT[labels[quantity]].format(delta=number(outcome.environment.discount))


def holds_at_marker(outcome: HoldsAt, quantity: str) -> str:
    """The marker of a column header of ``quantity`` at δ < 1 (``" (δ→1)"``, ``" (at δ)"`` or ``""``)."""
    labels = outcome.holds_at
    return "" if labels is None else HOLDS_AT_MARKERS[labels[quantity]]


def holds_at_legend(outcome: HoldsAt) -> str:
    """The legend of the markers at δ < 1 (``""`` at δ = 1)."""
    if outcome.holds_at is None:
        return ""
    delta = number(outcome.environment.discount)
    return (
        f"δ = {delta} < 1: (δ→1), 'δ→1 limit' mark the δ → 1 limits of Theorem 3 (E, Gap, allocation, payoffs, "
        f"transfers, welfare); (at δ), 'at δ' what holds at δ = {delta}: Theorem 2's floors, the "
        "complete-information benchmark and the Section 5.5 leading term, a lower bound's leading term, not a "
        "payoff. Unmarked: definitions."
    )


def holds_at_table(result: HoldsAt, rows: Sequence[Sequence[object]], title: str) -> str:
    """A table of ``[quantity, value, entry]`` rows with, at δ < 1, a third column "holds at"
    (:func:`holds_at_text` of ``entry``, the result's JSON key); two columns at δ = 1."""
    finite = result.holds_at is not None
    return render_table(
        ["quantity", "value", "holds at"] if finite else ["quantity", "value"],
        [list(row[:2]) + ([holds_at_text(result, str(row[2]))] if finite else []) for row in rows],
        title=title,
    )


def _tie_rows(tie: TieAlternative | None) -> list[list[object]]:
    """The rows of the other labelling of a tie in the lowest values (none without a tie)."""
    if tie is None:
        return []
    return [
        [f"tie: E if player {tie.gap_player} got the gap", tie.ex_ante_payoff, "tie_alternative"],
        [f"tie: Gap of player {tie.gap_player} then", tie.gap, "tie_alternative"],
    ]


def _leading_rows(leading: float | None) -> list[list[object]]:
    """The row of the Section 5.5 leading term (none at δ = 1)."""
    if leading is None:
        return []
    return [["leading term (β/β^(δ))·E(p, β^(δ)), Section 5.5 lower bound", leading, "leading_term"]]


@renders(GapResult)
def gap_report(result: GapResult) -> str:
    """The text of a :class:`GapResult` (``str(bl.two_sided.gap(env))``): E, Gap and the floor,
    at δ < 1 with what holds at δ and the leading term, at a tie with the other labelling."""
    gp = result.gap_player
    who = (
        "tie in the lowest values: by the tie-break rule"
        if result.tie_alternative is not None
        else "lower lowest value"
    )
    rows: list[list[object]] = [
        ["gap goes to", f"player {gp} ({who})", "gap_player"],
        [f"E: player {gp}'s ex ante payoff (4.1)", result.ex_ante_payoff, "ex_ante_payoff"],
        ["Gap = E - ex ante random monopoly (4.2)", result.gap, "gap"],
        [f"ex ante random monopoly payoff of player {gp}", result.floor, "floor"],
        *_tie_rows(result.tie_alternative),
        *_leading_rows(result.leading_term),
    ]
    parts = [holds_at_table(result, rows, "Gap (Pęski 2024, eqs. 4.1-4.2)")]
    if result.tie_alternative is not None:
        parts.append("The lowest values tie: the theory does not say who gets the Gap; both labellings are reported.")
    if result.finite_delta:
        parts.append(holds_at_legend(result))
    violation = "" if result.max_violation is None else f"; largest constraint violation {result.max_violation:.1e}"
    parts.append(f"Method: {result.method} ({result.case}{violation})")
    if result.floor_slack > 0:
        parts.append(f"Warning: floors relaxed by {result.floor_slack:.0e} (normalised units); check with --exact.")
    return "\n\n".join(parts)


def _prices(prices: Sequence[float | None]) -> str:
    return " or ".join("keep" if p is None else number(p) for p in prices)


@renders(TwoSidedOutcome)
def two_sided_report(outcome: TwoSidedOutcome) -> str:
    """The text of a :class:`TwoSidedOutcome` (``bargainlab solve two-sided``, ``str(outcome)``)."""
    env = outcome.environment
    beta1, beta2 = env.bargaining_powers
    delta = "1 (limit δ→1)" if env.discount >= 1 else number(env.discount)
    header = [
        "Two-sided bargaining with mechanisms (Pęski 2024, Theorems 2–3)",
        f"β = {number(beta1)} (player 1 proposes), 1-β = {number(beta2)}, δ = {delta}",
        "",
    ]
    inputs = render_table(
        ["player", "values", "prior"],
        [
            [
                f"{i}",
                ", ".join(number(v) for v in env.player(i).values),
                ", ".join(number(p) for p in env.player(i).prior),
            ]
            for i in (1, 2)
        ],
        title="Inputs",
    )
    gp = outcome.gap_player
    finite = outcome.holds_at is not None
    summary_rows: list[list[object]] = [
        ["gap goes to", f"player {gp} (lower lowest value)", "gap_player"],
        [f"E: player {gp}'s ex ante payoff (4.1)", outcome.ex_ante_payoff, "ex_ante_payoff"],
        ["Gap = E - ex ante random monopoly (4.2)", outcome.gap, "gap"],
        [
            "Gap / largest value",
            f"{100 * outcome.gap_share:.4g}%  (binary bound {100 * GAP_BOUND_SHARE:g}%)",
            "gap_share",
        ],
    ]
    if outcome.tie_alternative is not None:
        summary_rows[0][1] = f"player {gp} (tie in the lowest values: by the tie-break rule)"
    summary_rows += _tie_rows(outcome.tie_alternative) + _leading_rows(outcome.leading_term)
    summary = holds_at_table(outcome, summary_rows, "Gap")
    type_rows = []
    for i in (1, 2):
        space = env.player(i)
        for k, value in enumerate(space.values):
            type_rows.append(
                [
                    f"{i}",
                    number(value),
                    number(space.prior[k]),
                    _prices(outcome.monopoly_prices[i - 1][k]),
                    outcome.monopoly[i - 1][k],
                    outcome.random_monopoly[i - 1][k],
                    outcome.complete_information[i - 1][k],
                    str(outcome.payoffs[i - 1][k]),
                    str(outcome.transfers[i - 1][k]),
                ]
            )
    mark = lambda quantity: holds_at_marker(outcome, quantity)  # noqa: E731
    types = render_table(
        [
            "player",
            "type",
            "prob",
            "monopoly price",
            "M",
            "floor βM" + mark("random_monopoly"),
            "complete info" + mark("complete_information"),
            "payoff" + mark("payoffs"),
            "transfer" + mark("transfers"),
        ],
        type_rows,
        title="Payoffs by type (ranges [min, max] over all optimal solutions)",
    )
    profile_rows = []
    for a, t1 in enumerate(env.player1.values):
        for b, t2 in enumerate(env.player2.values):
            probability = env.player1.prior[a] * env.player2.prior[b]
            winner = "either" if t1 == t2 else ("1" if t1 > t2 else "2")
            profile_rows.append(
                [
                    f"({number(t1)}, {number(t2)})",
                    probability,
                    str(outcome.allocation[0][a][b]),
                    str(outcome.allocation[1][a][b]),
                    winner,
                ]
            )
    allocation = render_table(
        [
            "profile (t1, t2)",
            "prob",
            "P(1 gets good)" + mark("allocation"),
            "P(2 gets good)" + mark("allocation"),
            "efficient winner",
        ],
        profile_rows,
        title="Allocation",
    )
    welfare_rows: list[list[object]] = [
        ["expected welfare", str(outcome.welfare), "welfare"],
        ["first best E[max(t1, t2)]", outcome.first_best, "first_best"],
        ["welfare loss", str(outcome.welfare_loss), "welfare_loss"],
        ["efficiency", str(outcome.efficiency), "efficiency"],
        ["ex post efficient", outcome.ex_post_efficient, "ex_post_efficient"],
    ]
    welfare = holds_at_table(outcome, welfare_rows, "Efficiency")
    parts = ["\n".join(header) + inputs, summary, types, allocation, welfare]
    if finite:
        parts.insert(1, holds_at_legend(outcome))
    if outcome.closed_form is not None:
        cf = outcome.closed_form
        name = {"prop1": "Proposition 1", "prop2": "Proposition 2", "floors": "floors only (gap 0)"}[cf.case]
        parts.append(
            render_table(
                ["closed form", "E", "Gap", "|LP - closed form|"],
                [[name, cf.ex_ante_payoff, cf.gap, f"{cf.difference:.2e}"]],
                title="Check against the paper's closed form" + mark("closed_form"),
            )
        )
    parts.append(
        f"Method: {outcome.method} ({outcome.solver}, {outcome.lp_solves} LPs; "
        f"largest constraint violation {outcome.max_violation:.1e})\nTheory: {outcome.theory}"
    )
    if outcome.floor_slack > 0:
        parts.append(
            f"Warning: floors relaxed by {outcome.floor_slack:.0e} (normalised units) to solve this degenerate "
            "point; the answer can jump with such a relaxation: check it with --exact (solve(env, exact=True))."
        )
    return "\n\n".join(parts)


@renders(CertificateResult)
def certificate_report(certificate: CertificateResult) -> str:
    """The certificate of ``bargainlab check two-sided``: one row per claim, then the failures."""
    rows = [
        [
            ("[beyond] " if r.exploration else "") + r.claim,
            r.source,
            str(r.draws),
            f"{r.worst:.2e}",
            r.verdict + (f" ({r.erratum})" if r.erratum and not r.passed else ""),
        ]
        for r in certificate.results
    ]
    table = render_table(
        ["claim", "source", "draws", "worst margin", "result"],
        rows,
        title=f"Certificate: two-sided bargaining with mechanisms (seed {certificate.seed}, "
        f"{certificate.samples} samples, {certificate.seconds:.1f} s)",
    )
    failures = [r for r in certificate.results if not r.passed]
    errata = sorted({r.erratum for r in failures if r.verdict == "FAIL as printed" and r.erratum})
    lines = [
        table,
        "",
        f"{len(certificate.results) - len(failures)} passed, {certificate.failed_as_printed_count} failed as printed "
        f"(recorded in docs/errata.md: {', '.join(errata) or 'none'}), "
        f"{certificate.unexpected_failure_count} unexpected failures.",
    ]
    for r in failures:
        lines.append(f"{r.verdict} {r.claim}: worst case {r.counterexample}")
    return "\n".join(lines)
