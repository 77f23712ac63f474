"""The figure contract: FigureData writes PNG, SVG and CSV by suffix; figures never touch pyplot."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import numpy as np
import pytest

from bargainlab.errors import InvalidParameterError
from bargainlab.viz.figure import FigureData, new_figure

pytest.importorskip("matplotlib")


def _square(points: int = 5) -> FigureData:
    figure = new_figure()
    axes = figure.subplots()
    x = np.linspace(0, 1, points)
    axes.plot(x, x**2)
    return FigureData(figure, {"x": x, "y": x**2}, "square", {"n": points})


@pytest.fixture
def figure_data():
    return _square()


def test_write_by_suffix(figure_data, tmp_path):
    png = figure_data.write(tmp_path / "f.png")
    svg = figure_data.write(tmp_path / "f.svg")
    data = figure_data.write(tmp_path / "f.csv")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:500]
    rows = list(csv.reader(data.open()))
    assert rows[0] == ["x", "y"] and len(rows) == 6
    assert float(rows[-1][1]) == pytest.approx(1.0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv", "f.png", "f.svg"]  # no temporary files left


def test_unknown_suffix_is_rejected(figure_data, tmp_path):
    with pytest.raises(InvalidParameterError, match="out must be a file name ending in .png, .svg, .csv"):
        figure_data.write(tmp_path / "f.gif")
    assert list(tmp_path.iterdir()) == []


def test_columns_must_have_equal_lengths():
    with pytest.raises(ValueError, match="different lengths"):
        FigureData(None, {"a": np.zeros(2), "b": np.zeros(3)}, "bad")


def test_data_only_figure_writes_csv_and_refuses_images(tmp_path):
    data = FigureData(None, {"a": np.arange(3.0)}, "data")
    assert data.to_bytes(".csv").decode().splitlines() == ["a", "0.0", "1.0", "2.0"]
    with pytest.raises(InvalidParameterError, match="there is no figure"):
        data.write(tmp_path / "f.png")


def test_to_bytes_is_the_file_content(figure_data, tmp_path):
    assert figure_data.to_bytes(".csv") == figure_data.write(tmp_path / "f.csv").read_bytes()
    assert figure_data.to_bytes(".CSV").decode().splitlines()[1] == "0.0,0.0"
    assert figure_data.to_bytes(".png")[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(InvalidParameterError, match="out must be a file name ending in .png, .svg, .csv; got '.pdf'"):
        figure_data.to_bytes(".pdf")


def test_many_figures_leave_no_pyplot_state(tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    before = plt.get_fignums()
    figures = [_square(points) for points in range(2, 27)]
    for data in figures[::8]:
        data.write(tmp_path / f"f{len(data.columns['x'])}.png")
    assert len(figures) == 25 and all(type(data.figure) is Figure for data in figures)
    assert plt.get_fignums() == before  # no figure registered with pyplot (other tests may have left some)


def _pyplot_imports(source: str) -> list[int]:
    """Lines of ``source`` that import matplotlib's pyplot (``import matplotlib.pyplot``, ``from matplotlib
    import pyplot``, ``from matplotlib.pyplot import ...``), lazy imports inside functions included."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        if any(name == "matplotlib.pyplot" or name.startswith("matplotlib.pyplot.") for name in names):
            lines.append(node.lineno)
    return lines


def test_no_module_of_the_package_imports_pyplot():
    """Figures are matplotlib.figure.Figure objects (docs/architecture.md, "Figures"): no module of
    the package, lazy imports included, imports ``matplotlib.pyplot`` (the app's ``st.pyplot`` is
    Streamlit's, not an import)."""
    package = Path(__file__).resolve().parents[2] / "src" / "bargainlab"
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 50
    found = {
        str(path.relative_to(package)): lines
        for path in modules
        if (lines := _pyplot_imports(path.read_text(encoding="utf-8")))
    }
    assert not found, f"modules importing matplotlib.pyplot (line numbers): {found}"


def test_the_pyplot_guard_sees_every_spelling():
    source = (
        "import matplotlib.pyplot as plt\n"
        "def f():\n"
        "    from matplotlib import pyplot\n"
        "    from matplotlib.pyplot import subplots\n"
    )
    assert _pyplot_imports(source) == [1, 3, 4]
    assert _pyplot_imports("import matplotlib\nfrom matplotlib.figure import Figure\nst.pyplot(x)\n") == []
