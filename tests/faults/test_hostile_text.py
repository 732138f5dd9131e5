"""Hostile text: invisible format characters, oversized fields and text shaped to make the
summarizer slow. What a story carries is cleaned and capped before any backend sees it."""

from __future__ import annotations

import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.config import Newsletter
from digest.core.errors import SourceError
from digest.core.models import Article, Digest, Quote, Recipient, Section, Story, Summary
from digest.core.sanitize import (
    GREETING,
    INVISIBLE_FORMAT,
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    MAX_URL,
    clamp_story,
    clean_digest,
    clean_line,
    clean_prose,
    cut_at_word,
)
from digest.delivery.deliver import prepare
from digest.render.renderer import Renderer
from digest.sources.base import FetchContext, story_from_article
from digest.sources.feed import FeedOptions, FeedSource
from digest.sources.files import MAX_FILE_BYTES, FilesSource, read_article
from digest.summarize import summarize

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
HIDDEN = BIDI + "\u200b\u2060\ufeff\u00ad\u180e\u2062\U000e0001"
# The Cf characters kept because they are visible: signs spanning Arabic and Syriac numbers.
VISIBLE_FORMAT = set("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
                     "\U000110bd\U000110cd")
NEWSLETTER = Newsletter.model_validate({
    "title": "Test Daily", "from": "news@example.com", "postal_address": "1 Sample Street",
    "greeting": "Hello {{ name }},",
})


def hidden_in(text: str) -> set[str]:
    return {char for char in text if char in HIDDEN}


# --- invisible format characters ------------------------------------------------------------


def test_every_invisible_format_character_of_this_unicode_is_removed():
    """The removed set is category Cf of the running Python, less the visible signs."""
    listed = {chr(c) for c in range(sys.maxunicode + 1) if INVISIBLE_FORMAT.fullmatch(chr(c))}
    format_chars = {chr(c) for c in range(sys.maxunicode + 1)
                    if unicodedata.category(chr(c)) == "Cf"}
    assert listed == format_chars - VISIBLE_FORMAT


def test_bidi_controls_and_zero_width_characters_are_removed_from_lines_and_prose():
    hostile = "The \u202emoc.elgoog\u202c mayor\u200b said\u2066 it \u200fagain\ufeff"
    assert clean_line(hostile) == "The moc.elgoog mayor said it again"
    assert clean_prose(hostile) == "The moc.elgoog mayor said it again"
    assert clean_line("".join(HIDDEN)) == ""


def test_joiners_that_spell_something_are_kept():
    family = "a 👩\u200d💻 coder and ❤\ufe0f\u200d🔥"
    assert clean_line(family) == family
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want": ZWNJ between letters
    assert clean_line(persian) == persian
    england = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert clean_line(f"flag {england}") == f"flag {england}"
    # Not between two emoji or two letters, or tags with no flag: removed.
    assert clean_line("x\u200d \u200cy \U000e0067\U000e0062 z") == "x y z"


def test_a_slot_marker_split_by_an_invisible_character_does_not_come_back():
    assert clean_line("<!--digest:\u200bgreeting-->hi") == "hi"
    assert clean_prose("<!--\u202edigest:unsubscribe-->") == ""


def hostile_summary() -> Summary:
    story = Story(id="h", source="Wire\u202e", title="Mayor \u202equits\u202c \u2066today\u2069",
                  url="https://example.com/a", published=NOW, paragraphs=("x",),
                  author="Ann\u200f Lee")
    quote = Quote("We \u2067will\u2069 rebuild the \u200bbridge,", "Ann\u202e Lee",
                  "the \u202dmayor\u202c of Northbridge")
    return Summary(story=story, lead="The \u202ecouncil\u202c voted\u200e on Tuesday.",
                   quotes=(quote,), also_in=("example\u202e.org",))


def test_every_field_of_a_story_is_cleaned_before_render():
    digest = Digest(title="Test Daily", date=NOW,
                    sections=(Section("News\u2067", (hostile_summary(),)),))
    summary = clean_digest(digest).sections[0].summaries[0]
    story, quote = summary.story, summary.quotes[0]
    assert (story.title, story.source, story.author) == ("Mayor quits today", "Wire", "Ann Lee")
    assert summary.lead == "The council voted on Tuesday."
    assert (quote.text, quote.speaker, quote.role) == (
        "We will rebuild the bridge", "Ann Lee", "the mayor of Northbridge")
    assert summary.also_in == ("example.org",)


def test_what_every_backend_receives_has_no_invisible_characters():
    """The rendered email, and the edition and per-recipient values every backend (SMTP,
    file, console, and the HTTP APIs, which map the values to their substitutions) is given."""
    digest = Digest(title="Test Daily", date=NOW,
                    sections=(Section("News", (hostile_summary(),)),))
    email = Renderer.create().render(digest, NEWSLETTER)
    for part in (email.subject, email.html, email.text, email.preheader):
        assert not hidden_in(part)
    assert "Mayor quits today" in email.html and "Mayor quits today" in email.text
    reader = Recipient("ann@example.org", "Ann\u202e \u2066Reader\u2069")
    outgoing = prepare(email, [reader], NEWSLETTER, NOW, edition="e1")
    edition, personal = outgoing.edition, outgoing[0]
    assert not hidden_in(edition.subject + edition.html + edition.text)
    assert personal.text[GREETING] == "Hello Ann Reader,\n"
    assert not hidden_in(personal.html[GREETING])
    assert personal.to.display_name == "Ann Reader"


# --- what a story may carry --------------------------------------------------------------


def test_cut_at_word():
    assert cut_at_word("short", 10) == "short"
    assert cut_at_word("one two three four", 12) == "one two…"
    assert cut_at_word("x" * 50, 10) == "x" * 9 + "…"  # no space: cut mid-word
    assert cut_at_word("one, two three", 9) == "one…"  # no comma before the ellipsis


def test_a_huge_title_is_cut_at_a_word_with_an_ellipsis():
    title = "word " * 1_900_000  # 9.5 MB
    story = clamp_story(Story(id="s", source="t", title=title, url=None, published=None,
                              paragraphs=()))
    assert len(story.title) <= MAX_TITLE and story.title.endswith("word…")


def test_text_author_and_addresses_are_capped():
    paragraph = "A sentence of a long story goes on. " * 1000  # 36,000 characters
    story = clamp_story(Story(
        id="s", source="t", title="Short", url="https://example.com/" + "a" * MAX_URL,
        published=None, paragraphs=(paragraph,) * 5, author="Ann " * 100,
        image="https://example.com/i.jpg", image_size=(800, 600),
    ))
    assert sum(map(len, story.paragraphs)) <= MAX_TEXT
    assert story.paragraphs[:2] == (paragraph, paragraph) and story.paragraphs[2].endswith("…")
    assert len(story.author or "") <= MAX_NAME and story.url is None
    assert story.image == "https://example.com/i.jpg" and story.image_size == (800, 600)
    fine = Story(id="s", source="t", title="T", url=None, published=None, paragraphs=("p",))
    assert clamp_story(fine) is fine


def test_speakers_and_roles_are_capped_in_the_digest():
    summary = hostile_summary()
    long_quote = Quote("We will go there now.", "Ann " * 200, "head " * 200)
    digest = Digest(title="T", date=NOW, sections=(Section("S", (
        Summary(story=summary.story, lead="Lead.", quotes=(long_quote,)),)),))
    quote = clean_digest(digest).sections[0].summaries[0].quotes[0]
    assert len(quote.speaker or "") <= MAX_NAME and len(quote.role or "") <= MAX_NAME


def test_stories_from_pages_and_files_are_capped():
    article = Article(title="T" * 10_000, paragraphs=("x" * (MAX_TEXT + 5000),))
    story = story_from_article(article, source="s", key="k", fallback_title="f", published=None)
    assert len(story.title) <= MAX_TITLE and sum(map(len, story.paragraphs)) <= MAX_TEXT


def test_a_feed_with_a_9_mb_title_gives_a_capped_story(tmp_path: Path):
    title = "Huge " * 1_800_000
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        f"<item><title>{title}</title><link>https://example.com/1</link>"
        "<description>A short entry.</description></item></channel></rss>", encoding="utf-8")
    source = FeedSource("f", FeedOptions(path=feed, full_text="never"), tmp_path)
    fetched = source.fetch(FetchContext(http=None, now=NOW))  # type: ignore[arg-type]
    [story] = fetched.stories
    assert len(story.title) <= MAX_TITLE and story.title.endswith("Huge…")


# --- text shaped to be slow ------------------------------------------------------------------

SECONDS = 10.0  # of CPU: each took from 10 s to minutes when the summarizer was quadratic


def story_of(*paragraphs: str) -> Story:
    return Story(id="s", source="t", title="A story", url=None, published=None,
                 paragraphs=paragraphs)


@pytest.mark.parametrize("paragraphs", [
    ("“We will go there now,” she said. " * 20_000,),
    ("“word word word word " * 20_000,),
    ("'a b c d' " * 20_000,),
    ("“We will keep going with this,” she said.",) * 20_000,
    ("“Words of a quote here,” said Smith, " * 12_500,),
    ("Smith rejected it, saying “we go there now” and " * 2_000,),
    ("a statement saying “we go there now” and " * 2_000,),
    ("“We will keep going with this",) * 20_000,
    ("Smith " * 50_000 + "said (ABC) “we go there now.”",),
    ("The Acme Group met. “We go there now,” she said. " * 5_000,),
], ids=["balanced", "openers", "single", "paragraphs", "said-smith", "participles",
        "statements", "running-on", "acronym", "bodies"])
def test_hostile_shapes_are_summarized_in_seconds(paragraphs):
    """Every quote (as `digest summarize --max-quotes 0`), and the best two (as a digest)."""
    started = time.process_time()  # CPU, so that other work on the machine does not count
    every = summarize(story_of(*paragraphs), max_quotes=0)
    best = summarize(story_of(*paragraphs))
    assert time.process_time() - started < SECONDS
    assert every.quotes and len(best.quotes) <= 2


def test_a_story_file_too_large_is_skipped_and_the_others_are_read(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "good.md").write_text("# A fine day\n\nThe mayor opened the new bridge today.\n")
    with (folder / "huge.txt").open("wb") as huge:  # sparse: nothing is really written
        huge.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(SourceError, match=r"huge\.txt: cannot read: larger than 10485760 bytes"):
        read_article(folder / "huge.txt")
    source = FilesSource("Local", FilesSource.Options(path=str(folder)), tmp_path)
    fetched = source.fetch(None)  # type: ignore[arg-type] - a files source fetches nothing
    assert [story.title for story in fetched.stories] == ["A fine day"]
