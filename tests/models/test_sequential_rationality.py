"""Cramton (1985), Lemmas 5–6 and Corollary 1: sequential rationality of the ex ante efficient mechanism."""

from __future__ import annotations

import pytest

from bargainlab.errors import InvalidParameterError
from bargainlab.models.sequential_rationality import (
    check_sequential_rationality,
    excluded_probability_monte_carlo,
)


@pytest.mark.parametrize("r, sigma", [(1.0, 1.0), (1.0, 3.0), (2.0, 1.0), (5.0, 1.0)])
def test_uniform_closed_forms(r, sigma):
    """Uniform [0,1]: r <= σ, static p_a = 1{s < b − 1/4}: N is the strip b − 1/4 <= s < b, mass 1/2 − (3/4)²/2 = 7/32
    (Section 8.5); r > σ: p_a = 0 iff d(b, a) = (1 + a)b − a <= 0, i.e. b <= m = a/(1 + a)."""
    out = check_sequential_rationality("uniform", "uniform", r, sigma)
    expected = 7 / 32 if r <= sigma else out.multiplier / (1 + out.multiplier)
    assert out.excluded_after_end == pytest.approx(expected, abs=1e-6)
    assert out.hypotheses and not out.sequentially_rational
    if r > sigma:
        assert 0.0 < expected < 0.25  # m rises to 1/4 as σ/r → 1 (Figure 8.1)


def test_lemma_6_set_is_empty_when_r_below_sigma():
    """Erratum C6: B of Lemma 6 is empty for r < σ, so Corollary 1 does not apply; the mechanism still fails."""
    out = check_sequential_rationality("uniform", "uniform", 1.0, 2.0)
    assert out.excluded_lemma_6 == 0.0 and not out.corollary_1_applies
    assert out.excluded_after_end == pytest.approx(7 / 32, abs=1e-6) and not out.sequentially_rational
    equal = check_sequential_rationality("uniform", "uniform", 1.0, 1.0)
    assert equal.corollary_1_applies and equal.excluded_lemma_6 == pytest.approx(equal.excluded_after_end)


@pytest.mark.parametrize(
    "seller, buyer, r, sigma",
    [("beta(2,3)", "beta(3,2)", 1.0, 1.0), ("beta(2,3)", "beta(3,2)", 2.0, 1.0), ("uniform", "beta(2,2)", 1.0, 1.5)],
)
def test_quadrature_equals_monte_carlo(seller, buyer, r, sigma):
    """Second method: sample (s, b) and evaluate the mechanism's own p_a(s, b); within 4 standard errors."""
    out = check_sequential_rationality(seller, buyer, r, sigma)
    estimate, error = excluded_probability_monte_carlo(seller, buyer, r, sigma, samples=200_000, seed=1)
    assert abs(out.excluded_after_end - estimate) <= 4 * error + 1e-4
    assert out.hypotheses and out.excluded_after_end > 0.05  # Corollary 1: the set N has positive probability


def test_first_best_feasible_means_no_violation_from_exclusion():
    """No overlap (seller costs above buyer values): ex post efficiency is obtainable (never trade), R(0) = 0."""
    out = check_sequential_rationality("uniform(0,1)", "uniform(0,1)", 1.0, 1.0)
    assert out.first_best_ir < 0  # overlap: unobtainable (Theorem 2)
    apart = check_sequential_rationality("uniform(0.5,1)", "uniform(0,0.5)", 1.0, 1.0)
    assert apart.first_best_ir >= -1e-12 and not apart.hypotheses
    assert apart.excluded_after_end == pytest.approx(0.0, abs=1e-9) and apart.sequentially_rational


def test_to_dict_and_text():
    out = check_sequential_rationality("uniform", "uniform", 2.0, 1.0)
    data = out.to_dict()
    assert data["model"] == "sequential-rationality" and data["method"] == "quadrature"
    assert data["parameters"] == {"seller": out.seller, "buyer": out.buyer, "seller_rate": 2.0, "buyer_rate": 1.0}
    assert data["sequentially_rational"] is False and data["hypotheses"] is True and "Corollary 1" in str(out)
    beta = check_sequential_rationality("beta(2,3)", "beta(3,2)", 2.0, 1.0)
    assert beta.lowest_buyer_virtual_value is None and beta.to_dict()["lowest_buyer_virtual_value"] is None


def test_invalid_points():
    with pytest.raises(InvalidParameterError, match="points"):
        check_sequential_rationality("uniform", "uniform", 1.0, 1.0, points=10)
