"""`backend: sendgrid`: v3 mail/send, one personalization per recipient, 1000 a request."""

from __future__ import annotations

import re
import secrets
from email.headerregistry import Address
from typing import Any

import requests

from ...config import SendgridConfig
from ...models import DeliveryResult
from .api import (
    TRACKING_KEY,
    ApiBackend,
    ApiRequest,
    message_id,
    recipient_address,
    sent,
)
from .batching import PARTS, Batch

PERSONALIZATION_FIELD = re.compile(r"^personalizations\.(\d+)\b")


def _mailbox(address: Address) -> dict[str, str]:
    mailbox = {"email": address.addr_spec}
    if address.display_name:
        mailbox["name"] = address.display_name
    return mailbox


def _errors(body: Any) -> list[dict[str, Any]]:
    errors = body.get("errors") if isinstance(body, dict) else None
    return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


class SendgridBackend(ApiBackend):
    name = "sendgrid"
    max_batch = 1000
    config: SendgridConfig

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.config.api_key.get_secret_value()}"}

    def build_request(self, batch: Batch) -> ApiRequest:
        content = batch.content
        # Each recipient's own stretches of a body go in as substitutions for markers that
        # cannot occur in the digest by chance; their own headers as the envelope's headers.
        token = secrets.token_hex(8)
        markers = {
            kind: [f"-digest-{token}-{kind}{gap}-" for gap in range(body.gaps)]
            for kind, body in content.parts().items()
        }
        personalizations = []
        for item, own in zip(batch.items, batch.own, strict=True):
            # Each personalization is its own envelope: a recipient sees only their address.
            personalization: dict[str, Any] = {
                "to": [_mailbox(recipient_address(item))],
                "custom_args": {TRACKING_KEY: message_id(item)},
            }
            substitutions = {
                marker: stretch
                for kind, kind_markers in markers.items()
                for marker, stretch in zip(kind_markers, own.stretches[kind], strict=True)
            }
            if substitutions:
                personalization["substitutions"] = substitutions
            if own.headers:
                personalization["headers"] = own.headers
            personalizations.append(personalization)
        payload: dict[str, Any] = {
            "personalizations": personalizations,
            "from": _mailbox(content.sender),
            "subject": content.subject,
            # SendGrid wants text/plain before text/html, and no empty value.
            "content": [
                {"type": f"text/{PARTS[kind]}", "value": body.render(markers[kind])}
                for kind, body in content.parts().items()
                if not body.empty
            ],
        }
        if content.reply_to is not None:
            payload["reply_to"] = _mailbox(content.reply_to)
        if content.headers:
            payload["headers"] = dict(content.headers)
        return ApiRequest("/v3/mail/send", {"json": payload})

    def parse_results(self, batch: Batch, response: requests.Response) -> list[DeliveryResult]:
        # One X-Message-Id covers the request; TRACKING_KEY tells its recipients apart.
        provider_id = response.headers.get("X-Message-Id")
        return [sent(item, provider_id) for item in batch.items]

    def error_text(self, body: Any) -> str | None:
        messages = [
            f"{e['field']}: {e.get('message')}" if e.get("field") else str(e.get("message"))
            for e in _errors(body)
        ]
        return "; ".join(messages) or None

    def culprits(self, batch: Batch, body: Any) -> dict[int, str]:
        found: dict[int, str] = {}
        for error in _errors(body):
            match = PERSONALIZATION_FIELD.match(str(error.get("field") or ""))
            if match and int(match.group(1)) < len(batch.items):
                found[int(match.group(1))] = str(error.get("message") or "refused")
        return found
