"""The cases API answers through the same services, rules, access checks and audit trail as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.api.site import api
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases.models import Investigation, Person
from tests import factories

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _post(client: Client, path: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(f"/api/cases{path}", body, content_type=JSON)


def _record(client: Client, reference: str = "WY/00001/26") -> dict[str, Any]:
    response = _post(client, "/investigations", {
        "crime_reference": reference, "recorded_on": "2026-11-02", "offences": ["msa_2015_s1"],
        "exploitation_types": ["labour"], "industry": "car_wash"})
    assert response.status_code == 201, response.content
    return response.json()


def _under_investigation(client: Client, case: dict[str, Any], officer: User, supervisor: User) -> int:
    """Triage, allocate and start, through the API; returns the version now held."""
    path = f"/investigations/{case['id']}/moves"
    version = case["version"]
    for move in ({"to": "triaged"},
                 {"to": "allocated", "team": "specialist_unit", "officer_in_charge_id": officer.pk,
                  "supervisor_id": supervisor.pk},
                 {"to": "under_investigation"}):
        response = _post(client, path, {**move, "version": version})
        assert response.status_code == 200, response.content
        version = response.json()["version"]
    return version


def test_signed_out_callers_get_401() -> None:
    assert Client().get("/api/cases/investigations").status_code == 401


def test_record_list_and_read_an_investigation_and_the_read_is_audited() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    case = _record(client)
    assert case["status"] == "recorded" and case["offences"] == ["msa_2015_s1"]
    assert case["industry"] == "car_wash" and case["team"] is None and case["version"] == 1
    rows = client.get("/api/cases/investigations").json()
    assert [r["crime_reference"] for r in rows] == ["WY/00001/26"]
    assert rows[0]["delays"]["triaged"] is False and rows[0]["victims"] == 0
    assert client.get("/api/cases/investigations", {"status": "closed"}).json() == []
    assert client.get("/api/cases/investigations", {"status": "nonsense"}).status_code == 422
    detail = client.get(f"/api/cases/investigations/{case['id']}").json()
    assert detail["closure_blockers"] == ["No supervisor review is recorded: a supervisor must review "
                                          "the case."]
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=officer.pk,
                                     object_id=str(case["id"])).exists()


def test_a_duplicate_crime_reference_is_refused_with_the_reason() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    _record(client)
    response = _post(client, "/investigations", {"crime_reference": "wy/00001/26",
                                                  "recorded_on": "2026-11-02",
                                                  "exploitation_types": ["labour"]})
    assert response.status_code == 422
    assert response.json() == {"detail": ["Crime reference WY/00001/26 is already recorded in your "
                                           "force: open that investigation instead."]}


def test_closure_is_refused_with_the_blockers_until_it_is_safe() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    supervisor = factories.user(Role.SUPERVISOR)
    client, boss = factories.signed_in_client(officer), factories.signed_in_client(supervisor)
    case = _record(client)
    victim = _post(client, f"/investigations/{case['id']}/people",
                   {"role": "victim", "first_name": "Ana", "last_name": "Example",
                    "nationality": "Albanian"})
    assert victim.status_code == 201 and victim.json()["name"] == "Ana Example"
    line = _post(client, f"/investigations/{case['id']}/lines-of-enquiry",
                 {"description": "Trace the car wash owner"}).json()
    version = _under_investigation(client, case, officer, supervisor)

    refused = _post(client, f"/investigations/{case['id']}/closure",
                    {"outcome": "18", "version": version})
    assert refused.status_code == 422
    assert refused.json()["detail"] == [
        "Ana Example has not been spoken to: record when they were.",
        "1 line of enquiry is still open: complete or close each with its result.",
        "No supervisor review is recorded: a supervisor must review the case.",
        "Ana Example has not been told the case is closing: record when they were.",
    ]
    assert Investigation.objects.get(pk=case["id"]).status == "under_investigation"

    involvement = victim.json()["id"]
    assert _post(client, f"/involvements/{involvement}/spoken-to", {"on": "2026-11-03"},
                 "put").json()["spoken_to_on"] == "2026-11-03"
    assert _post(client, f"/involvements/{involvement}/told-of-closure", {"on": "2026-11-20"},
                 "put").status_code == 200
    assert _post(client, f"/lines-of-enquiry/{line['id']}/closure",
                 {"result": "Owner identified"}).json()["closed_on"]
    assert _post(client, f"/investigations/{case['id']}/reviews",
                 {"note": "Reviewed"}).status_code == 403
    assert _post(boss, f"/investigations/{case['id']}/reviews", {"note": "Reviewed"}).status_code == 201
    assert client.get(f"/api/cases/investigations/{case['id']}").json()["closure_blockers"] == []
    closed = _post(client, f"/investigations/{case['id']}/closure", {"outcome": "18", "version": version})
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed" and closed.json()["outcome_type"] == "18"
    assert closed.json()["closure_override_reason"] == ""


def test_only_a_supervisor_can_override_the_blockers_and_the_override_is_kept() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    supervisor = factories.user(Role.SUPERVISOR)
    client, boss = factories.signed_in_client(officer), factories.signed_in_client(supervisor)
    case = _record(client)
    version = _under_investigation(client, case, officer, supervisor)
    body = {"outcome": "20", "version": version, "override_reason": "NCA has taken primacy"}
    refused = _post(client, f"/investigations/{case['id']}/closure", body)
    assert refused.status_code == 422
    assert refused.json()["detail"] == ["Only a supervisor can close an investigation that is not ready "
                                        "to close."]
    closed = _post(boss, f"/investigations/{case['id']}/closure", body).json()
    assert closed["status"] == "closed" and closed["closure_override_reason"] == "NCA has taken primacy"
    assert closed["closure_blockers_overridden"] == [
        "No supervisor review is recorded: a supervisor must review the case."]
    event = AuditEvent.objects.filter(action=Action.ALTERATION, object_id=str(case["id"])).last()
    assert event is not None and event.justification == "NCA has taken primacy"


def test_a_stale_version_is_a_conflict_and_changes_nothing() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    case = _record(client)
    change = {"offences": ["msa_2015_s2"], "exploitation_types": ["sexual"], "summary": "First",
              "industry": "nail_bar", "exploitation_location": "uk", "organised_crime_involved": True,
              "nim_level": "2", "version": 1}
    first = _post(client, f"/investigations/{case['id']}", change, "put")
    assert first.status_code == 200 and first.json()["version"] == 2
    assert first.json()["exploitation_types"] == ["sexual"]
    stale = _post(client, f"/investigations/{case['id']}", {**change, "summary": "Second"}, "put")
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["detail"][0]
    saved = Investigation.objects.get(pk=case["id"])
    assert (saved.summary, saved.version) == ("First", 2)
    moved = _post(client, f"/investigations/{case['id']}/moves", {"to": "triaged", "version": 1})
    assert moved.status_code == 409 and Investigation.objects.get(pk=case["id"]).status == "recorded"


def test_a_move_the_lifecycle_does_not_allow_is_refused() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    case = _record(client)
    response = _post(client, f"/investigations/{case['id']}/moves", {"to": "with_justice", "version": 1})
    assert response.status_code == 422 and "next it can be: triaged" in response.json()["detail"][0]
    allocate = _post(client, f"/investigations/{case['id']}/moves", {"to": "triaged", "version": 1})
    missing = _post(client, f"/investigations/{case['id']}/moves",
                    {"to": "allocated", "version": allocate.json()["version"]})
    assert missing.json()["detail"] == ["Choose the team the investigation is allocated to.",
                                        "Choose the officer in charge.", "Choose the supervisor."]


def test_people_are_recorded_read_changed_and_identified_through_the_api() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    case = _record(client)
    added = _post(client, f"/investigations/{case['id']}/people",
                  {"role": "suspect", "first_name": "Vlad", "aliases": ["V"], "estimated_age": 40,
                   "gender": "male"}).json()
    person_id = added["person_id"]
    person = client.get(f"/api/cases/people/{person_id}").json()
    assert person["aliases"] == ["V"] and person["gender"] == "male" and person["child"] is False
    assert person["involvements"] == [{"id": added["id"], "investigation_id": case["id"],
                                       "crime_reference": "WY/00001/26", "role": "suspect"}]
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, object_id=str(person_id),
                                     user_id=officer.pk).exists()

    changed = _post(client, f"/people/{person_id}", {"version": 1, "estimated_age": 16}, "patch").json()
    assert changed["estimated_age"] == 16 and changed["child"] is True and changed["first_name"] == "Vlad"
    stale = _post(client, f"/people/{person_id}", {"version": 1, "first_name": "Other"}, "patch")
    assert stale.status_code == 409 and Person.objects.get(pk=person_id).first_name == "Vlad"
    bad_age = _post(client, f"/people/{person_id}", {"version": 2, "estimated_age": 130}, "patch")
    assert bad_age.json()["detail"] == ["Estimated age must be between 0 and 120."]
    bad_nationality = _post(client, f"/people/{person_id}", {"version": 2, "nationality": "Martian"},
                            "patch")
    assert bad_nationality.status_code == 422

    phone = _post(client, f"/people/{person_id}/identifiers", {"kind": "phone", "value": "+44 7700 900123"})
    assert phone.status_code == 201 and phone.json()["kind"] == "phone"
    again = _post(client, f"/people/{person_id}/identifiers", {"kind": "phone", "value": "07700900123"})
    assert again.status_code == 422 and "already has this phone" in again.json()["detail"][0]
    role = _post(client, f"/involvements/{added['id']}/role", {"role": "victim_and_suspect"}, "put")
    assert role.json()["role"] == "victim_and_suspect"
    not_victim = _post(client, f"/involvements/{added['id']}/role", {"role": "witness"}, "put")
    assert not_victim.status_code == 200
    assert _post(client, f"/involvements/{added['id']}/spoken-to", {"on": "2026-11-03"},
                 "put").status_code == 422


def test_another_forces_records_are_not_found() -> None:
    mine = factories.user(Role.INVESTIGATOR)
    theirs = factories.user(Role.SUPERVISOR, org="greater-manchester")
    case = factories.investigation(mine)
    victim = factories.victim(mine, case)
    client = factories.signed_in_client(theirs)
    assert client.get(f"/api/cases/investigations/{case.pk}").status_code == 404
    assert client.get(f"/api/cases/people/{victim.person_id}").status_code == 404
    assert _post(client, f"/investigations/{case.pk}/closure",
                 {"outcome": "18", "version": 1, "override_reason": "x"}).status_code == 404
    spoken_to = _post(client, f"/involvements/{victim.pk}/spoken-to", {"on": "2026-11-03"}, "put")
    assert spoken_to.status_code == 404
    assert client.get("/api/cases/investigations").json() == []
    assert not AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=theirs.pk).exists()


def test_a_partner_agency_is_refused_casework() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(officer)
    partner = factories.signed_in_client(factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement"))
    assert partner.get("/api/cases/investigations").status_code == 403
    assert partner.get(f"/api/cases/investigations/{case.pk}").status_code == 403
    assert _post(partner, "/investigations", {"crime_reference": "X/1", "recorded_on": "2026-11-02",
                                              "exploitation_types": ["labour"]}).status_code == 403


def test_the_openapi_schema_documents_the_cases_routes_and_their_answers() -> None:
    paths = api.get_openapi_schema()["paths"]
    for path in ("/api/cases/investigations", "/api/cases/investigations/{investigation_id}",
                 "/api/cases/investigations/{investigation_id}/moves",
                 "/api/cases/investigations/{investigation_id}/closure",
                 "/api/cases/investigations/{investigation_id}/people", "/api/cases/people/{person_id}",
                 "/api/cases/involvements/{involvement_id}/spoken-to"):
        assert path in paths
    closure = paths["/api/cases/investigations/{investigation_id}/closure"]["post"]["responses"]
    assert {"200", "403", "404", "409", "422"} <= set(map(str, closure))
