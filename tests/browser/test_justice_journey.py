"""Justice in the browser. A 16-year-old found tending a cannabis farm is a victim and a suspect:
the investigator considers the s45 defence (the under-18 tests), finds that it applies and that
the offence is not pursued, and Lantern records a modern slavery crime against the exploiter with
the boy as its victim. Then the officer managing a convicted exploiter's prevention order finds
its review due on their task list. Every page visited passes axe-core with no serious violations."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.cases import services
from lantern.cases.models import Investigation, Involvement
from lantern.cases.rules import ExploitationType, Industry, InvolvementRole, Offence
from lantern.justice.models import Order, S45Consideration
from lantern.justice.rules.orders import OrderKind
from lantern.justice.rules.prosecution import ChargeDecision, ReferralKind, Verdict
from lantern.justice.services import orders, prosecution
from lantern.legal.rules import long_date
from tests import factories
from tests.browser.conftest import AccessibilityLog, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FARM = "WY/07731/26"
UNDER_18_TESTS = [
    "Did the person do the act as a direct consequence of being, or having been, a victim of slavery "
    "or of relevant exploitation? (s45(4)(b))",
    "Would a reasonable person in the same situation, with the person's relevant characteristics "
    "(including their age, sex and any physical or mental illness or disability), do that act? "
    "(s45(4)(c) and (5))",
]
PURSUED = "Is the offence being pursued?"
REASONS = "Your reasons, on the evidence"
OFFENCE = "The offence they are suspected of"
EMPTY_FORM_ERRORS = [
    "Say which offence they are suspected of",
    *[f"Answer yes or no: {label.split('? (')[0]}?" for label in UNDER_18_TESTS],
    "Say whether the offence is being pursued",
    "Give your reasons",
]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return date(day.year - years, 2, 28)


def _cannabis_farm(investigator: User, today: date) -> tuple[Investigation, Involvement]:
    """A cannabis farm raid recording no Modern Slavery Act offence yet, and a 16-year-old found
    tending it: a victim of criminal exploitation and a suspect of cultivating cannabis."""
    case = services.investigation_record(
        user=investigator, crime_reference=FARM, recorded_on=today - timedelta(days=3),
        offences=[], exploitation_types=[ExploitationType.CRIMINAL_CANNABIS],
        industry=Industry.DRUG_SUPPLY,
        summary="Cannabis farm in a terraced house; a boy found locked in, tending the plants.")
    boy = services.person_add_to_investigation(
        user=investigator, investigation_id=case.pk, role=InvolvementRole.VICTIM_AND_SUSPECT,
        first_name="Minh", last_name="Tran",
        date_of_birth=_years_before(today, 16) - timedelta(days=40), nationality="Vietnamese")
    assert boy.person.is_child_on(today)
    return case, boy


def _prevention_order(investigator: User, managing_officer: User, today: date) -> Order:
    """A gangmaster referred, charged, pleads guilty and is sentenced; a prevention order is made
    on him, managed by ``managing_officer``, with its review a fortnight from today."""
    case = services.investigation_record(
        user=investigator, crime_reference="WY/05102/26", recorded_on=today - timedelta(days=200),
        offences=[Offence.MSA_S1, Offence.MSA_S2], exploitation_types=[ExploitationType.LABOUR],
        industry=Industry.CAR_WASH)
    suspect = services.person_add_to_investigation(
        user=investigator, investigation_id=case.pk, role=InvolvementRole.SUSPECT,
        first_name="Darius", last_name="Keane", date_of_birth=date(1979, 5, 14))
    referral = prosecution.cps_referral_record(
        user=investigator, involvement_id=suspect.pk, kind=ReferralKind.CHARGING_DECISION,
        referred_on=today - timedelta(days=150), cps_reference="CPS-11/2026/0412",
        modern_slavery_flagged=True)
    referral = prosecution.charging_decision_record(
        user=investigator, referral_id=referral.pk, decision=ChargeDecision.CHARGE,
        decided_on=today - timedelta(days=140),
        charges="Holding a person in slavery or servitude (MSA 2015 s1); human trafficking (s2)",
        court="Leeds Magistrates' Court", first_hearing_on=today - timedelta(days=130))
    prosecution.verdict_record(
        user=investigator, prosecution_id=referral.prosecution.pk,
        version=referral.prosecution.version,
        verdict=Verdict.GUILTY_PLEA, verdict_on=today - timedelta(days=60),
        sentence="6 years' imprisonment", sentenced_on=today - timedelta(days=45))
    order = orders.order_apply(
        user=investigator, subject_id=suspect.person_id, kind=OrderKind.STPO,
        applied_on=today - timedelta(days=45), managing_officer_id=managing_officer.pk,
        investigation_id=case.pk)
    return orders.order_grant(
        user=investigator, order_id=order.pk, version=order.version,
        granted_on=today - timedelta(days=45), starts_on=today - timedelta(days=45), ends_on=None,
        review_on=today + timedelta(days=14), court="Leeds Crown Court",
        prohibitions=["Not to employ or manage anyone, paid or unpaid",
                      "Not to hold any other person's identity documents"])


def test_s45_defence_for_a_child_then_a_prevention_order_review_on_the_managers_tasks(
        live_server: object, page: Page, new_page: Callable[..., Page], axe: AccessibilityLog
) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    today = timezone.localdate()
    investigator = factories.user(Role.INVESTIGATOR, username="dc-okafor")
    case, boy = _cannabis_farm(investigator, today)
    case_url = f"{base}/cases/{case.pk}/"

    # The investigator opens the investigation from the list and sees the defence must be considered.
    sign_in(page, base, investigator)
    axe.check(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Investigations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Investigations")
    axe.check(page)
    page.get_by_role("link", name=FARM, exact=True).click()
    expect(page).to_have_url(case_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(FARM)
    suspects = page.get_by_role("heading", name="Suspects: s45 defence and the CPS")
    expect(suspects).to_be_visible()
    card = page.locator(f"#suspect-{boy.pk}")
    expect(card.get_by_role("heading", level=3)).to_have_text("Minh Tran (victim and suspect)")
    expect(card).to_contain_text("Consideration due before any charging decision")
    axe.check(page)

    # The form asks the under-18 tests, not the adult compulsion test.
    card.get_by_role("link", name="Consider the s45 defence for Minh Tran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consider the s45 defence for Minh Tran")
    expect(page.locator(".govuk-caption-l")).to_have_text(f"Under 18 when they did the act; {FARM}")
    for question in UNDER_18_TESTS:
        group = page.get_by_role("group", name=question, exact=True)
        expect(group).to_be_visible()
        expect(group.get_by_role("radio")).to_have_count(2)
    expect(page.get_by_role("group", name=re.compile("compelled"))).to_have_count(0)
    expect(page.get_by_text("compelled", exact=False)).to_have_count(0)
    axe.check(page)

    # Sending it unanswered is refused, with an error summary that leads to each question.
    page.get_by_role("button", name="Record the consideration").click()
    expect(page).to_have_title(re.compile(r"^Error: Consider the s45 defence for Minh Tran"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("listitem")).to_have_text(EMPTY_FORM_ERRORS)
    expect(page.get_by_label(OFFENCE)).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_offence-error\b"))
    axe.check(page)
    summary.get_by_role("link", name="Say which offence they are suspected of").click()
    expect(page.get_by_label(OFFENCE)).to_be_focused()
    assert not S45Consideration.objects.exists()

    # Answered on the evidence: both tests met, the offence not pursued.
    page.get_by_label(OFFENCE).fill("Cultivating cannabis (Misuse of Drugs Act 1971 s6)")
    for question in UNDER_18_TESTS:
        page.get_by_role("group", name=question, exact=True).get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name=PURSUED).get_by_label("No", exact=True).check()
    page.get_by_label(REASONS).fill(
        "Found locked in the house with no key, his passport held by the man who brought him; "
        "he tended the plants because he was told his family's debt would grow if he did not.")
    page.get_by_role("button", name="Record the consideration").click()

    # Back on the case: the defence applies, and a crime is recorded against the exploiter.
    expect(page).to_have_url(case_url)
    card = page.locator(f"#suspect-{boy.pk}")
    expect(card).to_contain_text("the defence applies")
    expect(card).to_contain_text("Cultivating cannabis (Misuse of Drugs Act 1971 s6): the defence "
                                 "applies, not pursued")
    expect(card).not_to_contain_text("Consideration due before any charging decision")
    exploiter_crime = card.get_by_role("link", name=f"{FARM}-S45")
    expect(exploiter_crime).to_be_visible()
    expect(card).to_contain_text(f"Modern slavery crime against the exploiter: {FARM}-S45")
    axe.check(page)

    # The new investigation has the boy as its victim.
    exploiter_crime.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{FARM}-S45")
    expect(page.locator("#status")).to_have_text("Recorded")
    people = page.locator("#people")
    row = people.get_by_role("row").filter(has=page.get_by_role("link", name="Minh Tran"))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(1)).to_have_text("Victim")
    expect(row).to_contain_text("Child")
    expect(page.get_by_text("Modern Slavery Act 2015 s1: slavery")).to_be_visible()
    expect(page.get_by_text(f"the s45 defence was found to apply to a suspect in {FARM}",
                            exact=False)).to_be_visible()
    axe.check(page)

    consideration = S45Consideration.objects.get()
    assert consideration.involvement == boy and consideration.defence_applies
    assert not consideration.offence_pursued
    assert consideration.exploiter_crime is not None
    assert consideration.exploiter_crime.involvements.get().person == boy.person

    # Elsewhere in the force a gangmaster was convicted and a prevention order made on him, to be
    # managed by a second officer, its review due in a fortnight.
    manager = factories.user(Role.INVESTIGATOR, username="pc-lindqvist")
    order = _prevention_order(investigator, manager, today)
    review_on = today + timedelta(days=14)
    title = "Slavery and trafficking prevention order (MSA 2015 ss14-15) on Darius Keane"

    # The managing officer, in their own browser, opens their tasks from the menu.
    officer = new_page()
    sign_in(officer, base, manager)
    axe.check(officer)
    officer.get_by_role("navigation", name="Menu").get_by_role("link", name="My tasks").click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("My tasks")
    expect(officer.get_by_role("heading", name="Orders you manage")).to_be_visible()
    tasks = officer.locator("#order-tasks").get_by_role("listitem")
    expect(tasks).to_have_count(1)
    expect(tasks).to_have_text(f"{title}: Review due on {long_date(review_on)}, in 14 days.")
    axe.check(officer)

    # The link opens the order.
    tasks.get_by_role("link", name=title).click()
    expect(officer).to_have_url(f"{base}/justice/orders/{order.pk}/")
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        "Slavery and trafficking prevention order (MSA 2015 ss14-15): Darius Keane")
    expect(officer.locator(".govuk-caption-l")).to_have_text("Granted")
    details = officer.locator(".govuk-summary-list")
    expect(details).to_contain_text(long_date(review_on))
    expect(details).to_contain_text(str(manager))
    expect(details.get_by_role("listitem")).to_have_text([
        "Not to employ or manage anyone, paid or unpaid",
        "Not to hold any other person's identity documents"])
    expect(officer.get_by_role("link", name="Record a breach")).to_be_visible()
    axe.check(officer)

    assert len(axe.checked) >= 10
    assert axe.failures() == []
