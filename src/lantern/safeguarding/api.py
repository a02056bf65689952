"""The API for safeguarding: the encounter, NRM referrals and duty-to-notify notices, decisions,
support, Victims' Code updates and disclosures. Thin, over the same services and queries as the
pages. A duty-to-notify notice whose adult did not consent never shows identifying details."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from pydantic import ConfigDict

from lantern.api.schemas import Nationality, answers, created, fits, reading
from lantern.cases.models import Gender, Investigation, Involvement, Person
from lantern.cases.rules import ExploitationLocation, ExploitationType
from lantern.request_user import api_caller as _user
from lantern.safeguarding import models, queries
from lantern.safeguarding.rules import recovery
from lantern.safeguarding.rules.nrm import AgeAnswer, ConsentRecord, Gap, Route, consent_needed
from lantern.safeguarding.services import decisions, encounters, referrals
from lantern.safeguarding.services.common import today

router = Router(tags=["safeguarding"])




# --- the encounter ---------------------------------------------------------------------------

class EncounterIn(Schema):
    place_of_safety: models.SafetyArrangement.Place
    why_police_station: str = ""
    exploitation_types: list[ExploitationType] = Field(min_length=1)
    exploitation_location: ExploitationLocation = ExploitationLocation.UK
    what_was_seen: str = ""
    crime_reference: str = Field("", description="Blank for a provisional reference",
                                 max_length=fits(Investigation, "crime_reference"))
    first_name: str = Field("", max_length=fits(Person, "first_name"))
    last_name: str = Field("", max_length=fits(Person, "last_name"))
    date_of_birth: date | None = None
    estimated_age: int | None = None
    age_disputed: bool = False
    reason_to_believe_child: bool = False
    gender: Gender = Gender.NOT_KNOWN
    nationality: Nationality = ""
    languages: list[str] = []


class VictimOut(Schema):
    involvement_id: int = Field(alias="pk")
    investigation_id: int
    crime_reference: str = Field(alias="investigation.crime_reference")
    person_id: int
    name: str
    age_answer: AgeAnswer
    consent_needed: bool = Field(description="False for a child, or anyone whose age is not sure: "
                                             "they are referred without consent being asked")

    @staticmethod
    def resolve_name(obj: Involvement) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_age_answer(obj: Involvement) -> AgeAnswer:
        return referrals.age_answer_for(obj.person, today())

    @staticmethod
    def resolve_consent_needed(obj: Involvement) -> bool:
        return consent_needed(referrals.age_answer_for(obj.person, today()))


@router.post("/encounters", response=answers(VictimOut, 201, found=False),
             summary="Record an encounter: the crime, the victim, where they are safe, support owed")
def encounter_record(request: HttpRequest, body: EncounterIn) -> HttpStatus[Involvement]:
    return created(encounters.encounter_record(user=_user(request), **body.model_dump()))


# --- referrals and notices -------------------------------------------------------------------

class ConsentIn(Schema):
    nrm_explained: bool = False
    support_explained: bool = False
    outcomes_explained: bool = False
    consent_given: bool | None = None


class ReferralStartIn(Schema):
    consent: ConsentIn | None = Field(None, description="An adult's informed consent; never asked of a "
                                                        "child or anyone whose age is not sure")
    refusal_reason: str = ""
    identifying_consent: bool = Field(False, description="An adult who declines agrees to their name "
                                                         "and email going in the notice")


class ReferralContent(Schema):
    gender: str = ""
    nationality: str = ""
    second_nationality: str = ""
    exploitation_types: list[ExploitationType] = []
    exploitation_location: ExploitationLocation = ExploitationLocation.NOT_KNOWN
    uk_cities: list[str] = []
    overseas_countries: list[str] = []
    what_happened: str = Field("", description="No names: theirs or other victims'")
    how_exploitation_started: str = ""
    living_conditions: str = ""
    treatment: str = ""
    exploitation_start: date | None = None
    exploitation_end: date | None = None
    still_in_exploitative_situation: bool | None = None
    current_city: str = Field("", max_length=fits(models.Referral, "current_city"))
    immigration_status: str = Field("", max_length=fits(models.Referral, "immigration_status"))
    local_authority_name: str = Field("", max_length=fits(models.Referral, "local_authority_name"))
    local_authority_phone: str = Field("", max_length=fits(models.Referral, "local_authority_phone"))
    interpreter_language: str = Field("", max_length=fits(models.Referral, "interpreter_language"))


class ReferralChangeIn(ReferralContent):
    """Only the details sent are changed; ``version`` is the one read."""

    model_config = ConfigDict(use_enum_values=True)
    version: int
    gender: Literal["", "female", "male", "other"] = ""
    nationality: Nationality = ""
    second_nationality: Nationality = ""
    first_name: str = Field("", max_length=fits(models.Referral, "first_name"))
    last_name: str = Field("", max_length=fits(models.Referral, "last_name"))
    date_of_birth: date | None = None
    phone: str = Field("", max_length=fits(models.Referral, "phone"))
    email: str = Field("", max_length=fits(models.Referral, "email"))


def _identifying(name: str) -> Any:
    """A resolver that shows an identifying detail only where the referral or notice may hold it."""
    def resolve(obj: models.Referral) -> Any:
        return getattr(obj, name) if name in referrals.identifying_allowed(obj) else None
    return staticmethod(resolve)


class ReferralSummaryOut(Schema):
    id: int
    reference: str
    route: Route
    state: Literal["draft", "submitted", "withdrawn"]
    anonymous: bool
    involvement_id: int
    created_at: datetime


class GapOut(Schema):
    field: str
    message: str


class RecoveryPeriodOut(Schema):
    starts_on: date
    minimum_days: int
    minimum_ends_on: date
    ends_on: date | None
    open_ended: bool
    rule_source: str = Field(alias="rule.source")


class DecisionIn(Schema):
    stage: recovery.DecisionStage
    result: recovery.DecisionResult
    decided_on: date
    authority: recovery.CompetentAuthority
    reconsideration: bool = False


class DecisionOut(DecisionIn):
    id: int
    referral_id: int


class InformationRequestIn(Schema):
    received_on: date
    due_on: date
    what_is_asked: str


class InformationRequestOut(InformationRequestIn):
    id: int
    referral_id: int
    answered_on: date | None
    answer_summary: str


class RecoveryChangeOut(Schema):
    id: int
    referral_id: int
    kind: Literal["further_period", "disqualification"]
    on: date
    days: int | None
    ground: recovery.DisqualificationGround | None
    reason: str

    @staticmethod
    def resolve_ground(obj: models.RecoveryChange) -> str | None:
        return obj.ground or None


class ReferralOut(ReferralSummaryOut, ReferralContent):
    """A referral or notice; identifying details are null where it may not hold them."""

    first_name: str | None
    last_name: str | None
    date_of_birth: date | None
    phone: str | None
    email: str | None
    age_answer: AgeAnswer
    crime_reference: str = Field(alias="involvement.investigation.crime_reference")
    nrm_explained: bool
    support_explained: bool
    outcomes_explained: bool
    consent_given: bool | None
    refusal_reason: str
    identifying_consent: bool
    submitted_at: datetime | None
    version: int
    gaps: list[GapOut] = Field(description="What the decision-maker needs that is still missing")
    recovery_period: RecoveryPeriodOut | None
    decisions: list[DecisionOut]
    information_requests: list[InformationRequestOut]
    recovery_changes: list[RecoveryChangeOut]
    resolve_first_name = _identifying("first_name")
    resolve_last_name = _identifying("last_name")
    resolve_date_of_birth = _identifying("date_of_birth")
    resolve_phone = _identifying("phone")
    resolve_email = _identifying("email")

    @staticmethod
    def resolve_gaps(obj: models.Referral) -> list[Gap]:
        return referrals.referral_gaps(obj)

    @staticmethod
    def resolve_recovery_period(obj: models.Referral) -> recovery.RecoveryPeriod | None:
        return decisions.recovery_period_of(obj, child=obj.involvement.person.is_child_on(today()))


class SubmitIn(Schema):
    version: int


@router.post("/victims/{involvement_id}/referrals", response=answers(ReferralOut, 201),
             summary="Start a referral, or a duty-to-notify notice, on the route the rules demand")
def referral_start(request: HttpRequest, involvement_id: int,
                   body: ReferralStartIn) -> HttpStatus[models.Referral]:
    consent = None if body.consent is None else ConsentRecord(**body.consent.model_dump())
    return created(referrals.referral_start(user=_user(request), involvement_id=involvement_id,
                                            consent=consent, refusal_reason=body.refusal_reason,
                                            identifying_consent=body.identifying_consent))


@router.get("/victims/{involvement_id}/referrals", response=reading(list[ReferralSummaryOut]),
            summary="Referrals and notices already made about this person in your force")
def referral_earlier(request: HttpRequest, involvement_id: int) -> list[models.Referral]:
    user = _user(request)
    involvement = queries.victim_get(user=user, involvement_id=involvement_id)
    return referrals.earlier_referrals(user=user, involvement=involvement)


@router.get("/referrals/{referral_id}", response=reading(ReferralOut),
            summary="A referral or notice, what it still lacks, the recovery period (a logged consultation)")
def referral_detail(request: HttpRequest, referral_id: int) -> models.Referral:
    return queries.referral_get(user=_user(request), referral_id=referral_id)


@router.patch("/referrals/{referral_id}", response=answers(ReferralOut, versioned=True),
              summary="Write what happened into a draft")
def referral_update(request: HttpRequest, referral_id: int, body: ReferralChangeIn) -> models.Referral:
    return referrals.referral_update(user=_user(request), referral_id=referral_id, version=body.version,
                                     **body.model_dump(exclude_unset=True, exclude={"version"}))


@router.post("/referrals/{referral_id}/submission", response=answers(ReferralOut, versioned=True),
             summary="Submit to the Home Office, once nothing the decision-maker needs is missing")
def referral_submit(request: HttpRequest, referral_id: int, body: SubmitIn) -> models.Referral:
    return referrals.referral_submit(user=_user(request), referral_id=referral_id, version=body.version)


@router.get("/referrals/{referral_id}/nrm-json", response=reading(dict[str, Any]),
            summary="The referral or notice in the NRM service's JSON (a logged disclosure)")
def referral_nrm_json(request: HttpRequest, referral_id: int) -> Any:
    _, exported = referrals.referral_export_for_user(user=_user(request), referral_id=referral_id)
    return exported


# --- decisions, the recovery period and information requests --------------------------------

class AnswerIn(Schema):
    answered_on: date
    summary: str


class FurtherRecoveryIn(Schema):
    on: date
    days: int
    reason: str


class DisqualificationIn(Schema):
    on: date
    ground: recovery.DisqualificationGround
    reason: str


@router.post("/referrals/{referral_id}/decisions", response=answers(DecisionOut, 201),
             summary="Record a reasonable or conclusive grounds decision")
def decision_record(request: HttpRequest, referral_id: int,
                    body: DecisionIn) -> HttpStatus[models.Decision]:
    return created(decisions.decision_record(user=_user(request), referral_id=referral_id,
                                             **body.model_dump()))


@router.post("/referrals/{referral_id}/information-requests",
             response=answers(InformationRequestOut, 201),
             summary="Record the competent authority's request for information")
def information_request_record(request: HttpRequest, referral_id: int,
                               body: InformationRequestIn) -> HttpStatus[models.InformationRequest]:
    return created(decisions.information_request_record(user=_user(request), referral_id=referral_id,
                                                        **body.model_dump()))


@router.post("/information-requests/{request_id}/answer", response=answers(InformationRequestOut),
             summary="Record the answer sent (a logged disclosure to the competent authority)")
def information_request_answer(request: HttpRequest, request_id: int,
                               body: AnswerIn) -> models.InformationRequest:
    return decisions.information_request_answer(user=_user(request), request_id=request_id,
                                                **body.model_dump())


@router.post("/referrals/{referral_id}/further-recovery", response=answers(RecoveryChangeOut, 201),
             summary="Record a further recovery period, where the rules in force allow one")
def further_recovery_record(request: HttpRequest, referral_id: int,
                            body: FurtherRecoveryIn) -> HttpStatus[models.RecoveryChange]:
    return created(decisions.further_recovery_record(user=_user(request), referral_id=referral_id,
                                                     **body.model_dump()))


@router.post("/referrals/{referral_id}/disqualifications", response=answers(RecoveryChangeOut, 201),
             summary="Record a disqualification from protection, where the rules in force allow one")
def disqualification_record(request: HttpRequest, referral_id: int,
                            body: DisqualificationIn) -> HttpStatus[models.RecoveryChange]:
    return created(decisions.disqualification_record(user=_user(request), referral_id=referral_id,
                                                     **body.model_dump()))
