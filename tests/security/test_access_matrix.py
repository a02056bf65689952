"""The access matrix (issue 8): every route, every role, every kind of record, every method.

The routes come from Django's URL resolver (pages, and each API operation with the methods the
OpenAPI schema gives it), so a new route fails ``test_every_route_has_a_capability`` until
``NEEDS`` says which capability it needs. For each route, each role and each record kind the
test then asks, as a signed-in user of one force:
- its own force's record: answered (not 401/403/404/500) when the role holds the capability,
  403 when it does not;
- another force's record: 404, and the very same answer (status, and body) as a missing id;
- signed out: pages send to sign-in, the API answers 401;
- writes by anyone out of scope change nothing (the main tables' row counts and versions);
- no answer to anyone carries another organisation's personal data, and partner agencies
  (immigration enforcement among them) see no victim's name, address or immigration status.
Every request runs in a savepoint that is rolled back, so cells do not disturb one another.
A final test changes a signed-in user's role, organisation and ``is_active`` and checks their
very next request on the same session.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.test import Client
from django.urls import get_resolver

from lantern.access.rules import Capability
from lantern.access.scope import AccessDenied, can, countable
from lantern.accounts import services as account_services
from lantern.accounts.models import Organisation, User
from lantern.accounts.rules import Role
from lantern.api.site import api
from lantern.insights import dashboards
from lantern.linkage.models import SuggestedMatch
from tests import factories
from tests.figures import count
from tests.security.routes import page_methods, url_patterns

JSON = "application/json"
FORCE_A, FORCE_B = "west-yorkshire", "greater-manchester"
REGION_A, REGION_B = "yorkshire_humber", "north_west"
NATIONAL_ORG = "msoicu"
IMMIGRATION, CHARITY = "immigration-enforcement", "salvation-army"
MISSING_ID, MISSING_CODE = 987654, "no-such-place"
CELLS = "access matrix cells checked"
TODAY = date.today()

# --- what each route needs ----------------------------------------------------------------------
# Markers for routes that need no capability:
OPEN = "open"  # answers before sign-in (the sign-in pages themselves, the load balancer's check)
SIGNED_IN = "signed in"  # any verified user, whatever their roles
COUNTING = "counting"  # aggregate figures: ``access.scope.countable`` decides (own force/region)
NATIONAL_OR_OWN = "national or own"  # the nation's figures; others are sent to their own place
NO_PAGE = "no page"  # the API's bare root: 404 for everyone signed in
Need = Capability | str
C = Capability

# Each page's "METHOD url-name" and each API operation's "METHOD /api/path", as the resolver spells
# them, with the capability the access rules demand for it. One line per operation.
NEEDS: dict[str, Need] = {
    "GET /api/": NO_PAGE,
    "GET /api/audit/events": C.SEARCH_AUDIT,
    "GET /api/audit/verify": C.SEARCH_AUDIT,
    "GET /api/cases/groups/": C.SEE_CASES,
    "GET /api/cases/groups/<group_id>": C.SEE_CASES,
    "GET /api/cases/investigations": C.SEE_CASES,
    "GET /api/cases/investigations/<investigation_id>": C.SEE_CASES,
    "GET /api/cases/people/<person_id>": C.SEE_CASES,
    "GET /api/docs": SIGNED_IN,
    "GET /api/justice/disruptions": C.SEE_CASES,
    "GET /api/justice/figures": C.SEE_CASES,
    "GET /api/justice/investigations/<investigation_id>": C.SEE_CASES,
    "GET /api/justice/orders": C.SEE_CASES,
    "GET /api/justice/orders/<order_id>": C.SEE_CASES,
    "GET /api/justice/orders/national": C.SEE_NATIONAL_PICTURE,
    "GET /api/justice/s45/schedule-4": SIGNED_IN,
    "GET /api/justice/suspects/<involvement_id>/s45-tests": C.WORK_CASES,
    "GET /api/justice/tasks": SIGNED_IN,
    "GET /api/me": SIGNED_IN,
    "GET /api/openapi.json": SIGNED_IN,
    "GET /api/organisations": SIGNED_IN,
    "GET /api/organisations/<code>": C.SEE_ORGANISATION,
    "GET /api/organisations/<code>/people": C.SEE_ORGANISATION,
    "GET /api/people/<user_id>": C.SEE_COLLEAGUES,
    "GET /api/safeguarding/referrals/<referral_id>": C.SAFEGUARD,
    "GET /api/safeguarding/referrals/<referral_id>/nrm-json": C.SAFEGUARD,
    "GET /api/safeguarding/tasks": C.SAFEGUARD,
    "GET /api/safeguarding/victims/<involvement_id>/referrals": C.SAFEGUARD,
    "GET accounts:directory": SIGNED_IN,
    "GET accounts:organisation": C.SEE_ORGANISATION,
    "GET accounts:person": C.SEE_COLLEAGUES,
    "GET accounts:person-edit": C.MANAGE_USERS,
    "GET accounts:person-mfa-reset": C.MANAGE_USERS,
    "GET accounts:person-new": C.MANAGE_USERS,
    "GET accounts:set-up-two-factor": OPEN,
    "GET accounts:sign-in": OPEN,
    "GET accounts:two-factor": OPEN,
    "GET audit:search": C.SEARCH_AUDIT,
    "GET cases:close": C.SEE_CASES,
    "GET cases:edit": C.SEE_CASES,
    "GET cases:group": C.SEE_CASES,
    "GET cases:group-link": C.WORK_CASES,
    "GET cases:group-member-add": C.SEE_CASES,
    "GET cases:group-new": C.WORK_CASES,
    "GET cases:groups": C.SEE_CASES,
    "GET cases:identifier-add": C.SEE_CASES,
    "GET cases:investigation": C.SEE_CASES,
    "GET cases:line-close": C.WORK_CASES,
    "GET cases:line-raise": C.WORK_CASES,
    "GET cases:list": C.SEE_CASES,
    "GET cases:move": C.SEE_CASES,
    "GET cases:person": C.SEE_CASES,
    "GET cases:person-add": C.SEE_CASES,
    "GET cases:person-edit": C.SEE_CASES,
    "GET cases:person-search": C.SEE_CASES,
    "GET cases:record": C.RECORD_ENCOUNTER,
    "GET cases:review": C.SUPERVISE_CASES,
    "GET cases:spoken-to": C.RECORD_ENCOUNTER,
    "GET cases:told-of-closure": C.RECORD_ENCOUNTER,
    "GET health": OPEN,
    "GET home": SIGNED_IN,
    "GET insights:force": COUNTING,
    "GET insights:force-table": COUNTING,
    "GET insights:national": NATIONAL_OR_OWN,
    "GET insights:national-table": C.SEE_NATIONAL_PICTURE,
    "GET insights:region": COUNTING,
    "GET insights:region-table": COUNTING,
    "GET insights:report": C.SEE_CASES,
    "GET justice:charging-decision": C.WORK_CASES,
    "GET justice:cps-referral": C.WORK_CASES,
    "GET justice:disruption-new": C.WORK_CASES,
    "GET justice:disruptions": C.SEE_CASES,
    "GET justice:figures": C.SEE_CASES,
    "GET justice:order": C.SEE_CASES,
    "GET justice:order-apply": C.WORK_CASES,
    "GET justice:order-breach": C.SEE_CASES,
    "GET justice:order-grant": C.SEE_CASES,
    "GET justice:order-refuse": C.SEE_CASES,
    "GET justice:orders": C.SEE_CASES,
    "GET justice:s45": C.WORK_CASES,
    "GET justice:verdict": C.WORK_CASES,
    "GET legal:rule-add": C.SEE_NATIONAL_PICTURE,
    "GET legal:rules": SIGNED_IN,
    "GET linkage:connections": C.SEE_CASES,
    "GET linkage:graph": C.SEE_CASES,
    "GET linkage:match": C.SEE_CASES,
    "GET linkage:run": C.SEE_CASES,
    "GET linkage:run-new": C.RUN_LINKAGE,
    "GET safeguarding:contact-new": C.SAFEGUARD,
    "GET safeguarding:decision-new": C.SAFEGUARD,
    "GET safeguarding:disclosure-decide": C.SUPERVISE_CASES,
    "GET safeguarding:disclosure-new": C.SAFEGUARD,
    "GET safeguarding:disclosures": C.SUPERVISE_CASES,
    "GET safeguarding:disqualification-new": C.SAFEGUARD,
    "GET safeguarding:encounter": C.RECORD_ENCOUNTER,
    "GET safeguarding:further-recovery-new": C.SAFEGUARD,
    "GET safeguarding:interpreter": C.SAFEGUARD,
    "GET safeguarding:referral": C.SAFEGUARD,
    "GET safeguarding:referral-download": C.SAFEGUARD,
    "GET safeguarding:referral-edit": C.SAFEGUARD,
    "GET safeguarding:request-answer": C.SAFEGUARD,
    "GET safeguarding:request-new": C.SAFEGUARD,
    "GET safeguarding:route": C.SAFEGUARD,
    "GET safeguarding:safety-new": C.SAFEGUARD,
    "GET safeguarding:signs": SIGNED_IN,
    "GET safeguarding:support-new": C.SAFEGUARD,
    "GET safeguarding:tasks": C.SAFEGUARD,
    "GET safeguarding:update-given": C.SAFEGUARD,
    "GET safeguarding:update-new": C.SAFEGUARD,
    "GET safeguarding:victim": C.SAFEGUARD,
    "PATCH /api/cases/people/<person_id>": C.RECORD_ENCOUNTER,
    "PATCH /api/safeguarding/referrals/<referral_id>": C.SAFEGUARD,
    "POST /api/cases/groups/": C.WORK_CASES,
    "POST /api/cases/groups/<group_id>/members": C.WORK_CASES,
    "POST /api/cases/groups/links": C.WORK_CASES,
    "POST /api/cases/investigations": C.SAFEGUARD,
    "POST /api/cases/investigations/<investigation_id>/closure": C.WORK_CASES,
    "POST /api/cases/investigations/<investigation_id>/lines-of-enquiry": C.WORK_CASES,
    "POST /api/cases/investigations/<investigation_id>/moves": C.WORK_CASES,
    "POST /api/cases/investigations/<investigation_id>/people": C.RECORD_ENCOUNTER,
    "POST /api/cases/investigations/<investigation_id>/reviews": C.SUPERVISE_CASES,
    "POST /api/cases/lines-of-enquiry/<line_id>/closure": C.WORK_CASES,
    "POST /api/cases/people/<person_id>/identifiers": C.RECORD_ENCOUNTER,
    "POST /api/justice/cps-referrals/<referral_id>/decision": C.WORK_CASES,
    "POST /api/justice/disruptions": C.WORK_CASES,
    "POST /api/justice/orders/<order_id>/breaches": C.WORK_CASES,
    "POST /api/justice/orders/<order_id>/grant": C.WORK_CASES,
    "POST /api/justice/orders/<order_id>/refusal": C.WORK_CASES,
    "POST /api/justice/people/<person_id>/orders": C.WORK_CASES,
    "POST /api/justice/prosecutions/<prosecution_id>/hearings": C.WORK_CASES,
    "POST /api/justice/prosecutions/<prosecution_id>/verdict": C.WORK_CASES,
    "POST /api/justice/suspects/<involvement_id>/cps-referrals": C.WORK_CASES,
    "POST /api/justice/suspects/<involvement_id>/s45-considerations": C.WORK_CASES,
    "POST /api/safeguarding/disclosures/<disclosure_id>/decision": C.SAFEGUARD,
    "POST /api/safeguarding/encounters": C.RECORD_ENCOUNTER,
    "POST /api/safeguarding/information-requests/<request_id>/answer": C.SAFEGUARD,
    "POST /api/safeguarding/referrals/<referral_id>/decisions": C.SAFEGUARD,
    "POST /api/safeguarding/referrals/<referral_id>/disqualifications": C.SAFEGUARD,
    "POST /api/safeguarding/referrals/<referral_id>/further-recovery": C.SAFEGUARD,
    "POST /api/safeguarding/referrals/<referral_id>/information-requests": C.SAFEGUARD,
    "POST /api/safeguarding/referrals/<referral_id>/submission": C.SAFEGUARD,
    "POST /api/safeguarding/updates/<update_id>/given": C.SAFEGUARD,
    "POST /api/safeguarding/victims/<involvement_id>/contacts": C.SAFEGUARD,
    "POST /api/safeguarding/victims/<involvement_id>/disclosures": C.SAFEGUARD,
    "POST /api/safeguarding/victims/<involvement_id>/referrals": C.SAFEGUARD,
    "POST /api/safeguarding/victims/<involvement_id>/safety-arrangements": C.SAFEGUARD,
    "POST /api/safeguarding/victims/<involvement_id>/supporters": C.SAFEGUARD,
    "POST /api/safeguarding/victims/<involvement_id>/updates": C.SAFEGUARD,
    "POST accounts:person-edit": C.MANAGE_USERS,
    "POST accounts:person-mfa-reset": C.MANAGE_USERS,
    "POST accounts:person-new": C.MANAGE_USERS,
    "POST accounts:set-up-two-factor": OPEN,
    "POST accounts:sign-in": OPEN,
    "POST accounts:sign-out": OPEN,
    "POST accounts:two-factor": OPEN,
    "POST audit:export": C.SEARCH_AUDIT,
    "POST cases:close": C.SEE_CASES,
    "POST cases:edit": C.SEE_CASES,
    "POST cases:group-link": C.WORK_CASES,
    "POST cases:group-member-add": C.SEE_CASES,
    "POST cases:group-new": C.WORK_CASES,
    "POST cases:identifier-add": C.SEE_CASES,
    "POST cases:line-close": C.WORK_CASES,
    "POST cases:line-raise": C.WORK_CASES,
    "POST cases:move": C.SEE_CASES,
    "POST cases:person-add": C.SEE_CASES,
    "POST cases:person-edit": C.SEE_CASES,
    "POST cases:record": C.RECORD_ENCOUNTER,
    "POST cases:review": C.SUPERVISE_CASES,
    "POST cases:spoken-to": C.RECORD_ENCOUNTER,
    "POST cases:told-of-closure": C.RECORD_ENCOUNTER,
    "POST justice:charging-decision": C.WORK_CASES,
    "POST justice:cps-referral": C.WORK_CASES,
    "POST justice:disruption-new": C.WORK_CASES,
    "POST justice:order-apply": C.WORK_CASES,
    "POST justice:order-breach": C.SEE_CASES,
    "POST justice:order-grant": C.SEE_CASES,
    "POST justice:order-refuse": C.SEE_CASES,
    "POST justice:s45": C.WORK_CASES,
    "POST justice:verdict": C.WORK_CASES,
    "POST legal:rule-add": C.SEE_NATIONAL_PICTURE,
    "POST linkage:graph-expand": C.SEE_CASES,
    "POST linkage:graph-export": C.SEE_CASES,
    "POST linkage:match": C.SEE_CASES,
    "POST linkage:run-new": C.RUN_LINKAGE,
    "POST linkage:seen-before": C.RECORD_ENCOUNTER,
    "POST safeguarding:contact-new": C.SAFEGUARD,
    "POST safeguarding:decision-new": C.SAFEGUARD,
    "POST safeguarding:disclosure-decide": C.SUPERVISE_CASES,
    "POST safeguarding:disclosure-new": C.SAFEGUARD,
    "POST safeguarding:disqualification-new": C.SAFEGUARD,
    "POST safeguarding:encounter": C.RECORD_ENCOUNTER,
    "POST safeguarding:further-recovery-new": C.SAFEGUARD,
    "POST safeguarding:interpreter": C.SAFEGUARD,
    "POST safeguarding:referral-edit": C.SAFEGUARD,
    "POST safeguarding:referral-submit": C.SAFEGUARD,
    "POST safeguarding:request-answer": C.SAFEGUARD,
    "POST safeguarding:request-new": C.SAFEGUARD,
    "POST safeguarding:route": C.SAFEGUARD,
    "POST safeguarding:safety-new": C.SAFEGUARD,
    "POST safeguarding:support-new": C.SAFEGUARD,
    "POST safeguarding:update-given": C.SAFEGUARD,
    "POST safeguarding:update-new": C.SAFEGUARD,
    "PUT /api/cases/investigations/<investigation_id>": C.WORK_CASES,
    "PUT /api/cases/involvements/<involvement_id>/role": C.WORK_CASES,
    "PUT /api/cases/involvements/<involvement_id>/spoken-to": C.RECORD_ENCOUNTER,
    "PUT /api/cases/involvements/<involvement_id>/told-of-closure": C.RECORD_ENCOUNTER,
    "PUT /api/safeguarding/victims/<involvement_id>/interpreter": C.SAFEGUARD,
}


# --- the routes, from the resolver and the OpenAPI schema ----------------------------------------

@dataclass(frozen=True)
class Route:
    key: str  # "cases:investigation" or "/api/cases/investigations/<investigation_id>"
    pattern: str  # "cases/<int:investigation_id>/"
    method: str
    api: bool
    body: dict[str, Any] | None = None  # the request body's JSON schema (API writes)

    @property
    def name(self) -> str:
        return f"{self.method} {self.key}"

    @property
    def params(self) -> list[str]:
        return [p.split(":")[-1] for p in re.findall(r"<([^>]+)>", self.pattern)]

    @property
    def write(self) -> bool:
        return self.method != "GET"


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def all_routes() -> list[Route]:
    schema = api.get_openapi_schema()
    found: dict[str, Route] = {}
    for pattern, name, view in url_patterns(get_resolver().url_patterns):
        if pattern.startswith("api/"):
            path = "/" + pattern
            operations = schema["paths"].get(re.sub(r"<([^>]+)>", r"{\1}", path), {"get": {}})
            for method, operation in operations.items():
                content = operation.get("requestBody", {}).get("content", {})
                body = _resolve(schema, content[JSON]["schema"]) if JSON in content else None
                route = Route(path, pattern, method.upper(), True, body)
                found[route.name] = route
        else:
            for method in page_methods(view):
                route = Route(name, pattern, method, False)
                found[route.name] = route
    return sorted(found.values(), key=lambda r: r.name)


def test_every_route_has_a_capability() -> None:
    """Given every page and API operation the resolver knows, when one is added or removed, then
    ``NEEDS`` must say which capability it needs: the matrix never silently misses a route."""
    routes = {r.name for r in all_routes()}
    assert sorted(routes - set(NEEDS)) == [], "routes with no capability in NEEDS"
    assert sorted(set(NEEDS) - routes) == [], "NEEDS lines for routes that no longer exist"


# --- one of each kind of record, per force, through the product ---------------------------------

@dataclass
class Force:
    """A force's people and one record of each kind, with the personal data that must not leak."""

    code: str
    region: str
    officer: User
    supervisor: User
    analyst: User
    ids: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)


def _send(client: Client, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    response = getattr(client, method)(f"/api{path}", body or {}, content_type=JSON)
    assert response.status_code in (200, 201), (method, path, response.content[:500])
    return response.json()


def _seed(code: str, region: str, tag: str) -> Force:
    """Every record kind a route names, made by this force's people as they would make them."""
    f = Force(code, region, factories.user(Role.INVESTIGATOR, org=code),
              factories.user(Role.SUPERVISOR, org=code),
              factories.user(Role.INTELLIGENCE_ANALYST, org=code))
    f.secrets = {"first name": f"Quillon{tag}", "last name": f"Ostravek{tag}",
                 "address": f"17 Tamarind{tag} Row", "immigration status": f"Overstayed visa {tag}Q7",
                 "phone": "07700 9001" + ("11" if tag == "A" else "22"),
                 "crime reference": f"{tag}X/70001/26", "second name": f"Brannoch{tag}"}
    s = f.secrets
    o = factories.signed_in_client(f.officer)
    case = factories.investigation(f.officer, s["crime reference"])
    i = f.ids
    i["investigation_id"] = case.pk
    both = _send(o, "post", f"/cases/investigations/{case.pk}/people", {
        "role": "victim_and_suspect", "first_name": s["first name"], "last_name": s["last name"],
        "estimated_age": 16, "nationality": "Albanian", "gender": "male"})
    i["involvement_id"], i["person_id"] = both["id"], both["person_id"]
    person = f"/cases/people/{both['person_id']}"
    _send(o, "post", f"{person}/identifiers", {"kind": "address", "value": s["address"]})
    _send(o, "post", f"{person}/identifiers", {"kind": "phone", "value": s["phone"]})
    i["line_id"] = _send(o, "post", f"/cases/investigations/{case.pk}/lines-of-enquiry",
                         {"description": "Trace the landlord"})["id"]
    v = f"/safeguarding/victims/{both['id']}"
    referral = _send(o, "post", f"{v}/referrals", {"consent": {
        "nrm_explained": True, "support_explained": True, "outcomes_explained": True,
        "consent_given": True}})
    r = f"/safeguarding/referrals/{referral['id']}"
    _send(o, "patch", r, {
        "version": referral["version"], "what_happened": "Made to tend a cannabis farm.",
        "how_exploitation_started": "Offered a job.", "living_conditions": "Locked in the house.",
        "treatment": "Threatened.", "exploitation_start": "2026-05-01",
        "exploitation_end": "2026-11-01", "current_city": "Leeds",
        "immigration_status": s["immigration status"], "exploitation_location": "uk",
        "still_in_exploitative_situation": False, "gender": "male",
        "local_authority_name": "Leeds City Council" if tag == "A" else "Manchester City Council"})
    _send(o, "post", f"{r}/submission", {"version": referral["version"] + 1})
    i["safeguarding referral_id"] = referral["id"]
    i["request_id"] = _send(o, "post", f"{r}/information-requests", {
        "received_on": str(TODAY), "due_on": str(TODAY + timedelta(days=7)),
        "what_is_asked": "Transcript"})["id"]
    i["update_id"] = _send(o, "post", f"{v}/updates", {"kind": "suspect_arrested",
                                                        "event_on": str(TODAY)})["id"]
    i["disclosure_id"] = _send(o, "post", f"{v}/disclosures", {
        "purpose": "prevention_or_detection_of_crime", "legal_basis": "cca_2013_s7",
        "what_shared": "Nationality", "recipient": "Immigration Enforcement NCCU",
        "domestic_abuse_victim": False, "evidence_of_immigration_offence": True,
        "victim_told": True})["id"]
    s45 = f"/justice/suspects/{both['id']}"
    _send(o, "post", f"{s45}/s45-considerations", {
        "offence": "Production of cannabis", "offence_pursued": True, "rationale": "Recruited",
        "answers": {"direct_consequence_of_being_a_victim": True,
                    "reasonable_person_would_do_the_act": False}})
    cps = _send(o, "post", f"{s45}/cps-referrals", {"kind": "charging_decision",
                                                    "referred_on": str(TODAY)})
    i["justice referral_id"] = cps["id"]
    charged = _send(o, "post", f"/justice/cps-referrals/{cps['id']}/decision", {
        "decision": "charge", "decided_on": str(TODAY), "charges": "Production of cannabis"})
    i["prosecution_id"] = charged["prosecution"]["id"]
    i["order_id"] = _send(o, "post", f"/justice/people/{both['person_id']}/orders", {
        "kind": "stro", "applied_on": str(TODAY), "managing_officer_id": f.officer.pk})["id"]
    group = _send(o, "post", "/cases/groups/", {"name": f"Tamarind{tag} network"})
    i["group_id"] = group["id"]
    _send(o, "post", "/cases/groups/links", {"investigation_id": case.pk,
                                             "reference": group["reference"]})
    _send(o, "post", f"/cases/groups/{group['id']}/members",
          {"person_id": both["person_id"], "role": "recruiter"})
    second = factories.victim(f.officer, case, first_name=s["second name"]).person
    left, right = sorted([second.pk, both["person_id"]])
    i["match_id"] = SuggestedMatch.objects.create(
        left_id=left, right_id=right, probability=0.97, match_weight=9.0, cross_force=False,
        parts=[]).pk
    from lantern.linkage import services as linkage_services

    i["run_id"] = linkage_services.run_request(user=f.analyst).pk
    i["user_id"] = f.supervisor.pk
    i["code"] = code
    return f


# --- the people asking ------------------------------------------------------------------------

@dataclass
class Asker:
    label: str
    user: User
    client: Client
    own: dict[str, Any]  # the ids of their own organisation's records, by parameter
    other: dict[str, Any]  # another organisation's
    forbidden: list[str]  # personal data that must appear in no answer they get


def _askers(a: Force, b: Force) -> list[Asker]:
    """One person per role in force A; the national unit; partner agencies, immigration among them."""
    police_a_secrets = list(b.secrets.values())
    everyone = list(a.secrets.values()) + list(b.secrets.values())
    found = []
    for role in Role:
        if role is Role.PARTNER_AGENCY:
            continue
        person = factories.user(role, org=FORCE_A)
        found.append(Asker(f"{role.value}@{FORCE_A}", person, _client(person), a.ids, b.ids,
                           police_a_secrets))
    elsewhere = [(Role.NATIONAL_UNIT, NATIONAL_ORG), (Role.PARTNER_AGENCY, IMMIGRATION),
                 (Role.PARTNER_AGENCY, CHARITY), (Role.AUDITOR, IMMIGRATION),
                 (Role.ADMINISTRATOR, IMMIGRATION)]
    for role, code in elsewhere:
        person = factories.user(role, org=code)
        colleague = factories.user(role, org=code)
        found.append(Asker(f"{role.value}@{code}", person, _client(person),
                           {"user_id": colleague.pk, "code": code}, a.ids, everyone))
    return found


def _client(person: User) -> Client:
    client = factories.signed_in_client(person)
    client.raise_request_exception = False  # a 500 is an answer to report, not a crash
    return client


# --- one request, in a savepoint that is rolled back --------------------------------------------

NOT_RECORDS = {"key", "file_format"}
FIXED = {"key": "key-figures", "file_format": "csv"}


def _value(route: Route, param: str, ids: dict[str, Any] | None, force: Force | None = None) -> Any:
    """The path value naming a record of ``ids``' organisation (None: a missing one)."""
    if param in FIXED:
        return FIXED[param]
    if param == "referral_id":
        param = ("justice referral_id" if "justice" in route.pattern
                 else "safeguarding referral_id")
    if ids is None:
        return MISSING_CODE if param == "code" else MISSING_ID
    if param == "code" and route.key.startswith("insights:region"):
        return REGION_A if ids.get("code") == FORCE_A else (
            REGION_B if ids.get("code") == FORCE_B else MISSING_CODE)
    return ids.get(param)


def _path(route: Route, ids: dict[str, Any] | None) -> str | None:
    path = "/" + route.pattern
    for spec in re.findall(r"<([^>]+)>", route.pattern):
        value = _value(route, spec.split(":")[-1], ids)
        if value is None:
            return None
        path = path.replace(f"<{spec}>", str(value))
    return path


def _minimal(schema: dict[str, Any], node: Any, ids: dict[str, Any] | None, asker: User,
             name: str = "") -> Any:
    """The least valid JSON the schema accepts; ids of records are the target's."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        node = next(_resolve(schema, n) for n in node["anyOf"] if n.get("type") != "null")
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        return {k: _minimal(schema, node["properties"][k], ids, asker, k)
                for k in node.get("required", [])}
    if kind == "array":
        return [_minimal(schema, node["items"], ids, asker)] if node.get("minItems") else []
    if kind in ("integer", "number"):
        if name.endswith("_id"):
            if name in ("investigation_id", "person_id", "involvement_id", "group_id"):
                return MISSING_ID if ids is None else ids.get(name, MISSING_ID)
            return asker.pk  # an officer to manage or supervise: the caller themselves
        return max(1, node.get("minimum", 1))
    if kind == "boolean":
        return False
    if node.get("format") == "date":
        return str(TODAY)
    if node.get("format") == "date-time":
        return datetime.now(UTC).isoformat()
    return "x"


def _body_targets(route: Route) -> bool:
    """Whether an API write names its record in the body (``investigation_id`` and the like)."""
    if route.body is None:
        return False
    return any(k in ("investigation_id", "person_id", "involvement_id", "group_id")
               for k in route.body.get("required", []))


def _query(route: Route, ids: dict[str, Any] | None, secrets: dict[str, str] | None
           ) -> tuple[dict[str, Any] | str | None, str | None]:
    """What a page that names its record in the query or form (the graph, searches) is sent."""
    if route.name not in QUERIED:
        return None, None
    inv = MISSING_ID if ids is None else ids["investigation_id"]
    person = MISSING_ID if ids is None else ids["person_id"]
    name = (secrets or {}).get("first name", "Nobodyatall")
    surname = (secrets or {}).get("last name", "Nobodyatall")
    return {
        "GET linkage:graph": ({"start": f"investigation:{inv}"}, None),
        "POST linkage:graph-expand": (json.dumps({"nodes": [f"person:{person}"]}), JSON),
        "POST linkage:graph-export": ({"reason": "Briefing", "file_format": "csv",
                                       "nodes": json.dumps([f"person:{person}"])}, None),
        "GET cases:person-search": ({"name": name, "purposes": ["safeguarding"]}, None),
        "POST linkage:seen-before": ({"first_name": name, "last_name": surname}, None),
    }.get(route.name, (None, None))


QUERIED = {"GET linkage:graph", "POST linkage:graph-expand", "POST linkage:graph-export",
           "GET cases:person-search", "POST linkage:seen-before"}


_CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*|(csrfToken&quot;: &quot;)[^&]*')


@dataclass
class Answer:
    status: int
    body: bytes
    location: str
    changed: bool

    def same_as(self, other: Answer) -> bool:
        """The same status and the same words (a page's per-request CSRF token aside)."""
        return (self.status, _CSRF.sub(rb"\1", self.body)) == (other.status,
                                                                _CSRF.sub(rb"\1", other.body))


def _fingerprint_sql() -> str:
    """One query: each table's row count (and the sum of its versions), sessions aside."""
    parts = []
    for model in apps.get_models():
        table = model._meta.db_table
        if table == "django_session" or not model._meta.managed:
            continue
        parts.append(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})")
        if any(f.name == "version" for f in model._meta.get_fields() if isinstance(f, models.Field)):
            parts.append(f"(SELECT COALESCE(SUM(version), 0) FROM {connection.ops.quote_name(table)})")
    return "SELECT " + ", ".join(parts)


def _fingerprint(sql: str) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def _ask(client: Client, route: Route, path: str, data: Any, content_type: str | None,
         sql: str, baseline: tuple[Any, ...]) -> Answer:
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)  # a sign-out or sign-in must not end the session
    with transaction.atomic():
        send = getattr(client, route.method.lower())
        if route.api and route.write:
            response = send(path, data if data is not None else {}, content_type=JSON)
        elif content_type:
            response = send(path, data, content_type=content_type)
        else:
            response = send(path, data or {})
        changed = route.write and _fingerprint(sql) != baseline
        transaction.set_rollback(True)
    client.cookies = cookies
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Answer(response.status_code, body, response.get("Location", ""), changed)


# --- what the rules demand of each answer ---------------------------------------------------------

REFUSED = {403, 404}
WRITE_ANSWERED = {200, 201, 302, 400, 405, 409, 422}  # done, or the minimal body refused as input


@dataclass
class Matrix:
    cells: int = 0
    failures: list[str] = field(default_factory=list)
    seen: dict[str, dict[str, str]] = field(default_factory=dict)  # discovery, for NEEDS

    def fail(self, route: Route, who: str, target: str, problem: str) -> None:
        self.failures.append(f"{route.name} [{who}, {target}]: {problem}")


FORCE_KINDS = {"territorial_force", "special_force"}


def _place_organisations(route: Route, ids: dict[str, Any] | None) -> list[Organisation] | None:
    """The organisations a dashboard's place counts, or None when there is no such place."""
    code = _value(route, "code", ids)
    if route.key.startswith("insights:region"):
        return list(Organisation.objects.filter(region=code)) or None
    return list(Organisation.objects.filter(code=code, kind__in=FORCE_KINDS)) or None


def _opens(asker: Asker, need: Need, route: Route, ids: dict[str, Any] | None) -> bool:
    """Whether the access rules open this route, for this record, to this person."""
    user = asker.user
    if need in (OPEN, SIGNED_IN, NO_PAGE):
        return True
    if need == COUNTING:
        chosen = _place_organisations(route, ids)
        if chosen is None:
            return False
        try:
            countable(user, chosen)
        except AccessDenied:
            return False
        return True
    if need == NATIONAL_OR_OWN:
        return can(user, Capability.SEE_NATIONAL_PICTURE)
    assert isinstance(need, Capability)
    return can(user, need)


def _answered(route: Route, answer: Answer) -> bool:
    if route.write:
        return answer.status in WRITE_ANSWERED and "/sign-in/" not in answer.location
    return answer.status == 200 or (answer.status == 302 and "/sign-in/" not in answer.location)


def _check(m: Matrix, route: Route, asker: Asker, need: Need | None, target: str,
           ids: dict[str, Any] | None, answer: Answer, sent: str = "") -> None:
    m.cells += 1
    who = asker.label
    if need is None:
        m.seen.setdefault(route.name, {})[f"{who}/{target}"] = str(answer.status)
        return
    if answer.status >= 500:
        m.fail(route, who, target, f"server error {answer.status}")
    text = answer.body.decode("utf-8", "replace")
    for secret in asker.forbidden:
        if secret in text and secret not in sent:  # a search form shows what was typed
            m.fail(route, who, target, f"LEAK: answer holds {secret!r}")
    opens = target in ("own", "none") and _opens(asker, need, route, ids)
    if need == OPEN:
        return  # the sign-in pages send a signed-in person on; nothing to refuse
    # A search or an export sent by POST records its consultation or disclosure: not a change.
    if route.write and answer.changed and route.name not in QUERIED and (
            not opens or answer.status in REFUSED | {401}):
        m.fail(route, who, target, f"a refused write changed the database ({answer.status})")
    if need == NO_PAGE:
        if answer.status != 404:
            m.fail(route, who, target, f"answered {answer.status}, wanted 404")
        return
    if need == COUNTING:
        # A force's or region's figures are counted for those ``countable`` allows (403 for anyone
        # else: the place is public, its figures are not); a place that does not exist is 404.
        if _place_organisations(route, ids) is None:
            wanted = {404}
        else:
            wanted = {200} if _opens(asker, need, route, ids) else {403}
        if answer.status not in wanted:
            m.fail(route, who, target, f"answered {answer.status}, wanted {sorted(wanted)}")
        return
    if need == NATIONAL_OR_OWN and not opens:
        fallback = dashboards.own_place(User.objects.get(pk=asker.user.pk))
        wanted = {302} if fallback is not None else {403}
        if answer.status not in wanted:
            m.fail(route, who, target, f"answered {answer.status}, wanted {sorted(wanted)}")
        return
    if opens:
        if not _answered(route, answer):
            m.fail(route, who, target, f"answered {answer.status} {answer.location}, "
                                       f"wanted an answer: {answer.body[:200]!r}")
    elif target in ("own", "none"):
        if answer.status != 403:
            m.fail(route, who, target, f"answered {answer.status}, wanted 403 (no capability)")
    elif route.name in QUERIED:
        pass  # a search or graph of another force's record: the same as a missing one, below
    elif answer.status not in REFUSED or (_opens(asker, need, route, asker.own)
                                          and answer.status != 404):
        m.fail(route, who, target, f"answered {answer.status}, wanted 404 (or 403 without the "
                                   "capability)")


def _signed_out(m: Matrix, route: Route, need: Need | None, a: Force, half: Client, sql: str,
                baseline: tuple[Any, ...]) -> None:
    """Signed out, and signed in with a password but no second factor: nothing answers."""
    path = _path(route, a.ids)
    assert path is not None
    for who, client in (("signed out", Client(raise_request_exception=False)),
                        ("no second factor", half)):
        answer = _ask(client, route, path, None, None, sql, baseline)
        m.cells += 1
        if need == OPEN or need is None:
            continue
        if route.api:
            wanted = answer.status == 401
        elif who == "signed out":
            wanted = answer.status == 302 and answer.location.startswith("/sign-in/?next=")
        else:
            wanted = answer.status == 302 and "/sign-in/two-factor/" in answer.location
        if not wanted:
            m.fail(route, who, "-", f"answered {answer.status} {answer.location}")
        if answer.changed:
            m.fail(route, who, "-", "a signed-out write changed the database")
        for secret in list(a.secrets.values()):
            if secret in answer.body.decode("utf-8", "replace"):
                m.fail(route, who, "-", f"LEAK: answer holds {secret!r}")


@pytest.fixture
def _quiet_request_log() -> Iterator[None]:
    """Thousands of deliberate 403s and 404s: Django need not log each one."""
    log = logging.getLogger("django.request")
    level = log.level
    log.setLevel(logging.CRITICAL)
    yield
    log.setLevel(level)


@pytest.mark.django_db
@pytest.mark.usefixtures("_quiet_request_log")
def test_the_access_matrix(record_property: Any) -> None:
    """Given two forces with one record of each kind, the national unit and partner agencies, when
    each role asks every route with every method for its own force's record, another force's and
    a missing one, then each answer is the one the access rules demand, and nothing leaks."""
    a, b = _seed(FORCE_A, REGION_A, "A"), _seed(FORCE_B, REGION_B, "B")
    askers = _askers(a, b)
    half = Client(raise_request_exception=False)  # a password, but no second factor yet
    half.force_login(a.officer)
    schema = api.get_openapi_schema()
    sql = _fingerprint_sql()
    baseline = _fingerprint(sql)
    m = Matrix()
    for route in all_routes():
        need = NEEDS.get(route.name)
        targeted = (bool(set(route.params) - NOT_RECORDS) or _body_targets(route)
                    or route.name in QUERIED)
        _signed_out(m, route, need, a, half, sql, baseline)
        for asker in askers:
            mine = asker.own if targeted else asker.own | {"code": asker.own.get("code")}
            targets: list[tuple[str, dict[str, Any] | None]] = (
                [("own", mine), ("other", asker.other), ("missing", None)]
                if targeted else [("none", mine)])
            answers: dict[str, Answer] = {}
            for target, ids in targets:
                path = _path(route, ids)
                if path is None or (targeted and ids is not None and "investigation_id" not in ids
                                    and not set(route.params) - NOT_RECORDS):
                    continue  # the asker's organisation holds no record of this kind
                secrets = (a.secrets if ids is a.ids else b.secrets if ids is b.ids else None)
                if route.api and route.write:
                    data: Any = (_minimal(schema, route.body, ids, asker.user)
                                 if route.body is not None else None)
                    content_type = None
                else:
                    data, content_type = _query(route, ids, secrets)
                answer = _ask(asker.client, route, path, data, content_type, sql, baseline)
                answers[target] = answer
                _check(m, route, asker, need, target, ids, answer, json.dumps(data))
            if targeted and need not in (None, COUNTING) and {"other", "missing"} <= set(answers):
                other, missing = answers["other"], answers["missing"]
                if route.name in QUERIED and other.status == missing.status:
                    continue  # a search echoes what was typed: the same answer but for that
                if not other.same_as(missing):
                    m.fail(route, asker.label, "other",
                           f"another force's record answered {answers['other'].status} "
                           f"{answers['other'].body[:120]!r}, a missing one "
                           f"{answers['missing'].status} {answers['missing'].body[:120]!r}")
    count(CELLS, m.cells)
    record_property("access_matrix_cells", m.cells)
    if m.seen:
        for name, seen in sorted(m.seen.items()):
            print(name, " ".join(f"{k}={v}" for k, v in seen.items()))
    assert not m.seen, f"{len(m.seen)} routes have no line in NEEDS"
    assert not m.failures, "\n" + "\n".join(m.failures)


# --- a change to the person takes effect on their next request ---------------------------------

def _update(administrator: User, person: User, **change: Any) -> None:
    person = User.objects.get(pk=person.pk)
    fields: dict[str, Any] = {
        "first_name": person.first_name, "last_name": person.last_name, "email": person.email,
        "job_title": person.job_title, "collar_number": person.collar_number,
        "roles": person.role_set, "is_active": person.is_active, **change}
    account_services.user_update(administrator=administrator, user_id=person.pk,
                                 version=person.version, **fields)


@pytest.mark.django_db
def test_a_change_to_role_organisation_or_account_takes_effect_on_the_next_request() -> None:
    """Given investigators signed in and reading their force's case, when an administrator takes
    away the role, moves them to another force or disables the account, then the very next
    request on the same session is refused, with no sign of the case."""
    administrator = factories.user(Role.ADMINISTRATOR)
    officer = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(officer, "WY/77001/26")
    factories.victim(officer, case, first_name="Zanthia")
    page, api_path = f"/cases/{case.pk}/", f"/api/cases/investigations/{case.pk}"
    checked = 0

    def reads(person: User) -> Client:
        client = factories.signed_in_client(person)
        assert client.get(page).status_code == 200
        assert client.get(api_path).status_code == 200
        return client

    demoted = factories.user(Role.INVESTIGATOR)
    client = reads(demoted)
    _update(administrator, demoted, roles=[Role.AUDITOR])
    for path in (page, api_path):
        answer = client.get(path)
        assert answer.status_code == 403 and b"Zanthia" not in answer.content, path
        checked += 1

    moved = factories.user(Role.INVESTIGATOR)
    client = reads(moved)
    User.objects.filter(pk=moved.pk).update(organisation=factories.organisation(FORCE_B))
    for path in (page, api_path):
        answer = client.get(path)
        assert answer.status_code == 404 and b"Zanthia" not in answer.content, path
        checked += 1
    for path in (page, api_path):
        assert client.get(path.replace(str(case.pk), str(MISSING_ID))).status_code == 404
        checked += 1

    disabled = factories.user(Role.INVESTIGATOR)
    client = reads(disabled)
    _update(administrator, disabled, is_active=False)
    answer = client.get(page)
    assert answer.status_code == 302 and answer["Location"].startswith("/sign-in/")
    answer = client.get(api_path)
    assert answer.status_code == 401 and b"Zanthia" not in answer.content
    checked += 2
    count(CELLS, checked)
