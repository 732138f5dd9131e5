"""Sources by their `type:` name in config.yaml: each module here that sets `SOURCE` (a
Source class naming its `type_name`) is one type; see plugins.py."""

from __future__ import annotations

import sys

from ..core.plugins import discover
from .base import FetchContext, Fetched, Seen, Source, Worker

__all__ = ["SOURCE_TYPES", "FetchContext", "Fetched", "Seen", "Source", "Worker"]

SOURCE_TYPES: dict[str, type[Source]] = discover(
    sys.modules[__name__], "SOURCE", lambda source: source.type_name
)
