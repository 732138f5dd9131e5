"""The SMTP backend's connection: its options, opening it (connect, greeting, EHLO, STARTTLS,
login), and using it in stages, each under a deadline of its own. smtp.py sends through it
and turns each answer into a result.

What each fault while connecting means (each try of `max_attempts`, `retry_delay` apart):

fault                                              outcome
refused, unreachable, stalled (no answer within    tried again, then UnavailableError: the
  `timeout`), lost, or a greeting other than 220     recipients not settled yet are deferred
535 at login                                       AuthenticationError (exit 3)
certificate not trusted                            ProviderError (exit 2): set `ca_file`
TLS to a port that answers in plain text, or a     ProviderError (exit 2): check `security`
  server without STARTTLS                            and `port`

and after the final dot of a message: a lost connection or no answer is `InDoubt` (the
message may have been accepted).

`timeout` is smtplib's for each read, and also a deadline for each stage as a whole: the
connection (connect, greeting, EHLO, STARTTLS, login), each message's transaction, and QUIT.
smtplib's own timeout does not end a reply that trickles in a byte at a time, so each stage
runs under a `Watch` (core/deadlines.py: one thread holds every deadline of the process,
HTTP requests' and SMTP stages' alike) that shuts the socket when the deadline passes; the
read blocked on it then fails as a lost connection and is classed as one. Not bounded as a
whole: the name lookup of `host` (the system resolver's own limits) and, with
`security: ssl`, the TLS handshake at connect (bounded per read by `timeout`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, SecretStr, model_validator

from ...core.deadlines import Watch, current_watch
from ...core.errors import ConfigError
from ...core.options import Strict
from ...core.text import plural
from .base import AuthenticationError, ProviderError, UnavailableError

if TYPE_CHECKING:  # reading the config loads neither: they load when a connection is made
    import smtplib
    import socket
    import ssl

log = logging.getLogger(__name__)

# smtplib's errors are OSErrors, so these name what is caught without loading smtplib.
LOST = (OSError,)  # smtplib.SMTPServerDisconnected, or the socket's own error
ANY_FAILURE = (OSError,)  # any smtplib.SMTPException, or the socket's own error


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


class InDoubt(Exception):
    """The connection dropped after the whole message went out, before the server answered."""


class SmtpConnection:
    """The connection to the configured server, opened when first needed and kept open for
    the next message; `wait(n)` sleeps before retry number n (from 0)."""

    def __init__(self, config: SmtpConfig, wait: Callable[[int], None]) -> None:
        self.config = config
        self.wait = wait
        self._tls = self._tls_context() if config.security != "none" else None
        self._helo_name: str | None = None
        self._smtp: smtplib.SMTP | None = None

    @property
    def where(self) -> str:
        return f"smtp {self.config.host}:{self.config.effective_port}"

    @property
    def is_open(self) -> bool:
        return self._smtp is not None

    def _tls_context(self) -> ssl.SSLContext:
        import ssl

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

    def close(self) -> None:
        """QUIT (within the deadline, whatever it answers) and close; safe to call again."""
        if self._smtp is not None:
            with contextlib.suppress(*ANY_FAILURE), self.stage():
                self._smtp.quit()
            self.discard()

    def discard(self) -> None:
        """Close without a word: the connection is lost or not worth keeping."""
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def get(self) -> smtplib.SMTP:
        """The open connection, or a new one: retried with backoff, then UnavailableError."""
        if self._smtp is not None:
            return self._smtp
        import smtplib
        import ssl

        problem = ""
        for attempt in range(self.config.max_attempts):
            if attempt:
                self.wait(attempt - 1)
            try:
                with self.stage():
                    self._smtp = self._open()
                return self._smtp
            except smtplib.SMTPAuthenticationError as exc:
                raise AuthenticationError(
                    f"{self.where}: login refused: {exc.smtp_code} {text(exc.smtp_error)} "
                    "(check delivery.smtp.username and password)"
                ) from None
            except ssl.SSLCertVerificationError as exc:
                raise ProviderError(
                    f"{self.where}: certificate not trusted ({exc.verify_message}); set "
                    "delivery.smtp.ca_file to the certificate of the CA that signed it"
                ) from None
            except smtplib.SMTPNotSupportedError as exc:
                raise ProviderError(
                    f"{self.where}: {exc} (check delivery.smtp.security and port)"
                ) from None
            except ANY_FAILURE as exc:
                if isinstance(exc, ssl.SSLError) and exc.reason == "WRONG_VERSION_NUMBER":
                    raise ProviderError(  # TLS spoken to a port that answers in plain text
                        f"{self.where}: the server answers in plain text, not TLS; use "
                        "delivery.smtp.security: starttls (port 587) for this port"
                    ) from None
                problem = str(exc) or type(exc).__name__
                log.warning("%s: cannot connect: %s", self.where, problem)
        tries = plural(self.config.max_attempts, "attempt")
        raise UnavailableError(f"{self.where}: cannot connect: {problem} ({tries})")

    @contextlib.contextmanager
    def stage(self) -> Iterator[None]:
        """Run one stage within `timeout` as a whole. Once the deadline has cut a reply off,
        whatever the stage made of it fails as a lost connection that says so; a message in
        doubt stays in doubt."""
        with Watch(time.monotonic() + self.config.timeout) as watch:
            if self._smtp is not None:
                _watch(self._smtp.sock)
            try:
                yield
            except InDoubt:
                raise
            except Exception as exc:
                if not watch.fired:
                    raise
                import smtplib

                raise smtplib.SMTPServerDisconnected(
                    f"no complete answer within {self.config.timeout:g} s") from exc

    def data(self, client: smtplib.SMTP, data: bytes) -> tuple[int, bytes]:
        """DATA, split so that we know whether a lost connection lost the message or its reply:
        InDoubt once the whole message went out."""
        code, reply = whole(client.docmd, "DATA")
        if code != 354:
            return code, reply
        client.send(data)
        try:
            return whole(client.getreply)
        except LOST as exc:
            raise InDoubt(
                f"{self.where}: no answer after the message was sent ({exc or 'connection lost'})"
                "; it may have been accepted: `digest send --resend-unknown` sends it again"
            ) from None

    def _open(self) -> smtplib.SMTP:
        import socket

        config = self.config
        if self._helo_name is None:
            self._helo_name = socket.getfqdn()
        options = {"local_hostname": self._helo_name, "timeout": config.timeout}
        watched_smtp, watched_smtp_ssl = _watched_classes()
        if config.security == "ssl":
            connection: smtplib.SMTP = watched_smtp_ssl(
                config.host, config.effective_port, context=self._tls, **options
            )
        else:
            connection = watched_smtp(config.host, config.effective_port, **options)
        try:
            whole(connection.ehlo)
            if config.security == "starttls":
                connection.starttls(context=self._tls)
                _watch(connection.sock)  # the TLS socket that replaced the plain one
                whole(connection.ehlo)
            if config.username is not None and config.password is not None:
                if config.security == "none":
                    log.warning("%s: logging in without encryption", self.where)
                connection.login(config.username, config.password.get_secret_value())
        except BaseException:
            connection.close()
            raise
        return connection


def text(reply: bytes | str) -> str:
    """A server's reply as text."""
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


def whole(command: Callable[..., tuple[int, bytes]], *args: str) -> tuple[int, bytes]:
    """command(*args)'s reply, unless the stage's deadline cut it off: smtplib takes the part
    that came ("25") for a whole reply."""
    answer = command(*args)
    watch = current_watch()
    if watch is not None and watch.fired:
        import smtplib

        raise smtplib.SMTPServerDisconnected("reply cut off")
    return answer


def _watch(sock: socket.socket | None) -> None:
    """Put `sock` under the current stage's deadline."""
    watch = current_watch()
    if watch is not None and sock is not None:
        watch.track(sock)


@functools.cache
def _watched_classes() -> tuple[type[smtplib.SMTP], type[smtplib.SMTP_SSL]]:
    """smtplib's connection classes, their sockets under the stage's deadline; made at the
    first connection, so that reading the config does not load smtplib and ssl."""
    import smtplib

    class WatchedSMTP(smtplib.SMTP):
        """An SMTP connection whose socket is under the stage's deadline from the moment it
        is connected, before the greeting is read."""

        def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
            sock: socket.socket = super()._get_socket(host, port, timeout)  # type: ignore[misc]
            _watch(sock)
            return sock

    class WatchedSMTPSSL(WatchedSMTP, smtplib.SMTP_SSL):
        """The same over TLS from the start; watched once the handshake is done."""

    return WatchedSMTP, WatchedSMTPSSL
