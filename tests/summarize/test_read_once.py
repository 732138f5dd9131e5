"""Work a story's finders share is done once: the attributions of a span of a paragraph,
the readings of a noun phrase. What is kept is what reading again would give."""

from __future__ import annotations

from digest.summarize.attribution import Paragraph
from digest.summarize.quotes import quotations
from digest.summarize.speakers import Attributor
from digest.summarize.subjects import read_inverted, read_subject

TEXT = "“The dam will hold,” said Ann Kolby, the county engineer, and Tom Brill agreed."


def test_the_attributions_of_a_span_are_read_once() -> None:
    paragraph = Paragraph(TEXT)
    whole = paragraph.attributions(0, len(TEXT))
    assert whole  # "said Ann Kolby" at least
    assert paragraph.attributions(0, len(TEXT)) is whole
    assert whole == Paragraph(TEXT).attributions_in(0, len(TEXT))
    # another span is read for itself
    assert paragraph.attributions(20, len(TEXT)) == Paragraph(TEXT).attributions_in(20, len(TEXT))


def test_a_noun_phrase_is_read_once_a_story() -> None:
    reader = Attributor([TEXT], quotations([TEXT]))
    subject = reader.read("the county engineer Ann Kolby")
    assert subject == read_subject("the county engineer Ann Kolby")
    assert reader.read("the county engineer Ann Kolby") is subject
    inverted = reader.read("Ann Kolby, the county engineer", inverted=True)
    assert inverted == read_inverted("Ann Kolby, the county engineer")
    assert reader.read("Ann Kolby, the county engineer") == read_subject(
        "Ann Kolby, the county engineer"
    )  # before its verb, the same words are read as a subject
