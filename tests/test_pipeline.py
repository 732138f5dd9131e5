from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from digest.app import building, delivering, pipeline
from digest.app.status import status as recent_editions
from digest.config import load_settings
from digest.core.models import DeliveryResult, DeliveryStatus, Email, SendStatus, SourceStatus
from digest.store import Store

from .projects import stop_once_built


def eml_subjects(project):
    return sorted(
        message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"]
        for p in (project / "outbox").glob("*.eml")
    )


def test_interrupted_edition_is_resumed_with_its_own_content(project, settings, clock):
    stored = Email(subject="Stored edition", html="<p>stored</p>", text="stored", preheader="")
    with Store.open(settings.path(settings.state.path)) as state:
        edition = state.editions.create(
            day="2026-11-28", now=clock(), email=stored, story_ids=["s1"],
            recipients=[("reader@example.com", None), ("editor@example.com", "The Editor")],
        )
        state.ledger.record(edition.id, [
            DeliveryResult("reader@example.com", DeliveryStatus.SENT, "<m@x>")], clock())
    report = pipeline.send(settings, clock=clock)
    assert report.status == "sent" and report.edition == edition.id
    assert [r.recipient for r in report.results] == ["editor@example.com"]
    assert eml_subjects(project) == ["Stored edition"]
    with Store.peek(settings.path(settings.state.path)) as state:
        assert state.editions.unfinished() is None
        assert {d.status for d in state.ledger.deliveries(edition.id)} == {"sent"}


def test_failing_source_is_reported_and_the_rest_go_on(project, clock):
    config = project / "config.yaml"
    config.write_text(config.read_text().replace(
        "sources:\n", "sources:\n  - name: Gone\n    type: files\n    path: no-such-folder\n"))
    settings = load_settings(config)
    report = pipeline.send(settings, clock=clock)
    assert report.status == "sent" and report.stories == 3
    assert report.exit_code == 0  # every recipient got it; the failure is reported
    gone = next(s for s in report.sources if s.name == "Gone")
    assert gone.status is SourceStatus.ERROR and "does not exist" in gone.error


def test_a_source_named_by_its_url_is_headed_by_its_site(project, settings, clock):
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("name: Samples",
                                                 "name: https://www.example.org/news/feed.xml"))
    digest, _, _ = pipeline.preview(load_settings(config), clock())
    assert [section.title for section in digest.sections] == ["example.org"]
    assert building.heading("World news") == "World news"


def test_next_day_sends_only_new_stories(project, settings, clock):
    assert pipeline.send(settings, clock=clock).stories == 3
    clock.moment += timedelta(days=1)
    report = pipeline.send(settings, clock=clock)
    assert report.status == "nothing_new" and report.results == []
    (project / "samples" / "fresh.md").write_text(
        "# A fresh story\n\nSomething new happened in the town on Saturday morning, "
        "officials said.\n", encoding="utf-8")
    report = pipeline.send(settings, clock=clock)
    assert report.status == "sent" and report.stories == 1


def test_edition_day_uses_newsletter_time_zone(settings, clock):
    # 23:30 UTC on the 28th is already the 29th in Berlin
    clock.moment = clock.moment.replace(hour=23, minute=30)
    assert pipeline.edition_day(settings, clock()) == "2026-11-29"


@pytest.mark.parametrize("duration, text", [
    (timedelta(hours=24), "24h"), (timedelta(days=3), "3d"), (timedelta(minutes=90), "90m"),
    (timedelta(seconds=45), "45s"), (timedelta(hours=36), "36h"),
])
def test_durations_read_as_config_yaml_writes_them(duration, text):
    assert delivering.duration_text(duration) == text


@pytest.mark.parametrize("statuses, problems, code", [
    (["sent", "sent"], [], 0),
    (["sent", "deferred"], [], 1),
    (["sent", "unknown"], [], 1),
    (["failed", "deferred"], [], 3),
    ([], ["smtp: cannot connect"], 1),
])
def test_exit_codes_by_what_came_of_the_recipients(statuses, problems, code):
    report = pipeline.SendReport(SendStatus.SENT, "2026-11-28", problems=list(problems),
                                 results=[DeliveryResult(f"r{i}@example.com", DeliveryStatus(s))
                                          for i, s in enumerate(statuses)])
    assert report.exit_code == code


def test_an_edition_cut_short_shows_as_interrupted_unless_a_send_is_running(settings, clock):
    report = pipeline.send(settings, clock=clock, should_stop=stop_once_built())
    assert report.status == SendStatus.INTERRUPTED
    (edition,) = recent_editions(settings)
    assert edition["status"] == SendStatus.INTERRUPTED
    assert edition["counts"][DeliveryStatus.PENDING] == 2
    with pipeline.send_lock(settings):  # a send at work on it now
        assert recent_editions(settings)[0]["status"] == "sending"
    assert recent_editions(settings)[0]["status"] == "interrupted"


def test_a_send_told_to_stop_before_it_begins_makes_no_edition(settings, clock):
    report = pipeline.send(settings, clock=clock, should_stop=lambda: True)
    assert report.status == SendStatus.INTERRUPTED and report.edition is None
    assert recent_editions(settings) == []


def test_a_stored_story_counts_from_its_date_or_else_from_when_it_was_first_seen(
        settings, clock):
    """The next edition's candidates, newest first: an undated story counts from when it
    was first seen, a dated one from its date, however recently it was first seen."""
    from digest.core.models import Reason, Story

    def story(story_id, published=None):
        return Story(id=story_id, source="Wire", title=f"Title {story_id}", url=None,
                     published=published, paragraphs=(f"Text of {story_id} alone.",))

    now = clock()
    with Store.open(settings.state_location()) as state:
        state.stories.record([story("seen-3h-ago")], now - timedelta(hours=3))
        state.stories.record([story("dated-2h-ago", published=now - timedelta(hours=2)),
                              story("dated-old", published=now - timedelta(hours=50)),
                              story("seen-1h-ago")], now - timedelta(hours=1))
    selection = pipeline.upcoming(settings, clock)
    assert [(d.story.id, d.reason) for d in selection.decisions if d.story.source == "Wire"] == [
        ("seen-1h-ago", Reason.KEPT), ("dated-2h-ago", Reason.KEPT),
        ("seen-3h-ago", Reason.KEPT), ("dated-old", Reason.OLDER)]
    [old] = [d for d in selection.decisions if d.story.id == "dated-old"]
    assert old.why == "published 2026-11-26 04:00 UTC, before 2026-11-27 06:00 UTC"
