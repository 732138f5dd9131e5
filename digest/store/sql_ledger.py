"""The send ledger in SQL both engines run: each recipient's row of an edition, and the
leases by which several senders share an edition's recipients.

A sender claims a batch of waiting rows (`claim`): they carry its name (`owner`) until
`lease_until`, which it renews while it works. On PostgreSQL the claim skips rows another
transaction has locked at that moment (`FOR UPDATE SKIP LOCKED`), so senders never wait on
each other; SQLite's write transactions are serial (`BEGIN IMMEDIATE`), which gives the same.
A row whose lease lapsed is free again: waiting rows go back to the queue (`claim` takes
them), rows in flight (`sending`) become `unknown` (`lapse`), never sent again blindly.
Who holds a row is its `owner`: a claim changes it and a lapse moves the row on, so a
sender that renews late gets back only what nobody else took meanwhile.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from ..core.models import OUTSTANDING, DeliveryResult, DeliveryStatus
from .interface import Delivery
from .sql import FREE, Tables, Writer, iso

HELD = (*OUTSTANDING, DeliveryStatus.SENDING)  # the statuses a lease means something in
_ROW = "address, name, status, message_id, error"


def _marks(values: Collection[object]) -> str:
    return ",".join("?" * len(values))


class SqlLedger(Tables):
    def deliveries(
        self, edition_id: int, status: DeliveryStatus | None = None
    ) -> list[Delivery]:
        sql = f"SELECT {_ROW} FROM deliveries WHERE edition_id = ?"
        params: tuple[object, ...] = (edition_id,)
        if status:
            sql, params = sql + " AND status = ?", (edition_id, status)
        return [_delivery(*row) for row in self._db.rows(sql + " ORDER BY rowid", params)]

    def move(
        self, edition_id: int, source: Collection[DeliveryStatus], target: DeliveryStatus,
        now: datetime, *, addresses: Iterable[str] | None = None, error: str | None = None,
        holder: str | None = None,
    ) -> int:
        with self._db.transaction() as db:
            return _move(db, edition_id, source, target, now, addresses, error, holder)

    def undelivered(self, edition_id: int) -> list[Delivery]:
        return [d for d in self.deliveries(edition_id) if d.status in OUTSTANDING]

    def record(self, edition_id: int, results: Iterable[DeliveryResult], now: datetime,
               holder: str | None = None) -> None:
        with self._db.transaction() as db:
            _record(db, edition_id, results, now, holder)

    def record_and_take(self, edition_id: int, results: Sequence[DeliveryResult],
                        addresses: Sequence[str], now: datetime, holder: str) -> int:
        with self._db.transaction() as db:
            if results:
                _record(db, edition_id, results, now, holder)
            if not addresses:
                return 0
            return _move(db, edition_id, OUTSTANDING, DeliveryStatus.SENDING, now, addresses,
                         None, holder)

    def claim(
        self, edition_id: int, owner: str, now: datetime, until: datetime, limit: int | None,
        statuses: Sequence[DeliveryStatus] = OUTSTANDING,
    ) -> list[Delivery]:
        claimed: list[Delivery] = []
        with self._db.transaction() as db:
            for status in statuses:  # one status at a time: the index gives them in order
                room = None if limit is None else limit - len(claimed)
                if room is not None and room <= 0:
                    break
                pick = (f"SELECT rowid FROM deliveries WHERE edition_id = ? AND status = ?"
                        f" AND {FREE} ORDER BY rowid")
                params: tuple[object, ...] = (edition_id, status, iso(now))
                if room is not None:
                    pick, params = pick + " LIMIT ?", (*params, room)
                rows = db.execute(
                    f"UPDATE deliveries SET owner = ?, lease_until = ?"
                    f" WHERE rowid IN ({pick}{self._db.skip_locked}) RETURNING rowid, {_ROW}",
                    (owner, iso(until), *params)).fetchall()
                claimed += [_delivery(*row[1:]) for row in sorted(rows)]
        return claimed

    def renew(self, edition_id: int, owner: str, until: datetime) -> int:
        # Rows locked at this moment are passed over (PostgreSQL): the sender's own write of
        # a result and the next take holds two, and waiting for them from the renewing
        # thread's connection could deadlock with it. They keep two thirds of their lease
        # and are renewed next time.
        held = (f"SELECT rowid FROM deliveries WHERE edition_id = ? AND owner = ?"
                f" AND status IN ({_marks(HELD)}){self._db.skip_locked}")
        with self._db.transaction() as db:
            return db.execute(
                f"UPDATE deliveries SET lease_until = ? WHERE rowid IN ({held})",
                (iso(until), edition_id, owner, *HELD)).rowcount

    def release(self, edition_id: int, owner: str) -> int:
        with self._db.transaction() as db:
            return db.execute(
                f"UPDATE deliveries SET owner = NULL, lease_until = NULL"
                f" WHERE edition_id = ? AND owner = ? AND status IN ({_marks(OUTSTANDING)})",
                (edition_id, owner, *OUTSTANDING)).rowcount

    def held(self, edition_id: int, owner: str) -> list[Delivery]:
        return [_delivery(*row) for row in self._db.rows(
            f"SELECT {_ROW} FROM deliveries WHERE edition_id = ? AND owner = ?"
            f" AND status IN ({_marks(HELD)}) ORDER BY rowid", (edition_id, owner, *HELD))]

    def leases(self, now: datetime) -> set[tuple[int, str]]:
        return {(int(edition_id), owner) for edition_id, owner in self._db.rows(
            f"SELECT DISTINCT edition_id, owner FROM deliveries WHERE status IN ({_marks(HELD)})"
            f" AND owner IS NOT NULL AND lease_until >= ?", (*HELD, iso(now)))}

    def expire(self, owner: str) -> int:
        with self._db.transaction() as db:
            return db.execute(
                f"UPDATE deliveries SET lease_until = NULL WHERE owner = ?"
                f" AND status IN ({_marks(HELD)})", (owner, *HELD)).rowcount

    def lapse(self, now: datetime, error: str) -> set[int]:
        with self._db.transaction() as db:
            return {int(row[0]) for row in db.execute(
                f"UPDATE deliveries SET status = ?, updated_at = ?, error = ?"
                f" WHERE status = ? AND {FREE} RETURNING edition_id",
                (DeliveryStatus.UNKNOWN, iso(now), error, DeliveryStatus.SENDING, iso(now)),
            ).fetchall()}


def _move(
    db: Writer, edition_id: int, source: Collection[DeliveryStatus], target: DeliveryStatus,
    now: datetime, addresses: Iterable[str] | None, error: str | None, holder: str | None,
) -> int:
    free = ", owner = NULL, lease_until = NULL" if target in OUTSTANDING else ""
    sql = (f"UPDATE deliveries SET status = ?, updated_at = ?, error = COALESCE(?, error)"
           f"{free} WHERE edition_id = ? AND status IN ({_marks(source)})")
    params: tuple[object, ...] = (target, iso(now), error, edition_id, *source)
    if holder is not None:
        sql += " AND owner = ? AND lease_until >= ?"
        params += (holder, iso(now))
    if addresses is None:
        return db.execute(sql, params).rowcount
    return db.executemany(sql + " AND recipient = ?",
                          [(*params, a.lower()) for a in addresses]).rowcount


def _record(db: Writer, edition_id: int, results: Iterable[DeliveryResult], now: datetime,
            holder: str | None) -> None:
    sql = ("UPDATE deliveries SET status = ?, message_id = ?, error = ?, updated_at = ?"
           " WHERE edition_id = ? AND recipient = ?")
    held: tuple[str, ...] = ()
    if holder is not None:
        sql, held = sql + " AND owner = ?", (holder,)
    db.executemany(sql, [(r.status, r.message_id, r.error, iso(now), edition_id,
                          r.recipient.lower(), *held) for r in results])


def _delivery(address: str, name: str | None, status: str, message_id: str | None,
              error: str | None) -> Delivery:
    return Delivery(address, name, DeliveryStatus(status), message_id, error)
