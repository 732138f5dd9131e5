"""What every part of the app shares: the settings, the open state, the clock, the secret
and the forms' CSRF check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..config import Newsletter, Settings
from ..core.errors import ConfigError
from ..store import Store
from .security import Csrf

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Site:
    """Opened once per app, handed to every route."""

    settings: Settings
    store: Store
    secret: str
    csrf: Csrf
    clock: Clock = utc_now

    @classmethod
    def open(cls, settings: Settings, clock: Clock = utc_now) -> Site:
        """The site of `settings`, its state opened to write; ConfigError when it cannot
        sign its links."""
        newsletter = settings.newsletter
        if newsletter.base_url is None or newsletter.unsubscribe_secret is None:
            raise ConfigError("digest serve needs newsletter.base_url (where readers reach "
                              "it) and newsletter.unsubscribe_secret (${NAME}) in config.yaml")
        return cls(settings, Store.open(settings.state_location()),
                   newsletter.unsubscribe_secret.get_secret_value(),
                   Csrf(newsletter.unsubscribe_secret.get_secret_value(),
                        secure=newsletter.base_url.startswith("https:")),
                   clock)

    @property
    def newsletter(self) -> Newsletter:
        return self.settings.newsletter

    def close(self) -> None:
        self.store.close()
