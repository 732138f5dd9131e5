"""The providers' bounce and complaint webhooks: POST /webhooks/{sendgrid,mailgun,postmark}.

A hard bounce or a spam complaint suppresses the address at once; soft bounces do after
`SOFT_LIMIT` within `SOFT_WINDOW`. Each event is kept once by its provider's id, so a
replayed request changes nothing. What each answer tells the provider:

- 200: done (recorded, or already recorded, or nothing we act on);
- 401: the signature or credentials do not check, or a Mailgun token comes again (a replay:
  its signature does not cover the event, so the same token may carry a forged one):
  nothing recorded (failed for good);
- 400 / 413: a genuine body we cannot read, or too large (failed for good);
- 404: that provider's secret is not set, so its endpoint does not exist;
- 503 (app.py, for any route): the state could not be written: the provider retries later
  (an event is kept only once recorded, so the retry counts each one once);
- no answer (the process died, the COMMIT was lost): the provider retries later, and the
  state holds all of the request or none of it (below), so the retry is taken.

A Mailgun token is taken in the state (`webhook_tokens`, one row until its signature goes
stale), so that any app process on any host that sees it again refuses it. It is taken in the
same transaction that records the events: a request whose events were not kept has not used
its token, whatever stopped it, so the provider's retry is not refused as a replay.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ..config import WebhooksConfig
from ..core.errors import ConfigError
from ..core.models import SuppressionReason
from ..store import Store
from . import providers
from .providers import Kind, MailEvent, Malformed, Refused, Signed
from .security import TooLarge, body
from .site import Site

SOFT_LIMIT = 3
SOFT_WINDOW = timedelta(days=14)
MAX_BODY = 8 * 1024 * 1024  # SendGrid batches up to a few MB of events
REASONS = {Kind.HARD_BOUNCE: SuppressionReason.BOUNCED,
           Kind.COMPLAINT: SuppressionReason.COMPLAINED}

Reader = Callable[[dict[str, str], bytes, datetime], Signed]


def record(store: Store, provider: str, events: list[MailEvent], now: datetime) -> int:
    """Keep each event once and suppress who it calls for; how many were new.

    The rule is applied to every event, even one kept before: a request that failed after
    keeping its event and before suppressing (a database fault) is retried by the provider,
    and the retry must still suppress. Suppressing twice changes nothing."""
    new = 0
    for event in events:
        at = event.at or now
        new += store.suppressions.record_event(provider, event.event_id, event.address,
                                               event.kind, at)
        reason = REASONS.get(event.kind)
        if reason is None and store.suppressions.count_events(
                event.address, Kind.SOFT_BOUNCE, at - SOFT_WINDOW) >= SOFT_LIMIT:
            reason = SuppressionReason.SOFT_BOUNCED
        if reason is not None:
            store.suppressions.add(event.address, reason, provider, now)
    return new


@dataclass(frozen=True)
class WebhookSecrets:
    """Each provider's reader of signed requests, for those whose secrets are set."""

    readers: dict[str, Reader]

    @classmethod
    def from_environment(cls, names: WebhooksConfig) -> WebhookSecrets:
        env = {name: os.environ.get(name) or None for name in (
            names.sendgrid_public_key_env, names.mailgun_signing_key_env,
            names.postmark_user_env, names.postmark_password_env)}
        readers: dict[str, Reader] = {}
        if key_text := env[names.sendgrid_public_key_env]:
            try:
                key = providers.sendgrid_key(key_text)
            except ValueError as exc:
                raise ConfigError(f"{names.sendgrid_public_key_env}: {exc}; paste the "
                                  "verification key SendGrid shows") from None
            readers["sendgrid"] = lambda headers, data, now: providers.sendgrid_events(
                key, headers, data)
        if signing := env[names.mailgun_signing_key_env]:
            readers["mailgun"] = lambda headers, data, now: providers.mailgun_events(
                signing, data, now)
        user, password = env[names.postmark_user_env], env[names.postmark_password_env]
        if user and password:
            readers["postmark"] = lambda headers, data, now: providers.postmark_events(
                user, password, headers, data)
        return cls(readers)


def routes(site: Site, secrets: WebhookSecrets) -> list[Route]:
    async def webhook(request: Request) -> Response:
        provider = request.path_params["provider"]
        reader = secrets.readers.get(provider)
        if reader is None:
            return PlainTextResponse("no such webhook", 404)
        now = site.clock()
        try:
            signed = reader(dict(request.headers), await body(request, MAX_BODY), now)
        except Refused:
            return PlainTextResponse("signature does not check", 401)
        except Malformed as exc:
            return PlainTextResponse(str(exc), 400)
        except TooLarge:
            return PlainTextResponse("request too large", 413)
        with site.store.atomic() as state:  # the token with the events, or neither
            if not taken(state, provider, signed, now):
                return PlainTextResponse("this signature's token was used before", 401)
            new = record(state, provider, signed.events, now)
        return PlainTextResponse(f"{new} new events")

    return [Route("/webhooks/{provider}", webhook, methods=["POST"])]


def taken(store: Store, provider: str, signed: Signed, now: datetime) -> bool:
    """Take the request's one-time token, if its provider signs one: False if it was taken
    before, by this process or any other sharing the state."""
    if signed.token is None or signed.expires is None:
        return True
    return store.webhook_tokens.first_use(provider, signed.token, signed.expires, now)
