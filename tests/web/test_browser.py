"""The readers' pages clicked through in headless Chromium with JavaScript off, on a phone's
375 px and a desktop's width: unsubscribe (then resubscribe), and sign-up confirmation."""

from __future__ import annotations

import re

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from ..test_email_look import browser, show  # noqa: F401  (the shared Chromium fixture)
from .conftest import digest
from .test_signup import confirmation_links

FITS = """
const viewport = document.documentElement.clientWidth;
const button = document.querySelector("button").getBoundingClientRect();
return {overflow: document.documentElement.scrollWidth - viewport,
        button: button.width > 0 && button.left >= 0 && button.right <= viewport};
"""



def without_script(browser: webdriver.Chrome, width: int) -> None:  # noqa: F811
    show(browser, width)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})


def fits(browser: webdriver.Chrome) -> None:  # noqa: F811
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    layout = browser.execute_script(FITS)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    assert layout == {"overflow": 0, "button": True}


def gone(element: WebElement) -> bool:
    """Whether the element left the page: Chromium says so as a stale reference, or, while the
    next page replaces its document, as a node that "does not belong to the document"."""
    try:
        element.is_enabled()
    except WebDriverException:
        return True
    return False


def press(browser: webdriver.Chrome, button_id: str) -> str:  # noqa: F811
    """Click a form's button and return the text of the page its POST brings (the click
    returns as the form is sent: wait for the page it replaces to go)."""
    button = browser.find_element(By.ID, button_id)
    button.click()
    WebDriverWait(browser, 30).until(lambda _: gone(button))
    # The new page may still be replacing the old one: read it once it is whole.
    return WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda page: page.execute_script("return document.readyState") == "complete"
        and page.find_element(By.TAG_NAME, "main").text
    )


@pytest.mark.parametrize("width", [375, 1024])
def test_unsubscribe_then_resubscribe_by_clicking(served, browser, width):  # noqa: F811
    messages = served.send()
    editor = next(m for m in messages if "editor@example.com" in m["To"])
    html = editor.get_body(("html",)).get_content()
    link = next(href for href in re.findall(r'href="([^"]+)"', html) if "/unsubscribe/" in href)
    without_script(browser, width)
    browser.get(link)
    assert "editor@example.com" in browser.find_element(By.TAG_NAME, "main").text
    fits(browser)
    assert served.suppressed() == {}
    assert "will get no more editions" in press(browser, "unsubscribe")
    assert served.suppressed() == {"editor@example.com": "unsubscribed"}
    fits(browser)
    assert "subscribed again" in press(browser, "resubscribe")
    assert served.suppressed() == {}


@pytest.mark.parametrize("width", [375, 1024])
def test_sign_up_and_confirm_by_clicking(signup, browser, width):  # noqa: F811
    without_script(browser, width)
    browser.get(f"{signup.url}/subscribe")
    fits(browser)
    browser.find_element(By.ID, "email").send_keys("clicker@example.com")
    assert "on its way" in press(browser, "subscribe")
    (link,) = confirmation_links(signup)
    browser.get(link)
    fits(browser)
    assert "Welcome" in press(browser, "confirm")
    assert "clicker@example.com" in digest(signup.project, "subscribers", "list").stdout
