"""Shared pieces of the command line: a parser with one-line errors, list parsing, output."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from bargainlab.errors import InvalidParameterError

__all__ = [
    "CommandGroups",
    "HelpFormatter",
    "Parser",
    "UsageError",
    "number_list",
    "prior_value",
    "finite_number",
    "whole_number",
    "emit_json",
]


class UsageError(Exception):
    """Raised by :class:`Parser` instead of printing usage and exiting."""


class HelpFormatter(argparse.HelpFormatter):
    """Help that pastes: example lines kept whole, every default and every choice shown.

    - A line of a description or epilog that starts with ``example:`` (or with spaces) is printed as
      written, never re-wrapped, so an example command can be copied from any terminal width; other
      text is filled to the width as usual (paragraphs separated by blank lines).
    - Each option with a default (other than ``None`` and ``False``) ends with ``(default: X)``
      unless its help already says ``default``; each option with choices lists them.
    """

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out: list[str] = []
        paragraph: list[str] = []

        def flush() -> None:
            if paragraph:
                out.append(super(HelpFormatter, self)._fill_text(" ".join(paragraph), width, indent))
                paragraph.clear()

        for line in text.splitlines():
            if not line.strip():
                flush()
                out.append("")
            elif line.startswith(("example:", " ")):
                flush()
                out.append(indent + line)
            else:
                paragraph.append(line.strip())
        flush()
        return "\n".join(out)

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if isinstance(action, argparse._SubParsersAction) or text == argparse.SUPPRESS:
            return text
        extra = []
        if action.choices is not None and not all(str(choice) in text for choice in action.choices):
            extra.append("choices: " + ", ".join(str(choice) for choice in action.choices))
        shown = action.default not in (None, False, argparse.SUPPRESS) and action.default != []
        if shown and "default" not in text.lower() and (action.option_strings or action.nargs in ("?", "*")):
            extra.append("default: %(default)s")
        return f"{text} ({'; '.join(extra)})" if extra else text


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors become :class:`UsageError` (printed as one line).

    Values such as ``-1,1`` are read as values (so that the library can say what is wrong
    with a negative value) instead of as unknown options. Help is formatted by
    :class:`HelpFormatter` (examples kept on one line, defaults and choices shown).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d[\d.,eE+-]*$")

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


#: The command groups of ``bargainlab GROUP MODEL ...`` and their help lines.
GROUP_HELP = {
    "solve": "solve a model at one parameter point",
    "plot": "draw a figure (PNG, SVG, and its data as CSV)",
    "check": "test the papers' claims over parameter draws and print a certificate",
    "mechanism": "show a mechanism of the papers at given parameters",
    "reproduce": "reproduce a paper's figures and numbers",
    "sweep": "solve a model over a parameter grid",
}


class CommandGroups:
    """Lazily created command groups (``solve``, ``plot``, ...) for command modules to fill.

    Parameters
    ----------
    commands
        The top-level sub-parsers action of the ``bargainlab`` parser.
    """

    def __init__(self, commands: argparse._SubParsersAction) -> None:
        self.top = commands
        self._groups: dict[str, argparse._SubParsersAction] = {}

    def group(self, name: str) -> argparse._SubParsersAction:
        """The sub-parsers of group ``name`` (created on first use)."""
        if name not in self._groups:
            parser = self.top.add_parser(name, help=GROUP_HELP[name], description=GROUP_HELP[name])
            models = parser.add_subparsers(dest="model", metavar="MODEL", parser_class=Parser)
            models.required = True
            self._groups[name] = models
        return self._groups[name]


def _float(text: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(str(InvalidParameterError(option, text, "a number"))) from None
    return value


def number_list(option: str) -> Callable[[str], list[float]]:
    """An argparse ``type`` reading a comma-separated list of numbers for ``option``."""

    def parse(text: str) -> list[float]:
        items = [item.strip() for item in text.split(",")]
        if any(item == "" for item in items):
            raise argparse.ArgumentTypeError(
                str(InvalidParameterError(option, text, "a comma-separated list of numbers, e.g. 0,0.5"))
            )
        return [_float(item, option) for item in items]

    return parse


def prior_value(option: str) -> Callable[[str], Any]:
    """An argparse ``type`` for a prior: one probability (two types) or a comma-separated list."""

    def parse(text: str) -> Any:
        if "," in text:
            return number_list(option)(text)
        return _float(text.strip(), option)

    return parse


def finite_number(option: str) -> Callable[[str], float]:
    """An argparse ``type`` reading one number (range checks happen in the library)."""

    def parse(text: str) -> float:
        value = _float(text.strip(), option)
        if math.isnan(value):
            raise argparse.ArgumentTypeError(str(InvalidParameterError(option, text, "a number")))
        return value

    return parse


def whole_number(option: str) -> Callable[[str], float]:
    """An argparse ``type`` reading a count: an int as typed, else a number (the library's
    :func:`~bargainlab.core.inputs.integer` then says it must be an integer in its range)."""

    def parse(text: str) -> float:
        try:
            return int(text.strip())
        except ValueError:
            return finite_number(option)(text)

    return parse


def emit_json(data: dict[str, Any]) -> None:
    """Print one JSON object (NaN/inf are not allowed in the output).

    .. deprecated::
        Use :func:`bargainlab.cli.output.emit` (the one output path, which adds ``model``,
        ``parameters`` and ``bargainlab_version``). Kept only while commands migrate; it is removed
        once no command calls it.
    """
    sys.stdout.write(json.dumps(data, indent=2, allow_nan=False) + "\n")
