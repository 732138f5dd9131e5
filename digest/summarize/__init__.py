"""A story's summary for the digest: its lead and its key quotes with who said them."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.models import Quote, Story, Summary
from ..core.text import join_doubled_marks, may_be_in, normalized, similar, word_count
from .lead import find_lead
from .quotes import Found, quotations
from .speakers import Attributor

__all__ = ["find_lead", "find_quotes", "rank_quotes", "summarize"]

FULL_SENTENCE_BONUS = 1.0
SPEAKER_BONUS = 3.0
LEAD_REPEAT_PENALTY = 3.0
SAME_SPEAKER_PENALTY = 1.5
FULL_LENGTH_WORDS = 40
LONG_QUOTE_WORDS = 90


def summarize(
    story: Story,
    *,
    max_quotes: int = 2,
    lead_paragraphs: int = 1,
    lead_max_words: int | None = None,
) -> Summary:
    """The story's lead and its `max_quotes` key quotes, best first (0: every quote, in order)."""
    lead = find_lead(
        story.paragraphs, story.title, lead_paragraphs=lead_paragraphs, max_words=lead_max_words
    )
    found, attributor = attributed_quotes(story.paragraphs)
    if attributor is None:
        return Summary(story=story, lead=lead, quotes=())
    kept = [
        index for index, where in enumerate(found)
        if not repeats_title(story.paragraphs[where.first], story.title)
    ]
    if max_quotes:  # ranked without roles, which are looked up for the quotes kept only
        unranked = [attributor.quote(index, role=False) for index in kept]
        kept = [kept[i] for i in ranking(unranked, lead, max_quotes)]
    return Summary(story=story, lead=lead, quotes=tuple(attributor.quote(i) for i in kept))


def find_quotes(paragraphs: Sequence[str]) -> list[Quote]:
    """Every direct quotation of four words or more, in order, with its speaker."""
    found, attributor = attributed_quotes(paragraphs)
    return [attributor.quote(i) for i in range(len(found))] if attributor else []


def attributed_quotes(paragraphs: Sequence[str]) -> tuple[list[Found], Attributor | None]:
    """The quotations, with where they stand, and who said them (None for no quotations).

    Both read the paragraphs with doubled marks made one ("''" as '"'), the offsets of
    `Found` being in those.
    """
    paragraphs = [join_doubled_marks(text) for text in paragraphs]
    found = quotations(paragraphs)
    return found, Attributor(paragraphs, found) if found else None


def repeats_title(paragraph: str, title: str) -> bool:
    """True for the headline repeated in the body, whose quotes are not the story's own."""
    return len(paragraph) < 2 * len(title) + 20 and similar(paragraph, title)


def rank_quotes(quotes: Sequence[Quote], lead: str) -> list[Quote]:
    """Quotes best first: said by someone named, substantial, whole sentences, not in the lead.

    Each pick lowers the others by the same speaker, so the top few give several voices.
    """
    return [quotes[index] for index in ranking(quotes, lead)]


def ranking(quotes: Sequence[Quote], lead: str, limit: int | None = None) -> list[int]:
    """The indices of `quotes` in the order `rank_quotes` gives them; with `limit`, the first
    `limit` of them only, as each pick looks at every quote left."""
    lead_words = normalized(lead)
    scores = [merit(quote, lead_words) for quote in quotes]
    remaining = list(range(len(quotes)))
    ranked: list[int] = []
    while remaining and (limit is None or len(ranked) < limit):
        best = max(remaining, key=scores.__getitem__)
        remaining.remove(best)
        ranked.append(best)
        speaker = quotes[best].speaker
        if speaker:
            for index in remaining:
                if quotes[index].speaker == speaker:
                    scores[index] -= SAME_SPEAKER_PENALTY
    return ranked


def merit(quote: Quote, lead_words: str) -> float:
    """A quote's worth on its own: up to 2 for length (less when it is a whole speech),
    3 for a named speaker, 1 for a whole sentence, minus 3 when the lead already says it."""
    words = word_count(quote.text)
    score = min(words, FULL_LENGTH_WORDS) / (FULL_LENGTH_WORDS / 2)
    if words > LONG_QUOTE_WORDS:
        score -= 1.0
    if quote.speaker:
        score += SPEAKER_BONUS
    text = quote.text.strip()
    # "…,” she said": a whole sentence whose period became a comma before the attribution
    if text[:1].isupper() and text.rstrip("”\"’'").endswith((".", "!", "?", ",")):
        score += FULL_SENTENCE_BONUS
    if may_be_in(text, lead_words) and normalized(text) in lead_words:
        score -= LEAD_REPEAT_PENALTY
    return score

