"""The report of ``bargainlab reproduce``: ``index.html`` and ``report.md`` with the same rows.

For each item: its source and place, the claim, the printed value, the computed value, the
difference, the status (with the erratum id of a corrected item or the reason an item is not
computable) and the files written for it.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargainlab.core.result import Result, renders
from bargainlab.reproduce.item import CORRECTED, NOT_COMPUTABLE, STATUSES, ItemResult

__all__ = ["Report", "SOURCE_TITLES", "reproduce_text"]

#: Display titles of the sources.
SOURCE_TITLES = {
    "peski-2024": "Pęski (2024), Bargaining with mechanisms: two-sided incomplete information (paper)",
    "peski-2024-slides": "Pęski (2024), Bargaining with mechanisms and two-sided incomplete information (slides)",
    "peski-2022": "Pęski (2022), Bargaining with mechanisms (one-sided slides)",
    "lecture": "Backus and Valenzuela-Stookey, Bargaining (lecture notes)",
    "cramton": "Cramton (1985), Sequential bargaining mechanisms",
}

#: Width (pixels) of the figure thumbnails in index.html.
THUMBNAIL_WIDTH = 220

HEADERS = ("item", "place", "claim", "printed", "computed", "difference", "status", "files")


def _status_text(item: ItemResult) -> str:
    f = item.finding
    if f.status == CORRECTED:
        return f"corrected ({f.erratum})"
    if f.status == NOT_COMPUTABLE:
        return f"not computable: {f.note}"
    return f.status


def _difference(item: ItemResult) -> str:
    d = item.finding.difference
    return "" if d is None else f"{d:.2e}"


@dataclass(frozen=True, repr=False)
class Report(Result):
    """All items of one run (text: :func:`reproduce_text`, below).

    Attributes
    ----------
    items
        One result per item, in source order.
    sources
        The sources run.
    seconds
        Wall-clock time of the run.
    """

    model: ClassVar[str] = "reproduce"
    method: ClassVar[str] = "registry"
    extra_fields: ClassVar[tuple[str, ...]] = ("counts",)
    summary_fields: ClassVar[tuple[str, ...]] = ("sources", "seconds")

    items: tuple[ItemResult, ...]
    sources: tuple[str, ...]
    seconds: float

    @property
    def parameters(self) -> dict[str, Any]:
        """The sources run."""
        return {"sources": list(self.sources)}

    def _frame_columns(self) -> dict[str, list[Any]]:
        rows = [i.to_dict() for i in self.items]
        return {
            key: [row[key] for row in rows] for key in ("source", "key", "place", "status", "erratum", "difference")
        }

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Items per source and status."""
        out: dict[str, dict[str, int]] = {}
        for source in self.sources:
            tally = Counter(i.status for i in self.items if i.source == source)
            out[source] = {status: tally.get(status, 0) for status in STATUSES}
        return out

    @property
    def unexpected(self) -> tuple[ItemResult, ...]:
        """Items that differ from the source without an erratum."""
        return tuple(i for i in self.items if i.status == "differs")

    def _rows(self, source: str) -> list[list[str]]:
        return [
            [
                i.key,
                i.place,
                i.claim,
                i.finding.printed,
                i.finding.computed,
                _difference(i),
                _status_text(i),
                ", ".join(i.finding.files),
            ]
            for i in self.items
            if i.source == source
        ]

    def summary(self) -> str:
        """One line per source: counts per status."""
        lines = []
        for source, tally in self.counts.items():
            parts = ", ".join(f"{n} {status}" for status, n in tally.items() if n)
            lines.append(f"{source}: {sum(tally.values())} items ({parts})")
        lines.append(f"{len(self.items)} items in {self.seconds:.1f} s")
        return "\n".join(lines)

    def markdown(self) -> str:
        """The report as Markdown."""
        out = ["# bargainlab reproduce", "", "```", self.summary(), "```", ""]
        out.append(_legend())
        for source in self.sources:
            out += ["", f"## {SOURCE_TITLES.get(source, source)}", ""]
            out.append("| " + " | ".join(HEADERS) + " |")
            out.append("|" + "---|" * len(HEADERS))
            for row in self._rows(source):
                cells = [_md(c) for c in row[:-1]] + [" ".join(f"[{f}]({f})" for f in row[-1].split(", ") if f)]
                out.append("| " + " | ".join(cells) + " |")
        return "\n".join(out) + "\n"

    def html(self) -> str:
        """The report as a standalone HTML page (same rows as :meth:`markdown`)."""
        body = [
            "<h1>bargainlab reproduce</h1>",
            f"<pre>{html.escape(self.summary())}</pre>",
            f"<p>{html.escape(_legend())}</p>",
        ]
        for source in self.sources:
            body.append(f"<h2>{html.escape(SOURCE_TITLES.get(source, source))}</h2>")
            body.append("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr></thead><tbody>")
            for row in self._rows(source):
                status = row[6].split(" ")[0].rstrip(":")
                cells = [f"<td>{html.escape(c)}</td>" for c in row[:-1]]
                names = [f for f in row[-1].split(", ") if f]
                links = " ".join(f'<a href="{html.escape(f)}">{html.escape(f)}</a>' for f in names)
                links += "".join(
                    f'<br><a href="{html.escape(f)}"><img src="{html.escape(f)}" width="{THUMBNAIL_WIDTH}"></a>'
                    for f in names
                    if f.endswith(".png")
                )
                body.append(f'<tr class="{status.replace(" ", "-")}">' + "".join(cells) + f"<td>{links}</td></tr>")
            body.append("</tbody></table>")
        return (
            "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>bargainlab reproduce</title><style>"
            "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:90%}"
            "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}"
            ".corrected td{background:#fff6dd}.not td{background:#f1f1f1}.differs td{background:#ffdada}"
            "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
        )


def _legend() -> str:
    return (
        "Status: reproduced = the computed value equals the printed one; corrected (id) = the printed "
        "statement is wrong or lost, bargainlab follows the verified version recorded in docs/errata.md under "
        "that id; not computable = nothing to compute (reason given); differs = an unexpected disagreement."
    )


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def counts_table(reports: Sequence[Report]) -> str:  # pragma: no cover - convenience
    """Counts of several reports, one line each."""
    return "\n".join(r.summary() for r in reports)


@renders(Report)
def reproduce_text(report: Report) -> str:
    """The text of a run (``bargainlab reproduce``): one line per source with its counts, the run
    time, and every item that differs."""
    lines = [report.summary()]
    for item in report.unexpected:
        lines.append(
            f"differs: {item.source}/{item.key} ({item.place}): printed {item.finding.printed}, "
            f"computed {item.finding.computed}"
        )
    return "\n".join(lines)
