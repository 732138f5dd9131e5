"""The quick reading of common addresses gives what email-validator gives, address for
address: the same normalized address, or the same error."""

from __future__ import annotations

from email.utils import getaddresses
from random import Random

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
    "News@Example.com", "NEWS@example.com", "info@x.com", "a@x-y.com", "a@x--y.com",
    "a@ab--c.com", "a@xn--abc.com", "a@x.c0m", "a@x.co1", "a@1x.com", "a@x.y.onion",
    "a@onion", "a@x.invalid.com", "a@x.localhost", "a@x.-y.com", "a@x.y-.com",
    "a@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + "." + "e" * 55,
    "a@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + "." + "e" * 54,
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


def test_the_domains_read_without_email_validator_are_what_it_makes_of_them():
    """The quick reading of a domain (letters, digits, hyphens, dots) gives email-validator's
    verdict: the same domain, or a refusal."""
    check = addresses._checked_domain.__wrapped__
    random = Random(8)
    domains = ["".join(random.choice("ab0-.") for _ in range(random.randint(1, 12)))
               for _ in range(3000)] + [
        "a" * n + ".com" for n in (62, 63, 64)] + [
        ".".join(["a" * 61] * 4)[:n] + "z" for n in (237, 244, 245, 246, 251)]
    for domain in domains:
        try:
            expected = addresses._validated(f"postbox@{domain}").rpartition("@")[2]
        except ValueError:
            expected = None
        assert check(domain) == expected, domain


def test_the_mailbox_names_kept_in_lower_case_are_email_validators():
    from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES

    assert set(CASE_INSENSITIVE_MAILBOX_NAMES) == addresses.CASE_INSENSITIVE_MAILBOX_NAMES
