"""Who made a story or its picture, and when, as pages set it in front of the story: bylines
("By Ann Hill", "Ann Hill, Staff Writer"), time stamps ("Updated 5:45 PM EST, May 5, 2020")
and picture credits ("Photo: Ann Hill", "Image source, Reuters"). Patterns only; chrome.py
cuts them off.
"""

from __future__ import annotations

import re

# A name in a byline: capitalised words that are no sentence's first word and no dateline.
NAME_WORD = (
    r"(?!(?:The|A|An|In|On|At|It|Its|This|That|These|Those|After|Before|When|While|As|For"
    r"|From|With|If|But|And|He|She|They|We|I|There|More|Some|Many|Last|Every|Early|Late"
    r"|Mid|Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec|January|February|March"
    r"|April|August|September|October|November|December|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|Then|Now|Noon|Midnight|Year|Month|Week)\b)"
    r"(?![A-Z]{2,}\b)[A-Z][\w.’'-]*"
)
NAME = rf"{NAME_WORD}(?:\ {NAME_WORD}){{0,3}}"
CAPITALS_NAME = r"[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){1,3}\b"  # "By ANN HILL": two to four
# "By Ann Hill and Bo Lee, Staff Writers | ": a byline run into the first sentence.
BYLINE = re.compile(
    rf"(?:[Bb]y|BY|(?:[Ww]ritten|[Ww]ords|[Rr]eporting|[Rr]ead|[Nn]arrated|[Aa]nalysis"
    rf"|[Pp]erspective|[Cc]ommentary) by) (?:{NAME}|{CAPITALS_NAME})"
    rf"(?:(?:, | and | & ){NAME})*"
    rf"(?:\s*[,|·•—–-]\s*{NAME})?[\s|·•,—–-]*"
)
BY = re.compile(r"\b(?i:by)\s+")
# What a note about the writer says after the name: the beat, the post, how to reach them.
WRITER_NOTE = re.compile(
    r"(?:is\ (?:a|an|the|our)|covers|writes|reports|edits|joined|contributed|can\ be\ reached"
    r"|has\ (?:been|covered|written|reported))\b",
    re.IGNORECASE | re.VERBOSE,
)
BYLINE_PARTS = re.compile(r"\s*(?:[,|·•—–]| - | and | & )\s*")  # between a byline's names
# "Ann Hill, Staff Writer ", "Bo Lee | Senior Reporter ": a byline without its "By", told by
# the writer's role.
ROLE = (
    r"(?:(?:Senior|Chief|Staff|Special|Political|Foreign|Deputy|Associate|Contributing"
    r"|Managing|Investigative|Local|Sports|Business|Science|Health)\ )*"
    r"(?:Writer|Reporter|Correspondent|Editor|Contributor|Columnist|Producer|Journalist)s?\b"
)
ROLE_BYLINE = re.compile(rf"{NAME}(?:(?:, | and | & ){NAME})*\s*[,|·•—–-]\s*{ROLE}[\s|·•,—–-]*")
# "Updated 5:45 PM EST, Nov. 19, 2019 ", "May 5, 2020 | ": a time stamp, which has a date
# in it (a month's name or day/month/year) or opens with a word such as "Updated".
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
NUMERIC_DATE = r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
STAMP_WORD = r"(?:updated|published|posted|last\ updated|first\ published|modified)\b"
STAMP = re.compile(
    rf"""(?:{STAMP_WORD}:?\s*(?:on\ |at\ )?)?
    (?:(?:{MONTH}|{NUMERIC_DATE}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|urday)?\b\.?
      |\d{{1,2}}[:.]\d\d(?:[:.]\d\d)?\b|\d{{1,4}}(?:st|nd|rd|th)?\b|[ap]\.?m\b\.?
      |(?:[ecmp][sd]t|utc|gmt|bst|cet|et|at|hours?|hrs?|minutes?|mins?|days?|ago)\b)
     [\s,|·•/—–-]*){{1,14}}""",
    re.IGNORECASE | re.VERBOSE,
)
# A stamp holds a date, or is a clock's time of day alone (a live blog's post: "9:40 a.m.").
DATED = re.compile(rf"^{STAMP_WORD}|\b{MONTH}\s*\d|{NUMERIC_DATE}|^\d{{1,2}}:\d\d\s*[ap]\.?m\b",
                   re.IGNORECASE)
# A date with no stamp word, set off by a dash, opens the story as a place does ("Dec. 7,
# 2026 — The court…"): a dateline, not a stamp.
DATE_DATELINE = re.compile(rf"^(?!{STAMP_WORD}).*(?:—|–|--|\s-)\s*$", re.IGNORECASE | re.DOTALL)
# A photo's credit after its caption: "Photo: Ann Hill", "(Image: AP)", "Picture by Bo Lee/AFP",
# "Illustration: Bo Lee", "Photo by Ann Hill on Unsplash"; or one with no label: a name and
# an agency on either side of a slash ("Ann Hill / Reuters", "(AP Photo/Bo Lee)"), the
# agency's name whole ("Ann Hill / Riverside Weekly: The…" is a sentence).
CREDIT_WORDS = r"photo(?:graph)?|image|picture|credit|file\ photo|illustration|graphic|artwork"
CREDIT_NAME = rf"(?:{NAME_WORD}|[A-Z]{{2,}}\b)(?: (?:{NAME_WORD}|[A-Z]{{2,}}\b)){{0,3}}"
# The agency or paper after the slash: a word in capitals only first ("AP Photo"), as one
# after it opens a dateline ("Ann Hill/Reuters WASHINGTON (AP) —").
AGENCY = rf"(?:{NAME_WORD}|[A-Z]{{2,}}\b)(?: {NAME_WORD}){{0,3}}"
CREDIT = re.compile(
    rf"[(\[]?(?:(?i:{CREDIT_WORDS})s?(?: by:?|:)\s*{CREDIT_NAME}"
    rf"(?:(?:\s*/\s*|, | and ){CREDIT_NAME})*(?: (?:on|via|for) (?:the )?{CREDIT_NAME})?"
    rf"|{CREDIT_NAME} ?/ ?(?>{AGENCY})(?: via (?>{AGENCY}))?)[)\]]?(?:\s+|$)"
)
# Agencies whose name alone, on a line of its own, is a picture's credit.
PICTURE_AGENCIES = frozenset(
    """getty images|reuters|ap|ap photo|afp|afp photo|epa|shutterstock|alamy|istock|unsplash
    |pa|pa images|pa wire|dpa|xinhua|bloomberg|anadolu""".replace("\n    ", "").split("|")
)
# The same at the end of a caption standing alone: "…on Monday. Photo: AP".
TRAILING_CREDIT = re.compile(
    rf"\s*[(\[]?(?:{CREDIT_WORDS}|video)s?(?:\ by:?|:)\s*"
    r"[^.!?:]{1,60}[)\]]?\s*$",
    re.IGNORECASE | re.VERBOSE,
)
# "Image source, Reuters", "Image copyright Ann Hill/AP": a picture's credit as labelled
# by pages that set it, and the caption after it, for screen readers.
MEDIA_WORD = rf"(?!(?:Image|Media|Video)\b)(?:{NAME_WORD}|[A-Z]{{2,}}\b)"
MEDIA_NAME = rf"{MEDIA_WORD}(?: {MEDIA_WORD}){{0,3}}"
MEDIA_CREDIT = re.compile(
    rf"(?:[Ii]mage|[Mm]edia|[Vv]ideo|IMAGE) (?:[Ss]ource|[Cc]opyright|SOURCE|COPYRIGHT),?\s+"
    rf"{MEDIA_NAME}(?:\s*/\s*{MEDIA_NAME})*\s*"
)
# "Image caption, Crews inspect the piers. The…": a caption labelled so, up to its end.
MEDIA_CAPTION = re.compile(r"(?:[Ii]mage|[Mm]edia|[Vv]ideo|IMAGE) (?:[Cc]aption|CAPTION),?\s")


def byline_name(text: str) -> str | None:
    """The writer a byline names, in lower case ("By Ann Hill | Staff" gives "ann hill "): a
    paragraph below it that opens with that name is about the writer ("Ann Hill covers the
    courts…"), not the news."""
    if BYLINE.match(text) is None:
        return None
    name = BYLINE_PARTS.split(BY.split(text, maxsplit=1)[-1])[0]
    return f"{name.lower()} " if len(name.split()) > 1 else None


def is_writer_note(text: str, name: str | None) -> bool:
    """True when `text` opens with the writer's `name` (from `byline_name`) and says what the
    writer does or is ("Ann Hill covers the courts…", "Ann Hill is a staff writer…"): a note
    about the writer. News about a person of the same name ("Ann Hill said on Tuesday…") is
    the story."""
    return bool(name) and text.lower().startswith(name or "") and (
        WRITER_NOTE.match(text, len(name or "")) is not None)
