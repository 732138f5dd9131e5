"""The providers' webhooks on a real `digest serve`: requests signed by each provider's
documented scheme (SendGrid ECDSA, Mailgun HMAC, Postmark basic auth) suppress bounced and
complaining addresses; a bad signature gets 401 and changes nothing; a replay is idempotent."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ..conftest import FIXTURES
from .conftest import ENV, Served, free_port, start, stop, write_project

HOOKS = FIXTURES / "webhooks"
SIGNING_KEY = "key-mailgun-signing-0123456789abcdef"
KEY = ec.generate_private_key(ec.SECP256R1())
PUBLIC = base64.b64encode(KEY.public_key().public_bytes(
    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).decode()


@pytest.fixture
def hooked(tmp_path: Path) -> Iterator[Served]:
    env = {**ENV, "DIGEST_SENDGRID_WEBHOOK_PUBLIC_KEY": PUBLIC,
           "DIGEST_MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY,
           "DIGEST_POSTMARK_WEBHOOK_USER": "hooks", "DIGEST_POSTMARK_WEBHOOK_PASSWORD": "pw-42"}
    port = free_port()
    server = start(write_project(tmp_path, port), port, env)
    yield server
    stop(server)


def sendgrid_post(served: Served, body: bytes, timestamp: str = "1764309700",
                  key: ec.EllipticCurvePrivateKey = KEY) -> requests.Response:
    signature = key.sign(timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    return requests.post(f"{served.url}/webhooks/sendgrid", data=body, headers={
        "Content-Type": "application/json",
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": timestamp})


def mailgun_body(event: dict, key: str = SIGNING_KEY, age: int = 5, token: str | None = None,
                 ) -> bytes:
    """The event signed as Mailgun signs it, `age` seconds ago, with a new token (as each
    request of Mailgun's has) unless one is given."""
    data = copy.deepcopy(event)
    signed = data["signature"]
    signed["token"] = token or secrets.token_hex(25)
    signed["timestamp"] = str(int(time.time()) - age)
    signed["signature"] = hmac.new(key.encode(), (signed["timestamp"] + signed["token"]).encode(),
                                   hashlib.sha256).hexdigest()
    return json.dumps(data).encode()


def test_sendgrid_hard_bounce_and_complaint_suppress_and_a_replay_changes_nothing(hooked):
    body = (HOOKS / "sendgrid.json").read_bytes()
    answer = sendgrid_post(hooked, body)
    assert answer.status_code == 200 and answer.text == "3 new events"
    assert hooked.suppressed() == {"hard@example.com": "bounced",
                                   "spam@example.com": "complained"}
    replay = sendgrid_post(hooked, body)
    assert replay.status_code == 200 and replay.text == "0 new events"
    assert len(hooked.suppressed()) == 2


def test_sendgrid_refuses_a_bad_signature(hooked):
    body = (HOOKS / "sendgrid.json").read_bytes()
    other = ec.generate_private_key(ec.SECP256R1())
    assert sendgrid_post(hooked, body, key=other).status_code == 401
    tampered = body.replace(b"hard@example.com", b"ceo@example.com")
    signature = KEY.sign(b"1764309700" + body, ec.ECDSA(hashes.SHA256()))
    answer = requests.post(f"{hooked.url}/webhooks/sendgrid", data=tampered, headers={
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": "1764309700"})
    assert answer.status_code == 401
    assert requests.post(f"{hooked.url}/webhooks/sendgrid", data=body).status_code == 401
    assert hooked.suppressed() == {}


def test_three_soft_bounces_within_14_days_suppress(hooked):
    event = json.loads((HOOKS / "mailgun-failed-permanent.json").read_text())
    event["event-data"].update(severity="temporary", recipient="soft@example.com")
    day = 86400
    for n, offset in enumerate((0, 5 * day, 10 * day)):
        event["event-data"].update(id=f"soft-{n}", timestamp=1764309600.0 + offset)
        answer = requests.post(f"{hooked.url}/webhooks/mailgun", data=mailgun_body(event))
        assert answer.status_code == 200
        assert hooked.suppressed() == ({"soft@example.com": "soft_bounced"} if n == 2 else {})


def test_soft_bounces_spread_over_more_than_14_days_do_not(hooked):
    event = json.loads((HOOKS / "mailgun-failed-permanent.json").read_text())
    event["event-data"].update(severity="temporary", recipient="soft@example.com")
    for n, offset in enumerate((0, 10, 20)):
        event["event-data"].update(id=f"soft-{n}", timestamp=1764309600.0 + offset * 86400)
        answer = requests.post(f"{hooked.url}/webhooks/mailgun", data=mailgun_body(event))
        assert answer.status_code == 200 and answer.text == "1 new events"
    assert hooked.suppressed() == {}


def test_mailgun_permanent_failure_suppresses_and_a_bad_signature_is_refused(hooked):
    event = json.loads((HOOKS / "mailgun-failed-permanent.json").read_text())
    forged = requests.post(f"{hooked.url}/webhooks/mailgun",
                           data=mailgun_body(event, "not-the-signing-key"))
    assert forged.status_code == 401 and hooked.suppressed() == {}
    assert requests.post(f"{hooked.url}/webhooks/mailgun",
                         data=json.dumps(event).encode()).status_code == 401
    # A genuine signature from an hour ago: Mailgun's does not cover the event, so an old
    # signed body carrying another event must not be taken.
    stale = requests.post(f"{hooked.url}/webhooks/mailgun", data=mailgun_body(event, age=3600))
    assert stale.status_code == 401 and hooked.suppressed() == {}
    assert requests.post(f"{hooked.url}/webhooks/mailgun",
                         data=mailgun_body(event)).status_code == 200
    assert hooked.suppressed() == {"hard@example.com": "bounced"}


def test_postmark_needs_its_basic_auth(hooked):
    body = (HOOKS / "postmark-bounce.json").read_bytes()
    url = f"{hooked.url}/webhooks/postmark"
    assert requests.post(url, data=body, auth=("hooks", "wrong")).status_code == 401
    assert requests.post(url, data=body).status_code == 401
    assert hooked.suppressed() == {}
    assert requests.post(url, data=body, auth=("hooks", "pw-42")).status_code == 200
    assert requests.post(url, data=body, auth=("hooks", "pw-42")).text == "0 new events"
    complaint = json.dumps({"RecordType": "SpamComplaint", "ID": 7, "Type": "SpamComplaint",
                            "Email": "spam@example.com"})
    assert requests.post(url, data=complaint, auth=("hooks", "pw-42")).status_code == 200
    assert hooked.suppressed() == {"hard@example.com": "bounced",
                                   "spam@example.com": "complained"}


def test_a_signed_body_that_is_not_json_is_400(hooked):
    assert sendgrid_post(hooked, b"{not json").status_code == 400
    assert requests.post(f"{hooked.url}/webhooks/postmark", data=b"[1]",
                         auth=("hooks", "pw-42")).status_code == 400


def test_a_provider_without_its_secret_has_no_endpoint(served):
    assert requests.post(f"{served.url}/webhooks/sendgrid", data=b"[]").status_code == 404
    assert requests.get(f"{served.url}/webhooks/mailgun").status_code == 405


def test_a_body_past_its_cap_is_413_and_changes_nothing(hooked):
    huge = b"[" + b" " * (9 * 1024 * 1024) + b"]"
    assert requests.post(f"{hooked.url}/webhooks/mailgun", data=huge).status_code == 413
    token_url = f"{hooked.url}/unsubscribe/bad"
    assert requests.post(token_url, data=b"x" * 100).status_code == 400  # the token first
    assert hooked.suppressed() == {}


def test_a_retry_after_a_fault_between_keeping_and_suppressing_still_suppresses(state_at):
    """The state a database fault leaves: the event kept, the address not yet suppressed.
    The provider's retry brings the same event; it must suppress all the same."""
    from datetime import UTC, datetime

    from digest.store import Store
    from digest.web.providers import Kind, MailEvent
    from digest.web.webhooks import record

    now = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
    bounce = MailEvent("ev-1", "gone@example.com", Kind.HARD_BOUNCE, now)
    with Store.open(state_at) as store:
        assert store.suppressions.record_event("mailgun", "ev-1", "gone@example.com",
                                               Kind.HARD_BOUNCE, now)
        assert store.suppressions.listed(["gone@example.com"]) == set()
        assert record(store, "mailgun", [bounce], now) == 0  # not new, but acted on
        assert store.suppressions.listed(["gone@example.com"]) == {"gone@example.com"}
        assert record(store, "mailgun", [bounce], now) == 0  # a replay changes nothing
        assert len(store.suppressions.all()) == 1
