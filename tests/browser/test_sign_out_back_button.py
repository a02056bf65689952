"""After signing out, the browser's back button shows no personal data: every page carries
``Cache-Control: no-store``, so Chromium keeps no copy to show and asks Lantern again, which
answers with the sign-in page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from lantern.accounts.rules import Role
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_back_after_sign_out_shows_the_sign_in_page_not_the_victim(live_server: object, page: Page) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    investigator = factories.user(Role.INVESTIGATOR, username="dc-back")
    case = factories.investigation(investigator, reference="WY/77001/26")
    victim = factories.victim(investigator, case, first_name="Zofia", date_of_birth=date(1994, 3, 7))
    sign_in(page, base, investigator)

    # The investigator opens the case and the victim's own page: personal data on screen.
    answer = page.goto(f"{base}/cases/{case.pk}/")
    assert answer is not None and answer.status == 200
    assert answer.headers["cache-control"] == "no-store"
    expect(page.locator("main")).to_contain_text("Zofia")
    answer = page.goto(f"{base}/safeguarding/victims/{victim.pk}/")
    assert answer is not None and answer.status == 200
    assert answer.headers["cache-control"] == "no-store"
    expect(page.locator("main")).to_contain_text("Zofia")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()

    # Back, and back again: each time the sign-in page, never the victim's name.
    for _ in range(2):
        page.go_back()
        expect(page.get_by_role("heading", name="Sign in to Lantern")).to_be_visible()
        assert "Zofia" not in page.content()
        assert "WY/77001/26" not in page.content()
    # Forward again, the same.
    page.go_forward()
    assert "Zofia" not in page.content()
