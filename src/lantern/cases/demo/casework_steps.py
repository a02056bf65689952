"""The demo's casework steps: one helper per thing a person does to an investigation.

Everything is recorded by the demo people (``lantern.accounts.demo_people``) through the same
services, access checks and audit entries as real work. Only afterwards are dates moved back,
with a queryset ``update()`` on the casework tables (never the audit trail), so the demo looks
like months of work: the services stamp "today" on a triage, an allocation, a line of enquiry
or a submission. Where a service takes a date (a decision, a Victims' Code event, a contact), it
is given the past date and checks it as it would for anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Self, TypeAlias

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from lantern.accounts.models import User
from lantern.cases import services as cases
from lantern.cases.demo.made_up import DEMO_MARK, NAMES
from lantern.cases.models import Investigation, Involvement, LineOfEnquiry, StatusChange, SupervisorReview
from lantern.cases.rules import (
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
)

When: TypeAlias = int | date
"""A day: how many days ago (negative: that many days from today), or the date itself."""

DEMO_USERNAMES = ("officer", "investigator", "supervisor", "lead", "vlo", "gmp-investigator")

# The date a move along the lifecycle stamps on the investigation, for the moves that stamp one.
_DATE_OF_MOVE = {Status.TRIAGED: "triaged_on", Status.ALLOCATED: "allocated_on"}


def backdate(model: Any, pk: int, **fields: object) -> None:
    """Move a casework row's dates back, after a service made it. Never the audit trail."""
    if model._meta.app_label == "audit":
        raise ValueError("The audit trail is never back-dated.")
    model.objects.filter(pk=pk).update(**fields)


@dataclass
class CaseworkSteps:
    """The demo people, today, and one helper per casework step a person takes."""

    officer: User
    investigator: User
    supervisor: User
    lead: User
    vlo: User
    gmp: User
    today: date

    @classmethod
    def start(cls) -> Self:
        users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
        missing = set(DEMO_USERNAMES) - set(users)
        if missing:
            raise ImproperlyConfigured(
                f"Load the demo people first (lantern demo): {', '.join(sorted(missing))} missing.")
        return cls(officer=users["officer"], investigator=users["investigator"],
                   supervisor=users["supervisor"], lead=users["lead"], vlo=users["vlo"],
                   gmp=users["gmp-investigator"], today=timezone.localdate())

    # Dates -------------------------------------------------------------------------------
    def day(self, when: When) -> date:
        return when if isinstance(when, date) else self.today - timedelta(days=when)

    def at(self, when: When, hour: int = 10, minute: int = 0) -> datetime:
        """A moment on a day, never later than now."""
        moment = timezone.make_aware(datetime.combine(self.day(when), time(hour, minute)))
        return min(moment, timezone.now())

    # Investigations ----------------------------------------------------------------------
    def reference(self, force: str, number: int, recorded_on: date) -> str:
        return f"{force}{DEMO_MARK}{recorded_on:%y}-{number:04d}"

    def record(self, user: User, force: str, number: int, recorded_on: date,
               offences: Iterable[Offence], types: Iterable[ExploitationType], summary: str,
               industry: Industry, **extra: Any) -> Investigation:
        investigation = cases.investigation_record(
            user=user, crime_reference=self.reference(force, number, recorded_on),
            recorded_on=recorded_on, offences=offences, exploitation_types=types, summary=summary,
            industry=industry, **extra)
        self._history_on(investigation, recorded_on, hour=9)
        return investigation

    def describe(self, user: User, investigation: Investigation, offences: Iterable[Offence],
                 types: Iterable[ExploitationType], summary: str, industry: Industry,
                 **extra: Any) -> Investigation:
        current = Investigation.objects.get(pk=investigation.pk)
        return cases.investigation_update(
            user=user, investigation_id=current.pk, version=current.version, offences=offences,
            exploitation_types=types, summary=summary, industry=industry,
            exploitation_location=extra.pop("exploitation_location", ExploitationLocation.UK),
            organised_crime_involved=extra.pop("organised_crime_involved", False),
            nim_level=extra.pop("nim_level", NimLevel.LOCAL))

    def _history_on(self, investigation: Investigation, on: date, hour: int = 10) -> None:
        latest = StatusChange.objects.filter(investigation_id=investigation.pk).order_by("-pk").first()
        if latest is not None:
            backdate(StatusChange, latest.pk, changed_at=self.at(on, hour))

    def move(self, user: User, investigation: Investigation, to: Status, when: When,
             note: str = "", **allocation: Any) -> Investigation:
        current = Investigation.objects.get(pk=investigation.pk)
        moved = cases.investigation_move(user=user, investigation_id=current.pk,
                                         version=current.version, to=to, note=note, **allocation)
        on = self.day(when)
        if to in _DATE_OF_MOVE:
            backdate(Investigation, moved.pk, **{_DATE_OF_MOVE[to]: on})
        self._history_on(moved, on, hour=14)
        return moved

    def triage_and_allocate(self, investigation: Investigation, triaged: When, allocated: When,
                            team: Team = Team.SPECIALIST_UNIT, supervisor: User | None = None,
                            started: When | None = None) -> Investigation:
        """The force lead triages; the investigator is allocated as officer in charge."""
        self.move(self.lead, investigation, Status.TRIAGED, triaged,
                  note="Triaged by the force modern slavery lead: modern slavery confirmed.")
        self.move(self.lead, investigation, Status.ALLOCATED, allocated, team=team,
                  officer_in_charge_id=self.investigator.pk,
                  supervisor_id=(supervisor or self.supervisor).pk)
        if started is not None:
            self.move(self.investigator, investigation, Status.UNDER_INVESTIGATION, started)
        return Investigation.objects.get(pk=investigation.pk)

    def close(self, user: User, investigation: Investigation, outcome: OutcomeType, when: When,
              override_reason: str = "") -> Investigation:
        current = Investigation.objects.get(pk=investigation.pk)
        closed = cases.investigation_close(user=user, investigation_id=current.pk,
                                           version=current.version, outcome=outcome,
                                           override_reason=override_reason)
        on = self.day(when)
        backdate(Investigation, closed.pk, closed_on=on)
        self._history_on(closed, on, hour=16)
        return closed

    def review(self, investigation: Investigation, when: When, note: str,
               reviewer: User | None = None) -> None:
        review = cases.supervisor_review_record(user=reviewer or self.supervisor,
                                                investigation_id=investigation.pk, note=note)
        backdate(SupervisorReview, review.pk, reviewed_at=self.at(when, 15))

    def line(self, investigation: Investigation, description: str, raised: When,
             closed: When | None = None, result: str = "", user: User | None = None) -> None:
        who = user or self.investigator
        line = cases.line_of_enquiry_raise(user=who, investigation_id=investigation.pk,
                                           description=description)
        backdate(LineOfEnquiry, line.pk, raised_on=self.day(raised))
        if closed is not None:
            cases.line_of_enquiry_close(user=who, line_id=line.pk, result=result)
            backdate(LineOfEnquiry, line.pk, closed_on=self.day(closed))

    # People ------------------------------------------------------------------------------
    def person(self, user: User, investigation: Investigation, key: str, role: InvolvementRole,
               spoken_to: When | None = None, phones: Iterable[str] = (),
               addresses: Iterable[str] = (), **fields: Any) -> Involvement:
        first, last = NAMES[key]
        involvement = cases.person_add_to_investigation(
            user=user, investigation_id=investigation.pk, role=role, first_name=first,
            last_name=last, **fields)
        for kind, values in ((IdentifierKind.PHONE, phones), (IdentifierKind.ADDRESS, addresses)):
            for value in values:
                cases.identifier_add(user=user, person_id=involvement.person_id, kind=kind, value=value)
        if spoken_to is not None:
            self.spoken_to(user, involvement, spoken_to)
        return involvement

    def spoken_to(self, user: User, involvement: Involvement, when: When) -> None:
        cases.victim_spoken_to_record(user=user, involvement_id=involvement.pk, on=self.day(when))

    def told_of_closure(self, user: User, involvement: Involvement, when: When) -> None:
        cases.victim_told_of_closure_record(user=user, involvement_id=involvement.pk, on=self.day(when))
