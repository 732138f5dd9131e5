"""The lead: the first paragraph that carries the news, past headlines, decks and page chrome.

Pages glue chrome to the lead (buttons, breadcrumbs, a label, a note about the story, the
headline again) and split a drop cap from its word: the lead is the paragraph's news part,
with its first word whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..core.chrome import (
    CAPTION_WORDS,
    DECK_WORDS,
    MEDIA_LABEL,
    caption_text,
    is_credit,
    without_chrome,
)
from ..core.credits import BYLINE as NAMED_BYLINE
from ..core.credits import byline_name, is_writer_note
from ..core.datelines import DATELINE, DATELINE_ALONE
from ..core.prose import (
    is_byline,
    is_chrome,
    is_drop_cap,
    is_prose,
    is_short_sentence,
    with_drop_cap,
    without_promos,
)
from ..core.sections import STARTS_SENTENCE
from ..core.text import clean, ends_sentence, sentences, word_count, word_stems, wordset
from ..core.widgets import is_widgets

SHORT_LEAD_WORDS = 15
SCAN_PARAGRAPHS = 25
GLUED_TITLE_MIN_CHARS = 20  # shorter headlines are found in news text by chance
GLUED_PREFIX_WORDS = 6  # a breadcrumb's words before a headline glued to the lead
GLUED_PREFIX_CHARS = 80
GLUED_REST_WORDS = 8
TITLE_MARKS = " :|—–-"  # between a headline and the lead glued to it
FIELD_WORDS = 3  # a label or a value set as a field of its own: "From:", "Ministry of Health"
MORE_CARRIED = 2  # words of the headline one paragraph carries beyond another, to tell them
# Small words of headlines, which tell no news apart.
HEADLINE_FILLERS = wordset(
    """the and for with from after over into onto that this these its are was were will has
    have had not but who what when how why you your our out off than then them they their his
    her about says said say amid new"""
)
DECK_AHEAD = 4  # paragraphs read below a deck for the byline or the dateline that ends it
ENTRY_AHEAD = 2  # and below the paragraph after it, for the stamp of a live blog's next entry
FIELDS_AHEAD = 12  # and paragraphs read at most, fields between them included


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
    found = first_news_paragraph(paragraphs, title)
    if found is None:  # all chrome: a clip's caption, say, is all there is to tell
        return trim(caption_text(only_caption(paragraphs)) if paragraphs else (title or ""),
                    max_words)
    start, lead, prose = found
    chosen = [lead if prose else caption_text(lead)]  # a caption: no credit
    rest = (text for _, text in news_texts(paragraphs, title, start + 1))
    following = (t for t in rest if is_prose(t) and not is_chrome(t, title))
    while len(chosen) < lead_paragraphs or word_count(" ".join(chosen)) < SHORT_LEAD_WORDS:
        text = next(following, None)
        if text is None:
            break
        chosen.append(text)
    return trim(" ".join(chosen), max_words)


def only_caption(paragraphs: Sequence[str]) -> str:
    """Of a story that is all chrome, the text that tells it: the first paragraph that is
    not buttons, a byline or a date (a clip's caption, after its "Play video")."""
    texts = [clean(text) for text in paragraphs[:SCAN_PARAGRAPHS]]
    return next((t for t in texts if t and not is_widgets(t) and not is_byline(t)), texts[0])


def first_news_paragraph(paragraphs: Sequence[str], title: str | None
                         ) -> tuple[int, str, bool] | None:
    """Index and news text of the first paragraph that reads as news prose, or of the first
    non-chrome one; and whether it is prose, which it was found to be or not here."""
    fallback = None
    writer = None  # the name of the last byline read
    for index, cleaned, text in read_paragraphs(paragraphs[:SCAN_PARAGRAPHS], title):
        writer = byline_name(cleaned) or writer
        if not text or is_chrome(text, title) or is_writer_note(text, writer):
            if MEDIA_LABEL.match(cleaned) and caption_leads(paragraphs, title, index, cleaned):
                return index, cleaned, False  # a clip's caption that tells the news
            continue
        if is_prose(text):
            return *below_deck(paragraphs, title, index, text), True
        if fallback is None and is_short_sentence(text) and prose_follows(paragraphs, title,
                                                                           index + 1):
            return index, text, False
        if fallback is None:
            fallback = index, text, False
    return fallback


def prose_follows(paragraphs: Sequence[str], title: str | None, start: int) -> bool:
    """Whether the next paragraph with text from `start` is news prose: what makes a short
    sentence above it the lead ("Fire." before the story), not a line of the page's."""
    found = next_news(paragraphs, title, start)
    return found is not None and is_prose(found[1]) and not is_chrome(found[1], title)


def next_news(paragraphs: Sequence[str], title: str | None, start: int
              ) -> tuple[int, str] | None:
    """Index and news text of the first paragraph with news text from `start`."""
    return next(((index, text) for index, text in news_texts(paragraphs, title, start) if text),
                None)


def caption_leads(paragraphs: Sequence[str], title: str | None, index: int, caption: str
                  ) -> bool:
    """Whether a clip's caption above the story ("Video: Rescuers freed a whale…") is its
    lead: it tells the headline's news, which the paragraph of prose after it does not carry
    (that goes on with the story: "The pair had set out…"). A clip shown beside the story
    ("WATCH: The mayor answers questions") tells less of the headline than the lead after
    it. A caption with no full stop is a clip's headline ("WATCH: Council shuts the bridge")."""
    text = caption_text(caption)
    found = next_news(paragraphs, title, index + 1) if ends_sentence(text) else None
    return found is not None and is_prose(found[1]) and carries_over(text, found[1], title)


def carries_over(first: str, second: str, title: str | None) -> bool:
    """Whether `first` tells the headline's news and `second` clearly less: the headline is
    written from the lead, so the lead carries most of its words."""
    stems = headline_stems(title or "")
    carried = len(stems & headline_stems(first))
    return (2 * carried >= len(stems) > 0
            and carried >= len(stems & headline_stems(second)) + MORE_CARRIED)


def headline_stems(text: str) -> frozenset[str]:
    """The stems of `text`'s words but small ones and headlines' fillers."""
    return word_stems(text, 2, HEADLINE_FILLERS)


def below_deck(paragraphs: Sequence[str], title: str | None, index: int, text: str
               ) -> tuple[int, str]:
    """Index and news text of the lead, when the first paragraph of prose is a deck or a
    caption: a sentence or two followed by a byline, a date or a picture's credit on a line of
    its own (where the header ends; a credit or a date alone only below a caption's length of
    text), or by short paragraphs and one that opens with a dateline
    (where the story starts)."""
    if text.count(" ") >= DECK_WORDS or DATELINE.match(text):
        return index, text
    bylined = False
    captioned = text.count(" ") < CAPTION_WORDS  # a credit or a date tells a caption, no longer
    read = 0
    for later in range(index + 1, min(index + 1 + FIELDS_AHEAD, len(paragraphs))):
        raw = clean(paragraphs[later])
        if is_field(raw):  # the page's facts set as fields ("From:", "Published"): not counted
            continue
        read += 1
        if read > DECK_AHEAD:
            break
        if is_byline(raw) or is_credit(raw):
            bylined = bylined or captioned or NAMED_BYLINE.match(raw) is not None
        elif bylined or DATELINE.match(raw):
            found = next((n for n in news_texts(paragraphs, title, later) if n[1]), None)
            if found and is_prose(found[1]) and not is_chrome(found[1], title):
                return (index, text) if stamps_entries(paragraphs, found[0]) else found
        elif raw.count(" ") >= DECK_WORDS:
            break
    return index, text


def stamps_entries(paragraphs: Sequence[str], start: int) -> bool:
    """Whether a byline or a date follows again within ENTRY_AHEAD paragraphs of the one at
    `start`, and another entry below it: a live blog's stamps, each below its entry ("Posted
    8:01 p.m."), not a header's, so that the short paragraph above the first is an entry,
    not a deck. A stamp or a byline closing a short story has no more of it below."""
    return any(is_byline(clean(paragraphs[at])) and is_prose(clean(paragraphs[at + 1]))
               for at in range(start + 1, min(start + 1 + ENTRY_AHEAD, len(paragraphs) - 1)))


def is_field(text: str) -> bool:
    """A label or a value of a page's facts set as fields on lines of their own ("From:",
    "Ministry of Health", "Published"): a few words, no sentence, no date."""
    return (len(text.split()) <= FIELD_WORDS and not text.endswith((".", "!", "?", "—", "–", "-"))
            and not is_byline(text) and not is_credit(text))


def news_texts(paragraphs: Sequence[str], title: str | None, start: int = 0
               ) -> Iterator[tuple[int, str]]:
    """(index, news part) of each paragraph from `start`, as `read_paragraphs` reads them."""
    return ((index, news) for index, _, news in read_paragraphs(paragraphs, title, start))


def read_paragraphs(paragraphs: Sequence[str], title: str | None, start: int = 0
                    ) -> Iterator[tuple[int, str, str]]:
    """(index, paragraph with its white space cleaned, news part) of each paragraph from
    `start`. A drop cap standing alone ("T") joins the word it begins ("he mayor said…"),
    a dateline standing alone ("RIVERTON —") the sentence it opens; their own paragraphs
    are left empty."""
    held = ""  # a drop cap or a dateline, waiting for the text it opens
    for index in range(start, len(paragraphs)):
        text = cleaned = clean(paragraphs[index])
        if is_drop_cap(held) and text[:1].islower():
            text = with_drop_cap(held, text, " ".join(paragraphs[index : index + SCAN_PARAGRAPHS]))
        elif held and not is_drop_cap(held) and STARTS_SENTENCE.match(text):
            text = f"{held} {text}"
        held = text if is_drop_cap(text) or is_dateline(text) else ""
        news = "" if held else without_title(without_promos(without_chrome(text)), title)
        yield index, cleaned, news


def is_dateline(text: str) -> bool:
    """A dateline standing alone ("RIVERTON —"), not a label announcing a clip ("WATCH —")."""
    return DATELINE_ALONE.fullmatch(text) is not None and not MEDIA_LABEL.match(text)


def without_title(text: str, title: str | None) -> str:
    """The text after the headline, when a breadcrumb or nothing but the headline comes
    before it ("Home News Mayor quits over budget The mayor of…", "…over budget: The mayor")."""
    if not title or len(title) < GLUED_TITLE_MIN_CHARS:
        return text
    head = text[: len(title) + GLUED_PREFIX_CHARS]
    lowered = head.lower()  # as long as `head` but for a few letters ("İ"): then exact
    at = lowered.find(title.lower()) if len(lowered) == len(head) else head.find(title)
    if at < 0 or len(text[:at].split()) > GLUED_PREFIX_WORDS:
        return text
    rest = text[at + len(title) :].lstrip(TITLE_MARKS)
    if len(rest.split()) < GLUED_REST_WORDS or not STARTS_SENTENCE.match(rest):
        return text
    return rest


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
