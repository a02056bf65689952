"""The API for organised crime groups: thin, over the same services and queries as the pages. A force
sees its own part of a group in full; other forces only as connections, and whom to contact."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus

from lantern.api.schemas import ErrorOut, answers, created, fits, reading
from lantern.cases import groups
from lantern.cases.groups import GroupView
from lantern.cases.models import GroupInvestigation, GroupMembership, Involvement, OrganisedCrimeGroup
from lantern.cases.rules import GroupRole, Status
from lantern.request_user import api_caller as _user

router = Router(tags=["organised crime groups"])




class GroupIn(Schema):
    name: str = Field(description="A working name if it has none",
                      max_length=fits(OrganisedCrimeGroup, "name"))
    description: str = ""


class GroupSummaryOut(Schema):
    id: int
    reference: str = Field(description="The national reference other forces link by")
    name: str
    organisation: str = Field(alias="organisation.name", description="The force that recorded and leads it")
    created_at: datetime


class GroupOut(GroupSummaryOut):
    description: str
    lead_officer_id: int
    version: int


class LinkIn(Schema):
    investigation_id: int = Field(description="One of your force's investigations")
    reference: str = Field(description="The group's national reference (OCG-...), from any force")


class LinkOut(Schema):
    id: int
    group_id: int
    group_reference: str = Field(alias="group.reference")
    investigation_id: int
    linked_by_id: int
    linked_at: datetime


class MemberIn(Schema):
    person_id: int = Field(description="One of your force's people")
    role: GroupRole


class MemberOut(Schema):
    id: int
    group_id: int
    person_id: int
    name: str
    role: GroupRole
    added_at: datetime

    @staticmethod
    def resolve_name(obj: GroupMembership) -> str:
        return str(obj.person)


class GroupContactOut(Schema):
    name: str
    email: str
    organisation: str


class ConnectionOut(Schema):
    """Another force's part: that it is involved and how much, nothing about whom."""

    organisation: str
    investigations: int
    members: int


class GroupInvestigationOut(Schema):
    id: int
    crime_reference: str
    status: Status


class GroupVictimOut(Schema):
    involvement_id: int = Field(alias="pk")
    person_id: int
    name: str
    investigation_id: int
    crime_reference: str = Field(alias="investigation.crime_reference")

    @staticmethod
    def resolve_name(obj: Involvement) -> str:
        return str(obj.person)


class GroupViewOut(Schema):
    id: int = Field(alias="group.pk")
    reference: str = Field(alias="group.reference")
    name: str = Field(alias="group.name")
    organisation: str = Field(alias="group.organisation.name")
    leads: bool = Field(description="Your force recorded the group and leads on it")
    description: str | None = Field(description="Only for the force that leads the group")
    contact: GroupContactOut = Field(description="The lead officer, to share what you know")
    own_investigations: list[GroupInvestigationOut]
    own_members: list[MemberOut]
    own_victims: list[GroupVictimOut] = Field(description="Victims in your force's linked investigations")
    other_forces: list[ConnectionOut]

    @staticmethod
    def resolve_description(obj: GroupView) -> str | None:
        return obj.group.description if obj.leads else None

    @staticmethod
    def resolve_contact(obj: GroupView) -> dict[str, str]:
        officer = obj.group.lead_officer
        return {"name": str(officer), "email": officer.email, "organisation": obj.group.organisation.name}


@router.get("", response={200: list[GroupSummaryOut], 403: ErrorOut},
            summary="The groups your force records or has an investigation linked to")
def group_list(request: HttpRequest) -> list[OrganisedCrimeGroup]:
    return groups.groups_list(user=_user(request))


@router.post("", response=answers(GroupOut, 201, found=False),
             summary="Record an organised crime group: your force leads it and you are its contact")
def group_record(request: HttpRequest, body: GroupIn) -> HttpStatus[OrganisedCrimeGroup]:
    return created(groups.group_record(user=_user(request), **body.model_dump()))


@router.post("/links", response=answers(LinkOut, 201),
             summary="Link one of your investigations to a group from any force by its exact national "
                     "reference (logged)")
def group_link_investigation(request: HttpRequest, body: LinkIn) -> HttpStatus[GroupInvestigation]:
    return created(groups.group_link_investigation(user=_user(request), **body.model_dump()))


@router.get("/{group_id}", response=reading(GroupViewOut),
            summary="A group: your force's part in full, other forces as connections (a logged consultation)")
def group_detail(request: HttpRequest, group_id: int) -> GroupView:
    return groups.group_view(user=_user(request), group_id=group_id)


@router.post("/{group_id}/members", response=answers(MemberOut, 201),
             summary="Record one of your force's people as a member of the group")
def group_member_add(request: HttpRequest, group_id: int, body: MemberIn) -> HttpStatus[GroupMembership]:
    return created(groups.group_member_add(user=_user(request), group_id=group_id, **body.model_dump()))
