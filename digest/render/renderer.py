"""Digest -> Email: Jinja2 renders MJML (compiled to HTML by mjml-python) and the text part.

Templates are looked up in the user's `templates_dir` first, then in the packaged defaults,
so a user can override one file (say `partials/story.mjml.j2`) and keep the rest.

One rendered Email serves every recipient: it names slots (the greeting, the unsubscribe
link) whose values delivery/personalize.py computes per recipient; a backend fills them, or
hands them to the provider as its substitutions. Nothing is rendered per recipient.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mjml import mjml2html

from ..config import Newsletter
from ..core.errors import RenderError
from ..core.models import Digest, Email, Section, Summary
from ..core.sanitize import (
    GREETING_SLOT,
    UNSUBSCRIBE_SLOT,
    clean_line,
    clean_summary,
    html_as_text,
    one_line,
    safe_html,
    safe_url,
    sandboxed,
)
from .filters import attribution, byline, image_height, image_width, wrap
from .fit import Sizes, near
from .layouts import MORE_STORIES, Layout, layout, reachable, steps_possible, within
from .mjml_check import locate_mjml_problem
from .probe import Output, probe

log = logging.getLogger(__name__)

HTML_TEMPLATE = "digest.mjml.j2"
TEXT_TEMPLATE = "digest.txt.j2"
# Gmail clips an HTML part above about 102 KB; leave room for the slots' text and rounding.
HTML_BUDGET = 100_000
FIRST_RATIO = 1.25  # HTML bytes per MJML byte, guessed before a compile (ours: 1.02 to 1.23)
COMPILES = 2  # once a layout fits, it is taken after this many compiles
SAMPLE = 16  # stories measured first, in a long digest, to tell which ones any layout reaches


def packaged_templates() -> Path:
    return Path(str(resources.files("digest.templates")))


def cleaned_first(digest: Digest, count: int, cleaned: Sequence[Summary] = ()) -> Digest:
    """The digest with its section titles and its first `count` stories cleaned, the
    first of them as in `cleaned` (those already cleaned, in the digest's order)."""
    sections, left, done = [], count, iter(cleaned)
    for section in digest.sections:
        head = tuple(next(done, None) or clean_summary(summary)
                     for summary in section.summaries[:max(0, left)])
        sections.append(Section(clean_line(section.title),
                                head + section.summaries[len(head):]))
        left -= len(section.summaries)
    return replace(digest, sections=tuple(sections))


def with_layout(context: dict[str, Any], layout: Layout) -> dict[str, Any]:
    """The template context for one layout: its sections as the digest's, the rest as links."""
    return context | {"digest": replace(context["digest"], sections=layout.sections),
                      "more_stories": layout.more, "left_out": layout.left_out}


@dataclass(frozen=True)
class Renderer:
    """Renders digests with one template environment, built once."""

    env: jinja2.Environment
    budget: int = HTML_BUDGET

    @classmethod
    def create(cls, templates_dir: Path | None = None, budget: int = HTML_BUDGET) -> Renderer:
        search = [packaged_templates()]
        if templates_dir is not None:
            if not templates_dir.is_dir():
                raise RenderError(f"templates_dir {templates_dir} is not a folder")
            search.insert(0, templates_dir)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in search]),
            autoescape=lambda name: name is None or not name.endswith(".txt.j2"),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a Renderer lives for one edition; includes skip a stat each
        )
        env.filters.update(wrap=wrap, safe_url=safe_url, safe_html=safe_html,
                           html_as_text=html_as_text, byline=byline, attribution=attribution,
                           image_height=image_height, image_width=image_width)
        return cls(env, budget)

    def render(self, digest: Digest, newsletter: Newsletter) -> Email:
        """The edition's email: the fullest layout whose HTML fits the size budget. Stories
        that no layout could show are not cleaned or measured (`reachable`), unless the
        template turns out to show less of each story than that reckons with."""
        reach, cleaned = None, ()
        if len(digest.summaries) > SAMPLE + MORE_STORIES:
            first = self.context(within(digest, SAMPLE), newsletter)
            cleaned = first["digest"].summaries
            sample = self._measure(first, first["digest"])
            reach = reachable(digest, self.budget, sample.markup(digest.summaries[:SAMPLE]))
        context = self.context(digest, newsletter, reach, cleaned)
        fitted = self._fit(context)
        if fitted is None:
            context = self.context(digest, newsletter, cleaned=cleaned)
            fitted = self._fit(context)
            assert fitted is not None, "every story measured"
        layout, html = fitted
        text = self._render(TEXT_TEMPLATE, with_layout(context, layout))
        shown = None
        if layout.left_out:
            shown = tuple(s.story.id for section in layout.sections for s in section.summaries)
            shown += tuple(s.story.id for s in layout.more)
        return Email(subject=context["subject"], html=html, text=text,
                     preheader=context["preheader"], shown=shown)

    def context(self, digest: Digest, newsletter: Newsletter, reach: int | None = None,
                cleaned: Sequence[Summary] = ()) -> dict[str, Any]:
        """What the templates see; the story fields of the first `reach` stories (all by
        default) cleaned of anything unsafe, the first as in `cleaned` if given. The rest,
        which no layout shows, stay as they are, counted in the digest and left out of
        every layout."""
        summaries = digest.summaries
        reach = len(summaries) if reach is None else min(reach, len(summaries))
        digest = cleaned_first(digest, reach, cleaned)
        summaries = digest.summaries
        # Each source cleaned once: a long digest names the same few again and again.
        sources = set(map(clean_line, {s.story.source for s in summaries}))
        context: dict[str, Any] = {
            "digest": digest,
            "newsletter": newsletter,
            "title": newsletter.title,
            "date": digest.date.strftime("%A, %-d %B %Y"),
            "intro": intro(len(summaries), len(sources)),
            "more_stories": (),
            "left_out": 0,
            "beyond_reach": len(summaries) - reach,
        }
        return context | {
            "subject": one_line(render_subject(newsletter.subject, context)),
            "preheader": one_line(preheader_for([s.story.title for s in summaries])),
            "greeting": Markup(GREETING_SLOT),
            "reason": safe_html(newsletter.reason or f"You receive {escape(newsletter.title)}"
                                " because you subscribed to it."),
            "unsubscribe": Markup(UNSUBSCRIBE_SLOT) if (
                newsletter.unsubscribe_url or newsletter.unsubscribe_mailto
                or newsletter.base_url) else None,
            "web_version": safe_url(newsletter.web_version_url),
        }

    def mjml(self, context: dict[str, Any]) -> str:
        """The MJML the HTML template makes of `context` (compiled by `render`)."""
        return self._render(HTML_TEMPLATE, context)

    def _fit(self, context: dict[str, Any]) -> tuple[Layout, str] | None:
        """The layout with the fewest reductions whose HTML fits the budget, sized by
        measurement (fit.py); the smallest layout when nothing fits. None when stories were
        left beyond reach that the measurement shows could have been in full."""
        beyond = context["beyond_reach"]
        digest = within(context["digest"], len(context["digest"].summaries) - beyond)
        sizes = self._measure(context, digest)
        if beyond and sizes.least_in_full() <= self.budget:
            return None
        if sizes.cut is not None:  # the stories after the cut's links are in no layout
            count = min(len(digest.summaries), sizes.cut + MORE_STORIES)
            beyond += len(digest.summaries) - count
            digest, sizes = within(digest, count), sizes.head(count)
        last = steps_possible(digest)
        fitting: dict[int, str] = {}  # steps -> HTML, of the layouts tried that fit
        over: set[int] = set()  # steps tried that did not fit
        estimate = lambda k: sizes.mjml(k) * FIRST_RATIO  # noqa: E731 - until a compile
        while True:
            steps = sizes.fewest_steps(estimate, self.budget, last, over, sizes.start())
            best = min(fitting, default=None)
            if best is not None and (steps >= best or len(fitting) + len(over) >= COMPILES):
                return layout(digest, best, beyond=beyond), fitting[best]
            shape = layout(digest, min(steps, last), beyond=beyond)
            html = self._html(with_layout(context, shape))
            size = len(html.encode())
            if size <= self.budget:
                fitting[steps] = html
            elif steps >= last:
                log.warning("the digest is over %d bytes even with every story left out",
                            self.budget)
                return shape, html
            else:
                over.add(steps)
            estimate = near(size, steps, sizes)

    def _measure(self, context: dict[str, Any], digest: Digest) -> Sizes:
        """What each story, quote and link of `digest` adds to the MJML."""
        output = Output()
        probed, links, story_loops, quote_loops, in_full = probe(digest, output, self.budget)
        probing = context | {"digest": probed, "more_stories": links, "left_out": len(links)}
        template = self.env.get_template(HTML_TEMPLATE)
        try:
            output.read(template.root_render_func(template.new_context(probing)))
        except Exception:  # said as a RenderError by rendering it the plain way
            self._render(HTML_TEMPLATE, probing)
            raise
        return Sizes.measured(output, links, story_loops, quote_loops, in_full)

    def _html(self, context: dict[str, Any]) -> str:
        mjml = self.mjml(context)
        try:
            return mjml2html(mjml)
        except ValueError as exc:
            template = self.env.get_template(HTML_TEMPLATE)
            where = locate_mjml_problem(template, context) or HTML_TEMPLATE
            raise RenderError(f"{where}: the template made invalid MJML: {exc}") from None

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise RenderError(f"template {exc.name} not found") from None
        except jinja2.TemplateError as exc:
            raise RenderError(f"{template_line(exc) or name}: {exc}") from None


def template_line(exc: BaseException) -> str | None:
    """ "file:line" of the innermost template frame of an error raised while rendering."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:  # a frame Jinja points at a template
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def render_subject(template: str, context: dict[str, Any]) -> str:
    try:
        return sandboxed(template, jinja2.StrictUndefined).render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(f"newsletter.subject: {exc}") from None


def intro(stories: int, sources: int) -> str:
    """ "12 stories from 5 sources" """
    story_word = "story" if stories == 1 else "stories"
    source_word = "source" if sources == 1 else "sources"
    return f"{stories} {story_word} from {sources} {source_word}"


def preheader_for(titles: Sequence[str]) -> str:
    """The inbox preview line: the top story's title, and how many more follow."""
    if not titles:
        return ""
    more = len(titles) - 1
    return titles[0] + (f" — and {more} more" if more else "")
