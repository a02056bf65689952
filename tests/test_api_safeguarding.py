"""The safeguarding API answers through the same services, rules, access checks and audit trail as
the pages: the NRM route by the rules, anonymous notices that stay anonymous, decisions, support,
Victims' Code updates and disclosures."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lantern.accounts.rules import Role
from lantern.api.site import api
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.safeguarding.models import Disclosure, Referral
from lantern.safeguarding.nrm_form import IDENTIFYING_FIELDS
from tests import factories

pytestmark = pytest.mark.django_db
JSON = "application/json"
EXPLAINED = {"nrm_explained": True, "support_explained": True, "outcomes_explained": True}
WHAT_HAPPENED = {
    "what_happened": "Made to work 12 hours a day washing cars for no pay.",
    "how_exploitation_started": "Offered a job through a cousin.",
    "living_conditions": "Eight men in one room above the car wash.",
    "treatment": "Threatened, passport taken.", "exploitation_start": "2026-05-01",
    "exploitation_end": "2026-11-01", "still_in_exploitative_situation": False,
    "current_city": "Leeds", "immigration_status": "Visitor visa, expired",
    "exploitation_location": "uk",
}


def _send(client: Client, path: str, body: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(f"/api/safeguarding{path}", body, content_type=JSON)


def _encounter(client: Client, **person: Any) -> dict[str, Any]:
    response = _send(client, "/encounters", {
        "place_of_safety": "safe_house", "exploitation_types": ["labour"],
        "what_was_seen": "Car wash, 6 workers", "first_name": "Ana", "last_name": "Example",
        "gender": "female", "nationality": "Albanian", **person})
    assert response.status_code == 201, response.content
    return response.json()


def _submitted(client: Client) -> dict[str, Any]:
    adult = _encounter(client, estimated_age=30)
    referral = _send(client, f"/victims/{adult['involvement_id']}/referrals",
                     {"consent": {**EXPLAINED, "consent_given": True}}).json()
    updated = _send(client, f"/referrals/{referral['id']}", {"version": 1, **WHAT_HAPPENED}, "patch")
    submitted = _send(client, f"/referrals/{referral['id']}/submission",
                      {"version": updated.json()["version"]})
    assert submitted.status_code == 200, submitted.content
    return dict(submitted.json())


def test_a_child_is_referred_without_consent_being_asked() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    child = _encounter(client, estimated_age=15, reason_to_believe_child=True)
    assert child["age_answer"] == "yes" and child["consent_needed"] is False
    assert child["crime_reference"].startswith("ENC-")
    referral = _send(client, f"/victims/{child['involvement_id']}/referrals", {})
    assert referral.status_code == 201
    body = referral.json()
    assert body["route"] == "nrm_referral" and body["consent_given"] is None
    assert body["first_name"] == "Ana" and body["anonymous"] is False and body["state"] == "draft"
    assert body["reference"].startswith("NRM-")
    earlier = client.get(f"/api/safeguarding/victims/{child['involvement_id']}/referrals").json()
    assert [r["id"] for r in earlier] == [body["id"]]


def test_an_export_the_nrm_form_would_not_take_is_refused_and_nothing_is_disclosed() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    child = _encounter(client, estimated_age=15)
    referral = _send(client, f"/victims/{child['involvement_id']}/referrals", {}).json()
    _send(client, f"/referrals/{referral['id']}", {"version": 1, "local_authority_name": "Nowhere"},
          "patch")
    refused = client.get(f"/api/safeguarding/referrals/{referral['id']}/nrm-json")
    assert refused.status_code == 422
    assert "'Nowhere' is not in the Home Office list" in refused.json()["detail"][0]
    assert not AuditEvent.objects.filter(action=Action.DISCLOSURE).exists()
    _send(client, f"/referrals/{referral['id']}", {"version": 2, "local_authority_name": ""}, "patch")
    exported = client.get(f"/api/safeguarding/referrals/{referral['id']}/nrm-json").json()
    assert exported["pv-under-age"] == "yes" and exported["pv-name-first-name"] == "Ana"


def test_an_adult_needs_the_three_explanations_and_their_answer() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    adult = _encounter(client, estimated_age=30)
    assert adult["age_answer"] == "no" and adult["consent_needed"] is True
    refused = _send(client, f"/victims/{adult['involvement_id']}/referrals",
                    {"consent": {"nrm_explained": True, "consent_given": True}})
    assert refused.status_code == 422
    assert refused.json()["detail"] == ["Record that you explained the support it gives.",
                                        "Record that you explained its possible outcomes."]
    assert not Referral.objects.exists()


def test_an_adult_who_declines_gets_a_notice_that_names_nobody_anywhere() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(officer)
    adult = _encounter(client, estimated_age=30)
    started = _send(client, f"/victims/{adult['involvement_id']}/referrals",
                    {"consent": {**EXPLAINED, "consent_given": False},
                     "refusal_reason": "Afraid of the employer"})
    assert started.status_code == 201
    notice = started.json()
    assert notice["route"] == "duty_to_notify" and notice["anonymous"] is True
    assert notice["reference"].startswith("DTN-")
    for name in ("first_name", "last_name", "email", "phone", "date_of_birth"):
        assert notice[name] is None
    read = client.get(f"/api/safeguarding/referrals/{notice['id']}")
    assert "Ana" not in read.content.decode() and "Example" not in read.content.decode()
    assert read.json()["gender"] == "female" and read.json()["nationality"] == "Albanian"
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, object_id=str(notice["id"]),
                                     user_id=officer.pk).exists()

    named = _send(client, f"/referrals/{notice['id']}", {"version": 1, "first_name": "Ana"}, "patch")
    assert named.status_code == 422 and "cannot hold first_name" in named.json()["detail"][0]
    told = _send(client, f"/referrals/{notice['id']}",
                 {"version": 1, "what_happened": "Ana worked at the car wash"}, "patch")
    assert told.status_code == 422 and "Ana" in told.json()["detail"][0]

    exported = client.get(f"/api/safeguarding/referrals/{notice['id']}/nrm-json")
    assert exported.status_code == 200
    assert not set(exported.json()) & IDENTIFYING_FIELDS
    assert "Ana" not in exported.content.decode() and "Example" not in exported.content.decode()
    event = AuditEvent.objects.get(action=Action.DISCLOSURE, object_id=str(notice["id"]))
    assert event.user_id == officer.pk and event.detail["anonymous"] is True


def test_a_notice_with_identifying_consent_shows_names_but_never_birth_date_or_phone() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    adult = _encounter(client, estimated_age=30, date_of_birth="1996-01-01")
    notice = _send(client, f"/victims/{adult['involvement_id']}/referrals",
                   {"consent": {**EXPLAINED, "consent_given": False}, "identifying_consent": True}).json()
    assert notice["anonymous"] is False and notice["first_name"] == "Ana"
    assert notice["date_of_birth"] is None and notice["phone"] is None


def test_submission_waits_for_what_the_decision_maker_needs_and_a_stale_copy_conflicts() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(officer)
    adult = _encounter(client, estimated_age=30)
    referral = _send(client, f"/victims/{adult['involvement_id']}/referrals",
                     {"consent": {**EXPLAINED, "consent_given": True}}).json()
    gaps = {gap["field"] for gap in referral["gaps"]}
    assert {"what_happened", "how_exploitation_started", "living_conditions"} <= gaps
    refused = _send(client, f"/referrals/{referral['id']}/submission", {"version": 1})
    assert refused.status_code == 422
    assert refused.json()["detail"] == [gap["message"] for gap in referral["gaps"]]

    updated = _send(client, f"/referrals/{referral['id']}", {"version": 1, **WHAT_HAPPENED}, "patch")
    assert updated.status_code == 200 and updated.json()["gaps"] == [] and updated.json()["version"] == 2
    assert updated.json()["exploitation_start"] == "2026-05-01"
    stale = _send(client, f"/referrals/{referral['id']}", {"version": 1, "current_city": "York"}, "patch")
    assert stale.status_code == 409
    assert _send(client, f"/referrals/{referral['id']}/submission", {"version": 1}).status_code == 409
    saved = Referral.objects.get(pk=referral["id"])
    assert (saved.state, saved.current_city) == ("draft", "Leeds")

    submitted = _send(client, f"/referrals/{referral['id']}/submission", {"version": 2})
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    event = AuditEvent.objects.get(action=Action.DISCLOSURE, object_id=str(referral["id"]))
    assert "Single Competent Authority" in event.recipient


def test_decisions_give_the_recovery_period_under_the_rules_in_force() -> None:
    client = factories.signed_in_client(factories.user(Role.INVESTIGATOR))
    referral = _submitted(client)
    path = f"/referrals/{referral['id']}"
    early = _send(client, f"{path}/decisions", {"stage": "conclusive_grounds", "result": "positive",
                                                 "decided_on": "2026-01-01",
                                                 "authority": "single_competent_authority"})
    assert early.status_code == 422
    no_period = _send(client, f"{path}/further-recovery", {"on": "2026-03-01", "days": 30, "reason": "x"})
    assert no_period.status_code == 422 and "no recovery period" in no_period.json()["detail"][0]
    decision = _send(client, f"{path}/decisions", {"stage": "reasonable_grounds", "result": "positive",
                                                    "decided_on": "2026-03-01",
                                                    "authority": "single_competent_authority"})
    assert decision.status_code == 201 and decision.json()["stage"] == "reasonable_grounds"
    period = client.get(f"/api/safeguarding{path}").json()["recovery_period"]
    assert period["starts_on"] == "2026-03-01" and period["minimum_days"] == 30
    assert period["open_ended"] is True and period["ends_on"] is None
    further = _send(client, f"{path}/further-recovery",
                    {"on": "2026-05-01", "days": 30, "reason": "Further trauma disclosed"})
    assert further.status_code == 201 and further.json()["kind"] == "further_period"
    unreasoned = _send(client, f"{path}/disqualifications",
                       {"on": "2026-05-02", "ground": "public_order", "reason": " "})
    assert unreasoned.status_code == 422
    changes = client.get(f"/api/safeguarding{path}").json()["recovery_changes"]
    assert [c["kind"] for c in changes] == ["further_period"]


def test_information_requests_are_tasks_and_their_answers_are_logged_disclosures() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    referral = _submitted(client)
    backwards = _send(client, f"/referrals/{referral['id']}/information-requests",
                      {"received_on": "2026-11-10", "due_on": "2026-11-01", "what_is_asked": "CPIA"})
    assert backwards.status_code == 422
    request = _send(client, f"/referrals/{referral['id']}/information-requests",
                    {"received_on": "2026-11-01", "due_on": "2026-11-08",
                     "what_is_asked": "Interview transcript"}).json()
    tasks = client.get("/api/safeguarding/tasks").json()
    assert [r["id"] for r in tasks["information_requests"]] == [request["id"]]
    answered = _send(client, f"/information-requests/{request['id']}/answer",
                     {"answered_on": "2026-11-05", "summary": "Transcript sent"})
    assert answered.status_code == 200 and answered.json()["answered_on"] == "2026-11-05"
    assert AuditEvent.objects.filter(action=Action.DISCLOSURE, user_id=officer.pk,
                                     recipient="Home Office competent authority").exists()
    assert client.get("/api/safeguarding/tasks").json()["information_requests"] == []


def test_support_is_recorded_by_the_same_rules_as_the_pages() -> None:
    client = factories.signed_in_client(factories.user(Role.FRONTLINE_OFFICER))
    victim = f"/victims/{_encounter(client, estimated_age=30)['involvement_id']}"
    station = _send(client, f"{victim}/safety-arrangements", {"place": "police_station"})
    assert station.status_code == 422 and "last resort" in station.json()["detail"][0]
    hotel = _send(client, f"{victim}/safety-arrangements",
                  {"place": "hotel_or_bb", "arranged_at": "2026-11-20T21:30:00+00:00"})
    assert hotel.status_code == 201 and hotel.json()["place"] == "hotel_or_bb"
    guardian = _send(client, f"{victim}/supporters", {"kind": "ictg", "name": "G"})
    assert guardian.status_code == 422 and "for children" in guardian.json()["detail"][0]
    assert _send(client, f"{victim}/supporters", {"kind": "vlo", "name": "PC Rahman"}).status_code == 201

    brought = _send(client, f"{victim}/interpreter", {"language": "Albanian",
                                                      "brought_by_someone_present": True}, "put")
    assert brought.status_code == 422
    first = {"language": "Albanian", "preferred_sex": "female", "interpreter_name": "Interpreter A",
             "interpreter_sex": "female"}
    assert _send(client, f"{victim}/interpreter", first, "put").json()["warnings"] == []
    changed = _send(client, f"{victim}/interpreter",
                    {**first, "interpreter_name": "Interpreter B", "interpreter_sex": "male"}, "put")
    assert changed.status_code == 200 and len(changed.json()["warnings"]) == 2

    contact = {"at": "2026-11-21T10:00:00+00:00", "method": "phone", "summary": "Checked in"}
    assert _send(client, f"{victim}/contacts", contact).status_code == 201
    assert _send(client, f"{victim}/contacts", {**contact, "at": "2026-11-21T10:00:00"}).status_code == 422
    future = _send(client, f"{victim}/contacts", {**contact, "at": "2030-01-01T10:00:00+00:00"})
    assert future.json()["detail"] == ["The contact's time must not be in the future."]


def test_victims_code_updates_fall_due_and_are_given() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    victim = factories.victim(officer, factories.investigation(officer))
    owed = _send(client, f"/victims/{victim.pk}/updates",
                 {"kind": "suspect_arrested", "event_on": "2026-11-20"})
    assert owed.status_code == 201
    update = owed.json()
    assert update["due_on"] == "2026-11-23" and update["enhanced"] is True and update["overdue"] is True
    tasks = client.get("/api/safeguarding/tasks").json()
    assert [u["id"] for u in tasks["overdue_updates"]] == [update["id"]] and tasks["count"] == 1
    no_how = _send(client, f"/updates/{update['id']}/given", {"given_on": "2026-11-23", "how": ""})
    assert no_how.status_code == 422
    given = _send(client, f"/updates/{update['id']}/given",
                  {"given_on": "2026-11-23", "how": "Phone call with interpreter"})
    assert given.json()["given_on"] == "2026-11-23" and given.json()["overdue"] is False
    assert client.get("/api/safeguarding/tasks").json()["overdue_updates"] == []


def test_a_disclosure_needs_another_persons_supervisor_approval_and_is_logged() -> None:
    officer, supervisor = factories.user(Role.INVESTIGATOR), factories.user(Role.SUPERVISOR)
    client, boss = factories.signed_in_client(officer), factories.signed_in_client(supervisor)
    victim = factories.victim(officer, factories.investigation(officer))
    request = {"purpose": "prevention_or_detection_of_crime", "legal_basis": "cca_2013_s7",
               "what_shared": "Name and nationality", "recipient": "Immigration Enforcement NCCU",
               "domestic_abuse_victim": False, "evidence_of_immigration_offence": True,
               "victim_told": True}
    status_only = _send(client, f"/victims/{victim.pk}/disclosures",
                        {**request, "purpose": "establish_immigration_status_only"})
    assert status_only.status_code == 422 and "immigration status" in " ".join(status_only.json()["detail"])
    asked = _send(client, f"/victims/{victim.pk}/disclosures", request)
    assert asked.status_code == 201 and asked.json()["state"] == "awaiting_approval"
    disclosure = asked.json()["id"]
    assert not AuditEvent.objects.filter(action=Action.DISCLOSURE).exists()
    own = _send(client, f"/disclosures/{disclosure}/decision", {"approve": True})
    assert own.status_code == 422
    assert [d["id"] for d in boss.get("/api/safeguarding/tasks").json()["disclosures_to_approve"]] == [
        disclosure]
    approved = _send(boss, f"/disclosures/{disclosure}/decision", {"approve": True})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert approved.json()["decided_by_id"] == supervisor.pk
    event = AuditEvent.objects.get(action=Action.DISCLOSURE)
    assert event.recipient == "Immigration Enforcement NCCU" and event.user_id == supervisor.pk
    assert Disclosure.objects.get(pk=disclosure).state == "approved"


def test_another_forces_victims_and_referrals_are_not_found_and_partners_are_refused() -> None:
    mine = factories.user(Role.FRONTLINE_OFFICER)
    client = factories.signed_in_client(mine)
    child = _encounter(client, estimated_age=15)
    referral = _send(client, f"/victims/{child['involvement_id']}/referrals", {}).json()
    stranger = factories.signed_in_client(factories.user(Role.SUPERVISOR, org="greater-manchester"))
    assert stranger.get(f"/api/safeguarding/referrals/{referral['id']}").status_code == 404
    assert stranger.get(f"/api/safeguarding/referrals/{referral['id']}/nrm-json").status_code == 404
    assert _send(stranger, f"/referrals/{referral['id']}", {"version": 1}, "patch").status_code == 404
    assert _send(stranger, f"/victims/{child['involvement_id']}/contacts",
                 {"at": "2026-11-21T10:00:00+00:00", "method": "phone", "summary": "x"}).status_code == 404
    assert not AuditEvent.objects.filter(action=Action.DISCLOSURE).exists()
    partner = factories.signed_in_client(factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement"))
    assert partner.get("/api/safeguarding/tasks").status_code == 403
    assert partner.get(f"/api/safeguarding/referrals/{referral['id']}").status_code == 403
    assert _send(partner, "/encounters", {"place_of_safety": "safe_house",
                                          "exploitation_types": ["labour"]}).status_code == 403


def test_the_openapi_schema_documents_the_safeguarding_routes() -> None:
    paths = api.get_openapi_schema()["paths"]
    for path in ("/encounters", "/victims/{involvement_id}/referrals", "/referrals/{referral_id}",
                 "/referrals/{referral_id}/nrm-json", "/referrals/{referral_id}/submission", "/tasks",
                 "/victims/{involvement_id}/interpreter", "/disclosures/{disclosure_id}/decision"):
        assert f"/api/safeguarding{path}" in paths
    submission = paths["/api/safeguarding/referrals/{referral_id}/submission"]["post"]["responses"]
    assert {"200", "403", "404", "409", "422"} <= set(map(str, submission))
