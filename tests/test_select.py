from datetime import UTC, datetime, timedelta

from digest.core.models import Story
from digest.select import select_stories

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


def story(story_id, source="a", hours_ago=None):
    published = NOW - timedelta(hours=hours_ago) if hours_ago is not None else None
    return Story(id=story_id, source=source, title=story_id, url=None, published=published,
                 paragraphs=("p",))


def choose(stories, **overrides):
    options = dict(since=NOW - timedelta(hours=24), now=NOW, first_seen={}, already_sent=set(),
                   ageless_sources=set(), max_per_source={}, max_stories=40)
    return [s.id for s, _ in select_stories(stories, **options | overrides)]


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
