"""What several hosts on one state share besides the newsletter's data, in SQL both engines
run: the leases of roles (the leading `digest run`), the web app's rate-limit counters and
the webhook tokens already seen.

Each operation is one short transaction whose outcome the database decides (an upsert with a
condition, or an insert that conflicts), so two hosts asking at the same moment get one
answer between them: one takes the lease, one counts the last hit under a limit, one keeps a
token. Times are ISO text in UTC with microseconds, which compare as text in both engines.
A lease's times come from the state's clock (`Now`): the server's on PostgreSQL, whatever
the clocks of the hosts sharing it say; the one host's on SQLite.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from .shared_stores import Lease
from .sql import Database, Tables, Writer, iso

Now = Callable[[Writer], datetime]  # the state's clock, read in a transaction


def local_now(_: Writer) -> datetime:
    """The clock of the one host a SQLite state lives on."""
    return datetime.now(UTC)


def server_now(db: Writer) -> datetime:
    """The database server's clock: the one every host sharing a PostgreSQL state reads."""
    moment: datetime = db.execute("SELECT clock_timestamp()").fetchone()[0]
    return moment


def instant(moment: datetime) -> str:
    """A moment to the microsecond, as leases and windows compare them."""
    return iso(moment, "microseconds")


class SqlLeases(Tables):
    def __init__(self, db: Database, clock: Now = local_now) -> None:
        super().__init__(db)
        self._clock = clock

    def acquire(self, name: str, holder: str, host: str, pid: int, ttl: timedelta,
                now: datetime | None = None) -> Lease:
        with self._db.transaction() as db:
            if now is None:
                now = self._clock(db)
            # Taken when free, expired or ours; `taken_at` stays while the same holder renews.
            db.execute(
                "INSERT INTO leases (name, holder, host, pid, taken_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                " taken_at = CASE WHEN leases.holder = excluded.holder THEN leases.taken_at"
                " ELSE excluded.taken_at END, holder = excluded.holder, host = excluded.host,"
                " pid = excluded.pid, expires_at = excluded.expires_at"
                " WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.taken_at",
                (name, holder, host, pid, instant(now), instant(now + ttl)))
            row = db.execute("SELECT name, holder, host, pid, taken_at, expires_at FROM leases"
                             " WHERE name = ?", (name,)).fetchone()
        return self._lease(row)

    def get(self, name: str) -> Lease | None:
        rows = self._db.rows("SELECT name, holder, host, pid, taken_at, expires_at FROM leases"
                             " WHERE name = ?", (name,))
        return self._lease(rows[0]) if rows else None

    def release(self, name: str, holder: str) -> bool:
        with self._db.transaction() as db:
            return db.execute("DELETE FROM leases WHERE name = ? AND holder = ?",
                              (name, holder)).rowcount > 0

    def _lease(self, row: tuple) -> Lease:
        name, holder, host, pid, taken, expires = row
        with self._db.decoding():
            return Lease(name, holder, host, int(pid), datetime.fromisoformat(taken),
                         datetime.fromisoformat(expires))


class SqlRateLimits(Tables):
    def hit(self, name: str, bucket: str, limit: int, window_start: datetime,
            previous_start: datetime, weight: float) -> bool:
        with self._db.transaction() as db:
            db.execute("DELETE FROM rate_limits WHERE name = ? AND window_start < ?",
                       (name, instant(previous_start)))
            before = db.execute("SELECT hits FROM rate_limits WHERE name = ? AND bucket = ?"
                                " AND window_start = ?",
                                (name, bucket, instant(previous_start))).fetchone()
            room = limit - weight * (before[0] if before else 0)  # for this window's count
            # The condition is checked on the row as it is when the upsert locks it, so two
            # hosts counting at once cannot both take the last place.
            return room > 0 and db.execute(
                "INSERT INTO rate_limits (name, bucket, window_start, hits) VALUES (?, ?, ?, 1)"
                " ON CONFLICT (name, bucket, window_start) DO UPDATE"
                " SET hits = rate_limits.hits + 1 WHERE rate_limits.hits < ?",
                (name, bucket, instant(window_start), room)).rowcount > 0


class SqlWebhookTokens(Tables):
    def first_use(self, provider: str, token: str, expires_at: datetime, now: datetime,
                  ) -> bool:
        with self._db.transaction() as db:
            db.execute("DELETE FROM webhook_tokens WHERE expires_at <= ?", (instant(now),))
            return db.execute(
                "INSERT INTO webhook_tokens (provider, token, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING", (provider, token, instant(expires_at)),
            ).rowcount > 0
