"""What the HTTP API backends' requests are made of (api.py sends them): the batches of
recipients, the edition's bodies with the provider's placeholders in its slots, a random
token for the names of one request's substitutions, and the key that carries our
Message-ID to the provider.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .base import Outgoing

# Our own Message-ID goes to each provider as a per-recipient header and, under this name, as
# per-recipient metadata, so that a provider's events can be matched to the message.
TRACKING_KEY = "digest_message_id"


def request_token() -> str:
    """A random part for the names of one request's substitutions: story text, written before
    it was drawn, cannot hold a name the provider would replace."""
    return secrets.token_hex(8)


def marked_bodies(batch: Outgoing, marker: Callable[[str, str], str]) -> dict[str, str]:
    """The edition's body parts that are not empty, by kind, each slot replaced by
    marker(kind, name), the provider's placeholder for a recipient's value (by nothing for
    a slot no recipient has a value for)."""
    from ..message import PARTS

    names = {name for copy in batch for kind in PARTS for name in copy.values(kind)}
    bodies = {}
    for kind in PARTS:
        body = batch.edition.body(
            kind, lambda name, kind=kind: marker(kind, name) if name in names else "")
        if body:
            bodies[kind] = body
    return bodies


def requests_of(outgoing: Outgoing, size: int) -> Iterator[Outgoing]:
    """`outgoing` in requests of at most `size` recipients, no address twice in one."""
    start, seen = 0, set[str]()
    for index, copy in enumerate(outgoing):
        address = copy.recipient.email.lower()
        if index - start == size or address in seen:
            yield outgoing[start:index]
            start, seen = index, set()
        seen.add(address)
    if start < len(outgoing):
        yield outgoing[start:]


@dataclass(frozen=True)
class ApiRequest:
    """One request a backend's `build_request` makes: the path under `base_url`, and how
    its body goes."""

    path: str
    body: dict[str, Any]  # keyword arguments for requests: json=... or files=...
