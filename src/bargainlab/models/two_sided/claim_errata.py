"""Which claims of ``bargainlab check two-sided`` are tied to an erratum (``docs/errata.md``).

Each entry: claim name → (erratum id, expected verdict). ``"pass"``: the claim checks the
corrected statement (it passes; the printed one would not). ``"fail"``: the claim checks the
statement *as printed* and fails, as the erratum records. A claim not listed is verified as printed.
A certificate marks a failure with an entry of kind ``"fail"`` as expected (failed as printed,
with the erratum id), and any other failure as unexpected.
"""

from __future__ import annotations

__all__ = ["CLAIM_ERRATA", "erratum_of", "expected_failure", "verdict", "PASS", "FAIL_AS_PRINTED", "FAIL"]

PASS = "PASS"
#: A failure the errata record (the printed statement is false).
FAIL_AS_PRINTED = "FAIL as printed"
#: A failure nothing explains.
FAIL = "FAIL (unexpected)"

CLAIM_ERRATA: dict[str, tuple[str, str]] = {
    "prop2": ("E2", "pass"),
    "a2_tables": ("E5", "pass"),
    "a1_tables": ("E6", "pass"),
    "eq_5_1": ("E4", "pass"),
    "revelation_a1_by_2": ("E7", "pass"),
    "revelation_a1_by_1": ("E7", "fail"),
    "convex_p2_h1": ("E8", "fail"),
    "convex_p1_l1": ("E8", "fail"),
    "convex_p1_h1": ("E8", "fail"),
    "theorem3": ("E11", "pass"),
}


def erratum_of(claim: str) -> str | None:
    """The erratum id tied to ``claim`` (``None`` when verified as printed)."""
    entry = CLAIM_ERRATA.get(claim)
    return entry[0] if entry else None


def expected_failure(claim: str) -> bool:
    """Whether ``claim`` checks a printed statement that the errata record as false."""
    entry = CLAIM_ERRATA.get(claim)
    return bool(entry and entry[1] == "fail")


def verdict(claim: str, passed: bool) -> str:
    """``"PASS"``, ``"FAIL as printed"`` (the errata record it) or ``"FAIL (unexpected)"``.

    A claim that checks a corrected statement (kind ``"pass"``) and fails is unexpected too.
    """
    if passed:
        return PASS
    return FAIL_AS_PRINTED if expected_failure(claim) else FAIL
