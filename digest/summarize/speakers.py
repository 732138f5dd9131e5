"""Who said each quotation: candidates from the finders, one resolver that decides.

The pieces, each reading the story once: the name index (names.py, built once and read-only
afterwards), the attributions and what they refer to (reading.py, with pronouns.py and
descriptions.py), the places a speaker is looked for, nearest and most explicit first
(finders.py). For each quotation the first finder to find someone brings a `Candidate`
with its evidence, and `evidence.decide` takes it or abstains: a wrong name is worse than
none. Surnames are expanded to the fullest name the story gives ("Chun" → "Chun Hae
Sung"); one two people share is told apart by a title ("Mrs. Lee"), else by the one the
quotation's paragraph names in full before it, else taken as the one named first (see
names.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from ..core.models import Quote
from ..core.text import blank, normalized, restore
from .attribution import Paragraph
from .evidence import Candidate, checked, decide
from .finders import Finders
from .name_words import TITLE_WRITTEN
from .names import Name
from .pronouns import Result
from .quotes import Found
from .transcript_labels import label_speaker

MIN_REPEATED_WORDS = 4  # words a quotation must share to be the same words given again
MAX_REPEAT_CANDIDATES = 100  # quotations compared with one given again with no attribution


class Attributor(Finders):
    """Speakers of the quotations of one story, decided in reading order."""

    def __init__(self, paragraphs: Sequence[str], found: Sequence[Found]) -> None:
        titles = TITLE_WRITTEN.search("\n".join(paragraphs)) is not None  # once, not each time
        super().__init__([Paragraph(p, titles=titles) for p in paragraphs], found)
        self.candidates: list[Candidate | None] = []  # each quotation's, as decided on
        for index in range(len(found)):
            name = self.attribute(index)
            if name is None:
                self.results.append(Result(None))
            elif not name.text:
                self.results.append(Result("", kind=name.kind))
            else:
                person = name.text if name.kind == "person" else None
                self.results.append(Result(restore(name.text), person, name.kind))
        self.share_repeated_speakers()

    def earlier_in_paragraph(self, paragraph: int, lo: int, index: int) -> Candidate | None:
        """The latest attribution before the quote in its paragraph, unless the quote's
        own sentence has someone else as its subject: "Lee said so on Monday. Park called
        the plan “a waste”" is Park's."""
        name = self.nearest_before(paragraph, lo, self.found[index].start, index)
        if not name:
            return None
        subject = self.sentence_subject(index) if name.text else None
        if subject and subject.text and subject.text != name.text:
            return Candidate(subject, "sentence_subject")
        return Candidate(name, "nearest_before")

    def share_repeated_speakers(self) -> None:
        """A quotation given again with no attribution (a pull quote, a repeated paragraph,
        a blog quoting its source twice) has the speaker it has where it is attributed."""
        if None not in (result.speaker for result in self.results):
            return
        known = [(f" {normalized(self.found[i].text)} ", result)
                 for i, result in enumerate(self.results) if result.speaker]
        holding: defaultdict[str, list[int]] = defaultdict(list)  # word -> quotes with it
        for number, (words, _) in enumerate(known):
            for word in set(words.split()):
                holding[word].append(number)
        for index, result in enumerate(self.results):
            text = self.found[index].text
            if result.speaker is not None or len(text.split()) < MIN_REPEATED_WORDS:
                continue
            # Part of it, not more: "I am not a crook" inside a speech is not the speech.
            # Only the quotes holding its rarest word can hold it, the earliest few of them.
            words = f" {normalized(text)} "
            lists = [holding.get(word, []) for word in set(words.split())]
            candidates = min(lists, key=len) if lists else range(len(known))
            for number in candidates[:MAX_REPEAT_CANDIDATES]:
                if words in known[number][0]:
                    self.results[index] = known[number][1]
                    break

    def quote(self, index: int, *, role: bool = True) -> Quote:
        """The index-th quotation with its speaker and, unless `role` is false, their role.

        Roles are looked up when asked for, as a digest shows a few quotes of many.
        """
        speaker, person, _ = self.results[index]
        found_role = self.names.role(person) if role and person else None
        return Quote(self.found[index].text, speaker or None, found_role)

    # --- where to look, in order --------------------------------------------------------

    def attribute(self, index: int) -> Name | None:
        """The first attribution found, nearest and most explicit first; Name("") = nobody."""
        quote = self.found[index]
        first, lo = quote.first, self.before_start(index)
        paragraph = self.paragraphs[first]
        leading = paragraph.sentence_tail(lo, quote.start)
        direct = not blank(self.texts[first], leading, quote.start) and (
            paragraph.direct_intro(leading, quote.start)
        )
        candidate = checked(self.candidate(index, first, lo, leading, direct), quote.text)
        if candidate and candidate.finder in ("nearest_before", "previous_speaker") and (
            self.pronouns.unlike_subject(first, quote.start, candidate.name)
        ):
            candidate = candidate._replace(conflict=True)
        self.candidates.append(candidate)
        name = decide(candidate)
        if name is not None and name.rivals:  # a surname two people the story names share
            return self.names.named_nearest(name, first, quote.start)
        return name

    def candidate(self, index: int, first: int, lo: int, leading: int,
                  direct: bool) -> Candidate | None:
        """The first finder's candidate: a Name is true, Name("") too, so the first finder
        to find one brings it (the later ones are not asked: they look further away)."""
        quote = self.found[index]
        finders: tuple[tuple[str, Callable[[], Name | Candidate | None]], ...] = (
            ("governed", lambda: self.governed(index, leading)),
            ("direct", lambda: self.in_sentence(first, leading, quote.start, index)
             if direct else None),
            ("trailing", lambda: self.trailing(index)),
            ("partial", lambda: self.partial(first, leading, quote.start, index)),
            ("later_in_sentence", lambda: self.later_in_sentence(index)),
            ("label", lambda: label_speaker(self.names, self.texts[first], quote.start)),
            ("participle_subject", lambda: self.participle_subject(index)),
            ("nearest_before", lambda: self.earlier_in_paragraph(first, lo, index)),
            ("previous_speaker", lambda: self.previous_speaker(index)),
            ("next_sentence", lambda: self.next_sentence(index)),
            ("sentence_subject", lambda: self.sentence_subject(index)),
            ("neighbour_subject", lambda: self.neighbour_subject(index)),
            ("heading_speaker", lambda: self.heading_speaker(index)),
        )
        for finder, find in finders:
            found = find()
            if isinstance(found, Candidate):
                return found
            if found:
                return Candidate(found, finder)
        return None

