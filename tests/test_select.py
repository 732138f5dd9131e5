from datetime import UTC, datetime, timedelta

from digest.core.models import Reason, Story
from digest.select import Keywords, duration, find_copies, select_stories, summary_line

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
OPENING = ("The harbour bridge in Northbridge closes on Monday for a year of repairs, the city "
           "council decided after engineers found cracks in two of its steel supports, and "
           "buses and a ferry will carry the twelve thousand people who cross it every day.")


def story(story_id, source="a", hours_ago=None, title=None, text="p", url=None):
    published = NOW - timedelta(hours=hours_ago) if hours_ago is not None else None
    return Story(id=story_id, source=source, title=title or story_id, url=url,
                 published=published, paragraphs=(text,))


def select(stories, **overrides):
    options = dict(since=NOW - timedelta(hours=24), now=NOW, first_seen={}, already_sent=set(),
                   ageless_sources=set(), max_per_source={}, max_stories=40)
    return select_stories(stories, **options | overrides)


def choose(stories, **overrides):
    return [d.story.id for d in select(stories, **overrides).kept]


def test_window_and_order():
    stories = [story("old", hours_ago=30), story("new", hours_ago=1), story("mid", hours_ago=5)]
    assert choose(stories) == ["new", "mid"]


def test_undated_story_counts_from_first_seen():
    stories = [story("undated"), story("undated-old")]
    seen = {"undated-old": NOW - timedelta(days=3)}
    assert choose(stories, first_seen=seen) == ["undated"]


def test_sent_stories_never_again_and_duplicates_once():
    stories = [story("x", hours_ago=1), story("y", hours_ago=2), story("y", hours_ago=2)]
    assert choose(stories, already_sent={"x"}) == ["y"]


def test_ageless_sources_and_limits():
    stories = [story("a1", hours_ago=100), story("a2", hours_ago=200), story("b1", "b", 1),
               story("b2", "b", 2)]
    assert choose(stories, ageless_sources={"a"}) == ["b1", "b2", "a1", "a2"]
    assert choose(stories, ageless_sources={"a"}, max_per_source={"a": 1}) == ["b1", "b2", "a1"]
    assert choose(stories, ageless_sources={"a"}, max_stories=3) == ["b1", "b2", "a1"]


def test_every_candidate_gets_the_rule_that_decided_it_newest_first():
    stories = [
        story("sent", hours_ago=1),
        story("sent-url", hours_ago=2, url="https://news.example/a?utm_source=rss"),
        story("old", hours_ago=30),
        story("sport", "b", 3, text="The football final."),
        story("kept", hours_ago=4, title="Bridge closes", text=OPENING),
        story("copy", "c", 5, title="Bridge closes", text=OPENING),
        story("b-first", "b", 6),
        story("b-second", "b", 7),
        story("over", hours_ago=8),
    ]
    selection = select(stories, already_sent={"sent"}, sent_urls={"https://news.example/a"},
                       filters={"b": Keywords.of((), ("football",))},
                       max_per_source={"b": 1}, max_stories=2)
    assert [(d.story.id, d.reason, d.why) for d in selection.decisions] == [
        ("sent", Reason.SENT, "in an earlier edition"),
        ("sent-url", Reason.SENT, "its URL was in an earlier edition"),
        ("sport", Reason.FILTERED, "has the exclude word 'football'"),
        ("kept", Reason.KEPT, ""),
        ("copy", Reason.DUPLICATE, "the same story as 'Bridge closes' (a)"),
        ("b-first", Reason.KEPT, ""),
        ("b-second", Reason.SOURCE_LIMIT, "max_stories 1 for b"),
        ("over", Reason.LIMIT, "max_stories 2"),
        ("old", Reason.OLDER, "published 2026-11-27 00:00 UTC, before 2026-11-27 06:00 UTC"),
    ]
    assert selection.kept[0].also_in == ("c",)
    assert summary_line(selection) == (
        "2 stories in the edition; left out: 1 older than 24h, 2 already sent, 1 filtered by "
        "include/exclude, 1 duplicate, 1 over their source's max_stories, 1 over max_stories")


def test_summary_says_since_the_last_digest_only_after_one():
    stories = [story("new", hours_ago=1), story("old", hours_ago=30)]
    fresh = select(stories)
    assert summary_line(fresh) == "1 story in the edition; left out: 1 older than 24h"
    after = select(stories, since=NOW - timedelta(hours=20), after_digest=True)
    assert summary_line(after) == (
        "1 story in the edition; left out: 1 older than the last digest")
    assert summary_line(select([story("new", hours_ago=1)])) == "1 story in the edition"
    assert [duration(timedelta(hours=h)) for h in (24, 36, 48)] == ["24h", "36h", "2d"]
    assert duration(timedelta(minutes=90)) == "90m"


def test_include_and_exclude_are_whole_words_in_any_case():
    keywords = Keywords.of(("election", "vote"), ("sport",))
    assert keywords is not None and Keywords.of((), ()) is None
    assert keywords.rejects(story("1", title="ELECTION results")) is None
    assert keywords.rejects(story("2", title="Elections")) == "has none of the include words"
    assert keywords.rejects(story("3", title="Vote", text="Sport too")) == (
        "has the exclude word 'sport'")
    assert keywords.rejects(story("4", title="Vote", text="Sports pages")) is None


def test_a_retitled_wire_copy_is_merged_among_many_stories_on_one_topic():
    """Hundreds of stories sharing the same long words are not compared pairwise, yet the
    copy of one of them is found and the others stay apart."""
    stories = [story(f"s{i}", f"src{i % 7}", 1 + i / 100, title=f"Election update {i}",
                     text=f"Presidential campaign administration election story number {i} "
                          f"with its own details: item{i} place{i} person{i} figure{i}.")
               for i in range(400)]
    stories.append(story("wire", "a", 0.5, title="Bridge closes for a year", text=OPENING))
    stories.append(story("wire-copy", "b", 0.7, title="Harbour bridge shut", text=OPENING))
    copies = find_copies(stories, [None] * len(stories))
    assert copies[-1] == len(stories) - 2
    assert copies[:-1] == [None] * (len(stories) - 1)


def test_a_copy_takes_the_place_of_one_its_own_source_left_out():
    """Source a keeps only its newest story, so its copy of the shared one is over its limit;
    source b's copy is then no duplicate of anything in the edition, and is kept."""
    shared = "https://news.example.com/bridge"
    stories = [story("a-new", "a", 1), story("a-bridge", "a", 2, url=shared),
               story("b-bridge", "b", 3, url=shared), story("c-bridge", "c", 4, url=shared)]
    selection = select(stories, max_per_source={"a": 1})
    reasons = {d.story.id: d.reason for d in selection.decisions}
    assert reasons == {"a-new": Reason.KEPT, "a-bridge": Reason.SOURCE_LIMIT,
                       "b-bridge": Reason.KEPT, "c-bridge": Reason.DUPLICATE}
    [b] = [d for d in selection.decisions if d.story.id == "b-bridge"]
    assert b.also_in == ("c",)


def test_copies_are_found_the_same_in_ascii_text_and_in_any_other():
    """Plain ASCII text is split into words the quick way; the words are those of any
    other text: letters and digits of every script, in lower case, with `_` and marks
    between them (the Kelvin sign lower-cases to an ASCII k)."""
    from digest.select import WORD, _tokens

    for text in ("Bridge_closes: 12 ÉTÉ at 9am\x1cnow", "K\u212aelvin ok", "İstanbul ΣΟΦΙΑΣ",
                 "a-b c.d e'f ½ ² ٣ ǅ", OPENING):
        assert _tokens(text) == frozenset(WORD.findall(text.lower())), text
        assert _tokens(text, limit=3) == frozenset(WORD.findall(text.lower())[:3]), text
    accented = OPENING.replace("bridge", "brïdge")
    stories = [story("plain", "a", 1, title="Bridge closes", text=OPENING),
               story("accented", "b", 2, title="Brïdge closes", text=accented),
               story("copy", "c", 3, title="BRIDGE CLOSES", text=OPENING.upper()),
               story("accented-copy", "d", 4, title="BRÏDGE CLOSES", text=accented.upper())]
    assert find_copies(stories, [None] * 4) == [None, None, 0, 1]


def test_ascii_text_is_split_into_the_words_the_unicode_pattern_finds():
    """The fast path for ASCII text (a byte table) finds what `WORD` finds, for every ASCII
    character between two words and at either end."""
    from digest.select import WORD, _tokens

    for code in range(128):
        text = f"{chr(code)}Dam{chr(code)}opens_2{chr(code)}x9{chr(code)}"
        assert _tokens(text) == frozenset(WORD.findall(text.lower())), repr(text)
    assert _tokens("One two, three; four five", limit=3) == {"one", "two", "three"}


def test_typographic_marks_split_words_as_the_unicode_pattern_does():
    """Quote marks, dashes and the like are spaces, so text with only those outside ASCII
    takes the fast path; the words are still those `WORD` finds, with or without letters
    outside ASCII beside them."""
    from digest.select import TYPOGRAPHY, WORD, _tokens

    assert not any(WORD.match(mark) for mark in TYPOGRAPHY)
    for mark in TYPOGRAPHY:
        for text in (f"{mark}Dam{mark}opens{mark}", f"Cafe{mark}reopens{mark}today",
                     f"Café{mark}reopens{mark}«today»"):
            assert _tokens(text) == frozenset(WORD.findall(text.lower())), repr(text)
            assert _tokens(text, limit=2) == frozenset(WORD.findall(text.lower())[:2])
