"""The output directory of ``bargainlab reproduce``: checked before any computation, written atomically.

Every file is written with :func:`bargainlab.core.files.atomic_write` (a temporary file in the
same folder, renamed into place), so a reader never sees a half-written file and an interrupted
run leaves the previous version intact.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bargainlab.core.files import atomic_write, check_output_dir
from bargainlab.errors import InvalidParameterError
from bargainlab.viz.figure import csv_cell

__all__ = ["Output", "atomic_write", "check_writable"]


def check_writable(directory: str | Path) -> Path:
    """Check ``directory`` (:func:`bargainlab.core.files.check_output_dir`), create it, and return it.

    Raises
    ------
    InvalidParameterError
        (parameter ``out``) when it is a file, its parent is missing, or it is not writable.
    """
    target = check_output_dir(directory, "out")
    try:
        target.mkdir(exist_ok=True)
    except OSError as error:
        raise InvalidParameterError("out", str(directory), "a writable folder", error.strerror or str(error)) from None
    return target


class Output:
    """Files of one source, written under ``directory/prefix``.

    Parameters
    ----------
    directory
        The (checked) output directory.
    prefix
        The source's sub-directory (e.g. ``"peski-2024"``); ``""`` writes at the top.
    """

    def __init__(self, directory: Path, prefix: str = "") -> None:
        self.root = directory
        self.directory = directory / prefix if prefix else directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.written: list[str] = []

    def _path(self, name: str) -> Path:
        return self.directory / name

    def _record(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        self.written.append(relative)
        return relative

    def bytes(self, name: str, content: bytes) -> str:
        """Write ``content`` as ``name``; return its path relative to the output root."""
        return self._record(atomic_write(self._path(name), content))

    def text(self, name: str, content: str) -> str:
        """Write text."""
        return self.bytes(name, content.encode())

    def json(self, name: str, data: Any) -> str:
        """Write JSON (indented)."""
        return self.text(name, json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")

    def figure(self, name: str, data: Any) -> tuple[str, ...]:
        """Write a :class:`~bargainlab.viz.figure.FigureData` as ``name``.png, .svg and .csv."""
        return tuple(self.bytes(f"{name}{suffix}", data.to_bytes(suffix)) for suffix in (".png", ".svg", ".csv"))

    def table(
        self, name: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], latex: str | None = None
    ) -> tuple[str, ...]:
        """Write a table as ``name``.csv and ``name``.tex (``latex``, or a tabular built from the rows)."""
        handle = io.StringIO(newline="")
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows([[csv_cell(value, str(header)) for value, header in zip(row, headers)] for row in rows])
        tex = latex if latex is not None else _tabular(headers, rows)
        return (self.text(f"{name}.csv", handle.getvalue()), self.text(f"{name}.tex", tex))


def _escape(value: Any) -> str:
    text = f"{value:.6g}" if isinstance(value, float) else str(value)
    for char, replacement in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#")):
        text = text.replace(char, replacement)
    return text


def _tabular(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = [
        r"\begin{tabular}{" + "l" * len(headers) + "}",
        r"\hline",
        " & ".join(_escape(h) for h in headers) + r" \\",
        r"\hline",
    ]
    lines += [" & ".join(_escape(v) for v in row) + r" \\" for row in rows]
    lines += [r"\hline", r"\end{tabular}", ""]
    return "\n".join(lines)
