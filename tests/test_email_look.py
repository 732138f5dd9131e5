"""The email and the live preview as a real browser shows them: headless Chromium.

Needs the Debian packages `chromium` and `chromium-driver` (.ci/run installs them); without
them these tests fail rather than skip. Chromium resolves no host but 127.0.0.1.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from digest.app import pipeline
from digest.app.preview_server import PreviewServer
from digest.config import load_settings
from digest.core.models import Digest, Email, Recipient
from digest.delivery.personalize import personalized
from digest.render.renderer import Renderer

from .sample_digest import NEWSLETTER, hostile_digest, sample_digest
from .webserver import WebServer, static

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
# A lead image twice as wide as the email, as news sites publish them.
IMAGE = (b'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">'
         b'<rect width="1200" height="630" fill="#8899aa"/></svg>')

# Contrast (WCAG) of each visible text element against the background it is drawn on.
CONTRASTS = """
const channels = color => color.match(/[\\d.]+/g).map(Number);
const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
  .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
const background = element => {
  for (; element; element = element.parentElement) {
    const color = channels(getComputedStyle(element).backgroundColor);
    if (color.length < 4 || color[3] > 0) return color;
  }
  return [255, 255, 255];
};
const results = [];
for (const element of document.body.querySelectorAll("*")) {
  const hasText = [...element.childNodes].some(n => n.nodeType === 3 && n.data.trim());
  if (!hasText || !element.checkVisibility()) continue;
  const [a, b] = [channels(getComputedStyle(element).color), background(element)]
    .map(luminance).sort((x, y) => y - x);
  results.push([element.textContent.trim().slice(0, 40), (a + 0.05) / (b + 0.05)]);
}
return results;
"""
LAYOUT = """
const viewport = document.documentElement.clientWidth;
const inside = r => r.width > 0 && r.height > 0 && r.left >= -0.5 && r.right <= viewport + 0.5;
return {
  viewport: viewport,
  scrollWidth: document.documentElement.scrollWidth,
  titles: [...document.querySelectorAll("h3")].map(h => [
    h.textContent, h.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    inside(h.getBoundingClientRect())]),
  images: [...document.images].map(i => [i.naturalWidth, inside(i.getBoundingClientRect())]),
};
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            pytest.fail(f"{path} is missing: install the Debian packages chromium and "
                        "chromium-driver (.ci/run does)")
    profile = tempfile.mkdtemp(prefix="digest-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def image_url() -> Iterator[str]:
    server = WebServer()
    server.routes["/lead.svg"] = static(IMAGE, "image/svg+xml")
    yield server.url("/lead.svg")
    server.stop()


def show(browser: webdriver.Chrome, width: int, *, dark: bool = False) -> None:
    """Emulate a screen `width` CSS pixels wide (a phone below 480), light or dark."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 480})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})


def open_html(browser: webdriver.Chrome, html: str, folder: Path) -> None:
    page = folder / "email.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())


def as_received(digest: Digest) -> Email:
    """The email as a reader gets it: rendered, then personalized for them."""
    email = Renderer.create().render(digest, NEWSLETTER)
    return personalized(email, Recipient("ann@example.org", "Ann Example"), NEWSLETTER)


@pytest.fixture(scope="module")
def digest_with_images(image_url):
    """The 40-story sample with its lead images served locally, and words too long for a
    phone's line in the first story."""
    digest = sample_digest(40)
    long_word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"
    sections = [
        replace(section, summaries=tuple(
            replace(s, story=replace(s.story, image=image_url if s.story.image else None))
            for s in section.summaries))
        for section in digest.sections]
    first = sections[0].summaries[0]
    first = replace(first, lead=f"{long_word} {first.lead}", story=replace(
        first.story, title=f"{long_word}: {first.story.title}", source=long_word))
    sections[0] = replace(sections[0], summaries=(first, *sections[0].summaries[1:]))
    return replace(digest, sections=tuple(sections))


@pytest.mark.parametrize("width", [320, 375, 600, 1024])
def test_no_horizontal_scroll_and_every_title_visible(browser, digest_with_images, width,
                                                     tmp_path):
    email = as_received(digest_with_images)
    show(browser, width)
    open_html(browser, email.html, tmp_path)
    layout = browser.execute_script(LAYOUT)
    assert layout["scrollWidth"] <= layout["viewport"] == width
    assert [t[0] for t in layout["titles"]] == [s.story.title for s in digest_with_images.summaries]
    assert all(visible and inside for _, visible, inside in layout["titles"]), layout["titles"]
    assert layout["images"] and all(loaded and inside for loaded, inside in layout["images"])
    column = browser.execute_script(
        "return document.querySelector('h1').closest('.card').getBoundingClientRect().width")
    assert column == min(width, 600)


@pytest.mark.parametrize("mode", ["light", "dark", "without <style>"])
def test_text_keeps_contrast_in_light_and_dark_and_without_head_styles(browser, mode, tmp_path):
    email = as_received(sample_digest(8))
    show(browser, 375, dark=mode == "dark")
    open_html(browser, email.html, tmp_path)
    if mode == "without <style>":  # as clients that drop <style> blocks show it
        browser.execute_script("document.querySelectorAll('style').forEach(s => s.remove())")
        layout = browser.execute_script(LAYOUT)
        assert layout["scrollWidth"] <= layout["viewport"]
    contrasts = browser.execute_script(CONTRASTS)
    assert len(contrasts) > 50
    low = [(text, round(ratio, 2)) for text, ratio in contrasts if ratio < 4.5]
    assert not low
    if mode == "dark":
        body = browser.execute_script(
            "return getComputedStyle(document.querySelector('.card')).backgroundColor")
        assert body != "rgb(255, 255, 255)"


def test_hostile_story_runs_nothing_in_the_browser(browser, tmp_path):
    email = as_received(hostile_digest())
    show(browser, 375)
    open_html(browser, email.html, tmp_path)
    found = browser.execute_script("""return {
        pwned: window.pwned === undefined ? null : window.pwned,
        scripts: document.scripts.length,
        handlers: [...document.querySelectorAll("*")].flatMap(
            e => [...e.attributes].map(a => a.name).filter(n => n.startsWith("on"))),
        links: [...document.querySelectorAll("[href],[src]")].map(
            e => e.getAttribute("href") ?? e.getAttribute("src")),
        bodyShown: document.body.checkVisibility(),
    }""")
    assert found["pwned"] is None and found["scripts"] == 0 and found["handlers"] == []
    assert all(link.startswith(("https://", "http://", "mailto:")) for link in found["links"])
    assert found["bodyShown"]


@pytest.fixture
def preview_server(project) -> Iterator[PreviewServer]:
    server = PreviewServer(project / "config.yaml")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_preview_page_shows_desktop_and_mobile_frames_and_text(browser, preview_server,
                                                               project):
    settings = load_settings(project / "config.yaml")
    digest, email, _ = pipeline.preview(settings, pipeline.utc_now())
    titles = [s.story.title for s in digest.summaries]
    assert titles
    show(browser, 1600)
    browser.get(preview_server.url)
    frames = browser.execute_script("""return [...document.querySelectorAll("iframe")].map(f => ({
        id: f.id, width: f.clientWidth, height: f.clientHeight,
        scrollWidth: f.contentDocument.documentElement.scrollWidth,
        titles: [...f.contentDocument.querySelectorAll("h3")].map(h => h.textContent),
    }))""")
    assert [(f["id"], f["width"]) for f in frames] == [("desktop", 600), ("mobile", 375)]
    for frame in frames:
        assert frame["titles"] == titles
        assert frame["scrollWidth"] <= frame["width"]
        assert frame["height"] > 400  # grown to the email's height
    text = browser.find_element("id", "text").text
    assert all(title in " ".join(text.split()) for title in titles)
    assert browser.find_element("id", "subject").text == email.subject
    assert browser.find_element("id", "preheader").text == email.preheader
