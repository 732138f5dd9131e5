"""Unsubscribing: RFC 8058's one-click POST, and the pages a reader clicks through.

GET and HEAD only show a page (link scanners follow every link of a message and must change
nothing); the POST of the page's form, or a one-click POST, puts the address on the
suppression list. A token that is not genuine gets 400 and changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ..core.models import SuppressionReason
from ..delivery.unsubscribe import Purpose
from .forms import LinkPages
from .pages import notice

UNDO_WINDOW = timedelta(days=1)  # how long an unsubscribe can be undone from its own page
BAD_LINK = ("This unsubscribe link is not valid. Use the link at the foot of the email you "
            "received, or write to the sender.")


class Unsubscribe(LinkPages):
    purpose = Purpose.UNSUBSCRIBE
    bad_link = BAD_LINK

    def routes(self) -> list[Route]:
        return [
            Route("/unsubscribe/", self.help, methods=["GET", "HEAD"]),
            Route("/unsubscribe/{token}", self.confirm, methods=["GET", "HEAD"]),
            Route("/unsubscribe/{token}", self.unsubscribe, methods=["POST"]),
            Route("/unsubscribe/{token}/resubscribe", self.resubscribe, methods=["POST"]),
        ]

    async def help(self, request: Request) -> Response:
        return notice(self.site.newsletter.title, "To unsubscribe, use the link at the foot of "
                      "any edition you received.", 200)

    async def confirm(self, request: Request) -> Response:
        """The page with one button; nothing changes."""
        email = self.reader(request)
        if isinstance(email, Response):
            return email
        return self.form_page(request, "unsubscribe", email=email, action=request.url.path)

    async def unsubscribe(self, request: Request) -> Response:
        """A one-click POST (answered 200, no page), or the page's form (CSRF checked)."""
        posted = await self.posted(request, csrf=False)
        if isinstance(posted, Response):
            return posted
        email, fields = posted
        one_click = fields.get("List-Unsubscribe") == "One-Click"
        refused = None if one_click else self.refused(request, fields)
        if refused is not None:
            return refused
        self.site.store.suppressions.add(email, SuppressionReason.UNSUBSCRIBED, "web",
                                         self.site.clock())
        if one_click:
            return PlainTextResponse("unsubscribed")
        return self.form_page(request, "unsubscribed", email=email,
                              action=f"{request.url.path}/resubscribe")

    async def resubscribe(self, request: Request) -> Response:
        """Undo one's own unsubscribe (never a bounce or a complaint: those stay)."""
        posted = await self.posted(request)
        if isinstance(posted, Response):
            return posted
        email = posted[0]
        listed = self.site.store.suppressions.get(email)
        if listed is not None and listed.reason != SuppressionReason.UNSUBSCRIBED:
            return notice(self.site.newsletter.title, "This address cannot be resubscribed "
                          "here; write to the sender.", 409)
        if listed is not None and self.site.clock() - listed.created_at > UNDO_WINDOW:
            # The link is in every old edition: anyone holding one could undo a reader's
            # unsubscribe. Past the undo window, a reader signs up again (and confirms).
            return notice(self.site.newsletter.title, "This unsubscribe can no longer be "
                          "undone here; sign up again to receive the newsletter.", 409)
        if listed is not None:
            self.site.store.suppressions.remove(email)
        return notice(self.site.newsletter.title,
                      f"You are subscribed again: {email} gets the next edition.", 200)
