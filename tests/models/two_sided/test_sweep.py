"""bargainlab.sweep for two-sided bargaining: equal to one-point-at-a-time solves, on any executor."""

from __future__ import annotations

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
from bargainlab.models.two_sided.sweep import sweep
from bargainlab.tolerances import CLOSED_FORM_TOL


def _environment(columns, k, n1, n2):
    """The environment of row k of a sweep table."""

    def prior(i, n):
        if n == 2:
            return columns[f"p{i}"][k]
        return [columns[f"prior{i}_{j}"][k] for j in range(n)]

    return two_sided_environment(
        [columns[f"values1_{j}"][k] for j in range(n1)],
        [columns[f"values2_{j}"][k] for j in range(n2)],
        prior(1, n1),
        prior(2, n2),
        columns["beta"][k],
        columns["delta"][k],
    )


def _check_against_single_solves(result, n1, n2, rows):
    columns = result.columns
    for k in rows:
        env = _environment(columns, k, n1, n2)
        single = gap(env, method="lp")
        assert columns["gap"][k] == pytest.approx(single.gap, abs=CLOSED_FORM_TOL)
        assert columns["E"][k] == pytest.approx(single.ex_ante_payoff, abs=CLOSED_FORM_TOL)
        assert columns["floor"][k] == pytest.approx(single.floor, abs=CLOSED_FORM_TOL)
        assert columns["gap_player"][k] == single.gap_player
        assert columns["gap_share"][k] == pytest.approx(single.gap / env.max_value, abs=CLOSED_FORM_TOL)


@settings(max_examples=6)
@given(st.integers(0, 10**6))
def test_binary_sweep_over_values_priors_and_beta_equals_single_solves(seed):
    rng = np.random.default_rng(seed)
    grid = {
        "values2[0]": np.sort(rng.uniform(0.05, 0.6, 2)),
        "p1": rng.random(4),
        "p2": np.concatenate([[0.0, 1.0], rng.random(2)]),
        "beta": rng.random(2),
    }
    kwargs = dict(values1=[0.0, 0.65], values2=[0.3, 1.0], quantities=["E", "gap", "gap_share", "floor", "gap_player"])
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
        beta=0.5,
        delta=0.9,
        quantities=["E", "gap", "gap_share", "floor", "gap_player", "method", "floors"],
        chunk_size=5,
    )
    assert result.points == 4 * 6 * 2 and result.chunks == 10
    assert set(result.columns["method"].tolist()) == {"lp"}
    assert np.all(result.columns["delta"] == 0.9)
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
        {"values2[0]": [0.3, 0.05], "p1": [0.5]}, values1=[0.1, 0.6], values2=[0.3, 1.0], prior2=0.5, beta=0.5
    )
    assert result.columns["gap_player"].tolist() == [1, 2]
    _check_against_single_solves(result, 2, 2, range(2))


def test_dask_local_cluster_sweep_equals_in_process_sweep(tmp_path):
    distributed = pytest.importorskip("distributed")
    grid = {"prior1": "0.6,0.3,0.1:0.1,0.3,0.6:6", "prior2": "0.5,0.3,0.2:0.2,0.3,0.5:5"}
    kwargs = dict(values1=[0.0, 0.3, 0.6], values2=[0.2, 0.7, 1.0], beta=0.4, chunk_size=6)
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
        ({"p1": [0.5], "prior1": [0.5]}, {}, "prior1 appears twice"),
        ({"p1": [0.5]}, {"prior1": 0.5}, "prior1 must be either fixed or a grid axis, not both"),
        ({"p1": [0.5]}, {"beta": None}, "beta must be given, either fixed or as a grid axis"),
        ({"p1": "0:1.5:3"}, {}, r"grid prior1 must be probabilities in \[0, 1\] summing to 1"),
        (
            {"p1": [0.5], "beta": "0.5;1.5"},
            {"beta": None},
            r"grid beta must be numbers in \[0, 1\]; got '0.5;1.5' \(1.5 is not\)",
        ),
        ({"p1": [0.5], "delta": [0.0]}, {}, r"grid delta must be numbers in \(0, 1\]"),
        ({"p1": [0.5], "values1[1]": [0.0, 0.3]}, {}, "values1\\[k\\] must be non-negative, strictly increasing"),
        ({"p1": [0.5], "values1[2]": [0.3]}, {}, r"grid values1\[2\] must be an entry k < 2 of values1"),
        ({"p1": [0.5]}, {"values2": [1.0, 0.5]}, "values2 must be a strictly increasing list"),
        ({"p1": [0.5]}, {"quantities": ["E", "welfare"]}, "quantities must be names from"),
        ({"p1": [0.5]}, {"quantities": []}, "quantities must be a non-empty list"),
        ({"p1": [0.5]}, {"method": "fast"}, "method must be one of"),
        ({"prior1": [[0.2, 0.3, 0.5]]}, {"values1": [0, 0.2, 0.5], "method": "closed_form"}, "two types each"),
        ({"prior1": [0.5]}, {"values1": [0, 0.2, 0.5]}, "a list of 3-vectors of probabilities"),
        ({}, {}, "grid must be at least one axis"),
    ],
)
def test_invalid_sweeps_are_rejected_before_any_point_is_computed(grid, kwargs, message):
    base = dict(values1=[0.0, 0.5], values2=[0.5, 1.0], prior2=0.5, beta=0.5)
    base.update(kwargs)
    base = {name: value for name, value in base.items() if value is not None}
    with pytest.raises(InvalidParameterError, match=message):
        sweep(grid, **base)
