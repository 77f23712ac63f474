"""The wheel holds the library only: the package's modules and data, no tests, harnesses, docs or notebooks.

``.ci/floors.sh`` builds the wheel it installs and runs these tests on it (``BARGAINLAB_WHEEL=path``);
without that variable the tests build one themselves from a copy of the project (so a stale ``build/``
directory cannot leak in), with ``python -m build --wheel`` when the ``build`` package is installed, else
``pip wheel --no-deps``; that takes 15-30 s, so it is left to the slow run (``-m slow``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bargainlab._version import __version__

ROOT = Path(__file__).resolve().parents[1]
#: What the project copy needs to build.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src")
#: Seconds to build (an isolated build environment may be set up from pip's cache).
BUILD_TIME_LIMIT = 300
#: A wheel built elsewhere (by .ci/floors.sh), checked without building.
GIVEN_WHEEL = os.environ.get("BARGAINLAB_WHEEL")

pytestmark = [] if GIVEN_WHEEL else [pytest.mark.slow]


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if GIVEN_WHEEL:
        with zipfile.ZipFile(GIVEN_WHEEL) as archive:
            return archive.namelist()
    project = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, project / name)
    out = tmp_path_factory.mktemp("dist")
    if importlib.util.find_spec("build.__main__") is not None:  # not a stray build/ directory
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(project)]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(project)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIME_LIMIT)
    if result.returncode != 0 and "Could not find a version" in result.stderr + result.stdout:
        pytest.skip("no build backend available offline")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("bargainlab-*.whl")
    assert wheel.name.startswith(f"bargainlab-{__version__}-")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_holds_the_library_only(wheel_files: list[str]):
    package = [name for name in wheel_files if not name.startswith("bargainlab-")]  # minus the .dist-info
    outside = [name for name in package if not name.startswith("bargainlab/")]
    assert not outside, f"files outside the package: {outside}"
    assert "bargainlab/app/browser.py" not in package  # the end-to-end test's harness lives in tests/
    assert not [name for name in package if "/tests/" in name or name.endswith((".ipynb", ".pyc"))]


def test_the_wheel_holds_every_module_of_the_package(wheel_files: list[str]):
    source = ROOT / "src"
    modules = sorted(str(path.relative_to(source)) for path in (source / "bargainlab").rglob("*.py"))
    assert sorted(name for name in wheel_files if name.endswith(".py")) == modules


def test_the_wheel_carries_the_licence_and_the_entry_point(wheel_files: list[str]):
    info = [name for name in wheel_files if name.startswith(f"bargainlab-{__version__}.dist-info/")]
    assert any(name.endswith(("LICENSE", "licenses/LICENSE")) for name in info), info
    assert any(name.endswith("entry_points.txt") for name in info)
