"""Email addresses and recipient lists: syntax checks only (no DNS), case-insensitive dedupe."""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path

from .errors import ConfigError
from .models import Recipient

log = logging.getLogger(__name__)

# Deliberately simple: one @, a dot-separated domain with a letter TLD, no spaces or controls.
ADDR_SPEC = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def is_valid_email(email: str) -> bool:
    return bool(ADDR_SPEC.match(email)) and ".." not in email and not email.startswith(".")


def parse_address(value: str) -> Address:
    """Parse "Name <user@example.com>" or "user@example.com"; raise ValueError if malformed."""
    if re.search(r"[\r\n\x00-\x1f\x7f]", value):
        raise ValueError("must not contain line breaks or control characters")
    parsed = getaddresses([value])
    if len(parsed) != 1:
        raise ValueError(f"{value!r} must be exactly one email address")
    name, email = parsed[0]
    if not email or not is_valid_email(email):
        raise ValueError(f"{value!r} is not a valid email address")
    username, domain = email.rsplit("@", 1)
    return Address(display_name=name, username=username, domain=domain)


def clean_name(name: str | None) -> str | None:
    """A display name with control characters and surrounding space removed."""
    if name is None:
        return None
    name = re.sub(r"[\x00-\x1f\x7f]+", " ", name).strip()
    return name or None


def load_recipients(
    inline: Iterable[tuple[str, str | None]], csv_path: Path | None
) -> tuple[list[Recipient], list[str]]:
    """All recipients from the config list and the CSV file, de-duplicated case-insensitively.

    Returns the recipients and one problem line per row that was skipped.
    """
    recipients: list[Recipient] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(email: str, name: str | None, fields: dict[str, str], where: str) -> None:
        email = email.strip()
        if not is_valid_email(email):
            problems.append(f"{where}: {email!r} is not a valid email address; skipped")
            return
        if email.lower() in seen:
            return
        seen.add(email.lower())
        recipients.append(Recipient(email=email, name=clean_name(name), fields=fields))

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
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
            if "email" not in fieldnames:
                raise ConfigError(f"{path}: recipients file needs an 'email' column")
            reader.fieldnames = fieldnames
            for row in reader:
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
    except FileNotFoundError:
        raise ConfigError(f"{path}: recipients file not found") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"{path}: cannot read recipients file: {exc}") from None
