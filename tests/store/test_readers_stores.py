"""The suppression list, the providers' events and the subscribers, on each engine."""

from datetime import UTC, datetime, timedelta

import pytest

from digest.core.errors import StateError
from digest.core.models import SuppressionReason
from digest.store import Store

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


def test_an_address_is_listed_once_with_its_first_reason(state_at):
    with Store.open(state_at) as store:
        assert store.suppressions.add("Ann@Example.com", SuppressionReason.UNSUBSCRIBED,
                                      "web", NOW)
        assert not store.suppressions.add("ann@example.com", SuppressionReason.BOUNCED,
                                          "mailgun", NOW + timedelta(hours=1))
        [entry] = store.suppressions.all()
    assert (entry.address, entry.reason, entry.origin, entry.created_at) == (
        "Ann@Example.com", SuppressionReason.UNSUBSCRIBED, "web", NOW)


def test_listed_compares_without_case_and_answers_as_given(state_at):
    with Store.open(state_at) as store:
        store.suppressions.add("ann@example.com", SuppressionReason.MANUAL, "cli", NOW)
        many = [f"r{i}@example.com" for i in range(1200)] + ["ANN@example.com"]
        assert store.suppressions.listed(many) == {"ANN@example.com"}
        assert store.suppressions.get("ANN@example.com").reason == SuppressionReason.MANUAL
        assert store.suppressions.remove("Ann@example.COM")
        assert store.suppressions.get("ann@example.com") is None
        assert not store.suppressions.remove("ann@example.com")
        assert store.suppressions.listed(many) == set()


def test_an_event_is_kept_once_per_provider_and_counted_in_its_window(state_at):
    with Store.open(state_at) as store:
        events = store.suppressions
        assert events.record_event("mailgun", "e1", "a@example.com", "soft_bounce", NOW)
        assert not events.record_event("mailgun", "e1", "a@example.com", "soft_bounce", NOW)
        assert events.record_event("postmark", "e1", "A@example.com", "soft_bounce",
                                   NOW + timedelta(days=1))
        assert events.count_events("a@example.com", "soft_bounce", NOW) == 2
        assert events.count_events("a@example.com", "soft_bounce", NOW + timedelta(hours=1)) == 1
        assert events.count_events("a@example.com", "complaint", NOW) == 0


def test_subscribers_round_trip(state_at):
    with Store.open(state_at) as store:
        assert store.subscribers.add("Bo@example.com", "Bo", NOW)
        assert not store.subscribers.add("bo@example.com", None, NOW)
        assert store.subscribers.add("cy@example.com", None, NOW + timedelta(minutes=1))
        assert [(s.address, s.name) for s in store.subscribers.all()] == [
            ("Bo@example.com", "Bo"), ("cy@example.com", None)]
        assert store.subscribers.remove("BO@example.com")
        assert [s.address for s in store.subscribers.all()] == ["cy@example.com"]


def test_peek_reads_the_list_and_cannot_change_it(tmp_path):
    path = tmp_path / "state.sqlite"
    with Store.open(path) as store:
        store.suppressions.add("a@example.com", SuppressionReason.COMPLAINED, "sendgrid", NOW)
    with Store.peek(path) as store:
        assert store.suppressions.listed(["a@example.com"]) == {"a@example.com"}
        with pytest.raises(StateError, match="readonly"):
            store.suppressions.add("b@example.com", SuppressionReason.MANUAL, "cli", NOW)
