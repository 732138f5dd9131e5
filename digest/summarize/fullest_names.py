"""Which person the story names in full a shorter name stands for: "Chun" → "Chun Hae Sung";
and which body's fullest name a shorter one does ("Holocaust Museum", `fuller_bodies`).

When two people the story names in full hold the same words ("Jo Lee", "Bo Lee"), the one
named first is meant unless a title's sex decides ("Mrs. Lee"), or the paragraph names the
other in full as a sentence's subject just before (`named_nearest`). names.NameIndex keeps
the full names (by word, how often written); this module only chooses among them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .given_names import gender_of
from .name_value import Name
from .name_words import HONORIFICS
from .runs import PARTICLE_WORDS, Run, opens_sentence, short_form


def fullest(by_word: dict[str, list[tuple[str, frozenset[str]]]], written_in_full: dict[str, int],
            common_word: Callable[[str], bool], person: Sequence[str], words: Sequence[str],
            sex: str | None = None) -> Name:
    """The person of the fullest name holding all of a person's `words`: "Chun" → "Chun
    Hae Sung"; Name("") when two people the story names in full hold them and nothing
    decides between them (see `rivals`); the others, if any, as the Name's `rivals`.

    A title decides between a man and a woman (`sex`, from "Mr" or "Mrs" before the
    name): "Mrs. Lee" is not John Lee.
    """
    wanted = words if HONORIFICS.isdisjoint(words) else [
        w for w in words if w not in HONORIFICS
    ]
    best, size = " ".join(person), len(person)
    if not wanted:
        return Name(best, "person")
    forms = [wanted]
    if wanted[0].lower() in PARTICLE_WORDS and wanted[0][0].isupper():
        forms.append([wanted[0].lower(), *wanted[1:]])  # "De Miranda" opening a sentence
    fits: list[tuple[str, frozenset[str]]] = []
    for form in forms:
        for full, full_words in by_word.get(form[0], ()):
            if len(full_words) > size and full_words.issuperset(form) and (
                sex is None or gender_of(full) in (None, sex)  # "Mrs. Lee" is no Jo Lee
            ):
                fits.append((full, full_words))
    if len(fits) < 2:
        return Name(fits[0][0] if fits else best, "person")
    # The people it may be: the fullest forms, not those a fuller one holds. Of several,
    # the one named first is meant, as a story names its main actor first and in full.
    people = [full for full, words in fits if not any(words < other for _, other in fits)]
    # A rival opening with a common word is no rival ("See Sexton"), nor the same name
    # with a short form of the given name, a middle name or a suffix ("Pat Lee" for
    # "Patrick W. Lee Jr.").
    others = [other for other in people[1:] if not common_word(other.split()[0])
              and not short_form(people[0], other)]
    if rivals(written_in_full, people[0], others, sex):
        return Name("", "person")
    return Name(people[0], "person", rivals=tuple(others))


def rivals(written_in_full: dict[str, int], name: str, others: list[str], sex: str | None
           ) -> bool:
    """True when a title's sex ("Ms. Khan") does not decide between `name` and others
    the story names in full with the same words, and `name` is named in full no more
    often than they are. Without a title, the one named first is meant (abstaining
    there was measured: that one was right three times in four by the benchmark's gold,
    and every time read by hand, the gold sending some to the other person), unless the
    paragraph of the quotation names another in full (`named_nearest`)."""
    if not others or sex is None:
        return False
    if gender_of(name) == sex and all(gender_of(other) != sex for other in others):
        return False
    return written_in_full.get(name, 0) <= max(written_in_full.get(o, 0) for o in others)


def named_nearest(texts: Sequence[str],
                  introductions: dict[str, list[tuple[int, int, int, str]]],
                  parse: Callable[[str], Run], name: Name, paragraph: int, before: int) -> Name:
    """Of the people a bare surname may be (`name`, read as the one named first, and
    its rivals), the one the paragraph names in full last before `before` as a
    sentence's subject: "Hillary Clinton rebuffed a heckler. “…,” Clinton said" is hers,
    though the story named Bill Clinton first; `name` when the paragraph names none of
    them in full ("Freddy", "Mr. Trump" are not in full) or only as an object ("She
    praised her brother Tom Lee", "Lee, whose son Bo Lee plays").

    A subject opens its sentence or comes after a comma ("On Monday, Bo Lee said").
    """
    text, nearest, at = texts[paragraph], name.text, -1
    for person in (name.text, *name.rivals):
        for index, start, _, words in introductions.get(person, ()):
            if index == paragraph and at < start < before and (
                len(parse(words)[1] or ()) > 1
            ) and (opens_sentence(text, start) or text.endswith(", ", 0, start)):
                nearest, at = person, start
    return name if nearest == name.text else Name(nearest, name.kind, name.mention, name.via)


def fuller_bodies(organisations: Iterable[str]) -> dict[str, str]:
    """The fullest name the story writes for a body it also names shorter, as a person's
    shorter name is read as their full one: "Holocaust Museum" → "Holocaust Memorial
    Museum", when one name of the story's bodies opens and ends as it does and holds all
    its words in order; none when two do."""
    by_ends: dict[tuple[str, str], list[list[str]]] = {}
    for body in organisations:
        words = body.split()
        if len(words) > 2:
            by_ends.setdefault((words[0], words[-1]), []).append(words)
    fuller: dict[str, str] = {}
    for body in organisations:
        words = body.split()
        fits = {" ".join(full) for full in by_ends.get((words[0], words[-1]), ())
                if len(full) > len(words) > 1 and in_order(words, full)}
        if len(fits) == 1:
            fuller[body] = fits.pop()
    return fuller


def in_order(words: Sequence[str], full: Sequence[str]) -> bool:
    """True when all of `words` come in `full`, in the same order."""
    rest = iter(full)
    return all(word in rest for word in words)
