"""``bargainlab check two-sided``: run the paper's claims and print a certificate.

A certificate lists, for each claim, where it comes from, how many parameter draws were
tried, the worst violation (margin) found, PASS/FAIL, and the worst case's parameters. A claim
that fails is reported as found — the certificate is a measurement, not a proof.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np

from bargainlab.core import inputs, limits
from bargainlab.core.result import Result
from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.claim_errata import FAIL, FAIL_AS_PRINTED
from bargainlab.models.two_sided.claims import BINARY_CLAIMS, ClaimResult, beyond_claims

__all__ = ["CertificateResult", "run_checks", "DEFAULT_SAMPLES", "CLAIM_NAMES", "MAX_SAMPLES", "MAX_TYPES"]

#: Draws per claim (scaled by each claim's share) in the default run.
DEFAULT_SAMPLES = limits.DEFAULT_CHECK_SAMPLES

#: Names of the binary claims, in certificate order.
CLAIM_NAMES = tuple(name for name, _, _ in BINARY_CLAIMS)

#: Largest number of draws per claim (the certificate's run time grows linearly with it).
MAX_SAMPLES = limits.MAX_SAMPLES

#: Largest number of types per player of the beyond-the-paper claims (the interim LP has
#: n1 · n2 allocation columns per player).
MAX_TYPES = limits.MAX_CHECK_TYPES


@dataclass(frozen=True, repr=False)
class CertificateResult(Result):
    """The results of one run of the checks (text: :mod:`bargainlab.report.two_sided`).

    Attributes
    ----------
    results
        One ``ClaimResult`` per claim.
    samples, seed
        The run's sample size and random seed (rerunning with both reproduces it).
    types
        Numbers of types per player checked (2 = the paper; more = exploration).
    seconds
        Wall-clock time of the run.
    """

    model: ClassVar[str] = "two-sided"
    method: ClassVar[str] = "random_draws"
    extra_fields: ClassVar[tuple[str, ...]] = (
        "passed",
        "passed_count",
        "failed_count",
        "failed_as_printed_count",
        "unexpected_failure_count",
    )
    summary_fields: ClassVar[tuple[str, ...]] = ("passed", "passed_count", "failed_count", "seed")

    results: tuple[ClaimResult, ...]
    samples: int
    seed: int
    types: tuple[int, ...]
    seconds: float

    @property
    def parameters(self) -> dict[str, Any]:
        """The run's inputs: samples, seed, types."""
        return {"samples": self.samples, "seed": self.seed, "types": list(self.types)}

    @property
    def passed(self) -> bool:
        """True when every claim passed."""
        return all(r.passed for r in self.results)

    @property
    def passed_count(self) -> int:
        """Number of claims that passed."""
        return sum(r.passed for r in self.results)

    @property
    def failed_count(self) -> int:
        """Number of claims that failed."""
        return sum(not r.passed for r in self.results)

    @property
    def unexpected_failures(self) -> tuple[ClaimResult, ...]:
        """Failed claims that no erratum explains (``bargainlab check two-sided`` exits 1)."""
        return tuple(r for r in self.results if r.verdict == FAIL)

    @property
    def failed_as_printed_count(self) -> int:
        """Claims that fail as printed, as their erratum records."""
        return sum(r.verdict == FAIL_AS_PRINTED for r in self.results)

    @property
    def unexpected_failure_count(self) -> int:
        """Failed claims that no erratum explains."""
        return len(self.unexpected_failures)

    def _frame_columns(self) -> Mapping[str, Any]:
        """One row per claim."""
        return {
            "claim": [r.claim for r in self.results],
            "source": [r.source for r in self.results],
            "draws": [r.draws for r in self.results],
            "worst": [r.worst for r in self.results],
            "tolerance": [r.tolerance for r in self.results],
            "status": [r.status for r in self.results],
            "verdict": [r.verdict for r in self.results],
            "erratum": [r.erratum for r in self.results],
            "exploration": [r.exploration for r in self.results],
        }


def _type_counts(types: object) -> tuple[int, ...]:
    """A non-empty sequence of integers in [2, MAX_TYPES] (key ``types``)."""
    allowed = f"a non-empty list of integers in [2, {MAX_TYPES}] (types per player)"
    if isinstance(types, (str, bytes)) or not isinstance(types, (Sequence, np.ndarray)) or len(types) == 0:
        raise InvalidParameterError("types", types, allowed)
    return tuple(inputs.integer(n, "types", low=2, high=MAX_TYPES) for n in types)


def _claim_names(claims: object) -> tuple[str, ...] | None:
    """``None`` (every claim) or a non-empty sequence of claim names (key ``claims``)."""
    if claims is None:
        return None
    allowed = "a non-empty list of claim names"
    if isinstance(claims, (str, bytes)) or not isinstance(claims, (Sequence, set, frozenset)) or len(claims) == 0:
        raise InvalidParameterError("claims", claims, allowed)
    if not all(isinstance(name, str) for name in claims):
        raise InvalidParameterError("claims", list(claims), allowed, "every name is a string")
    return tuple(claims)


def run_checks(
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    types: Sequence[int] = (2,),
    claims: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> CertificateResult:
    """Run the claims and return the certificate.

    Parameters
    ----------
    samples
        Draws per claim (each claim uses its share of it; at least one draw).
    seed
        Seed of the random draws (``numpy.random.default_rng``).
    types
        2 runs the paper's claims; 3, 4, ... add the claims that make sense beyond the paper.
    claims
        Restrict to these claim names (default: all).
    progress
        Called with each claim's name before it runs.

    Returns
    -------
    CertificateResult
        One ``ClaimResult`` per claim (verdict, worst deviation, counterexample), the
        samples, seed, type counts and run time.

    Examples
    --------
    Proposition 1 (E(p, x) against the LP of (4.1)) on five random draws:

    >>> certificate = run_checks(samples=5, claims=["prop1"])
    >>> certificate.passed, [r.name for r in certificate.results]
    (True, ['prop1'])
    """
    samples = inputs.integer(samples, "samples", low=1, high=MAX_SAMPLES)
    seed = inputs.integer(seed, "seed", low=0, high=inputs.MAX_SEED)
    types = _type_counts(types)
    claims = _claim_names(claims)
    if progress is not None and not callable(progress):
        raise InvalidParameterError("progress", progress, "a function of the claim's name, or None")
    plan = [c for c in BINARY_CLAIMS if 2 in types]
    for n in types:
        if n > 2:
            plan.extend(beyond_claims(int(n)))
    known = {name for name, _, _ in plan}
    if claims is not None:
        unknown = sorted(set(claims) - known)
        if unknown:
            raise InvalidParameterError("claims", unknown, "names among " + ", ".join(sorted(known)))
        plan = [c for c in plan if c[0] in set(claims)]
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    results: list[ClaimResult] = []
    for name, function, share in plan:
        if progress is not None:
            progress(name)
        out = function(rng, max(1, int(round(samples * share))))
        results.extend(replace(r, name=name) for r in (out if isinstance(out, list) else [out]))
    return CertificateResult(
        tuple(results), int(samples), int(seed), tuple(int(t) for t in types), time.perf_counter() - start
    )
