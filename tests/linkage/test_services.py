"""The national run and officers' decisions, on the real database with real Splink on DuckDB.

Given two forces that recorded the same suspect (his name spelt two ways, day and month of his
birth swapped, the same phone) and strangers around them; when the national run links them; then
the two records share a stable person id, each force's officer and lead are told, the other
force's details stay withheld, and an officer's decision holds in every later run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from lantern.access.scope import AccessDenied, NotVisible
from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import chain_check
from lantern.cases import services as cases
from lantern.cases.models import Person
from lantern.cases.rules import IdentifierKind, InvolvementRole
from lantern.linkage import live, queries, services, tasks
from lantern.linkage.models import ClusterMember, ConnectionNotice, LinkRun, MatchDecision, SuggestedMatch
from lantern.linkage.records import PersonRecord
from lantern.linkage.rules import DecisionOutcome, NoticeReason, RunStatus
from tests import factories

pytestmark = pytest.mark.django_db

STRANGERS = [("Maria", "Nowak", date(1990, 1, 2)), ("Tomas", "Berisha", date(1979, 6, 30)),
             ("Linh", "Nguyen", date(2001, 9, 12)), ("John", "Smith", date(1965, 12, 1)),
             ("Oana", "Ionescu", date(1994, 2, 17)), ("Kwame", "Mensah", date(1988, 8, 8))]


@dataclass
class World:
    wy: User
    gm: User
    wy_lead: User
    gm_lead: User
    outsider: User
    wy_suspect: Person
    gm_suspect: Person


def _suspect(officer: User, first: str, last: str, born: date, phone: str) -> Person:
    case = factories.investigation(officer, reference=f"{officer.organisation.code[:2].upper()}/{last}/26")
    involvement = cases.person_add_to_investigation(
        user=officer, investigation_id=case.pk, role=InvolvementRole.SUSPECT, first_name=first,
        last_name=last, date_of_birth=born, nationality="Albanian")
    cases.identifier_add(user=officer, person_id=involvement.person_id, kind=IdentifierKind.PHONE,
                         value=phone)
    return involvement.person


@pytest.fixture
def world() -> World:
    wy = factories.user(Role.INVESTIGATOR)
    gm = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    wy_lead = factories.user(Role.FORCE_LEAD)
    gm_lead = factories.user(Role.FORCE_LEAD, org="greater-manchester")
    outsider = factories.user(Role.INVESTIGATOR, org="merseyside")
    wy_suspect = _suspect(wy, "Arben", "Hoxha", date(1985, 3, 4), "07700 900461")
    gm_suspect = _suspect(gm, "Arben", "Hoxa", date(1985, 4, 3), "+44 7700 900461")
    for number, (first, last, born) in enumerate(STRANGERS):
        _suspect(wy if number % 2 else gm, first, last, born, f"07700 9005{number:02d}")
    return World(wy, gm, wy_lead, gm_lead, outsider, wy_suspect, gm_suspect)


def _run() -> LinkRun:
    return services.run_execute(run_id=services.run_request(user=None).pk)


def _cluster(person: Person) -> str:
    return ClusterMember.objects.get(person=person).cluster_id


def test_the_run_joins_the_two_records_and_tells_both_forces(world: World) -> None:
    stages: list[str] = []
    run = services.run_execute(run_id=services.run_request(user=None).pk,
                               progress=lambda stage, fraction: stages.append(stage))
    assert run.status == RunStatus.FINISHED.value and run.records == 8 and run.fraction == 1.0
    assert {"reading records", "normalise", "predict", "cluster"} <= set(stages)
    assert _cluster(world.wy_suspect) == _cluster(world.gm_suspect)
    strangers = Person.objects.exclude(pk__in=[world.wy_suspect.pk, world.gm_suspect.pk])
    assert len({_cluster(p) for p in strangers}) == len(STRANGERS)  # nobody else joined
    match = SuggestedMatch.objects.get()
    assert (match.left_id, match.right_id) == tuple(sorted([world.wy_suspect.pk, world.gm_suspect.pk]))
    assert match.cross_force and match.probability >= 0.9 and match.parts
    told = dict(ConnectionNotice.objects.values_list("recipient_id", "reason"))
    assert told == {world.wy_lead.pk: NoticeReason.FORCE_LEAD.value,
                    world.gm_lead.pk: NoticeReason.FORCE_LEAD.value}
    event = AuditEvent.objects.filter(object_type="linkage.run").get()
    assert event.action == Action.COMBINATION.value and event.detail["records"] == 8
    assert chain_check().intact


def test_the_other_forces_record_is_withheld_but_says_whom_to_contact(world: World) -> None:
    _run()
    match = SuggestedMatch.objects.get()
    view = queries.match_detail(user=world.wy, match_id=match.pk)
    mine, theirs = ((view.left, view.right) if view.left.person_id == world.wy_suspect.pk
                    else (view.right, view.left))
    assert mine.shown and mine.name == "Arben Hoxha"
    assert not theirs.shown and theirs.name == "" and theirs.date_of_birth is None
    assert theirs.force == "Greater Manchester Police"
    assert any(world.gm_lead.email in contact for contact in theirs.contacts)
    assert any(r.agreed for r in view.reasons) and view.strength in {"Strong", "Very strong"}
    consulted = AuditEvent.objects.filter(action=Action.CONSULTATION.value,
                                          object_type="linkage.suggestedmatch")
    assert consulted.filter(user_id=world.wy.pk).count() == 1
    with pytest.raises(NotVisible):  # a third force does not learn the match exists
        queries.match_detail(user=world.outsider, match_id=match.pk)
    partner = factories.user(Role.PARTNER_AGENCY, org="immigration-enforcement")
    with pytest.raises(AccessDenied):
        queries.match_detail(user=partner, match_id=match.pk)


def test_a_rejected_match_stays_apart_in_later_runs_and_ids_stay_stable(world: World) -> None:
    _run()
    stranger_ids = {p.pk: _cluster(p)
                    for p in Person.objects.exclude(pk__in=[world.wy_suspect.pk, world.gm_suspect.pk])}
    match = SuggestedMatch.objects.get()
    with pytest.raises(services.LinkageError, match="Say why"):
        services.match_decide(user=world.wy, match_id=match.pk, outcome=DecisionOutcome.REJECTED, reason=" ")
    services.match_decide(user=world.wy, match_id=match.pk, outcome=DecisionOutcome.REJECTED,
                          reason="Different fathers' names on the custody records.")
    assert MatchDecision.objects.get().outcome == DecisionOutcome.REJECTED.value
    assert AuditEvent.objects.filter(action=Action.COMBINATION.value,
                                     object_type="linkage.matchdecision").count() == 1
    _run()
    assert _cluster(world.wy_suspect) != _cluster(world.gm_suspect)
    assert {p: _cluster(Person.objects.get(pk=p)) for p in stranger_ids} == stranger_ids


def test_a_confirmed_match_clears_the_officers_task_and_holds(world: World) -> None:
    _run()
    match = SuggestedMatch.objects.get()
    services.match_decide(user=world.wy_lead, match_id=match.pk, outcome=DecisionOutcome.CONFIRMED,
                          reason="Same custody photograph.")
    assert not queries.notices_for(world.wy_lead).exists()
    assert queries.notices_for(world.gm_lead).count() == 1  # the other force still has it to check
    _run()
    assert _cluster(world.wy_suspect) == _cluster(world.gm_suspect)
    again = services.match_decide(user=world.gm, match_id=match.pk, outcome=DecisionOutcome.UNSURE,
                                  reason="Checking with the custody suite.")
    assert again.version == 2 and again.decided_by == world.gm


def test_seen_before_finds_the_other_forces_record_without_its_details(world: World) -> None:
    typed = PersonRecord(unique_id="new", given_name="Arben", family_name="Hoxha",
                         date_of_birth=date(1985, 3, 4), nationality="Albanian")
    found = live.seen_before(user=world.outsider, record=typed)
    assert found and {r.force for r in found} >= {"Greater Manchester Police", "West Yorkshire Police"}
    assert all(not r.shown and r.name == "" and r.person_id is None and r.contacts for r in found)
    mine = live.seen_before(user=world.wy, record=typed)
    own = [r for r in mine if r.shown]
    assert [r.person_id for r in own] == [world.wy_suspect.pk] and own[0].name == "Arben Hoxha"
    event = AuditEvent.objects.filter(object_type="linkage.seen_before", user_id=world.outsider.pk).get()
    assert event.action == Action.CONSULTATION.value and event.detail["other_forces"] == len(found)
    assert "Arben" not in str(event.detail) and "Hoxha" not in str(event.detail)
    nobody = PersonRecord(unique_id="new", given_name="Zebedee", family_name="Quartermaine")
    assert live.seen_before(user=world.wy, record=nobody) == []


def test_only_roles_that_run_linkage_may_ask_for_a_run(world: World) -> None:
    with pytest.raises(AccessDenied):
        services.run_request(user=world.wy)
    analyst = factories.user(Role.INTELLIGENCE_ANALYST)
    assert services.run_request(user=analyst).status == RunStatus.QUEUED.value
    with pytest.raises(services.LinkageError, match="threshold"):
        services.run_request(user=analyst, threshold=1.5)
    with pytest.raises(services.LinkageError, match="not one of duckdb, spark"):
        services.run_request(user=analyst, engine_name="excel")


def test_the_background_task_carries_out_a_queued_run(world: World) -> None:
    run = services.run_request(user=factories.user(Role.NATIONAL_UNIT, org="msoicu"))
    assert tasks.link_run.call(run.pk) == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED.value and run.requested_by is not None
    with pytest.raises(services.LinkageError, match="not queued"):
        services.run_execute(run_id=run.pk)
