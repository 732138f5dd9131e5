"""HttpClient against a real server on 127.0.0.1: caps, retries, timeouts, conditional GET."""

from __future__ import annotations

import gzip
import socket
import threading

import pytest

from digest.http import (
    USER_AGENT,
    FetchError,
    HttpClient,
    HttpOptions,
    header_charset,
    retry_after_seconds,
)

from .webserver import redirect, send, sequence, static, streamed


def client(sleeps: list[float] | None = None, **options) -> HttpClient:
    recorded = sleeps if sleeps is not None else []
    return HttpClient(HttpOptions(**options), sleep=recorded.append)


def test_get_sends_user_agent(web):
    web.routes["/feed"] = static(b"<rss/>")
    response = client().get(web.url("/feed"))
    assert response.status == 200 and response.body == b"<rss/>"
    assert web.requests[0][1]["User-Agent"] == USER_AGENT


def test_conditional_get(web):
    web.routes["/feed"] = static(b"<rss/>", etag='"v1"')
    first = client().get(web.url("/feed"))
    assert first.headers["etag"] == '"v1"'
    second = client().get(web.url("/feed"), etag='"v1"')
    assert second.not_modified and second.body == b""
    assert web.requests[1][1]["If-None-Match"] == '"v1"'


def test_retries_5xx_and_429_honouring_retry_after(web):
    web.routes["/flaky"] = sequence(
        static(b"busy", status=503),
        static(b"slow down", status=429, headers={"Retry-After": "7"}),
        static(b"<rss/>"),
    )
    sleeps: list[float] = []
    response = client(sleeps, retries=3).get(web.url("/flaky"))
    assert response.body == b"<rss/>"
    assert web.hits("/flaky") == 3
    assert len(sleeps) == 2 and sleeps[1] == 7


def test_gives_up_after_retries(web):
    web.routes["/down"] = static(b"no", status=500)
    with pytest.raises(FetchError, match=r"HTTP 500 \(after 3 attempts\)"):
        client(retries=2).get(web.url("/down"))
    assert web.hits("/down") == 3


def test_4xx_is_not_retried(web):
    with pytest.raises(FetchError, match="HTTP 404"):
        client().get(web.url("/missing"))
    assert web.hits("/missing") == 1


def test_redirect_loop(web):
    web.routes["/a"] = redirect("/b")
    web.routes["/b"] = redirect("/a")
    with pytest.raises(FetchError, match="too many redirects"):
        client().get(web.url("/a"))
    assert web.hits("/a") + web.hits("/b") <= 7


def test_redirect_followed(web):
    web.routes["/old"] = redirect("/new")
    web.routes["/new"] = static(b"<rss/>")
    response = client().get(web.url("/old"))
    assert response.url == web.url("/new") and response.body == b"<rss/>"


def test_declared_size_over_cap(web):
    web.routes["/big"] = static(b"x" * 5000)
    with pytest.raises(FetchError, match="too large"):
        client(max_bytes=1000).get(web.url("/big"))


def test_streamed_size_over_cap(web):
    web.routes["/endless"] = streamed(b"x" * 65536, 400)  # 26 MB, no Content-Length
    with pytest.raises(FetchError, match="cap"):
        client(max_bytes=1024 * 1024).get(web.url("/endless"))


def test_gzip_bomb_stops_at_cap(web):
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))
    assert len(bomb) < 100_000
    web.routes["/bomb"] = static(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="cap"):
        client(max_bytes=1024 * 1024).get(web.url("/bomb"))


def test_slow_drip_is_cut_at_total_timeout(web):
    web.routes["/drip"] = streamed(b" ", 100, every=0.05)
    with pytest.raises(FetchError, match=r"took longer than 0\.5 s"):
        client(total_timeout=0.5, read_timeout=2, retries=0).get(web.url("/drip"))


def test_read_timeout(web):
    web.routes["/slow"] = static(b"<rss/>", delay=1.0)
    with pytest.raises(FetchError, match="timed out"):
        client(read_timeout=0.2, retries=0).get(web.url("/slow"))


def test_connection_refused_is_retried_then_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []
    with pytest.raises(FetchError) as refused:
        client(sleeps, retries=2).get(f"http://127.0.0.1:{port}/feed")
    assert str(refused.value) == "cannot connect: Connection refused"
    assert len(sleeps) == 2


def test_errors_are_said_in_the_innermost_words_only():
    """No exception reprs, pool names or object addresses in what the user reads."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]

        def answer_one_request_with(reply: bytes) -> None:
            with server.accept()[0] as connection:
                connection.recv(4096)
                connection.sendall(reply)

        errors = []
        for url, reply in ((f"http://127.0.0.1:{port}/", b""),  # hangs up without a word
                           (f"https://127.0.0.1:{port}/", b"HTTP/1.1 200 OK\r\n\r\n")):  # no TLS
            serving = threading.Thread(target=answer_one_request_with, args=(reply,))
            serving.start()
            with pytest.raises(FetchError) as raised:
                client(retries=0, read_timeout=2).get(url)
            serving.join()
            errors.append(str(raised.value))
    assert errors[0] == "cannot connect: Remote end closed connection without response"
    assert errors[1].startswith("cannot connect: [SSL")
    for error in errors:
        assert not any(noise in error for noise in ("Pool", "object at", "Errno", "('"))


def test_only_http_urls():
    with pytest.raises(FetchError, match="only http"):
        client().get("file:///etc/passwd")


def test_retry_after_forms():
    assert retry_after_seconds("120", 0) == 120
    assert retry_after_seconds("Thu, 01 Jan 1970 00:01:40 GMT", 40) == 60
    assert retry_after_seconds("soon", 0) is None


def test_send_helper_is_used(web):
    web.routes["/plain"] = lambda h: send(h, 200, b"ok", "text/plain")
    assert client().get(web.url("/plain")).body == b"ok"


@pytest.mark.parametrize("content_type, charset", [
    ("text/xml; charset=ISO-8859-1", "ISO-8859-1"),
    ('text/plain; charset="utf-8"', "utf-8"),
    ("text/plain;charset=UTF-8;format=flowed", "UTF-8"),
    ("text/plain; x-charset=latin-1", None),
    ("text/html", None),
    ("", None),
])
def test_header_charset_reads_the_charset_parameter_only(content_type, charset):
    assert header_charset(content_type) == charset
