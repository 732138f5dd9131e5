"""Real local servers for the delivery backends, all on 127.0.0.1.

- `SmtpServer`: aiosmtpd with STARTTLS (or implicit TLS) and AUTH, a self-signed certificate
  made at test time, and fault modes: drop the connection after N messages, answer 421 or 451
  for a while, refuse given recipients with 550, vanish after receiving a message.
- `SendgridApi`, `MailgunApi`, `PostmarkApi`: pytest-httpserver handlers that accept each
  provider's documented request format (SendGrid's bodies are validated against its official
  OpenAPI spec), record what each recipient would get, and inject 429, 5xx or 401 on demand.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import pytest
import requests
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from jsonschema import Draft202012Validator
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from digest.config import Newsletter
from digest.core.models import Email, Recipient
from digest.core.sanitize import GREETING_SLOT, UNSUBSCRIBE_SLOT
from digest.delivery.backends.base import Outgoing
from digest.delivery.deliver import prepare
from digest.delivery.message import Personal

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "providers"
USERNAME, PASSWORD = "digest", "s3cret-smtp-password"
API_KEY = "s3cret-api-key"
NOW = dt.datetime(2026, 11, 28, 7, 0, tzinfo=dt.UTC)


# --- what every recipient received, whatever the transport -------------------------------

@dataclass
class Delivered:
    """One recipient's copy as the server would deliver it."""

    recipient: str
    visible_to: list[str]  # the addresses this recipient sees in To
    sender: str
    subject: str
    text: str | None
    html: str | None
    headers: dict[str, str]  # custom headers and Reply-To, by lower-case name


def from_mime(recipient: str, data: bytes) -> Delivered:
    message = message_from_bytes(data.replace(b"\r\n", b"\n"), policy=policy.default)
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    return Delivered(
        recipient=recipient,
        visible_to=[a for _, a in getaddresses([str(message["To"])])],
        sender=message["From"].addresses[0].addr_spec,
        subject=str(message["Subject"]),
        text=text.get_content() if text else None,
        html=html.get_content() if html else None,
        headers={k.lower(): str(v).strip() for k, v in message.items()},  # unfolded
    )


# --- editions and recipients as digest/delivery/deliver.py prepares them -----------------

NEWSLETTER = Newsletter.model_validate({
    "title": "Morning Digest",
    "from": "Morning Digest <digest@example.com>",
    "reply_to": "Editor <editor@example.com>",
    "unsubscribe_url": "https://example.com/unsubscribe?reader={email}&token={token}",
    "unsubscribe_mailto": "unsubscribe+{token}@example.com",
    "unsubscribe_secret": "a-test-secret-of-some-length",
})
# The slots make each recipient's body their own in two places, as in a real run: the
# greeting ("Hello Ann,") and the footer's unsubscribe link.
EMAIL = Email(
    subject="Morning Digest — 28 November",
    text=f"{GREETING_SLOT}Today’s stories\n.a line that starts with a dot\n" + "word " * 400
    + f"\n--\nUnsubscribe: {UNSUBSCRIBE_SLOT}\n",
    html=f"<html><body><p>{GREETING_SLOT}Today’s stories</p><p>Grüße</p>"
    + "<p>A story.</p>" * 80
    + f'<p><a href="{UNSUBSCRIBE_SLOT}">Unsubscribe</a></p></body></html>',
    preheader="Today",
)
NAMES = ["Ann Example", "Zoë Ünicode", "Doe, Jane", None, "Bob"]


def recipients(count: int) -> list[Recipient]:
    return [Recipient(f"reader{i}@example.org", NAMES[i % len(NAMES)]) for i in range(count)]


def outgoing(people: list[Recipient] | int, email: Email = EMAIL) -> Outgoing:
    people = recipients(people) if isinstance(people, int) else people
    return prepare(email, people, NEWSLETTER, NOW, edition="test")


def bodies(outgoing: Outgoing, copy: Personal) -> tuple[str, str]:
    """The text and HTML a recipient should get: the edition with their values in its slots."""
    return copy.body(outgoing.edition, "text"), copy.body(outgoing.edition, "html")


def own_header(copy: Personal, name: str) -> str:
    return dict(copy.own_headers())[name]


class FakeTime:
    """Injected sleep and monotonic clock: sleeping only moves the clock."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- TLS ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """A self-signed certificate for 127.0.0.1 and localhost, made for this test run."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "digest test server")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        ]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    files = TlsFiles(folder / "cert.pem", folder / "key.pem")
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ))
    return files


# --- SMTP --------------------------------------------------------------------------------

@dataclass
class Faults:
    refuse: set[str] = field(default_factory=set)  # 550 at RCPT for these addresses
    rcpt_451: int = 0  # answer 451 to this many RCPT commands
    mail_421: int = 0  # answer 421 to this many MAIL commands, closing the connection
    drop_after: int | None = None  # abort each connection at MAIL after this many messages
    vanish_after_data: int = 0  # keep this many messages but abort instead of answering


class SmtpHandler:
    def __init__(self) -> None:
        self.faults = Faults()
        self.received: list[tuple[str, list[str], bytes]] = []
        self.peers: set[tuple[str, int]] = set()  # one client address and port per connection
        self.lock = threading.Lock()

    @property
    def connections(self) -> int:
        return len(self.peers)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.peers.add(session.peer)
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        faults = self.faults
        if faults.drop_after is not None and getattr(session, "accepted", 0) >= faults.drop_after:
            server.transport.abort()
            return "421 dropped"
        if faults.mail_421:
            faults.mail_421 -= 1
            server.loop.call_soon(server.transport.close)
            return "421 4.3.2 Too busy, try again later"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.faults.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: no such user"
        if self.faults.rcpt_451:
            self.faults.rcpt_451 -= 1
            return "451 4.3.0 Temporary lookup failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        session.accepted = getattr(session, "accepted", 0) + 1
        if self.faults.vanish_after_data:
            self.faults.vanish_after_data -= 1
            server.transport.abort()
        return f"250 2.0.0 Ok: queued as {uuid.uuid4().hex[:10]}"

    def delivered(self) -> list[Delivered]:
        return [from_mime(rcpt, data) for _, rcpts, data in self.received for rcpt in rcpts]


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(), auth_data.password.decode()) == (USERNAME, PASSWORD)
    return AuthResult(success=ok, handled=False)


class _Controller(Controller):
    """aiosmtpd's controller, on a free port picked by the system."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpServer:
    handler: SmtpHandler
    port: int
    ca_file: Path | None

    def config(self, **options: Any) -> dict[str, Any]:
        """The `delivery.smtp` section that reaches this server."""
        return {"host": "127.0.0.1", "port": self.port, **options}


def start_smtp(
    tls_files: TlsFiles | None, security: str = "starttls"
) -> tuple[Controller, SmtpServer]:
    handler = SmtpHandler()
    options: dict[str, Any] = {"server_hostname": "localhost", "decode_data": False}
    if security == "starttls":
        options.update(tls_context=tls_files.server_context(), require_starttls=True,
                       auth_required=True, authenticator=_authenticate)
    elif security == "ssl":
        options.update(ssl_context=tls_files.server_context(), auth_required=True,
                       auth_require_tls=False, authenticator=_authenticate)
    controller = _Controller(handler, hostname="127.0.0.1", port=0, **options)
    controller.start()
    ca_file = tls_files.cert if tls_files is not None and security != "none" else None
    return controller, SmtpServer(handler, controller.port, ca_file)


@pytest.fixture
def smtp_server(tls_files: TlsFiles) -> Iterator[SmtpServer]:
    """STARTTLS required, AUTH required (USERNAME / PASSWORD)."""
    controller, server = start_smtp(tls_files)
    yield server
    controller.stop()


# --- HTTP APIs ---------------------------------------------------------------------------

@pytest.fixture
def api_server(httpserver: HTTPServer) -> HTTPServer:
    httpserver.no_handler_status_code = 404
    return httpserver


class Invalid(Exception):
    """The request does not follow the provider's documented format."""


def _json_response(body: Any, status: int = 200, **headers: str) -> Response:
    return Response(json.dumps(body), status=status, headers=headers,
                    content_type="application/json")


class FakeApi:
    """One provider endpoint: checks the format, records deliveries, injects faults."""

    path: str

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.base_url = server.url_for("/").rstrip("/")
        self.faults: deque[Response | None] = deque()  # None: answer this one normally
        self.problems: list[str] = []  # format problems found; a correct backend leaves none
        self.refuse: set[str] = set()
        self.delivered: list[Delivered] = []
        self.requests = 0
        server.expect_request(self.path, method="POST").respond_with_handler(self)

    def __call__(self, request: Request) -> Response:
        self.requests += 1
        fault = self.faults.popleft() if self.faults else None
        if fault is not None:
            return fault
        if not self.authorized(request):
            return self.unauthorized()
        try:
            return self.accept(request)
        except Invalid as exc:
            self.problems.append(str(exc))
            return self.invalid(str(exc))

    def fail(self, status: int, times: int = 1, retry_after: str | None = None,
             body: Any = None) -> None:
        """Answer the next `times` requests with `status`, before any checks."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        for _ in range(times):
            self.faults.append(_json_response(body or {"message": "injected"}, status, **headers))

    def authorized(self, request: Request) -> bool:
        raise NotImplementedError

    def unauthorized(self) -> Response:
        raise NotImplementedError

    def accept(self, request: Request) -> Response:
        raise NotImplementedError

    def invalid(self, problem: str) -> Response:
        return _json_response({"message": problem}, 400)


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise Invalid(problem)


def _headers(pairs: dict[str, str], reply_to: str | None) -> dict[str, str]:
    headers = {k.lower(): v for k, v in pairs.items()}
    if reply_to is not None:
        headers["reply-to"] = reply_to
    return headers


def _sendgrid_validator() -> Draft202012Validator:
    spec = json.loads((FIXTURES / "sendgrid" / "tsg_mail_v3.json").read_text(encoding="utf-8"))
    schema = spec["components"]["requestBodies"]["PostMailSend"]["content"]["application/json"][
        "schema"]
    return Draft202012Validator(
        {**schema, "components": spec["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


class SendgridApi(FakeApi):
    """POST /v3/mail/send: Bearer key, a body valid under SendGrid's OpenAPI spec, 202. Each
    personalization's substitutions fill the content, its headers add to the message's."""

    path = "/v3/mail/send"
    validator = _sendgrid_validator()

    def authorized(self, request: Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {API_KEY}"

    def unauthorized(self) -> Response:
        return _json_response({"errors": [{"field": None, "message": "authorization required"}]},
                              401)

    def invalid(self, problem: str) -> Response:
        return _json_response({"errors": [{"field": None, "message": problem}]}, 400)

    def accept(self, request: Request) -> Response:
        _require(request.mimetype == "application/json", f"content type {request.mimetype}")
        body = request.get_json()
        errors = sorted(self.validator.iter_errors(body), key=str)
        _require(not errors, "; ".join(
            f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors))
        refused = [
            {"field": f"personalizations.{i}.to.0.email", "message": "Does not contain a valid"
             " address."}
            for i, p in enumerate(body["personalizations"]) if p["to"][0]["email"] in self.refuse
        ]
        if refused:
            return _json_response({"errors": refused}, 400)
        reply_to = body.get("reply_to")
        for personalization in body["personalizations"]:
            visible = [to["email"] for to in personalization["to"]]
            contents = {c["type"]: c["value"] for c in body["content"]}
            for tag, value in personalization.get("substitutions", {}).items():
                contents = {kind: text.replace(tag, value) for kind, text in contents.items()}
            self.delivered.extend(Delivered(
                recipient=address,
                visible_to=visible,
                sender=body["from"]["email"],
                subject=personalization.get("subject", body["subject"]),
                text=contents.get("text/plain"),
                html=contents.get("text/html"),
                headers=_headers(
                    {**body.get("headers", {}), **personalization.get("headers", {})},
                    str(Address(reply_to.get("name", ""), addr_spec=reply_to["email"]))
                    if reply_to else None),
            ) for address in visible)
        return Response("", status=202, headers={"X-Message-Id": uuid.uuid4().hex})


class MailgunApi(FakeApi):
    """POST /v3/<domain>/messages: basic auth api:<key>, form fields per the API reference.
    Recipient variables (%recipient.KEY%) fill the subject, the bodies and `h:` header values."""

    domain = "mg.example.com"
    path = f"/v3/{domain}/messages"

    def authorized(self, request: Request) -> bool:
        auth = request.authorization
        return auth is not None and (auth.username, auth.password) == ("api", API_KEY)

    def unauthorized(self) -> Response:
        return Response("Forbidden", status=401)

    def accept(self, request: Request) -> Response:
        form = request.form
        for name in ("from", "to", "subject"):
            _require(bool(form.get(name)), f"{name} is required")
        _require(bool(form.get("text") or form.get("html")), "text or html is required")
        addresses = [a for _, a in getaddresses(form.getlist("to"))]  # each may be a list
        _require(len(addresses) <= 1000, f"{len(addresses)} recipients: the limit is 1000")
        _require(all("@" in a for a in addresses), "to parameter is not a valid address")
        try:
            variables = json.loads(form.get("recipient-variables", "{}"))
        except ValueError:
            raise Invalid("recipient-variables is not valid JSON") from None
        batch = len(addresses) > 1  # batch sending: without variables, everyone sees everyone
        _require(not batch or all(a in variables for a in addresses),
                 "recipient-variables lacks an entry for some address")
        if any(a in self.refuse for a in addresses):
            return _json_response({"message": "to parameter is not a valid address. please "
                                   "check documentation"}, 400)
        headers = {k[2:]: v for k, v in form.items() if k.startswith("h:")}

        def substituted(text: str | None, address: str) -> str | None:
            for name, value in variables.get(address, {}).items():
                text = text and text.replace(f"%recipient.{name}%", str(value))
            return text

        self.delivered.extend(Delivered(
            recipient=address,
            visible_to=[address] if batch else addresses,
            sender=getaddresses([form["from"]])[0][1],
            subject=substituted(form["subject"], address),
            text=substituted(form.get("text"), address),
            html=substituted(form.get("html"), address),
            headers=_headers({k: substituted(v, address) for k, v in headers.items()}, None),
        ) for address in addresses)
        return _json_response({"id": f"<{uuid.uuid4().hex}@{self.domain}>",
                               "message": "Queued. Thank you."})


class PostmarkApi(FakeApi):
    """POST /email/batch: server token, a JSON array of up to 500 messages, one result each."""

    path = "/email/batch"

    def authorized(self, request: Request) -> bool:
        return request.headers.get("X-Postmark-Server-Token") == API_KEY

    def unauthorized(self) -> Response:
        return _json_response({"ErrorCode": 10, "Message": "The Server Token you provided in the "
                               "X-Postmark-Server-Token request header was invalid."}, 401)

    def invalid(self, problem: str) -> Response:
        return _json_response({"ErrorCode": 402, "Message": problem}, 422)

    def accept(self, request: Request) -> Response:
        _require(request.mimetype == "application/json", f"content type {request.mimetype}")
        _require("application/json" in request.headers.get("Accept", ""), "Accept is required")
        messages = request.get_json()
        _require(isinstance(messages, list) and 0 < len(messages) <= 500,
                 "the body must be an array of 1 to 500 messages")
        return _json_response([self._one(message) for message in messages])

    def _one(self, message: dict[str, Any]) -> dict[str, Any]:
        _require(isinstance(message, dict), "each message must be an object")
        for name in ("From", "To"):
            _require(isinstance(message.get(name), str) and message[name], f"{name} is required")
        _require(bool(message.get("TextBody") or message.get("HtmlBody")),
                 "TextBody or HtmlBody is required")
        headers = message.get("Headers", [])
        _require(all(set(h) == {"Name", "Value"} for h in headers), "Headers: Name and Value")
        _require(isinstance(message.get("Metadata", {}), dict), "Metadata must be an object")
        addresses = [a for _, a in getaddresses([message["To"]])]
        _require(len(addresses) <= 50, "To: at most 50 addresses")
        refused = [a for a in addresses if a in self.refuse]
        if refused:
            return {"ErrorCode": 406, "Message": f"You tried to send to recipient(s) that have "
                    f"been marked as inactive. Found inactive addresses: {', '.join(refused)}.",
                    "To": message["To"], "SubmittedAt": NOW.isoformat(), "MessageID": ""}
        self.delivered.extend(Delivered(
            recipient=address,
            visible_to=addresses,
            sender=getaddresses([message["From"]])[0][1],
            subject=message.get("Subject", ""),
            text=message.get("TextBody"),
            html=message.get("HtmlBody"),
            headers=_headers({h["Name"]: h["Value"] for h in headers}, message.get("ReplyTo")),
        ) for address in addresses)
        return {"ErrorCode": 0, "Message": "OK", "MessageID": str(uuid.uuid4()),
                "SubmittedAt": NOW.isoformat(), "To": message["To"]}


@pytest.fixture
def sendgrid_api(api_server: HTTPServer) -> SendgridApi:
    return SendgridApi(api_server)


@pytest.fixture
def mailgun_api(api_server: HTTPServer) -> MailgunApi:
    return MailgunApi(api_server)


@pytest.fixture
def postmark_api(api_server: HTTPServer) -> PostmarkApi:
    return PostmarkApi(api_server)


@pytest.fixture
def posted(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The keyword arguments of every POST a backend makes (json=..., files=...)."""
    calls: list[dict[str, Any]] = []
    original = requests.Session.post

    def spy(session: requests.Session, url: str, **kwargs: Any) -> requests.Response:
        calls.append(kwargs)
        return original(session, url, **kwargs)

    monkeypatch.setattr(requests.Session, "post", spy)
    return calls


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A base_url whose server reads the request and hangs up without an answer."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.recv(65536)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    listener.close()
