"""Each recipient's own way out: the List-Unsubscribe header (RFC 2369), one-click
unsubscribing (RFC 8058) and the footer link.

A one-click unsubscribe is a POST whose body is only `List-Unsubscribe=One-Click`, so the URL
itself must say who is leaving. `newsletter.unsubscribe_url` and `unsubscribe_mailto` may hold
`{email}` (the address, percent-encoded) and `{token}` (an HMAC of the address keyed with
`newsletter.unsubscribe_secret`), by which the list's server can tell that a link is genuine
and nobody can unsubscribe someone else by writing in their address.

With `newsletter.base_url` and no `unsubscribe_url`, the links go to `digest serve`:
`{base_url}/unsubscribe/<token>`, where the token carries the address and an HMAC bound to
its purpose (a token made for one purpose, an unsubscribe or a sign-up's confirmation, never
passes for another), perhaps with an expiry; `read_token` checks it in constant time.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import quote

from ..config import UNSUBSCRIBE_PLACEHOLDER, Newsletter

TOKEN_LENGTH = 32  # hex digits: 128 bits


def unsubscribe_token(secret: str, email: str) -> str:
    """HMAC-SHA256 of the lower-cased address keyed with `secret`, its first 32 hex digits."""
    mac = hmac.new(secret.encode(), email.lower().encode(), hashlib.sha256)
    return mac.hexdigest()[:TOKEN_LENGTH]


class Purpose(StrEnum):
    """What a signed token is for; part of what its HMAC covers."""

    UNSUBSCRIBE = "unsubscribe"
    CONFIRM = "confirm"  # a sign-up's confirmation link


def _mac(secret: str, purpose: Purpose, *parts: str) -> str:
    message = "\0".join((purpose, *parts)).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:TOKEN_LENGTH]


def make_token(secret: str, purpose: Purpose, email: str, expires: datetime | None = None
               ) -> str:
    """`<address, base64url>[.<expiry, unix seconds>].<mac>`: URL-safe, and says whose it is."""
    encoded = base64.urlsafe_b64encode(email.encode()).decode().rstrip("=")
    fields = [encoded] + ([str(int(expires.timestamp()))] if expires else [])
    return ".".join([*fields, _mac(secret, purpose, email.lower(), *fields[1:])])


def read_token(secret: str, purpose: Purpose, token: str, now: datetime | None = None
               ) -> str | None:
    """The address a genuine, unexpired token for `purpose` names; None for anything else."""
    fields = token.split(".")
    if not 2 <= len(fields) <= 3 or len(token) > 512:
        return None
    try:
        email = base64.urlsafe_b64decode(fields[0] + "=" * (-len(fields[0]) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    expected = _mac(secret, purpose, email.lower(), *fields[1:-1])
    if not hmac.compare_digest(expected.encode(), fields[-1].encode()):
        return None
    expired = len(fields) == 3 and (now is None or not fields[1].isdigit()
                                    or int(fields[1]) < now.timestamp())
    return None if expired else email


def served_link(newsletter: Newsletter, email: str | None) -> str | None:
    """The link to `digest serve`'s unsubscribe page for `email` (for no one: the page that
    says where to find one's own), when `base_url` is set and no `unsubscribe_url` is."""
    if newsletter.base_url is None or newsletter.unsubscribe_url is not None:
        return None
    if email is None:
        return f"{newsletter.base_url}/unsubscribe/"
    secret = newsletter.unsubscribe_secret
    assert secret is not None, "a base_url without a secret is refused when loading"
    token = make_token(secret.get_secret_value(), Purpose.UNSUBSCRIBE, email)
    return f"{newsletter.base_url}/unsubscribe/{token}"


# An address of these characters alone, as most are: `quote` would only encode "@" and "+".
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9_.~@+-]*")


def percent_encoded(text: str) -> str:
    """`quote(text, safe="")`, without its walk over every byte for a plain address."""
    if PLAIN_ADDRESS.fullmatch(text):
        return text.replace("@", "%40").replace("+", "%2B")
    return quote(text, safe="")


@functools.lru_cache(maxsize=16)
def _split(template: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A template's text around its placeholders, and their names: parsed once, not once a
    recipient."""
    split = UNSUBSCRIBE_PLACEHOLDER.split(template)  # text, name, text, ...
    return tuple(split[::2]), tuple(split[1::2])


def filler(email: str, newsletter: Newsletter) -> Callable[[str], str]:
    """Fills a template's placeholders for `email`; each value (the token is an HMAC) is
    worked out once, however many templates use it. The values are percent-encoded or hex,
    so an address cannot end the link or the header line."""
    values: dict[str, str] = {}

    def value(name: str) -> str:
        if name == "email":
            return percent_encoded(email)
        secret = newsletter.unsubscribe_secret
        assert secret is not None, "a {token} without a secret is refused when loading"
        return unsubscribe_token(secret.get_secret_value(), email)

    def fill(template: str) -> str:
        texts, names = _split(template)
        parts = [texts[0]]
        for name, text in zip(names, texts[1:], strict=True):
            found = values.get(name)
            if found is None:
                found = values[name] = value(name)
            parts += (found, text)
        return "".join(parts)

    return fill


@dataclass(frozen=True)
class Unsubscribe:
    """One recipient's unsubscribe links; either is None when not configured."""

    url: str | None
    mailto: str | None  # an address, perhaps with ?subject=…

    @classmethod
    def of(cls, newsletter: Newsletter, email: str | None) -> Unsubscribe:
        """The links for `email`; for no one (a preview) as configured, placeholders and all."""

        fill = filler(email, newsletter) if email is not None else None

        def link(template: str | None) -> str | None:
            return template if template is None or fill is None else fill(template)

        return cls(link(newsletter.unsubscribe_url) or served_link(newsletter, email),
                   link(newsletter.unsubscribe_mailto))

    @property
    def header(self) -> str | None:
        """The `List-Unsubscribe` value: the URL first, then the mailto."""
        links = [
            f"<{link}>" for link in (self.url, self.mailto and f"mailto:{self.mailto}") if link
        ]
        return ", ".join(links) or None

    @property
    def footer_link(self) -> str | None:
        """The footer's link: the URL, else a mailto: that says what it is for."""
        if self.url or not self.mailto:
            return self.url
        return f"mailto:{self.mailto}" + ("" if "?" in self.mailto else "?subject=unsubscribe")
