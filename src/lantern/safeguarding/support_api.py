"""The API for supporting a victim: safety, supporters, interpreter, Victims' Code updates,
contacts, disclosures to immigration enforcement, and the task list. Thin, over the same services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus

from lantern.api.schemas import ErrorOut, Moment, answers, created, fits
from lantern.request_user import api_caller as _user
from lantern.safeguarding import models, queries
from lantern.safeguarding.api import InformationRequestOut, ReferralSummaryOut
from lantern.safeguarding.queries import TaskList
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.victims_code import UpdateKind, UpdateOwed, days_overdue, is_overdue
from lantern.safeguarding.services import disclosures, support
from lantern.safeguarding.services.common import today

router = Router(tags=["safeguarding"])



# --- support around the victim (times carry their UTC offset) -------------------------------

class SafetyIn(Schema):
    place: models.SafetyArrangement.Place
    arranged_at: Moment | None = Field(None, description="Now, if not given")
    why_police_station: str = ""
    notes: str = ""


class SupportIn(Schema):
    kind: models.SupportAssignment.Kind
    name: str = Field(max_length=fits(models.SupportAssignment, "name"))
    contact: str = Field("", max_length=fits(models.SupportAssignment, "contact"))
    assigned_on: date | None = Field(None, description="Today, if not given")


class InterpreterIn(Schema):
    language: str = Field(max_length=fits(models.InterpreterNeed, "language"))
    preferred_sex: Literal["", "female", "male", "no preference"] = ""
    interpreter_name: str = Field("", max_length=fits(models.InterpreterNeed, "interpreter_name"))
    interpreter_sex: Literal["", "female", "male"] = ""
    brought_by_someone_present: bool = False


class InterpreterOut(Schema):
    language: str
    preferred_sex: str
    interpreter_name: str
    interpreter_sex: str
    warnings: list[str] = Field(description="What the officer must act on; the need is recorded anyway")


class UpdateOwedIn(Schema):
    kind: UpdateKind
    event_on: date


class UpdateGivenIn(Schema):
    given_on: date
    how: str = Field(max_length=fits(models.VictimUpdate, "how_given"))


class ContactIn(Schema):
    at: Moment
    method: models.Contact.Method
    summary: str
    interpreter_used: bool = False


class SafetyOut(SafetyIn):
    id: int
    involvement_id: int


class SupportOut(SupportIn):
    id: int
    involvement_id: int


class ContactOut(ContactIn):
    id: int
    involvement_id: int


def _owed(update: models.VictimUpdate) -> UpdateOwed:
    return UpdateOwed(kind=UpdateKind(update.kind), event_on=update.event_on, due_on=update.due_on,
                      given_on=update.given_on)


class VictimUpdateOut(UpdateOwedIn):
    id: int
    involvement_id: int
    due_on: date
    enhanced: bool
    given_on: date | None
    how_given: str
    overdue: bool
    days_overdue: int

    @staticmethod
    def resolve_overdue(obj: models.VictimUpdate) -> bool:
        return is_overdue(_owed(obj), today())

    @staticmethod
    def resolve_days_overdue(obj: models.VictimUpdate) -> int:
        return days_overdue(_owed(obj), today())


@router.post("/victims/{involvement_id}/safety-arrangements", response=answers(SafetyOut, 201),
             summary="Record where the victim was made safe (a police station is a last resort)")
def safety_arrangement_record(request: HttpRequest, involvement_id: int,
                              body: SafetyIn) -> HttpStatus[models.SafetyArrangement]:
    return created(support.safety_arrangement_record(user=_user(request), involvement_id=involvement_id,
                                                     **body.model_dump()))


@router.post("/victims/{involvement_id}/supporters", response=answers(SupportOut, 201),
             summary="Assign a VLO, navigator, child trafficking guardian or support worker")
def support_assign(request: HttpRequest, involvement_id: int,
                   body: SupportIn) -> HttpStatus[models.SupportAssignment]:
    return created(support.support_assign(user=_user(request), involvement_id=involvement_id,
                                          **body.model_dump()))


@router.put("/victims/{involvement_id}/interpreter", response=answers(InterpreterOut),
            summary="Record the interpreter need, with the warnings the officer must see")
def interpreter_need_set(request: HttpRequest, involvement_id: int, body: InterpreterIn) -> dict[str, Any]:
    need, warnings = support.interpreter_need_set(user=_user(request), involvement_id=involvement_id,
                                                  **body.model_dump())
    return {"language": need.language, "preferred_sex": need.preferred_sex,
            "interpreter_name": need.interpreter_name, "interpreter_sex": need.interpreter_sex,
            "warnings": warnings}


@router.post("/victims/{involvement_id}/updates", response=answers(VictimUpdateOut, 201),
             summary="Something happened that the victim must be told of: a Victims' Code update owed")
def victim_update_owed(request: HttpRequest, involvement_id: int,
                       body: UpdateOwedIn) -> HttpStatus[models.VictimUpdate]:
    return created(support.victim_update_owed(user=_user(request), involvement_id=involvement_id,
                                              kind=body.kind, event_on=body.event_on))


@router.post("/updates/{update_id}/given", response=answers(VictimUpdateOut),
             summary="Record that the victim was given the update")
def victim_update_given(request: HttpRequest, update_id: int,
                        body: UpdateGivenIn) -> models.VictimUpdate:
    return support.victim_update_given(user=_user(request), update_id=update_id,
                                       given_on=body.given_on, how=body.how)


@router.post("/victims/{involvement_id}/contacts", response=answers(ContactOut, 201),
             summary="Record a contact with the victim")
def contact_record(request: HttpRequest, involvement_id: int,
                   body: ContactIn) -> HttpStatus[models.Contact]:
    return created(support.contact_record(user=_user(request), involvement_id=involvement_id,
                                          **body.model_dump()))


# --- disclosures to immigration enforcement --------------------------------------------------

class DisclosureIn(Schema):
    purpose: Purpose
    purpose_detail: str = ""
    legal_basis: LegalBasis
    what_shared: str
    recipient: str = Field(max_length=fits(models.Disclosure, "recipient"))
    domestic_abuse_victim: bool
    evidence_of_immigration_offence: bool
    victim_told: bool | None
    reason_victim_not_told: str = ""


class DisclosureDecisionIn(Schema):
    approve: bool
    note: str = Field("", description="Required to refuse")


class DisclosureOut(DisclosureIn):
    id: int
    involvement_id: int
    state: Literal["awaiting_approval", "approved", "refused"]
    requested_by_id: int
    requested_at: datetime
    decided_by_id: int | None
    decided_at: datetime | None
    decision_note: str


@router.post("/victims/{involvement_id}/disclosures", response=answers(DisclosureOut, 201),
             summary="Ask to share a victim's information with immigration enforcement")
def disclosure_request(request: HttpRequest, involvement_id: int,
                       body: DisclosureIn) -> HttpStatus[models.Disclosure]:
    return created(disclosures.disclosure_request(user=_user(request), involvement_id=involvement_id,
                                                  **body.model_dump()))


@router.post("/disclosures/{disclosure_id}/decision", response=answers(DisclosureOut),
             summary="A supervisor, not the requester, approves (a logged disclosure) or refuses")
def disclosure_decide(request: HttpRequest, disclosure_id: int,
                      body: DisclosureDecisionIn) -> models.Disclosure:
    return disclosures.disclosure_decide(user=_user(request), disclosure_id=disclosure_id,
                                         **body.model_dump())


class TasksOut(Schema):
    overdue_updates: list[VictimUpdateOut]
    due_updates: list[VictimUpdateOut]
    information_requests: list[InformationRequestOut]
    disclosures_to_approve: list[DisclosureOut]
    draft_referrals: list[ReferralSummaryOut]
    count: int = Field(description="Every task, listed or not: each list holds its 50 most pressing")


@router.get("/tasks", response={200: TasksOut, 403: ErrorOut},
            summary="What you must do: Victims' Code updates, requests, disclosures to approve, drafts")
def tasks(request: HttpRequest) -> TaskList:
    return queries.tasks_for(user=_user(request))
