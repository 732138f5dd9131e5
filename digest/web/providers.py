"""What each provider's webhook says, once its signature is checked: bounces and complaints
as `MailEvent`s. Pure functions over the request's headers and raw body.

- SendGrid, Signed Event Webhook: an ECDSA (P-256, SHA-256) signature, base64 DER in
  `X-Twilio-Email-Event-Webhook-Signature`, over the timestamp header followed by the raw
  body; the verification key is the base64 DER public key SendGrid shows.
- Mailgun: `signature.signature` is the hex HMAC-SHA256, keyed with the webhook signing key,
  of `signature.timestamp` followed by `signature.token`.
- Postmark: HTTP basic auth on the webhook URL, user and password set in Postmark.

A request whose signature does not check raises `Refused` (401, nothing recorded); a signed
body that is not what the provider sends raises `Malformed` (400). Events other than bounces
and complaints (deliveries, opens, deferrals) are ignored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


class Kind(StrEnum):
    HARD_BOUNCE = "hard_bounce"
    SOFT_BOUNCE = "soft_bounce"
    COMPLAINT = "complaint"


@dataclass(frozen=True)
class MailEvent:
    """One bounce or complaint; `event_id` is the provider's, so a repeated post counts once."""

    event_id: str
    address: str
    kind: Kind
    at: datetime | None  # when the provider says it happened


@dataclass(frozen=True)
class Signed:
    """A request's events, once its signature checks; with Mailgun, the token its signature
    covers, valid once until `expires` (a second request with it is a replay)."""

    events: list[MailEvent]
    token: str | None = None
    expires: datetime | None = None


class Refused(Exception):
    """The request's signature or credentials do not check."""


class Malformed(Exception):
    """A genuine request whose body is not what the provider sends."""


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise Malformed("the body is not JSON") from None


def _moment(value: Any) -> datetime | None:
    """A provider's time: unix seconds, or ISO 8601."""
    try:
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value, UTC)
        if isinstance(value, str) and value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        pass
    return None


def _event(event_id: Any, address: Any, kind: Kind, at: Any) -> MailEvent:
    if not isinstance(address, str) or "@" not in address or event_id in (None, ""):
        raise Malformed("an event without its address or its id")
    return MailEvent(str(event_id)[:200], address.strip()[:320], kind, _moment(at))


def sendgrid_key(text: str) -> ec.EllipticCurvePublicKey:
    """The verification key as SendGrid shows it (base64 DER), or PEM; ValueError if not."""
    try:
        key = (serialization.load_pem_public_key(text.encode()) if "BEGIN" in text else
               serialization.load_der_public_key(base64.b64decode(text, validate=True)))
    except (ValueError, binascii.Error, TypeError):
        raise ValueError("not an EC public key in base64 DER or PEM") from None
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ValueError("not an elliptic-curve public key")
    return key


def sendgrid_events(key: ec.EllipticCurvePublicKey, headers: dict[str, str], body: bytes,
                    ) -> Signed:
    signature = headers.get("x-twilio-email-event-webhook-signature", "")
    timestamp = headers.get("x-twilio-email-event-webhook-timestamp", "")
    try:
        key.verify(base64.b64decode(signature, validate=True), timestamp.encode() + body,
                   ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, binascii.Error, ValueError):
        raise Refused from None
    events = _json(body)
    if not isinstance(events, list):
        raise Malformed("SendGrid posts a list of events")
    found = []
    for item in events:
        if not isinstance(item, dict):
            raise Malformed("an event that is not an object")
        name = item.get("event")
        if name == "bounce":
            kind = Kind.SOFT_BOUNCE if item.get("type") == "blocked" else Kind.HARD_BOUNCE
        elif name == "spamreport":
            kind = Kind.COMPLAINT
        else:
            continue
        found.append(_event(item.get("sg_event_id"), item.get("email"), kind,
                            item.get("timestamp")))
    return Signed(found)


MAILGUN_FRESH = 15 * 60  # seconds: Mailgun signs the moment of sending, not the event


def mailgun_events(signing_key: str, body: bytes, now: datetime) -> Signed:
    """Mailgun's signature covers its timestamp and token only, not the event: a signed body
    seen once could carry any event, so a signature older (or newer) than `MAILGUN_FRESH`
    is refused, and its token is given back to be taken once, as Mailgun's guide asks."""
    data = _json(body)
    signed = data.get("signature") if isinstance(data, dict) else None
    if not isinstance(signed, dict):
        raise Refused
    message = f"{signed.get('timestamp', '')}{signed.get('token', '')}".encode()
    expected = hmac.new(signing_key.encode(), message, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), str(signed.get("signature", "")).encode()):
        raise Refused
    try:
        stamp = float(signed["timestamp"])
    except (TypeError, ValueError):
        raise Refused from None
    if not abs(now.timestamp() - stamp) <= MAILGUN_FRESH:  # NaN too
        raise Refused
    token = str(signed.get("token", ""))
    expires = datetime.fromtimestamp(stamp + MAILGUN_FRESH, UTC)
    event = data.get("event-data")
    if not isinstance(event, dict):
        raise Malformed("no event-data")
    name = event.get("event")
    if name == "failed":
        kind = Kind.HARD_BOUNCE if event.get("severity") == "permanent" else Kind.SOFT_BOUNCE
    elif name == "complained":
        kind = Kind.COMPLAINT
    else:
        return Signed([], token, expires)
    return Signed([_event(event.get("id"), event.get("recipient"), kind,
                          event.get("timestamp"))], token, expires)


# Postmark's bounce types: which mean the address is gone, which may pass.
POSTMARK_HARD = frozenset({"HardBounce", "BadEmailAddress", "ManuallyDeactivated"})
POSTMARK_SOFT = frozenset({"SoftBounce", "Transient", "DnsError", "Blocked"})
POSTMARK_COMPLAINT = frozenset({"SpamComplaint", "SpamNotification"})


def postmark_events(user: str, password: str, headers: dict[str, str], body: bytes,
                    ) -> Signed:
    expected = base64.b64encode(f"{user}:{password}".encode()).decode()
    given = headers.get("authorization", "")
    if not hmac.compare_digest(f"Basic {expected}".encode(), given.encode()):
        raise Refused
    data = _json(body)
    if not isinstance(data, dict):
        raise Malformed("Postmark posts one object")
    record, bounce = data.get("RecordType"), data.get("Type")
    if record == "SpamComplaint" or bounce in POSTMARK_COMPLAINT:
        kind = Kind.COMPLAINT
    elif record == "Bounce" and bounce in POSTMARK_HARD:
        kind = Kind.HARD_BOUNCE
    elif record == "Bounce" and bounce in POSTMARK_SOFT:
        kind = Kind.SOFT_BOUNCE
    else:
        return Signed([])
    return Signed([_event(data.get("ID"), data.get("Email"), kind,
                          data.get("BouncedAt") or data.get("ReceivedAt"))])
