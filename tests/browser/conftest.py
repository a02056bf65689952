"""Real Chromium (Debian's package) driven by Playwright, with an axe-core check for each page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from lantern.accounts.models import User
from tests import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Browser tests need Debian's chromium package: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A page on a phone-sized touch screen, as a frontline officer at the roadside holds it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=3)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Any]:
    """Opens pages in fresh browser contexts (one person each); closes them all at the end."""
    contexts = []

    def open_page(**options: Any) -> Page:
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page: Page, base_url: str, person: User) -> None:
    """Sign in through the real pages: username and password, then the authenticator's code."""
    page.goto(f"{base_url}/")
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    page.get_by_label("Username").fill(person.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app")
           ).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill(factories.totp_code(person))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signed-in-as")).to_have_text(str(person))


class AccessibilityLog:
    """Each page checked with axe-core, in order, with its serious and critical violations."""

    def __init__(self) -> None:
        self.checked: list[tuple[str, list[dict[str, Any]]]] = []

    def check(self, page: Page) -> None:
        self.checked.append((f"{page.url} ({page.title()})", serious_accessibility_violations(page)))

    def failures(self) -> list[tuple[str, list[dict[str, Any]]]]:
        return [(where, found) for where, found in self.checked if found]


@pytest.fixture
def axe() -> AccessibilityLog:
    return AccessibilityLog()


def serious_accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """The axe-core violations of impact serious or critical on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"] if v["impact"] in ("serious", "critical")
    ]
