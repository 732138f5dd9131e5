"""One recipient's message as SMTP and the file outbox write it, parsed back, for tests that
look at a whole message."""

from __future__ import annotations

from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage

from digest.config import Newsletter
from digest.core.models import Email, Recipient
from digest.delivery.deliver import prepare
from digest.delivery.message import POLICY, Composer


def build_message(
    email: Email, recipient: Recipient, newsletter: Newsletter, now: datetime
) -> EmailMessage:
    prepared = prepare(email, [recipient], newsletter, now, edition="test")
    data = Composer(prepared.edition).message(prepared[0])
    return message_from_bytes(data, _class=EmailMessage, policy=POLICY)
