"""The chrome a page puts in front of a story's first sentence.

Each kind is a general phenomenon with its own rule, and its words are data here:
- notes about the story (notes.py);
- widgets: buttons, players and counters pasted into the text ("Share", "Listen 4 min"),
  whose patterns are widgets.py's;
- breadcrumbs and section names ("Home › Politics ›", "POLITICS"), whose rules are
  sections.py's;
- labels naming the kind of piece ("Exclusive:", "Live updates:"), and media labels
  ("WATCH:"), which mark a clip's caption;
- bylines, time stamps and picture credits run into the first sentence ("By Ann Hill
  Updated 5:45 PM The…"), whose patterns are credits.py's;
- any of these run into the first sentence with no mark after it ("Sponsored by Acme Bank
  The city…"), and a deck run into the dateline that opens the story.

Each `without_…` cuts its piece only when what is left starts a sentence.
"""

from __future__ import annotations

import re

from .credits import (
    BYLINE,
    CREDIT,
    DATE_DATELINE,
    DATED,
    MEDIA_CAPTION,
    MEDIA_CREDIT,
    PICTURE_AGENCIES,
    ROLE_BYLINE,
    STAMP,
    TRAILING_CREDIT,
)
from .datelines import DATELINE, DATELINE_AFTER, DATELINE_PLACE
from .notes import first_sentence_end, is_note, without_notes
from .sections import SECTIONS, STARTS_SENTENCE, opens, past, without_crumbs, without_sections
from .widgets import widget_run

MAX_GLUED = 8  # pieces of chrome cut off one text: a bound, so that hostile text stays linear

# A kicker in capitals: a column's or a topic's name whose last word names a column ("FAIR
# NEWS: ", "MARKET WRAP: ", "WEATHER WATCH: "), before a colon. A dateline set with a colon
# names a place ("NEW DELHI: "), whose words are no such nouns, and stays; so does a source
# before a dash, as datelines have it ("NBC NEWS — ").
KICKER_NOUNS = ("news|watch|wrap|alert|update|briefs?|notes|diary|focus|spotlight|check"
                "|round-?up|corner|talk|desk|latest|matters|extra|bulletin|scene|digest|insider")
KICKER = rf"(?-i:(?:[A-Z][A-Z’'&.-]*\ ){{1,3}}(?:{KICKER_NOUNS.upper()}))"
# "Exclusive: ", "ANALYSIS — ", "Live updates: ": a label naming the kind of piece.
LABEL = re.compile(
    rf"""^(?:report|(?:[\w-]+\ ){{0,2}}exclusive|(?:news\ )?analysis|opinion|commentary|comment
    |editorial|breaking(?:\ news)?|update[ds]?|just\ in|developing(?:\ story)?|new
    |live(?:\ (?:updates?|blog|coverage))?|first\ on\ [\w.-]+(?:\ [\w.-]+)?|icymi
    |explainer|explained|review|recap|preview|interview|profile|feature|obituary|obit
    |(?:guest\ )?(?:column|essay|op-?ed|commentary)|letters?(?:\ to\ the\ editor)?
    |fact[\ -]check|factbox|special\ report|perspective|q\ ?&\ ?a
    |sponsored(?:\ content)?|paid\ (?:content|post)|partner\ content|promoted
    |trending(?:\ now)?|read\ more|(?:also|more|must)[\ -]read|see\ also|anchor|{KICKER}(?=\s*[:|]))
    (?:\ \([^()]{{1,30}}\))?\s*(?::|\||\s[–—-])\s*""",
    re.IGNORECASE | re.VERBOSE,
)
# "WATCH: ", "Video | ": a label that announces a clip; the text after it is the clip's caption.
MEDIA_LABEL = re.compile(
    r"^(?:watch(?:\ live)?|video|photos?|gallery|podcast|listen|audio|slideshow)"
    r"\s*(?::|\||\s[–—-])\s*",
    re.IGNORECASE | re.VERBOSE,
)
CAPTION_CHARS = 300  # a caption is a sentence, not a paragraph
CAPTION_WORDS = 20  # a clip's caption is shorter than a lead
TRAILING_WIDGET_WORDS = 3  # buttons after a caption ("Share this video")
# A sentence's opening word in capitals, after a word that ends no sentence and before one in
# lower case ("…piers on Monday The city council voted…"): chrome set with no mark after it (a
# caption, a sponsor, a byline, a site's name) runs into the story there. "A" is left out, as
# letters name things ("its class A shares"), and so is a small word after the opener, which
# a name in title case has ("Council In the Public Interest").
# The opener is looked for first and the space before it read back from there: a regex that
# starts with the space tries each of the many spaces, one that starts with the opener skips
# to the next of its capitals at once.
GLUED_OPENER = re.compile(
    r"(?:The|This|These|Those|When|While|After|Before|In|On|At|As|During|Despite|Since|For)"
    r"\s(?!(?:the|a|an|and|or|of|to|for|in|on|at|by|with|from)\b)[a-z]"
)
WORD_END = re.compile(r"[\w)]")  # what the space before a glued opener follows
# A word that wants the words after it ("Fans of The Last of Us…"): no chrome ends with it.
JOINING_WORDS = frozenset("of from by for to in at on with and or the a".split())
# Words that join a name's first words to the people it names ("Members of Stop The count…"),
# which no chrome has before the story's sentence: a sponsor's or a credit's word is "by".
NAME_OF_WORDS = frozenset("of from for".split())
NAME_PIECE_WORDS = 4
# What a page's chrome shows, not people a name is for ("Photos from Getty Images The…").
SHOWN_WORDS = frozenset("photos pictures images videos clips galleries slideshows podcasts updates "
                        "stories headlines highlights articles posts".split())
GLUED_WORDS = 40  # chrome run into a sentence is a caption's length at most
CREDIT_WORDS, CREDIT_CHARS = 5, 60  # a credit with no label is a name
GLUED_REST_WORDS = 8  # and a sentence of the story follows it
DECK_WORDS = 30  # a deck is a sentence or two
WORD_CHARS = 7  # characters of a word and its space, about, in English news
DATELINE_WORDS = 6
HEADER_WORDS = 60  # how far into a paragraph a story's header may run
# The label of an advertisement's slot, which pages set between paragraphs or inside one.
AD_LABEL = (r"(?:advertisement|(?:story|article)\ continues\ below(?:\ advertisement)?"
            r"|continue\ reading(?:\ below|\ the\ main\ story)?"
            r"|scroll\ to\ continue(?:\ with\ content)?)")
AD_SLOT = re.compile(rf"\s*{AD_LABEL}\W*", re.IGNORECASE | re.VERBOSE)
# A link to another story set after the last sentence ("…said. RELATED: Board passes budget"):
# a label, then a headline with no full stop, to the end.
PROMO_LINK_CHARS = 160
PROMO_LINK = re.compile(
    r"""(?<=[.!?"”’])\s+(?:related(?:\ (?:story|stories|articles?|coverage|content))?
    |(?:read|see)\ (?:more|also)|also\ (?:read|see)|more\ (?:on\ this|coverage)
    |recommended|must[\ -]read|don['’]t\ miss)\s*:\s+[^.!]{1,120}[?]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Chrome pasted between two sentences of the story ("…on Tuesday. Advertisement The mayor…").
INTERSTITIAL = re.compile(
    rf"""(?<=[.!?"”’])\s+{AD_LABEL}
    (?=\s+[\"“‘'(]?[A-Z0-9]|\s*$)|(?-i:\s+ADVERTISEMENT(?=\s))""",
    re.IGNORECASE | re.VERBOSE,
)


def without_chrome(text: str) -> str:
    """The text after the chrome glued in front of its first sentence: a story's header,
    buttons, bylines, time stamps, breadcrumbs, section and kind labels, notes about the
    story, a photo's caption. What is left starts a sentence; chrome pasted between its
    sentences, and a link to another story after the last, are taken out too."""
    text = without_deck(without_header(text))
    for _ in range(MAX_GLUED):
        glued = without_glued(text)
        rest = without_stamp(past(ROLE_BYLINE, past(BYLINE, without_widgets(glued))))
        rest = without_notes(without_label(without_sections(without_crumbs(rest))))
        rest = without_caption(rest)
        if rest == text and glued == text:  # nothing cut, nor would cutting glued chrome again
            break
        rest = without_glued(rest)
        if rest == text:
            break
        text = rest
    if "dvertisement" in text or "ADVERTISEMENT" in text or "ontinue" in text:
        text = INTERSTITIAL.sub("", text)
    if ":" in text[-PROMO_LINK_CHARS:]:
        text = PROMO_LINK.sub("", text)
    return text


def is_ad_slot(text: str) -> bool:
    """True when `text` is an advertisement's label and nothing else ("Advertisement",
    "Story continues below advertisement")."""
    return AD_SLOT.fullmatch(text) is not None


def without_header(text: str) -> str:
    """Text past a story's header run into its first paragraph: kicker, headline and deck,
    then a byline with a date ("…high-risk inmates' By Ann Hill - May 4, 2022 Share The…"),
    within the paragraph's first words. Both the byline and the date must be there."""
    at = text.find(" By ")  # the first, and so the first within the header's words if any
    if at < 0 or at + len(" By ") > len(" ".join(text.split(" ", HEADER_WORDS)[:HEADER_WORDS])):
        return text
    byline = BYLINE.match(text, at + 1)
    stamp = STAMP.match(text, byline.end()) if byline else None
    if not stamp or not DATED.search(stamp.group()):
        return text
    rest = without_widgets(text[stamp.end() :])
    return rest if STARTS_SENTENCE.match(rest) else text


def without_deck(text: str) -> str:
    """Text from a dateline that follows a sentence or two: a deck run into the story it
    stands above ("…will cost $4 million. RIVERTON — The city…")."""
    head = (DECK_WORDS + DATELINE_WORDS) * WORD_CHARS
    if "—" not in text[:head] and "–" not in text[:head] and " -" not in text[:head]:
        return text
    match = DATELINE_AFTER.search(text, 0, head)
    if not match or text.count(" ", 0, match.start()) >= DECK_WORDS or DATELINE.match(text):
        return text
    return text[match.end() :]


def without_caption(text: str) -> str:
    """Text past a photo's caption and its credit ("Crews inspect the piers. Photo: Ann Hill
    The city…"): the credit tells the sentence before it for a caption; or past a credit
    and a caption labelled as such ("Image source, AP Image caption, Crews inspect…")."""
    text = past(CREDIT, past(MEDIA_CREDIT, text))
    if MEDIA_CAPTION.match(text):
        rest = text[first_sentence_end(text, CAPTION_CHARS) :].lstrip()
        return rest if STARTS_SENTENCE.match(rest) else text
    end = text.find(" ", first_sentence_end(text, CAPTION_CHARS))
    credit = CREDIT.match(text, end + 1) if end > 0 else None
    if not credit:
        return text[after:] if end > 0 and (after := named_credit_end(text, end + 1)) else text
    rest = text[credit.end() :]
    # a name cut in two ("Photos: Ann Hill, Bo…", "(Photo: Ann Hill/Riverside …") is no cut
    open_mark = credit.group().count("(") > credit.group().count(")")
    cut_a_name = open_mark or rest.split(" ", 1)[0].endswith((",", ";", "/"))
    return rest if STARTS_SENTENCE.match(rest) and not cut_a_name else text


def named_credit_end(text: str, start: int) -> int | None:
    """Where a credit with no label ("Getty Images", "Ann Hill") at `start` ends, when the
    story's next sentence is run into it ("…piers. Getty Images The city…")."""
    found = glued_opener(text, start, start + CREDIT_CHARS)
    head = text[start : found[0]].split() if found else ()
    if not found or len(head) > CREDIT_WORDS or not all(w[:1].isupper() for w in head):
        return None
    return found[1]


def glued_opener(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the first space before a glued opener in text[start:end] starts and ends: the
    opener, after spaces after a word ("…on Monday The city…")."""
    for match in GLUED_OPENER.finditer(text, start, end):
        opener = space = match.start()
        while space > start and text[space - 1].isspace():
            space -= 1
        if start <= space < opener and space > 0 and WORD_END.match(text, space - 1):
            return space, opener
    return None


def is_credit(text: str) -> bool:
    """A picture's credit on a line of its own ("Ann Hill / Reuters", "Photo: AP", "Getty
    Images"), below the caption it belongs to."""
    return CREDIT.fullmatch(text) is not None or text.strip("()").lower() in PICTURE_AGENCIES


def without_glued(text: str) -> str:
    """Text past chrome run into the story's first sentence with no mark after it ("Crews
    inspect the piers on Monday The city council voted…", "Sponsored by Acme Bank The…"),
    told by a sentence's opening word in capitals after a word inside the sentence. A
    dateline in front ("RIVERTON The…") is the story's own, a label ("EXCLUSIVE The…") not."""
    found = glued_opener(text, 0, first_sentence_end(text, CAPTION_CHARS))
    if found is None:
        return text
    head, rest = text[: found[0]], text[found[1] :]
    if (head.count(" ") >= GLUED_WORDS or head.rsplit(" ", 1)[-1] in JOINING_WORDS
            or opens_a_name(head) or rest.count(" ") < GLUED_REST_WORDS
            or (DATELINE_PLACE.fullmatch(head) and not is_label(head))):
        return text
    return rest


def opens_a_name(head: str) -> bool:
    """True when `head` is a few words that go on into a name with "The" in it ("Members of
    Stop" before "The count…", "Volunteers from Save" before "The valley…"): people in the
    plural, a word joining them to their group and the group's name in capitals, and no note
    ("Courtesy of Ann Hill", a credit, names no people; nor "Photos from Getty Images", what
    the page shows)."""
    words = head.split()
    joining = [word for word in words if not word[:1].isupper()]
    return (len(words) <= NAME_PIECE_WORDS and words[0].endswith("s") and bool(joining)
            and words[0].lower() not in SHOWN_WORDS
            and words[-1][:1].isupper() and all(word in NAME_OF_WORDS for word in joining)
            and not is_note(head))


def without_widgets(text: str) -> str:
    """Text past a run of buttons and counters ("Share this article Listen 5 min The…");
    single words ("Share", "Email") only when two or more stand together, or before a
    sentence's opening word or a dateline."""
    end, words, phrase = widget_run(text)
    if not (phrase or words > 1 or opens(text, end) or (words and DATELINE.match(text, end))):
        return text
    return text[end:] if STARTS_SENTENCE.match(text, end) else text


def without_label(text: str) -> str:
    """Text past a label naming the kind of piece ("Exclusive: ", "Analysis — "), or past one
    announcing a clip ("WATCH: ") before more than a clip's caption."""
    rest = past(LABEL, text)
    if rest is text and MEDIA_LABEL.match(text):
        after = past(MEDIA_LABEL, text)
        return after if len(after.split()) >= CAPTION_WORDS else text
    return rest


def is_label(text: str) -> bool:
    """A label naming the kind of piece ("Update", "Exclusive") or a section's name
    ("Politics"), standing alone: a part of a page's title that is not the headline."""
    text = text.strip()
    return text.lower() in SECTIONS or LABEL.fullmatch(text + ":") is not None


def caption_text(text: str) -> str:
    """A caption without the label announcing a clip ("WATCH: "), a photo's credit ("Photo:
    AP") and the player's buttons after it ("Up next"), for when a caption is all a story
    has to tell."""
    text = past(MEDIA_LABEL, text)
    credit = TRAILING_CREDIT.search(text)
    text = text[: credit.start()] if credit and credit.start() > 0 else text
    words = text.rsplit(" ", TRAILING_WIDGET_WORDS)
    for kept in range(1, len(words)):
        tail = " ".join(words[kept:])
        end, count, phrase = widget_run(tail)
        if end == len(tail) and (phrase or count > 1):  # "Facebook" alone may be a word
            return " ".join(words[:kept])
    return text


def without_stamp(text: str) -> str:
    """Text past a time stamp ("Updated 5:45 PM EST, May 5, 2020 The…")."""
    match = STAMP.match(text)
    if not match or not DATED.search(match.group()) or DATE_DATELINE.match(match.group()):
        return text
    rest = text[match.end() :]
    return rest if rest and STARTS_SENTENCE.match(rest) and rest[0] != "(" else text
