import subprocess
import sys

import pytest
import yaml

from digest.app.opml import read_opml
from digest.config import load_settings
from digest.core.errors import UsageError

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="World">
    <outline text="Wire" type="rss" xmlUrl="https://wire.example.com/rss"/>
    <outline title="Daily" text="ignored" xmlUrl="https://daily.example.org/atom"/>
  </outline>
  <outline text="Blog" xmlUrl="https://blog.example.net/feed.json"/>
  <outline text="Blog" xmlUrl="https://blog.example.net/other.xml"/>
  <outline text="A folder without feeds"/>
</body></opml>
"""


def test_read_opml(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text(OPML, encoding="utf-8")
    assert read_opml(path) == [
        {"name": "Wire", "type": "feed", "url": "https://wire.example.com/rss", "section": "World"},
        {"name": "Daily", "type": "feed", "url": "https://daily.example.org/atom",
         "section": "World"},
        {"name": "Blog", "type": "feed", "url": "https://blog.example.net/feed.json"},
        {"name": "Blog (2)", "type": "feed", "url": "https://blog.example.net/other.xml"},
    ]


def test_not_opml(tmp_path):
    path = tmp_path / "feeds.opml"
    path.write_text("<opml><body><outline", encoding="utf-8")
    with pytest.raises(UsageError, match="not valid OPML"):
        read_opml(path)


def test_cli_prints_config_yaml(tmp_path, write_config):
    path = tmp_path / "feeds.opml"
    path.write_text(OPML, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "digest", "sources", "import", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    sources = yaml.safe_load(result.stdout)["sources"]
    assert len(sources) == 4
    config = write_config("newsletter:\n  from: a@example.com\n" + result.stdout)
    assert [s.name for s in load_settings(config).sources][-1] == "Blog (2)"
