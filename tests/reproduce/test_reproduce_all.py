"""``bargainlab reproduce all``: every item has a status; every corrected item names an erratum that exists."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from bargainlab.cli.main import main
from bargainlab.errors import InvalidParameterError
from bargainlab.reproduce import STATUSES, reproduce
from bargainlab.reproduce.item import Finding, compare
from bargainlab.reproduce.output import atomic_write, check_writable
from bargainlab.reproduce.registry import SOURCES, items_of
from tests import vocabulary

ERRATA = Path(__file__).resolve().parents[2] / "docs" / "errata.md"


def erratum_ids() -> set[str]:
    return set(re.findall(r"^### ([A-Z]+\d+) —", ERRATA.read_text(), flags=re.MULTILINE))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reproduce")
    return out, reproduce(["all"], out, workers=2)


def test_every_item_has_a_status_and_corrected_items_name_existing_errata(report):
    out, rep = report
    ids = erratum_ids()
    assert {"E1", "E10", "C6", "S1", "N1"} <= ids
    assert rep.sources == tuple(SOURCES)
    assert len(rep.items) == sum(len(items_of(s)) for s in SOURCES)
    for item in rep.items:
        assert item.status in STATUSES and item.place and item.finding.printed
        if item.status == "corrected":
            assert item.finding.erratum in ids, (item.key, item.finding.erratum)
        if item.status == "not computable":
            assert item.finding.note and "\n" not in item.finding.note
    assert not rep.unexpected, [(i.source, i.key, i.finding.computed) for i in rep.unexpected]
    counts = rep.counts
    assert all(sum(c.values()) >= 15 for c in counts.values())  # every source has its items
    assert sum(c["corrected"] for c in counts.values()) >= 30


def test_report_files_and_item_files_exist(report):
    out, rep = report
    data = json.loads((out / "report.json").read_text())
    assert len(data["items"]) == len(rep.items)
    md, html = (out / "report.md").read_text(), (out / "index.html").read_text()
    for item in rep.items:
        assert item.key in md and item.key in html
        for name in item.finding.files:
            assert (out / name).stat().st_size > 0
    # the figures, tables and numbers of the sources
    for name in (
        "cramton/figure-8-1.png",
        "cramton/figure-8-2.svg",
        "cramton/numbers.json",
        "peski-2024/table-1-zone-A.tex",
        "peski-2024/table-4-zone-D.csv",
        "peski-2024/figure-5-1.png",
        "peski-2024/zone-figure.csv",
        "lecture/nash-against-beta.csv",
    ):
        assert (out / name).exists(), name
    assert not list(out.rglob("*.part")) and not list(out.rglob("*.tmp"))  # atomic writes leave no temporary file


def test_every_csv_column_is_a_vocabulary_key_or_a_derived_quantity(report):
    """The reproduce CSVs speak the data dialect of docs/architecture.md ("Data columns")."""
    out, _ = report
    files = sorted(out.rglob("*.csv"))
    assert len(files) >= 20  # figures of every source and the tables of Pęski (2024)
    for path in files:
        header = next(csv.reader(path.open(encoding="utf-8")))
        assert header and not vocabulary.unknown_names(header), (path.relative_to(out), header)


def test_cramton_numbers_are_the_papers(report):
    out, rep = report
    numbers = json.loads((out / "cramton" / "numbers.json").read_text())["static_case_r_le_s"]
    assert numbers["m"] == pytest.approx(0.25) and numbers["surplus_times_64"] == pytest.approx(9.0)
    status = {i.key: i for i in rep.items if i.source == "cramton"}
    assert status["corollary-1-r-lt-s"].finding.erratum == "C6"
    assert status["corollary-1-r-eq-s"].status == "reproduced"


def test_the_new_errata_are_found(report):
    _, rep = report
    found = {(i.source, i.key): i for i in rep.items}
    assert found[("peski-2024-slides", "pinned-l2-h1")].finding.erratum == "E10"
    assert found[("peski-2024-slides", "pinned-h1-h2")].status == "reproduced"


def test_unwritable_output_is_refused_before_computing(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(InvalidParameterError, match="out"):
        check_writable(target)
    assert main(["reproduce", "cramton", "--out", str(target), "--quiet"]) == 2


def test_atomic_write_replaces(tmp_path):
    path = tmp_path / "a.txt"
    atomic_write(path, b"one")
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two" and sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_unknown_source_and_bad_workers(tmp_path):
    with pytest.raises(InvalidParameterError, match="source"):
        reproduce(["nope"], "unused")
    with pytest.raises(InvalidParameterError, match="workers"):
        reproduce(["cramton"], tmp_path, workers=0)


def test_compare_statuses():
    assert compare(1.0, 1.0 + 1e-12, 1e-9).status == "reproduced"
    assert compare(1.0, 2.0, 1e-9).status == "differs"
    found = compare(1.0, 2.0, 1e-9, erratum="E1")
    assert found.status == "corrected" and found.erratum == "E1" and found.difference == 1.0
    with pytest.raises(ValueError):
        Finding("a", "b", "corrected")  # a corrected item must name its erratum
