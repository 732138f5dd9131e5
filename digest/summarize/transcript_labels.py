"""A transcript's speaker label opening a paragraph: "ALMEIDA: “…”", "SEN. LEE: “…”".

A label is the speaker when its last word is the surname of someone the story names in full;
otherwise ("REPORTER:", "AUDIENCE MEMBER:", a surname met nowhere else) it names nobody the
story lets a reader tell, and no speaker is read from further away.
"""

from __future__ import annotations

import re

from .names import Name, NameIndex

# Up to four words of capitals (with periods, hyphens, apostrophes) and a colon, the whole
# of what comes before the quote: not "Q:" (a letter) nor "Lee said:" (not capitals).
LABEL = re.compile(r"\s*(?:[A-Z][A-Z.'’-]*\s+){0,3}(?P<last>[A-Z][A-Z'’-]+):\s*[“\"‘']?")
PARTICLES = frozenset({"AL", "EL"})  # "AL-HADDAD": the index knows "Haddad"


def label_speaker(names: NameIndex, text: str, start: int) -> Name | None:
    """The person a label before text[start] (a quote's opening mark) names, Name("") for
    a label naming no one the story names in full, None where there is no label."""
    label = LABEL.fullmatch(text, 0, start)
    if label is None:
        return None
    particle, _, rest = label["last"].partition("-")
    parts = rest.split("-") if particle in PARTICLES and rest else label["last"].split("-")
    word = "-".join(part.capitalize() for part in parts)  # "AL-HADDAD" → "Haddad"
    name = names.name_of(word)
    if name is not None and name.text and name.kind == "person" and name.text != word and (
        not name.rivals  # "LEE:" with Jo Lee and Bo Lee in the story: no one can tell
    ):
        return name
    return Name("", "person")
