"""Text reports of static bilateral trade, the k-double auction and Loertscher–Marx markets."""

from __future__ import annotations

from bargainlab.core.result import renders
from bargainlab.models.bilateral_trade import (
    BilateralOutcome,
    MyersonSatterthwaiteResult,
    PostedPriceOutcome,
    SecondBestOutcome,
)
from bargainlab.models.double_auction import BestResponseCheckResult, LinearEquilibriumOutcome
from bargainlab.models.loertscher_marx import MarketOutcome

__all__ = [
    "myerson_satterthwaite_text",
    "second_best_text",
    "posted_price_text",
    "bilateral_text",
    "linear_equilibrium_text",
    "best_response_text",
    "market_text",
]


@renders(MyersonSatterthwaiteResult)
def myerson_satterthwaite_text(result: MyersonSatterthwaiteResult) -> str:
    """The test, the deficit of the efficient mechanism and the verdict."""
    verdict = (
        "no efficient, IC, IR mechanism avoids a deficit (Myerson-Satterthwaite)"
        if result.impossible
        else "the efficient mechanism is IC, IR and runs no deficit"
    )
    return (
        f"Myerson-Satterthwaite test: seller {result.seller}, buyer {result.buyer}\n"
        f"  supports overlap: {result.overlap}\n"
        f"  expected deficit of the efficient IC, IR mechanism: {result.deficit_efficient:.6g}\n"
        f"  first-best gains from trade: {result.first_best_surplus:.6g}\n"
        f"  {verdict}"
    )


@renders(SecondBestOutcome)
def second_best_text(result: SecondBestOutcome) -> str:
    """The multiplier, the trade rule, the surplus and the payoffs of the second best."""
    lam = "inf" if result.lagrange_multiplier is None else f"{result.lagrange_multiplier:.6g}"
    return (
        f"Second-best (ex ante efficient) mechanism: seller {result.seller}, buyer {result.buyer} [{result.method}]\n"
        f"  trade iff b - a(1-G(b))/g(b) > s + a F(s)/f(s), a = {result.multiplier:.6g} "
        f"(lambda = {lam}, m = a/(1+a) = {result.m:.6g})\n"
        f"  surplus {result.surplus:.6g} of first best {result.first_best_surplus:.6g}: "
        f"efficiency {result.efficiency:.4%}\n"
        f"  P(trade) {result.trade_probability:.6g}; ex ante payoffs: seller {result.seller_payoff:.6g}, "
        f"buyer {result.buyer_payoff:.6g}; budget surplus {result.budget_surplus:.3g}"
    )


@renders(PostedPriceOutcome)
def posted_price_text(result: PostedPriceOutcome) -> str:
    """One line: the price, P(trade), surplus and payoffs."""
    return (
        f"Posted price {result.price:.6g}: P(trade) {result.trade_probability:.6g}, surplus {result.surplus:.6g} "
        f"(efficiency {result.efficiency:.4%}); seller {result.seller_payoff:.6g}, buyer {result.buyer_payoff:.6g}"
    )


@renders(BilateralOutcome)
def bilateral_text(result: BilateralOutcome) -> str:
    """Myerson–Satterthwaite, the second best and the (best) posted price."""
    posted = result.posted_price
    label = "best posted price" if posted.best else "posted price"
    return (
        f"{myerson_satterthwaite_text(result.myerson_satterthwaite)}\n\n"
        f"{second_best_text(result.second_best)}\n\n"
        f"{label}: p = {posted.price:.6g}, surplus {posted.surplus:.6g} "
        f"(efficiency {posted.efficiency:.4%}), P(trade) {posted.trade_probability:.6g}"
    )


@renders(BestResponseCheckResult)
def best_response_text(result: BestResponseCheckResult) -> str:
    """The verdict and the largest gains from deviating."""
    verdict = "an equilibrium" if result.is_equilibrium else "NOT an equilibrium"
    return (
        f"k-double auction (k = {result.k:g}): the strategy pair is {verdict} (tolerance {result.tolerance:.2g})\n"
        f"  largest gain from deviating: buyer {result.buyer_gain:.4g} (at v = {result.buyer_worst_type:.4g}), "
        f"seller {result.seller_gain:.4g} (at c = {result.seller_worst_type:.4g})\n"
        f"  P(trade) {result.trade_probability:.6g}, surplus {result.surplus:.6g}"
    )


@renders(LinearEquilibriumOutcome)
def linear_equilibrium_text(result: LinearEquilibriumOutcome) -> str:
    """The strategies, the trade rule and the surplus (and the best-response check if made)."""
    text = (
        f"k-double auction, k = {result.k:g}, values uniform on [{result.lower:g}, {result.upper:g}]: "
        "linear equilibrium\n"
        f"  buyer bids  {result.buyer_slope:.6g} v + {result.buyer_intercept:.6g}\n"
        f"  seller asks {result.seller_slope:.6g} c + {result.seller_intercept:.6g}\n"
        f"  trade iff v >= {result.trade_intercept:.6g} + {result.trade_slope:.6g} c; "
        f"P(trade) {result.trade_probability:.6g}\n"
        f"  surplus {result.surplus:.6g} of first best {result.first_best_surplus:.6g}: "
        f"efficiency {result.efficiency:.4%}"
    )
    if result.best_response_check is not None:
        text += "\n" + best_response_text(result.best_response_check)
    return text


@renders(MarketOutcome)
def market_text(result: MarketOutcome) -> str:
    """Weights, multiplier, α's, surplus and the two budgets of a Loertscher–Marx market."""
    return (
        f"Loertscher-Marx market: {len(result.seller_weights)} seller(s), {len(result.buyer_weights)} buyer(s) "
        f"[{result.method}, {result.samples} draws]\n"
        f"  units: sellers {list(result.seller_capacities)}, buyers {list(result.buyer_capacities)}\n"
        f"  weights: sellers {list(result.seller_weights)}, buyers {list(result.buyer_weights)}; lambda = "
        f"{result.lagrange_multiplier:.6g}\n"
        f"  alphas: sellers {[round(a, 6) for a in result.seller_alphas]}, buyers "
        f"{[round(a, 6) for a in result.buyer_alphas]}\n"
        f"  surplus {result.surplus:.6g} of first best {result.first_best_surplus:.6g}: efficiency "
        f"{result.efficiency:.4%}; E[trades] {result.expected_trades:.4g}\n"
        f"  E[budget] by virtual values {result.budget_virtual:.4g}, by payments {result.budget_payments:.4g}; "
        f"lump sum {result.lump_sum:.4g}"
    )
