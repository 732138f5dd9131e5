"""The Source interface: a configured source yields the stories it holds now."""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Protocol, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict

from ..core.models import Article, Reason, Story
from ..core.sanitize import clamp_story
from ..core.urls import canonical_url

if TYPE_CHECKING:  # requests loads when a source fetches, not when config reads the options
    from ..fetch.http import HttpClient, Response

MAX_FILE_BYTES = 10 * 1024 * 1024  # a local feed or story file past this is not read


class SourceOptions(BaseModel):
    """Base for each source type's own options; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def http_url(value: str) -> str:
    """A URL option that must be fetchable: http or https, with a host and port that can be
    read (urlsplit raises for "http://[::1/x" or a port past 65535 only when asked for them)."""
    if not re.match(r"https?://[^/\s]", value, re.I):
        raise ValueError(f"{shown(value)!r} must start with http:// or https://")
    try:
        parts = urlsplit(value)
        parts.hostname, parts.port  # noqa: B018 - read for the ValueError they raise
    except ValueError as exc:
        raise ValueError(f"{shown(value)!r} has a host or port that cannot be read ({exc})"
                         ) from None
    return value


def shown(url: str) -> str:
    """`url` without its userinfo, for a message (imported when one is made: the config
    loads no digest.fetch)."""
    from ..fetch.target import safe

    return safe(url)


HttpUrl = Annotated[str, AfterValidator(http_url)]


Validators = tuple[tuple[str, str | None, str | None], ...]  # (url, ETag, Last-Modified)
Result = TypeVar("Result")


class Worker(Protocol):
    """Runs CPU-bound work (parsing, story building, extraction) and returns its result:
    in a worker process when collection uses several, else right here."""

    def __call__(self, work: Callable[..., Result], /, *args: Any) -> Result: ...


def here(work: Callable[..., Result], /, *args: Any) -> Result:
    """The Worker that runs the work in the calling thread."""
    return work(*args)


@dataclass(frozen=True)
class Seen:
    """Which of some story ids were in an edition already, and which are stored."""

    sent: set[str]
    stored: set[str]


def none_seen(ids: Collection[str]) -> Seen:
    return Seen(set(), set())


@dataclass(frozen=True)
class FetchContext:
    """What a source may use while fetching. Built in the main thread; read-only in workers.

    `seen` says which of some story ids were in an edition already, and which are stored
    (asked of the state in one question, so nothing of its size is held in memory); `since`
    is when stories start to count for the next edition (None: any age does) and `limit` how
    many of this source's an edition can take (sent ones aside): what is older, stored, or
    past the limit is not made into a story at all, only counted (`Fetched.left_out`).
    `rejects` tells why a story fails the source's
    include/exclude words (None: it passes): those do not count toward the limit and get no
    full text, but are kept, so that selection can say why they were left out.
    `cpu` is held while a source does CPU work in this process (making its stories), and
    released before it waits on anything: the fetching threads take turns at it rather
    than pass the interpreter lock back and forth (the work the `worker` runs here takes
    the same turns).
    """

    http: HttpClient
    now: datetime
    validators: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    seen: Callable[[Collection[str]], Seen] = none_seen
    pages: Callable[[Sequence[str]], list[Article | None]] | None = None
    since: datetime | None = None
    limit: int | None = None
    rejects: Callable[[Story], str | None] | None = None
    worker: Worker = here
    cpu: AbstractContextManager[object] = field(default_factory=nullcontext)


@dataclass(frozen=True)
class Fetched:
    """One source's haul. `validators` are the (url, ETag, Last-Modified) to remember;
    `warning` names damage that was salvaged (the source still counts as ok)."""

    stories: list[Story]
    not_modified: bool = False
    validators: Validators = ()
    warning: str | None = None
    pages_failed: int = 0  # linked pages whose full text could not be had
    left_out: Mapping[Reason, int] = field(default_factory=dict)  # entries not made stories


def conditional_get(
    context: FetchContext, url: str, accept: str | None = None
) -> tuple[Response, Validators]:
    """GET with the validators remembered for the URL; returns the response and the
    validators to remember now (the server's new ones, or the old ones it did not replace)."""
    etag, modified = context.validators.get(url, (None, None))
    response = context.http.get(url, etag=etag, last_modified=modified, accept=accept)
    headers = response.headers
    return response, ((url, headers.get("etag") or etag, headers.get("last-modified") or modified),)


class Source(ABC):
    """One configured source. Subclasses name their `type_name` (the `type:` in config.yaml),
    declare `Options` and implement `fetch`; their module sets `SOURCE` to the class."""

    type_name: ClassVar[str]
    Options: ClassVar[type[SourceOptions]]
    # The modules its work in a worker process imports (its parser), loaded before the
    # processes start when the source will surely be parsed. Not a ClassVar: a type may make
    # it a property of its options (a feed's `full_text`).
    worker_modules: tuple[str, ...] = ()

    def __init__(self, name: str, options: SourceOptions, base_dir: Path) -> None:
        self.name = name
        self.options = options
        self.base_dir = base_dir

    def urls(self) -> list[str]:
        """The URLs this source fetches directly, so their validators can be looked up."""
        return []

    def check(self) -> list[str]:
        """Problems that would stop this source from working, found without fetching."""
        return []

    def work(self, limit: int) -> int:
        """How many pieces of CPU work (a feed to parse, a page to extract) fetching this
        source may hand its Worker when an edition takes `limit` of its stories: what
        collection weighs to decide whether worker processes pay for their start."""
        return 0

    @abstractmethod
    def fetch(self, context: FetchContext) -> Fetched:
        """Every story the source holds now; recency is decided later, by selection."""


def story_id(*parts: str) -> str:
    """A stable identity for a story: its GUID or canonical URL, else its place in the source."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def story_from_article(
    article: Article, *, source: str, key: str, fallback_title: str, published: datetime | None
) -> Story:
    """A Story made from an extracted Article; `key` identifies it when it has no URL."""
    return clamp_story(Story(
        id=story_id("url", canonical_url(article.url)) if article.url
        else story_id("source", source, key),
        source=source,
        title=article.title or fallback_title,
        url=article.url,
        published=article.published or published,
        paragraphs=article.paragraphs,
        author=article.author,
        image=article.image,
        image_size=article.image_size,
    ))
