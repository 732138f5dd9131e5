"""One contract, run against every network backend on its real local server.

Whatever the transport, a backend returns one truthful result per message, delivers each
recipient one copy that shows only their address, keeps the list headers, retries what is
temporary without sending twice, and raises only when it cannot work at all.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any
from urllib.parse import quote

import pytest
from markupsafe import escape

from digest.core.errors import DeliveryError
from digest.delivery.backends.base import AuthenticationError, Backend, UnavailableError
from digest.delivery.backends.mailgun import MailgunBackend, MailgunConfig
from digest.delivery.backends.postmark import PostmarkBackend, PostmarkConfig
from digest.delivery.backends.sendgrid import SendgridBackend, SendgridConfig
from digest.delivery.backends.smtp import SmtpBackend, SmtpConfig
from digest.delivery.unsubscribe import Unsubscribe

from .conftest import (
    API_KEY,
    NEWSLETTER,
    PASSWORD,
    USERNAME,
    Delivered,
    FakeApi,
    FakeTime,
    SmtpServer,
    bodies,
    closed_port,
    outgoing,
)


class SmtpHarness:
    secret = PASSWORD
    refuses_one_at_a_time = True

    def __init__(self, server: SmtpServer, time: FakeTime) -> None:
        self.server, self.time = server, time

    def backend(self, max_per_second: float | None = None, **options: Any) -> Backend:
        config = SmtpConfig.model_validate(self.server.config(**{
            "username": USERNAME, "password": PASSWORD, "ca_file": self.server.ca_file,
            "retry_delay": 1, "timeout": 5, **options}))
        return SmtpBackend(config, max_per_second=max_per_second, sleep=self.time.sleep,
                           clock=self.time.clock)

    def delivered(self) -> list[Delivered]:
        return self.server.handler.delivered()

    def refuse(self, email: str) -> None:
        self.server.handler.faults.refuse.add(email)

    def busy(self, times: int) -> None:
        self.server.handler.faults.rcpt_451 = times

    def wrong_secret(self) -> Backend:
        return self.backend(password="wrong-secret-value")

    def unreachable(self) -> Backend:
        return self.backend(port=closed_port())


class ApiHarness:
    secret = API_KEY

    def __init__(self, backend_class: type, config_class: type, fake: FakeApi, time: FakeTime,
                 refuses_one_at_a_time: bool = True, **extra: Any) -> None:
        self.backend_class, self.config_class, self.fake, self.time = (
            backend_class, config_class, fake, time)
        self.refuses_one_at_a_time = refuses_one_at_a_time
        self.extra = extra

    def backend(self, max_per_second: float | None = None, **options: Any) -> Backend:
        config = self.config_class.model_validate({
            "api_key": API_KEY, "base_url": self.fake.base_url, "max_retries": 3,
            **self.extra, **options})
        return self.backend_class(config, max_per_second=max_per_second, sleep=self.time.sleep,
                                  clock=self.time.clock)

    def delivered(self) -> list[Delivered]:
        return self.fake.delivered

    def refuse(self, email: str) -> None:
        self.fake.refuse.add(email)

    def busy(self, times: int) -> None:
        self.fake.fail(429, retry_after="2")
        self.fake.fail(503, times - 1)

    def wrong_secret(self) -> Backend:
        return self.backend(api_key="wrong-secret-value")

    def unreachable(self) -> Backend:
        return self.backend(base_url=f"http://127.0.0.1:{closed_port()}")


@pytest.fixture(params=["smtp", "sendgrid", "mailgun", "postmark"])
def harness(request: pytest.FixtureRequest, fake_time: FakeTime):
    if request.param == "smtp":
        return SmtpHarness(request.getfixturevalue("smtp_server"), fake_time)
    fake = request.getfixturevalue(f"{request.param}_api")
    if request.param == "sendgrid":
        return ApiHarness(SendgridBackend, SendgridConfig, fake, fake_time)
    if request.param == "mailgun":
        # Mailgun refuses a whole request for one bad address; it cannot refuse one alone.
        return ApiHarness(MailgunBackend, MailgunConfig, fake, fake_time,
                          refuses_one_at_a_time=False, domain=fake.domain)
    return ApiHarness(PostmarkBackend, PostmarkConfig, fake, fake_time)


def test_one_result_per_message_in_order_and_one_private_copy_each(harness):
    messages = outgoing(5)
    with harness.backend() as backend:
        results = backend.send(messages)
    assert [r.recipient for r in results] == [m.recipient.email for m in messages]
    assert all(r.status == "sent" and r.message_id and r.error is None for r in results)
    delivered = harness.delivered()
    assert Counter(d.recipient for d in delivered) == Counter(r.recipient for r in results)
    assert all(d.visible_to == [d.recipient] for d in delivered)
    # Each copy carries that recipient's own greeting, even where one request served all.
    copies = {d.recipient: (d.text, d.html) for d in delivered}
    for copy in messages:
        assert copies[copy.recipient.email] == bodies(messages, copy)
    assert "Hello Ann Example," in copies["reader0@example.org"][0]
    assert "Hello Bob,<br>" in copies["reader4@example.org"][1]
    assert "Hello" not in copies["reader3@example.org"][0]  # no name, no greeting


def test_results_are_handed_over_a_unit_at_a_time_as_each_unit_is_settled(harness):
    """`on_result` gets each unit's results together, after that unit was claimed: one call
    per message over SMTP, one per request (its whole batch) from an API, so that the
    ledger records a request's results in one write."""
    messages = outgoing(5)
    calls: list[tuple[str, list[str]]] = []
    with harness.backend() as backend:
        backend.max_batch = 3
        results = backend.send(
            messages,
            on_attempt=lambda copies: calls.append(("claim", [c.recipient.email for c in copies])),
            on_result=lambda settled: calls.append(("result", [r.recipient for r in settled])))
    addresses = [m.recipient.email for m in messages]
    units = ([[a] for a in addresses] if isinstance(harness, SmtpHarness)
             else [addresses[:3], addresses[3:]])
    assert calls == [(kind, unit) for unit in units for kind in ("claim", "result")]
    assert [r.status for r in results] == ["sent"] * 5


def test_content_and_list_headers_arrive_intact(harness):
    prepared = outgoing(1)
    [item] = prepared
    with harness.backend() as backend:
        backend.send(prepared)
    [copy] = harness.delivered()
    headers = dict([*prepared.edition.shared_headers(), *item.own_headers()])
    assert copy.sender == "digest@example.com"
    assert copy.subject == prepared.edition.subject == headers["Subject"]
    assert (copy.text, copy.html) == bodies(prepared, item)
    for name in ("List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Reply-To",
                 "Message-ID"):
        assert copy.headers[name.lower()] == headers[name]


def test_each_recipient_gets_only_their_own_unsubscribe_links_and_a_batch_is_one_request(
        harness):
    messages = outgoing(7)
    with harness.backend() as backend:
        backend.max_batch = 4
        backend.send(messages[:4])
        backend.send(messages[4:])
    copies = {d.recipient: d for d in harness.delivered()}
    for item in messages:
        address = item.recipient.email
        copy, own = copies[address], Unsubscribe.of(NEWSLETTER, address)
        assert copy.headers["list-unsubscribe"] == own.header
        assert copy.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"
        assert copy.text.endswith(f"Unsubscribe: {own.url}\n")
        assert f'<a href="{escape(own.url)}">Unsubscribe</a>' in copy.html
        seen = copy.text + copy.html + copy.headers["list-unsubscribe"]
        assert [quote(m.recipient.email, safe="") in seen for m in messages] == [
            m is item for m in messages]
    if isinstance(harness, ApiHarness):
        assert harness.fake.requests == 2 and harness.fake.problems == []


def test_a_refused_recipient_fails_without_raising_and_results_are_truthful(harness):
    messages = outgoing(4)
    refused = messages[1].recipient.email
    harness.refuse(refused)
    with harness.backend() as backend:
        results = backend.send(messages)
    delivered = Counter(d.recipient for d in harness.delivered())
    [failure] = [r for r in results if r.recipient == refused]
    assert failure.status == "failed" and failure.error and failure.message_id is None
    for result in results:
        assert delivered[result.recipient] == (1 if result.status == "sent" else 0)
    if harness.refuses_one_at_a_time:
        assert [r.status for r in results] == ["sent", "failed", "sent", "sent"]


def test_temporary_failures_are_retried_in_the_same_call_without_duplicates(harness, fake_time):
    harness.busy(2)
    messages = outgoing(3)
    with harness.backend() as backend:
        results = backend.send(messages)
    assert [r.status for r in results] == ["sent"] * 3
    assert Counter(d.recipient for d in harness.delivered()) == Counter(
        m.recipient.email for m in messages)
    assert fake_time.sleeps, "retries wait through the injected sleep"


def test_wrong_credentials_raise_authentication_error_naming_the_key(harness, caplog):
    caplog.set_level(logging.DEBUG)
    backend = harness.wrong_secret()
    with pytest.raises(AuthenticationError) as caught, backend:
        backend.send(outgoing(2))
    assert isinstance(caught.value, DeliveryError)
    assert "delivery." in str(caught.value)
    assert harness.delivered() == []
    for secret in (harness.secret, "wrong-secret-value"):
        assert secret not in str(caught.value)
        assert secret not in caplog.text
        assert secret not in repr(backend.config)


def test_secrets_stay_out_of_logs_while_retrying(harness, caplog):
    caplog.set_level(logging.DEBUG)
    harness.busy(2)
    with harness.backend() as backend:
        backend.send(outgoing(2))
    assert caplog.text and harness.secret not in caplog.text


def test_unreachable_server_raises_unavailable_after_retries(harness, fake_time):
    backend = harness.unreachable()
    with pytest.raises(UnavailableError) as caught, backend:
        backend.send(outgoing(1))
    assert "127.0.0.1" in str(caught.value) and "attempts" in str(caught.value)
    assert len(fake_time.sleeps) >= 2


def test_nothing_to_send_and_closing_twice(harness):
    backend = harness.backend()
    with backend:
        assert backend.send(outgoing(0)) == []
    backend.close()
    assert harness.delivered() == []
    assert isinstance(type(backend).max_batch, int) and type(backend).max_batch >= 1


def test_max_per_second_spaces_the_sending(harness, fake_time):
    with harness.backend(max_per_second=2) as backend:
        backend.send(outgoing(4))
        backend.send(outgoing(4))
    assert len(harness.delivered()) == 8
    # However a backend groups them, the second four cannot leave within 2 s of the first.
    assert sum(fake_time.sleeps) >= 2.0
