"""Email + recipient -> a standards-compliant email.message.EmailMessage.

Header values come from config and story titles: they pass through `one_line`, and the
email package itself refuses any CR or LF left, so no input can add or split a header. The
unsubscribe links are validated when the config is loaded and filled in per recipient with
percent-encoded or hex values (unsubscribe.py).
"""

from __future__ import annotations

import binascii
import re
from datetime import datetime
from email import policy
from email.headerregistry import Address, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage, MIMEPart
from email.policy import Policy
from email.utils import format_datetime, make_msgid

from ..addresses import parse_address
from ..config import Newsletter
from ..models import Email, Recipient
from ..render import personalize
from ..sanitize import one_line
from .unsubscribe import Unsubscribe


class UrlListHeader(UnstructuredHeader):
    """A header of <URL>s (List-Unsubscribe), folded only between them. The email package
    would fold a URL longer than a line by turning it into encoded words, which mail
    clients do not read as a URL."""

    def fold(self, *, policy: Policy) -> str:
        links = re.findall(r"<[^<>]*>", self)
        joined = ", ".join(links)
        if joined != self:  # not a list of <URL>s after all
            return super().fold(policy=policy)
        line = f"{self.name}: {joined}"
        if policy.max_line_length and len(line) > policy.max_line_length:
            line = f"{self.name}: " + f",{policy.linesep} ".join(links)
        return line + policy.linesep


# The default policy, but for List-Unsubscribe; a registry of its own leaves the default's alone.
HEADERS = HeaderRegistry()
HEADERS.map_to_type("list-unsubscribe", UrlListHeader)
POLICY = policy.default.clone(header_factory=HEADERS)


def list_id(newsletter: Newsletter, sender: Address) -> str:
    if newsletter.list_id:
        return newsletter.list_id
    slug = "-".join("".join(c if c.isalnum() else " " for c in newsletter.title.lower()).split())
    return f"{newsletter.title} <{slug or 'digest'}.{sender.domain}>"


def sender_domain(newsletter: Newsletter) -> str:
    return parse_address(newsletter.sender).domain


def build_message(
    email: Email, recipient: Recipient, newsletter: Newsletter, now: datetime,
    message_id: str | None = None,
) -> EmailMessage:
    """One recipient's copy of the digest: multipart/alternative, text first, then HTML."""
    email = personalize(email, recipient, newsletter)
    sender = parse_address(newsletter.sender)
    message = EmailMessage(policy=POLICY)
    message["Subject"] = one_line(email.subject)
    message["From"] = sender
    message["To"] = Address(
        display_name=one_line(recipient.name or ""),
        addr_spec=recipient.email,
    )
    if newsletter.reply_to:
        message["Reply-To"] = parse_address(newsletter.reply_to)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id or make_msgid(domain=sender.domain)
    message["List-Id"] = one_line(list_id(newsletter, sender))
    unsubscribe = Unsubscribe.of(newsletter, recipient.email)
    if unsubscribe.header:
        message["List-Unsubscribe"] = unsubscribe.header
    if unsubscribe.url:  # RFC 8058: the URL takes a POST of this body to unsubscribe at once
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.make_alternative()
    message.attach(text_part(email.text, "plain"))
    message.attach(text_part(email.html, "html"))
    return message


def text_part(content: str, subtype: str) -> MIMEPart:
    """A UTF-8 text part in quoted-printable, encoded by binascii's C code: the email
    package's own encoder is pure Python and took most of the time of a large send."""
    part = MIMEPart(policy=policy.default)
    part["Content-Type"] = f"text/{subtype}; charset=utf-8"
    part["Content-Transfer-Encoding"] = "quoted-printable"
    lines = content.replace("\r\n", "\n").encode("utf-8")
    part.set_payload(binascii.b2a_qp(lines, istext=True).decode("ascii"))
    return part
