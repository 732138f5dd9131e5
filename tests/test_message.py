from datetime import UTC, datetime
from email import message_from_bytes, policy

from digest.config import Newsletter
from digest.message import build_message
from digest.models import Email, Recipient

NOW = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
EMAIL = Email(subject="Daily — Übersicht", html="<p>Grüße</p>", text="Grüße", preheader="p")


def newsletter(**extra):
    return Newsletter.model_validate({"title": "Daily News", "from": "Daily <news@example.com>",
                                      **extra})


def parse(message):
    return message_from_bytes(message.as_bytes(), policy=policy.default)


def test_multipart_alternative_text_then_html():
    message = parse(build_message(EMAIL, Recipient("ann@example.org", "Ann Example"),
                                  newsletter(reply_to="ed@example.com"), NOW))
    assert message.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert message.get_body(("html",)).get_content().strip() == "<p>Grüße</p>"
    assert message["Subject"] == "Daily — Übersicht"
    assert message["To"] == "Ann Example <ann@example.org>"
    assert message["Reply-To"] == "ed@example.com"
    assert message["Message-ID"].endswith("@example.com>")
    assert message["List-Id"] == "Daily News <daily-news.example.com>"
    assert message["Date"]
    assert "List-Unsubscribe" not in message


def test_unsubscribe_headers():
    message = build_message(EMAIL, Recipient("a@example.org"), newsletter(
        unsubscribe_url="https://example.com/u", unsubscribe_mailto="u@example.com"), NOW)
    assert message["List-Unsubscribe"] == "<https://example.com/u>, <mailto:u@example.com>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_header_injection_from_subject_or_name():
    email = Email(subject="Hi\r\nBcc: victim@example.com", html="<p>x</p>", text="x",
                  preheader="")
    raw = build_message(email, Recipient("a@example.org", "Eve\nBcc: other@example.com"),
                        newsletter(), NOW).as_bytes()
    headers = raw.split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in headers and not headers.startswith(b"Bcc:")
    assert parse(build_message(email, Recipient("a@example.org"), newsletter(), NOW))["Bcc"] is None
