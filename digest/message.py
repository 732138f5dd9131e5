"""Email + recipient -> a standards-compliant email.message.EmailMessage.

Header values come from config and story titles: they pass through `one_line`, and the
email package itself refuses any CR or LF left, so no input can add or split a header.
"""

from __future__ import annotations

import binascii
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, make_msgid

from .addresses import parse_address
from .config import Newsletter
from .models import Email, Recipient
from .render import personalize
from .sanitize import one_line


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
    message = EmailMessage()
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
    unsubscribe = [
        f"<{link}>"
        for link in (
            newsletter.unsubscribe_url,
            newsletter.unsubscribe_mailto and f"mailto:{newsletter.unsubscribe_mailto}",
        )
        if link
    ]
    if unsubscribe:
        message["List-Unsubscribe"] = ", ".join(unsubscribe)
    if newsletter.unsubscribe_url:
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
