"""Organised crime groups: recording one, linking investigations from any force by its national
reference, adding members, and what each force may see of a group (seed 004 Deliverable A)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require, visible
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import (
    GroupInvestigation,
    GroupMembership,
    Investigation,
    Involvement,
    OrganisedCrimeGroup,
    Person,
)
from lantern.cases.rules import GroupRole, InvolvementRole, group_reference
from lantern.cases.services import CaseRefused


@transaction.atomic
def group_record(*, user: User, name: str, description: str = "") -> OrganisedCrimeGroup:
    """Record a group; the user's force leads it and the user is its contact."""
    require(user, Capability.WORK_CASES)
    if not name.strip():
        raise CaseRefused("Give the group's name (a working name if it has none).")
    count = OrganisedCrimeGroup.objects.filter(organisation=user.organisation).count()
    group = OrganisedCrimeGroup.objects.create(
        organisation=user.organisation, reference=group_reference(user.organisation.code, count + 1),
        name=name.strip(), description=description, lead_officer=user)
    event_record(action=Action.COLLECTION, actor=user, obj=group)
    return group


@transaction.atomic
def group_link_investigation(*, user: User, investigation_id: int, reference: str) -> GroupInvestigation:
    """Link one of the user's investigations to a group from any force, by its exact national
    reference: the deliberate, logged way two forces find they are working on the same group."""
    require(user, Capability.WORK_CASES)
    investigation = get_visible(user, Investigation.objects.all(), Capability.WORK_CASES,
                                pk=investigation_id)
    group = OrganisedCrimeGroup.objects.filter(reference=reference.strip().upper()).first()
    if group is None:
        raise CaseRefused(f"No organised crime group has the reference {reference.strip()!r}: "
                          "check it with the force that recorded it.")
    try:
        with transaction.atomic():
            link = GroupInvestigation.objects.create(group=group, investigation=investigation,
                                                     linked_by=user)
    except IntegrityError as duplicate:
        raise CaseRefused(f"{investigation} is already linked to {group.reference}.") from duplicate
    event_record(action=Action.COMBINATION, actor=user, obj=group,
                 detail={"investigation": investigation.pk, "group_organisation": group.organisation_id})
    return link


@transaction.atomic
def group_member_add(*, user: User, group_id: int, person_id: int, role: GroupRole) -> GroupMembership:
    """Record one of the user's force's people as a member of a group the force can see."""
    require(user, Capability.WORK_CASES)
    group = get_visible(user, OrganisedCrimeGroup.objects.all(), Capability.WORK_CASES, pk=group_id)
    person = get_visible(user, Person.objects.all(), Capability.WORK_CASES, pk=person_id)
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(group=group, person=person, role=role.value,
                                                        added_by=user)
    except IntegrityError as duplicate:
        raise CaseRefused(f"{person} is already a member of {group.reference}.") from duplicate
    event_record(action=Action.COMBINATION, actor=user, obj=person,
                 detail={"group": group.pk, "role": role.value})
    return membership


@dataclass(frozen=True)
class ForceConnection:
    """Another force's part in a group: that it is involved and whom to contact, nothing more."""

    organisation: str
    investigations: int
    members: int


@dataclass(frozen=True)
class GroupView:
    group: OrganisedCrimeGroup
    leads: bool
    own_investigations: list[Investigation]
    own_members: list[GroupMembership]
    own_victims: list[Involvement]
    other_forces: list[ForceConnection]


def group_view(*, user: User, group_id: int) -> GroupView:
    """A group as this user's force may see it: its own links, members and victims in full; other
    forces only as connections (who, how many, and the lead officer to contact)."""
    require(user, Capability.SEE_CASES)
    group = get_visible(user, OrganisedCrimeGroup.objects.select_related("organisation", "lead_officer"),
                        Capability.SEE_CASES, pk=group_id)
    own_investigations = list(visible(user, Investigation.objects.filter(group_links__group=group),
                                      Capability.SEE_CASES))
    own_members = list(visible(user, GroupMembership.objects.filter(group=group), Capability.SEE_CASES)
                       .select_related("person"))
    own_victims = list(visible(user, Involvement.objects.filter(
        investigation__in=own_investigations,
        role__in=[InvolvementRole.VICTIM.value, InvolvementRole.VICTIM_AND_SUSPECT.value]),
        Capability.SEE_CASES).select_related("person", "investigation"))
    links = (GroupInvestigation.objects.filter(group=group)
             .exclude(investigation__organisation=user.organisation)
             .values("investigation__organisation__name").annotate(n=Count("pk")))
    members = (GroupMembership.objects.filter(group=group)
               .exclude(person__organisation=user.organisation)
               .values("person__organisation__name").annotate(n=Count("pk")))
    member_counts = {row["person__organisation__name"]: row["n"] for row in members}
    others = [ForceConnection(row["investigation__organisation__name"], row["n"],
                              member_counts.pop(row["investigation__organisation__name"], 0))
              for row in links]
    others += [ForceConnection(name, 0, n) for name, n in member_counts.items()]
    event_record(action=Action.CONSULTATION, actor=user, obj=group,
                 detail={"members_shown": len(own_members), "victims_shown": len(own_victims)})
    return GroupView(group=group, leads=group.organisation_id == user.organisation_id,
                     own_investigations=own_investigations, own_members=own_members,
                     own_victims=own_victims, other_forces=sorted(others, key=lambda c: c.organisation))


def groups_list(*, user: User) -> list[OrganisedCrimeGroup]:
    """The groups the user's force records or has an investigation linked to."""
    require(user, Capability.SEE_CASES)
    return list(visible(user, OrganisedCrimeGroup.objects.select_related("organisation"),
                        Capability.SEE_CASES))
