"""Unsubscribing through `digest serve`, a real process: RFC 8058 one-click, the two-page
flow with its CSRF check, forged tokens, and the headers every answer carries."""

from __future__ import annotations

import re
from html import unescape

from digest.delivery.unsubscribe import Purpose, make_token

from .conftest import SECRET


def one_click_url(message) -> str:
    return re.fullmatch(r"<(.+)>", message["List-Unsubscribe"])[1]


def test_a_one_click_post_unsubscribes_and_the_next_send_skips_them(served, http):
    messages = served.send()
    target = next(m for m in messages if "editor@example.com" in m["To"])
    assert target["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = one_click_url(target)
    assert url.startswith(f"{served.url}/unsubscribe/")
    answer = http.post(url, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert served.suppressed() == {"editor@example.com": "unsubscribed"}
    again = http.post(url, data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200 and served.suppressed() == {
        "editor@example.com": "unsubscribed"}
    footer = target.get_body(("plain",)).get_content()
    assert url in footer.replace("=\n", "")
    (served.project / "outbox").rename(served.project / "first")
    assert [m["To"] for m in served.send()] == ["reader@example.com"]


def test_a_multipart_one_click_post_works_too(served, http):
    url = f"{served.url}/unsubscribe/{make_token(SECRET, Purpose.UNSUBSCRIBE, 'a@example.com')}"
    answer = http.post(url, files={"List-Unsubscribe": (None, "One-Click")})
    assert answer.status_code == 200
    assert served.suppressed() == {"a@example.com": "unsubscribed"}


def test_get_and_head_show_a_page_and_change_nothing(served, http):
    url = f"{served.url}/unsubscribe/{make_token(SECRET, Purpose.UNSUBSCRIBE, 'a@example.com')}"
    page = http.get(url)
    assert page.status_code == 200
    assert re.search(r'<form method="post" action="/unsubscribe/[^"]+">', page.text)
    assert 'name="csrf"' in page.text and "<script" not in page.text
    assert http.head(url).status_code == 200
    assert served.suppressed() == {}


def test_the_form_needs_its_csrf_token_then_offers_to_resubscribe(served, http):
    url = f"{served.url}/unsubscribe/{make_token(SECRET, Purpose.UNSUBSCRIBE, 'a@example.com')}"
    assert http.post(url, data={"csrf": "0" * 64}).status_code == 403
    assert served.suppressed() == {}
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', http.get(url).text)[1]
    done = http.post(url, data={"csrf": csrf})
    assert done.status_code == 200 and "Resubscribe" in done.text
    assert served.suppressed() == {"a@example.com": "unsubscribed"}
    cookie_elsewhere = http.post(url + "/resubscribe", data={"csrf": csrf},
                                 cookies={"digest_csrf": "f" * 32})
    assert cookie_elsewhere.status_code == 403
    back = http.post(url + "/resubscribe", data={"csrf": csrf})
    assert back.status_code == 200 and "subscribed again" in back.text
    assert served.suppressed() == {}


def test_forged_tokens_get_400_and_change_nothing(served, http):
    genuine = make_token(SECRET, Purpose.UNSUBSCRIBE, "a@example.com")
    other = make_token(SECRET, Purpose.UNSUBSCRIBE, "b@example.com")
    forged = [
        genuine.split(".")[0] + "." + other.split(".")[1],  # a's address, b's signature
        make_token("another-secret-of-16+chars", Purpose.UNSUBSCRIBE, "a@example.com"),
        make_token(SECRET, Purpose.CONFIRM, "a@example.com"),  # made for another purpose
        genuine[:-1] + ("0" if genuine[-1] != "0" else "1"),
        "%00", "a" * 600,
    ]
    for token in forged:
        url = f"{served.url}/unsubscribe/{token}"
        assert http.get(url).status_code == 400, token
        assert http.post(url, data={"List-Unsubscribe": "One-Click"}).status_code == 400
    assert served.suppressed() == {}


def test_every_answer_carries_the_security_headers(served, http):
    for path in ("/healthz", "/unsubscribe/", "/unsubscribe/bad", "/nowhere"):
        answer = http.get(served.url + path)
        csp = answer.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src" not in csp
        assert "default-src 'none'" in csp
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "no-referrer"


def test_what_a_request_gives_is_escaped(served, http):
    token = make_token(SECRET, Purpose.UNSUBSCRIBE, '"<img src=x onerror=alert(1)>"@example.com')
    page = http.get(f"{served.url}/unsubscribe/{token}").text
    assert "<img" not in page and "&lt;img src=x" in page
    assert '"<img src=x onerror=alert(1)>"@example.com' in unescape(page)


def test_no_redirect_anywhere_and_the_host_header_is_never_echoed(served, http):
    for path in ("/unsubscribe", "/healthz/", "//evil.example/", "/static"):
        answer = http.get(served.url + path, headers={"Host": "evil.example"},
                          allow_redirects=False)
        assert answer.status_code == 404 and "location" not in answer.headers
        assert "evil.example" not in answer.text


def test_it_listens_on_127_0_0_1_unless_told(served):
    assert served.url.startswith("http://127.0.0.1:")


def test_a_form_past_its_cap_is_413_and_changes_nothing(served, http):
    url = f"{served.url}/unsubscribe/{make_token(SECRET, Purpose.UNSUBSCRIBE, 'a@example.com')}"
    answer = http.post(url, data=b"List-Unsubscribe=One-Click&pad=" + b"x" * 20_000,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413
    assert served.suppressed() == {}


def test_an_old_unsubscribe_cannot_be_undone_from_a_link_in_an_old_edition(served, http):
    """Anyone holding an old edition has its link: past the undo window, the reader signs up
    again instead."""
    from datetime import UTC, datetime, timedelta

    from digest.core.models import SuppressionReason
    from digest.store import Store

    with Store.open(served.project / ".digest" / "state.sqlite") as store:
        store.suppressions.add("a@example.com", SuppressionReason.UNSUBSCRIBED, "web",
                               datetime.now(UTC) - timedelta(days=3))
    url = f"{served.url}/unsubscribe/{make_token(SECRET, Purpose.UNSUBSCRIBE, 'a@example.com')}"
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', http.get(url).text)[1]
    refused = http.post(url + "/resubscribe", data={"csrf": csrf})
    assert refused.status_code == 409 and "sign up again" in refused.text
    assert served.suppressed() == {"a@example.com": "unsubscribed"}
