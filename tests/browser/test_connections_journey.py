"""Connections across forces in real Chromium: "seen before?" while typing, then a match confirmed.

Given Greater Manchester holds a suspect; when a West Yorkshire officer starts recording the same
man, the page says he may already be known and whom to contact, without Greater Manchester's
details; after the national run, a West Yorkshire analyst confirms the match and sees the
connection on the network graph.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from lantern.accounts.rules import Role
from lantern.cases import services as cases
from lantern.cases.models import Involvement
from lantern.cases.rules import IdentifierKind, InvolvementRole
from lantern.linkage import services as linkage
from tests import factories
from tests.browser.conftest import AccessibilityLog, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_is_told_a_suspect_is_known_elsewhere_and_an_analyst_confirms_the_match(
        live_server: object, new_page: object, axe: AccessibilityLog) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    gm = factories.user(Role.INVESTIGATOR, org="greater-manchester", username="dc-gm")
    gm_lead = factories.user(Role.FORCE_LEAD, org="greater-manchester", username="di-gm-lead")
    held = factories.investigation(gm, reference="GM/77001/26")
    suspect = cases.person_add_to_investigation(
        user=gm, investigation_id=held.pk, role=InvolvementRole.SUSPECT, first_name="Arben",
        last_name="Hoxha", date_of_birth=date(1985, 3, 4), nationality="Albanian")
    cases.identifier_add(user=gm, person_id=suspect.person_id, kind=IdentifierKind.PHONE,
                         value="07700 900461")
    officer = factories.user(Role.INVESTIGATOR, username="dc-wy")
    case = factories.investigation(officer, reference="WY/88001/26")

    page: Page = new_page()  # type: ignore[operator]
    sign_in(page, base, officer)
    page.goto(f"{base}/cases/{case.pk}/people/new/")
    expect(page.locator("#seen-before")).to_contain_text("Enter a name to check")
    page.get_by_label("First name").fill("Arben")
    page.get_by_label("Last name").fill("Hoxha")
    page.get_by_label("Date of birth", exact=True).fill("1985-03-04")
    page.get_by_label("Last name").press("Tab")
    notice = page.locator("#seen-before")
    expect(notice).to_contain_text("This person may already be known")
    expect(notice).to_contain_text("A record held by Greater Manchester Police")
    expect(notice).to_contain_text(gm_lead.email)
    expect(notice).not_to_contain_text("GM/77001/26")
    expect(notice.get_by_role("link")).to_have_count(0)  # nothing of theirs to open
    axe.check(page)
    page.get_by_label("Suspect", exact=True).check()
    page.get_by_role("button", name="Add person").click()
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))

    linkage.run_execute(run_id=linkage.run_request(user=None).pk)

    analyst = factories.user(Role.INTELLIGENCE_ANALYST, username="analyst-wy")
    second: Page = new_page()  # type: ignore[operator]
    sign_in(second, base, analyst)
    second.get_by_role("link", name="Connections").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("Connections across forces")
    axe.check(second)
    second.locator("#matches").get_by_role("link").first.click()
    expect(second.get_by_role("heading", level=1)).to_contain_text("match")
    sides = second.locator("#left, #right")
    expect(sides.filter(has_text="Arben Hoxha")).to_have_count(1)
    expect(sides.filter(has_text="A record held by Greater Manchester Police")).to_contain_text(gm_lead.email)
    expect(second.get_by_role("main")).not_to_contain_text("GM/77001/26")
    expect(second.locator("#reasons")).to_contain_text("Agreed")
    axe.check(second)
    second.get_by_label("The same person", exact=True).check()
    second.get_by_label("Why").fill("Same phone and date of birth; custody photographs compared.")
    second.get_by_role("button", name="Save decision").click()
    expect(second.locator("#decision")).to_contain_text("The same person")

    second.goto(f"{base}/linkage/graph/?start=person:{_wy_person(case.pk)}")
    main = second.get_by_role("main")
    expect(main).to_contain_text("Arben Hoxha")
    expect(main).to_contain_text("A record held by Greater Manchester Police")
    expect(main).to_contain_text("the same person as")
    axe.check(second)
    assert not axe.failures(), axe.failures()


def _wy_person(case_id: int) -> int:
    return Involvement.objects.get(investigation_id=case_id).person_id
