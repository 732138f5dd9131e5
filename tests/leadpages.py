"""Invented news pages, and their lead as `digest summarize page.html` gives it: what the
lead tests read."""

from __future__ import annotations

from pathlib import Path

from digest.app.summarizing import http_client, summarize_input

TITLE = "Council shuts the Wren bridge for a year"
LEAD = ("The city council voted on Tuesday to close the old bridge over the Wren River for a "
        "year of repairs, sending cars through the harbour tunnel instead.")
REST = (
    "Engineers found cracks in three of the bridge's piers last month, and the council's "
    "transport committee said the span could not carry buses safely any longer.",
    "Shop owners on Mill Street said they feared losing customers during the closure, which "
    "starts in June, and asked the council for help with parking.",
    "The repairs will cost about $4 million, paid for by the state's road fund and a loan "
    "the council took out last year, the city's treasurer said.",
)


def page(body: str, headline: str = f"<h1>{TITLE}</h1>") -> str:
    """A page whose article is `headline`, `body` and the rest of the story."""
    rest = "".join(f"<p>{text}</p>" for text in REST)
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Riverside Gazette</title></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
            f"{headline}{body}{rest}</article></main>"
            f"<footer><p>© 2026 Riverside Gazette. All rights reserved.</p></footer></body></html>")


def lead_of(html: str, folder: Path) -> str:
    """The lead `digest summarize` gives for the page."""
    path = folder / "page.html"
    path.write_text(html, encoding="utf-8")
    return summarize_input(str(path), http_client())[1].lead
