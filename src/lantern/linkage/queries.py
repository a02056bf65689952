"""Every read in the linkage room, given the user: matches, their explanation, notices, runs.

A match joins a record of the user's force to one that may be another force's. The other force's
record is shown as "a record held by <force>" with whom to contact, never its details, unless the
user's role sees linked records (``SEE_LINKED_RECORDS``, the national unit). Every look at a match
is a consultation in the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from lantern.access.rules import Capability
from lantern.access.scope import across_forces, can, get_visible, require, visible
from lantern.accounts.models import RoleGrant, User
from lantern.accounts.rules import Role
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Involvement, Person
from lantern.linkage.models import ConnectionNotice, LinkRun, MatchDecision, SuggestedMatch
from lantern.linkage.rules import strength


@dataclass(frozen=True)
class Side:
    """One record of a match as this user may see it."""

    person_id: int
    force: str
    shown: bool                 # False: another force's record, details withheld
    name: str = ""
    date_of_birth: date | None = None
    nationality: str = ""
    investigations: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()   # whom to ask about a withheld record


@dataclass(frozen=True)
class Reason:
    """One comparison's part in the score, in plain words."""

    comparison: str
    level: str
    match_weight: float

    @property
    def effect(self) -> str:
        factor = 2 ** abs(self.match_weight)
        if abs(self.match_weight) < 0.5:
            return "made little difference"
        times = f"{factor:,.0f}" if factor >= 10 else f"{factor:.1f}"
        direction = "more" if self.match_weight > 0 else "less"
        return f"made a match about {times} times {direction} likely"

    @property
    def agreed(self) -> bool:
        return self.match_weight > 0


@dataclass(frozen=True)
class MatchView:
    match: SuggestedMatch
    left: Side
    right: Side
    strength: str
    reasons: tuple[Reason, ...]
    decision: MatchDecision | None
    may_decide: bool


def matches_for(user: User) -> QuerySet[SuggestedMatch]:
    """Suggested matches that involve a record of the user's force, strongest first."""
    require(user, Capability.SEE_CASES)
    return visible(user, SuggestedMatch.objects.all(), Capability.SEE_CASES).select_related(
        "left__organisation", "right__organisation")


def notices_for(user: User) -> QuerySet[ConnectionNotice]:
    """The user's open connection notices: their task list."""
    require(user, Capability.SEE_CASES)
    return visible(user, ConnectionNotice.objects.filter(recipient=user, done_at=None),
                   Capability.SEE_CASES).select_related("match__left__organisation",
                                                        "match__right__organisation")


def match_detail(*, user: User, match_id: int) -> MatchView:
    """One match, explained, with each side as the user may see it. Audited as a consultation."""
    require(user, Capability.SEE_CASES)
    match = get_visible(user,
                        SuggestedMatch.objects.select_related("left__organisation", "right__organisation"),
                        Capability.SEE_CASES, pk=match_id)
    decision = MatchDecision.objects.filter(left_id=match.left_id, right_id=match.right_id).select_related(
        "decided_by").first()
    event_record(action=Action.CONSULTATION, actor=user, obj=match,
                 detail={"left": match.left_id, "right": match.right_id, "view": "match explanation"})
    reasons = tuple(Reason(p["comparison"], p["level"], float(p["match_weight"])) for p in match.parts)
    return MatchView(match=match, left=_side(user, match.left), right=_side(user, match.right),
                     strength=strength(match.probability),
                     reasons=tuple(sorted(reasons, key=lambda r: -abs(r.match_weight))),
                     decision=decision, may_decide=can(user, Capability.DECIDE_MATCHES))


def _side(user: User, person: Person) -> Side:
    force = person.organisation.name
    if person.organisation_id == user.organisation_id or can(user, Capability.SEE_LINKED_RECORDS):
        cases = Involvement.objects.filter(person=person).select_related("investigation")
        return Side(person_id=person.pk, force=force, shown=True, name=str(person),
                    date_of_birth=person.date_of_birth, nationality=person.nationality,
                    investigations=tuple(f"{i.investigation.crime_reference} ({i.get_role_display()})"
                                         for i in across_forces(cases, purpose="linkage")))
    return Side(person_id=person.pk, force=force, shown=False, contacts=contacts_for(person))


def contacts_for(person: Person) -> tuple[str, ...]:
    """Whom another force should contact about this record: its officers in charge, then the force lead."""
    return contacts_for_people([person])[person.pk]


def contacts_for_people(people: Sequence[Person]) -> dict[int, tuple[str, ...]]:
    """``contacts_for`` each of these people, in two queries however many (the live look-up shows
    several matches in other forces at once, within its time budget)."""
    officers: dict[int, list[str]] = {p.pk: [] for p in people}
    for involvement in across_forces(Involvement.objects.filter(person__in=[p.pk for p in people]),
                                     purpose="linkage").exclude(investigation__officer_in_charge=None).select_related(
            "investigation__officer_in_charge").order_by("pk"):
        officers[involvement.person_id].append(
            _contact(involvement.investigation.officer_in_charge, "officer in charge"))
    leads: dict[int, list[str]] = defaultdict(list)
    for grant in RoleGrant.objects.filter(role=Role.FORCE_LEAD.value, user__is_active=True,
                                          user__organisation_id__in={p.organisation_id for p in people}
                                          ).select_related("user").order_by("pk"):
        leads[grant.user.organisation_id].append(_contact(grant.user, "force modern slavery lead"))
    return {p.pk: tuple(dict.fromkeys([*officers[p.pk], *leads[p.organisation_id]]))
            or (f"{p.organisation.name}'s modern slavery lead",) for p in people}


def _contact(user: User | None, role: str) -> str:
    if user is None:
        return role
    name = user.get_full_name() or user.username
    return f"{name}, {role} ({user.email})" if user.email else f"{name}, {role}"


def run_detail(*, user: User, run_id: int) -> LinkRun:
    """A linkage run's progress and figures (no personal data)."""
    require(user, Capability.SEE_CASES)
    return get_visible(user, LinkRun.objects.all(), Capability.SEE_CASES, pk=run_id)


def latest_run() -> LinkRun | None:
    return LinkRun.objects.first()
