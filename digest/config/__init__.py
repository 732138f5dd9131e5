"""Load config.yaml once: ${ENV} interpolation, validation, a frozen Settings object.

Every problem found is reported with the key that holds it and, where YAML tells us,
the file and line, so that a user can fix the file without reading a traceback.
"""

from __future__ import annotations

import ipaddress
import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from ..core.errors import ConfigError
from ..core.files import not_regular
from ..core.options import Strict
from ..core.sanitize import UNSAFE_IN_URL, safe_url
from ..core.yamlsafe import read_config
from ..delivery.addresses import parse_address
from ..delivery.backends.registry import backends
from ..sources import SOURCE_TYPES

ENV_PATTERN = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
DURATION_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
MAX_DURATION = timedelta(days=366)  # every duration in the config; longer is a typo
MAX_CONFIG_BYTES = 1024 * 1024


def parse_duration(value: Any) -> timedelta:
    """Read "30m", "24h", "7d" (or a number of seconds) as a timedelta, from 0 to a year."""
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = DURATION_PATTERN.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not a duration; write it like 30m, 24h or 7d")
        amount, unit = match.groups()
        seconds = float(amount) * DURATION_UNITS[unit]
    if not 0 <= seconds <= MAX_DURATION.total_seconds():  # NaN and infinities fail too
        raise ValueError(f"{value!r} is not a duration from 0 to {MAX_DURATION.days} days")
    return timedelta(seconds=seconds)


def _at_least(minimum: timedelta) -> AfterValidator:
    def check(value: timedelta) -> timedelta:
        if value < minimum:
            raise ValueError(f"must be at least {int(minimum.total_seconds())} seconds")
        return value

    return AfterValidator(check)


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Period = Annotated[Duration, _at_least(timedelta(minutes=1))]  # a window, an interval


def _no_control_chars(value: str | None) -> str | None:
    if value is not None and re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("must not contain line breaks or control characters")
    return value


HeaderText = Annotated[str, BeforeValidator(_no_control_chars)]

# `{email}` and `{token}` in the unsubscribe links (see delivery/unsubscribe.py).
UNSUBSCRIBE_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
UNSUBSCRIBE_FIELDS = ("email", "token")
MAILTO = re.compile(r"[^@?#]+@[^@?#]+(\?[^#]*)?")
MIN_SECRET = 16


def _link_problem(link: str, mailto: bool) -> str | None:
    """Why an unsubscribe link (placeholders filled in) cannot go in a header and an href."""
    if not link.isascii():
        return "must be ASCII; percent-encode other characters"
    if mailto and (not MAILTO.fullmatch(link) or UNSAFE_IN_URL.search(link)):
        return "must be an address such as unsubscribe@example.com, perhaps with ?subject=…"
    if not mailto and safe_url(link) != link:
        return "must be an absolute http(s) URL without spaces, quotes or <>"
    return None


class Newsletter(Strict):
    title: HeaderText = "Daily Digest"
    sender: HeaderText = Field(alias="from")
    reply_to: HeaderText | None = None
    subject: str = "{{ title }} — {{ date }}"
    list_id: HeaderText | None = None
    # Before the links: a validator of theirs looks at it.
    unsubscribe_secret: SecretStr | None = None
    unsubscribe_url: HeaderText | None = None
    unsubscribe_mailto: HeaderText | None = None
    postal_address: str | None = None
    web_version_url: str | None = None
    # Where `digest serve` is reached (behind a reverse proxy): its unsubscribe links and
    # archive pages are made from it.
    base_url: str | None = None
    signup: bool = False  # `digest serve` takes sign-ups (double opt-in) at /subscribe
    language: str = "en"
    greeting: str = "{% if name %}Hello {{ name }},{% endif %}"
    reason: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("sender", "reply_to")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is not None:
            parse_address(value)
        return value

    @field_validator("subject", "greeting")
    @classmethod
    def _template(cls, value: str) -> str:
        """Caught here, a template mistake stops the run before anything is sent."""
        from jinja2 import TemplateSyntaxError  # slow to import: only for a template set here
        from jinja2.sandbox import SandboxedEnvironment

        try:
            SandboxedEnvironment().parse(value)
        except TemplateSyntaxError as exc:
            raise ValueError(f"not a valid template: {exc.message}") from None
        return value

    @field_validator("unsubscribe_secret")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_SECRET:
            raise ValueError(f"must be at least {MIN_SECRET} characters: a long random string, "
                             "kept in the environment (${NAME})")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        """An absolute http(s) URL; the readers' links are signed, so it needs the secret."""
        if value is None:
            return value
        if safe_url(value) != value or "?" in value or "#" in value:
            raise ValueError("must be an absolute http(s) URL such as https://news.example.com")
        if info.data.get("unsubscribe_secret", "") is None:
            raise ValueError("needs newsletter.unsubscribe_secret, the key of the readers' "
                             "signed links")
        return value.rstrip("/")

    @field_validator("unsubscribe_url", "unsubscribe_mailto")
    @classmethod
    def _unsubscribe_link(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Only known placeholders, `{token}` only with a secret, and a link that stays one
        whatever an address fills in (the values are percent-encoded or hex)."""
        if value is None:
            return value
        names = UNSUBSCRIBE_PLACEHOLDER.findall(value)
        unknown = [name for name in names if name not in UNSUBSCRIBE_FIELDS]
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {{email}} or {{token}}")
        # Absent from info.data when the secret itself was invalid: that is reported already.
        if "token" in names and info.data.get("unsubscribe_secret", "") is None:
            raise ValueError("{token} needs newsletter.unsubscribe_secret")
        link = UNSUBSCRIBE_PLACEHOLDER.sub("x", value)
        if "{" in link or "}" in link:
            raise ValueError("a { or } outside a placeholder such as {email}")
        problem = _link_problem(link, mailto=info.field_name == "unsubscribe_mailto")
        if problem:
            raise ValueError(problem)
        return value


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


class DeliveryBase(Strict):
    """`delivery:`: what every backend shares; `_delivery_config` adds `backend` and one
    section per registered backend."""

    backend: str = "file"  # narrowed to the registered names by `_delivery_config`
    # messages, across all requests: from one every 100 s to a rate no provider allows
    max_per_second: float | None = Field(default=None, ge=0.01, le=100_000)
    # How long after an edition was made a recipient whose server keeps answering "try later"
    # is retried by later sends; then they are failed.
    give_up_after: Duration = Field(default=timedelta(hours=24), gt=timedelta(0))
    # How long a sender's claim on a batch of recipients lasts unless it renews it (it does
    # every third of this while it works): a sender gone without trace (its host lost) has
    # its batch taken over this long after it last renewed.
    lease: Annotated[Duration, _at_least(timedelta(seconds=3))] = timedelta(seconds=60)

    @model_validator(mode="after")
    def _chosen_backend_configured(self) -> DeliveryBase:
        if getattr(self, self.backend) is None:
            raise ValueError(f"backend {self.backend!r} needs a delivery.{self.backend} section")
        return self


def _delivery_config() -> type[DeliveryBase]:
    """The `delivery:` model: `backend` names one of the registered backends (file by
    default), and each has its own section, optional unless the backend needs one."""
    specs = backends()
    fields: dict[str, Any] = {"backend": (Literal[tuple(specs)], "file")}
    for name, spec in specs.items():
        fields[name] = ((spec.options, Field(default_factory=spec.options))
                        if not spec.needs_section else (spec.options | None, None))
    return create_model("DeliveryConfig", __base__=DeliveryBase, **fields)


DeliveryConfig = _delivery_config()


def parse_size(value: Any) -> int:
    """Read "10MB", "512KB" (or a number of bytes) as bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?\s*", str(value), re.I)
    if not match:
        raise ValueError(f"{value!r} is not a size; write it like 10MB or 512KB")
    unit = (match.group(2) or "B").upper().replace("I", "")
    return int(float(match.group(1)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit])


def is_address(text: str) -> bool:
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


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ScheduleConfig(Strict):
    """When `digest run` sends: local times of day, in an IANA time zone, on some weekdays."""

    at: tuple[str, ...] = ("07:00",)
    timezone: str = "UTC"
    days: tuple[str, ...] = WEEKDAYS
    grace: Duration = timedelta(hours=2)
    collect_every: Period | None = None
    # With a PostgreSQL state: how soon a standby `digest run` takes over from a leader that
    # stopped renewing its lease (app/leadership.py).
    failover: Annotated[Duration, _at_least(timedelta(seconds=2))] = timedelta(seconds=60)

    @field_validator("at", mode="before")
    @classmethod
    def _times(cls, value: Any) -> Any:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not values:
            raise ValueError("give a time of day like 07:00, or a list of them")
        for item in values:
            if not isinstance(item, str) or not re.fullmatch(
                r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?", item
            ):
                raise ValueError(f"{item!r} is not a time of day; write it like 07:00 or 07:00:30")
        return tuple(sorted(set(values), key=lambda t: t if len(t) > 5 else t + ":00"))

    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not values:
            raise ValueError(f"give weekdays from {', '.join(WEEKDAYS)}")
        days = [str(v).strip().lower()[:3] for v in values]
        unknown = [v for v, d in zip(values, days, strict=True) if d not in WEEKDAYS]
        if unknown:
            raise ValueError(f"unknown weekday {unknown[0]!r}; use {', '.join(WEEKDAYS)}")
        return tuple(d for d in WEEKDAYS if d in days)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone, such as Europe/Berlin") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class AlertsConfig(Strict):
    """`alerts:`: who hears of failing sources and missed digests, and how (app/alerts.py)."""

    email: HeaderText | None = None  # an address of the operator's, never the list's
    webhook: str | None = None  # a JSON POST (Slack and Mattermost read its `text`)
    heartbeat_url: str | None = None  # pinged after each send; `<url>/fail` after a failed one
    source_failures: int = Field(default=3, ge=1)  # failed runs in a row before one alert
    grace: Duration = timedelta(hours=1)  # after a send time, before its digest counts missed
    footer: bool = False  # a "Sources with problems" line in the digest's footer

    @field_validator("email")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is not None:
            parse_address(value)
        return value

    @field_validator("webhook", "heartbeat_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and safe_url(value) != value:
            raise ValueError(f"{value!r} is not an http(s) URL without spaces, quotes or <>")
        return value


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


def interpolate(value: Any, where: str = "", unset_ok: tuple[str, ...] = ()) -> Any:
    """Replace ${NAME} (or ${NAME:-default}) in every string with the environment's value.
    An unset variable is an error, but under the keys `unset_ok` names, where it reads as
    empty (the delivery secrets, for commands that never deliver)."""
    if isinstance(value, dict):
        return {k: interpolate(v, f"{where}.{k}" if where else str(k), unset_ok)
                for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, f"{where}[{i}]", unset_ok) for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in os.environ:
            return os.environ[name]
        if default is not None:
            return default
        if any(where == key or where.startswith(f"{key}.") for key in unset_ok):
            return ""
        raise ConfigError(
            f"{where}: environment variable {name} is not set (export it, or write "
            f"${{{name}:-default}} to give a default)"
        )

    return ENV_PATTERN.sub(substitute, value)


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at a validation error's location, if we can find it."""
    node, line = root, None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _describe(error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key (check its spelling)"
    elif error["type"] == "missing":
        message = "is required"
    return loc, message


def load_settings(path: str | os.PathLike[str], *, delivering: bool = True) -> Settings:
    """Read, interpolate and validate a config file. Raises ConfigError listing every problem.

    A command that never delivers (`delivering=False`: status, preview, summarize, check)
    does not need the delivery secrets: their variables may be unset."""
    path = Path(path)
    raw, root = read_config(path, MAX_CONFIG_BYTES)
    raw = interpolate(raw, unset_ok=() if delivering else ("delivery",))
    raw["base_dir"] = path.resolve().parent

    def problem(loc: tuple[Any, ...], message: str) -> str:
        line = _node_line(root, loc)
        where = f"{path}:{line}" if line else str(path)
        return f"{where}: {'.'.join(str(p) for p in loc) or '(top level)'}: {message}"

    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError.from_problems([problem(*_describe(e)) for e in exc.errors()]) from None
    problems = [
        problem(("sources", index, *loc), message)
        for index, source in enumerate(settings.sources)
        for loc, message in _source_problems(source, settings)
    ] + [problem(loc, message) for loc, message in _path_problems(settings)]
    if problems:
        raise ConfigError.from_problems(problems)
    return settings


def _kind(path: Path) -> str | None:
    """What is at `path` when it is neither a regular file nor a folder (a FIFO, a device)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreachable: the command that reads it says so
    kind = not_regular(mode)
    return None if kind == "a folder" else kind


def _path_problems(settings: Settings) -> list[tuple[tuple[Any, ...], str]]:
    """A FIFO or a device where a file or a folder belongs would hang a run or never end."""
    problems = []
    if settings.recipients_file is not None:
        path = settings.path(settings.recipients_file)
        kind = _kind(path) or ("a folder" if path.is_dir() else None)
        if kind:
            problems.append((("recipients_file",), f"{path} is {kind}, not a regular file"))
    if settings.templates_dir is not None:
        path = settings.path(settings.templates_dir)
        if path.exists() and not path.is_dir():
            problems.append((("templates_dir",), f"{path} is {_kind(path) or 'a file'}, "
                                                 "not a folder"))
    return problems


def _source_problems(source: SourceConfig, settings: Settings,
                     ) -> list[tuple[tuple[Any, ...], str]]:
    """Check a source's own options against its type's options model, and that none of its
    paths is a FIFO or a device."""
    source_type = SOURCE_TYPES.get(source.type)
    if source_type is None:
        known = ", ".join(sorted(SOURCE_TYPES))
        return [(("type",), f"unknown source type {source.type!r}; known types: {known}")]
    try:
        options = source_type.Options.model_validate(source.options)
    except ValidationError as exc:
        return [_describe(e) for e in exc.errors()]
    problems = []
    for name in type(options).model_fields:
        value = getattr(options, name)
        kind = _kind(settings.path(value)) if isinstance(value, Path) else None
        if kind:
            problems.append(((name,), f"{settings.path(value)} is {kind}, not a file or a "
                                      "folder"))
    return problems
