"""The names of one story: people and organisations, their fullest forms and the roles given them.

Names are runs of capitalised words (runs.py: "Cam Heyward", "Big Machine Records"); the
index learns the full names from every run of several words, then reads each run against
them. Titles and organisations written before a person's name are their role ("NASA
Administrator Jim Bridenstine"), as is an appositive after it (roles.py: "John Hemmings,
Asia Director at…,").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.text import DOT, UPPER, restore, wordset
from .given_names import gender_of
from .lexicon import SAYING
from .name_words import (
    DEPARTMENTS,
    GIVEN_NAMES,
    HONORIFICS,
    NATIONALITY,
    NOT_NAME_WORDS,
    ORG_WORDS,
    SKIPPED,
    SUFFIXES,
    TITLES,
)
from .places import PLACES
from .roles import role_near, title_before
from .runs import (
    NAME_RUN,
    NAME_TOKEN,
    PARTICLE_WORDS,
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
    short_form,
    speaks_as_group,
)

# After a run of capitalised words, the acronym that stands for it: "… Administration (DEA)".
# Looked for after each whole run: a regex of run and acronym would read the run again from
# each of its words.
ACRONYM_AFTER = re.compile(rf"\s+\(([{UPPER}{DOT}&]{{2,}})\)")
# A given name an editor puts in before a surname: "Coach (Frank) Vogel said".
BRACKETED_GIVEN_NAME = re.compile(
    rf"(?:\(([{UPPER}][a-z]+)\)|\[([{UPPER}][a-z]+)\]) ({NAME_TOKEN})"
)
TITLE_AHEAD_CHARS = 60  # read before a run for a title ahead of it (roles.title_before)
BRACKETED_ACRONYM = re.compile(rf"\([{UPPER}{DOT}&]{{2,}}\)")  # found fast, before the above

# What comes right before a sentence's first word, found without a call: ". ", "” ".
AFTER_A_STOP = frozenset(f"{mark}{space}" for mark in ".!?\"”“:" for space in " \n")
# Quote marks right around a run make it the title of a work, not a person's name.
OPENING_MARKS = frozenset("“\"«")
CLOSING_MARKS = frozenset("”\"»")
# After a name, what makes it a body's, not a person's: "Big Machine have denied it", a
# plural verb for a company or a group, or "West Mercia police", a body the name owns.
NOT_A_PERSON_AFTER = re.compile(
    r" (?P<plural>have|are|were) | (?:police|government|council|authorities|officials)\b"
)
# Before a country that ends a role, not starts a name: "envoy to Ukraine Kurt Volker".
ROLE_FOR = (" to ", " for ", " of ", " in ", " from ")
# Where a run of several words is a place, not a person: after "in" or "near" ("in Palm
# Beach", "In Sandy Hook, …"), or before a state's abbreviation ("Sandy Hook, Conn.");
# unless a given name or a title opens it ("in Donald Trump", "Virginia Beach" stays).
PLACE_BEFORE = (" in ", " near ", "(in ", "(near ")
PLACE_OPENERS = ("In ", "Near ")
STATE_AFTER = re.compile(
    rf",\s([{UPPER}][a-z]{{1,4}}|[{UPPER}][.{DOT}][{UPPER}])[.{DOT}](?![^\W\d_])"  # not "Ph.D."
)
# Words opening a sentence that stay with the run after them, the common ones too: the
# run's reading takes away "The", and keeps "Senator" or "Will" ("Will Lee").
KEPT_OPENERS = GIVEN_NAMES | NOT_NAME_WORDS | SKIPPED
HONORIFIC_SEX = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female",
                 "Brother": "male", "Father": "male", "Sister": "female", "Mother": "female"}
# Given names that are also months or titles: "April Ryan", "Dean Baquet" name someone
# when they open a run of two words and no other given name goes with the surname
# ("Dean Amar" is Vikram Amar's title when the story names him so).
GIVEN_OR_OTHER = wordset("April May June August Dean")
# Words before a month that make it a date: "in April Lee said", "since May Park has".
DATE_BEFORE = re.compile(
    r"\b(?:in|on|of|since|until|till|by|from|through|last|next|this|early|late|mid|before"
    r"|after|during)\s+$", re.IGNORECASE
)


@dataclass(slots=True)
class Name:
    """A name as the story writes it, and whether it names a person or an organisation."""

    text: str
    kind: str  # "person" | "organisation"
    mention: str = "name"  # how the text referred to it: "name", "pronoun", "description"
    # How a pronoun or description was tied to it ("subject, sentence before"), the
    # evidence the resolver weighs; not part of the name.
    via: str = field(default="", compare=False)
    # Others the story names in full with the same words, when a bare surname was read as
    # the one named first ("Lee" → "Jo Lee", with "Bo Lee" in the story too).
    rivals: tuple[str, ...] = field(default=(), compare=False)

    def referred(self, mention: str, via: str | None = None) -> Name:
        """The same name, reached through a pronoun or a description, and `via` what
        (a copy: names are shared by the index's lookups)."""
        return Name(self.text, self.kind, mention, self.via if via is None else via)


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
                            or text.startswith(", ", run.end())) and self.place(
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
        someones = self.someones_words(texts, runs, several) if places else set()
        for words, place in places:
            # "in Palm Beach": a place, no one's name, unless its last word stands alone
            # elsewhere as a surname does ("in Mitt Romney", then "Romney said"), or any of
            # its words is written as someone's ("Mr. Romney", "Xi said" for "in Xi Jinping");
            # "near Sandy Hook Elementary": a place's with what is there, the place's too
            if bare(place.rpartition(" ")[2]) not in alone and someones.isdisjoint(
                plain_words(place)
            ):
                bodies.add(words)
                if " " in place:  # not "in |Lee| and Park"
                    bodies.add(place)
                if place.count(" ") > 1:
                    bodies.add(place.rpartition(" ")[0])
        for words in several:
            if words.count(" ") > 1 and bare(words.rpartition(" ")[2]) in ORG_WORDS and (
                self.named_after(words, several)
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
        for text in texts:
            if "(" in text and BRACKETED_ACRONYM.search(text):
                for run in NAME_RUN.finditer(text):
                    acronym = ACRONYM_AFTER.match(text, run.end())
                    if acronym:
                        self.aliases[bare(acronym.group(1))] = run.group()
            if "(" in text or "[" in text:  # "Coach (Frank) Vogel": a given name put in
                for match in BRACKETED_GIVEN_NAME.finditer(text):
                    given = match[1] or match[2]
                    if given in GIVEN_NAMES:
                        self.learn(f"{given} {match[3]}")
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

    @staticmethod
    def someones_words(texts: Sequence[str], runs: Sequence[tuple[int, int, int, str]],
                       several: dict[str, int]) -> set[str]:
        """Words the story writes as someone's name: after a title ("Mr. Romney", "President
        Xi") or alone next to a verb of saying ("Xi said", "said Xi"); a run written as a
        place holding one is a person's ("faith in Xi Jinping")."""
        words = set()
        for run in several:
            title, _, word = run.partition(" ")
            if " " not in word and bare(title) in TITLES and bare(title) not in DEPARTMENTS:
                words.add(bare(word))
        for index, start, end, run in runs:
            if " " not in run:
                text = texts[index]
                after = text[end + 1 : end + 20].partition(" ")[0].rstrip(",.:;")
                before = text[max(0, start - 20) : start].rstrip().rpartition(" ")[2]
                if (text[end : end + 1] == " " and after in SAYING) or before in SAYING:
                    words.add(bare(run))
        return words

    def named_after(self, words: str, runs: dict[str, int]) -> bool:
        """True for a body named after a person the story names on their own: a run of
        that person's name and an organisation's word ("Muhammad Ali Center", "the Jo Lee
        Foundation"), which a given name before the word would make a person's."""
        tokens = self.parse(words)[0]
        last = bare(tokens[-1]) if len(tokens) > 2 else ""
        return last in ORG_WORDS and last not in TITLES and " ".join(tokens[:-1]) in runs

    @staticmethod
    def place(text: str, start: int, end: int, words: str) -> bool:
        """True for a run of several words written as a place: after "in" or "near", or
        before a state's abbreviation ("Sandy Hook, Conn."), when no given name, title or
        possessive makes it someone's ("in Jo Lee's view", "near Sen. Lee")."""
        opener = words.startswith(PLACE_OPENERS)
        if not (opener or text.endswith(PLACE_BEFORE, 0, start)):
            state = STATE_AFTER.match(text, end)
            if state is None or state[1] in NOT_NAME_WORDS or state[1] in SUFFIXES:
                return False
        first = bare(words.split()[1 if opener else 0])
        return first not in GIVEN_NAMES and first not in TITLES and not possessive(text, end)

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
        """Remember a person named in full, `count` times more."""
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
        if person is None and len(tokens) == 1 and bare(tokens[0]) in self.by_word:
            person, person_words = tokens, (bare(tokens[0]),)  # "Major", for John Major
        if person is not None and run not in self.bodies and (
            len(person) > 1 or person_words[0] in self.by_word
            or (speaking and not speaks_as_group(person_words[0])
                and not self.common_noun(person_words[0]))
            or (len(tokens) > 1 and is_role_word(bare(tokens[-2])))  # "President Obama"
        ):
            sex = HONORIFIC_SEX.get(bare(tokens[0]))
            name = self.expand(person, person_words, sex)  # Name(""): undecided
            if name.rivals and tokens[0] != person[0]:  # "Sen. Lee": the title decides, as
                return Name(name.text, name.kind)  # it can, not the paragraph (named_nearest)
            return name
        last = bare(tokens[-1])
        if last in TITLES and last not in ORG_WORDS and last not in DEPARTMENTS:
            return None  # "CEO", "Utah Republican", "Foreign Minister": a role, not a body
        if len(tokens) == 1:
            word = bare(tokens[0])
            if not is_acronym(word) and not (speaking and word in PLACES) and (
                word not in self.known or len(word) < 3 or NATIONALITY.search(word)
            ):
                return None
        text = " ".join(tokens)
        text = self.aliases.get(bare(text)) or self.spelled_out.get(text) or text
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

    def expand(self, person: Sequence[str], words: Sequence[str], sex: str | None = None) -> Name:
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
            for full, full_words in self.by_word.get(form[0], ()):
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
        others = [other for other in people[1:] if not self.common_word(other.split()[0])
                  and not short_form(people[0], other)]
        if self.rivals(people[0], others, sex):
            return Name("", "person")
        return Name(people[0], "person", rivals=tuple(others))

    def rivals(self, name: str, others: list[str], sex: str | None) -> bool:
        """True when a title's sex ("Ms. Khan") does not decide between `name` and others
        the story names in full with the same words, and `name` is named in full no more
        often than they are. Without a title, the one named first is meant (abstaining
        there was measured: that one was right three times in four), unless the paragraph
        of the quotation names another in full (`named_nearest`)."""
        if not others or sex is None:
            return False
        if gender_of(name) == sex and all(gender_of(other) != sex for other in others):
            return False
        counts = self.written_in_full
        return counts.get(name, 0) <= max(counts.get(other, 0) for other in others)

    def named_nearest(self, name: Name, paragraph: int, before: int) -> Name:
        """Of the people a bare surname may be (`name`, read as the one named first, and
        its rivals), the one the paragraph names in full last before `before` as a
        sentence's subject: "Hillary Clinton rebuffed a heckler. “…,” Clinton said" is hers,
        though the story named Bill Clinton first; `name` when the paragraph names none of
        them in full ("Freddy", "Mr. Trump" are not in full) or only as an object ("She
        praised her brother Tom Lee", "Lee, whose son Bo Lee plays").

        A subject opens its sentence or comes after a comma ("On Monday, Bo Lee said").
        """
        text, nearest, at = self.texts[paragraph], name.text, -1
        for person in (name.text, *name.rivals):
            for index, start, _, words in self.introductions.get(person, ()):
                if index == paragraph and at < start < before and (
                    len(self.parse(words)[1] or ()) > 1
                ) and (opens_sentence(text, start) or text.endswith(", ", 0, start)):
                    nearest, at = person, start
        return name if nearest == name.text else Name(nearest, name.kind, name.mention, name.via)

    def mentions_in(self, paragraph: int) -> list[tuple[int, Name]]:
        """(offset, name) of the names in a paragraph, possessives left out."""
        return self.mentions.get(paragraph, [])

    def places(self, name: str) -> list[tuple[int, int]]:
        """(paragraph, offset) of each mention of `name`."""
        return self.where.get(name, [])

    def role(self, name: str) -> str | None:
        """The role the story gives `name`: a title before it or an appositive next to it."""
        if name not in self.found_roles:
            self.found_roles[name] = None
            for index, start, end, run in self.introductions.get(name, ()):
                text = self.texts[index]
                ahead = text[max(0, start - TITLE_AHEAD_CHARS) : start]
                role = title_before(self.parse(run), name, ahead) or role_near(text, start, end)
                if role:
                    self.found_roles[name] = restore(role)
                    break
        return self.found_roles[name]

    def kind(self, name: str) -> str:
        return "organisation" if name.removeprefix("the ") in self.organisations else "person"

    def described_organisation(self, modifiers: list[str]) -> str | None:
        """The one organisation a description fits: "the production company" → "… Productions"."""
        stems = [m[:5] for m in modifiers if len(m) > 3]
        fits = {o for o in self.organisations for t in o.lower().split() for s in stems
                if t.startswith(s)}
        return fits.pop() if len(fits) == 1 else None
