"""Items made from the claims of ``bargainlab check two-sided`` (models/two_sided/claims.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np

from bargainlab.models.two_sided.claim_errata import CLAIM_ERRATA
from bargainlab.models.two_sided.claims import BINARY_CLAIMS, ClaimResult
from bargainlab.reproduce.item import CORRECTED, DIFFERS, REPRODUCED, Finding, Item
from bargainlab.reproduce.output import Output

__all__ = ["claim_item", "claim_results", "finding_of", "SAMPLES"]

#: Draws per claim (scaled by the claim's share) in ``reproduce``: enough to find the printed
#: failures of E7–E8 at seed 0, small enough for a quick run.
SAMPLES = 40


@cache
def claim_results(name: str, samples: int = SAMPLES, seed: int = 0) -> tuple[ClaimResult, ...]:
    """The results of the claim ``name`` (cached: several items share a claim)."""
    function, share = {n: (f, s) for n, f, s in BINARY_CLAIMS}[name]
    rng = np.random.default_rng(seed)
    out = function(rng, max(1, int(round(samples * share))))
    return tuple(out if isinstance(out, list) else [out])


def finding_of(name: str, result: ClaimResult, printed: str) -> Finding:
    """Status of a claim's result: tied to an erratum or not, passing or failing as expected."""
    computed = f"worst margin {result.worst:.2e} over {result.draws} draws ({'PASS' if result.passed else 'FAIL'})"
    erratum, expected = CLAIM_ERRATA.get(name, (None, "pass"))
    as_expected = result.passed == (expected == "pass")
    if not as_expected:
        status, erratum = DIFFERS, None
    elif erratum is None:
        status = REPRODUCED
    else:
        status = CORRECTED
    note = "" if result.passed else f"worst case {result.counterexample}"
    return Finding(printed, computed, status, result.worst, erratum, note)


def claim_item(key: str, name: str, printed: str, index: int = 0, place: str | None = None) -> Item:
    """An item checking claim ``name`` of the certificate (its ``index``-th result)."""

    def compute(out: Output) -> Finding:
        result = claim_results(name)[index]
        return finding_of(name, result, printed)

    result_place = place or _source_of(name)
    return Item(key, result_place, printed, compute)


def _source_of(name: str) -> str:
    sources = {
        "prop1": "Proposition 1, eq. (4.1)",
        "prop2": "Proposition 2, eq. (4.1)",
        "gap_bound": "Section 4",
        "gap_bound_attained": "Section 4",
        "gap_zero": "Section 4; introduction",
        "theorem3": "Theorem 3",
        "a2_tables": "Tables 1–2; Props 5–6",
        "a1_tables": "Tables 3–4",
        "eq_5_1": "eqs. (5.1)–(5.2)",
        "lemma5_floors": "Lemma 5 (1)",
        "lemma5_refuse_a1": "Lemma 5 (2); Definition 1",
        "lemma5_refuse_a2": "Lemma 5 (2); Definition 1",
        "revelation_a1_by_2": "Lemma 5 (3); App. D.2; Section 5.5",
        "revelation_a2_by_1": "App. D.2",
        "revelation_a2_by_2": "Lemma 5 (3); Section 5.5",
        "revelation_a1_by_1": "Lemma 5 (3) as printed",
        "convex_p2_l1": "Section 5.5",
        "convex_p2_h1": "Section 5.5",
        "convex_p1_l1": "Lemma 5, last sentence",
        "convex_p1_h1": "Lemma 5, last sentence",
    }
    return sources.get(name, name)


Compute = Callable[[Output], Finding]
