"""The one input layer: every user-facing number, list, prior, grid and distribution is read here.

Each reader takes the raw input and the parameter's machine ``key`` (its Python name, e.g.
``"bargaining_power"``; the vocabulary table in ``docs/architecture.md``) and an optional display
``label`` (e.g. ``"β"``), and returns the validated value or raises
:class:`~bargainlab.errors.InvalidParameterError` naming the key, the value and the allowed range.
The command line maps the key to the option as the user typed it, the web app to its widget.
Models call these readers at their public entry points and never re-validate in their own words.

Rejected everywhere: booleans where numbers are expected, NaN and infinities, strings where a
list of numbers is expected.

Examples
--------
>>> number(0.5, "bargaining_power", low=0, high=1, label="β")
0.5
>>> number(7, "bargaining_power", low=0, high=1, label="β")
Traceback (most recent call last):
...
bargainlab.errors.InvalidParameterError: β must be a number in [0, 1]; got 7
>>> value_list([0, 0.5], "values1")
(0.0, 0.5)
>>> prior(0.25, 2, "prior1")
(0.75, 0.25)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from bargainlab.errors import InvalidParameterError
from bargainlab.tolerances import PRIOR_SUM_TOL

__all__ = [
    "PriorLike",
    "number",
    "probability",
    "integer",
    "seed",
    "number_sequence",
    "value_list",
    "prior",
    "probability_grid",
    "as_distribution",
    "interval_text",
]

#: A prior: a sequence of probabilities (one per value), or for two types the probability of
#: the high type, or for one type ``None``/1.
PriorLike = float | Sequence[float] | None

#: Largest seed accepted (NumPy's generators take any non-negative integer; this keeps seeds
#: printable and portable).
MAX_SEED = 2**63 - 1


def _show_bound(bound: float) -> str:
    """A bound as typed: integers exactly (``9223372036854775807``), other numbers with ``:g``."""
    if isinstance(bound, (int, np.integer)) and not isinstance(bound, bool):
        return str(int(bound))
    return f"{bound:g}"


def interval_text(low: float | None, high: float | None, low_open: bool = False, high_open: bool = False) -> str:
    """The allowed range as text, e.g. ``"[0, 1]"``, ``"(0, 1]"``, ``">= 0"``.

    >>> interval_text(0, 1, low_open=True)
    '(0, 1]'
    >>> interval_text(0, None)
    '>= 0'
    >>> interval_text(0, 2**63 - 1)
    '[0, 9223372036854775807]'
    """
    if low is not None and high is not None:
        return f"{'(' if low_open else '['}{_show_bound(low)}, {_show_bound(high)}{')' if high_open else ']'}"
    if low is not None:
        return f"{'>' if low_open else '>='} {_show_bound(low)}"
    if high is not None:
        return f"{'<' if high_open else '<='} {_show_bound(high)}"
    return "any finite number"


#: Types that are certainly numbers in the sense of :func:`_is_number` (checked by identity, faster
#: than the ``numbers.Real`` test; anything else takes that test).
_PLAIN_NUMBERS = frozenset({float, int, np.float64, np.int64})


def _is_number(raw: object) -> bool:
    return isinstance(raw, (numbers.Real, np.integer, np.floating)) and not isinstance(raw, (bool, np.bool_))


def number(
    raw: object,
    key: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    label: str | None = None,
    detail: str = "",
) -> float:
    """A finite number in the given range (open or closed at either end).

    Parameters
    ----------
    raw
        The input: an int or float (not a bool), or a NumPy scalar.
    key, label
        The parameter's Python name and display text.
    low, high, low_open, high_open
        The allowed range; ``None`` for no bound.
    detail
        Extra explanation added to the error message.
    """
    value = float(raw) if type(raw) in _PLAIN_NUMBERS or _is_number(raw) else math.nan  # type: ignore[arg-type]
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if math.isfinite(value) and not too_low and not too_high:
        return value
    allowed = (  # the message is built only for an error
        "a number" if low is None and high is None else f"a number in {interval_text(low, high, low_open, high_open)}"
    )
    if low is not None and high is None:
        allowed = f"a number {interval_text(low, None, low_open)}"
    if high is not None and low is None:
        allowed = f"a number {interval_text(None, high, high_open=high_open)}"
    if not _is_number(raw):
        raise InvalidParameterError(key, raw, allowed, detail, label=label)
    if not math.isfinite(value):
        raise InvalidParameterError(key, raw, allowed.replace("a number", "a finite number", 1), detail, label=label)
    raise InvalidParameterError(key, raw, allowed, detail, label=label)


def probability(raw: object, key: str, *, label: str | None = None) -> float:
    """A probability in [0, 1]."""
    return number(raw, key, low=0.0, high=1.0, label=label)


def integer(raw: object, key: str, *, low: int | None = None, high: int | None = None, label: str | None = None) -> int:
    """An integer in [low, high] (floats with an integral value are accepted; bools are not)."""
    allowed = f"an integer in {interval_text(low, high)}" if low is not None and high is not None else "an integer"
    if low is not None and high is None:
        allowed = f"an integer {interval_text(low, None)}"
    if not _is_number(raw) or not math.isfinite(float(raw)) or float(raw) != int(float(raw)):  # type: ignore[arg-type]
        raise InvalidParameterError(key, raw, allowed, label=label)
    value = int(float(raw))  # type: ignore[arg-type]
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidParameterError(key, raw, allowed, label=label)
    return value


def seed(raw: object, key: str = "seed", *, label: str | None = None) -> int | None:
    """A random seed: ``None`` (fresh entropy) or an integer in [0, 2**63 - 1]."""
    if raw is None:
        return None
    return integer(raw, key, low=0, high=MAX_SEED, label=label)


def number_sequence(raw: object, key: str, *, label: str | None = None) -> tuple[float, ...]:
    """A sequence of finite numbers (any length, no bools, not a string)."""
    if isinstance(raw, (tuple, list)) and type(raw) in (tuple, list) and _PLAIN_NUMBERS.issuperset(map(type, raw)):
        plain = tuple(map(float, raw))  # the common case, fast: every entry a plain number
        if all(map(math.isfinite, plain)):
            return plain
    elif type(raw) is np.ndarray and raw.ndim == 1 and raw.dtype.kind == "f":
        plain = tuple(raw.tolist())
        if all(map(math.isfinite, plain)):
            return plain
    allowed = "a sequence of numbers"
    if isinstance(raw, (str, bytes)) or isinstance(raw, (bool, np.bool_)):
        raise InvalidParameterError(key, raw, allowed, label=label)
    if isinstance(raw, np.ndarray) and raw.ndim != 1:
        raise InvalidParameterError(key, raw, "a one-dimensional sequence of numbers", label=label)
    try:
        items = list(raw)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidParameterError(key, raw, allowed, label=label) from None
    out = []
    for position, item in enumerate(items):
        if not _is_number(item):
            raise InvalidParameterError(key, raw, allowed, f"entry {position} is not a number", label=label)
        value = float(item)
        if not math.isfinite(value):
            raise InvalidParameterError(
                key, raw, "a sequence of finite numbers", f"entry {position} is {value}", label=label
            )
        out.append(value)
    return tuple(out)


def value_list(raw: object, key: str, *, label: str | None = None) -> tuple[float, ...]:
    """A player's values: a non-empty, strictly increasing list of finite non-negative numbers."""
    values = number_sequence(raw, key, label=label)
    if not values:
        raise InvalidParameterError(key, [], "a non-empty list of values (at least one type)", label=label)
    for position, value in enumerate(values):
        if value < 0:
            raise InvalidParameterError(
                key, list(values), "a list of non-negative values", f"entry {position} is {value}", label=label
            )
    for position in range(1, len(values)):
        if values[position] <= values[position - 1]:
            raise InvalidParameterError(
                key,
                list(values),
                "a strictly increasing list of distinct values",
                f"entry {position} ({values[position]}) is not above entry {position - 1} ({values[position - 1]})",
                label=label,
            )
    return values


def prior(
    raw: PriorLike, n: int, key: str, values_key: str = "values", *, label: str | None = None
) -> tuple[float, ...]:
    """A prior over ``n`` types: ``n`` probabilities summing to 1, or for two types the
    probability of the high type, or for one type ``None``/1. Returned normalised to sum 1."""
    if raw is None:
        if n == 1:
            return (1.0,)
        raise InvalidParameterError(
            key, None, f"a list of {n} probabilities (one per value in {values_key})", label=label
        )
    if _is_number(raw):
        if n == 2:
            p = float(raw)  # type: ignore[arg-type]
            if not math.isfinite(p):
                raise InvalidParameterError(key, raw, "a finite probability in [0, 1]", label=label)
            if not 0.0 <= p <= 1.0:
                raise InvalidParameterError(key, raw, "a probability of the high type in [0, 1]", label=label)
            return (1.0 - p, p)
        if n == 1:
            p = number(raw, key, label=label)
            if abs(p - 1.0) > PRIOR_SUM_TOL:
                raise InvalidParameterError(key, p, "1 (or omitted) for a player with a single type", label=label)
            return (1.0,)
        raise InvalidParameterError(
            key,
            raw,
            f"a list of {n} probabilities, one per value in {values_key}",
            "a single number is the probability of the high type and needs exactly two values",
            label=label,
        )
    probabilities = number_sequence(raw, key, label=label)
    if len(probabilities) != n:
        raise InvalidParameterError(
            key,
            list(probabilities),
            f"a list of {n} probabilities, one per value in {values_key}",
            f"got {len(probabilities)} entries",
            label=label,
        )
    if not (probabilities and 0.0 <= min(probabilities) and max(probabilities) <= 1.0):  # else find the entry
        for position, q in enumerate(probabilities):
            if not 0.0 <= q <= 1.0:
                raise InvalidParameterError(
                    key,
                    list(probabilities),
                    "a list of probabilities in [0, 1]",
                    f"entry {position} is {q}",
                    label=label,
                )
    total = math.fsum(probabilities)
    if abs(total - 1.0) > PRIOR_SUM_TOL:
        raise InvalidParameterError(
            key,
            list(probabilities),
            f"a list of probabilities summing to 1 (within {PRIOR_SUM_TOL:g})",
            f"they sum to {total!r}",
            label=label,
        )
    return tuple(map(total.__rtruediv__, probabilities))  # q / total for each q


def probability_grid(raw: object, key: str, *, label: str | None = None) -> np.ndarray:
    """An array (any shape) of probabilities in [0, 1], vectorised (the belief grids of maps and sweeps)."""
    if isinstance(raw, (bool, np.bool_, str, bytes)):
        raise InvalidParameterError(key, raw, "an array of probabilities in [0, 1]", label=label)
    try:
        array = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameterError(key, raw, "an array of probabilities in [0, 1]", label=label) from None
    bad = ~np.isfinite(array) | (array < 0.0) | (array > 1.0)
    if bad.any():
        position = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f"entry {position[0] if len(position) == 1 else position}"
        raise InvalidParameterError(
            key,
            array.reshape(-1)[:8],
            "an array of probabilities in [0, 1]",
            f"{where} is {array[position]}",
            label=label,
        )
    return array


def as_distribution(
    dist: Any, key: str, *, support: tuple[float, float] | None = None, label: str | None = None
) -> Any:
    """A :class:`~bargainlab.core.distributions.Distribution` from any of its spellings.

    Parameters
    ----------
    dist
        A ``Distribution``; a name as in ``scipy.stats`` (``"uniform"``, ``"beta(2,3)"``); a frozen
        ``scipy.stats`` continuous distribution; or a one-dimensional sample of values.
    key, label
        The parameter's Python name (e.g. ``"seller"``) and display text.
    support
        Optional truncation of the support.
    """
    from bargainlab.core import distributions

    allowed = "a Distribution, a name such as 'uniform' or 'beta(2,3)', a frozen scipy.stats distribution or a sample"
    if isinstance(dist, distributions.Distribution):
        return dist
    if isinstance(dist, str):
        return distributions.parse_distribution(dist, support=support, parameter=key)
    if _is_frozen_scipy(dist):
        return _relabel(lambda: distributions.Distribution.from_scipy(dist, support=support), key, label)
    if isinstance(dist, (Sequence, np.ndarray)) and not isinstance(dist, (bytes, bytearray)):
        sample = number_sequence(dist, key, label=label)
        return _relabel(lambda: distributions.Distribution.from_sample(np.asarray(sample)), key, label)
    raise InvalidParameterError(key, dist, allowed, label=label)


def _is_frozen_scipy(dist: object) -> bool:
    return type(dist).__name__ == "rv_continuous_frozen" or (hasattr(dist, "dist") and hasattr(dist, "ppf"))


def _relabel(build: Any, key: str, label: str | None) -> Any:
    """Run ``build`` and re-key its parameter errors to ``key`` (e.g. "sample" -> "buyer")."""
    try:
        return build()
    except InvalidParameterError as error:
        raise InvalidParameterError(
            key, error.value, error.allowed, error.detail, label=f"{label or key} ({error.label})"
        ) from None
