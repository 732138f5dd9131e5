"""Load config.yaml once: read within bounds, ${ENV} put in, validated, then checked whole.

Every problem found is reported together, so that one run shows the user all there is to fix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import ConfigError
from ..core.yamlsafe import read_config
from .checks import path_problems, source_problems
from .environment import interpolate
from .problems import describe, node_line
from .settings import Settings

MAX_CONFIG_BYTES = 1024 * 1024


def load_settings(path: str | os.PathLike[str], *, delivering: bool = True) -> Settings:
    """Read, interpolate and validate a config file. Raises ConfigError listing every problem.

    A command that never delivers (`delivering=False`: status, preview, summarize, check)
    does not need the delivery secrets: their variables may be unset."""
    path = Path(path)
    raw, root = read_config(path, MAX_CONFIG_BYTES)
    raw = interpolate(raw, unset_ok=() if delivering else ("delivery",))
    raw["base_dir"] = path.resolve().parent

    def problem(loc: tuple[Any, ...], message: str) -> str:
        line = node_line(root, loc)
        where = f"{path}:{line}" if line else str(path)
        return f"{where}: {'.'.join(str(p) for p in loc) or '(top level)'}: {message}"

    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError.from_problems([problem(*describe(e)) for e in exc.errors()]) from None
    problems = [
        problem(("sources", index, *loc), message)
        for index, source in enumerate(settings.sources)
        for loc, message in source_problems(source, settings)
    ] + [problem(loc, message) for loc, message in path_problems(settings)]
    if problems:
        raise ConfigError.from_problems(problems)
    return settings
