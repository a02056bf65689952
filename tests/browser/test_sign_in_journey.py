"""An investigator signs in with a TOTP code, lands on their force's page, is refused another
force's record, and signs out; every page visited passes axe-core with no serious violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from lantern.accounts.rules import Role
from tests import factories
from tests.browser.conftest import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _accessible(page: Page, visited: dict[str, list[object]]) -> None:
    visited[page.url] = serious_accessibility_violations(page)


def test_sign_in_with_totp_see_own_force_refused_another_sign_out(live_server: object,
                                                                   page: Page) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    investigator = factories.user(Role.INVESTIGATOR, username="dc-hale")
    factories.user(Role.INVESTIGATOR, org="greater-manchester", username="dc-doyle")
    visited: dict[str, list[object]] = {}

    # Given a signed-out investigator, when they open Lantern, they are asked to sign in.
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    _accessible(page, visited)

    # A wrong password is refused with an error summary.
    page.get_by_label("Username").fill("dc-hale")
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not right")
    _accessible(page, visited)

    page.get_by_label("Username").fill("dc-hale")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Enter the code from your authenticator app")
           ).to_be_visible()
    expect(page.get_by_role("button", name="Skip (demo only)")).to_have_count(0)
    _accessible(page, visited)

    # When they enter the code their authenticator shows, they land on their force's page.
    page.get_by_label("Code from your authenticator app").fill(factories.totp_code(investigator))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/organisations/west-yorkshire/$"))
    expect(page.locator("h1")).to_have_text("West Yorkshire Police")
    expect(page.locator("#signed-in-as")).to_have_text(str(investigator))
    expect(page.locator("#signed-in-organisation")).to_have_text("West Yorkshire Police")
    _accessible(page, visited)

    # Another force's record is refused, exactly as if it did not exist.
    response = page.goto(f"{base}/organisations/greater-manchester/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("main")).not_to_contain_text("Manchester")
    _accessible(page, visited)

    # They sign out, and Lantern's pages are closed to them again.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")
    page.goto(f"{base}/organisations/west-yorkshire/")
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()

    assert len(visited) >= 4
    assert {url: v for url, v in visited.items() if v} == {}
