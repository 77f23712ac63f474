"""One-sided bargaining with mechanisms (Pęski 2022) and the two-type property-rights result.

* :func:`solve` — the equilibrium at one parameter point (p*, offers, payoffs, efficiency,
  the neutral-solution condition);
* :mod:`.price`, :mod:`.menu`, :mod:`.neutral` — Bob's optimal price, the property-rights menu
  Y_{α,p*}, the neutral-solution condition;
* :mod:`.lp` — the second method: Bob's best mechanism by LP over discretised types;
* :mod:`.two_types` — the slides' two-type, two-sided β-random property rights.
"""

from bargainlab.models.one_sided.menu import PropertyRightsMenu, alice_menu_payoff, property_rights_menu
from bargainlab.models.one_sided.neutral import NeutralCondition, neutral_condition
from bargainlab.models.one_sided.outcome import (
    NonUniquePriceWarning,
    OneSidedOutcome,
    as_distribution,
    offer_shares,
    solve,
)
from bargainlab.models.one_sided.price import OptimalPrice, monopoly_revenue, optimal_prices

__all__ = [
    "NeutralCondition",
    "NonUniquePriceWarning",
    "OneSidedOutcome",
    "OptimalPrice",
    "PropertyRightsMenu",
    "alice_menu_payoff",
    "as_distribution",
    "monopoly_revenue",
    "neutral_condition",
    "offer_shares",
    "optimal_prices",
    "property_rights_menu",
    "solve",
]
