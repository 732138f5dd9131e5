"""Which sources have the extractor loaded before the worker processes start: those that
surely extract pages. Loaded once here, it is shared by every process; left to the work,
each process would load it again on its first page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from digest.app.collect import surely_needed
from digest.sources.feed import FeedOptions, FeedSource
from digest.sources.page import EXTRACTOR, PageOptions, PageSource

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
URL = "http://news.example/"


def test_page_sources_and_feeds_that_fetch_every_page_load_the_extractor_up_front(tmp_path):
    page = PageSource("page", PageOptions(url=URL), tmp_path)
    always = FeedSource("always", FeedOptions(url=URL + "a.rss", full_text="always"), tmp_path)
    assert surely_needed([page], {}) == sorted(EXTRACTOR)
    assert surely_needed([always], {}) == sorted({"digest.fetch.feeds", *EXTRACTOR})


def test_feeds_whose_pages_may_not_be_fetched_leave_the_extractor_to_the_work(tmp_path):
    """With `auto`, only a teaser's page is fetched, which the parse tells; with `never`,
    none; a feed that may answer 304 loads nothing up front."""
    auto = FeedSource("auto", FeedOptions(url=URL + "b.rss"), tmp_path)
    never = FeedSource("never", FeedOptions(url=URL + "c.rss", full_text="never"), tmp_path)
    always = FeedSource("always", FeedOptions(url=URL + "a.rss", full_text="always"), tmp_path)
    assert surely_needed([auto, never], {}) == ["digest.fetch.feeds"]
    assert surely_needed([always], {URL + "a.rss": ('"v1"', None)}) == []


def test_after_the_modules_named_a_page_loads_nothing_more_of_the_extractor():
    """The list is complete: with its modules loaded (a fresh interpreter), extracting real
    pages loads no module of the libraries they bring (at most a piece of the standard
    library, such as `_strptime`)."""
    code = (
        "import gzip, importlib, sys\n"
        "from pathlib import Path\n"
        "from digest.sources.page import EXTRACTOR, page_article\n"
        "for module in EXTRACTOR:\n    importlib.import_module(module)\n"
        "before = set(sys.modules)\n"
        f"for path in sorted(Path({str(FIXTURES)!r}).glob('*.html.gz')):\n"
        "    page_article(gzip.decompress(path.read_bytes()), 'https://news.example/a', None)\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    later = result.stdout.split()
    assert not [m for m in later if m.split(".")[0] in {"digest", "lxml", "trafilatura",
                                                        "htmldate", "justext", "courlan"}]
    assert all(m in sys.stdlib_module_names for m in later), later
