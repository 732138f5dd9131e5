"""A quotation standing as a sentence of its own, with no verb of saying: said by the one
person the sentence right before or after it in the paragraph has as its subject and
names; no one when that sentence names someone else, or its subject is no lone person."""

from __future__ import annotations

import pytest

from tests.summarize.helpers import speaker, speakers

WORDS = "“The river rose faster than anyone had planned for.”"


def test_subject_of_the_sentence_before() -> None:
    assert speaker(f"Nora Quill leans on the railing. {WORDS}") == "Nora Quill"


def test_subject_of_the_sentence_after() -> None:
    assert speaker(f"{WORDS} Nora Quill shakes her head at the memory.") == "Nora Quill"


def test_subject_with_an_aside() -> None:
    assert speaker(f"Nora Quill, 61, leans on the railing. {WORDS}") == "Nora Quill"


def test_a_pronoun_subject_reads_as_for_a_verb_of_saying() -> None:
    assert speaker("Nora Quill runs the ferry.", f"She leans on the railing. {WORDS}") == (
        "Nora Quill"
    )


def test_no_speaker_when_a_neighbours_pronoun_is_unsure() -> None:
    assert speaker("Tom Fenn and Nora Quill run the ferry.",
                   f"He leans on the railing. {WORDS} She laughs.") is None


def test_both_neighbours_naming_the_same_person() -> None:
    assert speaker(f"Nora Quill leans on the railing. {WORDS} She shrugs.") == "Nora Quill"


def test_the_next_quote_goes_on_with_the_speaker_found() -> None:
    assert speakers(
        f"Nora Quill leans on the railing. {WORDS}",
        "“Nobody in the valley slept that week, not even the dogs.”",
    ) == ["Nora Quill", "Nora Quill"]


@pytest.mark.parametrize("sentence", [
    "Nora Quill waved at Tom Fenn.",  # another person, as object
    "Nora Quill and Tom Fenn arrived late.",  # two people
    "Nora Quill's brother stood up.",  # her brother's words, maybe
    "The Quill family gathered on the porch.",  # a group
    "The council met on the porch.",  # a body
    "When Nora Quill arrived, the crowd cheered.",  # a clause's subject
    "Nora Quill pointed to the sign on the door.",  # the sign's words
    "Nora Quill keeps a letter from her mother.",  # the letter's, the mother's
    "Nora Quill quoted an old proverb.",  # someone else's words
    "Nora Quill smiled at him.",  # someone else in play
    "Nora Quill was praised by the mayor.",  # acted on
    "Nora Quill expects the water to fall by May.",  # her view, told by the writer
])
def test_no_speaker_when_the_sentence_before_is_unsure(sentence: str) -> None:
    assert speaker(f"{sentence} {WORDS}") is None


def test_no_speaker_when_the_neighbours_name_two_people() -> None:
    assert speaker(f"Nora Quill leans on the railing. {WORDS} Tom Fenn rolls his eyes.") is None


def test_no_speaker_when_the_quote_ends_no_sentence() -> None:
    """ "“…,” Fenn laughs": the quote's own sentence goes on; the one before is no help."""
    assert speaker("Nora Quill sat down. “The river rose faster than we planned,” Tom Fenn "
                   "laughs.") is None
