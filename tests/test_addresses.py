import pytest

from digest.addresses import is_valid_email, load_recipients, parse_address
from digest.errors import ConfigError


@pytest.mark.parametrize("email", ["a@example.com", "first.last+tag@sub.example.org"])
def test_valid(email):
    assert is_valid_email(email)


@pytest.mark.parametrize("email", ["", "a", "a@b", "a@@b.com", "a b@c.com", "a@b..com", ".a@b.com",
                                   "a@b.com\r\nBcc: c@d.com"])
def test_invalid(email):
    assert not is_valid_email(email)


def test_parse_address_with_name():
    address = parse_address("The Editor <ed@example.com>")
    assert (address.display_name, address.addr_spec) == ("The Editor", "ed@example.com")
    with pytest.raises(ValueError):
        parse_address("Evil <a@example.com>\nBcc: b@example.com")


def test_recipients_merge_dedupe_and_report_bad_rows(tmp_path):
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("Email,Name,City\nA@Example.com,Ann,Oslo\nbroken,Bob,Rome\n"
                        "c@example.com,,Lima\n", encoding="utf-8")
    recipients, problems = load_recipients([("a@example.com", None), ("d@example.com", "D")],
                                           csv_path)
    assert [r.email for r in recipients] == ["a@example.com", "d@example.com", "c@example.com"]
    assert recipients[2].fields == {"city": "Lima"}
    assert problems == [f"{csv_path}:3: 'broken' is not a valid email address; skipped"]


def test_recipients_file_needs_email_column(tmp_path):
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("name\nAnn\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs an 'email' column"):
        load_recipients([], csv_path)
