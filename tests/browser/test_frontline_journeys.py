"""A frontline officer at the roadside, on a phone: a child is referred into the NRM without
consent being asked; an adult who declines becomes an anonymous duty-to-notify notice whose NRM
export carries no name. Every page visited passes axe-core with no serious violations."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from lantern.accounts.rules import Role
from tests import factories
from tests.browser.conftest import AccessibilityLog, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME_KEYS = {"pv-name-first-name", "pv-name-last-name"}


def _open_signs_from_the_menu(page: Page) -> None:
    """On a phone the service navigation folds behind a Menu button."""
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    menu.tap()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Record an encounter").tap()
    expect(page).to_have_url(re.compile(r"/safeguarding/signs/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Signs of modern slavery and what to do first")


def _choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def _record_encounter(page: Page, axe: AccessibilityLog, *, safe: str, made_to: str, under_18: str,
                      age: str, first: str, last: str, gender: str, nationality: str,
                      seen: str) -> None:
    _open_signs_from_the_menu(page)
    axe.check(page)
    page.get_by_role("main").get_by_role("link", name="Record an encounter").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record an encounter")
    expect(page.locator(".govuk-caption-l")).to_have_text("Step 1 of 2: safety first")
    axe.check(page)
    _choose(page, "Where are they safe now?", safe)
    _choose(page, "What were they made to do?", made_to)
    _choose(page, "Are they under 18?", under_18)
    page.get_by_label("Their age, or your best estimate").fill(age)
    page.get_by_label("First name (if known)").fill(first)
    page.get_by_label("Last name (if known)").fill(last)
    _choose(page, "Gender", gender)
    page.get_by_label("Nationality").select_option(nationality)
    page.get_by_label("What did you see or hear?").fill(seen)
    page.get_by_role("button", name="Continue").tap()


def _keys(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for value in data.values() for k in _keys(value)}
    if isinstance(data, list):
        return {k for value in data for k in _keys(value)}
    return set()


def test_frontline_officer_on_a_phone_refers_a_child_and_notifies_for_an_adult_who_declines(
        live_server: object, phone_page: Page, axe: AccessibilityLog, tmp_path: Path) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    page = phone_page
    officer = factories.user(Role.FRONTLINE_OFFICER, username="pc-okafor")
    sign_in(page, base, officer)
    axe.check(page)
    assert page.evaluate("window.innerWidth") == 390

    # Safety first: the form refuses to go on without where the person is safe now.
    _open_signs_from_the_menu(page)
    page.get_by_role("main").get_by_role("link", name="Record an encounter").tap()
    page.get_by_role("button", name="Continue").tap()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose where they are safe now")
    expect(summary).to_contain_text("Say whether they are under 18")
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe.check(page)
    summary.get_by_role("link", name="Choose where they are safe now").tap()
    expect(page.get_by_label("Safe house", exact=True)).to_be_focused()

    # A child: the route page says consent is not needed, and the referral starts at once.
    _record_encounter(page, axe, safe="Local authority accommodation",
                      made_to="Criminal exploitation: county lines", under_18="Yes, or they may be",
                      age="15", first="Kai", last="Brennan", gender="Male", nationality="Albanian",
                      seen="Found at a flat with three phones and cash; said he owed a debt")
    expect(page).to_have_url(re.compile(r"/safeguarding/victims/\d+/route/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer Kai Brennan to the NRM")
    expect(page.get_by_role("main")).to_contain_text("consent is not needed")
    axe.check(page)
    page.get_by_role("button", name="Start the NRM referral").tap()

    expect(page).to_have_url(re.compile(r"/safeguarding/referrals/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"^NRM-"))
    expect(page.locator(".govuk-caption-l")).to_have_text(
        "Referral into the National Referral Mechanism")
    expect(page.locator("#referral-state")).to_have_text("Draft")
    expect(page.locator("#referral-gaps li").first).to_be_visible()
    add = page.get_by_role("link", name="Add what happened").bounding_box()
    submit = page.get_by_role("button", name="Submit to the Home Office").bounding_box()
    assert add is not None and submit is not None and submit["width"] == add["width"]
    expect(page.get_by_role("main")).to_contain_text("Kai Brennan")
    axe.check(page)

    # An adult who declines: the three explanations, their refusal, and no identifying consent.
    _record_encounter(page, axe, safe="Safe house", made_to="Labour exploitation (forced labour)",
                      under_18="No, an adult", age="34", first="Marta", last="Kowalczyk",
                      gender="Female", nationality="Polish",
                      seen="Working at a car wash, living on site, passport held by the boss")
    expect(page.get_by_role("heading", level=1)).to_have_text("Explain the NRM and ask for consent")
    expect(page.locator(".govuk-caption-l")).to_contain_text("is an adult")
    axe.check(page)
    page.get_by_label("I explained what the NRM is").check()
    page.get_by_label("I explained the support it gives").check()
    page.get_by_label("I explained its possible outcomes").check()
    _choose(page, "Do they agree to be referred into the NRM?", "No")
    page.get_by_label("If not: why do they not want to be referred?").fill(
        "Afraid the boss will find out")
    identifying = page.get_by_label("If not: they agree to their name and email")
    expect(identifying).not_to_be_checked()
    expect(identifying).to_have_accessible_description(re.compile(r"^Without this, the notice"))
    page.get_by_role("button", name="Continue").tap()

    expect(page).to_have_url(re.compile(r"/safeguarding/referrals/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"^DTN-"))
    expect(page.locator(".govuk-caption-l")).to_have_text(
        "Anonymous duty to notify (Modern Slavery Act 2015 s52), anonymous")
    expect(page.get_by_role("main")).to_contain_text("this notice carries no identifying details")
    expect(page.get_by_role("main")).to_contain_text("Declined: Afraid the boss will find out")
    expect(page.get_by_role("main")).to_contain_text("Female; Polish")
    expect(page.get_by_role("main")).not_to_contain_text("Marta")
    expect(page.get_by_role("main")).not_to_contain_text("Kowalczyk")
    axe.check(page)

    # The notice in the NRM service's format carries no name.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download in the NRM service's format").tap()
    download = download_info.value
    assert re.fullmatch(r"DTN-\d{3}-\d{6}\.json", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    exported = json.loads(text)
    assert not NAME_KEYS & _keys(exported)
    assert "Marta" not in text and "Kowalczyk" not in text

    assert len(axe.checked) >= 9
    assert axe.failures() == []
