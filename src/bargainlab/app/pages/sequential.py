"""App page: Cramton's sequential bargaining mechanisms with discount rates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bargainlab.errors import BargainlabError, InvalidParameterError

if TYPE_CHECKING:
    from bargainlab.models.sequential import RatioCurveResult, SequentialOutcome

TITLE = "Sequential mechanisms (Cramton)"
ORDER = 50

__all__ = ["TITLE", "ORDER", "render"]


def _solve(seller: str, buyer: str, seller_rate: float, buyer_rate: float) -> SequentialOutcome:
    """The ex ante efficient mechanism (cached by the app per input)."""
    from bargainlab.models import sequential as sq

    return sq.solve(seller, buyer, seller_rate, buyer_rate)


def _curve() -> RatioCurveResult:
    """Figures 8.1–8.2 data for uniform values (closed form)."""
    import numpy as np

    from bargainlab.models import sequential as sq

    return sq.ratio_curve(np.linspace(0.01, 1.0, 100))


def render() -> None:
    """Draw the page."""
    import streamlit as st

    from bargainlab.app.pages.bilateral import _distribution
    from bargainlab.viz.sequential import delay_figure, figure_8_1, figure_8_2

    solve = st.cache_resource(show_spinner="Solving the ex ante efficient mechanism ...")(_solve)
    curve_data = st.cache_resource(show_spinner=False)(_curve)

    st.title(TITLE)
    st.caption(
        "Seller's rate r, buyer's rate s: trade at time t is worth x − s·e^(−rt) to the seller and b·e^(−st) − x "
        "to the buyer. The ex ante efficient mechanism delays trade when r > s (Cramton 1985, Theorem 3); "
        "efficiency is measured against the full-information first best with the same rates."
    )
    left, right = st.columns(2)
    with left:
        seller_rate = st.number_input("Seller's discount rate r", value=2.0, step=0.5, key="seller_rate")
        places = {"seller_rate": st.empty()}
        seller = _distribution(st, "Seller's cost distribution F", "uniform", "sequential_seller", "seller")
    with right:
        buyer_rate = st.number_input("Buyer's discount rate s", value=1.0, step=0.5, key="buyer_rate")
        places["buyer_rate"] = st.empty()
        buyer = _distribution(st, "Buyer's value distribution G", "uniform", "sequential_buyer", "buyer")
    if seller is None or buyer is None:
        return
    try:
        out = solve(
            st.session_state["sequential_seller"],
            st.session_state["sequential_buyer"],
            float(seller_rate),
            float(buyer_rate),
        )
    except BargainlabError as error:
        key = error.key if isinstance(error, InvalidParameterError) else ""
        places.get(key, places["seller_rate"]).error(str(error))  # beside the widget of the parameter's key
        return
    cols = st.columns(4)
    cols[0].metric("m = a/(1+a)", f"{out.m:.6g}")
    cols[1].metric("Surplus U + V", f"{out.surplus:.6g}")
    cols[2].metric("First best (same rates)", f"{out.first_best:.6g}")
    cols[3].metric("Efficiency", f"{out.efficiency:.2%}")
    st.write("Static: trade now or never." if out.static_second_best else "Sequential: some pairs trade with delay.")
    st.pyplot(delay_figure(out, points=61).figure)

    st.subheader("Figures 8.1 and 8.2 (uniform values)")
    curve = curve_data()
    one, two = st.columns(2)
    one.pyplot(figure_8_1(curve).figure)
    two.pyplot(figure_8_2(curve).figure)
