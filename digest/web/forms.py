"""What the pages with a form share: each page carries its CSRF token (and sets the cookie
it is tied to), and each POST is read within its cap and checked against it. Pages reached
by a signed link (unsubscribe, confirm a sign-up) read its token one way."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..delivery.unsubscribe import Purpose, read_token
from .pages import notice, page
from .security import TooLarge, form
from .site import Site

STALE_FORM = "The form was too old or came from elsewhere; open the page again."


class FormPages:
    """Pages with a form: each shown with its CSRF token, each POST read and checked."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def form_page(self, request: Request, name: str, status: int = 200, **context: object,
                  ) -> Response:
        """Page `name` with the newsletter's title and a CSRF token for its form."""
        token, cookie = self.site.csrf.token(request)
        title = self.site.newsletter.title
        response = page(name, status, title=title, newsletter=title, csrf=token, **context)
        return self.site.csrf.set_cookie(response, cookie)

    async def fields(self, request: Request, csrf: bool = True) -> dict[str, str] | Response:
        """The POSTed form, or the answer refusing it (too large; CSRF token not matching)."""
        try:
            fields = await form(request)
        except TooLarge:
            return PlainTextResponse("request too large", 413)
        return (csrf and self.refused(request, fields)) or fields

    def refused(self, request: Request, fields: dict[str, str]) -> Response | None:
        """The answer to a form whose CSRF token does not match its cookie; None if it does."""
        if self.site.csrf.valid(request, fields):
            return None
        return notice("Request refused", STALE_FORM, 403)


class LinkPages(FormPages):
    """Pages reached by a link that names a reader: a token signed for `purpose`."""

    purpose: Purpose
    bad_link: str  # what a reader whose link is not genuine (or has expired) is told

    def reader(self, request: Request) -> str | Response:
        """The address the link's token names, or the 400 page that refuses the link."""
        email = read_token(self.site.secret, self.purpose, request.path_params["token"],
                           self.site.clock())
        return notice("Link not valid", self.bad_link, 400) if email is None else email

    async def posted(self, request: Request, csrf: bool = True,
                     ) -> tuple[str, dict[str, str]] | Response:
        """The address the link names and the POSTed form, or the answer refusing the link,
        else the form (as `fields` refuses it)."""
        email = self.reader(request)
        if isinstance(email, Response):
            return email
        fields = await self.fields(request, csrf)
        return fields if isinstance(fields, Response) else (email, fields)
