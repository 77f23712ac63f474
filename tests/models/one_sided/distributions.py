"""Hypothesis strategies for Alice's value distributions F (one-sided model tests)."""

from __future__ import annotations

import numpy as np
import scipy.stats
from hypothesis import strategies as st

from bargainlab.core.distributions import Distribution


@st.composite
def scipy_distribution(draw) -> Distribution:
    """beta, uniform, triangular or truncated normal on a random interval of [0, 2]."""
    kind = draw(st.sampled_from(["beta", "uniform", "triang", "truncnorm"]))
    low = draw(st.floats(0.0, 1.0))
    width = draw(st.floats(0.1, 1.0))
    if kind == "beta":
        a, b = draw(st.floats(1.0, 6.0)), draw(st.floats(1.0, 6.0))
        frozen = scipy.stats.beta(a, b, loc=low, scale=width)
    elif kind == "uniform":
        frozen = scipy.stats.uniform(low, width)
    elif kind == "triang":
        frozen = scipy.stats.triang(draw(st.floats(0.0, 1.0)), loc=low, scale=width)
    else:
        mean, sd = draw(st.floats(0.0, 1.0)), draw(st.floats(0.1, 0.6))
        frozen = scipy.stats.truncnorm(-mean / sd, (1 - mean) / sd, loc=low + mean * width, scale=sd * width)
    return Distribution.from_scipy(frozen)


@st.composite
def sample_distribution(draw) -> Distribution:
    """An empirical distribution from 5 to 40 draws of a beta distribution."""
    size = draw(st.integers(5, 40))
    seed = draw(st.integers(0, 2**31 - 1))
    a, b = draw(st.floats(0.5, 5.0)), draw(st.floats(0.5, 5.0))
    return Distribution.from_sample(np.random.default_rng(seed).beta(a, b, size=size))


any_distribution = st.one_of(scipy_distribution(), sample_distribution())


def two_bump_distribution() -> Distribution:
    """Density 10 on [0.3, 0.35] and on [0.6, 0.65] (half the mass each), zero in between.

    With v = 0, R(0.3) = 0.3 (everyone buys) and R(0.6) = 0.6 / 2 = 0.3 (the upper half buys):
    two maximisers, p* ∈ {0.3, 0.6}.
    """

    def pdf(x):
        return 10.0 if (0.3 <= x <= 0.35 or 0.6 <= x <= 0.65) else 0.0

    def cdf(x):
        return float(np.clip((x - 0.3) * 10, 0, 0.5) + np.clip((x - 0.6) * 10, 0, 0.5))

    return Distribution.from_functions(cdf, pdf, 0.3, 0.65, name="two bumps")


def flat_revenue_distribution() -> Distribution:
    """F(p) = 1 - 0.25/p on [0.25, 0.5] (so p (1 - F(p)) = 0.25 there), then linear up to 1 at 0.9.

    With v = 0, R(p) = 0.25 on the whole stretch [0.25, 0.5] and falls after: every price in
    [0.25, 0.5] is optimal.
    """

    def cdf(x):
        if x <= 0.25:
            return 0.0
        if x <= 0.5:
            return 1.0 - 0.25 / x
        return min(1.0, 0.5 + 0.5 * (x - 0.5) / 0.4)

    def pdf(x):
        if 0.25 <= x <= 0.5:
            return 0.25 / x**2
        return 1.25 if 0.5 < x <= 0.9 else 0.0

    return Distribution.from_functions(cdf, pdf, 0.25, 0.9, name="flat revenue")
