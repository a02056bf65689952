"""The bulk writer's cases as built so far, and the cases room's remaining rows for them.

``bulk`` inserts each batch's investigations, people and involvements first; ``built_cases`` then
gathers, per planned case, what the later rooms need (the plan, the force's synthetic staff, the
investigation and each planned person with their ``Person`` and ``Involvement`` rows, all with
keys), and ``casework`` adds what the services writer's ``write_cases`` makes besides: the line of
enquiry raised on allocation (closed with the case) and the supervisor's review before closure.

Every insert goes through the ``insert`` the caller passes (``bulk._insert``), which sets each
object's ``pk``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import models

from lantern.cases.models import Investigation, Involvement, LineOfEnquiry, Person, SupervisorReview
from lantern.cases.rules import InvolvementRole, Status
from lantern.synth.fast_model import make
from lantern.synth.plan import CasePlan, PersonPlan
from lantern.synth.write_cases import Staff, at

Insert = Callable[[type[models.Model], Sequence[models.Model]], None]
"""``bulk._insert``: one model's rows for the batch, keys set on return."""

LINE_OF_ENQUIRY = "Identify and trace the people controlling the victims."
LINE_RESULT = "Completed."
REVIEW_NOTE = "Reviewed before closure: outcome agreed."

DATED: tuple[tuple[type[models.Model], str], ...] = ((SupervisorReview, "reviewed_at"),)
"""The fields here that would stamp now on insert, for ``bulk._dated``."""


class BulkPlanMismatch(Exception):
    """The plan asks for something the rules would not allow: the bulk path stops rather than write it."""


def refuse_unless_empty(plan: CasePlan, problems: Iterable[str | None]) -> None:
    """Stop, as the service would refuse, when a rule finds a problem with what the plan asks for."""
    found = [p for p in problems if p]
    if found:
        raise BulkPlanMismatch(f"{plan.crime_reference}: {' '.join(found)}")


@dataclass(frozen=True, slots=True)
class BuiltPerson:
    plan: PersonPlan
    person: Person
    involvement: Involvement


@dataclass(frozen=True, slots=True)
class BuiltCase:
    """One planned case after its investigation, people and involvements are inserted."""

    plan: CasePlan
    staff: Staff
    investigation: Investigation
    people: tuple[BuiltPerson, ...]
    held: bool  # the services writer held a court step back (``bulk._held_back``)

    @property
    def closes(self) -> bool:
        return self.investigation.status == Status.CLOSED.value

    @property
    def suspect(self) -> BuiltPerson | None:
        """The first person recorded only as a suspect: the one the CPS and the orders are about."""
        return next((p for p in self.people if p.plan.role is InvolvementRole.SUSPECT), None)

    @property
    def suspects(self) -> tuple[BuiltPerson, ...]:
        """Everyone recorded only as a suspect: each is referred to the CPS and, if charged, tried."""
        return tuple(p for p in self.people if p.plan.role is InvolvementRole.SUSPECT)

    @property
    def victims(self) -> tuple[BuiltPerson, ...]:
        return tuple(p for p in self.people if p.plan.role.is_victim)


def built_cases(cases: Sequence[CasePlan], investigations: Sequence[Investigation],
                people: Sequence[tuple[CasePlan, int, PersonPlan, Person]],
                involvements: Sequence[Involvement], staff: dict[str, Staff],
                held: Callable[[CasePlan], bool]) -> list[BuiltCase]:
    """The batch's cases, in plan order, each with its people in plan order."""
    by_case: dict[str, list[BuiltPerson]] = {plan.crime_reference: [] for plan in cases}
    for (plan, _, person, row), involvement in zip(people, involvements, strict=True):
        involvement.person = row  # cached, so the services' own helpers read it without a query
        by_case[plan.crime_reference].append(BuiltPerson(person, row, involvement))
    return [BuiltCase(plan, staff[plan.force], investigation, tuple(by_case[plan.crime_reference]),
                      held(plan))
            for plan, investigation in zip(cases, investigations, strict=True)]


def casework(cases: Sequence[BuiltCase], insert: Insert) -> dict[str, int]:
    """Lines of enquiry (one per allocated case) and supervisor reviews (one per closure)."""
    lines: list[LineOfEnquiry] = []
    reviews: list[SupervisorReview] = []
    for case in cases:
        plan, investigation = case.plan, case.investigation
        if plan.allocated_on is None:
            continue
        closed_on = investigation.closed_on if case.closes else None
        lines.append(make(LineOfEnquiry,
            investigation_id=investigation.pk, description=LINE_OF_ENQUIRY, raised_on=plan.allocated_on,
            raised_by_id=case.staff.investigator.pk, closed_on=closed_on,
            result=LINE_RESULT if closed_on else ""))
        if closed_on is not None:
            reviews.append(make(SupervisorReview, investigation_id=investigation.pk,
                                            reviewer_id=case.staff.supervisor.pk,
                                            reviewed_at=at(closed_on, 9), note=REVIEW_NOTE))
    insert(LineOfEnquiry, lines)
    insert(SupervisorReview, reviews)
    return {"lines_of_enquiry": len(lines), "supervisor_reviews": len(reviews)}
