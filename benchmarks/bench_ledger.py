"""The ledger's cost per recipient on each engine: an edition stored with N recipients, then,
as a send does, its recipients claimed a batch of 100 at a time under a lease, and each one
taken just before it goes out and its result recorded: with the result written with the
next take in one transaction (`record_and_take`, what a send does), and, set against it in
the same run, interleaved, in two transactions each (the take, then the result).

SQLite always (a file in a temporary folder); PostgreSQL when given a URL of an empty
database (`createdb digest_bench`):

    python benchmarks/bench_ledger.py [--recipients 10000] [--url postgresql://…]
"""

from __future__ import annotations

import argparse
import json
import statistics
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


def measure(location: Location, recipients: int, rounds: int = 3) -> dict[str, object]:
    """Seconds to store an edition, and microseconds (wall and CPU) per recipient claimed,
    taken and recorded, both ways, medians of `rounds` interleaved editions."""
    people = [(f"reader{i}@example.com", None) for i in range(recipients)]
    costs: dict[str, list[tuple[float, float]]] = {"one_write": [], "two_writes": []}
    with Store.open(location) as store:
        created = []
        for round_ in range(rounds):
            for way in sorted(costs, reverse=round_ % 2 == 1):
                started = time.perf_counter()
                edition = store.editions.create(day=f"bench-{time.time_ns()}", now=NOW,
                                                email=EMAIL, story_ids=["a"], recipients=people)
                created.append(time.perf_counter() - started)
                costs[way].append(send(store, edition.id, way == "one_write"))
                assert store.editions.finish(edition.id) == "sent"
    figures: dict[str, object] = {"engine": describe(location), "recipients": recipients,
                                  "create_s": round(statistics.median(created), 3)}
    for way, runs in costs.items():
        figures[f"{way}_us"] = round(statistics.median(w for w, _ in runs) / recipients * 1e6)
        figures[f"{way}_cpu_us"] = round(statistics.median(c for _, c in runs) / recipients * 1e6)
    return figures


def send(store: Store, edition_id: int, together: bool) -> tuple[float, float]:
    """Wall and CPU seconds to claim, take and record every recipient of the edition, each
    result written with the next take (`together`) or on its own."""
    wall, cpu = time.perf_counter(), time.process_time()
    while batch := store.ledger.claim(edition_id, "bench", NOW, NOW + LEASE, BATCH):
        store.ledger.renew(edition_id, "bench", NOW + LEASE)
        last: list[DeliveryResult] = []
        for delivery in batch:
            address = delivery.address
            if together:
                assert store.ledger.record_and_take(edition_id, last, [address], NOW,
                                                    "bench") == 1
            else:
                assert store.ledger.move(edition_id, OUTSTANDING, DeliveryStatus.SENDING,
                                         NOW, addresses=[address], holder="bench") == 1
            last = [DeliveryResult(address, DeliveryStatus.SENT, message_id=f"<{address}>")]
            if not together:
                store.ledger.record(edition_id, last, NOW, "bench")
        if together:
            store.ledger.record(edition_id, last, NOW, "bench")
    return time.perf_counter() - wall, time.process_time() - cpu


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
