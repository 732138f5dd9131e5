import random
import re
import textwrap
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes, policy
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from pydantic import ValidationError

from digest.config import Newsletter
from digest.core.errors import RenderError
from digest.core.models import Digest, Quote, Recipient, Section, Story, Summary
from digest.core.sanitize import (
    GREETING_SLOT,
    UNSUBSCRIBE_SLOT,
    clean_quote,
    html_as_text,
    safe_html,
    safe_url,
)
from digest.delivery.personalize import personalized
from digest.delivery.unsubscribe import Unsubscribe, unsubscribe_token
from digest.render.layouts import MORE_STORIES
from digest.render.mjml_check import TagCheck
from digest.render.renderer import HTML_BUDGET, Renderer, intro, wrap

from .messages import build_message
from .sample_digest import DATE, NEWSLETTER, hostile_digest, sample_digest, sample_summaries

GMAIL_CLIPS_AT = 102 * 1000
MJML_TAGS = {
    "mjml", "mj-head", "mj-title", "mj-preview", "mj-raw", "mj-attributes", "mj-all",
    "mj-style", "mj-body", "mj-section", "mj-column", "mj-text", "mj-image", "mj-button",
    "mj-divider", "mj-spacer", "mj-wrapper", "mj-group", "mj-font", "mj-breakpoint", "mj-class",
}


def summary(title="A title", lead="The lead.", url="https://example.com/a", quotes=()):
    story = Story(id=title, source="Example", title=title, url=url, published=DATE,
                  paragraphs=(lead,))
    return Summary(story=story, lead=lead, quotes=tuple(quotes))


def digest_of(*summaries, sections=1):
    groups = [Section(f"Section {i}", tuple(summaries)) for i in range(sections)]
    return Digest(title="Test Daily", date=DATE, sections=tuple(groups))


def newsletter(**extra):
    return Newsletter.model_validate({"title": "Test Daily", "from": "news@example.com",
                                      "postal_address": "1 Sample Street", **extra})


class Elements(HTMLParser):
    """Every element of an HTML document, with its attributes, and the document's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def tags(self, name):
        return [attrs for tag, attrs in self.elements if tag == name]


def test_renders_story_with_quote():
    quote = Quote("We will continue to work as usual.", "Chun Hae Sung", "vice minister")
    email = Renderer.create().render(digest_of(summary(quotes=[quote])), newsletter())
    assert email.subject == "Test Daily — Saturday, 28 November 2026"
    assert email.preheader == "A title"
    assert '<html lang="en"' in email.html
    assert 'href="https://example.com/a"' in email.html
    assert "Chun Hae Sung, vice minister" in email.html
    assert "1 story from 1 source" in email.html
    assert "We will continue to work as usual." in email.text
    assert "Read more: https://example.com/a" in email.text
    assert "1 Sample Street" in email.text


def test_forty_real_stories_fit_under_gmails_clipping_limit_in_full():
    digest = sample_digest(40)
    email = Renderer.create().render(digest, NEWSLETTER)
    assert len(email.html.encode()) < GMAIL_CLIPS_AT
    assert "More stories" not in email.html
    quotes = sum(len(s.quotes) for s in digest.summaries)
    assert email.html.count("<blockquote") == quotes > 60
    images = {img["src"]: img["alt"] for img in Elements(email.html).tags("img")}
    for item in digest.summaries:
        assert images.get(item.story.image) == (item.story.title if item.story.image else None)
        assert f"Read more: {item.story.url}\n" in email.text


def test_lead_image_has_width_and_height_when_its_size_is_known():
    first, second = sample_summaries(2)
    digest = Digest(title=NEWSLETTER.title, date=DATE, sections=(Section("News", (
        replace(first, story=replace(first.story, image="https://i.example/wide.jpg",
                                     image_size=(1200, 675))),
        replace(second, story=replace(second.story, image="https://i.example/any.jpg",
                                      image_size=None)),
    )),))
    email = Renderer.create().render(digest, NEWSLETTER)
    images = {img["src"]: img for img in Elements(email.html).tags("img")}
    wide, unsized = images["https://i.example/wide.jpg"], images["https://i.example/any.jpg"]
    assert (wide["width"], wide["height"]) == ("552", "310")  # 675 * 552 / 1200 = 310.5
    assert unsized["width"] == "552" and "height" not in unsized
    assert "height:auto" in wide["style"].replace(" ", "")
    assert "width:100%" in wide["style"] and "width:auto" in unsized["style"]


def test_a_thumbnail_narrower_than_the_column_keeps_its_own_size():
    (first,) = sample_summaries(1)
    small = replace(first, story=replace(first.story, image="https://i.example/thumb.jpg",
                                         image_size=(140, 90)))
    digest = Digest(title=NEWSLETTER.title, date=DATE, sections=(Section("News", (small,)),))
    (image,) = Elements(Renderer.create().render(digest, NEWSLETTER).html).tags("img")
    assert (image["width"], image["height"]) == ("140", "90")
    assert "width:140px" in image["style"] and "max-width:100%" in image["style"]


def test_a_date_from_another_year_carries_its_year():
    this_year, last_year = sample_summaries(2)
    digest = Digest(title=NEWSLETTER.title, date=DATE, sections=(Section("News", (
        replace(this_year, story=replace(this_year.story, published=DATE - timedelta(hours=3))),
        replace(last_year, story=replace(last_year.story,
                                         published=DATE.replace(year=DATE.year - 1))),
    )),))
    text = Renderer.create().render(digest, NEWSLETTER).text
    assert f" {DATE.year - 1}, " in text
    assert f"{DATE.year}," not in text


def shown(quote: Quote) -> str:
    """A quote's text as the email shows it."""
    return clean_quote(quote).text


def test_a_digest_too_big_drops_quotes_last_story_first():
    digest = sample_digest(12)
    full = Renderer.create().render(digest, NEWSLETTER)
    email = Renderer.create(budget=len(full.html.encode()) - 1).render(digest, NEWSLETTER)
    assert len(email.html.encode()) < len(full.html.encode())
    quoted = [s for s in digest.summaries if s.quotes]
    for item in quoted[:-1]:
        assert all(shown(q).replace("'", "&#39;") in email.html for q in item.quotes)
    assert not any(shown(q).replace("'", "&#39;") in email.html for q in quoted[-1].quotes)
    assert "More stories" not in email.html


def test_a_digest_far_too_big_lists_the_last_stories_as_links_in_both_parts():
    digest = sample_digest(90)
    renderer = Renderer.create()
    email = renderer.render(digest, NEWSLETTER)
    assert renderer.budget - 4000 < len(email.html.encode()) <= renderer.budget
    assert email.html.count("<blockquote") == 0
    assert "More stories" in email.html and "== MORE STORIES ==" in email.text
    in_full = email.text.count("Read more: ")
    assert 20 < in_full < 90
    listed = email.text.split("== MORE STORIES ==")[1].splitlines()
    for index, item in enumerate(digest.summaries):
        # Digest order: the first stories stay in full, the rest become links.
        assert (item.story.url in listed) == (index >= in_full), index
        assert f'href="{item.story.url}"' in email.html


@pytest.fixture
def compiles(monkeypatch):
    """How many times each render compiles MJML (the real compiler, counted)."""
    import digest.render.renderer as renderer_module

    counted: list[int] = []
    real = renderer_module.mjml2html

    def counting(mjml: str) -> str:
        counted.append(1)
        return real(mjml)

    monkeypatch.setattr(renderer_module, "mjml2html", counting)
    return counted


@pytest.mark.parametrize("count", [1, 40, 57, 80, 92, 150, 320, 1000])
@pytest.mark.parametrize("images", [True, False])
def test_any_story_count_fits_in_at_most_two_compiles(count, images, compiles):
    """Sized by measurement: the fullest layout that fits, compiled once or twice, filled
    to within a story of the budget."""
    email = Renderer.create().render(sample_digest(count, images=images), NEWSLETTER)
    size = len(email.html.encode())
    assert size <= HTML_BUDGET
    assert len(compiles) <= 2
    if "More stories" in email.html:  # trimmed: it took about all the room there was
        assert size > HTML_BUDGET - 4000


def test_the_more_stories_list_is_capped_and_says_how_many_it_leaves_out():
    digest = sample_digest(320)
    email = Renderer.create().render(digest, NEWSLETTER)
    in_full = email.text.count("Read more: ")
    listed = email.text.split("== MORE STORIES ==")[1]
    links = [s for s in digest.summaries if s.story.url in listed.splitlines()]
    assert len(links) == MORE_STORIES
    assert links == list(digest.summaries[in_full:in_full + MORE_STORIES])
    left_out = len(digest.summaries) - in_full - MORE_STORIES
    assert f"… and {left_out} more stories, left out" in " ".join(listed.split())
    assert f"… and {left_out} more stories, left out" in email.html
    assert "320 stories from" in email.text  # the intro counts them all
    # The email names what it shows, so that what it left out is not recorded as sent.
    assert email.shown == tuple(s.story.id for s in digest.summaries[:in_full + MORE_STORIES])
    assert Renderer.create().render(sample_digest(3), NEWSLETTER).shown is None


def test_a_subject_sees_every_story_of_a_long_digest():
    """Stories no layout can show are not cleaned or measured, yet still counted."""
    newsletter = NEWSLETTER.model_copy(update={
        "subject": "{{ digest.summaries | length }} stories, first {{ "
                   "digest.summaries[0].story.source }}"})
    email = Renderer.create().render(sample_digest(320), newsletter)
    assert email.subject == "320 stories, first cbssports.com"


def test_a_template_showing_less_of_each_story_gets_every_story_that_fits(tmp_path):
    """Which stories no layout can reach is reckoned from the titles and leads; a template
    that shows neither is measured in full rather than cut short."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "story.mjml.j2").write_text(
        "<mj-raw><p>{{ summary.story.source }}</p></mj-raw>\n", encoding="utf-8")
    digest = sample_digest(2000)
    email = Renderer.create(tmp_path).render(digest, NEWSLETTER)
    assert len(email.html.encode()) <= HTML_BUDGET
    assert "More stories" not in email.html  # titles and leads would allow about 300
    assert email.text.count("Read more: ") == 2000


def test_text_part_carries_the_html_content_wrapped_with_links_written_out():
    digest = sample_digest(10)
    email = Renderer.create().render(digest, NEWSLETTER)
    long_lines = [line for line in email.text.splitlines() if len(line) > 78]
    assert all(re.fullmatch(r"(Read more: |Unsubscribe: |View in your browser: )?https://\S+",
                            line) for line in long_lines), long_lines
    flat = " ".join(email.text.split())
    for item in digest.summaries:
        for text in (item.story.title, item.lead, *(shown(q) for q in item.quotes),
                     *(q.speaker or "" for q in item.quotes)):
            assert " ".join(text.split()) in flat
    hrefs = {a["href"] for a in Elements(email.html).tags("a")}
    assert hrefs == {url for url in hrefs if url in email.text}
    assert "You receive this because you signed up at example.com <https://example.com>." in flat


def test_fast_wrap_matches_textwrap():
    words = [w * n for w in ("a", "longish", "https://example.com/x") for n in (1, 3)]
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        for width, indent in ((20, ""), (76, "  "), (8, "")):
            assert wrap(text, width, indent) == textwrap.fill(
                text, width, initial_indent=indent, subsequent_indent=indent,
                break_long_words=False, break_on_hyphens=False)


def test_nothing_from_a_hostile_story_reaches_the_message():
    email = Renderer.create().render(hostile_digest(), NEWSLETTER)
    news = NEWSLETTER.model_copy(update={"subject": "{{ digest.summaries[0].story.title }}"})
    email = replace(email, subject=Renderer.create().render(hostile_digest(), news).subject)
    raw = build_message(email, Recipient("ann@example.org", "Ann"), NEWSLETTER, DATE).as_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    headers = raw.split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in headers and b"X-Injected" not in headers
    assert message["Subject"].startswith("Breaking Bcc: victim@example.com")

    html = message.get_body(("html",)).get_content()
    page = Elements(html)
    assert not page.tags("script") and not page.tags("svg") and not page.tags("iframe")
    assert not page.tags("form") and not page.tags("b")
    assert len(page.tags("style")) == len(Elements(
        Renderer.create().render(sample_digest(2), NEWSLETTER).html).tags("style"))
    assert not [(tag, name) for tag, attrs in page.elements for name in attrs
                if name.startswith("on")]
    for tag, attrs in page.elements:
        for name in ("href", "src"):
            if name in attrs:
                assert re.match(r"(https?://[^/]|mailto:)", attrs[name]), (tag, attrs)
    shown = "".join(page.text)
    assert "<script>window.pwned=1</script>" in shown  # shown as text, not run
    for slot in (GREETING_SLOT, UNSUBSCRIBE_SLOT):
        assert email.html.count(slot) == 1 and email.text.count(slot) == 1
    text = message.get_body(("plain",)).get_content()
    assert html.count("Hello Ann,") == 1 and text.count("Hello Ann,") == 1
    link = Unsubscribe.of(NEWSLETTER, "ann@example.org").url
    assert html.count(f'href="{escape(link)}"') == 1 and text.count(link) == 1
    assert not re.search(r"^(Bcc|X-Injected):", text, re.M)
    assert "javascript" not in text.lower().replace('href="javascript:', "")
    assert "\x00" not in text and "\x1b" not in text


def test_footer_note_keeps_a_little_html_sanitized():
    news = newsletter(reason='Sent to <b>you</b> by <a href="https://e.com/" onclick="x()">us'
                             '</a><script>alert(1)</script> <a href="javascript:alert(2)">x</a>'
                             "<style>p{}</style>",
                      unsubscribe_mailto="leave@example.com")
    email = personalized(Renderer.create().render(digest_of(summary()), news), None, news)
    assert 'Sent to <b>you</b> by <a href="https://e.com/">us</a> <a>x</a>' in email.html
    assert "alert" not in email.html
    assert "Sent to you by us <https://e.com/> x" in email.text
    assert 'href="mailto:leave@example.com?subject=unsubscribe"' in email.html
    assert html_as_text(safe_html("a &amp; b<br>c")) == "a & b c"


def test_personalized_greeting_per_recipient_from_one_rendered_email():
    news = newsletter(greeting="Good morning{% if name %}, {{ name }}{% endif %}"
                               "{% if fields.team %} ({{ fields.team }}){% endif %}!")
    email = Renderer.create().render(digest_of(summary()), news)
    assert email.html.count(GREETING_SLOT) == 1 and email.text.count(GREETING_SLOT) == 1
    ann = personalized(email, Recipient("a@example.org", "Ann <b>", {"team": "Desk"}), news)
    assert "Good morning, Ann &lt;b&gt; (Desk)!<br>1 story from 1 source" in ann.html
    assert "Good morning, Ann <b> (Desk)!\n1 story from 1 source" in ann.text
    nobody = personalized(email, None, news)
    assert "<p style=\"margin:16px 0 0\">1 story from 1 source" in nobody.html
    assert GREETING_SLOT not in nobody.html + nobody.text
    message = build_message(email, Recipient("b@example.org", "Bo"), news, DATE)
    assert "Good morning, Bo!" in message.get_body(("plain",)).get_content()
    default = personalized(email, Recipient("c@example.org"), newsletter())
    assert "Hello" not in default.text and GREETING_SLOT not in default.text


SECRET = "a-secret-for-the-tests"


def test_each_recipient_gets_their_own_unsubscribe_link_in_both_parts():
    news = newsletter(unsubscribe_url="https://example.com/leave?list=daily&reader={email}"
                                      "&token={token}", unsubscribe_secret=SECRET)
    email = Renderer.create().render(digest_of(summary()), news)
    assert email.html.count(UNSUBSCRIBE_SLOT) == 1 and email.text.count(UNSUBSCRIBE_SLOT) == 1
    copies = {address: personalized(email, Recipient(address), news)
              for address in ("ann@example.org", "bob+news@example.org")}
    for address, copy in copies.items():
        link = Unsubscribe.of(news, address).url
        assert link.startswith("https://example.com/leave?list=daily&reader=")
        assert [a["href"] for a in Elements(copy.html).tags("a")
                if a["href"].startswith("https://example.com/leave")] == [link]
        assert f"Unsubscribe: {link}\n" in copy.text
        other = next(a for a in copies if a != address)
        assert Unsubscribe.of(news, other).url not in copy.html + copy.text
    preview = personalized(email, None, news)  # no recipient: the link as configured
    assert "Unsubscribe: https://example.com/leave?list=daily&reader={email}&token={token}" in (
        preview.text)


@pytest.mark.parametrize(("mailto", "link"), [
    ("leave+{token}@example.com", "mailto:leave+{token}@example.com?subject=unsubscribe"),
    ("leave@example.com?subject=leave%20{email}",
     "mailto:leave@example.com?subject=leave%20ann%40example.org"),
])
def test_a_mailto_alone_is_the_footer_link(mailto, link):
    news = newsletter(unsubscribe_mailto=mailto, unsubscribe_secret=SECRET)
    email = Renderer.create().render(digest_of(summary()), news)
    ann = personalized(email, Recipient("ann@example.org"), news)
    link = link.replace("{token}", unsubscribe_token(SECRET, "ann@example.org"))
    assert f'href="{link}"' in ann.html and f"Unsubscribe: {link}\n" in ann.text


def test_a_greeting_or_subject_that_is_not_a_template_is_a_config_error():
    for key in ("greeting", "subject"):
        with pytest.raises(ValidationError, match="not a valid template"):
            newsletter(**{key: "{% if name %}unclosed"})


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://example.com/x?a=1", "https://example.com/x?a=1"), ("javascript:alert(1)", None),
     ("/relative", None), ("//evil.example/x", None), ("http://", None),
     ('https://e.com/"onmouseover=x', None), ("https://e.com/a b", None), (None, None)],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_sections_get_headings_only_when_several():
    one = Renderer.create().render(digest_of(summary()), newsletter())
    two = Renderer.create().render(digest_of(summary(), sections=2), newsletter())
    assert "Section 0" not in one.html
    assert "Section 0" in two.html and "== SECTION 1 ==" in two.text


def test_our_template_makes_balanced_known_mjml():
    renderer = Renderer.create()
    context = renderer.context(sample_digest(8), NEWSLETTER)
    story = context["digest"].summaries[0]
    mjml = renderer.mjml(context | {"more_stories": (story,)})
    assert TagCheck().first_problem(mjml) is None
    used = set(re.findall(r"</?(mj[\w-]*)", mjml))
    assert used <= MJML_TAGS, used - MJML_TAGS


def test_user_templates_override_packaged(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "story.mjml.j2").write_text(
        "<mj-text>CUSTOM {{ summary.story.title }}</mj-text>\n", encoding="utf-8")
    email = Renderer.create(tmp_path).render(digest_of(summary()), newsletter())
    assert "CUSTOM A title" in email.html
    assert "Test Daily" in email.html  # the rest still comes from the packaged templates


def test_template_error_names_template_and_line(tmp_path):
    (tmp_path / "digest.txt.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"digest\.txt\.j2:2:"):
        Renderer.create(tmp_path).render(digest_of(summary()), newsletter())


def test_runtime_template_error_names_the_partial_and_line(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "story.mjml.j2").write_text(
        "<mj-text>\n{{ summary.story.title }}\n{{ summary.no_such_field }}\n</mj-text>\n",
        encoding="utf-8")
    with pytest.raises(RenderError, match=r"partials/story\.mjml\.j2:3: .*no_such_field"):
        Renderer.create(tmp_path).render(digest_of(summary()), newsletter())


def test_invalid_mjml_names_the_template_line_that_made_it(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "story.mjml.j2").write_text(
        "{# a story #}\n<mj-text>{{ summary.story.title }}\n<p>the close tag is missing</p>\n",
        encoding="utf-8")
    with pytest.raises(RenderError, match=r"partials/story\.mjml\.j2:2 \(<mj-text> is never "
                                          r"closed\): the template made invalid MJML"):
        Renderer.create(tmp_path).render(digest_of(summary()), newsletter())


def test_bad_mjml_is_a_render_error(tmp_path):
    (tmp_path / "digest.mjml.j2").write_text("<mjml><mj-body><mj-text>", encoding="utf-8")
    with pytest.raises(RenderError, match=r"digest\.mjml\.j2:1 .*made invalid MJML"):
        Renderer.create(tmp_path).render(digest_of(summary()), newsletter())


def test_intro():
    assert intro(1, 1) == "1 story from 1 source"
    assert intro(12, 5) == "12 stories from 5 sources"
