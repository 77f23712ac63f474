"""bargainlab: compute, check and see bargaining outcomes under incomplete information.

The centre is Pęski's *bargaining with mechanisms* with two-sided private values: each type
gets at least its random monopoly payoff (Theorem 2) and, as δ → 1, the player with the lower
low value gets the whole gap to the interim-efficient frontier (Theorem 3).

``import bargainlab`` is quick: the names below are loaded on first use (PEP 562), so that a
script using one model does not import the others (nor SciPy's statistics, pandas or plotting).

Examples
--------
>>> import bargainlab as bl
>>> env = bl.two_sided_environment([0, 0.5], [0.5, 1], prior1=0.5, prior2=0.5, bargaining_power=0.5)
>>> out = bl.two_sided.solve(env)
>>> round(out.gap, 6), out.gap_player
(0.0625, 1)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bargainlab._version import __version__
from bargainlab.errors import BargainlabError, InvalidParameterError, SolverError

if TYPE_CHECKING:  # the lazy names, for type checkers and IDEs
    from bargainlab.core.environment import TwoSidedEnvironment, TypeSpace, two_sided_environment
    from bargainlab.core.monopoly import monopoly_payoff, monopoly_prices, random_monopoly_payoffs
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

#: Lazy public names: name -> (module, attribute; ``None`` for the module itself).
_LAZY: dict[str, tuple[str, str | None]] = {
    "TwoSidedEnvironment": ("bargainlab.core.environment", "TwoSidedEnvironment"),
    "TypeSpace": ("bargainlab.core.environment", "TypeSpace"),
    "two_sided_environment": ("bargainlab.core.environment", "two_sided_environment"),
    "monopoly_payoff": ("bargainlab.core.monopoly", "monopoly_payoff"),
    "monopoly_prices": ("bargainlab.core.monopoly", "monopoly_prices"),
    "random_monopoly_payoffs": ("bargainlab.core.monopoly", "random_monopoly_payoffs"),
    "two_sided": ("bargainlab.models.two_sided", None),
    "sweep": ("bargainlab.models.two_sided.sweep", "sweep"),
    "one_sided": ("bargainlab.models.one_sided", None),
    "bilateral_trade": ("bargainlab.models.bilateral_trade", None),
    "double_auction": ("bargainlab.models.double_auction", None),
    "loertscher_marx": ("bargainlab.models.loertscher_marx", None),
    "sequential": ("bargainlab.models.sequential", None),
}

#: Subpackages reachable as attributes (``bl.core.sweep``) before anything imported them.
_SUBPACKAGES = ("app", "cli", "core", "models", "report", "viz", "tolerances")


def __getattr__(name: str) -> Any:
    """Load a lazy public name (or a subpackage) on first use, then keep it here."""
    if name in _LAZY:
        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attribute is None else getattr(module, attribute)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_SUBPACKAGES))
