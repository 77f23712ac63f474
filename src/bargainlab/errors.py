"""The one exception family of bargainlab.

Every invalid user input raises :class:`InvalidParameterError`, whose message names the
parameter, the value received and the allowed range. A linear program that does not reach
optimality raises :class:`SolverError`. Both derive from :class:`BargainlabError`, itself a
:class:`ValueError`, so ``except ValueError`` also catches them.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["BargainlabError", "InvalidParameterError", "SolverError", "MissingDependencyError"]


class BargainlabError(ValueError):
    """Base class of every error raised on purpose by bargainlab."""


class InvalidParameterError(BargainlabError):
    """A user-facing input is outside its allowed range.

    Parameters
    ----------
    parameter
        The parameter's machine key: its Python name (e.g. ``"bargaining_power"``, ``"values1"``).
        The command line maps it to the option as the user typed it (``--beta``), the web app
        to its widget. An older spelling with the display text after a space
        (``"bargaining_power (β)"``) is split into key and label.
    value
        The value received.
    allowed
        Human-readable description of what is allowed (e.g. ``"a number in [0, 1]"``).
    detail
        Optional extra explanation appended to the message.
    label
        Display text of the parameter (e.g. ``"bargaining_power (β)"``); defaults to the key.

    Examples
    --------
    >>> error = InvalidParameterError("bargaining_power", 7, "a number in [0, 1]", label="β")
    >>> error.key, str(error)
    ('bargaining_power', 'β must be a number in [0, 1]; got 7')
    >>> error.describe("--beta")
    '--beta must be a number in [0, 1]; got 7'
    """

    def __init__(self, parameter: str, value: Any, allowed: str, detail: str = "", label: str | None = None) -> None:
        self.key = parameter.partition(" ")[0]
        self.label = label if label is not None else parameter
        self.parameter = self.key
        self.value = value
        self.allowed = allowed
        self.detail = detail
        super().__init__(self.describe(self.label))

    def describe(self, name: str) -> str:
        """The message with the parameter called ``name`` (an option as typed, a widget label)."""
        message = f"{name} must be {self.allowed}; got {_show(self.value)}"
        if self.detail:
            message += f" ({self.detail})"
        return message


class SolverError(BargainlabError):
    """A linear program did not reach an optimal solution."""


class MissingDependencyError(BargainlabError):
    """An optional package is not installed; the message names the extra that installs it."""


def _show(value: Any) -> str:
    """Short, readable rendering of a parameter value for error messages."""
    numpy = sys.modules.get("numpy")  # an array exists only once NumPy is loaded: never load it here
    if numpy is not None and isinstance(value, numpy.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value)
