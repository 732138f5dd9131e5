"""YAML parsed with bounds, and the config file read with them.

Anchors and aliases may be used, but what they expand to is counted before anything is
built, so an alias bomb ("billion laughs") or an anchor that contains itself is refused in
microseconds instead of eating memory or recursing forever.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .files import read_regular

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


def read_config(path: Path, max_bytes: int) -> tuple[dict[str, Any], yaml.Node | None]:
    """A config file's mapping and its node tree: read only as a regular file of at most
    `max_bytes`, parsed within the bounds above; a ConfigError of one line otherwise."""
    try:
        text = read_regular(path, max_bytes).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found (pass --config PATH or set DIGEST_CONFIG)"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    try:
        raw, root = load_bounded(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    except YamlLimitError as exc:
        raise ConfigError(f"{path}:{exc.line}: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the config must be a mapping (newsletter:, sources:, …)")
    return raw, root
