"""Prose or page chrome: whether a paragraph reads as sentences of a story, or as the page
around it (bylines, timestamps, captions, sign-up promos, banners, headlines, notes about
the story). What a page glues in front of a story's first sentence is chrome.py's.

Extraction uses it to find where an article's text starts; the summarizer to find the lead.
"""

from __future__ import annotations

import re

from .chrome import CAPTION_WORDS, MEDIA_LABEL, is_label
from .credits import BYLINE as NAMED_BYLINE
from .credits import MONTH, PICTURE_AGENCIES
from .notes import first_sentence_end, is_note, without_notes
from .text import ends_sentence, sentences, similar, wordset
from .widgets import is_widgets


def clued(patterns: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern for every (clue, pattern) pair, and the clues, once each, in order."""
    alternatives = "|".join(pattern for _, pattern in patterns)
    return (re.compile(rf"\b(?:{alternatives})", re.IGNORECASE),
            tuple(dict.fromkeys(clue for clue, _ in patterns)))


# Lines that belong to the page around the story, not to the story.
BOILERPLATE = re.compile(
    r"""^(?:
      advert(?:isement)?\b(?!\s+(?-i:[a-z]))  # "Advertisement spending fell…" is news
    | skip\ to\ (?:main\ )?content
    | sponsored(?:\ content)?(?!\ by\b)(?!\s+(?-i:[a-z]))  # "Sponsored content rules…" is news
    | (?:this|the)\ (?:story|article|post|piece)\ is\ (?:over|more\ than)\ \S+
      \ (?:years?|months?)\ old
    | listen\ to\ (?:this|the)\ (?:article|story)
    | (?:photo|image|picture|video|cover\ image|cover\ photo|file\ photo|credit|caption)s?
      \s*(?::|by\b)
    | (?:image|media|video)\ (?:source|caption|copyright)\b|(?-i:FILE)\ ?[-–—]
    | (?:related|more|read\ more|see\ also|also\ read|watch|click\ here)\b\s*[:|]
    | (?:share|follow)\ (?:this|us|on)\b
    | (?:sign\ up|subscribe)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A time stamp on a line of its own ("Updated: 2 hours ago", "Published on Monday at 5 p.m."):
# a date, a colon or a name after its word; a sentence goes on with words in lower case
# ("Updated 2026 census figures show…", "Published on Monday, the report found…").
STAMP_LINE = re.compile(
    r"""^(?:updated|published|posted|last\ updated|first\ published)\b
      (?=\s*(?::|$|(?:on\ |at\ )?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue
        |wed|thu|fri|sat|sun)|by\ (?-i:[A-Z])))""",
    re.IGNORECASE | re.VERBOSE,
)
STAMP_LINE_WORDS = frozenset({"ago", "hour", "hours", "hr", "hrs", "minute", "minutes", "min",
                              "mins", "day", "days", "week", "weeks", "month", "months", "year",
                              "years", "et", "pt", "ct", "est", "edt", "pst", "pdt", "gmt", "utc",
                              "in", "from"})
UPDATE_WORDS = frozenset({"with", "to", "for"})
# Sign-up prompts, credits and copyright lines: each pattern with a piece every match of it
# holds, in lower case. Text with none of the pieces is cleared at once, as the regex, which
# tests a word boundary at every character, costs as much as the rest of the lead.
PROMOS = (
    ("inbox", r"(?:in|to) your inbox"),
    ("sign up", r"sign up (?:here|now|for|to)"),
    ("subscribe", r"subscribe (?:here|now|to)"),
    # a newsletter named on a line or at its end; one a sentence goes on about is news
    # ("Newsletters are booming."), but for one that talks to the reader (NOTICES)
    ("newsletter", r"newsletters?\b(?!\s+(?-i:[a-z]))"),
    ("this email", r"(?:reply\ to|forward(?:ed)?|in|of)\ this\ email"),
    ("already a subscriber", r"already a subscriber"),  # asks the reader
    # a paywall's offer, told to the reader, with its price or alone ("Get unlimited access
    # for $1 a week."); people who "get unlimited access" to a pool or an archive are news
    ("unlimited", r"(?<![\w,] )(?-i:Get|Enjoy|Unlock|GET|ENJOY|UNLOCK) unlimited"
                  r" (?:digital )?access"
                  r"(?= for (?:just |only )?[$€£¥]|\s*[.!]|\s+(?:now|today)\b)"),
    ("click here", r"click here"),
    ("continue reading", r"(?:subscribe|sign in|log in|register) to continue reading"),
    ("free article", r"free articles? (?:left|remaining)"),
    ("app", r"download (?:the|our) (?:[\w-]+ )?app\b"),
    ("read more", r"read more"),
    ("rights reserved", r"all rights reserved"),
    # "Getty Images, the agency…", "Getty Images' archive…" are news
    ("getty images", r"getty images(?!,? (?-i:[a-z])|['’])"),
    ("photo", r"(?:ap|afp) photo"),
    (":", r"(?:photo|photograph|image|picture|credit)s?:\s"),
    ("©", r"©"),
    # a credit with a slash ends its line: "Reuters/Ipsos polling shows…" goes on as news
    ("/", r"(?:reuters|afp|epa|ap|efe|xinhua)/[\w-]++(?!\s+(?-i:[a-z]))"),
    ("/", r"/(?:getty|ap|afp|reuters)\b(?!\s+(?-i:[a-z]))"),
)
PROMO, PROMO_CLUES = clued(PROMOS)
# Cookies, paywalls and apps are news too ("…fined because its website uses cookies"): they
# mark a page's notice only in text that talks to the reader or tells them what to do.
NOTICES = (
    ("cookie", r"(?:use|uses|using|accept|allow) (?:of )?(?:all )?cookies"),
    ("cookie", r"cookie (?:policy|settings)"),
    ("subscriber", r"(?:for|to) (?:paying |paid )?subscribers only"),
    ("newsletter", r"newsletter"),
    ("ios", r"ios (?:or|and) android|android (?:or|and) ios"),
    # an appeal for money, telling what the reader's gift does for the newsroom ("Your gift
    # helps us…", "Donate today."); a gift told of is news ("Your donation saved lives,"),
    # and so is an appeal a sentence reports ("…told donors that your gift helps us…")
    ("your", r"(?:^|(?<=[.!?] ))your (?:gift|donation|contribution|support)s? (?:helps?|keeps?"
             r"|makes?|lets?|allows?|powers?|funds?|supports?) (?:us|our|local|independent)\b"
             r"[^,;\"”]*(?:[.!]|$)"),  # its own sentence, not one told ("…, the letter said")
    ("donate", r"^donate (?:today|now|here)\s*(?:[.!]|$)"),
)
# An appeal for money set as the first sentence, with no reader in it: "Support local news."
# ("Support for local news fell" goes on: the sentence ends right after its noun; "Support
# for student journalism!" is support as a noun, which the appeal's verb is not.)
APPEAL = re.compile(r"(?-i:Support|SUPPORT) (?!(?:for|from|of|among|in|by|to|on|at|with)\b)"
                    r"(?:[\w-]+ ){0,3}(?:journalism|news|reporting)\s*[.!]", re.IGNORECASE)
# A sentence pointing back at the one before it ("That was the chant…", "So read the sign"):
# that one, a prompt or an appeal in form, is quoted by the news, not set by the page.
POINTS_BACK = re.compile(r"\s*(?:That|This|Such|So)\s+(?:is|was|were|are|read|reads|said|says)\b")
NOTICE, NOTICE_CLUES = clued(NOTICES)
ADDRESSED = re.compile(
    r"\b(?:[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|us)\b"  # "us", not "US"
    r"|(?i:\bthis\ (?:article|story|page|site|content|post)\b"
    r"|(?:^|[.!?]\s+)(?:download|accept|subscribe|sign\ (?:in|up)|log\ in|register|enjoy"
    r"|listen|manage|click|get|donate)\b)",
    re.VERBOSE,
)
BYLINE = re.compile(r"^(?i:by|words by|reporting by|written by)\s+[A-Z]")
# A time or date standing alone: "5:45 AM PST 11/19/2019", "Nov. 19, 2019", "Tuesday 19 November".
DATE_LINE = re.compile(
    r"^[\W\d]*(?:\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d)",
    re.IGNORECASE,
)
# The label of a time stamp before its date ("Issued on: 03/03/2026", "Published: May 4"); the
# stamp then names a day, as a live blog's entries carry their times ("Posted 8:01 p.m.")
# and a heading may open with such a word ("Updated Monitoring Plan").
STAMP_LABEL = re.compile(r"^(?:published|updated|posted|issued|modified|last updated"
                         r"|first published)(?: on)?\s*:?\s*", re.IGNORECASE)
DAY = re.compile(rf"\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}|\b{MONTH}\s+\d|\d\s+{MONTH}"
                 r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b",
                 re.IGNORECASE)
# Words in lower case a byline or a date line has ("By Ann Hill and Bo Lee", "May 4 at 5 p.m").
LINE_WORDS = frozenset({"by", "and", "at", "on", "of", "updated", "published", "posted", "am",
                        "pm", "a.m", "p.m"})
# Words a Headline Style Line leaves in lower case.
MINOR_WORDS = wordset(
    "a an the and but or nor for so yet of in on at to by up as is it its from with into "
    "onto over than that this via vs per"
)
MIN_PROSE_WORDS = 6
# A sentence shorter than that ("Fire.", "The mayor resigned."): one, from a capital to its mark.
SHORT_SENTENCE = re.compile(r"[\"“‘']?[A-Z][^.!?…]*[.!][\"”’']?")
# Words a page sets alone on a line, with a mark after them as often as not ("Related.").
PAGE_WORDS = wordset(
    "related more menu sections topics tags photos photo pictures gallery video videos watch "
    "close loading next previous back top search home trending popular latest recommended "
    "credits sources notes contents summary highlights correction corrections newsletter"
)
WIDGET_WORDS = 20  # a text of buttons and players only is short
# A promo sentence glued to a story's first one talks to the reader, and is short.
READER = re.compile(r"\b(?:you|your|we|our|us|here)\b", re.IGNORECASE)
PROMO_SENTENCE_CHARS = 120
PROMO_WORDS = 12
# Letters that are words of their own, and the common words opening with them that a drop
# cap splits into a word and what looks like one ("A" + "cross", "I" + "sland").
ONE_LETTER_WORDS = frozenset("AI")
VOWELS = frozenset("aeiouy")
JOINED_WORDS = wordset(
    "about above abroad according across activists advocates after again against ago ahead "
    "alike alive all almost alone along alongside already also although always amid amidst "
    "american americans among amongst an analysts and another any anyone anything anyway "
    "apart april are around as aside at attorneys august authorities away "
    "if in including indeed india indian inside instead into investigators iran iranian "
    "ireland irish is island israel israeli it italian italy its itself"
)
UNENDED_PROSE_WORDS = 30  # longer than headlines and decks, which end with no mark


def is_chrome(text: str, title: str | None) -> bool:
    """Headline repeats, bylines, timestamps, captions, promos and banners."""
    count = len(text.split())
    if title and count < 40 and similar(text, title):
        return True
    if BOILERPLATE.match(text):
        return count < 40
    if STAMP_LINE.match(text) and not goes_on(text):
        return count < 40
    if MEDIA_LABEL.match(text):
        return count < CAPTION_WORDS
    if count < WIDGET_WORDS and is_widgets(text):
        return True
    if is_note(text):
        return not without_notes(text)
    if BYLINE.match(text) or is_date_line(text):
        return is_byline(text)
    return count < 40 and is_promo(text)


def goes_on(text: str) -> bool:
    """Whether a line opening like a time stamp goes on as a sentence: two words in a row in
    lower case that no stamp has ("…2026 census figures show", "…Monday, the report"), before
    any word that says what the update brought ("…at 5 p.m. with new figures")."""
    after_lower = False
    for word in text.split()[1:]:
        bare = word.strip(".,;:()")
        if bare in UPDATE_WORDS:
            return False
        lower = bare[:1].islower() and bare not in LINE_WORDS and bare not in STAMP_LINE_WORDS
        if lower and after_lower:
            return True
        after_lower = lower
    return False


def is_byline(text: str) -> bool:
    """A byline or a date on a line of its own ("By Ann Hill", "May 4, 2022"): where a story's
    header ends."""
    if BYLINE.match(text):
        if not NAMED_BYLINE.match(text):  # "By Monday, it was over."
            return False
    elif not is_date_line(text):
        return False
    count = len(text.split())
    if not ends_sentence(text):
        return count < 12
    # a short line with a full stop is a byline or a date only with none of a sentence's
    # words ("By Ann Hill.", "May 4, 2022." but not "Oct. 3 was the deadline.")
    return count < 6 and all(not w[:1].islower() or w.strip(".,") in LINE_WORDS
                             for w in text.split())


def is_date_line(text: str) -> bool:
    """A time or a date on a line of its own, or a day after a time stamp's label."""
    label = STAMP_LABEL.match(text)
    if label is None:
        return DATE_LINE.match(text) is not None
    rest = text[label.end() :]
    return DATE_LINE.match(rest) is not None and DAY.search(rest) is not None


def is_promo(text: str) -> bool:
    """A sign-up prompt, an appeal for money, a credit or a copyright line."""
    lowered = text.lower()
    promo = ((any(clue in lowered for clue in PROMO_CLUES) and PROMO.search(text) is not None)
             or ("support" in lowered and APPEAL.match(text) is not None)
             or (any(clue in lowered for clue in NOTICE_CLUES)
                 and NOTICE.search(text) is not None and ADDRESSED.search(text) is not None))
    return promo and not points_back(text)


def without_promos(text: str) -> str:
    """Text past the sign-up prompts glued in front of it ("Get our news in your inbox. Sign
    up now. The mayor…"): a promo that talks to the reader or is short, and the promos and
    buttons after it ("Already a subscriber? Log in.")."""
    end = first_sentence_end(text, PROMO_SENTENCE_CHARS)
    if end == PROMO_SENTENCE_CHARS or not is_promo(text[:end]) or points_back(text):
        return text
    if len(text[:end].split()) >= PROMO_WORDS and not READER.search(text, 0, end):
        return text
    parts = sentences(text)
    index = 1
    while index < len(parts) - 1 and len(parts[index].split()) < PROMO_WORDS and (
            is_promo(parts[index]) or is_widgets(parts[index])):
        index += 1
    return " ".join(parts[index:]) if index < len(parts) else text


def points_back(text: str) -> bool:
    """Whether the second sentence of `text` points back at the first ("Donate today. That is
    the plea of…"), which the news then quotes; a newsroom's own appeal goes on to talk to
    the reader ("That is why we ask readers like you…")."""
    end = first_sentence_end(text, PROMO_SENTENCE_CHARS)
    if end == PROMO_SENTENCE_CHARS or POINTS_BACK.match(text, end) is None:
        return False
    second = text[end:].lstrip()
    return ADDRESSED.search(second, 0, first_sentence_end(second, len(second))) is None


def is_drop_cap(text: str) -> bool:
    """A capital letter alone, split from the rest of its word ("T" of "The")."""
    return len(text) == 1 and text.isupper()


def with_drop_cap(letter: str, rest: str, context: str = "") -> str:
    """A drop cap put back in front of the text it was split from: "T" + "he mayor…" gives
    "The mayor…", but "A" + "man was…" gives "A man was…", as "A" and "I" are words of
    their own. They join the word after them when that reads as one word: no vowel is left
    ("A" + "fter" gives "After"), the word is a common one ("Among"), or `context` (the rest
    of the story) has it ("Iran")."""
    if letter not in ONE_LETTER_WORDS or joins(letter, rest, context):
        return letter + rest
    return f"{letter} {rest}"


def joins(letter: str, rest: str, context: str = "") -> bool:
    """Whether a capital and the first word of `rest` read as one word (`with_drop_cap`)."""
    head = rest.split(" ", 1)[0].rstrip(",.;:!?”’\"')")
    word = (letter + head).lower()
    return (not VOWELS.intersection(head.lower()) or word in JOINED_WORDS
            or re.search(rf"\b{re.escape(word)}\b", context, re.IGNORECASE) is not None)


def is_prose(text: str) -> bool:
    """A paragraph of sentences: long enough, ending like a sentence (or too long for a
    headline or deck, when a feed cut its last mark off), not a title-case line."""
    count = len(text.split())
    if count < MIN_PROSE_WORDS or not (ends_sentence(text) or count >= UNENDED_PROSE_WORDS):
        return False
    return not is_title_case(text)


def is_short_sentence(text: str) -> bool:
    """A full sentence too short for `is_prose` ("Fire.", "The mayor resigned."): a word
    that no page sets alone, or words with one in lower case (not a name, "Ann Hill."),
    that do not talk to the reader ("Thank you.")."""
    words = text.split()
    if len(words) >= MIN_PROSE_WORDS or not SHORT_SENTENCE.fullmatch(text):
        return False
    if len(words) == 1:
        word = text.strip("\"“”‘’'.!").lower()
        return word not in PAGE_WORDS and word not in PICTURE_AGENCIES and not is_label(word)
    return (any(w[:1].islower() for w in words[1:]) and not is_title_case(text)
            and ADDRESSED.search(text) is None)


def is_title_case(text: str) -> bool:
    """Headline Style Lines Like This One, as opposed to sentences (which may be full of
    names, but have two lower-case words in a row that a headline would capitalise)."""
    words = text.split()
    capitalised = lower = 0
    after_lower = False
    for word in words:
        if word[0].isalpha() and word.lower() not in MINOR_WORDS:
            if word[0].isupper():
                capitalised += 1
                after_lower = False
            else:
                lower += 1
                if 4 * lower >= len(words) or after_lower:
                    return False  # a sentence: too many lower-case words for 3 in 4 capitalised
                after_lower = True
    counted = capitalised + lower
    return counted >= 3 and capitalised / counted > 0.75
