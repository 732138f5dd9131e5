"""`digest preview --serve`: the digest that would be sent now, live in a browser.

Every page load reads the config again and renders the current stories with the current
templates, so an edit to any of them shows on reload. The page shows the email in a desktop
(600 px) and a mobile (375 px) frame, the text part beside them, and the subject and
preheader. Sources on the network are fetched only when their last collection is older than
`schedule.collect_every` (or 30 minutes), so reloads fetch nothing; like every preview it
marks nothing as sent.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2

from ..config import Settings, load_settings
from ..core.errors import ConfigError, DigestError, UsageError
from ..core.models import Recipient
from ..delivery.personalize import personalized
from ..render.renderer import HTML_BUDGET
from ..select import summary_line
from . import pipeline

log = logging.getLogger(__name__)

PAGE = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: {{ subject }}</title>
<style>
body { margin: 0; padding: 16px 24px; font: 14px/1.4 system-ui, sans-serif;
       background: #e5e7eb; color: #111827; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 16px; }
dt { color: #4b5563; } dd { margin: 0; }
.problem { color: #991b1b; }
main { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
h2 { font-size: 13px; color: #4b5563; margin: 0 0 6px; font-weight: 600; }
iframe { display: block; border: 0; background: #fff; height: 80vh;
         box-shadow: 0 1px 4px rgb(0 0 0 / 20%); }
#text-part { flex: 1 1 360px; min-width: 0; }
pre { margin: 0; padding: 12px; background: #fff; font-size: 12px; white-space: pre;
      overflow-x: auto; box-shadow: 0 1px 4px rgb(0 0 0 / 20%); }
</style></head>
<body>
{% if error %}
<h1>The preview could not be made</h1>
<p class="problem">{{ error }}</p>
<p>Fix it and reload this page.</p>
{% else %}
<dl>
  <dt>Subject</dt><dd id="subject">{{ subject }}</dd>
  <dt>Preheader</dt><dd id="preheader">{{ preheader }}</dd>
  <dt>Shown as</dt><dd>{{ recipient or "a reader without a name" }}</dd>
  {% if stories %}<dt>Stories</dt><dd id="stories">{{ stories }}</dd>{% endif %}
  <dt>Size</dt><dd>HTML {{ "{:,}".format(html_bytes) }} bytes (budget
    {{ "{:,}".format(budget) }}: Gmail clips above about 102 KB),
    text {{ "{:,}".format(text_bytes) }} bytes</dd>
  {% for problem in problems %}<dt class="problem">Problem</dt>
  <dd class="problem">{{ problem }}</dd>{% endfor %}
</dl>
<main>
  <section><h2>Desktop, 600 px</h2>
    <iframe id="desktop" title="The email at 600 px" style="width:600px" srcdoc="{{ html }}"
            sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
  </section>
  <section><h2>Mobile, 375 px</h2>
    <iframe id="mobile" title="The email at 375 px" style="width:375px" srcdoc="{{ html }}"
            sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
  </section>
  <section id="text-part"><h2>Text part</h2><pre id="text">{{ text }}</pre></section>
</main>
<script>
// Grow each frame to its email's height, so the page scrolls and the frames keep their width.
for (const frame of document.querySelectorAll("iframe")) {
  const fit = () => {
    frame.style.height = frame.contentDocument.documentElement.scrollHeight + "px";
  };
  frame.addEventListener("load", fit);
  if (frame.contentDocument?.readyState === "complete") fit();
}
</script>
{% endif %}
</body></html>
""")


def preview_recipient(settings: Settings) -> Recipient | None:
    """Whom the preview is personalized for: the first recipient, if any is configured."""
    try:
        recipients, _ = pipeline.recipients_of(settings)
    except ConfigError:
        return None
    return recipients[0]


def render_page(config_path: Path, clock: pipeline.Clock = pipeline.utc_now) -> tuple[int, str]:
    """The preview page (status 200), or a page naming what went wrong (status 500)."""
    try:
        settings = load_settings(config_path, delivering=False)
        digest, email, collection = pipeline.preview(settings, clock())
        recipient = preview_recipient(settings)
        email = personalized(email, recipient, settings.newsletter)
    except DigestError as exc:
        log.warning("preview: %s", exc)
        return 500, PAGE.render(error=str(exc))
    problems = [f"source {r.name}: {r.error}" for r in collection.failed]
    if not digest.summaries:
        problems.append("no new stories: the digest is empty")
    page = PAGE.render(
        subject=email.subject, preheader=email.preheader, text=email.text,
        # Links in the frames open in a new tab rather than inside the frame.
        html=email.html.replace("<head>", '<head><base target="_blank">', 1),
        recipient=recipient and (f"{recipient.name} <{recipient.email}>" if recipient.name
                                 else recipient.email),
        html_bytes=len(email.html.encode()), text_bytes=len(email.text.encode()),
        budget=HTML_BUDGET, problems=problems,
        stories=digest.selection and summary_line(digest.selection),
    )
    return 200, page


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            # Another site's page, its name rebound to 127.0.0.1, must not read the preview.
            self.send_error(403)
            return
        if self.path.split("?", 1)[0] != "/":
            self.send_error(404)
            return
        status, page = render_page(self.server.config_path, self.server.clock)
        body = page.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        log.info("preview: " + format, *args)


class PreviewServer(ThreadingHTTPServer):
    """Serves the preview on 127.0.0.1 only: the page shows unsent mail and local paths."""

    daemon_threads = True

    def __init__(self, config_path: Path, port: int = 0,
                 clock: pipeline.Clock = pipeline.utc_now) -> None:
        self.config_path = config_path
        self.clock = clock
        try:
            super().__init__(("127.0.0.1", port), PreviewHandler)
        except OSError as exc:
            raise UsageError(
                f"cannot serve the preview on 127.0.0.1:{port}: {exc.strerror or exc} "
                "(choose another --port)"
            ) from None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


def serve(config_path: Path, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve until Ctrl-C; `on_ready` gets the page's URL once the server listens."""
    with PreviewServer(config_path, port) as server:
        on_ready(server.url)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
