"""Grouping the copies of one digest into batches that each can go out as one request.

The copies differ in their recipient and, often, in one short stretch of each body (a
greeting). A batch keeps the shared body once, as `head` + own stretch + `tail`, and each
message's own stretch beside it; a provider puts the stretches in as substitutions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from typing import Any

from .base import OutgoingMessage

PER_RECIPIENT = frozenset({"to", "message-id", "date"})
STRUCTURE = frozenset({"content-type", "content-transfer-encoding", "mime-version"})
# Headers the providers take as fields of their own (or set themselves); others pass through.
OWN_FIELDS = PER_RECIPIENT | STRUCTURE | {"from", "subject", "reply-to", "cc", "bcc"}
PARTS = {"text": "plain", "html": "html"}
# Longest stretch of a body that may differ between the recipients of one request (a
# greeting, say); SendGrid allows 10,000 bytes of substitutions per recipient.
MAX_OWN = 1000


@dataclass(frozen=True)
class Body:
    """A body part shared by a batch: `head`, then each recipient's own stretch, then `tail`.

    Without a `tail` the part has no own stretch: every recipient gets `head` alone.
    """

    head: str
    tail: str | None = None

    @property
    def empty(self) -> bool:
        """True when no recipient gets any text in this part."""
        return self.tail is None and not self.head

    def render(self, own: str = "") -> str:
        """The part with `own` in its place: a recipient's text, or a provider's marker."""
        return self.head if self.tail is None else self.head + own + self.tail


def _longest(limit: int, same: Callable[[int], bool]) -> int:
    """The largest k <= limit with same(k), where same(0) holds and same(k) implies same(k-1)."""
    if same(limit):
        return limit
    low, high = 0, limit
    while high - low > 1:
        middle = (low + high) // 2
        if same(middle):
            low = middle
        else:
            high = middle
    return low


def _common_head(a: str, b: str) -> int:
    return _longest(min(len(a), len(b)), lambda k: a[:k] == b[:k])


def _common_tail(a: str, b: str) -> int:
    return _longest(min(len(a), len(b)), lambda k: a[len(a) - k:] == b[len(b) - k:])


def shared_body(
    values: Iterable[str], max_own: int | None = MAX_OWN
) -> tuple[Body, list[str]] | None:
    """One Body for all `values` and each value's own stretch; None when they differ in more
    than one stretch of at most `max_own` characters (None: any length).

    Values are taken one at a time and only the part of each that differs from the first is
    kept, so a thousand 60 KB bodies never sit in memory together.
    """
    iterator = iter(values)
    first = next(iterator)
    # For each value: None if equal to the first, else (its common head with the first,
    # what lies between, its common tail with the first).
    pieces: list[tuple[int, str, int] | None] = [None]
    for value in iterator:
        if value == first:
            pieces.append(None)
            continue
        head = _common_head(first, value)
        tail = min(_common_tail(first, value), len(value) - head, len(first) - head)
        middle = value[head:len(value) - tail]
        if max_own is not None and len(middle) > max_own:
            return None
        pieces.append((head, middle, tail))
    differing = [piece for piece in pieces if piece is not None]
    if not differing:
        return Body(first), [""] * len(pieces)
    head = min(piece[0] for piece in differing)
    tail = min(piece[2] for piece in differing)
    end = len(first) - tail
    own = [
        first[head:end] if piece is None
        else first[head:piece[0]] + piece[1] + first[len(first) - piece[2]:end]
        for piece in pieces
    ]
    if max_own is not None and max(len(stretch) for stretch in own) > max_own:
        return None
    return Body(first[:head], first[end:]), own


@dataclass(frozen=True)
class Content:
    """What the messages of one batch have in common."""

    sender: Address
    reply_to: Address | None
    subject: str
    headers: tuple[tuple[str, str], ...]
    text: Body | None
    html: Body | None

    @classmethod
    def of(cls, message: EmailMessage, text: Body | None, html: Body | None) -> Content:
        reply_to = message["Reply-To"]
        return cls(
            sender=message["From"].addresses[0],
            reply_to=reply_to.addresses[0] if reply_to else None,
            subject=str(message["Subject"] or ""),
            headers=tuple(
                (name, str(value))
                for name, value in message.items()
                if name.lower() not in OWN_FIELDS
            ),
            text=text,
            html=html,
        )

    def parts(self) -> dict[str, Body]:
        """The body parts present, by kind ("text", "html")."""
        return {k: body for k, body in (("text", self.text), ("html", self.html)) if body}


@dataclass(frozen=True)
class Batch:
    """Messages sent in one request; `indices` are their places in the `send` call and
    `own` holds each message's own stretch of each body part that has one."""

    content: Content
    indices: tuple[int, ...]
    items: tuple[OutgoingMessage, ...]
    own: tuple[dict[str, str], ...]

    def body(self, kind: str, position: int) -> str | None:
        """The whole body part `kind` of the message at `position`."""
        body = self.content.parts().get(kind)
        return body.render(self.own[position].get(kind, "")) if body else None

    def without(self, positions: set[int]) -> Batch:
        keep = [i for i in range(len(self.items)) if i not in positions]
        return Batch(
            self.content,
            tuple(self.indices[i] for i in keep),
            tuple(self.items[i] for i in keep),
            tuple(self.own[i] for i in keep),
        )


def _envelope_key(message: EmailMessage) -> tuple[Any, ...]:
    """Equal for messages that may share a request: same headers but the personal ones."""
    headers = tuple(
        (name.lower(), str(value))
        for name, value in message.items()
        if name.lower() not in PER_RECIPIENT | STRUCTURE
    )
    kinds = tuple(part.get_content_type() for part in message.walk())
    return headers, kinds


def _part_text(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body((subtype,))
    return part.get_content() if part is not None else None


def _encoded_parts(message: EmailMessage) -> tuple[Any, ...]:
    """The body parts as stored (encoded): equal for equal bodies, and nothing to decode."""
    return tuple(part.get_payload() for part in message.walk() if not part.is_multipart())


def _batches_of(
    indices: list[int], messages: Sequence[OutgoingMessage], max_own: int | None
) -> Iterator[Batch]:
    """One batch if the bodies differ in one stretch of at most `max_own` characters (a
    greeting, say); otherwise one batch for each distinct body."""
    bodies: dict[str, Body | None] = {}
    own: list[dict[str, str]] = [{} for _ in indices]
    for kind, subtype in PARTS.items():
        # The envelope key holds the MIME structure, so a part is in all messages or in none.
        if messages[indices[0]].message.get_body((subtype,)) is None:
            bodies[kind] = None
            continue
        shared = shared_body(
            (_part_text(messages[i].message, subtype) or "" for i in indices), max_own
        )
        if shared is None:
            alike: dict[tuple[Any, ...], list[int]] = {}
            for index in indices:
                alike.setdefault(_encoded_parts(messages[index].message), []).append(index)
            for same in alike.values():
                yield from _batches_of(same, messages, max_own)
            return
        bodies[kind], stretches = shared
        if bodies[kind].tail is not None:
            for position, stretch in enumerate(stretches):
                own[position][kind] = stretch
    content = Content.of(messages[indices[0]].message, bodies["text"], bodies["html"])
    yield Batch(content, tuple(indices), tuple(messages[i] for i in indices), tuple(own))


def make_batches(
    messages: Sequence[OutgoingMessage], size: int, max_own: int | None = MAX_OWN
) -> Iterator[Batch]:
    """Group messages that can share a request: at most `size` a batch, no address twice,
    bodies that differ in one stretch of at most `max_own` characters."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, item in enumerate(messages):
        groups.setdefault(_envelope_key(item.message), []).append(index)
    for indices in groups.values():
        chunk: list[int] = []
        seen: set[str] = set()
        for index in indices:
            email = messages[index].recipient.email.lower()
            if len(chunk) == size or email in seen:
                yield from _batches_of(chunk, messages, max_own)
                chunk, seen = [], set()
            chunk.append(index)
            seen.add(email)
        if chunk:
            yield from _batches_of(chunk, messages, max_own)
