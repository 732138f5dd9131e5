"""The checks that need the whole validated Settings: each source's options against its
type's own model, and no FIFO or device where a file or a folder belongs.

They run after validation because they need `base_dir` (paths are relative to the config
file) and the registry of source types, which the models cannot see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.files import not_regular
from ..sources import SOURCE_TYPES
from .problems import describe
from .sections import SourceConfig
from .settings import Settings


def special_file_kind(path: Path) -> str | None:
    """What is at `path` when it is neither a regular file nor a folder (a FIFO, a device)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreachable: the command that reads it says so
    kind = not_regular(mode)
    return None if kind == "a folder" else kind


def path_problems(settings: Settings) -> list[tuple[tuple[Any, ...], str]]:
    """A FIFO or a device where a file or a folder belongs would hang a run or never end."""
    problems = []
    if settings.recipients_file is not None:
        path = settings.path(settings.recipients_file)
        kind = special_file_kind(path) or ("a folder" if path.is_dir() else None)
        if kind:
            problems.append((("recipients_file",), f"{path} is {kind}, not a regular file"))
    if settings.templates_dir is not None:
        path = settings.path(settings.templates_dir)
        if path.exists() and not path.is_dir():
            kind = special_file_kind(path) or "a file"
            problems.append((("templates_dir",), f"{path} is {kind}, not a folder"))
    return problems


def source_problems(source: SourceConfig, settings: Settings,
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
        return [describe(e) for e in exc.errors()]
    problems = []
    for name in type(options).model_fields:
        value = getattr(options, name)
        kind = special_file_kind(settings.path(value)) if isinstance(value, Path) else None
        if kind:
            problems.append(((name,), f"{settings.path(value)} is {kind}, not a file or a "
                                      "folder"))
    return problems
