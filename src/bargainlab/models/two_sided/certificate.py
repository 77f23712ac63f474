"""``bargainlab check two-sided``: run the paper's claims and print a certificate.

A certificate lists, for each claim, where it comes from, how many parameter draws were
tried, the worst violation (margin) found, PASS/FAIL, and the worst case's parameters. A claim
that fails is reported as found — the certificate is a measurement, not a proof.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargainlab.errors import InvalidParameterError
from bargainlab.models.two_sided.claims import BINARY_CLAIMS, ClaimResult, beyond_claims

__all__ = ["Certificate", "run_checks", "DEFAULT_SAMPLES", "CLAIM_NAMES"]

#: Draws per claim (scaled by each claim's share) in the default run.
DEFAULT_SAMPLES = 200

#: Names of the binary claims, in certificate order.
CLAIM_NAMES = tuple(name for name, _, _ in BINARY_CLAIMS)


@dataclass(frozen=True)
class Certificate:
    """The results of one run of the checks.

    Attributes
    ----------
    results
        One :class:`ClaimResult` per claim.
    samples, seed
        The run's sample size and random seed (rerunning with both reproduces it).
    types
        Numbers of types per player checked (2 = the paper; more = exploration).
    seconds
        Wall-clock time of the run.
    """

    results: tuple[ClaimResult, ...]
    samples: int
    seed: int
    types: tuple[int, ...]
    seconds: float

    @property
    def passed(self) -> bool:
        """True when every claim passed."""
        return all(r.passed for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation."""
        return {
            "model": "two-sided",
            "samples": self.samples,
            "seed": self.seed,
            "types": list(self.types),
            "seconds": self.seconds,
            "passed": sum(r.passed for r in self.results),
            "failed": sum(not r.passed for r in self.results),
            "claims": [r.to_dict() for r in self.results],
        }

    def __str__(self) -> str:
        from bargainlab.report.tables import render_table  # report renders; models do not import it at load

        rows = [
            [
                ("[beyond] " if r.exploration else "") + r.claim,
                r.source,
                str(r.draws),
                f"{r.worst:.2e}",
                "PASS" if r.passed else "FAIL",
            ]
            for r in self.results
        ]
        table = render_table(
            ["claim", "source", "draws", "worst margin", "result"],
            rows,
            title=f"Certificate: two-sided bargaining with mechanisms (seed {self.seed}, "
            f"{self.samples} samples, {self.seconds:.1f} s)",
        )
        failures = [r for r in self.results if not r.passed]
        lines = [table, "", f"{len(self.results) - len(failures)} passed, {len(failures)} failed."]
        for r in failures:
            lines.append(f"FAIL {r.claim}: worst case {r.counterexample}")
        return "\n".join(lines)


def run_checks(
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    types: Sequence[int] = (2,),
    claims: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Certificate:
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
    """
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 1:
        raise InvalidParameterError("samples", samples, "a positive integer")
    for n in types:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
            raise InvalidParameterError("types", list(types), "integers >= 2 (types per player)")
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
        results.extend(out if isinstance(out, list) else [out])
    return Certificate(
        tuple(results), int(samples), int(seed), tuple(int(t) for t in types), time.perf_counter() - start
    )
