import json
import sqlite3
from datetime import UTC, datetime

import pytest

from digest.core.errors import StateError
from digest.core.models import DeliveryResult, DeliveryStatus, EditionStatus, Email, Story
from digest.store import Store
from digest.store.sql import story_from_json, story_to_json

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
EMAIL = Email(subject="S", html="<p>h</p>", text="t", preheader="p")


def story(story_id: str, url: str | None = None) -> Story:
    return Story(id=story_id, source="src", title=story_id, url=url, published=None,
                 paragraphs=("p",))


def test_stories_round_trip_with_their_image(state_at):
    pictured = Story(id="p", source="src", title="Pictured", url="https://s.example/p",
                     published=NOW, paragraphs=("one", "two"), author="Ann",
                     image="https://s.example/p.jpg", image_size=(800, 450))
    with Store.open(state_at) as store:
        assert store.stories.record([pictured, story("plain")], NOW) == {"p", "plain"}
        assert store.stories.stored(NOW) == [pictured, story("plain")]
        assert store.stories.first_seen(["p", "plain", "other"]) == {"p": NOW, "plain": NOW}
        assert store.stories.stored(NOW.replace(hour=7)) == []


def test_stories_outside_ascii_round_trip(state_at):
    """Every script, quote marks and emoji read back as they were written."""
    written = Story(id="u", source="src", title="Café “Ñandú” — 東京 😀", url=None,
                    published=NOW.replace(microsecond=5), paragraphs=("İstanbul…", "\\ \" \t"),
                    author="Zoë")
    with Store.open(state_at) as store:
        store.stories.record([written], NOW)
        assert store.stories.stored(NOW) == [written]


def test_a_story_orjson_refuses_is_written_as_json_writes_it(state_at):
    """A lone surrogate, which orjson will not write: the text stored, or the error storing
    it meets, is json's, as it was before orjson wrote stories."""
    odd = Story(id="s", source="src", title="half \ud800 a pair", url=None, published=NOW,
                paragraphs=("p",))
    data = {**odd.__dict__, "published": NOW.isoformat()}
    assert story_to_json(odd) == json.dumps(data, ensure_ascii=False)
    assert story_from_json(story_to_json(story("plain"))) == story("plain")
    with Store.open(state_at) as store, pytest.raises(UnicodeEncodeError):
        store.stories.record([odd], NOW)


def test_stories_in_hand_are_not_read_back(state_at):
    """Stories just stored and still in hand come back as they are, in their stored
    place; the others are read from the state."""
    first, second = story("a", "https://s.example/a"), story("b")
    with Store.open(state_at) as store:
        store.stories.record([first, second], NOW)
        both = store.stories.stored(NOW, in_hand={"b": second})
        assert both == [first, second] and both[1] is second and both[0] is not first


def test_peek_creates_nothing(tmp_path):
    path = tmp_path / "sub" / "state.sqlite"
    with Store.peek(path) as store:
        assert store.editions.last() is None
        assert store.stories.sent_story_ids() == set()
        assert store.stories.first_seen(["a"]) == {}
        assert store.http_cache.validators("https://x.example/") == (None, None)
    assert not path.exists()
    assert not path.parent.exists()


def test_peek_cannot_write(state_at):
    path = state_at
    Store.open(path).close()
    with Store.peek(path) as store, pytest.raises(StateError, match=r"read-?only"):
        store.stories.record([story("a")], NOW)


def test_first_seen_is_kept(state_at):
    with Store.open(state_at) as store:
        assert store.stories.record([story("a")], NOW) == {"a"}
        assert store.stories.record([story("a"), story("b")], NOW.replace(hour=9)) == {"b"}
        seen = store.stories.first_seen(["a", "b", "c"])
    assert seen == {"a": NOW, "b": NOW.replace(hour=9)}


def test_http_validators_are_replaced(state_at):
    with Store.open(state_at) as store:
        store.http_cache.record([("https://f.example/", '"1"', "Fri"), ("https://g.example/",
                                                                         None, None)], NOW)
        store.http_cache.record([("https://f.example/", '"2"', None)], NOW.replace(hour=9))
        assert store.http_cache.validators("https://f.example/") == ('"2"', None)
        assert store.http_cache.validators("https://g.example/") == (None, None)
        assert store.http_cache.checked(["https://f.example/", "https://g.example/",
                                         "https://h.example/"]) == {
            "https://f.example/": NOW.replace(hour=9), "https://g.example/": NOW}


def test_http_validators_are_kept_without_the_password(state_at):
    secret = "https://ann:s3cret@f.example/feed"
    with Store.open(state_at) as store:
        store.http_cache.record([(secret, '"1"', None)], NOW)
        assert store.http_cache.validators(secret) == ('"1"', None)
        assert store.http_cache.checked([secret]) == {secret: NOW}
        # another account's copy of the feed is another entry
        assert store.http_cache.validators("https://bob:s3cret@f.example/feed") == (None, None)


def test_http_validators_kept_by_the_whole_url_are_read_then_rekeyed(tmp_path):
    """An earlier version kept the password in the key: its row still serves the next
    conditional GET, and recording again leaves only the key without the password."""
    path, secret = tmp_path / "state.sqlite", "https://ann:s3cret@f.example/feed"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO http_cache (url, etag, last_modified, checked_at)"
                   " VALUES (?, ?, ?, ?)", (secret, '"old"', None, NOW.isoformat()))
    db.close()
    with Store.open(path) as store:
        assert store.http_cache.validators(secret) == ('"old"', None)
        assert store.http_cache.checked([secret]) == {secret: NOW}
        store.http_cache.record([(secret, '"new"', None)], NOW.replace(hour=9))
        assert store.http_cache.validators(secret) == ('"new"', None)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT url, etag FROM http_cache").fetchall()
    db.close()
    assert rows == [("https://ann@f.example/feed", '"new"')]


def test_edition_keeps_its_story_order_once(state_at):
    with Store.open(state_at) as store:
        store.stories.record([story("a", "https://s.example/a?utm_source=x"),
                              story("b", "https://s.example/b")], NOW)
        edition = store.editions.create(day="2026-11-28", now=NOW, email=EMAIL,
                                        story_ids=["b", "c", "a", "b"], recipients=[])
        assert edition.story_ids == ("b", "c", "a")
        assert store.editions.last("2026-11-28") == edition
        assert store.stories.sent_urls("2026-11-29") == {"https://s.example/a",
                                                         "https://s.example/b"}
        assert store.stories.sent_urls("2026-11-28") == set()


def test_edition_ledger_round_trip(state_at):
    path = state_at
    with Store.open(path) as store:
        edition = store.editions.create(
            day="2026-11-28", now=NOW, email=EMAIL, story_ids=["a", "b"],
            recipients=[("A@example.com", "A"), ("b@example.com", None), ("a@example.com", None)],
        )
        assert edition.status is EditionStatus.SENDING and edition.email == EMAIL
        assert [d.address for d in store.ledger.deliveries(edition.id, DeliveryStatus.PENDING)
                ] == ["A@example.com", "b@example.com"]
        assert store.editions.unfinished().id == edition.id
        claimed = store.ledger.move(edition.id, [DeliveryStatus.PENDING], DeliveryStatus.SENDING,
                                    NOW, addresses=["a@example.com", "b@example.com"])
        assert claimed == 2 and store.ledger.undelivered(edition.id) == []
        # Claimed once only: a second claim (another sender's) moves nothing.
        assert store.ledger.move(edition.id, [DeliveryStatus.PENDING], DeliveryStatus.SENDING,
                                 NOW, addresses=["a@example.com", "b@example.com"]) == 0
        assert store.editions.finish(edition.id) is EditionStatus.SENDING
        store.ledger.record(edition.id, [
            DeliveryResult("a@example.com", DeliveryStatus.SENT, message_id="<1@x>"),
            DeliveryResult("b@example.com", DeliveryStatus.FAILED, error="550 no")], NOW)
        assert store.editions.finish(edition.id) is EditionStatus.PARTIAL
        assert store.editions.unfinished() is None
        assert store.stories.sent_story_ids() == {"a", "b"}
        assert store.stories.sent_story_ids(before_day="2026-11-28") == set()
        assert store.editions.last_before("2026-11-29").id == edition.id
        assert store.editions.recent(5)[0].status is EditionStatus.PARTIAL
    # a second connection sees exactly what was committed
    with Store.peek(path) as store:
        rows = {d.address: (d.status, d.message_id, d.error)
                for d in store.ledger.deliveries(edition.id)}
    assert rows == {"A@example.com": (DeliveryStatus.SENT, "<1@x>", None),
                    "b@example.com": (DeliveryStatus.FAILED, None, "550 no")}


def test_corrupt_state_is_a_clear_error(tmp_path):
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StateError, match="not a SQLite database"):
        Store.open(path)
    with pytest.raises(StateError, match="not a SQLite database"):
        Store.peek(path)


def test_wal_mode(tmp_path):
    path = tmp_path / "state.sqlite"
    Store.open(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sent_among_names_the_ids_that_were_in_an_edition(state_at):
    with Store.open(state_at) as store:
        store.editions.create(day="2026-11-27", now=NOW, email=EMAIL,
                              story_ids=["a", "b"], recipients=[("r@example.com", None)])
        ids = ["a", "c", *(f"x{i}" for i in range(1200))]
        assert store.stories.sent_among(ids) == {"a"}
        assert store.stories.sent_among([]) == set()
