"""The cases room's part of the services writer: the investigation, its people, moves and closure."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from django.utils import timezone

from lantern.accounts.models import User
from lantern.cases import services as cases
from lantern.cases.models import (
    Investigation,
    Involvement,
    LineOfEnquiry,
    StatusChange,
    SupervisorReview,
)
from lantern.cases.rules import (
    ExploitationLocation,
    NimLevel,
    Offence,
    Status,
    Team,
    identifier_problem,
    normalise_identifier,
)
from lantern.synth.models import TrueIdentity, TrueIdentityRecord
from lantern.synth.plan import CasePlan, PersonPlan


@dataclass(frozen=True)
class Staff:
    investigator: User
    supervisor: User


@dataclass
class WriteSummary:
    """What a run wrote."""

    investigations: int = 0
    persons: int = 0
    referrals: int = 0
    notices: int = 0
    decisions: int = 0
    prosecutions: int = 0
    orders: int = 0
    disruptions: int = 0
    groups: int = 0
    held_back: int = 0  # court decisions before the Victims' Code table starts (see write_justice)
    batches: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [f"{f.name}: {getattr(self, f.name):.1f}" if f.name == "seconds"
                else f"{f.name}: {getattr(self, f.name)}" for f in fields(self)]


@dataclass
class Context:
    """What the writer carries from case to case."""

    today: date
    staff: dict[str, Staff]
    summary: WriteSummary
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Written:
    """One case as written: the investigation and each planned person's involvement."""

    plan: CasePlan
    staff: Staff
    investigation: Investigation
    involvements: list[tuple[PersonPlan, Involvement]]
    held: bool = False  # a planned step the services cannot record was held back: the case stays open


def backdate(model: Any, pk: int, **values: object) -> None:
    """Move a casework row's dates back after a service made it. Never the audit trail."""
    if model._meta.app_label == "audit":
        raise ValueError("The audit trail is never back-dated.")
    model.objects.filter(pk=pk).update(**values)


def at(day: date, hour: int = 10) -> datetime:
    """A moment on a day in the project's zone (``TIME_ZONE``), never later than now.

    The zone is the default one, not whatever a request may have activated, so a seed writes the
    same moments wherever it runs. The moments are cached: the plan asks for a few thousand days,
    millions of times at national scale.
    """
    return min(_moment(day, hour), timezone.now())


@lru_cache(maxsize=1 << 16)
def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_default_timezone())


def history_on(investigation_id: int, day: date, hour: int = 10) -> None:
    latest = StatusChange.objects.filter(investigation_id=investigation_id).order_by("-pk").first()
    if latest is not None:
        backdate(StatusChange, latest.pk, changed_at=at(day, hour))


def move(user: User, investigation_id: int, to: Status, day: date, **allocation: Any) -> None:
    current = Investigation.objects.get(pk=investigation_id)
    cases.investigation_move(user=user, investigation_id=investigation_id, version=current.version, to=to,
                             **allocation)
    dated = {Status.TRIAGED: "triaged_on", Status.ALLOCATED: "allocated_on"}.get(to)
    if dated:
        backdate(Investigation, investigation_id, **{dated: day})
    history_on(investigation_id, day, hour=14)


def _summary(plan: CasePlan) -> str:
    kinds = ", ".join(t.label.lower() for t in plan.exploitation_types)
    return f"Synthetic case: {kinds} exploitation ({plan.industry.label.lower()})."


def _person(ctx: Context, written: Written, person: PersonPlan) -> Involvement:
    plan, user = written.plan, written.staff.investigator
    rec = person.recorded
    involvement = cases.person_add_to_investigation(
        user=user, investigation_id=written.investigation.pk, role=person.role,
        first_name=rec.first_name, last_name=rec.last_name, aliases=rec.aliases,
        date_of_birth=rec.date_of_birth,
        estimated_age=rec.estimated_age, age_disputed=person.age_disputed,
        reason_to_believe_child=person.reason_to_believe_child, gender=person.gender,
        nationality=person.nationality, second_nationality=person.second_nationality,
        languages=person.languages)
    seen: set[tuple[str, str]] = set()
    for kind, value in rec.identifiers:
        key = (kind.value, normalise_identifier(kind, value))
        if key not in seen and identifier_problem(kind, value) is None:
            seen.add(key)
            cases.identifier_add(user=user, person_id=involvement.person_id, kind=kind, value=value)
    truth = person.truth
    identity, _ = TrueIdentity.objects.get_or_create(person_key=truth.person_key, defaults={
        "given_name": truth.given_name, "family_name": truth.family_name, "gender": truth.gender,
        "date_of_birth": truth.date_of_birth, "nationality": truth.nationality})
    TrueIdentityRecord.objects.create(true_identity=identity, person_id=involvement.person_id)
    if person.role.is_victim:
        cases.victim_spoken_to_record(user=user, involvement_id=involvement.pk, on=plan.recorded_on)
    ctx.summary.persons += 1
    return involvement


def record(ctx: Context, plan: CasePlan) -> Written:
    """The investigation and its people, moved as far as triage and allocation."""
    staff = ctx.staff[plan.force]
    investigation = cases.investigation_record(
        user=staff.investigator, crime_reference=plan.crime_reference, recorded_on=plan.recorded_on,
        offences=[Offence(o) for o in plan.offences], exploitation_types=plan.exploitation_types,
        summary=_summary(plan), industry=plan.industry,
        exploitation_location=ExploitationLocation.OVERSEAS if plan.overseas else ExploitationLocation.UK,
        organised_crime_involved=plan.organised,
        nim_level=NimLevel.CROSS_BORDER if plan.organised else NimLevel.LOCAL)
    history_on(investigation.pk, plan.recorded_on, hour=9)
    ctx.summary.investigations += 1
    written = Written(plan, staff, investigation, [])
    for person in plan.people:
        written.involvements.append((person, _person(ctx, written, person)))
    if plan.triaged_on:
        move(staff.investigator, investigation.pk, Status.TRIAGED, plan.triaged_on)
    if plan.allocated_on:
        move(staff.supervisor, investigation.pk, Status.ALLOCATED, plan.allocated_on,
             team=Team.SPECIALIST_UNIT, officer_in_charge_id=staff.investigator.pk,
             supervisor_id=staff.supervisor.pk)
        move(staff.investigator, investigation.pk, Status.UNDER_INVESTIGATION, plan.allocated_on)
        line = cases.line_of_enquiry_raise(
            user=staff.investigator, investigation_id=investigation.pk,
            description="Identify and trace the people controlling the victims.")
        backdate(LineOfEnquiry, line.pk, raised_on=plan.allocated_on)
    return written


def close(written: Written) -> None:
    """Review, close the lines, tell the victims, and close with the Home Office outcome."""
    plan, staff = written.plan, written.staff
    if plan.closed_on is None or plan.outcome is None or written.held:
        return
    investigation_id, day = written.investigation.pk, plan.closed_on
    review = cases.supervisor_review_record(user=staff.supervisor, investigation_id=investigation_id,
                                            note="Reviewed before closure: outcome agreed.")
    backdate(SupervisorReview, review.pk, reviewed_at=at(day, 9))
    for line in LineOfEnquiry.objects.filter(investigation_id=investigation_id, closed_on__isnull=True):
        cases.line_of_enquiry_close(user=staff.investigator, line_id=line.pk, result="Completed.")
        backdate(LineOfEnquiry, line.pk, closed_on=day)
    for person, involvement in written.involvements:
        if person.role.is_victim:
            cases.victim_told_of_closure_record(user=staff.investigator, involvement_id=involvement.pk,
                                                on=day)
    current = Investigation.objects.get(pk=investigation_id)
    cases.investigation_close(user=staff.investigator, investigation_id=investigation_id,
                              version=current.version, outcome=plan.outcome)
    backdate(Investigation, investigation_id, closed_on=day)
    history_on(investigation_id, day, hour=16)


def write_case(ctx: Context, plan: CasePlan) -> None:
    """One planned case, through every room's services, in the order things happen."""
    from lantern.synth import write_justice, write_safeguarding  # the rooms after casework

    written = record(ctx, plan)
    write_safeguarding.safeguard(ctx, written)
    write_justice.prosecute(ctx, written)
    close(written)
