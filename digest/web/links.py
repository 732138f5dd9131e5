"""Where an edition lives in the archive, for the web app, the static build and the
`web_version_url` a sent edition links to."""

from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^0-9A-Za-z-]+")


def edition_slug(key: str) -> str:
    """An edition's key ("2026-11-28", or "2026-11-28 07:00:00" with several a day) as one
    path segment: "2026-11-28", "2026-11-28-070000"."""
    return _NOT_SLUG.sub("-", key.replace(":", "")).strip("-")


def archive_url(base_url: str, key: str) -> str:
    return f"{base_url}/archive/{edition_slug(key)}/"
