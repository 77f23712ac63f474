"""Packaging facts that must agree: one version, a licence, a citation, a changelog entry."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from bargainlab._version import __version__

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_written_once_and_agrees_everywhere():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (\S+)$", citation, re.M).group(1) == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[([^\]]+)\]", changelog, re.M).group(1) == __version__


def test_licence_matches_the_declared_one():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_citation_names_the_papers_implemented():
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    for title in ("Bargaining with mechanisms: two-sided", "Bargaining with Mechanisms", "Sequential bargaining"):
        assert title in citation
