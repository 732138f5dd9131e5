"""Email addresses and recipient lists: syntax checks only (no DNS), case-insensitive dedupe.

email-validator judges the address itself, but for the common form, read without it (it is
slow to import, and `digest status` checks the sender at every start): a dot-atom of ASCII
before the @ and a lower-case domain of letters, digits and inner hyphens, which it takes as
they are (tests/delivery/test_normalize.py compares the two). Internationalised domains are
accepted and kept in their ASCII (IDNA, ``xn--``) form, the one every SMTP server and API
provider takes in a header. Non-ASCII characters before the @ are refused: such an address
needs SMTPUTF8 end to end, and the messages built here are plain ASCII-header mail. Of the
special-use domains, ``.invalid`` and ``.onion`` are refused (no mail server can reach them);
``.local``, ``.localhost``, ``.test`` and ``.home.arpa`` are accepted, since the operator's own
mail server may deliver them (an intranet, a test setup) and digest checks syntax, not reach.

The display name of ``Name <address>`` is split off by the standard library's RFC 5322 parser:
email-validator's own display-name parsing refuses unquoted names with dots or non-ASCII
letters ("J. R. Smith", "Jörg Müller"), which mail programs write and readers expect to work.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import re
from collections.abc import Iterable
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from types import ModuleType

from ..core.errors import ConfigError
from ..core.files import read_regular
from ..core.models import Recipient

log = logging.getLogger(__name__)

MAX_RECIPIENTS_BYTES = 64 * 1024 * 1024  # a CSV of about a million recipients

# The special-use names refused (see the docstring), set in email-validator's documented knob.
REFUSED_DOMAINS = ("invalid", "onion")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# The common address: a dot-atom of ASCII before the @ (the form email-validator leaves as it
# is), read without a parser; anything else goes through email-validator whole.
DOT_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
EMAIL_MAX_LENGTH = 254
# The mailbox names (RFC 2142) email-validator writes in lower case: its rfc_constants' list,
# kept here so that the common address needs no import of it.
CASE_INSENSITIVE_MAILBOX_NAMES = frozenset({
    "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster",
    "hostmaster", "usenet", "news", "webmaster", "www", "uucp", "ftp"})
# The common domain: lower-case labels of letters and digits with single inner hyphens (no
# "--", which IDNA reads), two or more, the last ending in a letter as every top-level domain.
LABEL = r"[a-z0-9](?:-?[a-z0-9])*"
PLAIN_DOMAIN = re.compile(rf"{LABEL}(?:\.{LABEL})*\.{LABEL}(?<=[a-z])")
MAX_LABEL = 63


def normalize_email(email: str) -> str:
    """The address as it is sent (lower-case ASCII domain); ValueError saying what is wrong.

    A list of 10,000 readers has a handful of domains: each is checked once, and an
    address whose local part is a plain dot-atom is that local part and its checked domain
    (what email-validator makes of it, at a tenth of the cost)."""
    local, _, domain = email.rpartition("@")
    if DOT_ATOM.fullmatch(local) and len(local) <= 64:
        if local.lower() in CASE_INSENSITIVE_MAILBOX_NAMES:
            local = local.lower()
        checked = _checked_domain(domain)
        if checked is not None and len(local) + 1 + len(checked) <= EMAIL_MAX_LENGTH:
            return f"{local}@{checked}"
    return _validated(email)


@functools.lru_cache(maxsize=4096)
def _checked_domain(domain: str) -> str | None:
    """The domain as email-validator writes it, None when it refuses it."""
    mailbox = f"postbox@{domain}"
    if (PLAIN_DOMAIN.fullmatch(domain) and len(mailbox) <= EMAIL_MAX_LENGTH
            and all(len(label) <= MAX_LABEL for label in domain.split("."))
            and not any(domain == d or domain.endswith(f".{d}") for d in REFUSED_DOMAINS)):
        return domain
    try:
        return _validated(mailbox).rpartition("@")[2]
    except ValueError:
        return None


@functools.cache
def _email_validator() -> ModuleType:
    """email-validator, loaded for the first address the quick reading leaves to it (slow to
    import: its patterns are compiled then), refusing the special-use names we refuse."""
    import email_validator

    email_validator.SPECIAL_USE_DOMAIN_NAMES[:] = REFUSED_DOMAINS
    return email_validator


def _validated(email: str) -> str:
    library = _email_validator()
    try:
        valid = library.validate_email(email, check_deliverability=False)
    except library.EmailNotValidError as exc:
        reason = str(exc).rstrip(".")
        raise ValueError(f"{email!r} is not a valid email address: "
                         f"{reason[:1].lower()}{reason[1:]}") from None
    if valid.ascii_email is None:
        raise ValueError(f"{email!r}: an address with non-ASCII letters before the @ needs "
                         "SMTPUTF8, which digest does not send; use an ASCII address")
    return valid.ascii_email


# A bare address that getaddresses would give back unchanged (no name, comment or quotes).
BARE_ADDRESS = re.compile(rf"{DOT_ATOM.pattern}@[A-Za-z0-9.-]+")


def parse_address(value: str) -> Address:
    """Parse "Name <user@example.com>" or "user@example.com"; raise ValueError if malformed."""
    if CONTROL.search(value):
        raise ValueError("must not contain line breaks or control characters")
    if BARE_ADDRESS.fullmatch(value):
        username, domain = normalize_email(value).rsplit("@", 1)
        return Address(username=username, domain=domain)
    parsed = getaddresses([value])
    if len(parsed) > 1:
        raise ValueError(f"{value!r} must be exactly one email address "
                         "(put a name with a comma in double quotes)")
    name, email = parsed[0] if parsed else ("", value)
    username, domain = normalize_email(email).rsplit("@", 1)
    return Address(display_name=name, username=username, domain=domain)


def clean_name(name: str | None) -> str | None:
    """A display name with control characters and surrounding space removed."""
    if name is None:
        return None
    name = CONTROL.sub(" ", name).strip()
    return name or None


def load_recipients(
    inline: Iterable[tuple[str, str | None]], csv_path: Path | None
) -> tuple[list[Recipient], list[str]]:
    """All recipients from the config list and the CSV file, de-duplicated case-insensitively.

    An entry may be "Name <address>"; a separate name, where given, wins over that one.
    Returns the recipients and one problem line per row that was skipped.
    """
    recipients: list[Recipient] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(email: str, name: str | None, fields: dict[str, str], where: str) -> None:
        try:
            address = parse_address(email.strip())
        except ValueError as exc:
            problems.append(f"{where}: {exc}; skipped")
            return
        spec = address.addr_spec  # worked out anew each time it is read
        if spec.lower() in seen:
            return
        seen.add(spec.lower())
        recipients.append(Recipient(email=spec,
                                    name=clean_name(name or address.display_name),
                                    fields=fields))

    for index, (email, name) in enumerate(inline):
        add(email, name, {}, f"recipients[{index}]")
    if csv_path is not None:
        for line, row in _read_csv(csv_path):
            fields = {k: v for k, v in row.items() if k not in ("email", "name") and v}
            add(row.get("email") or "", row.get("name"), fields, f"{csv_path}:{line}")
    for problem in problems:
        log.warning(problem)
    return recipients, problems


def _read_csv(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        text = read_regular(path, MAX_RECIPIENTS_BYTES).decode("utf-8-sig")
        with io.StringIO(text, newline="") as handle:
            reader = csv.DictReader(handle)
            fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
            if "email" not in fieldnames:
                raise ConfigError(f"{path}: recipients file needs an 'email' column")
            reader.fieldnames = fieldnames
            for row in reader:
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
    except FileNotFoundError:
        raise ConfigError(f"{path}: recipients file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read recipients file: {exc.strerror or exc}"
                          ) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"{path}: cannot read recipients file: {exc}") from None
