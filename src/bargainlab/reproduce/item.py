"""One reproduced item of a source: where it is, what is printed, what bargainlab computes.

An :class:`Item` is a small function of an :class:`~bargainlab.reproduce.output.Output` (where it
may write figures and tables) returning a :class:`Finding`; the runner records the finding with
the item's place in the source as a :class:`ItemResult`.

Statuses
--------
``reproduced``
    The computed value equals the printed one (within the item's tolerance).
``corrected``
    The printed statement is wrong or lost and bargainlab follows the verified version, recorded
    in ``docs/errata.md`` under the item's erratum id (E4, C3, ...).
``not computable``
    Nothing to compute (a definition, an existence theorem about abstract mechanisms, a
    figure drawn on the board); the item says why in one line.
``differs``
    The computed value differs from the printed one and no erratum explains it: an unexpected
    failure (``bargainlab reproduce`` exits 1).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from bargainlab.reproduce.output import Output

__all__ = [
    "Item",
    "Finding",
    "ItemResult",
    "STATUSES",
    "REPRODUCED",
    "CORRECTED",
    "NOT_COMPUTABLE",
    "DIFFERS",
    "compare",
    "holds",
    "not_computable",
]

REPRODUCED = "reproduced"
CORRECTED = "corrected"
NOT_COMPUTABLE = "not computable"
DIFFERS = "differs"
#: Every status, in report order.
STATUSES = (REPRODUCED, CORRECTED, NOT_COMPUTABLE, DIFFERS)


@dataclass(frozen=True)
class Finding:
    """What an item's function found.

    Attributes
    ----------
    printed
        The value or statement as printed in the source (text).
    computed
        What bargainlab computes (text).
    status
        One of :data:`STATUSES`.
    difference
        |printed − computed| when both are numbers (``None`` otherwise).
    erratum
        The ``docs/errata.md`` id of a corrected item (``None`` otherwise).
    note
        One line: how it was computed, or why it is not computable.
    files
        Files written for the item (names relative to the output directory).
    """

    printed: str
    computed: str
    status: str
    difference: float | None = None
    erratum: str | None = None
    note: str = ""
    files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.status == CORRECTED and not self.erratum:
            raise ValueError("a corrected item must name its erratum")
        if self.status == NOT_COMPUTABLE and not self.note:
            raise ValueError("a not-computable item must say why")

    def with_files(self, files: tuple[str, ...]) -> Finding:
        """The same finding with ``files`` added."""
        return Finding(
            self.printed, self.computed, self.status, self.difference, self.erratum, self.note, self.files + files
        )


@dataclass(frozen=True)
class Item:
    """An item of a source.

    Attributes
    ----------
    key
        Short unique name within the source (``"prop1"``, ``"figure-8-1"``).
    place
        Where it is in the source (section, equation, table, figure, slide).
    claim
        The statement, in a few words.
    compute
        ``compute(output) -> Finding``.
    """

    key: str
    place: str
    claim: str
    compute: Callable[[Output], Finding] = field(repr=False)


@dataclass(frozen=True)
class ItemResult:
    """An item with its finding (one row of the report)."""

    source: str
    key: str
    place: str
    claim: str
    finding: Finding
    seconds: float

    @property
    def status(self) -> str:
        """The finding's status."""
        return self.finding.status

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation."""
        f = self.finding
        return {
            "source": self.source,
            "key": self.key,
            "place": self.place,
            "claim": self.claim,
            "printed": f.printed,
            "computed": f.computed,
            "difference": f.difference,
            "status": f.status,
            "erratum": f.erratum,
            "note": f.note,
            "files": list(f.files),
            "seconds": self.seconds,
        }


def _text(value: float) -> str:
    return f"{value:.10g}"


def compare(
    printed: float,
    computed: float,
    tol: float,
    *,
    printed_text: str | None = None,
    note: str = "",
    erratum: str | None = None,
) -> Finding:
    """A numerical item: reproduced when |printed − computed| <= tol.

    With ``erratum`` the printed number is known to be wrong: the item is *corrected* when it
    differs (and still *reproduced* if it happens to agree).
    """
    difference = abs(float(printed) - float(computed))
    if not math.isfinite(difference):
        return Finding(printed_text or _text(printed), _text(computed), DIFFERS, None, None, note or "not finite")
    if difference <= tol:
        status = REPRODUCED
    else:
        status = CORRECTED if erratum else DIFFERS
    return Finding(
        printed_text or _text(printed),
        _text(computed),
        status,
        difference,
        erratum if status == CORRECTED else None,
        note,
    )


def holds(
    printed: str,
    computed: str,
    ok: bool,
    *,
    margin: float | None = None,
    note: str = "",
    erratum: str | None = None,
) -> Finding:
    """A statement checked by computation: reproduced when ``ok``; corrected (``erratum``) or differs otherwise.

    ``margin`` is the worst violation found (0 when the statement holds exactly), reported as the difference.
    """
    if ok:
        status = REPRODUCED
    else:
        status = CORRECTED if erratum else DIFFERS
    return Finding(printed, computed, status, margin, erratum if status == CORRECTED else None, note)


def not_computable(printed: str, why: str) -> Finding:
    """An item with nothing to compute; ``why`` in one line."""
    return Finding(printed, "—", NOT_COMPUTABLE, None, None, why)
