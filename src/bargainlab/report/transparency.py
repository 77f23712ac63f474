"""Text report of the transparency game (:class:`~bargainlab.models.transparency.TransparencySolution`)."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.transparency import TransparencyEquilibrium, TransparencySolution

__all__ = ["transparency_text"]


def _equilibrium_lines(e: TransparencyEquilibrium) -> list[str]:
    o = e.outcome
    head = (
        "pooling at l"
        if e.sellers_above_low == 0
        else f"{e.sellers_above_low} seller(s) at {e.price_above_low:.6g}, the others at l"
    )
    flag = "perfect Bayesian" if e.perfect_bayesian else "notes' rule only, not perfect Bayesian"
    avg = "—" if o.average_price_high is None else f"{o.average_price_high:.6g}"
    lines = [
        f"- equilibrium: {head}  [{flag}]",
        f"    period 1 prices {', '.join(f'{v:.6g}' for v in o.prices)}; the high type accepts with probability "
        f"{', '.join(f'{v:.6g}' for v in o.high_acceptance)}, the low type only the offers at most l",
        f"    seller payoffs {', '.join(f'{v:.6g}' for v in o.seller_payoffs)}",
        f"    buyer payoff: high type {o.buyer_high_payoff:.6g}, low type {o.buyer_low_payoff:.6g}",
        f"    period 2, P(seller asks h | high type): {', '.join(f'{v:.6g}' for v in o.asks_high)}",
        f"    welfare {o.welfare:.6g} of {o.efficient_welfare:.6g}; units bought: high {o.trades_high:.6g}, "
        f"low {o.trades_low:.6g}; average price paid by the high type {avg}",
    ]
    if e.rejects_all_after_raise is not None:
        answer = "yes" if e.rejects_all_after_raise else "no"
        lines.append(f"    if one seller above l raises its price, the high type rejects every above-l offer: {answer}")
    return lines


@renders(TransparencySolution)
def transparency_text(result: TransparencySolution) -> str:
    """All equilibria, then the passive-beliefs predictions."""
    g = result.game
    regime = (
        "μ·h ≤ l: the notes' period-2 rule is the sellers' optimal price everywhere on the path"
        if g.rule_is_optimal_without_evidence
        else "μ·h > l: the notes' rule is optimal on the path only where every seller learns the type"
    )
    lines = [
        f"Transparency game: N = {g.sellers}, μ = {g.prior_high:g}, h = {g.high_value:g}, l = {g.low_value:g}, "
        f"δ = {g.discount:g}, ρ = {g.transparency:g} ({g.observation} observation)",
        f"  {regime}",
    ]
    for e in result.equilibria:
        lines.extend(_equilibrium_lines(e))
    if not result.equilibria:
        lines.append("- no equilibrium in the class searched (k sellers at a common price above l, the others at l)")
    for p in result.passive:
        price = "l" if p.price_above_low is None else f"{p.price_above_low:.6g}"
        lines.append(
            f"- passive beliefs (Nash-in-Nash): {p.sellers_above_low} seller(s) at {price}, predicted high-type "
            f"payoff {p.predicted_buyer_high_payoff:.6g}; at these prices the high type actually accepts "
            f"{p.actual.high_purchases_above_low} above-l offer(s) (payoff {p.actual.buyer_high_payoff:.6g})"
        )
    return "\n".join(lines)
