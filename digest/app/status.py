"""`digest status`: what the state says of the recent editions, read without the pipeline.

cron runs `status` every few minutes, so this module imports only the settings, the state
and the locks: none of the libraries of collecting, summarizing, rendering or sending. Its
rows (`table_rows`) are drawn by `cli_output.print_table`: plain text to a pipe or a log, rich
only on a terminal.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..config import Settings
from ..core.models import DeliveryStatus, EditionStatus, SendStatus, tally
from ..store import Store
from .lock import send_lock

COLUMNS = ("edition", "day", "status", "stories", "sent", "failed", "deferred", "unknown",
           "pending", "suppressed")


def status(settings: Settings, limit: int = 10, now: datetime | None = None,
           ) -> list[dict[str, object]]:
    """The recent editions, newest first, with every recipient's outcome. An edition still
    to send while no send is running was cut short: `interrupted`; one still marked
    `sending` with every recipient settled shows its outcome (its sender ended before it
    marked it: the next send does). A send runs while it
    holds the send lock (SQLite), or while a live sender holds a live lease on one of the
    edition's recipients."""
    sender = send_lock(settings)
    with Store.peek(settings.state_location()) as state:
        leases = state.ledger.leases(now or datetime.now(UTC))
        anyone = sender.running()
        live: dict[str, bool] = {} if anyone else {
            owner: sender.alive(owner) for owner in {o for _, o in leases}}
        report = []
        for edition in state.editions.recent(limit):
            running = anyone or any(live[o] for e, o in leases if e == edition.id)
            deliveries = state.ledger.deliveries(edition.id)
            counts = tally(d.status for d in deliveries)
            shown: str = edition.status
            if edition.status == EditionStatus.SENDING:  # the ledger says more than the mark
                shown = EditionStatus.of(counts)
                if shown == EditionStatus.SENDING and not running:
                    shown = SendStatus.INTERRUPTED
            report.append({
                "id": edition.id, "day": edition.day,
                "created_at": edition.created_at.isoformat(), "status": shown,
                "subject": edition.email.subject, "stories": len(edition.story_ids),
                "counts": counts,
                "recipients": [
                    {"email": d.address, "status": d.status, "message_id": d.message_id,
                     "error": d.error}
                    for d in deliveries
                ],
            })
        return report


def table_rows(editions: list[dict[str, object]]) -> list[tuple[str, ...]]:
    """Each edition's row of the status table, in COLUMNS' order."""
    rows = []
    for e in editions:
        counts: dict[str, int] = e["counts"]  # type: ignore[assignment]
        rows.append((str(e["id"]), str(e["day"]), str(e["status"]), str(e["stories"]),
                     *(str(counts[s]) for s in (DeliveryStatus.SENT, DeliveryStatus.FAILED,
                                                DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN)),
                     str(counts[DeliveryStatus.PENDING] + counts[DeliveryStatus.SENDING]),
                     str(counts[DeliveryStatus.SUPPRESSED])))
    return rows
