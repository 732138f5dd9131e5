"""Scheduling: DST-correct send times, catch-up within the grace period, one runner, clean stop."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import schedule

from digest.app import pipeline
from digest.app.lock import FileLock, LockedError
from digest.app.scheduler import ClockScheduler, Runner
from digest.app.slots import latest_slot, next_slot, slots_on
from digest.config import ScheduleConfig, load_settings
from digest.store import Store

from .projects import stop_once_built

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


def test_an_edition_cut_short_is_finished_by_the_next_tick_and_the_next_day_is_its_own(
        scheduled):
    settings, project = scheduled()
    clock = Clock(utc(2026, 11, 28, 6, 0))
    stopped = Runner(settings, clock)
    stopped.stop.set()  # as SIGTERM right after the edition was built
    assert stopped.tick().status == "interrupted"
    assert not list((project / "outbox").glob("*.eml"))
    clock.moment = utc(2026, 11, 28, 6, 5)  # a retry, a restart or `send --if-due`
    report = Runner(settings, clock).tick()
    assert report.status == "sent" and report.day == "2026-11-28"
    clock.moment = utc(2026, 11, 29, 6, 0)  # the samples were all sent the day before
    report = Runner(settings, clock).tick()
    assert report.status == "nothing_new" and report.day == "2026-11-29"
    assert editions(settings) == ["2026-11-28"]


def test_a_runner_that_lost_the_lead_while_finishing_an_edition_sends_nothing_more(scheduled):
    settings, _ = scheduled()
    clock = Clock(utc(2026, 11, 28, 6, 0))
    half = pipeline.send(settings, clock=clock, edition_key="2026-11-28",
                         should_stop=stop_once_built())
    assert half.status == "interrupted"  # the 28th made, then left half sent
    lead = {"held": True}
    sent: list[str] = []

    def send(settings, **options) -> pipeline.SendReport:
        sent.append(options["edition_key"])
        report = pipeline.send(settings, **options)
        lead["held"] = False  # another host's runner may lead from here on
        return report

    clock.moment = utc(2026, 11, 29, 6, 0)  # the 29th is due too
    runner = Runner(settings, clock, send=send, leading=lambda: lead["held"])
    assert runner.tick().day == "2026-11-28"
    assert sent == ["2026-11-28"]  # the 29th is left to the new leader


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


# The run loop: one schedule.Scheduler wakes the runner for each send time and collection.


@pytest.fixture
def machine_zone(monkeypatch):
    """Set the process's own time zone (TZ) for a test, and restore it afterwards."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def run_loop(settings, start: datetime, end: datetime, fail_first: int = 0,
             collected: list[datetime] | None = None,
             asleep: tuple[datetime, datetime] | None = None) -> list[tuple[datetime, str]]:
    """Run `digest run`'s loop from `start` to `end` on an injected clock that each wait moves
    on; returns each send as (when, edition key). The first `fail_first` sends raise a
    RuntimeError; collections are noted in `collected` instead of being run. A wait that ends
    within `asleep` ends at its end instead, as when the machine is suspended."""
    clock = Clock(start)
    sends: list[tuple[datetime, str]] = []

    def send(_settings, *, edition_key: str, **_options) -> pipeline.SendReport:
        sends.append((clock(), edition_key))
        if len(sends) <= fail_first:
            raise RuntimeError("the outbox is on fire")
        return pipeline.SendReport("sent", edition_key)

    def wait(seconds: float) -> None:
        assert seconds > 0  # never a busy loop
        clock.moment += timedelta(seconds=seconds)
        if asleep and asleep[0] <= clock.moment < asleep[1]:
            clock.moment = asleep[1]
        if clock.moment >= end:
            runner.stop.set()

    runner = Runner(settings, clock, send=send, wait=wait)
    if collected is not None:
        runner.collect = lambda: collected.append(clock())  # type: ignore[method-assign]
    runner.run_forever()
    return sends


@pytest.mark.parametrize("machine", ["UTC", "Europe/Berlin", "America/New_York"])
@pytest.mark.parametrize("zone, at, start, expected", [
    ("Europe/Berlin", "02:30", utc(2026, 3, 27, 12),  # 29 March: 02:00 -> 03:00
     [utc(2026, 3, 28, 1, 30), utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 0, 30),
      utc(2026, 3, 31, 0, 30)]),
    ("Europe/Berlin", "02:30", utc(2026, 10, 23, 12),  # 25 October: 03:00 -> 02:00
     [utc(2026, 10, 24, 0, 30), utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30),
      utc(2026, 10, 27, 1, 30)]),
    ("Europe/Berlin", "07:00", utc(2026, 3, 27, 12),
     [utc(2026, 3, 28, 6), utc(2026, 3, 29, 5), utc(2026, 3, 30, 5), utc(2026, 3, 31, 5)]),
    ("America/New_York", "02:30", utc(2026, 3, 6, 12),  # 8 March: 02:00 -> 03:00
     [utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 6, 30),
      utc(2026, 3, 10, 6, 30)]),
    ("America/New_York", "01:30", utc(2026, 10, 30, 12),  # 1 November: 02:00 -> 01:00
     [utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30),
      utc(2026, 11, 3, 6, 30)]),
    ("America/New_York", "07:00", utc(2026, 10, 30, 16),
     [utc(2026, 10, 31, 11), utc(2026, 11, 1, 12), utc(2026, 11, 2, 12), utc(2026, 11, 3, 12)]),
    ("UTC", "01:30", utc(2026, 10, 23, 12),  # the machine's own clocks may fall back meanwhile
     [utc(2026, 10, 24, 1, 30), utc(2026, 10, 25, 1, 30), utc(2026, 10, 26, 1, 30),
      utc(2026, 10, 27, 1, 30)]),
])
def test_run_wakes_once_at_each_send_time_across_dst(scheduled, machine_zone, machine, zone,
                                                     at, start, expected):
    machine_zone(machine)
    settings, _ = scheduled(at=at, timezone=zone)
    sends = run_loop(settings, start, start + timedelta(days=4))
    assert [when for when, _ in sends] == expected
    local_days = [when.astimezone(ZoneInfo(zone)).date().isoformat() for when in expected]
    assert [key for _, key in sends] == local_days


def test_run_wakes_for_several_times_a_day_on_some_weekdays(scheduled):
    settings, _ = scheduled(at=["18:00", "07:00"], days=["sat", "mon"])
    sends = run_loop(settings, utc(2026, 3, 27, 12), utc(2026, 3, 31, 12))  # Fri to Tue
    assert sends == [
        (utc(2026, 3, 28, 6), "2026-03-28 07:00:00"), (utc(2026, 3, 28, 17), "2026-03-28 18:00:00"),
        (utc(2026, 3, 30, 5), "2026-03-30 07:00:00"), (utc(2026, 3, 30, 16), "2026-03-30 18:00:00"),
    ]


def test_run_catches_up_on_start_within_grace_and_logs_what_is_beyond(scheduled, caplog):
    settings, _ = scheduled()
    sends = run_loop(settings, utc(2026, 11, 28, 7, 30), utc(2026, 11, 29, 12))  # 08:30
    assert sends == [(utc(2026, 11, 28, 7, 30), "2026-11-28"), (utc(2026, 11, 29, 6), "2026-11-29")]
    with caplog.at_level(logging.WARNING, logger="digest.run"):
        sends = run_loop(settings, utc(2026, 11, 28, 8, 30), utc(2026, 11, 29, 12))  # 09:30
    assert sends == [(utc(2026, 11, 29, 6), "2026-11-29")]
    assert "skipped the digest of 2026-11-28 07:00 CET" in caplog.text


@pytest.mark.parametrize("wakes, sent", [
    (utc(2026, 11, 28, 7), [(utc(2026, 11, 28, 7), "2026-11-28")]),  # an hour late: in the grace
    (utc(2026, 11, 28, 8, 30), []),  # two and a half hours late: skipped
])
def test_a_machine_that_slept_through_a_send_time_catches_up_within_grace(scheduled, caplog,
                                                                          wakes, sent):
    settings, _ = scheduled()
    with caplog.at_level(logging.WARNING, logger="digest.run"):
        sends = run_loop(settings, utc(2026, 11, 27, 12), utc(2026, 11, 29, 12),
                         asleep=(utc(2026, 11, 28, 5, 30), wakes))
    assert sends == [*sent, (utc(2026, 11, 29, 6), "2026-11-29")]
    assert ("skipped the digest of 2026-11-28 07:00 CET" in caplog.text) == (not sent)


def test_a_job_that_raises_is_logged_with_its_traceback_and_the_runner_goes_on(
        scheduled, caplog):
    settings, _ = scheduled(collect_every="1h")
    collected: list[datetime] = []
    with caplog.at_level(logging.INFO, logger="digest.run"):
        sends = run_loop(settings, utc(2026, 11, 27, 5), utc(2026, 11, 28, 12), fail_first=2,
                         collected=collected)
    assert sends == [(utc(2026, 11, 27, 6), "2026-11-27"),  # raises
                     (utc(2026, 11, 27, 6, 5), "2026-11-27"),  # raises again
                     (utc(2026, 11, 27, 6, 10), "2026-11-27"),  # still in the grace: sent
                     (utc(2026, 11, 28, 6), "2026-11-28")]
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in failures] == [
        "the send at 07:00 Europe/Berlin failed; the runner goes on"] * 2
    assert all(r.exc_info and r.exc_info[0] is RuntimeError for r in failures)
    assert "RuntimeError: the outbox is on fire" in caplog.text  # the traceback is in the log
    # The collection due with the failing send still ran, and every hour after it.
    assert collected == [utc(2026, 11, 27, 6) + timedelta(hours=h) for h in range(30)]


def test_a_failing_job_runs_again_at_its_next_time_and_the_others_run_meanwhile(settings):
    clock = Clock(utc(2026, 11, 28, 6))
    runner = Runner(settings, clock)
    ran: list[str] = []

    def flaky() -> None:
        ran.append("flaky")
        if ran.count("flaky") == 1:
            raise RuntimeError("once")

    jobs = ClockScheduler(clock)
    every_minute = lambda now: now + timedelta(minutes=1)  # noqa: E731
    jobs.add("flaky", every_minute, runner.guarded("flaky", flaky))
    jobs.add("steady", every_minute, runner.guarded("steady", lambda: ran.append("steady")))
    for _ in range(3):
        clock.moment += timedelta(minutes=1)
        jobs.run_pending()
    assert ran == ["flaky", "steady"] * 3
    assert jobs.idle_seconds == 60


@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_interrupts_are_not_swallowed(settings, stop):
    clock = Clock(utc(2026, 11, 28, 6))
    runner = Runner(settings, clock)

    def interrupted() -> None:
        raise stop

    jobs = ClockScheduler(clock)
    jobs.add("interrupted", lambda now: now, runner.guarded("interrupted", interrupted))
    with pytest.raises(stop):
        jobs.run_pending()


def test_once_stopping_the_jobs_left_in_the_pass_wait(settings):
    clock = Clock(utc(2026, 11, 28, 6))
    runner = Runner(settings, clock)
    ran: list[str] = []
    jobs = ClockScheduler(clock)
    jobs.add("first", lambda now: now, runner.guarded("first", runner.stop.set))
    jobs.add("second", lambda now: now, runner.guarded("second", lambda: ran.append("second")))
    jobs.run_pending()
    assert ran == []


# schedule's own time-zone arithmetic, checked on the installed version: why the runner's jobs
# take their times from slots.py (see digest/app/timed_jobs.py). Should one of these fail after an
# upgrade, schedule may have been fixed.


@pytest.fixture
def schedule_clock(monkeypatch) -> Clock:
    """Freeze the clock schedule reads: it calls datetime.datetime.now() itself."""
    clock = Clock(utc(2026, 1, 1))

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None) -> datetime:  # type: ignore[override]
            return clock().astimezone(tz) if tz else clock().astimezone().replace(tzinfo=None)

    monkeypatch.setattr(schedule, "datetime",
                        SimpleNamespace(datetime=Frozen, timedelta=timedelta, time=dt_time))
    return clock


def schedule_own_fires(clock: Clock, zone: str, at: str, days: int) -> list[datetime]:
    """When schedule's own every().day.at(at, zone) runs, with run_pending() once a minute."""
    jobs = schedule.Scheduler()
    fires: list[datetime] = []
    jobs.every().day.at(at, zone).do(lambda: fires.append(clock()))
    end = clock() + timedelta(days=days)
    while clock.moment < end:
        jobs.run_pending()
        clock.moment += timedelta(minutes=1)
    return fires


@pytest.mark.parametrize("zone, start, fires", [
    ("Europe/Berlin", utc(2026, 3, 28, 12),  # 29 March: 02:00 -> 03:00
     [utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 23, 30), utc(2026, 3, 30, 0, 30)]),
    ("America/New_York", utc(2026, 3, 7, 12),  # 8 March: 02:00 -> 03:00
     [utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 5, 30), utc(2026, 3, 9, 6, 30)]),
])
def test_schedule_own_daily_job_runs_twice_the_day_after_the_clocks_jump(schedule_clock, zone,
                                                                         start, fires):
    schedule_clock.moment = start
    # 03:30 on the day of the jump (right), then 01:30 and 02:30 the next day (one too many)
    assert schedule_own_fires(schedule_clock, zone, "02:30", days=2) == fires


def test_schedule_own_daily_job_runs_over_and_over_while_the_machine_falls_back(
        schedule_clock, machine_zone):
    machine_zone("Europe/Berlin")  # schedule keeps its next run in the machine's local time
    schedule_clock.moment = utc(2026, 10, 24, 12)
    fires = schedule_own_fires(schedule_clock, "UTC", "01:30", days=1)
    assert fires[:3] == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 0, 31),
                         utc(2026, 10, 25, 0, 32)]  # and on, once a minute, to 00:59
    assert len(fires) == 31


def test_schedule_own_time_zones_take_no_zoneinfo():
    with pytest.raises(schedule.ScheduleValueError, match="pytz"):
        schedule.Scheduler().every().day.at("07:00", ZoneInfo("Europe/Berlin"))  # type: ignore[arg-type]


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
