"""HttpClient against a real server on 127.0.0.1: caps, retries, timeouts, conditional GET."""

from __future__ import annotations

import gzip
import socket
import struct
import threading

import pytest

from digest.fetch.http import (
    USER_AGENT,
    FetchError,
    HttpClient,
    HttpOptions,
    header_charset,
)

from .delivery.backends.conftest import TlsFiles, tls_files  # noqa: F401 - a fixture
from .webserver import WebServer, redirect, send, sequence, static, streamed


def client(sleeps: list[float] | None = None, **options) -> HttpClient:
    recorded = sleeps if sleeps is not None else []
    return HttpClient(HttpOptions(**options), sleep=recorded.append, jitter=lambda: 1.0)


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


def test_a_304_leaves_its_connection_open_for_the_next_request(web):
    """A conditional GET answered 304 reads the empty body to its end, so the next request
    goes over the same connection (the same client port) instead of a new one."""
    ports: list[int] = []
    not_modified = static(b"<rss/>", etag='"v1"')

    def noting_port(handler) -> None:
        ports.append(handler.client_address[1])
        not_modified(handler)

    web.routes["/feed"] = noting_port
    http = client()
    for _ in range(3):
        assert http.get(web.url("/feed"), etag='"v1"').not_modified
    assert len(ports) == 3 and len(set(ports)) == 1


def test_the_proxy_variables_choose_a_proxy_for_each_host(web, monkeypatch):
    """The environment's proxy settings, read once per host, still hold for each: a host in
    NO_PROXY is reached directly, another through the proxy (here the same server, which
    then sees the whole URL as the path)."""
    for name in ("ALL_PROXY", "all_proxy", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", web.url(""))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    web.routes["/feed"] = static(b"<rss/>")
    http = client(retries=0)
    for _ in range(2):
        assert http.get(web.url("/feed")).body == b"<rss/>"
        with pytest.raises(FetchError, match="HTTP 404"):
            http.get("http://feed.example/feed")
    assert [path for path, _ in web.requests] == ["/feed", "http://feed.example/feed"] * 2


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


def test_waits_grow_by_the_retry_policy_up_to_its_cap(web):
    web.routes["/down"] = static(b"no", status=503)
    sleeps: list[float] = []
    with pytest.raises(FetchError, match=r"HTTP 503 \(after 4 attempts\)"):
        client(sleeps, retries=3, backoff=0.5, max_retry_after=1.5).get(web.url("/down"))
    assert sleeps == [0.5, 1.0, 1.5]  # the top of each step: 0.5, 1, then 2 held to the cap


def test_a_retry_after_beyond_the_cap_gives_up_at_once(web):
    web.routes["/busy"] = static(b"later", status=429, headers={"Retry-After": "3600"})
    sleeps: list[float] = []
    with pytest.raises(FetchError) as raised:
        client(sleeps, retries=3, max_retry_after=30).get(web.url("/busy"))
    assert str(raised.value) == (
        "HTTP 429 (the server asks to wait 3600 s; the most this waits is 30 s)")
    assert sleeps == [] and web.hits("/busy") == 1
    assert raised.value.retryable  # the next run asks again


def test_gives_up_after_retries(web):
    """The tries spent, a 5xx is still "retry later": at the next run."""
    web.routes["/down"] = static(b"no", status=500)
    with pytest.raises(FetchError, match=r"HTTP 500 \(after 3 attempts\)") as raised:
        client(retries=2).get(web.url("/down"))
    assert web.hits("/down") == 3 and raised.value.retryable


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


@pytest.mark.parametrize("headers", [{}, {"Location": ""}, {"Location": "  "}])
def test_a_redirect_without_a_location_fails_for_good_at_once(web, headers):
    """A 302 with no Location (or an empty one) has nowhere to go: one request, one line,
    not the same URL asked again until the redirect limit."""
    web.routes["/feed"] = lambda handler: send(handler, 302, b"", "text/plain", headers)
    with pytest.raises(FetchError) as raised:
        client().get(web.url("/feed"))
    assert str(raised.value) == "HTTP 302 without a Location to go to"
    assert not raised.value.retryable
    assert web.hits("/feed") == 1


def test_redirect_followed(web):
    web.routes["/old"] = redirect("/new")
    web.routes["/new"] = static(b"<rss/>")
    response = client().get(web.url("/old"))
    assert response.url == web.url("/new") and response.body == b"<rss/>"


def test_a_cookie_set_with_a_redirect_is_sent_back(web):
    """A site that sets a cookie and redirects to itself gets the cookie back, as from a
    browser; without it, it would redirect for ever."""

    def cookie_wall(handler) -> None:
        if "seen=1" in (handler.headers.get("Cookie") or ""):
            send(handler, 200, b"<rss/>", "application/rss+xml")
        else:
            send(handler, 302, b"", "text/plain", {"Location": "/feed", "Set-Cookie": "seen=1"})

    web.routes["/feed"] = cookie_wall
    http = client()
    assert http.get(web.url("/feed")).body == b"<rss/>"
    assert web.hits("/feed") == 2
    assert http.get(web.url("/feed")).body == b"<rss/>"  # kept for the run
    assert web.hits("/feed") == 3


def test_a_relative_redirect_keeps_the_fragment_and_encodes_the_path(web):
    web.routes["/old"] = redirect("new path")
    web.routes["/new%20path"] = static(b"<rss/>")
    response = client().get(web.url("/old#top"))
    assert response.url == web.url("/new%20path#top") and response.body == b"<rss/>"


def test_netrc_credentials_are_sent(web, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    web.routes["/private"] = static(b"<rss/>")
    assert client().get(web.url("/private")).body == b"<rss/>"
    assert web.requests[0][1]["Authorization"] == "Basic cmVhZGVyOnMzY3JldA=="


def test_a_repeated_header_is_read_as_one_list(web):
    def two_links(handler) -> None:
        handler.send_response(200)
        for value in ("<a>; rel=hub", "<b>; rel=self"):
            handler.send_header("Link", value)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    web.routes["/feed"] = two_links
    assert client().get(web.url("/feed")).headers["link"] == "<a>; rel=hub, <b>; rel=self"


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


def test_read_timeout_in_the_middle_of_the_body_is_retried(web):
    web.routes["/stalls"] = streamed(b"<rss>", 2, every=0.6)
    sleeps: list[float] = []
    with pytest.raises(FetchError) as raised:
        client(sleeps, read_timeout=0.2, retries=1).get(web.url("/stalls"))
    assert str(raised.value) == "timed out waiting for the server"
    assert raised.value.retryable and len(sleeps) == 1


def test_connection_refused_is_retried_then_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []
    with pytest.raises(FetchError) as refused:
        client(sleeps, retries=2).get(f"http://127.0.0.1:{port}/feed")
    assert str(refused.value) == "cannot connect: Connection refused"
    assert refused.value.retryable and len(sleeps) == 2


def test_a_host_that_does_not_resolve_is_named_in_the_resolver_words():
    host = "no-such-feed.invalid"  # RFC 2606: never resolves
    with pytest.raises(socket.gaierror) as lookup:
        socket.getaddrinfo(host, 80)
    with pytest.raises(FetchError) as raised:
        client(retries=0).get(f"http://{host}/feed")
    assert str(raised.value) == f"cannot connect: {lookup.value.strerror}"


def hang_up(connection: socket.socket) -> None:
    """Close without a word."""


def reset(connection: socket.socket) -> None:
    """Close with a TCP reset (linger on, for no time)."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def answer_plain_http(connection: socket.socket) -> None:
    connection.sendall(b"HTTP/1.1 200 OK\r\n\r\n")


@pytest.mark.parametrize("scheme, answer, error", [
    ("http", hang_up, "cannot connect: Remote end closed connection without response"),
    ("http", reset, "cannot connect: Connection reset by peer"),
    ("https", answer_plain_http, "cannot connect: [SSL"),  # the words vary with OpenSSL
])
def test_errors_are_said_in_the_innermost_words_only(scheme, answer, error):
    """No exception reprs, pool names or object addresses in what the user reads."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()

        def answer_one_request() -> None:
            with server.accept()[0] as connection:
                connection.recv(4096)
                answer(connection)

        serving = threading.Thread(target=answer_one_request)
        serving.start()
        with pytest.raises(FetchError) as raised:
            client(retries=0, read_timeout=2).get(f"{scheme}://127.0.0.1:{server.getsockname()[1]}/")
        serving.join()
    assert str(raised.value).startswith(error)
    assert not any(noise in str(raised.value) for noise in ("Pool", "object at", "Errno", "('"))


def test_a_url_whose_host_cannot_be_read_fails_for_good():
    with pytest.raises(FetchError) as raised:
        client().get("http://exa mple.com/feed")
    assert str(raised.value).startswith("request failed: Failed to parse: Host 'exa mple.com'")
    assert not raised.value.retryable


def test_https_certificates_are_checked_against_the_bundle_requests_would_trust(
        tls_files: TlsFiles, monkeypatch):  # noqa: F811 - the fixture imported above
    """certifi's authorities by default (a self-signed certificate is refused, failed for
    good: not tried again, since time will not fix it), REQUESTS_CA_BUNDLE's when it is
    set."""
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    server = WebServer()
    server.socket = tls_files.server_context().wrap_socket(server.socket, server_side=True)
    server.routes["/feed"] = static(b"<rss/>")
    url = f"https://127.0.0.1:{server.server_address[1]}/feed"
    try:
        sleeps: list[float] = []
        with pytest.raises(FetchError) as refused:
            client(sleeps, retries=2).get(url)
        assert str(refused.value).startswith(
            "certificate not trusted: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
        assert not refused.value.retryable and sleeps == [] and server.requests == []
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls_files.cert))
        assert client(retries=0).get(url).body == b"<rss/>"
    finally:
        server.stop()


def test_only_http_urls():
    with pytest.raises(FetchError, match="only http"):
        client().get("file:///etc/passwd")


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
