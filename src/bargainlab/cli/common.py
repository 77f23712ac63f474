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

__all__ = ["Parser", "UsageError", "number_list", "prior_value", "finite_number", "emit_json"]


class UsageError(Exception):
    """Raised by :class:`Parser` instead of printing usage and exiting."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors become :class:`UsageError` (printed as one line).

    Values such as ``-1,1`` are read as values (so that the library can say what is wrong
    with a negative value) instead of as unknown options.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d[\d.,eE+-]*$")

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


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


def emit_json(data: dict[str, Any]) -> None:
    """Print one JSON object (NaN/inf are not allowed in the output)."""
    sys.stdout.write(json.dumps(data, indent=2, allow_nan=False) + "\n")
