"""Text reports of Cramton's sequential mechanisms."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.sequential import MechanismCheckResult, SequentialOutcome

__all__ = ["sequential_text", "mechanism_check_text"]


@renders(SequentialOutcome)
def sequential_text(result: SequentialOutcome) -> str:
    """The multiplier, m, the surplus against the first best with the same rates, the efficiency."""
    kind = "static (trade now or never)" if result.static_second_best else "sequential (delay is used)"
    return (
        f"Ex ante efficient sequential mechanism (Cramton 1985, Theorem 3) [{result.method}]\n"
        f"  seller {result.seller}, rate r = {result.seller_rate:g}; "
        f"buyer {result.buyer}, rate s = {result.buyer_rate:g} (s/r = {result.ratio:.6g}): {kind}\n"
        f"  a = {result.multiplier:.6g}, m = a/(1+a) = {result.m:.6g}\n"
        f"  surplus U+V = {result.surplus:.6g}; first best with the same rates {result.first_best:.6g}\n"
        f"  efficiency {result.efficiency:.4%} (loss {result.loss:.4%})"
    )


@renders(MechanismCheckResult)
def mechanism_check_text(result: MechanismCheckResult) -> str:
    """The IC and IR verdicts of Theorem 1 with the largest violations."""
    return (
        f"Mechanism check (Cramton 1985, Theorem 1) on a {result.points}x{result.points} grid, tolerance "
        f"{result.tolerance:.2g}\n"
        f"  incentive compatible: {result.incentive_compatible} (largest gain from lying: seller "
        f"{result.seller_ic_gain:.3g}, buyer {result.buyer_ic_gain:.3g}; P decreasing {result.seller_monotone}, "
        f"Q increasing {result.buyer_monotone}; envelope gap {result.envelope_gap:.3g})\n"
        f"  individually rational: {result.individually_rational} (min U {result.min_seller_payoff:.4g}, "
        f"min V {result.min_buyer_payoff:.4g})\n"
        f"  U(s_max) + V(b_min): direct {result.ir_direct:.5g}, Lemma 3 {result.ir_formula:.5g}"
    )
