"""Sweep rows at tied lowest values (l1 = l2): the ``lowest_values_tie`` column and the one warning.

Theorem 3 gives the gap to the player with the lower lowest value; at a tie the theory does not
choose, and a sweep row follows the tie-break rule. For two types each the Gap is 0 either way
(Section 4): no warning. With more types the two labellings can differ: the sweep warns once,
with the number of tied rows, counted from the grid's axes (whoever computed the rows).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided import solve
from bargainlab.models.two_sided.outcome import LowestValuesTieWarning
from bargainlab.models.two_sided.sweep import QUANTITIES, QUANTITY_HOLDS_AT, column_holds_at, sweep
from bargainlab.tolerances import CLOSED_FORM_TOL

#: Three types each; player 2's lowest value 0.2 is on player 1's axis below.
THREE = {
    "values1": [0.2, 0.5, 1.0],
    "values2": [0.2, 0.7, 1.0],
    "prior1": [0.3, 0.3, 0.4],
    "prior2": [0.5, 0.2, 0.3],
    "bargaining_power": 0.5,
}


def _tie_warnings(caught):
    return [w for w in caught if issubclass(w.category, LowestValuesTieWarning)]


def _run(*args, **kwargs):
    """The sweep and the LowestValuesTieWarnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = sweep(*args, **kwargs)
    return result, _tie_warnings(caught)


def test_three_types_tie_row_is_marked_and_warned_once_with_its_count():
    result, caught = _run(
        {"values1[0]": "0;0.1;0.2", "bargaining_power": "0.25;0.5"},
        **{k: v for k, v in THREE.items() if k != "bargaining_power"},
        quantities="ex_ante_payoff,gap,gap_player,lowest_values_tie",
    )
    columns = result.columns
    assert columns["lowest_values_tie"].dtype == np.bool_
    assert columns["lowest_values_tie"].tolist() == [False, False, False, False, True, True]
    assert len(caught) == 1
    message = str(caught[0].message)
    assert message.startswith("2 of 6 rows have tied lowest values (l1 = l2)")
    assert "ex_ante_payoff, gap, gap_player follow the tie-break rule" in message
    assert "the lowest_values_tie column marks them" in message
    assert "bl.two_sided.solve" in message and "tie_alternative" in message
    # the tie rows are what solve reports at the point: the tie-break player's Gap, and the other
    # labelling's Gap (tie_alternative) differs from it -- the row alone would not say so
    for k in np.flatnonzero(columns["lowest_values_tie"]):
        env = two_sided_environment(
            [0.2, 0.5, 1.0], THREE["values2"], THREE["prior1"], THREE["prior2"], columns["bargaining_power"][k]
        )
        out = solve(env, ranges="none")
        assert columns["gap_player"][k] == out.gap_player == env.theory_player
        assert columns["gap"][k] == pytest.approx(out.gap, abs=CLOSED_FORM_TOL)
        assert out.tie_alternative is not None and out.tie_alternative.gap_player != out.gap_player
        assert abs(out.tie_alternative.gap - out.gap) > 1e-3


def test_warning_says_to_request_the_column_when_it_was_not_requested():
    result, caught = _run({"values1[0]": "0;0.2"}, **THREE)
    assert "lowest_values_tie" not in result.columns  # the default table is unchanged
    assert [str(w.message)[:40] for w in caught] == ["1 of 2 rows has tied lowest values (l1 ="]
    assert "request the quantity lowest_values_tie to find them" in str(caught[0].message)
    assert "ex_ante_payoff, gap, gap_share, floor, gap_player follow" in str(caught[0].message)


def test_binary_ties_do_not_warn_their_gap_is_zero_either_way():
    result, caught = _run(
        {"values1[0]": "0;0.2", "prior1": "0:1:5"},
        values1=[0.2, 0.5],
        values2=[0.2, 1.0],
        prior2=0.3,
        bargaining_power=0.5,
        quantities=["gap", "gap_player", "lowest_values_tie"],
    )
    tie = result.columns["lowest_values_tie"]
    assert tie.tolist() == [False] * 5 + [True] * 5
    assert caught == []
    np.testing.assert_array_equal(result.columns["gap"][tie], 0.0)
    for p in (0.25, 0.5, 0.75):  # the other labelling's Gap is 0 as well
        other = solve(two_sided_environment([0.2, 0.5], [0.2, 1.0], p, 0.3, 0.5), ranges="none").tie_alternative
        assert other is not None and other.gap == 0.0


def test_no_warning_without_ties_or_without_a_column_that_depends_on_the_labelling():
    _, caught = _run({"values1[0]": "0;0.1"}, **THREE)
    assert caught == []
    result, caught = _run({"values1[0]": "0;0.2"}, **THREE, quantities="floors,method,lowest_values_tie")
    assert caught == [] and result.columns["lowest_values_tie"].tolist() == [False, True]


def test_both_lowest_values_fixed_and_tied_mark_every_row():
    result, caught = _run({"prior1": "0.3,0.3,0.4;0.1,0.1,0.8"}, **{k: v for k, v in THREE.items() if k != "prior1"})
    assert len(caught) == 1 and str(caught[0].message).startswith("2 of 2 rows have")
    full, _ = _run(
        {"prior1": "0.3,0.3,0.4;0.1,0.1,0.8"},
        **{k: v for k, v in THREE.items() if k != "prior1"},
        quantities="lowest_values_tie,gap",
    )
    assert full.columns["lowest_values_tie"].tolist() == [True, True]


def test_resumed_sweep_still_warns_with_the_count(tmp_path):
    """The rows are counted from the axes: a run that reuses every chunk warns the same."""
    out = tmp_path / "ties.csv"
    grid = {"values1[0]": "0;0.1;0.2"}
    first, caught = _run(grid, **THREE, out=out, keep_parts=True, chunk_size=1)
    assert len(caught) == 1 and first.chunks_computed == 3
    again, caught_again = _run(grid, **THREE, out=out, chunk_size=1)
    assert again.chunks_reused == 3 and again.chunks_computed == 0
    assert [str(w.message) for w in caught_again] == [str(caught[0].message)]
    assert str(caught[0].message).startswith("1 of 3 rows has")


def test_tie_column_is_a_definition_at_delta_below_one():
    assert QUANTITY_HOLDS_AT["lowest_values_tie"] == "definition" and "lowest_values_tie" in QUANTITIES
    result, _ = _run({"discount": "0.5;1"}, **THREE, quantities="gap,lowest_values_tie")
    assert result.holds_at == {"gap": "delta_to_1_limit", "lowest_values_tie": "definition"}
    assert column_holds_at(["lowest_values_tie"]) == {"lowest_values_tie": "definition"}


LOWS = (0.0, 0.1, 0.2)


@settings(max_examples=15, deadline=None)
@given(
    lows1=st.lists(st.sampled_from(LOWS), min_size=1, max_size=3),
    lows2=st.lists(st.sampled_from(LOWS), min_size=1, max_size=3),
    vector_axis=st.booleans(),
    priors=st.integers(1, 2),
)
def test_binary_tie_column_matches_the_values_and_never_warns(lows1, lows2, vector_axis, priors):
    """Generated grids (lowest values on a component axis or a vector axis, with another axis):
    the column is exactly l1 == l2 per row; binary sweeps never warn."""
    grid = {
        "values1": ";".join(f"{low},0.5" for low in lows1) if vector_axis else None,
        "values1[0]": None if vector_axis else lows1,
        "values2[0]": lows2,
        "prior1": list(np.linspace(0.2, 0.8, priors)),
    }
    grid = {name: spec for name, spec in grid.items() if spec is not None}
    fixed = {"values1": None if vector_axis else [0.3, 0.5], "values2": [0.3, 1.0]}
    result, caught = _run(
        grid,
        **{k: v for k, v in fixed.items() if v is not None},
        prior2=0.5,
        bargaining_power=0.5,
        quantities="gap,lowest_values_tie",
    )
    columns = result.columns
    expected = columns["values1_0"] == columns["values2_0"]
    assert columns["lowest_values_tie"].tolist() == expected.tolist()
    assert int(expected.sum()) == sum(a == b for a in lows1 for b in lows2) * priors
    assert caught == []
    np.testing.assert_array_equal(columns["gap"][expected], 0.0)


@settings(max_examples=4, deadline=None)
@given(
    lows1=st.lists(st.sampled_from(LOWS), min_size=1, max_size=3),
    lows2=st.lists(st.sampled_from(LOWS), min_size=1, max_size=2),
    betas=st.integers(1, 2),
)
def test_three_type_warning_counts_the_tied_rows(lows1, lows2, betas):
    result, caught = _run(
        {"values1[0]": lows1, "bargaining_power": list(np.linspace(0.3, 0.6, betas)), "values2[0]": lows2},
        values1=[0.3, 0.5, 1.0],
        values2=[0.3, 0.7, 1.0],
        prior1=THREE["prior1"],
        prior2=THREE["prior2"],
        quantities="gap_player,lowest_values_tie",
    )
    ties = int(result.columns["lowest_values_tie"].sum())
    assert ties == int(np.sum(result.columns["values1_0"] == result.columns["values2_0"]))
    if ties == 0:
        assert caught == []
    else:
        assert len(caught) == 1
        assert str(caught[0].message).startswith(f"{ties} of {result.points} rows ")
