"""`backend: postmark`: /email/batch, up to 500 messages a request, each with its own result.

The batch endpoint answers 200 even when some messages were refused, so every entry of the
answer is checked (they come back in the order sent): ErrorCode 0 is sent, another code
failed for that message; an answer that is not a list of one result per message leaves the
whole request unknown. Each message carries its own headers, the recipient's Message-ID
among them, as `Headers` ([{"Name": "Message-ID", "Value": ...}]). Other answers: see
`api.py`.
"""

from __future__ import annotations

from typing import Any

import requests

from ...core.models import DeliveryResult
from .api import TRACKING_KEY, ApiBackend, ApiBackendConfig, ApiRequest, json_body
from .base import Outgoing, failed, sent
from .registry import BackendSpec


class PostmarkConfig(ApiBackendConfig):
    """`api_key` is the server API token."""

    base_url: str = "https://api.postmarkapp.com"
    message_stream: str = "broadcast"  # Postmark's stream for newsletters


class PostmarkBackend(ApiBackend):
    name = "postmark"
    max_batch = 500
    config: PostmarkConfig

    def auth_headers(self) -> dict[str, str]:
        return {
            "X-Postmark-Server-Token": self.config.api_key.get_secret_value(),
            "Accept": "application/json",
        }

    def build_request(self, batch: Outgoing) -> ApiRequest:
        # Postmark has no substitutions outside its own templates: each message of the
        # batch carries its whole body, the slots filled here.
        edition = batch.edition
        shared: dict[str, Any] = {
            "From": str(edition.sender),
            "Subject": edition.subject,
            "MessageStream": self.config.message_stream,
        }
        if edition.reply_to is not None:
            shared["ReplyTo"] = str(edition.reply_to)
        messages = []
        for copy in batch:
            message = {**shared, "To": str(copy.to), "Metadata": {TRACKING_KEY: copy.message_id}}
            message["Headers"] = [{"Name": name, "Value": value}
                                  for name, value in [*edition.headers, *copy.provider_headers()]]
            for field, kind in (("TextBody", "text"), ("HtmlBody", "html")):
                body = copy.body(edition, kind)
                if body:
                    message[field] = body
            messages.append(message)
        return ApiRequest("/email/batch", {"json": messages})

    def parse_results(self, batch: Outgoing, response: requests.Response) -> list[DeliveryResult]:
        answers = json_body(response)
        if not isinstance(answers, list) or len(answers) != len(batch) or not all(
            isinstance(answer, dict) and "ErrorCode" in answer for answer in answers
        ):
            return self.unreadable(batch, response)
        return [
            sent(copy, answer.get("MessageID"))
            if answer.get("ErrorCode") == 0
            else failed(copy, f"postmark: {self.error_text(answer)}")
            for copy, answer in zip(batch, answers, strict=True)
        ]

    def error_text(self, body: Any) -> str | None:
        if not isinstance(body, dict) or "ErrorCode" not in body:
            return None
        return f"error {body['ErrorCode']}: {body.get('Message', '')}".strip()


BACKEND = BackendSpec("postmark", PostmarkConfig, PostmarkBackend.create, order=5)
