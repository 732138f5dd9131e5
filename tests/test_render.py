from datetime import UTC, datetime

import pytest

from digest.config import Newsletter
from digest.errors import RenderError
from digest.models import Digest, Quote, Section, Story, Summary
from digest.render import Renderer, intro, safe_url, wrap

NEWSLETTER = Newsletter.model_validate({"title": "Test Daily", "from": "news@example.com",
                                        "postal_address": "1 Sample Street"})
DATE = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)


def summary(title="A title", lead="The lead.", url="https://example.com/a", quotes=()):
    story = Story(id=title, source="Example", title=title, url=url, published=DATE,
                  paragraphs=(lead,))
    return Summary(story=story, lead=lead, quotes=tuple(quotes))


def digest_of(*summaries, sections=1):
    groups = [Section(f"Section {i}", tuple(summaries)) for i in range(sections)]
    return Digest(title="Test Daily", date=DATE, sections=tuple(groups))


def test_renders_story_with_quote():
    quote = Quote("We will continue to work as usual.", "Chun Hae Sung", "vice minister")
    email = Renderer.create().render(digest_of(summary(quotes=[quote])), NEWSLETTER)
    assert email.subject == "Test Daily — Saturday, 28 November 2026"
    assert email.preheader == "A title"
    assert '<html lang="en"' in email.html
    assert 'href="https://example.com/a"' in email.html
    assert "Chun Hae Sung, vice minister" in email.html
    assert "1 story from 1 source" in email.html
    assert "We will continue to work as usual." in email.text
    assert "Read more: https://example.com/a" in email.text
    assert "1 Sample Street" in email.text


def test_story_content_is_escaped_and_unsafe_links_dropped():
    hostile = summary(
        title='<script>alert(1)</script><img src=x onerror="alert(2)">',
        lead='<a href="javascript:alert(3)">click</a> & more',
        url="javascript:alert(4)",
        quotes=[Quote('"><script>alert(5)</script>', "<b>Mallory</b>")],
    )
    html = Renderer.create().render(digest_of(hostile), NEWSLETTER).html
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>Mallory" not in html
    assert "javascript:" not in html.replace("&lt;a href=&#34;javascript:", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.com/x?a=1", "https://example.com/x?a=1"), ("javascript:alert(1)", None),
     ("/relative", None), ("http://", None), ('https://e.com/"onmouseover=x', None), (None, None)],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_text_part_is_wrapped():
    lead = "word " * 60
    text = Renderer.create().render(digest_of(summary(lead=lead.strip())), NEWSLETTER).text
    assert max(len(line) for line in text.splitlines()) <= 78
    assert wrap("a " * 50, width=20).count("\n") >= 4


def test_sections_get_headings_only_when_several():
    one = Renderer.create().render(digest_of(summary()), NEWSLETTER)
    two = Renderer.create().render(digest_of(summary(), sections=2), NEWSLETTER)
    assert "Section 0" not in one.html
    assert "Section 0" in two.html and "== SECTION 1 ==" in two.text


def test_user_templates_override_packaged(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "story.mjml.j2").write_text(
        "<mj-text>CUSTOM {{ summary.story.title }}</mj-text>\n", encoding="utf-8")
    email = Renderer.create(tmp_path).render(digest_of(summary()), NEWSLETTER)
    assert "CUSTOM A title" in email.html
    assert "Test Daily" in email.html  # the rest still comes from the packaged templates


def test_template_error_names_template_and_line(tmp_path):
    (tmp_path / "digest.txt.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"digest\.txt\.j2:2:"):
        Renderer.create(tmp_path).render(digest_of(summary()), NEWSLETTER)


def test_bad_mjml_is_a_render_error(tmp_path):
    (tmp_path / "digest.mjml.j2").write_text("<mjml><mj-body><mj-text>", encoding="utf-8")
    with pytest.raises(RenderError, match="made invalid MJML"):
        Renderer.create(tmp_path).render(digest_of(summary()), NEWSLETTER)


def test_intro():
    assert intro(1, 1) == "1 story from 1 source"
    assert intro(12, 5) == "12 stories from 5 sources"
