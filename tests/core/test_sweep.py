"""The sweep engine: grids, snake order, axis grammar, part files, resume, executors, tables."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainlab.core.sweep import (
    Axis,
    DamagedPartError,
    Grid,
    SweepInterrupted,
    SweepWorkerLost,
    axis_values,
    read_table,
    run_sweep,
    simplex_lattice,
    snake_positions,
    write_table,
)
from bargainlab.errors import InvalidParameterError


def square(axes):
    """A picklable evaluator: a, b -> a * b and a label."""
    product = axes["a"] * axes["b"]
    return {"a": axes["a"], "b": axes["b"], "product": product, "label": np.where(product > 0.5, "big", "small")}


GRID = Grid((Axis("a", np.linspace(0, 1, 7)), Axis("b", np.linspace(0, 1, 5))))


def expected_columns():
    a, b = np.meshgrid(GRID.axes[0].values, GRID.axes[1].values, indexing="ij")
    return a.ravel(), b.ravel()


@given(st.lists(st.integers(1, 5), min_size=1, max_size=4))
def test_snake_order_is_a_permutation_of_neighbour_steps(shape):
    order = snake_positions(shape, 0, int(np.prod(shape)))
    assert sorted(order.tolist()) == list(range(int(np.prod(shape))))
    digits = np.array(np.unravel_index(order, shape)).T
    steps = np.abs(np.diff(digits, axis=0)).sum(axis=1)
    assert np.all(steps == 1)  # consecutive points are grid neighbours
    # chunks of the order are slices of the whole order
    whole = order.tolist()
    assert snake_positions(shape, 1, len(whole)).tolist() == whole[1:]


def test_axis_grammar():
    assert axis_values("0:1:5", "x").tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert axis_values("0.3", "x").tolist() == [0.3]
    assert axis_values("0.3;0.1", "x").tolist() == [0.3, 0.1]
    assert axis_values("1,0;0.5,0.5", "x").tolist() == [[1.0, 0.0], [0.5, 0.5]]
    np.testing.assert_allclose(axis_values("0.6,0.4:0.2,0.8:3", "x"), [[0.6, 0.4], [0.4, 0.6], [0.2, 0.8]])
    assert axis_values([[0.2, 0.8]], "x").shape == (1, 2)
    lattice = axis_values("simplex:4", "x", dimension=3)
    assert lattice.shape == (15, 3)  # C(4 + 2, 2)
    np.testing.assert_allclose(lattice.sum(axis=1), 1.0)
    assert len({tuple(row) for row in lattice.tolist()}) == 15


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("0:1", "exactly START:STOP:NUM"),
        ("0:1:x", "NUM must be a whole number"),
        ("0:1:0", "NUM must be at least 1"),
        ("a;b", "'a' is not a number"),
        ("1,0:1:3", "START and STOP have different lengths"),
        ("1,0;1", "different lengths"),
        ("simplex:3", "simplex:D is for priors"),
        ("nan", "finite numbers"),
    ],
)
def test_axis_specs_that_cannot_be_parsed_are_errors(spec, message):
    with pytest.raises(InvalidParameterError, match=message) as error:
        axis_values(spec, "x")
    assert (error.value.key, error.value.label) == ("grid", "grid x")


def test_simplex_lattice_counts():
    assert simplex_lattice(2, 3).tolist() == [[0.0, 1.0], [1 / 3, 2 / 3], [2 / 3, 1 / 3], [1.0, 0.0]]
    assert len(simplex_lattice(4, 5)) == 56  # C(5 + 3, 3)


def test_in_process_sweep_is_in_grid_order_with_one_row_per_point():
    result = run_sweep(square, GRID, description={"test": 1}, chunk_size=4)
    a, b = expected_columns()
    assert result.points == 35 and result.chunks == 9 and result.chunks_computed == 9
    assert result.columns["point"].tolist() == list(range(35))
    np.testing.assert_array_equal(result.columns["a"], a)
    np.testing.assert_array_equal(result.columns["product"], a * b)
    assert result.columns["label"].tolist() == np.where(a * b > 0.5, "big", "small").tolist()


def test_executors_give_the_same_table():
    plain = run_sweep(square, GRID, description={}, chunk_size=6)
    with ThreadPoolExecutor(2) as pool:
        threaded = run_sweep(square, GRID, description={}, chunk_size=6, executor=pool)
    processes = run_sweep(square, GRID, description={}, chunk_size=6, workers=2)
    for other in (threaded, processes):
        assert list(other.columns) == list(plain.columns)
        for name in plain.columns:
            np.testing.assert_array_equal(other.columns[name], plain.columns[name])


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tables_round_trip(tmp_path, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")  # the [parquet] extra
    result = run_sweep(square, GRID, description={}, chunk_size=10, out=tmp_path / f"table{suffix}")
    assert result.path == tmp_path / f"table{suffix}"
    assert not (tmp_path / f"table{suffix}.parts").exists()  # removed once the table is written
    table = read_table(result.path)
    assert list(table) == list(result.columns)
    for name, column in result.columns.items():
        np.testing.assert_array_equal(table[name], column)  # floats are written exactly


def test_interrupted_sweep_keeps_finished_chunks_and_resumes(tmp_path):
    out = tmp_path / "run.csv"
    seen = []

    def interrupt_after_three(progress):
        seen.append(progress.chunks_done)
        if progress.chunks_done == 3:
            raise KeyboardInterrupt

    with pytest.raises(SweepInterrupted, match=r"after 3 of 9 chunks; they are kept in .*run.csv.parts"):
        run_sweep(square, GRID, description={"n": 1}, chunk_size=4, out=out, progress=interrupt_after_three)
    parts = sorted(p.name for p in (tmp_path / "run.csv.parts").glob("part-*.npz"))
    assert parts == ["part-000000.npz", "part-000001.npz", "part-000002.npz"]
    assert not out.exists()

    resumed = run_sweep(square, GRID, description={"n": 1}, chunk_size=4, out=out)
    assert (resumed.chunks_reused, resumed.chunks_computed) == (3, 6)
    fresh = run_sweep(square, GRID, description={"n": 1}, chunk_size=4)
    for name in fresh.columns:
        np.testing.assert_array_equal(resumed.columns[name], fresh.columns[name])
        np.testing.assert_array_equal(read_table(out)[name], fresh.columns[name])


def test_parts_of_a_different_sweep_are_never_mixed_in(tmp_path):
    out = tmp_path / "run.csv"

    def stop(progress):
        if progress.chunks_done == 1:
            raise KeyboardInterrupt

    with pytest.raises(SweepInterrupted):
        run_sweep(square, GRID, description={"beta": 0.5}, chunk_size=4, out=out, progress=stop)
    with pytest.raises(InvalidParameterError, match="holds chunks of a different sweep"):
        run_sweep(square, GRID, description={"beta": 0.6}, chunk_size=4, out=out)
    with pytest.raises(InvalidParameterError, match="holds chunks of a different sweep"):
        run_sweep(square, GRID, description={"beta": 0.5}, chunk_size=5, out=out)
    restarted = run_sweep(square, GRID, description={"beta": 0.5}, chunk_size=4, out=out, resume=False)
    assert restarted.chunks_reused == 0 and restarted.chunks_computed == 9


def test_bad_arguments_are_errors(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"out must be a path ending in \.parquet or \.csv"):
        run_sweep(square, GRID, description={}, chunk_size=4, out=tmp_path / "table.xlsx")
    with pytest.raises(InvalidParameterError, match="chunk_size must be a whole number of at least 1"):
        run_sweep(square, GRID, description={}, chunk_size=0)
    with pytest.raises(InvalidParameterError, match="workers must be a whole number"):
        run_sweep(square, GRID, description={}, chunk_size=4, workers=-1)
    with pytest.raises(InvalidParameterError, match="executor must be a concurrent.futures.Executor"):
        run_sweep(square, GRID, description={}, chunk_size=4, executor="local")
    with pytest.raises(InvalidParameterError, match="each parameter on at most one axis"):
        Grid((Axis("a", [0.0]), Axis("a", [1.0])))
    (tmp_path / "stray.csv.parts").mkdir()
    (tmp_path / "stray.csv.parts" / "something").write_text("x")
    with pytest.raises(InvalidParameterError, match="it has no manifest"):
        run_sweep(square, GRID, description={}, chunk_size=4, out=tmp_path / "stray.csv")


def test_progress_bar_reaches_the_end(capsys):
    run_sweep(square, GRID, description={}, chunk_size=4, progress=True)
    err = capsys.readouterr().err
    assert "35/35" in err and "100%" in err and err.endswith("\n")  # the one bar (core/progress.py): points


def test_write_table_writes_given_columns(tmp_path):
    path = write_table(
        {"x": np.array([0.1, 1 / 3]), "n": np.array([1, 2]), "s": np.array(["a", "b"])}, tmp_path / "t.csv"
    )
    assert path.read_text().splitlines() == ["x,n,s", "0.1,1,a", "0.3333333333333333,2,b"]
    assert json.dumps(read_table(path)["x"].tolist()) == "[0.1, 0.3333333333333333]"


# ---------------------------------------------------------------------------- sweeps that cannot lie
def interrupted_parts(tmp_path, description=None, after=3):
    """Run a sweep to ``out`` and stop it after ``after`` chunks; return (out, parts directory)."""
    out = tmp_path / "run.csv"

    def stop(progress):
        if progress.chunks_done == after:
            raise KeyboardInterrupt

    with pytest.raises(SweepInterrupted):
        run_sweep(square, GRID, description=description or {"n": 1}, chunk_size=4, out=out, progress=stop)
    return out, tmp_path / "run.csv.parts"


def rewrite_npz(path, change):
    """Load a part, apply ``change`` to its dict of arrays, save it back."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    change(arrays)
    with open(path, "wb") as handle:
        np.savez(handle, **arrays)


def tamper_replace_by_other_chunk(parts, tmp_path):
    (parts / "part-000000.npz").write_bytes((parts / "part-000001.npz").read_bytes())


def tamper_replace_by_other_sweep(parts, tmp_path):
    _, other = interrupted_parts(tmp_path / "other", description={"n": 2}, after=1)
    (parts / "part-000000.npz").write_bytes((other / "part-000000.npz").read_bytes())


def tamper_alter_a_value(parts, tmp_path):
    rewrite_npz(parts / "part-000000.npz", lambda a: a["product"].__setitem__(0, a["product"][0] + 1e-12))


def tamper_alter_a_byte(parts, tmp_path):
    path = parts / "part-000000.npz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def tamper_truncate(parts, tmp_path):
    path = parts / "part-000000.npz"
    path.write_bytes(path.read_bytes()[:-100])


def tamper_shorten_columns(parts, tmp_path):
    rewrite_npz(parts / "part-000000.npz", lambda a: a.update({k: v[:-1] for k, v in a.items() if k != "__part__"}))


def tamper_drop_a_column(parts, tmp_path):
    rewrite_npz(parts / "part-000000.npz", lambda a: a.pop("label"))


def tamper_drop_the_record(parts, tmp_path):
    rewrite_npz(parts / "part-000000.npz", lambda a: a.pop("__part__"))


def tamper_corrupt_file(parts, tmp_path):
    (parts / "part-000000.npz").write_bytes(b"not a part file at all")


@pytest.mark.parametrize(
    "tamper",
    [
        tamper_replace_by_other_chunk,
        tamper_replace_by_other_sweep,
        tamper_alter_a_value,
        tamper_alter_a_byte,
        tamper_truncate,
        tamper_shorten_columns,
        tamper_drop_a_column,
        tamper_drop_the_record,
        tamper_corrupt_file,
    ],
)
def test_resume_refuses_a_tampered_part_naming_it(tmp_path, tamper):
    out, parts = interrupted_parts(tmp_path)
    tamper(parts, tmp_path)
    with pytest.raises(DamagedPartError, match=r"part-000000\.npz .*--restart") as caught:
        run_sweep(square, GRID, description={"n": 1}, chunk_size=4, out=out)
    assert len(str(caught.value).splitlines()) == 1
    restarted = run_sweep(square, GRID, description={"n": 1}, chunk_size=4, out=out, resume=False)
    np.testing.assert_array_equal(read_table(out)["product"], restarted.columns["product"])


def test_a_missing_part_is_computed_again(tmp_path):
    out, parts = interrupted_parts(tmp_path)
    (parts / "part-000001.npz").unlink()
    resumed = run_sweep(square, GRID, description={"n": 1}, chunk_size=4, out=out)
    assert (resumed.chunks_reused, resumed.chunks_computed) == (2, 7)


class DiesOnce:
    """An evaluator whose worker process dies (os._exit) the first time it sees chunk ``b == 0.5``
    when ``always`` is False, or every time when it is True."""

    def __init__(self, marker, always=False):
        self.marker, self.always = str(marker), always

    def __call__(self, axes):
        import os

        if np.any(axes["a"] == 0.5) and (self.always or not os.path.exists(self.marker)):
            open(self.marker, "w").close()
            os._exit(1)
        return square(axes)


def test_a_lost_worker_is_replaced_and_its_chunk_retried_once(tmp_path):
    grid = Grid((Axis("a", [0.0, 0.25, 0.5, 0.75]), Axis("b", np.linspace(0, 1, 5))))
    result = run_sweep(DiesOnce(tmp_path / "died"), grid, description={}, chunk_size=5, workers=2)
    reference = run_sweep(square, grid, description={}, chunk_size=5)
    assert result.retried  # the chunk of a = 0.5 (and any the broken pool took down) ran again
    np.testing.assert_array_equal(result.columns["product"], reference.columns["product"])


def test_a_chunk_lost_twice_stops_the_sweep_in_one_line_keeping_parts(tmp_path):
    grid = Grid((Axis("a", [0.0, 0.25, 0.5, 0.75]), Axis("b", np.linspace(0, 1, 5))))
    out = tmp_path / "t.csv"
    with pytest.raises(SweepWorkerLost, match=r"lost twice while computing chunk .*kept in .*t\.csv\.parts") as caught:
        run_sweep(DiesOnce(tmp_path / "died", always=True), grid, description={}, chunk_size=5, out=out, workers=2)
    assert len(str(caught.value).splitlines()) == 1 and (tmp_path / "t.csv.parts" / "manifest.json").exists()


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_streamed_table_in_small_blocks_equals_the_in_memory_sweep(tmp_path, suffix, monkeypatch):
    """Blocks of 6 points on a 3-axis grid: the C-order blocks map to runs of the snake order
    that cross chunk boundaries, forwards and backwards."""
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")  # the [parquet] extra
    from bargainlab.core.sweep import runner

    monkeypatch.setattr(runner, "TABLE_BLOCK_POINTS", 6)
    grid = Grid((Axis("a", np.linspace(0, 1, 3)), Axis("b", np.linspace(0, 1, 4)), Axis("c", [0.1, 0.2, 0.3])))

    def cube(axes):
        return {"a": axes["a"], "abc": axes["a"] + 10 * axes["b"] + 100 * axes["c"]}

    memory = run_sweep(cube, grid, description={}, chunk_size=5)
    streamed = run_sweep(cube, grid, description={}, chunk_size=5, out=tmp_path / f"t{suffix}")
    assert streamed.held is None and streamed.points == 36
    assert memory.columns["point"].tolist() == list(range(36))
    for name in memory.columns:
        np.testing.assert_array_equal(streamed.columns[name], memory.columns[name])


def test_parquet_tables_carry_the_sweep_provenance(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")  # the [parquet] extra

    from bargainlab import __version__

    out = tmp_path / "t.parquet"
    run_sweep(square, GRID, description={"fixed": {"beta": 0.5}, "method": "lp"}, chunk_size=10, out=out)
    meta = json.loads(pq.read_schema(out).metadata[b"bargainlab"])
    assert meta["bargainlab_version"] == __version__ and meta["fixed"] == {"beta": 0.5} and meta["method"] == "lp"
    assert meta["grid"]["a"] == GRID.axes[0].values.tolist()
    write_table({"x": np.array([1.0])}, tmp_path / "w.parquet", metadata={"k": 1})
    assert json.loads(pq.read_schema(tmp_path / "w.parquet").metadata[b"bargainlab"]) == {"k": 1}


def test_parquet_tables_declare_no_missing_entries_and_range_the_columns_that_vary(tmp_path):
    """Every column of a sweep is complete (NaN is a number, not a missing entry), so the schema
    says so; each row group carries min/max statistics of the columns that vary (filtered reads
    of an axis), not of a fixed parameter's column (one value, known from the provenance)."""
    pq = pytest.importorskip("pyarrow.parquet")

    import bargainlab as bl

    out = tmp_path / "t.parquet"
    bl.sweep({"prior1": "0:1:5", "prior2": "0:1:4"}, values1=[0, 0.5], values2=[0.5, 1], bargaining_power=0.5, out=out)
    schema = pq.read_schema(out)
    assert [field.nullable for field in schema] == [False] * len(schema)
    meta = pq.ParquetFile(out).metadata
    stats = {meta.schema.column(k).name: meta.row_group(0).column(k).statistics for k in range(meta.num_columns)}
    assert stats["bargaining_power"] is None and stats["values1_1"] is None
    assert stats["prior1"].min == 0.0 and stats["prior1"].max == 1.0 and stats["gap"].min == 0.0
    table = pq.read_table(out, filters=[("prior1", ">", 0.6)])
    assert table.num_rows == 8 and min(table.column("prior1").to_pylist()) == 0.75
    # a table given with a missing entry keeps it (the column stays nullable)
    write_table({"x": np.array([1.0, np.nan]), "label": np.array(["a", None], dtype=object)}, tmp_path / "n.parquet")
    back = pq.read_table(tmp_path / "n.parquet")
    assert back.column("label").to_pylist() == ["a", None] and back.schema.field("label").nullable
    assert np.isnan(back.column("x").to_numpy()[1]) and not back.schema.field("x").nullable


class WarnsAbove:
    """A picklable evaluator that warns (UserWarning, with the threshold in the text) at every
    point whose ``a`` exceeds ``threshold`` — as the LP path warns at a degenerate point."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def __call__(self, axes):
        import warnings

        if (axes["a"] > self.threshold).any():
            warnings.warn(f"a above {self.threshold}", UserWarning, stacklevel=1)
        return square(axes)


@pytest.mark.parametrize("workers", [None, 2])
def test_warnings_raised_in_workers_reach_the_sweep_once(workers):
    """Nothing is lost in a worker's log: a warning raised while a pool's worker computes chunks
    is raised again by the sweep, in its own process, once per category and text (here 4 of 7
    chunks warn); in-process the evaluator's own warning reaches the caller as it is raised."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # each distinct warning once, as Python shows them by default
        result = run_sweep(WarnsAbove(0.4), GRID, description={}, chunk_size=5, workers=workers)
    texts = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    assert texts == ["a above 0.4"]
    assert result.points == 35


# ---------------------------------------------------------------------------- order, constants, Dask tasks
CUBE = Grid((Axis("a", np.linspace(0, 1, 3)), Axis("b", np.linspace(0, 1, 4)), Axis("c", [0.1, 0.2, 0.3])))


def cube(axes):
    """A picklable pointwise evaluator on CUBE, with a column fixed for the whole sweep."""
    count = len(axes["a"])
    fixed = np.broadcast_to(np.array(0.25), (count,))
    return {"a": axes["a"], "abc": axes["a"] + 10 * axes["b"] + 100 * axes["c"], "fixed": fixed}


@pytest.mark.parametrize("out", [None, ".csv", ".parquet"])
def test_c_order_sweep_gives_the_snake_order_table(tmp_path, out, monkeypatch):
    """Chunks cut from the grid's C order (for pointwise evaluators): the same rows as the snake
    order, in memory and streamed in small blocks that cross chunk boundaries."""
    if out == ".parquet":
        pytest.importorskip("pyarrow")  # the [parquet] extra
    from bargainlab.core.sweep import runner

    monkeypatch.setattr(runner, "TABLE_BLOCK_POINTS", 6)
    path = None if out is None else tmp_path / f"t{out}"
    snake = run_sweep(cube, CUBE, description={}, chunk_size=5)
    c_order = run_sweep(cube, CUBE, description={}, chunk_size=5, order="c", out=path)
    assert c_order.points == 36 and c_order.chunks == 8
    a, b, c = np.meshgrid(*(axis.values for axis in CUBE.axes), indexing="ij")
    np.testing.assert_array_equal(snake.columns["abc"], (a + 10 * b + 100 * c).ravel())
    for name in snake.columns:
        np.testing.assert_array_equal(c_order.columns[name], snake.columns[name])
    with pytest.raises(InvalidParameterError, match="order must be 'snake' or 'c'"):
        run_sweep(cube, CUBE, description={}, chunk_size=5, order="random")


def test_c_order_parts_resume_and_are_not_mixed_with_snake_parts(tmp_path):
    out = tmp_path / "run.csv"

    def stop(progress):
        if progress.chunks_done == 3:
            raise KeyboardInterrupt

    with pytest.raises(SweepInterrupted):
        run_sweep(cube, CUBE, description={}, chunk_size=5, out=out, order="c", progress=stop)
    # the same chunk numbers in snake order hold other points: never taken for them
    with pytest.raises(InvalidParameterError, match="holds chunks of a different sweep"):
        run_sweep(cube, CUBE, description={}, chunk_size=5, out=out)
    resumed = run_sweep(cube, CUBE, description={}, chunk_size=5, out=out, order="c")
    assert (resumed.chunks_reused, resumed.chunks_computed) == (3, 5)
    fresh = run_sweep(cube, CUBE, description={}, chunk_size=5)
    for name in fresh.columns:
        np.testing.assert_array_equal(read_table(out)[name], fresh.columns[name])


def test_a_column_fixed_for_the_sweep_is_held_once_and_filled_in_when_it_changes():
    def by_chunk(axes):
        # one value per chunk (the chunk's first a): constant within every chunk, not over the sweep
        count = len(axes["a"])
        return {"first": np.broadcast_to(axes["a"][:1], (count,)), "fixed": np.broadcast_to(np.array(2.0), (count,))}

    result = run_sweep(by_chunk, CUBE, description={}, chunk_size=12, order="c")  # a chunk is one value of a
    assert result.columns["fixed"].strides == (0,) and result.columns["fixed"].tolist() == [2.0] * 36
    assert result.columns["first"].strides != (0,)
    np.testing.assert_array_equal(result.columns["first"], np.repeat(CUBE.axes[0].values, 12))
    labels = run_sweep(
        lambda axes: {
            "label": np.broadcast_to(np.array("lp" if axes["a"][0] < 1 else "closed_form"), (len(axes["a"]),))
        },
        CUBE,
        description={},
        chunk_size=12,
        order="c",
    )
    assert labels.columns["label"].tolist() == ["lp"] * 24 + ["closed_form"] * 12  # widened, not cut
    with ThreadPoolExecutor(2) as pool:  # held column by column as chunks arrive in any order
        threaded = run_sweep(cube, CUBE, description={}, chunk_size=5, executor=pool)
    processes = run_sweep(cube, CUBE, description={}, chunk_size=5, workers=2)  # pickled: full arrays
    for other in (threaded, processes):
        np.testing.assert_array_equal(other.columns["fixed"], np.full(36, 0.25))


def test_dask_tasks_group_chunks_so_that_each_chunk_is_computed_once():
    from bargainlab.core.sweep.runner import MAX_CHUNKS_PER_TASK, _dask_tasks

    class Client:
        def nthreads(self):
            return {"tcp://a": 1, "tcp://b": 1}

    chunks = [(k, 10 * k, 10 * k + 10) for k in range(20)]
    tasks = _dask_tasks(chunks, Client())
    assert len(tasks) == 4 and all(len(task.chunks) == 5 for task in tasks)  # 2 tasks per worker thread
    assert tasks[1].chunks[:2] == ((1, 10, 20), (5, 50, 60))  # interleaved over the grid
    assert sorted(c for task in tasks for c in task.chunks) == chunks
    many = [(k, k, k + 1) for k in range(100)]
    tasks = _dask_tasks(many, Client())
    assert len(tasks) == 7 and max(len(task.chunks) for task in tasks) <= MAX_CHUNKS_PER_TASK
    assert sorted(c for task in tasks for c in task.chunks) == many
    assert len(_dask_tasks(many[:3], Client())) == 3


def test_dask_sweep_in_grouped_tasks_equals_the_in_process_table(tmp_path):
    distributed = pytest.importorskip("distributed")
    plain = run_sweep(cube, CUBE, description={}, chunk_size=5)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            memory = run_sweep(cube, CUBE, description={}, chunk_size=5, executor=client.get_executor())
            streamed = run_sweep(
                cube, CUBE, description={}, chunk_size=5, executor=client.get_executor(), out=tmp_path / "t.csv"
            )
            direct = run_sweep(  # no part files: runs of consecutive chunks per task, written in order
                awkward, CUBE, description={}, chunk_size=2, order="c", parts=False, out=tmp_path / "d.csv",
                executor=client.get_executor(),
            )  # fmt: skip
    assert memory.chunks == streamed.chunks == 8
    for name in plain.columns:
        np.testing.assert_array_equal(memory.columns[name], plain.columns[name])
        np.testing.assert_array_equal(streamed.columns[name], plain.columns[name])
    assert direct.parts is False and direct.chunks == 18
    assert_same_bits(read_table(tmp_path / "d.csv"), run_sweep(awkward, CUBE, description={}, chunk_size=2).columns)


def test_dask_tasks_of_a_streamed_table_are_runs_of_consecutive_chunks():
    from bargainlab.core.sweep.runner import STREAM_CHUNKS_PER_TASK, _dask_tasks

    class Client:
        def nthreads(self):
            return {"tcp://a": 1, "tcp://b": 1}

    chunks = [(k, 10 * k, 10 * k + 10) for k in range(20)]
    tasks = _dask_tasks(chunks, Client(), contiguous=True)
    assert [task.chunks for task in tasks] == [tuple(chunks[k : k + STREAM_CHUNKS_PER_TASK]) for k in range(0, 20, 2)]
    assert [task.chunks for task in _dask_tasks(chunks[:3], Client(), contiguous=True)] == [(c,) for c in chunks[:3]]


# ---------------------------------------------------------------------------- streamed tables (no part files)
#: Doubles whose text is easy to get wrong: -0.0, subnormals, the extremes, integral values
#: (that must stay floats), values printed in either notation.
AWKWARD = np.array(
    [-0.0, 0.0, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, 1.0, -3.0, 2.0**53, 1e16, 1e22,
     1e-5, 0.1, 1 / 3, 123456789.125, 3.232329041051382e15, 6.798120987151013e-06]
)  # fmt: skip


def awkward(axes):
    """A picklable pointwise evaluator on CUBE: awkward doubles, a fixed value, a label."""
    count = len(axes["a"])
    index = np.rint(axes["a"] * 2 + 3 * axes["b"] * 3 + 13 * axes["c"] * 10).astype(np.int64)
    return {
        "a": axes["a"],
        "awkward": AWKWARD[index % len(AWKWARD)],
        "integral": np.floor(axes["b"] * 3) - 1.0,  # integral floats only, -0.0 among them
        "fixed": np.broadcast_to(np.array(0.25), (count,)),
        "label": np.broadcast_to(np.array("closed_form"), (count,)),
        "n": index,
    }


def assert_same_bits(table, columns):
    assert list(table) == list(columns)
    for name, column in columns.items():
        found, expected = np.asarray(table[name]), np.ascontiguousarray(column)
        if expected.dtype.kind == "U":
            assert found.tolist() == expected.tolist(), name
        else:
            assert found.dtype == expected.dtype and found.tobytes() == expected.tobytes(), name


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("how", ["in-process", "threads", "processes"])
def test_streamed_table_equals_the_in_memory_table_bit_for_bit(tmp_path, suffix, how, monkeypatch):
    """No part files: each C-order chunk goes straight into the table (blocks of 6 points, so
    blocks gather several chunks); the file holds exactly the in-memory sweep's table."""
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")  # the [parquet] extra
    from bargainlab.core.sweep import runner

    monkeypatch.setattr(runner, "TABLE_BLOCK_POINTS", 6)
    memory = run_sweep(awkward, CUBE, description={}, chunk_size=4, order="c")
    assert {-0.0, 5e-324, 2.0**53} <= set(memory.columns["awkward"].tolist())  # the awkward values occur
    out = tmp_path / f"t{suffix}"
    kwargs: dict = {"workers": 2} if how == "processes" else {}
    if how == "threads":
        with ThreadPoolExecutor(2) as pool:
            streamed = run_sweep(
                awkward, CUBE, description={}, chunk_size=4, order="c", out=out, parts=False, executor=pool
            )
    else:
        streamed = run_sweep(awkward, CUBE, description={}, chunk_size=4, order="c", out=out, parts=False, **kwargs)
    assert streamed.parts is False and streamed.held is None and streamed.summary()["parts"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no parts directory, no temporary file
    assert_same_bits(read_table(out), memory.columns)
    assert_same_bits(streamed.columns, memory.columns)
    with_parts = run_sweep(awkward, CUBE, description={}, chunk_size=4, order="c", out=tmp_path / f"p{suffix}")
    assert with_parts.parts is True
    assert_same_bits(read_table(tmp_path / f"p{suffix}"), memory.columns)


def slow_first_chunk(axes):
    """``cube``, taking its time over the grid's first point (so later chunks finish first)."""
    if axes["a"][0] == 0 and axes["b"][0] == 0 and axes["c"][0] == 0.1:
        time.sleep(0.3)
    return cube(axes)


def test_streamed_chunks_that_finish_early_wait_within_a_bounded_window(tmp_path, monkeypatch):
    from bargainlab.core.sweep import runner

    most = []
    add = runner._TableStream.add

    def counting_add(self, chunk, columns):
        add(self, chunk, columns)
        most.append(len(self.waiting))

    monkeypatch.setattr(runner._TableStream, "add", counting_add)
    with ThreadPoolExecutor(2) as pool:
        result = run_sweep(
            slow_first_chunk, CUBE, description={}, chunk_size=2, order="c", out=tmp_path / "t.csv", parts=False,
            executor=pool,
        )  # fmt: skip
    window = runner.STREAM_WINDOW_PER_WORKER * 2
    assert result.chunks == 18 and 1 <= max(most) <= window  # out of order, never more than the window ahead
    assert_same_bits(read_table(tmp_path / "t.csv"), run_sweep(cube, CUBE, description={}, chunk_size=2).columns)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_an_interrupted_streamed_sweep_leaves_no_output(tmp_path, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")  # the [parquet] extra
    out = tmp_path / f"t{suffix}"

    def stop(progress):
        if progress.chunks_done == 5:
            raise KeyboardInterrupt

    with ThreadPoolExecutor(2) as pool:
        for executor in (None, pool):
            with pytest.raises(SweepInterrupted, match=r"after 5 of 9 chunks; nothing was written to .*t\."):
                run_sweep(
                    awkward, CUBE, description={}, chunk_size=4, order="c", out=out, parts=False, progress=stop,
                    executor=executor,
                )  # fmt: skip
            assert list(tmp_path.iterdir()) == []  # no table, no temporary file, no parts
    out.write_text("an earlier table")  # an existing output stays as it was
    with pytest.raises(SweepInterrupted):
        run_sweep(awkward, CUBE, description={}, chunk_size=4, order="c", out=out, parts=False, progress=stop)
    assert out.read_text() == "an earlier table" and sorted(tmp_path.iterdir()) == [out]


def test_streaming_needs_c_order_chunks_and_no_kept_parts(tmp_path):
    with pytest.raises(InvalidParameterError, match="parts must be True for a sweep in snake order"):
        run_sweep(cube, CUBE, description={}, chunk_size=4, out=tmp_path / "t.csv", parts=False)
    with pytest.raises(InvalidParameterError, match="keep_parts must be used with part files"):
        run_sweep(
            cube, CUBE, description={}, chunk_size=4, order="c", out=tmp_path / "t.csv", parts=False, keep_parts=True
        )
    with pytest.raises(InvalidParameterError, match="parts must be True or False"):
        run_sweep(cube, CUBE, description={}, chunk_size=4, order="c", out=tmp_path / "t.csv", parts="no")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arrow", [True, False])
def test_csv_floats_read_back_bit_for_bit(tmp_path, arrow, monkeypatch):
    """Random bit patterns (every exponent, subnormals), integral floats and -0.0: the CSV text
    reads back to the same doubles, and a column of integral floats stays a float column."""
    from bargainlab.core.sweep import tables

    if arrow:
        pytest.importorskip("pyarrow")
    else:
        monkeypatch.setattr(tables, "_arrow_csv", lambda: None)  # Python's repr
    rng = np.random.default_rng(20261202)
    bits = rng.integers(0, 2**64, 20_000, dtype=np.uint64).view(np.float64)
    subnormal = rng.integers(1, 2**52, 2_000, dtype=np.uint64).view(np.float64)
    finite = np.concatenate([bits[np.isfinite(bits)], subnormal, AWKWARD])[:20_000]
    integral = np.concatenate([rng.integers(-(2**53), 2**53, 10_000).astype(float), [-0.0, 0.0, 1.0] * 100])
    integral = np.resize(integral, len(finite))
    repeated = np.resize(np.array([0.5, -0.0, 1e-300, 7.0]), len(finite))  # few distinct values
    path = write_table(
        {"x": finite, "whole": integral, "few": repeated, "n": np.arange(len(finite))}, tmp_path / "t.csv"
    )
    table = read_table(path)
    for name, column in (("x", finite), ("whole", integral), ("few", repeated)):
        assert table[name].dtype == np.float64 and table[name].tobytes() == column.tobytes(), name
    assert table["n"].dtype == np.int64
    lines = path.read_text().splitlines()
    assert lines[0] == "x,whole,few,n" and all(len(line.split(",")) == 4 for line in lines[1:])


def test_parts_of_an_older_layout_are_refused_as_another_sweeps(tmp_path, monkeypatch):
    from bargainlab.core.sweep import parts

    out, _ = interrupted_parts(tmp_path)
    monkeypatch.setattr(parts, "PARTS_VERSION", parts.PARTS_VERSION + 1)
    with pytest.raises(InvalidParameterError, match="holds chunks of a different sweep"):
        run_sweep(square, GRID, description={"n": 1}, chunk_size=4, out=out)


def fails_at_the_last_point(axes):
    """``cube``, failing on the chunk that holds the grid's last point."""
    if axes["a"][-1] == 1 and axes["b"][-1] == 1 and axes["c"][-1] == 0.3:
        raise ValueError("no answer here")
    return cube(axes)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_failing_streamed_sweep_leaves_no_output(tmp_path, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")  # the [parquet] extra
    with pytest.raises(ValueError, match="no answer here"):
        run_sweep(
            fails_at_the_last_point, CUBE, description={}, chunk_size=4, order="c", out=tmp_path / f"t{suffix}",
            parts=False,
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []
