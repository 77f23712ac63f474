"""Output files: checked before any computation, written atomically.

A run that fails must leave nothing behind, and a run must not compute for minutes and then fail
to write. Every output path a user gives is checked first with :func:`check_output_file` or
:func:`check_output_dir` (the folder exists and is writable, the name is not too long, the path
is not an existing folder or device), and every file is written with :func:`atomic_write`: to a
temporary file in the same folder, then renamed over the target, so that readers never see a
half-written file and a failed write leaves the old content (or nothing).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(folder / "a.csv", "x\\n1\\n").name
'a.csv'
>>> (folder / "a.csv").read_text()
'x\\n1\\n'
>>> check_output_file(folder / "missing" / "b.png", "out")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
bargainlab.errors.InvalidParameterError: out must be a file in an existing folder; got ...
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from bargainlab.errors import InvalidParameterError

__all__ = ["check_output_file", "check_output_files", "check_output_dir", "atomic_write"]

#: Longest file name accepted when the file system does not say (POSIX NAME_MAX).
DEFAULT_NAME_MAX = 255


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return DEFAULT_NAME_MAX


def check_output_file(path: str | os.PathLike[str], key: str = "out", *, label: str | None = None) -> Path:
    """``path`` as a :class:`Path` if a file can be written there; else an error naming ``key``.

    Accepted: a new name, or an existing regular file (replaced), in an existing, writable
    folder, with a name the file system accepts.
    """
    target = Path(path)
    text = str(path)
    if not text or text.endswith(os.sep):
        raise InvalidParameterError(key, text, "a file name", label=label)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidParameterError(
            key, text, "a file in an existing folder", f"no folder {str(folder)!r}", label=label
        )
    if len(os.fsencode(target.name)) > _name_max(folder):
        raise InvalidParameterError(
            key,
            text,
            f"a file name of at most {_name_max(folder)} bytes",
            f"it has {len(os.fsencode(target.name))}",
            label=label,
        )
    if target.exists() and not target.is_file():
        kind = "a folder" if target.is_dir() else "not a regular file"
        raise InvalidParameterError(
            key, text, "a new file name or an existing regular file", f"it is {kind}", label=label
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidParameterError(
            key, text, "a file in a writable folder", f"cannot write in {str(folder)!r}", label=label
        )
    return target


def check_output_files(paths: Iterable[str | os.PathLike[str]], key: str = "out") -> list[Path]:
    """Every path checked with :func:`check_output_file`; the same path twice is an error."""
    checked = [check_output_file(path, key) for path in paths]
    seen: set[Path] = set()
    for path in checked:
        resolved = path.resolve()
        if resolved in seen:
            raise InvalidParameterError(key, str(path), "distinct files", "the same file is given twice")
        seen.add(resolved)
    return checked


def check_output_dir(path: str | os.PathLike[str], key: str = "out", *, label: str | None = None) -> Path:
    """``path`` as a :class:`Path` if it is a writable folder or can be made one (its parent exists)."""
    target = Path(path)
    text = str(path)
    if not text:
        raise InvalidParameterError(key, text, "a folder name", label=label)
    if target.exists():
        if not target.is_dir():
            raise InvalidParameterError(key, text, "a folder (new or existing)", "it is a file", label=label)
        if not os.access(target, os.W_OK | os.X_OK):
            raise InvalidParameterError(key, text, "a writable folder", label=label)
        return target
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InvalidParameterError(
            key, text, "a folder whose parent exists", f"no folder {str(parent)!r}", label=label
        )
    if len(os.fsencode(target.name)) > _name_max(parent):
        raise InvalidParameterError(key, text, f"a folder name of at most {_name_max(parent)} bytes", label=label)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InvalidParameterError(
            key, text, "a folder in a writable place", f"cannot write in {str(parent)!r}", label=label
        )
    return target


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> Path:
    """Write ``content`` to ``path`` atomically (temporary file in the same folder, then rename).

    On any failure the temporary file is removed and the error (an :class:`OSError`) re-raised:
    the target keeps its old content, or does not exist.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
