import hashlib
import hmac
import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from urllib.parse import quote

import pytest

from digest.config import Newsletter
from digest.delivery.message import build_message
from digest.delivery.unsubscribe import Unsubscribe, unsubscribe_token
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


SECRET = "a-secret-for-the-tests"
PER_READER = newsletter(
    unsubscribe_url="https://example.com/leave?list=daily&reader={email}&token={token}",
    unsubscribe_mailto="leave+{token}@example.com", unsubscribe_secret=SECRET)


def token(address: str) -> str:
    return hmac.new(SECRET.encode(), address.lower().encode(), hashlib.sha256).hexdigest()[:32]


def test_the_token_is_an_hmac_of_the_lower_cased_address_and_differs_per_recipient():
    assert unsubscribe_token(SECRET, "Ann@Example.ORG") == token("ann@example.org")
    assert re.fullmatch(r"[0-9a-f]{32}", token("ann@example.org"))
    assert len({unsubscribe_token(SECRET, f"reader{i}@example.org") for i in range(100)}) == 100
    assert unsubscribe_token("another-secret-value", "ann@example.org") != token(
        "ann@example.org")


def test_each_recipient_has_their_own_list_unsubscribe_with_one_click():
    for address in ("ann@example.org", "Bob.Smith+news@example.org"):
        message = parse(build_message(EMAIL, Recipient(address), PER_READER, NOW))
        own = token(address)
        assert message["List-Unsubscribe"] == (
            f"<https://example.com/leave?list=daily&reader={quote(address, safe='')}"
            f"&token={own}>, <mailto:leave+{own}@example.com>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_long_unsubscribe_header_is_folded_between_its_links_never_encoded():
    raw = build_message(EMAIL, Recipient("a.rather.long.address@example.org"), PER_READER,
                        NOW).as_bytes()
    header = re.search(rb"^List-Unsubscribe: .*?\n(?! )", raw, re.M | re.S).group()
    assert b"=?" not in header and b"\n <mailto:leave+" in header
    assert all(len(line) <= 998 for line in header.splitlines())


def test_without_a_url_there_is_no_one_click_header():
    message = build_message(EMAIL, Recipient("a@example.org"), newsletter(
        unsubscribe_mailto="leave+{token}@example.com", unsubscribe_secret=SECRET), NOW)
    assert message["List-Unsubscribe"] == f"<mailto:leave+{token('a@example.org')}@example.com>"
    assert "List-Unsubscribe-Post" not in message


@pytest.mark.parametrize("address", [
    "o'brien&list=all?x=%0D%0A#1@example.org",  # valid, if odd: each character stays inside
    "{token}@example.org",  # a placeholder in an address is not filled in
])
def test_no_address_can_leave_its_place_in_the_unsubscribe_links(address):
    built = build_message(EMAIL, Recipient(address), PER_READER, NOW)
    raw, message = built.as_bytes(), parse(built)
    url = f"https://example.com/leave?list=daily&reader={quote(address, safe='')}"
    assert message["List-Unsubscribe"].startswith(f"<{url}&token={token(address)}>, <mailto:")
    assert message["Bcc"] is None and b"\nBcc:" not in raw.split(b"\n\n", 1)[0]


def test_an_address_with_a_line_break_stays_on_one_line_in_the_links():
    links = Unsubscribe.of(PER_READER, "eve@example.org\r\nBcc: victim@example.org")
    assert "\r" not in links.header and "\n" not in links.header
    assert "reader=eve%40example.org%0D%0ABcc%3A%20victim%40example.org&" in links.header
