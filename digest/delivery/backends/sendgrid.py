"""`backend: sendgrid`: v3 mail/send, one personalization per recipient, 1000 a request.

Each recipient's slot values are their personalization's `substitutions` (for tags holding a
random token per request); their Message-ID and List-Unsubscribe are its `headers`
({"Message-ID": "<digest.…@domain>", ...}). A 2xx answer has no body to check: SendGrid
answers 202 for the whole request. Other answers: see `api.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email.headerregistry import Address
from typing import TYPE_CHECKING, Any

from ...core.models import DeliveryResult
from .api import ApiBackend, ApiBackendConfig
from .api_requests import TRACKING_KEY, ApiRequest, marked_bodies, request_token
from .base import Outgoing, sent
from .registry import BackendSpec

if TYPE_CHECKING:
    import requests

    from ..message import Personal


class SendgridConfig(ApiBackendConfig):
    base_url: str = "https://api.sendgrid.com"


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

    def build_request(self, batch: Outgoing) -> ApiRequest:
        edition = batch.edition
        # Each slot becomes a substitution tag with this request's token in it; each
        # personalization (its own envelope: a recipient sees only their address) gives the
        # tags its recipient's values, and carries their own headers.
        from ..message import PARTS

        token = request_token()

        def tag(kind: str, name: str) -> str:
            return f"-digest-{token}-{name}-{kind}-"

        content = [  # text/plain before text/html, as SendGrid wants
            {"type": f"text/{PARTS[kind]}", "value": body}
            for kind, body in marked_bodies(batch, tag).items()
        ]
        payload: dict[str, Any] = {
            "personalizations": [self._personalization(copy, tag) for copy in batch],
            "from": _mailbox(edition.sender),
            "subject": edition.subject,
            "content": content,
        }
        if edition.reply_to is not None:
            payload["reply_to"] = _mailbox(edition.reply_to)
        if edition.headers:
            payload["headers"] = dict(edition.headers)
        return ApiRequest("/v3/mail/send", {"json": payload})

    @staticmethod
    def _personalization(copy: Personal, tag: Callable[[str, str], str]) -> dict[str, Any]:
        from ..message import PARTS

        personalization: dict[str, Any] = {
            "to": [_mailbox(copy.to)],
            "custom_args": {TRACKING_KEY: copy.message_id},
            "headers": dict(copy.provider_headers()),
        }
        substitutions = {
            tag(kind, name): value for kind in PARTS for name, value in copy.values(kind).items()
        }
        if substitutions:
            personalization["substitutions"] = substitutions
        return personalization

    def parse_results(self, batch: Outgoing, response: requests.Response) -> list[DeliveryResult]:
        # One X-Message-Id covers the request; TRACKING_KEY tells its recipients apart.
        provider_id = response.headers.get("X-Message-Id")
        return [sent(copy, provider_id) for copy in batch]

    def error_text(self, body: Any) -> str | None:
        messages = [
            f"{e['field']}: {e.get('message')}" if e.get("field") else str(e.get("message"))
            for e in _errors(body)
        ]
        return "; ".join(messages) or None

    def culprits(self, batch: Outgoing, body: Any) -> dict[int, str]:
        found: dict[int, str] = {}
        for error in _errors(body):
            match = PERSONALIZATION_FIELD.match(str(error.get("field") or ""))
            if match and int(match.group(1)) < len(batch):
                found[int(match.group(1))] = str(error.get("message") or "refused")
        return found


BACKEND = BackendSpec("sendgrid", SendgridConfig, SendgridBackend.create, order=3)
