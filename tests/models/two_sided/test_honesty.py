"""What the two-sided outcome claims, and where: finite δ, ties in the lowest values, uniqueness.

Pęski (2024): Theorem 2's floors hold at every δ < 1, Theorem 3's E, Gap, allocation and payoffs
are δ → 1 limits, and Section 5.5 bounds the gap player's payoff at δ by a leading term
(β/β^(δ)) E(p, β^(δ)), β^(δ) = 1 − δ(1 − β). The theory labels players so that l_1 <= l_2 and
does not say who gets the Gap at a tie. The remark after Theorem 3 (uniqueness of the allocation
and of player 2's payoffs) is printed only where the computed ranges show it (docs/errata.md, E11).
"""

from __future__ import annotations

import json
import warnings
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import TwoSidedEnvironment, two_sided_environment
from bargainlab.core.interim_lp import InterimLP
from bargainlab.core.lp_solver import solve as solve_lp
from bargainlab.core.monopoly import random_monopoly_payoffs
from bargainlab.errors import SolverError
from bargainlab.models.two_sided import solve
from bargainlab.models.two_sided.outcome import HOLDS_AT_LABELS, TwoSidedOutcome, leading_term
from bargainlab.report.two_sided import holds_at_marker, holds_at_text
from bargainlab.tolerances import CLOSED_FORM_TOL
from tests.strategies import finite_environment

RUNNING_EXAMPLE = dict(values1=[0.0, 0.5], values2=[0.5, 1.0], prior1=0.5, prior2=0.5, bargaining_power=0.5)
#: JSON entries that are not quantities: what was asked and how it was computed.
NOT_QUANTITIES = ("model", "parameters", "bargainlab_version", "method", "solver", "ranges", "theory", "holds_at")
discounts = st.floats(0.05, 0.99, allow_nan=False)


def has_number(value: object) -> bool:
    """Whether a JSON value holds a number or a boolean anywhere."""
    if isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, dict):
        return any(has_number(v) for v in value.values())
    if isinstance(value, list):
        return any(has_number(v) for v in value)
    return False


def independent_e(env: TwoSidedEnvironment, first: int, beta_first: float) -> float:
    """E of (4.1) with player ``first`` (user's labels) as the theory's player 1 holding bargaining
    power ``beta_first``: one interim LP written here, user units."""
    labelled = env if first == 1 else env.swapped()
    unit = labelled.unit
    norm = labelled.scaled(1.0 / unit)
    p1, p2 = norm.player1.prior_array, norm.player2.prior_array
    lp = InterimLP(norm.player1.values, norm.player2.values)
    floors1 = random_monopoly_payoffs(norm.player1, norm.player2, beta_first)
    floors2 = random_monopoly_payoffs(norm.player2, norm.player1, 1.0 - beta_first)
    return solve_lp(lp.program(p1, p2, lp.payoff_objective(p1, None), floors1, floors2)).objective * unit


def ex_ante_floor(env: TwoSidedEnvironment, player: int, beta: float) -> float:
    own, other = env.player(player), env.player(3 - player)
    return float(own.prior_array @ random_monopoly_payoffs(own, other, beta))


# ---------------------------------------------------------------------------- finite δ
@settings(max_examples=60, deadline=None)
@given(finite_environment(max_types=3), discounts)
def test_every_numeric_entry_says_where_it_holds_at_delta_below_one(env, delta):
    """Generated over the JSON: a new numeric entry without a holds_at label fails here."""
    out = solve(replace(env, discount=delta))
    data = json.loads(json.dumps(out.to_dict()))
    labels = data["holds_at"]
    numeric = [key for key, value in data.items() if key not in NOT_QUANTITIES and has_number(value)]
    assert numeric, "the outcome has numeric entries"
    assert sorted(set(numeric) - set(labels)) == []
    assert set(labels.values()) <= set(HOLDS_AT_LABELS)
    assert set(labels) <= set(data)  # no label for an entry that does not exist
    # the quantities the paper pins at δ and the limits, as Theorems 2-3 and Section 5.5 say
    assert labels["random_monopoly"] == labels["leading_term"] == "at_delta"
    for key in ("ex_ante_payoff", "gap", "payoffs", "allocation", "transfers", "welfare"):
        assert labels[key] == "delta_to_1_limit"
    assert data["leading_term"] is not None


@settings(max_examples=30, deadline=None)
@given(finite_environment(max_types=2))
def test_at_delta_one_nothing_claims_a_finite_delta_status(env):
    out = solve(replace(env, discount=1.0))
    data = out.to_dict()
    assert data["holds_at"] is None and data["leading_term"] is None
    assert "delta =" not in out.theory and "leading term" not in out.theory
    text = str(out)
    assert "(at δ)" not in text and "(δ→1)" not in text and "holds at" not in text
    assert holds_at_text(out, "gap") == "" and holds_at_marker(out, "payoffs") == ""


@settings(max_examples=40, deadline=None)
@given(finite_environment(max_types=3, well_conditioned=True), discounts)
def test_leading_term_equals_beta_over_beta_delta_times_e_at_beta_delta(env, delta):
    """Section 5.5: (β/β^(δ)) E(p, β^(δ)), β^(δ) = 1 − δ(1 − β), against an LP solved here."""
    env = replace(env, discount=delta)
    out = solve(env)
    beta = env.bargaining_powers[out.gap_player - 1]
    share = 1.0 - delta * (1.0 - beta)
    try:
        expected = beta / share * independent_e(env, out.gap_player, share)
    except SolverError:  # degenerate floors (the library relaxes them; nothing to compare)
        assume(False)
    assert out.leading_term == pytest.approx(expected, abs=CLOSED_FORM_TOL * env.unit)
    # the bound's leading term lies between the floor and E (it tends to E as δ → 1, Section 5.5)
    floor = ex_ante_floor(env, out.gap_player, beta)
    assert floor - CLOSED_FORM_TOL * env.unit <= out.leading_term <= out.ex_ante_payoff + CLOSED_FORM_TOL * env.unit


def test_leading_term_at_the_running_example():
    """l = (0, 0.5), h = (0.5, 1), p = β = 1/2 (Prop. 2's ordering): at δ = 1/2, β^(δ) = 3/4 and
    (β/β^(δ)) E(p, 3/4) = (2/3)·(1/2) = 1/3; at δ = 1 it is E(p, β) itself."""
    out = solve(two_sided_environment(**RUNNING_EXAMPLE, discount=0.5))
    assert out.leading_term == pytest.approx(1 / 3, abs=1e-12)
    assert leading_term(two_sided_environment(**RUNNING_EXAMPLE)) == pytest.approx(out.ex_ante_payoff, abs=1e-12)
    assert "0.333333" in out.theory and "not a payoff" in out.theory


def test_text_report_marks_limits_and_what_holds_at_delta():
    out = solve(two_sided_environment(**RUNNING_EXAMPLE, discount=0.9))
    text = str(out)
    assert "payoff (δ→1)" in text and "transfer (δ→1)" in text and "P(1 gets good) (δ→1)" in text
    assert "floor βM (at δ)" in text and "at δ = 0.9" in text and "leading term" in text
    assert holds_at_text(out, "ex_ante_payoff") == "δ→1 limit"
    assert holds_at_text(out, "monopoly") == "definition"
    # every label of the class has a display text
    for key in TwoSidedOutcome.HOLDS_AT:
        assert holds_at_text(out, key)


# ---------------------------------------------------------------------------- ties
def tied_environment(rng: np.random.Generator, types: int) -> TwoSidedEnvironment:
    low = float(rng.uniform(0, 0.5))
    v1 = [low, *sorted(rng.uniform(low + 0.01, 1.0, types - 1).tolist())]
    v2 = [low, *sorted(rng.uniform(low + 0.01, 1.0, types - 1).tolist())]
    p1, p2 = rng.dirichlet(np.ones(types)), rng.dirichlet(np.ones(types))
    return two_sided_environment(v1, v2, p1.tolist(), p2.tolist(), float(rng.uniform(0.05, 0.95)))


def test_tie_reports_both_labellings_against_the_lp():
    """Three types, l_1 = l_2: E and Gap for each labelling equal an LP solved here; the two
    Gaps differ (the theory does not say who gets it) and the note says so."""
    rng = np.random.default_rng(12)
    differences = []
    for _ in range(25):
        env = tied_environment(rng, 3)
        out = solve(env)
        tie = out.tie_alternative
        assert tie is not None and tie.gap_player == 3 - out.gap_player
        betas = env.bargaining_powers
        for player, e, g in (
            (out.gap_player, out.ex_ante_payoff, out.gap),
            (tie.gap_player, tie.ex_ante_payoff, tie.gap),
        ):
            expected = independent_e(env, player, betas[player - 1])
            assert e == pytest.approx(expected, abs=CLOSED_FORM_TOL)
            assert g == pytest.approx(
                max(expected - ex_ante_floor(env, player, betas[player - 1]), 0.0), abs=CLOSED_FORM_TOL
            )
        assert tie.gap_share == pytest.approx(tie.gap / env.max_value)
        assert "does not say who gets the Gap" in out.theory
        differences.append(abs(out.gap - tie.gap) / env.max_value)
    assert len(differences) == 25
    assert max(differences) > 1e-3  # the labellings give different Gaps


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.just(0.0), st.floats(0.01, 0.9)),
    st.floats(0.01, 0.5),
    st.floats(0.01, 0.5),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_binary_tie_gap_is_zero_in_both_labellings(low, up1, up2, p1, p2, beta):
    """Two types, l_1 = l_2: the Gap is 0 whichever player gets it (Section 4), so the tie is harmless."""
    env = two_sided_environment([low, low + up1], [low, low + up2], p1, p2, beta)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = solve(env)
    assert out.tie_alternative is not None
    assert out.gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    assert out.tie_alternative.gap == pytest.approx(0.0, abs=CLOSED_FORM_TOL)
    assert "the labelling does not matter" in out.theory


def test_no_tie_no_alternative_and_gap_to_at_a_tie_is_not_called_counterfactual():
    assert solve(two_sided_environment(**RUNNING_EXAMPLE)).tie_alternative is None
    env = tied_environment(np.random.default_rng(3), 3)
    forced = solve(env, gap_to=2)
    assert forced.tie_alternative is None and "Counterfactual" not in forced.theory
    assert "as asked" in forced.theory


def test_tie_text_shows_both():
    env = tied_environment(np.random.default_rng(5), 3)
    text = str(solve(env))
    assert "tie: E if player" in text and "tie: Gap of player" in text


# ---------------------------------------------------------------------------- uniqueness
def uniqueness_claims_hold(out: TwoSidedOutcome) -> None:
    """A 'unique' in the note never names a quantity whose computed range is not degenerate."""
    note = out.theory
    cells = [cell for player in out.allocation for row in player for cell in row]
    if "the allocation is unique" in note:
        assert all(cell.unique for cell in cells)
    else:
        assert not all(cell.unique for cell in cells)
    for player in (1, 2):
        claimed = f"player {player}'s interim payoffs are unique" in note
        assert claimed == all(u.unique for u in out.payoffs[player - 1])


def test_zero_value_type_makes_the_allocation_not_unique_and_the_note_says_so():
    """Values (0, 0.5) and (0, 1): at the profile (0, 0) nobody values the good, so who holds it is
    a range over the optimal set (docs/errata.md, E11)."""
    out = solve(two_sided_environment([0.0, 0.5], [0.0, 1.0], 0.5, 0.5, 0.5))
    assert not out.allocation[0][0][0].unique
    assert "the allocation is not unique" in out.theory and "the allocation is unique" not in out.theory
    uniqueness_claims_hold(out)


def test_prior_zero_payoffs_follow_the_ranges():
    """p_1 = 0: player 1's high type has probability 0, its payoff is a range, and so is the
    allocation at its profiles; the note names neither as unique."""
    out = solve(two_sided_environment([0.1, 0.5], [0.3, 1.0], 0.0, 0.5, 0.5))
    assert not out.payoffs[0][1].unique and not out.allocation[0][1][0].unique
    assert "player 1's interim payoffs are unique" not in out.theory
    assert "the allocation is unique" not in out.theory
    uniqueness_claims_hold(out)
    swapped = solve(two_sided_environment([0.3, 1.0], [0.1, 0.5], 0.5, 0.0, 0.5))  # the same point, players exchanged
    assert not swapped.payoffs[1][1].unique
    assert "player 2's interim payoffs are unique" not in swapped.theory
    uniqueness_claims_hold(swapped)


def test_prior_zero_of_the_other_player_is_not_called_unique():
    """Theorem 3's remark names the allocation and the payoffs of the player without the gap; at
    p_1 = 0 of that player (here the user's player 1; player 2 has the lower low value) its
    probability-0 type's payoff is a range, and the note does not call it unique."""
    out = solve(two_sided_environment([0.51, 0.95], [0.14, 0.95], 0.0, 0.35, 0.44))
    assert out.gap_player == 2
    assert not out.payoffs[0][1].unique and out.payoffs[0][1].high - out.payoffs[0][1].low > 0.1
    assert "player 1's interim payoffs vary" in out.theory
    assert "player 1's interim payoffs are unique" not in out.theory
    uniqueness_claims_hold(out)


@settings(max_examples=80, deadline=None)
@given(finite_environment(max_types=3))
def test_a_unique_note_never_names_a_ranged_quantity(env):
    uniqueness_claims_hold(solve(env))


def test_unranged_allocation_is_not_called_unique():
    out = solve(two_sided_environment(**RUNNING_EXAMPLE), ranges="payoffs")
    assert "the allocation was not ranged" in out.theory
    uniqueness_claims_hold(out)


# ---------------------------------------------------------------------------- every output at δ < 1
#: The modules whose public functions take a two-sided environment (walked below: a new function
#: of an environment must be classified here or return a labelled result).
PUBLIC_MODULES = (
    "bargainlab.models.two_sided.outcome",
    "bargainlab.models.two_sided.curves",
    "bargainlab.models.two_sided.maps",
    "bargainlab.models.two_sided.search",
    "bargainlab.models.two_sided.offers",
    "bargainlab.models.two_sided.mechanisms",
    "bargainlab.models.two_sided.regions",
    "bargainlab.models.two_sided.exact",
    "bargainlab.models.two_sided.theory",
    "bargainlab.models.two_sided.claims",
    "bargainlab.models.two_sided.certificate",
    "bargainlab.models.two_sided.closed_form",
    "bargainlab.models.two_sided.points",
    "bargainlab.viz.two_sided",
    "bargainlab.viz.two_sided_interactive",
    "bargainlab.viz.author_views",
    "bargainlab.viz.author_views_interactive",
)
#: Functions of an environment that return a plain number or array rather than a result with
#: ``holds_at``: what their number is at δ < 1 (as their docstrings say), or None for those that
#: return inputs or facts about the parameters (no quantity).
PLAIN_OUTPUTS = {
    "leading_term": "at_delta",  # Section 5.5, at the environment's δ
    "floors": "at_delta",  # Theorem 2
    "ex_ante_floor": "at_delta",
    "first_best": "definition",
    "belief_thresholds": "delta_to_1_limit",  # Propositions 1-2
    "a2_zones": "delta_to_1_limit",
    "strict_gap_share": "delta_to_1_limit",
    "tie_alternative": "delta_to_1_limit",
    "lowest_values_tie": None,
    "check_value_range": None,
    "environment_parameters": None,
    "theory_labelled": None,
    "theory_point": None,
}
#: Functions that refuse δ < 1: their answers are δ → 1 limits with nowhere to say so (exact solver).
REFUSED = ("exact_gap", "solve_exact", "rationalised", "require_limit")
#: Extra positional arguments after the environment.
ARGUMENTS = {
    "a2_zones": (np.array([0.2, 0.8]), np.array([0.3, 0.7])),
    "gap_on_priors": (np.array([[0.5, 0.5], [0.2, 0.8]]), np.array([[0.5, 0.5], [0.6, 0.4]])),
    "ex_ante_floor": (1,),
    "gap_line": (1,),
}
#: Small sizes for the options that have them.
SMALL = {"points": 3, "resolution": 3}
#: Columns that hold the varied input of a curve (an axis), not a quantity: never labelled.
AXIS_COLUMNS = {"prior1", "prior2", "bargaining_power", "discount", "belief"}
FINITE_BINARY = two_sided_environment(**RUNNING_EXAMPLE, discount=0.9)
FINITE_TIED = two_sided_environment([0.2, 0.5, 1], [0.2, 0.7, 0.9], [0.3, 0.3, 0.4], [0.5, 0.2, 0.3], 0.5, discount=0.8)


def environment_functions() -> dict[str, object]:
    """Every public function of :data:`PUBLIC_MODULES` with a ``TwoSidedEnvironment`` parameter."""
    import importlib
    import inspect

    found = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attribute in getattr(module, "__all__", ()):
            function = getattr(module, attribute)
            if not inspect.isfunction(function):
                continue
            parameters = inspect.signature(function).parameters.values()
            if any("TwoSidedEnvironment" in str(p.annotation) for p in parameters):
                found[f"{name}.{attribute}"] = function
    return found


def call_at(function, env):  # noqa: ANN001, ANN201
    import inspect

    name = function.__name__
    keywords = {k: v for k, v in SMALL.items() if k in inspect.signature(function).parameters}
    return function(env, *ARGUMENTS.get(name, ()), **keywords)


def assert_labelled(data: dict, where: str, axes: tuple[str, ...] = ()) -> None:
    """Every numeric entry of a result's JSON (but what was asked and how) has a holds_at label."""
    labels = data["holds_at"]
    assert labels is not None, f"{where}: no holds_at at δ < 1"
    skip = set(NOT_QUANTITIES) | set(axes)
    numeric = [key for key, value in data.items() if key not in skip and has_number(value)]
    assert numeric, f"{where}: no numeric entry"
    assert sorted(set(numeric) - set(labels)) == [], f"{where}: numbers without a holds_at label"
    assert set(labels) <= set(data), f"{where}: a label for an entry that does not exist"
    assert set(labels.values()) <= set(HOLDS_AT_LABELS)


def assert_columns_labelled(columns, labels, where: str) -> None:  # noqa: ANN001
    assert labels is not None, f"{where}: no holds_at for its columns at δ < 1"
    unlabelled = set(columns) - set(labels)
    assert unlabelled <= AXIS_COLUMNS, f"{where}: columns without a holds_at label: {sorted(unlabelled)}"
    assert set(labels) <= set(columns) and set(labels.values()) <= set(HOLDS_AT_LABELS)


def test_every_function_of_an_environment_labels_its_numbers_at_delta_below_one():
    """Generated over the public functions: one that takes an environment must, at δ < 1, return a
    result whose every number says where it holds (``holds_at``; figures: per column), refuse δ < 1,
    or be classified in PLAIN_OUTPUTS. A new function fails here until it does one of these."""
    pytest.importorskip("matplotlib")  # an optional extra (the floors job installs the core only)
    from bargainlab.errors import InvalidParameterError
    from bargainlab.models.two_sided.outcome import HoldsAt
    from bargainlab.viz.author_views import ViewData
    from bargainlab.viz.figure import FigureData

    functions = environment_functions()
    assert len(functions) >= 25  # solve, gap, the curves, the figures, the theory helpers, ...
    checked = set()
    for qualified, function in sorted(functions.items()):
        name = qualified.rsplit(".", 1)[1]
        for env in (FINITE_BINARY, FINITE_TIED):
            if name in REFUSED:
                with pytest.raises(InvalidParameterError) as refused:
                    call_at(function, env)
                assert refused.value.key == "discount"
                checked.add(qualified)
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    out = call_at(function, env)
            except InvalidParameterError:
                continue  # this function needs two types (the other environment covers it)
            checked.add(qualified)
            where = f"{qualified} at {env.player1.values}, {env.player2.values}"
            if isinstance(out, HoldsAt):
                data = json.loads(json.dumps(out.to_dict()))
                assert_labelled(data, where, getattr(out, "AXES", ()))
                if hasattr(out, "column_holds_at"):
                    assert_columns_labelled(out.columns(), out.column_holds_at(), where)
            elif isinstance(out, FigureData):
                columns = [c.removesuffix("_limit") for c in out.columns]
                labels = {k.removesuffix("_limit"): v for k, v in (out.metadata.get("holds_at") or {}).items()}
                assert_columns_labelled(columns, labels or None, where)
                if out.metadata.get("figure") != "delta":  # the δ curve's axis is δ: it keeps its names
                    limits = [c for c, v in out.metadata["holds_at"].items() if v == "delta_to_1_limit"]
                    assert all(c.endswith("_limit") for c in limits), where
            elif isinstance(out, ViewData):
                assert_columns_labelled(out.columns, out.metadata.get("holds_at"), where)
            else:
                assert name in PLAIN_OUTPUTS, f"{where} returns {type(out).__name__} without holds_at: classify it"
    assert checked == set(functions), f"never ran: {sorted(set(functions) - checked)}"


def test_gap_result_labels_and_leading_term_match_solve():
    """``gap`` at δ < 1: E and Gap labelled δ → 1 limits, the floor at δ; its leading term is solve's;
    none of it at δ = 1."""
    from bargainlab.models.two_sided import gap

    for env in (FINITE_BINARY, FINITE_TIED):
        fast, full = gap(env), solve(env)
        assert fast.holds_at["gap"] == full.holds_at["gap"] == "delta_to_1_limit"
        assert fast.holds_at["floor"] == "at_delta" and fast.holds_at["leading_term"] == "at_delta"
        assert fast.leading_term == pytest.approx(full.leading_term, abs=CLOSED_FORM_TOL)
        assert fast.gap == pytest.approx(full.gap, abs=CLOSED_FORM_TOL)
        text = str(fast)
        assert "δ→1 limit" in text and "at δ = " in text and "leading term" in text
    limit = gap(replace(FINITE_BINARY, discount=1.0))
    assert limit.holds_at is None and limit.leading_term is None and "holds at" not in str(limit)


def test_gap_reports_both_labellings_at_a_tie_against_the_lp():
    """Three types, l_1 = l_2: ``gap`` gives the other labelling's E and Gap (an LP solved here), as
    ``solve`` does; no alternative without a tie."""
    from bargainlab.models.two_sided import gap

    rng = np.random.default_rng(7)
    for _ in range(10):
        env = tied_environment(rng, 3)
        fast = gap(env)
        tie = fast.tie_alternative
        assert tie is not None and tie.gap_player == 3 - fast.gap_player
        expected = independent_e(env, tie.gap_player, env.bargaining_powers[tie.gap_player - 1])
        assert tie.ex_ante_payoff == pytest.approx(expected, abs=CLOSED_FORM_TOL)
        full = solve(env).tie_alternative
        assert full.gap_player == tie.gap_player and full.gap == pytest.approx(tie.gap, abs=CLOSED_FORM_TOL)
        assert "does not say who gets the Gap" in str(fast)
    assert gap(two_sided_environment(**RUNNING_EXAMPLE)).tie_alternative is None


def test_curves_at_a_tie_carry_the_other_labelling():
    """At tied lowest values the belief map, the β curve and the δ curve report the other player's
    Gap (each point equal to ``gap``'s tie alternative there) and label it as a δ → 1 limit."""
    from bargainlab.models.two_sided import gap
    from bargainlab.models.two_sided.curves import belief_map, beta_curve, delta_curve

    env = FINITE_TIED
    curve = beta_curve(env, points=3)
    assert curve.tie_alternative is not None and len(curve.tie_alternative) == 3
    middle = gap(replace(env, bargaining_power=0.5, discount=1.0)).tie_alternative
    assert curve.columns()["tie_alternative_gap"][1] == pytest.approx(middle.gap)
    assert curve.column_holds_at()["tie_alternative_gap"] == "delta_to_1_limit"
    grid = belief_map(env, 3)
    assert len(grid.tie_alternative) == 9 and "tie_alternative_gap" in grid.columns()
    delta = delta_curve(env, points=2)
    assert delta.tie_leading_term[-1] == pytest.approx(delta.tie_alternative.ex_ante_payoff, abs=CLOSED_FORM_TOL)
    assert delta.column_holds_at()["tie_alternative_leading_term"] == "at_delta"
    assert beta_curve(two_sided_environment(**RUNNING_EXAMPLE), points=3).tie_alternative is None


def test_exact_solver_refuses_delta_below_one_as_the_cli_does():
    from bargainlab.errors import InvalidParameterError

    with pytest.raises(InvalidParameterError) as refused:
        solve(FINITE_BINARY, exact=True)
    assert refused.value.key == "discount"


def two_sided_commands_with_delta() -> dict[str, list[str]]:
    """Every two-sided command with ``--delta``: its help example, at δ = 0.9."""
    from tests.contract import cli_fuzz

    out = {}
    for name, parser in cli_fuzz.leaf_commands().items():
        if "two-sided" in name and any("--delta" in a.option_strings for a in parser._actions):
            example = cli_fuzz.example_argv(name, parser)
            assert example is not None
            out[name] = example
    return out


def test_the_walk_covers_every_two_sided_command_with_delta():
    """solve, plot and sweep take --delta; mechanism, check and reproduce have no δ (δ → 1 objects)."""
    assert set(two_sided_commands_with_delta()) == {"solve two-sided", "plot two-sided", "sweep two-sided"}


@pytest.mark.parametrize(
    "values", [("0,0.5", "0.5,1", "0.5", "0.5"), ("0.2,0.5,1", "0.2,0.7,0.9", "0.3,0.3,0.4", "0.5,0.2,0.3")]
)
def test_solve_json_at_delta_below_one_labels_every_number(values, capsys):
    from bargainlab.cli.main import main

    v1, v2, p1, p2 = values
    argv = ["solve", "two-sided", "--values1", v1, "--values2", v2, "--prior1", p1, "--prior2", p2, "--beta", "0.5"]
    assert main([*argv, "--delta", "0.9", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert_labelled(data, "solve two-sided --json")
    if "0.2" in v1:
        assert data["tie_alternative"] is not None
    assert main([*argv, "--delta", "0.9", "--exact"]) == 2
    assert "--delta" in capsys.readouterr().err


def test_plot_csv_at_delta_below_one_labels_every_column(tmp_path, monkeypatch, capsys):
    """Each kind of ``plot two-sided`` at δ = 0.9 (small sizes): every quantity column labelled."""
    pytest.importorskip("matplotlib")  # an optional extra (the floors job installs the core only)
    from bargainlab.cli.plot_two_sided import KINDS
    from tests.test_data_vocabulary import written_figures

    example = two_sided_commands_with_delta()["plot two-sided"]
    base = [a for k, a in enumerate(example) if a != "--out" and not (k and example[k - 1] == "--out")]
    for kind in KINDS:
        argv = [*base[:2], kind, *base[3:], "--delta", "0.9"]
        code, figures = written_figures(argv, tmp_path, monkeypatch)
        capsys.readouterr()
        assert code == 0 and figures, kind
        for data in figures:
            labels = {k.removesuffix("_limit"): v for k, v in data.metadata["holds_at"].items()}
            assert_columns_labelled([c.removesuffix("_limit") for c in data.columns], labels, f"plot {kind}")


def test_sweep_at_delta_below_one_labels_every_column(tmp_path):
    """A sweep with rows at δ < 1 labels every quantity column (JSON and the Parquet provenance);
    parameter columns get no label; a sweep at δ = 1 claims nothing at a finite δ."""
    pytest.importorskip("pyarrow")  # an optional extra (the floors job installs the core only)
    import json

    import pyarrow.parquet as pq

    from bargainlab.models.two_sided.sweep import sweep

    quantities = ["ex_ante_payoff", "gap", "gap_share", "floor", "gap_player", "method", "floors"]
    common = dict(values1=[0, 0.5], values2=[0.5, 1], bargaining_power=0.5, quantities=quantities)
    out = tmp_path / "s.parquet"
    result = sweep(**common, discount=0.9, grid={"prior1": "0:1:3", "prior2": "0:1:3"}, out=out)
    labels = result.holds_at
    assert labels is not None
    quantity_columns = [c for c in result.column_names if c in quantities or c.startswith("floor")]
    assert set(labels) == set(quantity_columns)
    assert labels["gap"] == labels["ex_ante_payoff"] == labels["gap_player"] == "delta_to_1_limit"
    assert labels["floor"] == labels["floor1_0"] == labels["floor2_1"] == "at_delta"
    assert labels["method"] == "computation"
    assert result.to_dict()["holds_at"] == labels
    provenance = json.loads(pq.read_schema(out).metadata[b"bargainlab"])
    assert provenance["holds_at"]["gap"] == "delta_to_1_limit"
    assert provenance["holds_at"]["floors"] == "at_delta"
    # δ as an axis: labelled when some row is below 1
    varying = sweep(**common, prior1=0.5, prior2=0.5, grid={"discount": "0.5;1"})
    assert varying.holds_at is not None
    at_limit = sweep(**common, discount=1, grid={"prior1": "0:1:3", "prior2": "0:1:3"})
    assert at_limit.holds_at is None
    assert at_limit.to_dict()["holds_at"] is None
