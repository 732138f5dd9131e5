"""Sign-up with double opt-in on a real `digest serve`: the confirmation mail (file backend),
its expiring link, the same answer for everyone, CSRF and the rate limits."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes, policy

import requests

from digest.delivery.unsubscribe import Purpose, make_token

from .conftest import SECRET, Served, digest


def csrf_of(session: requests.Session, url: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', session.get(url).text)[1]


def ask(served: Served, session: requests.Session, email: str) -> requests.Response:
    token = csrf_of(session, f"{served.url}/subscribe")
    return session.post(f"{served.url}/subscribe", data={"csrf": token, "email": email})


def confirmation_links(served: Served) -> list[str]:
    links = []
    for path in sorted((served.project / "outbox").glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if message["Subject"].startswith("Confirm"):
            text = message.get_body(("plain",)).get_content()
            links += re.findall(r"http://\S+/subscribe/confirm/\S+", text)
    return links


def test_sign_up_confirm_and_get_the_next_edition(signup, http):
    answer = ask(signup, http, "New.Reader@example.com")
    assert answer.status_code == 200 and "on its way" in answer.text
    (link,) = confirmation_links(signup)
    assert digest(signup.project, "subscribers", "list").stdout.strip() == "No subscribers yet."
    page = http.get(link)
    assert page.status_code == 200 and "New.Reader@example.com" in page.text
    assert http.head(link).status_code == 200
    assert "No subscribers yet." in digest(signup.project, "subscribers", "list").stdout
    refused = http.post(link, data={"csrf": "0" * 64})
    assert refused.status_code == 403
    done = http.post(link, data={"csrf": csrf_of(http, link)})
    assert done.status_code == 200 and "Welcome" in done.text
    assert "New.Reader@example.com" in digest(signup.project, "subscribers", "list").stdout
    (signup.project / "outbox").rename(signup.project / "confirmations")
    assert sorted(m["To"] for m in signup.send()) == [
        "New.Reader@example.com", "The Editor <editor@example.com>", "reader@example.com"]


def test_the_answer_is_the_same_for_known_and_unknown_addresses(signup, http):
    digest(signup.project, "subscribers", "add", "known@example.com")
    known = ask(signup, http, "known@example.com")
    unknown = ask(signup, http, "unknown@example.com")
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text


def test_a_bounced_address_gets_no_mail_but_the_same_answer(signup, http):
    digest(signup.project, "suppressions", "add", "gone@example.com", "--reason", "bounced")
    answer = ask(signup, http, "gone@example.com")
    assert answer.status_code == 200 and "on its way" in answer.text
    assert confirmation_links(signup) == []


def test_expired_forged_and_wrong_purpose_links_are_refused(signup, http):
    unsubscribe = make_token(SECRET, Purpose.UNSUBSCRIBE, "a@example.com")
    for token in (unsubscribe, "bad", unsubscribe + "0"):
        url = f"{signup.url}/subscribe/confirm/{token}"
        assert http.get(url).status_code == 400
        assert http.post(url, data={"csrf": "x"}).status_code == 400
    expired = make_token(SECRET, Purpose.CONFIRM, "a@example.com",
                         datetime(2020, 1, 1, tzinfo=UTC))
    assert http.get(f"{signup.url}/subscribe/confirm/{expired}").status_code == 400
    assert "No subscribers yet." in digest(signup.project, "subscribers", "list").stdout


def test_the_form_needs_csrf_and_a_valid_address(signup, http):
    url = f"{signup.url}/subscribe"
    assert http.post(url, data={"email": "a@example.com"}).status_code == 403
    bad = ask(signup, http, "<b>not an address</b>")
    assert bad.status_code == 400 and "<b>not" not in bad.text
    assert confirmation_links(signup) == []


def test_sign_ups_are_rate_limited_per_address_and_per_client(signup, http):
    assert [ask(signup, http, "same@example.com").status_code for _ in range(4)] == [
        200, 200, 200, 429]
    assert [ask(signup, http, f"r{n}@example.com").status_code for n in range(2)] == [200, 429]
    assert len(confirmation_links(signup)) == 4


def test_without_signup_there_is_no_form(served, http):
    assert http.get(f"{served.url}/subscribe").status_code == 404
