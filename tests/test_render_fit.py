"""Measuring before fitting: the probe stops rendering stories in full once they cannot be."""

import re
from dataclasses import replace

import jinja2
import pytest

import digest.render.renderer as renderer_module
from digest.core.models import Section
from digest.core.sanitize import GREETING_SLOT, clean_line
from digest.render.fit import Sizes
from digest.render.probe import InFull, Output, probe
from digest.render.renderer import Renderer

from .sample_digest import NEWSLETTER, hostile_digest, sample_digest, sample_summaries

# One story in full is its title and its quotes; a link is its title again.
TEMPLATE = jinja2.Environment().from_string(
    "head|{% for section in digest.sections %}[{% for summary in section.summaries %}"
    "{{ summary.story.title }}{% for quote in summary.quotes %}<{{ quote.text }}>{% endfor %}"
    "{% endfor %}]{% endfor %}|{% for summary in more %}({{ summary.story.title }}){% endfor %}"
)


def measured(count: int, limit: int, cap: int) -> tuple[Sizes, InFull]:
    output = Output()
    probed, links, story_loops, quote_loops, in_full = probe(sample_digest(count), output,
                                                              limit, cap)
    output.read(TEMPLATE.root_render_func(TEMPLATE.new_context({"digest": probed,
                                                                 "more": links})))
    return Sizes.measured(output, links, story_loops, quote_loops, in_full), in_full


def test_stories_past_the_limit_without_their_quotes_are_not_rendered_in_full():
    digest = sample_digest(30)
    titles = [len(s.story.title) for s in digest.summaries]
    limit = sum(titles[:7])  # seven titles reach it; the eighth passes it
    sizes, in_full = measured(30, limit, cap=5)
    assert in_full.passed and sizes.cut == in_full.stories == 8
    assert sizes.stories[8:] == [0] * 22 and all(sizes.stories[:8])
    assert sizes.quotes[8:] == [0] * 22  # quotes do not count towards the limit
    assert sizes.links[:13] == [len(s.story.title.encode()) + 2 for s in digest.summaries[:13]]
    assert sizes.links[13:] == [0] * 17  # at most `cap` links after the last in full
    head = sizes.head(13)
    assert len(head.stories) == len(head.links) == 13 and head.total == sizes.total
    # Every layout from `start` on shows only the measured stories in full.
    assert head.start() == len(head.quoted) + 13 - 8 and head.shown(head.start()) == 8


def test_the_head_of_the_sizes_leaves_out_what_the_rest_added():
    sizes = Sizes(100, [10, 10, 10], [0, 0, 0], [5, 5, 5], [], [0, 2], cut=1)
    head = sizes.head(2)
    assert (head.total, head.stories, head.links, head.sections) == (85, [10, 10], [5, 5], [0])


def test_no_cut_while_the_stories_stay_within_the_limit():
    sizes, in_full = measured(10, 10**6, cap=5)
    assert not in_full.passed and sizes.cut is None and sizes.start() == 0
    assert all(sizes.stories) and all(sizes.links)


def test_sizes_are_bytes_of_utf8():
    digest = sample_digest(2)
    sizes, _ = measured(2, 10**6, cap=5)
    assert sizes.quotes == [sum(len(f"<{q.text}>".encode()) for q in s.quotes)
                            for s in digest.summaries]
    assert sizes.quotes != [sum(len(q.text) + 2 for q in s.quotes) for s in digest.summaries]


@pytest.mark.parametrize("count", [80, 150, 320, 1000])
@pytest.mark.parametrize("images", [True, False])
def test_stopping_the_probe_changes_no_email(count, images, monkeypatch):
    """The same email as a probe that renders every reachable story in full and as a link."""
    digest = sample_digest(count, images=images)
    stopped = Renderer.create().render(digest, NEWSLETTER)
    monkeypatch.setattr(renderer_module, "probe",
                        lambda digest, output, limit: probe(digest, output, 10**9))
    assert Renderer.create().render(digest, NEWSLETTER) == stopped


def test_a_long_digest_shows_its_first_stories_cleaned_once_measured():
    """The stories measured first, to tell which ones any layout reaches, are cleaned once
    and shown as cleaned; the intro counts the sources as cleaned."""
    hostile = hostile_digest().sections[0]
    digest = replace(sample_digest(1), sections=(
        hostile, Section("Fine", tuple(sample_summaries(300)))))
    email = Renderer.create().render(digest, NEWSLETTER)
    assert "More stories" in email.html
    assert "Breaking Bcc: victim@example.com" in email.html
    assert not re.search(r"(href|src)=\"\s*javascript", email.html, re.I)
    assert "<script" not in email.html and "onerror=\"" not in email.html
    assert email.html.count(GREETING_SLOT) == 1
    sources = {clean_line(s.story.source) for s in digest.summaries}
    assert f"{len(digest.summaries)} stories from {len(sources)} sources" in email.text


SECTIONS = "{% for section in digest.sections %}"
REVERSED = (SECTIONS, "{% for section in digest.sections | reverse %}")
LINKS_FIRST = (SECTIONS, "{% for summary in more_stories %}<mj-raw><p>{{ summary.story.title }}"
                         "</p></mj-raw>{% endfor %}\n" + SECTIONS)


@pytest.mark.parametrize("change", [REVERSED, LINKS_FIRST], ids=["reversed", "links-first"])
def test_a_template_in_another_order_gets_the_same_email_as_without_the_cut(
        change, tmp_path, monkeypatch):
    """Sections shown last first: the probe is not cut. Links before the stories: all are
    measured, and those the cut leaves out are taken out of the total with them."""
    packaged = renderer_module.packaged_templates() / "digest.mjml.j2"
    source = packaged.read_text(encoding="utf-8")
    assert change[0] in source
    (tmp_path / "digest.mjml.j2").write_text(source.replace(change[0], change[1], 1),
                                             encoding="utf-8")
    digest = sample_digest(100)
    stopped = Renderer.create(tmp_path, budget=50_000).render(digest, NEWSLETTER)
    assert "More stories" in stopped.html
    monkeypatch.setattr(renderer_module, "probe",
                        lambda digest, output, limit: probe(digest, output, 10**9))
    assert Renderer.create(tmp_path, budget=50_000).render(digest, NEWSLETTER) == stopped
