"""Lint and types of the whole package: ``ruff check src tests`` and ``mypy`` (configured in
pyproject.toml) must both pass. Skipped only when the tool is not installed (``pip install -e
'.[dev]'`` installs both)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(module: str) -> list[str]:
    """The command running ``module`` with this interpreter (or the executable on PATH)."""
    if importlib.util.find_spec(module) is not None:
        return [sys.executable, "-m", module]
    executable = shutil.which(module)
    if executable is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[dev]')")
    return [executable]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_passes_on_src_and_tests():
    result = _run([*_tool("ruff"), "check", "src", "tests"])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_passes_on_the_package():
    result = _run([*_tool("mypy")])  # files and options from [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
