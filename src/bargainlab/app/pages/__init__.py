"""App pages, one module per model.

The page contract: a module in this package defines

* ``TITLE: str`` — the page title in the navigation;
* ``ORDER: int`` — its position (smaller first);
* ``render() -> None`` — draws the page with Streamlit calls.

:func:`discover` finds them; the app's entry script turns each into an ``st.Page``. A page is
testable on its own with ``streamlit.testing.v1.AppTest.from_string(
"from bargainlab.app.pages import NAME; NAME.render()")``.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

__all__ = ["discover"]


def discover() -> list[ModuleType]:
    """Every page module of this package, sorted by ``ORDER`` then name.

    Each module's ``render`` is wrapped in the error boundary
    (:func:`bargainlab.app.widgets.error_boundary`): an unexpected exception inside a page is
    one ``st.error`` line, never a traceback.
    """
    from bargainlab.app.widgets import error_boundary

    modules = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "render") and hasattr(module, "TITLE"):
            setattr(module, "render", error_boundary(module.render))  # noqa: B010 (a module attribute)
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
