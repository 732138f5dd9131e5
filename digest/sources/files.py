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
from .base import (
    MAX_FILE_BYTES,
    FetchContext,
    Fetched,
    Source,
    SourceOptions,
    story_from_article,
)

log = logging.getLogger(__name__)

# The reader of each kind of story, by file extension and by media type. The readers are
# imported by the first story read (lxml, trafilatura, markdown-it are slow to import).
READERS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}
TEXT_TYPES = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown"}
MARKUP_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_article(path: Path) -> Article:
    """Extract one local story file, chosen by its extension. Raises SourceError."""
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(READERS))
        raise SourceError(f"{path}: unsupported file type {path.suffix!r} (use one of {known})")
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return extract(kind, raw)


def read_fetched(body: bytes, content_type: str, url: str) -> Article:
    """Extract a story fetched from `url`: plain text or Markdown when the server says so
    (or, when it names no text type, the address ends so), else HTML."""
    from ..fetch.contenttype import header_charset

    media_type = content_type.split(";")[0].strip().lower()
    kind = TEXT_TYPES.get(media_type)
    if kind is None and media_type not in MARKUP_TYPES:
        kind = READERS.get(PurePosixPath(urlsplit(url).path).suffix.lower())
    return extract(kind or "html", body, header_charset(content_type), url)


def extract(kind: str, body: bytes, charset: str | None = None, url: str | None = None,
            ) -> Article:
    """The article in `body`, read as `kind` (text, markdown or html); `charset` is the one
    the server named, if any."""
    from ..fetch.extract import decode_text, extract_html, extract_text

    if kind == "html":
        return extract_html(body, url=url, charset=charset)
    if kind == "markdown":  # markdown-it takes 50 ms to import: only for Markdown
        from ..fetch.markdown import extract_markdown

        return extract_markdown(decode_text(body, charset))
    return extract_text(decode_text(body, charset))


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
