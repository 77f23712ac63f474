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
# # Two-sided bargaining with mechanisms, end to end
#
# Pęski (2024), *Bargaining with mechanisms: two-sided incomplete information*. Two players bargain
# over one good; each has two (or more) privately known values; in every period a proposer (player 1
# with probability β) offers a mechanism. The results:
#
# - **floors** (Theorem 2): every type gets at least its random monopoly payoff β_i M_i(t_i);
# - **the gap** (Theorem 3): as δ → 1 the player with the lower low value gets, ex ante, the whole
#   gap between the interim-efficient frontier and the floors, eqs. (4.1)–(4.2);
# - **closed forms** (Propositions 1–2) for two types each, checked against the interim LP.
#
# This notebook builds an environment, solves it, reads every number of the answer, draws the
# figures and checks the paper's claims. Each result displays itself as a table in the notebook;
# `print(result)` gives the same report as `bargainlab solve two-sided`.

# %%
import bargainlab as bl

env = bl.two_sided_environment([0, 0.5], [0.5, 1], prior1=0.5, prior2=0.5, bargaining_power=0.5)
env

# %% [markdown]
# Values are increasing lists; a prior is one probability per value, or, for two values, the
# probability of the high type. `bargaining_power` is β (player 1's probability of proposing) and
# `discount` is δ (1 stands for the limit δ → 1). A wrong input is refused with a message naming it:

# %%
try:
    bl.two_sided_environment([0, 0.5], [0.5, 1], prior1=1.5, prior2=0.5, bargaining_power=0.5)
except bl.InvalidParameterError as error:
    print(error.key, "->", error)

# %% [markdown]
# ## Solve
#
# `solve` computes E(p, β) with the interim LP (the arbiter), the floors and, through secondary LPs
# on the optimal face, the range of every payoff, transfer and allocation over all optimal solutions.

# %%
out = bl.two_sided.solve(env)
out

# %%
print(out.gap_player, round(out.ex_ante_payoff, 6), round(out.gap, 6), round(out.gap_share, 6))
assert out.gap_player == 1 and abs(out.gap - 0.0625) < 1e-9  # Proposition 2: Gap = 1/16 here

# %% [markdown]
# The tables of the report are data: `to_frame()` gives the result's table (payoffs by type, with
# ranges) as a pandas DataFrame and `to_dict()` the JSON that `bargainlab solve two-sided --json`
# prints (keys are the Python names).

# %%
out.to_frame()

# %%
record = out.to_dict()
record["model"], record["parameters"], sorted(record)[:8]

# %% [markdown]
# The closed form of Proposition 2 is computed at every solve and compared with the LP:

# %%
out.closed_form.case, out.closed_form.difference

# %% [markdown]
# `gap` alone uses the closed form where it applies (two types each) and the LP otherwise; it is
# the fast path for many belief points.

# %%
bl.two_sided.gap(env)

# %% [markdown]
# ## Over beliefs, β and δ
#
# The curves and maps are results too: each has its table (`to_frame()`) and a figure function in
# `bargainlab.viz.two_sided` returning a `FigureData` (the matplotlib figure and its data columns;
# `.write("gap.png")`, `.svg`, `.csv`).

# %%
from bargainlab.models.two_sided.curves import belief_map, beta_curve

gap_over_beliefs = belief_map(env, resolution=41)
gap_over_beliefs

# %%
gap_over_beliefs.to_frame().sort_values("gap", ascending=False).head()

# %%
beta_curve(env, points=21).to_frame().head()

# %%
from bargainlab.viz.two_sided import draw_gap_map

figure = draw_gap_map(gap_over_beliefs)
figure.figure

# %% [markdown]
# ## Mechanisms a¹(x), a²(x) at a belief point (Tables 1–4)

# %%
from bargainlab.models.two_sided.closed_form import BinaryValues
from bargainlab.models.two_sided.mechanisms import a1, a2

values = BinaryValues(l1=0.1, h1=0.7, l2=0.4, h2=1.0)
a2(values, prior1=0.2, prior2=0.8, share=0.5)

# %%
a1(values, prior1=0.9, prior2=0.8, share=0.5).zone

# %% [markdown]
# ## More than two types
#
# The same program is solved; the answer says where the theory is open.

# %%
env3 = bl.two_sided_environment([0, 0.4, 0.8], [0.3, 1.0], prior1=[0.3, 0.3, 0.4], prior2=0.6, bargaining_power=0.5)
out3 = bl.two_sided.solve(env3)
round(out3.gap, 6), out3.theory

# %% [markdown]
# Curves beyond two types solve one LP per point. Long computations take a `progress(done, total)`
# callback; `ProgressBar` is bargainlab's one bar: a widget in a notebook (a text bar without
# ipywidgets), a bar in a terminal, plain lines in a log file.

# %%
from bargainlab.core.progress import ProgressBar
from bargainlab.models.two_sided.curves import payoff_lines

lines3 = payoff_lines(env3, vary=2, points=21, progress=ProgressBar("payoff lines", unit="point"))
lines3.to_frame().head()

# %% [markdown]
# ## A certificate of the paper's claims
#
# `run_checks` draws random environments and checks every computable claim (Propositions 1–2,
# Theorem 3, Lemma 5, eqs. (5.1)–(5.2)) against the LP; `bargainlab check two-sided` runs the same.

# %%
from bargainlab.models.two_sided.certificate import run_checks

certificate = run_checks(samples=5, seed=1)
certificate

# %% [markdown]
# Every claim the theory proves passes. The claims that fail are printed statements the library
# found false (the convexity of a²'s payoffs in Lemma 5's last sentence and Section 5.5): they are
# recorded, with the counterexample and the correction, as erratum E8 in `docs/errata.md`.

# %%
table = certificate.to_frame()
failed = table[table["status"] == "FAIL"]
assert certificate.unexpected_failure_count == 0 and set(failed["erratum"]) == {"E8"}
failed[["claim", "source", "worst", "verdict", "erratum"]]
