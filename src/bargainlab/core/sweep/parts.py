"""Part files: every finished chunk of a sweep on disk at once, so that a sweep can resume.

``<out>.parts/`` holds ``manifest.json`` (a fingerprint of the sweep) and one ``part-NNNNNN.npz``
per finished chunk, each written atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from bargainlab.core.sweep.grid import Grid
from bargainlab.errors import InvalidParameterError

__all__ = ["PARTS_VERSION", "parts_dir", "fingerprint", "prepare_parts", "write_part", "read_part"]

#: Version of the part-file layout (part of every manifest).
PARTS_VERSION = 1


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


def write_part(parts: Path, chunk: int, columns: Mapping[str, np.ndarray]) -> None:
    """Write one chunk atomically (a crash never leaves half a part behind)."""
    final = _part_path(parts, chunk)
    temporary = final.with_name(final.name + ".tmp")
    with open(temporary, "wb") as handle:
        np.savez(handle, **columns)
    os.replace(temporary, final)


def read_part(parts: Path, chunk: int) -> dict[str, np.ndarray] | None:
    """The columns of a finished chunk, or ``None`` if it is not there."""
    path = _part_path(parts, chunk)
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}
