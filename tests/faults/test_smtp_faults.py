"""SMTP under faults, through `digest send`: what the ledger says of each recipient, and what
the next send does about it."""

from __future__ import annotations

import time
from collections import deque
from datetime import timedelta

import pytest

from digest.config import load_settings
from digest.core.models import DeliveryStatus
from digest.store import Store

from ..projects import people, write_project
from .conftest import ledger, send, smtp_delivery, statuses
from .rawserver import raw_server as raw_tcp
from .rawserver import smtp_trickling

A, B, C = people(3)


@pytest.mark.parametrize("answer", [
    "451 4.7.1 Greylisted, please try again later",
    "452 4.2.2 Mailbox full",
    "421 4.7.0 Too many connections from your address",
])
def test_a_4xx_for_one_recipient_defers_them_and_the_next_send_delivers_only_them(
    tmp_path, smtp, answer
):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = answer
    report = send(config)
    assert report.status == "deferred" and report.exit_code == 1
    assert statuses(load_settings(config)) == {A: "sent", B: "deferred", C: "sent"}
    assert answer in ledger(load_settings(config))[B][1]
    assert handler.copies() == {A: 1, C: 1}

    del handler.rcpt[B]
    report = send(config)
    assert report.status == "sent" and [r.recipient for r in report.results] == [B]
    assert handler.copies() == {A: 1, B: 1, C: 1}
    assert send(config).status == "already_sent"


@pytest.mark.parametrize("answer", ["421 4.3.2 Too busy, try again later",
                                    "451 4.3.0 Local problem, try again later"])
def test_a_4xx_at_mail_from_for_everyone_defers_everyone_and_is_not_partial(
    tmp_path, smtp, answer
):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.mail.extend([answer] * 6)  # two tries for each of the three
    report = send(config)
    assert report.status == "deferred" and report.exit_code == 3
    assert set(statuses(load_settings(config)).values()) == {"deferred"}
    report = send(config)
    assert report.status == "sent" and handler.copies() == {A: 1, B: 1, C: 1}


def test_a_greylisting_that_passes_within_the_run_is_retried_in_it(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = deque(["451 4.7.1 Greylisted"])
    assert send(config).status == "sent"
    assert handler.copies() == {A: 1, B: 1, C: 1}
    assert handler.tries.count(B) == 2  # greylisted once, then taken


@pytest.mark.parametrize("greeting", [b"421 4.3.2 Service not available\r\n", None],
                         ids=["421-at-connect", "accepts-and-never-answers"])
def test_a_server_that_refuses_or_stalls_defers_everyone(tmp_path, smtp, raw_server, greeting):
    server = raw_server(greeting)
    config = write_project(tmp_path, smtp_delivery(server.port), 3)
    report = send(config)
    assert report.status == "deferred" and report.exit_code == 3
    assert set(statuses(load_settings(config)).values()) == {"deferred"}
    assert "cannot connect" in report.problems[-1]

    handler, port = smtp  # the server is back
    write_project(tmp_path, smtp_delivery(port), 3)
    assert send(config).status == "sent"
    assert handler.copies() == {A: 1, B: 1, C: 1}


@pytest.mark.parametrize("at", ["greeting", "EHLO", "MAIL", "RCPT"])
def test_a_reply_trickled_a_byte_at_a_time_is_cut_off_at_the_timeout_and_defers(tmp_path, at):
    """smtplib's timeout bounds each read; the deadline bounds the whole reply."""
    with raw_tcp(smtp_trickling(at, every=0.2)) as url:
        port = int(url.rsplit(":", 1)[1])
        config = write_project(tmp_path, smtp_delivery(port, timeout=0.5, max_attempts=1), 1)
        started = time.monotonic()
        report = send(config)
        seconds = time.monotonic() - started
    assert seconds < 0.5 + 1.5, seconds
    assert report.status == "deferred" and report.exit_code in (1, 3)
    status, error = ledger(load_settings(config))[A]
    assert status == "deferred" and "no complete answer within 0.5 s" in error


def test_a_5xx_for_a_recipient_fails_them_alone_for_good(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = "550 5.1.1 No such user"
    handler.after_data[C] = "554 5.7.1 Message refused"
    report = send(config)
    assert report.status == "partial" and report.exit_code == 1
    assert statuses(load_settings(config)) == {A: "sent", B: "failed", C: "failed"}
    assert send(config).status == "already_sent"
    assert handler.copies() == {A: 1}


def test_everyone_refused_is_failed_not_partial(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 2)
    handler.rcpt.update({A: "550 5.1.1 No such user", B: "550 5.1.1 No such user"})
    report = send(config)
    assert report.status == "failed" and report.exit_code == 3


def test_530_starttls_at_mail_from_suggests_starttls_and_sends_nothing(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.mail.append("530 5.7.0 Must issue a STARTTLS command first")
    report = send(config)
    assert report.status == "failed" and report.exit_code == 2
    (problem,) = report.problems
    assert "security: starttls" in problem and "password" not in problem
    assert set(statuses(load_settings(config)).values()) == {"pending"}
    assert send(config).status == "sent" and handler.copies() == {A: 1, B: 1, C: 1}


def test_a_5xx_at_mail_from_is_a_config_error_for_the_whole_send(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.mail.append("553 5.7.1 Sender address rejected: not owned by user")
    report = send(config)
    assert report.exit_code == 2 and "newsletter.from" in report.problems[-1]
    assert set(statuses(load_settings(config)).values()) == {"pending"}


@pytest.mark.parametrize("fault", ["drop", "silence"])
def test_no_answer_after_the_final_dot_is_unknown_and_resent_only_when_asked(
    tmp_path, smtp, fault
):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.after_data[B] = fault
    report = send(config)
    handler.release.set()
    assert report.status == "unknown" and report.exit_code == 1
    assert statuses(load_settings(config)) == {A: "sent", B: "unknown", C: "sent"}
    assert "--resend-unknown" in ledger(load_settings(config))[B][1]

    assert send(config).status == "already_sent"  # not resent by itself
    assert handler.copies() == {A: 1, B: 1, C: 1}
    report = send(config, resend_unknown=True)
    assert report.status == "sent" and [r.recipient for r in report.results] == [B]
    assert handler.copies() == {A: 1, B: 2, C: 1}
    assert len(handler.message_ids()[B]) == 1  # the copy carries the same Message-ID
    assert send(config, resend_unknown=True).status == "none_in_doubt"


def test_deferred_recipients_are_failed_once_give_up_after_has_passed(tmp_path, smtp, clock):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = "451 4.7.1 Greylisted"
    assert send(config, clock=clock).status == "deferred"
    clock.moment += timedelta(hours=23)  # the next day: no new story, but B is tried again
    assert send(config, clock=clock).status == "nothing_new"
    assert handler.tries.count(B) == 4  # two runs, two tries each
    assert statuses(load_settings(config))[B] == "deferred"
    clock.moment += timedelta(hours=1)
    send(config, clock=clock)
    assert handler.tries.count(B) == 4
    status, error = ledger(load_settings(config))[B]
    assert status == "failed" and error.startswith("gave up after 24h: ")
    assert "451 4.7.1" in error
    assert handler.copies() == {A: 1, C: 1}


def test_give_up_after_is_a_setting(tmp_path, smtp, clock):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port) + "give_up_after: 2h\n", 1)
    assert load_settings(config).delivery.give_up_after == timedelta(hours=2)
    handler.rcpt[A] = "451 4.7.1 Greylisted"
    send(config, clock=clock)
    clock.moment += timedelta(hours=2)
    assert send(config, clock=clock).status == "failed"
    assert ledger(load_settings(config))[A][1].startswith("gave up after 2h: ")


def test_a_deferred_recipient_never_holds_up_the_next_edition(tmp_path, smtp, clock):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = "451 4.7.1 Greylisted"
    first = send(config, clock=clock)
    assert first.status == "deferred"
    (tmp_path / "samples" / "fresh.md").write_text(
        "# A fresh story\n\nSomething new happened in the town on Saturday morning, "
        "officials said.\n", encoding="utf-8")
    clock.moment += timedelta(hours=23)  # the next day's send, within give_up_after
    del handler.rcpt[B]
    second = send(config, clock=clock)
    assert second.status == "sent" and second.edition != first.edition
    assert sorted(r.recipient for r in second.results) == [A, B, C]
    assert handler.copies() == {A: 2, B: 2, C: 2}  # B got the first edition late, once
    settings = load_settings(config)
    with Store.peek(settings.path(settings.state.path)) as state:
        assert [e.status for e in state.editions.recent(2)] == ["sent", "sent"]


def test_a_4xx_after_the_final_dot_defers_and_a_5xx_there_fails(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port, max_attempts=1), 3)
    handler.after_data.update({A: "451 4.3.0 Queue full, try again later",
                               B: "552 5.3.4 Message too big"})
    assert send(config).status == "deferred"
    assert statuses(load_settings(config)) == {A: "deferred", B: "failed", C: "sent"}
    assert send(config).status == "partial" and handler.copies() == {A: 1, C: 1}


def killed_with(config, in_flight: str, pending: tuple[str, ...] = ()) -> None:
    """Leave the ledger as a run killed mid-send leaves it: `in_flight` claimed, `pending`
    not reached, and the edition's own status as the run before it left it."""
    settings = load_settings(config)
    with Store.open(settings.path(settings.state.path)) as state:
        edition = state.editions.last()
        now = edition.created_at
        state.ledger.move(edition.id, list(DeliveryStatus), DeliveryStatus.SENDING, now,
                          addresses=[in_flight])
        if pending:
            state.ledger.move(edition.id, list(DeliveryStatus), DeliveryStatus.PENDING, now,
                              addresses=pending)


def test_a_resend_killed_half_way_is_finished_and_its_message_in_flight_is_in_doubt(
    tmp_path, smtp
):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.after_data.update({B: "drop", C: "drop"})
    assert send(config).status == "unknown"
    assert statuses(load_settings(config)) == {A: "sent", B: "unknown", C: "unknown"}
    killed_with(config, in_flight=B, pending=(C,))  # `--resend-unknown` killed sending to B
    send(config)
    assert statuses(load_settings(config)) == {A: "sent", B: "unknown", C: "sent"}
    assert handler.copies() == {A: 1, B: 1, C: 2}  # C: the resend asked for; B: not blindly
    assert send(config, resend_unknown=True).status == "sent"
    assert handler.copies() == {A: 1, B: 2, C: 2}
    assert send(config).status == "already_sent"


def test_a_retry_of_deferred_recipients_killed_half_way_leaves_its_message_in_doubt(
    tmp_path, smtp
):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = "451 4.7.1 Greylisted, please try again later"
    assert send(config).status == "deferred"
    del handler.rcpt[B]
    killed_with(config, in_flight=B)  # the retry was handing B's message over
    handler.mail.extend(["421 4.3.2 Too busy, try again later"] * 6)
    send(config)
    assert statuses(load_settings(config)) == {A: "sent", B: "unknown", C: "sent"}
    assert handler.copies() == {A: 1, C: 1}
