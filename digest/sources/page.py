"""`type: page`: one article page, its text extracted."""

from __future__ import annotations

from dataclasses import replace

from ..core.errors import SourceError
from ..core.models import Article
from ..core.urls import canonical_url
from .base import (
    FetchContext,
    Fetched,
    HttpUrl,
    Source,
    SourceOptions,
    conditional_get,
    story_from_article,
)

# What page_article loads: the extractor, and the libraries it imports on its first page
# (trafilatura and htmldate: about 0.15 s of CPU, which each worker process would otherwise
# spend again).
EXTRACTOR = ("digest.fetch.extract", "trafilatura", "htmldate")


class PageOptions(SourceOptions):
    url: HttpUrl


class PageSource(Source):
    type_name = "page"
    Options = PageOptions
    options: PageOptions
    worker_modules = EXTRACTOR

    def urls(self) -> list[str]:
        return [self.options.url]

    def work(self, limit: int) -> int:
        """Its one page to extract."""
        return 1

    def fetch(self, context: FetchContext) -> Fetched:
        from ..fetch.target import safe  # not with config

        url = self.options.url
        response, validators = conditional_get(context, url)
        if response.not_modified:
            return Fetched([], not_modified=True, validators=validators)
        article = context.worker(page_article, response.body, response.url, response.charset)
        if not article.paragraphs:
            raise SourceError("no article text found on the page")
        if article.url is None:
            article = replace(article, url=canonical_url(response.url))
        story = story_from_article(article, source=self.name, key=url, fallback_title=safe(url),
                                   published=None)
        return Fetched([story], validators=validators)


def page_article(body: bytes, url: str, charset: str | None) -> Article:
    """A page's article: CPU work, run by the Worker (a worker process when collection has
    them). The extractor (lxml and trafilatura) loads here, where a page is first read: the
    config, and `digest collect` of feeds with their full text in them, never need it."""
    from ..fetch.extract import extract_html

    return extract_html(body, url=url, charset=charset)


SOURCE = PageSource
