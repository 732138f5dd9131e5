"""SendGrid v3 mail/send: batching into personalizations, the spec, retries and errors.

Shared API behaviour (retry, backoff, error mapping) is tested here once, through SendGrid.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from markupsafe import escape
from urllib3.exceptions import MaxRetryError, NewConnectionError

from digest.config import load_settings
from digest.core.models import Email
from digest.delivery.backends.api import _never_reached
from digest.delivery.backends.api_requests import TRACKING_KEY
from digest.delivery.backends.base import AuthenticationError, ProviderError, UnavailableError
from digest.delivery.backends.registry import make_backend
from digest.delivery.backends.sendgrid import SendgridBackend, SendgridConfig
from digest.delivery.unsubscribe import Unsubscribe

from .conftest import API_KEY, EMAIL, NEWSLETTER, FakeTime, SendgridApi, outgoing, recipients


def backend_for(api: SendgridApi | str, time: FakeTime, **options) -> SendgridBackend:
    base_url = api if isinstance(api, str) else api.base_url
    config = SendgridConfig(api_key=API_KEY, base_url=base_url, **options)
    return SendgridBackend(config, sleep=time.sleep, clock=time.clock, jitter=lambda: 1.0)


def test_the_fake_really_validates_against_the_spec(sendgrid_api):
    response = requests.post(sendgrid_api.base_url + "/v3/mail/send",
                             headers={"Authorization": f"Bearer {API_KEY}"},
                             json={"personalizations": [{"to": [{"email": "not-an-address"}]}]})
    assert response.status_code == 400
    assert any("'from' is a required property" in p for p in sendgrid_api.problems)
    assert any("is not a 'email'" in p for p in sendgrid_api.problems)


def test_ten_recipients_one_request_one_personalization_each(sendgrid_api, fake_time, posted):
    messages = outgoing(10)
    with backend_for(sendgrid_api, fake_time) as backend:
        results = backend.send(messages)
    assert sendgrid_api.problems == []
    assert sendgrid_api.requests == 1
    [body] = [call["json"] for call in posted]
    assert [p["to"] for p in body["personalizations"]] == [
        [{"email": m.recipient.email, **({"name": m.recipient.name} if m.recipient.name else {})}]
        for m in messages]
    assert [p["custom_args"][TRACKING_KEY] for p in body["personalizations"]] == [
        m.message_id for m in messages]
    assert [c["type"] for c in body["content"]] == ["text/plain", "text/html"]
    # The greeting and the unsubscribe link are each recipient's substitutions, their
    # Message-ID and List-Unsubscribe headers their own headers; the rest is sent once.
    personalizations = body["personalizations"]
    tags = list(personalizations[0]["substitutions"])
    [text_greeting] = [t for t in tags if "-greeting-text-" in t]
    [html_greeting] = [t for t in tags if "-greeting-html-" in t]
    [text_link] = [t for t in tags if "-unsubscribe-text-" in t]
    [html_link] = [t for t in tags if "-unsubscribe-html-" in t]
    text, html = body["content"][0]["value"], body["content"][1]["value"]
    assert text.startswith(f"{text_greeting}Today’s stories")
    assert f"<p>{html_greeting}Today’s stories</p>" in html
    assert text.endswith(f"Unsubscribe: {text_link}\n") and f'href="{html_link}"' in html
    assert [p["substitutions"][text_greeting] for p in personalizations[:2]] == [
        "Hello Ann Example,\n", "Hello Zoë Ünicode,\n"]
    assert personalizations[3]["substitutions"][html_greeting] == ""  # no name, no greeting
    assert [p["substitutions"][text_link] for p in personalizations] == [
        Unsubscribe.of(NEWSLETTER, m.recipient.email).url for m in messages]
    assert personalizations[0]["substitutions"][html_link] == str(
        escape(Unsubscribe.of(NEWSLETTER, messages[0].recipient.email).url))
    assert body["from"] == {"email": "digest@example.com", "name": "Morning Digest"}
    assert body["reply_to"] == {"email": "editor@example.com", "name": "Editor"}
    assert body["subject"] == EMAIL.subject
    assert body["headers"] == {"List-Id": "Morning Digest <morning-digest.example.com>"}
    assert [p["headers"] for p in personalizations] == [{
        "Message-ID": m.message_id,
        "List-Unsubscribe": Unsubscribe.of(NEWSLETTER, m.recipient.email).header,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    } for m in messages]
    assert len({r.message_id for r in results}) == 1


def test_each_request_has_tags_of_its_own_that_story_text_cannot_hold(
        sendgrid_api, fake_time, posted):
    # Story text that looks like a substitution tag stays as it is (a slot's marker cannot
    # reach here: sanitize strips it from every story field, see test_render).
    forged = ("-digest-0000000000000000-greeting-text- -digest-greeting-text- %recipient.x%"
              " {{first_name}} {{#if x}}y{{/if}}")  # no template_id: handlebars stay text
    email = replace(EMAIL, text=EMAIL.text + forged, html=EMAIL.html + escape(forged))
    with backend_for(sendgrid_api, fake_time) as backend:
        backend.send(outgoing(2, email))
        backend.send(outgoing(2, email))
    first, second = (set(call["json"]["personalizations"][0]["substitutions"])
                     for call in posted)
    assert first.isdisjoint(second)
    assert not any("template_id" in call["json"] for call in posted)
    for copy in sendgrid_api.delivered:
        assert copy.text.endswith(forged) and str(escape(forged)) in copy.html


def test_max_batch_chunks_the_recipients(sendgrid_api, fake_time):
    messages = outgoing(5)
    backend = backend_for(sendgrid_api, fake_time)
    backend.max_batch = 2
    results = backend.send(messages)
    assert sendgrid_api.requests == 3 and sendgrid_api.problems == []
    assert [r.recipient for r in results] == [m.recipient.email for m in messages]
    assert Counter(d.recipient for d in sendgrid_api.delivered) == Counter(
        m.recipient.email for m in messages)


def test_a_body_without_slots_needs_no_substitutions(sendgrid_api, fake_time, posted):
    plain = Email(subject="Plain", html="<p>x</p>", text="x", preheader="")
    backend_for(sendgrid_api, fake_time).send(outgoing(2, plain))
    assert sendgrid_api.problems == []
    [body] = [call["json"] for call in posted]
    assert [c["value"] for c in body["content"]] == ["x", "<p>x</p>"]
    assert [d.text for d in sendgrid_api.delivered] == ["x", "x"]


def test_batch_size_makes_requests_smaller_but_never_larger_than_the_cap(fake_time):
    assert backend_for("http://127.0.0.1:1", fake_time, batch_size=3).max_batch == 3
    assert backend_for("http://127.0.0.1:1", fake_time, batch_size=5000).max_batch == 1000
    assert backend_for("http://127.0.0.1:1", fake_time).max_batch == 1000


def test_the_same_address_twice_goes_in_two_requests(sendgrid_api, fake_time):
    messages = outgoing(recipients(1) * 2)
    results = backend_for(sendgrid_api, fake_time).send(messages)
    assert [r.status for r in results] == ["sent", "sent"]
    assert sendgrid_api.requests == 2 and sendgrid_api.problems == []


def test_429_waits_as_told_then_5xx_backs_off_exponentially(sendgrid_api, fake_time):
    sendgrid_api.fail(429, retry_after="7")
    sendgrid_api.fail(500, 2)
    [result] = backend_for(sendgrid_api, fake_time, backoff=1.5).send(outgoing(1))
    assert result.status == "sent"
    # Retry-After 7 s, then 1.5 * 2**1 and 1.5 * 2**2 (jitter pinned to its top).
    assert fake_time.sleeps == [7.0, 3.0, 6.0]
    assert len(sendgrid_api.delivered) == 1


def test_jitter_stays_in_the_upper_half_and_backoff_is_capped(sendgrid_api, fake_time):
    config = SendgridConfig(api_key=API_KEY, base_url=sendgrid_api.base_url, backoff=10,
                            max_wait=25, max_retries=4)
    backend = SendgridBackend(config, sleep=fake_time.sleep)
    sendgrid_api.fail(503, 4)
    backend.send(outgoing(1))
    ceilings = [10, 20, 25, 25]
    assert all(c / 2 <= s <= c for s, c in zip(fake_time.sleeps, ceilings, strict=True))


def test_retry_after_as_an_http_date(sendgrid_api, fake_time):
    when = datetime.now(UTC) + timedelta(seconds=30)
    sendgrid_api.fail(429, retry_after=format_datetime(when, usegmt=True))
    backend_for(sendgrid_api, fake_time).send(outgoing(1))
    [waited] = fake_time.sleeps
    assert 25 <= waited <= 30


def test_a_retry_after_longer_than_max_wait_gives_up_at_once(sendgrid_api, fake_time):
    sendgrid_api.fail(429, retry_after="3600")
    with pytest.raises(UnavailableError, match="asked to wait 3600 s"):
        backend_for(sendgrid_api, fake_time, max_wait=600).send(outgoing(1))
    assert fake_time.sleeps == []


def test_5xx_until_retries_are_spent_defers_that_request_and_stops(sendgrid_api, fake_time):
    backend = backend_for(sendgrid_api, fake_time, max_retries=2, batch_size=2)
    messages = outgoing(6)
    sendgrid_api.faults.append(None)  # the first request goes through, then three 503s
    sendgrid_api.fail(503, 3)
    with pytest.raises(UnavailableError, match=r"HTTP 503.*3 attempts") as caught:
        backend.send(messages)
    assert [(r.recipient, r.status) for r in caught.value.results] == [
        (m.recipient.email, status) for m, status in zip(
            messages[:4], ["sent", "sent", "deferred", "deferred"], strict=True)]
    assert len(fake_time.sleeps) == 2 and sendgrid_api.requests == 4


def test_a_named_personalization_fails_alone_and_the_rest_is_resent(sendgrid_api, fake_time):
    messages = outgoing(5)
    sendgrid_api.refuse |= {messages[1].recipient.email, messages[3].recipient.email}
    results = backend_for(sendgrid_api, fake_time).send(messages)
    assert [r.status for r in results] == ["sent", "failed", "sent", "failed", "sent"]
    assert results[1].error == "sendgrid: Does not contain a valid address."
    assert sendgrid_api.requests == 2
    assert sorted(d.recipient for d in sendgrid_api.delivered) == sorted(
        messages[i].recipient.email for i in (0, 2, 4))


def test_a_request_refused_as_a_whole_fails_every_message_of_it(sendgrid_api, fake_time):
    sendgrid_api.fail(400, body={"errors": [{
        "field": "from.email",
        "message": "The from address does not match a verified Sender Identity."}]})
    results = backend_for(sendgrid_api, fake_time).send(outgoing(3))
    assert [r.status for r in results] == ["failed"] * 3
    assert results[0].error == ("sendgrid: HTTP 400: from.email: The from address does not "
                                "match a verified Sender Identity.")
    assert fake_time.sleeps == []


def test_403_is_an_authentication_error(sendgrid_api, fake_time):
    sendgrid_api.fail(403)
    with pytest.raises(AuthenticationError, match=r"HTTP 403.*delivery\.sendgrid\.api_key"):
        backend_for(sendgrid_api, fake_time).send(outgoing(1))


def test_404_means_a_wrong_base_url(api_server, fake_time):
    with pytest.raises(ProviderError, match="base_url"):
        backend_for(api_server.url_for("/wrong").rstrip("/"), fake_time).send(outgoing(1))


def test_only_a_connection_never_opened_counts_as_never_reached():
    refused = requests.ConnectionError("refused")
    try:
        try:
            raise NewConnectionError(None, "Failed to establish a new connection")
        except NewConnectionError as cause:
            raise MaxRetryError(None, "/v3/mail/send", cause) from cause
    except MaxRetryError as context:
        refused.__context__ = context
    assert _never_reached(refused)
    assert _never_reached(requests.ConnectTimeout())
    # The text of a lost answer may mention anything; only the chain counts.
    assert not _never_reached(requests.ConnectionError("NewConnectionError: read timed out"))
    assert not _never_reached(requests.ReadTimeout())


def test_no_answer_after_sending_is_in_doubt_and_not_retried(silent_server, fake_time):
    results = backend_for(silent_server, fake_time).send(outgoing(2))
    assert [r.status for r in results] == ["unknown", "unknown"]
    assert "may have been accepted" in results[0].error and "--resend-unknown" in results[0].error
    assert fake_time.sleeps == []


def test_config_from_yaml_with_a_secret_from_the_environment(write_config, monkeypatch):
    monkeypatch.setenv("SENDGRID_API_KEY", API_KEY)
    settings = load_settings(write_config("""
        newsletter:
          from: digest@example.com
        delivery:
          backend: sendgrid
          sendgrid:
            api_key: ${SENDGRID_API_KEY}
            base_url: http://127.0.0.1:8080/
    """))
    config = settings.delivery.sendgrid
    assert config.base_url == "http://127.0.0.1:8080"
    assert config.api_key.get_secret_value() == API_KEY and API_KEY not in repr(settings)
    assert isinstance(make_backend(settings.delivery, settings.path), SendgridBackend)
