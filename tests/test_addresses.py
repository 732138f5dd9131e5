import pytest

from digest.core.errors import ConfigError
from digest.delivery.addresses import load_recipients, normalize_email, parse_address


@pytest.mark.parametrize(("email", "sent_as"), [
    ("a@example.com", "a@example.com"),
    ("first.last+tag@sub.example.org", "first.last+tag@sub.example.org"),
    ("Ann@Example.COM", "Ann@example.com"),
    ("lena@bücher.example", "lena@xn--bcher-kva.example"),
    ("lena@xn--bcher-kva.example", "lena@xn--bcher-kva.example"),
    ("team@mail.corp.local", "team@mail.corp.local"),
    ("me@mail.localhost", "me@mail.localhost"),
    ("reader@example.test", "reader@example.test"),
])
def test_valid(email, sent_as):
    assert normalize_email(email) == sent_as


@pytest.mark.parametrize(("email", "reason"), [
    ("", "must have an @-sign"),
    ("a", "must have an @-sign"),
    ("a@b", "should have a period"),
    ("a@@b.com", "invalid characters: '@'"),
    ("a b@c.com", "invalid characters before the @-sign: SPACE"),
    ("a@b..com", "two periods in a row"),
    (".a@b.com", "cannot start with a period"),
    ("a@b.com.", "cannot end with a period"),
    ("a@host.invalid", "special-use or reserved name"),
    ("a@hidden.onion", "special-use or reserved name"),
    ("jörg@bücher.example", "needs SMTPUTF8"),
])
def test_invalid(email, reason):
    with pytest.raises(ValueError, match="^'.*'.*" + reason.replace(".", r"\.")) as caught:
        normalize_email(email)
    assert "\n" not in str(caught.value)


def test_parse_address_with_name():
    address = parse_address("The Editor <ed@example.com>")
    assert (address.display_name, address.addr_spec) == ("The Editor", "ed@example.com")
    with pytest.raises(ValueError, match="line breaks"):
        parse_address("Evil <a@example.com>\nBcc: b@example.com")
    with pytest.raises(ValueError, match="line breaks"):
        parse_address("a@b.com\r\nBcc: c@d.com")


@pytest.mark.parametrize(("value", "name", "sent_as"), [
    ('"Doe, Jane" <jane@example.com>', "Doe, Jane", "jane@example.com"),
    ('"Ann \\"Nan\\" Lee" <ann@example.com>', 'Ann "Nan" Lee', "ann@example.com"),
    ("J. R. Smith <jrs@example.org>", "J. R. Smith", "jrs@example.org"),
    ("Jörg Müller <jm@bücher.example>", "Jörg Müller", "jm@xn--bcher-kva.example"),
    ("<bare@example.com>", "", "bare@example.com"),
])
def test_parse_address_display_names(value, name, sent_as):
    address = parse_address(value)
    assert (address.display_name, address.addr_spec) == (name, sent_as)


@pytest.mark.parametrize("value", ["Doe, Jane <jane@example.com>", "a@example.com, b@example.com",
                                   "Ann <a@example.com> trailing"])
def test_parse_address_refuses_more_than_one(value):
    with pytest.raises(ValueError, match="exactly one email address"):
        parse_address(value)


def test_recipients_merge_dedupe_and_report_bad_rows(tmp_path):
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("Email,Name,City\nA@Example.com,Ann,Oslo\nbroken,Bob,Rome\n"
                        "c@example.com,,Lima\n", encoding="utf-8")
    recipients, problems = load_recipients([("a@example.com", None), ("d@example.com", "D")],
                                           csv_path)
    assert [r.email for r in recipients] == ["a@example.com", "d@example.com", "c@example.com"]
    assert recipients[2].fields == {"city": "Lima"}
    assert problems == [f"{csv_path}:3: 'broken' is not a valid email address: "
                        "an email address must have an @-sign; skipped"]


def test_recipients_take_names_from_name_and_address_forms(tmp_path):
    csv_path = tmp_path / "people.csv"
    csv_path.write_text('email,name\n"Eva Nowak <eva@bücher.example>",\n'
                        '"Old Name <otto@example.com>",Otto\njörg@example.com,Jörg\n',
                        encoding="utf-8")
    recipients, problems = load_recipients([("Ines Roth <ines@example.com>", None),
                                            ("EVA@XN--BCHER-KVA.EXAMPLE", None)], csv_path)
    assert [(r.email, r.name) for r in recipients] == [
        ("ines@example.com", "Ines Roth"),
        ("EVA@xn--bcher-kva.example", None),
        ("otto@example.com", "Otto"),
    ]
    assert len(problems) == 1
    assert problems[0].startswith(f"{csv_path}:4: 'jörg@example.com': an address with non-ASCII")


def test_recipients_file_needs_email_column(tmp_path):
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("name\nAnn\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs an 'email' column"):
        load_recipients([], csv_path)
