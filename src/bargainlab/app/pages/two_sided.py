"""Two-sided bargaining with mechanisms (Pęski 2024): random monopoly floors (Theorem 2), the gap and
the δ → 1 outcome (Theorem 3), the gap over beliefs, payoffs along beliefs, and curves in β and δ.

Sidebar: values and priors of both players (any number of types), β and δ; every input is a
query parameter, so the URL is a permanent link. Main area: the metrics (Gap, its share of the
6.25% bound, efficiency), then one tab per view — the solution tables, the gap map over beliefs,
interim payoffs along a line of beliefs, the outcome against β and against δ — each with its
data (CSV) and figure (PNG, SVG) for download. Only the open tab is computed, and every
computation is cached on the parameters it depends on: moving a prior along its belief family
only moves the marker of the cached map.
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from bargainlab.app.widgets import (
    PRIOR_FIELDS,
    Field,
    ParameterPanel,
    SharedCache,
    check_alive,
    download_buttons,
    number_list,
    player_space,
    prior,
)
from bargainlab.core import limits
from bargainlab.core.environment import (
    TwoSidedEnvironment,
    check_bargaining_power,
    check_discount,
    two_sided_environment,
)
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import curves as data
from bargainlab.models.two_sided import solve
from bargainlab.models.two_sided.outcome import GAP_BOUND_SHARE, TwoSidedOutcome
from bargainlab.report.two_sided import holds_at_legend, holds_at_marker, holds_at_text
from bargainlab.viz import two_sided as figures
from bargainlab.viz import two_sided_interactive as charts

TITLE = "Two-sided bargaining (Pęski 2024)"
ORDER = 10

FIELDS = (
    Field(
        "values1",
        "Player 1's values",
        "0, 0.5",
        f"Increasing, comma-separated: l₁, h₁ (or more types, at most {limits.MAX_TYPES})",
    ),
    PRIOR_FIELDS[1],
    Field(
        "values2",
        "Player 2's values",
        "0.5, 1",
        f"Increasing, comma-separated: l₂, h₂ (or more types, at most {limits.MAX_TYPES})",
    ),
    PRIOR_FIELDS[2],
    Field("beta", "β: player 1's bargaining power", 0.5, "Probability that player 1 proposes, in [0, 1]", "number"),
    Field("delta", "δ: discount factor", 1.0, "In (0, 1]; 1 means the limit δ → 1 of Theorem 3", "number"),
)
GRID_FIELDS = (
    Field(
        "resolution",
        "Gap map: points per axis",
        float(data.DEFAULT_MAP_RESOLUTION),
        f"2 to {limits.MAX_RESOLUTION}",
        "number",
        10.0,
    ),
    Field(
        "points", "Payoff lines: points", float(data.DEFAULT_LINE_POINTS), f"2 to {limits.MAX_POINTS}", "number", 10.0
    ),
)
#: The library's parameter names (error keys) → this page's fields.
PARAMETER_KEYS = {
    "values1": "values1",
    "values2": "values2",
    "prior1": "prior1",
    "prior2": "prior2",
    "bargaining_power": "beta",
    "discount": "delta",
    "resolution": "resolution",
    "points": "points",
}
VIEWS = ("Solution", "Gap map", "Payoffs over beliefs", "Against β", "Against δ", "Offers a¹, a² (Fig. 5.1)")
VIEW_KEY = "view"
#: The label of the Section 5.5 leading term's metric (δ < 1 only).
LEADING_TERM_METRIC = "Leading term (Section 5.5, at δ)"


# ---------------------------------------------------------------------------- cached computations
@st.cache_data(max_entries=128, show_spinner=False)
def solve_point(env: TwoSidedEnvironment) -> TwoSidedOutcome:
    """The Theorem 3 outcome at ``env`` (cached on the parameters)."""
    return solve(env)


#: Maps and payoff lines report progress while they compute, so they are cached by value only
#: (``st.cache_data`` would replay the progress bar's calls on a hit and fail).
MAPS = SharedCache(32)
LINES = SharedCache(32)


def belief_map_of_family(
    base: TwoSidedEnvironment, resolution: int, progress: data.Progress | None = None
) -> data.BeliefMap:
    """The belief map of ``base`` (cached on values, β and belief families only)."""
    return MAPS.get((base, resolution), lambda: data.belief_map(base, resolution, progress))


def lines_of_family(
    base: TwoSidedEnvironment, vary: int, points: int, progress: data.Progress | None = None
) -> data.PayoffLines:
    """Interim payoff lines of ``base`` (cached without the moving player's place on its family)."""
    return LINES.get((base, vary, points), lambda: data.payoff_lines(base, vary, points, progress))


@st.cache_data(max_entries=64, show_spinner=False)
def beta_curve(env: TwoSidedEnvironment) -> data.BetaCurve:
    """The outcome against β (cached)."""
    return data.beta_curve(env)


@st.cache_data(max_entries=64, show_spinner=False)
def delta_curve(env: TwoSidedEnvironment) -> data.DeltaCurve:
    """The bounds against δ (cached)."""
    return data.delta_curve(env)


@st.cache_data(max_entries=64, show_spinner=False)
def dominance(env: TwoSidedEnvironment) -> data.DominanceView:
    """The Figure 5.1 view (cached)."""
    return data.dominance_view(env)


def map_base(env: TwoSidedEnvironment) -> TwoSidedEnvironment:
    """What a belief map depends on: values, β and each player's belief family (δ → 1)."""
    return replace(
        env,
        player1=data.family_representative(env.player1),
        player2=data.family_representative(env.player2),
        discount=1.0,
    )


def lines_base(env: TwoSidedEnvironment, vary: int) -> TwoSidedEnvironment:
    """What payoff lines depend on: the fixed player's prior, the moving player's family, values, β."""
    moving = data.family_representative(env.player(vary))
    if vary == 1:
        return replace(env, discount=1.0, player1=moving)
    return replace(env, discount=1.0, player2=moving)


def belief_map(env: TwoSidedEnvironment, resolution: int) -> data.BeliefMap:
    """The cached map, marked at ``env``'s beliefs and carrying its δ (at δ < 1 the chart and the
    downloads say that the map's E and Gap are δ → 1 limits); a progress bar while an LP map is computed."""
    bar = None if env.is_binary else st.progress(0.0, text="Solving one LP per belief point…")
    result = belief_map_of_family(map_base(env), resolution, _progress_to(bar))
    if bar is not None:
        bar.empty()
    return result.with_environment(env)


def payoff_lines(env: TwoSidedEnvironment, vary: int, points: int) -> data.PayoffLines:
    """The cached payoff lines, marked at ``env``'s belief (a progress bar while computing)."""
    bar = st.progress(0.0, text="Solving the outcome along the line…")
    result = lines_of_family(lines_base(env, vary), vary, points, _progress_to(bar))
    bar.empty()
    return replace(result, environment=env)


def _progress_to(bar: Any) -> data.Progress:
    """A progress callback: moves ``bar`` and stops the work when the session has ended."""

    def report(done: int, total: int) -> None:
        check_alive()  # the tab was closed: stop between LPs
        if bar is not None:
            bar.progress(done / total, text=f"{done} of {total}")

    return report


# ---------------------------------------------------------------------------- inputs
def read_environment(panel: ParameterPanel) -> TwoSidedEnvironment | None:
    """Parse the sidebar and build the environment; every bad input gets its error below it.

    Each player's values and prior, β and δ are checked on their own first (so that several bad
    inputs, e.g. from a link, are all flagged), the number of types against
    :data:`~bargainlab.core.limits.MAX_TYPES` before any computation.
    """
    values1 = panel.parse("values1", number_list)
    values2 = panel.parse("values2", number_list)
    prior1 = panel.parse("prior1", prior)
    prior2 = panel.parse("prior2", prior)
    for player, values, belief in ((1, values1, prior1), (2, values2, prior2)):
        if values is not None:
            panel.build(functools.partial(limits.check_types, values, f"values{player}"), PARAMETER_KEYS)
        if values is not None and belief is not None and not {f"values{player}", f"prior{player}"} & set(panel.errors):
            panel.build(functools.partial(player_space, player, values, belief), PARAMETER_KEYS)
    for key, check in (("beta", check_bargaining_power), ("delta", check_discount)):
        if st.session_state[key] is not None and key not in panel.errors:
            panel.build(functools.partial(check, st.session_state[key]), PARAMETER_KEYS)
    if values1 is None or values2 is None or prior1 is None or prior2 is None or not panel.valid:
        return None
    env = panel.build(
        lambda: two_sided_environment(
            values1, values2, prior1, prior2, st.session_state["beta"], st.session_state["delta"]
        ),
        PARAMETER_KEYS,
    )
    return env if panel.valid else None  # an error from the link also holds the results back


#: The documented limit of each count field (:mod:`bargainlab.core.limits`).
COUNT_LIMITS = {"resolution": limits.MAX_RESOLUTION, "points": limits.MAX_POINTS}


def read_count(panel: ParameterPanel, key: str) -> int | None:
    """An integer number of points from a number field (error below the field otherwise)."""
    value = st.session_state[key]
    if value is None:
        return None  # the panel has flagged the empty field
    high = COUNT_LIMITS[key]
    if float(value).is_integer() and 2 <= value <= high:
        return int(value)
    panel.error(key, f"{key} must be an integer from 2 to {high}; got {value:g}")
    return None


# ---------------------------------------------------------------------------- views
def show_metrics(outcome: TwoSidedOutcome) -> None:
    """Gap, its share of the 6.25% bound, E, efficiency; at δ < 1 also the Section 5.5 leading term,
    each metric's label marked as the tables' headers ("(δ→1)": the δ → 1 limit) and its help
    saying what it is at δ (``holds_at``)."""
    efficiency = outcome.efficiency
    finite = outcome.holds_at is not None
    at = lambda key: f" — {holds_at_text(outcome, key)}" if finite else ""  # noqa: E731
    mark = functools.partial(holds_at_marker, outcome)
    row = st.container(horizontal=True)  # one block (columns would be a block per metric too)
    row.metric(f"Gap (to player {outcome.gap_player}){mark('gap')}", f"{outcome.gap:.6g}", help="eq. (4.2)" + at("gap"))
    row.metric(
        f"Share of the 6.25% bound{mark('gap_share')}",
        f"{100 * outcome.gap_share / GAP_BOUND_SHARE:.4g}%",
        help="Gap / (largest value × 6.25%); the paper's bound for two types (Section 4)" + at("gap_share"),
    )
    row.metric(
        f"E (player {outcome.gap_player}, ex ante){mark('ex_ante_payoff')}",
        f"{outcome.ex_ante_payoff:.6g}",
        help="eq. (4.1)" + at("ex_ante_payoff"),
    )
    row.metric(
        f"Efficiency{mark('efficiency')}",
        f"{100 * efficiency.mid:.4g}%"
        if efficiency.unique
        else f"{100 * efficiency.low:.4g}–{100 * efficiency.high:.4g}%",
        help="expected welfare / first best E[max(t₁, t₂)]" + at("efficiency"),
    )
    if outcome.leading_term is not None:
        row.metric(
            LEADING_TERM_METRIC,
            f"{outcome.leading_term:.6g}",
            help="(β/β^(δ))·E(p, β^(δ)), β^(δ) = 1 − δ(1 − β): a lower bound's leading term, not a payoff",
        )
    tie = outcome.tie_alternative
    if tie is not None:
        st.info(
            "Lowest values tie: the theory does not say who gets the Gap. With the gap to player "
            f"{tie.gap_player}: E = {tie.ex_ante_payoff:.6g}, Gap = {tie.gap:.6g}."
        )


def payoff_table(outcome: TwoSidedOutcome) -> pd.DataFrame:
    """Payoffs by type: floors, benchmarks and the outcome's range over the optimal face (headers
    marked "(δ→1)" or "(at δ)" at δ < 1: :func:`~bargainlab.report.two_sided.holds_at_marker`)."""
    env = outcome.environment
    mark = functools.partial(holds_at_marker, outcome)
    floor, complete = "floor βM" + mark("random_monopoly"), "complete info" + mark("complete_information")
    payoffs, transfers = mark("payoffs"), mark("transfers")
    rows = []
    for i in (1, 2):
        space = env.player(i)
        for k, value in enumerate(space.values):
            interval, paid = outcome.payoffs[i - 1][k], outcome.transfers[i - 1][k]
            prices = outcome.monopoly_prices[i - 1][k]
            rows.append(
                {
                    "player": i,
                    "type": value,
                    "prob": space.prior[k],
                    "monopoly price": " or ".join("keep" if p is None else f"{p:g}" for p in prices),
                    "M": outcome.monopoly[i - 1][k],
                    floor: outcome.random_monopoly[i - 1][k],
                    complete: outcome.complete_information[i - 1][k],
                    "payoff min" + payoffs: interval.low,
                    "payoff max" + payoffs: interval.high,
                    "transfer min" + transfers: paid.low,
                    "transfer max" + transfers: paid.high,
                }
            )
    return pd.DataFrame(rows)


def allocation_table(outcome: TwoSidedOutcome) -> pd.DataFrame:
    """P(each player gets the good) per type profile, as ranges (δ → 1 limits, marked at δ < 1)."""
    env = outcome.environment
    mark = holds_at_marker(outcome, "allocation")
    rows = []
    for a, t1 in enumerate(env.player1.values):
        for b, t2 in enumerate(env.player2.values):
            q1, q2 = outcome.allocation[0][a][b], outcome.allocation[1][a][b]
            rows.append(
                {
                    "t1": t1,
                    "t2": t2,
                    "prob": env.player1.prior[a] * env.player2.prior[b],
                    "P(1 gets good)" + mark: str(q1),
                    "P(2 gets good)" + mark: str(q2),
                    "efficient winner": "either" if t1 == t2 else ("1" if t1 > t2 else "2"),
                }
            )
    return pd.DataFrame(rows)


def efficiency_table(outcome: TwoSidedOutcome) -> pd.DataFrame:
    """Welfare, first best, loss, efficiency; at δ < 1 a column "holds at" (δ → 1 limit or definition)."""
    rows = [
        ("expected welfare", str(outcome.welfare), "welfare"),
        ("first best E[max(t1, t2)]", f"{outcome.first_best:.6g}", "first_best"),
        ("welfare loss", str(outcome.welfare_loss), "welfare_loss"),
        ("efficiency", str(outcome.efficiency), "efficiency"),
        ("ex post efficient", "yes" if outcome.ex_post_efficient else "no", "ex_post_efficient"),
    ]
    if outcome.holds_at is None:
        return pd.DataFrame([row[:2] for row in rows], columns=["quantity", "value"])
    return pd.DataFrame(
        [(name, value, holds_at_text(outcome, key)) for name, value, key in rows],
        columns=["quantity", "value", "holds at"],
    )


def show_solution(outcome: TwoSidedOutcome) -> None:
    """The tables of ``bargainlab solve two-sided`` and the JSON download (at δ < 1 with the legend of
    the "(δ→1)" and "(at δ)" markers)."""
    if outcome.holds_at:
        st.caption(holds_at_legend(outcome))
    st.caption(outcome.theory)
    st.subheader("Payoffs by type")
    st.caption("Ranges [min, max] over all optimal solutions of (4.1); equal ends mean Theorem 3 pins the value.")
    st.dataframe(payoff_table(outcome), hide_index=True, key="payoff-table")
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Allocation")
        st.dataframe(allocation_table(outcome), hide_index=True, key="allocation-table")
    with right:
        st.subheader("Efficiency")
        st.dataframe(efficiency_table(outcome), hide_index=True, key="efficiency-table")
    if outcome.closed_form is not None:
        check = outcome.closed_form
        st.caption(
            f"Closed form ({check.case}): E = {check.ex_ante_payoff:.6g}, Gap = {check.gap:.6g}; "
            f"|LP − closed form| = {check.difference:.1e}. Method: {outcome.method} ({outcome.solver}, "
            f"{outcome.lp_solves} LPs, largest constraint violation {outcome.max_violation:.1e})."
        )
    st.download_button(
        "Solution (JSON)",
        data=json.dumps(outcome.to_dict(), indent=2, allow_nan=False),
        file_name="two-sided-solution.json",
        mime="application/json",
        key="download-solution",
        on_click="ignore",
        icon=":material/download:",
    )


def show_gap_map(env: TwoSidedEnvironment, resolution: int) -> None:
    """The gap map (interactive) with downloads."""
    if env.player1.size < 2 or env.player2.size < 2:
        st.info("A belief map needs at least two values for each player (with one type the belief is known).")
        return
    if not env.is_binary:
        st.caption(
            "More than two types: the axes are the probability of each player's highest value, the lower "
            "values keeping the relative weights of your prior; one LP per point "
            f"({resolution * resolution} LPs: lower 'Gap map: points per axis' in the sidebar for a faster map)."
        )
    result = belief_map(env, resolution)
    st.plotly_chart(charts.gap_map_chart(result), key="gap-map-chart", width="stretch")
    st.caption(
        f"Gap at your beliefs: {solve_point(env).gap:.6g}. Method: {result.method}"
        + (f" ({result.lp_solves} LPs)" if result.lp_solves else "")
        + ". Thresholds: "
        + ("; ".join(f"{t.name} = {t.value:.4g} ({t.meaning})" for t in result.thresholds) or "none (no gap)")
    )
    download_buttons(lambda: figures.draw_gap_map(result), result.columns(), "gap-map", "gap-map")


def show_payoffs(env: TwoSidedEnvironment, points: int) -> None:
    """Interim payoffs along a line of beliefs, with downloads."""
    movable = [i for i in (1, 2) if env.player(i).size >= 2]
    if not movable:
        st.info("Both players have a single type: there is no belief to move.")
        return
    vary = st.radio(
        "Move the belief of",
        movable,
        format_func=lambda i: f"player {i} (player {3 - i}'s prior fixed)",
        horizontal=True,
        key="vary",
    )
    lines = payoff_lines(env, int(vary or movable[0]), points)
    st.plotly_chart(charts.payoffs_chart(lines), key="payoffs-chart", width="stretch")
    download_buttons(lambda: figures.draw_interim_payoffs(lines), lines.columns(), f"payoffs-vary{vary}", "payoffs")


def show_beta(env: TwoSidedEnvironment) -> None:
    """The outcome against β, with downloads."""
    curve = beta_curve(env)
    st.plotly_chart(charts.beta_chart(curve), key="beta-chart", width="stretch")
    download_buttons(lambda: figures.draw_beta_curve(curve), curve.columns(), "against-beta", "beta")


def show_delta(env: TwoSidedEnvironment) -> None:
    """The bounds against δ, with downloads."""
    curve = delta_curve(env)
    st.caption(
        "For δ < 1 the paper pins only Theorem 2's floors. The leading term (β/β^(δ))·E(p, β^(δ)), "
        "β^(δ) = 1 − δ(1 − β), of the Section 5.5 lower bound converges to E as δ → 1."
    )
    st.plotly_chart(charts.delta_chart(curve), key="delta-chart", width="stretch")
    download_buttons(lambda: figures.draw_delta_curve(curve), curve.columns(), "against-delta", "delta")


def show_dominance(env: TwoSidedEnvironment) -> None:
    """The Figure 5.1 view, with downloads (two types each, orderings of Propositions 1–2): cached
    without δ (the offers are those of β) and carrying ``env``'s δ, so that at δ < 1 the chart and the
    figure say that a¹, a², p₁* and E are δ → 1 limits."""
    try:
        view = replace(dominance(replace(env, discount=1.0)), environment=env)
    except InvalidParameterError as error:
        st.info(f"The Figure 5.1 view needs the paper's setting: {error}")
        return
    st.caption(
        "Player 1 of the theory (the lower low value) makes a counter-offer; it is immune to the veto threats of "
        "offers a¹ and a² when it weakly dominates a point of each (shaded). a² gives the gap to the high type when "
        "the other player's belief q is below p₁* and to the low type above (eq. 5.1 corrected); at q = p₁* it is "
        "the segment between the two points."
    )
    st.plotly_chart(charts.dominance_chart(view), key="dominance-chart", width="stretch")
    download_buttons(lambda: figures.draw_dominance(view), view.columns(), "offers-dominance", "dominance")


# ---------------------------------------------------------------------------- page
def render() -> None:
    """Draw the page."""
    st.title(TITLE)
    st.caption(
        "Each type gets at least its random monopoly payoff β_i M_i (Theorem 2); as δ → 1 the player with the "
        "lower low value gets the whole gap to the interim-efficient frontier (Theorem 3)."
    )
    st.sidebar.header("Parameters")
    panel = ParameterPanel(FIELDS + GRID_FIELDS, st.sidebar)
    with panel:
        panel.render()
        env = read_environment(panel)
        resolution, points = read_count(panel, "resolution"), read_count(panel, "points")
        panel.draw()  # every input error is known: the inputs go out before any computation
        tab = st.query_params.get(VIEW_KEY, VIEWS[0])
        if VIEW_KEY not in st.session_state and tab not in VIEWS:
            st.sidebar.error(f"view in the link must be one of {', '.join(VIEWS)}; got {tab!r} (showing {VIEWS[0]})")
            tab = VIEWS[0]
        if env is None or resolution is None or points is None:
            panel.publish_link({VIEW_KEY: st.session_state.get(VIEW_KEY, tab)})
            st.info("Correct the input marked in the sidebar to see the results.")
            return
        outcome = solve_point(env)
        show_metrics(outcome)
        tabs = st.tabs(VIEWS, key=VIEW_KEY, on_change="rerun", default=tab if tab in VIEWS else VIEWS[0])
        panel.publish_link({VIEW_KEY: st.session_state.get(VIEW_KEY, tab)})
        st.sidebar.caption("Permanent link: this page's address restores every input and the open tab.")
        views = (
            lambda: show_solution(outcome),
            lambda: show_gap_map(env, resolution),
            lambda: show_payoffs(env, points),
            lambda: show_beta(env),
            lambda: show_delta(env),
            lambda: show_dominance(env),
        )
        for container, view in zip(tabs, views):
            if container.open:
                with container:
                    view()
