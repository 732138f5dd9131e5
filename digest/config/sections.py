"""The small sections of config.yaml, each a model of its own: sources, the summarizer,
recipients, fetching, the state, collection, alerts, the archive and the webhooks.

The bigger ones (`newsletter:`, `delivery:`, `schedule:`) have modules of their own.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, SecretStr, field_validator, model_validator

from ..core.options import Strict
from ..core.sanitize import safe_url
from .values import AddressText, Duration, parse_size


class SourceConfig(Strict):
    """Options common to every source; the keys a type adds of its own go to `options`."""

    name: str
    type: str
    section: str | None = None
    max_stories: int | None = Field(default=None, ge=1)
    ignore_age: bool = False
    include: tuple[str, ...] = ()  # keyword filters, applied when an edition is chosen
    exclude: tuple[str, ...] = ()
    options: dict[str, Any] = Field(default_factory=dict)

    @field_validator("include", "exclude", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("name", mode="before")
    @classmethod
    def _name_as_text(cls, value: Any) -> Any:
        """`name: 2024` means the text "2024"."""
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return str(value) if is_number else value

    @model_validator(mode="before")
    @classmethod
    def _gather_options(cls, data: Any) -> Any:
        """Keep the keys this model does not know as the type's own options."""
        if not isinstance(data, dict):
            return data
        known = set(cls.model_fields)
        data = dict(data)
        data["options"] = {k: data.pop(k) for k in list(data) if k not in known}
        return data


class SummarizerConfig(Strict):
    max_quotes: int = Field(default=2, ge=0)
    lead_paragraphs: int = Field(default=1, ge=1)
    lead_max_words: int | None = Field(default=None, ge=5)


class RecipientConfig(Strict):
    email: str
    name: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"email": data} if isinstance(data, str) else data


def is_address(text: str) -> bool:
    """Whether `text` is an IP address (an `allow_hosts` entry may be one)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class HttpConfig(Strict):
    """How sources are fetched: timeouts in seconds, the size cap, parallelism."""

    connect_timeout: float = Field(default=5, gt=0, le=3600)
    read_timeout: float = Field(default=15, gt=0, le=3600)
    total_timeout: float = Field(default=30, gt=0, le=3600)
    max_size: Annotated[int, BeforeValidator(parse_size)] = 10 * 1024 * 1024
    retries: int = Field(default=2, ge=0, le=10)
    concurrency: int = Field(default=64, ge=1, le=256)
    per_host: int = Field(default=4, ge=1, le=256)
    allow_hosts: tuple[str, ...] = ()

    @field_validator("allow_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> Any:
        """Host names or addresses, like `intranet.example` or `10.0.0.5`: no scheme, port
        or path (a configured source's own origin is allowed without being listed)."""
        hosts = (value,) if isinstance(value, str) else value
        for host in hosts if isinstance(hosts, list | tuple) else ():
            if not isinstance(host, str) or not (re.fullmatch(r"[\w.-]+", host)
                                                 or is_address(host.strip("[]"))):
                raise ValueError(f"{host!r} is not a host name or address (write it like "
                                 "intranet.example or 10.0.0.5, with no scheme, port or path)")
        return hosts


class ArchiveConfig(Strict):
    """The web archive of past editions and its feed (`digest serve`, `digest archive`)."""

    public: bool = True


class WebhooksConfig(Strict):
    """The names of the environment variables holding each provider's webhook secret: the
    secrets themselves never go in config.yaml. A provider whose variables are unset has
    no webhook endpoint."""

    sendgrid_public_key_env: str = "DIGEST_SENDGRID_WEBHOOK_PUBLIC_KEY"
    mailgun_signing_key_env: str = "DIGEST_MAILGUN_WEBHOOK_SIGNING_KEY"
    postmark_user_env: str = "DIGEST_POSTMARK_WEBHOOK_USER"
    postmark_password_env: str = "DIGEST_POSTMARK_WEBHOOK_PASSWORD"


class CollectConfig(Strict):
    """How collection uses the machine: worker processes for parsing (default: one per
    core, when there are enough feeds to pay for starting them)."""

    workers: int | None = Field(default=None, ge=1, le=64)


class StateConfig(Strict):
    """Where the state lives: a SQLite file (`path`), or a PostgreSQL database (`url`, with
    `${ENV}` for its password); one of the two. With `url`, the send and run locks are held
    in the database too (`app/lock.py`)."""

    path: Path = Path(".digest/state.sqlite")
    url: SecretStr | None = None

    @field_validator("url")
    @classmethod
    def _postgresql(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
                ("postgresql://", "postgres://")):
            raise ValueError("write it like postgresql://user:${PGPASSWORD}@host:5432/digest")
        return value

    @model_validator(mode="after")
    def _one_of_two(self) -> StateConfig:
        if self.url is not None and "path" in self.model_fields_set:
            raise ValueError("give state.path (SQLite) or state.url (PostgreSQL), not both")
        return self


class AlertsConfig(Strict):
    """`alerts:`: who hears of failing sources and missed digests, and how (app/alerts.py)."""

    email: AddressText | None = None  # an address of the operator's, never the list's
    webhook: str | None = None  # a JSON POST (Slack and Mattermost read its `text`)
    heartbeat_url: str | None = None  # pinged after each send; `<url>/fail` after a failed one
    source_failures: int = Field(default=3, ge=1)  # failed runs in a row before one alert
    grace: Duration = timedelta(hours=1)  # after a send time, before its digest counts missed
    footer: bool = False  # a "Sources with problems" line in the digest's footer

    @field_validator("webhook", "heartbeat_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and safe_url(value) != value:
            raise ValueError(f"{value!r} is not an http(s) URL without spaces, quotes or <>")
        return value
