"""One-sided bargaining with mechanisms (Pęski 2022) and the two-type property-rights result.

* :func:`solve` — the equilibrium at one parameter point (p*, offers, payoffs, efficiency,
  the neutral-solution condition);
* :mod:`.price`, :mod:`.menu`, :mod:`.neutral` — Bob's optimal price, the property-rights menu
  Y_{α,p*}, the neutral-solution condition;
* :mod:`.lp` — the second method: Bob's best mechanism by LP over discretised types;
* :mod:`.two_types` — the slides' two-type, two-sided β-random property rights.

Alice's distribution is read by :func:`bargainlab.core.inputs.as_distribution` (a name, a frozen
``scipy.stats`` object, a :class:`~bargainlab.core.distributions.Distribution` or a sample);
the offers α_A, α_B are :func:`bargainlab.models.complete_info.offer_shares`.
"""

from bargainlab.models.complete_info import offer_shares
from bargainlab.models.one_sided.menu import PropertyRightsMenu, alice_menu_payoff, property_rights_menu
from bargainlab.models.one_sided.neutral import NeutralConditionResult, neutral_condition
from bargainlab.models.one_sided.outcome import NonUniquePriceWarning, OneSidedOutcome, solve
from bargainlab.models.one_sided.price import OptimalPriceResult, monopoly_revenue, optimal_prices

__all__ = [
    "NeutralConditionResult",
    "NonUniquePriceWarning",
    "OneSidedOutcome",
    "OptimalPriceResult",
    "PropertyRightsMenu",
    "alice_menu_payoff",
    "monopoly_revenue",
    "neutral_condition",
    "offer_shares",
    "optimal_prices",
    "property_rights_menu",
    "solve",
]
