"""Entry script of the web app: ``streamlit run`` this file (or ``bargainlab app``).

Every page module of :mod:`bargainlab.app.pages` (found by
:func:`~bargainlab.app.pages.discover`, sorted by ``ORDER``) becomes a page of the navigation,
at the URL path of its module name (e.g. ``/two_sided``); the first page is the default.
"""

from __future__ import annotations

import streamlit as st

from bargainlab import __version__
from bargainlab.app.pages import discover

__all__ = ["main", "pages"]


def pages() -> list[st.Page]:
    """One ``st.Page`` per discovered page module."""
    return [
        st.Page(module.render, title=module.TITLE, url_path=module.__name__.rsplit(".", 1)[-1], default=index == 0)
        for index, module in enumerate(discover())
    ]


def main() -> None:
    """Configure the app and run the selected page."""
    st.set_page_config(page_title="bargainlab", page_icon=":material/handshake:", layout="wide")
    page = st.navigation(pages())
    st.sidebar.caption(f"bargainlab {__version__} · numbers from the library's solvers, checked by its tests")
    page.run()


if __name__ == "__main__":  # Streamlit runs the entry script as __main__
    main()
