"""Justice pages: the s45 form by age, CPS steps, the order register and national view, disruptions."""

from datetime import date, timedelta

import pytest

from lantern.accounts.rules import Role
from lantern.cases import services as cases
from lantern.cases.rules import ExploitationType, InvolvementRole, Offence
from lantern.justice.models import Order, S45Consideration
from tests import factories

pytestmark = pytest.mark.django_db


def _farm(investigator):  # type: ignore[no-untyped-def]
    case = factories.investigation(investigator, offences=[Offence.SOA_2003_S59A],
                                   exploitation_types=[ExploitationType.CRIMINAL_CANNABIS])
    child = cases.person_add_to_investigation(user=investigator, investigation_id=case.pk,
                                              role=InvolvementRole.VICTIM_AND_SUSPECT, first_name="Minh",
                                              estimated_age=16)
    return case, child


def test_the_s45_form_asks_the_under_18_tests_and_records_the_exploiters_crime() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case, child = _farm(investigator)
    client = factories.signed_in_client(investigator)
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Consideration due before any charging decision" in detail
    form = client.get(f"/justice/suspects/{child.pk}/s45/").content.decode()
    assert "direct consequence" in form and "compelled" not in form.lower()
    missing = client.post(f"/justice/suspects/{child.pk}/s45/", {
        "offence": "Cannabis production", "offence_pursued": "no", "rationale": "Locked in"})
    assert "Answer yes or no" in missing.content.decode()
    done = client.post(f"/justice/suspects/{child.pk}/s45/", {
        "offence": "Cannabis production", "offence_pursued": "no", "rationale": "Locked in",
        "test_direct_consequence_of_being_a_victim": "yes",
        "test_reasonable_person_would_do_the_act": "yes"})
    assert done.status_code == 302
    consideration = S45Consideration.objects.get()
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "the defence applies" in detail and consideration.exploiter_crime.crime_reference in detail


def test_order_register_and_the_national_view_without_names() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    boss = cases.person_add_to_investigation(user=investigator, investigation_id=case.pk,
                                             role=InvolvementRole.SUSPECT, first_name="Bossman")
    client = factories.signed_in_client(investigator)
    client.post(f"/justice/people/{boss.person_id}/orders/new/", {
        "kind": "stro", "applied_on": "2026-06-01", "managing_officer_id": investigator.pk})
    order = Order.objects.get()
    review_on = (date.today() + timedelta(days=7)).isoformat()  # inside the task list's 28 days
    assert client.post(f"/justice/orders/{order.pk}/granted/", {
        "version": 1, "granted_on": "2026-06-10", "starts_on": "2026-06-10", "ends_on": "2026-06-01",
        "review_on": review_on, "prohibitions": "No contact"}).status_code == 200
    assert client.post(f"/justice/orders/{order.pk}/granted/", {
        "version": 1, "granted_on": "2026-06-10", "starts_on": "2026-06-10", "ends_on": "2028-06-10",
        "review_on": review_on, "prohibitions": "No contact\nNo labour supply"}).status_code == 302
    assert "Bossman" in client.get("/justice/orders/").content.decode()
    assert "Review due" in client.get("/safeguarding/tasks/").content.decode()
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    html = national.get("/justice/orders/").content.decode()
    assert "West Yorkshire Police" in html and "Bossman" not in html


def test_a_disruption_with_two_threat_types_counts_once() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    client = factories.signed_in_client(investigator)
    assert client.post(f"/justice/investigations/{case.pk}/disruptions/new/", {
        "on": "2026-11-01", "threat_types": ["msht", "money_laundering"], "tactic": "asset_seizure",
        "impact": "major", "impact_rationale": "Takings seized", "description": "Cash seized"}
    ).status_code == 302
    html = client.get("/justice/disruptions/").content.decode()
    assert 'id="disruption-total">1<' in html


def test_the_figures_count_considerations_and_convictions() -> None:
    from datetime import date

    from lantern.justice.rules.prosecution import ChargeDecision, ReferralKind, Verdict
    from lantern.justice.services import prosecution, s45

    investigator = factories.user(Role.INVESTIGATOR)
    _, child = _farm(investigator)
    s45.s45_consider(user=investigator, involvement_id=child.pk, offence="Cannabis", offence_pursued=False,
                     rationale="Locked in", answers={"direct_consequence_of_being_a_victim": True,
                                                     "reasonable_person_would_do_the_act": True})
    case = factories.investigation(investigator)
    boss = cases.person_add_to_investigation(user=investigator, investigation_id=case.pk,
                                             role=InvolvementRole.SUSPECT, first_name="Boss")
    referral = prosecution.cps_referral_record(user=investigator, involvement_id=boss.pk,
                                               kind=ReferralKind.CHARGING_DECISION,
                                               referred_on=date(2026, 11, 3))
    prosecution.charging_decision_record(user=investigator, referral_id=referral.pk,
                                         decision=ChargeDecision.CHARGE, decided_on=date(2026, 11, 4),
                                         charges="s2")
    prosecution.verdict_record(user=investigator, prosecution_id=referral.prosecution.pk, version=1,
                               verdict=Verdict.GUILTY_PLEA, verdict_on=date(2026, 11, 20))
    html = factories.signed_in_client(investigator).get("/justice/").content.decode()
    assert "1 (1 for under-18s); the defence applied in 1" in html
    assert "(100% of completed prosecutions)" in html
