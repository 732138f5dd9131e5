"""`type: page`: one article page, its text extracted."""

from __future__ import annotations

from dataclasses import replace

from ..core.errors import SourceError
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


class PageOptions(SourceOptions):
    url: HttpUrl


class PageSource(Source):
    type_name = "page"
    Options = PageOptions
    options: PageOptions

    def urls(self) -> list[str]:
        return [self.options.url]

    def fetch(self, context: FetchContext) -> Fetched:
        from ..fetch.extract import extract_html  # lxml and trafilatura: not with config
        from ..fetch.target import safe

        url = self.options.url
        response, validators = conditional_get(context, url)
        if response.not_modified:
            return Fetched([], not_modified=True, validators=validators)
        article = extract_html(response.body, url=response.url, charset=response.charset)
        if not article.paragraphs:
            raise SourceError("no article text found on the page")
        if article.url is None:
            article = replace(article, url=canonical_url(response.url))
        story = story_from_article(article, source=self.name, key=url, fallback_title=safe(url),
                                   published=None)
        return Fetched([story], validators=validators)


SOURCE = PageSource
