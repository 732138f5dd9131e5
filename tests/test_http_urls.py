"""HttpClient reads each URL once, as urllib3 (which connects) reads it: the guard, the
proxy, the cookies and netrc's credentials all go by the host the request is sent to, and
`Response.url` is that URL as requests spelled it; what `post_json` cannot send is refused
before it is sent. Real servers on 127.0.0.1; a second server stands in for the proxy."""

from __future__ import annotations

import math
import socket

import pytest

from digest.fetch.guard import AddressGuard
from digest.fetch.http import FetchError, HttpClient, HttpOptions, RefusedAddress
from digest.fetch.target import safe, without_password

from .webserver import WebServer, redirect, send, static

BACKSLASHED = "http://169.254.169.254\\@93.184.216.34/latest/meta-data/"
AS_SENT = "http://169.254.169.254/%5C@93.184.216.34/latest/meta-data/"
REFUSED = f"refused {AS_SENT}: a link-local address (set http.allow_hosts to allow it)"


def no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                 "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch):
    """A server named as the environment's HTTP proxy: it sees each request's whole URL as
    its path (and answers 404)."""
    no_proxy_variables(monkeypatch)
    server = WebServer()
    monkeypatch.setenv("HTTP_PROXY", server.url(""))
    yield server
    server.stop()


@pytest.fixture
def evil():
    """A second server on 127.0.0.1, reached by the name localhost."""
    server = WebServer()
    yield server
    server.stop()


def test_a_backslash_url_through_a_proxy_is_checked_for_the_host_it_is_sent_for(proxy):
    """urllib.parse reads 93.184.216.34 as the host, urllib3 169.254.169.254: the guard
    checks the one the proxy would be asked for, and refuses it before anything is sent."""
    client = HttpClient(HttpOptions(retries=0), guard=AddressGuard())
    with pytest.raises(RefusedAddress) as raised:
        client.get(BACKSLASHED)
    assert str(raised.value) == REFUSED
    assert proxy.requests == []


def test_a_backslash_url_allowed_through_a_proxy_asks_for_the_url_that_was_checked(proxy):
    client = HttpClient(HttpOptions(retries=0), guard=AddressGuard(allow_hosts=["169.254.169.254"]))
    with pytest.raises(FetchError, match="HTTP 404"):
        client.get(BACKSLASHED)
    assert [path for path, _ in proxy.requests] == [AS_SENT]


def test_a_backslash_url_without_a_proxy_is_refused_as_it_is_sent(monkeypatch):
    no_proxy_variables(monkeypatch)
    with pytest.raises(RefusedAddress) as raised:
        HttpClient(HttpOptions(retries=0), guard=AddressGuard()).get(BACKSLASHED)
    assert str(raised.value) == REFUSED


def test_a_backslash_url_is_fetched_from_and_reported_as_the_host_urllib3_reads(web,
                                                                               monkeypatch):
    no_proxy_variables(monkeypatch)
    port = web.server_address[1]
    web.routes["/%5C@feed.example/feed"] = static(b"<rss/>")
    response = HttpClient().get(f"http://127.0.0.1:{port}\\@feed.example/feed")
    assert response.body == b"<rss/>"
    assert response.url == f"http://127.0.0.1:{port}/%5C@feed.example/feed"


def test_cookies_and_netrc_credentials_go_only_to_the_host_they_are_for(
        web, evil, tmp_path, monkeypatch):
    """A link `http://localhost:PORT\\@127.0.0.1:PORT/` is sent to localhost: neither the
    cookie 127.0.0.1 set nor netrc's password for 127.0.0.1 goes with it."""
    no_proxy_variables(monkeypatch)
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))

    def login(handler) -> None:
        send(handler, 200, b"ok", "text/plain", {"Set-Cookie": "sid=SECRET; Path=/"})

    web.routes["/login"] = login
    good_port, evil_port = web.server_address[1], evil.server_address[1]
    client = HttpClient(HttpOptions(retries=0))
    client.get(web.url("/login"))
    evil.routes[f"/%5C@127.0.0.1:{good_port}/story"] = static(b"<html/>", "text/html")
    response = client.get(f"http://localhost:{evil_port}\\@127.0.0.1:{good_port}/story")
    assert response.url == f"http://localhost:{evil_port}/%5C@127.0.0.1:{good_port}/story"
    [(_, headers)] = evil.requests
    assert "Cookie" not in headers and "Authorization" not in headers
    assert web.requests[0][1]["Authorization"] == "Basic cmVhZGVyOnMzY3JldA=="


@pytest.mark.parametrize("path, sent", [
    ("/A%7eb/ä x?q=ü", "/A~b/%C3%A4%20x?q=%C3%BC"),  # requests' requote_uri
    ("/a\r\nX-Injected: 1", "/a%0D%0AX-Injected:%201"),  # never a control character back
    ("/a/../b?x=%zz", "/b?x=%25zz"),  # dot segments gone; a lone "%" escaped
])
def test_the_response_url_is_the_url_fetched_as_requests_spelled_it(web, path, sent):
    web.routes[sent.split("?")[0]] = static(b"<rss/>")
    response = HttpClient().get(web.url(path))
    assert response.url == web.url(sent) and response.body == b"<rss/>"
    assert web.requests[0][0] == sent.split("?")[0]


def test_a_payload_json_cannot_carry_is_refused_before_anything_is_sent():
    """A NaN (or an object JSON has no form for) is one FetchError line, failed for good,
    and no connection is made."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
        for payload, words in ((math.nan, "Out of range float values are not JSON compliant"),
                               ({"at": object()}, "Object of type object is not JSON")):
            with pytest.raises(FetchError) as raised:
                HttpClient().post_json(url, {"took": payload})
            assert str(raised.value).startswith(f"request failed: {words}")
            assert not raised.value.retryable
        with pytest.raises(BlockingIOError):
            listener.accept()


READER = "Basic cmVhZGVyOnMzY3JldA=="  # reader:s3cret


def test_credentials_in_a_url_are_sent_as_basic_auth_and_nowhere_else(web, tmp_path,
                                                                      monkeypatch):
    """As requests sent them, and before netrc's; the URL returned keeps the user name (as
    story ids did) and never the password."""
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login other password netrc-pass\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    web.routes["/private"] = static(b"<rss/>")
    port = web.server_address[1]
    response = HttpClient().get(f"http://reader:s3cret@127.0.0.1:{port}/private")
    assert response.body == b"<rss/>" and response.url == f"http://reader@127.0.0.1:{port}/private"
    [(path, headers)] = web.requests
    assert path == "/private" and headers["Authorization"] == READER


def test_credentials_in_a_url_follow_a_redirect_on_the_same_site_only(web, evil):
    port, evil_port = web.server_address[1], evil.server_address[1]
    web.routes["/old"] = redirect("/new")
    web.routes["/new"] = redirect(f"http://localhost:{evil_port}/elsewhere")
    evil.routes["/elsewhere"] = static(b"<rss/>")
    response = HttpClient().get(f"http://reader:s3cret@127.0.0.1:{port}/old")
    assert response.url == f"http://localhost:{evil_port}/elsewhere"
    assert [headers.get("Authorization") for _, headers in web.requests] == [READER, READER]
    [(_, headers)] = evil.requests
    assert "Authorization" not in headers


@pytest.mark.parametrize("url", ["http://reader:s3cret@127.0.0.1:99999/feed",
                                 "ftp://reader:s3cret@127.0.0.1/feed",
                                 "http://reader:s3cret@10.0.0.5/feed"])
def test_a_password_in_a_url_is_never_in_a_message(url, monkeypatch):
    no_proxy_variables(monkeypatch)
    with pytest.raises(FetchError) as raised:
        HttpClient(HttpOptions(retries=0), guard=AddressGuard()).get(url)
    assert "s3cret" not in str(raised.value) and "reader" not in str(raised.value)


@pytest.mark.parametrize(("url", "shown"), [
    ("https://f.example/feed?a=1", "https://f.example/feed?a=1"),
    ("https://ann@f.example/feed", "https://ann@f.example/feed"),
    ("https://ann:pw@f.example:8443/feed?u=x:y@z", "https://ann@f.example:8443/feed?u=x:y@z"),
    ("https://ann:p@ss@f.example", "https://ann@f.example"),
    ("https://f.example/a:b@c", "https://f.example/a:b@c"),
    ("http://ann:pw@[::1/x", "http://ann@[::1/x"),  # one urllib.parse cannot read
])
def test_a_password_is_taken_out_of_a_url_and_nothing_else(url, shown):
    assert without_password(url) == shown


def test_a_url_urllib_cannot_read_loses_its_password_in_a_message():
    assert safe("http://ann:pw@[::1/x") == "http://ann@[::1/x"
    assert safe("https://ann:pw@f.example/feed") == "https://f.example/feed"
