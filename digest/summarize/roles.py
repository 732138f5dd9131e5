"""Roles given a person where the story names them: titles inside the run ("NASA
Administrator Jim Bridenstine") or ahead of it ("Speaker of the House Paul Ryan"), an
appositive after the name ("John Hemmings, Asia Director at…,"), a job before it
("Steelers captain"), a party tag after it ("(R-Fla.)"); the nouns a role names its holder
by; and whether a description ("the Florida senator") asks for a role a person was given."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..core.text import DOT, restore, wordset
from .lexicon import INVERTED, SAID, SAYING
from .name_words import HONORIFICS, TITLE_NOUNS, TITLES
from .runs import NAME_TOKEN, Run, bare, is_role_word

TITLE_AHEAD_CHARS = 60  # read before a run for a title ahead of it (title_before)
ROLE_WINDOW = 220  # as far after a name as a role given it is read (role_near)
# A title ahead of the run that names the person: "Speaker of the |House Paul Ryan".
TITLE_OF_THE = re.compile(rf"(?<!\S)((?:{NAME_TOKEN} )+(?:of|for) the )$")
ROLE_STARTERS = re.compile(
    r"^(?:who|which|whose|that|" + SAID + r"|and|but|however|according|meanwhile|though"
    r"|also|from|in|on|at|of|via|with|for|by|as|when|while|after|before|\d)\b",
    re.IGNORECASE,
)
APPOSITIVE_AFTER = re.compile(r",\s+(?:the |a |an )?([^,;.!?\"“”()]{3,200})")
ROLE_END = re.compile(rf"\s+(?:who|which|whose|{SAID}|has|had|is|was)\b.*$", re.DOTALL)
ROLE_BEFORE = re.compile(
    r"(?:^|[,;:(—]\s*|,[”\"]\s*(?!(?:" + INVERTED + r")\s)"  # "…,” columnist Lee wrote"
    r"|\b(?:" + INVERTED + r"|by|and|with|from|to|as)\s+)"
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
# Jobs and places in a body written in lower case before a name, beyond the titles:
# "Kelby striker Tom Ellis", "Ohio resident Ann Lee".
ROLE_NOUNS = frozenset(title.lower() for title in TITLES) | wordset(
    "striker defender forward winger keeper pitcher catcher batter bowler batsman spinner "
    "skipper player rookie boss owner resident member employee worker student teacher nurse "
    "doctor farmer driver officer agent star"
)
# Words ending like verbs that begin a role all the same: "acting director".
ROLE_MODIFIERS = wordset("acting managing founding leading ranking retired elected visiting")
# How the last word of a job title or relation ends: minister, analyst, captain, spokesman.
ROLE_NOUN = re.compile(
    r"(?:er|or|ist|yst|ian|ant|ent|man|woman|person|ee|ive|ary|ain|ef|ge|ch|ff|ad|ic|ncil"
    r"|son|ter|ther|aunt|uncle|wife|band|friend|star|host|boss|chair|guru|head|leader|[A-Z]{2,})$"
)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
FUNCTION_WORDS = wordset("the a an and or of to in on at by with for from as is was")
MAX_ROLE_WORDS = 16
# A party tag after a lawmaker's name: "(R-Fla.)", ", D-N.J.,", "(I-Vt.)", "(R)".
PARTY_AFTER = re.compile(
    rf"\s*[(,]\s*(?P<party>[DRI])(?:\s?[-–]\s?(?P<state>[A-Z][A-Za-z.{DOT}]{{0,8}}))?\s*[),]"
)
PARTIES = {"D": ("democrat", "democratic"), "R": ("republican",), "I": ("independent",)}
# US states as party tags and datelines abbreviate them (AP style and postal codes), to the
# words of their names: "Fla." → florida, "N.J." → new jersey.
STATES: dict[str, tuple[str, ...]] = {
    short.lower().replace(".", ""): tuple(state.split("_"))
    for state, shorts in (entry.split(":") for entry in """alabama:Ala,AL alaska:AK
    arizona:Ariz,AZ arkansas:Ark,AR california:Calif,Cal,CA colorado:Colo,CO
    connecticut:Conn,CT delaware:Del,DE florida:Fla,FL georgia:Ga,GA hawaii:HI idaho:ID
    illinois:Ill,IL indiana:Ind,IN iowa:IA kansas:Kan,Kans,KS kentucky:Ky,KY louisiana:La,LA
    maine:ME maryland:Md,MD massachusetts:Mass,MA michigan:Mich,MI minnesota:Minn,MN
    mississippi:Miss,MS missouri:Mo,MO montana:Mont,MT nebraska:Neb,Nebr,NE nevada:Nev,NV
    new_hampshire:N.H.,NH new_jersey:N.J.,NJ new_mexico:N.M.,NM new_york:N.Y.,NY
    north_carolina:N.C.,NC north_dakota:N.D.,ND ohio:OH oklahoma:Okla,OK oregon:Ore,Oreg,OR
    pennsylvania:Pa,Penn,PA rhode_island:R.I.,RI south_carolina:S.C.,SC south_dakota:S.D.,SD
    tennessee:Tenn,TN texas:Tex,TX utah:UT vermont:Vt,VT virginia:Va,VA washington:Wash,WA
    west_virginia:W.Va.,WV wisconsin:Wis,Wisc,WI wyoming:Wyo,WY""".split())
    for short in (*shorts.split(","), state)
}
# Words that make a role another than its noun alone: "former President Lee" is not "the
# president", "Vice President Lee" not either; a description names them to mean them.
# So do the first words of a compound role ending in another's noun: "Lt. Gov. Lee" is not
# "the governor", an attorney or surgeon general not "the general".
MARKED = wordset(
    "former vice deputy assistant associate acting ex late outgoing incoming "
    "lieutenant attorney surgeon solicitor inspector postmaster"
)
# What ends the head noun of a description or a role: "the senator| from Vermont", "a
# lawyer| for the firm", "the senator| and his aide", "an aide| on the committee".
AFTER_HEAD = re.compile(r"\s(?:of|from|for|at|in|with|to|on|and)\s")
PARTY_NOUNS = frozenset(word for words in PARTIES.values() for word in words)


def head_noun(phrase: str) -> str:
    """The head noun of a description or a role, the last word before what qualifies it:
    "the Florida senator from Iowa" → "senator", "lawyer for the firm" → "lawyer"; "" when
    the phrase opens with what qualifies ("of the House")."""
    words = AFTER_HEAD.split(f" {phrase} ", maxsplit=1)[0].split()
    return words[-1] if words else ""


def role_nouns(role: str) -> set[str]:
    """The words of a role, abbreviated titles written out: "Gov." → "governor"."""
    words = {bare(word).lower() for word in role.split()}
    return words.union(*(TITLE_NOUNS.get(word, ()) for word in words))


def role_near(text: str, start: int, end: int, *, closed: bool = False) -> str | None:
    """A role given next to a name: ", a professor at X," after it, "Steelers captain" before.
    With `closed`, one after it only when set off, not the subject of a verb after it
    ("…Ohio, the Lee supporter said" gives Ohio no role)."""
    after = APPOSITIVE_AFTER.match(text, end, end + ROLE_WINDOW)
    if after:
        appositive = ROLE_END.sub("", after.group(1)).strip()
        if closed and appositive != after.group(1).strip():
            appositive = ""
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
    if is_role(role, 8) and ROLE_NOUN.search(role) and not ROLE_STARTERS.match(role) and (
        role.rpartition(" ")[2] not in FUNCTION_WORDS  # "a spokesman for |Lee": Lee's is none
    ):
        return role
    return None


def words_back(text: str, count: int) -> int:
    """Where the last `count` words of `text` start, or about (0 when it has no more)."""
    rest = text.rsplit(maxsplit=count)
    return len(rest[0]) if len(rest) > count else 0


def is_role_noun(word: str) -> bool:
    """True for a noun of a job or a place in a body, as written in lower case before a
    name: "striker", "chairman", "resident"; not a verb or an adverb ("met", "later")."""
    return word in ROLE_NOUNS


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


def title_before(run: Run, name: str, before: str) -> str | None:
    """Titles and organisations written before the name: "NASA Administrator", or
    "Speaker of the House" when the run starts after "the" (`before` is the text
    before the run; `run`, the run as `parse_run` reads it)."""
    tokens, found, _ = run
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


def party_after(text: str, end: int) -> set[str]:
    """The party and state a tag right after a name gives: "(R-Fla.)" → republican, florida."""
    tag = PARTY_AFTER.match(text, end, end + 16)
    if tag is None:
        return set()
    words = set(PARTIES[tag["party"]])
    if tag["state"]:
        words.update(STATES.get(bare(tag["state"]).replace(".", "").lower(), ()))
    return words


def wanted_role(description: str) -> tuple[str, frozenset[str]] | None:
    """The head noun and the other words of a description of someone by a role: "the Florida
    senator" → ("senator", {florida}), "the senator from Vermont" → ("senator", {vermont});
    None when its head is no role's noun."""
    text = LEADING_ARTICLE.sub("", description.strip()).lower()
    words = [bare(word).removesuffix("’s").removesuffix("'s") for word in text.split()]
    if not words:
        return None
    head = head_noun(" ".join(words))
    if not (ROLE_NOUN.search(head) or head.capitalize() in TITLES or head in PARTY_NOUNS):
        return None
    return head, frozenset(w for w in words if w != head and w not in FUNCTION_WORDS)


def holds_role(roles: Iterable[str], party: set[str], head: str, words: frozenset[str]) -> bool:
    """True when someone given `roles` (titles, appositives) and `party` (from tags) is whom
    "the <words> <head>" means: one role (or the party) has the head noun and whatever
    marks it ("former", "vice"), and every other word is in the roles or the tags."""
    known = set(party)
    held = head in party
    for role in roles:
        nouns = role_nouns(role)
        known |= nouns
        own = head_noun(role.lower())
        if own and head in role_nouns(own) and MARKED.isdisjoint(nouns - words - {head}):
            held = True
    return held and words <= known


Introductions = dict[str, list[tuple[int, int, int, str]]]  # NameIndex.introductions


def roles_given(texts: Sequence[str], introductions: Introductions, parse: Callable[[str], Run],
                name: str, *, closed: bool = False, near: str = "",
                joint: bool = True) -> Iterator[str]:
    """Each role the story gives `name` where it names them (`introductions`: paragraph,
    start, end and run of each), in order: at each, a title before the name, then a role
    next to it (`closed` as `role_near` takes it). With `near`, only where that piece of a
    role's noun is written close to the name; without `joint`, not where the name is one of
    two joined by "and" ("Sen. Lee and Sen. Park": whose title is whose is not read)."""
    for index, start, end, run in introductions.get(name, ()):
        text = texts[index]
        if (not joint and " and " in run) or (
            near and near not in text[max(0, start - ROLE_WINDOW) : end + ROLE_WINDOW].lower()
        ):
            continue
        title = title_before(parse(run), name, text[max(0, start - TITLE_AHEAD_CHARS) : start])
        if title:
            yield title
        role = role_near(text, start, end, closed=closed)
        if role:
            yield role


def role_given(texts: Sequence[str], introductions: Introductions, parse: Callable[[str], Run],
               name: str) -> str | None:
    """The role the story gives `name` where it first names them with one: a title before
    the name or an appositive next to it."""
    role = next(roles_given(texts, introductions, parse, name), None)
    return restore(role) if role else None
