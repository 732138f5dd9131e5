"""The ledger's cost per recipient on each engine: an edition stored with N recipients, then,
as a send does, its recipients claimed a batch of 100 at a time under a lease, and each one
taken just before it goes out and its result recorded, one transaction each.

SQLite always (a file in a temporary folder); PostgreSQL when given a URL of an empty
database (`createdb digest_bench`):

    python benchmarks/bench_ledger.py [--recipients 10000] [--url postgresql://…]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest.core.models import OUTSTANDING, DeliveryResult, DeliveryStatus, Email
from digest.store import Location, Store, describe

NOW = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
BATCH = 100  # recipients a claim takes: the SMTP backend's batch
EMAIL = Email(subject="Morning Digest", html="<p>" + "x" * 60_000 + "</p>", text="x",
              preheader="p")


def measure(location: Location, recipients: int) -> dict[str, object]:
    """Seconds to store the edition, and microseconds per recipient claimed, taken and
    recorded."""
    people = [(f"reader{i}@example.com", None) for i in range(recipients)]
    with Store.open(location) as store:
        started = time.perf_counter()
        edition = store.editions.create(day=f"bench-{time.time_ns()}", now=NOW, email=EMAIL,
                                        story_ids=["a"], recipients=people)
        created = time.perf_counter() - started
        started = time.perf_counter()
        while batch := store.ledger.claim(edition.id, "bench", NOW, NOW + LEASE, BATCH):
            store.ledger.renew(edition.id, "bench", NOW + LEASE)
            for delivery in batch:
                address = delivery.address
                assert store.ledger.move(edition.id, OUTSTANDING, DeliveryStatus.SENDING, NOW,
                                         addresses=[address], holder="bench") == 1
                store.ledger.record(edition.id, [DeliveryResult(
                    address, DeliveryStatus.SENT, message_id=f"<{address}>")], NOW)
        per_recipient = (time.perf_counter() - started) / recipients
        assert store.editions.finish(edition.id) == "sent"
    return {"engine": describe(location), "recipients": recipients,
            "create_s": round(created, 3), "per_recipient_us": round(per_recipient * 1e6)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--url", help="an empty PostgreSQL database to measure too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(Path(folder) / "state.sqlite", args.recipients)))
    if args.url:
        print(json.dumps(measure(args.url, args.recipients)))


if __name__ == "__main__":
    main()
