"""The command line's one output path: a result as text, or as JSON with ``--json``.

Every command prints its result with :func:`emit`. The JSON object always starts with
``model``, ``parameters`` and ``bargainlab_version`` (the provenance of the numbers), followed
by the result's own entries (:meth:`bargainlab.core.result.Result.to_dict`); NaN and infinities
are never written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import Any

from bargainlab._version import __version__

__all__ = ["emit", "json_document", "add_json_option"]


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """The ``--json`` flag, worded the same on every command."""
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object instead of text")


def json_document(result: Any, model: str | None = None, parameters: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON object of ``result``: ``model``, ``parameters``, ``bargainlab_version``, then its entries.

    ``result`` is a :class:`~bargainlab.core.result.Result` (or anything with ``to_dict``, or a
    mapping); ``model`` and ``parameters`` override or supply the result's own.
    """
    from bargainlab.core.result import to_jsonable  # lazy: NumPy only once there is a result

    data = to_jsonable(result)
    if not isinstance(data, dict):
        data = {"result": data}
    head = {
        "model": model if model is not None else data.get("model"),
        "parameters": to_jsonable(parameters) if parameters is not None else data.get("parameters", {}),
        "bargainlab_version": __version__,
    }
    return {**head, **{key: value for key, value in data.items() if key not in head}}


def emit(
    result: Any,
    args: argparse.Namespace,
    *,
    text: str | None = None,
    model: str | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> int:
    """Print ``result`` as JSON (``args.json``) or as text (``text``, else ``str(result)``); return 0."""
    if getattr(args, "json", False):
        document = json_document(result, model=model, parameters=parameters)
        sys.stdout.write(json.dumps(document, indent=2, allow_nan=False, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write((str(result) if text is None else text).rstrip("\n") + "\n")
    return 0
