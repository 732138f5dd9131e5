"""Canonical URLs: one story, one URL, however the feed or the share button dressed it up.

A story's id and "was it sent already" both hang on this form, and it is also the link
readers click, so it only ever drops what cannot tell two articles apart: case in the scheme
and host, a default port, the fragment, a password, and query parameters known by their whole
name to be trackers. The path is kept as written.

courlan (which trafilatura uses) was tried here and left out: its tracker test searches
parameter names for pieces such as "cid", "source", "uid" and "ga", so `?cid=101` and
`?cid=102`, two articles, became one URL, and its path re-encoding gave every stored story a
new identity (a resend) on upgrade.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that only say where the reader came from, matched on the whole name: analytics
# (utm_, Matomo/Piwik, HubSpot, Adobe), the ad networks' click ids, mailing tools, and news
# sites' own share and feed markers.
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|mtm_\w+|pk_\w+|piwik_\w+|_hsenc|_hsmi|__hs\w+|at_medium|at_campaign|"
    r"at_custom\d*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|yclid|igshid|"
    r"mc_cid|mc_eid|mkt_tok|_ga|_gl|cmpid|ocid|icid|smid|sr_share|ref|ref_src|rss|src|"
    r"traffic_source|xtor|__twitter_impression|maca|mbid)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": 80, "https": 443}
# A URL canonical already but for its fragment, as most feed links are: lower-case http(s),
# a plain lower-case host with no port or user, no query. Read by this one match, it skips
# urljoin, urlsplit and urlencode (a collection canonicalizes every entry's link, then
# storing and selecting read each stored URL again).
PLAIN = re.compile(r"(https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*)(/[^?#\s]*)?(?:#.*)?", re.ASCII)


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute, lower-case scheme and host, no default port, fragment, password or tracking
    parameters; the path as written."""
    url = url.strip()
    plain = PLAIN.fullmatch(url)
    if plain:
        return plain.group(1) + (plain.group(2) or "/")
    return spelled_out(url, base)


def spelled_out(url: str, base: str | None = None) -> str:
    """`canonical_url` the long way: joined to `base`, split, and put together again."""
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not tracking(k)],
        doseq=True,
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def tracking(parameter: str) -> bool:
    """Whether a query parameter only says where the reader came from; a name left with an
    HTML-escaped ampersand before it ("amp;utm_source") counts as the name."""
    return bool(TRACKING_PARAMS.match(parameter.removeprefix("amp;")))
