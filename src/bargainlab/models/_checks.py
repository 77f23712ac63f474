"""Validation of scalar parameters shared by the models of this package (not part of the API).

Every check raises :class:`~bargainlab.errors.InvalidParameterError` naming the parameter, the
value received and the allowed range.
"""

from __future__ import annotations

import math
from typing import Any

from bargainlab.errors import InvalidParameterError

__all__ = ["finite", "in_interval"]


def finite(name: str, value: Any) -> float:
    """``value`` as a finite float, or an error naming ``name``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidParameterError(name, value, "a finite number") from None
    if not math.isfinite(number):
        raise InvalidParameterError(name, number, "a finite number")
    return number


def in_interval(
    name: str,
    value: Any,
    low: float,
    high: float,
    *,
    open_low: bool = False,
    open_high: bool = False,
    detail: str = "",
) -> float:
    """``value`` as a float in the interval from ``low`` to ``high`` (ends open or closed)."""
    left, right = "(" if open_low else "[", ")" if open_high else "]"
    allowed = f"a number in {left}{low:g}, {high:g}{right}"
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidParameterError(name, value, allowed, detail) from None
    below = number <= low if open_low else number < low
    above = number >= high if open_high else number > high
    if not math.isfinite(number) or below or above:
        raise InvalidParameterError(name, number, allowed, detail)
    return number
