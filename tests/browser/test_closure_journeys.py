"""Closing an investigation whose victim was not told: the investigator is refused and told why;
a supervisor closes it with an override reason that then shows on the case. Every page visited
passes axe-core with no serious violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.cases import services
from lantern.cases.models import Investigation
from lantern.cases.rules import Status, Team
from tests import factories
from tests.browser.conftest import AccessibilityLog, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_TOLD = "Ana Example has not been told the case is closing: record when they were."
OUTCOME = "18: Investigation complete, no suspect identified"


def _ready_but_victim_not_told(investigator: User, supervisor: User) -> Investigation:
    """Under investigation, the victim spoken to, every line closed and a supervisor review
    recorded: everything but telling the victim the case is closing."""
    case = factories.investigation(investigator, reference="WY/04417/26")
    services.investigation_move(user=investigator, investigation_id=case.pk, version=1,
                                to=Status.TRIAGED)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=2,
                                to=Status.ALLOCATED, team=Team.SPECIALIST_UNIT,
                                officer_in_charge_id=investigator.pk, supervisor_id=supervisor.pk)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=3,
                                to=Status.UNDER_INVESTIGATION)
    victim = factories.victim(investigator, case, first_name="Ana")
    services.victim_spoken_to_record(user=investigator, involvement_id=victim.pk,
                                     on=date(2026, 11, 3))
    line = services.line_of_enquiry_raise(user=investigator, investigation_id=case.pk,
                                          description="Trace the employer's bank account")
    services.line_of_enquiry_close(user=investigator, line_id=line.pk,
                                   result="Account closed in 2025")
    services.supervisor_review_record(user=supervisor, investigation_id=case.pk,
                                      note="Reviewed: no further lines")
    assert services.closure_facts(case).open_lines_of_enquiry == 0
    return case


def test_investigator_is_refused_closing_until_victim_told_and_supervisor_overrides(
        live_server: object, page: Page, new_page: Callable[..., Page], axe: AccessibilityLog
) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    investigator = factories.user(Role.INVESTIGATOR, username="dc-hale")
    supervisor = factories.user(Role.SUPERVISOR, username="ds-moss")
    case = _ready_but_victim_not_told(investigator, supervisor)
    case_url = f"{base}/cases/{case.pk}/"

    # The investigator sees the case is not ready to close, and why.
    sign_in(page, base, investigator)
    axe.check(page)
    page.goto(case_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("WY/04417/26")
    expect(page.locator("#status")).to_have_text("Under investigation")
    readiness = page.locator("#closure-readiness")
    expect(readiness.get_by_role("heading", name="Not ready to close")).to_be_visible()
    expect(readiness.get_by_role("listitem")).to_have_text([NOT_TOLD])
    axe.check(page)

    # They try to close it with an outcome and are refused with the same reason.
    page.get_by_role("link", name="Close investigation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close investigation WY/04417/26")
    expect(page.locator(".govuk-warning-text")).to_contain_text(NOT_TOLD)
    expect(page.get_by_label("Supervisor override: why close now?")).to_have_count(0)
    axe.check(page)
    page.get_by_label("Outcome type").select_option(label=OUTCOME)
    page.get_by_role("button", name="Close investigation").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(NOT_TOLD)
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe.check(page)

    page.get_by_role("link", name="Back").click()
    expect(page).to_have_url(case_url)
    expect(page.locator("#status")).to_have_text("Under investigation")
    expect(page.get_by_role("heading", name="Closed by supervisor override")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == Status.UNDER_INVESTIGATION and case.outcome_type in ("", None)

    # A supervisor, in their own browser, closes it by override with a reason.
    reason = "Ana has left the country and cannot be reached; her support worker agrees to tell her"
    supervisor_page = new_page()
    sign_in(supervisor_page, base, supervisor)
    supervisor_page.goto(case_url)
    expect(supervisor_page.locator("#closure-readiness")).to_contain_text(NOT_TOLD)
    axe.check(supervisor_page)
    supervisor_page.get_by_role("link", name="Close investigation").click()
    override = supervisor_page.get_by_label("Supervisor override: why close now?")
    expect(override).to_be_visible()
    axe.check(supervisor_page)
    supervisor_page.get_by_label("Outcome type").select_option(label=OUTCOME)
    override.fill(reason)
    supervisor_page.get_by_role("button", name="Close investigation").click()

    expect(supervisor_page).to_have_url(case_url)
    expect(supervisor_page.locator("#status")).to_have_text("Closed")
    banner = supervisor_page.get_by_role("region", name="Closed by supervisor override")
    expect(banner).to_contain_text(reason)
    expect(banner).to_contain_text(str(supervisor))
    expect(banner.get_by_role("listitem")).to_have_text([NOT_TOLD])
    expect(supervisor_page.locator("#closure-readiness")).to_have_count(0)
    expect(supervisor_page.get_by_role("link", name="Close investigation")).to_have_count(0)
    axe.check(supervisor_page)

    # The investigator, reloading, sees the same.
    page.goto(case_url)
    expect(page.locator("#status")).to_have_text("Closed")
    expect(page.get_by_role("region", name="Closed by supervisor override")).to_contain_text(reason)
    axe.check(page)

    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closure_override_by == supervisor
    assert len(axe.checked) >= 8
    assert axe.failures() == []
