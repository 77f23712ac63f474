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
# # Bilateral trade and Cramton's sequential mechanisms
#
# A seller with cost s ~ F and a buyer with value b ~ G, both private. Myerson and Satterthwaite:
# no mechanism is efficient, incentive compatible, individually rational and balanced when the
# supports overlap. bargainlab computes the deficit of the efficient mechanism, the second best
# (the Lagrangian virtual values), posted prices, the k-double auction, Loertscher–Marx markets
# and Cramton's (1985) sequential mechanisms, where delay, not probability, screens the types.
#
# Distributions are names as on the command line (`"uniform"`, `"beta(2,3)"`), frozen `scipy.stats`
# objects or samples. Each result displays as a table; `to_frame()` gives its data.

# %%
from bargainlab.models import bilateral_trade as bt

ms = bt.myerson_satterthwaite("uniform", "uniform")
ms

# %%
# uniform on [0, 1]: the efficient VCG mechanism loses E[(b - s)+] = 1/6 (the whole surplus)
assert ms.impossible and abs(ms.deficit_efficient - 1 / 6) < 1e-9
ms.impossible, ms.deficit_efficient

# %% [markdown]
# ## The second best
#
# For uniform types the second best is the linear equilibrium of the ½-double auction: trade iff
# b − s ≥ 1/4, surplus 9/64, the multiplier λ/(1 + λ) = 1/3 (Myerson–Satterthwaite 1983).

# %%
sb = bt.second_best("uniform", "uniform")
assert abs(sb.surplus - 9 / 64) < 1e-9 and abs(sb.multiplier - 1 / 3) < 1e-9
sb

# %% [markdown]
# The interim LP on a grid of types is the second method: its optimum tends to 9/64 as the grid
# is refined (a discrete grid has slightly more room, so it is a little above).

# %%
for types in (20, 40, 80):
    lp = bt.second_best("uniform", "uniform", method="lp", types=types)
    print(types, round(lp.surplus, 5), f"{lp.surplus - 9 / 64:+.5f}")

# %% [markdown]
# Posted prices: the best one for uniform types is ½ with surplus 1/8.

# %%
best = bt.best_posted_price("uniform", "uniform")
assert abs(best.price - 0.5) < 1e-6 and abs(best.surplus - 1 / 8) < 1e-9
best

# %%
from bargainlab.viz.bilateral import trade_region_figure

trade_region_figure(sb, best).figure

# %% [markdown]
# ## The k-double auction
#
# Chatterjee–Samuelson's linear equilibrium, checked by a best-response computation on a grid
# (the second method): truthful bidding is not an equilibrium, the linear strategies are.

# %%
from bargainlab.models.double_auction import best_response_check, linear_equilibrium

eq = linear_equilibrium(0.5)
eq

# %%
truthful = best_response_check(0.5, lambda v: v, lambda c: c)
assert not truthful.is_equilibrium
truthful.is_equilibrium

# %% [markdown]
# ## Loertscher–Marx: markets with several traders
#
# The weighted mechanism (a Monte-Carlo expectation over `samples` draws; a seed makes it
# reproducible) never beats the first best, and its multiplier is at least 1.

# %%
from bargainlab.models.loertscher_marx import weighted_mechanism

market = weighted_mechanism("uniform", "uniform", n_sellers=2, n_buyers=3, buyer_weights=0.5, samples=2**12)
assert market.lagrange_multiplier >= 1.0 and market.surplus <= market.first_best_surplus
market

# %% [markdown]
# ## Cramton's sequential mechanisms
#
# Trade at a date t(s, b); the seller discounts at rate r, the buyer at σ. The optimal mechanism
# trades at once when the virtual surplus is high enough and delays otherwise; as σ/r → 0 the
# efficiency tends to 1, and at σ = r it is the static second best (Figures 8.1–8.2).

# %%
from bargainlab.models import sequential as sq

cramton = sq.solve("uniform", "uniform", seller_rate=2.0, buyer_rate=1.0)
cramton

# %% [markdown]
# Two methods agree: the quadrature solve above and the closed form for uniform types at
# σ/r = 1/2.

# %%
closed = sq.uniform_closed_form(0.5)
assert abs(cramton.m - closed.m) < 1e-6
round(cramton.m, 6), round(closed.m, 6)

# %%
curve = sq.ratio_curve([0.05, 0.1, 0.25, 0.5, 0.75, 1.0])
table = curve.to_frame()
# at σ = r the static second best: m = 1/4 and efficiency 27/32 (= (9/64)/(1/6))
assert abs(table["m"].iloc[-1] - 0.25) < 1e-9 and abs(table["efficiency"].iloc[-1] - 27 / 32) < 1e-9
table

# %%
from bargainlab.viz.sequential import figure_8_2

figure_8_2(sq.ratio_curve([0.02 * k for k in range(1, 51)])).figure
