"""What an edition's messages share, what each recipient has of their own, and the bytes of
each message, with the costly MIME work done once per edition.

`Edition` is the part every copy shares: sender, subject, date, shared headers and the two
bodies with the renderer's slots still in them. `Personal` is one recipient's part: the value
of every slot (HTML-escaped for the html body, raw for the text body) and the headers of
their own (To, Message-ID, List-Unsubscribe). SMTP and the file outbox fill the slots
(`Composer`), the console prints each copy filled; the API backends hand them to the provider
as its substitutions.

Header values come from config and story titles: they pass through `one_line`, and the email
package itself refuses any CR or LF left, so no input can add or split a header.
"""

from __future__ import annotations

import binascii
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.header import Header as EncodedHeader
from email.headerregistry import Address, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import Policy
from email.utils import format_datetime, formataddr, getaddresses

from ..core.models import Recipient
from ..core.sanitize import SLOT

PARTS = {"text": "plain", "html": "html"}  # our name of each body part: its MIME subtype


class UrlListHeader(UnstructuredHeader):
    """A header of <URL>s (List-Unsubscribe), folded only between them. The email package
    would fold a URL longer than a line by turning it into encoded words, which mail
    clients do not read as a URL."""

    def fold(self, *, policy: Policy) -> str:
        links = re.findall(r"<[^<>]*>", self)
        joined = ", ".join(links)
        if joined != self:  # not a list of <URL>s after all
            return super().fold(policy=policy)
        line = f"{self.name}: {joined}"
        if policy.max_line_length and len(line) > policy.max_line_length:
            line = f"{self.name}: " + f",{policy.linesep} ".join(links)
        return line + policy.linesep


# The default policy, but for List-Unsubscribe; a registry of its own leaves the default's alone.
HEADERS = HeaderRegistry()
HEADERS.map_to_type("list-unsubscribe", UrlListHeader)
POLICY = policy.default.clone(header_factory=HEADERS)

Header = tuple[str, str]


def with_slots(text: str, placeholder: Callable[[str], str]) -> str:
    """`text` with each slot replaced by placeholder(its name), in one pass, so that no value
    is searched for slots in turn."""
    return SLOT.sub(lambda match: placeholder(match.group(1)), text)


def fill_slots(text: str, values: Mapping[str, str]) -> str:
    """`text` with every slot filled from `values` (one they lack with nothing)."""
    return with_slots(text, lambda name: values.get(name, ""))


@dataclass(frozen=True)
class Edition:
    """What every copy of an edition shares. `text` and `html` hold the renderer's slots."""

    sender: Address
    reply_to: Address | None
    subject: str
    date: datetime
    headers: tuple[Header, ...]  # shared headers besides the fields above (List-Id)
    text: str
    html: str

    def body(self, kind: str, placeholder: Callable[[str], str]) -> str:
        """Body part `kind` ("text" or "html") with each slot replaced by placeholder(name):
        a recipient's value, or a provider's marker for it."""
        return with_slots(getattr(self, kind), placeholder)

    def shared_headers(self) -> list[Header]:
        """Every header the copies share, in the order they are written."""
        headers = [("Subject", self.subject), ("From", str(self.sender))]
        if self.reply_to is not None:
            headers.append(("Reply-To", str(self.reply_to)))
        return [*headers, ("Date", format_datetime(self.date)), *self.headers]


@dataclass(frozen=True)
class Personal:
    """One recipient's own part of an edition: the value of every slot, HTML-escaped for the
    html body (`html`) and raw for the text body (`text`), and the headers of their own."""

    recipient: Recipient
    to: Address
    message_id: str  # the same for the same edition and recipient (deliver.message_id)
    html: Mapping[str, str]
    text: Mapping[str, str]
    headers: tuple[Header, ...] = ()  # List-Unsubscribe, List-Unsubscribe-Post

    def values(self, kind: str) -> Mapping[str, str]:
        """The slot values for body part `kind`."""
        return self.html if kind == "html" else self.text

    def body(self, edition: Edition, kind: str) -> str:
        """This recipient's body part `kind`, every slot filled (an unknown one with nothing)."""
        return fill_slots(getattr(edition, kind), self.values(kind))

    def provider_headers(self) -> list[Header]:
        """The headers of their own that an API takes as headers: all but To."""
        return [("Message-ID", self.message_id), *self.headers]

    def own_headers(self) -> list[Header]:
        return [("To", str(self.to)), *self.provider_headers()]


ADDRESS_HEADERS = frozenset({"from", "to", "reply-to", "cc"})


def header_bytes(headers: Iterable[Header]) -> bytes:
    """Headers as folded, encoded lines: non-ASCII in encoded words, URL lists whole. A short
    printable ASCII header is already its own line; only the others need the email package
    (which also refuses any CR or LF in a value)."""
    lines, others = [], EmailMessage(policy=POLICY)
    for name, value in headers:
        line = f"{name}: {value}"
        if "=?" in value:
            lines.append(literal_header(name, value))
        elif line.isascii() and line.isprintable() and len(line) <= POLICY.max_line_length:
            lines.append(f"{line}\n".encode())
        else:
            others[name] = value
            lines.append(POLICY.fold_binary(name, others.get(name)))
            del others[name]
    return b"".join(lines)


def literal_header(name: str, value: str) -> bytes:
    """A header whose text holds "=?", which a reader would decode as an encoded word (and
    so would the email package): that text is itself put in encoded words, so the reader
    sees it as written. In an address header only the display names are text."""
    if "\r" in value or "\n" in value:
        raise ValueError(f"{name}: a header value must not contain CR or LF")

    def encoded(text: str) -> str:
        return EncodedHeader(text, "utf-8").encode(linesep="\n", maxlinelen=POLICY.max_line_length)

    if name.lower() in ADDRESS_HEADERS:
        value = ", ".join(f"{encoded(shown)} <{address}>" if "=?" in shown else
                          formataddr((shown, address)) for shown, address in getaddresses([value]))
    else:
        value = encoded(value)
    return f"{name}: {value}\n".encode()


def quoted_printable(content: str) -> bytes:
    """UTF-8 in quoted-printable, by binascii's C code (the email package's own encoder is
    pure Python), every line break a LF. Its output never holds "=_", which the MIME
    boundary starts with."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n")  # no bare CR on the wire
    return binascii.b2a_qp(lines.encode("utf-8"), istext=True)


SOFT_BREAK = b"=\n"  # the end of a quoted-printable line that does not end the text's line
LINE_START_DOT = re.compile(rb"(?m)^\.")


class Composer:
    """An edition's messages as bytes: the shared headers, the MIME frame and the encoded
    text between the slots are made once; each copy adds its own headers and its values.

    Quoted-printable lets a line break anywhere by a soft line break, which the reader does
    not see: each value is encoded alone and joined to the text around it by soft breaks,
    so every encoded line keeps within the limit. With `smtp`, the bytes are ready for the
    wire: CRLF line ends and a dot that starts a line doubled (RFC 5321 4.5.2); each piece
    starts a line, so each is made so on its own.
    """

    def __init__(self, edition: Edition, *, smtp: bool = False) -> None:
        self.edition = edition
        self.smtp = smtp
        boundary = f"=_{secrets.token_hex(16)}"
        self.head = self._wire(header_bytes(edition.shared_headers()))
        self.frame = self._wire(header_bytes([
            ("MIME-Version", "1.0"),
            ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        ]) + b"\n")
        self.soft_break = self._wire(SOFT_BREAK)
        self.parts: dict[str, tuple[bytes, list[bytes], list[str]]] = {}
        for index, (kind, subtype) in enumerate(PARTS.items()):
            head = (f"{chr(10) if index else ''}--{boundary}\nContent-Type: text/{subtype}; "
                    "charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n")
            split = SLOT.split(getattr(edition, kind))  # text, slot name, text, ...
            self.parts[kind] = (self._wire(head.encode()), [self._encode(t) for t in split[::2]],
                                split[1::2])
        self.end = self._wire(f"\n--{boundary}--\n".encode())

    def _wire(self, data: bytes) -> bytes:
        return LINE_START_DOT.sub(b"..", data).replace(b"\n", b"\r\n") if self.smtp else data

    def _encode(self, text: str) -> bytes:
        return self._wire(quoted_printable(text)) if text else b""

    def message(self, personal: Personal) -> bytes:
        """One recipient's whole message: multipart/alternative, text first, then HTML."""
        out = [self.head, self._wire(header_bytes(personal.own_headers())), self.frame]
        for kind, (head, pieces, names) in self.parts.items():
            values = personal.values(kind)
            encoded = [pieces[0]]
            for name, piece in zip(names, pieces[1:], strict=True):
                encoded += (self._encode(values.get(name, "")), piece)
            out.append(head)
            for chunk in filter(None, encoded):
                if not out[-1].endswith(b"\n"):
                    out.append(self.soft_break)
                out.append(chunk)
        out.append(self.end)
        return b"".join(out)
