"""Text reports of the complete-information classics: random proposer, Rubinstein, Nash and
Nash-in-Nash."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.complete_info import RandomProposerOutcome
from bargainlab.models.nash import NashOutcome
from bargainlab.models.nash_in_nash import AgreementOutcome, NashInNashOutcome
from bargainlab.models.rubinstein import RubinsteinOutcome

__all__ = ["random_proposer_text", "rubinstein_text", "nash_text", "agreement_text", "nash_in_nash_text"]


@renders(RandomProposerOutcome)
def random_proposer_text(outcome: RandomProposerOutcome) -> str:
    """Who gets the good, the payoffs β_i max(t_1, t_2) and the proposers' shares."""
    return "\n".join(
        [
            f"Random-proposer bargaining, complete information: t = ({outcome.values[0]:g}, {outcome.values[1]:g}), "
            f"β = {outcome.bargaining_power:g}, δ = {outcome.discount:g}",
            f"  player {outcome.owner} gets the good; payoffs {outcome.payoffs[0]:.6g}, {outcome.payoffs[1]:.6g} "
            f"(β_i max(t_1, t_2))",
            f"  proposer keeps {outcome.proposer_keeps[0]:.6g} (player 1) / {outcome.proposer_keeps[1]:.6g} "
            "(player 2) of the surplus",
        ]
    )


@renders(RubinsteinOutcome)
def rubinstein_text(outcome: RubinsteinOutcome) -> str:
    """The immediate agreement: shares and payoffs."""
    return (
        f"Rubinstein alternating offers: δ = ({outcome.discounts[0]:g}, {outcome.discounts[1]:g}), "
        f"pie {outcome.pie:g}, player {outcome.first_proposer} proposes first\n"
        f"  immediate agreement: shares {outcome.shares[0]:.6g}, {outcome.shares[1]:.6g}; "
        f"payoffs {outcome.payoffs[0]:.6g}, {outcome.payoffs[1]:.6g}"
    )


@renders(NashOutcome)
def nash_text(outcome: NashOutcome) -> str:
    """The agreed payoffs, the gains over d and the Nash product."""
    return (
        f"Nash bargaining solution (weight β = {outcome.bargaining_power:g} on player 1), d = "
        f"({outcome.disagreement[0]:g}, {outcome.disagreement[1]:g}):\n"
        f"  v = ({outcome.point[0]:.6g}, {outcome.point[1]:.6g}); gains ({outcome.gains[0]:.6g}, "
        f"{outcome.gains[1]:.6g}); Nash product {outcome.nash_product:.6g} [{outcome.method}]"
    )


@renders(AgreementOutcome)
def agreement_text(agreement: AgreementOutcome) -> str:
    """Who pays whom in one agreement, and both net gains."""
    payer, payee = (
        (agreement.second, agreement.first) if agreement.transfer >= 0 else (agreement.first, agreement.second)
    )
    return (
        f"{payer} pays {payee} {abs(agreement.transfer):.6g} (net gains {agreement.first}: "
        f"{agreement.net_gains[0]:.6g}, {agreement.second}: {agreement.net_gains[1]:.6g})"
    )


@renders(NashInNashOutcome)
def nash_in_nash_text(outcome: NashInNashOutcome) -> str:
    """Every agreement's transfer, then each agent's net transfer (and payoff when π_i(G) is given)."""
    lines = ["Nash-in-Nash (every agreement reached; bilateral Nash transfers)"]
    lines += [f"  {agreement_text(agreement)}" for agreement in outcome.agreements]
    for name, value in outcome.transfers.items():
        total = f"; payoff {outcome.payoffs[name]:.6g}" if name in outcome.payoffs else ""
        lines.append(f"  {name}: net transfer {value:.6g}{total}")
    return "\n".join(lines)
