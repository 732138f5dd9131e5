"""Source health and missed digests: when the operator hears of them, and in what words.

Every stored collection (`digest collect`, `send`, `run`) records each source's run: a failed
run adds one to its failures in a row, a run that works ends the streak. When a source's
failures reach `alerts.source_failures` (3 by default), one alert is given (`alerts.py` keeps
it to once per streak) and, when the source works again, one "works again" note. With
`alerts.footer`, the digest's footer names the sources whose last run failed.

A send time whose edition has reached nobody by `alerts.grace` after it gets one alert, asked
by `digest run` after each send job and at each send time plus the grace. Send times before
the first edition in the state count for nothing (a new installation has missed nothing),
nor does one whose send found no new stories.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from ..config import Settings
from ..core.models import DeliveryStatus, SendStatus, SourceStatus, tally
from ..store import SourceHealth, Store
from .alerts import Alert, Alerter, ping
from .collect import SourceReport
from .slots import Slot, slots_between

MISSED_LOOKBACK = timedelta(days=7)  # how far back send times are checked for a missed digest


def shown(settings: Settings, moment: datetime | None) -> str:
    """A moment in the newsletter's own time zone, as alerts show it."""
    if moment is None:
        return "never"
    return moment.astimezone(settings.schedule.zone).strftime("%Y-%m-%d %H:%M %Z")


def failing_key(source: str, since: datetime) -> str:
    return f"source-failing:{source}:{since.isoformat()}"


def record_runs(settings: Settings, state: Store, reports: Sequence[SourceReport],
                now: datetime) -> None:
    """Record one run of each source reported, then give the alerts it makes due."""
    healths = state.health.record(
        ((r.name, (r.error or "failed") if r.status is SourceStatus.ERROR else None)
         for r in reports), now)
    due = [alert for health in healths if (alert := source_alert(settings, state, health))]
    if due:
        with Alerter(settings, state, lambda: now) as alerter:
            for alert in due:
                alerter.give(alert)


def source_alert(settings: Settings, state: Store, health: SourceHealth) -> Alert | None:
    """The alert a source's health calls for: failing (from `alerts.source_failures` failed
    runs in a row), works again (after a streak that was alerted), or none."""
    name = health.source
    if health.failures >= settings.alerts.source_failures and health.failing_since:
        return Alert(
            failing_key(name, health.failing_since), "source_failing",
            f"source {name} has failed {health.failures} runs in a row",
            f"Source {name} has failed {health.failures} runs in a row since "
            f"{shown(settings, health.failing_since)} (last worked: "
            f"{shown(settings, health.last_success)}): {health.last_error}. Its stories are "
            "missing from the digest until it works again; `digest check --connect` tries it.",
            {"source": name, "failures": health.failures, "error": health.last_error,
             "failing_since": health.failing_since.isoformat()},
        )
    ended = health.ended_since
    if health.failures == 0 and ended and state.health.alerted(failing_key(name, ended)):
        return Alert(
            f"source-recovered:{name}:{ended.isoformat()}", "source_recovered",
            f"source {name} works again",
            f"Source {name} works again ({shown(settings, health.last_success)}) after "
            f"{health.ended_failures} failed runs in a row since {shown(settings, ended)}.",
            {"source": name, "failures": health.ended_failures,
             "failing_since": ended.isoformat()},
        )
    return None


def troubled_sources(settings: Settings, state: Store) -> tuple[str, ...]:
    """With `alerts.footer`, the configured sources whose last run failed, for the footer."""
    if not settings.alerts.footer:
        return ()
    configured = {s.name for s in settings.sources}
    return tuple(h.source for h in state.health.sources()
                 if h.failures and h.source in configured)


def check_missed(settings: Settings, state: Store, clock: Callable[[], datetime]) -> None:
    """Alert once for each send time of the past week whose edition has reached nobody by
    `alerts.grace` after it."""
    now = clock()
    grace = settings.alerts.grace
    due = [missed_alert(settings, state, slot, grace)
           for slot in slots_between(now - MISSED_LOOKBACK, now - grace, settings.schedule)
           if watched(state, slot) and not reached_anyone(state, slot)]
    if due:
        with Alerter(settings, state, clock) as alerter:
            for alert in due:
                alerter.give(alert)


def watched(state: Store, slot: Slot) -> bool:
    """Whether digest was at work by this send time: an edition of it or of an earlier one."""
    return (state.editions.last(slot.key) or state.editions.last_before(slot.key)) is not None


def reached_anyone(state: Store, slot: Slot) -> bool:
    edition = state.editions.last(slot.key)
    return edition is not None and bool(state.ledger.deliveries(edition.id, DeliveryStatus.SENT))


def missed_alert(settings: Settings, state: Store, slot: Slot, grace: timedelta) -> Alert:
    edition = state.editions.last(slot.key)
    if edition is None:
        why = ("no edition was made: check that `digest run` (or its cron job) was running "
               "and what it logged")
    else:
        deliveries = state.ledger.deliveries(edition.id)
        counts = {status: n for status, n in tally(d.status for d in deliveries).items() if n}
        errors = [d.error for d in deliveries if d.error]
        why = (f"edition {edition.id}: " + ", ".join(f"{n} {s}" for s, n in counts.items())
               + (f"; {errors[0]}" if errors else ""))
    return Alert(
        f"missed:{slot.key}", "digest_missed", f"the digest of {slot} has not gone out",
        f"The digest due at {slot} had reached nobody by {shown(settings, slot.moment + grace)}"
        f" (alerts.grace): {why}.",
        {"edition": slot.key, "due": slot.moment.isoformat()},
    )


class SendOutcome(Protocol):
    """What `after_send` needs of a send's report."""

    status: SendStatus
    day: str
    error_code: int | None


def after_send(settings: Settings, outcome: SendOutcome, clock: Callable[[], datetime]) -> None:
    """After a real send (not a dry run or a test send): ping the heartbeat; a send time whose
    send found nothing new has missed nothing."""
    ping(settings, outcome.status, outcome.error_code)
    if outcome.status is SendStatus.NOTHING_NEW:
        with Store.open(settings.state_location()) as state:
            Alerter(settings, state, clock).settle(f"missed:{outcome.day}")
