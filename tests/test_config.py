from datetime import timedelta

import pytest

from digest.config import load_settings, parse_duration
from digest.core.errors import ConfigError

MINIMAL = """
newsletter:
  title: Test
  from: Test <news@example.com>
"""


def test_default_config_loads(settings):
    assert settings.newsletter.title == "Morning Digest"
    assert settings.sources[0].type == "files"
    assert settings.delivery.backend == "file"
    assert settings.path(settings.state.path).is_absolute()


def test_settings_are_frozen(settings):
    with pytest.raises(Exception, match="frozen"):
        settings.newsletter.title = "x"  # type: ignore[misc]


def test_env_interpolation(write_config, monkeypatch):
    monkeypatch.setenv("DIGEST_TEST_TITLE", "From Env")
    path = write_config(MINIMAL.replace("title: Test", "title: ${DIGEST_TEST_TITLE}"))
    assert load_settings(path).newsletter.title == "From Env"


def test_env_default_and_missing(write_config, monkeypatch):
    monkeypatch.delenv("DIGEST_NOT_SET", raising=False)
    path = write_config(MINIMAL.replace("title: Test", "title: ${DIGEST_NOT_SET:-Fallback}"))
    assert load_settings(path).newsletter.title == "Fallback"
    path = write_config(MINIMAL.replace("title: Test", "title: ${DIGEST_NOT_SET}"))
    with pytest.raises(ConfigError, match=r"newsletter\.title: environment variable DIGEST_NOT"):
        load_settings(path)


def test_unknown_key_names_key_and_line(write_config):
    path = write_config(MINIMAL + "delivery:\n  backend: file\n  outbx: x\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}:7: delivery.outbx: unknown key (check its spelling)"


def test_every_problem_is_reported(write_config):
    path = write_config(
        """
        newsletter:
          from: not-an-address
        window: soon
        schedule:
          timezone: Mars/Olympus
        """
    )
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    text = "\n".join(info.value.problems)
    assert "newsletter.title" not in text  # has a default
    assert "newsletter.from" in text and "not a valid email address" in text
    assert "window" in text and "not a duration" in text
    assert "schedule.timezone" in text and "IANA" in text
    assert len(info.value.problems) == 3


def test_invalid_yaml_gives_line(write_config):
    path = write_config("newsletter:\n  title: [unclosed\n")
    with pytest.raises(ConfigError, match=rf"^{path}:\d+: invalid YAML"):
        load_settings(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(tmp_path / "nope.yaml")


def test_source_options_checked_by_type(write_config):
    path = write_config(
        MINIMAL + "sources:\n  - name: a\n    type: files\n  - name: b\n    type: telepathy\n"
    )
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    problems = info.value.problems
    assert any("sources.0.path: is required" in p for p in problems)
    assert any("sources.1.type: unknown source type 'telepathy'" in p for p in problems)


def test_header_fields_reject_line_breaks(write_config):
    path = write_config('newsletter:\n  title: "Evil\\r\\nBcc: x@example.com"\n'
                        "  from: a@example.com\n")
    with pytest.raises(ConfigError, match="line breaks"):
        load_settings(path)


def test_a_number_where_header_text_is_expected_is_one_problem_per_key(write_config):
    path = write_config("newsletter:\n  title: 5\n  from: 7\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert info.value.problems == [
        f"{path}:2: newsletter.title: Input should be a valid string",
        f"{path}:3: newsletter.from: Input should be a valid string",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30m", timedelta(minutes=30)), ("24h", timedelta(hours=24)), ("7d", timedelta(days=7)),
     (90, timedelta(seconds=90))],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


def test_unsubscribe_links_with_placeholders_and_a_secret_from_the_environment(
        write_config, monkeypatch):
    monkeypatch.setenv("DIGEST_TEST_SECRET", "s3cret-unsubscribe-key")
    path = write_config(MINIMAL + "  unsubscribe_url: https://e.com/u?reader={email}&t={token}\n"
                        "  unsubscribe_mailto: leave+{token}@e.com\n"
                        "  unsubscribe_secret: ${DIGEST_TEST_SECRET}\n")
    settings = load_settings(path)
    assert settings.newsletter.unsubscribe_secret.get_secret_value() == "s3cret-unsubscribe-key"
    assert "s3cret-unsubscribe-key" not in repr(settings)


@pytest.mark.parametrize(("lines", "problem"), [
    ("  unsubscribe_url: https://e.com/u?reader={mail}\n",
     r":5: newsletter\.unsubscribe_url: unknown placeholder \{mail\}; use \{email\} or \{token\}"),
    ("  unsubscribe_mailto: leave+{Email}@e.com\n",
     r":5: newsletter\.unsubscribe_mailto: unknown placeholder \{Email\}"),
    ("  unsubscribe_url: https://e.com/u?t={token}\n",
     r":5: newsletter\.unsubscribe_url: \{token\} needs newsletter\.unsubscribe_secret"),
    ("  unsubscribe_mailto: leave+{token}@e.com\n",
     r":5: newsletter\.unsubscribe_mailto: \{token\} needs newsletter\.unsubscribe_secret"),
    ("  unsubscribe_url: https://e.com/u?t={token}\n  unsubscribe_secret: short\n",
     r":6: newsletter\.unsubscribe_secret: must be at least 16 characters"),
    ("  unsubscribe_url: https://e.com/u?x={email\n",
     r"newsletter\.unsubscribe_url: a \{ or \} outside a placeholder"),
    ("  unsubscribe_url: /unsubscribe?reader={email}\n",
     r"newsletter\.unsubscribe_url: must be an absolute http\(s\) URL"),
    ('  unsubscribe_url: "https://e.com/u?x={email}>, <https://evil.example"\n',
     r"newsletter\.unsubscribe_url: must be an absolute http\(s\) URL"),
    ('  unsubscribe_url: "https://e.com/u?x={email}\\r\\nBcc: a@e.com"\n',
     r"newsletter\.unsubscribe_url: must not contain line breaks"),
    ("  unsubscribe_url: https://e.com/désinscription?x={email}\n",
     r"newsletter\.unsubscribe_url: must be ASCII"),
    ("  unsubscribe_mailto: https://e.com/u\n",
     r"newsletter\.unsubscribe_mailto: must be an address such as"),
    ("  base_url: https://news.example.com\n",
     r":5: newsletter\.base_url: needs newsletter\.unsubscribe_secret"),
    ("  unsubscribe_secret: 0123456789abcdef\n  base_url: news.example.com\n",
     r":6: newsletter\.base_url: must be an absolute http\(s\) URL"),
    ("  unsubscribe_secret: 0123456789abcdef\n  base_url: https://n.example/?next=//evil\n",
     r"newsletter\.base_url: must be an absolute http\(s\) URL"),
])
def test_unsubscribe_link_mistakes_are_config_errors_naming_the_key(write_config, lines,
                                                                    problem):
    with pytest.raises(ConfigError, match=problem):
        load_settings(write_config(MINIMAL + lines))
