"""Postmark /email/batch: one message per recipient, each result checked on its own."""

from __future__ import annotations

import json
from dataclasses import replace
from email.headerregistry import Address
from typing import Any

import pytest
from markupsafe import escape

from digest.config import load_settings
from digest.core.sanitize import GREETING, GREETING_SLOT, UNSUBSCRIBE, one_line
from digest.delivery.backends.api_requests import TRACKING_KEY
from digest.delivery.backends.base import AuthenticationError, Outgoing
from digest.delivery.backends.postmark import Chunks, PostmarkBackend, PostmarkConfig
from digest.delivery.backends.registry import make_backend

from .conftest import API_KEY, EMAIL, FakeTime, PostmarkApi, bodies, outgoing, own_header


def backend_for(api: PostmarkApi, time: FakeTime, **options) -> PostmarkBackend:
    config = PostmarkConfig(api_key=API_KEY, base_url=api.base_url, **options)
    return PostmarkBackend(config, sleep=time.sleep, clock=time.clock)


def test_one_array_request_one_message_per_recipient(postmark_api, fake_time, posted):
    messages = outgoing(4)
    with backend_for(postmark_api, fake_time, message_stream="digest") as backend:
        results = backend.send(messages)
    assert postmark_api.problems == [] and postmark_api.requests == 1
    [body] = [json.loads(bytes(call["data"])) for call in posted]
    assert [m["To"] for m in body] == [str(m.to) for m in messages]
    assert [m["Metadata"] for m in body] == [{TRACKING_KEY: m.message_id} for m in messages]
    assert [(m["TextBody"], m["HtmlBody"]) for m in body] == [
        bodies(messages, copy) for copy in messages]
    first = body[0]
    assert first["MessageStream"] == "digest"
    assert first["From"] == "Morning Digest <digest@example.com>"
    assert first["ReplyTo"] == "Editor <editor@example.com>"
    assert [{h["Name"]: h["Value"] for h in m["Headers"]} for m in body] == [
        {"List-Id": "Morning Digest <morning-digest.example.com>", "Message-ID": m.message_id,
         **{name: own_header(m, name) for name in ("List-Unsubscribe", "List-Unsubscribe-Post")}}
        for m in messages]
    assert len({r.message_id for r in results}) == 4


def test_batches_of_at_most_max_batch(postmark_api, fake_time):
    assert PostmarkBackend.max_batch == 500
    backend = backend_for(postmark_api, fake_time)
    backend.max_batch = 3
    backend.send(outgoing(7))
    assert postmark_api.requests == 3 and postmark_api.problems == []


def test_each_message_result_is_checked(postmark_api, fake_time):
    messages = outgoing(3)
    postmark_api.refuse.add(messages[1].recipient.email)
    results = backend_for(postmark_api, fake_time).send(messages)
    assert [r.status for r in results] == ["sent", "failed", "sent"]
    assert results[1].error.startswith("postmark: error 406: You tried to send to recipient")


def test_a_422_fails_the_whole_request(postmark_api, fake_time):
    postmark_api.fail(422, body={"ErrorCode": 300, "Message": "Invalid 'From' address."})
    results = backend_for(postmark_api, fake_time).send(outgoing(2))
    assert [r.error for r in results] == [
        "postmark: HTTP 422: error 300: Invalid 'From' address."] * 2


def test_an_answer_that_does_not_match_the_batch_leaves_it_unknown(postmark_api, fake_time):
    postmark_api.fail(200, body=[{"ErrorCode": 0, "MessageID": "x"}])
    results = backend_for(postmark_api, fake_time).send(outgoing(2))
    assert [r.status for r in results] == ["unknown", "unknown"]
    assert "does not account for the 2 recipients" in results[0].error


def test_401_names_the_key(postmark_api, fake_time):
    config = PostmarkConfig(api_key="wrong", base_url=postmark_api.base_url)
    with pytest.raises(AuthenticationError, match=r"error 10: .*delivery\.postmark\.api_key"):
        PostmarkBackend(config, sleep=fake_time.sleep).send(outgoing(1))


def test_config_defaults(write_config, monkeypatch):
    monkeypatch.setenv("POSTMARK_TOKEN", API_KEY)
    settings = load_settings(write_config("""
        newsletter:
          from: digest@example.com
        delivery:
          backend: postmark
          postmark:
            api_key: ${POSTMARK_TOKEN}
    """))
    config = settings.delivery.postmark
    assert config.base_url == "https://api.postmarkapp.com"
    assert config.message_stream == "broadcast"
    assert isinstance(make_backend(settings.delivery, settings.path), PostmarkBackend)


def test_story_text_that_looks_like_template_syntax_stays_literal(postmark_api, fake_time,
                                                                   posted):
    # /email/batch never renders templates; only /email/batchWithTemplates with a
    # TemplateModel would, and digest does not use it.
    forged = "{{name}} {{#each people}}{{email}}{{/each}} {{{ unsubscribe }}} ${x}"
    email = replace(EMAIL, text=EMAIL.text + forged, html=EMAIL.html + escape(forged))
    backend_for(postmark_api, fake_time).send(outgoing(2, email))
    [body] = [json.loads(bytes(call["data"])) for call in posted]
    assert all(not {"TemplateModel", "TemplateId", "TemplateAlias"} & set(m) for m in body)
    assert [m["TextBody"].endswith(forged) for m in body] == [True, True]
    for copy in postmark_api.delivered:
        assert copy.text.endswith(forged) and str(escape(forged)) in copy.html


def whole_messages(messages: Outgoing) -> list[dict[str, Any]]:
    """Each message of a batch built whole, as json.dumps would be given it."""
    edition = messages.edition
    shared = {"From": str(edition.sender), "Subject": edition.subject,
              "MessageStream": "broadcast"}
    if edition.reply_to is not None:
        shared["ReplyTo"] = str(edition.reply_to)
    return [{
        **shared, "To": str(copy.to), "Metadata": {TRACKING_KEY: copy.message_id},
        "Headers": [{"Name": name, "Value": value}
                    for name, value in [*edition.headers, *copy.provider_headers()]],
        **{field: body for field, body in (("TextBody", copy.body(edition, "text")),
                                           ("HtmlBody", copy.body(edition, "html"))) if body},
    } for copy in messages]


def test_the_body_is_the_json_of_each_whole_message(postmark_api, fake_time, posted):
    """Spliced from the edition encoded once, the body is byte for byte what json.dumps
    makes of each message built whole; the body streams with its length told up front."""
    messages = outgoing(3)
    with backend_for(postmark_api, fake_time) as backend:
        backend.send(messages)
    [call] = posted
    assert bytes(call["data"]) == json.dumps(whole_messages(messages)).encode()
    assert len(call["data"]) == len(bytes(call["data"]))
    assert postmark_api.problems == []


def test_the_body_streams_in_blocks_of_whole_messages(postmark_api, fake_time, posted,
                                                     monkeypatch):
    """However small a block, none splits a message: each is sent as one piece."""
    monkeypatch.setattr(Chunks, "BLOCK", 1)
    messages = outgoing(3)
    with backend_for(postmark_api, fake_time) as backend:
        backend.send(messages)
    [call] = posted
    blocks = list(call["data"])
    assert b"".join(blocks) == json.dumps(whole_messages(messages)).encode()
    assert blocks[0] == b"[" and blocks[-1] == b"]" and len(blocks) == 5
    assert [json.loads(block.removeprefix(b", ")) for block in blocks[1:-1]] == whole_messages(
        messages)
    assert len(postmark_api.delivered) == 3 and postmark_api.problems == []


HOSTILE = ['"quoted" \\back\\slash\\', "two\nlines\r\nand\ttab\x00\x1f",
           "Zoë 😀 \u2028\u2029 “curly”", "</script><script>alert(1)</script>",
           f"{GREETING_SLOT} a slot in a value stays text", '\\"}, {"To": "x@evil.example"']


def test_hostile_values_are_escaped_in_each_message(postmark_api, fake_time, posted):
    """Each recipient's values, whatever characters they hold, come out of the JSON as they
    went in; a slot's text inside a value is not filled again. An edition without a text
    part, whose only slot is empty for a recipient, sends them no TextBody."""
    email = replace(EMAIL, text=GREETING_SLOT, html=EMAIL.html + "</script>\u2028")
    prepared = outgoing(len(HOSTILE) + 1, email)
    copies = [replace(copy, to=Address(display_name=one_line(value),
                                       addr_spec=copy.recipient.email),
                      html={GREETING: value, UNSUBSCRIBE: value[::-1]},
                      text={GREETING: value, UNSUBSCRIBE: value},
                      headers=(("List-Unsubscribe", f"<mailto:{one_line(value)}>"),))
              for copy, value in zip(prepared, HOSTILE, strict=False)]
    messages = Outgoing(prepared.edition, (*copies, replace(prepared[-1], text={})))
    backend_for(postmark_api, fake_time).send(messages)
    [call] = posted
    body = bytes(call["data"])
    assert body.isascii()
    assert json.loads(body) == whole_messages(messages)
    assert body == json.dumps(whole_messages(messages)).encode()
    assert "TextBody" not in json.loads(body)[-1]
    assert [m.text for m in postmark_api.delivered[:len(HOSTILE)]] == HOSTILE
    assert postmark_api.problems == []
