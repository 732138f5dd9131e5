"""HTTPS certificates are checked against the authorities requests would trust, directly
and through the environment's proxy: an HTTPS server on 127.0.0.1 with a certificate of its
own, and a CONNECT proxy of raw sockets in front of it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest

from digest.fetch.http import FetchError, HttpClient, HttpOptions

from .delivery.backends.conftest import TlsFiles, tls_files  # noqa: F401 - a fixture
from .webserver import WebServer, static


@contextmanager
def connect_proxy() -> Iterator[tuple[str, list[str]]]:
    """A proxy that opens a tunnel for each CONNECT; yields its URL and the targets asked."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()
    targets: list[str] = []
    sockets: list[socket.socket] = []

    def pipe(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)

    def tunnel(client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head and (data := client.recv(4096)):
            head += data
        target = head.split()[1].decode()
        targets.append(target)
        host, port = target.rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        sockets.append(upstream)
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        pipe(client, upstream)

    def serve() -> None:
        while not stop.is_set():
            try:
                client = listener.accept()[0]
            except TimeoutError:
                continue
            sockets.append(client)
            threading.Thread(target=tunnel, args=(client,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", targets
    finally:
        stop.set()
        thread.join()
        for sock in sockets:
            with suppress(OSError):
                sock.close()
        listener.close()


@pytest.fixture
def https_server(tls_files: TlsFiles) -> Iterator[WebServer]:  # noqa: F811 - the fixture
    server = WebServer()
    server.socket = tls_files.server_context().wrap_socket(server.socket, server_side=True)
    server.routes["/feed"] = static(b"<rss/>")
    yield server
    server.stop()


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy and no CA bundle from the environment the tests run in."""
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                 "all_proxy", "NO_PROXY", "no_proxy", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_through_a_proxy_certificates_are_checked_against_the_same_bundle(
        https_server, tls_files, environment):  # noqa: F811 - the fixture
    """certifi's authorities refuse the server's certificate through the tunnel too, and
    REQUESTS_CA_BUNDLE's accept it."""
    url = f"https://127.0.0.1:{https_server.server_address[1]}/feed"
    with connect_proxy() as (proxy, targets):
        environment.setenv("HTTPS_PROXY", proxy)
        with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED"):
            HttpClient(HttpOptions(retries=0)).get(url)
        environment.setenv("REQUESTS_CA_BUNDLE", str(tls_files.cert))
        assert HttpClient(HttpOptions(retries=0)).get(url).body == b"<rss/>"
    assert targets == [f"127.0.0.1:{https_server.server_address[1]}"] * 2
    assert [path for path, _ in https_server.requests] == ["/feed"]


def test_a_certificate_for_another_host_name_fails_for_good(tls_files, environment):  # noqa: F811
    """The certificate names 127.0.0.1 and localhost; the server answers at 127.0.0.2.
    Trying again cannot fix that: not retried, not retryable."""
    environment.setenv("REQUESTS_CA_BUNDLE", str(tls_files.cert))
    context = tls_files.server_context()
    with socket.create_server(("127.0.0.2", 0)) as listener:

        def handshake_once() -> None:
            connection = listener.accept()[0]
            with suppress(OSError), context.wrap_socket(connection, server_side=True):
                pass
            connection.close()

        serving = threading.Thread(target=handshake_once, daemon=True)
        serving.start()
        sleeps: list[float] = []
        client = HttpClient(HttpOptions(retries=2), sleep=sleeps.append)
        with pytest.raises(FetchError) as refused:
            client.get(f"https://127.0.0.2:{listener.getsockname()[1]}/feed")
        serving.join()
    assert str(refused.value).startswith("certificate not trusted: ")
    assert "127.0.0.2" in str(refused.value)
    assert not refused.value.retryable and sleeps == []


@pytest.mark.parametrize("variable, through_proxy", [("REQUESTS_CA_BUNDLE", False),
                                                     ("CURL_CA_BUNDLE", True)])
def test_a_ca_bundle_variable_that_names_no_file_is_one_line_failed_for_good(
        https_server, environment, tmp_path, variable, through_proxy):
    missing = tmp_path / "missing.pem"
    environment.setenv(variable, str(missing))
    url = f"https://127.0.0.1:{https_server.server_address[1]}/feed"
    sleeps: list[float] = []
    with connect_proxy() as (proxy, targets):
        if through_proxy:
            environment.setenv("HTTPS_PROXY", proxy)
        with pytest.raises(FetchError) as raised:
            HttpClient(HttpOptions(retries=2), sleep=sleeps.append).get(url)
    assert str(raised.value) == (f"{variable} names {missing}, which does not exist: set it to"
                                 " a CA bundle (a file or a folder), or unset it")
    assert not raised.value.retryable and sleeps == []
    assert targets == [] and https_server.requests == []
