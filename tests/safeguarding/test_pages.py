"""Safeguarding pages: the encounter, the route, the referral page, tasks, search by purpose."""

import json

import pytest

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
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
