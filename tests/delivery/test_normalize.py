"""The quick reading of common addresses gives what email-validator gives, address for
address: the same normalized address, or the same error."""

from __future__ import annotations

from email.utils import getaddresses

import pytest

from digest.delivery import addresses
from digest.delivery.addresses import BARE_ADDRESS, normalize_email, parse_address

CASES = [
    "reader1@example.org", "A.B@Example.ORG", "postmaster@x.com", "Postmaster@x.com",
    "abuse@x.com", "a..b@x.com", ".a@x.com", "a.@x.com", "a@b", "a@b.invalid", "a@b.onion",
    "a@localhost", "a@b.local", "a@b.test", "a@test", "a@xn--mnchen-3ya.de", "a@münchen.de",
    "a@XN--MNCHEN-3YA.de", "a@-x.com", "a@x-.com", "a@x..com", "a@.x.com", "a@x.com.",
    "a@x.com-", "a@1.2.3.4", "a@[1.2.3.4]", "a@x.123", "a@_x.com", "a@x_y.com", "a@X.COM",
    "a@b.c", "a+b@x.co", "a'b@x.com", "user@sub.example.co.uk",
    "x" * 64 + "@a.com", "x" * 65 + "@a.com", "a@" + "b" * 63 + ".com",
    "a@" + "b" * 64 + ".com", "a@" + ".".join(["a" * 60] * 4) + ".com",
    "x" * 64 + "@" + ".".join(["a" * 60] * 3) + ".co",
]


def outcome(check, email: str) -> str:
    try:
        return check(email)
    except ValueError as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize("email", CASES)
def test_the_same_as_email_validator(email):
    assert outcome(normalize_email, email) == outcome(addresses._validated, email)


@pytest.mark.parametrize("email", CASES)
def test_a_bare_address_is_what_the_parser_reads(email):
    if BARE_ADDRESS.fullmatch(email):
        assert getaddresses([email]) == [("", email)]
        assert outcome(lambda e: parse_address(e).addr_spec, email) == outcome(
            addresses._validated, email)
