"""The tutorial notebooks run from top to bottom (jupytext percent scripts executed with nbclient).

Each notebook in ``notebooks/`` is stored as a jupytext ``py:percent`` script (no outputs in git); the
test converts it to a notebook and executes every cell in a fresh kernel of this Python interpreter, in
a temporary working directory, within a time limit. A cell that raises (including the notebooks' own
``assert`` lines, which check numbers against the papers) fails the test.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
#: Seconds any one cell may take, and the whole notebook (2 loaded cores: a few times the idle time).
CELL_TIME_LIMIT = 240
NOTEBOOK_TIME_LIMIT = {"default": 240, "slow": 600}
#: Notebooks left out of the default run (they start worker processes or a Dask cluster).
SLOW = {"04_sweeps_and_cluster.py"}

jupytext = pytest.importorskip("jupytext")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def notebook_params() -> list:
    return [
        pytest.param(path.name, marks=[pytest.mark.slow] if path.name in SLOW else [], id=path.stem)
        for path in sorted(NOTEBOOKS.glob("*.py"))
    ]


@pytest.fixture
def kernel_of_this_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec running ``sys.executable`` with this checkout's ``src`` first on the path."""
    spec = tmp_path / "jupyter" / "kernels" / "bargainlab-test"
    spec.mkdir(parents=True)
    python_path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "bargainlab tests",
        "language": "python",
        "env": {"PYTHONPATH": python_path, "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "bargainlab-test"


def test_there_are_four_tutorials():
    names = {path.name for path in NOTEBOOKS.glob("*.py")}
    assert len(names) == 4 and SLOW <= names


@pytest.mark.parametrize("name", notebook_params())
def test_notebook_runs(name: str, kernel_of_this_python: str, tmp_path: Path):
    import time

    notebook = jupytext.read(NOTEBOOKS / name)
    assert not any(cell.get("outputs") for cell in notebook.cells), "notebooks are stored without outputs"
    work = tmp_path / "work"
    work.mkdir()
    client = nbclient.NotebookClient(
        notebook,
        kernel_name=kernel_of_this_python,
        timeout=CELL_TIME_LIMIT,
        resources={"metadata": {"path": str(work)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    limit = NOTEBOOK_TIME_LIMIT["slow" if name in SLOW else "default"]
    assert seconds < limit, f"{name} took {seconds:.0f} s (limit {limit} s)"
    # results display richly: at least one cell shows an HTML table of a bargainlab result
    html = [
        output["data"]["text/html"]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "text/html" in output.get("data", {})
    ]
    assert html, f"{name}: no rich (HTML) output"
