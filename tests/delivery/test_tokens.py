"""Signed tokens: bound to an address and a purpose, perhaps expiring, checked whole."""

from datetime import UTC, datetime, timedelta

from digest.delivery.unsubscribe import Purpose, make_token, read_token

SECRET = "0123456789abcdef-secret"
NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


def test_a_token_names_its_address_for_its_purpose_only():
    token = make_token(SECRET, Purpose.UNSUBSCRIBE, "Ann@Example.com")
    assert read_token(SECRET, Purpose.UNSUBSCRIBE, token) == "Ann@Example.com"
    assert read_token(SECRET, Purpose.CONFIRM, token, NOW) is None
    assert read_token("another-secret-0123456", Purpose.UNSUBSCRIBE, token) is None
    assert all(c.isalnum() or c in "-_." for c in token)


def test_an_expiring_token_passes_until_its_time():
    token = make_token(SECRET, Purpose.CONFIRM, "a@example.com", NOW + timedelta(hours=1))
    assert read_token(SECRET, Purpose.CONFIRM, token, NOW) == "a@example.com"
    assert read_token(SECRET, Purpose.CONFIRM, token, NOW + timedelta(hours=2)) is None
    assert read_token(SECRET, Purpose.CONFIRM, token) is None  # no clock: no expiring token
    address, expiry, mac = token.split(".")
    later = str(int(expiry) + 86400)
    assert read_token(SECRET, Purpose.CONFIRM, f"{address}.{later}.{mac}", NOW) is None


def test_anything_else_is_refused():
    for token in ("", ".", "a.b.c.d", "!!!.0011", "YQ.zz", "x" * 600):
        assert read_token(SECRET, Purpose.UNSUBSCRIBE, token, NOW) is None
