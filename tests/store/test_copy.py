"""`digest state copy`: a SQLite installation moved to PostgreSQL whole, and back."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

from click.testing import CliRunner

from digest.app.cli import main
from digest.core.models import DeliveryStatus, Email
from digest.store import Store, describe

from .. import logs
from .test_migrations import RELEASE_0_1, assert_release_0_1_content

NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)


def copy(source: str, target: str):
    return CliRunner().invoke(main, ["state", "copy", "--from", source, "--to", target])


def test_a_sqlite_installation_moves_to_postgresql_and_goes_on(tmp_path, pg_url):
    """The release 0.1 file (read through its migrated copy, left as it was) lands whole in
    PostgreSQL: stories in order, editions, ledger, HTTP cache; new rows get new ids."""
    path = tmp_path / "state.sqlite"
    shutil.copy(RELEASE_0_1, path)
    before = path.read_bytes()
    result = copy(f"sqlite:{path}", pg_url)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"copied {path} to {describe(pg_url)}: alerts 0, deliveries 6, edition_stories 5, "
        "editions 2, http_cache 2, leases 0, mail_events 0, rate_limits 0, source_health 0, "
        "stories 4, subscribers 0, suppressions 0, webhook_tokens 0\n")
    assert path.read_bytes() == before
    with Store.open(pg_url) as store:
        assert_release_0_1_content(store)
        newest = store.editions.recent(1)[0]
        third = store.editions.create(day="2026-11-29", now=NOW, email=Email("S", "h", "t", "p"),
                                      story_ids=["feed:a"], recipients=[("x@example.com", None)])
        assert third.id == newest.id + 1
        assert [d.status for d in store.ledger.deliveries(third.id)] == [DeliveryStatus.PENDING]


def test_and_back_to_sqlite(tmp_path, pg_url):
    path = tmp_path / "state.sqlite"
    shutil.copy(RELEASE_0_1, path)
    assert copy(f"sqlite:{path}", pg_url).exit_code == 0
    back = tmp_path / "back.sqlite"
    result = copy(pg_url, f"sqlite:{back}")
    assert result.exit_code == 0, result.output
    with Store.open(back) as store:
        assert_release_0_1_content(store)


def test_a_target_that_holds_a_state_is_refused_untouched(tmp_path, pg_url):
    path = tmp_path / "state.sqlite"
    shutil.copy(RELEASE_0_1, path)
    assert copy(f"sqlite:{path}", pg_url).exit_code == 0
    again = copy(f"sqlite:{path}", pg_url)
    assert again.exit_code == 3
    assert logs.short(again.output) == (
        f"digest: error: {describe(pg_url)}: already holds a state (deliveries 6, "
        "edition_stories 5, editions 2, http_cache 2, stories 4); copy into an empty database, "
        "or move this one away first\n")
    with Store.peek(pg_url) as store:
        assert len(store.editions.recent(5)) == 2


def test_missing_source_and_unknown_kinds_are_one_line(tmp_path, pg_url):
    missing = copy(f"sqlite:{tmp_path / 'none.sqlite'}", pg_url)
    assert missing.exit_code == 3
    assert logs.short(missing.output) == (
        f"digest: error: {tmp_path / 'none.sqlite'}: no state file "
        "there; give the path of state.path\n")
    unknown = copy("mysql://u:pw@h/db", pg_url)
    assert unknown.exit_code == 2
    assert "'h/db': write a state as sqlite:PATH or postgresql://" in unknown.output
    assert "pw" not in unknown.output
