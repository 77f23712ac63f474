"""The documentation site builds with warnings as errors (``mkdocs build --strict``).

The site is the markdown pages of ``docs/`` plus the API reference that mkdocstrings generates from the
docstrings (``docs/reference/*.md``); a broken link, a page missing from the navigation or a docstring
mkdocstrings cannot parse fails this test.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Seconds the build may take (about 20 s on an idle 2-core machine).
BUILD_TIME_LIMIT = 300


def mkdocs_available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("mkdocs", "material", "mkdocstrings_handlers"))


@pytest.mark.skipif(not mkdocs_available(), reason="mkdocs, mkdocs-material or mkdocstrings[python] not installed")
def test_the_documentation_site_builds_strictly(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIME_LIMIT,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (tmp_path / "site" / "index.html").is_file()
    reference = tmp_path / "site" / "reference"
    assert any(reference.rglob("index.html")), "the API reference pages were not generated"


def test_every_public_module_has_a_reference_page():
    """Each public module (the API contract's list) is rendered by some ``::: module`` line in docs/reference."""
    from tests.contract.api_fuzz import PUBLIC_MODULES

    rendered = "\n".join(page.read_text(encoding="utf-8") for page in (ROOT / "docs" / "reference").glob("*.md"))
    missing = [name for name in PUBLIC_MODULES if name != "bargainlab" and f"::: {name}" not in rendered]
    assert not missing, f"no reference page renders {missing}"
