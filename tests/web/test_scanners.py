"""Corporate link scanners (Safe Links, Proofpoint, Mimecast, …) follow every link of a
message with GET or HEAD: 200 such requests to every link of a real sent message that
points at `digest serve` leave nobody suppressed."""

from __future__ import annotations

import itertools
import re

SCANNERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36 Edg/120.0 (Microsoft Defender Safe Links)",
    "Proofpoint URL Defense/2.0",
    "Mimecast-Link-Scanner/1.0",
    "Barracuda Sentinel (EE)",
    "Mozilla/5.0 (compatible; Cisco Secure Email URL scanner)",
    "python-requests/2.32 (Trend Micro Email Security)",
)


def links_of(message) -> set[str]:
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    found = set(re.findall(r'href="([^"]+)"', html)) | set(re.findall(r"https?://\S+", text))
    found |= set(re.findall(r"<(https?://[^>]+)>", message["List-Unsubscribe"]))
    return {link.replace("&amp;", "&") for link in found}


def test_200_scanner_requests_to_every_link_suppress_nobody(served, http):
    messages = served.send()
    ours = sorted({link for m in messages for link in links_of(m)
                   if link.startswith(served.url + "/")})
    assert any("/unsubscribe/" in link for link in ours)
    assert any("/archive/" in link for link in ours)
    plan = zip(itertools.cycle(ours), itertools.cycle(SCANNERS),
               itertools.cycle(("GET", "HEAD", "GET", "HEAD", "GET")), strict=False)
    for link, agent, method in itertools.islice(plan, 200):
        answer = http.request(method, link, headers={"User-Agent": agent})
        assert answer.status_code == 200, (link, answer.status_code)
    assert served.suppressed() == {}
    assert len(served.send()) == 4  # the outbox: both readers got a second edition too
