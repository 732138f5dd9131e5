"""The names of one story: people and organisations, their fullest forms and the roles given them.

Names are runs of capitalised words (runs.py: "Cam Heyward", "Big Machine Records"); the
index learns the full names from every run of several words, then reads each run against
them. Titles and organisations written before a person's name are their role ("NASA
Administrator Jim Bridenstine"), as is an appositive after it (roles.py: "John Hemmings,
Asia Director at…,").

This module keeps the index: its construction and the lookups the summarizer asks of it.
What construction reads off a run (place, body named after someone, bracketed alias) is in
name_learning.py, the choice among full names holding the same words in fullest_names.py,
the value `Name` in name_value.py, the role found for a name in roles.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .fullest_names import fuller_bodies, fullest, named_nearest
from .lexicon import SAYING
from .name_learning import (
    AFTER_A_STOP,
    CLOSING_MARKS,
    DATE_BEFORE,
    GIVEN_OR_OTHER,
    KEPT_OPENERS,
    NOT_A_PERSON_AFTER,
    OPENING_MARKS,
    PLACE_BEFORE,
    PLACE_OPENERS,
    ROLE_FOR,
    body_wholes,
    bracketed,
    is_place,
    joined_bodies,
    named_after,
    person_signs,
    place_bodies,
    someones_words,
)
from .name_value import Name
from .name_words import (
    GIVEN_NAMES,
    HONORIFICS,
    NATIONALITY,
    ORG_WORDS,
    PERSON_TITLES,
    SKIPPED,
)
from .places import PLACES, written_as_places
from .roles import TITLE_AHEAD_CHARS, role_given
from .runs import (
    NAME_RUN,
    Run,
    bare,
    dateline_end,
    initials,
    is_acronym,
    is_role_word,
    is_title_word,
    opens_sentence,
    parse_run,
    plain_words,
    plural_person,
    possessive,
    speaks_as_group,
)

__all__ = ["TITLE_AHEAD_CHARS", "Name", "NameIndex"]  # as descriptions.py and others import them

HONORIFIC_SEX = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female",
                 "Brother": "male", "Father": "male", "Sister": "female", "Mother": "female"}


class NameIndex:
    """The names of one story, so that "Chun" finds "Chun Hae Sung" and roles are found.

    Full names are learnt first from every run of two or more capitalised words; then
    each run is read against them. Roles are looked for only when asked for. What the
    index knows is settled when it is built: reading a name later only fills caches, so
    that no answer depends on which quotation asked first.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self.people: set[str] = set()  # named in full: "Jo Lee"
        self.titled: set[str] = set()  # named by one word after a title: "Senator Lee"
        self.common: dict[str, bool] = {}  # by common_word
        self.joined: str | None = None  # the texts as one, when common_word first asks
        self.written_in_full: dict[str, int] = {}  # how often each person is named in full
        self.organisations: set[str] = set()
        self.aliases: dict[str, str] = {}
        self.known: set[str] = set()
        self.lookups: dict[tuple[str, str, bool], Name | None] = {}
        self.parsed: dict[str, Run] = {}
        self.introductions: defaultdict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
        self.found_roles: dict[str, str | None] = {}
        self.mentions: defaultdict[int, list[tuple[int, Name]]] = defaultdict(list)
        self.where: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        self.bodies: set[str] = set()  # runs that name companies, groups and their bodies
        self.place_names: set[str] = set()  # runs written as places: no one's name
        runs: list[tuple[int, int, int, str]] = []
        several: dict[str, int] = {}  # the runs of several words, in order, and how often
        given_first: set[str] = set()  # "April Ryan", "Dean Baquet": see GIVEN_OR_OTHER
        places: list[tuple[str, str]] = []  # (run, the place in it) of runs written as places
        alone: set[str] = set()  # words written as a run of their own
        bodies = self.bodies
        known = self.known  # a local name: the loop below runs for every capitalised word
        for index, text in enumerate(texts):
            # A dateline says where the story was filed and who reported it, not who is in it.
            for run in NAME_RUN.finditer(text, dateline_end(text)):
                words, start = run.group(), run.start()
                if " " in words:
                    country, _, rest = words.partition(" ")
                    if (country in PLACES and rest.split(maxsplit=1)[0] in GIVEN_NAMES
                            and text.endswith(ROLE_FOR, 0, start)):
                        words, start = rest, start + len(country) + 1  # "envoy to Ukraine Kurt"
                    elif country not in KEPT_OPENERS and (
                        not start or text[start - 2 : start] in AFTER_A_STOP
                    ) and (country.lower() in SAYING or self.common_word(country)):
                        # "Certainly Jo Lee said", "Continued Jo Lee: …"
                        words, start = rest, start + len(country) + 1
                    if (words.startswith(PLACE_OPENERS) or text.endswith(PLACE_BEFORE, 0, start)
                            or text.startswith(", ", run.end())) and is_place(
                        text, start, run.end(), words
                    ):
                        place = words.partition(" on ")[0]  # "…| on Monday"
                        if words.startswith(PLACE_OPENERS):
                            place = place.partition(" ")[2]
                        places.append((words, place))
                        words = place if words.startswith(PLACE_OPENERS) else words
                    several[words] = several.get(words, 0) + 1
                    if words.partition(" ")[0] in GIVEN_OR_OTHER and not DATE_BEFORE.search(
                        text, max(0, start - 8), start
                    ):
                        given_first.add(words)
                    after = NOT_A_PERSON_AFTER.match(text, run.end())
                    if (
                        (after and " and " not in words and not (
                            after["plural"] and plural_person(text, start, words)
                        ))
                        or (text[start - 1 : start] in OPENING_MARKS
                            and text[run.end() : run.end() + 1] in CLOSING_MARKS)
                    ) and bare(country) not in HONORIFICS:  # "Mr. Lee" is someone
                        bodies.add(words)  # a body's, or a work's title: “Good Morning Ohio”
                else:
                    word = bare(words)
                    if word in SKIPPED:
                        continue  # a third of all runs: "The", "But", "Monday"
                    alone.add(word)
                    if word not in known and not opens_sentence(text, start):
                        known.add(word)
                runs.append((index, start, run.end(), words))
        placed = written_as_places(texts, runs, several)
        joins = joined_bodies(texts, runs)
        wholes: dict[str, str] = {}  # "Protect Journalists": "Committee to Protect Journalists"
        if places or placed or joins:
            someones = someones_words(texts, runs, several)
            bodies.update(place_bodies(places, alone, someones))
            if placed:
                signs = person_signs(texts, runs, several, alone, someones)
                self.place_names = {words for words in placed if not signs(words)}
            wholes = body_wholes(joins, alone, someones)
            bodies.update(self.place_names, wholes)
        for words in several:
            if words.count(" ") > 1 and bare(words.rpartition(" ")[2]) in ORG_WORDS and (
                named_after(self.parse(words)[0], several)
            ):  # "Jo Lee Center" beside "Jo Lee": not Jo Lee
                bodies.update((words, " ".join(self.parse(words)[0])))
        for words, count in several.items():
            known.update(plain_words(words))
            if words not in bodies:
                self.learn(words, count)
        for words in given_first:
            given, _, surname = words.partition(" ")
            word = bare(surname)
            if " " not in surname and word not in self.by_word and word not in SKIPPED and (
                not is_title_word(word)
            ):
                self.add_person(words, (given, word), several[words])
        # "DEA" for the Drug Enforcement Administration, when the story never wrote "(DEA)".
        self.spelled_out: dict[str, str] = {}
        for organisation in sorted(self.organisations):
            if " " in organisation:
                self.spelled_out.setdefault(initials(organisation), organisation)
        self.organisations.update(wholes.values())
        self.wholes = wholes
        self.fuller = fuller_bodies(self.organisations)
        self.aliases, completed = bracketed(texts)
        for words in completed:  # "Coach (Frank) Vogel"
            self.learn(words)
        # Runs come again and again: each is read once.
        names: dict[str, Name | None] = {}
        for words in {r[3] for r in runs}:
            name = names[words] = self.read_run(words, "", speaking=False)
            if name is not None and name.kind == "organisation":
                self.organisations.add(name.text.removeprefix("the "))
        mentions, where, introductions = self.mentions, self.where, self.introductions
        for index, start, end, words in runs:
            name = names[words]
            if name is None or not name.text or possessive(texts[index], end):
                continue
            mentions[index].append((start, name))
            where[name.text].append((index, start))
            if name.kind == "person":
                introductions[name.text].append((index, start, end, words))
                if " " not in name.text and words != name.text and " " in words:
                    self.titled.add(name.text)  # "President Obama": a person all the same

    def common_noun(self, word: str) -> bool:
        """True for a lone plural the story capitalises only opening a sentence and also
        writes in lower case: "Shoppers who backed Lee said" (and "shoppers" elsewhere).
        A singular one may be a surname that is a common word too ("Price said", with
        "the price of insulin"), as people are named, one by one."""
        return word[-1] == "s" and word not in self.known and self.common_word(word)

    def common_word(self, word: str) -> bool:
        """True when the story writes `word` in lower case too: opening a sentence, it is
        no part of the name after it ("Certainly Jo Lee", "Continued Lee")."""
        if word not in self.common:
            if self.joined is None:
                self.joined = "\n".join(self.texts)
            text, lower, found = self.joined, word.lower(), False
            at = text.find(lower)
            while at >= 0 and not found:
                end = at + len(lower)
                found = not text[at - 1 : at].isalpha() and not text[end : end + 1].isalpha()
                at = text.find(lower, end)
            self.common[word] = found
        return self.common[word]

    def learn(self, run: str, count: int = 1) -> None:
        """Remember the person or organisation a run of several words names, `count` times."""
        tokens, person, person_words = self.parse(run)
        if person is None:
            if tokens:
                self.organisations.add(" ".join(tokens))
            return
        people = [(person, person_words)]
        if " and " in run:  # "Tova Noel and Michael Thomas", "Cruz and Gov. Jo Lee": both
            people += [self.parse(part)[1:] for part in run.split(" and ")[1:]]
        for name, name_words in people:
            if name is not None and len(name) > 1:
                self.add_person(" ".join(name), name_words, count)

    def add_person(self, text: str, name_words: Sequence[str], count: int) -> None:
        """Remember a person named in full, `count` times more; a place is no one."""
        if text in self.place_names:
            return
        self.written_in_full[text] = self.written_in_full.get(text, 0) + count
        if text not in self.people:
            self.people.add(text)
            words = frozenset(name_words)
            for word in words:
                self.by_word.setdefault(word, []).append((text, words))

    def parse(self, run: str) -> Run:
        parsed = self.parsed.get(run)
        if parsed is None:
            parsed = self.parsed[run] = parse_run(run)
        return parsed

    def name_of(self, run: str, *, the: str = "", speaking: bool = False) -> Name | None:
        """The person or organisation a run of capitalised words names, in its fullest form.

        A lone capitalised word is a person when it is part of a full name given elsewhere
        or, with `speaking`, when it is the subject of a verb of saying ("Schiff asked").
        """
        key = (run, the, speaking)
        if key not in self.lookups:
            self.lookups[key] = self.read_run(run, the, speaking=speaking)
        return self.lookups[key]

    def read_run(self, run: str, the: str, *, speaking: bool) -> Name | None:
        if run.startswith("The "):
            the = "the "
        tokens, person, person_words = self.parse(run)
        if not tokens:
            return None
        if (whole := self.wholes.get(" ".join(tokens))) is not None:  # "Protect Journalists"
            return Name(f"the {whole}" if the.endswith("the ") else whole, "organisation")
        if person is None and len(tokens) == 1 and bare(tokens[0]) in self.by_word:
            person, person_words = tokens, (bare(tokens[0]),)  # "Major", for John Major
        if person is not None and run not in self.bodies and (
            len(person) > 1 or person_words[0] in self.by_word
            or (speaking and not speaks_as_group(person_words[0])
                and not self.common_noun(person_words[0]))
            or (len(tokens) > 1 and is_role_word(bare(tokens[-2])))  # "President Obama"
        ):
            sex = HONORIFIC_SEX.get(bare(tokens[0]))
            name = fullest(self.by_word, self.written_in_full, self.common_word,
                           person, person_words, sex)  # Name(""): undecided
            if name.rivals and tokens[0] != person[0]:  # "Sen. Lee": the title decides, as
                return Name(name.text, name.kind)  # it can, not the paragraph (named_nearest)
            return name
        last = bare(tokens[-1])
        if last in PERSON_TITLES and last not in ORG_WORDS:
            return None  # "CEO", "Utah Republican", "Foreign Minister": a role, not a body
        if len(tokens) == 1:
            word = bare(tokens[0])
            if not is_acronym(word) and not (speaking and word in PLACES) and (
                word not in self.known or len(word) < 3 or NATIONALITY.search(word)
            ):
                return None
        text = " ".join(tokens)
        text = (self.aliases.get(bare(text)) or self.spelled_out.get(text)
                or self.fuller.get(text) or text)
        return Name(f"the {text}" if the.endswith("the ") else text, "organisation")

    def joint_speakers(self, run: str) -> Name | None:
        """ "Jo Lee and Bo Park said": both speak, when each part is someone the story
        names as a person; "Procter and Gamble" (no part a person) is one body's name.
        Two names that are not two people the story names: someone unnamed (Name("")),
        never one of them; None when a part is no name ("Gov. and Chairman Bo Park")."""
        names = [self.name_of(part) for part in run.split(" and ")]
        people = [name is not None and name.text and name.kind == "person" for name in names]
        if not any(people):
            whole = self.name_of(run)
            return Name(whole.text if whole else run, "organisation")
        texts = list(dict.fromkeys(name.text for name in names if name is not None))
        if all(people) and len(texts) > 1:
            return Name(" and ".join(texts), "person")
        return Name("", "person") if all(n is not None and n.text for n in names) else None

    def named_nearest(self, name: Name, paragraph: int, before: int) -> Name:
        """Of the people a bare surname may be, the one the paragraph names in full last
        before `before` as a sentence's subject (fullest_names.named_nearest)."""
        return named_nearest(self.texts, self.introductions, self.parse, name, paragraph, before)

    def mentions_in(self, paragraph: int) -> list[tuple[int, Name]]:
        """(offset, name) of the names in a paragraph, possessives left out."""
        return self.mentions.get(paragraph, [])

    def places(self, name: str) -> list[tuple[int, int]]:
        """(paragraph, offset) of each mention of `name`."""
        return self.where.get(name, [])

    def role(self, name: str) -> str | None:
        """The role the story gives `name`: a title before it or an appositive next to it."""
        if name not in self.found_roles:
            self.found_roles[name] = role_given(self.texts, self.introductions, self.parse, name)
        return self.found_roles[name]

    def kind(self, name: str) -> str:
        return "organisation" if name.removeprefix("the ") in self.organisations else "person"

    def described_organisation(self, modifiers: list[str]) -> str | None:
        """The one organisation a description fits: "the production company" → "… Productions"."""
        stems = [m[:5] for m in modifiers if len(m) > 3]
        fits = {o for o in self.organisations for t in o.lower().split() for s in stems
                if t.startswith(s)}
        return fits.pop() if len(fits) == 1 else None
