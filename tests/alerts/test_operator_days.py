"""What an operator sees: `digest run` through whole days, with the log lines and the alerts
it gives, on a normal day, with one source dead for four days, and with the mail server down.

Real servers throughout: feeds over HTTP, aiosmtpd for the digest and the alert emails,
pytest-httpserver for the webhook and the heartbeat. Only the clock is moved by hand.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from digest.app.scheduler import Runner

from .conftest import (
    MONDAY,
    READERS,
    Newsroom,
    Transcript,
    alert_emails,
    digests,
    pings,
    webhook_texts,
    write_newsroom,
)


class Operator:
    """`digest run` with its jobs (the send at 07:00, the missed-digest check at 08:00) on a
    clock the test moves, and the log read hour by hour."""

    def __init__(self, runner: Runner, newsroom: Newsroom, transcript: Transcript) -> None:
        self.newsroom = newsroom
        self.transcript = transcript
        newsroom.clock[0] = MONDAY - timedelta(minutes=1)
        self.jobs = runner.jobs()
        self.jobs.run_pending()  # the catch-up on start: nothing is due yet
        transcript.take()

    def at(self, moment: datetime) -> list[str]:
        """Run the jobs due by `moment`; the log lines they wrote."""
        self.newsroom.clock[0] = moment
        self.jobs.run_pending()
        return self.transcript.take()

    def day(self, number: int) -> dict[str, list[str]]:
        """Day `number` (0: Monday): what the log says at 07:00 and at 08:00."""
        seven = MONDAY + timedelta(days=number)
        return {"07:00": self.at(seven), "08:00": self.at(seven + timedelta(hours=1))}


@pytest.fixture
def operator(tmp_path, newsroom, smtp, hooks, transcript):
    def start(alerts: str = "") -> Operator:
        settings = write_newsroom(tmp_path, newsroom, smtp.port, hooks, alerts)
        return Operator(Runner(settings, clock=newsroom.now), newsroom, transcript)

    return start


def sent_lines(day: str, stories: str, failed_sources: str = "", next_day: str = "",
               sent_before: int = 0) -> list[str]:
    """What a send logs: the edition's summary line (yesterday's stories, still in the
    feeds, left out as already sent), then the run's line."""
    left_out = f"; left out: {sent_before} already sent" if sent_before else ""
    return [f"info: {stories} in the edition{left_out}",
            f"info: edition {day}: sent; {stories}, 2 sent, 0 failed; 2 sources collected"
            f"{failed_sources}; next send {next_day} 07:00 UTC"]


def test_a_normal_day(operator, smtp, hooks):
    monday = operator().day(0)
    assert monday == {
        "07:00": [*sent_lines("2026-12-07", "2 stories", next_day="2026-12-08"),
                  "info: heartbeat sent (localhost)"],
        "08:00": [],
    }
    assert digests(smtp) == list(READERS)
    assert pings(hooks) == ["/"]
    assert webhook_texts(hooks) == [] and alert_emails(smtp) == []


DEAD_SOURCE_ALERT = (
    "Source Harbour News has failed 3 runs in a row since 2026-12-07 07:00 UTC (last worked: "
    "never): HTTP 404. Its stories are missing from the digest until it works again; "
    "`digest check --connect` tries it.")
RECOVERED_NOTE = ("Source Harbour News works again (2026-12-11 07:00 UTC) after 4 failed runs "
                  "in a row since 2026-12-07 07:00 UTC.")


def test_a_source_dead_for_four_days_alerts_once_and_says_when_it_is_back(
        operator, newsroom, smtp, hooks):
    days = operator()
    newsroom.dead.add("/harbour")
    dead = "warning: source Harbour News: HTTP 404"
    one_failed = " (1 failed)"
    assert days.day(0)["07:00"] == [
        dead, *sent_lines("2026-12-07", "1 story", one_failed, "2026-12-08"),
        "info: heartbeat sent (localhost)"]
    assert days.day(1)["07:00"] == [
        dead, *sent_lines("2026-12-08", "1 story", one_failed, "2026-12-09", 1),
        "info: heartbeat sent (localhost)"]
    # Day 3: the third failed run in a row, and the one alert, by email and webhook.
    assert days.day(2)["07:00"] == [
        dead,
        f"warning: alert: {DEAD_SOURCE_ALERT}",
        "info: alert sent to ops@example.com: source Harbour News has failed 3 runs in a row",
        "info: alert sent to the webhook (localhost): source Harbour News has failed 3 runs in "
        "a row",
        *sent_lines("2026-12-09", "1 story", one_failed, "2026-12-10", 1),
        "info: heartbeat sent (localhost)"]
    # Day 4: still dead; no second alert.
    assert days.day(3)["07:00"] == [
        dead, *sent_lines("2026-12-10", "1 story", one_failed, "2026-12-11", 1),
        "info: heartbeat sent (localhost)"]
    newsroom.dead.clear()
    friday = days.day(4)
    assert friday["07:00"] == [
        f"info: alert: {RECOVERED_NOTE}",
        "info: alert sent to ops@example.com: source Harbour News works again",
        "info: alert sent to the webhook (localhost): source Harbour News works again",
        *sent_lines("2026-12-11", "2 stories", next_day="2026-12-12", sent_before=1),
        "info: heartbeat sent (localhost)"]
    assert days.day(5)["07:00"] == [*sent_lines("2026-12-12", "2 stories", next_day="2026-12-13",
                                               sent_before=2),
                                    "info: heartbeat sent (localhost)"]
    assert webhook_texts(hooks) == [DEAD_SOURCE_ALERT, RECOVERED_NOTE]
    assert alert_emails(smtp) == [
        f"[Harbour Town Daily] source Harbour News has failed 3 runs in a row | "
        f"{DEAD_SOURCE_ALERT}",
        f"[Harbour Town Daily] source Harbour News works again | {RECOVERED_NOTE}"]
    assert len(digests(smtp)) == 6 * len(READERS)  # the digest went out every day
    assert pings(hooks) == ["/"] * 6


def test_a_day_the_smtp_server_is_down(operator, smtp, hooks):
    days = operator()
    days.day(0)  # a normal Monday
    server = smtp
    smtp.down()
    where = f"smtp 127.0.0.1:{server.port}"
    refused = f"{where}: cannot connect: [Errno 111] Connection refused"
    tuesday = days.day(1)
    assert tuesday["07:00"] == [
        "info: 2 stories in the edition; left out: 2 already sent",
        f"warning: {refused}",
        f"error: {refused} (1 attempt)",
        "info: edition 2026-12-08: deferred; 2 stories, 0 sent, 0 failed; 2 sources "
        "collected; next send 2026-12-09 07:00 UTC",
        "info: heartbeat sent (localhost /fail)"]
    missed = ("The digest due at 2026-12-08 07:00 UTC had reached nobody by 2026-12-08 08:00 "
              f"UTC (alerts.grace): edition 2: 2 deferred; {refused} (1 attempt).")
    assert tuesday["08:00"] == [
        f"warning: alert: {missed}",
        f"warning: {refused}",
        f"warning: alert email to ops@example.com: {refused} (1 attempt); tried again at "
        "the next run",
        "info: alert sent to the webhook (localhost): the digest of 2026-12-08 07:00 UTC has "
        "not gone out"]
    assert pings(hooks) == ["/", "/fail"]
    assert webhook_texts(hooks) == [missed]
    assert alert_emails(server) == []  # it was down
