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
# # One-sided bargaining with mechanisms, and the complete-information classics
#
# **One-sided** (Pęski 2022): Alice knows her value u ~ F of a good she owns; Bob's value v is known.
# Each round Alice proposes with probability β, Bob with 1 − β; proposals are mechanisms; payoffs
# are discounted by δ. The unique equilibrium outcome: Bob's payoff is that of a monopolist at the
# price p* maximising R(p) = vF(p) + p(1 − F(p)), scaled by the offers α_A = 1 − δ(1 − β) and
# α_B = δβ.
#
# **Classics** (lecture notes): the random-proposer game, Rubinstein's alternating offers, the
# generalised Nash solution and Nash-in-Nash. Each result shows itself as a table here; `print(result)`
# is the command line's text report and `to_frame()` its data.

# %%
from bargainlab.models import one_sided

out = one_sided.solve("uniform(0, 1)", value_bob=0.2, bargaining_power=0.5, discount=0.9)
out

# %%
round(out.p_star, 9), round(out.bob_payoff, 9), out.offer_alice, out.offer_bob

# %%
# uniform F, v = 0.2: p* = (1 + v)/2 = 0.6, R(p*) = 0.2·0.6 + 0.6·0.4 = 0.36 and Bob gets (1 − β)R(p*)
assert abs(out.p_star - 0.6) < 1e-9 and abs(out.bob_payoff - (1 - 0.5) * 0.36) < 1e-9
assert abs(out.offer_alice - (1 - 0.9 * 0.5)) < 1e-12 and abs(out.offer_bob - 0.9 * 0.5) < 1e-12

# %% [markdown]
# Alice's equilibrium payoff y*_β(u) at any values, and the whole table on the reported grid:

# %%
[round(float(y), 9) for y in out.payoff_alice([0.1, 0.5, 0.8])]

# %%
out.to_frame().iloc[::20]

# %% [markdown]
# A distribution is a name as on the command line (`"beta(2,3)"`, `"truncnorm(-2, 2, loc=0.5,
# scale=0.2)"`), a frozen `scipy.stats` object or a sample of values. The optimal price and the
# neutral condition (whether (u − v)f(u) − (1 − F(u)) is increasing) are results of their own:

# %%
one_sided.optimal_prices("beta(2,3)", value_bob=0.1)

# %%
one_sided.neutral_condition("beta(2,3)", value_bob=0.1)

# %% [markdown]
# Figures are `FigureData`: the matplotlib figure and its data (`.write("payoffs.png")`, `.csv`).

# %%
from bargainlab.viz.one_sided import payoffs_in_u

figure = payoffs_in_u(one_sided.solve("beta(2,3)", value_bob=0.1, bargaining_power=0.5, discount=0.9))
figure.figure

# %% [markdown]
# ## Complete information: the random proposer
#
# Values v (player 1, the owner) and u; player 1 proposes with probability β. With δ < 1 the
# proposer keeps the share of the surplus the other cannot refuse.

# %%
from bargainlab.models.complete_info import random_proposer, random_proposer_backward_induction

rp = random_proposer(0.2, 1.0, bargaining_power=0.25, discount=0.9)
rp

# %% [markdown]
# The closed form against the second method, backward induction over many rounds:

# %%
long = random_proposer_backward_induction(0.2, 1.0, bargaining_power=0.25, discount=0.9, rounds=400)
assert all(abs(a - b) < 1e-9 for a, b in zip(rp.payoffs, long.payoffs))
rp.payoffs, long.payoffs

# %% [markdown]
# ## Rubinstein's alternating offers
#
# Player 1 proposing first gets (1 − δ₂)/(1 − δ₁δ₂) of the pie.

# %%
from bargainlab.models.rubinstein import alternating_offers_backward_induction, rubinstein

r = rubinstein(0.9, 0.8)
assert abs(r.shares[0] - (1 - 0.8) / (1 - 0.9 * 0.8)) < 1e-12
r

# %%
finite = alternating_offers_backward_induction(0.9, 0.8, rounds=500)
[round(x, 9) for x in r.shares], [round(x, 9) for x in finite.shares]

# %% [markdown]
# ## The generalised Nash solution
#
# On a polytope (vertices or inequalities) or a frontier y = g(x); the weight of player 1 is β.

# %%
from bargainlab.models.nash import nash_solution

triangle = nash_solution(vertices=[[0, 0], [2, 0], [0, 1]], bargaining_power=0.5)
assert all(abs(a - b) < 1e-9 for a, b in zip(triangle.point, (1.0, 0.5)))  # maximises x·y on x/2 + y = 1
triangle

# %%
curved = nash_solution(frontier=lambda x: 1 - x**2, domain=(0, 1), bargaining_power=0.5)
assert abs(curved.point[0] ** 2 - 1 / 3) < 1e-7  # maximise x(1 - x²): x² = 1/3
curved

# %% [markdown]
# ## Nash-in-Nash
#
# A network of bilateral agreements, each split by the Nash solution given the others.

# %%
from bargainlab.models.nash_in_nash import Agreement, nash_in_nash

network = nash_in_nash([Agreement("H", "M1", 3, 1), Agreement("H", "M2", 2, 2, 1, 3)])
network

# %%
network.to_frame()
