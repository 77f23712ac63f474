"""Run the items of one or more sources and write the report (``bargainlab reproduce``)."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from bargainlab.errors import InvalidParameterError
from bargainlab.reproduce.item import DIFFERS, Finding, ItemResult
from bargainlab.reproduce.output import Output, check_writable
from bargainlab.reproduce.registry import MAX_WORKERS, SOURCES, items_of
from bargainlab.reproduce.report import Report

__all__ = ["reproduce", "SOURCE_NAMES"]

#: The sources, in report order (``all`` runs every one).
SOURCE_NAMES = tuple(SOURCES)

Progress = Callable[[int, int], None]


def _sources(names: Sequence[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for name in names:
        if name == "all":
            chosen.extend(SOURCE_NAMES)
        elif name in SOURCES:
            chosen.append(name)
        else:
            raise InvalidParameterError("source", name, "one of " + ", ".join((*SOURCE_NAMES, "all")))
    return tuple(dict.fromkeys(chosen))


def _run_item(source: str, item, output: Output) -> ItemResult:  # noqa: ANN001
    start = time.perf_counter()
    before = len(output.written)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            finding = item.compute(output)
    except Exception as error:  # an item that crashes is reported, not hidden  # noqa: BLE001
        finding = Finding("—", f"error: {type(error).__name__}: {error}", DIFFERS, note="the computation failed")
    new = tuple(f for f in output.written[before:] if f not in finding.files)
    return ItemResult(source, item.key, item.place, item.claim, finding.with_files(new), time.perf_counter() - start)


def _run_source(name: str, root: Path, prefix: str) -> list[ItemResult]:
    """Every item of source ``name``, written under ``root/prefix`` (one task of a worker process)."""
    output = Output(root, prefix)
    return [_run_item(name, item, output) for item in items_of(name)]


def reproduce(
    sources: Sequence[str],
    directory: str | Path,
    progress: Progress | None = None,
    top_level: bool = False,
    workers: int = 1,
) -> Report:
    """Run every item of ``sources`` (names, or ``"all"``), write their files and the report to ``directory``.

    Parameters
    ----------
    sources
        Source names (see :data:`SOURCE_NAMES`) or ``"all"``.
    directory
        Output directory: checked to be writable before any computation; each source writes
        into its own sub-directory, or at the top with ``top_level`` (one source).
    progress
        ``progress(done, total)`` after each item (with ``workers > 1``: after each source).
    workers
        Local worker processes, one source per task (1: in this process); at most
        :data:`MAX_WORKERS`.

    Returns
    -------
    Report
        Also written as ``index.html``, ``report.md`` and ``report.json`` in ``directory``.
    """
    names = _sources(sources)
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise InvalidParameterError("workers", workers, f"an integer in [1, {MAX_WORKERS}]")
    root = check_writable(directory)
    prefixes = {name: "" if (top_level and len(names) == 1) else name for name in names}
    total = sum(len(items_of(name)) for name in names)
    start = time.perf_counter()
    by_source: dict[str, list[ItemResult]] = {}
    if workers > 1 and len(names) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(names))) as pool:
            futures = {pool.submit(_run_source, name, root, prefixes[name]): name for name in names}
            done = 0
            for future in as_completed(futures):
                by_source[futures[future]] = future.result()
                done += len(by_source[futures[future]])
                if progress is not None:
                    progress(done, total)
    else:
        done = 0
        for name in names:
            output = Output(root, prefixes[name])
            by_source[name] = []
            for item in items_of(name):
                by_source[name].append(_run_item(name, item, output))
                done += 1
                if progress is not None:
                    progress(done, total)
    results = [result for name in names for result in by_source[name]]
    report = Report(tuple(results), names, time.perf_counter() - start)
    top = Output(root)
    top.text("report.md", report.markdown())
    top.text("index.html", report.html())
    top.json("report.json", report.to_dict())
    return report
