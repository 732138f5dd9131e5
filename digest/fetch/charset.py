"""Bytes to text by what they are, whatever the server or the document says they are.

Every fetched or local body (feeds, pages, text and Markdown stories) is decoded here. A
byte-order mark is believed. Otherwise bytes that are valid UTF-8 and not plain ASCII are
UTF-8: other charsets almost never make valid UTF-8 by accident, so a declared ISO-8859-1 on
them is a server's default talking, not the document. Other bytes are read in the declared
charset when it decodes them cleanly into text that does not look like mojibake (by
charset-normalizer's mess measure). When it does not, or none is declared, charset-normalizer
says what they are; Windows-1252, the web's default for Western text, is kept when it reads
as cleanly as the detector's pick, so that a neighbouring code page of the same letters is
not chosen by a coin toss.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOMS = (  # UTF-32's marks first: UTF-32-LE's starts with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Python's text codecs that are not charsets: a page naming one gets UTF-8 or a guess.
NOT_CHARSETS = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape",
                          "undefined"})
META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
DETECT_BYTES = 200_000  # what charset-normalizer reads: enough to tell, fast on any body
MESS_CHARS = 100_000
BELIEVED = 0.1  # a declared charset whose text is this clean needs no second opinion
TIE = 0.02  # mess within this of the cleanest reading counts as just as clean
FALLBACK = "cp1252"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # says so when the declared charset was set aside, or was missing


def decode(raw: bytes, *declared: str | None) -> Decoded:
    """The text of `raw`. `declared` are the charsets the source names, most trusted first
    (a Content-Type header's, then the document's own); unknown names are ignored."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return Decoded(raw.decode(encoding, errors="replace"), encoding)
    claim = next((name for name in declared if name), None)
    names = [name for name in declared if name and _charset(name)]
    if _reads(raw, "utf-8") is not None:
        return _as_utf8(raw, claim, names)
    readings = [(name, text) for name in names if (text := _reads(raw, name)) is not None]
    if readings and _mess(readings[0][1]) < BELIEVED:
        return Decoded(readings[0][1], readings[0][0])
    import charset_normalizer  # loaded for the rare body that is not UTF-8 (nor said right)

    best = charset_normalizer.from_bytes(raw[:DETECT_BYTES]).best()
    fallback = _reads(raw, FALLBACK)
    if fallback is not None:
        readings.append((FALLBACK, fallback))
    if best is not None:
        readings.append((best.encoding, raw.decode(best.encoding, errors="replace")))
    if not readings:
        readings.append((FALLBACK, raw.decode(FALLBACK, errors="replace")))
    messes = [_mess(text) for _, text in readings]
    encoding, text = next(reading for reading, mess in zip(readings, messes, strict=True)
                          if mess <= min(messes) + TIE)
    if names and encoding == names[0]:
        return Decoded(text, encoding)
    return Decoded(text, encoding, _note(claim, encoding))


def meta_charset(html: bytes) -> str | None:
    """The charset an HTML document's `<meta>` names near its start."""
    match = META_CHARSET.search(html[:2048])
    return match.group(1).decode("ascii") if match else None


def _as_utf8(raw: bytes, claim: str | None, names: list[str]) -> Decoded:
    """Valid UTF-8: UTF-8, unless it is ASCII-range UTF-16 or UTF-32 (with its NUL bytes)
    labelled as such, or plain ASCII that the declared charset reads the same."""
    text = raw.decode("utf-8")
    if claim is None or _is_utf8(claim):
        return Decoded(text, "utf-8")
    if names and b"\0" in raw and names[0].lower().startswith(("utf-16", "utf16", "utf-32",
                                                               "utf32")):
        wide = _reads(raw, names[0])
        if wide is not None:
            return Decoded(wide, names[0])
    if raw.isascii() and names and _reads(raw, names[0]) == text:
        return Decoded(text, "utf-8")
    return Decoded(text, "utf-8", _note(claim, "UTF-8"))


def _note(claim: str | None, encoding: str) -> str:
    said = f"declared charset {claim}" if claim else "no charset declared"
    return f"{said} but the body is {encoding}; read as {encoding}"


def _charset(name: str) -> bool:
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    return info._is_text_encoding and info.name.replace("_", "-") not in NOT_CHARSETS


def _reads(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeError, LookupError):
        return None


def _is_utf8(name: str) -> bool:
    return name.lower().replace("_", "-") in ("utf-8", "utf8")


def _mess(text: str) -> float:
    """How much `text` looks like mojibake: 0 for clean prose, more for odd symbols,
    accents in unlikely places, mixed scripts inside words."""
    from charset_normalizer.md import mess_ratio

    return mess_ratio(text[:MESS_CHARS], maximum_threshold=1.0)
