"""The Source interface: a configured source yields the stories it holds."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ..models import Article, Story


class SourceOptions(BaseModel):
    """Base for each source type's own options; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(ABC):
    """One configured source. Subclasses declare `Options` and implement `fetch`."""

    Options: ClassVar[type[SourceOptions]]

    def __init__(self, name: str, options: SourceOptions, base_dir: Path) -> None:
        self.name = name
        self.options = options
        self.base_dir = base_dir

    def check(self) -> list[str]:
        """Problems that would stop this source from working, found without fetching."""
        return []

    @abstractmethod
    def fetch(self) -> Iterable[Story]:
        """Every story the source holds now; recency is decided later, by selection."""


def story_id(*parts: str) -> str:
    """A stable identity for a story: its URL where it has one, else its place in the source."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def story_from_article(
    article: Article, *, source: str, key: str, fallback_title: str, published: datetime | None
) -> Story:
    """A Story made from an extracted Article; `key` identifies it when it has no URL."""
    return Story(
        id=story_id("url", article.url) if article.url else story_id("source", source, key),
        source=source,
        title=article.title or fallback_title,
        url=article.url,
        published=article.published or published,
        paragraphs=article.paragraphs,
        author=article.author,
        image=article.image,
    )
