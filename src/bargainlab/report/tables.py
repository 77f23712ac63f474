"""Plain-text tables for the command line.

:func:`render_table` aligns columns; :func:`two_sided_report` lays out a
:class:`~bargainlab.models.two_sided.outcome.TwoSidedOutcome` as the tables a researcher reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bargainlab.models.two_sided.outcome import GAP_BOUND_SHARE, TwoSidedOutcome

__all__ = ["render_table", "number", "two_sided_report"]


def number(value: Any) -> str:
    """Compact numeric text: 6 significant digits, ``-0`` shown as ``0``."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value + 0.0:.6g}"
    return str(value)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> str:
    """Render rows as an aligned text table (first column left-aligned, others right-aligned).

    Examples
    --------
    >>> print(render_table(["a", "b"], [["x", 1.5]]))
    a    b
    -  ---
    x  1.5
    """
    cells = [[number(c) if not isinstance(c, str) else c for c in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[k]) for r in cells)) if cells else len(str(h)) for k, h in enumerate(headers)]

    def line(items: Sequence[str]) -> str:
        parts = [items[0].ljust(widths[0])] + [item.rjust(w) for item, w in zip(items[1:], widths[1:])]
        return "  ".join(parts).rstrip()

    out = [title] if title else []
    out.append(line([str(h) for h in headers]))
    out.append(line(["-" * w for w in widths]))
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def _prices(prices: Sequence[float | None]) -> str:
    return " or ".join("keep" if p is None else number(p) for p in prices)


def two_sided_report(outcome: TwoSidedOutcome) -> str:
    """The human-readable report of ``bargainlab solve two-sided``."""
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
    summary = render_table(
        ["quantity", "value"],
        [
            ["gap goes to", f"player {gp} (lower lowest value)"],
            [f"E: player {gp}'s ex ante payoff (4.1)", outcome.ex_ante_payoff],
            ["Gap = E - ex ante random monopoly (4.2)", outcome.gap],
            ["Gap / largest value", f"{100 * outcome.gap_share:.4g}%  (binary bound {100 * GAP_BOUND_SHARE:g}%)"],
        ],
        title="Gap",
    )
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
    types = render_table(
        ["player", "type", "prob", "monopoly price", "M", "floor βM", "complete info", "payoff", "transfer"],
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
        ["profile (t1, t2)", "prob", "P(1 gets good)", "P(2 gets good)", "efficient winner"],
        profile_rows,
        title="Allocation",
    )
    welfare = render_table(
        ["quantity", "value"],
        [
            ["expected welfare", str(outcome.welfare)],
            ["first best E[max(t1, t2)]", outcome.first_best],
            ["welfare loss", str(outcome.welfare_loss)],
            ["efficiency", str(outcome.efficiency)],
            ["ex post efficient", outcome.ex_post_efficient],
        ],
        title="Efficiency",
    )
    parts = ["\n".join(header) + inputs, summary, types, allocation, welfare]
    if outcome.closed_form is not None:
        cf = outcome.closed_form
        name = {"prop1": "Proposition 1", "prop2": "Proposition 2", "floors": "floors only (gap 0)"}[cf.case]
        parts.append(
            render_table(
                ["closed form", "E", "Gap", "|LP - closed form|"],
                [[name, cf.ex_ante_payoff, cf.gap, f"{cf.difference:.2e}"]],
                title="Check against the paper's closed form",
            )
        )
    parts.append(
        f"Method: {outcome.method} ({outcome.solver}, {outcome.lp_solves} LPs; "
        f"largest constraint violation {outcome.max_violation:.1e})\nTheory: {outcome.theory}"
    )
    return "\n\n".join(parts)
