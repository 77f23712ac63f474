"""Text reports of the one-sided model (Pęski 2022): the outcome, p*, the neutral-solution
condition, the property-rights menu and the two-type property-rights outcome."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.one_sided.lp import MechanismLPResult
from bargainlab.models.one_sided.menu import PropertyRightsMenu
from bargainlab.models.one_sided.neutral import NeutralConditionResult
from bargainlab.models.one_sided.outcome import OneSidedOutcome
from bargainlab.models.one_sided.price import OptimalPriceResult
from bargainlab.models.one_sided.two_types import TwoTypePropertyRightsOutcome

__all__ = [
    "one_sided_text",
    "payoffs_by_value_text",
    "optimal_price_text",
    "neutral_condition_text",
    "menu_text",
    "two_types_text",
    "mechanism_lp_text",
]

#: Failure intervals of the neutral-solution condition listed in the text.
SHOWN_FAILURES = 5


@renders(OneSidedOutcome)
def one_sided_text(outcome: OneSidedOutcome) -> str:
    """p*, the offers, both payoffs, efficiency and the neutral-solution condition (a few lines)."""
    low, high = outcome.alice_ex_ante
    alice = f"{low:.6g}" if high - low <= 0 else f"[{low:.6g}, {high:.6g}]"
    eff_low, eff_high = outcome.efficiency
    dist = outcome.distribution
    lines = [
        f"One-sided bargaining with mechanisms (Pęski 2022): F = {dist.name} on "
        f"[{dist.lower:g}, {dist.upper:g}], v = {outcome.value_bob:g}, "
        f"β = {outcome.bargaining_power:g}, δ = {outcome.discount:g}",
        f"  Bob's optimal price: {optimal_price_text(outcome.price)}",
        f"  offers: Alice's share α_A = {outcome.offer_alice:.6g} (Alice proposes), "
        f"α_B = {outcome.offer_bob:.6g} (Bob)",
        f"  Bob's payoff Π*_β = {outcome.bob_payoff:.6g}; Alice's ex ante payoff E[y*_β] = {alice}",
        f"  Alice's payoff y*_β(u) = β max(u, v) + (1 - β) max(u - p*, 0); types in "
        f"({outcome.value_bob:g}, {outcome.price.highest:.6g}) miss the good with probability "
        f"{1 - outcome.bargaining_power:g}",
        f"  efficiency {eff_low:.6g}"
        + ("" if eff_high - eff_low <= 0 else f" to {eff_high:.6g}")
        + f" (welfare loss {outcome.welfare_loss[1]:.6g}); ex post efficient: {outcome.ex_post_efficient}",
        f"  {neutral_condition_text(outcome.neutral)}",
    ]
    lines += [f"  warning: {text}" for text in outcome.warnings]
    return "\n".join(lines)


def payoffs_by_value_text(outcome: OneSidedOutcome) -> str:
    """The report followed by Alice's payoff y*_β(u) at every reported value (a range when p* is
    not unique): the text of ``bargainlab solve one-sided``."""
    lines = [one_sided_text(outcome), "  Alice's payoff by value u:"]
    for u, low, high in zip(outcome.u, *outcome.alice_payoff):
        value = f"{high:.6g}" if high - low <= 0 else f"[{low:.6g}, {high:.6g}]"
        lines.append(f"    u = {u:.6g}: {value}")
    return "\n".join(lines)


@renders(OptimalPriceResult)
def optimal_price_text(result: OptimalPriceResult) -> str:
    """``p* = ...; R(p*) = ...`` (with the number of maximisers when p* is not unique)."""
    prices = ", ".join(f"{p:.6g}" for p in result.prices)
    note = "" if result.unique else f" (not unique: {len(result.prices)} maximisers)"
    return f"p* = {prices}{note}; R(p*) = {result.revenue:.6g}"


@renders(NeutralConditionResult)
def neutral_condition_text(result: NeutralConditionResult) -> str:
    """Whether g(u) = (u - v) f(u) - (1 - F(u)) increases, and where it fails to."""
    if result.holds:
        return "(u - v) f(u) - (1 - F(u)) is strictly increasing: the neutral-solution condition holds"
    where = ", ".join(f"[{a:.4g}, {b:.4g}]" for a, b in result.failures[:SHOWN_FAILURES])
    more = "" if len(result.failures) <= SHOWN_FAILURES else f" and {len(result.failures) - SHOWN_FAILURES} more"
    return f"the neutral-solution condition fails: (u - v) f(u) - (1 - F(u)) does not increase on {where}{more}"


@renders(PropertyRightsMenu)
def menu_text(menu: PropertyRightsMenu) -> str:
    """The menu Y(α, p) on one line per option."""
    items = "; ".join(
        f"{o.label}: P(Alice gets the good) = {o.alice_gets:.6g}, transfer to Alice {o.transfer_to_alice:.6g}"
        for o in menu.options
    )
    return f"menu Y(α = {menu.share:.6g}, p = {menu.price:.6g}): {items}"


@renders(TwoTypePropertyRightsOutcome)
def two_types_text(outcome: TwoTypePropertyRightsOutcome) -> str:
    """Both players' interim payoffs by type under β-random property rights."""
    low, high = outcome.values
    lines = [f"β-random property rights, types {{{low:g}, {high:g}}}, β = {outcome.bargaining_power:g}"]
    for i in range(2):
        lines.append(
            f"  player {i + 1} (P(high) = {outcome.priors[i]:g}): low type {outcome.payoffs[i][0]:.6g}, "
            f"high type {outcome.payoffs[i][1]:.6g}"
        )
    lines.append(f"  ex post efficient: {outcome.ex_post_efficient}")
    return "\n".join(lines)


@renders(MechanismLPResult)
def mechanism_lp_text(result: MechanismLPResult) -> str:
    """The LP's optimum, Bob's payoff and the largest constraint violation."""
    return (
        f"Best direct mechanism by LP over {result.types.size} types of Alice (v = {result.value_bob:g}): "
        f"optimum {result.objective:.6g}, Bob's payoff {result.bob_payoff:.6g}, "
        f"largest violation {result.max_violation:.3g} [{result.method}]"
    )
