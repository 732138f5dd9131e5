"""The PostgreSQL state against a real server: its schema and migrations, and each kind of
answer the module docstring of digest/store/postgres_db.py names, driven for real."""

from __future__ import annotations

import threading

import psycopg
import pytest
from click.testing import CliRunner

from digest.app.cli import main
from digest.core.errors import StateError
from digest.store import Store, postgres_db
from digest.store.migrations import LATEST, MIGRATIONS

from .. import logs
from ..pgcluster import PASSWORD, free_port


def versions(url: str) -> list[int]:
    with psycopg.connect(url) as db:
        return [row[0] for row in db.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_a_new_database_is_migrated_once_in_one_step(pg_url):
    assert Store.migrate(pg_url) == (0, LATEST)
    assert Store.migrate(pg_url) == (LATEST, LATEST)
    assert versions(pg_url) == list(range(1, LATEST + 1))
    with psycopg.connect(pg_url) as db:
        names = {row[0] for row in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    assert names == {"schema_version", "stories", "http_cache", "editions", "edition_stories",
                     "deliveries", "source_health", "alerts", "suppressions", "mail_events",
                     "subscribers", "leases", "rate_limits", "webhook_tokens"}


def test_hosts_starting_together_migrate_once(pg_url):
    """The advisory lock queues them: one migrates, the others find it done."""
    results: list[tuple[int, int]] = []
    threads = [threading.Thread(target=lambda: results.append(Store.migrate(pg_url)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [(0, LATEST)] + [(LATEST, LATEST)] * 3
    assert versions(pg_url) == list(range(1, LATEST + 1))


def test_a_failed_step_leaves_the_database_as_it_was(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CREATE TABLE edition_stories_ordered (x TEXT)")  # in 0002's way
    with pytest.raises(StateError, match=r"cannot migrate the state: .*already exists"):
        Store.open(pg_url)
    with psycopg.connect(pg_url) as db:
        assert db.execute("SELECT to_regclass('editions'), to_regclass('schema_version')"
                          ).fetchone() == (None, None)


def test_a_newer_database_is_refused(pg_url):
    Store.migrate(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("INSERT INTO schema_version VALUES (999, 'future', 'now')")
    expected = (f"{postgres_db.where(pg_url)}: the state was written by a newer digest "
                f"(schema 999; this one knows up to {LATEST}); upgrade digest")
    for opening in (Store.open, Store.peek, Store.migrate):
        with pytest.raises(StateError) as caught:
            opening(pg_url)
        assert str(caught.value) == expected


def test_peek_refuses_an_unmigrated_database_and_writes_nothing(pg_url):
    with pytest.raises(StateError, match=r"schema is 0, older .* run `digest migrate` first"):
        Store.peek(pg_url)
    with psycopg.connect(pg_url) as db:
        assert db.execute("SELECT to_regclass('schema_version')").fetchone() == (None,)


def test_a_foreign_database_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CREATE TABLE stories (x TEXT)")
    with pytest.raises(StateError, match=r"not a digest state; point state\.url"):
        Store.open(pg_url)


def test_unreachable_server_is_one_line_without_the_password():
    port = free_port()
    with pytest.raises(StateError) as caught:
        Store.open(f"postgresql://digest:{PASSWORD}@127.0.0.1:{port}/digest")
    message = str(caught.value)
    assert message.startswith(f"postgresql://digest@127.0.0.1:{port}/digest: "
                              "cannot connect to the state database: ")
    assert "check that PostgreSQL runs there" in message and "\n" not in message
    assert PASSWORD not in message


def test_wrong_password_is_failed_for_good(pg_cluster, pg_url):
    url = pg_url.replace(PASSWORD, "wrong-pw")
    with pytest.raises(StateError, match=r"password authentication failed.*check the user and"
                                         r" password in state\.url") as caught:
        Store.open(url)
    assert "wrong-pw" not in str(caught.value)


def test_missing_database_says_to_create_it(pg_cluster):
    with pytest.raises(StateError, match="does not exist; create the database"):
        Store.open(pg_cluster.url("no_such_db"))


def test_serialization_failure_says_run_again(pg_url):
    """Two serializable transactions writing over each other's reads: PostgreSQL fails
    one of them (SQLSTATE 40001); that is a retry-later error."""
    Store.migrate(pg_url)
    first, second = psycopg.connect(pg_url), psycopg.connect(pg_url)
    try:
        for db in (first, second):
            db.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
            db.execute("SELECT COUNT(*) FROM http_cache").fetchone()
        first.execute("INSERT INTO http_cache VALUES ('a', NULL, NULL, 'now')")
        second.execute("INSERT INTO http_cache VALUES ('b', NULL, NULL, 'now')")
        first.commit()
        with pytest.raises(psycopg.errors.SerializationFailure) as caught:
            second.commit()
    finally:
        first.close()
        second.close()
    error = postgres_db.state_error(pg_url, "cannot write the state", caught.value)
    assert str(error).endswith("another digest wrote the same rows at the same time; run again")


def test_connection_lost_before_commit_is_unknown(pg_cluster, pg_url):
    """The server ends the session while the transaction waits for its COMMIT: whether the
    write is stored cannot be known from here, and the error says so."""
    Store.migrate(pg_url)
    database = postgres_db.Database(pg_url)
    try:
        with pytest.raises(StateError, match=r"lost while committing .* whether the write was "
                                             r"stored is unknown"), database.transaction() as db:
            db.execute("INSERT INTO http_cache VALUES ('a', NULL, NULL, 'now')")
            pid = db.execute("SELECT pg_backend_pid()").fetchone()[0]
            with pg_cluster.admin() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        # the pool replaces the broken connection: the next query works
        assert database.rows("SELECT COUNT(*) FROM http_cache") == [(0,)]
    finally:
        database.close()


def test_migrate_command_with_the_password_from_the_environment(pg_url, write_config,
                                                                monkeypatch):
    monkeypatch.setenv("DIGEST_PG_PASSWORD", PASSWORD)
    config = write_config(f"""\
        newsletter: {{title: T, from: news@example.com}}
        state:
          url: {pg_url.replace(PASSWORD, "${DIGEST_PG_PASSWORD}")}
        """)
    runner = CliRunner()
    first = runner.invoke(main, ["--config", str(config), "migrate"])
    assert first.exit_code == 0, first.output
    assert first.output == f"{postgres_db.where(pg_url)}: migrated from schema 0 to {LATEST}\n"
    again = runner.invoke(main, ["--config", str(config), "migrate"])
    assert again.output.endswith(f": schema {LATEST}, already the latest\n")
    monkeypatch.setenv("DIGEST_PG_PASSWORD", "wrong-pw")
    refused = runner.invoke(main, ["--config", str(config), "status"])
    assert refused.exit_code == 3
    assert logs.short(refused.output).startswith("digest: error: postgresql://digest@127.0.0.1:")
    assert len(refused.output.splitlines()) == 1 and "wrong-pw" not in refused.output


@pytest.mark.parametrize(("state", "problem"), [
    ("  path: state.sqlite\n  url: postgresql://digest@127.0.0.1/digest",
     "state: give state.path (SQLite) or state.url (PostgreSQL), not both"),
    ("  url: mysql://digest:pw@127.0.0.1/digest",
     "state.url: write it like postgresql://user:${PGPASSWORD}@host:5432/digest"),
])
def test_state_path_and_url_are_one_or_the_other(write_config, state, problem):
    config = write_config(f"newsletter: {{title: T, from: news@example.com}}\nstate:\n{state}\n")
    result = CliRunner().invoke(main, ["--config", str(config), "migrate"])
    assert result.exit_code == 2
    assert problem in result.output and "pw@" not in result.output


def test_every_migration_has_a_postgresql_script():
    assert len(MIGRATIONS) == LATEST
    assert all(m.for_engine("postgresql") for m in MIGRATIONS)
