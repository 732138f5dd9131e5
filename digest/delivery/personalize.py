"""A rendered Email and the newsletter's settings -> the Edition every copy shares, and each
recipient's own values: their greeting, their unsubscribe link and headers, their Message-ID.

The renderer names the slots; this module alone knows what goes in them, so that a backend
never has to work out what differs between two copies.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email.headerregistry import Address

import jinja2
from markupsafe import escape

from ..config import Newsletter
from ..core.errors import RenderError
from ..core.models import Email, Recipient
from ..core.sanitize import GREETING, UNSUBSCRIBE, one_line, sandboxed
from .addresses import parse_address
from .message import Edition, Personal, fill_slots
from .unsubscribe import Unsubscribe


def list_id(newsletter: Newsletter, sender: Address) -> str:
    if newsletter.list_id:
        return newsletter.list_id
    slug = "-".join("".join(c if c.isalnum() else " " for c in newsletter.title.lower()).split())
    return f"{newsletter.title} <{slug or 'digest'}.{sender.domain}>"


def sender_domain(newsletter: Newsletter) -> str:
    return parse_address(newsletter.sender).domain


def edition_of(email: Email, newsletter: Newsletter, now: datetime) -> Edition:
    """What every recipient's copy of `email` shares, dated `now`."""
    sender = parse_address(newsletter.sender)
    return Edition(
        sender=sender,
        reply_to=parse_address(newsletter.reply_to) if newsletter.reply_to else None,
        subject=one_line(email.subject),
        date=now,
        headers=(("List-Id", one_line(list_id(newsletter, sender))),),
        text=email.text,
        html=email.html,
    )


def greeting_for(newsletter: Newsletter, recipient: Recipient) -> str:
    """The recipient's greeting line; `name`, `email` and the CSV `fields` are available
    (a column a row lacks is empty, not an error)."""
    try:
        text = sandboxed(newsletter.greeting, jinja2.ChainableUndefined).render(
            name=recipient.name or "", email=recipient.email, fields=recipient.fields
        )
    except jinja2.TemplateError as exc:
        raise RenderError(f"newsletter.greeting: {exc}") from None
    return one_line(text)


def slot_values(
    recipient: Recipient | None, newsletter: Newsletter
) -> tuple[dict[str, str], dict[str, str]]:
    """Every slot's value for `recipient`, (html, text): the greeting (none when there is no
    recipient, a preview, or it comes out empty) and the unsubscribe link."""
    unsubscribe = Unsubscribe.of(newsletter, recipient and recipient.email)
    return _slots(newsletter, recipient, unsubscribe)


def _slots(
    newsletter: Newsletter, recipient: Recipient | None, unsubscribe: Unsubscribe
) -> tuple[dict[str, str], dict[str, str]]:
    greeting = greeting_for(newsletter, recipient) if recipient else ""
    link = unsubscribe.footer_link or ""
    html = {GREETING: f"{escape(greeting)}<br>" if greeting else "", UNSUBSCRIBE: str(escape(link))}
    text = {GREETING: f"{greeting}\n" if greeting else "", UNSUBSCRIBE: link}
    return html, text


def personalize(recipient: Recipient, newsletter: Newsletter, message_id: str) -> Personal:
    """What `recipient` has of their own in every edition of `newsletter`."""
    unsubscribe = Unsubscribe.of(newsletter, recipient.email)  # HMACs: made once a recipient
    html, text = _slots(newsletter, recipient, unsubscribe)
    headers = []
    header = unsubscribe.header
    if header:
        headers.append(("List-Unsubscribe", header))
    if unsubscribe.url:  # RFC 8058: the URL takes a POST of this body to unsubscribe at once
        headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    # The address is normalized already (addresses.py): split, not parsed again.
    username, _, domain = recipient.email.rpartition("@")
    return Personal(
        recipient=recipient,
        to=Address(display_name=one_line(recipient.name or ""), username=username,
                   domain=domain),
        message_id=message_id,
        html=html,
        text=text,
        headers=tuple(headers),
    )


def personalized(email: Email, recipient: Recipient | None, newsletter: Newsletter) -> Email:
    """One recipient's copy of a rendered edition, its slots filled, for a preview; with no
    recipient, the unsubscribe link as configured and no greeting."""
    html, text = slot_values(recipient, newsletter)
    return replace(email, html=fill_slots(email.html, html), text=fill_slots(email.text, text))

