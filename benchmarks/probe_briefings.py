"""Who said it, on invented briefings, debates, hearings, transcripts and statements.

    python benchmarks/probe_briefings.py [--show]

benchmarks/briefing_probe_stories.json holds the stories (all names made up): press
briefings ("told reporters"), debates and hearings with several speakers trading lines in one
paragraph ("shot back", "interjected", "asked"), SPEAKER: labels of a transcript inside a
story, interviews, posts on X or Facebook, statements of bodies ("the White House said", "the
statement said"), reports, memos and polls, a paraphrase then a partial quote, scare quotes
that are nobody's words, quotes inside quotes, a reporter's first person ("he told me"),
Spanish double surnames, Arabic "al-", Chinese family names first, long appositives between
the name and the verb. Gold and scoring as in probe_pronouns.py, whose scorer this reuses.
"""

from __future__ import annotations

from pathlib import Path

from probe_pronouns import main

if __name__ == "__main__":
    main(Path(__file__).with_name("briefing_probe_stories.json"), __doc__)
