"""Make untrusted text safe to render: one clean pass over a digest before any template sees it.

Story fields come from the web. Templates autoescape them, so markup in a title shows as text;
this pass removes what escaping cannot: control characters and line breaks in single-line
fields, invisible format characters, links that are not absolute http(s) URLs, and the
personalization slots' markers. The only HTML we keep (the footer note from config) goes
through nh3. Every backend, the HTTP APIs included, gets the text cleaned here.

Invisible format characters (Unicode category Cf) are removed: bidirectional controls
(U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which can make a title read
backwards or hide text, zero-width spaces, word joiners, soft hyphens and the like. Kept:
a zero-width joiner (U+200D) between two emoji (👩‍💻), which joins them into one; a zero-width
non-joiner (U+200C) between two letters, which Persian and Indic scripts spell with; the tag
characters after 🏴 that make a flag (England's); and the visible Cf signs that stand before
Arabic and Syriac numbers (U+0600–U+0605, U+06DD, U+070F, U+0890, U+0891, U+08E2, U+110BD,
U+110CD).

Before that, where a source makes a story, `clamp_story` holds it to the limits a story may
carry into the digest (the README lists them), so that no stage reads a 9 MB title.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import MutableMapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import nh3
from markupsafe import Markup

if TYPE_CHECKING:  # jinja2 loads when a template is made, not with config (`digest status`)
    import jinja2

from .models import Digest, Quote, Section, Story, Summary


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

# Category Cf of Unicode 14 (Python 3.11), less the visible signs named in the docstring.
# A run of tag characters (which spell a flag's region after BLACK_FLAG) is one match.
INVISIBLE_FORMAT = re.compile(
    "[\U000e0020-\U000e007f]+"
    "|[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001]"
)
ZWJ, ZWNJ, BLACK_FLAG = "\u200d", "\u200c", "\U0001f3f4"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_IN_PROSE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")
ABSOLUTE_HTTP = re.compile(r"https?://[^/?#@\s]*[^/?#@\s:]", re.I)
KEPT_TAGS = {"a", "b", "strong", "i", "em", "br"}
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]*>")


# What one story may carry into the digest; more is cut where the story is made.
MAX_TITLE = 300  # characters, cut at a word, with an ellipsis
MAX_TEXT = 100_000  # characters of paragraphs in all (a long read has about 60,000)
MAX_NAME = 200  # characters of an author, speaker or role
MAX_URL = 2048  # characters of a link or image address; a longer one is dropped, not cut
MIN_KEPT_PARAGRAPH = 80  # characters: a shorter remainder of a cut paragraph is left out


def cut_at_word(text: str, limit: int) -> str:
    """`text` at most `limit` characters long: cut at the last space in the second half of
    the limit (or mid-word when there is none), with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ", limit // 2)
    return (cut[:space] if space > 0 else cut).rstrip(" ,;:—–-") + "…"


def clamp_paragraphs(paragraphs: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """The paragraphs that fit in `limit` characters in all, the last one cut at a word."""
    kept: list[str] = []
    room = limit
    for paragraph in paragraphs:
        if len(paragraph) > room:
            if room >= MIN_KEPT_PARAGRAPH:
                kept.append(cut_at_word(paragraph, room))
            break
        kept.append(paragraph)
        room -= len(paragraph)
    return tuple(kept)


def clamp_story(story: Story) -> Story:
    """`story` within the limits above: title, text, author and addresses."""
    if (len(story.title) <= MAX_TITLE and sum(map(len, story.paragraphs)) <= MAX_TEXT
            and len(story.author or "") <= MAX_NAME
            and len(story.url or "") <= MAX_URL and len(story.image or "") <= MAX_URL):
        return story
    too_long = len(story.image or "") > MAX_URL
    return replace(
        story,
        title=cut_at_word(story.title, MAX_TITLE),
        paragraphs=clamp_paragraphs(story.paragraphs, MAX_TEXT),
        author=story.author and cut_at_word(story.author, MAX_NAME),
        url=story.url if len(story.url or "") <= MAX_URL else None,
        image=None if too_long else story.image,
        image_size=None if too_long else story.image_size,
    )


def is_emoji_part(char: str) -> bool:
    """A pictograph, a skin-tone modifier or the emoji presentation selector."""
    return char == "\ufe0f" or (char != "" and unicodedata.category(char) in ("So", "Sk"))


def kept_format(match: re.Match[str]) -> str:
    """The format characters matched, when they are of those kept (see above), else ""."""
    found, text, at, end = match.group(), match.string, match.start(), match.end()
    before, after = text[at - 1 : at], text[end : end + 1]
    if found == ZWJ:
        keep = is_emoji_part(before) and is_emoji_part(after)
    elif found == ZWNJ:
        keep = before.isalpha() and after.isalpha()
    else:  # a run of tag characters, kept right after a black flag
        keep = before == BLACK_FLAG and "\U000e0020" <= found[0] <= "\U000e007f"
    return found if keep else ""


def without_format(text: str) -> str:
    """`text` without its invisible format characters, but those kept (see above)."""
    if text.isascii() or not INVISIBLE_FORMAT.search(text):
        return text
    return INVISIBLE_FORMAT.sub(kept_format, text)


def one_line(text: object, limit: int | None = None) -> str:
    """Collapse all whitespace and control characters and drop invisible format characters,
    for headers, single-line fields and error messages; with `limit`, cut to that many
    characters."""
    text = without_format(str(text))
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
    text = without_format(text)
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
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
            """The template's globals as one dict, not jinja's ChainMap over the environment's
            (nobody changes them once it is made): every render copies them, and copying a
            ChainMap took two thirds of the time of rendering a greeting, once a recipient."""
            return {**self.globals, **(d or {})}

    return Sandbox(undefined=undefined).from_string(source)


def clean_quote(quote: Quote) -> Quote:
    """A quote for display: the comma or colon that led into its attribution goes."""
    return Quote(clean_prose(quote.text).rstrip(" ,;:"), clean_name(quote.speaker),
                 clean_name(quote.role))


def clean_name(name: str | None) -> str | None:
    """An author, speaker or role: one clean line, cut to MAX_NAME; None when empty."""
    return cut_at_word(clean_line(name), MAX_NAME) or None if name else None


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
            author=clean_name(story.author),
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
