"""config.yaml → a frozen `Settings`, validated once and passed down explicitly.

Every problem found is reported with the key that holds it and, where YAML tells us,
the file and line, so that a user can fix the file without reading a traceback.

The package holds one job per module: `values` (durations, sizes, header text), a module
per big section (`newsletter`, `delivery`, `schedule`) and `sections` for the small ones,
`settings` (the whole), `environment` (${ENV}), `loading` (`load_settings`), `checks` (what
needs the whole Settings) and `problems` (how an error reads). Here are the names used from
outside: import them from `digest.config`.
"""

from __future__ import annotations

from .loading import load_settings
from .newsletter import UNSUBSCRIBE_PLACEHOLDER, Newsletter
from .schedule import WEEKDAYS, ScheduleConfig
from .sections import HttpConfig, SourceConfig, WebhooksConfig
from .settings import Settings
from .values import parse_duration

__all__ = ["UNSUBSCRIBE_PLACEHOLDER", "WEEKDAYS", "HttpConfig", "Newsletter", "ScheduleConfig",
           "Settings", "SourceConfig", "WebhooksConfig", "load_settings", "parse_duration"]
