"""The registry of reproducible sources: each source module lists its items in order."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bargainlab.reproduce.item import Item

__all__ = ["SOURCES", "MAX_WORKERS", "items_of"]

#: Source name → module (under ``bargainlab.reproduce``) whose ``ITEMS`` lists its items.
SOURCES: dict[str, str] = {
    "peski-2024": "peski_2024",
    "peski-2024-slides": "peski_2024_slides",
    "peski-2022": "peski_2022",
    "lecture": "lecture",
    "cramton": "cramton",
}

#: Largest number of worker processes of a run (one source per task; there are five sources).
MAX_WORKERS = len(SOURCES)


def items_of(source: str) -> tuple[Item, ...]:
    """The items of ``source`` (imported on first use)."""
    module = import_module(f"bargainlab.reproduce.{SOURCES[source]}")
    items: tuple[Item, ...] = tuple(module.ITEMS)
    keys = [i.key for i in items]
    if len(set(keys)) != len(keys):
        raise RuntimeError(f"duplicate item keys in {source}")
    return items


def item(key: str, place: str, claim: str) -> Callable[[Callable], Item]:
    """Decorator: ``@item("prop1", "Proposition 1", "...")`` turns a function into an :class:`Item`."""

    from bargainlab.reproduce.item import Item  # lazy: the command line reads SOURCES without it

    def wrap(function: Callable) -> Item:
        return Item(key, place, claim, function)

    return wrap
