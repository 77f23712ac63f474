"""The command line speaks the conventions: every option explained, defaults and choices shown, examples that paste.

Walks the whole argparse tree of ``bargainlab`` (every group and command) and checks each parser's help as a
user sees it in an 80-column terminal.
"""

from __future__ import annotations

import argparse
import re

import pytest

from bargainlab.cli.common import HelpFormatter
from bargainlab.cli.main import build_parser


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every parser under ``parser`` (itself included) with its command path."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from walk(child, (*path, name))


PARSERS = {" ".join(path) or "bargainlab": parser for path, parser in walk(build_parser())}
LEAVES = {
    name: parser
    for name, parser in PARSERS.items()
    if not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
}


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        action
        for action in parser._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction, argparse._VersionAction))
    ]


def help_of(action: argparse.Action, prog: str) -> str:
    """The option's help line as printed (defaults and choices added by the formatter)."""
    text = HelpFormatter(prog)._get_help_string(action)
    return text % {**vars(action), "default": action.default, "prog": prog} if "%(" in text else text


def test_every_parser_uses_the_conventions_formatter():
    wrong = [name for name, parser in PARSERS.items() if parser.formatter_class is not HelpFormatter]
    assert not wrong


def test_there_are_commands_to_check():
    assert len(LEAVES) > 20 and "plot two-sided" in LEAVES and "app" in LEAVES


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_every_option_is_explained_with_its_default_and_choices(name: str):
    parser = PARSERS[name]
    problems = []
    for action in options(parser):
        label = "/".join(action.option_strings) or action.dest
        text = help_of(action, parser.prog)
        if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
            problems.append(f"{label}: no help")
            continue
        if action.default not in (None, False, [], argparse.SUPPRESS) and "default" not in text.lower():
            problems.append(f"{label}: default {action.default!r} not shown")
        missing = [str(c) for c in action.choices or () if str(c) not in text]
        if missing:
            problems.append(f"{label}: choices {missing} not listed")
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_the_example_is_one_line_at_80_columns(name: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "80")
    parser = LEAVES[name]
    examples = [line for line in (parser.epilog or "").splitlines() if line.startswith("example:")]
    assert examples, f"{name}: no 'example: bargainlab ...' line in its epilog"
    shown = parser.format_help().splitlines()
    for example in examples:
        assert example in shown, f"{name}: the example is wrapped in --help:\n{parser.format_help()}"
        assert re.match(rf"example: bargainlab {re.escape(name)}( |$)", example), example


def test_plot_two_sided_lists_its_kinds():
    text = PARSERS["plot two-sided"].format_help()
    for kind in ("gap-map", "payoffs", "beta", "delta", "dominance"):
        assert kind in text


def test_a_default_is_added_where_the_help_does_not_state_it():
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter)
    parser.add_argument("--points", type=int, default=7, help="points on the curve")
    parser.add_argument("--kind", choices=["a", "b"], default="a", help="which one")
    parser.add_argument("--flag", action="store_true", help="a switch")
    parser.epilog = "example: " + " ".join(["x"] * 60)
    text = " ".join(parser.format_help().split())
    assert "points on the curve (default: 7)" in text and "which one (choices: a, b; default: a)" in text
    assert "a switch (default" not in text
    assert parser.epilog in parser.format_help().splitlines()
