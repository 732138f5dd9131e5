"""How a send's outcome is told: a line for the person, one per recipient not reached, and
the JSON object of `--json`."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..core.models import DeliveryStatus, SendStatus
from ..select import duration

if TYPE_CHECKING:
    from ..config import Settings
    from .send_report import SendReport

# The outcomes reported one line each, with the word that starts the line.
UNSETTLED = {DeliveryStatus.FAILED: "error", DeliveryStatus.DEFERRED: "deferred",
             DeliveryStatus.UNKNOWN: "unknown"}


def send_json(report: SendReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "day": report.day,
        "edition": report.edition,
        "stories": report.stories,
        "recipients": [asdict(r) for r in report.results],
        "sources": [asdict(s) for s in report.sources],
        "left_out": report.selection.left_out if report.selection else None,
        "problems": report.problems,
    }


def unsettled_lines(report: SendReport) -> list[str]:
    """One line per recipient not sent; but recipients deferred or in doubt for one reason
    (a server down defers thousands alike) share a line, and an error already reported as
    the send's problem is not repeated. Each failed address has its own line, to act on."""
    groups: dict[tuple[str, str | None, str], list[str]] = {}
    for result in report.results:
        if result.status in UNSETTLED and result.error not in report.problems:
            alone = result.recipient if result.status == DeliveryStatus.FAILED else ""
            groups.setdefault((result.status, result.error, alone), []).append(result.recipient)
    lines = []
    for (status, error, _), recipients in groups.items():
        who = recipients[0] if len(recipients) == 1 else (
            f"{len(recipients)} recipients ({', '.join(recipients[:3])}"
            f"{', …' if len(recipients) > 3 else ''})")
        lines.append(f"digest: {UNSETTLED[DeliveryStatus(status)]}: {who}: {error}")
    return lines


def describe(report: SendReport, settings: Settings) -> str:
    sent = report.counts[DeliveryStatus.SENT]
    if report.status == SendStatus.ALREADY_SENT:
        return (f"Today's digest ({report.day}) was already sent; nothing to do "
                "(use --force to send a new edition).")
    if report.status == SendStatus.NOTHING_NEW:
        selection = report.selection
        since = ("since the last digest" if selection and selection.after_digest
                 else f"in the last {duration(settings.window)}")
        return f"No new stories {since}; nothing sent."
    if report.status == SendStatus.INTERRUPTED:
        return (f"Stopped after {sent} recipients; the rest of edition {report.day} goes out "
                "with the next send.")
    if report.status == SendStatus.NONE_IN_DOUBT:
        return "No recipient's delivery is unknown; nothing to send again."
    if report.error_code:
        return (f"Stopped after {sent} recipient{'s' if sent != 1 else ''}: the others are "
                "still to send; fix the error above and send again.")
    if report.status == SendStatus.DRY_RUN:
        return f"Dry run: {report.stories} stories built and checked; nobody was contacted."
    stories = f"{report.stories} {'story' if report.stories == 1 else 'stories'}"
    if sent or not report.results:
        line = f"Sent {stories} to {sent} recipient{'s' if sent != 1 else ''}"
    else:
        line = f"Edition {report.day} ({stories}) reached nobody yet"
    for status, count in report.counts.items():
        if count and status in UNSETTLED:
            line += f"; {count} {status}"
    if report.counts[DeliveryStatus.DEFERRED]:
        line += " (the next send retries the deferred)"
    if settings.delivery.backend == "file":
        line += f" (outbox: {settings.path(settings.delivery.file.outbox)})"
    return line + "."
