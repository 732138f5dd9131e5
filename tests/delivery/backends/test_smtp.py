"""The SMTP backend against aiosmtpd: TLS modes, connection reuse and the fault modes."""

from __future__ import annotations

import contextlib
import threading
from collections import Counter

import pytest

from digest.config import load_settings
from digest.core.errors import ConfigError
from digest.delivery.backends.base import AuthenticationError, ProviderError, UnavailableError
from digest.delivery.backends.registry import make_backend
from digest.delivery.backends.smtp import SmtpBackend, SmtpConfig, prebuilt, wire_bytes
from digest.delivery.message import Composer

from .conftest import (
    PASSWORD,
    USERNAME,
    FakeTime,
    SmtpServer,
    closed_port,
    outgoing,
    start_smtp,
)


def backend_for(server: SmtpServer, time: FakeTime, max_per_second: float | None = None,
                **options) -> SmtpBackend:
    config = SmtpConfig.model_validate(server.config(**{
        "username": USERNAME, "password": PASSWORD, "ca_file": server.ca_file,
        "retry_delay": 2, "timeout": 5, **options}))
    return SmtpBackend(config, max_per_second=max_per_second, sleep=time.sleep,
                       clock=time.clock, jitter=lambda: 1.0)


def received_by(server: SmtpServer) -> Counter[str]:
    return Counter(rcpt for _, rcpts, _ in server.handler.received for rcpt in rcpts)


def test_one_connection_carries_many_messages(smtp_server, fake_time):
    with backend_for(smtp_server, fake_time) as backend:
        results = backend.send(outgoing(6))
        results += backend.send(outgoing(3))
    assert [r.status for r in results] == ["sent"] * 9
    assert smtp_server.handler.connections == 1
    assert fake_time.sleeps == []


def test_envelope_is_the_sender_and_the_one_recipient(smtp_server, fake_time):
    messages = outgoing(2)
    with backend_for(smtp_server, fake_time) as backend:
        results = backend.send(messages)
    assert [(f, r) for f, r, _ in smtp_server.handler.received] == [
        ("digest@example.com", [m.recipient.email]) for m in messages]
    assert [r.message_id for r in results] == [m.message_id for m in messages]


def test_dropped_connection_is_reopened_and_nothing_is_sent_twice(smtp_server, fake_time):
    smtp_server.handler.faults.drop_after = 3
    messages = outgoing(8)
    with backend_for(smtp_server, fake_time) as backend:
        results = backend.send(messages)
    assert [r.status for r in results] == ["sent"] * 8
    assert received_by(smtp_server) == Counter(m.recipient.email for m in messages)
    assert smtp_server.handler.connections == 3
    assert fake_time.sleeps == [], "a reused connection found closed is replaced at once"


def test_550_fails_that_recipient_and_the_rest_go_on(smtp_server, fake_time):
    messages = outgoing(3)
    smtp_server.handler.faults.refuse.add(messages[0].recipient.email)
    with backend_for(smtp_server, fake_time) as backend:
        results = backend.send(messages)
    assert [r.status for r in results] == ["failed", "sent", "sent"]
    assert "550 5.1.1" in results[0].error and "RCPT TO" in results[0].error
    assert fake_time.sleeps == [], "a permanent refusal is not retried"


def test_451_for_a_while_is_retried_later_in_the_call(smtp_server, fake_time):
    smtp_server.handler.faults.rcpt_451 = 3
    messages = outgoing(2)
    with backend_for(smtp_server, fake_time, max_attempts=3) as backend:
        results = backend.send(messages)
    # Round 1: both deferred; round 2 (after 2 s): the first deferred again; round 3 (4 s),
    # jitter pinned to its top.
    assert [r.status for r in results] == ["sent", "sent"]
    assert fake_time.sleeps == [2, 4]
    assert received_by(smtp_server) == Counter(m.recipient.email for m in messages)


def test_451_that_persists_is_deferred_with_the_reason_after_max_attempts(smtp_server,
                                                                         fake_time):
    smtp_server.handler.faults.rcpt_451 = 100
    with backend_for(smtp_server, fake_time, max_attempts=2) as backend:
        [result] = backend.send(outgoing(1))
    assert result.status == "deferred"
    assert "451 4.3.0" in result.error and "after 2 attempts" in result.error
    assert fake_time.sleeps == [2]


def test_retry_waits_are_jittered_in_their_upper_half(smtp_server, fake_time):
    smtp_server.handler.faults.rcpt_451 = 100
    config = SmtpConfig.model_validate(smtp_server.config(
        username=USERNAME, password=PASSWORD, ca_file=smtp_server.ca_file, retry_delay=2,
        max_attempts=4))
    with SmtpBackend(config, sleep=fake_time.sleep, clock=fake_time.clock) as backend:
        [result] = backend.send(outgoing(1))
    assert result.status == "deferred"
    assert all(c / 2 <= s <= c for s, c in zip(fake_time.sleeps, [2, 4, 8], strict=True))


def test_unreachable_server_backs_off_between_connection_attempts(fake_time):
    config = SmtpConfig(host="127.0.0.1", port=closed_port(), security="none", retry_delay=3,
                        max_attempts=3)
    backend = SmtpBackend(config, sleep=fake_time.sleep, jitter=lambda: 0.0)
    with pytest.raises(UnavailableError, match="3 attempts"):
        backend.open()
    assert fake_time.sleeps == [1.5, 3.0]  # the lower half's bottom: jitter pinned to 0


def test_421_closes_the_connection_and_the_message_is_retried(smtp_server, fake_time):
    smtp_server.handler.faults.mail_421 = 1
    messages = outgoing(3)
    with backend_for(smtp_server, fake_time) as backend:
        results = backend.send(messages)
    assert [r.status for r in results] == ["sent"] * 3
    assert received_by(smtp_server) == Counter(m.recipient.email for m in messages)
    assert smtp_server.handler.connections == 2


def test_connection_lost_before_the_reply_is_in_doubt_and_not_resent(smtp_server, fake_time):
    smtp_server.handler.faults.vanish_after_data = 1
    messages = outgoing(3)
    with backend_for(smtp_server, fake_time) as backend:
        results = backend.send(messages)
    assert [r.status for r in results] == ["unknown", "sent", "sent"]
    assert "--resend-unknown" in results[0].error
    assert received_by(smtp_server) == Counter(m.recipient.email for m in messages)


def test_max_per_second_waits_between_messages(smtp_server, fake_time):
    with backend_for(smtp_server, fake_time, max_per_second=4) as backend:
        backend.send(outgoing(5))
    assert fake_time.sleeps == [0.25] * 4


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls(tls_files, fake_time):
    controller, server = start_smtp(tls_files, security="ssl")
    try:
        with backend_for(server, fake_time, security="ssl") as backend:
            results = backend.send(outgoing(2))
    finally:
        controller.stop()
    assert [r.status for r in results] == ["sent", "sent"]


def test_plain_server_without_auth(fake_time):
    controller, server = start_smtp(None, security="none")
    try:
        config = SmtpConfig.model_validate(server.config(security="none"))
        with SmtpBackend(config, sleep=fake_time.sleep) as backend:
            results = backend.send(outgoing(2))
    finally:
        controller.stop()
    assert [r.status for r in results] == ["sent", "sent"]


def test_untrusted_certificate_says_how_to_trust_it(smtp_server, fake_time):
    backend = backend_for(smtp_server, fake_time, ca_file=None)
    with pytest.raises(ProviderError, match="ca_file"):
        backend.open()
    assert fake_time.sleeps == [], "a certificate problem is not retried"


def test_verify_false_skips_the_certificate_check(smtp_server, fake_time):
    with backend_for(smtp_server, fake_time, ca_file=None, verify=False) as backend:
        [result] = backend.send(outgoing(1))
    assert result.status == "sent"


def test_server_that_requires_auth_without_credentials(smtp_server, fake_time):
    backend = backend_for(smtp_server, fake_time, username=None, password=None)
    with pytest.raises(AuthenticationError, match="username and password") as caught, backend:
        backend.send(outgoing(2))
    assert caught.value.results == []


def test_starttls_against_a_server_without_it(fake_time):
    controller, server = start_smtp(None, security="none")
    try:
        backend = backend_for(server, fake_time, username=None, password=None)
        with pytest.raises(ProviderError, match="security"):
            backend.open()
    finally:
        controller.stop()


def test_ssl_against_a_plain_text_port_suggests_starttls(fake_time):
    controller, server = start_smtp(None, security="none")
    try:
        backend = backend_for(server, fake_time, username=None, password=None, security="ssl")
        with pytest.raises(ProviderError, match=r"plain text, not TLS; use delivery\.smtp"
                                                r"\.security: starttls"):
            backend.open()
    finally:
        controller.stop()
    assert fake_time.sleeps == [], "a wrong setting is not retried"


def test_unreadable_ca_file_is_a_config_error(tmp_path):
    config = SmtpConfig(host="127.0.0.1", ca_file=tmp_path / "missing.pem")
    with pytest.raises(ConfigError, match="ca_file"):
        SmtpBackend(config)


def test_config_section_shape(write_config, tls_files, monkeypatch):
    monkeypatch.setenv("SMTP_PASSWORD", PASSWORD)
    settings = load_settings(write_config(f"""
        newsletter:
          from: digest@example.com
        delivery:
          backend: smtp
          max_per_second: 20
          smtp:
            host: smtp.example.com
            security: ssl
            username: digest
            password: ${{SMTP_PASSWORD}}
            ca_file: {tls_files.cert}
    """))
    smtp = settings.delivery.smtp
    assert smtp.effective_port == 465
    assert smtp.password.get_secret_value() == PASSWORD
    assert PASSWORD not in repr(settings)
    backend = make_backend(settings.delivery, settings.path)
    assert isinstance(backend, SmtpBackend) and backend.pacer.per_second == 20


@pytest.mark.parametrize("section, problem", [
    ("", "delivery.smtp"),
    ("smtp: {host: h, username: u}", "both username and password"),
    ("smtp: {host: h, security: tls}", "security"),
])
def test_config_problems(write_config, section, problem):
    with pytest.raises(ConfigError, match=problem):
        load_settings(write_config(f"""
            newsletter:
              from: digest@example.com
            delivery:
              backend: smtp
              {section}
        """))


def threads_named(prefix: str) -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(prefix)]


def test_one_deadline_thread_serves_every_stage(smtp_server, fake_time):
    """A thread a message would cost more than the message: the process's one deadline
    thread watches every stage, of this backend and of the next one."""
    seen: list[int] = []
    for _ in range(2):
        with backend_for(smtp_server, fake_time) as backend:
            results = backend.send(outgoing(12), on_result=lambda _results: seen.append(
                len(threads_named("deadlines"))))
        assert [r.status for r in results] == ["sent"] * 12
    assert set(seen) == {1}
    assert len(threads_named("deadlines")) == 1


def test_copies_are_built_ahead_in_order_and_the_builder_stops_early(smtp_server):
    messages = outgoing(9)
    composer = Composer(messages.edition, smtp=True)
    expected = [wire_bytes(composer, copy) for copy in messages]
    assert list(prebuilt(composer, list(messages))) == expected
    with contextlib.closing(prebuilt(composer, list(messages))) as built:
        assert next(built) == expected[0]
    assert threads_named("smtp-build") == []
