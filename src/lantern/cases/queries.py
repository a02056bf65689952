"""Every read of investigations and people, always given the user, scoped by ``lantern.access``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require, visible
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Investigation, Involvement, Person
from lantern.cases.rules import InvolvementRole, Status, closure_blockers, waiting_days
from lantern.cases.services import closure_facts, today


def investigations_list(*, user: User, status: Status | None = None) -> QuerySet[Investigation]:
    """The user's force's investigations, newest first, with victim and suspect counts.

    The counts are subqueries of each investigation's people, not a grouped join, so that the
    database reads a page of the force's list from its index (``investigation_list_idx``) rather
    than counting and sorting every investigation the force holds first.
    """
    require(user, Capability.SEE_CASES)
    investigations = visible(user, Investigation.objects.all(), Capability.SEE_CASES)
    if status is not None:
        investigations = investigations.filter(status=status.value)
    return investigations.select_related("officer_in_charge").annotate(
        victims=_people_in(InvolvementRole.VICTIM, InvolvementRole.VICTIM_AND_SUSPECT),
        suspects=_people_in(InvolvementRole.SUSPECT, InvolvementRole.VICTIM_AND_SUSPECT),
    ).order_by("-recorded_on", "-pk").prefetch_related("exploitation_types")


def _people_in(*roles: InvolvementRole) -> Coalesce:
    """How many of the investigation's people are involved in one of these roles."""
    counted = (Involvement.objects.filter(investigation=OuterRef("pk"), role__in=[r.value for r in roles])
               .order_by().values("investigation").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted), Value(0))


@dataclass(frozen=True)
class Delays:
    """Days an investigation waited, or has been waiting, for triage and for allocation."""

    days_to_triage: int
    days_to_allocation: int
    triaged: bool
    allocated: bool


def delays_of(investigation: Investigation, on: date | None = None) -> Delays:
    day = on or today()
    return Delays(
        days_to_triage=waiting_days(investigation.recorded_on, investigation.triaged_on, day),
        days_to_allocation=waiting_days(investigation.recorded_on, investigation.allocated_on, day),
        triaged=investigation.triaged_on is not None,
        allocated=investigation.allocated_on is not None,
    )


def investigation_get(*, user: User, investigation_id: int) -> Investigation:
    """One investigation with its people: a consultation of their personal data."""
    require(user, Capability.SEE_CASES)
    investigation = get_visible(
        user,
        Investigation.objects.select_related("officer_in_charge", "supervisor",
                                             "closure_override_by", "organisation")
        .prefetch_related(
            Prefetch("involvements", queryset=Involvement.objects.select_related("person")),
            "offences", "exploitation_types", "lines_of_enquiry", "reviews__reviewer", "group_links__group",
            "history__changed_by"),
        Capability.SEE_CASES, pk=investigation_id)
    event_record(action=Action.CONSULTATION, actor=user, obj=investigation,
                 detail={"people_shown": len(investigation.involvements.all())})
    return investigation


def investigation_workable(*, user: User, investigation_id: int,
                           capability: Capability = Capability.WORK_CASES) -> None:
    """Refuse a form for an investigation the user may not do this work on, as its service would
    on saving (403 for the role, 404 for another force's or a missing one). Nothing of it is shown,
    so nothing is consulted."""
    require(user, capability)
    get_visible(user, Investigation.objects.all(), capability, pk=investigation_id)


def investigation_closure_blockers(investigation: Investigation) -> list[str]:
    return closure_blockers(closure_facts(investigation))


def person_get(*, user: User, person_id: int) -> Person:
    """One person's record: a consultation."""
    require(user, Capability.SEE_CASES)
    person = get_visible(
        user,
        Person.objects.prefetch_related(
            "identifiers",
            Prefetch("involvements", queryset=Involvement.objects.select_related("investigation"))),
        Capability.SEE_CASES, pk=person_id)
    event_record(action=Action.CONSULTATION, actor=user, obj=person)
    return person


def people_search(*, user: User, name: str, purposes: list[str]) -> list[Person]:
    """People in the user's force whose name or alias contains ``name``. A logged consultation.

    The purpose is required and recorded; the caller has already refused a search whose only
    purpose is to establish immigration status.
    """
    require(user, Capability.SEE_CASES)
    term = name.strip()
    people = visible(user, Person.objects.all(), Capability.SEE_CASES)
    matches: list[Person] = []
    if term:
        words = term.split()
        query = Q()
        for word in words:
            query &= (Q(first_name__icontains=word) | Q(last_name__icontains=word)
                      | Q(aliases__icontains=word))
        matches = list(people.filter(query)[:100])
    event_record(action=Action.CONSULTATION, actor=user, object_type="cases.person_search",
                 justification=", ".join(purposes),
                 detail={"results": len(matches), "terms": len(term.split())})
    return matches


def colleagues_for_allocation(*, user: User) -> QuerySet[User]:
    return visible(user, User.objects.filter(is_active=True), Capability.SEE_COLLEAGUES)
