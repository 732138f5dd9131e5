"""A newsroom on 127.0.0.1 for the health and alert tests: feeds that publish one story a
day (or answer 404 while "dead"), a real SMTP server (aiosmtpd) for the digest and the alert
emails, and a real HTTP server (pytest-httpserver) for the webhook and the heartbeat."""

from __future__ import annotations

import json
import logging
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from digest.config import Settings, load_settings

from ..delivery.backends.conftest import (  # noqa: F401 - fixtures, used by name
    SmtpServer,
    from_mime,
    start_smtp,
    tls_files,
)
from ..webserver import WebServer, send

MONDAY = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
HOOK, PING = "/hooks/digest", "/ping/5bf5e0f2"
READERS = ("ann@example.com", "bob@example.com")
OPS = "ops@example.com"
STORIES = {
    "/city": "The city council agreed a budget for new cycle lanes after a long debate.",
    "/harbour": "Two cargo ships were delayed at the harbour mouth by a storm overnight.",
}


@dataclass
class Newsroom:
    """Feeds that each publish a story for the day the clock is on, unless they are dead."""

    web: WebServer
    clock: list[datetime] = field(default_factory=lambda: [MONDAY])
    dead: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for path in ("/city", "/harbour"):
            self.web.routes[path] = self._route(path)

    def now(self) -> datetime:
        return self.clock[0]

    def url(self, path: str) -> str:
        return self.web.url(path)

    def _route(self, path: str):
        def answer(handler: BaseHTTPRequestHandler) -> None:
            if path in self.dead:
                send(handler, 404, b"gone", "text/plain")
                return
            day = self.now().date().isoformat()
            name = path.strip("/").title()
            item = (f"<item><title>{name} story of {day}</title>"
                    f"<link>https://{path.strip('/')}.example/{day}</link>"
                    f"<pubDate>{self.now().replace(hour=6):%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
                    f"<description>{STORIES[path]} ({day})</description>"
                    "</item>")
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}'
                    f"</title>{item}</channel></rss>").encode()
            send(handler, 200, body, "application/rss+xml")

        return answer


@pytest.fixture
def newsroom(web: WebServer) -> Newsroom:
    return Newsroom(web)


class Relay(SmtpServer):
    """The newsroom's own relay: plain SMTP on 127.0.0.1 (no TLS, no login), which a test
    may take down."""

    def __init__(self) -> None:
        self.controller, server = start_smtp(None, "none")
        super().__init__(server.handler, server.port, None)
        self.up = True

    def down(self) -> None:
        if self.up:
            self.controller.stop()
            self.up = False


@pytest.fixture
def smtp() -> Iterator[Relay]:
    relay = Relay()
    yield relay
    relay.down()


@pytest.fixture
def hooks(httpserver: HTTPServer) -> HTTPServer:
    """The webhook and the heartbeat, answering 200 unless a test says otherwise."""
    httpserver.expect_request(HOOK, method="POST").respond_with_data("ok")
    httpserver.expect_request(PING).respond_with_data("OK")
    httpserver.expect_request(PING + "/fail").respond_with_data("OK")
    return httpserver


def webhook_texts(server: HTTPServer) -> list[str]:
    """The `text` of each alert the webhook received, in order."""
    return [json.loads(request.get_data())["text"] for request, _ in server.log
            if request.path == HOOK]


def pings(server: HTTPServer) -> list[str]:
    return [request.path.removeprefix(PING) or "/" for request, _ in server.log
            if request.path.startswith(PING)]


def alert_emails(server: SmtpServer) -> list[str]:
    """Subject and first line of each alert email the SMTP server took, in order."""
    return [f"{m.subject} | {m.text.splitlines()[0]}" for m in server.handler.delivered()
            if m.recipient == OPS]


def digests(server: SmtpServer) -> list[str]:
    return [m.recipient for m in server.handler.delivered() if m.recipient != OPS]


def write_newsroom(folder: Path, newsroom: Newsroom, smtp_port: int, hooks: HTTPServer,
                   alerts: str = "") -> Settings:
    """A config sending the two feeds at 07:00 UTC to two readers through the SMTP server,
    with alerts by email and webhook and the heartbeat (plus `alerts`, YAML lines)."""
    config = folder / "config.yaml"
    config.write_text(textwrap.dedent(f"""\
        newsletter:
          title: Harbour Town Daily
          from: news@harbour.example
        sources:
          - name: City Desk
            type: feed
            url: {newsroom.url("/city")}
            full_text: never
          - name: Harbour News
            type: feed
            url: {newsroom.url("/harbour")}
            full_text: never
        recipients: [{", ".join(READERS)}]
        delivery:
          backend: smtp
          smtp: {{host: 127.0.0.1, port: {smtp_port}, security: none, max_attempts: 1,
                 retry_delay: 0, timeout: 5}}
        http: {{retries: 0}}
        schedule: {{at: "07:00", timezone: UTC}}
        alerts:
          email: {OPS}
          webhook: {hooks.url_for(HOOK)}
          heartbeat_url: {hooks.url_for(PING)}
        """) + textwrap.indent(textwrap.dedent(alerts), "  "))
    return load_settings(config)


class Transcript(logging.Handler):
    """What an operator reads in digest's log: `level: message`, one line each."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("digest"):
            self.lines.append(f"{record.levelname.lower()}: {record.getMessage()}")

    def take(self) -> list[str]:
        lines, self.lines = self.lines, []
        return lines


@pytest.fixture
def transcript() -> Iterator[Transcript]:
    handler = Transcript()
    logger = logging.getLogger("digest")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)
