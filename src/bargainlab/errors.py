"""The one exception family of bargainlab.

Every invalid user input raises :class:`InvalidParameterError`, whose message names the
parameter, the value received and the allowed range. A linear program that does not reach
optimality raises :class:`SolverError`. Both derive from :class:`BargainlabError`, itself a
:class:`ValueError`, so ``except ValueError`` also catches them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BargainlabError", "InvalidParameterError", "SolverError"]


class BargainlabError(ValueError):
    """Base class of every error raised on purpose by bargainlab."""


class InvalidParameterError(BargainlabError):
    """A user-facing input is outside its allowed range.

    Parameters
    ----------
    parameter
        Name of the offending parameter as the user wrote it (e.g. ``"values1"``).
    value
        The value received.
    allowed
        Human-readable description of what is allowed (e.g. ``"a number in [0, 1]"``).
    detail
        Optional extra explanation appended to the message.
    """

    def __init__(self, parameter: str, value: Any, allowed: str, detail: str = "") -> None:
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
        self.detail = detail
        message = f"{parameter} must be {allowed}; got {_show(value)}"
        if detail:
            message += f" ({detail})"
        super().__init__(message)


class SolverError(BargainlabError):
    """A linear program did not reach an optimal solution."""


def _show(value: Any) -> str:
    """Short, readable rendering of a parameter value for error messages."""
    try:
        import numpy as np

        if isinstance(value, np.ndarray):
            value = value.tolist()
    except ImportError:  # pragma: no cover - numpy is a hard dependency
        pass
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value)
