"""The bulk writer: the same plan as the services writer, written with ``bulk_create`` per batch.

For regional and national scale (docs/decisions/0003). Each batch of cases is built in memory and
inserted model by model inside ONE ``transaction.atomic``, together with ONE audit event (a
"collection" by the synthetic generator, ``object_type="synth.batch"``, its counts in ``detail``),
appended through ``lantern.audit.services.event_record`` so the chain still verifies. A run
stopped part-way leaves whole batches only. Nothing is kept from one batch to the next but the
forces' ids and synthetic staff (one pair per force), so memory stays flat however long the plan.

What it writes, per planned case, as the services writer leaves it:

- ``Investigation`` with its offences, exploitation types and ``StatusChange`` history (recorded,
  triaged, allocated, under investigation, with justice, closed as far as the plan goes), the
  allocation (specialist unit, the force's synthetic investigator and supervisor) and the closure
  (outcome and date; victims told of it);
- ``Person`` (the recorded identity: the recorded date of birth, never the truth), its
  ``Identifier``s (deduplicated, normalised with ``normalise_identifier``, those with a problem left
  out, as ``identifier_add`` would refuse them), its ``Involvement`` (victims spoken to on the day
  recorded), ``TrueIdentity`` (one per true person, shared across batches) and
  ``TrueIdentityRecord``;
- ``Referral`` per referred victim, on the route ``safeguarding.rules.nrm.route_for`` decides from
  the age answer and consent (children and people of uncertain age always NRM referrals; adults by
  consent; a duty-to-notify notice holds no names, email, phone or date of birth), submitted;
- ``Decision``: the reasonable and conclusive grounds decisions the plan gives.

- the rest of the casework (``bulk_cases``): the ``LineOfEnquiry`` raised on allocation and closed
  with the case, the ``SupervisorReview`` before closure;
- support (``bulk_safeguarding``): ``SafetyArrangement``, the ``VictimUpdate`` for the referral to
  support services, ``InterpreterNeed``, ``SupportAssignment`` (victim liaison officer, a child's
  guardian) and ``Contact``;
- justice (``bulk_justice``): ``OrganisedCrimeGroup`` (national reference numbered after the force's
  groups in the database), ``GroupInvestigation`` and ``GroupMembership``, a later batch finding a
  group by name; ``S45Consideration``; ``CpsReferral`` with its charging decision, ``Prosecution``,
  ``Hearing``, verdict and sentence, and the victims' ``VictimUpdate``s at charge and verdict;
  ``Order`` applied for and granted (end and review dates); ``Disruption`` and its
  ``DisruptionThreat``s.

Where the services writer holds a CPS decision back (before the 2015 Victims' Code table,
``_held_back``), so does this path: no decision, prosecution or prevention order, and the case
stays open. Due dates, age groups, references and order ends come from the same rules functions
the services call, and what a service would refuse stops the batch (``BulkPlanMismatch``). The
``WriteSummary`` counts are the services writer's for the same plan. ``version`` is what the
services leave on the new rows (a granted order and a prosecution with its verdict are at 2) but
stays 1 on investigations, people and referrals; per-record audit events are replaced by the one
event per batch, whose ``detail`` holds the batch's counts of every kind of row.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from lantern.accounts.models import Organisation
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import (
    Identifier,
    Investigation,
    InvestigationExploitation,
    InvestigationOffence,
    Involvement,
    Person,
    StatusChange,
)
from lantern.cases.rules import (
    ExploitationLocation,
    NimLevel,
    Status,
    Team,
    age_uncertain,
    is_child,
    normalise_identifier,
    normalised_problem,
)
from lantern.safeguarding.models import Decision, Referral
from lantern.safeguarding.rules.nrm import AgeAnswer, ConsentRecord, Route, route_for
from lantern.safeguarding.rules.recovery import CompetentAuthority, DecisionResult, DecisionStage
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services.referrals import identifying_allowed
from lantern.synth import bulk_cases, bulk_justice, bulk_safeguarding
from lantern.synth.bulk_cases import BulkPlanMismatch
from lantern.synth.fast_insert import collector_paused, insert_rows
from lantern.synth.fast_model import make
from lantern.synth.models import TrueIdentity, TrueIdentityRecord
from lantern.synth.plan import CasePlan, PersonPlan
from lantern.synth.write_cases import Staff, WriteSummary, _summary, at
from lantern.synth.write_safeguarding import _CONTENT, _WHAT_HAPPENED, code_covers
from lantern.synth.writer import Progress, _batches, staff_for

__all__ = ["BULK_USERNAME", "BulkPlanMismatch", "write_plan_bulk"]

BULK_USERNAME = "synthetic generator (bulk)"
LOAD_CACHE_KIB = 512 * 1024  # SQLite's page cache while the bulk path writes (see _loading)


def _insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """One model's rows for the batch. A single seam, so a test can fail part-way through a batch.

    ``fast_insert.insert_rows``: the rows ``bulk_create`` would write, about 2.5 times faster (keys
    reserved, then one ``executemany`` or ``COPY``); it falls back to ``bulk_create`` by itself.
    """
    if objs:
        insert_rows(model, objs)


@contextmanager
def _dated(*model_fields: tuple[type[models.Model], str]) -> Iterator[None]:
    """Let the planned moments stand where a field would stamp now on insert (``auto_now_add``).

    The services writer moves these dates back with an ``update()`` after the service stamped them;
    here they are written right the first time. Never the audit trail.
    """
    found = [m._meta.get_field(name) for m, name in model_fields]
    saved = [f.auto_now_add for f in found]  # type: ignore[union-attr]
    for f in found:
        f.auto_now_add = False  # type: ignore[union-attr]
    try:
        yield
    finally:
        for f, was in zip(found, saved, strict=True):
            f.auto_now_add = was  # type: ignore[union-attr]


_DATED: tuple[tuple[type[models.Model], str], ...] = (
    (StatusChange, "changed_at"), (Referral, "created_at"), (Decision, "recorded_at"),
    *bulk_cases.DATED, *bulk_justice.DATED)


@dataclass
class _Batch:
    """The rows of one batch, built in memory before any is inserted."""

    investigations: list[Investigation] = field(default_factory=list)
    offences: list[InvestigationOffence] = field(default_factory=list)
    exploitations: list[InvestigationExploitation] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    people: list[tuple[CasePlan, int, PersonPlan, Person]] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    records: list[TrueIdentityRecord] = field(default_factory=list)
    referrals: list[tuple[PersonPlan, Referral]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    notices: int = 0


def _held_back(plan: CasePlan) -> bool:
    """Whether the services writer holds the CPS decision back (before the 2015 Victims' Code table)."""
    if plan.allocated_on is None or not plan.suspects or plan.cps_referred_on is None \
            or plan.cps_decided_on is None:
        return False
    told = (UpdateKind.SUSPECT_CHARGED if plan.charged_on is not None
            else UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER)
    return not code_covers(told, plan.cps_decided_on)


def _closes(plan: CasePlan) -> bool:
    """Whether the services writer closes the case: not when a court step was held back."""
    return (plan.allocated_on is not None and plan.closed_on is not None and plan.outcome is not None
            and not _held_back(plan))


def _investigation(plan: CasePlan, organisation_id: int, staff: Staff, batch: _Batch) -> Investigation:
    closes = _closes(plan)
    investigator = staff.investigator.pk
    steps: list[tuple[Status, date, int, int]] = [(Status.RECORDED, plan.recorded_on, 9, investigator)]
    if plan.triaged_on:
        steps.append((Status.TRIAGED, plan.triaged_on, 14, staff.investigator.pk))
    if plan.allocated_on:
        steps.append((Status.ALLOCATED, plan.allocated_on, 14, staff.supervisor.pk))
        steps.append((Status.UNDER_INVESTIGATION, plan.allocated_on, 14, staff.investigator.pk))
        if plan.suspects and plan.cps_referred_on is not None:
            steps.append((Status.WITH_JUSTICE, plan.cps_referred_on, 14, staff.investigator.pk))
        if closes and plan.closed_on is not None:
            steps.append((Status.CLOSED, plan.closed_on, 16, staff.investigator.pk))
    allocated = plan.allocated_on is not None
    investigation = make(Investigation,
        organisation_id=organisation_id, crime_reference=plan.crime_reference.strip().upper(),
        recorded_on=plan.recorded_on, summary=_summary(plan), industry=plan.industry.value,
        exploitation_location=(ExploitationLocation.OVERSEAS if plan.overseas
                               else ExploitationLocation.UK).value,
        organised_crime_involved=plan.organised,
        nim_level=(NimLevel.CROSS_BORDER if plan.organised else NimLevel.LOCAL).value,
        team=Team.SPECIALIST_UNIT.value if allocated else "",
        officer_in_charge_id=staff.investigator.pk if allocated else None,
        supervisor_id=staff.supervisor.pk if allocated else None,
        status=steps[-1][0].value, triaged_on=plan.triaged_on, allocated_on=plan.allocated_on,
        closed_on=plan.closed_on if closes else None,
        outcome_type=plan.outcome.value if closes and plan.outcome else "",
        created_by_id=staff.investigator.pk)
    batch.investigations.append(investigation)
    investigation._lantern_steps = steps  # type: ignore[attr-defined]
    return investigation


def _age_answer(person: PersonPlan, on: date) -> AgeAnswer:
    """The referral's under-18 answer, as ``referrals.age_answer_for`` gives it on the day recorded."""
    rec = person.recorded
    if is_child(on=on, date_of_birth=rec.date_of_birth, estimated_age=rec.estimated_age,
                age_disputed=person.age_disputed, reason_to_believe_child=person.reason_to_believe_child):
        return AgeAnswer.YES
    if age_uncertain(date_of_birth=rec.date_of_birth, estimated_age=rec.estimated_age,
                     age_disputed=person.age_disputed):
        return AgeAnswer.NOT_SURE
    return AgeAnswer.NO


def _referral(plan: CasePlan, investigation: Investigation, person: PersonPlan, involvement: Involvement,
              staff: Staff, identifiers: list[Identifier], first_responder_id: int | None = None,
              ) -> Referral | None:
    victim = person.victim
    if victim is None or victim.referred_on is None or not victim.route:
        return None
    age = _age_answer(person, plan.recorded_on)
    consent = None if victim.consent is None else ConsentRecord(True, True, True, victim.consent)
    route = route_for(age, consent)
    if route.value != victim.route:
        raise BulkPlanMismatch(f"{plan.crime_reference}: the plan routes a victim to {victim.route!r}, "
                               f"the rules to {route.value!r}.")
    rec = person.recorded
    referral = make(Referral,
        organisation_id=investigation.organisation_id, involvement=involvement, route=route.value,
        first_responder_id=first_responder_id, state=Referral.State.SUBMITTED, age_answer=age.value,
        gender=person.gender if person.gender != "not-known" else person.truth.gender,
        nationality=person.nationality or person.truth.nationality,
        second_nationality=person.second_nationality,
        exploitation_types=sorted(t.value for t in plan.exploitation_types),
        exploitation_location=investigation.exploitation_location,
        refusal_reason=("Did not want to be referred; afraid of reprisals."
                        if route is Route.DUTY_TO_NOTIFY else ""),
        identifying_consent=False,
        interpreter_language=next((lang for lang in person.languages
                                   if lang.strip().lower() != "english"), ""),
        what_happened=_WHAT_HAPPENED, created_by_id=staff.investigator.pk,
        created_at=at(victim.referred_on, 13), submitted_at=at(victim.referred_on, 16),
        submitted_by_id=staff.investigator.pk)
    if consent is not None:
        referral.nrm_explained = consent.nrm_explained
        referral.support_explained = consent.support_explained
        referral.outcomes_explained = consent.outcomes_explained
        referral.consent_given = consent.consent_given
    phone = next((i.value for i in identifiers if i.kind == "phone"), "")
    email = next((i.value for i in identifiers if i.kind == "email"), "")
    known: dict[str, Any] = {"first_name": rec.first_name.strip(), "last_name": rec.last_name.strip(),
                             "date_of_birth": rec.date_of_birth, "phone": phone, "email": email}
    for name in identifying_allowed(referral):
        setattr(referral, name, known[name])
    if route is Route.NRM_REFERRAL:
        for key, value in _CONTENT.items():
            setattr(referral, key, value)
        referral.exploitation_start = plan.recorded_on - timedelta(days=120)
        referral.exploitation_end = plan.recorded_on
        referral.current_city = "Not disclosed (safe house)"
        referral.uk_cities = []
        if victim.consent is None:
            referral.local_authority_name = "Local authority children's services"
            referral.local_authority_phone = "01632 960000"
    return referral


def _people(plan: CasePlan, organisation_id: int, staff: Staff, batch: _Batch) -> None:
    for index, person in enumerate(plan.people):
        rec = person.recorded
        row = make(Person,
            organisation_id=organisation_id, first_name=rec.first_name.strip(),
            last_name=rec.last_name.strip(),
            aliases=[a.strip() for a in rec.aliases if a.strip()], date_of_birth=rec.date_of_birth,
            estimated_age=rec.estimated_age, age_disputed=person.age_disputed,
            reason_to_believe_child=person.reason_to_believe_child, gender=person.gender,
            nationality=person.nationality, second_nationality=person.second_nationality,
            languages=[lang.strip() for lang in person.languages if lang.strip()],
            created_by_id=staff.investigator.pk)
        batch.people.append((plan, index, person, row))


def _build(cases: list[CasePlan], organisations: dict[str, int], staff: dict[str, Staff]) -> _Batch:
    batch = _Batch()
    for plan in cases:
        organisation_id = organisations[plan.force]
        _investigation(plan, organisation_id, staff[plan.force], batch)
        _people(plan, organisation_id, staff[plan.force], batch)
    return batch


def _write_batch(cases: list[CasePlan], organisations: dict[str, int], staff: dict[str, Staff],
                 today: date, number: int) -> dict[str, int]:
    """Insert one batch, model by model, and its one audit event. The caller holds the transaction."""
    batch = _build(cases, organisations, staff)
    _insert(Investigation, batch.investigations)
    by_reference: dict[str, Investigation] = {}
    for plan, investigation in zip(cases, batch.investigations, strict=True):
        by_reference[plan.crime_reference] = investigation
        batch.offences += [make(InvestigationOffence, investigation_id=investigation.pk, offence=o)
                           for o in dict.fromkeys(plan.offences)]
        batch.exploitations += [make(InvestigationExploitation, investigation_id=investigation.pk,
                                                          exploitation_type=t.value)
                                for t in dict.fromkeys(plan.exploitation_types)]
        previous = ""
        for status, day, hour, user_id in investigation._lantern_steps:  # type: ignore[attr-defined]
            batch.history.append(make(StatusChange, investigation_id=investigation.pk, from_status=previous,
                                              to_status=status.value, changed_at=at(day, hour),
                                              changed_by_id=user_id))
            previous = status.value
    _insert(InvestigationOffence, batch.offences)
    _insert(InvestigationExploitation, batch.exploitations)
    _insert(StatusChange, batch.history)
    _insert(Person, [row for _, _, _, row in batch.people])

    keys = {person.truth.person_key for _, _, person, _ in batch.people}
    truths = dict(TrueIdentity.objects.filter(person_key__in=keys).values_list("person_key", "pk"))
    new: dict[str, TrueIdentity] = {}
    for _, _, person, _ in batch.people:
        truth = person.truth
        if truth.person_key not in truths and truth.person_key not in new:
            new[truth.person_key] = make(TrueIdentity,
                person_key=truth.person_key, given_name=truth.given_name, family_name=truth.family_name,
                gender=truth.gender, date_of_birth=truth.date_of_birth, nationality=truth.nationality)
    _insert(TrueIdentity, list(new.values()))
    truths.update((key, identity.pk) for key, identity in new.items())

    person_identifiers: list[list[Identifier]] = []
    for plan, _, person, row in batch.people:
        investigation = by_reference[plan.crime_reference]
        seen: set[tuple[str, str]] = set()
        mine: list[Identifier] = []
        for kind, value in person.recorded.identifiers:
            normalised = normalise_identifier(kind, value)
            key = (kind.value, normalised)
            if key not in seen and normalised_problem(kind, normalised) is None:
                seen.add(key)
                mine.append(make(Identifier, person_id=row.pk, kind=kind.value, value=value.strip(),
                                       normalised=normalised))
        batch.identifiers += mine
        person_identifiers.append(mine)
        closed = investigation.status == Status.CLOSED.value
        batch.involvements.append(make(Involvement,
            investigation_id=investigation.pk, person_id=row.pk, role=person.role.value,
            spoken_to_on=plan.recorded_on if person.role.is_victim else None,
            told_of_closure_on=plan.closed_on if closed and person.role.is_victim else None))
        batch.records.append(make(TrueIdentityRecord, true_identity_id=truths[person.truth.person_key],
                                                person_id=row.pk))
    _insert(Identifier, batch.identifiers)
    _insert(Involvement, batch.involvements)
    _insert(TrueIdentityRecord, batch.records)

    for (plan, _, person, _), involvement, mine in zip(batch.people, batch.involvements, person_identifiers,
                                                      strict=True):
        investigation = by_reference[plan.crime_reference]
        referral = _referral(plan, investigation, person, involvement, staff[plan.force], mine,
                             organisations[plan.first_responder] if plan.first_responder else None)
        if referral is not None:
            batch.referrals.append((person, referral))
    _insert(Referral, [r for _, r in batch.referrals])
    for person, referral in batch.referrals:
        victim = person.victim
        if victim is None:
            continue
        if referral.route == Route.DUTY_TO_NOTIFY.value:
            batch.notices += 1
        for stage, decided in ((DecisionStage.REASONABLE_GROUNDS, victim.rg),
                               (DecisionStage.CONCLUSIVE_GROUNDS, victim.cg)):
            if decided is None:
                continue
            day, positive = decided
            batch.decisions.append(make(Decision,
                referral_id=referral.pk, stage=stage.value, decided_on=day,
                result=(DecisionResult.POSITIVE if positive else DecisionResult.NEGATIVE).value,
                authority=CompetentAuthority.SCA.value, recorded_by_id=referral.created_by_id,
                recorded_at=at(min(day + timedelta(days=1), today), 11)))
    _insert(Decision, batch.decisions)

    built = bulk_cases.built_cases(cases, batch.investigations, batch.people, batch.involvements, staff,
                                   held=_held_back)
    more = {**bulk_cases.casework(built, _insert), **bulk_safeguarding.support(built, today, _insert),
            **bulk_justice.justice(built, today, _insert)}
    more["victim_updates"] += more.pop("court_updates")

    counts = {
        "investigations": len(batch.investigations), "persons": len(batch.people),
        "identifiers": len(batch.identifiers), "involvements": len(batch.involvements),
        "true_identities": len(new), "referrals": len(batch.referrals) - batch.notices,
        "notices": batch.notices, "decisions": len(batch.decisions), "status_changes": len(batch.history),
        "held_back": sum(1 for plan in cases if _held_back(plan)), **more,
    }
    event_record(action=Action.COLLECTION, actor=None, username=BULK_USERNAME, object_type="synth.batch",
                 object_id=f"{number}:{cases[0].crime_reference}..{cases[-1].crime_reference}",
                 detail={"batch": number, **counts})
    return counts


def write_plan_bulk(cases: Iterable[CasePlan], *, batch_size: int = 2000,
                    progress: Progress | None = None) -> WriteSummary:
    """Write the planned cases with ``bulk_create``, one transaction and one audit event per batch."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.monotonic()
    summary = WriteSummary()
    today = timezone.localdate()
    organisations: dict[str, int] = {}
    staff: dict[str, Staff] = {}
    with _loading():
        for batch in _batches(cases, batch_size):
            _write_one(batch, organisations, staff, today, summary, started)
            if progress is not None:
                progress(summary.investigations, summary.persons)
    summary.seconds = time.monotonic() - started
    return summary


def _write_one(batch: list[CasePlan], organisations: dict[str, int], staff: dict[str, Staff], today: date,
               summary: WriteSummary, started: float) -> None:
    """One batch in its own transaction, with the collector paused (see ``fast_insert``)."""
    forces = {case.force for case in batch}
    responders = {case.first_responder for case in batch if case.first_responder}
    missing = (forces | responders) - set(organisations)
    if missing:
        organisations.update(Organisation.objects.filter(code__in=missing).values_list("code", "pk"))
    for force in sorted(forces - set(staff)):
        staff[force] = staff_for(force)  # the services path's synthetic staff, made once per force
    try:
        with transaction.atomic(), _dated(*_DATED), collector_paused():
            counts = _write_batch(batch, organisations, staff, today, summary.batches + 1)
    except BaseException:
        summary.seconds = time.monotonic() - started
        raise
    for name in ("investigations", "persons", "referrals", "notices", "decisions", "prosecutions",
                 "orders", "disruptions", "groups", "held_back"):
        setattr(summary, name, getattr(summary, name) + counts[name])
    summary.batches += 1


@contextmanager
def _loading() -> Iterator[None]:
    """A page cache big enough for the indexes while the bulk path writes (SQLite), then as it was.

    Why: SQLite's default cache is 2 MB. At national scale the random-keyed indexes (identifiers'
    normalised values, true identities' keys) grow to hundreds of megabytes, and with the default
    cache nearly every insert into them read a page back from the file: the inserts' rate fell by
    half between 100,000 and 1,000,000 persons. PostgreSQL's shared buffers are the server's own.
    """
    connection = transaction.get_connection()
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def summary_counts(summary: WriteSummary) -> dict[str, int]:
    """The summary's counts by name (no timing), e.g. to compare the two paths."""
    return {f.name: getattr(summary, f.name) for f in fields(summary) if f.name not in ("seconds", "batches")}

