"""${NAME} in config.yaml: the environment's values put in before validation.

Secrets (passwords, API keys) stay out of the file this way; an unset variable is an error
that names the key holding it, unless the key is one the running command does not need.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..core.errors import ConfigError

ENV_PATTERN = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


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
