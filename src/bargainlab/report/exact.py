"""Text reports of the exact results (models/two_sided/exact.py, models/two_sided/regions.py)."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.two_sided.exact import ExactGap, ExactTwoSidedOutcome
from bargainlab.models.two_sided.regions import ORDERINGS, ExactChecks, RegionProof
from bargainlab.models.two_sided.search import GapSearchResult

__all__ = ["exact_gap_text", "exact_outcome_text", "region_proof_text", "exact_checks_text"]


@renders(ExactGap)
def exact_gap_text(result: ExactGap) -> str:
    """E and Gap as fractions, with the certificate's status."""
    return "\n".join(
        [
            "Two-sided bargaining with mechanisms, exact (certified fractions):",
            f"  gap goes to player {result.gap_player}: E = {result.ex_ante_payoff}, Gap = {result.gap} "
            f"(= {float(result.gap):.6g}; {float(result.gap_share) * 100:.4g}% of the largest value)",
            f"  floor p1·βM1 = {result.floor}; exact: {str(result.exact).lower()} (optimum from {result.source})",
        ]
    )


@renders(ExactTwoSidedOutcome)
def exact_outcome_text(result: ExactTwoSidedOutcome) -> str:
    """E, Gap and every range over the optimal set as fractions."""
    lines = [
        "Two-sided bargaining with mechanisms, exact (every number a certified fraction):",
        f"  gap goes to player {result.gap_player}: E = {result.ex_ante_payoff}, Gap = {result.gap} "
        f"(= {float(result.gap):.6g}; {float(result.gap_share) * 100:.4g}% of the largest value)",
        f"  exact: {str(result.exact).lower()} ({result.certified_lps} LPs certified; optimum from {result.source})",
    ]
    for i in range(2):
        lines.append(f"  player {i + 1} payoffs by type: {', '.join(str(u) for u in result.payoffs[i])}")
        lines.append(f"  player {i + 1} transfers by type: {', '.join(str(u) for u in result.transfers[i])}")
    for i in range(2):
        rows = "; ".join(", ".join(str(c) for c in row) for row in result.allocation[i])
        lines.append(f"  allocation to player {i + 1} (rows: player 1's types): {rows}")
    lines.append(f"  expected welfare: {result.welfare}")
    return "\n".join(lines)


@renders(RegionProof)
def region_proof_text(result: RegionProof) -> str:
    """Cells proved per ordering and their coverage."""
    lines = [f"Propositions 1-2 proved per region ({'PASS' if result.passed else 'FAIL'}):"]
    for ordering, text in ORDERINGS.items():
        cells = [c for c in result.cells if c.ordering == ordering]
        proved = sum(c.proved for c in cells)
        lines.append(
            f"  {text}: {proved}/{len(cells)} cells proved; they hold "
            f"{100 * result.coverage.get(ordering, 0.0):.1f}% of an independent sample of {result.samples}"
        )
    return "\n".join(lines)


@renders(ExactChecks)
def exact_checks_text(result: ExactChecks) -> str:
    """The 6.25% example and the per-region proofs."""
    e = result.example
    ok = "PASS" if e.exact and e.gap == result.expected_gap else "FAIL"
    return "\n".join(
        [
            f"Exact checks of Pęski (2024) ({'PASS' if result.passed else 'FAIL'})",
            f"  Section 4 example (l1 = 0, h1 = l2 = 1/2, h2 = 1, β = p1 = p2 = 1/2): Gap = {e.gap} = h2/16 "
            f"exactly, E = {e.ex_ante_payoff}; optimality certificate checked in rationals: {ok}",
            "  " + region_proof_text(result.regions).replace("\n", "\n  "),
        ]
    )


@renders(GapSearchResult)
def search_text(result: GapSearchResult) -> str:
    """The text report of one Gap search (``check two-sided --search``): best point, effort,
    convergence by start and the exact certified value."""
    env = result.environment
    lines = [
        f"{result.types} types: largest Gap found = {100 * result.gap_share:.4f}% of the largest value "
        f"({result.evaluations} LPs, {result.restarts} starts, {result.seconds:.0f} s; "
        f"best reached after start {result.starts_to_best})",
        "  best by start (%): " + ", ".join(f"{100 * v:.3f}" for v in result.best_by_start),
        f"  values1 {list(env.player1.values)} prior1 {list(env.player1.prior)}",
        f"  values2 {list(env.player2.values)} prior2 {list(env.player2.prior)} beta {env.bargaining_power}",
    ]
    exact = result.exact
    if exact is not None:
        lines.append(
            f"  exact at the rationalised point: Gap share = {float(exact.gap_share):.6%} "
            f"(certificate {'passed' if exact.exact else 'FAILED'}; fraction {exact.gap_share})"
        )
    return "\n".join(lines)
