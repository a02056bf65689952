"""The API for investigations and the people in them: thin, over the same services and queries as
the pages, so the same rules, access checks and audit entries apply."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from pydantic import ConfigDict

from lantern.api.schemas import ErrorOut, Nationality, answers, created, fits, reading
from lantern.cases import queries, services
from lantern.cases.models import (
    Gender,
    Identifier,
    Investigation,
    Involvement,
    LineOfEnquiry,
    Person,
    SupervisorReview,
)
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
from lantern.request_user import api_caller as _user

router = Router(tags=["investigations and people"])




# --- investigations --------------------------------------------------------------------------

class DelaysOut(Schema):
    days_to_triage: int
    days_to_allocation: int
    triaged: bool
    allocated: bool


class InvestigationBase(Schema):
    id: int
    crime_reference: str
    recorded_on: date
    status: Status
    team: Team | None
    officer_in_charge_id: int | None
    exploitation_types: list[ExploitationType]

    @staticmethod
    def resolve_team(obj: Investigation) -> str | None:
        return obj.team or None

    @staticmethod
    def resolve_exploitation_types(obj: Investigation) -> list[str]:
        return [e.exploitation_type for e in obj.exploitation_types.all()]


class InvestigationRowOut(InvestigationBase):
    victims: int
    suspects: int
    delays: DelaysOut
    resolve_delays = staticmethod(queries.delays_of)


class InvestigationOut(InvestigationBase):
    offences: list[Offence]
    summary: str
    industry: Industry
    exploitation_location: ExploitationLocation
    organised_crime_involved: bool
    nim_level: NimLevel
    supervisor_id: int | None
    triaged_on: date | None
    allocated_on: date | None
    closed_on: date | None
    outcome_type: OutcomeType | None
    closure_override_reason: str
    closure_blockers_overridden: list[str]
    version: int

    @staticmethod
    def resolve_offences(obj: Investigation) -> list[str]:
        return [o.offence for o in obj.offences.all()]

    @staticmethod
    def resolve_outcome_type(obj: Investigation) -> str | None:
        return obj.outcome_type or None


class InvolvementOut(Schema):
    id: int
    investigation_id: int
    person_id: int
    name: str
    role: InvolvementRole
    child: bool
    spoken_to_on: date | None
    told_of_closure_on: date | None

    @staticmethod
    def resolve_name(obj: Involvement) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_child(obj: Involvement) -> bool:
        return obj.person.is_child_on(services.today())


class LineOut(Schema):
    id: int
    investigation_id: int
    description: str
    raised_on: date
    raised_by_id: int
    closed_on: date | None
    result: str


class ReviewOut(Schema):
    id: int
    investigation_id: int
    reviewer_id: int
    reviewed_at: datetime
    note: str


class InvestigationDetailOut(InvestigationOut):
    people: list[InvolvementOut]
    lines_of_enquiry: list[LineOut]
    reviews: list[ReviewOut]
    closure_blockers: list[str] = Field(description="What makes closing unsafe now")
    delays: DelaysOut
    resolve_delays = staticmethod(queries.delays_of)

    @staticmethod
    def resolve_people(obj: Investigation) -> list[Involvement]:
        return list(obj.involvements.all())

    @staticmethod
    def resolve_closure_blockers(obj: Investigation) -> list[str]:
        closed = obj.status == Status.CLOSED.value
        return [] if closed else queries.investigation_closure_blockers(obj)


class InvestigationIn(Schema):
    crime_reference: str = Field(max_length=fits(Investigation, "crime_reference"))
    recorded_on: date
    offences: list[Offence] = []
    exploitation_types: list[ExploitationType] = Field(min_length=1)
    summary: str = ""
    industry: Industry = Industry.NOT_KNOWN
    exploitation_location: ExploitationLocation = ExploitationLocation.UK
    organised_crime_involved: bool = False
    nim_level: NimLevel = NimLevel.LOCAL


class InvestigationChangeIn(Schema):
    """Everything known about the crime, as it should now read; ``version`` is the one read."""

    version: int
    offences: list[Offence]
    exploitation_types: list[ExploitationType] = Field(min_length=1)
    summary: str
    industry: Industry
    exploitation_location: ExploitationLocation
    organised_crime_involved: bool
    nim_level: NimLevel


class MoveIn(Schema):
    to: Status
    version: int
    note: str = ""
    team: Team | None = Field(None, description="To allocate: the team, officer and supervisor")
    officer_in_charge_id: int | None = None
    supervisor_id: int | None = None


class CloseIn(Schema):
    outcome: OutcomeType
    version: int
    override_reason: str = Field("", description="A supervisor's reason to close despite the blockers")


class LineIn(Schema):
    description: str


class LineCloseIn(Schema):
    result: str


class ReviewIn(Schema):
    note: str


@router.get("/investigations", response={200: list[InvestigationRowOut], 403: ErrorOut},
            summary="Your force's investigations, newest first (up to 500)")
def investigation_list(request: HttpRequest, status: Status | None = None) -> list[Investigation]:
    return list(queries.investigations_list(user=_user(request), status=status)[:500])


@router.post("/investigations", response=answers(InvestigationOut, 201, found=False),
             summary="Record a modern slavery crime: the investigation starts here")
def investigation_record(request: HttpRequest, body: InvestigationIn) -> HttpStatus[Investigation]:
    return created(services.investigation_record(user=_user(request), **body.model_dump()))


@router.get("/investigations/{investigation_id}", response=reading(InvestigationDetailOut),
            summary="One investigation with its people, lines of enquiry, closure blockers and delays "
                    "(a logged consultation)")
def investigation_detail(request: HttpRequest, investigation_id: int) -> Investigation:
    return queries.investigation_get(user=_user(request), investigation_id=investigation_id)


@router.put("/investigations/{investigation_id}", response=answers(InvestigationOut, versioned=True),
            summary="Change what is known about the crime")
def investigation_update(request: HttpRequest, investigation_id: int,
                         body: InvestigationChangeIn) -> Investigation:
    return services.investigation_update(user=_user(request), investigation_id=investigation_id,
                                         **body.model_dump())


@router.post("/investigations/{investigation_id}/moves",
             response=answers(InvestigationOut, versioned=True),
             summary="Move on: triage, allocate, investigate, or to the CPS and courts")
def investigation_move(request: HttpRequest, investigation_id: int, body: MoveIn) -> Investigation:
    return services.investigation_move(user=_user(request), investigation_id=investigation_id,
                                       **body.model_dump())


@router.post("/investigations/{investigation_id}/closure",
             response=answers(InvestigationOut, versioned=True),
             summary="Close with the outcome type, if it is safe to or a supervisor overrides")
def investigation_close(request: HttpRequest, investigation_id: int, body: CloseIn) -> Investigation:
    return services.investigation_close(user=_user(request), investigation_id=investigation_id,
                                        **body.model_dump())


@router.post("/investigations/{investigation_id}/lines-of-enquiry", response=answers(LineOut, 201),
             summary="Raise a line of enquiry")
def line_of_enquiry_raise(request: HttpRequest, investigation_id: int,
                          body: LineIn) -> HttpStatus[LineOfEnquiry]:
    return created(services.line_of_enquiry_raise(user=_user(request), investigation_id=investigation_id,
                                                  description=body.description))


@router.post("/lines-of-enquiry/{line_id}/closure", response=answers(LineOut),
             summary="Close a line of enquiry with what it found")
def line_of_enquiry_close(request: HttpRequest, line_id: int, body: LineCloseIn) -> LineOfEnquiry:
    return services.line_of_enquiry_close(user=_user(request), line_id=line_id, result=body.result)


@router.post("/investigations/{investigation_id}/reviews", response=answers(ReviewOut, 201),
             summary="Record a supervisor review")
def supervisor_review_record(request: HttpRequest, investigation_id: int,
                             body: ReviewIn) -> HttpStatus[SupervisorReview]:
    return created(services.supervisor_review_record(user=_user(request),
                                                     investigation_id=investigation_id, note=body.note))


# --- people ----------------------------------------------------------------------------------

class PersonIn(Schema):
    model_config = ConfigDict(use_enum_values=True)
    first_name: str = Field("", max_length=fits(Person, "first_name"))
    last_name: str = Field("", max_length=fits(Person, "last_name"))
    aliases: list[str] = []
    date_of_birth: date | None = None
    estimated_age: int | None = None
    age_disputed: bool = False
    reason_to_believe_child: bool = False
    gender: Gender = Gender.NOT_KNOWN
    nationality: Nationality = ""
    second_nationality: Nationality = ""
    languages: list[str] = []


class PersonAddIn(PersonIn):
    role: InvolvementRole


class PersonChangeIn(PersonIn):
    """Only the details sent are changed; ``version`` is the one read."""

    version: int


class IdentifierIn(Schema):
    kind: IdentifierKind
    value: str = Field(max_length=fits(Identifier, "value"))


class IdentifierOut(Schema):
    id: int
    person_id: int
    kind: IdentifierKind
    value: str
    recorded_at: datetime


class PersonInvolvementOut(Schema):
    id: int
    investigation_id: int
    crime_reference: str = Field(alias="investigation.crime_reference")
    role: InvolvementRole


class PersonRecordOut(Schema):
    id: int
    first_name: str
    last_name: str
    aliases: list[str]
    date_of_birth: date | None
    estimated_age: int | None
    age_disputed: bool
    reason_to_believe_child: bool
    gender: Gender
    nationality: str
    second_nationality: str
    languages: list[str]
    child: bool
    version: int
    identifiers: list[IdentifierOut]
    involvements: list[PersonInvolvementOut]

    @staticmethod
    def resolve_child(obj: Person) -> bool:
        return obj.is_child_on(services.today())


@router.post("/investigations/{investigation_id}/people", response=answers(InvolvementOut, 201),
             summary="Record a person and put them into the investigation as victim, suspect or witness")
def person_add(request: HttpRequest, investigation_id: int,
               body: PersonAddIn) -> HttpStatus[Involvement]:
    fields = body.model_dump()
    role = InvolvementRole(fields.pop("role"))
    return created(services.person_add_to_investigation(user=_user(request),
                                                        investigation_id=investigation_id, role=role,
                                                        **fields))


@router.get("/people/{person_id}", response=reading(PersonRecordOut),
            summary="One person's record, with identifiers and investigations (a logged consultation)")
def person_detail(request: HttpRequest, person_id: int) -> Person:
    return queries.person_get(user=_user(request), person_id=person_id)


@router.patch("/people/{person_id}", response=answers(PersonRecordOut, versioned=True),
              summary="Change what is known about a person")
def person_update(request: HttpRequest, person_id: int, body: PersonChangeIn) -> Person:
    return services.person_update(user=_user(request), person_id=person_id, version=body.version,
                                  **body.model_dump(exclude_unset=True, exclude={"version"}))


@router.post("/people/{person_id}/identifiers", response=answers(IdentifierOut, 201),
             summary="Add a phone, address, vehicle, document or email to a person")
def identifier_add(request: HttpRequest, person_id: int, body: IdentifierIn) -> HttpStatus[Identifier]:
    return created(services.identifier_add(user=_user(request), person_id=person_id, kind=body.kind,
                                           value=body.value))


# --- a person's part in an investigation -----------------------------------------------------

class DateIn(Schema):
    on: date


class RoleIn(Schema):
    role: InvolvementRole


@router.put("/involvements/{involvement_id}/spoken-to", response=answers(InvolvementOut),
            summary="Record when the victim was spoken to")
def victim_spoken_to(request: HttpRequest, involvement_id: int, body: DateIn) -> Involvement:
    return services.victim_spoken_to_record(user=_user(request), involvement_id=involvement_id,
                                            on=body.on)


@router.put("/involvements/{involvement_id}/told-of-closure", response=answers(InvolvementOut),
            summary="Record when the victim was told the case is closing")
def victim_told_of_closure(request: HttpRequest, involvement_id: int, body: DateIn) -> Involvement:
    return services.victim_told_of_closure_record(user=_user(request), involvement_id=involvement_id,
                                                  on=body.on)


@router.put("/involvements/{involvement_id}/role", response=answers(InvolvementOut),
            summary="Change a person's role in the investigation")
def involvement_role_change(request: HttpRequest, involvement_id: int, body: RoleIn) -> Involvement:
    return services.involvement_role_change(user=_user(request), involvement_id=involvement_id,
                                            role=body.role)
