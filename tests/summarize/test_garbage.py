"""What summarizing leaves behind: nothing for the garbage collector.

The objects a story is read with (paragraphs, name index, finders, pronoun candidates) hold
no reference cycle, so they go as soon as `summarize` returns. Left in cycles, they made
the collector run every few stories, and each of its passes walked every object alive.
"""

from __future__ import annotations

import gc

from digest.core.models import Story
from digest.summarize import find_quotes, summarize

PARAGRAPHS = (
    "Mayor Ann Kolby of Riverton opened the new harbor bridge on Tuesday.",
    "“This bridge joins two halves of one town at last,” Kolby said.",
    "Tom Brill, who runs the ferry, was less pleased. He said, “My boats will sit idle all "
    "summer and nobody asked us.”",
    "“We will find the ferry crews other work on the river,” the mayor said.",
    "A spokesperson for the Riverton Harbor Board said the board “welcomes every new way "
    "across the water for the town.”",
)


def test_a_summarized_story_leaves_no_objects_in_cycles() -> None:
    story = Story(id="s", source="test", title="A bridge opens", url=None, published=None,
                  paragraphs=PARAGRAPHS)
    speakers = [quote.speaker for quote in find_quotes(story.paragraphs)]
    assert speakers[:2] == ["Ann Kolby", "Tom Brill"]  # a name, and a pronoun read back
    summarize(story)  # anything made once, on first use, is made now
    gc.collect()
    gc.disable()
    try:
        summarize(story)
        find_quotes(story.paragraphs)
        assert gc.collect() == 0
    finally:
        gc.enable()
