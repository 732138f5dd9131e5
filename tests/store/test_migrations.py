import shutil
import sqlite3
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.app import pipeline
from digest.app.cli import main
from digest.app.status import status as recent_editions
from digest.core.errors import StateError
from digest.core.models import DeliveryStatus, EditionStatus
from digest.store import Store
from digest.store.migrations import LATEST, MIGRATIONS, load, statements

from .. import logs
from ..conftest import FIXTURES

RELEASE_0_1 = FIXTURES / "state" / "release-0.1.sqlite"
NEWER = (f": the state was written by a newer digest (schema 999; this one knows up to "
         f"{LATEST}); upgrade digest")


@pytest.fixture
def old_state(tmp_path: Path) -> Path:
    path = tmp_path / "state.sqlite"
    shutil.copy(RELEASE_0_1, path)
    return path


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def schema(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY name").fetchall()


def columns(path: Path, table: str) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def assert_release_0_1_content(store: Store) -> None:
    """What make_release_0_1.py wrote, read back through the current stores."""
    day1 = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
    stories = store.stories.stored(day1.replace(hour=0))
    assert [s.id for s in stories] == ["feed:a", "feed:b", "feed:c", "page:d"]
    assert stories[0].image_size == (800, 450) and stories[0].author == "Ann Lee"
    assert stories[2].title == "Ünïcödé release notes"
    assert store.stories.first_seen(["page:d"]) == {"page:d": datetime(2026, 11, 28, 5, 30,
                                                                       tzinfo=UTC)}
    assert store.stories.sent_urls("2026-11-28") == {"https://news.example/world/talks",
                                                     "https://news.example/harbour"}
    assert store.http_cache.validators("https://news.example/feed") == (
        '"abc"', "Thu, 26 Nov 2026 05:00:00 GMT")
    assert store.http_cache.validators("https://tech.example/rss") == ('W/"t2"', None)
    second, first = store.editions.recent(5)
    assert (first.day, first.status, first.story_ids) == (
        "2026-11-27", EditionStatus.PARTIAL, ("feed:b", "feed:a", "feed:c"))
    assert (second.day, second.status, second.story_ids) == (
        "2026-11-28", EditionStatus.SENDING, ("page:d", "feed:a"))
    assert first.email.subject == "Digest, 27 November" and first.created_at == day1
    assert store.editions.unfinished() == second
    assert [(d.address, d.name, d.status, d.message_id, d.error)
            for d in store.ledger.deliveries(first.id)] == [
        ("Ann@Example.com", "Ann", DeliveryStatus.SENT, "<1.ann@digest>", None),
        ("bob@example.com", None, DeliveryStatus.FAILED, None, "550 mailbox unavailable"),
        ("cy@example.org", "Cy", DeliveryStatus.SENT, "<1.cy@digest>", None),
    ]
    assert [(d.address, d.status) for d in store.ledger.deliveries(second.id)][1:] == [
        ("bob@example.com", DeliveryStatus.SENDING), ("cy@example.org", DeliveryStatus.PENDING)]
    assert [d.address for d in store.ledger.undelivered(second.id)] == ["cy@example.org"]


def test_release_0_1_file_is_migrated_in_place(old_state, tmp_path):
    assert user_version(old_state) == 0
    with Store.open(old_state) as store:
        assert_release_0_1_content(store)
    assert user_version(old_state) == LATEST
    assert "story_ids" not in columns(old_state, "editions")
    assert "position" in columns(old_state, "edition_stories")
    # the migrated file has the very schema a new file starts with
    Store.open(tmp_path / "new.sqlite").close()
    assert schema(old_state) == schema(tmp_path / "new.sqlite")
    assert user_version(tmp_path / "new.sqlite") == LATEST


def test_opening_twice_changes_nothing_more(old_state):
    Store.open(old_state).close()
    before = schema(old_state)
    with Store.open(old_state) as store:
        assert_release_0_1_content(store)
    assert schema(old_state) == before and user_version(old_state) == LATEST


def test_peek_reads_an_old_file_without_writing_it(old_state):
    before = old_state.read_bytes()
    with Store.peek(old_state) as store:
        assert_release_0_1_content(store)
    assert old_state.read_bytes() == before
    assert sorted(p.name for p in old_state.parent.iterdir()) == ["state.sqlite"]


@pytest.mark.parametrize("opener", [Store.open, Store.peek])
def test_newer_file_refuses_to_open_and_is_left_alone(tmp_path, opener):
    path = tmp_path / "state.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE future (x)")
        db.execute("PRAGMA user_version = 999")
    before = path.read_bytes()
    with pytest.raises(StateError) as raised:
        opener(path)
    assert str(raised.value) == f"{path}{NEWER}"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.sqlite"]


def test_failed_migration_leaves_the_file_as_it_was(old_state):
    with sqlite3.connect(old_state) as db:
        db.execute("UPDATE editions SET story_ids = 'not json' WHERE id = 1")
    with pytest.raises(StateError, match=r"cannot open the state database.*JSON"):
        Store.open(old_state)
    assert user_version(old_state) == 0
    assert "story_ids" in columns(old_state, "editions")
    assert "position" not in columns(old_state, "edition_stories")


def test_interrupted_send_of_release_0_1_resumes_after_the_upgrade(project, settings, clock):
    state = settings.path(settings.state.path)
    state.parent.mkdir(parents=True)
    shutil.copy(RELEASE_0_1, state)
    assert [e["status"] for e in recent_editions(settings)] == ["interrupted", "partial"]
    report = pipeline.send(settings, clock=clock)
    # bob was in flight when that run stopped: in doubt, so not sent again unless asked
    assert (report.status, report.edition, report.day) == ("unknown", 2, "2026-11-28")
    assert [r.recipient for r in report.results] == ["cy@example.org"]
    assert [e["status"] for e in recent_editions(settings)] == ["unknown", "partial"]
    report = pipeline.send(settings, clock=clock, resend_unknown=True)
    assert (report.status, report.edition) == ("sent", 2)
    assert [r.recipient for r in report.results] == ["bob@example.com"]
    subjects = {message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"]
                for p in (project / "outbox").glob("*.eml")}
    assert subjects == {"Digest, 28 November"}
    assert [e["status"] for e in recent_editions(settings)] == ["sent", "partial"]


def test_migrations_are_numbered_from_one():
    assert [m.number for m in MIGRATIONS] == list(range(1, LATEST + 1))
    assert MIGRATIONS[1].name == "edition_story_order"


def test_statements_are_split_for_one_transaction():
    script = ("-- a; comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n"
              "INSERT INTO a\n VALUES (1);\n-- end\n")
    assert statements(script) == ("-- a; comment\nCREATE TABLE a (x TEXT DEFAULT ';');",
                                  "INSERT INTO a\n VALUES (1);")
    with pytest.raises(ValueError, match="unterminated"):
        statements("CREATE TABLE b (x)\n")


def migrations_in(folder: Path, scripts: dict[str, str]):
    folder.mkdir()
    for name, script in scripts.items():
        (folder / name).write_text(script)
    return load(folder)


def test_an_engine_runs_its_own_file_where_there_is_one(tmp_path):
    found = migrations_in(tmp_path / "m", {
        "0001_a.sql": "CREATE TABLE a (x TEXT);",
        "0002_b.sql": "CREATE TABLE b (id INTEGER PRIMARY KEY);",
        "0002_b.postgresql.sql": "CREATE TABLE b (id BIGINT GENERATED BY DEFAULT AS IDENTITY);",
        "notes.txt": "not a migration",
    })
    assert [(m.number, m.name) for m in found] == [(1, "a"), (2, "b")]
    assert found[0].for_engine("postgresql") == found[0].for_engine("sqlite") == (
        "CREATE TABLE a (x TEXT);",)
    assert found[1].for_engine("sqlite") == ("CREATE TABLE b (id INTEGER PRIMARY KEY);",)
    assert found[1].for_engine("postgresql") == (
        "CREATE TABLE b (id BIGINT GENERATED BY DEFAULT AS IDENTITY);",)


@pytest.mark.parametrize(("scripts", "problem"), [
    ({"0001_a.sql": "", "0003_c.sql": ""}, r"not numbered 1\.\.n: \[1, 3\]"),
    ({"0001_a.postgresql.sql": ""}, "migration 1 has no script for sqlite"),
    ({"0001_a.sql": "", "0001_b.postgresql.sql": ""}, "migration 1 has two names: a, b"),
])
def test_migrations_that_do_not_add_up_are_refused(tmp_path, scripts, problem):
    with pytest.raises(RuntimeError, match=problem):
        migrations_in(tmp_path / "m", scripts)


def test_migrate_command_on_a_sqlite_file(old_state, write_config):
    config = write_config(f"newsletter: {{title: T, from: n@example.com}}\n"
                          f"state: {{path: {old_state}}}\n")
    runner = CliRunner()
    first = runner.invoke(main, ["--config", str(config), "migrate"])
    assert first.output == f"{old_state}: migrated from schema 1 to {LATEST}\n"
    assert user_version(old_state) == LATEST
    again = runner.invoke(main, ["--config", str(config), "migrate"])
    assert again.output == f"{old_state}: schema {LATEST}, already the latest\n"
    with sqlite3.connect(old_state) as db:
        db.execute("PRAGMA user_version = 999")
    newer = runner.invoke(main, ["--config", str(config), "migrate"])
    assert (newer.exit_code, logs.short(newer.output)) == (
        3, f"digest: error: {old_state}{NEWER}\n")


@pytest.mark.parametrize(("query", "index"), [
    ("SELECT data FROM stories WHERE first_seen >= 'x' ORDER BY first_seen, rowid",
     "stories_seen"),
    ("SELECT DISTINCT story_id FROM edition_stories WHERE story_id IN ('x', 'y')",
     "edition_stories_story"),
])
def test_selection_and_sent_lookups_use_an_index_not_a_scan(tmp_path, query, index):
    """What every collect and send asks stays quick as the state grows."""
    path = tmp_path / "state.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        plan = " ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + query))
    assert f"INDEX {index}" in plan, plan
