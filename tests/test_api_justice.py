"""The justice and organised crime group APIs answer through the same services, rules, access checks
and audit trail as the pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.api.site import api
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases.models import Investigation
from lantern.cases.rules import ExploitationType, Offence
from lantern.justice.models import CpsReferral, Order, S45Consideration
from lantern.justice.services.common import today
from tests import factories

pytestmark = pytest.mark.django_db
JSON = "application/json"
CHILD_YES = {"direct_consequence_of_being_a_victim": True, "reasonable_person_would_do_the_act": True}


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api{path}", body, content_type=JSON)


def _cannabis_farm(officer: User, **person: Any) -> tuple[Client, Investigation, dict[str, Any]]:
    """A cannabis farm with a gardener who is a victim and a suspect (16 unless told)."""
    client = factories.signed_in_client(officer)
    case = factories.investigation(officer, offences=[Offence.SOA_2003_S59A],
                                   exploitation_types=[ExploitationType.CRIMINAL_CANNABIS])
    gardener = _post(client, f"/cases/investigations/{case.pk}/people",
                     {"role": "victim_and_suspect", "first_name": "Minh", "estimated_age": 16, **person})
    assert gardener.status_code == 201, gardener.content
    return client, case, gardener.json()


def _consider(client: Client, involvement_id: int, **overrides: Any) -> Any:
    return _post(client, f"/justice/suspects/{involvement_id}/s45-considerations", {
        "offence": "Production of cannabis", "answers": CHILD_YES, "offence_pursued": False,
        "rationale": "Locked in the house; fed by the group", **overrides})


def test_signed_out_callers_get_401() -> None:
    assert Client().get("/api/justice/orders").status_code == 401
    assert Client().get("/api/cases/groups/").status_code == 401


def test_the_tests_asked_follow_the_suspects_age() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client, case, child = _cannabis_farm(officer)
    tests = client.get(f"/api/justice/suspects/{child['id']}/s45-tests").json()
    assert tests["age_group"] == "under_18" and tests["consideration_due"] is True
    assert [t["key"] for t in tests["tests"]] == list(CHILD_YES)
    adult = _post(client, f"/cases/investigations/{case.pk}/people",
                  {"role": "suspect", "first_name": "Boss", "estimated_age": 40}).json()
    adult_tests = client.get(f"/api/justice/suspects/{adult['id']}/s45-tests").json()
    assert adult_tests["age_group"] == "adult" and adult_tests["consideration_due"] is False
    assert [t["key"] for t in adult_tests["tests"]] == [
        "compelled", "compulsion_attributable_to_slavery_or_exploitation", "no_realistic_alternative"]
    witness = _post(client, f"/cases/investigations/{case.pk}/people",
                    {"role": "witness", "first_name": "Neighbour"}).json()
    refused = client.get(f"/api/justice/suspects/{witness['id']}/s45-tests")
    assert refused.status_code == 422 and "is not a suspect" in refused.json()["detail"][0]
    found = client.get("/api/justice/s45/schedule-4", {"q": "firearms s16"}).json()
    assert found and all("Firearms" in f["provision"] for f in found)


def test_a_childs_defence_applies_and_a_crime_is_recorded_against_the_exploiter() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client, case, child = _cannabis_farm(officer)
    response = _consider(client, child["id"])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["age_group"] == "under_18" and body["defence_applies"] is True
    assert body["exploiter_crime_id"] not in (None, case.pk)
    assert body["exploiter_crime_reference"] == f"{case.crime_reference}-S45"
    crime = Investigation.objects.get(pk=body["exploiter_crime_id"])
    assert set(crime.offences.values_list("offence", flat=True)) == {"msa_2015_s1", "msa_2015_s2"}
    assert crime.involvements.get().role == "victim"


def test_a_schedule_4_offence_given_the_defence_is_refused_and_nothing_written() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client, _case, child = _cannabis_farm(officer)
    response = _consider(client, child["id"], offence="Wounding with intent", schedule4_code="oapa_1861_s18")
    assert response.status_code == 422
    assert "Schedule 4" in response.json()["detail"][0]
    unanswered = _consider(client, child["id"], answers={})
    assert unanswered.status_code == 422 and len(unanswered.json()["detail"]) == 2
    assert not S45Consideration.objects.exists() and Investigation.objects.count() == 1


def test_charging_waits_for_the_s45_consideration_and_a_verdict_cannot_precede_the_charge() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client, case, child = _cannabis_farm(officer)
    referral = _post(client, f"/justice/suspects/{child['id']}/cps-referrals",
                     {"kind": "charging_decision", "referred_on": "2026-11-10", "cps_reference": "CPS-1"})
    assert referral.status_code == 201 and referral.json()["prosecution"] is None
    assert AuditEvent.objects.filter(action=Action.DISCLOSURE, recipient="Crown Prosecution Service").exists()
    decision = {"decision": "charge", "decided_on": "2026-11-12", "charges": "Production of cannabis"}
    path = f"/justice/cps-referrals/{referral.json()['id']}/decision"
    blocked = _post(client, path, decision)
    assert blocked.status_code == 422
    assert "record your consideration of the s45 defence" in blocked.json()["detail"][0]
    assert CpsReferral.objects.get().decision == ""

    considered = _consider(client, child["id"], answers={**CHILD_YES, "reasonable_person_would_do_the_act":
                                                         False}, offence_pursued=True,
                           rationale="Recruited others freely")
    assert considered.status_code == 201 and considered.json()["exploiter_crime_id"] is None
    charged = _post(client, path, decision)
    assert charged.status_code == 200, charged.content
    trial = charged.json()["prosecution"]
    assert charged.json()["decision"] == "charge" and trial["charged_on"] == "2026-11-12"

    verdict_path = f"/justice/prosecutions/{trial['id']}/verdict"
    early = _post(client, verdict_path, {"version": trial["version"], "verdict": "guilty_plea",
                                         "verdict_on": "2026-11-11"})
    assert early.status_code == 422
    assert early.json()["detail"] == ["The verdict (11 November 2026) cannot come before the charge "
                                      "(12 November 2026)."]
    hearing = _post(client, f"/justice/prosecutions/{trial['id']}/hearings",
                    {"on": "2026-11-13", "court": "Leeds Magistrates", "purpose": "First appearance"})
    assert hearing.status_code == 201
    done = _post(client, verdict_path, {"version": trial["version"], "verdict": "guilty_plea",
                                        "verdict_on": "2026-11-20", "sentence": "4 years"})
    assert done.status_code == 200 and done.json()["version"] == trial["version"] + 1
    assert done.json()["first_hearing_on"] == "2026-11-13" and len(done.json()["hearings"]) == 1
    stale = _post(client, verdict_path, {"version": trial["version"], "verdict": "acquitted",
                                         "verdict_on": "2026-11-21", "non_conviction_reason": "other"})
    assert stale.status_code == 409

    suspects = client.get(f"/api/justice/investigations/{case.pk}").json()
    assert [(s["name"], s["s45_due"]) for s in suspects] == [("Minh", True)]
    assert suspects[0]["referrals"][0]["prosecution"]["verdict"] == "guilty_plea"
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=officer.pk,
                                     object_id=str(case.pk)).exists()


def test_orders_dates_breaches_tasks_and_the_audited_register() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    case = factories.investigation(officer)
    boss = _post(client, f"/cases/investigations/{case.pk}/people",
                 {"role": "suspect", "first_name": "Boss"}).json()
    prevention = _post(client, f"/justice/people/{boss['person_id']}/orders",
                       {"kind": "stpo", "applied_on": "2026-06-01", "managing_officer_id": officer.pk})
    assert prevention.status_code == 422 and "risk order" in prevention.json()["detail"][0]
    applied = _post(client, f"/justice/people/{boss['person_id']}/orders",
                    {"kind": "stro", "applied_on": "2026-06-01", "managing_officer_id": officer.pk,
                     "investigation_id": case.pk})
    assert applied.status_code == 201 and applied.json()["state"] == "applied"
    order = applied.json()
    grant = {"version": 1, "granted_on": "2026-06-10", "starts_on": "2026-06-10", "ends_on": "2026-06-01",
             "review_on": (today() + timedelta(days=7)).isoformat(), "prohibitions": ["No contact"]}
    backwards = _post(client, f"/justice/orders/{order['id']}/grant", grant)
    assert backwards.status_code == 422 and any("cannot end" in d for d in backwards.json()["detail"])
    assert Order.objects.get().state == "applied"
    granted = _post(client, f"/justice/orders/{order['id']}/grant", {**grant, "ends_on": "2028-06-10"})
    assert granted.status_code == 200 and granted.json()["version"] == 2
    assert _post(client, f"/justice/orders/{order['id']}/refusal",
                 {"version": 1, "reason": "Too late"}).status_code == 409

    breach = _post(client, f"/justice/orders/{order['id']}/breaches",
                   {"breached_on": "2026-11-01", "description": "Seen supplying workers"})
    assert breach.status_code == 201
    crime = Investigation.objects.get(pk=breach.json()["crime_id"])
    assert crime.offences.get().offence == "msa_2015_s30"
    assert breach.json()["crime_reference"] == crime.crime_reference

    tasks = client.get("/api/justice/tasks").json()
    assert tasks["count"] == 1 and "Review due" in tasks["orders"][0]["due"][0]
    assert [o["id"] for o in client.get("/api/justice/orders").json()] == [order["id"]]
    detail = client.get(f"/api/justice/orders/{order['id']}").json()
    assert detail["breaches"][0]["crime_id"] == crime.pk and detail["prohibitions"] == ["No contact"]
    consulted = AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=officer.pk)
    assert consulted.filter(object_type="justice.order_register").exists()
    assert consulted.filter(object_id=str(boss["person_id"])).exists()


def test_national_orders_are_for_the_national_unit_and_other_forces_orders_are_not_found() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    case = factories.investigation(officer)
    person = factories.victim(officer, case).person_id
    order = _post(client, f"/justice/people/{person}/orders",
                  {"kind": "stro", "applied_on": "2026-06-01", "managing_officer_id": officer.pk}).json()
    assert client.get("/api/justice/orders/national").status_code == 403
    national = factories.signed_in_client(factories.user(Role.NATIONAL_UNIT))
    rows = national.get("/api/justice/orders/national").json()
    assert rows == [{"organisation": "West Yorkshire Police", "kind": "stro", "state": "applied",
                     "orders": 1, "breaches": 0}]
    stranger = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    other = factories.signed_in_client(stranger)
    assert other.get(f"/api/justice/orders/{order['id']}").status_code == 404
    assert other.get("/api/justice/orders").json() == []
    theirs = factories.investigation(stranger)
    borrowed = _post(client, f"/justice/people/{person}/orders",
                     {"kind": "stro", "applied_on": "2026-06-01", "managing_officer_id": officer.pk,
                      "investigation_id": theirs.pk})
    assert borrowed.status_code == 404 and Order.objects.count() == 1


def test_a_disruption_with_two_threat_types_is_counted_once() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    client = factories.signed_in_client(officer)
    case = factories.investigation(officer)
    body = {"on": "2026-11-01", "threat_types": ["msht", "money_laundering"], "tactic": "asset_seizure",
            "impact": "major", "impact_rationale": "£200k seized", "description": "Seized the takings",
            "investigation_id": case.pk}
    recorded = _post(client, "/justice/disruptions", body)
    assert recorded.status_code == 201, recorded.content
    assert recorded.json()["threat_types"] == ["msht", "money_laundering"]
    assert _post(client, "/justice/disruptions", {**body, "threat_types": []}).status_code == 422
    listed = client.get("/api/justice/disruptions").json()
    assert listed["total"] == 1 and len(listed["disruptions"]) == 1
    assert listed["by_threat"]["msht"] == 1 and listed["by_threat"]["money_laundering"] == 1
    assert listed["by_threat"]["firearms"] == 0
    assert client.get("/api/justice/figures").json()["s45_considerations"] == 0


def test_a_group_is_not_found_by_another_force_until_linked_then_seen_as_a_connection() -> None:
    wy = factories.user(Role.INVESTIGATOR)
    gmp = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    ours, theirs = factories.signed_in_client(wy), factories.signed_in_client(gmp)
    wy_case, gmp_case = factories.investigation(wy), factories.investigation(gmp)
    group = _post(ours, "/cases/groups/", {"name": "Car wash network", "description": "Runs 4 car washes"})
    assert group.status_code == 201 and group.json()["reference"] == "OCG-WEST-YORKSHI-0001"
    group_id, reference = group.json()["id"], group.json()["reference"]
    assert _post(ours, "/cases/groups/links", {"investigation_id": wy_case.pk,
                                               "reference": reference}).status_code == 201
    boss = _post(ours, f"/cases/investigations/{wy_case.pk}/people",
                 {"role": "suspect", "first_name": "Boss"}).json()
    member = _post(ours, f"/cases/groups/{group_id}/members",
                   {"person_id": boss["person_id"], "role": "principal"})
    assert member.status_code == 201 and member.json()["role"] == "principal"

    assert theirs.get(f"/api/cases/groups/{group_id}").status_code == 404
    assert theirs.get("/api/cases/groups/").json() == []
    assert _post(theirs, f"/cases/groups/{group_id}/members",
                 {"person_id": boss["person_id"], "role": "associate"}).status_code == 404
    wrong = _post(theirs, "/cases/groups/links", {"investigation_id": gmp_case.pk, "reference": "OCG-X-1"})
    assert wrong.status_code == 422 and "No organised crime group" in wrong.json()["detail"][0]
    linked = _post(theirs, "/cases/groups/links", {"investigation_id": gmp_case.pk,
                                                   "reference": reference.lower()})
    assert linked.status_code == 201 and linked.json()["group_id"] == group_id

    view = theirs.get(f"/api/cases/groups/{group_id}").json()
    assert view["leads"] is False and view["description"] is None
    assert view["contact"]["email"] == wy.email and view["organisation"] == "West Yorkshire Police"
    assert [i["id"] for i in view["own_investigations"]] == [gmp_case.pk]
    assert view["own_members"] == [] and view["own_victims"] == []
    assert view["other_forces"] == [{"organisation": "West Yorkshire Police", "investigations": 1,
                                     "members": 1}]
    own = ours.get(f"/api/cases/groups/{group_id}").json()
    assert own["leads"] is True and own["description"] == "Runs 4 car washes"
    assert [m["person_id"] for m in own["own_members"]] == [boss["person_id"]]
    assert AuditEvent.objects.filter(action=Action.CONSULTATION, user_id=gmp.pk,
                                     object_id=str(group_id)).exists()
    assert AuditEvent.objects.filter(action=Action.COMBINATION, object_type="cases.organisedcrimegroup",
                                     object_id=str(group_id)).count() == 2


def test_a_partner_agency_is_refused_justice_work() -> None:
    partner = factories.signed_in_client(factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement"))
    assert partner.get("/api/justice/orders").status_code == 403
    assert partner.get("/api/justice/disruptions").status_code == 403
    assert partner.get("/api/cases/groups/").status_code == 403
    assert _post(partner, "/cases/groups/", {"name": "X"}).status_code == 403


def test_the_openapi_schema_documents_the_justice_and_group_routes_and_their_answers() -> None:
    paths = api.get_openapi_schema()["paths"]
    expected = {
        ("/api/justice/suspects/{involvement_id}/s45-tests", "get"): {"200", "403", "404", "422"},
        ("/api/justice/suspects/{involvement_id}/s45-considerations", "post"): {"201", "403", "404", "422"},
        ("/api/justice/suspects/{involvement_id}/cps-referrals", "post"): {"201", "422"},
        ("/api/justice/cps-referrals/{referral_id}/decision", "post"): {"200", "422"},
        ("/api/justice/prosecutions/{prosecution_id}/hearings", "post"): {"201"},
        ("/api/justice/prosecutions/{prosecution_id}/verdict", "post"): {"200", "409", "422"},
        ("/api/justice/people/{person_id}/orders", "post"): {"201"},
        ("/api/justice/orders", "get"): {"200", "403"},
        ("/api/justice/orders/national", "get"): {"200", "403"},
        ("/api/justice/orders/{order_id}", "get"): {"200", "404"},
        ("/api/justice/orders/{order_id}/grant", "post"): {"200", "409", "422"},
        ("/api/justice/orders/{order_id}/refusal", "post"): {"200", "409"},
        ("/api/justice/orders/{order_id}/breaches", "post"): {"201", "422"},
        ("/api/justice/tasks", "get"): {"200"},
        ("/api/justice/disruptions", "post"): {"201", "422"},
        ("/api/justice/disruptions", "get"): {"200", "403"},
        ("/api/cases/groups/", "post"): {"201", "403", "422"},
        ("/api/cases/groups/", "get"): {"200"},
        ("/api/cases/groups/links", "post"): {"201", "404", "422"},
        ("/api/cases/groups/{group_id}", "get"): {"200", "404"},
        ("/api/cases/groups/{group_id}/members", "post"): {"201", "404", "422"},
    }
    for (path, method), codes in expected.items():
        assert codes <= set(map(str, paths[path][method]["responses"])), (path, method)
