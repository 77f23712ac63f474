"""The package's layers import only downward, and no module imports itself back (no cycles).

Layers, lowest first (``docs/architecture.md``)::

    errors, tolerances, _version  <  core  <  models  <  report, viz  <  reproduce  <  cli, app  <  the package face

Every import statement counts, at module level or inside a function, and typing-only imports
too: a lazy import is still a dependency. The graph is read from the source with ``ast``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "bargainlab"

#: Layer of each top-level part of the package (the package face itself is the highest).
LAYERS = {
    "errors": 0,
    "tolerances": 0,
    "_version": 0,
    "core": 1,
    "models": 2,
    "report": 3,
    "viz": 3,
    "reproduce": 4,
    "cli": 5,
    "app": 5,
    "__init__": 6,
    "__main__": 6,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((SRC / PACKAGE).rglob("*.py"))}


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    if not _is_package(importer):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(name: str) -> set[str]:
    """The bargainlab modules that module ``name`` imports (a submodule where ``from X import Y`` names one)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(name, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {module for module in found if module == PACKAGE or module.startswith(PACKAGE + ".")}


def layer(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1:
        return LAYERS["__init__"]
    return LAYERS[parts[1]]


def test_every_module_has_a_layer():
    unknown = sorted(name for name in MODULES if len(name.split(".")) > 1 and name.split(".")[1] not in LAYERS)
    assert unknown == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_only_go_down(name):
    upward = sorted(target for target in imports_of(name) if layer(target) > layer(name))
    assert upward == [], f"{name} (layer {layer(name)}) imports a higher layer: {upward}"


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _without_parent_packages(name: str, targets: set[str]) -> set[str]:
    """A module importing its own package's face (``from bargainlab.models.x import y`` inside
    ``bargainlab.models.x.z``) is a re-export, not a design cycle: ignore edges to ancestors."""
    return {target for target in targets if not (name.startswith(target + ".") and _is_package(target))}


def test_no_import_cycles():
    graph = {name: _without_parent_packages(name, imports_of(name)) for name in MODULES}
    assert _strongly_connected(graph) == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The test can fail: a model importing the CLI is reported."""
    tree = ast.parse("from bargainlab.cli import main\n")
    node = tree.body[0]
    assert isinstance(node, ast.ImportFrom)
    assert layer(_resolve("bargainlab.models.nash", node)) > layer("bargainlab.models.nash")
    assert _strongly_connected({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
