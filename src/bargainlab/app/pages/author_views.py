"""The author's app views (Pęski 2024 slides, bwm-payoffs): the offers aⁱ(x) that cannot be refused,
the Gap and its bound, and why player 1 gets the whole Gap, for any share x and a moving belief.

Sidebar: values and priors of both players (as on the two-sided page; two types each in the
theory's labels l₁ < l₂, h₁ < h₂ for the paper's mechanisms, any number of types for the Gap by
LP), player 1's share x and the number of belief points. Main area: the view (offers a¹(x) or
a²(x) by proposer; Gap(p, x) with Δ(x), the 6.25% bound and LP checks; a¹, a² = E,
a² − Gap(·, p₂*) and the region p₁ ≥ p₁*; the convexity of a²), the moving belief (p₁ or p₂,
the other prior fixed), the chart, its data (CSV) and figure (PNG, SVG). Every input is a query
parameter, so the URL is a permanent link.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

import streamlit as st

from bargainlab.app.widgets import (
    PRIOR_FIELDS,
    Field,
    ParameterPanel,
    download_buttons,
    number_list,
    player_space,
    prior,
)
from bargainlab.core import limits
from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace, two_sided_environment
from bargainlab.models.two_sided import closed_form, mechanisms
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.viz import author_views as av
from bargainlab.viz import author_views_interactive as charts

TITLE = "The author's views (Pęski 2024 slides)"
ORDER = 11

FIELDS = (
    Field(
        "values1",
        "Player 1's values",
        "0.1, 0.6",
        "Increasing, comma-separated: l₁, h₁ (player 1 has the lower low value, l₁ < l₂); more types: the Gap "
        f"view only, at most {limits.MAX_TYPES}",
    ),
    PRIOR_FIELDS[1],
    Field(
        "values2",
        "Player 2's values",
        "0.3, 1",
        f"Increasing, comma-separated: l₂, h₂ (h₁ < h₂); more types: the Gap view only, at most {limits.MAX_TYPES}",
    ),
    PRIOR_FIELDS[2],
    Field(
        "share",
        "share x (player 1's)",
        0.5,
        "Player 1's share x in [0, 1] of a¹(x), a²(x) (β in Theorem 3); player 2's is 1 − x",
        "number",
    ),
    Field(
        "points",
        "Belief points",
        101.0,
        f"3 to {av.MAX_VIEW_POINTS} (two types each); 3 to {av.MAX_LP_VIEW_POINTS} with more types (one LP each)",
        "number",
        10.0,
    ),
)
#: The library's parameter names (error keys) → this page's fields.
PARAMETER_KEYS = {
    "values1": "values1",
    "values2": "values2",
    "prior1": "prior1",
    "prior2": "prior2",
    "share": "share",
    "bargaining_power": "share",
    "points": "points",
}
#: The views: query-parameter value → label.
VIEWS = {
    "offers": "Offers aⁱ(x) that cannot be refused",
    "gap": "The Gap and its bound",
    "whole-gap": "Player 1 gets the whole Gap",
    "convexity": "Convexity of a²",
}
PROPOSERS = {1: "player 1: a¹(x)", 2: "player 2: a²(x)"}
MOVING = {"p1": "p₁: player 1's prior moves", "p2": "p₂: player 2's prior moves"}
#: Each control: (query key, label, options, default).
CHOICES: dict[str, tuple[str, dict[Any, str], Any]] = {
    "view": ("View", VIEWS, "offers"),
    "proposer": ("Proposer", PROPOSERS, 1),
    "moving": ("Moving belief", MOVING, "p2"),
}
#: What each view shows: the slides' argument in one paragraph.
EXPLANATIONS = {
    "offers": (
        "Lemma 5: for every share x, proposer i has an offer aⁱ(x) that the other player cannot refuse given "
        "A(i, x) (all feasible IC payoffs giving i at least x Mᵢ). In a¹(x) each type of player 1 gets exactly "
        "x M₁(t₁; p₂) and player 2 the rest; in a²(x) player 2 gets (1 − x) M₂(t₂; p₁) and player 1 x M₁ plus the "
        "whole gap — to h₁ below p₁*(x), to l₁ above (eq. 5.1 corrected). Solid: player 1's types; dashed: player 2's."
    ),
    "gap": (
        "Gap(p, x): the largest ex ante payoff of player 1 above its random-monopoly floor p₁·x M₁ (eq. 4.2), "
        "Gap = f₁ f₂ Δ(x) (Propositions 1–2), checked by the LP (4.1) at a few beliefs; it peaks at Δ(x) and never "
        "exceeds 6.25% of h₂ (Section 4)."
    ),
    "whole-gap": (
        "Why player 1 gets the whole Gap (Section 5.5): player 1 mixes offers that cannot be refused — a¹ (its floor "
        "p₁·x M₁) and a² − Gap(·, p₂*), a² less the payment w(p₁) = Gap(p₁, p₂*) that makes it unrefusable, which "
        "meets a¹ at p₂ = p₂*; for p₁ ≥ p₁* a² gives the gap to l₁ and the payoffs are linearly transferable "
        "(shaded); a² itself gives E = floor + Gap (eq. 5.2)."
    ),
    "convexity": (
        "The last piece: player 1's payoffs in a² should be convex in the beliefs (Lemma 5, Section 5.5). × marks a "
        "concave kink (negative second difference): a²₁(h₁) is not convex in p₂ below p₁* (erratum E8)."
    ),
}


# ---------------------------------------------------------------------------- cached computations
@st.cache_data(max_entries=128, show_spinner=False)
def binary_view(
    view: str, values: BinaryValues, share: float, moving: str, belief: float, points: int, proposer: int
) -> av.ViewData:
    """The view's data for two types each (cached on exactly these parameters)."""
    if view == "offers":
        return av.offers_data(values, share, moving, belief, points, proposer)
    builder = {"gap": av.gap_data, "whole-gap": av.whole_gap_data, "convexity": av.convexity_data}[view]
    return builder(values, share, moving, belief, points)


@st.cache_data(max_entries=64, show_spinner=False)
def lp_gap_view(env: TwoSidedEnvironment, moving: int, points: int) -> av.ViewData:
    """The Gap view by LP for any number of types (cached)."""
    return av.gap_line(env, moving, points)


# ---------------------------------------------------------------------------- inputs
def choose(key: str, disabled: bool = False) -> Any:
    """A horizontal radio restored from the link once per session; a bad link value is flagged below it."""
    label, options, default = CHOICES[key]
    problem = None
    if key not in st.session_state:
        raw = st.query_params.get(key)
        matches = [option for option in options if str(option) == raw]
        if raw is not None and not matches:
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            problem = (
                f"{key} in the link must be one of {', '.join(str(o) for o in options)}; got {shown!r} "
                f"(showing {default})"
            )
        st.session_state[key] = matches[0] if matches else default
    value = st.radio(label, list(options), format_func=options.__getitem__, horizontal=True, key=key, disabled=disabled)
    if problem:
        st.error(problem)
    return value


def read_inputs(panel: ParameterPanel) -> tuple[TwoSidedEnvironment | None, int | None]:
    """The environment (x as β) and the number of points; every bad input gets its error below it."""
    spaces: dict[int, TypeSpace | None] = {}
    for player in (1, 2):
        values = panel.parse(f"values{player}", number_list)
        belief = panel.parse(f"prior{player}", prior)
        spaces[player] = None
        if values is not None:
            panel.build(functools.partial(limits.check_types, values, f"values{player}"), PARAMETER_KEYS)
        if values is not None and belief is not None and not {f"values{player}", f"prior{player}"} & set(panel.errors):
            spaces[player] = panel.build(functools.partial(player_space, player, values, belief), PARAMETER_KEYS)
    share = st.session_state["share"]
    if share is not None and not 0.0 <= share <= 1.0:
        panel.error("share", f"share x must be a number in [0, 1] (player 1's share); got {share:g}")
    points = st.session_state["points"]
    if points is not None and not (float(points).is_integer() and 3 <= points <= av.MAX_VIEW_POINTS):
        panel.error("points", f"Belief points must be an integer from 3 to {av.MAX_VIEW_POINTS}; got {points:g}")
    space1, space2 = spaces[1], spaces[2]
    if space1 is None or space2 is None or not panel.valid:
        return None, None
    env = panel.build(
        lambda: two_sided_environment(space1.values, space2.values, space1.prior, space2.prior, share),
        PARAMETER_KEYS,
    )
    return (env, int(points)) if env is not None and panel.valid else (None, None)


def theory_values(panel: ParameterPanel, env: TwoSidedEnvironment) -> BinaryValues | None:
    """(l₁, h₁, l₂, h₂) when both players have two values in the theory's labels, else an error below the field."""
    (l1, h1), (l2, h2) = env.player1.values, env.player2.values
    if not l1 < l2:
        panel.error(
            "values2",
            f"The author's views use the theory's labels: player 1 has the lower low value (l₁ < l₂); got "
            f"l₁ = {l1:g}, l₂ = {l2:g}. Swap the two players' values and priors.",
        )
        return None
    if not h1 < h2:
        panel.error(
            "values1",
            f"The paper's a¹, a² need h₁ < h₂ (Propositions 1–2; otherwise the floors pin the outcome and there is no "
            f"gap); got h₁ = {h1:g}, h₂ = {h2:g}",
        )
        return None
    return av.binary_values(l1, h1, l2, h2)


# ---------------------------------------------------------------------------- views
def show_binary(
    panel: ParameterPanel, env: TwoSidedEnvironment, points: int, view: str, proposer: int, moving: str
) -> None:
    """The view for two types each (theory labels), with a caption of its numbers and downloads."""
    values = theory_values(panel, env)
    if values is None:
        st.info("Correct the input marked in the sidebar to see the view.")
        return
    player = 1 if moving == "p1" else 2
    fixed_player = 3 - player
    belief = env.player(fixed_player).prior_high
    if not 0.0 < belief < 1.0:
        panel.error(
            f"prior{fixed_player}",
            f"Player {fixed_player}'s prior is the fixed belief here: it must be strictly between 0 and 1; "
            f"got {belief:g}",
        )
        st.info("Correct the input marked in the sidebar to see the view.")
        return
    x = env.bargaining_power
    data = binary_view(view, values, x, moving, belief, points, proposer)
    data = replace(data, marker=env.player(player).prior_high)
    st.plotly_chart(charts.view_chart(data), key="view-chart", width="stretch")
    th = mechanisms.thresholds(values, x)
    p1, p2 = env.player1.prior_high, env.player2.prior_high
    numbers = [
        f"p₁*(x) = {th['p1_star']:.4g}",
        f"p₁**(x) = {th['p1_star_star']:.4g}",
        f"p₂* = {th['p2_star']:.4g}",
    ]
    if th["p2_star_star"] is not None:
        numbers.append(f"p₂** = {th['p2_star_star']:.4g}")
    numbers += [
        f"Δ(x) = {float(closed_form.delta_gap(values, x)):.6g}",
        f"at your priors: Gap = {float(closed_form.gap(values, p1, p2, x)):.6g}, "
        f"E = {float(closed_form.ex_ante_payoff(values, p1, p2, x)):.6g}",
    ]
    if view == "offers":
        result = mechanisms.mechanism(f"a{proposer}", values, p1, p2, x)
        numbers.append(f"a{'¹' if proposer == 1 else '²'} is in zone {result.zone} at your priors")
    st.caption(" · ".join(numbers) + ". The vertical black line marks your prior of the moving belief.")
    stem = f"author-view-{view}" + (f"-a{proposer}" if view == "offers" else "") + f"-{moving}"
    download_buttons(lambda: av.draw(data), data.columns, stem, "view")


def show_general(env: TwoSidedEnvironment, points: int, view: str, moving: str) -> None:
    """More than two types for a player: the Gap by LP; the paper's a¹, a² are defined for two types only."""
    if view != "gap":
        st.info(
            "This view needs two values for each player: the paper's offers a¹(x), a²(x) (Tables 1–4) and the "
            "argument of Section 5.5 are for two types. The Gap view computes Gap(p, x) by LP for any number of types."
        )
        return
    player = 1 if moving == "p1" else 2
    if env.player(player).size < 2:
        st.info(f"Player {player} has a single value: its belief cannot move. Choose the other moving belief.")
        return
    if points > av.MAX_LP_VIEW_POINTS:
        st.info(
            f"With more than two types each point is an LP: showing {av.MAX_LP_VIEW_POINTS} points (lower 'Belief "
            "points' in the sidebar for a faster view)."
        )
        points = av.MAX_LP_VIEW_POINTS
    data = lp_gap_view(env, player, points)
    st.plotly_chart(charts.view_chart(data), key="view-chart", width="stretch")
    players = sorted({int(p) for p in data.columns["gap_player"]})
    st.caption(
        f"Method: {data.metadata['method']} ({data.metadata['lp_solves']} LPs); the gap goes to player "
        f"{' or '.join(str(p) for p in players)}. The 6.25% bound is proven for two types. The vertical black line "
        "marks your prior."
    )
    download_buttons(lambda: av.draw(data), data.columns, f"author-view-gap-lp-{moving}", "view")


# ---------------------------------------------------------------------------- page
def render() -> None:
    """Draw the page."""
    st.title(TITLE)
    st.caption(
        "The pictures behind the slides' arguments (the author's app, bwm-payoffs.streamlit.app), for any share x — "
        "not only x = β — and either proposer, as one belief moves and the other stays at its prior."
    )
    st.sidebar.header("Parameters")
    panel = ParameterPanel(FIELDS, st.sidebar)
    with panel:
        panel.render()
        view = choose("view")
        left, right = st.columns(2)
        with left:
            proposer = choose("proposer", disabled=view != "offers")
        with right:
            moving = choose("moving")
        env, points = read_inputs(panel)
        panel.publish_link({key: str(st.session_state[key]) for key in CHOICES})
        st.sidebar.caption("Permanent link: this page's address restores every input and the view.")
        st.caption(EXPLANATIONS[view])
        if env is None or points is None:
            st.info("Correct the input marked in the sidebar to see the view.")
            return
        if env.is_binary:
            show_binary(panel, env, points, view, proposer, moving)
        else:
            show_general(env, points, view, moving)
