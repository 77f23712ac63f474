"""Two-sided incomplete information with two common types (Pęski 2022, last slides).

Both players' values lie in {u_l, u_h} (u_l < u_h); player i is of the high type with
probability p_i (beliefs F_i ∈ Δ{u_l, u_h}); β_1 + β_2 = 1 are the proposer probabilities.
The *β-random property rights* mechanism: with probability β_i player i gets the good and may
offer to sell it at the price u_h. The slides state that it is ex post efficient and that, when
all α-random property-rights mechanisms can be offered, the unique equilibrium payoffs are as if
it were implemented.

The owner's offer at u_h is accepted by a high type (indifferent; accepting is the tie-break
that makes the allocation efficient) and refused by a low type, so type t_i of player i gets

    β_i [p_{-i} u_h + (1 - p_{-i}) t_i]    (own the good, sell at u_h to a high type)

and nothing when the other player owns it (a low type does not buy; a high type buys at her
value). This equals the random monopoly payoff β_i M_i(t_i; p_{-i}) of Pęski (2024) with
l_1 = l_2 = u_l and h_1 = h_2 = u_h, where that paper's gap is zero — checked against the
two-sided LP in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bargainlab.core.inputs import number, probability
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError

__all__ = ["TwoTypePropertyRightsOutcome", "property_rights_two_types"]


@dataclass(frozen=True, repr=False)
class TwoTypePropertyRightsOutcome(Result):
    """Outcome of the β-random property-rights mechanism with two common types.

    Attributes
    ----------
    values
        (u_l, u_h).
    priors
        (p_1, p_2), the probabilities of the high type.
    bargaining_power
        β = β_1.
    payoffs
        ``payoffs[i][k]``: player i+1's interim payoff with type values[k].
    allocation
        ``allocation[i][a][b]``: probability that player i+1 ends with the good when player 1 has
        type a and player 2 type b (0 = low, 1 = high).
    transfers
        ``transfers[i][k]``: player i+1's expected transfer with type values[k].
    ex_post_efficient
        Whether the good always ends with a player of the highest value.
    method
        ``"closed_form"``.
    """

    model: ClassVar[str] = "two-type-property-rights"
    hidden_fields: ClassVar[tuple[str, ...]] = ("values", "priors", "bargaining_power")

    values: tuple[float, float]
    priors: tuple[float, float]
    bargaining_power: float
    payoffs: tuple[tuple[float, float], tuple[float, float]]
    allocation: tuple[tuple[tuple[float, float], tuple[float, float]], tuple[tuple[float, float], tuple[float, float]]]
    transfers: tuple[tuple[float, float], tuple[float, float]]
    ex_post_efficient: bool
    method: str = "closed_form"

    @property
    def parameters(self) -> dict[str, float]:
        """The inputs under their Python names."""
        return {
            "low": self.values[0],
            "high": self.values[1],
            "prior1": self.priors[0],
            "prior2": self.priors[1],
            "bargaining_power": self.bargaining_power,
        }


def property_rights_two_types(
    low: float, high: float, prior1: float, prior2: float, bargaining_power: float
) -> TwoTypePropertyRightsOutcome:
    """Payoffs, allocation and transfers of the β-random property-rights mechanism.

    Parameters
    ----------
    low, high
        The common types u_l < u_h.
    prior1, prior2
        Probabilities p_1, p_2 that player 1, 2 is of the high type.
    bargaining_power
        β = β_1 ∈ [0, 1].

    Returns
    -------
    TwoTypePropertyRightsOutcome
        Interim payoffs (low type, high type) of each player, the allocation and the transfers.

    Examples
    --------
    >>> out = property_rights_two_types(0.0, 1.0, 0.5, 0.5, 0.5)
    >>> out.payoffs
    ((0.25, 0.5), (0.25, 0.5))
    """
    u_l, u_h = number(low, "low"), number(high, "high")
    if not u_l < u_h:
        raise InvalidParameterError("high", u_h, f"a value above low = {u_l:g}")
    p = (probability(prior1, "prior1"), probability(prior2, "prior2"))
    beta = probability(bargaining_power, "bargaining_power", label="bargaining_power (β)")
    shares = (beta, 1.0 - beta)
    values = np.array([u_l, u_h])
    # own[i][a][b]: P(player i ends with the good | player i owns it, types a (player 1), b (player 2))
    # the owner keeps the good unless the other is of the high type (who buys at u_h)
    allocation = np.zeros((2, 2, 2))
    transfers = np.zeros((2, 2))
    payoffs = np.zeros((2, 2))
    for i in range(2):
        j = 1 - i
        for a in range(2):
            for b in range(2):
                own_type, other_type = (a, b) if i == 0 else (b, a)
                keeps_if_owner = 0.0 if other_type == 1 else 1.0
                buys_if_other_owns = 1.0 if own_type == 1 else 0.0
                allocation[i, a, b] = shares[i] * keeps_if_owner + shares[j] * buys_if_other_owns
        for k in range(2):
            q_other_high = p[j]
            sold = shares[i] * q_other_high * u_h  # as owner, sells to a high type at u_h
            bought = shares[j] * (u_h if k == 1 else 0.0)  # a high type buys from the owner at u_h
            transfers[i, k] = sold - bought
            own_prob = shares[i] * (1 - q_other_high) + shares[j] * (1.0 if k == 1 else 0.0)
            payoffs[i, k] = own_prob * values[k] + transfers[i, k]
    efficient = all(
        abs(allocation[0, a, b] + allocation[1, a, b] - 1.0) < 1e-12
        and (values[a] >= values[b] or allocation[0, a, b] < 1e-12)
        and (values[b] >= values[a] or allocation[1, a, b] < 1e-12)
        for a in range(2)
        for b in range(2)
    )

    def pair(x: np.ndarray) -> tuple[float, float]:
        return float(x[0]), float(x[1])

    return TwoTypePropertyRightsOutcome(
        values=(u_l, u_h),
        priors=p,
        bargaining_power=beta,
        payoffs=(pair(payoffs[0]), pair(payoffs[1])),
        allocation=tuple(tuple(pair(allocation[i, a]) for a in range(2)) for i in range(2)),  # type: ignore[arg-type]
        transfers=(pair(transfers[0]), pair(transfers[1])),
        ex_post_efficient=bool(efficient),
    )
