"""What a request that got no answer failed of, in the few words of a source's report, and
whether trying again later may help (`FetchError.retryable`): see http.py for what each
answer means."""

from __future__ import annotations

from collections.abc import Iterator

import urllib3.exceptions

from ..core.errors import SourceError
from .guard import AddressRefused

TIMEOUTS = (TimeoutError, urllib3.exceptions.TimeoutError)  # socket's, and urllib3's own


class FetchError(SourceError):
    """A URL could not be fetched; the message says why, in a few words."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class RefusedAddress(FetchError):
    """The URL, or a redirect's target, is at an address the guard does not allow."""


class TooManyRedirects(Exception):
    """More redirects in a row than `limit`."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} redirects")
        self.limit = limit



def request_failure(exc: Exception) -> FetchError:
    """What a request that got no answer (no status line and headers) failed of."""
    if isinstance(exc, AddressRefused):
        return RefusedAddress(str(exc))
    if isinstance(exc, TooManyRedirects):
        return FetchError(f"too many redirects (more than {exc.limit})")
    if certificate_refused(exc):  # the site's or the trusted authorities' to fix, not time's
        return FetchError(f"certificate not trusted: {error_reason(exc)}")
    if isinstance(exc, urllib3.exceptions.NewConnectionError):  # a ConnectTimeoutError too
        return FetchError(f"cannot connect: {error_reason(exc)}", retryable=True)
    if isinstance(exc, urllib3.exceptions.ConnectTimeoutError):
        return FetchError("connection timed out", retryable=True)
    if isinstance(exc, TIMEOUTS):
        return FetchError("timed out waiting for the server", retryable=True)
    if isinstance(exc, urllib3.exceptions.ProxyError | urllib3.exceptions.SSLError
                  | urllib3.exceptions.ProtocolError | OSError):
        return FetchError(f"cannot connect: {error_reason(exc)}", retryable=True)
    return FetchError(f"request failed: {error_reason(exc)}")


def certificate_refused(exc: BaseException) -> bool:
    """Whether the server's certificate failed the check: an authority not trusted, a name
    that does not match, an expired one."""
    import ssl

    from urllib3.util.ssl_match_hostname import CertificateError

    return any(isinstance(link, ssl.SSLCertVerificationError | CertificateError)
               for link in chain(exc))


def chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and what caused it, outermost first: urllib3's `reason`, else the exception it
    was raised from or while handling."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        reason = getattr(link, "reason", None)  # urllib3's MaxRetryError; ssl's is a string
        link = reason if isinstance(reason, BaseException) else link.__cause__ or link.__context__


def error_reason(exc: Exception) -> str:
    """The innermost useful words of a urllib3 (or requests) error ("Connection refused",
    "Name or service not known"): the system's words for the first OSError in the chain that
    has them (a refused or reset connection, socket.gaierror, ssl.SSLError), else the
    innermost exception's message. requests' own errors are OSErrors too, but without those
    words."""
    innermost: BaseException = exc
    for link in chain(exc):
        if isinstance(link, OSError) and link.strerror:
            return str(link.strerror)[:200]
        innermost = link
    return str(innermost).strip()[:200]
