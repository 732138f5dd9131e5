"""Buttons, players and counters that pages paste into a story's text ("Share", "Listen 4
min", "Click to share", "Audio is not supported in your browser."). Patterns only; chrome.py
cuts them off, prose.py tells a paragraph of them alone.
"""

from __future__ import annotations

import re

MAX_WIDGETS = 8  # read in a run: a bound, so that hostile text stays linear

# Buttons, players and counters; a single word counts in a run of two or more, or before a
# sentence's opening word or a dateline (chrome.py).
WIDGET = re.compile(  # matched at an offset, so with no ^
    r"""(?:
      (?P<phrase>listen(?:\ to)?\ (?:this\ |the\ )?(?:article|story|episode|podcast)
      | listen(?=\W{0,3}\d)
      | \d+(?::\d\d)?[\ -]?min(?:ute)?s?(?:\ (?:read|listen))?
      | min(?:ute)?s?\ (?:read|listen)
      | reading\ time\W{0,3}\d+\ min(?:ute)?s?
      | (?:\d+:)?\d\d?:\d\d(?:\ /\ (?:\d+:)?\d\d?:\d\d)?
      | share\ (?:this\ )?(?:article|story|post|page|video)|share\ this(?=:)
      | (?:play|watch|pause|replay)\ (?:the\ )?(?:video|audio|clip)|up\ next|now\ playing
      | share\ (?:on|via)\ (?:facebook|twitter|x|linkedin|whatsapp|email|reddit)
      | (?:sign\ up|subscribe)\ (?:for|to)\ (?:our|the|this)\ (?:[\w’'-]+\ ){0,3}?newsletters?
      | gift\ (?:this\ )?article|copy\ link|save\ (?:for\ later|article|story)
      | click\ to\ (?:share|email|print|tweet|copy)(?:\ on\ \w+)?
      | \(?opens\ in\ (?:a\ )?new\ (?:window|tab)|(?:log|sign)\ (?:in|out)(?=[.|:]|\s*$)
      | print\ (?:this\ )?(?:article|story|page)|follow\ us(?:\ on\ \w+)?
      | (?:story|article)\ continues\ below(?:\ (?:this\ )?(?:ad|advertisement))?
      | continue\ reading(?:\ (?:below|the\ main\ story))?
      | scroll\ (?:down\ )?to\ continue(?:\ (?:with|reading)\ content)?
      | skip\ to\ (?:main\ )?content
      | your\ browser\ does\ not\ support\ the\ (?:audio|video)\ (?:element|tag)
      | (?:audio|video)\ (?:is\ )?not\ (?:supported|available)\ (?:in|by|on)\ (?:your|this)\ browser
      | (?:please\ )?(?:enable|turn\ on)\ javascript(?:\ to\ [\w\ ]{1,30}?(?:video|audio|content
        |player))?|javascript\ is\ (?:disabled|required|turned\ off|not\ enabled)
        (?:\ in\ (?:your|this)\ browser)?|loading(?=…|\.\.\.)
      | (?:sorry,?\ )?(?:this\ )?(?:video|content|audio|media|page)\ is\ (?:not|no\ longer)
        \ available(?:\ in\ your\ (?:region|country|area|location))?
      | (?:font|text)\ size|a\ a(?:\ a)?(?=\s)|aa
      | add\ to\ (?:your\ )?(?:list|reading\ list|favou?rites|saved\ (?:stories|articles|items))
      | jump\ to|(?:hide|show|toggle)\ caption
      | \d+\ of\ \d+|\d+\ (?:comments?|shares?)|comments?\ \d+
      | getty\ images|advertisement|audio(?=\s*:))
    | share|tweet|email|print|save|comments?|facebook|twitter|whatsapp|linkedin|reddit
    | telegram|pinterest|tumblr|messenger|flipboard|bluesky|mastodon
    | bookmark|pin|play|listen|copy|copied|follow|\d{1,6}
    )\b[\s|·•:.…)]*""",
    re.IGNORECASE | re.VERBOSE,
)


def is_widgets(text: str) -> bool:
    """True for a text of buttons, players and counters only ("Share", "Audio is not
    supported in your browser.")."""
    return bool(text) and widget_run(text)[0] == len(text)


def widget_run(text: str) -> tuple[int, int, bool]:
    """Where the run of widgets at the start of `text` ends, how many it has, and whether
    one of them is a phrase (which alone is a widget, as a single word is not)."""
    end, words, phrase = 0, 0, False
    while words < MAX_WIDGETS and (match := WIDGET.match(text, end)):
        end = match.end()
        words += 1
        phrase = phrase or match.group("phrase") is not None
    return end, words, phrase
