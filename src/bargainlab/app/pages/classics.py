"""App page: complete-information classics (random proposer, Rubinstein, Nash, Nash-in-Nash)."""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from bargainlab.core.result import Result
from bargainlab.errors import BargainlabError
from bargainlab.models.complete_info import random_proposer
from bargainlab.models.nash import NashOutcome, nash_solution
from bargainlab.models.nash_in_nash import NashInNashOutcome, load_network, nash_in_nash
from bargainlab.models.rubinstein import rubinstein

TITLE = "Complete information"
ORDER = 30

_NETWORK = json.dumps(
    {
        "weights": {"H": 1, "M1": 1, "M2": 2},
        "agreements": [{"between": ["H", "M1"], "gains": [3, 1]}, {"between": ["H", "M2"], "gains": [2, 2]}],
    },
    indent=1,
)


def _rows(text: str, width: int, name: str) -> list[list[float]]:
    try:
        rows = [[float(x) for x in row.split(",")] for row in text.split(";") if row.strip()]
    except ValueError:
        raise BargainlabError(f"{name} must be rows of {width} numbers separated by ';'; got {text!r}") from None
    if not rows or any(len(r) != width for r in rows):
        raise BargainlabError(f"{name} must be rows of {width} numbers separated by ';'; got {text!r}")
    return rows


def _show(compute: Callable[[], Result]) -> Result | None:
    try:
        return compute()
    except BargainlabError as error:
        st.error(str(error))
        return None


def render() -> None:
    """Draw the page."""
    st.header("Complete information")
    model = st.radio(
        "model", ["Random proposer", "Rubinstein", "Nash bargaining", "Nash-in-Nash"], horizontal=True, key="model"
    )
    if model == "Random proposer":
        c1, c2 = st.columns(2)
        t1 = c1.number_input("value t₁", value=0.2, key="t1")
        t2 = c1.number_input("value t₂", value=1.0, key="t2")
        beta = c2.slider("β (player 1 proposes)", 0.0, 1.0, 0.25, 0.01, key="rp_beta")
        delta = c2.slider("δ", 0.0, 1.0, 0.9, 0.01, key="rp_delta")
        out = _show(lambda: random_proposer(t1, t2, beta, delta))
    elif model == "Rubinstein":
        c1, c2 = st.columns(2)
        d1 = c1.slider("δ₁", 0.0, 1.0, 0.9, 0.01, key="d1")
        d2 = c1.slider("δ₂", 0.0, 1.0, 0.8, 0.01, key="d2")
        pie = c2.number_input("pie", value=1.0, key="pie")
        first = c2.radio("first proposer", [1, 2], horizontal=True, key="first")
        out = _show(lambda: rubinstein(d1, d2, pie, int(first or 1)))
    elif model == "Nash bargaining":
        vertices = st.text_input("vertices of U (x,y;x,y;...)", value="0,0;1,0;0,1", key="vertices")
        disagreement = st.text_input("disagreement d (d1,d2)", value="0,0", key="disagreement")
        weight = st.slider("weight β of player 1", 0.0, 1.0, 0.5, 0.01, key="weight")
        out = _show(
            lambda: nash_solution(
                vertices=_rows(vertices, 2, "vertices"),
                disagreement=_rows(disagreement, 2, "disagreement")[0],
                bargaining_power=weight,
            )
        )
    else:
        text = st.text_area("network (JSON)", value=_NETWORK, height=180, key="network")

        def compute() -> NashInNashOutcome:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise BargainlabError(f"network must be valid JSON ({error})") from None
            return nash_in_nash(*load_network(data))

        out = _show(compute)
    if out is not None:
        st.code(str(out), language=None)
        if isinstance(out, NashOutcome):
            from bargainlab.viz.classics import nash_figure

            st.pyplot(nash_figure(out).figure)
        with st.expander("JSON"):
            st.json(out.to_dict(), expanded=False)
