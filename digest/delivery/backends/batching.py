"""Grouping the copies of one digest into batches that each can go out as one request.

The copies differ in their recipient and, often, in a few short stretches of each body (a
greeting, an unsubscribe link) and in a header or two (List-Unsubscribe). A batch keeps each
body once, as pieces everyone gets with a gap between each two, and beside it each message's
own stretch for every gap and its own header values; a provider puts these in as
substitutions or per-recipient variables.
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
# Headers every provider takes as fields of a whole request.
SHARED_FIELDS = frozenset({"from", "subject", "reply-to", "cc", "bcc"})
# Headers the providers take as fields of their own (or set themselves); others pass through.
OWN_FIELDS = PER_RECIPIENT | STRUCTURE | SHARED_FIELDS
PARTS = {"text": "plain", "html": "html"}
# How many characters of a body part may be a recipient's own, all its stretches together (a
# greeting and a link, say). Two parts of at most 4 bytes a character, and the markers, stay
# within the 10,000 bytes of substitutions SendGrid allows per recipient.
MAX_OWN = 1000
# How many characters must match again after a difference before the difference counts as over.
ANCHOR = 32
# Characters compared at a time when looking for where two values part.
BLOCK = 4096

# An edit of the first value: its characters [start, end) are replaced by the text.
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class Body:
    """A body part shared by a batch: `pieces` every recipient gets, and between each two of
    them a gap that each recipient fills with a stretch of their own."""

    pieces: tuple[str, ...]

    @property
    def gaps(self) -> int:
        return len(self.pieces) - 1

    @property
    def empty(self) -> bool:
        """True when no recipient gets any text in this part."""
        return self.pieces == ("",)

    def render(self, own: Sequence[str] = ()) -> str:
        """The part with own[k] in gap k: a recipient's stretches, or a provider's markers."""
        text = [self.pieces[0]]
        for stretch, piece in zip(own, self.pieces[1:], strict=True):
            text += (stretch, piece)
        return "".join(text)


def _agreeing(limit: int, same: Callable[[int, int], bool]) -> int:
    """The length of the agreeing run, at most `limit`, where same(s, e) compares the run's
    characters s to e: a block at a time, then by halves in the block that differs, so that
    a long run costs about one pass and a short one little."""
    done = 0
    while done < limit and same(done, min(done + BLOCK, limit)):
        done = min(done + BLOCK, limit)
    low, high = done, min(done + BLOCK, limit)
    while high - low > 1:  # [0, low) agrees, [0, high) does not
        middle = (low + high) // 2
        if same(done, middle):
            low = middle
        else:
            high = middle
    return low


def _same_after(a: str, i: int, b: str, j: int) -> int:
    """How many characters from a[i] on equal those from b[j] on."""
    return _agreeing(min(len(a) - i, len(b) - j),
                     lambda s, e: a[i + s:i + e] == b[j + s:j + e])


def _same_before(a: str, i: int, b: str, j: int, limit: int) -> int:
    """How many characters before a[i] equal those before b[j], at most `limit`."""
    return _agreeing(limit, lambda s, e: a[i - e:i - s] == b[j - e:j - s])


def _resync(first: str, i: int, value: str, j: int, max_own: int) -> tuple[int, int] | None:
    """Where `first` and `value`, which part at i and j, agree again within `max_own`
    characters: ANCHOR characters of `first` a little further on are looked for in `value`
    (further each time), and from where they are found the agreement is followed back. In
    text that repeats itself the place found may leave the stretches longer than they need
    be, never wrong."""
    offset = min(ANCHOR, max_own)
    while True:
        start = i + offset
        anchor = first[start:start + ANCHOR]
        if len(anchor) < ANCHOR:
            return None
        found = value.find(anchor, j, j + offset + max_own + ANCHOR)
        if found >= 0:
            back = _same_before(first, start, value, found, min(start - i, found - j))
            if max(start - back - i, found - back - j) <= max_own:
                return start - back, found - back
        if offset >= max_own:
            return None
        offset = min(2 * offset, max_own)


def _edits(first: str, value: str, max_own: int | None) -> list[Edit] | None:
    """`value` as edits of `first`, in order, each replacing at most `max_own` characters by
    at most as many; None when the values differ more (max_own None: any amount, in one
    edit from the first difference to the last)."""
    edits: list[Edit] = []
    i = j = 0
    while True:
        same = _same_after(first, i, value, j)
        i, j = i + same, j + same
        if i == len(first) and j == len(value):
            return edits
        found = None if max_own is None else _resync(first, i, value, j, max_own)
        if found is None:  # what is left differs up to a common ending, if any
            ending = _same_before(first, len(first), value, len(value),
                                  min(len(first) - i, len(value) - j))
            found = len(first) - ending, len(value) - ending
            if max_own is not None and max(found[0] - i, found[1] - j) > max_own:
                return None
        edits.append((i, found[0], value[j:found[1]]))
        i, j = found


def _gaps(changes: Iterable[list[Edit]]) -> list[tuple[int, int]]:
    """The stretches of the first value that any value edits, merged where they meet."""
    gaps: list[tuple[int, int]] = []
    for start, end in sorted({(start, end) for edits in changes for start, end, _ in edits}):
        if gaps and start <= gaps[-1][1]:
            gaps[-1] = (gaps[-1][0], max(gaps[-1][1], end))
        else:
            gaps.append((start, end))
    return gaps


def _stretches(first: str, gaps: list[tuple[int, int]], edits: list[Edit]) -> tuple[str, ...]:
    """A value's own text for each gap: that stretch of the first value, with its edits made.
    Each edit lies within one gap, and both come in order."""
    stretches, index = [], 0
    for start, end in gaps:
        text, at = [], start
        while index < len(edits) and edits[index][1] <= end:
            edit_start, edit_end, replacement = edits[index]
            text += (first[at:edit_start], replacement)
            at, index = edit_end, index + 1
        text.append(first[at:end])
        stretches.append("".join(text))
    return tuple(stretches)


def shared_body(
    values: Iterable[str], max_own: int | None = MAX_OWN
) -> tuple[Body, list[tuple[str, ...]]] | None:
    """One Body for all `values` and each value's own stretches, one for each gap; None when a
    value has more than `max_own` characters of its own (None: any number).

    Values are taken one at a time and only where each differs from the first is kept, so a
    thousand 60 KB bodies never sit in memory together.
    """
    iterator = iter(values)
    first = next(iterator)
    changes: list[list[Edit]] = [[]]
    for value in iterator:
        edits = [] if value == first else _edits(first, value, max_own)
        if edits is None:
            return None
        changes.append(edits)
    gaps = _gaps(changes)
    bounds = [0, *(bound for gap in gaps for bound in gap), len(first)]
    pieces = tuple(first[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2))
    own = [_stretches(first, gaps, edits) for edits in changes]
    if max_own is not None and any(sum(map(len, stretches)) > max_own for stretches in own):
        return None
    return Body(pieces), own


@dataclass(frozen=True)
class Content:
    """What the messages of one batch have in common. Each message has its own value of the
    headers named in `own_headers` (List-Unsubscribe, say)."""

    sender: Address
    reply_to: Address | None
    subject: str
    headers: tuple[tuple[str, str], ...]
    own_headers: tuple[str, ...]
    text: Body | None
    html: Body | None

    @classmethod
    def of(
        cls, message: EmailMessage, own_headers: tuple[str, ...], text: Body | None,
        html: Body | None,
    ) -> Content:
        reply_to = message["Reply-To"]
        return cls(
            sender=message["From"].addresses[0],
            reply_to=reply_to.addresses[0] if reply_to else None,
            subject=str(message["Subject"] or ""),
            headers=tuple(
                (name, value) for name, value in _passed_headers(message)
                if name not in own_headers
            ),
            own_headers=own_headers,
            text=text,
            html=html,
        )

    def parts(self) -> dict[str, Body]:
        """The body parts present, by kind ("text", "html")."""
        return {k: body for k, body in (("text", self.text), ("html", self.html)) if body}


@dataclass(frozen=True)
class Own:
    """What one message of a batch has of its own: its stretch for each gap of each body
    part, by kind, and its value of each header in `Content.own_headers`."""

    stretches: dict[str, tuple[str, ...]]
    headers: dict[str, str]


@dataclass(frozen=True)
class Batch:
    """Messages sent in one request; `indices` are their places in the `send` call and
    `own` holds what each message has of its own."""

    content: Content
    indices: tuple[int, ...]
    items: tuple[OutgoingMessage, ...]
    own: tuple[Own, ...]

    def body(self, kind: str, position: int) -> str | None:
        """The whole body part `kind` of the message at `position`."""
        body = self.content.parts().get(kind)
        return body.render(self.own[position].stretches[kind]) if body else None

    def headers(self, position: int) -> list[tuple[str, str]]:
        """The headers passed through for the message at `position`: shared, then its own."""
        return [*self.content.headers, *self.own[position].headers.items()]

    def without(self, positions: set[int]) -> Batch:
        keep = [i for i in range(len(self.items)) if i not in positions]
        return Batch(
            self.content,
            tuple(self.indices[i] for i in keep),
            tuple(self.items[i] for i in keep),
            tuple(self.own[i] for i in keep),
        )


def _passed_headers(message: EmailMessage) -> list[tuple[str, str]]:
    """The headers that pass through to the provider as they are (List-Id, List-Unsubscribe)."""
    return [(name, str(value)) for name, value in message.items()
            if name.lower() not in OWN_FIELDS]


def _own_headers(headers: Sequence[list[tuple[str, str]]]) -> tuple[str, ...]:
    """The names of the headers whose values differ between messages that have the same
    headers in the same order."""
    first = headers[0]
    return tuple(
        name for k, (name, value) in enumerate(first)
        if any(other[k][1] != value for other in headers[1:])
    )


def _envelope_key(message: EmailMessage) -> tuple[Any, ...]:
    """Equal for messages that may share a request: the same sender, subject and reply-to,
    the same other headers (in value or not), the same MIME structure."""
    fields = tuple(
        (name.lower(), str(value))
        for name, value in message.items()
        if name.lower() in SHARED_FIELDS
    )
    names = tuple(name.lower() for name, _ in _passed_headers(message))
    kinds = tuple(part.get_content_type() for part in message.walk())
    return fields, names, kinds


def _part_text(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body((subtype,))
    return part.get_content() if part is not None else None


def _encoded_parts(message: EmailMessage) -> tuple[Any, ...]:
    """The body parts as stored (encoded): equal for equal bodies, and nothing to decode."""
    return tuple(part.get_payload() for part in message.walk() if not part.is_multipart())


def _batches_of(
    indices: list[int], messages: Sequence[OutgoingMessage], max_own: int | None
) -> Iterator[Batch]:
    """One batch if no message has more than `max_own` characters of its own in a body part
    (a greeting and a link, say); otherwise one batch for each distinct body."""
    bodies: dict[str, Body | None] = {}
    stretches: list[dict[str, tuple[str, ...]]] = [{} for _ in indices]
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
        bodies[kind], own = shared
        for position, mine in enumerate(own):
            stretches[position][kind] = mine
    headers = [_passed_headers(messages[i].message) for i in indices]
    own_headers = _own_headers(headers)
    content = Content.of(messages[indices[0]].message, own_headers, bodies["text"],
                         bodies["html"])
    yield Batch(content, tuple(indices), tuple(messages[i] for i in indices), tuple(
        Own(mine, {name: value for name, value in theirs if name in own_headers})
        for mine, theirs in zip(stretches, headers, strict=True)
    ))


def make_batches(
    messages: Sequence[OutgoingMessage], size: int, max_own: int | None = MAX_OWN
) -> Iterator[Batch]:
    """Group messages that can share a request: at most `size` a batch, no address twice,
    bodies of which no message has more than `max_own` characters of its own."""
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
