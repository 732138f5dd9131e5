"""A realistic digest for rendering, size and deliverability tests and the render benchmark.

The stories are real news (fixtures/digest/stories.json): titles, long URLs, leads, two key
quotes with speakers and roles, lead images. A larger digest repeats them with new URLs.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest.config import Newsletter
from digest.core.models import Digest, Quote, Section, Story, Summary

STORIES = Path(__file__).resolve().parent / "fixtures" / "digest" / "stories.json"
SECTIONS = ("World", "Politics", "Business", "Science", "Culture")
DATE = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)

NEWSLETTER = Newsletter.model_validate({
    "title": "Morning Digest",
    "from": "Morning Digest <digest@example.com>",
    "reply_to": "editor@example.com",
    "unsubscribe_url": "https://example.com/unsubscribe?list=morning&reader={email}&token={token}",
    "unsubscribe_secret": "a-sample-secret-for-tests",
    "web_version_url": "https://example.com/digest/2026-11-28",
    "postal_address": "Example Newsroom, 1 Sample Street, 10115 Berlin, Germany",
    "reason": 'You receive this because you signed up at <a href="https://example.com">'
              "example.com</a>.",
})


def sample_summaries(count: int = 40, images: bool = True) -> list[Summary]:
    """`count` summaries of real stories, newest first, every seventh one merged."""
    data = json.loads(STORIES.read_text(encoding="utf-8"))
    summaries = []
    for index in range(count):
        item = data[index % len(data)]
        round_ = index // len(data)
        url = item["url"] + (f"?edition={round_}" if round_ else "")
        story = Story(
            id=f"story-{index}", source=item["source"], title=item["title"], url=url,
            published=DATE - timedelta(minutes=23 * index), paragraphs=(item["lead"],),
            image=item["image"] if images else None,
        )
        summaries.append(Summary(
            story=story, lead=item["lead"], quotes=tuple(Quote(**q) for q in item["quotes"]),
            also_in=("reuters.com", "apnews.com") if index % 7 == 3 else (),
        ))
    return summaries


def sample_digest(count: int = 40, images: bool = True) -> Digest:
    """A digest of `count` stories in five sections, as a `section:` on sources makes them."""
    groups: dict[str, list[Summary]] = {name: [] for name in SECTIONS}
    for index, summary in enumerate(sample_summaries(count, images)):
        groups[SECTIONS[index % len(SECTIONS)]].append(summary)
    return Digest(
        title=NEWSLETTER.title, date=DATE,
        sections=tuple(Section(name, tuple(items)) for name, items in groups.items() if items),
    )


# Each payload, if it reached the email as markup, would set window.pwned (or add a header).
HOSTILE_SUMMARIES = (
    Summary(
        story=Story(
            id="hostile-1", source="Evil\r\nSource", published=DATE,
            title="Breaking\r\nBcc: victim@example.com\r\n<script>window.pwned=1</script>",
            url="javascript:window.pwned=2", paragraphs=(),
            image='https://127.0.0.1/x.png" onerror="window.pwned=3',
        ),
        lead='<a href="javascript:window.pwned=4">click</a> <svg onload="window.pwned=5"></svg>'
             " & <style>body{display:none}</style> <!--digest:greeting--> <!--digest:unsubscribe-->"
             " done",
        quotes=(Quote("</mj-text></mj-column></mj-section><mj-raw><script>window.pwned=6"
                      "</script></mj-raw>", '<b onmouseover="window.pwned=7">Mallory</b>',
                      "role\nX-Injected: yes"),),
        also_in=("<script>window.pwned=8</script>",),
    ),
    Summary(
        story=Story(
            id="hostile-2", source="Evil", published=DATE,
            title='<img src=x onerror="window.pwned=9">Photo\x00\x1b[31m of the day',
            url=" JaVaScRiPt:window.pwned=10", paragraphs=(), image="data:image/png;base64,AAAA",
        ),
        lead="Plain lead <!--digest:gree<!--digest:greeting-->ting--> <!--digest:unsub"
             "<!--digest:greeting-->scribe--> here.",
        quotes=(),
    ),
    Summary(
        story=Story(
            id="hostile-3", source="Evil", published=DATE, title="Protocol-relative link",
            url="//evil.example/x", paragraphs=(), image=None,
        ),
        lead='<iframe src="https://evil.example/"></iframe><form action="https://evil.example">',
        quotes=(),
    ),
)


def hostile_digest() -> Digest:
    """Stories made to break out of the template; the section title tries too."""
    return Digest(
        title=NEWSLETTER.title, date=DATE,
        sections=(Section("</mj-section><mj-raw><script>window.pwned=11</script></mj-raw>",
                          HOSTILE_SUMMARIES),
                  Section("Fine", tuple(sample_summaries(2, images=False)))),
    )
