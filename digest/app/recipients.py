"""Who an edition goes to: the config's recipients (and a recipients_file), with the
confirmed subscribers they do not name already."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..core.errors import ConfigError
from ..core.models import Recipient
from ..delivery.addresses import load_recipients
from ..store import Store


def recipients_of(settings: Settings) -> tuple[list[Recipient], list[str]]:
    recipients, problems = load_recipients(
        ((r.email, r.name) for r in settings.recipients),
        settings.path(settings.recipients_file) if settings.recipients_file else None,
    )
    if not recipients and not settings.newsletter.signup:
        raise no_recipients(problems)
    return recipients, problems


def no_recipients(problems: Sequence[str]) -> ConfigError:
    return ConfigError(
        "no recipients to send to: add addresses under recipients: or a recipients_file:"
        + (f" ({len(problems)} invalid rows skipped)" if problems else "")
    )


def with_subscribers(recipients: list[Recipient], state: Store) -> list[Recipient]:
    """The config's recipients and the confirmed subscribers they do not name already."""
    named = {r.email.lower() for r in recipients}
    extra = [Recipient(s.address, s.name) for s in state.subscribers.all()
             if s.address.lower() not in named]
    return recipients + extra
