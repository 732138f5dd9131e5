"""Backends by their `delivery.backend:` name in config.yaml."""

from __future__ import annotations

from ...config import Settings
from .api import ApiBackend
from .base import Backend, Outgoing
from .console import ConsoleBackend
from .file import FileBackend
from .mailgun import MailgunBackend
from .postmark import PostmarkBackend
from .sendgrid import SendgridBackend
from .smtp import SmtpBackend

__all__ = ["Backend", "Outgoing", "make_backend"]

API_BACKENDS: dict[str, type[ApiBackend]] = {
    "sendgrid": SendgridBackend,
    "mailgun": MailgunBackend,
    "postmark": PostmarkBackend,
}


def make_backend(settings: Settings) -> Backend:
    delivery = settings.delivery
    if delivery.backend == "console":
        return ConsoleBackend(html=delivery.console.html)
    if delivery.backend == "smtp":
        smtp = delivery.smtp
        if smtp.ca_file is not None:
            smtp = smtp.model_copy(update={"ca_file": settings.path(smtp.ca_file)})
        return SmtpBackend(smtp, max_per_second=delivery.max_per_second)
    if delivery.backend in API_BACKENDS:
        config = getattr(delivery, delivery.backend)
        return API_BACKENDS[delivery.backend](config, max_per_second=delivery.max_per_second)
    return FileBackend(settings.path(delivery.file.outbox))
