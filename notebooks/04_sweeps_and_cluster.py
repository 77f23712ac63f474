# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Sweeps: in-process, on local processes and on a Dask cluster
#
# `bl.sweep` evaluates the two-sided model over a grid of any parameters (axes named by their
# Python names, as in `bl.two_sided_environment`) and returns one table, one row per point.
# The same sweep runs in-process, on local worker processes (`workers=N`) or on any executor, such
# as a Dask cluster's; with `out=` it is written chunk by chunk and resumes after an interruption.
# See `docs/performance.md` for the details and the benchmarks.
#
# In a script, a sweep with `workers=` must sit under `if __name__ == "__main__":` (the worker
# processes import the main module); in a notebook it needs nothing more.

# %%
import bargainlab as bl

result = bl.sweep(
    {"prior1": "0:1:41", "prior2": "0:1:41"},  # axes: the first varies slowest
    values1=[0, 0.5],
    values2=[0.5, 1],
    bargaining_power=0.5,  # fixed parameters
)
result

# %%
table = result.to_frame()
table.head()

# %% [markdown]
# Two types each: the closed forms (Propositions 1–2) are used and the largest gap is 6.25% of the
# highest value, attained at p₁ = p₂ = ½ for these values (Section 4).

# %%
largest = table.loc[table["gap"].idxmax()]
assert abs(largest["gap"] - 0.0625) < 1e-9
largest

# %% [markdown]
# The parameters and the grid travel with the result (and into its JSON and files):

# %%
result.parameters

# %% [markdown]
# ## An LP sweep on two local worker processes
#
# Three types for player 1: every point is an interim LP. `workers=2` starts a pool of two
# processes; each chunk of the grid is solved in one of them.

# %%
lp_sweep = bl.sweep(
    {"bargaining_power": "0.1:0.9:9", "prior2": "0.2:0.8:7"},
    values1=[0, 0.4, 0.8],
    values2=[0.3, 1.0],
    prior1=[0.3, 0.3, 0.4],
    quantities=["ex_ante_payoff", "gap", "gap_player", "method"],
    workers=2,
    chunk_size=16,
)
lp_sweep.to_frame().pivot(index="bargaining_power", columns="prior2", values="gap").round(4)

# %% [markdown]
# The in-process run gives the same table (the LP is the same; chunks only change who solves it):

# %%
same = bl.sweep(
    {"bargaining_power": "0.1:0.9:9", "prior2": "0.2:0.8:7"},
    values1=[0, 0.4, 0.8],
    values2=[0.3, 1.0],
    prior1=[0.3, 0.3, 0.4],
    quantities=["ex_ante_payoff", "gap", "gap_player", "method"],
)
assert (abs(same.to_frame()["gap"] - lp_sweep.to_frame()["gap"]) < 1e-9).all()

# %% [markdown]
# ## Written to a file, resumable
#
# With `out=`, the table is written atomically (an interrupted run leaves no half-written file).
# A closed-form sweep streams each chunk straight into the table: computing a chunk again costs
# less than keeping it. An LP sweep (or `parts=True`, `--parts`) keeps finished chunks in verified
# part files next to the file until the table is written; running the same sweep again reuses
# them. `summary()["parts"]` says which was used. A `.csv` needs nothing more (pyarrow, if
# installed, formats it faster); `.parquet` needs pyarrow.

# %%
written = bl.sweep(
    {"prior1": "0:1:21", "prior2": "0:1:21"},
    values1=[0, 0.5],
    values2=[0.5, 1],
    bargaining_power=0.5,
    out="gap.csv",
)
assert written.summary()["parts"] is False  # closed form: streamed, no part files
resumable = bl.sweep(
    {"bargaining_power": "0.1:0.9:9", "prior2": "0.2:0.8:7"},
    values1=[0, 0.4, 0.8],
    values2=[0.3, 1.0],
    prior1=[0.3, 0.3, 0.4],
    out="gap3.csv",
)
assert resumable.summary()["parts"] is True  # LP: part files until the table was written
written.summary()

# %% [markdown]
# ## On a Dask cluster
#
# Any `concurrent.futures.Executor` runs the chunks; a Dask client's `get_executor()` sends them
# to a cluster. Here a small local cluster (one worker process, one thread) stands in for a real
# one: against a remote scheduler use `distributed.Client("tcp://scheduler:8786")` (the workers
# need bargainlab installed), or `bargainlab sweep two-sided --scheduler ADDRESS` from the shell.

# %%
try:
    from distributed import Client, LocalCluster
except ImportError:  # pip install "bargainlab[distributed]"
    Client = LocalCluster = None

if LocalCluster is not None:
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            on_dask = bl.sweep(
                {"prior1": "0:1:11", "prior2": "0:1:11"},
                values1=[0, 0.5],
                values2=[0.5, 1],
                bargaining_power=0.5,
                executor=client.get_executor(),
                chunk_size=32,
            )
    assert abs(on_dask.to_frame()["gap"].max() - 0.0625) < 1e-9
    display(on_dask)  # noqa: F821 (IPython's display)
