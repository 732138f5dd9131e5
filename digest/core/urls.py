"""Canonical URLs: one story, one URL, however the feed or the share button dressed it up.

courlan does the normalising (scheme and host in lower case, no default port, the path's
slashes and percent-encoding, punycode hosts in one form) and judges which query parameters
are trackers. The query itself is rebuilt here, in its own order: courlan sorts it and drops a
parameter with no value ("?1234"), which can be an article's only identity, and the canonical
URL is also the link readers click.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit

from courlan import normalize_url
from courlan.clean import clean_query

# Tracking parameters of news sites that courlan's list does not name.
NEWS_TRACKING = re.compile(
    r"^(rss|src|smid|icid|ocid|cmpid|at_custom\d*|_hsenc|_hsmi|__twitter_impression|"
    r"sr_share|maca|mbid)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute, normalised by courlan, without fragment, password or tracking parameters."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not tracking(k)],
        doseq=True,
    )
    address = normalize_url(SplitResult(scheme, netloc, parts.path or "/", "", ""))
    return f"{address}?{query}" if query else address


def tracking(parameter: str) -> bool:
    """Whether a query parameter only says where the reader came from."""
    return bool(NEWS_TRACKING.match(parameter)) or not clean_query(f"{parameter}=1")
