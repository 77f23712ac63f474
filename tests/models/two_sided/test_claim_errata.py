"""Claims tied to errata: every id exists in docs/errata.md; verdicts of expected and unexpected failures."""

from __future__ import annotations

import re
from pathlib import Path

from bargainlab.models.two_sided.claim_errata import CLAIM_ERRATA, FAIL, FAIL_AS_PRINTED, PASS, verdict
from bargainlab.models.two_sided.claims import BINARY_CLAIMS

ERRATA = Path(__file__).resolve().parents[3] / "docs" / "errata.md"


def test_every_tied_claim_exists_and_every_erratum_is_recorded():
    ids = set(re.findall(r"^### ([A-Z]+\d+) —", ERRATA.read_text(), flags=re.MULTILINE))
    names = {name for name, _, _ in BINARY_CLAIMS}
    for claim, (erratum, kind) in CLAIM_ERRATA.items():
        assert claim in names and erratum in ids and kind in ("pass", "fail")


def test_verdicts():
    assert verdict("convex_p1_h1", False) == FAIL_AS_PRINTED  # E8
    assert verdict("prop1", False) == FAIL  # verified as printed: a failure is unexpected
    assert verdict("prop2", False) == FAIL  # the corrected formula must pass
    assert verdict("convex_p1_h1", True) == verdict("prop1", True) == PASS
