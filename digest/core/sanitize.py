"""Make untrusted text safe to render: one clean pass over a digest before any template sees it.

Story fields come from the web. Templates autoescape them, so markup in a title shows as text;
this pass removes what escaping cannot: control characters and line breaks in single-line
fields, links that are not absolute http(s) URLs, and the personalization slots' markers.
The only HTML we keep (the footer note from config) goes through nh3.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import replace

import jinja2
import nh3
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .models import Digest, Quote, Section, Summary


def slot(name: str) -> str:
    """The marker of a place that each recipient's own value fills (delivery/personalize.py).
    An HTML comment, so that an edition shown unpersonalized hides it; story text never
    contains one."""
    return f"<!--digest:{name}-->"


GREETING = "greeting"
UNSUBSCRIBE = "unsubscribe"  # the recipient's own link, in the footer
GREETING_SLOT = slot(GREETING)
UNSUBSCRIBE_SLOT = slot(UNSUBSCRIBE)
SLOT = re.compile(r"<!--digest:([a-z]+)-->")  # group 1: the slot's name

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_IN_PROSE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
ABSOLUTE_HTTP = re.compile(r"https?://[^/?#@\s]*[^/?#@\s:]", re.I)
KEPT_TAGS = {"a", "b", "strong", "i", "em", "br"}
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]*>")


def one_line(text: object, limit: int | None = None) -> str:
    """Collapse all whitespace and control characters, for headers, single-line fields and
    error messages; with `limit`, cut to that many characters."""
    text = str(text)
    if not text.isprintable():  # a fast check: most text has neither
        text = CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def without_slot(text: str) -> str:
    """`text` with no slot marker, not even one that removing another would join."""
    while SLOT.search(text):
        text = SLOT.sub("", text)
    return text


def clean_line(text: str) -> str:
    """An untrusted single-line field (title, source, speaker): one line, no slot marker."""
    return without_slot(one_line(text))


def clean_prose(text: str) -> str:
    """An untrusted paragraph: no control characters or slot marker. Its whitespace is left
    to the output: HTML collapses it, and the text part refills every paragraph."""
    if CONTROL_IN_PROSE.search(text):
        text = CONTROL_IN_PROSE.sub("", text)
    return without_slot(text)


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs may become links or images; anything else is dropped."""
    if not url:
        return None
    url = url.strip()
    if UNSAFE_IN_URL.search(url) or not ABSOLUTE_HTTP.match(url):
        return None
    return url


def safe_html(fragment: str) -> Markup:
    """A little inline HTML (links, emphasis, line breaks), sanitized: links only to
    http(s) and mailto, no scripts, styles or event attributes."""
    return Markup(
        nh3.clean(fragment, tags=KEPT_TAGS, attributes={"a": {"href"}},
                  url_schemes={"http", "https", "mailto"}, link_rel=None)
    )


def html_as_text(fragment: str) -> str:
    """The plain-text twin of `safe_html`: tags dropped, each link's URL after its text."""
    linked = LINK.sub(lambda m: f"{m.group(2)} &lt;{m.group(1)}&gt;", safe_html(fragment))
    return one_line(html.unescape(TAG.sub(lambda m: " " if m.group() == "<br>" else "", linked)))


@functools.lru_cache(maxsize=32)
def sandboxed(source: str, undefined: type[jinja2.Undefined]) -> jinja2.Template:
    """A template from config (subject, greeting): sandboxed, compiled once."""
    return SandboxedEnvironment(undefined=undefined).from_string(source)


def clean_quote(quote: Quote) -> Quote:
    """A quote for display: the comma or colon that led into its attribution goes."""
    return Quote(clean_prose(quote.text).rstrip(" ,;:"),
                 quote.speaker and clean_line(quote.speaker), quote.role and clean_line(quote.role))


def clean_summary(summary: Summary) -> Summary:
    story = summary.story
    return replace(
        summary,
        story=replace(
            story,
            title=clean_line(story.title) or "Untitled",
            source=clean_line(story.source),
            url=safe_url(story.url),
            image=safe_url(story.image),
            author=story.author and clean_line(story.author),
        ),
        lead=clean_prose(summary.lead),
        quotes=tuple(q for q in map(clean_quote, summary.quotes) if q.text.strip()),
        also_in=tuple(filter(None, map(clean_line, summary.also_in))),
    )


def clean_digest(digest: Digest) -> Digest:
    """A copy of `digest` whose every story field is safe to hand to a template."""
    return replace(
        digest,
        sections=tuple(
            Section(clean_line(s.title), tuple(map(clean_summary, s.summaries)))
            for s in digest.sections
        ),
    )
