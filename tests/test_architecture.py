"""The package's imports point one way: no cycles (type-only imports count too), and each
layer imports only from the layers below it (docs/architecture.md)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import digest

ROOT = Path(digest.__file__).parent


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = ["digest", *path.relative_to(ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The digest modules `name` imports, each package whose __init__ that runs included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            candidates = [target, *(f"{target}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            parts = candidate.split(".")
            for end in range(2, len(parts) + 1):
                module = ".".join(parts[:end])
                inside = name == module or name.startswith(module + ".")
                if module in known and not inside:
                    yield module


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: set(imported(name, path, set(found))) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_a_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Each part's layer, lowest first (docs/architecture.md). A module imports only from lower
# layers or from inside its own part; the first matching prefix names a module's part.
LAYERS: dict[str, int] = {
    "digest.core": 0,
    "digest.fetch": 1,
    "digest.delivery.message": 1,  # the shared and per-recipient parts every backend sends
    "digest.sources": 2,
    "digest.summarize": 2,
    "digest.store": 2,
    "digest.delivery.backends": 2,
    "digest.delivery.addresses": 2,
    "digest.config": 3,
    "digest.select": 4,
    "digest.render": 4,
    "digest.delivery": 5,
    "digest.web": 6,  # the readers' side, served by `digest serve`
    "digest.app": 7,
}


def part(module: str) -> str:
    return max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len,
               default="digest")


def upward_imports(edges: dict[str, set[str]], namespaces: set[str] = frozenset()) -> list[str]:
    """Imports that go to a higher layer, or sideways into another part of the same layer.
    `namespaces` (packages whose __init__ imports nothing) may be passed through by anyone;
    the root package's `__main__` is the entry point and may import anything."""
    wrong = []
    for module, targets in edges.items():
        mine = part(module)
        if mine == "digest":
            continue
        for target in targets - namespaces:
            theirs = part(target)
            if theirs == mine or theirs == "digest":
                continue
            if LAYERS.get(theirs, 0) >= LAYERS.get(mine, 0):
                wrong.append(f"{module} -> {target}")
    return sorted(wrong)


def test_imports_go_down_the_layers() -> None:
    edges = graph()
    packages = {name for name, path in modules().items() if path.name == "__init__.py"}
    assert upward_imports(edges, {p for p in packages if not edges[p]}) == []


def test_an_upward_import_is_found() -> None:
    edges = {"digest.core.models": {"digest.fetch.http"}, "digest.fetch.http": set(),
             "digest.sources.feed": {"digest.summarize.text"}, "digest.summarize.text": set()}
    assert upward_imports(edges) == ["digest.core.models -> digest.fetch.http",
                                     "digest.sources.feed -> digest.summarize.text"]
