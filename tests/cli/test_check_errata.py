"""``bargainlab check two-sided`` marks failures recorded in the errata apart from unexpected ones (exit 1)."""

from __future__ import annotations

import json

from bargainlab.models.two_sided import claim_errata
from tests.cli.helpers import run

CLAIMS = "convex_p1_h1,prop1"  # E8: fails as printed; Proposition 1: verified as printed


def test_failure_recorded_in_the_errata_is_marked_and_exits_0(capsys):
    code, out, err = run(["check", "two-sided", "--samples", "8", "--claims", CLAIMS], capsys)
    assert code == 0 and "FAIL as printed (E8)" in out and "0 unexpected failures" in out
    code, out, _ = run(["check", "two-sided", "--samples", "8", "--claims", CLAIMS, "--json"], capsys)
    data = json.loads(out)
    verdicts = {c["claim"]: (c["verdict"], c["erratum"]) for c in data["results"]}
    assert ("FAIL as printed", "E8") in verdicts.values() and ("PASS", None) in verdicts.values()
    assert data["unexpected_failure_count"] == 0 and data["failed_as_printed_count"] == 1
    assert run(["check", "two-sided", "--samples", "8", "--claims", CLAIMS, "--strict"], capsys)[0] == 1


def test_unexpected_failure_exits_1(capsys, monkeypatch):
    monkeypatch.delitem(claim_errata.CLAIM_ERRATA, "convex_p1_h1")  # as if no erratum recorded it
    code, out, err = run(["check", "two-sided", "--samples", "8", "--claims", CLAIMS], capsys)
    assert code == 1 and "FAIL (unexpected)" in out and "1 unexpected failures" in out
    errors = [line for line in err.splitlines() if line.startswith("bargainlab: error:")]
    assert len(errors) == 1 and "unexpected failure of convex_p1_h1" in errors[0]
