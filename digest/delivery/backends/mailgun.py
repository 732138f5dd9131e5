"""`backend: mailgun`: the messages API with batch sending, up to 1000 recipients a request.

Recipient variables make Mailgun send each `to` address its own copy; without them every
recipient would see the whole list. Each recipient's slot values and own headers (Message-ID,
List-Unsubscribe) are their variables, named with a random token per request and put in as
`%recipient.NAME%`; their Message-ID is also the `v:` metadata that Mailgun's events carry.
So the Message-ID reaches Mailgun as the field `h:Message-ID` = `%recipient.<key>%`, the key
holding the request's random token, and that recipient's variable holds their Message-ID.

A 2xx answer without the JSON `id` of the queued message leaves the request unknown. Other
answers: see `api.py`.
"""

from __future__ import annotations

import base64
import functools
import json
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from pydantic import model_validator

from ...core.models import DeliveryResult
from .api import ApiBackend, ApiBackendConfig, json_body
from .api_requests import TRACKING_KEY, ApiRequest, marked_bodies, request_token
from .base import Outgoing, sent
from .registry import BackendSpec

if TYPE_CHECKING:
    import requests

MAILGUN_REGIONS = {"us": "https://api.mailgun.net", "eu": "https://api.eu.mailgun.net"}


class MailgunConfig(ApiBackendConfig):
    domain: str
    region: Literal["us", "eu"] = "us"
    base_url: str = MAILGUN_REGIONS["us"]

    @model_validator(mode="before")
    @classmethod
    def _region_url(cls, data: Any) -> Any:
        if isinstance(data, dict) and "base_url" not in data:
            region = data.get("region", "us")
            data = {**data, "base_url": MAILGUN_REGIONS.get(region, MAILGUN_REGIONS["us"])}
        return data


class MailgunBackend(ApiBackend):
    name = "mailgun"
    max_batch = 1000
    locating_keys = "domain, region, base_url"
    config: MailgunConfig

    def auth_headers(self) -> dict[str, str]:
        token = base64.b64encode(f"api:{self.config.api_key.get_secret_value()}".encode())
        return {"Authorization": f"Basic {token.decode()}"}

    def build_request(self, batch: Outgoing) -> ApiRequest:
        edition = batch.edition
        token = request_token()

        @functools.cache  # a few names, asked for by every recipient of the request
        def key(*parts: str) -> str:
            return "_".join((f"d{token}", *parts)).lower().replace("-", "_")

        def variable(*parts: str) -> str:
            return f"%recipient.{key(*parts)}%"

        fields = [("from", str(edition.sender)), ("subject", edition.subject)]
        fields += [("to", str(copy.to)) for copy in batch]
        fields += list(marked_bodies(batch, variable).items())
        if edition.reply_to is not None:
            fields.append(("h:Reply-To", str(edition.reply_to)))
        fields += [(f"h:{name}", value) for name, value in edition.headers]
        own_names = list(dict.fromkeys(name for copy in batch
                                       for name, _ in copy.provider_headers()))
        fields += [(f"h:{name}", variable("h", name)) for name in own_names]
        fields.append((f"v:{TRACKING_KEY}", variable("h", "Message-ID")))
        variables = {
            copy.recipient.email: {
                **{key(kind, name): value for kind in ("text", "html")
                   for name, value in copy.values(kind).items()},
                **{key("h", name): value for name, value in copy.provider_headers()},
            }
            for copy in batch
        }
        fields.append(("recipient-variables", json.dumps(variables)))
        # multipart/form-data, as the API reference documents; no part is a file.
        return ApiRequest(
            f"/v3/{quote(self.config.domain, safe='')}/messages",
            {"files": [(name, (None, value)) for name, value in fields]},
        )

    def parse_results(self, batch: Outgoing, response: requests.Response) -> list[DeliveryResult]:
        body = json_body(response)
        provider_id = body.get("id") if isinstance(body, dict) else None
        if not provider_id:
            return self.unreadable(batch, response)
        return [sent(copy, str(provider_id)) for copy in batch]

    def error_text(self, body: Any) -> str | None:
        return str(body["message"]) if isinstance(body, dict) and "message" in body else None


BACKEND = BackendSpec("mailgun", MailgunConfig, MailgunBackend.create, order=4)
