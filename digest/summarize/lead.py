"""The lead: the first paragraph that carries the news, past headlines, decks and page chrome."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.prose import is_chrome, is_prose
from ..core.text import clean, sentences, word_count

SHORT_LEAD_WORDS = 15
SCAN_PARAGRAPHS = 25


def find_lead(
    paragraphs: Sequence[str],
    title: str | None = None,
    *,
    lead_paragraphs: int = 1,
    max_words: int | None = None,
) -> str:
    """The story's lead: its first news paragraph, `lead_paragraphs` of them joined.

    A lead shorter than a sentence or two ("Beauty company Coty is breaking out.")
    takes the next paragraph along, so the reader still gets the news.
    """
    start = first_news_paragraph(paragraphs, title)
    if start is None:
        return trim(clean(paragraphs[0]) if paragraphs else (title or ""), max_words)
    chosen = [clean(paragraphs[start])]
    rest = (clean(p) for p in paragraphs[start + 1 :])
    following = (t for t in rest if is_prose(t) and not is_chrome(t, title))
    while len(chosen) < lead_paragraphs or word_count(" ".join(chosen)) < SHORT_LEAD_WORDS:
        text = next(following, None)
        if text is None:
            break
        chosen.append(text)
    return trim(" ".join(chosen), max_words)


def first_news_paragraph(paragraphs: Sequence[str], title: str | None) -> int | None:
    """Index of the first paragraph that reads as news prose, or of the first non-chrome one."""
    fallback = None
    for index, paragraph in enumerate(paragraphs[:SCAN_PARAGRAPHS]):
        text = clean(paragraph)
        if not text or is_chrome(text, title):
            continue
        if is_prose(text):
            return index
        if fallback is None:
            fallback = index
    return fallback


def trim(text: str, max_words: int | None) -> str:
    """At most `max_words` words, cut at a sentence end; a long first sentence gets an ellipsis."""
    if max_words is None or word_count(text) <= max_words:
        return text
    kept: list[str] = []
    for sentence in sentences(text):
        if word_count(" ".join([*kept, sentence])) > max_words:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    return cut_words(text, max_words)


def cut_words(text: str, max_words: int) -> str:
    """The first `max_words` words of `text`, ending at a word boundary, with an ellipsis."""
    count = 0
    for match in re.finditer(r"\S+", text):
        count += word_count(match.group())
        if count >= max_words:
            return text[: match.end()].rstrip(",;:—–-") + "…"
    return text
