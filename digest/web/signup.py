"""Sign-up with double opt-in (`newsletter.signup: true`).

GET /subscribe shows a form; its POST mails a confirmation link that expires (a token bound
to the address and to this purpose); the link's GET shows a button whose POST adds the
subscriber. The answer to a sign-up is the same page whoever asks, known or not: a known
subscriber gets a link as a new one does (confirming again changes nothing), so neither the
page nor its time tells them apart; only addresses that bounced or complained get no mail.
Every form carries its CSRF token; sign-ups are limited per client address and per email
address, counted in the state (`RateLimit`), so the limits hold across every app process.

The confirmation goes through the configured backend; what its answers mean is the
backend's (delivery/backends): a failure is logged, and the reader may ask again.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import UTC, datetime, timedelta

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..core.errors import DigestError
from ..core.models import DeliveryStatus, Email, Recipient, SuppressionReason
from ..delivery.addresses import parse_address
from ..delivery.backends.registry import make_backend
from ..delivery.deliver import deliver
from ..delivery.unsubscribe import Purpose, make_token
from ..store.shared_stores import RateLimitStore
from .forms import LinkPages
from .pages import notice, text
from .site import Clock, Site

log = logging.getLogger(__name__)

CONFIRM_FOR = timedelta(hours=48)
PER_CLIENT = (5, timedelta(hours=1))  # sign-ups a client address may ask for, per period
PER_ADDRESS = (3, timedelta(days=1))  # confirmation mails one email address may get
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
BAD_LINK = ("This confirmation link is not valid or has expired. Sign up again to get a "
            "new one.")


class RateLimit:
    """About `count` events per key in any span of `period`, counted in the state, so every
    app process on every host shares one count.

    A sliding window, approximated: the count of the current fixed window (each clock hour,
    each UTC day, from the epoch) plus that of the window before, weighted by how much of the
    last `period` it still covers. So a burst just before a window ends still counts just
    after it (fixed windows alone would let twice `count` through across the boundary). A
    key's count is gone two windows on. Keys are kept as HMACs with the app's secret: a list
    of addresses hashed without it does not tell whose they are."""

    def __init__(self, name: str, count: int, period: timedelta, limits: RateLimitStore,
                 clock: Clock, secret: str) -> None:
        self.name, self.count, self.period = name, count, period
        self.limits, self.clock = limits, clock
        self._key = hmac.new(secret.encode(), b"digest rate limits", hashlib.sha256).digest()

    def allow(self, key: str) -> bool:
        now = self.clock()
        start = EPOCH + (now - EPOCH) // self.period * self.period
        bucket = hmac.new(self._key, key.encode(), hashlib.sha256).hexdigest()
        weight = 1 - (now - start) / self.period  # of the previous window, still in the span
        return self.limits.hit(self.name, bucket, self.count, start, start - self.period,
                               weight)


class Signup(LinkPages):
    purpose = Purpose.CONFIRM
    bad_link = BAD_LINK

    def __init__(self, site: Site) -> None:
        super().__init__(site)
        limits = site.store.rate_limits
        self.per_client = RateLimit("signup-client", *PER_CLIENT, limits, site.clock,
                                    site.secret)
        self.per_address = RateLimit("signup-address", *PER_ADDRESS, limits, site.clock,
                                     site.secret)

    def routes(self) -> list[Route]:
        if not self.site.newsletter.signup:
            return []
        return [
            Route("/subscribe", self.show, methods=["GET", "HEAD"]),
            Route("/subscribe", self.subscribe, methods=["POST"]),
            Route("/subscribe/confirm/{token}", self.confirm_page, methods=["GET", "HEAD"]),
            Route("/subscribe/confirm/{token}", self.confirm, methods=["POST"]),
        ]

    async def show(self, request: Request) -> Response:
        return self.form_page(request, "subscribe", action="/subscribe", problem="")

    async def subscribe(self, request: Request) -> Response:
        fields = await self.fields(request)
        if isinstance(fields, Response):
            return fields
        try:
            email = parse_address(fields.get("email", "").strip()).addr_spec
        except ValueError:
            return self.form_page(request, "subscribe", 400, action="/subscribe",
                                  problem="Please give one valid email address.")
        client = request.client.host if request.client else "unknown"
        if not self.per_client.allow(client) or not self.per_address.allow(email.lower()):
            return notice("Too many sign-ups", "Please try again later.", 429)
        listed = self.site.store.suppressions.get(email)
        if listed is None or listed.reason == SuppressionReason.UNSUBSCRIBED:
            await run_in_threadpool(self.send_confirmation, email)
        # else it bounced or complained: no mail, and the same answer
        return notice(self.site.newsletter.title, "Thank you. If this address can be "
                      "subscribed, a message with a link to confirm is on its way; the link "
                      "works for 48 hours.", 200)

    def send_confirmation(self, email: str) -> None:
        """Mail `email` its link (in a worker thread: a backend blocks)."""
        settings = self.site.settings
        now = self.site.clock()
        token = make_token(self.site.secret, Purpose.CONFIRM, email, now + CONFIRM_FOR)
        link = f"{settings.newsletter.base_url}/subscribe/confirm/{token}"
        title = settings.newsletter.title
        message = Email(
            subject=f"Confirm your subscription to {title}",
            text=text("confirm_mail.txt", title=title, link=link),
            html=text("confirm_mail.html", title=title, link=link),
            preheader=f"Confirm your subscription to {title}")
        try:
            results = deliver(
                message, [Recipient(email)], make_backend(settings.delivery, settings.path),
                settings.newsletter, self.site.clock,
                edition=f"confirm:{token}:{secrets.token_hex(8)}")  # a Message-ID each
        except DigestError as exc:
            log.error("a confirmation mail could not be sent: %s", exc)
            return
        for result in results:
            if result.status != DeliveryStatus.SENT:
                log.warning("a confirmation mail is %s: %s", result.status, result.error)

    async def confirm_page(self, request: Request) -> Response:
        email = self.reader(request)
        if isinstance(email, Response):
            return email
        return self.form_page(request, "confirm", action=request.url.path, email=email)

    async def confirm(self, request: Request) -> Response:
        posted = await self.posted(request)
        if isinstance(posted, Response):
            return posted
        email = posted[0]
        store = self.site.store
        store.subscribers.add(email, None, self.site.clock())
        listed = store.suppressions.get(email)
        if listed is not None and listed.reason == SuppressionReason.UNSUBSCRIBED:
            store.suppressions.remove(email)  # they asked again, in person
        return notice(self.site.newsletter.title,
                      f"Welcome: {email} gets the next edition.", 200)
