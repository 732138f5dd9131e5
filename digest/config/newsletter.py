"""`newsletter:`: what every copy of the email says of itself (title, sender, subject, links).

Its headers and links are checked here, before anything is rendered or sent: a line break in
a header or a link that an address could turn into another one is refused with the key named.
"""

from __future__ import annotations

import re

from pydantic import ConfigDict, Field, SecretStr, ValidationInfo, field_validator

from ..core.options import Strict
from ..core.sanitize import UNSAFE_IN_URL, safe_url
from .values import AddressText, HeaderText

# `{email}` and `{token}` in the unsubscribe links (see delivery/unsubscribe.py).
UNSUBSCRIBE_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
UNSUBSCRIBE_FIELDS = ("email", "token")
MAILTO = re.compile(r"[^@?#]+@[^@?#]+(\?[^#]*)?")
MIN_SECRET = 16


def _link_problem(link: str, mailto: bool) -> str | None:
    """Why an unsubscribe link (placeholders filled in) cannot go in a header and an href."""
    if not link.isascii():
        return "must be ASCII; percent-encode other characters"
    if mailto and (not MAILTO.fullmatch(link) or UNSAFE_IN_URL.search(link)):
        return "must be an address such as unsubscribe@example.com, perhaps with ?subject=…"
    if not mailto and safe_url(link) != link:
        return "must be an absolute http(s) URL without spaces, quotes or <>"
    return None


class Newsletter(Strict):
    title: HeaderText = "Daily Digest"
    sender: AddressText = Field(alias="from")
    reply_to: AddressText | None = None
    subject: str = "{{ title }} — {{ date }}"
    list_id: HeaderText | None = None
    # Before the links: a validator of theirs looks at it.
    unsubscribe_secret: SecretStr | None = None
    unsubscribe_url: HeaderText | None = None
    unsubscribe_mailto: HeaderText | None = None
    postal_address: str | None = None
    web_version_url: str | None = None
    # Where `digest serve` is reached (behind a reverse proxy): its unsubscribe links and
    # archive pages are made from it.
    base_url: str | None = None
    signup: bool = False  # `digest serve` takes sign-ups (double opt-in) at /subscribe
    language: str = "en"
    greeting: str = "{% if name %}Hello {{ name }},{% endif %}"
    reason: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("subject", "greeting")
    @classmethod
    def _template(cls, value: str) -> str:
        """Caught here, a template mistake stops the run before anything is sent."""
        from jinja2 import TemplateSyntaxError  # slow to import: only for a template set here
        from jinja2.sandbox import SandboxedEnvironment

        try:
            SandboxedEnvironment().parse(value)
        except TemplateSyntaxError as exc:
            raise ValueError(f"not a valid template: {exc.message}") from None
        return value

    @field_validator("unsubscribe_secret")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_SECRET:
            raise ValueError(f"must be at least {MIN_SECRET} characters: a long random string, "
                             "kept in the environment (${NAME})")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        """An absolute http(s) URL; the readers' links are signed, so it needs the secret."""
        if value is None:
            return value
        if safe_url(value) != value or "?" in value or "#" in value:
            raise ValueError("must be an absolute http(s) URL such as https://news.example.com")
        if info.data.get("unsubscribe_secret", "") is None:
            raise ValueError("needs newsletter.unsubscribe_secret, the key of the readers' "
                             "signed links")
        return value.rstrip("/")

    @field_validator("unsubscribe_url", "unsubscribe_mailto")
    @classmethod
    def _unsubscribe_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Only known placeholders, `{token}` only with a secret, and a link that stays one
        whatever an address fills in (the values are percent-encoded or hex)."""
        if value is None:
            return value
        names = UNSUBSCRIBE_PLACEHOLDER.findall(value)
        unknown = [name for name in names if name not in UNSUBSCRIBE_FIELDS]
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {{email}} or {{token}}")
        # Absent from info.data when the secret itself was invalid: that is reported already.
        if "token" in names and info.data.get("unsubscribe_secret", "") is None:
            raise ValueError("{token} needs newsletter.unsubscribe_secret")
        link = UNSUBSCRIBE_PLACEHOLDER.sub("x", value)
        if "{" in link or "}" in link:
            raise ValueError("a { or } outside a placeholder such as {email}")
        problem = _link_problem(link, mailto=info.field_name == "unsubscribe_mailto")
        if problem:
            raise ValueError(problem)
        return value
