"""Complete-information benchmarks (Pęski 2024, Section 3.1).

With known values t_1, t_2 the random-proposer bargaining game has a unique equilibrium: the
higher-value player gets the good and player i's payoff is β_i max(t_1, t_2), for every δ < 1
(the proposer offers the responder δ times her continuation value, and the continuation values
β_i max(t_1, t_2) solve v_i = β_i (T - δ v_{-i}) + β_{-i} δ v_i with T = max(t_1, t_2)).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["random_proposer_payoff"]


def random_proposer_payoff(own_value: ArrayLike, other_value: ArrayLike, bargaining_power: ArrayLike) -> np.ndarray:
    """Complete-information random-proposer payoff β_i max(t_i, t_{-i}) (Section 3.1), vectorised.

    Examples
    --------
    >>> float(random_proposer_payoff(0.2, 1.0, 0.25))
    0.25
    """
    return np.asarray(bargaining_power, dtype=float) * np.maximum(own_value, other_value)
