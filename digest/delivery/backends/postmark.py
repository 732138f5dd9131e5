"""`backend: postmark`: /email/batch, up to 500 messages a request, each with its own result.

The batch endpoint answers 200 even when some messages were refused, so every entry of the
answer is checked (they come back in the order sent).
"""

from __future__ import annotations

from typing import Any

import requests

from ...config import PostmarkConfig
from ...models import DeliveryResult
from .api import (
    TRACKING_KEY,
    ApiBackend,
    ApiRequest,
    failed,
    json_body,
    message_id,
    recipient_address,
    sent,
)
from .base import ProviderError
from .batching import Batch


class PostmarkBackend(ApiBackend):
    name = "postmark"
    max_batch = 500
    max_own = None  # each message of a batch carries its whole body
    config: PostmarkConfig

    def auth_headers(self) -> dict[str, str]:
        return {
            "X-Postmark-Server-Token": self.config.api_key.get_secret_value(),
            "Accept": "application/json",
        }

    def build_request(self, batch: Batch) -> ApiRequest:
        content = batch.content
        shared: dict[str, Any] = {
            "From": str(content.sender),
            "Subject": content.subject,
            "MessageStream": self.config.message_stream,
        }
        if content.reply_to is not None:
            shared["ReplyTo"] = str(content.reply_to)
        messages = []
        for position, item in enumerate(batch.items):
            message = {
                **shared,
                "To": str(recipient_address(item)),
                "Metadata": {TRACKING_KEY: message_id(item)},
            }
            headers = batch.headers(position)
            if headers:
                message["Headers"] = [{"Name": name, "Value": value} for name, value in headers]
            for field, kind in (("TextBody", "text"), ("HtmlBody", "html")):
                body = batch.body(kind, position)
                if body:
                    message[field] = body
            messages.append(message)
        return ApiRequest("/email/batch", {"json": messages})

    def parse_results(self, batch: Batch, response: requests.Response) -> list[DeliveryResult]:
        answers = json_body(response)
        if not isinstance(answers, list) or len(answers) != len(batch.items) or not all(
            isinstance(answer, dict) for answer in answers
        ):
            raise ProviderError(
                f"postmark: the answer to a batch of {len(batch.items)} messages is not a list "
                "of as many results; cannot tell who was sent"
            )
        return [
            sent(item, answer.get("MessageID"))
            if answer.get("ErrorCode") == 0
            else failed(item, f"postmark: {self.error_text(answer)}")
            for item, answer in zip(batch.items, answers, strict=True)
        ]

    def error_text(self, body: Any) -> str | None:
        if not isinstance(body, dict) or "ErrorCode" not in body:
            return None
        return f"error {body['ErrorCode']}: {body.get('Message', '')}".strip()
