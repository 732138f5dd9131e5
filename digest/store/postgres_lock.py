"""A sender's presence in the PostgreSQL state, seen by every host sharing it.

A session advisory lock on a connection of its own, which the server releases when the
session ends: the process exits or is killed, or its host dies or is cut off, which the
server finds out by TCP keepalives within `KEEPALIVE_LIMIT` seconds.

What the server answers: granted (done); while held, a lost session (found out at the
holder's next check, `keep`: it takes the lock again); held by another session (the caller waits; a
presence lock is named after one process, so it never is); a connection error: a StateError,
retry later (`postgres_db`). Asked whether another session holds it: held (that sender is
alive), free (it is gone), or a connection error.
"""

from __future__ import annotations

import contextlib
import zlib

import psycopg

from .postgres_db import CONNECT_TIMEOUT, state_error

# Keepalives on a lock's session, both ways: a holder whose host died is found out (and its
# lock released) within idle + interval * count seconds.
KEEPALIVE = {"idle": 10, "interval": 5, "count": 3}
KEEPALIVE_LIMIT = KEEPALIVE["idle"] + KEEPALIVE["interval"] * KEEPALIVE["count"]


class AdvisoryLock:
    """A lock named `name`, held by one session of the database at a time."""

    def __init__(self, url: str, name: str) -> None:
        self.url = url
        self.key = zlib.crc32(f"digest {name}".encode())
        self._connection: psycopg.Connection | None = None

    def _connect(self) -> psycopg.Connection:
        server = " ".join(f"-c tcp_keepalives_{k}={v}" for k, v in KEEPALIVE.items())
        client = {f"keepalives_{k}": v for k, v in KEEPALIVE.items()}
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                                   keepalives=1, options=server, **client)
        except psycopg.Error as exc:
            raise state_error(self.url, "cannot connect to the state database", exc) from None

    def take(self) -> None:
        """Take the lock, waiting while another session holds it."""
        connection = self._connect()
        try:
            connection.execute("SELECT pg_advisory_lock(%s)", (self.key,))
        except psycopg.Error as exc:
            connection.close()
            raise state_error(self.url, "cannot take a lock in the state database", exc
                              ) from None
        self._connection = connection

    def keep(self) -> None:
        """Make sure this process still holds the lock it took: when its session was lost
        (the server restarted, or dropped the connection), the server released it and other
        hosts take its holder for gone; take it again on a new session. A connection error
        is a StateError: retry later."""
        connection = self._connection
        if connection is None:
            return
        try:
            connection.execute("SELECT 1")
            return
        except psycopg.Error:
            connection.close()
            self._connection = None
        self.take()

    def release(self) -> None:
        """Unlock, so that the lock is free when this returns (closing the session alone
        frees it only once the server has noticed), then end the session."""
        if self._connection is not None:
            with contextlib.suppress(psycopg.Error):  # a lost session has released it already
                self._connection.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
            self._connection.close()
            self._connection = None

    def held_elsewhere(self) -> bool:
        """Whether another session holds the lock now, asked of `pg_locks` (taking it to
        see would refuse a holder that starts at that moment)."""
        with self._connect() as connection:
            try:
                row = connection.execute(
                    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND database = (SELECT oid FROM pg_database"
                    "                 WHERE datname = current_database())"
                    " AND classid = 0 AND objid = %s::bigint::oid AND objsubid = 1"
                    " AND pid <> pg_backend_pid()", (self.key,)).fetchone()
            except psycopg.Error as exc:
                raise state_error(self.url, "cannot read the locks of the state database",
                                  exc) from None
        return bool(row and row[0])
