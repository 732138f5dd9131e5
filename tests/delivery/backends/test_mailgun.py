"""Mailgun messages API: batch sending with recipient-variables, regions, errors."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from digest.config import load_settings
from digest.core.errors import ConfigError
from digest.delivery.backends.api_requests import TRACKING_KEY
from digest.delivery.backends.base import AuthenticationError, ProviderError
from digest.delivery.backends.mailgun import MailgunBackend, MailgunConfig
from digest.delivery.backends.registry import make_backend
from digest.delivery.unsubscribe import Unsubscribe

from .conftest import API_KEY, EMAIL, NEWSLETTER, FakeTime, MailgunApi, outgoing


def backend_for(api: MailgunApi, time: FakeTime, **options) -> MailgunBackend:
    config = MailgunConfig(api_key=API_KEY, base_url=api.base_url, domain=api.domain, **options)
    return MailgunBackend(config, sleep=time.sleep, clock=time.clock)


def test_one_multipart_request_for_the_batch_with_recipient_variables(
        mailgun_api, fake_time, posted):
    messages = outgoing(6)
    with backend_for(mailgun_api, fake_time) as backend:
        results = backend.send(messages)
    assert mailgun_api.problems == [] and mailgun_api.requests == 1
    [form] = [[(name, value) for name, (_, value) in call["files"]] for call in posted]
    fields = dict(form)
    assert [v for k, v in form if k == "to"] == [str(m.to) for m in messages]
    variables = json.loads(fields["recipient-variables"])
    assert list(variables) == [m.recipient.email for m in messages]
    # The greeting, the unsubscribe link and the own headers are each recipient's variables,
    # named with this request's token; the rest is sent once.
    [text_greeting] = re.findall(r"%recipient\.(\w+)%Today’s stories", fields["text"])
    [html_greeting] = re.findall(r"<p>%recipient\.(\w+)%Today’s stories</p>", fields["html"])
    [text_link] = re.findall(r"Unsubscribe: %recipient\.(\w+)%\n$", fields["text"])
    assert re.fullmatch(r"d[0-9a-f]{16}_text_greeting", text_greeting)
    assert variables["reader0@example.org"][text_greeting] == "Hello Ann Example,\n"
    assert variables["reader3@example.org"][html_greeting] == ""
    assert [v[text_link] for v in variables.values()] == [
        Unsubscribe.of(NEWSLETTER, m.recipient.email).url for m in messages]
    own = {name[2:]: re.fullmatch(r"%recipient\.(\w+)%", fields[name]).group(1)
           for name in ("h:Message-ID", "h:List-Unsubscribe", "h:List-Unsubscribe-Post")}
    for copy, mine in zip(messages, variables.values(), strict=True):
        assert {name: mine[key] for name, key in own.items()} == dict(copy.provider_headers())
    # Our Message-ID is also metadata that Mailgun's events carry.
    assert fields[f"v:{TRACKING_KEY}"] == fields["h:Message-ID"]
    assert fields["from"] == "Morning Digest <digest@example.com>"
    assert fields["h:Reply-To"] == "Editor <editor@example.com>"
    assert fields["h:List-Id"] == "Morning Digest <morning-digest.example.com>"
    assert {k for k in fields if k.startswith("h:")} == {
        "h:Reply-To", "h:List-Id", "h:Message-ID", "h:List-Unsubscribe",
        "h:List-Unsubscribe-Post"}
    assert {r.message_id for r in results} == {results[0].message_id}
    assert results[0].message_id.endswith("@mg.example.com>")
    copies = {d.recipient: d for d in mailgun_api.delivered}
    assert [copies[m.recipient.email].headers["message-id"] for m in messages] == [
        m.message_id for m in messages]


def test_story_text_that_looks_like_a_recipient_variable_stays_literal(mailgun_api, fake_time):
    forged = "%recipient.digest_text_0% %recipient.digest_message_id% %recipient.x%"
    email = replace(EMAIL, text=EMAIL.text + forged, html=EMAIL.html + forged)
    backend_for(mailgun_api, fake_time).send(outgoing(2, email))
    assert mailgun_api.problems == []
    for copy in mailgun_api.delivered:
        assert copy.text.endswith(forged) and copy.html.endswith(forged)


def test_batches_of_at_most_max_batch(mailgun_api, fake_time):
    backend = backend_for(mailgun_api, fake_time)
    assert MailgunBackend.max_batch == 1000
    backend.max_batch = 4
    results = backend.send(outgoing(10))
    assert mailgun_api.requests == 3 and len(results) == 10
    assert mailgun_api.problems == []


def test_a_refused_address_fails_its_whole_request_with_mailguns_reason(mailgun_api, fake_time):
    messages = outgoing(3)
    mailgun_api.refuse.add(messages[2].recipient.email)
    results = backend_for(mailgun_api, fake_time).send(messages)
    assert [r.status for r in results] == ["failed"] * 3
    assert results[0].error == ("mailgun: HTTP 400: to parameter is not a valid address. "
                                "please check documentation")


def test_401_plain_text_body(mailgun_api, fake_time):
    config = MailgunConfig(api_key="wrong", base_url=mailgun_api.base_url,
                           domain=mailgun_api.domain)
    with pytest.raises(AuthenticationError, match="HTTP 401: Forbidden"):
        MailgunBackend(config, sleep=fake_time.sleep).send(outgoing(1))


def test_unknown_domain_is_a_provider_error(mailgun_api, fake_time):
    config = MailgunConfig(api_key=API_KEY, base_url=mailgun_api.base_url, domain="other.com")
    with pytest.raises(ProviderError, match=r"HTTP 404.*delivery\.mailgun: domain"):
        MailgunBackend(config, sleep=fake_time.sleep).send(outgoing(1))


@pytest.mark.parametrize("section, base_url", [
    ("{domain: mg.example.com, api_key: k}", "https://api.mailgun.net"),
    ("{domain: mg.example.com, api_key: k, region: eu}", "https://api.eu.mailgun.net"),
    ("{domain: mg.example.com, api_key: k, region: eu, base_url: 'http://127.0.0.1:9/'}",
     "http://127.0.0.1:9"),
])
def test_region_and_base_url(write_config, section, base_url):
    settings = load_settings(write_config(f"""
        newsletter:
          from: digest@example.com
        delivery:
          backend: mailgun
          mailgun: {section}
    """))
    assert settings.delivery.mailgun.base_url == base_url
    assert isinstance(make_backend(settings.delivery, settings.path), MailgunBackend)


def test_domain_is_required(write_config):
    with pytest.raises(ConfigError, match=r"delivery\.mailgun\.domain: is required"):
        load_settings(write_config("""
            newsletter:
              from: digest@example.com
            delivery:
              backend: mailgun
              mailgun: {api_key: k}
        """))
