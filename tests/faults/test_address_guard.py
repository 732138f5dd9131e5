"""No request to an internal address the operator did not configure: links found in a feed,
and redirects, to loopback, private, link-local or unique-local addresses are refused with one
line in the source's report; configured origins and `http.allow_hosts` are let through."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from digest.app import pipeline
from digest.config import load_settings
from digest.core.errors import ConfigError
from digest.core.models import SourceStatus
from digest.fetch.guard import AddressGuard, address_kind, origin
from digest.fetch.http import FetchError, HttpClient, HttpOptions, RefusedAddress
from digest.store import Store

from ..logs import short
from ..test_collect import NOW, rss
from ..webserver import WebServer, redirect, static

ARTICLE = ("<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens"
           "</h1>" + "".join(f"<p>Paragraph {i} of the full story about the bridge, which "
                             "reopened on Monday after months of repairs, with many more words "
                             "here.</p>" for i in range(8)) + "</article></body></html>").encode()
HINT = "(set http.allow_hosts to allow it)"


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "a loopback address"),
    ("127.255.1.2", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.0.0.5", "a private address"),
    ("172.16.0.1", "a private address"),
    ("172.31.255.254", "a private address"),
    ("192.168.1.1", "a private address"),
    ("169.254.169.254", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("fe80::1%eth0", "a link-local address"),
    ("fc00::1", "a unique-local address"),
    ("fd12:3456::1", "a unique-local address"),
    ("100.64.0.1", "a shared (carrier-grade NAT) address"),
    ("100.127.255.254", "a shared (carrier-grade NAT) address"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("224.0.0.1", "a multicast address"),
    ("239.255.255.250", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("255.255.255.255", "a reserved address"),
    ("192.0.2.10", "a reserved address"),  # documentation
    ("198.18.0.1", "a reserved address"),  # benchmarking
    ("2001:db8::1", "a reserved address"),  # documentation
    ("::ffff:10.0.0.1", "a private address"),  # IPv4-mapped
    ("::ffff:127.0.0.1", "a loopback address"),
    ("::ffff:169.254.169.254", "a link-local address"),
    ("64:ff9b::a00:1", "a private address"),  # NAT64 of 10.0.0.1
    ("2002:c0a8:0101::1", "a private address"),  # 6to4 of 192.168.1.1
])
def test_non_public_addresses_are_named(address, kind):
    assert address_kind(address) == kind


@pytest.mark.parametrize("address", [
    "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
    "::ffff:93.184.216.34",
])
def test_public_addresses_pass(address):
    assert address_kind(address) is None


def test_configured_origins_and_allowed_hosts_are_trusted():
    guard = AddressGuard(["http://127.0.0.1:8080/feed.xml", "https://intranet.example/x"],
                         ["Wiki.Example", "10.0.0.5"])
    assert guard.trusts("http", "127.0.0.1", 8080)
    assert not guard.trusts("http", "127.0.0.1", 8081)
    assert not guard.trusts("https", "127.0.0.1", 8080)
    assert guard.trusts("https", "intranet.example", 443)
    assert not guard.trusts("http", "intranet.example", 80)
    assert guard.trusts("http", "wiki.example", 9999)
    assert guard.trusts("http", "10.0.0.5", 80)


@pytest.fixture
def other():
    """A second server on 127.0.0.1, another port: internal, and not configured."""
    server = WebServer()
    yield server
    server.stop()


def collect_one(write_config, feed_url: str, allow_hosts: str = ""):
    http = f"http:\n  allow_hosts: [{allow_hosts}]\n" if allow_hosts else ""
    path = write_config(
        "newsletter:\n  title: T\n  from: t@example.com\nrecipients: [r@example.com]\n"
        f"sources:\n  - name: local\n    type: feed\n    url: {feed_url}\n"
        f"    full_text: always\n{http}")
    settings = load_settings(path)
    with Store.open(settings.path(settings.state.path)) as state:
        collection = pipeline.collect(settings, state, NOW, store=True)
    report = collection.reports[0]
    return report, {s.title: s for s in collection.stories}


def test_links_to_another_internal_port_are_refused_and_the_same_origin_is_not(
        web, other, write_config):
    other.routes["/story"] = static(ARTICLE, "text/html")
    web.routes["/story"] = static(ARTICLE, "text/html")
    web.routes["/feed"] = static(rss([
        ("Same origin", web.url("/story"), "A teaser…"),
        ("Other port", other.url("/story"), "A teaser…"),
    ]))
    report, stories = collect_one(write_config, web.url("/feed"))
    assert report.status is SourceStatus.OK
    assert report.error == f"refused {other.url('/story')}: a loopback address {HINT}"
    assert other.requests == []  # not even connected to
    assert len(stories["Same origin"].paragraphs) == 8
    assert stories["Other port"].paragraphs == ("A teaser…",)


def test_a_name_is_checked_on_the_address_it_resolves_to(web, other, write_config):
    other.routes["/story"] = static(ARTICLE, "text/html")
    link = f"http://localhost:{other.server_address[1]}/story"
    web.routes["/feed"] = static(rss([("By name", link, "A teaser…")]))
    report, _ = collect_one(write_config, web.url("/feed"))
    assert report.error == f"refused {link}: a loopback address {HINT}"
    assert other.requests == []


def test_a_redirect_from_the_configured_origin_to_another_port_is_refused(
        web, other, write_config):
    other.routes["/secret"] = static(b"internal", "text/html")
    web.routes["/story"] = redirect(other.url("/secret"))
    web.routes["/feed"] = static(rss([("Moved", web.url("/story"), "A teaser…")]))
    report, stories = collect_one(write_config, web.url("/feed"))
    assert report.error == f"refused {other.url('/secret')}: a loopback address {HINT}"
    assert other.requests == [] and web.hits("/story") == 1
    assert stories["Moved"].paragraphs == ("A teaser…",)


def test_a_configured_feed_that_redirects_inside_is_refused_as_its_error(web, other,
                                                                          write_config):
    other.routes["/feed"] = static(rss([("Hidden", other.url("/x"), "Text.")]))
    web.routes["/feed"] = redirect(other.url("/feed"))
    report, _ = collect_one(write_config, web.url("/feed"))
    assert report.status is SourceStatus.ERROR
    assert report.error == f"refused {other.url('/feed')}: a loopback address {HINT}"


def test_allow_hosts_lets_a_host_in(web, other, write_config):
    other.routes["/story"] = static(ARTICLE, "text/html")
    web.routes["/feed"] = static(rss([
        ("Allowed", f"http://localhost:{other.server_address[1]}/story", "A teaser…"),
        ("Still refused", other.url("/story"), "A teaser…"),
        ("Also refused", other.url("/story?again"), "A teaser…"),
    ]))
    report, stories = collect_one(write_config, web.url("/feed"), allow_hosts="localhost")
    assert len(stories["Allowed"].paragraphs) == 8
    assert stories["Still refused"].paragraphs == ("A teaser…",)
    assert report.error.startswith(f"refused {other.url('/story')}")
    assert report.error.endswith("; 1 more link refused") and "\n" not in report.error
    assert other.hits("/story") == 1


def test_every_address_of_a_name_must_pass(monkeypatch, other):
    """A name that resolves to a public and a private address is refused, so a resolver
    that answers differently from one lookup to the next gains nothing."""
    real = socket.getaddrinfo

    def two_answers(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", two_answers)
    client = HttpClient(HttpOptions(retries=0), guard=AddressGuard())
    with pytest.raises(RefusedAddress) as raised:
        client.get(f"http://rebind.example:{other.server_address[1]}/x")
    assert str(raised.value) == (f"refused http://rebind.example:{other.server_address[1]}/x:"
                                 f" a loopback address {HINT}")
    assert other.requests == []


def test_a_request_through_a_proxy_is_checked_before_it_is_sent(other, monkeypatch):
    """The proxy (the operator's) resolves the host itself; the host is checked here first."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", other.url(""))
    client = HttpClient(HttpOptions(retries=0), guard=AddressGuard(allow_hosts=["10.0.0.6"]))
    with pytest.raises(RefusedAddress, match=r"^refused http://10\.0\.0\.5/x: a private"):
        client.get("http://10.0.0.5/x")
    assert other.requests == []
    with pytest.raises(FetchError, match="HTTP 404"):  # allowed: sent to the proxy
        client.get("http://10.0.0.6/x")
    assert len(other.requests) == 1


def test_without_a_guard_every_address_is_allowed(web):
    """A URL the user typed (`digest summarize URL`) is theirs to choose."""
    web.routes["/story"] = static(ARTICLE, "text/html")
    assert HttpClient().get(web.url("/story")).body == ARTICLE


@pytest.mark.parametrize("entry", ["http://wiki.example", "wiki.example:8080", "10.0.0.0/8",
                                   "a b"])
def test_allow_hosts_takes_hosts_only(write_config, entry):
    path = write_config("newsletter:\n  title: T\n  from: t@example.com\n"
                        f"http:\n  allow_hosts: ['{entry}', intranet.example, '::1']\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == (
        f"{path}:5: http.allow_hosts: {entry!r} is not a host name or address (write it like "
        "intranet.example or 10.0.0.5, with no scheme, port or path)")


UNREADABLE = {"http://[::1/x": "Invalid IPv6 URL",
              "http://example.com:99999/feed": "Port out of range 0-65535"}


@pytest.mark.parametrize("url", UNREADABLE)
def test_a_source_url_whose_host_or_port_cannot_be_read_is_a_config_error(write_config, url):
    path = write_config(f"""\
        newsletter:
          title: Test
          from: news@example.com
        sources:
          - name: Bad
            type: feed
            url: "{url}"
        """)
    result = subprocess.run([sys.executable, "-m", "digest", "--config", str(path), "check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert short(result.stderr) == (
        f"digest: error: {path}:7: sources.0.url: {url!r} has a host or "
        f"port that cannot be read ({UNREADABLE[url]})\n")


def test_a_guard_built_from_an_unreadable_url_does_not_fail_on_it():
    """Validation refuses such a URL; the guard, built from any URL it is given, lets it be."""
    assert {origin(url) for url in UNREADABLE} == {("", "", 0)}
    guard = AddressGuard([*UNREADABLE, "http://127.0.0.1:8080/feed"])
    assert guard.trusts("http", "127.0.0.1", 8080)
    assert not guard.trusts("http", "example.com", 80)
