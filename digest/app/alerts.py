"""Alerts to the operator, each given once, and the heartbeat pinged after each send.

An `Alert` has a key (`source-failing:<name>:<since>`, `source-recovered:…`, `missed:<edition>`)
and goes to every channel configured under `alerts:`: the log (always), `alerts.email` (a small
plain message through the configured delivery backend, to that address alone, never to the
list) and `alerts.webhook` (a JSON POST whose `text` Slack and Mattermost show as it is). The
state records each channel an alert has reached, so a later run that raises the same alert
sends it only where it has not gone yet; a missed digest with nothing to send is recorded as
settled (channel "-") and never raised.

The webhook and the heartbeat go through the project's HttpClient, with the address guard
allowing their own origins (and `http.allow_hosts`), never other private addresses.

What each outside answer means:

call                 answer                                  outcome
webhook POST         2xx                                     done: recorded, not sent again
                     429, 5xx, refused, timed out            retry later: not recorded; the next
                                                               run that raises it tries again
                     other 4xx, an address the guard         failed for good: logged as an error
                       refuses                                 and recorded as `webhook:failed`
                     a connection lost after the POST        unknown: taken as not delivered
                                                               (retried: a duplicate beats silence)
alert email          sent                                    done: recorded
                     deferred, or the backend raised         retry later: not recorded
                       (server down, credentials refused)
                     failed (5xx for the address)            failed for good: `email:failed`
                     unknown (no answer after the data)      unknown: recorded `email:unknown`,
                                                               not repeated
heartbeat GET        2xx                                     done
                     anything else                           logged as a warning; never fails
                                                               the send, never retried (a ping
                                                               is about that moment)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from urllib.parse import urlsplit

from markupsafe import escape

from ..config import Settings
from ..core.errors import DigestError
from ..core.models import DeliveryStatus, Recipient, SendStatus
from ..core.sanitize import one_line, without_slot
from ..delivery.addresses import parse_address
from ..delivery.backends.base import Outgoing
from ..delivery.backends.registry import make_backend
from ..fetch.guard import AddressGuard
from ..fetch.http import FetchError, HttpClient
from ..store import Store
from .collect import http_options

log = logging.getLogger("digest.alerts")

SETTLED = "-"  # the channel recorded for an alert that is not due (nothing was to send)
# The heartbeat's answer to each send outcome: success, `/fail`, or no ping (None).
PING_SUCCESS = frozenset({SendStatus.SENT, SendStatus.PARTIAL, SendStatus.NOTHING_NEW,
                          SendStatus.ALREADY_SENT})
PING_FAIL = frozenset({SendStatus.FAILED, SendStatus.DEFERRED, SendStatus.UNKNOWN})


@dataclass(frozen=True)
class Alert:
    key: str  # what it is about: the same key is the same alert
    kind: str  # source_failing, source_recovered, digest_missed
    subject: str
    text: str
    details: Mapping[str, object] = field(default_factory=dict)

    @property
    def good_news(self) -> bool:
        return self.kind == "source_recovered"


def where(url: str) -> str:
    """A URL as the log names it: its host alone (webhook and ping URLs hold secrets)."""
    return urlsplit(url).hostname or "?"


class Alerter:
    """Gives alerts to the channels they have not reached yet, recording each in `state`."""

    def __init__(self, settings: Settings, state: Store, clock: Callable[[], datetime]) -> None:
        self.settings = settings
        self.state = state
        self.clock = clock
        self._http: HttpClient | None = None  # made when the webhook is first called

    @property
    def http(self) -> HttpClient:
        if self._http is None:
            self._http = alert_client(self.settings)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def __enter__(self) -> Alerter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def give(self, alert: Alert) -> None:
        """Send `alert` wherever it has not gone yet (it goes nowhere once settled)."""
        done = {channel.split(":")[0] for channel in self.state.health.alerted(alert.key)}
        if SETTLED in done:
            return
        config = self.settings.alerts
        channels: list[tuple[str, Callable[[Alert], str | None]]] = [("log", self._log)]
        if config.email:
            channels.append(("email", self._email))
        if config.webhook:
            channels.append(("webhook", self._webhook))
        for name, send in channels:
            if name in done:
                continue
            outcome = send(alert)
            if outcome is not None:
                self.state.health.record_alert(alert.key, outcome, self.clock())

    def settle(self, key: str) -> None:
        """Record that the alert `key` is not due, so it is never given."""
        self.state.health.record_alert(key, SETTLED, self.clock())

    def _log(self, alert: Alert) -> str:
        log.log(logging.INFO if alert.good_news else logging.WARNING, "alert: %s", alert.text)
        return "log"

    def _webhook(self, alert: Alert) -> str | None:
        url = self.settings.alerts.webhook
        assert url is not None
        payload = {"text": alert.text, "kind": alert.kind,
                   "key": alert.key, "subject": alert.subject, "message": alert.text,
                   "newsletter": self.settings.newsletter.title,
                   "at": self.clock().isoformat(), "details": dict(alert.details)}
        try:
            self.http.post_json(url, payload)
        except FetchError as exc:
            if exc.retryable:
                log.warning("alert webhook (%s): %s; tried again at the next run", where(url), exc)
                return None
            log.error("alert webhook (%s): %s; check alerts.webhook", where(url), exc)
            return "webhook:failed"
        log.info("alert sent to the webhook (%s): %s", where(url), alert.subject)
        return "webhook"

    def _email(self, alert: Alert) -> str | None:
        to = self.settings.alerts.email
        assert to is not None
        outgoing = alert_message(alert, self.settings, to, self.clock())
        try:
            with make_backend(self.settings.delivery, self.settings.path) as backend:
                [result] = backend.send(outgoing)
        except DigestError as exc:
            log.warning("alert email to %s: %s; tried again at the next run", to, exc)
            return None
        if result.status is DeliveryStatus.SENT:
            log.info("alert sent to %s: %s", to, alert.subject)
            return "email"
        if result.status is DeliveryStatus.DEFERRED:
            log.warning("alert email to %s: %s; tried again at the next run", to, result.error)
            return None
        log.error("alert email to %s: %s: %s", to, result.status, result.error)
        return f"email:{result.status}"


def alert_client(settings: Settings) -> HttpClient:
    """The HTTP client for the webhook and the heartbeat: their own origins are allowed."""
    urls = [u for u in (settings.alerts.webhook, settings.alerts.heartbeat_url) if u]
    return HttpClient(http_options(settings.http),
                      guard=AddressGuard(urls, settings.http.allow_hosts))


def alert_message(alert: Alert, settings: Settings, to: str, now: datetime) -> Outgoing:
    """The alert as a small plain message from the newsletter's sender to `to` alone: no list
    headers, no unsubscribe link."""
    from ..delivery.deliver import message_id  # loads the templating: `collect` needs none
    from ..delivery.message import Edition, Personal  # email.policy: a run with no alert needs none

    newsletter = settings.newsletter
    sender = parse_address(newsletter.sender)
    address = parse_address(to)
    text = without_slot(f"{alert.text}\n\n-- \ndigest, for {newsletter.title}\n")
    edition = Edition(
        sender=sender, reply_to=None,
        subject=one_line(f"[{newsletter.title}] {alert.subject}"), date=now,
        headers=(("Auto-Submitted", "auto-generated"),),
        text=text, html=f"<pre>{escape(text)}</pre>",
    )
    copy = Personal(
        recipient=Recipient(address.addr_spec), to=Address(addr_spec=address.addr_spec),
        message_id=message_id(f"alert:{alert.key}", address.addr_spec, sender.domain),
        html={}, text={},
    )
    return Outgoing(edition, (copy,))


def ping(settings: Settings, status: SendStatus, error_code: int | None = None) -> None:
    """Ping `alerts.heartbeat_url` for a send's outcome: the URL on success, `<url>/fail` on
    failure, nothing for an interrupted send or a dry run. A failed ping is only logged."""
    url = settings.alerts.heartbeat_url
    if url is None:
        return
    if error_code or status in PING_FAIL:
        url = url.rstrip("/") + "/fail"
    elif status not in PING_SUCCESS:
        return
    client = alert_client(settings)
    try:
        client.get(url)
        log.info("heartbeat sent (%s%s)", where(url), " /fail" if url.endswith("/fail") else "")
    except FetchError as exc:
        log.warning("heartbeat (%s): %s; the send itself is not affected", where(url), exc)
    finally:
        client.close()
