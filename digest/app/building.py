"""Building the edition, the third stage: the chosen stories summarized and grouped into
sections (a `Digest`), then rendered into the email every recipient shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit

from ..config import Settings
from ..core.models import Digest, Email, Reason, Section, Story
from ..store import Store
from . import health
from .choosing import choose


def build_digest(
    settings: Settings, fresh: Sequence[Story], state: Store, now: datetime,
    key: str | None = None, uncollected: Mapping[Reason, int] | None = None,
) -> Digest:
    """Choose, summarize and group the stories of the edition `key` (default: today's)."""
    from ..summarize import summarize

    selection = choose(settings, fresh, state, now, key, uncollected)
    options = settings.summarizer
    summaries = [
        replace(
            summarize(
                decision.story,
                max_quotes=options.max_quotes,
                lead_paragraphs=options.lead_paragraphs,
                lead_max_words=options.lead_max_words,
            ),
            also_in=decision.also_in,
        )
        for decision in selection.kept
    ]
    section_of = {s.name: heading(s.section or s.name) for s in settings.sources}
    sections: dict[str, list] = {section_of[s.name]: [] for s in settings.sources}
    for summary in summaries:
        source = summary.story.source
        sections.setdefault(section_of.get(source, heading(source)), []).append(summary)
    return Digest(
        title=settings.newsletter.title,
        date=now.astimezone(settings.schedule.zone),
        sections=tuple(Section(title, tuple(items)) for title, items in sections.items() if items),
        troubled_sources=health.troubled_sources(settings, state),
        selection=selection,
    )


def heading(name: str) -> str:
    """A section's heading: a source named by its URL is headed by its site's name."""
    parts = urlsplit(name)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname.removeprefix("www.")
    return name


def archive_linked(settings: Settings, key: str) -> Settings:
    """The settings for rendering edition `key`: `web_version_url` defaults to the edition's
    page in the public archive of `digest serve`, when there is one."""
    newsletter = settings.newsletter
    if newsletter.web_version_url or not newsletter.base_url or not settings.archive.public:
        return settings
    from ..web.links import archive_url

    linked = newsletter.model_copy(
        update={"web_version_url": archive_url(newsletter.base_url, key)})
    return settings.model_copy(update={"newsletter": linked})


def render_digest(settings: Settings, digest: Digest) -> Email:
    from ..render.renderer import Renderer

    templates_dir = settings.path(settings.templates_dir) if settings.templates_dir else None
    return Renderer.create(templates_dir).render(digest, settings.newsletter)
