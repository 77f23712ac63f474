"""App page: one-sided bargaining with mechanisms (Pęski 2022)."""

from __future__ import annotations

import warnings

import streamlit as st

from bargainlab.app.widgets import number_list
from bargainlab.errors import BargainlabError, InvalidParameterError
from bargainlab.models.one_sided import NonUniquePriceWarning, solve
from bargainlab.viz.one_sided import KINDS

TITLE = "One-sided bargaining"
ORDER = 20

_FIGURES = {
    "payoffs": "Alice's payoffs in u",
    "beta": "payoffs against β",
    "delta": "offers against δ",
    "revenue": "Bob's revenue R(p)",
}


def _support(text: str) -> tuple[float, float] | None:
    """The truncation "A,B" (empty: none); errors are keyed ``support`` like the library's."""
    if not text.strip():
        return None
    values = number_list(text, "support")
    if len(values) != 2:
        raise InvalidParameterError("support", text, "two numbers A,B")
    return values[0], values[1]


def render() -> None:
    """Draw the page."""
    st.header("One-sided bargaining with mechanisms (Pęski 2022)")
    st.caption(
        "Alice's value u ~ F is private; Bob's value v is known. Alice proposes with probability β; offers are "
        "mechanisms. Equilibrium: the proposer offers the property-rights menu with Alice's share "
        "α_A = 1 - δ(1 - β) or α_B = δβ; payoffs y*_β(u) = β max(u, v) + (1 - β) max(u - p*, 0) and "
        "Π*_β = (1 - β) R(p*)."
    )
    left, right = st.columns(2)
    dist = left.text_input("Alice's distribution F (scipy.stats name)", value="beta(2,3)", key="dist")
    support_text = left.text_input("truncate to A,B (optional; needed for e.g. norm)", value="", key="support")
    value_bob = left.number_input("Bob's value v", value=0.1, step=0.05, format="%.4f", key="value_bob")
    beta = right.slider("Alice's bargaining power β", 0.0, 1.0, 0.5, 0.01, key="beta")
    delta = right.slider("discount factor δ", 0.01, 1.0, 0.9, 0.01, key="delta")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NonUniquePriceWarning)  # shown below from the result
            outcome = solve(dist, value_bob, beta, delta, support=_support(support_text), points=101)
    except BargainlabError as error:
        st.error(str(error))
        return
    for text in outcome.warnings:
        st.warning(text)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("p*", ", ".join(f"{p:.4f}" for p in outcome.price.prices))
    c2.metric("Bob's payoff Π*_β", f"{outcome.bob_payoff:.4f}")
    c3.metric("Alice's ex ante payoff", f"{outcome.alice_ex_ante[1]:.4f}")
    c4.metric("efficiency", f"{outcome.efficiency[0]:.4f}")
    st.write(
        f"Offers: Alice's share α_A = {outcome.offer_alice:.4f} when Alice proposes, α_B = {outcome.offer_bob:.4f} "
        f"when Bob proposes. Types v < u < p* miss the good with probability {1 - beta:.2f}."
    )
    (st.success if outcome.neutral.holds else st.info)(str(outcome.neutral))
    kind = st.selectbox("figure", list(_FIGURES), format_func=lambda name: _FIGURES[name], key="figure")
    figure = KINDS[str(kind)](outcome)
    st.pyplot(figure.figure)
    st.download_button(
        "figure data (CSV)",
        data="\n".join(
            [",".join(figure.columns)]
            + [",".join(repr(float(x)) for x in row) for row in zip(*figure.columns.values())]
        ),
        file_name=f"one_sided_{kind}.csv",
        mime="text/csv",
    )
    with st.expander("JSON (same as bargainlab solve one-sided --json)"):
        st.json(outcome.to_dict(), expanded=False)
