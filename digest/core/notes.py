"""Notes about a story rather than the story, which pages put above its first sentence:
where it first ran or who made it, who paid for it, an advertiser's or affiliate's
disclosure, a disclaimer, the newsletter or series it belongs to (greetings, "the web
version of…", "part two of a series"), what a clip shows, that the text was edited for the
reader ("This transcript has been condensed for clarity").

A sentence that names who told it ("…, the board said", "according to the city") is news,
not a note, unless the page labels it one ("Correction: …"): news is often about such a text
("This op-ed was written by a senator now under investigation, the ethics board said").

Each kind is a clause of its own, its words as data; `without_notes` cuts the leading notes
off a text, with the short sentences in the site's voice that carry them on.
"""

from __future__ import annotations

import re

from .text import ABBREVIATIONS, sentences

# What a note calls the text it stands above ("this story", "today's newsletter"); an
# edition, issue or episode only as today's or this week's, as news has editions too.
TEXT_NOUNS = (
    "article|story|post|piece|essay|column|interview|content|coverage|newsletter|e-?mail"
    "|excerpt|dispatch|briefing|roundup|blog"
)
# What an editor's note that the text was edited for the reader calls the text or its parts;
# news is often about one of these ("This transcript was published by the county…"), so
# they count only in that note.
EDITED_NOUNS = (
    rf"(?:{TEXT_NOUNS}|review|transcript|conversation|exchange|discussion|q\ ?&\ ?a|op-?ed"
    r"|questions\ and\ answers|answers|questions|responses)"
)
EDITED_FOR = r"(?:length|clarity|brevity|space|style|readability)"
# Who told it: a sentence of news names its source; "reported" as a verb of saying, not as
# where or by whom the text was reported ("This story was first reported by…").
ATTRIBUTION = re.compile(
    r"""\b(?:said|says|told|according\ to
    |(?<!\bwas\ )(?<!\bwere\ )(?<!\bbeen\ )(?<!\bfirst\ )(?<!\boriginally\ )reported
      (?!\ (?:by|and|from|with)\b))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A note the page labels so, whatever it says: "Correction: … misstated what the mayor said."
NOTE_LABEL = r"""(?:disclosure\s*:|disclaimer\s*:
    |(?:editor['’]?s['’]?\ note|correction|clarification)\s*[:|])"""
SELF = rf"""(?:
    (?:this|these|the\ following|(?:an?|the)\ (?:[\w-]+\ )?version\ of\ this)
      \ (?:[\w’'-]+\ ){{0,3}}?(?:{TEXT_NOUNS})s?
  | (?:today['’]s|this\ (?:week|month)['’]s)\ (?:[\w’'-]+\ ){{0,3}}?
      (?:{TEXT_NOUNS}|edition|issue|episode)s?
  | the\ (?:[\w’'-]+\ ){{0,2}}?(?:{TEXT_NOUNS})\ (?:below|above|that\ follows))\b"""
# A story still being written, said of the text: "This is a developing story", "This breaking
# report is developing and will be updated", "This story is ongoing; it will be updated". The
# text's noun (a report too, as the state of its writing is what is said of it) and then how
# far it is written; a policy or a timetable that "will be updated" is news.
STILL_OPEN = rf"""(?:this\ is\ (?:an?\ )?(?:[\w-]+\ )?(?:developing|breaking|evolving|ongoing)
      \ (?:news\ )?(?:story|report|article|post)\b(?!\ (?:of|about|on)\b)
    |this\ (?:[\w’'-]+\ ){{0,2}}?(?:{TEXT_NOUNS}|report|news)\ (?:is\ |remains\ )(?:still\ )?
      (?:developing|breaking|evolving|ongoing|being\ updated)
      (?=\s*(?:[.,;:!?(—–-]|$|(?:and|as|so)\b)))"""
# What a note says of the text: where it ran, who made, funded, changed or framed it.
NOTE_VERBS = r"""(?:(?:originally|first)\ (?:appeared|published|ran|posted|aired|produced|written
      |reported|broadcast)|appeared\ (?:on|in|at)
    |(?:re|co-|cross-?)?published|reprinted|reproduced|syndicated|cross-?posted|excerpted
    |adapted\ from|produced\ (?:by|in|with|for)|in\ (?:partnership|collaboration)\ with
    |(?:was|is|has\ been|have\ been)\ (?:updated|corrected|edited|amended)
    |updated\ (?:on|at|to|with)
    |contains\ (?:affiliate|references|sponsored)|(?:written|edited|compiled|curated)\ by
    |(?:contains|includes|discusses|describes|mentions)\ (?:[\w-]+\ ){0,3}?(?:descriptions?|details
      |images|depictions?|discussions?|references|mentions|language|spoilers|violence|suicide
      |abuse|assault)\b
    |is\ (?:only\ )?(?:for|available\ to|reserved\ for)\ (?:[\w-]+\ )?(?:subscribers|members)
    |(?:is|are)\ (?:also\ )?(?:available|published)\ in\ (?-i:[A-Z])\w+\b
    |(?:is|was)\ by\ (?-i:[A-Z])
    |made\ possible|supported\ by|funded\ by|underwritten|sponsored\ by|paid\ for\ by
    |with\ (?:the\ )?(?:support|funding|a\ grant)\ (?:from|of)
    |(?:is|was)\ (?:a|an)\ (?:[\w-]+\ )?(?:collaboration|partnership|co-?production)
      \ (?:between|with)
    |brought\ to\ you
    |(?:is|was)\ (?:the\ \w+\ |one\ |an?\ )?(?:part|installment|instalment|edition|chapter
      |episode)\b)"""
ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|latest"
    r"|next|\d+(?:st|nd|rd|th))"
)
GREETING = (
    r"(?:good\ (?:morning|afternoon|evening|day)|hello|hi|hey|greetings|happy\ \w+day"
    r"|happy\ (?:weekend|holidays|new\ year))"
)
# The last word of a newsletter's or a show's name ("the Morning Brief", "Tech Weekly"): a
# welcome to a name without one is news ("Welcome to Texas. The state's new law…").
PUBLICATION = (
    r"(?:brief|briefing|letter|newsletter|daily|weekly|digest|dispatch|roundup|edition"
    r"|podcast|show|report|notes|club|hour|today|insider|update)"
)
# A period that ends a sentence, not a short word ("Sponsored by Sen. Ann Hill, the bill…").
NOT_ABBREVIATED = "".join(rf"(?<!\b{word})" for word in sorted(ABBREVIATIONS))
# Each clause is a kind of note, matched at the start of a sentence.
NOTE_START_CLAUSES = {
    # "This story will be updated", said of the text itself: the text's noun right before
    # it, as news says it of a thing the text names ("This content policy will be updated…").
    "about the text": rf"""{SELF}[^.!?]{{0,80}}?\b{NOTE_VERBS}
        |{SELF},?\ (?:and\ )?will\ be\ (?:updated|corrected|edited|amended)\b
        |{STILL_OPEN}""",
    "where it ran": r"""(?:(?:originally|first)\ (?:published|appeared|posted|ran|aired)
        |(?:re|co-|cross-?)published|reprinted|reproduced|syndicated|cross-?posted|excerpted
        |adapted)\ (?:\w+\ )?(?:on|in|at|by|with|from|for)\b
        |this\ is\ (?:an?\ )?(?:[\w-]+\ )?(?:excerpt|extract|adaptation)\ (?:from|of)\b
        |this\ is\ (?:an?\ |the\ )?(?:[\w-]+\ )?transcript\b
        |the\ (?:story|article|post|piece|essay|column)\ (?:was\ )?(?:originally|first)
          \ (?:appeared|ran|published|posted|aired)\ (?:on|in|at|by)\b""",
    "a partner's": r"""(?:(?:this\ )?(?:content|reporting|story)\ (?:is\ )?(?:from|by)
          \ (?:our\ )?partners?\b
        |from\ (?-i:(?:the\ )?(?:[A-Z][\w’'&.-]*\ ?){1,5}),\ in\ (?:partnership|collaboration)
          \ with\b
        |produced\ in\ (?:partnership|collaboration)\ with\b
        |in\ (?:partnership|collaboration)\ with\ [^,.!?]{1,60}[.!?])""",
    "who paid": rf"""(?:support\ for\ {SELF}[^.!?]{{0,40}}?(?:comes?|came|(?:is|was)\ provided)
        |this\ (?:[\w’'-]+\ ){{0,3}}?(?:report|reporting|project|investigation|journalism)\b
          [^.!?]{{0,60}}?\b(?:made\ possible|supported\ by|funded\ by|underwritten|paid\ for\ by)
        |(?:sponsored|presented|underwritten|paid\ for|brought\ to\ you)\ by\b[^,.!?]{{1,60}}
          {NOT_ABBREVIATED}(?:[.!?]|$)
        |(?:paid\ (?:content|post|partnership|promotion)|(?:partner|sponsored|promoted|branded)
        \ content)\b(?!\s+(?!(?:from|by|for|in|with|provided|presented|paid)\b)(?-i:[a-z])))""",
    "a summary": r"""(?:summary|in\ brief|in\ short|tl;?\ ?dr|key\ (?:points|takeaways)
        |at\ a\ glance|the\ short\ version|(?:story\ )?highlights)\s*[:|—–-]""",
    "a warning": rf"""(?:(?:content|trigger|reader|viewer)\ (?:warning|advisory|note)\s*[:|.—–-]
        |warning\s*[:|—–-]\s*{SELF})""",
    "disclosure": rf"""(?:(?:advertiser|advertising|affiliate|editorial|sponsor(?:ed)?|financial)
        \ (?:disclosure|disclaimer)\b|{NOTE_LABEL}
        |(?:prices?|pricing)\ and\ availability\ (?:are|were|is|was)\b
        |(?:prices?|pricing)\ (?:are|were|is|was)\ (?:accurate|correct|subject\ to\ change)\b
          [^.!?]{{0,40}}?\b(?:at\ the\ time\ of|as\ of\ (?:publication|writing|posting))\b)""",
    "chosen by the editors": r"""(?:(?:our\ (?:editors|journalists|writers|reporters|experts
          |team)|we)\ independently\ (?:select|choose|review
        |pick|research|test|evaluate)|(?:everything|every\ product|all\ products)\ (?:we\ )?
        (?:recommend|review|feature))""",
    "links": r"(?:when|if)\ you\ (?:buy|purchase|click|shop|subscribe)\b[^.!?]{0,40}?\blinks?\b",
    "opinions": r"""(?:the\ )?(?:views|opinions)\ (?:expressed\ )?(?:in\ this\ (?:article
        |column|piece|post|story|essay|op-?ed)|here|by\ (?:the\ )?(?:authors?|writers?
        |contributors?|columnists?|guests?)|are\ (?:those|solely|the\ author|their\ own
        |my\ own|his\ own|her\ own))\b""",
    "greeting": rf"""(?:{GREETING}[\s,!.]*(?:and\ |everyone[,!.]?\ |all[,!.]?\ )?welcome
          \ (?:back\ )?to\b
        |welcome\ (?:back\ )?to\b(?:[^.!?]{{0,80}}?,\ (?:our|my|your)\b|.{{0,100}}?\bsubscrib
          |[^.!?]{{0,100}}?\b(?:newsletter|series|edition|column|briefing|podcast|roundup
          |installment|instalment|issue|episode)
          |(?-i:\ (?:the\ )?[A-Z][\w’'-]*(?:\ (?:[A-Z][\w’'-]*|of|and|&))*)(?:\ {PUBLICATION}[.!]
            |[.!]\s[^.!?]{{0,60}}?\b(?:you|your)\b))
        |{GREETING}(?:[,!.]|\ (?:and|from|everyone|all|friends|again|there)\b)
          [^.!?]{{0,60}}?[.!](?:\s|$))""",
    "version": r"""(?:this\ is|you['’]re\ reading|you\ are\ reading|here['’]s|here\ is)
        \ (?:the|an?|our|today['’]s)\ (?:[\w-]+\ ){0,2}?(?:version|edition|issue|copy)\ of\b
        |(?:you['’]re|you\ are)\ reading\b[^.!?]{0,60}?\b(?:newsletter|series|edition|column
          |briefing|digest|roundup|dispatch|daily|weekly|monthly)
        |this\ is\ [^,.!?]{1,60},\ (?:a|an|our|the|your)\ (?:(?!of\b|for\b|to\b|with\b|in\b|at\b)
          [\w’'-]+\ ){0,3}?(?:newsletter
          |briefing|roundup|digest|column|dispatch|podcast|series)\b(?!(?<=series)\ of\b)""",
    "in this edition": r"""in\ (?:today['’]s|this\ week['’]s|the\ latest|our\ latest|this)
        \ (?:edition|issue|newsletter|episode|e-?mail|briefing)\s*[:—–-]
        |in\ today['’]s\ (?:edition|newsletter|e-?mail|briefing)\b""",
    "view in browser": r"""(?:view|read|open|see)\ (?:this\ |the\ )?(?:e-?mail|newsletter
        |message|it)?\ ?(?:online|in\ (?:your|a|the)\ (?:web\ )?browser)""",
    "series": rf"""(?:this\ is\ (?:the\ \w+\ |one\ )?(?:part|installment|instalment|edition
          |chapter|episode)\b
        |this\ is\ (?:the\ )?{ORDINAL}\ (?:of|in)\ (?:a\ )?(?:two|three|four|five|six|\d+)
          \ (?:[\w-]+\ )?(?:stories|articles|parts|pieces|installments|instalments|episodes
          |chapters)\b
        |part\ (?:\w+|\d+)\ (?:of|in)\ (?:a|an|our|the|this)\b[^.!?]{{0,60}}?\bseries\b
        |part\ (?:\d+|one|two|three|four|five|six)\ of\ (?:\d+|two|three|four|five|six|seven)
          (?:\.|:|$)
        |(?:this\ is\ )?(?:the\ )?{ORDINAL}\ (?:[\w-]+\ )?(?:(?:story|article|part|installment
          |instalment|episode|chapter|piece|entry)\ )?(?:in|of)\ (?:a|an|our|the|this)\b
          [^.!?]{{0,60}}?\bseries\b
        |previously\ (?:in|on)\ (?:this|the|our)\ series
        |read\ (?:part|chapter|episode)\ \w+\b[^.!?]{{0,40}}?\b(?:here|series))""",
    "a clip's caption": r"""(?:(?:in\ )?this\ (?:[\w’'-]+\ ){0,3}?video\b(?!\ games?)
        |(?:the\ )?video\ (?:above|below)\b|video\s*[:|])""",
}
# Kinds of note told by words anywhere in the first sentence: "… we may earn a commission".
NOTE_INSIDE_CLAUSES = {
    "affiliate": r"""(?:\b(?:affiliate|referral)\ (?:links?|commissions?|programs?
          |partnerships?)\b
        |\b(?:earn|receive|get|make|collect)s?\ (?:us\ |you\ )?(?:a\ |an\ )?(?:small\ )?
          (?:share\ of
          \ (?:sales|revenue)|(?:affiliate\ )?(?:commission|compensation)
          |from\ qualifying\ purchases)
        |\b(?:paid|compensated)\ (?:if|when)\ you\ (?:buy|purchase|click|shop|subscribe)
        |\bqualifying\ purchases\b|\breader-supported\b)""",
    "chosen by the editors": r"\bindependently\ (?:selected|chosen|reviewed|tested)\b",
    "opinions": r"""\bnot\ (?:intended\ as\ )?(?:financial|investment|legal|medical|tax)
        \ advice\b""",
    "a regular feature": r"""\bis\ (?:our|a|the)\ (?:[\w-]+\ ){0,2}?(?:daily|weekly|monthly
        |twice-weekly|regular|free)\ (?:[\w-]+\ )?(?:newsletter|briefing|roundup|digest|rundown
        |column|look|guide|dispatch)""",
    # "This review has been edited for length and clarity", "Answers were condensed.": the
    # whole sentence is the note, its subject this text or its parts. "The mayor's speech was
    # edited for length." (a hook) and "This transcript has been edited to include a second
    # call" are news.
    "edited for the reader": rf"""\A(?:(?:this|these|the\ following|the|our)
          \ (?:[\w’'-]+\ ){{0,2}}?)?{EDITED_NOUNS}s?
        \ (?:(?:has|have)\ been|was|were|is|are)\ (?:lightly\ )?(?:edited|condensed)
        (?:\ and\ (?:lightly\ )?(?:edited|condensed))?
        (?:\ for\ {EDITED_FOR}(?:,?\ (?:and\ )?{EDITED_FOR})*)?\s*\.""",
    "the writer": r"""\A(?-i:[A-Z][\w’'-]+(?:\ [A-Z][\w.’'-]+){1,3})\ is\ (?:a|an|the)
        \ (?:[\w-]+\ ){0,3}?(?:reporter|writer|correspondent|editor|columnist|contributor
        |journalist)\ (?:at|for|with|covering|based\ in)\b[^,;.!?]{0,60}[.!?]""",
}
# Pieces of words one of them has: text with none of them is cleared at once, as the regex,
# which tests every character, costs more than the rest of a lead.
NOTE_INSIDE_CLUES = (
    "affiliat", "referral", "commission", "compensat", "share", "qualifying", "supported",
    "independently", "advice", "daily", "weekly", "monthly", "regular", "free", "reporter",
    "writer", "correspondent", "editor", "columnist", "contributor", "journalist", "edited",
    "condensed",
)
NOTE_START = re.compile(
    "|".join(f"(?:{clause})" for clause in NOTE_START_CLAUSES.values()),
    re.IGNORECASE | re.VERBOSE,
)
LABELLED = re.compile(NOTE_LABEL, re.IGNORECASE | re.VERBOSE)
NOTE_INSIDE = re.compile(
    "|".join(f"(?:{clause})" for clause in NOTE_INSIDE_CLAUSES.values()),
    re.IGNORECASE | re.VERBOSE,
)
# The first words of the clauses of NOTE_START (an ordinal's digits apart): text opening with
# another word is cleared without the regex, which would cost more than the rest of a lead.
NOTE_FIRST_WORDS = frozenset(
    """this these the today's today’s a an originally first republished reprinted reproduced
    syndicated cross-posted crossposted excerpted adapted published co-published content
    reporting story from produced in support sponsored presented underwritten paid brought
    partner promoted branded advertiser advertising affiliate editorial sponsor financial
    disclosure disclaimer editor's editor’s editors' editors’ editors correction clarification
    our we everything every all when if views opinions good hello hi hey greetings happy
    welcome you're you’re you here's here’s here view read open see part previously second
    third fourth fifth sixth seventh eighth ninth tenth last final latest next video prices price
    pricing trigger reader viewer warning summary in tl;dr tldr tl;dr: key at highlights
    story""".split()
)
NOTE_INSIDE_CHARS = 160  # how far into its first sentence a note's tell-tale words stand
# A short sentence after a note that carries it on, talking to the reader or about the site.
NOTE_FOLLOWS = re.compile(
    r"""\b(?:you|your|we|our|us|thanks?|here|newsletters?|inbox|subscrib\w*|terms\ apply
    |read\ the\ (?:original|full)|(?:it['’]s|today\ is)\ (?:mon|tues|wednes|thurs|fri|satur|sun)day
    |this\ (?:page|site|article|story|post|e-?mail|edition|issue))\b""",
    re.IGNORECASE | re.VERBOSE,
)
NOTE_FOLLOWS_WORDS = 20


def without_notes(text: str) -> str:
    """Text past its leading notes about the story (where it first ran, a disclosure, the
    series it is part of) and the sentences carrying them on; empty when all are notes.

    A short sentence in the site's voice may come first ("We are reader-supported."), when
    a note follows it."""
    noted = is_note(text)
    if not noted:  # a note may still follow a short sentence in the site's voice
        end = first_sentence_end(text, NOTE_FOLLOWS_WORDS * 8)
        if end == NOTE_FOLLOWS_WORDS * 8 or not carries_on(text[:end]):
            return text
        if not is_note(text[end:].lstrip()):
            return text
    parts = sentences(text)
    if noted:
        index = 1
    elif len(parts) > 1 and carries_on(parts[0]) and is_note(parts[1]):
        index = 2
    else:
        return text
    while index < len(parts) and (is_note(parts[index]) or carries_on(parts[index])):
        index += 1
    return " ".join(parts[index:])


def is_note(text: str) -> bool:
    """A text that opens with a note about the story, in brackets or not, and does not name
    who told it, unless the page labels it a note."""
    text = text.lstrip("([")
    if not opens_with_note(text):
        return False
    first = next(iter(sentences(text)), text)
    return LABELLED.match(text) is not None or ATTRIBUTION.search(first) is None


def opens_with_note(text: str) -> bool:
    """A text whose first words read as a note about the story."""
    words = text[:24].split(None, 1)
    word = words[0].lower().rstrip(":,.!|—–-") if words else ""
    if (word in NOTE_FIRST_WORDS or word[:1].isdigit()) and NOTE_START.match(text):
        return True
    head = text[:NOTE_INSIDE_CHARS].lower()
    if not any(map(head.__contains__, NOTE_INSIDE_CLUES)):
        return False
    return NOTE_INSIDE.search(text, 0, first_sentence_end(text, NOTE_INSIDE_CHARS)) is not None


def first_sentence_end(text: str, most: int) -> int:
    """Where the first sentence of `text` ends, about (a period ends it), or `most`."""
    head = text[:most]
    ends = [at + 1 for at in (head.find(". "), head.find("! "), head.find("? ")) if at >= 0]
    return min(ends, default=most)


def carries_on(sentence: str) -> bool:
    """A short sentence talking to the reader or about the site, as notes go on to."""
    return len(sentence.split()) < NOTE_FOLLOWS_WORDS and NOTE_FOLLOWS.search(sentence) is not None
