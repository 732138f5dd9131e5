"""Delivery throughput: 10,000 recipients of a 60 KB digest, all on 127.0.0.1.

SMTP: messages per second through SmtpBackend into an aiosmtpd sink running in its own
process, against the sink's own ceiling measured the same way by a bare smtplib client
that sends pre-serialized bytes over one connection. HTTP APIs: requests made and wall time
for SendGrid, Mailgun and Postmark against local servers that answer like the provider.

Each message carries its recipient's own greeting and, as real newsletters do, their own
one-click unsubscribe link (in List-Unsubscribe and in the footer of both parts);
`--shared-unsubscribe` gives everyone the same link instead.

    python benchmarks/bench_delivery.py [--recipients 10000] [--shared-unsubscribe]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import smtplib
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from digest.config import Newsletter
from digest.core.models import Email, Recipient
from digest.core.sanitize import GREETING_SLOT, UNSUBSCRIBE_SLOT
from digest.delivery.backends.base import Backend, Outgoing
from digest.delivery.backends.mailgun import MailgunBackend, MailgunConfig
from digest.delivery.backends.postmark import PostmarkBackend, PostmarkConfig
from digest.delivery.backends.sendgrid import SendgridBackend, SendgridConfig
from digest.delivery.backends.smtp import SmtpBackend, SmtpConfig, wire_bytes
from digest.delivery.deliver import prepare
from digest.delivery.message import Composer

NEWSLETTER = Newsletter.model_validate({
    "title": "Morning Digest",
    "from": "Morning Digest <digest@example.com>",
    "reply_to": "editor@example.com",
    "unsubscribe_url": "https://example.com/unsubscribe?reader={email}&token={token}",
    "unsubscribe_mailto": "unsubscribe+{token}@example.com",
    "unsubscribe_secret": "a-benchmark-secret-value",
})
SHARED_UNSUBSCRIBE = NEWSLETTER.model_copy(update={
    "unsubscribe_url": "https://example.com/unsubscribe",
    "unsubscribe_mailto": "unsubscribe@example.com",
})
STORY = (
    "The city council voted on Tuesday to extend the night bus network to the outer "
    "districts, after a year of complaints from shift workers who said the last trains left "
    "them stranded. “We heard the same story in every meeting,” said Maria Keller, who chairs "
    "the transport committee. The first new lines start in March. "
)


QUOTE = "“We heard the same story in every meeting.” — Maria Keller, transport committee"


def digest_email() -> Email:
    """A digest of about 60 KB once encoded: 30 stories of two paragraphs and a quote, HTML
    with inline styles, a text part with the same content, each with a greeting slot at the
    top and an unsubscribe link slot in the footer."""
    html_stories, text_stories = [], []
    for n in range(30):
        title = f"Story {n + 1}: night buses reach the outer districts"
        html_stories.append(
            f'<tr><td style="padding:16px 24px;font-family:Georgia,serif;color:#222">'
            f'<h2 style="font-size:20px;margin:0 0 8px">'
            f'<a href="https://news.example.com/{n}" style="color:#1a4d8f">{title}</a></h2>'
            + f'<p style="font-size:16px;line-height:1.5;margin:0 0 8px">{STORY}</p>' * 2
            + f'<blockquote style="margin:8px 0;font-style:italic">{QUOTE}</blockquote>'
            + "</td></tr>\n"
        )
        text_stories.append(
            f"{title}\nhttps://news.example.com/{n}\n\n{STORY}\n\n{STORY}\n\n{QUOTE}\n")
    html = (f"<html><body><p>{GREETING_SLOT}30 stories from 12 sources</p><table>\n"
            + "".join(html_stories) + "</table>"
            + f'<p><a href="{UNSUBSCRIBE_SLOT}" style="color:#1a4d8f">Unsubscribe</a></p>'
            + "</body></html>")
    text = (f"{GREETING_SLOT}30 stories from 12 sources\n\n" + "\n".join(text_stories)
            + f"\n--\nUnsubscribe: {UNSUBSCRIBE_SLOT}\n")
    return Email(subject="Morning Digest — 28 November", html=html, text=text,
                 preheader="Today")


def build(count: int, email: Email, newsletter: Newsletter) -> tuple[Outgoing, float]:
    """The edition and each recipient's own values (greeting, unsubscribe link and headers,
    Message-ID) as the pipeline prepares them, and the seconds that took."""
    now = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    people = [Recipient(f"reader{i}@example.org", f"Reader {i}") for i in range(count)]
    start = time.perf_counter()
    prepared = prepare(email, people, newsletter, now, edition="bench")
    return prepared, time.perf_counter() - start


def in_chunks(backend: Backend, messages: Outgoing) -> int:
    """Send as the caller does, `max_batch` at a time; returns how many were sent."""
    sent = 0
    with backend:
        for start in range(0, len(messages), backend.max_batch):
            results = backend.send(messages[start:start + backend.max_batch])
            sent += sum(r.status == "sent" for r in results)
    return sent


# --- SMTP sink in its own process, so that it does not share our interpreter lock ---------

def _sink(ready: Any, received: Any) -> None:
    from aiosmtpd.controller import Controller

    class Count:
        async def handle_DATA(self, server, session, envelope):
            with received.get_lock():
                received.value += 1
            return "250 OK"

    class OnFreePort(Controller):
        def _trigger_server(self) -> None:
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = OnFreePort(Count(), hostname="127.0.0.1", port=0, server_hostname="localhost")
    controller.start()
    ready.send(controller.port)
    threading.Event().wait()


def start_sink() -> tuple[multiprocessing.Process, int, Any]:
    received = multiprocessing.Value("i", 0)
    here, there = multiprocessing.Pipe()
    process = multiprocessing.Process(target=_sink, args=(there, received), daemon=True)
    process.start()
    return process, here.recv(), received


def timed(run: Callable[[], int]) -> tuple[int, float, float]:
    """What `run` returns, its wall time and this process's CPU time (the sink's excluded)."""
    wall, cpu = time.perf_counter(), time.process_time()
    done = run()
    return done, time.perf_counter() - wall, time.process_time() - cpu


def bench_smtp(messages: Outgoing) -> None:
    process, port, received = start_sink()
    composer = Composer(messages.edition, smtp=True)
    try:
        # smtplib's sendmail doubles leading dots itself, and takes bytes with CRLF as they are.
        plain = Composer(messages.edition)
        payloads = [plain.message(m).replace(b"\n", b"\r\n") for m in messages]

        def bare() -> int:
            with smtplib.SMTP("127.0.0.1", port, local_hostname="bench") as client:
                for message, payload in zip(messages, payloads, strict=True):
                    client.sendmail("digest@example.com", [message.recipient.email], payload)
            return len(payloads)

        ceiling_count, ceiling_time, bare_cpu = timed(bare)
        config = SmtpConfig(host="127.0.0.1", port=port, security="none")
        sent, elapsed, cpu = timed(lambda: in_chunks(SmtpBackend(config), messages))
        assert received.value == ceiling_count + sent, "the sink counted a different number"
    finally:
        process.terminate()
    ours, ceiling = sent / elapsed, ceiling_count / ceiling_time
    print(f"smtp     sink ceiling, bare smtplib on one connection: {ceiling:6.0f} msg/s, "
          f"client CPU {bare_cpu / ceiling_count * 1000:.2f} ms/msg")
    print(f"smtp     SmtpBackend, {sent} sent in {elapsed:.1f} s: {ours:6.0f} msg/s "
          f"({ours / ceiling:.0%} of the ceiling), client CPU {cpu / sent * 1000:.2f} ms/msg")
    sample = messages[:200]
    _, _, serializing = timed(lambda: len([wire_bytes(composer, m) for m in sample]))
    print(f"smtp     of which making each message's bytes (slots filled, encoded): "
          f"{serializing / len(sample) * 1000:.2f} ms/msg")


# --- HTTP APIs ----------------------------------------------------------------------------

def _recipients_in(path: str, body: bytes) -> int:
    if path.endswith("/mail/send"):
        return len(json.loads(body)["personalizations"])
    if path.endswith("/email/batch"):
        return len(json.loads(body))
    return body.count(b'name="to"')


class ProviderLike(BaseHTTPRequestHandler):
    """Answers a provider's send endpoint with its success shape; counts requests."""

    requests = 0
    recipients = 0
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        count = _recipients_in(self.path, body)
        with self.lock:
            ProviderLike.requests += 1
            ProviderLike.recipients += count
        if self.path.endswith("/mail/send"):
            self._answer(202, b"", {"X-Message-Id": "bench"})
        elif self.path.endswith("/email/batch"):
            answer = [{"ErrorCode": 0, "Message": "OK", "MessageID": f"id-{i}"}
                      for i in range(count)]
            self._answer(200, json.dumps(answer).encode(), {})
        else:
            self._answer(200, b'{"id": "<bench@mg.example.com>", "message": "Queued"}', {})

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def bench_apis(messages: Outgoing) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ProviderLike)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    backends: dict[str, tuple[Backend, int]] = {
        "sendgrid": (SendgridBackend(SendgridConfig(api_key="k", base_url=base_url)), 10),
        "mailgun": (MailgunBackend(MailgunConfig(api_key="k", base_url=base_url,
                                                 domain="mg.example.com")), 10),
        "postmark": (PostmarkBackend(PostmarkConfig(api_key="k", base_url=base_url)), 20),
    }
    try:
        for name, (backend, target) in backends.items():
            ProviderLike.requests = ProviderLike.recipients = 0
            sent, elapsed, _ = timed(lambda backend=backend: in_chunks(backend, messages))
            verdict = "ok" if ProviderLike.requests <= target else "OVER TARGET"
            print(f"{name:9}{sent} sent, {ProviderLike.recipients} recipients received in "
                  f"{ProviderLike.requests} requests (target <= {target}: {verdict}), "
                  f"{elapsed:.2f} s wall")
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--shared-unsubscribe", action="store_true",
                        help="one unsubscribe link for everyone rather than one each")
    args = parser.parse_args()
    newsletter = SHARED_UNSUBSCRIBE if args.shared_unsubscribe else NEWSLETTER
    messages, build_time = build(args.recipients, digest_email(), newsletter)
    size = len(Composer(messages.edition).message(messages[0]))
    links = "the same unsubscribe link" if args.shared_unsubscribe else "its own unsubscribe link"
    print(f"{len(messages)} messages of {size / 1000:.0f} KB, each with its own greeting and "
          f"{links}; "
          f"their own values (delivery/personalize.py) took {build_time:.1f} s, "
          f"{build_time / len(messages) * 1000:.2f} ms each, not part of the figures below")
    bench_apis(messages)
    bench_smtp(messages)


if __name__ == "__main__":
    main()
