"""`backend: mailgun`: the messages API with batch sending, up to 1000 recipients a request.

Recipient variables make Mailgun send each `to` address its own copy; without them every
recipient would see the whole list.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import requests

from ...config import MailgunConfig
from ...models import DeliveryResult
from .api import (
    TRACKING_KEY,
    ApiBackend,
    ApiRequest,
    json_body,
    message_id,
    recipient_address,
    sent,
)
from .batching import Batch


def _stretch_key(kind: str, gap: int) -> str:
    return f"digest_{kind}_{gap}"


def _header_key(index: int) -> str:
    return f"digest_header_{index}"


def _variable(key: str) -> str:
    return f"%recipient.{key}%"


class MailgunBackend(ApiBackend):
    name = "mailgun"
    max_batch = 1000
    locating_keys = "domain, region, base_url"
    config: MailgunConfig

    def auth_headers(self) -> dict[str, str]:
        token = base64.b64encode(f"api:{self.config.api_key.get_secret_value()}".encode())
        return {"Authorization": f"Basic {token.decode()}"}

    def build_request(self, batch: Batch) -> ApiRequest:
        content = batch.content
        fields = [("from", str(content.sender)), ("subject", content.subject)]
        fields += [("to", str(recipient_address(item))) for item in batch.items]
        # A recipient's own stretches of a body (a greeting, a link) and their own header
        # values (List-Unsubscribe) are their variables.
        fields += [
            (kind, body.render([_variable(_stretch_key(kind, gap)) for gap in range(body.gaps)]))
            for kind, body in content.parts().items()
            if not body.empty
        ]
        if content.reply_to is not None:
            fields.append(("h:Reply-To", str(content.reply_to)))
        fields += [(f"h:{name}", value) for name, value in content.headers]
        fields += [(f"h:{name}", _variable(_header_key(index)))
                   for index, name in enumerate(content.own_headers)]
        variables = {
            item.recipient.email: {
                TRACKING_KEY: message_id(item),
                **{_stretch_key(kind, gap): stretch for kind, stretches in own.stretches.items()
                   for gap, stretch in enumerate(stretches)},
                **{_header_key(index): own.headers[name]
                   for index, name in enumerate(content.own_headers)},
            }
            for item, own in zip(batch.items, batch.own, strict=True)
        }
        fields.append(("recipient-variables", json.dumps(variables)))
        # multipart/form-data, as the API reference documents; no part is a file.
        return ApiRequest(
            f"/v3/{quote(self.config.domain, safe='')}/messages",
            {"files": [(name, (None, value)) for name, value in fields]},
        )

    def parse_results(self, batch: Batch, response: requests.Response) -> list[DeliveryResult]:
        body = json_body(response)
        provider_id = body.get("id") if isinstance(body, dict) else None
        return [sent(item, provider_id) for item in batch.items]

    def error_text(self, body: Any) -> str | None:
        return str(body["message"]) if isinstance(body, dict) and "message" in body else None
