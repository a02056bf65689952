"""Safeguarding pages: the encounter, the route, the referral page, tasks, search by purpose."""

import json

import pytest

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.safeguarding import queries
from lantern.safeguarding.models import Referral
from tests import factories

pytestmark = pytest.mark.django_db

CHILD = {"place_of_safety": "local_authority", "exploitation_types": ["criminal_county_lines"],
         "exploitation_location": "uk", "age": "child", "estimated_age": "15", "first_name": "Kai",
         "gender": "male", "nationality": "British"}


def test_the_signs_page_leads_to_the_encounter() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    html = client.get("/safeguarding/signs/").content.decode()
    assert "Signs to look for" in html and "/safeguarding/encounter/" in html


def test_a_child_encounter_goes_straight_to_a_referral_without_consent() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(officer)
    response = client.post("/safeguarding/encounter/", CHILD)
    assert response.status_code == 302 and response["Location"].endswith("/route/")
    page = client.get(response["Location"]).content.decode()
    assert "consent is not needed" in page
    started = client.post(response["Location"])
    referral = Referral.objects.get()
    assert started["Location"] == f"/safeguarding/referrals/{referral.pk}/"
    html = client.get(started["Location"]).content.decode()
    assert "Referral into the National Referral Mechanism" in html
    assert "Record the local authority children" in html


def test_an_adult_without_an_age_estimate_is_asked_for_one() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    html = client.post("/safeguarding/encounter/", {**CHILD, "age": "adult", "estimated_age": ""}
                       ).content.decode()
    assert "Give their age or your best estimate of it" in html


def test_an_adult_who_declines_gets_an_anonymous_notice_and_its_download_has_no_names() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(officer)
    route = client.post("/safeguarding/encounter/", {**CHILD, "age": "adult", "estimated_age": "34",
                                                     "first_name": "Zoltan"})["Location"]
    refused = client.post(route, {"consent_given": "no"}).content.decode()
    assert "Record that you explained what the NRM is" in refused
    done = client.post(route, {"explained": ["nrm", "support", "outcomes"], "consent_given": "no",
                               "refusal_reason": "Fears reprisals"})
    notice = Referral.objects.get()
    assert notice.anonymous and done["Location"] == f"/safeguarding/referrals/{notice.pk}/"
    download = client.get(f"/safeguarding/referrals/{notice.pk}/download/")
    body = json.loads(download.content)
    assert "Zoltan" not in download.content.decode() and "pv-name-first-name" not in body
    assert body["pv-want-to-submit-nrm"] == "no"


def test_the_task_list_shows_the_support_referral_owed() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(officer)
    client.post("/safeguarding/encounter/", CHILD)
    html = client.get("/safeguarding/tasks/").content.decode()
    assert "Referral to victim support services" in html


def test_a_long_task_list_shows_the_most_pressing_and_counts_the_rest(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Three support referrals owed in the force, two listed: the supervisor is told of the third."""
    monkeypatch.setattr(queries, "TASKS_SHOWN", 2)
    officer = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(officer)
    for name in ("Kai", "Lia", "Mo"):
        client.post("/safeguarding/encounter/", {**CHILD, "first_name": name})
    supervisor = factories.signed_in_client(factories.user(Role.SUPERVISOR))
    html = supervisor.get("/safeguarding/tasks/").content.decode()
    assert html.count("Referral to victim support services") == 2
    assert "The 2 due soonest are listed; 1 more is due later." in html
    answer = supervisor.get("/api/safeguarding/tasks").json()
    assert answer["count"] == 3 and len(answer["due_updates"]) == 2


def test_person_search_needs_a_purpose_other_than_immigration_status() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(officer)
    factories.victim(officer, case, first_name="Marta", aliases=["Mimi"])
    client = factories.signed_in_client(officer)
    refused = client.get("/cases/people/", {"name": "Marta",
                                            "purposes": ["establish_immigration_status_only"]})
    assert "immigration status" in refused.content.decode()
    assert "search-results" not in refused.content.decode()
    found = client.get("/cases/people/", {"name": "mimi", "purposes": ["safeguarding"]})
    assert "Marta Example" in found.content.decode()
    event = AuditEvent.objects.filter(object_type="cases.person_search").latest("sequence")
    assert event.action == Action.CONSULTATION and event.detail["results"] == 1


def test_the_support_pages_record_through_the_services_and_show_refusals() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    supervisor = factories.user(Role.SUPERVISOR)
    victim = factories.victim(officer, factories.investigation(officer), estimated_age=30)
    client = factories.signed_in_client(officer)
    base = f"/safeguarding/victims/{victim.pk}"
    refused = client.post(f"{base}/safety/new/", {"place": "police_station"}).content.decode()
    assert "last resort" in refused
    assert client.post(f"{base}/safety/new/", {"place": "hotel_or_bb"}).status_code == 302
    assert client.post(f"{base}/support/new/", {"kind": "vlo", "name": "PC Rahman",
                                                "assigned_on": "2026-11-20"}).status_code == 302
    assert client.post(f"{base}/interpreter/", {"language": "Polish", "preferred_sex": "female",
                                                "interpreter_sex": "male"}).status_code == 302
    assert client.post(f"{base}/updates/new/", {"kind": "suspect_arrested",
                                                "event_on": "2026-11-20"}).status_code == 302
    assert client.post(f"{base}/contacts/new/", {"at": "2026-11-20T10:00", "method": "phone",
                                                 "summary": "Told of the arrest"}).status_code == 302
    page = client.get(f"{base}/").content.decode()
    for shown in ("Hotel or B&amp;B", "PC Rahman", "Polish", "Suspect arrested", "Told of the arrest"):
        assert shown in page
    update = victim.updates.get()
    assert client.post(f"/safeguarding/updates/{update.pk}/given/", {
        "given_on": "2026-11-23", "how": "Phone"}).status_code == 302
    da_doubts = client.post(f"{base}/disclosures/new/", {
        "purpose": "safeguarding", "legal_basis": "iaa_1999_s20", "what_shared": "Nationality",
        "recipient": "IE", "domestic_abuse_victim": "yes", "evidence_of_immigration_offence": "no",
        "victim_told": "yes"}).content.decode()
    assert "adviser" in da_doubts
    asked = client.post(f"{base}/disclosures/new/", {
        "purpose": "prevention_or_detection_of_crime", "legal_basis": "cca_2013_s7",
        "what_shared": "Name", "recipient": "IE NCCU", "domestic_abuse_victim": "no",
        "evidence_of_immigration_offence": "yes", "victim_told": "yes"})
    assert asked.status_code == 302
    disclosure = victim.disclosures.get()
    assert client.get(f"/safeguarding/disclosures/{disclosure.pk}/decide/").status_code == 403
    boss = factories.signed_in_client(supervisor)
    assert boss.post(f"/safeguarding/disclosures/{disclosure.pk}/decide/",
                     {"approve": "yes"}).status_code == 302
    assert AuditEvent.objects.filter(action=Action.DISCLOSURE, recipient="IE NCCU").exists()


def test_the_disclosure_register_counts_for_supervisors_only() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    victim = factories.victim(officer, factories.investigation(officer))
    from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
    from lantern.safeguarding.services import disclosures

    disclosures.disclosure_request(
        user=officer, involvement_id=victim.pk, purpose=Purpose.PREVENTION_OR_DETECTION_OF_CRIME,
        legal_basis=LegalBasis.CCA_2013_S7, what_shared="Name", recipient="IE",
        domestic_abuse_victim=False, evidence_of_immigration_offence=True, victim_told=False,
        reason_victim_not_told="Could not be reached")
    assert factories.signed_in_client(officer).get("/safeguarding/disclosures/").status_code == 403
    html = factories.signed_in_client(factories.user(Role.SUPERVISOR)).get(
        "/safeguarding/disclosures/").content.decode()
    assert "Awaiting approval" in html and 'id="not-told">1<' in html
