"""Figure files carry their provenance: bargainlab's version, the title, the parameters and the data's columns."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from bargainlab._version import __version__

pytest.importorskip("matplotlib")

from bargainlab.viz.figure import FigureData, new_figure  # noqa: E402

PARAMETERS = {"values1": [0.0, 0.5], "bargaining_power": 0.5}


def line_figure() -> FigureData:
    figure = new_figure((3, 2))
    x = np.linspace(0, 1, 5)
    figure.subplots().plot(x, x**2)
    return FigureData(figure, {"x": x, "y": x**2}, "x squared", {"figure": "line", "parameters": PARAMETERS})


def check(record: dict) -> None:
    assert record["bargainlab_version"] == __version__ and record["title"] == "x squared"
    assert record["parameters"] == PARAMETERS and record["columns"] == ["x", "y"] and record["figure"] == "line"


def test_png_text_chunks_hold_the_provenance(tmp_path):
    image = pytest.importorskip("PIL.Image")
    path = line_figure().write(tmp_path / "f.png")
    with image.open(path) as png:
        text = dict(png.text)
    assert text["Title"] == "x squared" and text["Software"] == f"bargainlab {__version__}"
    check(json.loads(text["Description"]))


def test_svg_metadata_holds_the_provenance(tmp_path):
    import html

    svg = line_figure().write(tmp_path / "f.svg").read_text(encoding="utf-8")
    description = re.search(r"<dc:description>(.*?)</dc:description>", svg, re.S)
    assert description is not None and f"bargainlab {__version__}" in svg
    check(json.loads(html.unescape(description.group(1))))


def test_csv_stays_a_plain_table(tmp_path):
    text = line_figure().write(tmp_path / "f.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "x,y" and len(text.splitlines()) == 6
