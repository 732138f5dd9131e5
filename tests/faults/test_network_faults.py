"""Every network wait is bounded: servers on 127.0.0.1 that hang at each stage of a request
are cut off at `http.total_timeout`, counted from the connect, as one FetchError line."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress

import pytest

from digest.app import pipeline
from digest.config import load_settings
from digest.core.models import SourceStatus
from digest.fetch.http import FetchError, HttpClient, HttpOptions

from ..test_collect import collect, config_for, rss
from ..webserver import static
from .rawserver import never_accepting, raw_server, silent, trickle

MARGIN = 0.6  # seconds past the limit: the watchdog's thread, the socket's shutdown
HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n"
FAULTS: dict[str, Callable[[], AbstractContextManager[str]]] = {
    "accepts and never answers": lambda: raw_server(silent),
    "trickles the header, a byte every 0.5 s": lambda: raw_server(
        trickle(b"", b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n" * 20, every=0.5)),
    "trickles the body, a byte every 0.5 s": lambda: raw_server(
        trickle(HEADERS, b"<rss>" * 100, every=0.5)),
    "never accepts (backlog full)": never_accepting,
}


def timed_get(url: str, **options: float) -> tuple[FetchError, float]:
    client = HttpClient(HttpOptions(**options), sleep=lambda _: None, jitter=lambda: 1.0)
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        client.get(f"{url}/feed")
    return raised.value, time.monotonic() - started


@pytest.mark.parametrize("fault", FAULTS)
def test_a_hanging_server_is_cut_off_at_the_total_timeout(fault):
    with FAULTS[fault]() as url:
        error, seconds = timed_get(url, total_timeout=2, connect_timeout=5, read_timeout=1)
    assert seconds < 2 + MARGIN, (fault, seconds)
    assert "\n" not in str(error)
    if fault != "never accepts (backlog full)":  # a connect timeout may say so first
        assert str(error) == "took longer than 2 s"


def test_a_proxy_that_trickles_its_answer_is_cut_off_at_the_total_timeout(monkeypatch):
    """The connection to the proxy is a bounded one too."""
    with raw_server(trickle(b"", b"HTTP/1.1 200 OK\r\nX-Slow: 1\r\n" * 20, every=0.2)) as proxy:
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.setenv("http_proxy", proxy)
        error, seconds = timed_get("http://feed.example", total_timeout=1, read_timeout=5)
    assert seconds < 1 + MARGIN, seconds
    assert str(error) == "took longer than 1 s"


@pytest.mark.parametrize("head", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Encoding: identity\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3e8\r\n",
])
def test_a_body_cut_short_is_a_broken_response_not_retried(head):
    """The server hangs up mid-body: whatever came is not taken for the whole (the next run
    fetches again)."""

    def cut_short(connection: socket.socket, stop: threading.Event) -> None:
        connection.recv(4096)
        connection.sendall(head + b"<rss>" * 2)
        connection.shutdown(socket.SHUT_RDWR)

    with raw_server(cut_short) as url:
        client = HttpClient(HttpOptions(retries=2), sleep=lambda _: None, jitter=lambda: 1.0)
        with pytest.raises(FetchError) as raised:
            client.get(f"{url}/feed")
    assert str(raised.value).startswith("broken response: ")
    assert not raised.value.retryable and "\n" not in str(raised.value)


def test_a_chunked_body_with_a_small_content_length_is_counted_as_it_comes():
    """Transfer-Encoding overrides Content-Length: a server that declares 100 bytes and then
    sends chunks without end is stopped at the size cap, long before the time limit."""

    def endless_chunks(connection: socket.socket, stop: threading.Event) -> None:
        chunk = b"x" * 65536
        with suppress(OSError):
            connection.recv(4096)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n"
                               b"Transfer-Encoding: chunked\r\n\r\n")
            while not stop.is_set():
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    with raw_server(endless_chunks) as url:
        error, seconds = timed_get(url, max_bytes=256 * 1024, total_timeout=10, retries=0)
    assert str(error) == "response larger than the 262144-byte cap"
    assert seconds < 5 and not error.retryable


def test_retries_do_not_stretch_the_limit():
    """Read timeouts are retried, but every try shares the one limit."""
    with raw_server(silent) as url:
        error, seconds = timed_get(url, total_timeout=1.5, read_timeout=0.4, retries=10)
    assert seconds < 1.5 + MARGIN
    assert str(error) in ("took longer than 1.5 s",
                          "timed out waiting for the server (no time left to try again within "
                          "1.5 s)")


def test_a_retry_after_longer_than_the_time_left_is_not_waited_for(web):
    web.routes["/busy"] = static(b"later", status=503, headers={"Retry-After": "20"})
    sleeps: list[float] = []
    client = HttpClient(HttpOptions(total_timeout=10, max_retry_after=30), sleep=sleeps.append)
    with pytest.raises(FetchError) as raised:
        client.get(web.url("/busy"))
    assert str(raised.value) == "HTTP 503 (no time left to try again within 10 s)"
    assert sleeps == [] and web.hits("/busy") == 1


def test_links_that_all_hang_hold_their_feed_up_once(web, write_config):
    """Twelve teasers whose pages never answer, four requests at a time to their host: the
    pages share one total timeout, and the entries keep their own text."""
    with raw_server(silent) as hung:
        web.routes["/feed"] = static(rss([(f"Story {i}", f"{hung}/story/{i}", "A teaser…")
                                          for i in range(12)]))
        source = f"  - name: teasers\n    type: feed\n    url: {web.url('/feed')}\n"
        path = config_for(write_config, source, total_timeout=1.5, read_timeout=10,
                          per_host=4, allow_hosts="[127.0.0.1]")
        started = time.monotonic()
        reports, collection = collect(path)
        seconds = time.monotonic() - started
    assert reports["teasers"].status is SourceStatus.OK
    assert [s.paragraphs for s in collection.stories] == [("A teaser…",)] * 12
    assert reports["teasers"].pages_failed == 12  # every page was asked for, and timed out
    assert 1.5 <= seconds < 1.5 + MARGIN + 1  # the feed itself answers at once


def test_a_hung_source_does_not_hold_up_the_send(project, clock):
    """One feed that never answers, one good source: the digest goes out with the good one,
    the hung one reported, within the configured time."""
    config = project / "config.yaml"
    with raw_server(silent) as url:
        config.write_text(config.read_text().replace("sources:\n", (
            f"http:\n  total_timeout: 2\n  read_timeout: 10\n"
            f"sources:\n  - name: Hung\n    type: feed\n    url: {url}/feed\n")))
        started = time.monotonic()
        report = pipeline.send(load_settings(config), clock=clock)
        seconds = time.monotonic() - started
    hung = next(s for s in report.sources if s.name == "Hung")
    assert hung.status is SourceStatus.ERROR and hung.error == "took longer than 2 s"
    assert hung.seconds < 2 + MARGIN
    assert report.status == "sent" and report.stories == 3
    assert seconds < 2 + 15  # the rest of a send (render, write the outbox) takes seconds


def test_a_name_lookup_that_never_answers_is_cut_off_too(monkeypatch):
    """The system's resolver has no timeout of its own; the lookup is waited for no longer
    than the time left."""
    real = socket.getaddrinfo
    released = threading.Event()

    def hung_resolver(host, port, *args, **kwargs):
        if host != "hung.example" or kwargs.get("flags", 0) & socket.AI_NUMERICHOST:
            return real(host, port, *args, **kwargs)
        released.wait()
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hung_resolver)
    try:
        error, seconds = timed_get("http://hung.example", total_timeout=1, connect_timeout=5)
    finally:
        released.set()
    assert seconds < 1 + MARGIN
    assert str(error) == "took longer than 1 s"
