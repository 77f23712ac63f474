"""The project's dialect for data, read from ``docs/architecture.md`` (a test helper, not shipped).

The vocabulary tables (section "Vocabulary") give the parameters' keys; the table of section
"Data columns" gives the derived quantities, some as templates with the placeholders ``{i}``,
``{t}``, ``{k}``, ``{type}`` and ``{eq}``. :func:`unknown_names` lists the names of a figure's data or
metadata that are neither; the tests assert that it is empty, so a column called ``beta`` (the
command line's symbol, not the key ``bargaining_power``) fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"

#: What each placeholder of the "Data columns" table stands for (regular expressions).
PLACEHOLDERS = {
    "{i}": "[12]",
    "{t}": r"-?[0-9][0-9.e+-]*",
    "{k}": "[0-9]+",
    "{type}": "(?:l1|h1|l2|h2)",
    "{eq}": "(?:pbe|notes)",
}
#: At δ < 1 the two-sided figures mark a δ → 1 limit column with this suffix (``gap_limit``).
LIMIT_SUFFIX = "_limit"
#: Metadata entries whose keys are column names (checked as columns), not parameters.
COLUMN_KEYED_METADATA = ("holds_at",)

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def _section(text: str, heading: str) -> str:
    """The text of the section that starts with ``heading`` (up to the next heading of its level or above)."""
    level = heading.split(" ", 1)[0]
    start = text.index("\n" + heading + "\n")
    rest = text[start + len(heading) + 2 :]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", rest, flags=re.MULTILINE)]
    return rest[: ends[0]] if ends else rest


def _table_cells(section: str, column: int) -> list[str]:
    """Cell ``column`` of every body row of the Markdown tables in ``section``."""
    cells = []
    for line in section.splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        row = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(row) > column and row[0] not in ("symbol", "name"):
            cells.append(row[column])
    return cells


@cache
def vocabulary_keys() -> frozenset[str]:
    """Every parameter key of the vocabulary tables (the column "Python (key, JSON)")."""
    section = _section(ARCHITECTURE.read_text(encoding="utf-8"), "## Vocabulary")
    section = section.split("\n### Data columns\n")[0]
    keys = set()
    for cell in _table_cells(section, 1):
        keys |= {name for name in re.findall(r"`([^`]+)`", cell) if _IDENTIFIER.fullmatch(name)}
    return frozenset(keys)


@cache
def derived_patterns() -> tuple[re.Pattern[str], ...]:
    """The derived quantities of the table "Data columns", as compiled patterns (templates expanded)."""
    section = _section(ARCHITECTURE.read_text(encoding="utf-8"), "### Data columns")
    patterns = []
    for cell in _table_cells(section, 0):
        for template in re.findall(r"`([^`]+)`", cell):
            expression = re.escape(template)
            for placeholder, meaning in PLACEHOLDERS.items():
                expression = expression.replace(re.escape(placeholder), meaning)
            patterns.append(re.compile(expression))
    return tuple(patterns)


def is_known(name: str) -> bool:
    """Whether ``name`` is a vocabulary key or a derived quantity (either with the ``_limit`` suffix)."""
    base = name.removesuffix(LIMIT_SUFFIX)
    return any(
        candidate in vocabulary_keys() or any(p.fullmatch(candidate) for p in derived_patterns())
        for candidate in {name, base}
    )


def metadata_names(metadata: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The keys of ``metadata`` (nested dictionaries too) and the column names it refers to."""
    keys: list[str] = []
    columns: list[str] = []

    def walk(mapping: Mapping[str, Any]) -> None:
        for key, value in mapping.items():
            keys.append(str(key))
            if key in COLUMN_KEYED_METADATA and isinstance(value, Mapping):
                columns.extend(str(name) for name in value)
            elif isinstance(value, Mapping):
                walk(value)

    walk(metadata)
    return keys, columns


def unknown_names(columns: Iterable[str], metadata: Mapping[str, Any] | None = None) -> list[str]:
    """The column names and metadata keys that are neither vocabulary keys nor derived quantities."""
    names = list(columns)
    if metadata is not None:
        keys, referred = metadata_names(metadata)
        names += keys + referred
    return sorted({name for name in names if not is_known(name)})
