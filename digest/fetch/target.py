"""The URL a request goes to, read once, by urllib3's parser (the one that connects).

Every part of a request (the guard, the proxy and `NO_PROXY` choice, the cookies, netrc,
the per-host slot, `Response.url`) must read the same host from a URL as urllib3 does when
it connects, or a URL that two parsers read apart (`http://169.254.169.254\\@example.com/`:
urllib.parse's host is example.com, urllib3's 169.254.169.254) passes the guard for one host
and is fetched from the other. So each URL, the first and each redirect's, is parsed here
once by urllib3 and spelled again as requests prepared it (its `requote_uri`, so that story
ids made of `Response.url` stay what they were): a backslash and control characters come out
percent-encoded, and everything after reads the one spelling. The userinfo of a URL is taken
out of it: its user and password are the request's Basic credentials (for that URL's site,
not carried to another host by a redirect), never sent in the URL or shown in a message.
"""

from __future__ import annotations

import base64
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunparse

from .guard import DEFAULT_PORTS

UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


class BadUrl(ValueError):
    """A URL whose host, port or label cannot be read."""


@dataclass(frozen=True)
class Target:
    """`url`: what is fetched and what every check reads (no userinfo); `shown`: the same
    with the user name kept but not the password (as `canonical_url` keeps it, so story ids
    hold); `credentials`: the userinfo's user and password, when it has both (as requests
    took them)."""

    url: str
    shown: str
    credentials: tuple[str, str] | None = None

    def authorization(self) -> str | None:
        """The Basic Authorization header of the credentials, or None."""
        if self.credentials is None:
            return None
        joined = ":".join(self.credentials)
        try:
            raw = joined.encode("latin-1")  # as requests encodes them
        except UnicodeEncodeError:
            raw = joined.encode("utf-8")
        return "Basic " + base64.b64encode(raw).decode("ascii")


def target(url: str) -> Target:
    """`url` read by urllib3 and spelled as requests' `PreparedRequest.prepare_url` spells it;
    BadUrl for one whose host, port or label cannot be read."""
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    url = url.lstrip()
    try:
        parts = parse_url(url)
    except LocationParseError as exc:  # its words may quote the URL: not its password
        raise BadUrl(str(exc).replace(url, safe(url))) from None
    if not parts.host:
        raise BadUrl("No host specified.")  # urllib3's words
    if parts.host.startswith(("*", ".")):
        raise BadUrl("URL has an invalid label.")
    netloc = parts.host + (f":{parts.port}" if parts.port else "")
    user, _, password = (parts.auth or "").partition(":")

    def spelled(location: str) -> str:
        return requote_uri(urlunparse((parts.scheme or "", location, parts.path or "/", "",
                                       parts.query, parts.fragment)))

    credentials = None
    if parts.auth is not None and ":" in parts.auth:
        credentials = (unquote(user), unquote(password))
    return Target(spelled(netloc), spelled(f"{user}@{netloc}" if parts.auth else netloc),
                  credentials)


def safe(url: str) -> str:
    """`url` without its userinfo, for a message (read by urllib.parse: a URL that cannot be
    fetched; one urllib.parse cannot read loses its password still)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return without_password(url)
    if "@" in parts.netloc:
        return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
    return url


def without_password(url: str) -> str:
    """`url` with the password of its userinfo taken out (the user name and every other
    character kept as written), read by plain string search so that no URL, however
    broken, keeps it; `url` itself when it has none."""
    start = url.find("//")
    if start < 0:
        return url
    end = len(url)
    for mark in "/?#":
        found = url.find(mark, start + 2)
        if found >= 0:
            end = min(end, found)
    userinfo, at, host = url[start + 2 : end].rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{url[: start + 2]}{userinfo.partition(':')[0]}@{host}{url[end:]}"


def requote_uri(uri: str) -> str:
    """requests' `requote_uri`: the unreserved characters' escapes undone, then whatever is
    not allowed in a URL escaped (written out here: importing requests costs what the
    collect command saves by not using it)."""
    try:
        return quote(unquote_unreserved(uri), safe="!#$%&'()*+,/:;=?@[]~")
    except ValueError:  # a "%" that starts no escape
        return quote(uri, safe="!#$&'()*+,/:;=?@[]~")


def unquote_unreserved(uri: str) -> str:
    """requests' `unquote_unreserved`: ValueError for an escape that is not hexadecimal."""
    parts = uri.split("%")
    for i in range(1, len(parts)):
        code = parts[i][0:2]
        if len(code) == 2 and code.isalnum():
            character = chr(int(code, 16))
            parts[i] = (character + parts[i][2:] if character in UNRESERVED
                        else f"%{parts[i]}")
        else:
            parts[i] = f"%{parts[i]}"
    return "".join(parts)


def redirect_target(url: str, location: str, fragment: str) -> tuple[str, str]:
    """Where a redirect from `url` leads, as requests reads a Location header (UTF-8 sent
    as Latin-1, relative to `url`, percent-encoded), and the fragment it carries on."""
    with suppress(UnicodeError):
        location = location.encode("latin-1").decode("utf-8")
    if location.startswith("//"):
        location = f"{urlsplit(url).scheme}:{location}"
    parts = urlsplit(location)
    if parts.fragment:
        fragment = parts.fragment
    elif fragment:
        parts = parts._replace(fragment=fragment)
    target = quote(parts.geturl(), safe="!#$%&'()*+,/:;=?@[]~")
    return (urljoin(url, target) if not parts.netloc else target), fragment


def same_site(old: str, new: str) -> bool:
    """Whether credentials for `old` may go to `new` (requests' `should_strip_auth`, the
    other way round): the same host, and the same scheme and port, or http's default port
    upgraded to https'."""
    before, after = urlsplit(old), urlsplit(new)
    if before.hostname != after.hostname:
        return False
    if (before.scheme, after.scheme) == ("http", "https") and before.port in (80, None) \
            and after.port in (443, None):
        return True
    defaults = (DEFAULT_PORTS.get(before.scheme), None)
    if before.scheme == after.scheme and before.port in defaults and after.port in defaults:
        return True
    return before.scheme == after.scheme and before.port == after.port
