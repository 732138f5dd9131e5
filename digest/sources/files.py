"""`type: files`: a folder of local stories in plain text, Markdown or HTML."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SourceError
from ..extract import extract_html, extract_markdown, extract_text
from ..models import Article, Story
from .base import (
    FetchContext,
    Fetched,
    FilteredOptions,
    Source,
    matches_filters,
    story_from_article,
)

log = logging.getLogger(__name__)

READERS = {
    ".txt": extract_text,
    ".text": extract_text,
    ".md": extract_markdown,
    ".markdown": extract_markdown,
    ".html": extract_html,
    ".htm": extract_html,
}


def read_article(path: Path) -> Article:
    """Extract one local story file, chosen by its extension. Raises SourceError."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise SourceError(f"{path}: unsupported file type {path.suffix!r} (use one of {known})")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if reader is extract_html:
        return extract_html(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return reader(text)


class FilesOptions(FilteredOptions):
    path: Path
    recursive: bool = True


class FilesSource(Source):
    Options = FilesOptions
    options: FilesOptions

    @property
    def folder(self) -> Path:
        path = self.options.path
        return path if path.is_absolute() else self.base_dir / path

    def check(self) -> list[str]:
        return [] if self.folder.is_dir() else [f"folder {self.folder} does not exist"]

    def fetch(self, context: FetchContext) -> Fetched:
        stories = [s for s in self._read_all() if matches_filters(s, self.options)]
        return Fetched(stories)

    def _read_all(self) -> Iterator[Story]:
        folder = self.folder
        if not folder.is_dir():
            raise SourceError(f"folder {folder} does not exist")
        pattern = "**/*" if self.options.recursive else "*"
        for path in sorted(folder.glob(pattern)):
            if not path.is_file() or path.suffix.lower() not in READERS:
                continue
            if path.name.startswith("."):
                continue
            try:
                article = read_article(path)
            except SourceError as exc:
                log.warning("%s: %s", self.name, exc)
                continue
            if not article.paragraphs:
                log.warning("%s: %s: no text found; skipped", self.name, path)
                continue
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            yield story_from_article(
                article,
                source=self.name,
                key=path.relative_to(folder).as_posix(),
                fallback_title=path.stem.replace("_", " ").replace("-", " "),
                published=modified,
            )
