"""Names in a story: people and organisations, their fullest forms and the roles given them.

Names are runs of capitalised words ("Cam Heyward", "Big Machine Records"); titles
and organisations written before a person's name are their role ("NASA Administrator
Jim Bridenstine"), as is an appositive after it ("John Hemmings, Asia Director at…,").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..core.text import ABBREVIATIONS, DOT, UPPER, blank, restore, wordset
from .given_names import FEMALE, MALE, gender_of
from .lexicon import INVERTED, SAID, SAYING
from .places import PLACES

# A capital, then word characters, and apostrophes before two letters ("O’Neil", not "Smith’s").
# Written as runs of one character class, which the regex engine steps through fastest.
NAME_TOKEN = rf"[{UPPER}][\w\-{DOT}&]*(?:['’](?=[{UPPER}a-z]{{2}})[\w\-{DOT}&]*)*"
CONNECTORS = ("of", "for", "and", "&", "on")
CONNECTOR_WORDS = frozenset(CONNECTORS)
# Lower-case words inside a name: "Laurence des Cars", "Ursula von der Leyen".
PARTICLES = r"(?:de|del|da|di|du|des|dos|das|van|von|der|den|la|le|al|bin|ibn|y)(?: der| la)?"
PARTICLE_WORDS = frozenset(re.findall(r"[a-z]+", PARTICLES))
NAME_RUN = re.compile(
    rf"{NAME_TOKEN}(?:[ \t](?:(?:{'|'.join(CONNECTORS)}|{PARTICLES})[ \t])?{NAME_TOKEN})*"
)
# After a run of capitalised words, the acronym that stands for it: "… Administration (DEA)".
# Looked for after each whole run: a regex of run and acronym would read the run again from
# each of its words.
ACRONYM_AFTER = re.compile(rf"\s+\(([{UPPER}{DOT}&]{{2,}})\)")
# A place in capitals opening a story: "ROME:", "SEOUL, Dec 3 (Reuters) -", "NEWARK, N.J. (AP) —".
DATELINE = re.compile(
    rf"[{UPPER}][{UPPER}{DOT}.'’\- ]{{2,}}(?:,[^:()—–]{{1,30}}?)?\s*"  # place, and date or state
    r"(?:\([^)]{1,40}\)\s*)?[:—–-]\s"  # agency, then the mark before the story
)
# A given name an editor puts in before a surname: "Coach (Frank) Vogel said".
BRACKETED_GIVEN_NAME = re.compile(
    rf"(?:\(([{UPPER}][a-z]+)\)|\[([{UPPER}][a-z]+)\]) ({NAME_TOKEN})"
)
# A title ahead of the run that names the person: "Speaker of the |House Paul Ryan".
TITLE_AHEAD_CHARS = 60
TITLE_OF_THE = re.compile(rf"(?<!\S)((?:{NAME_TOKEN} )+(?:of|for) the )$")
BRACKETED_ACRONYM = re.compile(rf"\([{UPPER}{DOT}&]{{2,}}\)")  # found fast, before the above


# Words for someone unnamed, capitalised when they open a sentence: "Another said".
SOMEONE = wordset("Another Others Someone Somebody Anyone Anybody Everyone Everybody Nobody")
STOP_WORDS = SOMEONE | wordset(
    """The A An And But Or So Yet For Nor If In On At To By As Of From With After Before
    When While Since Although Though Because This That These Those There Here Then Now It Its
    He She His Her Their Our My Your We They I You Also Even Still However Meanwhile Instead
    According Despite During Under Over Between Among Without Within Until Unless Some Many
    Most More Other Both Each Every All No Not Only Just One Two Three Four Five Six Seven Eight
    Nine Ten Dozens Hundreds Thousands Several Few Separately Additionally Furthermore Moreover
    Similarly Likewise Finally Ultimately Overall Indeed Nevertheless Nonetheless Besides
    Notably Importantly Alternatively Consequently Accordingly What Why How Who Where
    Which Last Next Earlier Later Today Yesterday Tomorrow Such Like Let Please Yes Sure Well
    Oh Related Read Watch Photo Image Video Getty Updated Sign Share Click
    Alongside Amid Amidst Against Across Around Beyond Toward Towards Upon Unlike Via Per
    Throughout Behind Beside Near Inside Outside Along Through Regarding Concerning
    Asked Asking Quoting Citing Speaking Writing Responding Referring Commenting Reacting
    Addressing Testifying Adding Explaining Noting Describing Recalling Saying Telling"""
)  # the participles open a clause before the subject: "Quoting Cullinan, Dalrymple wrote"
CALENDAR = wordset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep
    Sept Oct Nov Dec"""
)
# People who speak as a group and are not named: "Officials said", "Researchers wrote".
GROUPS = wordset(
    "officials experts researchers scientists analysts authorities police prosecutors "
    "investigators witnesses residents critics doctors sources observers activists"
)
HONORIFICS = wordset("Mr Mrs Ms Miss Mx Dr Prof Sir Dame Rev Hon")
# Abbreviated titles and the nouns a story calls their holders by: "Gov. Lee", "the governor".
TITLE_NOUNS: dict[str, tuple[str, ...]] = {
    "gov": ("governor",), "sen": ("senator",), "rep": ("representative", "congressman",
    "congresswoman", "lawmaker"), "del": ("delegate",), "gen": ("general",),
    "lt": ("lieutenant",), "col": ("colonel",), "sgt": ("sergeant",), "capt": ("captain",),
    "cmdr": ("commander",), "adm": ("admiral",), "maj": ("major",), "atty": ("attorney",),
    "amb": ("ambassador",), "sec": ("secretary",), "supt": ("superintendent",),
    "det": ("detective",), "insp": ("inspector",), "prof": ("professor",), "pres": ("president",),
}
ABBREVIATED: dict[str, tuple[str, ...]] = {}  # "governor" → ("gov.",): how a story writes it
for short, nouns in TITLE_NOUNS.items():
    for noun in nouns:
        ABBREVIATED[noun] = (*ABBREVIATED.get(noun, ()), f"{short}.", f"{short}{DOT}")
# The period of an abbreviated title before a name, which ends no sentence: "Del. Jo Lee";
# looked for only where one of the titles the text module does not know is written.
UNKNOWN_TITLES = "|".join(sorted(short.capitalize() for short in TITLE_NOUNS
                                 if short.capitalize() not in ABBREVIATIONS))
TITLE_WRITTEN = re.compile(rf"(?:{UNKNOWN_TITLES})\.")
TITLE_PERIOD = re.compile(rf"\b({UNKNOWN_TITLES})\.(?=\s[{UPPER}])")
SKIPPED = STOP_WORDS | CALENDAR  # a lone one of these is never a name
# Words of a title that name no one by themselves: "Foreign Minister", "Public Safety Chief".
DEPARTMENTS = wordset(
    """Senior Junior Assistant Associate Principal Head Supreme High State Foreign Defense
    Defence Interior Treasury Commerce Energy Health Homeland Security Affairs Finance Trade
    Labor Labour Education Agriculture Transportation Public Press Royal Grand Presidential Staff
    Congressional Gubernatorial Senatorial Mayoral Parliamentary"""
)
TITLES = HONORIFICS | wordset(
    """Professor President Vice Sen Senator Rep Representative Gov Governor Gen General Lt Col
    Colonel Cmdr Commander Capt Captain Adm Admiral Sgt Maj Major Judge Justice Chancellor
    Minister Prime Secretary Ambassador Mayor Chief Coach CEO CFO COO Chairman Chairwoman Chair
    Director Administrator Commissioner Officer Speaker Attorney Deputy Acting Former Advocate
    Sheriff Detective Inspector Superintendent Councilman Councilwoman Councillor Councilor
    Lawmaker Leader Spokesman Spokeswoman Spokesperson Executive Founder Co-founder Manager Editor
    Analyst Economist Scientist Researcher Dean Provost Lord Lady Cardinal Bishop Rabbi Imam
    Pastor Agent Trooper Producer Rapper Singer Actor Actress Host Anchor Correspondent
    Reporter Author Historian Journalist Lawyer Activist Novelist Writer Artist Photographer
    Architect Entrepreneur Investor Engineer Strategist Consultant Pollster Commentator
    Columnist Broadcaster Filmmaker Curator Poet Playwright Diplomat Envoy Prosecutor Physician
    Adviser Advisor Aide Official Treasurer Counsel Organizer Organiser Coordinator Nominee
    Candidate Chairperson Trustee Supervisor Recorder Clerk Auditor Assessor Comptroller
    Controller Coroner Registrar
    Surgeon Epidemiologist Psychologist Sociologist Philosopher Lecturer Marshal Archbishop
    Congressman Congresswoman Assemblyman Assemblywoman Alderman Legislator Democrat Republican
    Del Delegate Atty Amb Sec Supt Det Insp Pres Cpl Pvt
    DL QB RB WR
    TE LB CB OL DT DE"""
) | DEPARTMENTS
ORG_WORDS = wordset(
    """Office Ministry Authority Department Agency Council Committee Commission Records
    Productions Inc Corp Corporation Group Institute University College School Association
    League Administration Bureau Court Party Forces Army Navy Police Foundation Center Centre
    Bank Fund Organization Organisation Union Nations States Service Services Network Company
    Co Ltd LLC Media News Times Post Journal Press Board House Senate Congress Parliament
    Government Embassy Military Command Forum Project Program Studios Studio Entertainment
    Airlines Motors Technologies Systems Labs Laboratory Society Club Team Federation Alliance
    Coalition Partnership Trust Hospital Clinic Museum Reserve Exchange Capital Partners
    Holdings Industries Brands Games Music Pictures Channel Magazine Institution Secretariat
    Directorate Cabinet Presidency Kremlin Pentagon Tribunal Prosecution Times Reuters
    Twitter Facebook
    District Region Province County City Island Islands Republic Kingdom Street Avenue
    Roundtable Summit Conference Convention Assembly Festival Expo Olympics Championship
    International Watch Act Treaty Accord Agreement Protocol Amendment Rule Protection
    Enforcement Hotel Casino Tower Airport Stadium Arena Plaza Cathedral Mosque Prison"""
)
NOT_NAME_WORDS = TITLES | ORG_WORDS
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
POST_NOMINALS = wordset("QC KC MP MEP MSP MBE OBE CBE KBE DBE PhD MD")
GIVEN_NAMES = MALE | FEMALE
# Words opening a sentence that stay with the run after them, the common ones too: the
# run's reading takes away "The", and keeps "Senator" or "Will" ("Will Lee").
KEPT_OPENERS = GIVEN_NAMES | NOT_NAME_WORDS | SKIPPED
ROLE_STARTERS = re.compile(
    r"^(?:who|which|whose|that|" + SAID + r"|and|but|however|according|meanwhile|though"
    r"|also|from|in|on|at|of|via|with|for|by|as|when|while|after|before|\d)\b",
    re.IGNORECASE,
)
APPOSITIVE_AFTER = re.compile(r",\s+(?:the |a |an )?([^,;.!?\"“”()]{3,200})")
ROLE_END = re.compile(rf"\s+(?:who|which|whose|{SAID}|has|had|is|was)\b.*$", re.DOTALL)
ROLE_BEFORE = re.compile(
    r"(?:^|[,;:(—]\s*|\b(?:" + INVERTED + r"|by|and|with|from|to|as)\s+)"
    r"(?P<role>(?:[\w\-'’&{DOT}]+\s+){0,5}?[a-z][\w\-]*)\s+$".replace("{DOT}", DOT)
)
APPOSITIVE_BEFORE = re.compile(
    r"(?:^|[,;:(—]\s*|\b(?:" + INVERTED + r")\s+)"
    r"(?P<role>[^,;:()\"“”.!?]{0,80}?(?<![\w\-'’])[a-z][\w\-]*)"
    r"\s*,\s*$"
)
NOT_A_ROLE = re.compile(
    r"(?:ed|ing|ly)$|^(?:he|she|it|they|we|i|you|him|her|them|us|me|my|our|their|his|its"
    r"|ask|add|is|was|has|had|are|were"
    r"|be|do|does|did|can|could|will|would|should|may|might|must|which|who|whom|whose|that|to"
    r"|as|or|than|if|when|while"
    r"|where|because|so|not|no)$"
)
# "Israeli", "American", "Chinese": adjectives, not names, when they stand alone.
NATIONAL_ENDING = r"(?:an|ese|ish|i|ic)"
NATIONALITY = re.compile(rf"{NATIONAL_ENDING}$")
# Words ending like verbs that begin a role all the same: "acting director".
ROLE_MODIFIERS = wordset("acting managing founding leading ranking retired elected visiting")
# How the last word of a job title or relation ends: minister, analyst, captain, spokesman.
ROLE_NOUN = re.compile(
    r"(?:er|or|ist|yst|ian|ant|ent|man|woman|person|ee|ive|ary|ain|ef|ge|ch|ff|ad|ic|ncil"
    r"|son|ter|ther|aunt|uncle|wife|band|friend|star|host|boss|chair|guru|head|leader|[A-Z]{2,})$"
)
HONORIFIC_SEX = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female"}
MAX_NAME_WORDS = 4  # "Andrés Manuel López Obrador"; more is a headline: "Jo Lee Joins Race"
GLUED_LABEL = re.compile(rf"[{UPPER}]{{2,}}[a-z]")  # "PMJo", "LIVEAnna"
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# A person's initials, "J.J." or "G.K.", and the places written so, which are not initials.
INITIALS = re.compile(rf"(?:[{UPPER}][.{DOT}]){{2,3}}")
PLACE_INITIALS = wordset("US UK UN EU DC LA NY NJ UAE USA USSR")
FUNCTION_WORDS = wordset("the a an and or of to in on at by with for from as is was")
MAX_ROLE_WORDS = 16
SUFFIXES = wordset("Jr Sr II III IV")
MIN_ROLE_AND_NAME = 4  # words of a run with a role the titles do not know: "Harbor Master Jo Lee"
MIN_SHORT_FORM = 3  # letters of a given name's short form: "Pat", "Josh"
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

    def referred(self, mention: str, via: str | None = None) -> Name:
        """The same name, reached through a pronoun or a description, and `via` what
        (a copy: names are shared by the index's lookups)."""
        return Name(self.text, self.kind, mention, self.via if via is None else via)


def bare(token: str) -> str:
    """A token without periods: "Jr." and "Jr․" are "Jr"."""
    return token.replace(DOT, "").rstrip(".") if "." in token or DOT in token else token


def dateline_end(text: str) -> int:
    """Where the text after a dateline opening `text` starts; 0 when there is none."""
    dateline = DATELINE.match(text) if text[:3].isupper() else None
    return dateline.end() if dateline else 0


def speaks_as_group(word: str) -> bool:
    """True for a lone word that speaks for many: "officials", "Israel", "Republicans"."""
    return word.lower() in GROUPS or word in PLACES or (word[-1:] == "s" and word[:-1] in TITLES)


def plural_person(text: str, start: int, run: str) -> bool:
    """True for a person's name before a plural verb that is not a body's: one of two
    named ("Jo Lee and Gov. Bo Park have"), or one of a kind ("candidates like Bo Park
    are"), as a given name or a title opening the run tells."""
    first = bare(run.partition(" ")[0])
    return text.endswith((" and ", " like "), 0, start) or first in GIVEN_NAMES or (
        first in TITLES and first not in ORG_WORDS
    )


def possessive(text: str, end: int) -> bool:
    """True for a name followed by an apostrophe: "Smith's", "the Joneses’"."""
    return text[end : end + 1] in ("'", "’")


# The word tests below take words without their periods (see `bare`).
def is_acronym(word: str) -> bool:
    return word.isupper() and len(word.replace("&", "")) > 1 and "." not in word


def is_title_word(word: str) -> bool:
    """A title (or titles: "Senators"), an organisation's word or an acronym: "Secretary",
    "Ministry", "NASA"."""
    return word in NOT_NAME_WORDS or (word.isupper() and is_acronym(word)) or (  # most are not
        word[-1:] == "s" and word[:-1] in TITLES
    )


def is_role_word(word: str) -> bool:
    """A word that makes a role: a title, or an acronym that is no organisation's word."""
    return word in TITLES or (is_acronym(word) and word not in ORG_WORDS)


def is_name_word(word: str) -> bool:
    return len(word) == 1 or not is_title_word(word)  # an initial, or not a title


def opens_sentence(text: str, offset: int) -> bool:
    """True when nothing but a sentence's end comes before `offset`."""
    before = text[max(0, offset - 4) : offset].rstrip()
    if not before:
        return offset < 4 or blank(text, 0, offset)
    return before[-1] in ".!?\"”“:"


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
                    if word not in known and not opens_sentence(text, start):
                        known.add(word)
                runs.append((index, start, run.end(), words))
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
            or (speaking and not speaks_as_group(person_words[0]))
            or (len(tokens) > 1 and is_role_word(bare(tokens[-2])))  # "President Obama"
        ):
            sex = HONORIFIC_SEX.get(bare(tokens[0])) if tokens[0][0] == "M" else None
            return Name(self.expand(person, person_words, sex), "person")  # "": undecided
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

    def expand(self, person: Sequence[str], words: Sequence[str], sex: str | None = None) -> str:
        """The fullest name holding all of a person's `words`: "Chun" → "Chun Hae Sung";
        "" when two people the story names in full hold them and nothing decides between
        them (see `rivals`).

        A title decides between a man and a woman (`sex`, from "Mr" or "Mrs" before the
        name): "Mrs. Lee" is not John Lee.
        """
        wanted = words if HONORIFICS.isdisjoint(words) else [
            w for w in words if w not in HONORIFICS
        ]
        best, size = " ".join(person), len(person)
        if not wanted:
            return best
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
            return fits[0][0] if fits else best
        # The people it may be: the fullest forms, not those a fuller one holds. Of several,
        # the one named first is meant, as a story names its main actor first and in full.
        people = [full for full, words in fits if not any(words < other for _, other in fits)]
        return "" if self.rivals(people[0], people[1:], sex) else people[0]

    def rivals(self, name: str, others: list[str], sex: str | None) -> bool:
        """True when a title's sex ("Ms. Khan") does not decide between `name` and others
        the story names in full with the same words, and `name` is named in full no more
        often than they are. Without a title, the one named first is meant (abstaining
        there was measured: that one was right three times in four); a rival opening with
        a common word is no rival ("See Sexton"), nor the same name with a short form of
        the given name, a middle name or a suffix ("Pat Lee" for "Patrick W. Lee Jr.")."""
        others = [other for other in others if not self.common_word(other.split()[0])
                  and not short_form(name, other)]
        if not others or sex is None:
            return False
        if gender_of(name) == sex and all(gender_of(other) != sex for other in others):
            return False
        counts = self.written_in_full
        return counts.get(name, 0) <= max(counts.get(other, 0) for other in others)

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
                role = self.title_of(run, name, ahead) or role_near(text, start, end)
                if role:
                    self.found_roles[name] = restore(role)
                    break
        return self.found_roles[name]

    def kind(self, name: str) -> str:
        return "organisation" if name.removeprefix("the ") in self.organisations else "person"

    def title_of(self, run: str, name: str, before: str) -> str | None:
        """Titles and organisations written before the name: "NASA Administrator", or
        "Speaker of the House" when the run starts after "the" (`before` is the text
        before the run)."""
        tokens, found, _ = self.parse(run)
        person = found or ()
        at = next((i for i in range(len(tokens)) if tokens[i : i + len(person)] == person), 0)
        prefix = [t for t in tokens[:at] if bare(t) not in HONORIFICS]
        if not name or not prefix:
            return None
        if any(is_role_word(word) for word in map(bare, prefix)):
            return " ".join(prefix)
        # "House" before "Paul Ryan" is where the title was, not the title: it may be ahead.
        ahead = TITLE_OF_THE.search(before)
        if ahead and any(is_role_word(bare(word)) for word in ahead.group(1).split()):
            return ahead.group(1) + " ".join(prefix)
        return None

    def described_organisation(self, modifiers: list[str]) -> str | None:
        """The one organisation a description fits: "the production company" → "… Productions"."""
        stems = [m[:5] for m in modifiers if len(m) > 3]
        fits = {o for o in self.organisations for t in o.lower().split() for s in stems
                if t.startswith(s)}
        return fits.pop() if len(fits) == 1 else None

    def role_holder(self, noun: str) -> str | None:
        """The one person introduced with a role naming `noun`: "the president" → Trump,
        "the governor" → "Gov. Jo Lee"; None when no one or several people hold it."""
        found: list[str] = []
        written = (noun, *ABBREVIATED.get(noun, ()))
        for name, places in self.introductions.items():
            index, start, end, _ = places[0]
            window = self.texts[index][max(0, start - 100) : end + 220].lower()
            if not any(form in window for form in written):
                continue  # the role cannot name it
            role = self.role(name)
            if role and noun in role_nouns(role):
                found.append(name)
        return found[0] if len(found) == 1 else None


def role_nouns(role: str) -> set[str]:
    """The words of a role, abbreviated titles written out: "Gov." → "governor"."""
    words = {bare(word).lower() for word in role.split()}
    return words.union(*(TITLE_NOUNS.get(word, ()) for word in words))


# What a run of capitalised words comes to: its words without sentence openers and dates, the
# person's name among them (None for no person), and that name's words without their periods.
Run = tuple[tuple[str, ...], tuple[str, ...] | None, tuple[str, ...]]
NO_RUN: Run = ((), None, ())


def parse_run(run: str) -> Run:
    """The words of a run ("But Smith", "Monday", "Secretary of State Mike Pompeo")."""
    if " " not in run and "\t" not in run:  # one word, as most runs are: the steps below, short
        word = bare(run)
        if word in SKIPPED:
            return NO_RUN
        return ((run,), (run,), (word,)) if is_name_word(word) else ((run,), None, ())
    tokens = run.split()
    words = plain_words(run)
    if not CALENDAR.isdisjoint(words):
        kept = [i for i, word in enumerate(words) if word not in CALENDAR]
        tokens, words = [tokens[i] for i in kept], [words[i] for i in kept]
    start, end = 0, len(tokens)
    while start < end and words[start] in STOP_WORDS and not pronoun_surname(tokens[start:]):
        start += 1
    while end > start and tokens[end - 1] in CONNECTORS:
        end -= 1
    span = person_span(words[start:end]) if end > start else None
    if span is None:
        return tuple(tokens[start:end]), None, ()
    first, last = span[0] + start, span[1] + start
    if headline(tokens[first:last], words[first:last]):
        return tuple(tokens[start:end]), None, ()
    return tuple(tokens[start:end]), tuple(tokens[first:last]), tuple(words[first:last])


def headline(tokens: Sequence[str], words: Sequence[str]) -> bool:
    """True for a Title-Case headline, a label glued to a name or a pronoun after an initial,
    read as one run: "Jo Lee Says He Will Run Again", "Jo Lee Joins Growing Field",
    "PMJo Lee" (a time stamp's "PM"), "D.C. He": no one's name. An initial is no word of
    a sentence ("Jo A. Lee")."""
    sentence_words = not STOP_WORDS.isdisjoint(words) and any(
        word in STOP_WORDS and len(word) > 1 for word in words
    )
    return (sentence_words and not pronoun_surname(tokens)) or (
        words[0][1:2].isupper() and GLUED_LABEL.match(words[0]) is not None  # "PM…" fast
    ) or (len(words) > MAX_NAME_WORDS
          and sum(len(word) > 1 and word[0].isupper() for word in words) > MAX_NAME_WORDS)


def short_form(name: str, other: str) -> bool:
    """True when two names differ only by a short form of the given name, a middle
    name or a suffix: "Pat Lee", "Patrick W. Lee", "Patrick Lee Jr."."""
    words = [word for word in name.split() if bare(word) not in SUFFIXES]
    other_words = [word for word in other.split() if bare(word) not in SUFFIXES]
    if len(words) < 2 or len(other_words) < 2:
        return False
    first, last, other_first, other_last = words[0], words[-1], other_words[0], other_words[-1]
    shorter, longer = sorted((first, other_first), key=len)
    return last == other_last and len(shorter) >= MIN_SHORT_FORM and longer.startswith(shorter)


def initials(name: str) -> str:
    """ "DEA" for "Drug Enforcement Administration": its capitalised words' first letters."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


def plain_words(run: str) -> list[str]:
    """A run's words without their periods (see `bare`), but for a person's initials
    before another word, which keep the periods between their letters: "J.J. Lee" is
    "J.J", "Lee", no acronym; "U.S. Steel" stays "US", "Steel"."""
    words = run.split()
    if DOT not in run and "." not in run:
        return words
    plain = [bare(word) for word in words]
    for at, word in enumerate(words[:-1]):
        if INITIALS.fullmatch(word) and plain[at] not in PLACE_INITIALS:
            plain[at] = word.replace(DOT, ".").rstrip(".")
    return plain


def pronoun_surname(tokens: Sequence[str]) -> bool:
    """ "He Jianxiong": a surname that looks like a pronoun, followed by a given name."""
    return len(tokens) > 1 and tokens[0] in ("He", "She") and tokens[1][:1].isupper()


def person_span(words: Sequence[str]) -> tuple[int, int] | None:
    """Where the person's name is among a run's words, after any titles and organisations.

    "Rosaly Lopes of NASA" → "Rosaly Lopes"; "Secretary of State Mike Pompeo" → "Mike Pompeo".
    """
    # No titles, connectors or acronyms, as in most runs: all of it is the name.
    if (words and NOT_NAME_WORDS.isdisjoint(words) and CONNECTOR_WORDS.isdisjoint(words)
            and True not in map(str.isupper, words)):
        return given_name_start(words, 0), len(words)
    end = len(words)
    while end > 2 and words[end - 1] in POST_NOMINALS:
        end -= 1  # "Judge Neil Ford QC"
    segments = [(0, end)]
    if not CONNECTOR_WORDS.isdisjoint(words):
        if words[-1] in ORG_WORDS and ("and" in words or "&" in words):
            return None  # "National Oceanic and Atmospheric Administration"
        connectors = [i for i, word in enumerate(words) if word in CONNECTOR_WORDS]
        segments = [(0, connectors[0]), (connectors[-1] + 1, end)]
    for number, (lo, hi) in enumerate(segments):
        start = lo
        for position in range(lo, hi - 1):
            if is_title_word(words[position]):
                start = position + 1
        if hi - start == 1 and start > lo and words[start - 1] in DEPARTMENTS:
            continue  # "Public Relations", "Energy Embargo": part of a body's name
        if number and start == lo:
            # "Commissioner for Human Rights": a name after "of" needs a title before it,
            # or a given name: "U.S. Attorney for the District of Massachusetts Joshua Levy".
            start = next((p for p in range(lo + 1, hi - 1) if words[p] in GIVEN_NAMES), lo)
            if start == lo:
                break
        # The words after the last title are name words, but for the last, checked here:
        # a title's word too after a given name ("John Major").
        if hi > lo and (is_name_word(words[hi - 1]) or (
            hi - 2 >= start and words[hi - 2] in GIVEN_NAMES
        )):
            return given_name_start(words[:hi], start), hi
    return None


def given_name_start(words: Sequence[str], start: int) -> int:
    """Where a name starts that a role of two words or more comes before, a role no list of
    titles knows: "|Harbor Master |Maria Lopez" (the first given name after two other words,
    neither a given name, an initial nor a sentence's word); `start` when there is none
    ("José Luis Ortiz", a headline's "All the Money You Will Ever Need")."""
    if len(words) - start < MIN_ROLE_AND_NAME:
        return start
    for at in range(start, len(words) - 1):
        word = words[at]
        if word in GIVEN_NAMES:
            return at if at - start >= 2 else start
        if len(word) < 2 or "." in word or word in STOP_WORDS:  # "Money You Will Ever Need"
            return start
    return start


def role_near(text: str, start: int, end: int) -> str | None:
    """A role given next to a name: ", a professor at X," after it, "Steelers captain" before."""
    after = APPOSITIVE_AFTER.match(text, end, end + 220)
    if after:
        appositive = ROLE_END.sub("", after.group(1)).strip()
        if is_role(appositive, MAX_ROLE_WORDS) and not ROLE_STARTERS.match(appositive):
            return appositive
    # Both patterns end where the name starts. ROLE_BEFORE needs a word and a space there,
    # and a match spans seven words at most, so the search starts eight back;
    # APPOSITIVE_BEFORE needs a comma at the end.
    before = text[max(0, start - 100) : start]
    last = before.rstrip()[-1:]
    role = None
    if before[-1:].isspace() and (last.isalnum() or last in ("_", "-")):
        role = role_before(ROLE_BEFORE.search(before, words_back(before, 8)))
    if role is None and last == ",":
        role = role_before(APPOSITIVE_BEFORE.search(before))
    return role


def role_before(match: re.Match[str] | None) -> str | None:
    if not match:
        return None
    role = LEADING_ARTICLE.sub("", match.group("role").strip())
    if is_role(role, 8) and ROLE_NOUN.search(role) and not ROLE_STARTERS.match(role):
        return role
    return None


def words_back(text: str, count: int) -> int:
    """Where the last `count` words of `text` start, or about (0 when it has no more)."""
    rest = text.rsplit(maxsplit=count)
    return len(rest[0]) if len(rest) > count else 0


def is_role(text: str, max_words: int) -> bool:
    """A job or affiliation: a few words, no verbs or pronouns, not just another name."""
    words = text.split()
    if not 0 < len(words) <= max_words:
        return False
    first = words[0].lower()
    if first not in ROLE_MODIFIERS and (NOT_A_ROLE.search(first) or first in SAYING):
        return False
    if any(NOT_A_ROLE.match(word) or word in SAYING
           for word in (w.lower().rstrip(",:;") for w in words)):
        return False
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    return any(w[:1].islower() or bare(w) in TITLES for w in content)
