"""The public archive: the editions that went out, each as a web page with nothing of any
recipient in it (no greeting, no address, no token: its slots are filled for nobody), and
an Atom feed of them. The app serves them; `write_archive` writes the same as static files.
"""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

from markupsafe import escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..config import Settings
from ..core.models import EditionStatus
from ..core.sanitize import GREETING, UNSUBSCRIBE
from ..delivery.message import fill_slots
from ..store import Edition, Store
from .links import archive_url, edition_slug
from .pages import notice, text
from .security import EDITION_CSP
from .site import Site

LIMIT = 500  # editions in the archive and the feed, newest first
# An edition someone got: its content is public once sent.
WENT_OUT = frozenset({EditionStatus.SENT, EditionStatus.PARTIAL, EditionStatus.DEFERRED,
                      EditionStatus.UNKNOWN})


def archived(store: Store) -> list[Edition]:
    """The newest edition of each key that went out, newest first."""
    found: dict[str, Edition] = {}
    for edition in store.editions.recent(LIMIT):
        if edition.status in WENT_OUT:
            found.setdefault(edition_slug(edition.day), edition)
    return list(found.values())


def edition_page(edition: Edition, base_url: str) -> str:
    """The edition's HTML for everyone: no greeting, and the unsubscribe link pointing to
    the page that says where each reader's own link is."""
    return fill_slots(edition.email.html, {
        GREETING: "", UNSUBSCRIBE: str(escape(f"{base_url}/unsubscribe/"))})


def index_page(settings: Settings, editions: list[Edition]) -> str:
    return text("archive.html", title=f"{settings.newsletter.title}: archive",
                language=settings.newsletter.language, editions=[
                    (f"/archive/{edition_slug(e.day)}/", e.email.subject, e.day)
                    for e in editions])


def feed(settings: Settings, editions: list[Edition]) -> str:
    """An Atom feed (RFC 4287) of the archived editions."""
    base = settings.newsletter.base_url or ""
    return text("feed.xml", title=settings.newsletter.title, base=base,
                language=settings.newsletter.language,
                updated=editions[0].created_at.isoformat() if editions else
                "1970-01-01T00:00:00+00:00",
                entries=[(archive_url(base, e.day), e.email.subject, e.email.preheader,
                          e.created_at.isoformat()) for e in editions])


def write_archive(settings: Settings, store: Store, folder: Path, base: str) -> int:
    """The archive and feed as static files under `folder`, for hosting at `base`; how
    many editions."""
    editions = archived(store)
    for edition in editions:
        target = folder / "archive" / edition_slug(edition.day) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(edition_page(edition, base), encoding="utf-8")
    (folder / "archive").mkdir(parents=True, exist_ok=True)
    (folder / "archive" / "index.html").write_text(index_page(settings, editions),
                                                   encoding="utf-8")
    (folder / "feed.xml").write_text(feed(settings, editions), encoding="utf-8")
    (folder / "static").mkdir(exist_ok=True)
    with (files("digest.web") / "static" / "style.css").open("rb") as source, \
            (folder / "static" / "style.css").open("wb") as target_file:
        shutil.copyfileobj(source, target_file)
    return len(editions)


def routes(site: Site) -> list[Route]:
    if not site.settings.archive.public:
        return []
    base = site.newsletter.base_url or ""

    async def index(request: Request) -> Response:
        return HTMLResponse(index_page(site.settings, archived(site.store)))

    async def one(request: Request) -> Response:
        slug = request.path_params["slug"]
        for edition in archived(site.store):
            if edition_slug(edition.day) == slug:
                return HTMLResponse(edition_page(edition, base),
                                    headers={"Content-Security-Policy": EDITION_CSP})
        return notice("Not found", "There is no edition of that date in the archive.", 404)

    async def atom(request: Request) -> Response:
        return Response(feed(site.settings, archived(site.store)),
                        media_type="application/atom+xml")

    return [Route("/archive/", index, methods=["GET", "HEAD"]),
            Route("/archive/{slug}/", one, methods=["GET", "HEAD"]),
            Route("/feed.xml", atom, methods=["GET", "HEAD"])]


