"""Hypothesis strategies for environments used across the test-suite."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from bargainlab.core.environment import two_sided_environment

#: Smallest distance between two distinct drawn values (keeps thresholds well conditioned).
MIN_SEPARATION = 1e-3

#: Drawn values below this are 0 (a safe margin above MIN_VALUE_RATIO for values in [0, 1]).
TINY_VALUE = 1e-6

probability = st.floats(0.0, 1.0, allow_nan=False)
interior_probability = st.floats(0.01, 0.99, allow_nan=False)


@st.composite
def separated_values(draw, n: int, low: float = 0.0, high: float = 1.0) -> list[float]:
    """n sorted values in [low, high], pairwise at least MIN_SEPARATION apart; a value below
    TINY_VALUE is 0 (two-sided computations reject positive values below MIN_VALUE_RATIO times
    the largest value, which is at most 1 here)."""
    raw = sorted(draw(st.lists(st.floats(low, high, allow_nan=False), min_size=n, max_size=n)))
    out: list[float] = []
    for value in raw:
        if 0 < value < TINY_VALUE:
            value = 0.0
        if out and value < out[-1] + MIN_SEPARATION:
            value = out[-1] + MIN_SEPARATION
        out.append(value)
    return out


@st.composite
def binary_environment(draw, ordering: str | None = None, interior: bool = False):
    """A binary environment in the theory's labels for the given ordering of the four values.

    ``ordering`` is ``"prop1"`` (l1 < l2 < h1 < h2), ``"prop2"`` (l1 < h1 < l2 < h2),
    ``"h1>h2"`` (l1 < l2, h2 < h1) or ``None`` (any values, any labelling).
    """
    p = interior_probability if interior else probability
    if ordering is None:
        v1 = draw(separated_values(2))
        v2 = draw(separated_values(2))
        return two_sided_environment(v1, v2, draw(p), draw(p), draw(p))
    a, b, c, d = draw(separated_values(4))
    if ordering == "prop1":
        l1, l2, h1, h2 = a, b, c, d
    elif ordering == "prop2":
        l1, h1, l2, h2 = a, b, c, d
    elif ordering == "h1>h2":
        l1, l2, h2, h1 = a, b, c, d
    else:  # pragma: no cover - test misuse
        raise ValueError(ordering)
    return two_sided_environment([l1, h1], [l2, h2], draw(p), draw(p), draw(p))


@st.composite
def finite_environment(draw, max_types: int = 4, well_conditioned: bool = False):
    """Any numbers of types (1..max_types each), random priors (zeros allowed), any β.

    ``well_conditioned`` keeps every non-zero probability and every non-zero value at least
    MIN_SEPARATION (relative to the largest value) away from 0: quantities whose welfare weight
    is below the solver's tolerances (a value of 1e-9 times a probability of 1e-9) are not
    identifiable numerically, so claims about exact ranges are tested on such draws.
    """
    n1 = draw(st.integers(1, max_types))
    n2 = draw(st.integers(1, max_types))
    v1 = draw(separated_values(n1))
    v2 = draw(separated_values(n2))
    if well_conditioned:
        top = max(v1[-1], v2[-1], MIN_SEPARATION)
        v1, v2 = ([v if v == 0 or v >= MIN_SEPARATION * top else MIN_SEPARATION * top for v in vs] for vs in (v1, v2))
        v1, v2 = sorted(set(v1)), sorted(set(v2))
        n1, n2 = len(v1), len(v2)

    def prior(n: int) -> list[float]:
        weights = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)))
        if well_conditioned:
            weights = np.where(weights < 0.05, 0.0, weights)
        if weights.sum() <= 0:
            weights = np.ones(n)
        return list(weights / weights.sum())

    return two_sided_environment(v1, v2, prior(n1), prior(n2), draw(probability))
