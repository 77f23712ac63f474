"""The economics: one module or package per model of the papers.

The model modules are loaded on first use (PEP 562), so that ``bargainlab.models.one_sided``
works without an explicit import and importing one model does not import the others.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def _model_names() -> list[str]:
    """The modules and packages of this package."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def __getattr__(name: str) -> Any:
    """Import the model module ``name`` on first use."""
    if name.startswith("_") or name not in _model_names():
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_model_names()))
