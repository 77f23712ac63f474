"""The figure contract: FigureData writes PNG, SVG and CSV by suffix."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from bargainlab.errors import InvalidParameterError
from bargainlab.viz.figure import FigureData, use_headless_backend


@pytest.fixture
def figure_data():
    use_headless_backend()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 5)
    ax.plot(x, x**2)
    yield FigureData(fig, {"x": x, "y": x**2}, "square", {"n": 5})
    plt.close(fig)


def test_write_by_suffix(figure_data, tmp_path):
    png = figure_data.write(tmp_path / "f.png")
    svg = figure_data.write(tmp_path / "f.svg")
    data = figure_data.write(tmp_path / "f.csv")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:500]
    rows = list(csv.reader(data.open()))
    assert rows[0] == ["x", "y"] and len(rows) == 6
    assert float(rows[-1][1]) == pytest.approx(1.0)


def test_unknown_suffix_is_rejected(figure_data, tmp_path):
    with pytest.raises(InvalidParameterError, match="out must be a file name ending in .png, .svg, .csv"):
        figure_data.write(tmp_path / "f.gif")


def test_columns_must_have_equal_lengths():
    with pytest.raises(ValueError, match="different lengths"):
        FigureData(None, {"a": np.zeros(2), "b": np.zeros(3)}, "bad")


def test_to_bytes_is_the_file_content(figure_data, tmp_path):
    assert figure_data.to_bytes(".csv") == figure_data.write(tmp_path / "f.csv").read_bytes()
    assert figure_data.to_bytes(".CSV").decode().splitlines()[1] == "0.0,0.0"
    assert figure_data.to_bytes(".png")[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(InvalidParameterError, match="out must be a file name ending in .png, .svg, .csv; got '.pdf'"):
        figure_data.to_bytes(".pdf")
