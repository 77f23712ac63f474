"""Text report of :class:`~bargainlab.models.sequential_rationality.SequentialRationality` (Cramton, Corollary 1)."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.sequential_rationality import SequentialRationality

__all__ = ["sequential_rationality_text"]

_YES = {True: "yes", False: "no"}


@renders(SequentialRationality)
def sequential_rationality_text(result: SequentialRationality) -> str:
    """Corollary 1's hypotheses, the probabilities of the excluded pairs, the verdict."""
    r, sigma = result.seller_rate, result.buyer_rate
    relation = ">" if r > sigma else ("=" if r == sigma else "<")
    d = result.lowest_buyer_virtual_value
    d_text = "-inf" if d is None else f"{d:.6g}"
    lines = [
        "Sequential rationality of the ex ante efficient mechanism (Cramton 1985, Lemmas 5-6, Corollary 1)",
        f"  seller {result.seller}, rate r = {r:g}; buyer {result.buyer}, rate s = {sigma:g} (r {relation} s); "
        f"a = {result.multiplier:.6g}",
        "  Corollary 1's hypotheses:",
        f"    ex post efficiency unobtainable, R(0) = {result.first_best_ir:.6g} < 0: {_YES[result.first_best_ir < 0]}",
        f"    c(., 1) and d(., 1) non-decreasing: {_YES[result.virtual_monotone]}",
        f"    d(b_low, 1) = {d_text} < 0 (needed when r > s): {_YES[d is None or d < 0]}",
        f"  P(p_a = 0 on Lemma 6's B) = {result.excluded_lemma_6:.6g}"
        + ("  (B is empty when r < s)" if r < sigma else ""),
        f"  P(no trade, yet trade beneficial right after the last trade date) = {result.excluded_after_end:.6g}",
    ]
    if result.monte_carlo is not None:
        lines.append(
            f"    Monte Carlo ({result.samples} pairs): {result.monte_carlo:.6g} +- {result.monte_carlo_error:.2g}"
        )
    lines.append(
        f"  sequentially rational: {_YES[result.sequentially_rational]}"
        + ("" if result.sequentially_rational else " (the induced 'never trade' is dominated: Lemma 6)")
    )
    return "\n".join(lines)
