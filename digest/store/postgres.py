"""The PostgreSQL engine (`state.url`): the four stores over a pool of connections to one
database, shared by any number of digest processes on any hosts."""

from __future__ import annotations

from .postgres_db import open_database, peek_database
from .sql_coordination import Now, server_now
from .sql_engine import SqlEngine


class PostgresEngine(SqlEngine):
    """The state in a PostgreSQL database. `open` migrates it; `peek` never writes. Leases
    are timed by the server's clock, which every host sharing it reads."""

    lease_clock: Now = staticmethod(server_now)

    @classmethod
    def open(cls, url: str) -> PostgresEngine:
        return cls(open_database(url))

    @classmethod
    def peek(cls, url: str) -> PostgresEngine:
        return cls(peek_database(url))
