"""`digest check --connect`: what `check` cannot see offline, tried for real, one line each.

The delivery backend (SMTP: connect, STARTTLS, log in; an HTTP API: one harmless
authenticated request), each source's URLs (one GET each through the fetch client and its
address guard) and the state folder (a file written there and removed). Nothing is sent and
nothing in the state changes.

What each answer means here (an item is `ok` or `FAIL`; any FAIL makes the exit code 1):

item        answer                                                  line
SMTP        connected, STARTTLS done, login accepted (if any)       ok
            refused, timed out, 4xx at connect                      FAIL: retry later (the
                                                                      server is down or busy)
            535 at login, a certificate not trusted, STARTTLS       FAIL: failed for good until
              not offered, TLS spoken to a plain port                 the config is fixed
API key     2xx (SendGrid also 400: the probe's batch id is         ok: the key was accepted
              unknown, but the key was read)
            401, 403                                                FAIL: the key was refused
            404                                                     FAIL: base_url or domain
            429, 5xx, refused, timed out                            FAIL: retry later
source URL  2xx, 304                                                ok
            anything else (FetchError: 4xx, 5xx after retries,      FAIL, with the fetch
              refused, an address the guard refuses)                  client's one-line reason
state       a file can be made and removed in the state's folder    ok, else FAIL
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import requests

from ..config import Settings
from ..core.errors import DigestError
from ..delivery.backends.api import ApiBackend
from ..delivery.backends.registry import BackendContext, backends
from ..delivery.backends.smtp import SmtpBackend, SmtpConfig
from ..fetch.guard import AddressGuard
from ..fetch.http import HttpClient, error_reason
from ..fetch.target import safe
from ..store import Store, describe
from .collect import http_options, make_source

# A harmless authenticated request per provider: (path, statuses that mean "key accepted").
# SendGrid's spec (tsg_mail_v3.json) has `GET /v3/mail/batch/{batch_id}`: 200 for a valid
# batch id, 400 for an unknown one, 401/403 for a key refused; it changes nothing.
API_PROBES: dict[str, tuple[str, frozenset[int]]] = {
    "sendgrid": ("/v3/mail/batch/digest-connect-check", frozenset({200, 400})),
    "mailgun": ("/v3/domains/{domain}", frozenset({200})),
    "postmark": ("/server", frozenset({200})),
}


@dataclass(frozen=True)
class Line:
    ok: bool
    item: str
    detail: str

    def __str__(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.item}: {self.detail}"


def connect_check(settings: Settings) -> list[Line]:
    """Every item tried, in order: delivery, sources, state."""
    return [delivery_line(settings), *source_lines(settings), state_line(settings)]


def delivery_line(settings: Settings) -> Line:
    name = settings.delivery.backend
    options = getattr(settings.delivery, name)
    if name == "smtp":
        return smtp_line(options, settings)
    if name in API_PROBES:
        spec = backends()[name]
        backend = spec.factory(options, BackendContext(settings.path))
        assert isinstance(backend, ApiBackend)
        return api_line(name, backend)
    return Line(True, f"delivery {name}", "nothing to connect to")


def smtp_line(config: SmtpConfig, settings: Settings) -> Line:
    """Connect, STARTTLS and log in once (no retries), then quit."""
    config = config.model_copy(update={"max_attempts": 1})
    spec = backends()["smtp"]
    item = f"smtp {config.host}:{config.effective_port}"
    try:
        backend = spec.factory(config, BackendContext(settings.path))
        assert isinstance(backend, SmtpBackend)
        with backend:
            pass
    except DigestError as exc:
        return Line(False, item, str(exc).removeprefix(f"{item}: "))
    steps = ["connected"]
    if config.security == "starttls":
        steps.append("STARTTLS")
    elif config.security == "ssl":
        steps.append("TLS")
    if config.username:
        steps.append(f"logged in as {config.username}")
    return Line(True, item, ", ".join(steps))


def api_line(name: str, backend: ApiBackend) -> Line:
    """One harmless authenticated GET; the key never appears in the line."""
    path, accepted = API_PROBES[name]
    config: Any = backend.config
    url = config.base_url + path.format(domain=getattr(config, "domain", ""))
    item = f"{name} API key"
    try:
        response = backend.session.get(url, headers=backend.auth_headers(),
                                       timeout=config.timeout)
    except requests.RequestException as exc:
        return Line(False, item, f"cannot reach {config.base_url}: {error_reason(exc)}")
    finally:
        backend.close()
    status = response.status_code
    if status in accepted:
        return Line(True, item, f"accepted by {config.base_url}")
    if status in (401, 403):
        return Line(False, item, f"refused by {config.base_url} (HTTP {status}); check "
                                 f"delivery.{name}.api_key")
    if status == 404:
        return Line(False, item, f"HTTP 404 from {url.split('?')[0]}; check delivery.{name}."
                                 f"{backend.locating_keys}")
    return Line(False, item, f"HTTP {status} from {config.base_url}; try again later")


def source_lines(settings: Settings) -> Iterator[Line]:
    sources = [make_source(config, settings.base_dir) for config in settings.sources]
    client = HttpClient(http_options(settings.http), guard=AddressGuard(
        (url for source in sources for url in source.urls()), settings.http.allow_hosts))
    try:
        for source in sources:
            urls = source.urls()
            if not urls:
                yield Line(True, f"source {source.name}", "no URL to fetch")
            for url in urls:
                yield fetched_line(client, f"source {source.name}", url)
    finally:
        client.close()


def fetched_line(client: HttpClient, item: str, url: str) -> Line:
    """The URL is shown without its userinfo: a password written in it is not printed."""
    shown = safe(url)
    try:
        response = client.get(url)
    except DigestError as exc:
        return Line(False, item, f"{shown}: {exc}")
    return Line(True, item, f"{shown}: HTTP {response.status}")


def state_line(settings: Settings) -> Line:
    """A file made and removed in the state's folder (created if missing, as a send would);
    for a PostgreSQL state, the database opened and read."""
    if settings.state.url is not None:
        return database_line(settings)
    folder = settings.path(settings.state.path).parent
    item = f"state folder {folder}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".digest-check-"):
            pass
    except OSError as exc:
        return Line(False, item, f"not writable: {exc.strerror or exc}; give this user write "
                                 "access to it or set state.path")
    return Line(True, item, "writable")


def database_line(settings: Settings) -> Line:
    location = settings.state_location()
    item = f"state database {describe(location)}"
    try:
        Store.peek(location).close()
    except DigestError as exc:
        return Line(False, item, str(exc))
    return Line(True, item, "reachable")
