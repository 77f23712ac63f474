"""Figures of the one-sided model (Pęski 2022): payoffs in u, against β and δ, Bob's revenue.

Every function returns a :class:`~bargainlab.viz.figure.FigureData` whose columns are the
plotted numbers (written by ``FigureData.write(path.csv)``); the numbers come from the model
(:meth:`OneSidedOutcome.payoff_table` and :mod:`bargainlab.models.one_sided.curves`), this
module only draws them on a :class:`matplotlib.figure.Figure` (no pyplot state).
"""

from __future__ import annotations

from typing import Any

from bargainlab.models.one_sided import OneSidedOutcome
from bargainlab.models.one_sided.curves import (
    CURVE_POINTS,
    offers_against_discount,
    payoffs_against_bargaining_power,
    revenue_against_price,
)
from bargainlab.viz.choices import ONE_SIDED_FIGURES
from bargainlab.viz.figure import FigureData

__all__ = ["payoffs_in_u", "payoffs_against_beta", "payoffs_against_delta", "revenue_curve", "KINDS", "SWEEP_POINTS"]

#: Points of the β and δ sweeps and of the revenue curve.
SWEEP_POINTS = CURVE_POINTS


def _metadata(outcome: OneSidedOutcome) -> dict[str, object]:
    return {**outcome.parameters, "p_star": [float(p) for p in outcome.price.prices]}


def _axes(title: str) -> tuple[Any, Any]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 4.2))
    axes = figure.subplots()
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    return figure, axes


def payoffs_in_u(outcome: OneSidedOutcome) -> FigureData:
    """Alice's equilibrium payoff y*_β(u), her payoffs by proposer, and the benchmarks, against u."""
    columns = outcome.payoff_table()
    u, low, high = columns["u"], columns["alice_payoff_low"], columns["alice_payoff_high"]
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
    columns = payoffs_against_bargaining_power(outcome, points)
    beta, bob, alice = columns["bargaining_power"], columns["bob_payoff"], columns["alice_ex_ante"]
    title = f"Payoffs against β, F = {outcome.distribution.name}, v = {outcome.value_bob:g}"
    figure, axes = _axes(title)
    axes.plot(beta, bob, label="Bob Π*_β = (1 - β) R(p*)")
    axes.plot(beta, alice, label="Alice E[y*_β(u)]")
    axes.plot(beta, columns["welfare"], color="0.4", ls=":", label="expected welfare")
    axes.set_xlabel("Alice's bargaining power β")
    axes.set_ylabel("payoff")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


def payoffs_against_delta(outcome: OneSidedOutcome, points: int = SWEEP_POINTS) -> FigureData:
    """The offers α_A = 1 - δ(1 - β), α_B = δβ and Bob's payoffs by proposer against δ; the
    expected payoffs do not move with δ."""
    columns = offers_against_discount(outcome, points)
    delta = columns["discount"]
    title = (
        f"Offers against δ, β = {outcome.bargaining_power:g}, F = {outcome.distribution.name}, "
        f"v = {outcome.value_bob:g}"
    )
    figure, axes = _axes(title)
    axes.plot(delta, columns["alpha_alice"], label="α_A = 1 - δ(1 - β) (Alice proposes)")
    axes.plot(delta, columns["alpha_bob"], label="α_B = δβ (Bob proposes)")
    axes.plot(delta, columns["bob_if_alice_proposes"], ls="--", label="Bob's payoff, Alice proposes")
    axes.plot(delta, columns["bob_if_bob_proposes"], ls="--", label="Bob's payoff, Bob proposes")
    axes.plot(delta, columns["bob_expected"], color="0.4", ls=":", label="Bob's expected payoff Π*_β")
    axes.set_xlabel("discount factor δ")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


def revenue_curve(outcome: OneSidedOutcome, points: int = SWEEP_POINTS * 4) -> FigureData:
    """Bob's monopoly revenue R(p) = v F(p) + p (1 - F(p)) on the price domain, with p* marked."""
    columns = revenue_against_price(outcome, points)
    title = f"Bob's revenue R(p), F = {outcome.distribution.name}, v = {outcome.value_bob:g}"
    figure, axes = _axes(title)
    axes.plot(columns["price"], columns["revenue"], label="R(p) = v F(p) + p (1 - F(p))")
    for p in outcome.price.prices:
        axes.axvline(p, color="C3", lw=1, ls="--")
    axes.set_xlabel("price p")
    axes.set_ylabel("revenue")
    axes.legend(fontsize=8)
    return FigureData(figure, columns, title, _metadata(outcome))


#: Figure kinds of ``bargainlab plot one-sided KIND``: the functions, in the order of their names
#: (:data:`bargainlab.viz.choices.ONE_SIDED_FIGURES`, which the CLI reads without this module).
KINDS = dict(
    zip(ONE_SIDED_FIGURES, (payoffs_in_u, payoffs_against_beta, payoffs_against_delta, revenue_curve), strict=True)
)
