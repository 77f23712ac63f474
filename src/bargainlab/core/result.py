"""The one result family: a small frozen base that every result of bargainlab uses.

A result is a frozen dataclass deriving from :class:`Result`. It declares the model it belongs
to (class variable ``model``, e.g. ``"two-sided"``), the inputs it was computed from
(``parameters``: a field or property giving a dict keyed by the inputs' Python names) and how it
was computed (``method``: a field, property or class variable, e.g. ``"lp"``). The base gives:

- :meth:`Result.to_dict`: a JSON-safe dict built from the fields (no hand-written ``to_dict``):
  ``model``, ``parameters``, ``method`` first, then every field under its Python name, then the
  properties named in ``extra_fields``; nested results, intervals, arrays and tuples are converted
  recursively, NaN/inf become ``None``;
- :meth:`Result.to_frame`: a ``pandas.DataFrame`` (pandas imported only here): the result's own
  table where it is tabular (override :meth:`Result._frame_columns`), otherwise one row of its
  scalar entries, so that ``pd.concat([r.to_frame() for r in results])`` tabulates many solves;
- a short ``repr`` and notebook display (``_repr_pretty_`` for IPython, ``_repr_html_`` for
  Jupyter) built from the text report.

The text report (``str(result)``) lives in :mod:`bargainlab.report`: a report module registers a
renderer for its result classes with :func:`renders`. A result without a renderer is shown as an
aligned list of its entries.

Examples
--------
>>> from dataclasses import dataclass
>>> from typing import ClassVar
>>> @dataclass(frozen=True, repr=False)
... class Toy(Result):
...     model: ClassVar[str] = "toy"
...     method: ClassVar[str] = "closed_form"
...     share: float
...     @property
...     def parameters(self):
...         return {"bargaining_power": self.share}
>>> Toy(0.25).to_dict()
{'model': 'toy', 'parameters': {'bargaining_power': 0.25}, 'method': 'closed_form', 'share': 0.25}
>>> Toy(0.25)
<Toy model='toy' method='closed_form' share=0.25>
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from pathlib import PurePath
from typing import Any, ClassVar, TypeVar

import numpy as np

__all__ = ["Result", "renders", "render_text", "to_jsonable", "flatten"]

R = TypeVar("R", bound="Result")

#: Text renderers registered by the report modules, by result class.
_RENDERERS: dict[type, Callable[[Any], str]] = {}

#: The package whose modules register the renderers (loaded on the first ``str(result)``).
_REPORT_PACKAGE = "bargainlab.report"

#: Largest number of entries shown by the short ``repr``.
REPR_ENTRIES = 4


def renders(cls: type[R]) -> Callable[[Callable[[R], str]], Callable[[R], str]]:
    """Register the decorated function as the text report of results of class ``cls``."""

    def register(function: Callable[[R], str]) -> Callable[[R], str]:
        _RENDERERS[cls] = function
        return function

    return register


def _renderer(cls: type) -> Callable[[Any], str] | None:
    for klass in cls.__mro__:
        if klass in _RENDERERS:
            return _RENDERERS[klass]
    return None


def render_text(result: Result) -> str:
    """The text report of ``result``: its registered renderer, or an aligned list of entries."""
    renderer = _renderer(type(result))
    if renderer is None:
        # The report modules register themselves on import (a plug-in registry, looked up by
        # name so that this lowest layer does not import the one above it).
        import importlib

        importlib.import_module(_REPORT_PACKAGE)
        renderer = _renderer(type(result))
    if renderer is not None:
        return renderer(result)
    return _generic_text(result)


def _generic_text(result: Result) -> str:
    title = f"{type(result).__name__} ({result.model})" if result.model else type(result).__name__
    rows = [(key, value) for key, value in flatten(result.to_dict()).items() if key != "model"]
    width = max((len(key) for key, _ in rows), default=0)
    return "\n".join([title, *(f"  {key.ljust(width)}  {_short(value)}" for key, value in rows)])


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def to_jsonable(value: Any) -> Any:
    """``value`` converted recursively to JSON-safe Python (dict, list, str, int, float, bool, None).

    Results and objects with ``to_dict`` become dicts, intervals (``to_list``) lists, arrays and
    tuples lists, numpy scalars Python numbers, enums their value, paths strings; NaN and
    infinities become ``None`` and ``-0.0`` becomes ``0.0``.

    Examples
    --------
    >>> to_jsonable({"a": (1, np.float64(-0.0)), "b": np.array([[1.5, np.nan]])})
    {'a': [1, 0.0], 'b': [[1.5, None]]}
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, np.bool_):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number + 0.0 if math.isfinite(number) else None
    if isinstance(value, Enum):
        return to_jsonable(value.value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset, range)):
        return [to_jsonable(item) for item in value]
    for method in ("to_dict", "to_list"):
        convert = getattr(value, method, None)
        if callable(convert):
            return to_jsonable(convert())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if hasattr(value, "numerator") and hasattr(value, "denominator"):  # fractions.Fraction
        return str(value)
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts flattened to dotted keys (lists of scalars kept as they are).

    >>> flatten({"a": {"b": 1, "c": [1, 2]}, "d": 2})
    {'a.b': 1, 'a.c': [1, 2], 'd': 2}
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, name + "."))
        else:
            out[name] = value
    return out


@dataclasses.dataclass(frozen=True, repr=False)
class Result:
    """Base of every result: JSON-safe ``to_dict``, ``to_frame``, short ``repr``, notebook display.

    Subclasses are frozen dataclasses (``@dataclass(frozen=True, repr=False)``) that set the class
    variable ``model`` and provide ``parameters`` and ``method`` (fields, properties or class
    variables). ``hidden_fields`` names fields left out of :meth:`to_dict` (e.g. an environment
    already given by ``parameters``); ``extra_fields`` names properties added to it;
    ``summary_fields`` chooses the entries of the short ``repr``.
    """

    #: The model the result belongs to (the CLI's model name, e.g. ``"two-sided"``).
    model: ClassVar[str] = ""
    #: Fields left out of :meth:`to_dict`.
    hidden_fields: ClassVar[tuple[str, ...]] = ()
    #: Properties added to :meth:`to_dict` after the fields.
    extra_fields: ClassVar[tuple[str, ...]] = ()
    #: Entries shown by the short ``repr`` (default: the first few scalar entries).
    summary_fields: ClassVar[tuple[str, ...]] = ()

    # -- the common fields --------------------------------------------------------------------
    def _common(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.model}
        parameters = getattr(self, "parameters", None)
        if parameters is not None:
            out["parameters"] = parameters
        method = getattr(self, "method", None)
        if method is not None:
            out["method"] = method
        return out

    def _entries(self) -> Iterator[tuple[str, Any]]:
        common = self._common()
        yield from common.items()
        for field in dataclasses.fields(self):
            if field.name in common or field.name in self.hidden_fields:
                continue
            yield field.name, getattr(self, field.name)
        for name in self.extra_fields:
            yield name, getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe representation built from the fields (``model``, ``parameters``, ``method`` first)."""
        return {name: to_jsonable(value) for name, value in self._entries()}

    # -- tables -------------------------------------------------------------------------------
    def _frame_columns(self) -> Mapping[str, Any] | None:
        """The result's own table as equal-length columns, or ``None`` when it is not tabular."""
        return None

    def to_frame(self) -> Any:
        """A ``pandas.DataFrame``: the result's table, or one row of its scalar entries.

        Needs pandas (``pip install pandas``).
        """
        import pandas as pd

        columns = self._frame_columns()
        if columns is not None:
            return pd.DataFrame({name: np.asarray(values) for name, values in columns.items()})
        row = {
            key: value
            for key, value in flatten(self.to_dict()).items()
            if value is None or isinstance(value, (bool, int, float, str))
        }
        return pd.DataFrame([row])

    # -- display ------------------------------------------------------------------------------
    def __str__(self) -> str:
        return render_text(self)

    def __repr__(self) -> str:
        data = self.to_dict()
        names = self.summary_fields or tuple(
            key for key, value in data.items() if key != "parameters" and isinstance(value, (bool, int, float, str))
        )
        shown = [
            f"{name}={data[name]!r}" for name in names[: max(REPR_ENTRIES, len(self.summary_fields))] if name in data
        ]
        return f"<{type(self).__name__} {' '.join(shown)}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self) if cycle else str(self))

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(str(self))}</pre>"
