"""What a Content-Type header says of the body: read without loading the HTTP client, since
the feed parsers in worker processes need it too."""

from __future__ import annotations

import email.utils
from email.message import Message


def header_charset(content_type: str) -> str | None:
    """The charset a Content-Type header names, as written ("ISO-8859-1"), or None."""
    header = Message()
    header["content-type"] = content_type
    charset = header.get_param("charset")
    return email.utils.collapse_rfc2231_value(charset) if charset else None
