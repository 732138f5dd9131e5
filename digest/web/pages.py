"""The app's own pages: Jinja2 templates with autoescaping (nothing a reader or a request
gives is written unescaped), a stylesheet of its own and no script at all."""

from __future__ import annotations

from typing import Any

import jinja2
from starlette.responses import HTMLResponse

_PAGES = jinja2.Environment(
    loader=jinja2.PackageLoader("digest.web", "templates"),
    autoescape=jinja2.select_autoescape(("html", "xml")),  # the mail's text part is text
    undefined=jinja2.StrictUndefined,
)


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page `name`.html filled with `context`."""
    return HTMLResponse(_PAGES.get_template(f"{name}.html").render(**context), status)


def text(name: str, **context: Any) -> str:
    """A template rendered to text (the archive's static files)."""
    return _PAGES.get_template(name).render(**context)


def notice(title: str, message: str, status: int) -> HTMLResponse:
    """A page that says one thing: a bad link, a missing edition, a request refused."""
    return page("notice", status, title=title, message=message)
