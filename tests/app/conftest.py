"""Helpers for Streamlit ``AppTest`` tests of the app pages."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

#: Seconds an ``AppTest`` run may take (the first run imports the libraries).
APP_TIMEOUT = 60


def page_test(name: str, query: dict[str, str] | None = None) -> AppTest:
    """An AppTest of page module ``name`` with the URL's query parameters ``query``, run once."""
    at = AppTest.from_string(f"from bargainlab.app.pages import {name}; {name}.render()", default_timeout=APP_TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def chart_spec(at: AppTest, key: str) -> dict:
    """The plotly figure (as JSON) of the chart with ``key``."""
    (element,) = [e for e in at.get("plotly_chart") if e.key == key]
    return json.loads(element.proto.spec)


def trace(spec: dict, name: str) -> dict:
    """The trace called ``name``."""
    (found,) = [t for t in spec["data"] if t.get("name") == name]
    return found


def sidebar_nodes(at) -> list:
    """The sidebar's elements in order, blocks flattened (the panel draws its inputs in one block)."""
    out = []
    for node in at.sidebar.children.values():
        children = getattr(node, "children", None)
        if children and type(node).__name__ == "Block":
            out += list(children.values())
        else:
            out.append(node)
    return out


def sidebar_error_after(at, key: str) -> str | None:
    """The error shown right below the sidebar input ``key`` (None if there is none)."""
    nodes = sidebar_nodes(at)
    index = next(k for k, node in enumerate(nodes) if getattr(node, "key", None) == key)
    following = nodes[index + 1] if index + 1 < len(nodes) else None
    return following.value if type(following).__name__ == "Error" else None


def as_array(values) -> np.ndarray:
    """A plotly array (plain list or typed-array dict) as NumPy."""
    if isinstance(values, dict) and "bdata" in values:
        import base64

        raw = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        if "shape" not in values:
            return raw
        shape = values["shape"]
        return raw.reshape([int(n) for n in shape.split(",")] if isinstance(shape, str) else shape)
    return np.asarray(values, dtype=float)


@pytest.fixture(autouse=True)
def fresh_caches():
    """Each test starts with empty Streamlit caches (counts of computations are then exact)."""
    import streamlit as st

    st.cache_data.clear()
    yield
