"""Every change to investigations and the people in them: one function per thing a person does."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import can, get_visible, require
from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import (
    Identifier,
    Investigation,
    InvestigationExploitation,
    InvestigationOffence,
    Involvement,
    LineOfEnquiry,
    Person,
    StatusChange,
    SupervisorReview,
)
from lantern.cases.rules import (
    ClosureFacts,
    ExploitationLocation,
    ExploitationType,
    IdentifierKind,
    Industry,
    InvolvementRole,
    NimLevel,
    Offence,
    OutcomeType,
    Status,
    Team,
    VictimFacts,
    closure_blockers,
    identifier_problem,
    move_problem,
    normalise_identifier,
    person_problems,
)
from lantern.linkage.index import index_people
from lantern.problems import Refused, version_check


class CaseRefused(Refused):
    """A change to an investigation or person that cannot be made as asked."""


class ClosureRefused(CaseRefused):
    """Closing now would be unsafe; the messages say what must happen first."""


def today() -> date:
    return timezone.localdate()


def _investigation_for_update(user: User, investigation_id: int,
                              capability: Capability = Capability.WORK_CASES) -> Investigation:
    require(user, capability)
    return get_visible(user, Investigation.objects.select_for_update(), capability,
                       pk=investigation_id)


def _set_many(investigation: Investigation, offences: Iterable[Offence],
              exploitation_types: Iterable[ExploitationType]) -> None:
    investigation.offences.all().delete()
    InvestigationOffence.objects.bulk_create(
        InvestigationOffence(investigation=investigation, offence=o.value) for o in set(offences))
    investigation.exploitation_types.all().delete()
    InvestigationExploitation.objects.bulk_create(
        InvestigationExploitation(investigation=investigation, exploitation_type=e.value)
        for e in set(exploitation_types))


@transaction.atomic
def investigation_record(
    *,
    user: User,
    crime_reference: str,
    recorded_on: date,
    offences: Iterable[Offence],
    exploitation_types: Iterable[ExploitationType],
    summary: str = "",
    industry: Industry = Industry.NOT_KNOWN,
    exploitation_location: ExploitationLocation = ExploitationLocation.UK,
    organised_crime_involved: bool = False,
    nim_level: NimLevel = NimLevel.LOCAL,
) -> Investigation:
    """Record a modern slavery crime in the user's own force: the investigation starts here."""
    if not (can(user, Capability.WORK_CASES) or can(user, Capability.RECORD_ENCOUNTER)):
        require(user, Capability.WORK_CASES)
    reference = crime_reference.strip().upper()
    problems = []
    if not reference:
        problems.append("Enter the crime reference.")
    if recorded_on > today():
        problems.append("The date recorded must be today or in the past.")
    if Investigation.objects.filter(organisation=user.organisation, crime_reference=reference).exists():
        problems.append(f"Crime reference {reference} is already recorded in your force: "
                        "open that investigation instead.")
    CaseRefused.unless_empty(problems)
    investigation = Investigation.objects.create(
        organisation=user.organisation, crime_reference=reference, recorded_on=recorded_on,
        summary=summary, industry=industry.value, exploitation_location=exploitation_location.value,
        organised_crime_involved=organised_crime_involved, nim_level=nim_level.value,
        created_by=user,
    )
    _set_many(investigation, offences, exploitation_types)
    StatusChange.objects.create(investigation=investigation, to_status=Status.RECORDED.value,
                                changed_by=user)
    event_record(action=Action.COLLECTION, actor=user, obj=investigation)
    return investigation


@transaction.atomic
def investigation_update(
    *,
    user: User,
    investigation_id: int,
    version: int,
    offences: Iterable[Offence],
    exploitation_types: Iterable[ExploitationType],
    summary: str,
    industry: Industry,
    exploitation_location: ExploitationLocation,
    organised_crime_involved: bool,
    nim_level: NimLevel,
) -> Investigation:
    """Change what is known about the crime. Refused if someone else saved it first."""
    investigation = _investigation_for_update(user, investigation_id)
    version_check(investigation, version, f"Investigation {investigation}")
    if investigation.status_enum is Status.CLOSED:
        raise CaseRefused("This investigation is closed: reopen it before changing it.")
    before = {
        "summary": investigation.summary, "industry": investigation.industry,
        "exploitation_location": investigation.exploitation_location,
        "organised_crime_involved": investigation.organised_crime_involved,
        "nim_level": investigation.nim_level,
        "offences": sorted(investigation.offences.values_list("offence", flat=True)),
        "exploitation_types": sorted(
            investigation.exploitation_types.values_list("exploitation_type", flat=True)),
    }
    investigation.summary = summary
    investigation.industry = industry.value
    investigation.exploitation_location = exploitation_location.value
    investigation.organised_crime_involved = organised_crime_involved
    investigation.nim_level = nim_level.value
    investigation.save()
    _set_many(investigation, offences, exploitation_types)
    after = {**{k: getattr(investigation, k) for k in before if k not in (
        "offences", "exploitation_types")},
             "offences": sorted(o.value for o in set(offences)),
             "exploitation_types": sorted(e.value for e in set(exploitation_types))}
    event_record(action=Action.ALTERATION, actor=user, obj=investigation,
                 detail={"fields": sorted(k for k in before if before[k] != after[k])})
    return investigation


def _supervisor_in_force(user: User, supervisor_id: int) -> User:
    supervisor = User.objects.filter(pk=supervisor_id, organisation=user.organisation,
                                     is_active=True).first()
    if supervisor is None or not ({Role.SUPERVISOR, Role.FORCE_LEAD} & supervisor.role_set):
        raise CaseRefused("Choose a supervisor from your own force who holds the supervisor role.")
    return supervisor


@transaction.atomic
def investigation_move(
    *,
    user: User,
    investigation_id: int,
    version: int,
    to: Status,
    note: str = "",
    team: Team | None = None,
    officer_in_charge_id: int | None = None,
    supervisor_id: int | None = None,
) -> Investigation:
    """Move an investigation on: triage, allocation, investigation, or to the CPS and courts.

    Closing has its own guards: use ``investigation_close``.
    """
    investigation = _investigation_for_update(user, investigation_id)
    version_check(investigation, version, f"Investigation {investigation}")
    if to is Status.CLOSED:
        raise CaseRefused("Close an investigation with its outcome on the closing page.")
    current = investigation.status_enum
    problem = move_problem(current, to)
    if problem:
        raise CaseRefused(problem)
    if to is Status.ALLOCATED:
        if team is None or officer_in_charge_id is None or supervisor_id is None:
            raise CaseRefused(*[message for missing, message in (
                (team is None, "Choose the team the investigation is allocated to."),
                (officer_in_charge_id is None, "Choose the officer in charge."),
                (supervisor_id is None, "Choose the supervisor."),
            ) if missing])
        officer = User.objects.filter(pk=officer_in_charge_id, organisation=user.organisation,
                                      is_active=True).first()
        if officer is None:
            raise CaseRefused("Choose an officer in charge from your own force.")
        investigation.supervisor = _supervisor_in_force(user, supervisor_id)
        investigation.officer_in_charge = officer
        investigation.team = team.value
        investigation.allocated_on = investigation.allocated_on or today()
    if to is Status.TRIAGED:
        investigation.triaged_on = today()
    investigation.status = to.value
    investigation.save()
    StatusChange.objects.create(investigation=investigation, from_status=current.value,
                                to_status=to.value, changed_by=user, note=note)
    event_record(action=Action.ALTERATION, actor=user, obj=investigation,
                 detail={"fields": ["status"], "from": current.value, "to": to.value})
    return investigation


def closure_facts(investigation: Investigation) -> ClosureFacts:
    victims = [
        VictimFacts(name=str(inv.person), spoken_to=inv.spoken_to_on is not None,
                    told_of_closure=inv.told_of_closure_on is not None)
        for inv in investigation.involvements.select_related("person")
        if InvolvementRole(inv.role).is_victim
    ]
    return ClosureFacts(
        victims=tuple(victims),
        open_lines_of_enquiry=investigation.lines_of_enquiry.filter(closed_on__isnull=True).count(),
        supervisor_review_recorded=investigation.reviews.exists(),
    )


@transaction.atomic
def investigation_close(
    *,
    user: User,
    investigation_id: int,
    version: int,
    outcome: OutcomeType,
    override_reason: str = "",
) -> Investigation:
    """Close an investigation with its Home Office outcome type, if it is safe to.

    Refused while any victim has not been spoken to or told of the closure, a line of enquiry is
    open, or no supervisor review is recorded. A supervisor may override with a reason, which is
    kept on the investigation with the blockers it overrode and shows wherever it is reported.
    """
    investigation = _investigation_for_update(user, investigation_id)
    version_check(investigation, version, f"Investigation {investigation}")
    problem = move_problem(investigation.status_enum, Status.CLOSED)
    if problem:
        raise CaseRefused(problem)
    blockers = closure_blockers(closure_facts(investigation))
    reason = override_reason.strip()
    if blockers and not reason:
        raise ClosureRefused(*blockers)
    if reason and not can(user, Capability.SUPERVISE_CASES):
        raise CaseRefused("Only a supervisor can close an investigation that is not ready to close.")
    previous = investigation.status
    investigation.status = Status.CLOSED.value
    investigation.outcome_type = outcome.value
    investigation.closed_on = today()
    if blockers:
        investigation.closure_override_reason = reason
        investigation.closure_override_by = user
        investigation.closure_blockers_overridden = blockers
    investigation.save()
    StatusChange.objects.create(investigation=investigation, from_status=previous,
                                to_status=Status.CLOSED.value, changed_by=user,
                                note=f"Supervisor override: {reason}" if blockers else "")
    event_record(action=Action.ALTERATION, actor=user, obj=investigation,
                 justification=reason if blockers else "",
                 detail={"fields": ["status", "outcome_type"], "outcome": outcome.value,
                         "override": bool(blockers), "blockers_overridden": len(blockers)})
    return investigation


@transaction.atomic
def supervisor_review_record(*, user: User, investigation_id: int, note: str) -> SupervisorReview:
    investigation = _investigation_for_update(user, investigation_id, Capability.SUPERVISE_CASES)
    if not note.strip():
        raise CaseRefused("Write what you reviewed and what you directed.")
    review = SupervisorReview.objects.create(investigation=investigation, reviewer=user, note=note)
    event_record(action=Action.ALTERATION, actor=user, obj=investigation,
                 detail={"fields": ["supervisor_review"]})
    return review


@transaction.atomic
def line_of_enquiry_raise(*, user: User, investigation_id: int, description: str) -> LineOfEnquiry:
    investigation = _investigation_for_update(user, investigation_id)
    if not description.strip():
        raise CaseRefused("Describe the line of enquiry.")
    line = LineOfEnquiry.objects.create(investigation=investigation, description=description,
                                        raised_on=today(), raised_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=investigation,
                 detail={"fields": ["lines_of_enquiry"], "line": line.pk})
    return line


@transaction.atomic
def line_of_enquiry_close(*, user: User, line_id: int, result: str) -> LineOfEnquiry:
    require(user, Capability.WORK_CASES)
    line = get_visible(user, LineOfEnquiry.objects.select_for_update(), Capability.WORK_CASES,
                       pk=line_id)
    if line.closed_on is not None:
        raise CaseRefused("This line of enquiry is already closed.")
    if not result.strip():
        raise CaseRefused("Say what the line of enquiry found.")
    line.closed_on, line.result = today(), result
    line.save()
    event_record(action=Action.ALTERATION, actor=user, obj=line.investigation,
                 detail={"fields": ["lines_of_enquiry"], "line": line.pk, "closed": True})
    return line


def _person_for_update(user: User, person_id: int) -> Person:
    require(user, Capability.RECORD_ENCOUNTER)
    return get_visible(user, Person.objects.select_for_update(), Capability.RECORD_ENCOUNTER,
                       pk=person_id)


@transaction.atomic
def person_create(
    *,
    user: User,
    first_name: str = "",
    last_name: str = "",
    aliases: Iterable[str] = (),
    date_of_birth: date | None = None,
    estimated_age: int | None = None,
    age_disputed: bool = False,
    reason_to_believe_child: bool = False,
    gender: str = "not-known",
    nationality: str = "",
    second_nationality: str = "",
    languages: Iterable[str] = (),
) -> Person:
    """Record a person: a victim, suspect or witness, or more than one of these."""
    require(user, Capability.RECORD_ENCOUNTER)
    CaseRefused.unless_empty(person_problems(today=today(), date_of_birth=date_of_birth,
                                             estimated_age=estimated_age))
    person = Person.objects.create(
        organisation=user.organisation, first_name=first_name.strip(), last_name=last_name.strip(),
        aliases=[a.strip() for a in aliases if a.strip()], date_of_birth=date_of_birth,
        estimated_age=estimated_age, age_disputed=age_disputed,
        reason_to_believe_child=reason_to_believe_child, gender=gender, nationality=nationality,
        second_nationality=second_nationality,
        languages=[lang.strip() for lang in languages if lang.strip()], created_by=user,
    )
    event_record(action=Action.COLLECTION, actor=user, obj=person)
    index_people([person.pk])  # the live "seen before?" look-up finds it from now on
    return person


PERSON_FIELDS = ("first_name", "last_name", "aliases", "date_of_birth", "estimated_age",
                 "age_disputed", "reason_to_believe_child", "gender", "nationality",
                 "second_nationality", "languages")


@transaction.atomic
def person_update(*, user: User, person_id: int, version: int, **fields: object) -> Person:
    """Change what is known about a person. Refused if someone else saved it first."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise CaseRefused(f"Unknown details: {', '.join(sorted(unknown))}.")
    person = _person_for_update(user, person_id)
    version_check(person, version, str(person))
    CaseRefused.unless_empty(person_problems(
        today=today(), date_of_birth=fields.get("date_of_birth", person.date_of_birth),  # type: ignore[arg-type]
        estimated_age=fields.get("estimated_age", person.estimated_age)))  # type: ignore[arg-type]
    changed = sorted(k for k, v in fields.items() if getattr(person, k) != v)
    for key, value in fields.items():
        setattr(person, key, value)
    person.save()
    event_record(action=Action.ALTERATION, actor=user, obj=person, detail={"fields": changed})
    index_people([person.pk])
    return person


@transaction.atomic
def identifier_add(*, user: User, person_id: int, kind: IdentifierKind, value: str) -> Identifier:
    person = _person_for_update(user, person_id)
    problem = identifier_problem(kind, value)
    if problem:
        raise CaseRefused(problem)
    normalised = normalise_identifier(kind, value)
    if person.identifiers.filter(kind=kind.value, normalised=normalised).exists():
        raise CaseRefused(f"{person} already has this {kind.label.lower()}.")
    identifier = Identifier.objects.create(person=person, kind=kind.value, value=value.strip(),
                                           normalised=normalised)
    event_record(action=Action.ALTERATION, actor=user, obj=person,
                 detail={"fields": ["identifiers"], "kind": kind.value})
    index_people([person.pk])
    return identifier


@transaction.atomic
def involvement_add(*, user: User, investigation_id: int, person_id: int,
                    role: InvolvementRole) -> Involvement:
    """Put a person into an investigation as victim, suspect, witness, or victim and suspect."""
    investigation = _investigation_for_update(user, investigation_id, Capability.RECORD_ENCOUNTER)
    person = get_visible(user, Person.objects.all(), Capability.RECORD_ENCOUNTER, pk=person_id)
    try:
        with transaction.atomic():
            involvement = Involvement.objects.create(investigation=investigation, person=person,
                                                     role=role.value)
    except IntegrityError as duplicate:
        raise CaseRefused(f"{person} is already in investigation {investigation}: "
                          "change their role there instead.") from duplicate
    event_record(action=Action.ALTERATION, actor=user, obj=investigation,
                 detail={"fields": ["people"], "person": person.pk, "role": role.value})
    return involvement


@transaction.atomic
def person_add_to_investigation(*, user: User, investigation_id: int, role: InvolvementRole,
                                **person_fields: Any) -> Involvement:
    """Record a new person and put them into an investigation in one step, or not at all."""
    person = person_create(user=user, **person_fields)
    return involvement_add(user=user, investigation_id=investigation_id, person_id=person.pk,
                           role=role)


@transaction.atomic
def involvement_role_change(*, user: User, involvement_id: int, role: InvolvementRole) -> Involvement:
    require(user, Capability.WORK_CASES)
    involvement = get_visible(user, Involvement.objects.select_for_update(), Capability.WORK_CASES,
                              pk=involvement_id)
    before = involvement.role
    involvement.role = role.value
    involvement.save()
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.investigation,
                 detail={"fields": ["people"], "person": involvement.person_id, "from": before,
                         "to": role.value})
    return involvement


def _victim_involvement(user: User, involvement_id: int) -> Involvement:
    require(user, Capability.RECORD_ENCOUNTER)
    involvement = get_visible(user, Involvement.objects.select_for_update(),
                              Capability.RECORD_ENCOUNTER, pk=involvement_id)
    if not involvement.role_enum.is_victim:
        raise CaseRefused(f"{involvement.person} is not a victim in this investigation.")
    return involvement


@transaction.atomic
def victim_spoken_to_record(*, user: User, involvement_id: int, on: date) -> Involvement:
    """Record when the victim was spoken to (seed 001: cases closed without speaking to victims)."""
    involvement = _victim_involvement(user, involvement_id)
    if on > today():
        raise CaseRefused("The date they were spoken to must be today or in the past.")
    involvement.spoken_to_on = on
    involvement.save()
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.investigation,
                 detail={"fields": ["spoken_to_on"], "person": involvement.person_id})
    return involvement


@transaction.atomic
def victim_told_of_closure_record(*, user: User, involvement_id: int, on: date) -> Involvement:
    """Record when the victim was told the case is closing (seed 002 §12.29)."""
    involvement = _victim_involvement(user, involvement_id)
    if on > today():
        raise CaseRefused("The date they were told must be today or in the past.")
    involvement.told_of_closure_on = on
    involvement.save()
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.investigation,
                 detail={"fields": ["told_of_closure_on"], "person": involvement.person_id})
    return involvement
