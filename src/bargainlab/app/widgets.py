"""Pieces every app page shares: parameter inputs with in-place errors, permanent links, downloads.

A page declares its inputs as :class:`Field` objects and draws them with a
:class:`ParameterPanel`. Every field is also a query parameter of the page's URL: on a new
session the panel restores the fields from the link, and :meth:`ParameterPanel.publish_link`
writes the current values back, so the browser's address is always a permanent link to the
parameter point. Errors (unparsable text, a value the library rejects) are shown with
``st.error`` right below the input they concern, never as a traceback.

Example of a page using it::

    panel = ParameterPanel([Field("beta", "β", 0.5, kind="number")], st.sidebar)
    raw = panel.render()
    env = panel.build(lambda: make_environment(raw), {"bargaining_power": "beta"})
    panel.publish_link()
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import streamlit as st

from bargainlab.errors import InvalidParameterError
from bargainlab.viz.figure import FigureData, csv_text

__all__ = [
    "Field",
    "ParameterPanel",
    "number_list",
    "prior",
    "download_buttons",
    "MIME_TYPES",
]

T = TypeVar("T")

#: MIME type of each download format.
MIME_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".csv": "text/csv", ".json": "application/json"}


@dataclass(frozen=True)
class Field:
    """One input of a page; ``key`` is both the session-state key and the query-parameter name.

    Attributes
    ----------
    key
        Session-state key and URL query parameter.
    label
        The label shown.
    default
        Value of a fresh session without a link (text for ``"text"``, a number for ``"number"``).
    help
        Tooltip text.
    kind
        ``"text"`` (free text, parsed by the page) or ``"number"`` (a number box; ranges are
        checked by the library so that a wrong value gets the library's message).
    step
        Step of the number box's +/- buttons.
    """

    key: str
    label: str
    default: str | float
    help: str = ""
    kind: Literal["text", "number"] = "text"
    step: float = 0.01


def number_list(text: str, parameter: str) -> list[float]:
    """Parse ``"0, 0.5"`` into numbers; :class:`InvalidParameterError` names ``parameter``.

    Examples
    --------
    >>> number_list(" 0, 0.5 ,1", "values1")
    [0.0, 0.5, 1.0]
    """
    items = [item.strip() for item in text.replace(";", ",").split(",")]
    allowed = "a comma-separated list of numbers, e.g. 0, 0.5"
    if not text.strip() or any(item == "" for item in items):
        raise InvalidParameterError(parameter, text, allowed)
    out = []
    for position, item in enumerate(items):
        try:
            value = float(item)
        except ValueError:
            raise InvalidParameterError(parameter, text, allowed, f"entry {position} is not a number") from None
        if not math.isfinite(value):
            raise InvalidParameterError(parameter, text, allowed, f"entry {position} is {value}")
        out.append(value)
    return out


def prior(text: str, parameter: str) -> float | list[float]:
    """Parse a prior: one number (probability of the high type) or a comma-separated list.

    Examples
    --------
    >>> prior("0.25", "prior1"), prior("0.2, 0.8", "prior1")
    (0.25, [0.2, 0.8])
    """
    values = number_list(text, parameter)
    return values[0] if len(values) == 1 and "," not in text else values


class ParameterPanel:
    """Inputs drawn in ``container`` (e.g. ``st.sidebar``), each with an error slot right below it.

    Parameters
    ----------
    fields
        The inputs, in display order.
    container
        Where to draw (default: the main area).
    """

    def __init__(self, fields: Sequence[Field], container: Any = None) -> None:
        self.fields = {field.key: field for field in fields}
        self.container = container if container is not None else st.container()
        self._slots: dict[str, Any] = {}
        self.errors: dict[str, str] = {}

    # ------------------------------------------------------------------ link
    def _restore(self) -> None:
        """Seed each field once per session: from the URL's query parameter, else the default."""
        for key, field in self.fields.items():
            if key in st.session_state:
                continue
            raw = st.query_params.get(key)
            if raw is None:
                st.session_state[key] = field.default
            elif field.kind == "number":
                try:
                    st.session_state[key] = float(raw)
                except ValueError:
                    st.session_state[key] = field.default
                    self.errors[key] = (
                        f"{key} in the link must be a number; got {raw!r} (the input shows the default instead)"
                    )
            else:
                st.session_state[key] = raw

    def publish_link(self, extra: Mapping[str, str] | None = None) -> None:
        """Write every field's current value (and ``extra``) to the URL: a permanent link to this point."""
        params = {key: _link_text(st.session_state[key]) for key in self.fields}
        params.update(extra or {})
        if dict(st.query_params.to_dict()) != params:
            st.query_params.from_dict(params)

    # ------------------------------------------------------------------ inputs
    def render(self) -> dict[str, Any]:
        """Draw every input with its error slot; return the raw values (text or float) by key."""
        self._restore()
        with self.container:
            for key, field in self.fields.items():
                if field.kind == "number":
                    st.number_input(field.label, key=key, step=field.step, format="%.4g", help=field.help or None)
                else:
                    st.text_input(field.label, key=key, help=field.help or None)
                self._slots[key] = st.empty()
        for key, message in list(self.errors.items()):
            self._slots[key].error(message)
        return {key: st.session_state[key] for key in self.fields}

    def error(self, key: str, message: str) -> None:
        """Show ``message`` right below input ``key`` (the first error of a field wins)."""
        if key in self.errors and self.errors[key] != message:
            return
        self.errors[key] = message
        self._slots[key].error(message)

    @property
    def valid(self) -> bool:
        """True when no input has an error."""
        return not self.errors

    def parse(self, key: str, parser: Callable[[str, str], T]) -> T | None:
        """``parser(text, key)`` on field ``key``'s text; on an error show it below the field, return None."""
        try:
            return parser(str(st.session_state[key]), key)
        except InvalidParameterError as error:
            self.error(key, str(error))
            return None

    def build(self, builder: Callable[[], T], parameter_keys: Mapping[str, str]) -> T | None:
        """Run ``builder``; an :class:`InvalidParameterError` goes below the field of its parameter.

        ``parameter_keys`` maps the library's parameter keys (Python names, e.g.
        ``"bargaining_power"``) to field keys; an unmapped parameter is shown below the last field.
        """
        try:
            return builder()
        except InvalidParameterError as error:
            key = parameter_keys.get(error.key, list(self.fields)[-1])
            self.error(key, str(error))
            return None


def _link_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def download_buttons(make: Callable[[], FigureData], columns: Mapping[str, Any], stem: str, key: str) -> None:
    """CSV, PNG and SVG download buttons for a figure, each file made only when it is clicked.

    Parameters
    ----------
    make
        Builds the matplotlib :class:`FigureData` for PNG and SVG (called lazily, in a worker thread).
    columns
        The figure's data columns, written as CSV (no figure is drawn for it).
    stem
        File name without suffix.
    key
        Unique key prefix for the buttons.
    """
    for column, suffix in zip(st.columns(3), (".csv", ".png", ".svg")):
        with column:
            st.download_button(
                f"{suffix[1:].upper()}",
                data=_lazy_bytes(make, columns, suffix),
                file_name=f"{stem}{suffix}",
                mime=MIME_TYPES[suffix],
                key=f"{key}-{suffix[1:]}",
                on_click="ignore",
                icon=":material/download:",
                help="the data behind the figure" if suffix == ".csv" else f"the figure as {suffix[1:].upper()}",
            )


def _lazy_bytes(make: Callable[[], FigureData], columns: Mapping[str, Any], suffix: str) -> Callable[[], bytes]:
    def content() -> bytes:
        return csv_text(columns).encode() if suffix == ".csv" else make().to_bytes(suffix)

    return content
