"""Sources by their `type:` name in config.yaml."""

from __future__ import annotations

from pathlib import Path

from ..config import SourceConfig
from .base import FetchContext, Fetched, Source
from .feed import FeedSource
from .files import FilesSource
from .page import PageSource

__all__ = ["SOURCE_TYPES", "FetchContext", "Fetched", "Source", "make_source"]

SOURCE_TYPES: dict[str, type[Source]] = {
    "feed": FeedSource,
    "files": FilesSource,
    "page": PageSource,
}


def make_source(config: SourceConfig, base_dir: Path) -> Source:
    """Build the configured source; its options were checked when the config was loaded."""
    source_type = SOURCE_TYPES[config.type]
    return source_type(config.name, source_type.Options.model_validate(config.options), base_dir)
