"""The investigation pages: thin over the services, with clear refusals."""

import pytest

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases.models import Investigation
from tests import factories

pytestmark = pytest.mark.django_db


def test_record_an_investigation_then_see_it_listed_with_its_delays() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(investigator)
    response = client.post("/cases/new/", {
        "crime_reference": "WY/777/26", "recorded_on": "2026-11-01",
        "offences": ["msa_2015_s1"], "exploitation_types": ["labour", "sexual"],
        "industry": "car_wash", "exploitation_location": "uk", "nim_level": "1",
    })
    case = Investigation.objects.get(crime_reference="WY/777/26")
    assert response["Location"] == f"/cases/{case.pk}/"
    listing = client.get("/cases/").content.decode()
    assert "WY/777/26" in listing and "waiting" in listing
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Car wash" in detail and "Sexual exploitation" in detail
    assert "No supervisor review is recorded" in detail


def test_bad_input_is_named_and_nothing_is_saved() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    html = client.post("/cases/new/", {"crime_reference": "", "recorded_on": "tomorrow"}).content.decode()
    assert "Enter the crime reference" in html
    assert "Enter the date recorded as a date" in html
    assert "Select at least one type of exploitation" in html
    assert not Investigation.objects.exists()


def test_an_investigator_cannot_close_a_case_whose_victim_was_not_told() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    factories.victim(investigator, case)
    client = factories.signed_in_client(investigator)
    page = client.get(f"/cases/{case.pk}/close/").content.decode()
    assert "not ready to close" in page and "Supervisor override" not in page
    refused = client.post(f"/cases/{case.pk}/close/", {"outcome": "18", "version": 1})
    assert refused.status_code == 200
    assert "has not been told the case is closing" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == "recorded"


def test_adding_a_child_shows_the_child_flag() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    case = factories.investigation(factories.user(Role.INVESTIGATOR))
    client = factories.signed_in_client(officer)
    client.post(f"/cases/{case.pk}/people/new/", {
        "role": "victim", "first_name": "Mia", "estimated_age": "15", "gender": "female",
        "nationality": "Vietnamese"})
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Mia" in detail and ">Child<" in detail


def test_person_pages_are_consultations_and_other_forces_are_not_found() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    person = factories.victim(investigator, case).person
    client = factories.signed_in_client(investigator)
    assert client.get(f"/cases/people/{person.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, object_type="cases.person",
                                     object_id=str(person.pk)).exists()
    stranger = factories.signed_in_client(factories.user(Role.INVESTIGATOR, org="greater-manchester"))
    assert stranger.get(f"/cases/people/{person.pk}/").status_code == 404
    assert stranger.get(f"/cases/{case.pk}/").status_code == 404


def test_partners_see_no_victim_records() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    person = factories.victim(investigator, case).person
    partner = factories.signed_in_client(factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement"))
    assert partner.get("/cases/").status_code == 403
    assert partner.get(f"/cases/people/{person.pk}/").status_code == 403
