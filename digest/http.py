"""One place for HTTP: a requests session with timeouts, a size cap and a clear User-Agent."""

from __future__ import annotations

import requests

from . import __version__
from .errors import SourceError

USER_AGENT = f"digest/{__version__} (newsletter digest generator)"
TIMEOUT = (5.0, 20.0)  # connect, read
MAX_BYTES = 10 * 1024 * 1024


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = 5
    return session


def fetch_bytes(session: requests.Session, url: str, max_bytes: int = MAX_BYTES) -> bytes:
    """GET a URL; the body is counted while streaming so an oversized one stops early."""
    try:
        with session.get(url, timeout=TIMEOUT, stream=True) as response:
            if response.status_code >= 400:
                raise SourceError(f"{url}: HTTP {response.status_code} {response.reason}")
            body = bytearray()
            for chunk in response.iter_content(65536):
                body += chunk
                if len(body) > max_bytes:
                    raise SourceError(f"{url}: response larger than {max_bytes} bytes")
            return bytes(body)
    except requests.TooManyRedirects:
        raise SourceError(f"{url}: too many redirects") from None
    except requests.Timeout:
        raise SourceError(f"{url}: timed out") from None
    except requests.RequestException as exc:
        raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from None
