"""How a validation error reads: at the line of config.yaml that holds it, in plain words.

pydantic's own wording names its error types and internal locations; a user wants the key
and the line, and "unknown key (check its spelling)" rather than "extra_forbidden".
"""

from __future__ import annotations

from typing import Any

import yaml


def node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at a validation error's location, if we can find it."""
    node, line = root, None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def describe(error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    """One of pydantic's errors as the keys that lead to it and the words a user reads."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key (check its spelling)"
    elif error["type"] == "missing":
        message = "is required"
    return loc, message
