"""Pieces every app page shares: parameter inputs with in-place errors, permanent links, downloads.

A page declares its inputs as :class:`Field` objects and draws them with a
:class:`ParameterPanel`. Every field is also a query parameter of the page's URL: on a new
session the panel restores the fields from the link, and :meth:`ParameterPanel.publish_link`
writes the current values back, so the browser's address is always a permanent link to the
parameter point. Errors (unparsable text, a value the library rejects) are shown with
``st.error`` right below the input they concern, never as a traceback.

Example of a page using it::

    with ParameterPanel([Field("beta", "β", 0.5, kind="number")], st.sidebar) as panel:
        raw = panel.render()
        env = panel.build(lambda: make_environment(raw), {"bargaining_power": "beta"})
        panel.publish_link()
        ...  # the rest of the page: an error found here still lands below its input
"""

from __future__ import annotations

import functools
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import streamlit as st

from bargainlab.core.environment import TypeSpace
from bargainlab.core.limits import MAX_TEXT_CHARS, check_text
from bargainlab.errors import InvalidParameterError
from bargainlab.viz.figure import FigureData, csv_text

__all__ = [
    "Field",
    "ParameterPanel",
    "number_list",
    "prior",
    "PRIOR_FIELDS",
    "download_buttons",
    "MIME_TYPES",
    "error_boundary",
    "SharedCache",
    "SessionEnded",
    "session_alive",
    "check_alive",
]

T = TypeVar("T")

#: MIME type of each download format.
MIME_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".csv": "text/csv", ".json": "application/json"}


def error_boundary(render: Callable[[], None]) -> Callable[[], None]:
    """``render`` with an error boundary: an unexpected exception shows one line with ``st.error``.

    A page never shows a traceback. Streamlit's own control flow (stop, rerun) derives from
    ``BaseException`` and passes through; a :class:`SessionEnded` (the browser tab was closed)
    ends the page quietly.
    """
    if getattr(render, "_error_boundary", False):
        return render

    @functools.wraps(render)
    def guarded() -> None:
        try:
            render()
        except SessionEnded:
            return
        except Exception as error:  # noqa: BLE001 - the boundary: one line, never a traceback
            detail = str(error).splitlines()[0][:200] if str(error) else ""
            st.error(
                f"This page hit an internal error ({type(error).__name__}: {detail}). Change an input or reload "
                "the page; please report it if it persists."
            )

    guarded._error_boundary = True  # type: ignore[attr-defined]
    return guarded


class SessionEnded(Exception):
    """Raised inside a long computation when the browser session that asked for it has ended."""


def session_alive() -> bool:
    """False once the session running this script has ended (tab closed); True outside a server."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not Runtime.exists():
        return True
    return bool(Runtime.instance().is_active_session(ctx.session_id))


def check_alive() -> None:
    """Raise :class:`SessionEnded` if this session has ended: called between chunks of long work."""
    if not session_alive():
        raise SessionEnded


K = TypeVar("K", bound=Hashable)


class SharedCache:
    """A small least-recently-used cache shared by all sessions, for computations that report progress.

    ``st.cache_data`` records the Streamlit calls made inside a cached function and replays them on
    a hit; a progress bar created outside the function then fails (``CacheReplayClosureError``, the
    "Payoffs over beliefs" tab shown again). This cache stores only the value, so the progress
    callback may draw freely and the second request of the same curve is a plain hit.

    Parameters
    ----------
    size
        Entries kept (least recently used first out).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value of ``key``, else ``compute()`` stored under it."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]  # type: ignore[no-any-return,unused-ignore]
        value = compute()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


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


#: The players' priors (``prior1``, ``prior2``; parsed with :func:`prior`) of every page of a
#: two-sided environment: player → its field, one definition for all (labels, defaults, link keys).
PRIOR_FIELDS = {
    1: Field(
        "prior1",
        "Player 1's prior",
        "0.5",
        "The probability of the highest value (two types), or one probability per value, comma-separated",
    ),
    2: Field("prior2", "Player 2's prior", "0.5", "As player 1's prior"),
}


class ParameterPanel:
    """Inputs drawn in ``container`` (e.g. ``st.sidebar``), each error right below its input.

    :meth:`render` reads the inputs (from the session, seeded from the link) and reserves the
    panel's place; the inputs are drawn when the panel is closed (the end of its ``with`` block,
    or :meth:`draw`), once every error of the run is known: an input with an error is followed
    by one ``st.error``, an input without one by nothing. (Placeholders for errors that may come
    would be an element message each on every rerun, which the browser renders.) Streamlit reads a
    widget's value from the session before the widget is drawn, so the page computes as usual.

    Parameters
    ----------
    fields
        The inputs, in display order.
    container
        Where to draw (default: the main area).
    optional
        Keys of text fields that may be left empty.

    Examples
    --------
    The page's code runs inside the panel's ``with`` block, so that errors found anywhere in
    it land below their inputs (and the inputs are drawn even if the page fails)::

        with ParameterPanel(FIELDS, st.sidebar) as panel:
            raw = panel.render()
            ...
    """

    def __init__(self, fields: Sequence[Field], container: Any = None, optional: Sequence[str] = ()) -> None:
        self.fields = {field.key: field for field in fields}
        self.optional = set(optional)
        self.container = container if container is not None else st.container()
        self._place: Any = None
        self._drawn = False
        self.errors: dict[str, str] = {}

    def __enter__(self) -> ParameterPanel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.draw()

    # ------------------------------------------------------------------ link
    def _restore(self) -> None:
        """Seed each field once per session: from the URL's query parameter, else the default."""
        for key, field in self.fields.items():
            if key in st.session_state:
                continue
            raw = st.query_params.get(key)
            if raw is None:
                st.session_state[key] = field.default
            elif len(raw) > MAX_TEXT_CHARS:
                st.session_state[key] = field.default
                self.errors[key] = (
                    f"{key} in the link is {len(raw):,} characters long (at most {MAX_TEXT_CHARS:,}); "
                    "the input shows the default instead"
                )
            elif field.kind == "number":
                try:
                    st.session_state[key] = _finite(raw)
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
        """Reserve the panel's place and read every input; return the raw values (text or float) by key.

        Empty inputs are flagged at once; the inputs themselves are drawn by :meth:`draw`.
        """
        self._restore()
        self._place = self.container.container()
        for key, field in self.fields.items():
            if field.kind == "number" and st.session_state[key] is None:
                self.error(key, f"{field.label} is empty: enter a number")
            elif field.kind == "text" and not str(st.session_state[key]).strip() and key not in self.optional:
                self.error(key, f"{field.label} is empty: enter a value")
        return {key: st.session_state[key] for key in self.fields}

    def draw(self) -> None:
        """Draw every input in the place :meth:`render` reserved, each error right below its input (once)."""
        if self._drawn or self._place is None:
            return
        self._drawn = True
        with self._place:
            for key, field in self.fields.items():
                if field.kind == "number":
                    st.number_input(
                        field.label, value=None, key=key, step=field.step, format="%.4g", help=field.help or None
                    )
                else:
                    st.text_input(field.label, key=key, help=field.help or None)
                if key in self.errors:
                    st.error(self.errors[key])

    def error(self, key: str, message: str) -> None:
        """Show ``message`` right below input ``key`` (the first error of a field wins).

        Errors found after :meth:`draw` (outside the panel's ``with`` block) are not shown.
        """
        if key not in self.errors:
            self.errors[key] = message

    def _message(self, key: str, error: InvalidParameterError) -> str:
        """The error in the words of the page: the parameter named by its field's label."""
        return error.describe(self.fields[key].label)

    @property
    def valid(self) -> bool:
        """True when no input has an error."""
        return not self.errors

    def parse(self, key: str, parser: Callable[[str, str], T]) -> T | None:
        """``parser(text, key)`` on field ``key``'s text; on an error show it below the field, return None."""
        try:
            return parser(check_text(str(st.session_state[key]), key), key)
        except InvalidParameterError as error:
            self.error(key, self._message(key, error))
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
            self.error(key, self._message(key, error) if error.key in parameter_keys else str(error))
            return None


def _finite(text: str) -> float:
    """A finite number from link text, else ValueError (``nan``, ``inf`` are not numbers here)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _link_text(value: Any) -> str:
    if value is None:
        return ""
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
    row = st.container(horizontal=True)  # one block (st.columns would add one per button)
    for suffix in (".csv", ".png", ".svg"):
        with row:
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


def player_space(player: int, values: list[float], belief: Any) -> TypeSpace:
    """One player's type space, its errors keyed ``values{player}``/``prior{player}`` (the
    fields of :data:`PRIOR_FIELDS` and the value fields), so the panel shows them below the field."""
    try:
        return TypeSpace(values, belief)
    except InvalidParameterError as error:
        key = f"{error.key}{player}"
        raise InvalidParameterError(key, error.value, error.allowed, error.detail, label=key) from None
