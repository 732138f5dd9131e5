"""When a pronoun's best candidate is doubtful, and whom "he" or "she" means when no
candidate is near: the checks Antecedents.find (pronouns.py) makes, as a wrong name is
worse than none.

A candidate is doubtful when it is named with "and" beside another who fits ("Jo Lee and
Bo Park"), when someone else of the pronoun's gender is in play and its own gender is
unknown, when it is set off before the pronoun by a comma ("Lee, she said": Lee is talked
about), when someone unnamed of the pronoun's gender is brought in after it ("a woman", or
a sentence's subject: "His brother spoke next", "Her lawyer spoke next"), or
when its sentence gives the view of another who fits ("According to Lee, Park lied. “…,”
he said": Lee's words about Park, or Park's answer; the text does not say which).
With no candidate near, the one person of the pronoun's gender the story has in play is meant.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..core.text import inside
from .clause_topics import viewpoint_holder
from .groups import PEOPLE
from .lexicon import SAYING
from .mentions import GENDERS, NAME_OFFSET, Mentions
from .name_words import TITLES
from .runs import JOINT, NAME_RUN

RECENT_PARAGRAPHS = 6
SET_OFF = re.compile(r",\s+(?:he|she)\s+")  # "Lee, she said": Lee is talked about
SET_OFF_CHARS = 80  # a name run and the pronoun after it
# A sentence whose subject is someone unnamed, kin or in a role of someone's: "His brother
# spoke", "But her lawyer said"; not one named next ("His brother Bo Lee", "Her aide, Jo
# Lee,"). "The mayor" is left out: the story may call the candidate so ("Lee… The mayor…").
DESCRIBED_SUBJECT = re.compile(
    r"[“\"]?(?:(?:But|And|Then|Later|Still|Yet),?\s+(?:his|her|their)|His|Her|Their)\s+"
    r"(?P<words>(?:[a-z][\w\-]*\s+){0,2}[a-z]+)(?=\s+[a-z]|,\s+(?:a|an)\s)"
)
KIN = {"male": frozenset("husband father son brother grandfather uncle nephew boyfriend".split()),
       "female": frozenset(
           "wife mother daughter sister grandmother aunt niece girlfriend widow".split())}
# Roles that are no person's: a title's word that is an adjective or a field.
NOT_PEOPLE = frozenset(
    "acting affairs agriculture associate commerce congressional defence defense education "
    "energy finance foreign former grand gubernatorial health high homeland interior junior "
    "labor labour mayoral parliamentary presidential press prime public royal security "
    "senatorial senior staff state supreme trade transportation treasury vice".split())
KINSHIP = KIN["male"] | KIN["female"]
ROLE_NOUNS = (frozenset(title.lower() for title in TITLES if len(title) > 3) - NOT_PEOPLE
              - KINSHIP)  # "Brother", "Sister" and "Father" as titles
SUBJECT_NOUNS = ROLE_NOUNS | KINSHIP  # the nouns such a subject is looked for by
# The verb after such a subject, past an appositive or an adverb: "His brother| spoke",
# "His son, a lawyer,| said", "Her lawyer| later told". Only one who speaks is a second
# voice: "His father was a fisherman", "Her son lives in Ohio" bring in no one to quote.
VERB_AFTER_SUBJECT = re.compile(
    r"(?:,\s+(?:a|an)\s[^,.;]{1,60},)?\s+(?:(?:also|then|later|again|[a-z]+ly)\s+)?(?P<verb>[a-z]+)"
)
WORD = re.compile(r"[a-z]+")
SPEAKING = SAYING | frozenset(("spoke", "speaks"))  # "spoke at the pier": no quote's verb
# "… and her sister |Mia Lee|": two people named together, a relation between them
JOINED_BY_RELATION = re.compile(r",? and (?:(?:his|her|their) (?:[a-z-]+ ){1,2})?")


class Doubts(Mentions):
    """The checks on a pronoun's candidates, for Antecedents (pronouns.py)."""

    def set_off(self, at: tuple[int, int] | None) -> str | None:
        """The person named right before the pronoun of the attribution at `at`, a comma
        between: "… and Lee, she said, “…”": Lee is whom the words are about; were Lee the
        speaker, the story would say "Lee said"."""
        if at is None:
            return None
        text = self.paragraphs[at[0]].text
        names = self.names.mentions_in(at[0])
        before = bisect_left(names, at[1], key=NAME_OFFSET) - 1
        if before < 0 or at[1] - names[before][0] > SET_OFF_CHARS:
            return None
        offset, name = names[before]
        run = NAME_RUN.match(text, offset)
        return name.text if run and SET_OFF.fullmatch(text, run.end(), at[1]) else None

    def contested(self, best: tuple[tuple[int, int], str], kind: str, here: tuple[int, int],
                  addressee: str | None) -> bool:
        """True when someone else of the pronoun's gender is in play (a subject or speaker
        in the pronoun's paragraph before it, and unless the best candidate is named in that
        paragraph, in the paragraph before) and the best candidate, within reach, is not
        clearly whom it means: its gender is unknown."""
        where, name = best
        if self.gender(name) == kind:
            return False
        # A candidate in the pronoun's own paragraph leaves the paragraphs before behind;
        # one further back (along sentences opening with the pronoun) brings its own in.
        for paragraph in range(here[0] if where[0] == here[0] else min(where[0], here[0] - 1),
                               here[0] + 1):
            for _, offset, other, other_kind in self.mentions_in(paragraph):
                if (paragraph, offset) < here and other_kind == "person" and (
                    other not in (name, addressee) and self.gender(other) == kind
                ):
                    return True
        return False

    def in_view_of_another(self, best: tuple[tuple[int, int], str], kind: str) -> bool:
        """True when the best candidate's sentence opens by naming another person who fits
        the pronoun as the one whose view it gives: "For Lee, Park is the problem"."""
        (paragraph, offset), name = best
        run = viewpoint_holder(self.paragraphs[paragraph], offset)
        holder = self.names.name_of(run) if run is not None else None
        return holder is not None and holder.kind == "person" and holder.text != name and (
            run.split()[-1].lower() not in PEOPLE  # "For Ohio Democrats, Lee is a hero"
            and self.fits_person(holder.text, kind)
        )

    def fits_person(self, name: str, kind: str) -> bool:
        """True when a person named `name` may be whom a pronoun of `kind` means."""
        return JOINT not in name and self.gender(name) in (None, kind)

    def only_one(self, here: tuple[int, int], kind: str, named: frozenset[str] | None = None,
                 addressee: str | None = None) -> str | None:
        """The one person (of `kind` "male" or "female", if so) the few paragraphs before
        `here` name, when they name no one else who could be meant (for "he" or "she", no
        one else of that gender or of a gender unknown); whom the quotation names and whom
        the speaker tells are left out."""
        found: set[str] = set()
        for paragraph in range(max(0, here[0] - RECENT_PARAGRAPHS), here[0] + 1):
            for offset, name in self.names.mentions_in(paragraph):
                if (paragraph, offset) >= here:
                    break
                if name.kind == "person" and name.text != addressee and (
                    kind not in GENDERS or self.gender(name.text) in (kind, None)
                ) and not named_in(name.text, named):
                    found.add(name.text)
        only = found.pop() if len(found) == 1 else None
        return only if only and (kind not in GENDERS or self.gender(only) == kind) else None

    def paired(self, best: tuple[tuple[int, int], str], kind: str) -> bool:
        """True when the best candidate is named with "and" beside another person the pronoun
        could point to as well ("Jo Lee and Bo Park", "Ann Lee and her sister Mia Lee"):
        neither is more the subject than the other."""
        (paragraph, offset), name = best
        text = self.paragraphs[paragraph].text
        run = NAME_RUN.match(text, offset)
        if run is None:
            return False
        together = [self.names.name_of(part) for part in run.group().split(JOINT)]
        for start, other in self.names.mentions_in(paragraph):
            if start > offset:
                joined = JOINED_BY_RELATION.fullmatch(text, run.end(), start)
            else:
                near = NAME_RUN.match(text, start)
                joined = near and JOINED_BY_RELATION.fullmatch(text, near.end(), offset)
            if joined:
                together.append(other)
        return any(
            other is not None and other.kind == "person" and other.text != name
            and self.gender(other.text) in (None, kind)
            for other in together
        )

    def unnamed_since(self, best: tuple[tuple[int, int], str] | None, here: tuple[int, int],
                      kind: str) -> bool:
        """True when someone unnamed of the pronoun's gender ("a woman", "one father") is
        brought in after the best candidate, in the paragraph of the pronoun or the one before,
        or, after a best candidate, is the subject of a sentence there ("His brother spoke
        next", "Her lawyer said").
        """
        since = max(best[0] if best else (0, 0), (here[0] - 1, 0))
        for paragraph in range(since[0], here[0] + 1):
            lo = since[1] if paragraph == since[0] else 0
            hi = here[1] if paragraph == here[0] else len(self.paragraphs[paragraph].text)
            spans = self.unnamed_people(paragraph)[kind]
            at = bisect_left(spans, (lo, -1))
            if at < len(spans) and spans[at][1] <= hi:
                return True
            if best is not None and self.described_between(paragraph, lo, hi, kind):
                return True
        return False

    def described_between(self, paragraph: int, lo: int, hi: int, kind: str) -> bool:
        """True when a sentence of the paragraph starting within [lo, hi), outside quotations,
        has as its subject someone unnamed who fits the pronoun and speaks: someone's kin of
        its gender ("His brother said"), or someone's holder of a role ("Her lawyer spoke"),
        of either gender."""
        sentences = self.paragraphs[paragraph]
        quoted = self.quoted_spans.get(paragraph, [])
        for start in sentences.starts:
            if not lo <= start < hi or inside(quoted, start):
                continue
            described = DESCRIBED_SUBJECT.match(sentences.text, start)
            if described is None or described.end() > hi:
                continue
            head = next((word for word in WORD.finditer(described["words"])
                         if word[0] in SUBJECT_NOUNS), None)
            if head is None or not (head[0] in KIN[kind] or head[0] in ROLE_NOUNS):
                continue
            verb = VERB_AFTER_SUBJECT.match(sentences.text, described.start("words") + head.end())
            if verb is not None and verb["verb"] in SPEAKING:
                return True
        return False


def named_in(name: str, words: frozenset[str] | None) -> bool:
    """True when `words` (a quotation's) hold the given name or the surname of `name`."""
    parts = name.split()
    return words is not None and (parts[0] in words or parts[-1] in words)
