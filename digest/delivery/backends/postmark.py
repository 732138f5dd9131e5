"""`backend: postmark`: /email/batch, up to 500 messages a request, each with its own result.

The batch endpoint answers 200 even when some messages were refused, so every entry of the
answer is checked (they come back in the order sent): ErrorCode 0 is sent, another code
failed for that message; an answer that is not a list of one result per message leaves the
whole request unknown. Each message carries its own headers, the recipient's Message-ID
among them, as `Headers` ([{"Name": "Message-ID", "Value": ...}]). Other answers: see
`api.py`.

Postmark has no substitutions outside its own templates, so each message carries its whole
body: 10,000 recipients make about a gigabyte of JSON. The edition's text between the slots
is JSON-encoded once per request, and each message is that text with the recipient's values
(encoded alone) spliced in: the same bytes `json.dumps` makes of the whole, since JSON
escapes character by character. The fields every message shares are encoded once a request
too, and a recipient's own (To, Message-ID, headers) one string at a time by the C encoder
`json.dumps` itself uses: no message is ever handed to `json.dumps` whole. The body goes out
as those pieces, streamed with its length known, never joined into one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from json.encoder import encode_basestring_ascii as json_string  # C; what json.dumps uses
from typing import TYPE_CHECKING, Any

from ...core.models import DeliveryResult
from ...core.sanitize import SLOT
from .api import ApiBackend, ApiBackendConfig, json_body
from .api_requests import TRACKING_KEY, ApiRequest
from .base import Outgoing, failed, sent
from .registry import BackendSpec

if TYPE_CHECKING:
    import requests

    from ..message import Personal


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
            "Content-Type": "application/json",
        }

    def build_request(self, batch: Outgoing) -> ApiRequest:
        edition = batch.edition
        shared: dict[str, Any] = {
            "From": str(edition.sender),
            "Subject": edition.subject,
            "MessageStream": self.config.message_stream,
        }
        if edition.reply_to is not None:
            shared["ReplyTo"] = str(edition.reply_to)
        # Each message is written as json.dumps writes it whole (same keys, order and
        # separators); what the copies share is encoded here once, their own values alone.
        head = "{" + json.dumps(shared)[1:-1] + ', "To": '
        metadata = f', "Metadata": {{{json_string(TRACKING_KEY)}: '
        headers = "".join(f"{_header(name, value)}, " for name, value in edition.headers)
        bodies = [Spliced(field, getattr(edition, kind), kind)
                  for field, kind in (("TextBody", "text"), ("HtmlBody", "html"))]
        messages = [[b"["]]
        for index, copy in enumerate(batch):
            own = ", ".join(_header(name, value) for name, value in copy.provider_headers())
            message = [f"{', ' if index else ''}{head}{json_string(str(copy.to))}{metadata}"
                       f'{json_string(copy.message_id)}}}, "Headers": [{headers}{own}]'
                       .encode()]
            for body in bodies:
                message += body.filled(copy)
            message.append(b"}")
            messages.append(message)
        messages.append([b"]"])
        return ApiRequest("/email/batch", {"data": Chunks(messages)})

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


def _header(name: str, value: str) -> str:
    """One entry of a message's `Headers`, as JSON."""
    return f'{{"Name": {json_string(name)}, "Value": {json_string(value)}}}'


class Spliced:
    """One body part of the edition JSON-encoded once, cut at its slots: each message's
    `, "field": "..."` is these pieces with the recipient's values, each encoded alone."""

    def __init__(self, field: str, text: str, kind: str) -> None:
        split = SLOT.split(text)  # text, slot name, text, ...
        self.opening = f', "{field}": "'.encode()
        self.pieces = [json_string(piece)[1:-1].encode() for piece in split[::2]]
        self.names = split[1::2]
        self.kind = kind
        self.empty = not any(self.pieces)

    def filled(self, copy: Personal) -> list[bytes]:
        """The field with the copy's values in the slots; nothing when the filled body is
        empty (as a message without that part)."""
        values = copy.values(self.kind)
        filled = [json_string(values.get(name, ""))[1:-1].encode() for name in self.names]
        if self.empty and not any(filled):
            return []
        out = [self.opening, self.pieces[0]]
        for value, piece in zip(filled, self.pieces[1:], strict=True):
            out += (value, piece)
        out.append(b'"')
        return out


class Chunks:
    """A request body as a list of messages, each a list of byte strings, sent in blocks of
    whole messages of about BLOCK bytes (one system call each, not one a piece; each block
    joined at once from its pieces) with its length known up front (requests sets
    Content-Length from len()), and sent again whole on a retry."""

    BLOCK = 1 << 20

    def __init__(self, messages: list[list[bytes]]) -> None:
        self.messages = messages
        self.sizes = [sum(map(len, pieces)) for pieces in messages]
        self.size = sum(self.sizes)

    def __iter__(self) -> Iterator[bytes]:
        block: list[list[bytes]] = []
        size = 0
        for pieces, length in zip(self.messages, self.sizes, strict=True):
            block.append(pieces)
            size += length
            if size >= self.BLOCK:
                yield b"".join(chain.from_iterable(block))
                block, size = [], 0
        if block:
            yield b"".join(chain.from_iterable(block))

    def __len__(self) -> int:
        return self.size

    def __bytes__(self) -> bytes:
        return b"".join(chain.from_iterable(self.messages))


BACKEND = BackendSpec("postmark", PostmarkConfig, PostmarkBackend.create, order=5)
