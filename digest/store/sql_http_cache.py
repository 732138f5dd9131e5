"""The HTTP cache's ETag and Last-Modified per URL, kept by the URL without its password.

A source's URL may carry credentials (`https://user:pw@host/feed`): the request sends them,
but the state database must not keep the password, so a row's key is the URL with the
password taken out (the user name stays, so two accounts' copies of one feed stay apart).
Rows an earlier version keyed by the whole URL are still read, and replaced by the new key
the next time the URL is recorded: no extra full fetch after an upgrade.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .sql import Tables, iso


def cache_key(url: str) -> str:
    """`url` without its password (imported here, when used: `digest status` reads the
    state without loading digest.fetch)."""
    from ..fetch.target import without_password

    return without_password(url)


class SqlHttpCache(Tables):
    def validators(self, url: str) -> tuple[str | None, str | None]:
        key = cache_key(url)
        rows = {row[0]: (row[1], row[2]) for row in self._db.rows(
            "SELECT url, etag, last_modified FROM http_cache WHERE url IN (?, ?)", (key, url))}
        return rows.get(key) or rows.get(url) or (None, None)

    def checked(self, urls: Iterable[str]) -> dict[str, datetime]:
        """By the URLs asked for, each found by its key or else by an earlier version's."""
        keys = {url: cache_key(url) for url in urls}
        found = self._moments("SELECT url, checked_at FROM http_cache WHERE url IN ({marks})",
                              {*keys, *keys.values()})
        moments = {url: found.get(key) or found.get(url) for url, key in keys.items()}
        return {url: moment for url, moment in moments.items() if moment is not None}

    def record(
        self, entries: Iterable[tuple[str, str | None, str | None]], now: datetime
    ) -> None:
        """Kept by each URL's key; a row an earlier version kept by the whole URL (its
        password in it) is removed."""
        entries = list(entries)
        with self._db.transaction() as db:
            db.executemany(
                "INSERT INTO http_cache (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                [(cache_key(url), etag, modified, iso(now)) for url, etag, modified in entries],
            )
            db.executemany("DELETE FROM http_cache WHERE url = ?",
                           [(url,) for url, _, _ in entries if cache_key(url) != url])
