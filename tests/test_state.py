import sqlite3
from datetime import UTC, datetime

import pytest

from digest.errors import StateError
from digest.models import DeliveryResult, Email, Story
from digest.state import State

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
EMAIL = Email(subject="S", html="<p>h</p>", text="t", preheader="p")


def story(story_id: str) -> Story:
    return Story(id=story_id, source="src", title=story_id, url=None, published=None,
                 paragraphs=("p",))


def test_stories_round_trip_with_their_image(tmp_path):
    pictured = Story(id="p", source="src", title="Pictured", url="https://s.example/p",
                     published=NOW, paragraphs=("one", "two"), author="Ann",
                     image="https://s.example/p.jpg", image_size=(800, 450))
    with State.open(tmp_path / "state.sqlite") as state:
        state.record_stories([pictured, story("plain")], NOW)
        assert state.stored_stories(NOW) == [pictured, story("plain")]


def test_peek_creates_nothing(tmp_path):
    path = tmp_path / "sub" / "state.sqlite"
    with State.peek(path) as state:
        assert state.last_edition() is None
        assert state.sent_story_ids() == set()
        assert state.first_seen(["a"]) == {}
    assert not path.exists()
    assert not path.parent.exists()


def test_first_seen_is_kept(tmp_path):
    path = tmp_path / "state.sqlite"
    with State.open(path) as state:
        state.record_stories([story("a")], NOW)
        state.record_stories([story("a"), story("b")], NOW.replace(hour=9))
        seen = state.first_seen(["a", "b", "c"])
    assert seen == {"a": NOW, "b": NOW.replace(hour=9)}


def test_edition_ledger_round_trip(tmp_path):
    path = tmp_path / "state.sqlite"
    with State.open(path) as state:
        edition = state.create_edition(
            day="2026-11-28", now=NOW, email=EMAIL, story_ids=["a", "b"],
            recipients=[("A@example.com", "A"), ("b@example.com", None), ("a@example.com", None)],
        )
        assert edition.status == "sending" and edition.email == EMAIL
        assert [d.address for d in state.deliveries(edition.id, "pending")] == [
            "A@example.com", "b@example.com"]
        assert state.unfinished_edition().id == edition.id
        state.claim_deliveries(edition.id, ["a@example.com", "b@example.com"], NOW)
        assert {d.status for d in state.undelivered(edition.id)} == {"sending"}
        assert state.finish_edition(edition.id) == "sending"
        state.record_deliveries(edition.id, [
            DeliveryResult("a@example.com", "sent", message_id="<1@x>"),
            DeliveryResult("b@example.com", "failed", error="550 no")], NOW)
        assert state.finish_edition(edition.id) == "partial"
        assert state.unfinished_edition() is None
        assert state.sent_story_ids() == {"a", "b"}
        assert state.sent_story_ids(before_day="2026-11-28") == set()
        assert state.last_edition_before("2026-11-29").id == edition.id
    # a second connection sees exactly what was committed
    with State.peek(path) as state:
        rows = {d.address: (d.status, d.message_id, d.error) for d in state.deliveries(edition.id)}
    assert rows == {"A@example.com": ("sent", "<1@x>", None),
                    "b@example.com": ("failed", None, "550 no")}


def test_corrupt_state_is_a_clear_error(tmp_path):
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateError, match="state database"):
        State.open(path)
    with pytest.raises(StateError, match="state database"):
        State.peek(path)


def test_wal_mode(tmp_path):
    path = tmp_path / "state.sqlite"
    State.open(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
