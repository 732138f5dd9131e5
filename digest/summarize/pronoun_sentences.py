"""Where a pronoun's sentence stands among the story's sentences: the sentence before it,
how far back its subject or speaker may be, and how far back the one found is.

A sentence inside quote marks is the quoted speaker's; the story's sentence is the one the
marks open in. Read back past the sentence before only while sentences open with the same
pronoun as their subject ("He paused. Later, he said"): "she" there is the one meant again.
"""

from __future__ import annotations

from .mentions import GENDERS, PRONOUN_SUBJECT, Mentions

MAX_CHAIN = 8  # sentences opening with "he" or "she" read back through


class Sentences(Mentions):
    """The story's sentences around a pronoun, for Antecedents (pronouns.py)."""

    def distance(self, where: tuple[int, int], here: tuple[int, int]) -> str:
        """How far back the antecedent at `where` is from the pronoun's sentence at `here`:
        in the same sentence, the sentence before, or further back along sentences opening
        with the same pronoun."""
        if where >= (here[0], self.narrative_sentence(*here)):
            return "same sentence"
        return "sentence before" if where >= self.sentence_before(here) else "further"

    def sentence_before(self, here: tuple[int, int]) -> tuple[int, int]:
        """Where the sentence before the one holding `here` starts, in its paragraph or at
        the end of the paragraph before."""
        paragraph, offset = here
        start = self.narrative_sentence(paragraph, offset)
        if start or not paragraph:
            return paragraph, self.narrative_sentence(paragraph, max(0, start - 1))
        return paragraph - 1, self.narrative_sentence(
            paragraph - 1, len(self.paragraphs[paragraph - 1].text))

    def narrative_sentence(self, paragraph: int, offset: int) -> int:
        """Where the story's sentence holding `offset` starts: a sentence inside quote marks
        is the quoted speaker's, and the story's sentence is the one the marks open in."""
        sentences = self.paragraphs[paragraph]
        start = sentences.sentence_start(offset)
        before = sentences.text[:start]
        if before.count("“") > before.count("”"):
            return sentences.sentence_start(before.rfind("“"))
        if before.count('"') % 2:
            return sentences.sentence_start(before.rfind('"'))
        return start

    def reach(self, here: tuple[int, int], kind: str) -> tuple[int, int]:
        """How far back a pronoun's subject or speaker may be: to the start of the sentence
        before the pronoun's, and on back while that sentence opens with the same pronoun,
        as "she" there is the one meant again ("Lee spoke. She paused. “…,” she said")."""
        start = self.sentence_before(here)
        for _ in range(MAX_CHAIN if kind in GENDERS else 0):
            opening = PRONOUN_SUBJECT.match(self.paragraphs[start[0]].text, start[1])
            if start == (0, 0) or opening is None or opening[kind] is None:
                break
            start = self.sentence_before(start)
        return start
