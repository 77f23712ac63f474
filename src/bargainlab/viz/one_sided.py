"""Figures of the one-sided model (Pęski 2022): payoffs in u, against β and δ, Bob's revenue.

Every function returns a :class:`~bargainlab.viz.figure.FigureData` whose columns are the
plotted numbers (written by ``FigureData.write(path.csv)``).
"""

from __future__ import annotations

import numpy as np

from bargainlab.models.one_sided import OneSidedOutcome, monopoly_revenue
from bargainlab.viz.figure import FigureData, use_headless_backend

__all__ = ["payoffs_in_u", "payoffs_against_beta", "payoffs_against_delta", "revenue_curve", "KINDS", "SWEEP_POINTS"]

#: Points of the β and δ sweeps and of the revenue curve.
SWEEP_POINTS = 101


def _metadata(outcome: OneSidedOutcome) -> dict[str, object]:
    return {
        "distribution": outcome.distribution.name,
        "support": [outcome.distribution.lower, outcome.distribution.upper],
        "value_bob": outcome.value_bob,
        "beta": outcome.bargaining_power,
        "delta": outcome.discount,
        "p_star": [float(p) for p in outcome.price.prices],
    }


def _axes(title: str):  # noqa: ANN202 - matplotlib types are optional
    use_headless_backend()
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    return figure, axes


def payoffs_in_u(outcome: OneSidedOutcome) -> FigureData:
    """Alice's equilibrium payoff y*_β(u), her payoffs by proposer, and the benchmarks, against u."""
    u = outcome.u
    low, high = outcome.alice_payoff
    columns = {
        "u": u,
        "alice_payoff_low": low,
        "alice_payoff_high": high,
        "alice_if_alice_proposes": outcome.payoff_alice(u, outcome.offer_alice),
        "alice_if_bob_proposes": outcome.payoff_alice(u, outcome.offer_bob),
        "complete_information": outcome.bargaining_power * np.maximum(u, outcome.value_bob),
    }
    title = (
        f"Alice's payoffs, F = {outcome.distribution.name}, v = {outcome.value_bob:g}, "
        f"β = {outcome.bargaining_power:g}, δ = {outcome.discount:g}"
    )
    figure, axes = _axes(title)
    axes.plot(u, high, color="C0", lw=2, label="y*_β(u) (equilibrium)")
    if not outcome.price.unique:
        axes.fill_between(u, low, high, color="C0", alpha=0.2, label="range over the maximisers p*")
    axes.plot(u, columns["alice_if_alice_proposes"], color="C2", ls="--", label="Alice proposes (α_A)")
    axes.plot(u, columns["alice_if_bob_proposes"], color="C3", ls="--", label="Bob proposes (α_B)")
    axes.plot(u, columns["complete_information"], color="0.4", ls=":", label="β max(u, v)")
    for p in outcome.price.prices:
        axes.axvline(p, color="0.6", lw=0.8)
    axes.set_xlabel("Alice's value u")
    axes.set_ylabel("payoff")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


def payoffs_against_beta(outcome: OneSidedOutcome, points: int = SWEEP_POINTS) -> FigureData:
    """Bob's payoff Π*_β, Alice's ex ante payoff and welfare against β (p* does not depend on β)."""
    beta = np.linspace(0.0, 1.0, points)
    revenue = outcome.price.revenue
    alice = beta * outcome.expected_alice_payoff(1.0) + (1 - beta) * outcome.expected_alice_payoff(0.0)
    bob = (1 - beta) * revenue
    columns = {"beta": beta, "bob_payoff": bob, "alice_ex_ante": alice, "welfare": alice + bob}
    title = f"Payoffs against β, F = {outcome.distribution.name}, v = {outcome.value_bob:g}"
    figure, axes = _axes(title)
    axes.plot(beta, bob, label="Bob Π*_β = (1 - β) R(p*)")
    axes.plot(beta, alice, label="Alice E[y*_β(u)]")
    axes.plot(beta, alice + bob, color="0.4", ls=":", label="expected welfare")
    axes.set_xlabel("Alice's bargaining power β")
    axes.set_ylabel("payoff")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


def payoffs_against_delta(outcome: OneSidedOutcome, points: int = SWEEP_POINTS) -> FigureData:
    """The offers α_A = 1 - δ(1 - β), α_B = δβ and Bob's payoffs by proposer against δ; the
    expected payoffs do not move with δ."""
    delta = np.linspace(0.0, 1.0, points)[1:]
    beta = outcome.bargaining_power
    revenue = outcome.price.revenue
    alpha_a, alpha_b = 1 - delta * (1 - beta), delta * beta
    columns = {
        "delta": delta,
        "alpha_alice": alpha_a,
        "alpha_bob": alpha_b,
        "bob_if_alice_proposes": (1 - alpha_a) * revenue,
        "bob_if_bob_proposes": (1 - alpha_b) * revenue,
        "bob_expected": np.full(delta.size, (1 - beta) * revenue),
    }
    title = f"Offers against δ, β = {beta:g}, F = {outcome.distribution.name}, v = {outcome.value_bob:g}"
    figure, axes = _axes(title)
    axes.plot(delta, alpha_a, label="α_A = 1 - δ(1 - β) (Alice proposes)")
    axes.plot(delta, alpha_b, label="α_B = δβ (Bob proposes)")
    axes.plot(delta, columns["bob_if_alice_proposes"], ls="--", label="Bob's payoff, Alice proposes")
    axes.plot(delta, columns["bob_if_bob_proposes"], ls="--", label="Bob's payoff, Bob proposes")
    axes.plot(delta, columns["bob_expected"], color="0.4", ls=":", label="Bob's expected payoff Π*_β")
    axes.set_xlabel("discount factor δ")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


def revenue_curve(outcome: OneSidedOutcome, points: int = SWEEP_POINTS * 4) -> FigureData:
    """Bob's monopoly revenue R(p) = v F(p) + p (1 - F(p)) on the price domain, with p* marked."""
    lo, hi = outcome.price.domain
    price = np.linspace(lo, hi, points) if hi > lo else np.array([lo])
    revenue = monopoly_revenue(outcome.distribution, outcome.value_bob, price)
    columns = {"price": price, "revenue": revenue}
    title = f"Bob's revenue R(p), F = {outcome.distribution.name}, v = {outcome.value_bob:g}"
    figure, axes = _axes(title)
    axes.plot(price, revenue, label="R(p) = v F(p) + p (1 - F(p))")
    for p in outcome.price.prices:
        axes.axvline(p, color="C3", lw=1, ls="--")
    axes.set_xlabel("price p")
    axes.set_ylabel("revenue")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


#: Figure kinds of ``bargainlab plot one-sided KIND``.
KINDS = {
    "payoffs": payoffs_in_u,
    "beta": payoffs_against_beta,
    "delta": payoffs_against_delta,
    "revenue": revenue_curve,
}
