"""Prose or page chrome: whether a paragraph reads as sentences of a story, or as the page
around it (bylines, timestamps, captions, sign-up promos, banners, headlines), and the
chrome a page glues in front of a story's first sentence (share buttons, breadcrumbs,
section labels, notes about the story).

Extraction uses it to find where an article's text starts; the summarizer to find the lead.
"""

from __future__ import annotations

import re

from .text import ends_sentence, sentences, similar, wordset

# Lines that belong to the page around the story, not to the story.
BOILERPLATE = re.compile(
    r"""^(?:
      advertisement|advert|sponsored(?:\ content)?|skip\ to\ (?:main\ )?content
    | (?:this|the)\ (?:story|article|post|piece)\ is\ (?:over|more\ than)\ \S+
      \ (?:years?|months?)\ old
    | listen\ to\ (?:this|the)\ (?:article|story)
    | (?:updated|published|posted|last\ updated|first\ published)\b
    | (?:photo|image|picture|video|cover\ image|cover\ photo|file\ photo|credit|caption)s?
      \s*(?::|by\b)
    | (?:related|more|read\ more|see\ also|also\ read|watch|click\ here)\b\s*[:|]
    | (?:share|follow)\ (?:this|us|on)\b
    | (?:sign\ up|subscribe)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Sign-up prompts, credits and copyright lines: each pattern with a piece every match of it
# holds, in lower case. Text with none of the pieces is cleared at once, as the regex, which
# tests a word boundary at every character, costs as much as the rest of the lead.
PROMOS = (
    ("inbox", r"in your inbox"),
    ("sign up", r"sign up (?:here|now|for|to)"),
    ("subscribe", r"subscribe (?:here|now|to)"),
    ("newsletter", r"newsletter"),
    ("this email", r"(?:reply\ to|forward(?:ed)?|in|of)\ this\ email"),
    ("click here", r"click here"),
    ("read more", r"read more"),
    ("rights reserved", r"all rights reserved"),
    ("getty images", r"getty images"),
    ("photo", r"(?:ap|afp) photo"),
    (":", r"(?:photo|photograph|image|picture|credit)s?:\s"),
    ("©", r"©"),
    ("/", r"(?:reuters|afp|epa|ap|efe|xinhua)/"),
    ("/", r"/(?:getty|ap|afp|reuters)\b"),
)
PROMO = re.compile(rf"\b(?:{'|'.join(pattern for _, pattern in PROMOS)})", re.IGNORECASE)
PROMO_CLUES = tuple(dict.fromkeys(clue for clue, _ in PROMOS))
BYLINE = re.compile(r"^(?i:by|words by|reporting by|written by)\s+[A-Z]")
# A time or date standing alone: "5:45 AM PST 11/19/2019", "Nov. 19, 2019", "Tuesday 19 November".
DATE_LINE = re.compile(
    r"^[\W\d]*(?:\d{1,2}:\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d)",
    re.IGNORECASE,
)
# Words a Headline Style Line leaves in lower case.
MINOR_WORDS = wordset(
    "a an the and but or nor for so yet of in on at to by up as is it its from with into "
    "onto over than that this via vs per"
)
# Notes about the story rather than the story, each at the start of its sentence: where it
# first ran, who paid for it, what was corrected, which series or newsletter it belongs to,
# what a video shows.
NOTE = re.compile(
    r"""^(?:
      (?:this|the\ following|an?\ (?:earlier\ |longer\ |shorter\ )?version\ of\ this)
      \ (?:[\w’'-]+\ ){0,3}?(?:article|story|post|piece|report|essay|column|interview|feature)\b
      [^.!?]{0,80}?\b(?:originally|first\ (?:appeared|published|ran)|republished|reprinted
        |syndicated|appeared\ (?:on|in|at)|produced\ (?:by|in\ partnership)|co-published
        |published\ in\ partnership|contains\ (?:affiliate|references|sponsored)
        |(?:is|was)\ (?:the\ \w+\ |one\ |an?\ )?(?:part|installment|instalment|edition)\b)
    | (?:originally\ (?:published|appeared)|republished|reprinted)\ (?:on|in|at|by|with|from)\b
    | (?:advertiser|advertising|affiliate|editorial|sponsor(?:ed)?|financial)\ disclosure\b
    | disclosure\s*:
    | (?:editor['’]?s['’]?\ note|correction|clarification)\s*[:|]
    | (?:we|this\ (?:site|page)|our\ site)\ (?:may\ |might\ |can\ )?(?:earn|receive|get|make)
      \ (?:a\ )?(?:small\ )?(?:share\ of\ sales|(?:affiliate\ )?(?:commission|compensation))
    | (?:when|if)\ you\ (?:buy|purchase|click|shop|subscribe)\b[^.!?]{0,40}?\blinks?\b
    | welcome\ (?:back\ )?to\b(?:[^.!?]{0,80}?,\ (?:our|my|your)\b|.{0,100}?\b(?:newsletter
        |series|edition|column|briefing|podcast|roundup|subscrib))
    | (?:you['’]re|you\ are)\ reading\b[^.!?]{0,60}?\b(?:newsletter|series|edition|column)
    | this\ is\ (?:the\ \w+\ |one\ )?(?:part|installment|instalment|edition|chapter|episode)\b
    | part\ (?:\w+|\d+)\ (?:of|in)\ (?:a|an|our|the|this)\b[^.!?]{0,60}?\bseries\b
    | (?:in\ )?this\ (?:[\w’'-]+\ ){0,3}?video\b(?!\ games?)
    | (?:the\ )?video\ (?:above|below)\b
    | video\s*[:|]
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A short sentence after a note that carries it on, talking to the reader or about the site.
NOTE_FOLLOWS = re.compile(
    r"\b(?:you|your|we|our|thanks?|here|terms\ apply|this\ (?:page|site|article|story|post))\b",
    re.IGNORECASE | re.VERBOSE,
)
NOTE_FOLLOWS_WORDS = 20
# Buttons and counters glued in front of the first sentence; single words only in a run.
WIDGET = re.compile(  # matched at an offset, so with no ^
    r"""(?:
      (?P<phrase>listen\ to\ (?:this|the)\ (?:article|story|episode)
      | \d+(?::\d\d)?[\ -]?min(?:ute)?s?(?:\ (?:read|listen))?
      | min(?:ute)?s?\ (?:read|listen)
      | reading\ time\W{0,3}\d+\ min(?:ute)?s?
      | share\ (?:this\ )?(?:article|story|post|page)
      | share\ (?:on|via)\ (?:facebook|twitter|x|linkedin|whatsapp|email|reddit)
      | (?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the|this)\ (?:[\w’'-]+\ ){0,3}?newsletters?
      | gift\ (?:this\ )?article|copy\ link|save\ (?:for\ later|article|story)
      | print\ (?:this\ )?(?:article|story|page)|follow\ us(?:\ on\ \w+)?|advertisement)
    | share|tweet|email|print|save|comments?|facebook|twitter|whatsapp|linkedin|reddit
    )\b[\s|·•:]*""",
    re.IGNORECASE | re.VERBOSE,
)
# "Home › Politics › ", "POLITICS | ": a breadcrumb or section label, capitalised items.
CRUMBS = re.compile(r"^(?:[A-Z0-9][\w’'&.-]*(?:\ [\w’'&.-]+){0,3}\s*(?:[›»>]|\s\|)\s*)+")
# "Exclusive: ", "ANALYSIS — ": a label naming the kind of piece (not a medium: "Watch:"
# and "Video:" announce a clip, which is no story).
LABEL = re.compile(
    r"""^(?:report|exclusive|analysis|opinion|commentary|comment|editorial|breaking(?:\ news)?
    |update|just\ in|developing(?:\ story)?|explainer|review|interview|fact[\ -]check
    |factbox|special\ report|perspective|q\ ?&\ ?a)
    \s*(?::|\||\s[–—-])\s*""",
    re.IGNORECASE | re.VERBOSE,
)
STARTS_SENTENCE = re.compile(r"[\"“‘'(]?[A-Z0-9]")
MAX_GLUED = 8  # pieces of chrome cut off one text: a bound, so that hostile text stays linear
MIN_PROSE_WORDS = 6
UNENDED_PROSE_WORDS = 30  # longer than headlines and decks, which end with no mark


def is_chrome(text: str, title: str | None) -> bool:
    """Headline repeats, bylines, timestamps, captions, promos and banners."""
    count = len(text.split())
    if title and count < 40 and similar(text, title):
        return True
    if BOILERPLATE.match(text):
        return count < 40
    if NOTE.match(text):
        return not without_notes(text)
    if BYLINE.match(text) or DATE_LINE.match(text):
        return (count < 12 and not ends_sentence(text)) or count < 6
    return count < 40 and is_promo(text)


def is_promo(text: str) -> bool:
    """A sign-up prompt, a credit or a copyright line."""
    lowered = text.lower()
    return any(clue in lowered for clue in PROMO_CLUES) and PROMO.search(text) is not None


def is_drop_cap(text: str) -> bool:
    """A capital letter alone, split from the rest of its word ("T" of "The")."""
    return len(text) == 1 and text.isupper()


def is_prose(text: str) -> bool:
    """A paragraph of sentences: long enough, ending like a sentence (or too long for a
    headline or deck, when a feed cut its last mark off), not a title-case line."""
    count = len(text.split())
    if count < MIN_PROSE_WORDS or not (ends_sentence(text) or count >= UNENDED_PROSE_WORDS):
        return False
    return not is_title_case(text)


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


def without_chrome(text: str) -> str:
    """The text after the chrome glued in front of its first sentence: buttons, breadcrumbs,
    section and kind labels, notes about the story. What is left starts a sentence."""
    for _ in range(MAX_GLUED):
        rest = without_notes(without_label(without_crumbs(without_widgets(text))))
        if rest == text:
            break
        text = rest
    return text


def without_widgets(text: str) -> str:
    """Text past a run of buttons and counters ("Share this article Listen 5 min The…");
    single words ("Share", "Email") only when two or more stand together."""
    end, words, phrase = 0, 0, False
    while words < MAX_GLUED and (match := WIDGET.match(text, end)):
        end = match.end()
        words += 1
        phrase = phrase or match.group("phrase") is not None
    if (phrase or words > 1) and STARTS_SENTENCE.match(text, end):
        return text[end:]
    return text


def without_crumbs(text: str) -> str:
    """Text past a breadcrumb or section label ("Home › Politics › ", "POLITICS | ")."""
    return past(CRUMBS, text)


def without_label(text: str) -> str:
    """Text past a label naming the kind of piece ("Exclusive: ", "Analysis — ")."""
    return past(LABEL, text)


def past(prefix: re.Pattern[str], text: str) -> str:
    """Text past what `prefix` matches at its start, when a sentence starts there."""
    match = prefix.match(text)
    rest = text[match.end() :] if match else ""
    return rest if rest and STARTS_SENTENCE.match(rest) else text


def without_notes(text: str) -> str:
    """Text past its leading notes about the story (where it first ran, a disclosure, the
    series it is part of) and the sentences carrying them on; empty when all are notes."""
    if not NOTE.match(text):
        return text
    parts = sentences(text)
    index = 1
    while index < len(parts) and (NOTE.match(parts[index]) or carries_on(parts[index])):
        index += 1
    return " ".join(parts[index:])


def carries_on(sentence: str) -> bool:
    """A short sentence talking to the reader or about the site, as notes go on to."""
    return len(sentence.split()) < NOTE_FOLLOWS_WORDS and NOTE_FOLLOWS.search(sentence) is not None
