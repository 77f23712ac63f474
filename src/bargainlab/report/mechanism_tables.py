"""Mechanism tables: plain text and LaTeX in the paper's layout (Tables 1–4).

The paper draws a mechanism at a belief point as a 2×2 block of cells — rows h_2 (top) and l_2,
columns l_1 and h_1, each cell "q, τ" with q the probability that player 1 gets the good and
τ the transfer to player 1 — with player 2's payoffs at the left of each row, player 1's payoffs
below each column, and the weights Λ at the right (footnote 8).
"""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.two_sided.mechanisms import MechanismResult
from bargainlab.report.tables import number, render_table

__all__ = ["mechanism_text", "mechanism_latex"]

_SYMBOL = {"a1": "a^1", "a2": "a^2"}


def _cell(m: MechanismResult, a: int, b: int) -> tuple[str, str]:
    return number(float(m.allocation[a, b])), number(float(m.transfers[a, b]))


@renders(MechanismResult)
def mechanism_text(m: MechanismResult) -> str:
    """Plain-text table of a mechanism at one point (theory labels, with a note if swapped)."""
    th = m.thresholds
    header = (
        f"Mechanism {m.name}(x) of Pęski (2024), zone {m.zone}; x = {number(m.share)}, "
        f"p1 = {number(m.beliefs[0])}, p2 = {number(m.beliefs[1])}"
    )
    rows = []
    for b, t2 in ((1, "h2"), (0, "l2")):
        rows.append([t2, number(float(m.payoffs2[b])), *(f"{q}, {t}" for q, t in (_cell(m, a, b) for a in (0, 1)))])
    rows.append(["u1", "", number(float(m.payoffs1[0])), number(float(m.payoffs1[1]))])
    table = render_table(["", "u2", "l1: q1, τ1", "h1: q1, τ1"], rows, title=header)
    notes = [
        f"weights Λ1(h1) = {number(m.weights[0])}, Λ2(h2) = {number(m.weights[1])}",
        "thresholds " + ", ".join(f"{k} = {number(v)}" for k, v in th.items() if v is not None),
        "q1 = probability that player 1 gets the good; τ1 = transfer to player 1, paid by player 2",
    ]
    if m.swapped:
        notes.append("players relabelled: the theory's player 1 (lower low value) is your player 2")
    return table + "\n" + "\n".join(notes)


def mechanism_latex(m: MechanismResult) -> str:
    """A LaTeX ``table`` in the paper's layout (requires only standard LaTeX)."""

    def num(value: float) -> str:
        return f"{value + 0.0:.4g}"

    def cell(a: int, b: int) -> str:
        return f"${num(float(m.allocation[a, b]))},\\ {num(float(m.transfers[a, b]))}$"

    th = m.thresholds
    thresholds = ", ".join(
        f"$p_{{{k[1]}}}^{{{'*' * k.count('star')}}} = {num(v)}$" for k, v in th.items() if v is not None
    )
    lines = [
        "\\begin{table}[ht]",
        "\\centering",
        "\\begin{tabular}{r|c|cc|c}",
        " & $u_2$ & $l_1$ & $h_1$ & $\\Lambda$ \\\\ \\hline",
        f"$h_2$ & ${num(float(m.payoffs2[1]))}$ & {cell(0, 1)} & {cell(1, 1)} & "
        f"$\\Lambda_1(h_1) = {num(m.weights[0])}$ \\\\",
        f"$l_2$ & ${num(float(m.payoffs2[0]))}$ & {cell(0, 0)} & {cell(1, 0)} & "
        f"$\\Lambda_2(h_2) = {num(m.weights[1])}$ \\\\ \\hline",
        f"$u_1$ & & ${num(float(m.payoffs1[0]))}$ & ${num(float(m.payoffs1[1]))}$ & \\\\",
        "\\end{tabular}",
        f"\\caption{{Mechanism ${_SYMBOL[m.name]}(x)$, zone {m.zone}: $x = {num(m.share)}$, "
        f"$p_1 = {num(m.beliefs[0])}$, $p_2 = {num(m.beliefs[1])}$; {thresholds}. "
        "Cells: probability that player 1 gets the good, transfer to player 1.}",
        "\\end{table}",
    ]
    return "\n".join(lines)
