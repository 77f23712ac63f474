"""``bargainlab plot two-sided`` and ``bargainlab app``: files, data, progress and one-line errors."""

from __future__ import annotations

import csv

import pytest

from bargainlab.app import serve
from bargainlab.cli import app as app_command
from bargainlab.cli.main import main
from bargainlab.cli.progress import ProgressBar
from tests.cli.helpers import run

POINT = ["--values1", "0,0.5", "--values2", "0.5,1", "--prior1", "0.5", "--prior2", "0.5", "--beta", "0.5"]


def read_csv(path):
    """Header and rows; numbers as floats, labels (the a² zone) as text."""

    def cell(text):
        try:
            return float(text)
        except ValueError:
            return text

    rows = list(csv.reader(path.open()))
    return rows[0], [[cell(x) for x in row] for row in rows[1:]]


def test_gap_map_writes_png_svg_and_csv_from_one_computation(tmp_path, capsys):
    outs = [tmp_path / "m.png", tmp_path / "m.svg", tmp_path / "m.csv"]
    code, out, err = run(
        ["plot", "two-sided", "gap-map", *POINT, "--resolution", "11", *sum([["--out", str(p)] for p in outs], [])],
        capsys,
    )
    assert code == 0 and err == ""
    assert out.splitlines() == [str(p) for p in outs]
    header, rows = read_csv(outs[2])
    assert len(rows) == 121 and header[3] == "gap" and header[-1] == "zone"
    assert max(r[3] for r in rows) == pytest.approx(0.0625, abs=1e-12)
    assert {r[-1] for r in rows} <= {"A", "B", "C", "D"}
    assert outs[0].read_bytes()[:4] == b"\x89PNG" and b"<svg" in outs[1].read_bytes()[:500]


def test_payoffs_show_a_progress_bar_on_stderr(tmp_path, capsys):
    code, out, err = run(
        ["plot", "two-sided", "payoffs", *POINT, "--points", "11", "--vary", "2", "--out", str(tmp_path / "p.csv")],
        capsys,
    )
    assert code == 0
    assert err.startswith("payoffs:") and "11/11" in err.splitlines()[-1] and "\r" not in err  # plain lines
    header, rows = read_csv(tmp_path / "p.csv")
    assert header[0] == "prior2" and len(rows) == 11


def test_no_progress_and_curves(tmp_path, capsys):
    code, _, err = run(
        ["plot", "two-sided", "delta", *POINT, "--points", "20", "--no-progress", "--out", str(tmp_path / "d.csv")],
        capsys,
    )
    assert code == 0 and err == ""
    header, rows = read_csv(tmp_path / "d.csv")
    assert rows[-1][header.index("leading_term")] == pytest.approx(0.375)
    code, _, _ = run(["plot", "two-sided", "beta", *POINT, "--points", "3", "--out", str(tmp_path / "b.csv")], capsys)
    header, rows = read_csv(tmp_path / "b.csv")
    assert code == 0 and [r[header.index("gap")] for r in rows] == pytest.approx([0, 0.0625, 0])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["gap-map", "--out", "x.gif"], "out must be a file name ending in .png, .svg, .csv; got 'x.gif'"),
        (
            ["gap-map", "--out", "x.png", "--points", "5"],
            "--points must be given only with KIND payoffs or beta or delta",
        ),
        (["beta", "--out", "x.png", "--vary", "2"], "--vary must be given only with KIND payoffs; got 2"),
        (["gap-map", "--out", "x.png", "--resolution", "1"], "--resolution must be an integer in [2, 1001]; got 1"),
        (["payoffs", "--out", "x.png", "--vary", "3"], "vary must be 1 or 2"),
        (["map", "--out", "x.png"], "argument KIND: invalid choice: 'map'"),
    ],
)
def test_wrong_input_is_one_line_on_stderr_with_exit_code_2(tmp_path, capsys, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["plot", "two-sided", extra[0], *POINT, *extra[1:]], capsys)
    assert code == 2 and out == ""
    assert err.startswith("bargainlab: error: ") and message in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_invalid_parameters_are_reported_by_name(tmp_path, capsys):
    argv = ["plot", "two-sided", "gap-map", *POINT, "--out", str(tmp_path / "m.png")]
    argv[argv.index("--beta") + 1] = "1.5"
    code, _, err = run(argv, capsys)
    assert code == 2 and "--beta must be a number in [0, 1]; got 1.5" in err


def test_app_command_serves_the_entry_script_on_localhost(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(app_command, "run_until_stopped", lambda command: calls.append(command) or 0)
    code, out, _ = run(["app", "--port", "8765", "--no-browser"], capsys)
    assert code == 0 and "http://127.0.0.1:8765" in out
    (command,) = calls
    assert command[1:5] == ["-m", "streamlit", "run", str(serve.ENTRY_SCRIPT)] and serve.ENTRY_SCRIPT.exists()
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "8765"
    assert command[command.index("--server.headless") + 1] == "true"


def test_app_command_errors(monkeypatch, capsys):
    code, _, err = run(["app", "--port", "70000"], capsys)
    assert code == 2 and "port must be an integer from 1 to 65535; got 70000" in err
    monkeypatch.setattr(serve.importlib.util, "find_spec", lambda name: None)
    code, _, err = run(["app"], capsys)
    assert code == 2 and "pip install 'bargainlab[app]'" in err


class FakeTerminal:
    def __init__(self, tty):
        self.text, self.tty = "", tty

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def test_progress_bar_redraws_on_a_terminal_and_logs_tenths_on_a_pipe():
    terminal, pipe = FakeTerminal(True), FakeTerminal(False)
    for stream in (terminal, pipe):
        bar = ProgressBar("map", stream)
        for done in range(1, 101):
            bar(done, 100)
    assert "\r" in terminal.text and "100/100" in terminal.text.split("\r")[-1]  # tqdm, redrawn in place
    assert len(pipe.text.splitlines()) == 11 and "100/100" in pipe.text.splitlines()[-1] and "\r" not in pipe.text
    quiet = FakeTerminal(False)
    ProgressBar("map", quiet)(1, 1)
    assert quiet.text == ""


def test_dominance_figure_writes_data_and_png(tmp_path, capsys):
    """``plot two-sided dominance``: the Figure 5.1 view's data (a¹ and a² per belief q)."""

    csv_path, png_path = tmp_path / "dominance.csv", tmp_path / "dominance.png"
    code = main(
        [
            "plot",
            "two-sided",
            "dominance",
            "--values1",
            "0.1,0.7",
            "--values2",
            "0.4,1",
            "--prior1",
            "0.2",
            "--prior2",
            "0.8",
            "--beta",
            "0.5",
            "--points",
            "5",
            "--out",
            str(csv_path),
            "--out",
            str(png_path),
            "--no-progress",
        ]
    )
    assert code == 0
    header, *rows = csv_path.read_text().splitlines()
    assert header == "belief,a1_low,a1_high,a2_low,a2_high" and len(rows) == 5
    assert png_path.read_bytes()[:4] == b"\x89PNG"
    code = main(
        [
            "plot",
            "two-sided",
            "dominance",
            "--values1",
            "0.1,1",
            "--values2",
            "0.4,0.9",
            "--prior1",
            "0.5",
            "--prior2",
            "0.5",
            "--beta",
            "0.5",
            "--out",
            str(tmp_path / "x.csv"),
            "--no-progress",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "a¹ and a² are defined there" in err
