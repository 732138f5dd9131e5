"""An HTTP API (Postmark's, on a local server) under faults, through `digest send`: what the
ledger says of each recipient, and what the next send does about it."""

from __future__ import annotations

import time

import pytest

from digest.config import load_settings

from ..delivery.backends.conftest import closed_port
from ..projects import people, write_project
from .conftest import ledger, postmark_delivery, send, statuses
from .rawserver import raw_server, trickle

A, B, C, D = people(4)


@pytest.mark.parametrize("status", [429, 500, 503])
def test_try_later_answers_that_outlast_the_retries_defer_and_the_next_send_delivers(
    tmp_path, postmark, status
):
    config = write_project(tmp_path, postmark_delivery(postmark, batch_size=2), 4)
    postmark.faults.append(None)  # the first request goes through
    postmark.fail(status, times=2)  # the second, and its one retry, are told to try later
    report = send(config)
    assert report.status == "deferred" and report.exit_code == 1
    assert statuses(load_settings(config)) == {A: "sent", B: "sent", C: "deferred",
                                               D: "deferred"}
    assert f"HTTP {status}" in ledger(load_settings(config))[C][1]
    report = send(config)
    assert report.status == "sent" and [r.recipient for r in report.results] == [C, D]
    assert postmark.copies() == {A: 1, B: 1, C: 1, D: 1}


def test_later_requests_are_deferred_too_once_the_provider_is_unavailable(tmp_path, postmark):
    config = write_project(tmp_path, postmark_delivery(postmark, batch_size=1), 4)
    postmark.fail(503, times=2)
    report = send(config)
    assert report.status == "deferred" and report.exit_code == 3
    assert postmark.requests == 2  # the first request and its retry; nothing after
    assert set(statuses(load_settings(config)).values()) == {"deferred"}


def test_an_unreachable_provider_defers_everyone(tmp_path, postmark):
    delivery = postmark_delivery(postmark).replace(postmark.base_url,
                                                   f"http://127.0.0.1:{closed_port()}")
    config = write_project(tmp_path, delivery, 2)
    report = send(config)
    assert report.status == "deferred" and "cannot connect" in report.problems[-1]
    write_project(tmp_path, postmark_delivery(postmark), 2)
    assert send(config).status == "sent" and postmark.copies() == {A: 1, B: 1}


@pytest.mark.parametrize("head", [b"", b"HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n"],
                         ids=["trickled-headers", "trickled-body"])
def test_an_answer_trickled_a_byte_at_a_time_is_cut_off_at_the_timeout_as_unknown(
    tmp_path, postmark, head
):
    """requests' timeout bounds each read; the deadline bounds the whole request."""
    with raw_server(trickle(head, b"HTTP/1.1 200 OK\r\nX-Slow: 1\r\n" * 20, every=0.2)) as url:
        delivery = postmark_delivery(postmark, max_retries=0, timeout=0.5)
        config = write_project(tmp_path, delivery.replace(postmark.base_url, url), 1)
        started = time.monotonic()
        report = send(config)
        seconds = time.monotonic() - started
    assert seconds < 0.5 + 1.5, seconds
    assert report.status == "unknown"
    status, error = ledger(load_settings(config))[A]
    assert status == "unknown" and "no complete answer within 0.5 s" in error, error


@pytest.mark.parametrize("fault", [502, 504, b"{not json", "fewer", "silence"],
                         ids=["502", "504", "unreadable-2xx", "fewer-results", "read-timeout"])
def test_an_answer_in_doubt_leaves_the_request_unknown_until_resent_on_purpose(
    tmp_path, postmark, fault
):
    config = write_project(tmp_path, postmark_delivery(postmark, batch_size=2), 4)
    postmark.after.extend([None, fault])  # the second request reached Postmark, then this
    report = send(config)
    postmark.release.set()
    assert report.status == "unknown" and report.exit_code == 1
    assert statuses(load_settings(config)) == {A: "sent", B: "sent", C: "unknown",
                                               D: "unknown"}
    assert "--resend-unknown" in ledger(load_settings(config))[C][1]
    assert postmark.requests == 2, "an answer in doubt is not retried"

    assert send(config).status == "already_sent"
    report = send(config, resend_unknown=True)
    assert report.status == "sent" and [r.recipient for r in report.results] == [C, D]
    assert postmark.copies() == {A: 1, B: 1, C: 2, D: 2}
    assert all(len(ids) == 1 for ids in postmark.message_ids().values())


def test_a_refused_request_fails_for_good(tmp_path, postmark):
    config = write_project(tmp_path, postmark_delivery(postmark), 2)
    postmark.fail(422, body={"ErrorCode": 300, "Message": "Invalid 'From' address."})
    report = send(config)
    assert report.status == "failed" and report.exit_code == 3
    assert set(statuses(load_settings(config)).values()) == {"failed"}
    assert send(config).status == "already_sent" and postmark.requests == 1


def test_a_recipient_refused_in_the_answer_fails_alone(tmp_path, postmark):
    config = write_project(tmp_path, postmark_delivery(postmark), 3)
    postmark.refuse.add(B)
    assert send(config).status == "partial"
    assert statuses(load_settings(config)) == {A: "sent", B: "failed", C: "sent"}


@pytest.mark.parametrize("status", [401, 403])
def test_bad_credentials_stop_the_send_and_leave_everyone_pending(tmp_path, postmark, status):
    config = write_project(tmp_path, postmark_delivery(postmark, batch_size=1), 3)
    postmark.fail(status)
    report = send(config)
    assert report.status == "failed" and report.exit_code == 3
    assert "delivery.postmark.api_key" in report.problems[-1]
    assert set(statuses(load_settings(config)).values()) == {"pending"}
    assert send(config).status == "sent" and postmark.copies() == {A: 1, B: 1, C: 1}
