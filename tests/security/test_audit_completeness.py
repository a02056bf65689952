"""Audit completeness (issue 8): every route that reads, changes, exports, discloses, links or erases
personal data writes one audit event naming who, when (UTC), what, and where the law asks why and to
whom; and on PostgreSQL the application's database role cannot rewrite the trail.

The routes come from Django's URL resolver (the pages and each API operation with its methods), so
a new route, or a new method on one, fails ``test_every_route_has_an_audit_expectation`` until it
is given a line in ``EXPECTED``: the audit event it must write, or why it touches no personal data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases.models import Investigation, Involvement, LineOfEnquiry, OrganisedCrimeGroup, Person
from lantern.cases.rules import InvolvementRole
from lantern.justice.models import CpsReferral, Disruption, Order
from lantern.linkage.models import LinkRun, MatchDecision, SuggestedMatch
from lantern.safeguarding.models import Disclosure, InformationRequest, Referral, VictimUpdate
from tests import factories
from tests.security.routes import page_methods, url_patterns

JSON = "application/json"
WEB_ROOMS = ("cases", "safeguarding", "justice", "linkage")
WEB_ALSO = ("insights:national-table", "insights:region-table", "insights:force-table", "audit:export")


@dataclass(frozen=True)
class Audited:
    """The one event an operation must write: its action and the kind of record it names."""

    action: Action
    object_type: str
    justification: bool = False  # must say why
    recipient: bool = False  # must say to whom


@dataclass(frozen=True)
class NoPersonalData:
    """An operation that touches no one's personal data, and why."""

    reason: str


Expectation = Audited | NoPersonalData


def _seen(kind: str) -> Audited:
    return Audited(Action.CONSULTATION, kind)


def _changed(kind: str, **needs: bool) -> Audited:
    return Audited(Action.ALTERATION, kind, **needs)


def _none(reason: str) -> NoPersonalData:
    return NoPersonalData(reason)


INV, PERSON, REFERRAL, GROUP = "cases.investigation", "cases.person", "safeguarding.referral", \
    "cases.organisedcrimegroup"
BLANK = _none("a blank form: it shows nothing of any record")
NAME_ONLY = _none("a form whose heading names the record it is for; the record is not opened "
                  "(opening it, or saving the form, is audited)")
COUNTS = _none("counts only: no person is named or can be singled out")

# Each page's URL name with its method, and each API operation's method with its path, as the
# resolver spells them. Keep one line per operation.
EXPECTED: dict[str, Expectation] = {
    # --- pages: investigations and people
    "GET cases:list": _none("crime references, statuses and counts of victims: nobody is named"),
    "GET cases:record": BLANK,
    "POST cases:record": Audited(Action.COLLECTION, INV),
    "GET cases:investigation": _seen(INV),
    "GET cases:edit": _seen(INV),
    "POST cases:edit": _changed(INV),
    "GET cases:move": _seen(INV),
    "POST cases:move": _changed(INV),
    "GET cases:close": _seen(INV),
    "POST cases:close": _changed(INV),
    "GET cases:person-add": _seen(INV),
    "POST cases:person-add": Audited(Action.COLLECTION, PERSON),
    "GET cases:line-raise": BLANK,
    "POST cases:line-raise": _changed(INV),
    "GET cases:review": BLANK,
    "POST cases:review": _changed(INV),
    "GET cases:line-close": _none("the line of enquiry's description as the heading: no person"),
    "POST cases:line-close": _changed(INV),
    "GET cases:spoken-to": NAME_ONLY,
    "POST cases:spoken-to": _changed(INV),
    "GET cases:told-of-closure": NAME_ONLY,
    "POST cases:told-of-closure": _changed(INV),
    "GET cases:group-link": BLANK,
    "POST cases:group-link": Audited(Action.COMBINATION, GROUP),
    "GET cases:groups": _none("groups' references and working names: no person"),
    "GET cases:group-new": BLANK,
    "POST cases:group-new": Audited(Action.COLLECTION, GROUP),
    "GET cases:group": _seen(GROUP),
    "GET cases:group-member-add": _seen(GROUP),
    "POST cases:group-member-add": Audited(Action.COMBINATION, PERSON),
    "GET cases:person-search": Audited(Action.CONSULTATION, "cases.person_search", justification=True),
    "GET cases:person": _seen(PERSON),
    "GET cases:person-edit": _seen(PERSON),
    "POST cases:person-edit": _changed(PERSON),
    "GET cases:identifier-add": _seen(PERSON),
    "POST cases:identifier-add": _changed(PERSON),
    # --- pages: safeguarding
    "GET safeguarding:signs": _none("guidance on the signs of modern slavery"),
    "GET safeguarding:encounter": BLANK,
    "POST safeguarding:encounter": Audited(Action.COLLECTION, PERSON),
    "GET safeguarding:tasks": _seen("safeguarding.tasks"),
    "GET safeguarding:victim": _seen(PERSON),
    "GET safeguarding:route": _seen(PERSON),
    "POST safeguarding:route": Audited(Action.COLLECTION, REFERRAL),
    "GET safeguarding:safety-new": BLANK,
    "POST safeguarding:safety-new": _changed(PERSON),
    "GET safeguarding:support-new": BLANK,
    "POST safeguarding:support-new": _changed(PERSON),
    "GET safeguarding:interpreter": BLANK,
    "POST safeguarding:interpreter": _changed(PERSON),
    "GET safeguarding:update-new": BLANK,
    "POST safeguarding:update-new": _changed(PERSON),
    "GET safeguarding:contact-new": BLANK,
    "POST safeguarding:contact-new": _changed(PERSON),
    "GET safeguarding:disclosure-new": BLANK,
    "POST safeguarding:disclosure-new": _changed(PERSON),
    "GET safeguarding:update-given": _none("the kind of update owed as the heading: no person"),
    "POST safeguarding:update-given": _changed(PERSON),
    "GET safeguarding:disclosures": _seen("safeguarding.disclosure_register"),
    "GET safeguarding:disclosure-decide": _seen(PERSON),
    "POST safeguarding:disclosure-decide": Audited(Action.DISCLOSURE, PERSON, recipient=True),
    "GET safeguarding:referral": _seen(REFERRAL),
    "GET safeguarding:referral-edit": _seen(REFERRAL),
    "POST safeguarding:referral-edit": _changed(REFERRAL),
    "POST safeguarding:referral-submit": Audited(Action.DISCLOSURE, REFERRAL, recipient=True),
    "GET safeguarding:referral-download": Audited(Action.DISCLOSURE, REFERRAL, recipient=True),
    "GET safeguarding:decision-new": BLANK,
    "POST safeguarding:decision-new": _changed(REFERRAL),
    "GET safeguarding:request-new": BLANK,
    "POST safeguarding:request-new": _changed(REFERRAL),
    "GET safeguarding:request-answer": _none("what the competent authority asked, as the heading"),
    "POST safeguarding:request-answer": Audited(Action.DISCLOSURE, REFERRAL, recipient=True),
    "GET safeguarding:further-recovery-new": BLANK,
    "POST safeguarding:further-recovery-new": _changed(REFERRAL),
    "GET safeguarding:disqualification-new": BLANK,
    "POST safeguarding:disqualification-new": _changed(REFERRAL),
    # --- pages: justice
    "GET justice:figures": COUNTS,
    "GET justice:s45": NAME_ONLY,
    "POST justice:s45": _changed(PERSON),
    "GET justice:cps-referral": NAME_ONLY,
    "POST justice:cps-referral": Audited(Action.DISCLOSURE, PERSON, recipient=True),
    "GET justice:charging-decision": NAME_ONLY,
    "POST justice:charging-decision": _changed(PERSON),
    "GET justice:verdict": NAME_ONLY,
    "POST justice:verdict": _changed(PERSON),
    "GET justice:orders": _seen("justice.order_register"),
    "GET justice:order": _seen(PERSON),
    "GET justice:order-grant": _seen(PERSON),
    "POST justice:order-grant": _changed(PERSON),
    "GET justice:order-refuse": _seen(PERSON),
    "POST justice:order-refuse": _changed(PERSON),
    "GET justice:order-breach": _seen(PERSON),
    "POST justice:order-breach": _changed(PERSON),
    "GET justice:order-apply": NAME_ONLY,
    "POST justice:order-apply": _changed(PERSON),
    "GET justice:disruptions": _none("disruptions: dates, tactics and impact of action against "
                                     "groups, no person's record"),
    "GET justice:disruption-new": BLANK,
    "POST justice:disruption-new": Audited(Action.COLLECTION, "justice.disruption"),
    # --- pages: linkage
    "GET linkage:connections": _none("match numbers, forces and scores: nobody is named"),
    "GET linkage:match": _seen("linkage.suggestedmatch"),
    "POST linkage:match": Audited(Action.COMBINATION, "linkage.matchdecision", justification=True),
    "POST linkage:seen-before": _seen("linkage.seen_before"),
    "GET linkage:run-new": BLANK,
    "POST linkage:run-new": _none("queues a run; the run itself is audited as a combination when "
                                  "it reads every force's records (linkage.services.run_execute)"),
    "GET linkage:run": _none("a run's progress and counts"),
    "GET linkage:graph": _seen(INV),
    "POST linkage:graph-expand": _seen(PERSON),
    "POST linkage:graph-export": Audited(Action.DISCLOSURE, "linkage.graph", justification=True,
                                         recipient=True),
    # --- table downloads and the audit trail's own export
    "GET insights:national-table": Audited(Action.DISCLOSURE, "insights.table", recipient=True),
    "GET insights:region-table": Audited(Action.DISCLOSURE, "insights.table", recipient=True),
    "GET insights:force-table": Audited(Action.DISCLOSURE, "insights.table", recipient=True),
    "POST audit:export": Audited(Action.DISCLOSURE, "audit.export", justification=True, recipient=True),
    # --- API: the schema and the staff directory
    "GET /api/openapi.json": _none("the API's schema"),
    "GET /api/docs": _none("the API's documentation page"),
    "GET /api/me": _none("the caller's own account"),
    "GET /api/organisations": _none("the directory of organisations"),
    "GET /api/organisations/<code>": _none("an organisation's directory entry"),
    "GET /api/organisations/<code>/people": _none("colleagues' work contact details (staff "
                                                  "directory), not data processed for law enforcement"),
    "GET /api/people/<user_id>": _none("a colleague's work contact details (staff directory)"),
    "GET /api/audit/events": _seen("audit.search"),
    "GET /api/audit/verify": _none("hashes and a count: no event's content"),
    # --- API: cases
    "GET /api/cases/investigations": _none("crime references, statuses and counts: nobody named"),
    "POST /api/cases/investigations": Audited(Action.COLLECTION, INV),
    "GET /api/cases/investigations/<investigation_id>": _seen(INV),
    "PUT /api/cases/investigations/<investigation_id>": _changed(INV),
    "POST /api/cases/investigations/<investigation_id>/moves": _changed(INV),
    "POST /api/cases/investigations/<investigation_id>/closure": _changed(INV),
    "POST /api/cases/investigations/<investigation_id>/lines-of-enquiry": _changed(INV),
    "POST /api/cases/lines-of-enquiry/<line_id>/closure": _changed(INV),
    "POST /api/cases/investigations/<investigation_id>/reviews": _changed(INV),
    "POST /api/cases/investigations/<investigation_id>/people": Audited(Action.COLLECTION, PERSON),
    "GET /api/cases/people/<person_id>": _seen(PERSON),
    "PATCH /api/cases/people/<person_id>": _changed(PERSON),
    "POST /api/cases/people/<person_id>/identifiers": _changed(PERSON),
    "PUT /api/cases/involvements/<involvement_id>/spoken-to": _changed(INV),
    "PUT /api/cases/involvements/<involvement_id>/told-of-closure": _changed(INV),
    "PUT /api/cases/involvements/<involvement_id>/role": _changed(INV),
    "GET /api/cases/groups/": _none("groups' references and working names: no person"),
    "POST /api/cases/groups/": Audited(Action.COLLECTION, GROUP),
    "POST /api/cases/groups/links": Audited(Action.COMBINATION, GROUP),
    "GET /api/cases/groups/<group_id>": _seen(GROUP),
    "POST /api/cases/groups/<group_id>/members": Audited(Action.COMBINATION, PERSON),
    # --- API: justice
    "GET /api/justice/s45/schedule-4": _none("the law: Schedule 4's list of offences"),
    "GET /api/justice/suspects/<involvement_id>/s45-tests": _none("the questions the law asks for "
                                                                  "the suspect's age group"),
    "POST /api/justice/suspects/<involvement_id>/s45-considerations": _changed(PERSON),
    "GET /api/justice/investigations/<investigation_id>": _seen(INV),
    "POST /api/justice/suspects/<involvement_id>/cps-referrals": Audited(Action.DISCLOSURE, PERSON,
                                                                         recipient=True),
    "POST /api/justice/cps-referrals/<referral_id>/decision": _changed(PERSON),
    "POST /api/justice/prosecutions/<prosecution_id>/hearings": _changed(PERSON),
    "POST /api/justice/prosecutions/<prosecution_id>/verdict": _changed(PERSON),
    "POST /api/justice/people/<person_id>/orders": _changed(PERSON),
    "GET /api/justice/orders": _seen("justice.order_register"),
    "GET /api/justice/orders/national": COUNTS,
    "GET /api/justice/orders/<order_id>": _seen(PERSON),
    "POST /api/justice/orders/<order_id>/grant": _changed(PERSON),
    "POST /api/justice/orders/<order_id>/refusal": _changed(PERSON),
    "POST /api/justice/orders/<order_id>/breaches": _changed(PERSON),
    "GET /api/justice/tasks": _seen("justice.order_tasks"),
    "POST /api/justice/disruptions": Audited(Action.COLLECTION, "justice.disruption"),
    "GET /api/justice/disruptions": _none("disruptions: dates, tactics and impact, no person's record"),
    "GET /api/justice/figures": COUNTS,
    # --- API: safeguarding
    "POST /api/safeguarding/encounters": Audited(Action.COLLECTION, PERSON),
    "POST /api/safeguarding/victims/<involvement_id>/referrals": Audited(Action.COLLECTION, REFERRAL),
    "GET /api/safeguarding/victims/<involvement_id>/referrals": _seen(PERSON),
    "GET /api/safeguarding/referrals/<referral_id>": _seen(REFERRAL),
    "PATCH /api/safeguarding/referrals/<referral_id>": _changed(REFERRAL),
    "POST /api/safeguarding/referrals/<referral_id>/submission": Audited(Action.DISCLOSURE, REFERRAL,
                                                                         recipient=True),
    "GET /api/safeguarding/referrals/<referral_id>/nrm-json": Audited(Action.DISCLOSURE, REFERRAL,
                                                                      recipient=True),
    "POST /api/safeguarding/referrals/<referral_id>/decisions": _changed(REFERRAL),
    "POST /api/safeguarding/referrals/<referral_id>/information-requests": _changed(REFERRAL),
    "POST /api/safeguarding/information-requests/<request_id>/answer": Audited(
        Action.DISCLOSURE, REFERRAL, recipient=True),
    "POST /api/safeguarding/referrals/<referral_id>/further-recovery": _changed(REFERRAL),
    "POST /api/safeguarding/referrals/<referral_id>/disqualifications": _changed(REFERRAL),
    "POST /api/safeguarding/victims/<involvement_id>/safety-arrangements": _changed(PERSON),
    "POST /api/safeguarding/victims/<involvement_id>/supporters": _changed(PERSON),
    "PUT /api/safeguarding/victims/<involvement_id>/interpreter": _changed(PERSON),
    "POST /api/safeguarding/victims/<involvement_id>/updates": _changed(PERSON),
    "POST /api/safeguarding/updates/<update_id>/given": _changed(PERSON),
    "POST /api/safeguarding/victims/<involvement_id>/contacts": _changed(PERSON),
    "POST /api/safeguarding/victims/<involvement_id>/disclosures": _changed(PERSON),
    "POST /api/safeguarding/disclosures/<disclosure_id>/decision": Audited(Action.DISCLOSURE, PERSON,
                                                                           recipient=True),
    "GET /api/safeguarding/tasks": _seen("safeguarding.tasks"),
    "GET /api/": _none("the API's root: answers 404"),
}


# --- the routes, from the resolver -------------------------------------------------------------

def _api_methods(view: Any) -> list[str]:
    """The methods of each Ninja operation on this path (its view closes over the PathView)."""
    path_view = next(c.cell_contents for c in view.__closure__ or ()
                     if hasattr(c.cell_contents, "operations"))
    return sorted({m for operation in path_view.operations for m in operation.methods})


def routes_in_scope() -> set[str]:
    found: set[str] = set()
    for route, name, view in url_patterns(get_resolver().url_patterns):
        if route.startswith("api/"):
            methods = (_api_methods(view) if hasattr(view, "__closure__") and view.__closure__
                       and any(hasattr(c.cell_contents, "operations") for c in view.__closure__)
                       else ["GET"])
            found |= {f"{m} /{route}" for m in methods}
        elif name.split(":")[0] in WEB_ROOMS or name in WEB_ALSO:
            found |= {f"{m} {name}" for m in page_methods(view)}
    return found


def test_every_route_has_an_audit_expectation() -> None:
    """Given every page and API operation that can touch personal data, when a route is added or
    removed, then this table must say what it writes to the audit trail."""
    routes = routes_in_scope()
    assert sorted(routes - set(EXPECTED)) == [], "routes with no audit expectation"
    assert sorted(set(EXPECTED) - routes) == [], "expectations for routes that no longer exist"


# --- doing every operation and finding it in the trail -----------------------------------------

@dataclass
class Trail:
    """Sends each operation and checks the events it wrote."""

    done: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def _fail(self, problem: str) -> None:
        print(problem)  # shown with the failure, in the order the operations ran
        self.problems.append(problem)

    def step(self, key: str, who: User, send: Callable[[Client], HttpResponse],
             record: str | Callable[[], object] = "", status: tuple[int, ...] = ()
             ) -> HttpResponse:
        expected = EXPECTED[key]
        page_post = key.startswith("POST ") and not key.startswith("POST /")
        status = status or ((302,) if page_post else (200, 201))
        mark = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
        before = timezone.now()
        response = send(factories.signed_in_client(who))
        after = timezone.now()
        self.done.add(key)
        if response.status_code not in status:
            errors = re.findall(r"error-summary__list\">(.*?)</ul>", response.content.decode(), re.S)
            said = [" ".join(re.sub("<[^>]+>", " ", e).split()) for e in errors]
            self._fail(f"{key}: answered {response.status_code}: {said or response.content[:300]!r}")
            return response
        if isinstance(expected, NoPersonalData):
            return response
        record_id = str(record() if callable(record) else record)
        events = list(AuditEvent.objects.filter(sequence__gt=mark))
        ours = [e for e in events if e.action == expected.action.value
                and e.object_type == expected.object_type
                and (not record_id or e.object_id == record_id)]
        if len(ours) != 1:
            self._fail(
                f"{key}: {len(ours)} {expected.action} events for {expected.object_type}:{record_id}"
                f" (wrote {[(e.action, e.object_type, e.object_id) for e in events]})")
            return response
        event = ours[0]
        if event.user_id != who.pk or event.username != who.username:
            self._fail(f"{key}: event names user {event.user_id}, not {who.pk}")
        if event.occurred_at.utcoffset() != timedelta(0) or not before <= event.occurred_at <= after:
            self._fail(f"{key}: event time {event.occurred_at!r} is not this UTC moment")
        if expected.justification and not event.justification.strip():
            self._fail(f"{key}: no justification recorded")
        if expected.recipient and not event.recipient.strip():
            self._fail(f"{key}: no recipient recorded")
        return response


def _api(method: str, path: str, body: dict[str, Any] | None = None) -> Callable[[Client], Any]:
    if method == "get":
        return lambda c: c.get(f"/api{path}", body or {})
    return lambda c: getattr(c, method)(f"/api{path}", body or {}, content_type=JSON)


def _get(path: str, query: dict[str, Any] | None = None) -> Callable[[Client], Any]:
    return lambda c: c.get(path, query or {})


def _post(path: str, data: dict[str, Any]) -> Callable[[Client], Any]:
    return lambda c: c.post(path, data)


def _latest(model: Any, **where: Any) -> Callable[[], object]:
    return lambda: model.objects.filter(**where).latest("pk").pk


@dataclass
class People:
    officer: User
    supervisor: User
    analyst: User
    national: User
    auditor: User
    other_force: User


def _people() -> People:
    return People(officer=factories.user(Role.INVESTIGATOR), supervisor=factories.user(Role.SUPERVISOR),
                  analyst=factories.user(Role.INTELLIGENCE_ANALYST),
                  national=factories.user(Role.NATIONAL_UNIT), auditor=factories.user(Role.AUDITOR),
                  other_force=factories.user(Role.INVESTIGATOR, org="greater-manchester"))


TODAY = date.today().isoformat()
YESTERDAY = f"{date.today() - timedelta(days=1)} 09:00"
DISCLOSE = {"purpose": "prevention_or_detection_of_crime", "legal_basis": "cca_2013_s7",
            "what_shared": "Name and nationality", "recipient": "Immigration Enforcement NCCU",
            "domestic_abuse_victim": False, "evidence_of_immigration_offence": True, "victim_told": True}
WHAT_HAPPENED = {
    "what_happened": "Made to work 12 hours a day washing cars for no pay.",
    "how_exploitation_started": "Offered a job through a cousin.",
    "living_conditions": "Eight men in one room above the car wash.",
    "treatment": "Threatened, passport taken.", "exploitation_start": "2026-05-01",
    "exploitation_end": "2026-11-01", "current_city": "Leeds",
    "immigration_status": "Visitor visa, expired", "exploitation_location": "uk",
}


def _case_pages(t: Trail, p: People) -> None:
    o, boss = p.officer, p.supervisor
    t.step("GET cases:list", o, _get("/cases/"))
    t.step("GET cases:record", o, _get("/cases/new/"))
    t.step("POST cases:record", o, _post("/cases/new/", {
        "crime_reference": "WY/07001/26", "recorded_on": "2026-11-02", "offences": ["msa_2015_s1"],
        "exploitation_types": ["labour"], "industry": "car_wash", "exploitation_location": "uk",
        "nim_level": "1"}), _latest(Investigation))
    case = Investigation.objects.get(crime_reference="WY/07001/26")
    url = f"/cases/{case.pk}/"
    t.step("GET cases:investigation", o, _get(url), case.pk)
    t.step("GET cases:edit", o, _get(f"{url}edit/"), case.pk)
    t.step("POST cases:edit", o, _post(f"{url}edit/", {
        "offences": ["msa_2015_s1"], "exploitation_types": ["labour"], "industry": "car_wash",
        "exploitation_location": "uk", "nim_level": "2", "summary": "Car wash", "version": 1}), case.pk)
    t.step("GET cases:move", o, _get(f"{url}move/"), case.pk)
    t.step("POST cases:move", o, _post(f"{url}move/", {"version": 2, "to": "triaged"}), case.pk)
    t.step("GET cases:person-add", o, _get(f"{url}people/new/"), case.pk)
    t.step("POST cases:person-add", o, _post(f"{url}people/new/", {
        "role": "victim", "first_name": "Ana", "last_name": "Example", "gender": "female"}),
        _latest(Person))
    victim = Involvement.objects.filter(investigation=case).latest("pk")
    t.step("GET cases:line-raise", o, _get(f"{url}lines/new/"))
    t.step("POST cases:line-raise", o, _post(f"{url}lines/new/", {"text": "Trace the owner"}), case.pk)
    line = LineOfEnquiry.objects.filter(investigation=case).latest("pk")
    t.step("GET cases:line-close", o, _get(f"/cases/lines/{line.pk}/close/"))
    t.step("POST cases:line-close", o, _post(f"/cases/lines/{line.pk}/close/", {"text": "Found"}),
           case.pk)
    t.step("GET cases:review", boss, _get(f"{url}review/"))
    t.step("POST cases:review", boss, _post(f"{url}review/", {"text": "Reviewed"}), case.pk)
    for what in ("spoken-to", "told-of-closure"):
        path = f"/cases/involvements/{victim.pk}/{what}/"
        t.step(f"GET cases:{what}", o, _get(path))
        t.step(f"POST cases:{what}", o, _post(path, {"on": "2026-11-03"}), case.pk)
    t.step("GET cases:close", boss, _get(f"{url}close/"), case.pk)
    t.step("GET cases:group-new", o, _get("/cases/groups/new/"))
    t.step("POST cases:group-new", o, _post("/cases/groups/new/", {"name": "Car wash network"}),
           _latest(OrganisedCrimeGroup))
    group = OrganisedCrimeGroup.objects.latest("pk")
    t.step("GET cases:groups", o, _get("/cases/groups/"))
    t.step("GET cases:group", o, _get(f"/cases/groups/{group.pk}/"), group.pk)
    t.step("GET cases:group-link", o, _get(f"{url}groups/link/"))
    t.step("POST cases:group-link", o, _post(f"{url}groups/link/", {"reference": group.reference}),
           group.pk)
    t.step("GET cases:group-member-add", o, _get(f"/cases/groups/{group.pk}/members/new/"), group.pk)
    t.step("POST cases:group-member-add", o, _post(f"/cases/groups/{group.pk}/members/new/", {
        "person_id": victim.person_id, "role": "recruiter"}), victim.person_id)
    t.step("GET cases:person-search", o, _get("/cases/people/", {"name": "Ana",
                                                                 "purposes": ["safeguarding"]}))
    person = f"/cases/people/{victim.person_id}/"
    t.step("GET cases:person", o, _get(person), victim.person_id)
    t.step("GET cases:person-edit", o, _get(f"{person}edit/"), victim.person_id)
    t.step("POST cases:person-edit", o, _post(f"{person}edit/", {
        "first_name": "Ana", "last_name": "Example", "gender": "female", "estimated_age": 30,
        "version": 1}), victim.person_id)
    t.step("GET cases:identifier-add", o, _get(f"{person}identifiers/new/"), victim.person_id)
    t.step("POST cases:identifier-add", o, _post(f"{person}identifiers/new/", {
        "kind": "phone", "value": "07700 900123"}), victim.person_id)
    _under_investigation(o, boss, case.pk)
    t.step("POST cases:close", boss, _post(f"{url}close/", {
        "version": Investigation.objects.get(pk=case.pk).version, "outcome": "20",
        "override_reason": "NCA has taken primacy"}), case.pk)


def _under_investigation(officer: User, supervisor: User, case_id: int) -> int:
    """Allocate and start the investigation, so that it may close; its version now."""
    from lantern.cases import services
    from lantern.cases.rules import Status, Team

    for to in (Status.ALLOCATED, Status.UNDER_INVESTIGATION):
        services.investigation_move(
            user=officer, investigation_id=case_id, to=to, note="",
            version=Investigation.objects.get(pk=case_id).version, team=Team.SPECIALIST_UNIT,
            officer_in_charge_id=officer.pk, supervisor_id=supervisor.pk)
    return Investigation.objects.get(pk=case_id).version


def _safeguarding_pages(t: Trail, p: People) -> None:
    o, boss = p.officer, p.supervisor
    t.step("GET safeguarding:signs", o, _get("/safeguarding/signs/"))
    t.step("GET safeguarding:encounter", o, _get("/safeguarding/encounter/"))
    t.step("POST safeguarding:encounter", o, _post("/safeguarding/encounter/", {
        "place_of_safety": "safe_house", "exploitation_types": ["labour"], "exploitation_location": "uk",
        "age": "adult", "estimated_age": 30, "first_name": "Bora", "last_name": "Example",
        "gender": "female"}), _latest(Person))
    victim = Involvement.objects.latest("pk")
    v = f"/safeguarding/victims/{victim.pk}/"
    person = victim.person_id
    t.step("GET safeguarding:victim", o, _get(v), person)
    t.step("GET safeguarding:route", o, _get(f"{v}route/"), person)
    t.step("POST safeguarding:route", o, _post(f"{v}route/", {
        "explained": ["nrm", "support", "outcomes"], "consent_given": "yes"}), _latest(Referral))
    referral = Referral.objects.latest("pk")
    r = f"/safeguarding/referrals/{referral.pk}/"
    forms = {
        "safety-new": ("safety/new/", {"place": "hotel_or_bb"}),
        "support-new": ("support/new/", {"kind": "vlo", "name": "PC Rahman", "assigned_on": TODAY}),
        "interpreter": ("interpreter/", {"language": "Albanian", "preferred_sex": "female"}),
        "update-new": ("updates/new/", {"kind": "suspect_arrested", "event_on": TODAY}),
        "contact-new": ("contacts/new/", {"at": YESTERDAY, "method": "phone",
                                          "summary": "Checked in"}),
        "disclosure-new": ("disclosures/new/", {**DISCLOSE, "domestic_abuse_victim": "no",
                                                "evidence_of_immigration_offence": "yes",
                                                "victim_told": "yes"}),
    }
    for name, (tail, data) in forms.items():
        t.step(f"GET safeguarding:{name}", o, _get(f"{v}{tail}"))
        t.step(f"POST safeguarding:{name}", o, _post(f"{v}{tail}", data), person)
    update = VictimUpdate.objects.latest("pk")
    t.step("GET safeguarding:update-given", o, _get(f"/safeguarding/updates/{update.pk}/given/"))
    t.step("POST safeguarding:update-given", o, _post(f"/safeguarding/updates/{update.pk}/given/", {
        "given_on": TODAY, "how": "Phone call"}), person)
    t.step("GET safeguarding:tasks", boss, _get("/safeguarding/tasks/"))
    disclosure = Disclosure.objects.latest("pk")
    decide = f"/safeguarding/disclosures/{disclosure.pk}/decide/"
    t.step("GET safeguarding:disclosure-decide", boss, _get(decide), person)
    t.step("POST safeguarding:disclosure-decide", boss, _post(decide, {"approve": "yes"}), person)
    t.step("GET safeguarding:disclosures", boss, _get("/safeguarding/disclosures/"))
    t.step("GET safeguarding:referral", o, _get(r), referral.pk)
    t.step("GET safeguarding:referral-edit", o, _get(f"{r}edit/"), referral.pk)
    t.step("POST safeguarding:referral-edit", o, _post(f"{r}edit/", {
        **WHAT_HAPPENED, "version": 1, "still_in_exploitative_situation": "no", "gender": "female",
        "nationality": "Albanian", "exploitation_types": ["labour"]}), referral.pk)
    t.step("POST safeguarding:referral-submit", o, _post(f"{r}submit/", {"version": 2}), referral.pk)
    t.step("GET safeguarding:referral-download", o, _get(f"{r}download/"), referral.pk)
    t.step("GET safeguarding:decision-new", o, _get(f"{r}decisions/new/"))
    t.step("POST safeguarding:decision-new", o, _post(f"{r}decisions/new/", {
        "stage": "reasonable_grounds", "result": "positive", "decided_on": "2026-03-01",
        "authority": "single_competent_authority"}), referral.pk)
    t.step("GET safeguarding:request-new", o, _get(f"{r}requests/new/"))
    t.step("POST safeguarding:request-new", o, _post(f"{r}requests/new/", {
        "received_on": "2026-11-01", "due_on": "2026-11-08", "what_is_asked": "Transcript"}),
        referral.pk)
    request = InformationRequest.objects.latest("pk")
    answer = f"/safeguarding/requests/{request.pk}/answer/"
    t.step("GET safeguarding:request-answer", o, _get(answer))
    t.step("POST safeguarding:request-answer", o, _post(answer, {
        "answered_on": "2026-11-05", "summary": "Transcript sent"}), referral.pk)
    t.step("GET safeguarding:further-recovery-new", o, _get(f"{r}further-recovery/new/"))
    t.step("POST safeguarding:further-recovery-new", o, _post(f"{r}further-recovery/new/", {
        "on": "2026-05-01", "days": 30, "reason": "Further trauma disclosed"}), referral.pk)
    t.step("GET safeguarding:disqualification-new", o, _get(f"{r}disqualification/new/"))
    t.step("POST safeguarding:disqualification-new", o, _post(f"{r}disqualification/new/", {
        "on": "2026-05-02", "ground": "public_order", "reason": "Convicted of a serious offence"}),
        referral.pk)


def _justice_pages(t: Trail, p: People) -> None:
    o = p.officer
    case = factories.investigation(o)
    suspect = _suspect(o, case)
    person = suspect.person_id
    t.step("GET justice:figures", o, _get("/justice/"))
    s45 = f"/justice/suspects/{suspect.pk}/s45/"
    t.step("GET justice:s45", o, _get(s45))
    t.step("POST justice:s45", o, _post(s45, {
        "offence": "Production of cannabis", "offence_pursued": "no", "rationale": "Locked in",
        "test_direct_consequence_of_being_a_victim": "yes",
        "test_reasonable_person_would_do_the_act": "yes"}),
        person)
    cps = f"/justice/suspects/{suspect.pk}/cps/"
    t.step("GET justice:cps-referral", o, _get(cps))
    t.step("POST justice:cps-referral", o, _post(cps, {
        "kind": "charging_decision", "referred_on": "2026-11-10", "cps_reference": "CPS-1"}), person)
    referral = CpsReferral.objects.latest("pk")
    decision = f"/justice/cps-referrals/{referral.pk}/decision/"
    t.step("GET justice:charging-decision", o, _get(decision))
    t.step("POST justice:charging-decision", o, _post(decision, {
        "decision": "charge", "decided_on": "2026-11-12", "charges": "Production of cannabis"}), person)
    prosecution = CpsReferral.objects.get(pk=referral.pk).prosecution
    verdict = f"/justice/prosecutions/{prosecution.pk}/verdict/"
    t.step("GET justice:verdict", o, _get(verdict))
    t.step("POST justice:verdict", o, _post(verdict, {
        "version": prosecution.version, "verdict": "guilty_plea", "verdict_on": "2026-11-20",
        "sentence": "4 years"}), person)
    apply = f"/justice/people/{person}/orders/new/"
    t.step("GET justice:order-apply", o, _get(apply))
    order_form = {"kind": "stro", "applied_on": "2026-06-01", "managing_officer_id": o.pk}
    t.step("POST justice:order-apply", o, _post(apply, order_form), person)
    granted = Order.objects.latest("pk")
    factories_order = _post(apply, order_form)(factories.signed_in_client(o))
    assert factories_order.status_code == 302
    refused = Order.objects.latest("pk")
    t.step("GET justice:orders", o, _get("/justice/orders/"))
    t.step("GET justice:order", o, _get(f"/justice/orders/{granted.pk}/"), person)
    grant = f"/justice/orders/{granted.pk}/granted/"
    t.step("GET justice:order-grant", o, _get(grant), person)
    t.step("POST justice:order-grant", o, _post(grant, {
        "version": 1, "granted_on": "2026-06-10", "starts_on": "2026-06-10", "ends_on": "2028-06-10",
        "review_on": (date.today() + timedelta(days=30)).isoformat(), "prohibitions": "No contact"}),
        person)
    refuse = f"/justice/orders/{refused.pk}/refused/"
    t.step("GET justice:order-refuse", o, _get(refuse), person)
    t.step("POST justice:order-refuse", o, _post(refuse, {"version": 1, "reason": "Too late"}), person)
    breach = f"/justice/orders/{granted.pk}/breaches/new/"
    t.step("GET justice:order-breach", o, _get(breach), person)
    t.step("POST justice:order-breach", o, _post(breach, {
        "breached_on": "2026-11-01", "description": "Seen supplying workers"}), person)
    t.step("GET justice:disruptions", o, _get("/justice/disruptions/"))
    new = f"/justice/investigations/{case.pk}/disruptions/new/"
    t.step("GET justice:disruption-new", o, _get(new))
    t.step("POST justice:disruption-new", o, _post(new, {
        "on": "2026-11-01", "threat_types": ["msht"], "tactic": "asset_seizure", "impact": "major",
        "impact_rationale": "Takings seized", "description": "Seized the takings"}),
        _latest(Disruption))


def _suspect(officer: User, case: Investigation) -> Involvement:
    from lantern.cases import services

    return services.person_add_to_investigation(
        user=officer, investigation_id=case.pk, role=InvolvementRole.VICTIM_AND_SUSPECT,
        first_name="Minh", estimated_age=16)


def _linkage_pages(t: Trail, p: People) -> None:
    o, theirs = p.officer, p.other_force
    mine = factories.victim(o, factories.investigation(o), first_name="Arben").person
    other = factories.victim(theirs, factories.investigation(theirs, "GMP/00001/26"),
                             first_name="Arben").person
    left, right = sorted([mine, other], key=lambda person: person.pk)
    match = SuggestedMatch.objects.create(left=left, right=right, probability=0.97, match_weight=9.0,
                                          cross_force=True, parts=[])
    t.step("GET linkage:connections", o, _get("/linkage/"))
    t.step("GET linkage:match", o, _get(f"/linkage/matches/{match.pk}/"), match.pk)
    t.step("POST linkage:match", o, _post(f"/linkage/matches/{match.pk}/", {
        "outcome": "confirmed", "reason": "Same custody photograph"}),
        _latest(MatchDecision))
    t.step("POST linkage:seen-before", o, _post("/linkage/seen-before/", {
        "first_name": "Arben", "last_name": "Example"}), status=(200,))
    t.step("GET linkage:run-new", p.analyst, _get("/linkage/runs/new/"))
    t.step("POST linkage:run-new", p.analyst, _post("/linkage/runs/new/", {"threshold": "0.9"}))
    t.step("GET linkage:run", p.analyst, _get(f"/linkage/runs/{LinkRun.objects.latest('pk').pk}/"))
    case = Investigation.objects.filter(organisation=o.organisation).latest("pk")
    t.step("GET linkage:graph", o, _get("/linkage/graph/", {"start": f"investigation:{case.pk}"}),
           case.pk)
    t.step("POST linkage:graph-expand", o, lambda c: c.post(
        "/linkage/graph/expand/", json.dumps({"nodes": [f"person:{mine.pk}"]}), content_type=JSON),
        mine.pk, status=(200,))
    t.step("POST linkage:graph-export", o, _post("/linkage/graph/export/", {
        "reason": "Briefing the SIO", "file_format": "csv",
        "nodes": json.dumps([f"person:{mine.pk}", f"investigation:{case.pk}"])}), status=(200,))


def _downloads(t: Trail, p: People) -> None:
    n = p.national
    period = {"period": "2026"}
    t.step("GET insights:national-table", n, _get("/insights/tables/key-figures.csv", period))
    t.step("GET insights:region-table", n,
           _get("/insights/regions/yorkshire_humber/tables/key-figures.xlsx", period))
    t.step("GET insights:force-table", n,
           _get("/insights/forces/west-yorkshire/tables/key-figures.csv", period))
    t.step("POST audit:export", p.auditor, _post("/audit/export/", {"reason": "Quarterly DPO check"}),
           status=(200,))


@pytest.mark.django_db
def test_every_operation_on_personal_data_writes_one_complete_audit_event() -> None:
    """Given a force's officers, supervisor, analyst, auditor and the national unit, when each does
    every operation the pages and API allow, then each writes exactly one audit event naming who,
    when (UTC), which record and, where the law asks, why and to whom."""
    t, p = Trail(), _people()
    _case_pages(t, p)
    _safeguarding_pages(t, p)
    _justice_pages(t, p)
    _linkage_pages(t, p)
    _downloads(t, p)
    _api_cases(t, p)
    _api_safeguarding(t, p)
    _api_justice(t, p)
    _api_rest(t, p)
    assert t.problems == []
    audited = {k for k, v in EXPECTED.items() if isinstance(v, Audited)}
    assert sorted(audited - t.done) == [], "audited operations this test did not perform"
    assert sorted(set(EXPECTED) - t.done) == [], "operations this test did not perform"


def _api_cases(t: Trail, p: People) -> None:
    o, boss = p.officer, p.supervisor
    t.step("GET /api/cases/investigations", o, _api("get", "/cases/investigations"))
    created = t.step("POST /api/cases/investigations", o, _api("post", "/cases/investigations", {
        "crime_reference": "WY/08001/26", "recorded_on": "2026-11-02", "offences": ["msa_2015_s1"],
        "exploitation_types": ["labour"]}), _latest(Investigation)).json()
    case, path = created["id"], f"/cases/investigations/{created['id']}"
    t.step("GET /api/cases/investigations/<investigation_id>", o, _api("get", path), case)
    t.step("PUT /api/cases/investigations/<investigation_id>", o, _api("put", path, {
        "offences": ["msa_2015_s2"], "exploitation_types": ["sexual"], "summary": "First",
        "industry": "nail_bar", "exploitation_location": "uk", "organised_crime_involved": True,
        "nim_level": "2", "version": 1}), case)
    t.step("POST /api/cases/investigations/<investigation_id>/moves", o, _api("post", f"{path}/moves", {
        "to": "triaged", "version": 2}), case)
    added = t.step("POST /api/cases/investigations/<investigation_id>/people", o, _api(
        "post", f"{path}/people", {"role": "victim", "first_name": "Cara", "last_name": "Example"}),
        _latest(Person)).json()
    person, involvement = added["person_id"], added["id"]
    line = t.step("POST /api/cases/investigations/<investigation_id>/lines-of-enquiry", o, _api(
        "post", f"{path}/lines-of-enquiry", {"description": "Trace the owner"}), case).json()
    t.step("POST /api/cases/lines-of-enquiry/<line_id>/closure", o, _api(
        "post", f"/cases/lines-of-enquiry/{line['id']}/closure", {"result": "Found"}), case)
    t.step("POST /api/cases/investigations/<investigation_id>/reviews", boss, _api(
        "post", f"{path}/reviews", {"note": "Reviewed"}), case)
    t.step("GET /api/cases/people/<person_id>", o, _api("get", f"/cases/people/{person}"), person)
    t.step("PATCH /api/cases/people/<person_id>", o, _api("patch", f"/cases/people/{person}", {
        "version": 1, "estimated_age": 30}), person)
    t.step("POST /api/cases/people/<person_id>/identifiers", o, _api(
        "post", f"/cases/people/{person}/identifiers", {"kind": "phone", "value": "07700 900999"}),
        person)
    for what in ("spoken-to", "told-of-closure"):
        t.step(f"PUT /api/cases/involvements/<involvement_id>/{what}", o, _api(
            "put", f"/cases/involvements/{involvement}/{what}", {"on": "2026-11-03"}), case)
    t.step("PUT /api/cases/involvements/<involvement_id>/role", o, _api(
        "put", f"/cases/involvements/{involvement}/role", {"role": "victim_and_suspect"}), case)
    group = t.step("POST /api/cases/groups/", o, _api("post", "/cases/groups/", {
        "name": "Nail bar network"}), _latest(OrganisedCrimeGroup)).json()
    t.step("GET /api/cases/groups/", o, _api("get", "/cases/groups/"))
    t.step("POST /api/cases/groups/links", o, _api("post", "/cases/groups/links", {
        "investigation_id": case, "reference": group["reference"]}), group["id"])
    t.step("GET /api/cases/groups/<group_id>", o, _api("get", f"/cases/groups/{group['id']}"),
           group["id"])
    t.step("POST /api/cases/groups/<group_id>/members", o, _api(
        "post", f"/cases/groups/{group['id']}/members", {"person_id": person, "role": "recruiter"}),
        person)
    version = _under_investigation(o, boss, case)
    t.step("POST /api/cases/investigations/<investigation_id>/closure", boss, _api(
        "post", f"{path}/closure", {"outcome": "20", "version": version,
                                    "override_reason": "NCA has taken primacy"}), case)


def _api_safeguarding(t: Trail, p: People) -> None:
    o, boss = p.officer, p.supervisor
    found = t.step("POST /api/safeguarding/encounters", o, _api("post", "/safeguarding/encounters", {
        "place_of_safety": "safe_house", "exploitation_types": ["labour"], "first_name": "Dita",
        "nationality": "Albanian",
        "last_name": "Example", "gender": "female", "estimated_age": 30}), _latest(Person)).json()
    involvement = found["involvement_id"]
    person = Involvement.objects.get(pk=involvement).person_id
    v = f"/safeguarding/victims/{involvement}"
    referral = t.step("POST /api/safeguarding/victims/<involvement_id>/referrals", o, _api(
        "post", f"{v}/referrals", {"consent": {"nrm_explained": True, "support_explained": True,
                                               "outcomes_explained": True, "consent_given": True}}),
        _latest(Referral)).json()["id"]
    t.step("GET /api/safeguarding/victims/<involvement_id>/referrals", o, _api("get", f"{v}/referrals"),
           person)
    r = f"/safeguarding/referrals/{referral}"
    t.step("GET /api/safeguarding/referrals/<referral_id>", o, _api("get", r), referral)
    t.step("PATCH /api/safeguarding/referrals/<referral_id>", o, _api("patch", r, {
        "version": 1, **WHAT_HAPPENED, "still_in_exploitative_situation": False}), referral)
    t.step("POST /api/safeguarding/referrals/<referral_id>/submission", o, _api(
        "post", f"{r}/submission", {"version": 2}), referral)
    t.step("GET /api/safeguarding/referrals/<referral_id>/nrm-json", o, _api("get", f"{r}/nrm-json"),
           referral)
    t.step("POST /api/safeguarding/referrals/<referral_id>/decisions", o, _api("post", f"{r}/decisions", {
        "stage": "reasonable_grounds", "result": "positive", "decided_on": "2026-03-01",
        "authority": "single_competent_authority"}), referral)
    asked = t.step("POST /api/safeguarding/referrals/<referral_id>/information-requests", o, _api(
        "post", f"{r}/information-requests", {"received_on": "2026-11-01", "due_on": "2026-11-08",
                                              "what_is_asked": "Transcript"}), referral).json()
    t.step("POST /api/safeguarding/information-requests/<request_id>/answer", o, _api(
        "post", f"/safeguarding/information-requests/{asked['id']}/answer",
        {"answered_on": "2026-11-05", "summary": "Sent"}), referral)
    t.step("POST /api/safeguarding/referrals/<referral_id>/further-recovery", o, _api(
        "post", f"{r}/further-recovery", {"on": "2026-05-01", "days": 30, "reason": "Trauma"}), referral)
    t.step("POST /api/safeguarding/referrals/<referral_id>/disqualifications", o, _api(
        "post", f"{r}/disqualifications", {"on": "2026-05-02", "ground": "public_order",
                                           "reason": "Serious offence"}), referral)
    support = {
        ("post", "safety-arrangements"): {"place": "hotel_or_bb"},
        ("post", "supporters"): {"kind": "vlo", "name": "PC Rahman"},
        ("put", "interpreter"): {"language": "Albanian"},
        ("post", "updates"): {"kind": "suspect_arrested", "event_on": TODAY},
        ("post", "contacts"): {"at": timezone.now().astimezone(UTC).isoformat(), "method": "phone",
                               "summary": "Checked in"},
        ("post", "disclosures"): DISCLOSE,
    }
    for (method, tail), body in support.items():
        t.step(f"{method.upper()} /api/safeguarding/victims/<involvement_id>/{tail}", o,
               _api(method, f"{v}/{tail}", body), person)
    update = VictimUpdate.objects.latest("pk").pk
    t.step("POST /api/safeguarding/updates/<update_id>/given", o, _api(
        "post", f"/safeguarding/updates/{update}/given", {"given_on": TODAY, "how": "Phone"}), person)
    t.step("GET /api/safeguarding/tasks", boss, _api("get", "/safeguarding/tasks"))
    disclosure = Disclosure.objects.latest("pk").pk
    t.step("POST /api/safeguarding/disclosures/<disclosure_id>/decision", boss, _api(
        "post", f"/safeguarding/disclosures/{disclosure}/decision", {"approve": True}), person)


def _api_justice(t: Trail, p: People) -> None:
    o = p.officer
    case = factories.investigation(o)
    suspect = _suspect(o, case)
    person, s = suspect.person_id, f"/justice/suspects/{suspect.pk}"
    t.step("GET /api/justice/s45/schedule-4", o, _api("get", "/justice/s45/schedule-4", {"q": "s18"}))
    t.step("GET /api/justice/suspects/<involvement_id>/s45-tests", o, _api("get", f"{s}/s45-tests"))
    t.step("POST /api/justice/suspects/<involvement_id>/s45-considerations", o, _api(
        "post", f"{s}/s45-considerations", {
            "offence": "Production of cannabis", "offence_pursued": False, "rationale": "Locked in",
            "answers": {"direct_consequence_of_being_a_victim": True,
                        "reasonable_person_would_do_the_act": True}}), person)
    t.step("GET /api/justice/investigations/<investigation_id>", o, _api(
        "get", f"/justice/investigations/{case.pk}"), case.pk)
    referral = t.step("POST /api/justice/suspects/<involvement_id>/cps-referrals", o, _api(
        "post", f"{s}/cps-referrals", {"kind": "charging_decision", "referred_on": "2026-11-10"}),
        person).json()
    trial = t.step("POST /api/justice/cps-referrals/<referral_id>/decision", o, _api(
        "post", f"/justice/cps-referrals/{referral['id']}/decision", {
            "decision": "charge", "decided_on": "2026-11-12", "charges": "Production of cannabis"}),
        person).json()["prosecution"]
    t.step("POST /api/justice/prosecutions/<prosecution_id>/hearings", o, _api(
        "post", f"/justice/prosecutions/{trial['id']}/hearings", {
            "on": "2026-11-13", "court": "Leeds Magistrates", "purpose": "First appearance"}), person)
    t.step("POST /api/justice/prosecutions/<prosecution_id>/verdict", o, _api(
        "post", f"/justice/prosecutions/{trial['id']}/verdict", {
            "version": trial["version"], "verdict": "guilty_plea", "verdict_on": "2026-11-20"}), person)
    apply = {"kind": "stro", "applied_on": "2026-06-01", "managing_officer_id": o.pk}
    order = t.step("POST /api/justice/people/<person_id>/orders", o, _api(
        "post", f"/justice/people/{person}/orders", apply), person).json()
    other = _api("post", f"/justice/people/{person}/orders", apply)(factories.signed_in_client(o))
    assert other.status_code == 201, other.content
    t.step("GET /api/justice/orders", o, _api("get", "/justice/orders"))
    t.step("GET /api/justice/orders/national", p.national, _api("get", "/justice/orders/national"))
    t.step("GET /api/justice/orders/<order_id>", o, _api("get", f"/justice/orders/{order['id']}"),
           person)
    t.step("POST /api/justice/orders/<order_id>/grant", o, _api(
        "post", f"/justice/orders/{order['id']}/grant", {
            "version": 1, "granted_on": "2026-06-10", "starts_on": "2026-06-10",
            "ends_on": "2028-06-10", "review_on": (date.today() + timedelta(days=7)).isoformat(),
            "prohibitions": ["No contact"]}), person)
    t.step("POST /api/justice/orders/<order_id>/refusal", o, _api(
        "post", f"/justice/orders/{other.json()['id']}/refusal", {"version": 1, "reason": "Late"}),
        person)
    t.step("POST /api/justice/orders/<order_id>/breaches", o, _api(
        "post", f"/justice/orders/{order['id']}/breaches", {
            "breached_on": "2026-11-01", "description": "Seen supplying workers"}), person)
    t.step("GET /api/justice/tasks", o, _api("get", "/justice/tasks"))
    t.step("POST /api/justice/disruptions", o, _api("post", "/justice/disruptions", {
        "on": "2026-11-01", "threat_types": ["msht"], "tactic": "asset_seizure", "impact": "major",
        "impact_rationale": "£200k seized", "description": "Seized", "investigation_id": case.pk}))
    t.step("GET /api/justice/disruptions", o, _api("get", "/justice/disruptions"))
    t.step("GET /api/justice/figures", o, _api("get", "/justice/figures"))


def _api_rest(t: Trail, p: People) -> None:
    o = p.officer
    t.step("GET /api/openapi.json", o, _get("/api/openapi.json"))
    t.step("GET /api/docs", o, _get("/api/docs"))
    t.step("GET /api/", o, _get("/api/"), status=(404,))
    t.step("GET /api/me", o, _api("get", "/me"))
    t.step("GET /api/organisations", o, _api("get", "/organisations"))
    t.step("GET /api/organisations/<code>", o, _api("get", "/organisations/west-yorkshire"))
    t.step("GET /api/organisations/<code>/people", o, _api("get", "/organisations/west-yorkshire/people"))
    t.step("GET /api/people/<user_id>", o, _api("get", f"/people/{p.supervisor.pk}"))
    t.step("GET /api/audit/events", p.auditor, _api("get", "/audit/events"))
    t.step("GET /api/audit/verify", p.auditor, _api("get", "/audit/verify"))


# --- PostgreSQL: the application's role cannot rewrite the trail -------------------------------

ROLE = "lantern_audit_test_app"


@pytest.mark.django_db(transaction=False)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")
def test_the_application_role_may_append_but_never_update_delete_or_truncate() -> None:
    """Given an application role granted as ``lantern audit grant-app-role`` grants it, when code
    running as that role appends an event, then it works; when it updates, deletes or truncates
    audit events, then PostgreSQL refuses for want of privilege (not only the trigger)."""
    from lantern.audit.grants import app_role_grant
    from lantern.audit.services import event_record

    officer = factories.user(Role.INVESTIGATOR)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    app_role_grant(connection, ROLE)

    def as_app(sql: str) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL ROLE {ROLE}")
            cursor.execute(sql)

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
        event = event_record(action=Action.CONSULTATION, actor=officer, object_type="test.grant")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    for sql in ("UPDATE audit_auditevent SET justification = 'rewritten'",
                "DELETE FROM audit_auditevent",
                "TRUNCATE audit_auditevent"):
        with pytest.raises(DatabaseError, match="permission denied"):
            as_app(sql)
    assert AuditEvent.objects.filter(pk=event.pk, justification="").exists()
