"""Load config.yaml once: ${ENV} interpolation, validation, a frozen Settings object.

Every problem found is reported with the key that holds it and, where YAML tells us,
the file and line, so that a user can fix the file without reading a traceback.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..core.errors import ConfigError
from ..core.files import not_regular
from ..core.yamlsafe import read_config
from ..sources import SOURCE_TYPES
from .newsletter import UNSUBSCRIBE_PLACEHOLDER, Newsletter
from .schedule import WEEKDAYS, ScheduleConfig
from .sections import HttpConfig, SourceConfig, WebhooksConfig
from .settings import Settings
from .values import parse_duration

__all__ = ["UNSUBSCRIBE_PLACEHOLDER", "WEEKDAYS", "HttpConfig", "Newsletter", "ScheduleConfig",
           "Settings", "SourceConfig", "WebhooksConfig", "load_settings", "parse_duration"]

ENV_PATTERN = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
MAX_CONFIG_BYTES = 1024 * 1024


def interpolate(value: Any, where: str = "", unset_ok: tuple[str, ...] = ()) -> Any:
    """Replace ${NAME} (or ${NAME:-default}) in every string with the environment's value.
    An unset variable is an error, but under the keys `unset_ok` names, where it reads as
    empty (the delivery secrets, for commands that never deliver)."""
    if isinstance(value, dict):
        return {k: interpolate(v, f"{where}.{k}" if where else str(k), unset_ok)
                for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, f"{where}[{i}]", unset_ok) for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in os.environ:
            return os.environ[name]
        if default is not None:
            return default
        if any(where == key or where.startswith(f"{key}.") for key in unset_ok):
            return ""
        raise ConfigError(
            f"{where}: environment variable {name} is not set (export it, or write "
            f"${{{name}:-default}} to give a default)"
        )

    return ENV_PATTERN.sub(substitute, value)


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
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


def _describe(error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key (check its spelling)"
    elif error["type"] == "missing":
        message = "is required"
    return loc, message


def load_settings(path: str | os.PathLike[str], *, delivering: bool = True) -> Settings:
    """Read, interpolate and validate a config file. Raises ConfigError listing every problem.

    A command that never delivers (`delivering=False`: status, preview, summarize, check)
    does not need the delivery secrets: their variables may be unset."""
    path = Path(path)
    raw, root = read_config(path, MAX_CONFIG_BYTES)
    raw = interpolate(raw, unset_ok=() if delivering else ("delivery",))
    raw["base_dir"] = path.resolve().parent

    def problem(loc: tuple[Any, ...], message: str) -> str:
        line = _node_line(root, loc)
        where = f"{path}:{line}" if line else str(path)
        return f"{where}: {'.'.join(str(p) for p in loc) or '(top level)'}: {message}"

    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError.from_problems([problem(*_describe(e)) for e in exc.errors()]) from None
    problems = [
        problem(("sources", index, *loc), message)
        for index, source in enumerate(settings.sources)
        for loc, message in _source_problems(source, settings)
    ] + [problem(loc, message) for loc, message in _path_problems(settings)]
    if problems:
        raise ConfigError.from_problems(problems)
    return settings


def _kind(path: Path) -> str | None:
    """What is at `path` when it is neither a regular file nor a folder (a FIFO, a device)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreachable: the command that reads it says so
    kind = not_regular(mode)
    return None if kind == "a folder" else kind


def _path_problems(settings: Settings) -> list[tuple[tuple[Any, ...], str]]:
    """A FIFO or a device where a file or a folder belongs would hang a run or never end."""
    problems = []
    if settings.recipients_file is not None:
        path = settings.path(settings.recipients_file)
        kind = _kind(path) or ("a folder" if path.is_dir() else None)
        if kind:
            problems.append((("recipients_file",), f"{path} is {kind}, not a regular file"))
    if settings.templates_dir is not None:
        path = settings.path(settings.templates_dir)
        if path.exists() and not path.is_dir():
            problems.append((("templates_dir",), f"{path} is {_kind(path) or 'a file'}, "
                                                 "not a folder"))
    return problems


def _source_problems(source: SourceConfig, settings: Settings,
                     ) -> list[tuple[tuple[Any, ...], str]]:
    """Check a source's own options against its type's options model, and that none of its
    paths is a FIFO or a device."""
    source_type = SOURCE_TYPES.get(source.type)
    if source_type is None:
        known = ", ".join(sorted(SOURCE_TYPES))
        return [(("type",), f"unknown source type {source.type!r}; known types: {known}")]
    try:
        options = source_type.Options.model_validate(source.options)
    except ValidationError as exc:
        return [_describe(e) for e in exc.errors()]
    problems = []
    for name in type(options).model_fields:
        value = getattr(options, name)
        kind = _kind(settings.path(value)) if isinstance(value, Path) else None
        if kind:
            problems.append(((name,), f"{settings.path(value)} is {kind}, not a file or a "
                                      "folder"))
    return problems
