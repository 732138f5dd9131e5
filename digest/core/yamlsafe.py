"""YAML parsed with bounds: anchors and aliases may be used, but what they expand to is
counted before anything is built, so an alias bomb ("billion laughs") or an anchor that
contains itself is refused in microseconds instead of eating memory or recursing forever."""

from __future__ import annotations

from typing import Any

import yaml

try:  # libyaml's loader is ~10x faster on configs with hundreds of sources
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_NODES = 100_000  # values in the document once every alias is expanded
MAX_DEPTH = 64  # mappings and lists inside each other


class YamlLimitError(ValueError):
    """The document is beyond the bounds; `line` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_bounds(root: yaml.Node, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH,
                 ) -> None:
    """Raise YamlLimitError for a node that contains itself, nesting deeper than
    `max_depth`, or more than `max_nodes` values once aliases are expanded. Each distinct
    node is visited once (an alias is the same node object), without recursion."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # the nodes whose children are being counted: ancestors
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, counted = stack.pop()
        key, line = id(node), node.start_mark.line + 1
        if counted:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > max_nodes:
                raise YamlLimitError(f"anchors and aliases expand to more than {max_nodes} "
                                     "values; write the values out, or use fewer aliases", line)
            continue
        if key in sizes:
            continue
        if depth > max_depth:
            raise YamlLimitError(f"nested more than {max_depth} levels deep", line)
        open_nodes.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise YamlLimitError("an alias inside its own anchor (a value that contains "
                                     "itself); remove the alias", child.start_mark.line + 1)
            stack.append((child, depth + 1, False))


def load_bounded(text: str) -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree (for line numbers), checked by `check_bounds`
    before any of it is built. yaml.YAMLError or YamlLimitError when it cannot be."""
    root = yaml.compose(text, Loader=SafeLoader)
    if root is None:
        return None, None
    check_bounds(root)
    loader = SafeLoader("")
    try:
        return loader.construct_document(root), root
    finally:
        loader.dispose()
