"""The health store: failures in a row per source, the last streak that ended, and the alert
log that makes each alert fire once, kept across openings of the state, on each engine."""

import shutil
from datetime import UTC, datetime, timedelta

from digest.store import SourceHealth, Store

from .test_migrations import RELEASE_0_1

DAY = timedelta(days=1)
MONDAY = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)


def test_failures_count_up_and_a_success_ends_the_streak(state_at):
    path = state_at
    with Store.open(path) as store:
        assert store.health.record([("a", None), ("b", "HTTP 404")], MONDAY) == [
            SourceHealth("a", 0, None, None, MONDAY),
            SourceHealth("b", 1, MONDAY, "HTTP 404", None),
        ]
    with Store.open(path) as store:  # kept in the file
        store.health.record([("b", "HTTP 500")], MONDAY + DAY)
        assert store.health.sources()[1] == SourceHealth(
            "b", 2, MONDAY, "HTTP 500", None)
        [after] = store.health.record([("b", None)], MONDAY + 2 * DAY)
    assert after == SourceHealth("b", 0, None, "HTTP 500", MONDAY + 2 * DAY,
                                 ended_since=MONDAY, ended_failures=2)


def test_a_new_streak_starts_at_its_own_first_failure(state_at):
    with Store.open(state_at) as store:
        store.health.record([("a", "down")], MONDAY)
        store.health.record([("a", None)], MONDAY + DAY)
        [health] = store.health.record([("a", "down again")], MONDAY + 2 * DAY)
    assert (health.failures, health.failing_since, health.last_success) == (
        1, MONDAY + 2 * DAY, MONDAY + DAY)
    assert (health.ended_since, health.ended_failures) == (MONDAY, 1)


def test_each_alert_channel_is_recorded_once(state_at):
    with Store.open(state_at) as store:
        assert store.health.alerted("missed:2026-12-07") == set()
        store.health.record_alert("missed:2026-12-07", "webhook", MONDAY)
        store.health.record_alert("missed:2026-12-07", "webhook", MONDAY + DAY)
        store.health.record_alert("missed:2026-12-07", "log", MONDAY)
        assert store.health.alerted("missed:2026-12-07") == {"webhook", "log"}
        assert store.health.alerted("missed:2026-12-08") == set()


def test_a_release_0_1_file_gains_the_health_tables(tmp_path):
    path = tmp_path / "state.sqlite"
    shutil.copy(RELEASE_0_1, path)
    with Store.open(path) as store:
        assert store.health.sources() == []
        store.health.record([("feed", "HTTP 503")], MONDAY)
        assert store.health.sources()[0].failures == 1
    with Store.peek(path) as store:
        assert store.health.alerted("x") == set()
