"""The one progress bar (bargainlab.core.progress): tqdm on terminals and in notebooks, plain lines in logs."""

from __future__ import annotations

import io

import pytest

from bargainlab.core import progress as progress_module
from bargainlab.core.progress import LOG_STEPS, ProgressBar


class Stream(io.StringIO):
    """A text stream that says whether it is a terminal."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def drive(bar: ProgressBar, total: int = 100) -> None:
    for done in range(1, total + 1):
        bar(done, total)


def test_a_log_gets_plain_lines_one_per_tenth_and_no_carriage_return():
    log = Stream(tty=False)
    drive(ProgressBar("map", log, unit="point"))
    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue()
    assert len(lines) == LOG_STEPS + 1  # the first step, then each tenth
    assert lines[0].startswith("map:   1%") and lines[-1].startswith("map: 100%") and "100/100" in lines[-1]
    assert all(len(line) <= 80 for line in lines)


def test_a_terminal_gets_tqdms_bar_redrawn_in_place():
    terminal = Stream(tty=True)
    drive(ProgressBar("map", terminal))
    text = terminal.getvalue()
    assert "\r" in text and "100/100" in text and text.endswith("\n")  # closed: the line is ended


def test_small_work_draws_nothing_and_a_closed_bar_stays_quiet():
    quiet = Stream(tty=False)
    ProgressBar("map", quiet)(1, 1)
    assert quiet.getvalue() == ""
    log = Stream(tty=False)
    bar = ProgressBar("map", log)
    drive(bar, 20)
    written = log.getvalue()
    bar(20, 20)
    assert log.getvalue() == written


def test_in_a_notebook_without_widgets_the_text_bar_is_used(monkeypatch: pytest.MonkeyPatch):
    """In a kernel the bar is tqdm.notebook's widget; without ipywidgets, tqdm's text bar (rendered in place)."""
    pytest.importorskip("tqdm")
    monkeypatch.setattr(progress_module, "in_notebook", lambda: True)
    import tqdm.notebook

    created = []

    class NoWidgets:
        def __init__(self, **options):
            created.append(options)
            raise ImportError("IProgress not found")

    monkeypatch.setattr(tqdm.notebook, "tqdm", NoWidgets)
    cell = Stream(tty=False)
    drive(ProgressBar("sweep", cell, unit="point"))
    assert created and created[0]["total"] == 100 and created[0]["desc"] == "sweep"
    assert "\r" in cell.getvalue() and "100/100" in cell.getvalue()


def test_outside_a_kernel_there_is_no_notebook():
    assert not progress_module.in_notebook()


def test_the_command_lines_bar_is_the_same_bar():
    from bargainlab.cli import progress as cli_progress

    assert cli_progress.ProgressBar is ProgressBar
