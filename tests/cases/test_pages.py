"""The investigation pages: thin over the services, with clear refusals."""

from datetime import date, timedelta

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


def test_the_list_shows_fifty_investigations_a_page_newest_first_and_counts_them_all() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    for n in range(1, 53):
        factories.investigation(investigator, reference=f"WY/{n:04d}/26",
                                recorded_on=date(2026, 1, 1) + timedelta(n))
    client = factories.signed_in_client(investigator)
    first = client.get("/cases/").content.decode()
    assert "52 investigations" in first and "Showing 1 to 50, newest first" in first
    assert "WY/0052/26" in first and "WY/0003/26" in first and "WY/0002/26" not in first
    assert 'href="?page=2" rel="next"' in first and "page 2 of 2" in first
    second = client.get("/cases/?page=2").content.decode()
    assert "Showing 51 to 52" in second and "WY/0002/26" in second and "WY/0001/26" in second
    assert "WY/0003/26" not in second and 'href="?page=1" rel="prev"' in second
    # A page past the end, or not a number, shows the nearest page rather than failing.
    assert "WY/0001/26" in client.get("/cases/?page=99").content.decode()
    assert "WY/0052/26" in client.get("/cases/?page=first").content.decode()
    filtered = client.get("/cases/?status=recorded").content.decode()
    assert "52 investigations: recorded" in filtered and 'href="?status=recorded&amp;page=2"' in filtered


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
