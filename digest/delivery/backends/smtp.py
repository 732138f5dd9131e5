"""`backend: smtp`: one connection reused for many messages, one result per recipient.

What each answer means, per message (`max_attempts` tries within a run, `retry_delay` apart):

answer                                              outcome
250 after the final dot                             sent
4xx at any stage: 421 at connect or MAIL FROM,      tried again in the run, then deferred:
  451 greylisting, 452 insufficient storage           the next run tries again
refused, stalled (no answer within `timeout`), or   the same; a server still unreachable
  lost before the message was complete                defers the rest of the run
5xx at RCPT TO, DATA or after the final dot         failed, for that recipient alone
5xx at MAIL FROM (about the sender)                 a config error for the whole send
                                                      (exit 2): recipients stay pending
530 "Must issue a STARTTLS command first"           that config error, suggesting
                                                      `delivery.smtp.security: starttls`
530 otherwise, 535 at login                         an authentication error (exit 3):
                                                      recipients stay pending
lost or no answer after the final dot               unknown: it may have been accepted;
                                                      not sent again unless asked

`timeout` is smtplib's for each read, and also a deadline for each stage as a whole: the
connection (connect, greeting, EHLO, STARTTLS, login), each message's transaction, and QUIT.
smtplib's own timeout does not end a reply that trickles in a byte at a time, so each stage
runs under a `Watch` (core/deadlines.py: one thread holds every deadline of the process,
HTTP requests' and SMTP stages' alike) that shuts the socket when the deadline passes; the
read blocked on it then fails as a lost connection and is classed as one above.

Building each message's bytes overlaps sending: a worker thread builds the next few copies
while this one waits for the server's answers (socket waits release the interpreter lock). Not
bounded as a whole: the name lookup of `host` (the system resolver's own limits) and, with
`security: ssl`, the TLS handshake at connect (bounded per read by `timeout`).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import random
import smtplib
import socket
import ssl
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator

from ...core.deadlines import Watch, current_watch
from ...core.errors import ConfigError
from ...core.models import DeliveryResult
from ...core.options import Strict
from ...core.retry import RetryPolicy
from ...core.text import plural
from ..message import Composer, Personal
from .base import (
    AttemptHook,
    AuthenticationError,
    Backend,
    BackendError,
    Clock,
    Outgoing,
    Pacer,
    ProviderError,
    ResultHook,
    Sleep,
    UnavailableError,
    deferred,
    failed,
    sent,
    unknown,
)
from .registry import BackendContext, BackendSpec

log = logging.getLogger(__name__)

LOST = (smtplib.SMTPServerDisconnected, OSError)
ANY_FAILURE = (smtplib.SMTPException, OSError)


class SmtpConfig(Strict):
    """`delivery.smtp`: one connection reused for many messages."""

    host: str
    port: int | None = Field(default=None, ge=1, le=65535)  # 587, 465 or 25 by `security`
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    timeout: float = Field(default=30.0, gt=0)
    ca_file: Path | None = None  # a CA (or self-signed certificate) to trust besides the system's
    verify: bool = True  # false skips certificate checks: only for a server you run yourself
    max_attempts: int = Field(default=3, ge=1)  # per message, for 4xx answers and lost connections
    retry_delay: float = Field(default=5.0, ge=0)  # seconds before the first retry, then doubled

    @model_validator(mode="after")
    def _credentials_in_pairs(self) -> SmtpConfig:
        if (self.username is None) != (self.password is None):
            raise ValueError("smtp: give both username and password, or neither")
        return self

    @property
    def effective_port(self) -> int:
        return self.port or {"starttls": 587, "ssl": 465, "none": 25}[self.security]


class _Temporary(Exception):
    """Worth another try later in the same call."""


class _InDoubt(Exception):
    """The connection dropped after the whole message went out, before the server answered."""


def wire_bytes(composer: Composer, copy: Personal) -> bytes:
    """The message as DATA sends it, from a Composer made with `smtp=True` (CRLF line ends,
    dot-stuffing), ending in CRLF.CRLF."""
    return composer.message(copy) + b".\r\n"


AHEAD = 4  # copies built ahead of the one being sent


def prebuilt(composer: Composer, copies: list[Personal]) -> Iterator[bytes]:
    """wire_bytes of each copy in order, built by a worker thread up to AHEAD copies ahead,
    so that building the next overlaps waiting for the server; the worker stops with the
    iteration."""
    with ThreadPoolExecutor(1, thread_name_prefix="smtp-build") as pool:
        ahead: deque[Future[bytes]] = deque()
        queued = iter(copies)
        try:
            for copy in itertools.islice(queued, AHEAD):
                ahead.append(pool.submit(wire_bytes, composer, copy))
            while ahead:
                data = ahead.popleft().result()
                for copy in itertools.islice(queued, 1):
                    ahead.append(pool.submit(wire_bytes, composer, copy))
                yield data
        finally:
            for future in ahead:
                future.cancel()


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


class SmtpBackend(Backend):
    max_batch = 100

    def __init__(
        self,
        config: SmtpConfig,
        *,
        max_per_second: float | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.config = config
        self.sleep = sleep
        # Both for a message put back by a 4xx answer and for a connection that fails.
        self.retry = RetryPolicy(attempts=config.max_attempts, backoff=config.retry_delay,
                                 jitter=jitter)
        self.pacer = Pacer(max_per_second, sleep, clock)
        self._tls = self._tls_context() if config.security != "none" else None
        self._helo_name: str | None = None
        self._connection: smtplib.SMTP | None = None

    @property
    def _where(self) -> str:
        return f"smtp {self.config.host}:{self.config.effective_port}"

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.config.ca_file is not None:
            try:
                context.load_verify_locations(cafile=str(self.config.ca_file))
            except (OSError, ssl.SSLError) as exc:
                raise ConfigError(
                    f"delivery.smtp.ca_file: cannot load {self.config.ca_file}: {exc}"
                ) from None
        if not self.config.verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def open(self) -> None:
        self._connect()

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(*ANY_FAILURE), self._deadline():
                self._connection.quit()
            self._discard()

    def _discard(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def send(self, outgoing: Outgoing, on_result: ResultHook | None = None,
             on_attempt: AttemptHook | None = None) -> list[DeliveryResult]:
        composer = Composer(outgoing.edition, smtp=True)
        results: list[DeliveryResult | None] = [None] * len(outgoing)

        def settle(index: int, result: DeliveryResult) -> None:
            results[index] = result
            if on_result is not None:
                on_result(result)

        pending = list(range(len(outgoing)))
        reasons: dict[int, str] = {}
        try:
            for attempt in range(self.config.max_attempts):
                if attempt and pending:
                    self._wait(attempt - 1)
                later: list[int] = []
                with contextlib.closing(
                        prebuilt(composer, [outgoing[index] for index in pending])) as built:
                    for index, data in zip(pending, built, strict=True):
                        if on_attempt is not None:
                            on_attempt([outgoing[index]])
                        try:
                            settle(index, self._attempt(composer, outgoing[index], data))
                        except _Temporary as exc:
                            reasons[index] = str(exc)
                            later.append(index)
                        except UnavailableError as exc:  # this message never reached a server
                            settle(index, deferred(outgoing[index], str(exc)))
                            raise
                pending = later
        except BackendError as exc:
            exc.results = [r for r in results if r is not None]
            raise
        for index in pending:
            tries = plural(self.config.max_attempts, "attempt")
            settle(index, deferred(outgoing[index], f"{reasons[index]} (still after {tries})"))
        return [r for r in results if r is not None]

    def _attempt(self, composer: Composer, copy: Personal, data: bytes) -> DeliveryResult:
        """One try at one message; a reused connection found dead is replaced once at once."""
        self.pacer.wait(1)
        sender = composer.edition.sender.addr_spec
        while True:
            reused = self._connection is not None
            connection = self._connect()
            try:
                with self._deadline():
                    return self._transaction(connection, sender, copy, data)
            except _InDoubt as exc:
                self._discard()
                return unknown(copy, str(exc))
            except LOST as exc:
                self._discard()
                if not reused:
                    raise _Temporary(f"{self._where}: connection lost: {exc}") from None
                # Servers close idle connections and cap messages per connection.
                log.info("%s: connection closed by the server; reconnecting", self._where)

    def _transaction(
        self, connection: smtplib.SMTP, sender: str, copy: Personal, data: bytes
    ) -> DeliveryResult:
        recipient = copy.recipient.email
        steps = (
            ("MAIL FROM", partial(_whole, connection.mail, sender)),
            ("RCPT TO", partial(_whole, connection.rcpt, recipient)),
            ("DATA", partial(self._data, connection, data)),
        )
        for stage, command in steps:
            code, reply = command()
            if code not in (250, 251):
                return self._refused(connection, copy, stage, code, _text(reply))
        return sent(copy, copy.message_id)

    def _data(self, connection: smtplib.SMTP, data: bytes) -> tuple[int, bytes]:
        """DATA, split so that we know whether a lost connection lost the message or its reply."""
        code, reply = _whole(connection.docmd, "DATA")
        if code != 354:
            return code, reply
        connection.send(data)
        try:
            return _whole(connection.getreply)
        except LOST as exc:
            raise _InDoubt(
                f"{self._where}: no answer after the message was sent ({exc or 'connection lost'})"
                "; it may have been accepted: `digest send --resend-unknown` sends it again"
            ) from None

    def _refused(
        self, connection: smtplib.SMTP, copy: Personal, stage: str, code: int, reply: str
    ) -> DeliveryResult:
        answer = f"{self._where}: {stage} answered {code} {reply}"
        if code == 421:  # the server is closing this connection
            self._discard()
        else:
            try:
                connection.rset()
            except LOST:
                self._discard()
        if 400 <= code < 500:
            raise _Temporary(answer)
        if stage == "MAIL FROM":  # about the sender, so about every message
            if code == 530 and "STARTTLS" in reply.upper():
                raise ProviderError(f"{answer} (set delivery.smtp.security: starttls)")
            if code == 530:
                raise AuthenticationError(
                    f"{answer} (set delivery.smtp.username and password)"
                )
            raise ProviderError(f"{answer} (check newsletter.from and delivery.smtp)")
        return failed(copy, answer)

    def _connect(self) -> smtplib.SMTP:
        """The open connection, or a new one: retried with backoff, then UnavailableError."""
        if self._connection is not None:
            return self._connection
        problem = ""
        for attempt in range(self.config.max_attempts):
            if attempt:
                self._wait(attempt - 1)
            try:
                self._connection = self._new_connection()
                return self._connection
            except smtplib.SMTPAuthenticationError as exc:
                raise AuthenticationError(
                    f"{self._where}: login refused: {exc.smtp_code} {_text(exc.smtp_error)} "
                    "(check delivery.smtp.username and password)"
                ) from None
            except ssl.SSLCertVerificationError as exc:
                raise ProviderError(
                    f"{self._where}: certificate not trusted ({exc.verify_message}); set "
                    "delivery.smtp.ca_file to the certificate of the CA that signed it"
                ) from None
            except smtplib.SMTPNotSupportedError as exc:
                raise ProviderError(
                    f"{self._where}: {exc} (check delivery.smtp.security and port)"
                ) from None
            except ANY_FAILURE as exc:
                if isinstance(exc, ssl.SSLError) and exc.reason == "WRONG_VERSION_NUMBER":
                    raise ProviderError(  # TLS spoken to a port that answers in plain text
                        f"{self._where}: the server answers in plain text, not TLS; use "
                        "delivery.smtp.security: starttls (port 587) for this port"
                    ) from None
                problem = str(exc) or type(exc).__name__
                log.warning("%s: cannot connect: %s", self._where, problem)
        tries = plural(self.config.max_attempts, "attempt")
        raise UnavailableError(f"{self._where}: cannot connect: {problem} ({tries})")

    def _wait(self, retry: int) -> None:
        """Sleep before retry number `retry` (from 0); only called while attempts are left."""
        self.sleep(self.retry.delay(retry) or 0.0)

    @contextlib.contextmanager
    def _deadline(self) -> Iterator[None]:
        """Run one stage within `timeout` as a whole. Once the deadline has cut a reply off,
        whatever the stage made of it fails as a lost connection that says so; a message in
        doubt stays in doubt."""
        with Watch(time.monotonic() + self.config.timeout) as watch:
            if self._connection is not None:
                _watch(self._connection.sock)
            try:
                yield
            except _InDoubt:
                raise
            except Exception as exc:
                if not watch.fired:
                    raise
                raise smtplib.SMTPServerDisconnected(
                    f"no complete answer within {self.config.timeout:g} s") from exc

    def _new_connection(self) -> smtplib.SMTP:
        with self._deadline():
            return self._open_connection()

    def _open_connection(self) -> smtplib.SMTP:
        config = self.config
        if self._helo_name is None:
            self._helo_name = socket.getfqdn()
        options = {"local_hostname": self._helo_name, "timeout": config.timeout}
        if config.security == "ssl":
            connection: smtplib.SMTP = _WatchedSMTPSSL(
                config.host, config.effective_port, context=self._tls, **options
            )
        else:
            connection = _WatchedSMTP(config.host, config.effective_port, **options)
        try:
            _whole(connection.ehlo)
            if config.security == "starttls":
                connection.starttls(context=self._tls)
                _watch(connection.sock)  # the TLS socket that replaced the plain one
                _whole(connection.ehlo)
            if config.username is not None and config.password is not None:
                if config.security == "none":
                    log.warning("%s: logging in without encryption", self._where)
                connection.login(config.username, config.password.get_secret_value())
        except BaseException:
            connection.close()
            raise
        return connection


def _whole(command: Callable[..., tuple[int, bytes]], *args: str) -> tuple[int, bytes]:
    """command(*args)'s reply, unless the stage's deadline cut it off: smtplib takes the part
    that came ("25") for a whole reply."""
    answer = command(*args)
    watch = current_watch()
    if watch is not None and watch.fired:
        raise smtplib.SMTPServerDisconnected("reply cut off")
    return answer


def _watch(sock: socket.socket | None) -> None:
    """Put `sock` under the current stage's deadline."""
    watch = current_watch()
    if watch is not None and sock is not None:
        watch.track(sock)


class _WatchedSMTP(smtplib.SMTP):
    """An SMTP connection whose socket is under the stage's deadline from the moment it is
    connected, before the greeting is read."""

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock: socket.socket = super()._get_socket(host, port, timeout)  # type: ignore[misc]
        _watch(sock)
        return sock


class _WatchedSMTPSSL(_WatchedSMTP, smtplib.SMTP_SSL):
    """The same over TLS from the start; watched once the handshake is done."""


def _create(options: SmtpConfig, context: BackendContext) -> SmtpBackend:
    if options.ca_file is not None:
        options = options.model_copy(update={"ca_file": context.path(options.ca_file)})
    return SmtpBackend(options, max_per_second=context.max_per_second)


BACKEND = BackendSpec("smtp", SmtpConfig, _create, order=2)
