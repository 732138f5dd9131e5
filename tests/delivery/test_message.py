import hashlib
import hmac
import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import format_datetime
from urllib.parse import quote

import pytest
from markupsafe import escape

from digest.config import Newsletter
from digest.core.models import Email, Recipient
from digest.core.sanitize import GREETING, GREETING_SLOT, UNSUBSCRIBE_SLOT, clean_line, clean_prose
from digest.delivery.deliver import message_id, prepare
from digest.delivery.message import Composer
from digest.delivery.personalize import greeting_for, personalized
from digest.delivery.unsubscribe import Unsubscribe, percent_encoded, unsubscribe_token

from ..messages import build_message

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


def test_a_greeting_has_jinja_globals_and_stays_in_its_sandbox():
    ann = Recipient("ann@example.org", "Ann")
    looped = newsletter(greeting="{% for i in range(2) %}{{ name }}{% endfor %}!")
    assert greeting_for(looped, ann) == "AnnAnn!"
    escape_attempt = newsletter(greeting="Hi{{ name.__class__.__mro__ }}{{ name.__init__ }}")
    assert greeting_for(escape_attempt, ann) == "Hi"  # unsafe attributes are undefined


@pytest.mark.parametrize("text", [
    "".join(map(chr, range(128))), "Bob.Smith+news@example.org", "x~y_z-1.2@EX.org",
    "zoë@example.org", "a b@example.org", "",
])
def test_an_address_is_percent_encoded_as_quote_does(text):
    assert percent_encoded(text) == quote(text, safe="")


def test_a_placeholder_used_twice_gets_the_same_value_each_time():
    links = Unsubscribe.of(newsletter(
        unsubscribe_url="https://example.com/{token}/{email}/{token}?again={email}",
        unsubscribe_mailto="leave@example.com", unsubscribe_secret=SECRET), "Ann@example.org")
    own = token("ann@example.org")
    assert links.url == f"https://example.com/{own}/Ann%40example.org/{own}?again=Ann%40example.org"
    assert links.mailto == "leave@example.com"


def test_an_address_with_a_line_break_stays_on_one_line_in_the_links():
    links = Unsubscribe.of(PER_READER, "eve@example.org\r\nBcc: victim@example.org")
    assert "\r" not in links.header and "\n" not in links.header
    assert "reader=eve%40example.org%0D%0ABcc%3A%20victim%40example.org&" in links.header


# --- one edition, composed once, filled per recipient -------------------------------------

SLOTTED = Email(subject="Daily", preheader="p",
                text=f"{GREETING_SLOT}News.\n.dot\nLeave: {UNSUBSCRIBE_SLOT}\n<!--digest:other-->",
                html=f"<p>{GREETING_SLOT}News</p><a href=\"{UNSUBSCRIBE_SLOT}\">x</a>")


def test_each_copy_has_its_own_values_and_headers_and_the_edition_is_shared():
    people = [Recipient("ann@example.org", "Ann <A&B>"), Recipient("bob@example.org", "Zoë")]
    prepared = prepare(SLOTTED, people, PER_READER, NOW, edition="e1")
    composer = Composer(prepared.edition)
    for person, copy in zip(people, prepared, strict=True):
        message = message_from_bytes(composer.message(copy), policy=policy.default)
        link = Unsubscribe.of(PER_READER, person.email)
        assert message["To"].addresses[0].addr_spec == person.email
        assert message["Message-ID"] == copy.message_id == message_id(
            "e1", person.email, "example.com")
        assert message["List-Unsubscribe"] == link.header
        assert message["Subject"] == "Daily" and message["Date"] == format_datetime(NOW)
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        # Raw in the text part, escaped in the HTML part; an unknown slot is left empty.
        assert text == f"Hello {person.name},\nNews.\n.dot\nLeave: {link.url}\n"
        assert html.startswith(f"<p>Hello {escape(person.name)},<br>News</p>")
        assert f'href="{escape(link.url)}"' in html
    assert prepared[0].text[GREETING] == "Hello Ann <A&B>,\n"
    assert prepared[0].html[GREETING] == "Hello Ann &lt;A&amp;B&gt;,<br>"
    # The same edition and recipient always get the same Message-ID.
    again = prepare(SLOTTED, people[:1], PER_READER, NOW, edition="e1")
    assert again[0].message_id == prepared[0].message_id


def test_the_message_is_what_the_email_package_would_make():
    prepared = prepare(SLOTTED, [Recipient("ann@example.org", "Ann")], PER_READER, NOW, "e")
    raw = Composer(prepared.edition).message(prepared[0])
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert parsed.defects == [] and all(not p.defects for p in parsed.walk())
    assert all(len(line) <= 998 for line in raw.splitlines())
    # Written back by the email package, it reads the same.
    assert message_from_bytes(parsed.as_bytes(), policy=policy.default).get_body(
        ("plain",)).get_content() == parsed.get_body(("plain",)).get_content()


def test_a_preview_copy_has_no_greeting_and_the_link_as_configured():
    copy = personalized(SLOTTED, None, PER_READER)
    assert copy.text.startswith("News.") and GREETING_SLOT not in copy.html
    assert PER_READER.unsubscribe_url in copy.text


def test_values_join_the_encoded_text_by_soft_breaks_and_lines_stay_short():
    long_name = "Anne-Marie " * 12 + "."
    text = f"{'x' * 70} {GREETING_SLOT}{'y' * 200} \n{UNSUBSCRIBE_SLOT}.\n"
    email = Email(subject="s", text=text, html=f"{GREETING_SLOT}", preheader="")
    news = newsletter(greeting=".{{ name }}", unsubscribe_url="https://example.com/u?{email}")
    people = [Recipient("ann@example.org", long_name)]
    prepared = prepare(email, people, news, NOW, "e")
    for smtp in (False, True):
        raw = Composer(prepared.edition, smtp=smtp).message(prepared[0])
        lines = raw.split(b"\r\n" if smtp else b"\n")
        assert all(len(line) <= 78 for line in lines)
        if smtp:  # every line that starts with a dot has it doubled, and no bare LF is left
            assert b"\n" not in raw.replace(b"\r\n", b"")
            assert all(line.startswith(b"..") for line in lines if line.startswith(b"."))
            raw = raw.replace(b"\r\n.", b"\r\n").replace(b"\r\n", b"\n")
        message = message_from_bytes(raw, policy=policy.default)
        assert message.get_body(("plain",)).get_content() == prepared[0].body(
            prepared.edition, "text")
        assert message.get_body(("html",)).get_content() == f".{long_name}<br>"


def test_story_text_holds_no_slot_and_keeps_what_only_looks_like_a_provider_marker():
    nested = "a <!--digest:gre<!--digest:greeting-->eting--> b <!--digest:unsubscribe-->"
    assert clean_prose(nested) == clean_line(nested) == "a  b "
    lookalike = "%recipient.d0_text_greeting% -digest-00-greeting-text- {{ name }}"
    assert clean_prose(lookalike) == lookalike


def test_text_that_looks_like_an_encoded_word_reaches_the_reader_as_written():
    subject = "Markets =?utf-8?q?crash?= today"
    email = Email(subject=subject, html="<p>x</p>", text="x", preheader="p")
    message = parse(build_message(email, Recipient("ann@example.org", "=?utf-8?b?Qm9i?="),
                                  newsletter(), NOW))
    assert message["Subject"] == subject
    assert message["To"].addresses[0].display_name == "=?utf-8?b?Qm9i?="
    assert message["To"].addresses[0].addr_spec == "ann@example.org"


def test_a_bare_carriage_return_never_reaches_the_wire():
    email = Email(subject="s", html="<p>one\rtwo</p>", text="one\rtwo\r\nthree", preheader="p")
    outgoing = prepare(email, [Recipient("ann@example.org")], newsletter(), NOW, "e1")
    wire = Composer(outgoing.edition, smtp=True).message(outgoing[0])
    assert b"\r" not in wire.replace(b"\r\n", b"")
    message = message_from_bytes(wire, policy=policy.default)
    assert message.get_body(("plain",)).get_content().split() == ["one", "two", "three"]
