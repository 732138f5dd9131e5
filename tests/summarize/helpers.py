"""What the summarizer's tests share: a quotation to attribute, and who the summarizer
says spoke each quotation of an invented story."""

from __future__ import annotations

from digest.core.models import Quote
from digest.summarize import find_quotes
from digest.summarize.names import NameIndex

QUOTE = "“The ferry will run again by May,”"


def speakers(*paragraphs: str) -> list[str | None]:
    """The speaker of each quotation the paragraphs hold, in order."""
    return [quote.speaker for quote in find_quotes(paragraphs)]


def only(paragraphs: list[str] | tuple[str, ...]) -> Quote:
    """The one quotation the paragraphs hold (failing when they hold another number)."""
    quotes = find_quotes(paragraphs)
    assert len(quotes) == 1, quotes
    return quotes[0]


def speaker(*paragraphs: str) -> str | None:
    """The speaker of the one quotation the paragraphs hold."""
    return only(paragraphs).speaker


def name_of(run: str, *paragraphs: str) -> str | None:
    """"kind:text" of the name the story's index reads a run as, spoken of as a speaker."""
    name = NameIndex(paragraphs).name_of(run, speaking=True)
    return None if name is None else f"{name.kind}:{name.text}"
