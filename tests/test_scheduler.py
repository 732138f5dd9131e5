"""Scheduling: DST-correct send times, catch-up within the grace period, one runner, clean stop."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest.config import ScheduleConfig, load_settings
from digest.lock import FileLock, LockedError
from digest.scheduler import Runner
from digest.slots import latest_slot, next_slot, slots_on
from digest.store import Store

BERLIN = {"timezone": "Europe/Berlin"}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_send_time_follows_the_zone_across_dst():
    config = ScheduleConfig(at="07:00", **BERLIN)
    winter = slots_on(date(2026, 1, 15), config)[0]
    summer = slots_on(date(2026, 7, 15), config)[0]
    assert winter.moment == utc(2026, 1, 15, 6) and summer.moment == utc(2026, 7, 15, 5)
    assert winter.key == "2026-01-15"


def test_send_time_that_does_not_exist_is_sent_after_the_jump():
    config = ScheduleConfig(at="02:30", **BERLIN)  # 29 March 2026: 02:00 -> 03:00
    (slot,) = slots_on(date(2026, 3, 29), config)
    assert slot.moment == utc(2026, 3, 29, 1, 30)
    assert slot.local.strftime("%H:%M %Z") == "03:30 CEST"


def test_send_time_that_exists_twice_is_sent_once():
    config = ScheduleConfig(at="02:30", **BERLIN)  # 25 October 2026: 03:00 -> 02:00
    slots = slots_on(date(2026, 10, 25), config)
    assert [s.moment for s in slots] == [utc(2026, 10, 25, 0, 30)]
    assert latest_slot(utc(2026, 10, 25, 1, 45), config) == slots[0]
    assert next_slot(utc(2026, 10, 25, 0, 30), config).moment == utc(2026, 10, 26, 1, 30)


def test_weekdays_and_several_times_a_day():
    config = ScheduleConfig(at=["18:00", "07:00:30"], days=["Mon", "friday"], **BERLIN)
    assert config.at == ("07:00:30", "18:00") and config.days == ("mon", "fri")
    saturday = utc(2026, 11, 28, 12)
    assert latest_slot(saturday, config).key == "2026-11-27 18:00:00"
    assert next_slot(saturday, config).key == "2026-11-30 07:00:30"


@pytest.fixture
def scheduled(project):
    """The bundled project, sending daily at 07:00 Berlin time with a 2 h grace period."""

    def make(**schedule: str) -> tuple:
        config = project / "config.yaml"
        text = config.read_text().split("schedule:")[0] + "schedule:\n" + "".join(
            f"  {k}: {v!r}\n" for k, v in {"at": "07:00", **BERLIN, **schedule}.items())
        config.write_text(text)
        return load_settings(config), project

    return make


def editions(settings) -> list[str]:
    with Store.peek(settings.path(settings.state.path)) as state:
        found, edition = [], state.editions.last()
        while edition is not None:
            found.append(edition.day)
            edition = state.editions.last_before(edition.day)
        return found


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def test_sends_at_the_time_once_and_not_again_after_restart(scheduled):
    settings, _ = scheduled()
    clock = Clock(utc(2026, 11, 28, 5, 59))  # 06:59 in Berlin
    assert Runner(settings, clock).tick() is None
    clock.moment = utc(2026, 11, 28, 6, 0)
    report = Runner(settings, clock).tick()
    assert report.status == "sent" and report.day == "2026-11-28"
    clock.moment = utc(2026, 11, 28, 6, 5)
    assert Runner(settings, clock).tick() is None  # a restarted runner
    assert editions(settings) == ["2026-11-28"]


def test_catch_up_within_grace(scheduled):
    settings, _ = scheduled()
    report = Runner(settings, Clock(utc(2026, 11, 28, 7, 50))).tick()  # 08:50, 1 h 50 late
    assert report.status == "sent" and report.day == "2026-11-28"


def test_missed_beyond_grace_is_logged_not_sent(scheduled, caplog):
    settings, _ = scheduled()
    with caplog.at_level(logging.WARNING, logger="digest.run"):
        assert Runner(settings, Clock(utc(2026, 11, 28, 8, 1))).tick() is None
    assert "skipped the digest of 2026-11-28 07:00 CET" in caplog.text
    assert editions(settings) == []


def test_a_new_installation_reports_no_earlier_days(scheduled, caplog):
    settings, _ = scheduled()
    with caplog.at_level(logging.WARNING, logger="digest.run"):
        assert Runner(settings, Clock(utc(2026, 11, 28, 5, 0))).tick() is None  # 06:00
    assert "skipped" not in caplog.text


def test_days_missed_while_down_are_each_reported(scheduled, caplog):
    settings, _ = scheduled()
    clock = Clock(utc(2026, 11, 25, 6))
    Runner(settings, clock).tick()
    clock.moment = utc(2026, 11, 28, 6, 30)  # down for two days, back in time for today
    with caplog.at_level(logging.WARNING, logger="digest.run"):
        report = Runner(settings, clock).tick()
    assert report.day == "2026-11-28"
    assert "skipped the digest of 2026-11-26" in caplog.text
    assert "skipped the digest of 2026-11-27" in caplog.text


def test_spring_forward_day_sends_once(scheduled):
    settings, _ = scheduled(at="02:30")
    clock = Clock(utc(2026, 3, 29, 1, 29))
    runner = Runner(settings, clock)
    assert runner.tick() is None
    clock.moment = utc(2026, 3, 29, 1, 30)
    assert runner.tick().day == "2026-03-29"
    clock.moment = utc(2026, 3, 29, 2, 30)
    assert runner.tick() is None


def test_fall_back_day_sends_once(scheduled):
    settings, _ = scheduled(at="02:30")
    clock = Clock(utc(2026, 10, 25, 0, 30))  # the first 02:30
    runner = Runner(settings, clock)
    assert runner.tick().day == "2026-10-25"
    clock.moment = utc(2026, 10, 25, 1, 30)  # the second 02:30
    assert runner.tick() is None
    assert editions(settings) == ["2026-10-25"]


def test_lock_is_exclusive_and_released_on_exit(tmp_path):
    path = tmp_path / "x.lock"
    with FileLock(path, "digest run").acquire(), pytest.raises(
        LockedError, match="digest run is already running"
    ):
        FileLock(path, "digest run").acquire()
    FileLock(path, "digest run").acquire().release()


def digest(project: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), *args],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )


def test_second_runner_exits_3(scheduled):
    _, project = scheduled(at="03:00")
    first = digest(project, "run")
    try:
        deadline = time.monotonic() + 20
        while not (project / ".digest" / "run.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        second = digest(project, "run")
        _out, err = second.communicate(timeout=30)
        assert second.returncode == 3
        assert "digest run is already running" in err and "Traceback" not in err
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 0


def test_send_during_a_send_exits_3_or_waits(settings):
    lock = FileLock(settings.path(settings.state.path).with_name("send.lock"), "a digest send")
    lock.acquire()
    try:
        busy = digest(settings.base_dir, "send")
        _, err = busy.communicate(timeout=60)
        assert busy.returncode == 3 and "a digest send is already running" in err
        waiting = digest(settings.base_dir, "send", "--wait")
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        threading.Timer(0.2, lock.release).start()
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert "Sent 3 stories" in out


def zone_at_midday() -> tuple[str, datetime]:
    """A fixed-offset zone where the local time is now between 01:00 and 23:00, and that time,
    so that "half an hour ago" is the same local day."""
    for zone in ("UTC", "Etc/GMT-6", "Etc/GMT+6", "Etc/GMT-12"):
        local = datetime.now(ZoneInfo(zone))
        if 1 <= local.hour < 23:
            return zone, local
    raise AssertionError("unreachable: the zones above are 6 hours apart")


def test_run_once_and_send_if_due(scheduled):
    zone, local = zone_at_midday()
    _, project = scheduled(at=(local - timedelta(minutes=30)).strftime("%H:%M"), timezone=zone)
    due = digest(project, "send", "--if-due")
    out, err = due.communicate(timeout=60)
    assert due.returncode == 0, err
    assert "Sent 3 stories" in out
    again = digest(project, "run", "--once")
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0 and "nothing due; next send" in err


def test_sigterm_mid_send_stops_cleanly_and_resume_sends_the_rest_once(scheduled):
    zone, local = zone_at_midday()
    settings, project = scheduled(at=(local - timedelta(minutes=1)).strftime("%H:%M:%S"),
                                  timezone=zone)
    people = "\n".join(f"reader{i}@example.com" for i in range(1000))
    (project / "people.csv").write_text(f"email\n{people}\n")
    config = project / "config.yaml"
    config.write_text(config.read_text().replace(
        "recipients:\n", "recipients_file: people.csv\nrecipients:\n"))
    runner = digest(project, "run")
    outbox = project / "outbox"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(outbox.glob("*.eml"))) < 150:
        time.sleep(0.02)
    runner.send_signal(signal.SIGTERM)
    _, err = runner.communicate(timeout=60)
    assert runner.returncode == 0, err
    settings = load_settings(config)
    with Store.peek(settings.path(settings.state.path)) as state:
        edition = state.editions.last()
        statuses = [d.status for d in state.ledger.deliveries(edition.id)]
    assert edition.status == "sending"
    assert 0 < statuses.count("sent") < 1002
    assert set(statuses) <= {"sent", "pending"}
    resume = digest(project, "send")
    _out, err = resume.communicate(timeout=120)
    assert resume.returncode == 0, err
    with Store.peek(settings.path(settings.state.path)) as state:
        rows = state.ledger.deliveries(edition.id)
        assert state.editions.last().id == edition.id
    assert len(rows) == 1002 and {d.status for d in rows} == {"sent"}
    assert len(list(outbox.glob("*.eml"))) == 1002
