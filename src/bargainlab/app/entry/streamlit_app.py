"""Entry script of the web app: ``streamlit run`` this file (or ``bargainlab app``).

The default page (at ``/``) is a short home page linking every model. Every page module of
:mod:`bargainlab.app.pages` (found by :func:`~bargainlab.app.pages.discover`, sorted by
``ORDER``) becomes a page at the URL path of its module name (e.g. ``/two_sided``), so that a
page's address with its query parameters is a permanent link. (Streamlit serves its default
page only at ``/``, which is why the home page, not a model, is the default.)
"""

from __future__ import annotations

from types import ModuleType

import streamlit as st

from bargainlab._version import __version__
from bargainlab.app.pages import discover

__all__ = ["main", "pages", "home", "summary"]

HOME_TITLE = "bargainlab"


def summary(module: ModuleType) -> str:
    """The first paragraph of a page module's docstring (what the page shows)."""
    text = (module.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(text.split())


def home() -> None:
    """The home page: what the app is and a link to every model's page."""
    st.title(HOME_TITLE)
    st.markdown(
        "Compute, check and see bargaining outcomes under incomplete information. Every number comes from "
        "the `bargainlab` library (its linear programs are the arbiter of the papers' closed forms); "
        "every page's address is a permanent link to its parameter point."
    )
    for module in discover():
        st.page_link(_page_of(module), label=module.TITLE, icon=":material/arrow_forward:")
        st.caption(summary(module))


_PAGES: dict[str, st.Page] = {}


def _page_of(module: ModuleType) -> st.Page:
    name = module.__name__.rsplit(".", 1)[-1]
    if name not in _PAGES:
        _PAGES[name] = st.Page(module.render, title=module.TITLE, url_path=name)
    return _PAGES[name]


def pages() -> list[st.Page]:
    """The home page, then one ``st.Page`` per discovered page module."""
    return [st.Page(home, title="Home", icon=":material/home:", default=True)] + [
        _page_of(module) for module in discover()
    ]


def main() -> None:
    """Configure the app and run the selected page."""
    st.set_page_config(page_title="bargainlab", page_icon=":material/handshake:", layout="wide")
    page = st.navigation(pages())
    st.sidebar.caption(f"bargainlab {__version__} · numbers from the library's solvers, checked by its tests")
    page.run()


if __name__ == "__main__":  # Streamlit runs the entry script as __main__
    main()
