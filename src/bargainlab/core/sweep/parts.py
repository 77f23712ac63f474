"""Part files: every finished chunk of a sweep on disk at once, so that a sweep can resume.

``<out>.parts/`` holds ``manifest.json`` (a fingerprint of the sweep) and one ``part-NNNNNN.npz``
per finished chunk, each written atomically (a temporary file renamed into place).

A part cannot lie: beside its columns it records (``__part__``, JSON) its chunk number, the
snake positions it covers, its first and last point, the sweep's fingerprint, its column
names, dtypes and number of rows, and a SHA-256 checksum of the columns' bytes. On resume,
:func:`read_part` checks all of it against what the chunk must be; a part that was replaced
(by another chunk's or another sweep's), altered, truncated, stripped of a column or is not a
readable file at all raises :class:`DamagedPartError` naming the part (one message; the
remedy is to delete it or restart the sweep). A missing part is simply computed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bargainlab.core.sweep.grid import Grid
from bargainlab.errors import BargainlabError, InvalidParameterError

__all__ = [
    "PARTS_VERSION",
    "DamagedPartError",
    "PartInfo",
    "parts_dir",
    "fingerprint",
    "prepare_parts",
    "write_part",
    "read_part",
]

#: Version of the part-file layout (part of every manifest, every part and the fingerprint, so
#: that parts of an older layout are refused as another sweep's). 3: two-sided columns named by
#: the vocabulary (``prior1``, ``bargaining_power``, ``discount``, ``ex_ante_payoff``).
PARTS_VERSION = 3

#: Name of the record inside each part file.
_RECORD = "__part__"


class DamagedPartError(BargainlabError):
    """A part file of an earlier run does not verify (replaced, altered, truncated, unreadable)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"sweep part {path.name} in {path.parent} cannot be trusted ({reason}); delete it to "
            "recompute that chunk, or start the sweep afresh with --restart (resume=False)"
        )


@dataclass(frozen=True)
class PartInfo:
    """What a part must be: its chunk, the snake positions [start, stop) and the sweep."""

    chunk: int
    start: int
    stop: int
    fingerprint: str


def parts_dir(out: Path) -> Path:
    """The parts directory of the table ``out``: ``<out>.parts`` beside it."""
    return out.with_name(out.name + ".parts")


def fingerprint(description: Mapping[str, Any], grid: Grid, chunk_size: int) -> str:
    """A hash of everything that determines a sweep's chunks (the model's description, the grid,
    the chunk size and the layout version)."""
    text = json.dumps(
        {"version": PARTS_VERSION, "sweep": description, "grid": grid.to_dict(), "chunk_size": chunk_size},
        sort_keys=True,
        allow_nan=False,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def prepare_parts(parts: Path, fingerprint: str, resume: bool) -> None:
    """Make ``parts`` ready for the sweep with this fingerprint.

    An existing directory of the same sweep is kept (``resume``) or emptied; one of another
    sweep, or a non-empty one without a manifest, is an error: chunks are never mixed.
    """
    manifest = parts / "manifest.json"
    if parts.exists() and manifest.exists():
        found = json.loads(manifest.read_text()).get("fingerprint")
        if found != fingerprint:
            raise InvalidParameterError(
                "out",
                str(parts.with_suffix("")),
                "a path whose parts directory belongs to this sweep",
                f"{parts} holds chunks of a different sweep; delete it or choose another output path",
            )
        if not resume:
            shutil.rmtree(parts)
    elif parts.exists() and any(parts.iterdir()):
        raise InvalidParameterError(
            "out", str(parts), "a path whose parts directory is new or belongs to this sweep", "it has no manifest"
        )
    parts.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"fingerprint": fingerprint, "version": PARTS_VERSION}))


def _part_path(parts: Path, chunk: int) -> Path:
    return parts / f"part-{chunk:06d}.npz"


def checksum(columns: Mapping[str, np.ndarray]) -> str:
    """SHA-256 of the columns: names, dtypes, shapes and bytes, in order."""
    digest = hashlib.sha256()
    for name, column in columns.items():
        array = np.ascontiguousarray(column)
        digest.update(f"{name}|{array.dtype.str}|{array.shape}|".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def write_part(parts: Path, info: PartInfo, columns: Mapping[str, np.ndarray]) -> None:
    """Write one chunk and its record atomically (a crash never leaves half a part behind)."""
    points = np.asarray(columns["point"])
    record = {
        "version": PARTS_VERSION,
        "chunk": info.chunk,
        "start": info.start,
        "stop": info.stop,
        "first_point": int(points[0]) if len(points) else None,
        "last_point": int(points[-1]) if len(points) else None,
        "fingerprint": info.fingerprint,
        "columns": {name: np.asarray(column).dtype.str for name, column in columns.items()},
        "rows": len(points),
        "sha256": checksum(columns),
    }
    final = _part_path(parts, info.chunk)
    temporary = final.with_name(final.name + ".tmp")
    with open(temporary, "wb") as handle:
        arrays: dict[str, Any] = {**columns, _RECORD: np.array(json.dumps(record))}
        np.savez(handle, **arrays)
    os.replace(temporary, final)


def read_part(
    parts: Path,
    info: PartInfo,
    first_point: int | None = None,
    last_point: int | None = None,
    *,
    verify: bool = True,
) -> dict[str, np.ndarray] | None:
    """The verified columns of a finished chunk, or ``None`` if it is not there.

    ``verify=False`` skips the checks (for parts this run wrote or already verified).

    Raises
    ------
    DamagedPartError
        If the file is unreadable or anything in it disagrees with its record or with ``info``
        (and with the expected first and last point, when given).
    """
    path = _part_path(parts, info.chunk)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            columns = {name: data[name] for name in data.files}
        record = json.loads(str(columns.pop(_RECORD)))
    except KeyError:
        raise DamagedPartError(path, "it has no record of what it holds") from None
    except Exception as error:  # zip, npy, JSON and OS errors of a corrupt file
        raise DamagedPartError(path, f"not a readable part file: {type(error).__name__}") from None
    if not verify:
        return columns
    expected = {
        "version": PARTS_VERSION,
        "chunk": info.chunk,
        "start": info.start,
        "stop": info.stop,
        "fingerprint": info.fingerprint,
        "rows": info.stop - info.start,
    }
    for key, value in expected.items():
        if record.get(key) != value:
            what = "another sweep" if key == "fingerprint" else f"{key} {record.get(key)!r}, expected {value!r}"
            raise DamagedPartError(path, f"it belongs to {what}" if key == "fingerprint" else f"it records {what}")
    names = {name: column.dtype.str for name, column in columns.items()}
    if names != record.get("columns"):
        missing = sorted(set(record.get("columns") or {}) - set(names))
        reason = f"column(s) {', '.join(missing)} missing" if missing else "its columns differ from its record"
        raise DamagedPartError(path, reason)
    points = columns.get("point")
    if points is None or any(len(column) != info.stop - info.start for column in columns.values()):
        raise DamagedPartError(path, "it is shorter or longer than its chunk")
    ends = (first_point, last_point)
    if (record.get("first_point"), record.get("last_point")) != (int(points[0]), int(points[-1])) or any(
        end is not None and end != found for end, found in zip(ends, (int(points[0]), int(points[-1])))
    ):
        raise DamagedPartError(path, "its points are not those of its chunk")
    if checksum(columns) != record.get("sha256"):
        raise DamagedPartError(path, "checksum mismatch: its content was altered")
    return columns
