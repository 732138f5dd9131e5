"""Datelines, which open a story: a place in capitals, maybe with its state, a date and an
agency ("RIVERTON —", "SAN MARCO, Texas (AP) —", "LONDON, March 3 (Reuters) -", "(CNN) —").
"""

from __future__ import annotations

import re

PLACE = (r"(?:(?:[A-Z][A-Z.’'-]+ ?){1,4}(?:, ?(?:(?:[A-Z][\w.’'-]*|\d{1,2}),? ?){1,4})?"
         r"(?:\([A-Za-z .&-]{1,24}\) ?)?|\([A-Za-z .&-]{1,24}\) ?)")
DATELINE_PLACE = re.compile(PLACE)
# Its dash stands apart (an em or en dash, or a hyphen after a space) and a sentence opens
# after it: a compound joined by a hyphen ("US-China", "COVID-19", "UK-based") is no
# dateline, nor a name with a dash inside its sentence ("NASA — which built…").
DATELINE_DASH = r"(?:—|–|--| -)\s*[\"“‘]?[A-Z0-9]"
DATELINE = re.compile(rf"{PLACE}{DATELINE_DASH}")
DATELINE_ALONE = re.compile(rf"{PLACE}\s*(?:—|–|--?)")  # on a line of its own: "RIVERTON —"
# The same after a deck's sentences, run into the story it opens ("…$4 million. RIVERTON — The").
DATELINE_AFTER = re.compile(rf"(?<=[.!?])[\"”’]?\s+(?={PLACE}{DATELINE_DASH})")
