"""Transparency: N sellers, one buyer with a reputation; equilibria, the passive-beliefs benchmark
and comparative statics against ρ, N and μ (docs/transparency.md)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from bargainlab.app.widgets import Field, ParameterPanel, download_buttons
from bargainlab.models.transparency import OBSERVATIONS, TransparencySolution, solve_transparency, transparency_game

TITLE = "Transparency (many sellers)"
ORDER = 60

FIELDS = [
    Field("sellers", "N (sellers)", 3.0, "number of sellers, 1 to 64", kind="number", step=1.0),
    Field("mu", "μ (probability of the high value)", 0.8, "in [0, 1]", kind="number"),
    Field("high", "h (high value)", 1.0, "> l", kind="number"),
    Field("low", "l (low value)", 0.5, "0 ≤ l < h", kind="number"),
    Field("delta", "δ (weight of period 2)", 0.9, "in [0, 1]", kind="number"),
    Field("rho", "ρ (transparency)", 0.5, "probability that a seller sees another's outcome, in [0, 1]", kind="number"),
]

#: Library parameter key → field key (errors land below their input).
PARAMETER_FIELDS = {
    "sellers": "sellers",
    "prior_high": "mu",
    "high_value": "high",
    "low_value": "low",
    "discount": "delta",
    "transparency": "rho",
    "observation": "rho",
}

VIEWS = ("Equilibria", "Against ρ", "Against N", "Against μ")
KIND_OF_VIEW = {"Against ρ": "rho", "Against N": "sellers", "Against μ": "mu"}


def _count(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@st.cache_data(show_spinner=False, max_entries=64)
def _solve(params: tuple[Any, ...]) -> TransparencySolution:
    return solve_transparency(*params)


@st.cache_data(show_spinner=False, max_entries=32)
def _columns(params: tuple[Any, ...], kind: str, points: int) -> dict[str, Any]:
    from bargainlab.viz.transparency import statics_columns

    return statics_columns(transparency_game(*params), kind, points)


def _equilibrium_rows(solution: TransparencySolution) -> list[dict[str, Any]]:
    rows = []
    for e in solution.equilibria:
        o = e.outcome
        rows.append(
            {
                "sellers above l": e.sellers_above_low,
                "price above l": e.price_above_low,
                "perfect Bayesian": e.perfect_bayesian,
                "mean seller payoff": sum(o.seller_payoffs) / len(o.seller_payoffs),
                "high type's payoff": o.buyer_high_payoff,
                "low type's payoff": o.buyer_low_payoff,
                "welfare": o.welfare,
                "efficient welfare": o.efficient_welfare,
                "average price (high type)": o.average_price_high,
                "raise ⇒ all above-l rejected": e.rejects_all_after_raise,
            }
        )
    return rows


def render() -> None:
    """Draw the page."""
    st.header("Transparency: many sellers, one buyer")
    st.caption(
        "Period 1: sellers post prices, the buyer (value h with probability μ, else l) accepts any subset; "
        "each seller sees each other's outcome with probability ρ; period 2: a seller that saw a purchase "
        "above l asks h, the others l. See docs/transparency.md."
    )
    panel = ParameterPanel(FIELDS, st.sidebar)
    with panel:
        raw = panel.render()
        if "observation" not in st.session_state:
            link = st.query_params.get("observation", OBSERVATIONS[0])
            st.session_state["observation"] = link if link in OBSERVATIONS else OBSERVATIONS[0]
        observation = str(
            st.sidebar.selectbox(
                "observation",
                OBSERVATIONS,
                key="observation",
                help="independent: each pair of sellers; market: one draw for all",
            )
        )
        if "view" not in st.session_state:
            link = st.query_params.get("view", VIEWS[0])
            st.session_state["view"] = link if link in VIEWS else VIEWS[0]
        view = str(st.radio("view", VIEWS, horizontal=True, key="view", label_visibility="collapsed"))
        game = (
            None
            if not panel.valid
            else panel.build(
                lambda: transparency_game(
                    _count(raw["sellers"]), raw["mu"], raw["high"], raw["low"], raw["delta"], raw["rho"], observation
                ),
                PARAMETER_FIELDS,
            )
        )
        panel.publish_link({"observation": observation, "view": view})
    if game is None:
        return
    params = tuple(game.to_dict().values())
    if view == "Equilibria":
        solution = _solve(params)
        best = solution.select("seller_best")
        c1, c2, c3 = st.columns(3)
        c1.metric("equilibria (perfect Bayesian)", f"{len(solution.equilibria)} ({len(solution.perfect_bayesian)})")
        if best is not None:
            c2.metric("sellers above l (sellers' best PBE)", best.sellers_above_low)
            c3.metric("high type's payoff (that PBE)", f"{best.outcome.buyer_high_payoff:.4g}")
        st.dataframe(_equilibrium_rows(solution), hide_index=True)
        st.code(str(solution), language=None)
        st.download_button(
            "JSON",
            data=lambda: __import__("json").dumps(solution.to_dict(), indent=1),
            file_name="transparency.json",
            mime="application/json",
            on_click="ignore",
        )
        return
    kind = KIND_OF_VIEW[view]
    points = 12 if kind == "sellers" else 51
    columns = _columns(params, kind, points)
    x = columns[{"rho": "transparency", "sellers": "sellers", "mu": "prior_high"}[kind]]
    st.subheader("Prices")
    st.line_chart(
        {
            "x": x,
            "PBE price above l": columns["pbe_price_above_low"],
            "PBE average price (high)": columns["pbe_average_price_high"],
            "notes' game average price (high)": columns["notes_average_price_high"],
            "passive-beliefs price": columns["passive_price"],
        },
        x="x",
    )
    st.subheader("Payoffs")
    st.line_chart(
        {
            "x": x,
            "PBE high type": columns["pbe_buyer_high_payoff"],
            "notes' game high type": columns["notes_buyer_high_payoff"],
            "PBE mean seller": columns["pbe_seller_payoff_mean"],
            "PBE welfare": columns["pbe_welfare"],
        },
        x="x",
    )

    def make():  # noqa: ANN202
        from bargainlab.viz.transparency import transparency_figure

        return transparency_figure(game, kind, points)

    download_buttons(make, columns, f"transparency-{kind}", key=f"tr-{kind}")
