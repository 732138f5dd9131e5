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

The connection (its options, opening it, the deadline of each stage, and the faults while
connecting) is smtp_connection.py. Building each message's bytes overlaps sending: a worker
thread builds the next few copies while this one waits for the server's answers (socket
waits release the interpreter lock); each copy is claimed (`on_attempt`) only just before
its MAIL FROM, so a copy built ahead is never in doubt.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import random
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from ...core.models import DeliveryResult
from ...core.retry import RetryPolicy
from ...core.text import plural
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
from .smtp_connection import LOST, InDoubt, SmtpConfig, SmtpConnection, text, whole

if TYPE_CHECKING:  # smtplib and the MIME work load when a backend is made and sends
    import smtplib

    from ..message import Composer, Personal

log = logging.getLogger(__name__)


class _Temporary(Exception):
    """Worth another try later in the same call."""


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
        self.connection = SmtpConnection(config, self._wait)

    def open(self) -> None:
        self.connection.get()

    def close(self) -> None:
        self.connection.close()

    def send(self, outgoing: Outgoing, on_result: ResultHook | None = None,
             on_attempt: AttemptHook | None = None) -> list[DeliveryResult]:
        from ..message import Composer

        composer = Composer(outgoing.edition, smtp=True)
        results: list[DeliveryResult | None] = [None] * len(outgoing)

        def settle(index: int, result: DeliveryResult) -> None:
            results[index] = result
            if on_result is not None:
                on_result([result])

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
            reused = self.connection.is_open
            client = self.connection.get()
            try:
                with self.connection.stage():
                    return self._transaction(client, sender, copy, data)
            except InDoubt as exc:
                self.connection.discard()
                return unknown(copy, str(exc))
            except LOST as exc:
                self.connection.discard()
                if not reused:
                    raise _Temporary(f"{self.connection.where}: connection lost: {exc}") from None
                # Servers close idle connections and cap messages per connection.
                log.info("%s: connection closed by the server; reconnecting",
                         self.connection.where)

    def _transaction(
        self, client: smtplib.SMTP, sender: str, copy: Personal, data: bytes
    ) -> DeliveryResult:
        recipient = copy.recipient.email
        steps = (
            ("MAIL FROM", partial(whole, client.mail, sender)),
            ("RCPT TO", partial(whole, client.rcpt, recipient)),
            ("DATA", partial(self.connection.data, client, data)),
        )
        for stage, command in steps:
            code, reply = command()
            if code not in (250, 251):
                return self._refused(client, copy, stage, code, text(reply))
        return sent(copy, copy.message_id)

    def _refused(
        self, client: smtplib.SMTP, copy: Personal, stage: str, code: int, reply: str
    ) -> DeliveryResult:
        answer = f"{self.connection.where}: {stage} answered {code} {reply}"
        if code == 421:  # the server is closing this connection
            self.connection.discard()
        else:
            try:
                client.rset()
            except LOST:
                self.connection.discard()
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

    def _wait(self, retry: int) -> None:
        """Sleep before retry number `retry` (from 0); only called while attempts are left."""
        self.sleep(self.retry.delay(retry) or 0.0)


def _create(options: SmtpConfig, context: BackendContext) -> SmtpBackend:
    if options.ca_file is not None:
        options = options.model_copy(update={"ca_file": context.path(options.ca_file)})
    return SmtpBackend(options, max_per_second=context.max_per_second)


BACKEND = BackendSpec("smtp", SmtpConfig, _create, order=2)
