"""`type: files`: a folder of local stories in plain text, Markdown or HTML."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..core.errors import SourceError
from ..core.files import read_regular
from ..core.models import Article, Story
from ..fetch.extract import decode_text, extract_html, extract_text
from ..fetch.http import header_charset
from ..fetch.markdown import extract_markdown
from .base import (
    MAX_FILE_BYTES,
    FetchContext,
    Fetched,
    Source,
    SourceOptions,
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
TEXT_TYPES = {
    "text/plain": extract_text,
    "text/markdown": extract_markdown,
    "text/x-markdown": extract_markdown,
}
MARKUP_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_article(path: Path) -> Article:
    """Extract one local story file, chosen by its extension. Raises SourceError."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise SourceError(f"{path}: unsupported file type {path.suffix!r} (use one of {known})")
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return reader(raw) if reader is extract_html else reader(decode_text(raw))


def read_fetched(body: bytes, content_type: str, url: str) -> Article:
    """Extract a story fetched from `url`: plain text or Markdown when the server says so
    (or, when it names no text type, the address ends so), else HTML."""
    media_type = content_type.split(";")[0].strip().lower()
    reader = TEXT_TYPES.get(media_type)
    if reader is None and media_type not in MARKUP_TYPES:
        reader = READERS.get(PurePosixPath(urlsplit(url).path).suffix.lower())
    charset = header_charset(content_type)
    if reader is None or reader is extract_html:
        return extract_html(body, url=url, charset=charset)
    return reader(decode_text(body, charset))


class FilesOptions(SourceOptions):
    path: Path
    recursive: bool = True


class FilesSource(Source):
    type_name = "files"
    Options = FilesOptions
    options: FilesOptions

    @property
    def folder(self) -> Path:
        path = self.options.path
        return path if path.is_absolute() else self.base_dir / path

    def check(self) -> list[str]:
        return [] if self.folder.is_dir() else [f"folder {self.folder} does not exist"]

    def fetch(self, context: FetchContext) -> Fetched:
        return Fetched(list(self._read_all()))

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


SOURCE = FilesSource
