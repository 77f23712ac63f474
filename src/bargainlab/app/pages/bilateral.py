"""App page: static bilateral trade (Myerson–Satterthwaite, second best, posted prices, k-double auction)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bargainlab.errors import BargainlabError, InvalidParameterError

if TYPE_CHECKING:
    from bargainlab.models.bilateral_trade import BilateralOutcome
    from bargainlab.models.double_auction import BestResponseCheckResult, LinearEquilibriumOutcome

TITLE = "Bilateral trade"
ORDER = 40

__all__ = ["TITLE", "ORDER", "render"]


def _distribution(st: Any, label: str, default: str, key: str, parameter: str | None = None) -> Any:
    """A distribution text input; shows the error next to it and returns None when invalid."""
    from bargainlab.core.inputs import as_distribution

    text = st.text_input(
        label, value=default, key=key, help="a scipy.stats name, e.g. uniform, beta(2,3), uniform(0,2)"
    )
    try:
        return as_distribution(text, parameter or key)
    except BargainlabError as error:
        st.error(str(error))
        return None


def _solve(seller: str, buyer: str) -> BilateralOutcome:
    """Myerson–Satterthwaite, second best and best posted price (cached by the app per input text)."""
    from bargainlab.models import bilateral_trade as bt

    return bt.solve(seller, buyer)


def _double_auction(k: float) -> tuple[LinearEquilibriumOutcome, BestResponseCheckResult]:
    """Linear equilibrium and its best-response check (cached per k)."""
    from bargainlab.models.double_auction import best_response_check, linear_equilibrium

    eq = linear_equilibrium(k)
    return eq, best_response_check(k, eq.bid, eq.ask, points=500)


def render() -> None:
    """Draw the page."""
    import streamlit as st

    from bargainlab.viz.bilateral import double_auction_figure, trade_region_figure

    solve = st.cache_resource(show_spinner="Solving the second best ...")(_solve)
    double_auction = st.cache_resource(show_spinner=False)(_double_auction)

    st.title(TITLE)
    st.caption(
        "A seller with cost s ~ F and a buyer with value b ~ G (independent). Myerson-Satterthwaite: no efficient, "
        "IC, IR mechanism avoids a deficit when the supports overlap; the second best uses weighted virtual values "
        "with the multiplier that makes IR bind (Cramton 1985, Theorem 3)."
    )
    left, right = st.columns(2)
    with left:
        seller = _distribution(st, "Seller's cost distribution F", "uniform", "seller")
        places = {"seller": st.empty()}
    with right:
        buyer = _distribution(st, "Buyer's value distribution G", "uniform", "buyer")
        places["buyer"] = st.empty()
    if seller is None or buyer is None:
        return
    try:
        outcome = solve(st.session_state["seller"], st.session_state["buyer"])
    except BargainlabError as error:
        key = error.key if isinstance(error, InvalidParameterError) else ""
        places.get(key, places["seller"]).error(str(error))  # beside the input of the parameter's key
        return
    ms, second, posted = outcome.myerson_satterthwaite, outcome.second_best, outcome.posted_price
    cols = st.columns(4)
    cols[0].metric("Deficit of the efficient mechanism", f"{ms.deficit_efficient:.6g}")
    cols[1].metric("Multiplier a", f"{second.multiplier:.6g}")
    cols[2].metric("Second-best surplus", f"{second.surplus:.6g}")
    cols[3].metric("Efficiency", f"{second.efficiency:.2%}")
    st.write(
        f"First best {second.first_best_surplus:.6g}; best posted price {posted.price:.4g} with surplus "
        f"{posted.surplus:.6g} ({posted.efficiency:.2%})."
        + (" Myerson-Satterthwaite: efficiency is impossible." if ms.impossible else "")
    )
    figure = trade_region_figure(second, posted)
    st.pyplot(figure.figure)

    st.subheader("k-double auction (uniform values on [0, 1])")
    k = st.number_input("k (price = k·bid + (1 − k)·ask)", value=0.5, step=0.05, key="k")
    try:
        eq, check = double_auction(float(k))
    except BargainlabError as error:
        st.error(str(error))
        return
    st.write(
        f"Buyer bids {eq.buyer_slope:.4g}·v + {eq.buyer_intercept:.4g}; seller asks {eq.seller_slope:.4g}·c + "
        f"{eq.seller_intercept:.4g}; surplus {eq.surplus:.6g} (efficiency {eq.efficiency:.2%}). "
        f"Best-response check: largest gain from deviating {max(check.buyer_gain, check.seller_gain):.2g} "
        f"({'equilibrium' if check.is_equilibrium else 'not an equilibrium'})."
    )
    st.pyplot(double_auction_figure(eq).figure)
