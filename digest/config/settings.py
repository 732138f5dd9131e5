"""The whole validated configuration: every section's model under one frozen `Settings`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import Field, field_validator

from ..core.options import Strict
from .delivery import DeliveryConfig
from .newsletter import Newsletter
from .schedule import ScheduleConfig
from .sections import (
    AlertsConfig,
    ArchiveConfig,
    CollectConfig,
    HttpConfig,
    RecipientConfig,
    SourceConfig,
    StateConfig,
    SummarizerConfig,
    WebhooksConfig,
)
from .values import Period


class Settings(Strict):
    """The whole validated configuration. Relative paths are resolved against `base_dir`."""

    newsletter: Newsletter
    sources: tuple[SourceConfig, ...] = ()
    summarizer: SummarizerConfig = Field(default_factory=SummarizerConfig)
    window: Period = timedelta(hours=24)
    max_stories: int = Field(default=40, ge=1)
    strict: bool = False  # `send` exits 1 when any source failed, not only when recipients did
    templates_dir: Path | None = None
    recipients: tuple[RecipientConfig, ...] = ()
    recipients_file: Path | None = None
    delivery: DeliveryConfig = Field(default_factory=DeliveryConfig)
    http: HttpConfig = Field(default_factory=HttpConfig)
    state: StateConfig = Field(default_factory=StateConfig)
    collect: CollectConfig = Field(default_factory=CollectConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    archive: ArchiveConfig = Field(default_factory=ArchiveConfig)
    webhooks: WebhooksConfig = Field(default_factory=WebhooksConfig)
    base_dir: Path = Path(".")

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: tuple[SourceConfig, ...]) -> tuple[SourceConfig, ...]:
        names = [s.name for s in sources]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"source names must be unique; repeated: {', '.join(duplicates)}")
        return sources

    def path(self, value: Path) -> Path:
        """A config path made absolute against the config file's folder."""
        return value if value.is_absolute() else (self.base_dir / value)

    def state_location(self) -> Path | str:
        """The state's SQLite file, or its PostgreSQL URL (secret: print it with
        `store.describe`)."""
        if self.state.url is not None:
            return self.state.url.get_secret_value()
        return self.path(self.state.path)
