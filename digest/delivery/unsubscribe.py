"""Each recipient's own way out: the List-Unsubscribe header (RFC 2369), one-click
unsubscribing (RFC 8058) and the footer link.

A one-click unsubscribe is a POST whose body is only `List-Unsubscribe=One-Click`, so the URL
itself must say who is leaving. `newsletter.unsubscribe_url` and `unsubscribe_mailto` may hold
`{email}` (the address, percent-encoded) and `{token}` (an HMAC of the address keyed with
`newsletter.unsubscribe_secret`), by which the list's server can tell that a link is genuine
and nobody can unsubscribe someone else by writing in their address.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import quote

from ..config import UNSUBSCRIBE_PLACEHOLDER, Newsletter

TOKEN_LENGTH = 32  # hex digits: 128 bits


def unsubscribe_token(secret: str, email: str) -> str:
    """HMAC-SHA256 of the lower-cased address keyed with `secret`, its first 32 hex digits."""
    mac = hmac.new(secret.encode(), email.lower().encode(), hashlib.sha256)
    return mac.hexdigest()[:TOKEN_LENGTH]


def fill(template: str, email: str, newsletter: Newsletter) -> str:
    """`template` with its placeholders filled in for `email`, in one pass. The values are
    percent-encoded or hex, so an address cannot end the link or the header line."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) == "email":
            return quote(email, safe="")
        secret = newsletter.unsubscribe_secret
        assert secret is not None, "a {token} without a secret is refused when loading"
        return unsubscribe_token(secret.get_secret_value(), email)

    return UNSUBSCRIBE_PLACEHOLDER.sub(value, template)


@dataclass(frozen=True)
class Unsubscribe:
    """One recipient's unsubscribe links; either is None when not configured."""

    url: str | None
    mailto: str | None  # an address, perhaps with ?subject=…

    @classmethod
    def of(cls, newsletter: Newsletter, email: str | None) -> Unsubscribe:
        """The links for `email`; for no one (a preview) as configured, placeholders and all."""

        def link(template: str | None) -> str | None:
            if template is None or email is None:
                return template
            return fill(template, email, newsletter)

        return cls(link(newsletter.unsubscribe_url), link(newsletter.unsubscribe_mailto))

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
