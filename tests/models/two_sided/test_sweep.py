"""bargainlab.sweep for two-sided bargaining: equal to one-point-at-a-time solves, on any executor."""

from __future__ import annotations

import inspect
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargainlab as bl
from bargainlab.cli.main import main
from bargainlab.core.environment import two_sided_environment
from bargainlab.core.monopoly import random_monopoly_payoffs
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import gap
from bargainlab.models.two_sided.sweep import PARAMETERS, sweep
from bargainlab.tolerances import CLOSED_FORM_TOL
from tests import vocabulary


def _environment(columns, k, n1, n2):
    """The environment of row k of a sweep table."""

    def prior(i, n):
        if n == 2:
            return columns[f"prior{i}"][k]
        return [columns[f"prior{i}_{j}"][k] for j in range(n)]

    return two_sided_environment(
        [columns[f"values1_{j}"][k] for j in range(n1)],
        [columns[f"values2_{j}"][k] for j in range(n2)],
        prior(1, n1),
        prior(2, n2),
        columns["bargaining_power"][k],
        columns["discount"][k],
    )


def _check_against_single_solves(result, n1, n2, rows):
    columns = result.columns
    for k in rows:
        env = _environment(columns, k, n1, n2)
        single = gap(env, method="lp")
        assert columns["gap"][k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
        assert columns["ex_ante_payoff"][k] == pytest.approx(single.ex_ante_payoff, abs=CLOSED_FORM_TOL)
        assert columns["floor"][k] == pytest.approx(single.floor, abs=CLOSED_FORM_TOL)
        assert columns["gap_player"][k] == single.gap_player
        assert columns["gap_share"][k] == pytest.approx(single.gap / env.max_value, abs=CLOSED_FORM_TOL)


@settings(max_examples=6)
@given(st.integers(0, 10**6))
def test_binary_sweep_over_values_priors_and_beta_equals_single_solves(seed):
    rng = np.random.default_rng(seed)
    grid = {
        "values2[0]": np.sort(rng.uniform(0.05, 0.6, 2)),
        "prior1": rng.random(4),
        "prior2": np.concatenate([[0.0, 1.0], rng.random(2)]),
        "bargaining_power": rng.random(2),
    }
    kwargs = dict(
        values1=[0.0, 0.65],
        values2=[0.3, 1.0],
        quantities=["ex_ante_payoff", "gap", "gap_share", "floor", "gap_player"],
    )
    by_formula = sweep(grid, **kwargs)
    by_lp = sweep(grid, **kwargs, method="lp", chunk_size=7)
    assert by_formula.points == by_lp.points == 2 * 4 * 4 * 2
    assert by_lp.chunks == 10
    for name in by_formula.columns:
        np.testing.assert_allclose(by_lp.columns[name], by_formula.columns[name], atol=CLOSED_FORM_TOL)
    _check_against_single_solves(by_lp, 2, 2, range(by_lp.points))


def test_three_type_sweep_along_prior_segments_equals_single_solves():
    result = sweep(
        {"prior1": "0.6,0.3,0.1:0.1,0.3,0.6:4", "prior2": "simplex:2", "values1[1]": [0.2, 0.4]},
        values1=[0.0, 0.3, 0.6],
        values2=[0.2, 0.7, 1.0],
        bargaining_power=0.5,
        discount=0.9,
        quantities=["ex_ante_payoff", "gap", "gap_share", "floor", "gap_player", "method", "floors"],
        chunk_size=5,
    )
    assert result.points == 4 * 6 * 2 and result.chunks == 10
    assert set(result.columns["method"].tolist()) == {"lp"}
    assert np.all(result.columns["discount"] == 0.9)
    assert result.columns["gap"].max() > 0.01  # the family crosses a region with a real gap
    _check_against_single_solves(result, 3, 3, range(result.points))
    env = _environment(result.columns, 7, 3, 3)
    np.testing.assert_allclose(
        [result.columns[f"floor1_{j}"][7] for j in range(3)],
        random_monopoly_payoffs(env.player1, env.player2, 0.5),
        atol=1e-12,
    )


def test_sweep_is_exported_and_mixes_labels_per_point():
    # values2[0] below player 1's low value at the second step: the gap goes to player 2 there
    result = bl.sweep(
        {"values2[0]": [0.3, 0.05], "prior1": [0.5]},
        values1=[0.1, 0.6],
        values2=[0.3, 1.0],
        prior2=0.5,
        bargaining_power=0.5,
    )
    assert result.columns["gap_player"].tolist() == [1, 2]
    _check_against_single_solves(result, 2, 2, range(2))


def test_closed_form_sweep_in_c_order_is_the_same_table_on_every_path(tmp_path):
    """A closed-form sweep is pointwise: it runs in the grid's C order, its fixed parameters and
    method are held as one value each, and every executor and output gives the same table, bit
    for bit, equal to one-point-at-a-time solves."""
    grid = {"prior1": "0:1:7", "bargaining_power": [0.3, 0.7], "prior2": "0.1:0.9:5"}
    kwargs = dict(values1=[0.1, 0.7], values2=[0.4, 1.0], chunk_size=9)
    memory = sweep(grid, **kwargs)
    assert memory.points == 70 and memory.chunks == 8
    assert memory.columns["values1_1"].strides == (0,) and memory.columns["values1_1"][0] == 0.7
    assert memory.columns["method"].tolist() == ["closed_form"] * 70
    assert memory.columns["point"].tolist() == list(range(70))
    pooled = sweep(grid, **kwargs, workers=2)
    streamed = sweep(grid, **kwargs, out=tmp_path / "t.csv")
    for other in (pooled, streamed):
        for name in memory.columns:
            np.testing.assert_array_equal(other.columns[name], memory.columns[name])
    _check_against_single_solves(memory, 2, 2, range(0, 70, 3))


def test_dask_local_cluster_sweep_equals_in_process_sweep(tmp_path):
    distributed = pytest.importorskip("distributed")
    grid = {"prior1": "0.6,0.3,0.1:0.1,0.3,0.6:6", "prior2": "0.5,0.3,0.2:0.2,0.3,0.5:5"}
    kwargs = dict(values1=[0.0, 0.3, 0.6], values2=[0.2, 0.7, 1.0], bargaining_power=0.4, chunk_size=6)
    local = sweep(grid, **kwargs)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            remote = sweep(grid, **kwargs, executor=client.get_executor(), out=tmp_path / "dask.parquet")
        # the command line's --scheduler ADDRESS: a client of the running scheduler
        command = ["sweep", "two-sided", "--values1", "0,0.3,0.6", "--values2", "0.2,0.7,1", "--beta", "0.4"]
        command += ["--chunk-size", "6", "--no-progress", "--scheduler", cluster.scheduler_address]
        command += [f"--grid={name}={spec}" for name, spec in grid.items()]
        assert main([*command, "--out", str(tmp_path / "cli.csv")]) == 0
        distributed.default_client().close()
    assert remote.chunks == local.chunks == 5
    for name in local.columns:
        if local.columns[name].dtype.kind == "f":
            np.testing.assert_allclose(remote.columns[name], local.columns[name], atol=CLOSED_FORM_TOL)
        else:
            np.testing.assert_array_equal(remote.columns[name], local.columns[name])
    table = bl.core.sweep.read_table(tmp_path / "dask.parquet")
    np.testing.assert_array_equal(table["gap"], remote.columns["gap"])
    np.testing.assert_array_equal(bl.core.sweep.read_table(tmp_path / "cli.csv")["gap"], remote.columns["gap"])


@pytest.mark.parametrize(
    ("grid", "kwargs", "message"),
    [
        ({"q1": [0.5]}, {}, "grid must be a parameter"),
        ({"prior1": [0.5], " prior1": [0.5]}, {}, "prior1 appears twice"),
        ({"prior1": [0.5]}, {"prior1": 0.5}, "prior1 must be either fixed or a grid axis, not both"),
        ({"prior1": [0.5]}, {"bargaining_power": None}, "bargaining_power must be given, either fixed or as a grid"),
        ({"prior1": "0:1.5:3"}, {}, r"grid prior1 must be an array of probabilities in \[0, 1\]"),
        (
            {"prior1": [0.5], "bargaining_power": "0.5;1.5"},
            {"bargaining_power": None},
            r"grid bargaining_power must be a number in \[0, 1\]; got 1.5",
        ),
        ({"prior1": [0.5], "discount": [0.0]}, {}, r"grid discount must be a number in \(0, 1\]"),
        ({"prior1": [0.5], "values1[1]": [0.0, 0.3]}, {}, r"grid values1\[1\] must be a strictly increasing list"),
        ({"prior1": [0.5], "values1[2]": [0.3]}, {}, r"grid values1\[2\] must be an entry k < 2 of values1"),
        ({"prior1": [0.5]}, {"values2": [1.0, 0.5]}, "values2 must be a strictly increasing list"),
        ({"prior1": [0.5]}, {"quantities": ["ex_ante_payoff", "welfare"]}, "quantities must be names from"),
        ({"prior1": [0.5]}, {"quantities": []}, "quantities must be a non-empty list"),
        ({"prior1": [0.5]}, {"method": "fast"}, "method must be one of"),
        ({"p1": [0.5]}, {}, "the axis of p1 is called prior1"),
        ({"prior1": [[0.2, 0.3, 0.5]]}, {"values1": [0, 0.2, 0.5], "method": "closed_form"}, "two types each"),
        ({"prior1": [0.5]}, {"values1": [0, 0.2, 0.5]}, "a list of 3-vectors of probabilities"),
        ({}, {}, "grid must be at least one axis"),
    ],
)
def test_invalid_sweeps_are_rejected_before_any_point_is_computed(grid, kwargs, message):
    base = dict(values1=[0.0, 0.5], values2=[0.5, 1.0], prior2=0.5, bargaining_power=0.5)
    base.update(kwargs)
    base = {name: value for name, value in base.items() if value is not None}
    with pytest.raises(InvalidParameterError, match=message):
        sweep(grid, **base)


def test_sweep_speaks_the_vocabulary_of_two_sided_environment():
    # one Python name per parameter: every keyword of two_sided_environment is a keyword of sweep
    environment = set(inspect.signature(two_sided_environment).parameters)
    assert environment <= set(inspect.signature(sweep).parameters)
    assert environment - {"discount"} <= set(PARAMETERS)
    with pytest.raises(TypeError, match="beta"):
        sweep({"prior1": [0.5]}, values1=[0, 0.5], values2=[0.5, 1], prior2=0.5, beta=0.5)


def test_result_is_a_table_and_a_json_safe_run_summary(tmp_path):
    pd = pytest.importorskip("pandas")
    result = sweep(
        {"prior1": "0:1:5", "bargaining_power": [0.25, 0.5]},
        values1=[0, 0.5],
        values2=[0.5, 1],
        prior2=0.5,
        out=tmp_path / "gap.csv",
    )
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame) and len(frame) == result.points == 10
    assert list(frame.columns) == result.column_names == list(result.columns)
    np.testing.assert_array_equal(frame["gap"].to_numpy(), result.columns["gap"])
    # the 6.25% example of Peski (2024), Section 4: Gap = 1/16 at p1 = p2 = 1/2, beta = 1/2
    row = frame[(frame["prior1"] == 0.5) & (frame["bargaining_power"] == 0.5)]
    assert row["gap"].item() == pytest.approx(0.0625, abs=CLOSED_FORM_TOL)
    data = result.to_dict()
    json.dumps(data, allow_nan=False)
    assert (data["model"], data["method"]) == ("two-sided", "auto")
    assert "bargaining_power" not in data["parameters"]  # on the grid, not fixed
    assert data["parameters"]["grid"]["bargaining_power"] == [0.25, 0.5]
    assert data["parameters"]["prior2"] == [0.5, 0.5] and data["parameters"]["discount"] == 1.0
    assert data["points"] == 10 and data["path"] == str(tmp_path / "gap.csv")
    assert result.summary()["column_names"] == result.column_names and "columns" not in data
    assert len(repr(result)) < 300 and "points=10" in repr(result)
    assert str(result).startswith("sweep: 10 points in 1 chunks")


@pytest.mark.parametrize("values", [([0, 0.5], [0.5, 1]), ([0, 0.3, 0.6], [0.2, 0.7, 1.0])])
def test_sweep_table_columns_follow_the_vocabulary(values):
    """Every column of a sweep table is a vocabulary key or a data column of docs/architecture.md."""
    n = len(values[0])
    result = sweep(
        {"bargaining_power": [0.5], "discount": [0.9]},
        values1=values[0],
        values2=values[1],
        prior1=[1 / n] * n,
        prior2=[1 / n] * n,
        quantities=list(bl.models.two_sided.sweep.QUANTITIES),
    )
    assert {"bargaining_power", "discount", "ex_ante_payoff", "gap_player", "point"} <= set(result.columns)
    assert vocabulary.unknown_names(result.columns) == []
    assert vocabulary.unknown_names(["beta", "delta", "p1", "E"]) == ["E", "beta", "delta", "p1"]


def test_part_files_for_lp_sweeps_and_a_streamed_table_for_the_closed_form(tmp_path):
    binary = {"values1": [0, 0.5], "values2": [0.5, 1], "bargaining_power": 0.5, "prior2": 0.5}
    closed = sweep({"prior1": "0:1:5"}, **binary, out=tmp_path / "c.csv")
    assert closed.parts is False and closed.summary()["parts"] is False  # computing is cheaper than parts
    lp = sweep({"prior1": "0:1:5"}, **binary, method="lp", out=tmp_path / "lp.csv")
    assert lp.summary()["parts"] is True
    kept = sweep({"prior1": "0:1:5"}, **binary, out=tmp_path / "k.csv", keep_parts=True)
    assert kept.parts is True and (tmp_path / "k.csv.parts" / "manifest.json").exists()
    again = sweep({"prior1": "0:1:5"}, **binary, out=tmp_path / "k.csv")  # its parts are there: resumed
    assert again.parts is True and again.chunks_reused == 1
    for result in (lp, kept, again):
        np.testing.assert_array_equal(result.columns["gap"], closed.columns["gap"])
    assert sweep({"prior1": "0:1:5"}, **binary, out=tmp_path / "p.csv", parts=True).parts is True
    with pytest.raises(
        InvalidParameterError,
        match=r"parts must be left out \(or True\) for an LP sweep; got False \(its chunks follow the snake order",
    ):
        sweep({"prior1": "0:1:5"}, **binary, method="lp", out=tmp_path / "x.csv", parts=False)
    with pytest.raises(InvalidParameterError, match="parts must be True, False or None"):
        sweep({"prior1": "0:1:5"}, **binary, out=tmp_path / "x.csv", parts="yes")
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("name", ["bargaining_power", "discount", "values1[0]"])
def test_a_number_axis_written_with_commas_says_how_to_list_numbers(name):
    """',' joins the entries of one vector (a prior, a value list); an axis of numbers lists them
    with ';': the error names the axis, the forms and the spelling that works."""
    fixed = {"values1": [0.1, 0.6], "values2": [0.5, 1], "prior1": 0.5, "prior2": 0.5, "bargaining_power": 0.5}
    with pytest.raises(InvalidParameterError) as info:
        sweep({name: "0.2,0.5"}, **{key: value for key, value in fixed.items() if key != name})
    message = str(info.value)
    assert info.value.key == "grid" and f"grid {name}" in message
    assert "START:STOP:NUM or V;V;..." in message and "list numbers with ';': 0.2;0.5" in message
