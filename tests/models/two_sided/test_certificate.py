"""``check two-sided``: the certificate, each claim, and a deliberately broken mechanism caught."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from bargainlab.core.environment import two_sided_environment
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided import claims, gap, mechanisms
from bargainlab.models.two_sided.certificate import CLAIM_NAMES, run_checks
from bargainlab.models.two_sided.search import largest_gap

#: Claims of the paper that the reconstructed mechanisms and the LP confirm.
EXPECTED_PASS = {
    "prop1",
    "prop2",
    "gap_bound",
    "gap_bound_attained",
    "gap_zero",
    "theorem3",
    "a2_tables",
    "a1_tables",
    "eq_5_1",
    "lemma5_floors",
    "lemma5_refuse_a1",
    "lemma5_refuse_a2",
    "revelation_a1_by_2",
    "revelation_a2_by_1",
    "revelation_a2_by_2",
    "convex_p2_l1",
}
#: Statements found false as printed (docs/errata.md): Lemma 5(3) read literally (player i),
#: convexity of h1's payoff in p2 (Section 5.5), convexity in p1 (Lemma 5, last sentence).
EXPECTED_FAIL = {"revelation_a1_by_1", "convex_p2_h1", "convex_p1_l1", "convex_p1_h1"}


@pytest.fixture(scope="module")
def certificate():
    return run_checks(samples=24, seed=3)


def test_every_claim_runs_and_reports(certificate):
    names = {r.claim for r in certificate.results}
    assert len(certificate.results) == len(CLAIM_NAMES) + 1  # theorem3 reports two claims
    assert len(names) == len(certificate.results)
    for r in certificate.results:
        assert r.draws >= 1 and r.worst >= 0.0 and r.counterexample is not None


def test_expected_verdicts(certificate):
    by_name = {}
    results = iter(certificate.results)
    for name in CLAIM_NAMES:
        by_name[name] = [next(results)] + ([next(results)] if name == "theorem3" else [])
    for name in EXPECTED_PASS:
        assert all(r.passed for r in by_name[name]), (name, by_name[name])
    for name in EXPECTED_FAIL:
        assert not by_name[name][0].passed, name
    assert set(CLAIM_NAMES) == EXPECTED_PASS | EXPECTED_FAIL


def test_broken_mechanism_is_caught():
    """Shift one transfer of a²: the table claim must fail (and name the zone)."""

    def broken(values, p1, p2, x):
        m = mechanisms.a2(values, p1, p2, x)
        tau = m.transfers.copy()
        tau[1, 0] += 0.05  # h1 pays less against l2: player 2 below its floor, IC broken
        u1, u2 = mechanisms._payoffs(values, p1, p2, m.allocation, tau)
        return dataclasses.replace(m, transfers=tau, payoffs1=u1, payoffs2=u2)

    rng = np.random.default_rng(0)
    result = claims.a2_tables(rng, 10, mechanism=broken)
    assert not result.passed and result.worst > 1e-3
    assert claims.a2_tables(np.random.default_rng(0), 10).passed

    def stingy(values, p1, p2, x):
        """a² with player 1 paying 0.05 more in every profile: player 1 now refuses."""
        m = mechanisms.a2(values, p1, p2, x)
        tau = m.transfers - 0.05
        u1, u2 = mechanisms._payoffs(values, p1, p2, m.allocation, tau)
        return dataclasses.replace(m, transfers=tau, payoffs1=u1, payoffs2=u2)

    refused = claims.lemma5_cannot_refuse(np.random.default_rng(1), 20, "a2", mechanism=stingy)
    assert not refused.passed and refused.worst >= 0.05 - 1e-9
    assert claims.lemma5_cannot_refuse(np.random.default_rng(1), 20, "a2").passed


def test_beyond_two_types_is_labelled_exploration():
    cert = run_checks(samples=12, seed=0, types=(3,))
    assert cert.results and all(r.exploration for r in cert.results)
    text = str(cert)
    assert "[beyond]" in text


def test_json_certificate_is_complete(certificate):
    data = json.loads(json.dumps(certificate.to_dict(), allow_nan=False, default=float))
    assert data["passed_count"] + data["failed_count"] == len(data["results"])
    assert data["passed"] is False
    assert {c["status"] for c in data["results"]} == {"PASS", "FAIL"}
    for c in data["results"]:
        assert set(c) >= {"claim", "source", "draws", "worst", "status", "counterexample"}
        # the worst case speaks the vocabulary (docs/architecture.md): beliefs prior1/prior2, share x
        keys = set(c["counterexample"] or {})
        assert not keys & {"p1", "p2", "x", "p1_at_kink", "p2_at_kink"}, (c["name"], keys)
        if not c["exploration"]:
            assert {"l1", "h1", "l2", "h2", "share"} <= keys, (c["name"], keys)
            assert len(keys & {"prior1", "prior2", "prior1_at_kink", "prior2_at_kink"}) == 2, (c["name"], keys)
    assert {"model", "parameters", "method"} <= set(data) and data["parameters"]["seed"] == 3


def test_bad_arguments():
    with pytest.raises(InvalidParameterError, match=r"samples must be an integer in \[1, 100000\]"):
        run_checks(samples=0)
    with pytest.raises(InvalidParameterError, match=r"types must be an integer in \[2, 20\]"):
        run_checks(types=(1,))
    with pytest.raises(InvalidParameterError, match=r"types must be an integer in \[2, 20\]"):
        run_checks(types=(1000,))
    with pytest.raises(InvalidParameterError, match="claims must be names among"):
        run_checks(claims=["nonsense"])
    # issue 11: sizes are bounded (no hang), and an empty list of claims is no certificate
    with pytest.raises(InvalidParameterError, match=r"samples must be an integer in \[1, 100000\]"):
        run_checks(samples=10**12)
    with pytest.raises(InvalidParameterError, match=r"types must be an integer in \[2, 20\]"):
        run_checks(types=(2, 1000))
    with pytest.raises(InvalidParameterError, match="claims must be a non-empty list of claim names"):
        run_checks(claims=[])


def test_search_finds_gaps_and_respects_the_two_type_bound():
    two = largest_gap(2, restarts=2, iterations=150, seed=0)
    assert 0.0 < two.gap_share <= 0.0625 + 1e-9
    assert gap(two.environment, method="lp").gap == pytest.approx(two.gap_share, abs=1e-12)  # max value is 1
    three = largest_gap(3, restarts=2, iterations=150, seed=0)
    assert three.environment.player1.size == 3 and three.gap_share > 0
    assert gap(three.environment, method="lp").gap == pytest.approx(three.gap_share, abs=1e-12)
    with pytest.raises(InvalidParameterError, match=r"types must be an integer in \[2, 20\]"):
        largest_gap(1)


def test_three_types_break_the_six_and_a_quarter_percent_bound():
    """Exploration beyond the paper: a three-type point (found by the search) where the LP's
    gap exceeds 6.25% of the largest value, so Section 4's bound does not extend."""
    env = two_sided_environment(
        [0.002, 0.668, 1.0], [0.121, 0.804, 0.898], [0.316, 0.258, 0.426], [0.843, 0.016, 0.141], 0.245
    )
    assert gap(env, method="lp").gap / env.max_value > 0.0625
