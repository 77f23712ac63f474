"""bargainlab: compute, check and see bargaining outcomes under incomplete information.

The centre is Pęski's *bargaining with mechanisms* with two-sided private values: each type
gets at least its random monopoly payoff (Theorem 2) and, as δ → 1, the player with the lower
low value gets the whole gap to the interim-efficient frontier (Theorem 3).

Examples
--------
>>> import bargainlab as bl
>>> env = bl.two_sided_environment([0, 0.5], [0.5, 1], prior1=0.5, prior2=0.5, bargaining_power=0.5)
>>> out = bl.two_sided.solve(env)
>>> round(out.gap, 6), out.gap_player
(0.0625, 1)
"""

from bargainlab._version import __version__
from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace, two_sided_environment
from bargainlab.core.monopoly import monopoly_payoff, monopoly_prices, random_monopoly_payoffs
from bargainlab.errors import BargainlabError, InvalidParameterError, SolverError
from bargainlab.models import bilateral_trade, double_auction, loertscher_marx, one_sided, sequential, two_sided
from bargainlab.models.two_sided.sweep import sweep

__all__ = [
    "BargainlabError",
    "InvalidParameterError",
    "SolverError",
    "TwoSidedEnvironment",
    "TypeSpace",
    "two_sided_environment",
    "monopoly_payoff",
    "monopoly_prices",
    "random_monopoly_payoffs",
    "two_sided",
    "sweep",
    "one_sided",
    "bilateral_trade",
    "double_auction",
    "loertscher_marx",
    "sequential",
    "__version__",
]
