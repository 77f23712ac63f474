"""Every public function is documented numpydoc-style: Parameters (when it takes any), Returns and Examples.

The public functions are those of the ``__all__`` of bargainlab's public modules, the same list the API
contract fuzzes (:data:`tests.contract.api_fuzz.PUBLIC_MODULES`); the documentation site renders these
docstrings (mkdocstrings, numpy style), so a missing section is a hole in the API reference.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.contract.api_fuzz import public_functions

#: A numpydoc section heading: the title on one line, dashes of the same length on the next.
SECTION = re.compile(r"^\s*([A-Z][A-Za-z ]+)\n\s*(-+)\s*$", re.M)

FUNCTIONS = public_functions()


def sections(doc: str) -> dict[str, str]:
    """The numpydoc sections of ``doc`` by title, with their bodies."""
    doc = inspect.cleandoc(doc)
    found = [(m.group(1).strip(), m.start(), m.end()) for m in SECTION.finditer(doc) if len(m.group(2)) >= 3]
    return {
        title: doc[end : found[i + 1][1] if i + 1 < len(found) else len(doc)] for i, (title, _, end) in enumerate(found)
    }


def named_parameters(function: Callable[..., Any]) -> list[str]:
    """The parameters a caller may pass (``*args``/``**kwargs`` included under their names)."""
    return [name for name in inspect.signature(function).parameters if name not in ("self", "cls")]


def missing_sections(function: Callable[..., Any]) -> list[str]:
    """The required sections ``function``'s docstring lacks (empty when it is complete)."""
    found = sections(function.__doc__ or "")
    required = (["Parameters"] if named_parameters(function) else []) + ["Returns", "Examples"]
    missing = [title for title in required if not found.get(title, "").strip()]
    if "Returns" in missing and found.get("Yields", "").strip():
        missing.remove("Returns")
    if "Examples" not in missing and ">>>" not in found["Examples"]:
        missing.append("Examples (no >>> line)")
    return missing


def test_the_section_reader_finds_numpydoc_sections():
    def documented(x: float) -> float:
        """Twice x.

        Parameters
        ----------
        x
            A number.

        Returns
        -------
        float
            2x.

        Examples
        --------
        >>> documented(1.0)
        2.0
        """
        return 2 * x

    def bare(x: float) -> float:
        """Twice x."""
        return 2 * x

    assert missing_sections(documented) == []
    assert missing_sections(bare) == ["Parameters", "Returns", "Examples"]


def test_there_are_public_functions_to_check():
    assert len(FUNCTIONS) > 30


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_public_function_is_documented(name: str):
    missing = missing_sections(FUNCTIONS[name])
    assert not missing, f"{name}: its docstring lacks {', '.join(missing)}"
