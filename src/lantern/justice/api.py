"""The API for justice: the s45 defence, the CPS path from referral to verdict, prevention and risk
orders, and disruptions. Thin, over the same services and queries as the pages, so the same rules,
access checks and audit entries apply."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus

from lantern.api.schemas import ErrorOut, answers, created, fits, reading
from lantern.cases import queries as case_queries
from lantern.cases.rules import InvolvementRole
from lantern.justice import models, queries
from lantern.justice.queries import JusticeFigures, NationalOrderRow, SuspectJustice
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType, count_disruptions
from lantern.justice.rules.orders import OrderKind, OrderState
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.rules.s45 import AgeGroup, tests_for
from lantern.justice.rules.schedule4 import SCHEDULE_4, ExcludedOffence, search
from lantern.justice.services import disruptions, orders, prosecution, s45
from lantern.justice.services.common import suspect_involvement, today
from lantern.request_user import api_caller as _user

router = Router(tags=["justice"])




def _blank_is_null(name: str) -> Any:
    """A resolver for a choice not made yet: stored blank, answered null."""
    return staticmethod(lambda obj: getattr(obj, name) or None)


# --- the s45 defence -------------------------------------------------------------------------

class S45QuestionOut(Schema):
    key: str = Field(description="The key to answer it under")
    question: str
    provision: str


class S45TestsOut(Schema):
    involvement_id: int
    age_group: AgeGroup
    age_group_label: str
    consideration_due: bool = Field(description="A victim who is also a suspect: consider the defence "
                                                "before any charging decision")
    tests: list[S45QuestionOut]


class Schedule4Out(Schema):
    code: str = Field(description="What to send as schedule4_code")
    provision: str
    name: str


class S45In(Schema):
    offence: str = Field(description="The offence the person is suspected of, in words",
                         max_length=fits(models.S45Consideration, "offence"))
    schedule4_code: str = Field("", description="If the offence is in Schedule 4 "
                                                "(GET /justice/s45/schedule-4)")
    answers: dict[str, bool | None] = Field(description="Each test's key (GET .../s45-tests), yes or no on "
                                                        "the evidence, not on what the suspect says alone")
    offence_pursued: bool
    rationale: str = Field(description="Your reasons, on the evidence: a record for the CPS")
    decided_on: date | None = Field(None, description="Today, if not given")
    act_done_on: date | None = Field(None, description="When the act was done: the person's age then "
                                                       "decides the tests (the decision date if not given)")


class S45ConsiderationOut(Schema):
    id: int
    involvement_id: int
    offence: str
    schedule4_code: str
    age_group: AgeGroup
    answers: dict[str, bool | None]
    defence_applies: bool
    offence_pursued: bool
    rationale: str
    exploiter_crime_id: int | None = Field(description="The modern slavery crime that stands against the "
                                                       "exploiter where the offence is not pursued")
    exploiter_crime_reference: str | None
    decided_by_id: int
    decided_on: date
    recorded_at: datetime

    @staticmethod
    def resolve_exploiter_crime_reference(obj: models.S45Consideration) -> str | None:
        return obj.exploiter_crime.crime_reference if obj.exploiter_crime else None


@router.get("/s45/schedule-4", response={200: list[Schedule4Out]},
            summary="Schedule 4: the offences the s45 defence does not cover (every word of q must match)")
def schedule4_list(request: HttpRequest, q: str = "") -> list[ExcludedOffence]:
    return search(q) if q.strip() else list(SCHEDULE_4)


@router.get("/suspects/{involvement_id}/s45-tests", response=reading(S45TestsOut),
            summary="The s45 tests for this suspect's age when they did the act: what to ask")
def s45_tests(request: HttpRequest, involvement_id: int, act_done_on: date | None = None) -> dict[str, Any]:
    involvement = suspect_involvement(_user(request), involvement_id)
    age_group = s45.age_group_of(involvement, act_done_on or today())
    return {"involvement_id": involvement.pk, "age_group": age_group, "age_group_label": age_group.label,
            "consideration_due": s45.is_due(involvement), "tests": tests_for(age_group)}


@router.post("/suspects/{involvement_id}/s45-considerations", response=answers(S45ConsiderationOut, 201),
             summary="Record a consideration of the s45 defence (a Schedule 4 offence is refused it)")
def s45_consider(request: HttpRequest, involvement_id: int,
                 body: S45In) -> HttpStatus[models.S45Consideration]:
    return created(s45.s45_consider(user=_user(request), involvement_id=involvement_id,
                                    **body.model_dump()))


# --- the CPS, charge, hearings and verdict ---------------------------------------------------

class CpsReferralIn(Schema):
    kind: ReferralKind
    referred_on: date
    cps_reference: str = Field("", max_length=fits(models.CpsReferral, "cps_reference"))
    modern_slavery_flagged: bool = False


class ChargingDecisionIn(Schema):
    decision: ChargeDecision
    decided_on: date
    charges: str = Field("", description="Required to charge")
    court: str = Field("", max_length=fits(models.Prosecution, "court"))
    first_hearing_on: date | None = None


class HearingIn(Schema):
    on: date
    court: str = Field(max_length=fits(models.Hearing, "court"))
    purpose: str = Field(max_length=fits(models.Hearing, "purpose"))
    outcome: str = ""


class HearingOut(HearingIn):
    id: int
    prosecution_id: int


class VerdictIn(Schema):
    version: int
    verdict: Verdict
    verdict_on: date
    non_conviction_reason: NonConvictionReason | None = Field(None, description="Required without a "
                                                                                "conviction")
    sentence: str = ""
    sentenced_on: date | None = None


class ProsecutionOut(Schema):
    id: int
    referral_id: int
    charged_on: date
    court: str
    first_hearing_on: date | None
    verdict: Verdict | None
    verdict_on: date | None
    non_conviction_reason: NonConvictionReason | None
    sentence: str
    sentenced_on: date | None
    version: int
    hearings: list[HearingOut]

    resolve_verdict = _blank_is_null("verdict")
    resolve_non_conviction_reason = _blank_is_null("non_conviction_reason")

    @staticmethod
    def resolve_hearings(obj: models.Prosecution) -> list[models.Hearing]:
        return list(obj.hearings.all())


class CpsReferralOut(Schema):
    id: int
    involvement_id: int
    kind: ReferralKind
    referred_on: date
    cps_reference: str
    modern_slavery_flagged: bool
    decision: ChargeDecision | None
    decided_on: date | None
    charges: str
    recorded_by_id: int
    prosecution: ProsecutionOut | None = Field(description="Started by a decision to charge")

    resolve_decision = _blank_is_null("decision")

    @staticmethod
    def resolve_prosecution(obj: models.CpsReferral) -> models.Prosecution | None:
        return getattr(obj, "prosecution", None)


class SuspectJusticeOut(Schema):
    involvement_id: int = Field(alias="involvement.pk")
    person_id: int = Field(alias="involvement.person_id")
    name: str
    role: InvolvementRole = Field(alias="involvement.role")
    s45_due: bool
    considerations: list[S45ConsiderationOut]
    referrals: list[CpsReferralOut]

    @staticmethod
    def resolve_name(obj: SuspectJustice) -> str:
        return str(obj.involvement.person)


@router.get("/investigations/{investigation_id}", response=reading(list[SuspectJusticeOut]),
            summary="Each suspect's s45 position and path through the CPS (a logged consultation)")
def investigation_justice(request: HttpRequest, investigation_id: int) -> list[SuspectJustice]:
    user = _user(request)
    investigation = case_queries.investigation_get(user=user, investigation_id=investigation_id)
    return queries.investigation_justice(user=user, investigation=investigation)


@router.post("/suspects/{involvement_id}/cps-referrals", response=answers(CpsReferralOut, 201),
             summary="Refer a suspect to the CPS (a logged disclosure)")
def cps_referral_record(request: HttpRequest, involvement_id: int,
                        body: CpsReferralIn) -> HttpStatus[models.CpsReferral]:
    return created(prosecution.cps_referral_record(user=_user(request), involvement_id=involvement_id,
                                                   **body.model_dump()))


@router.post("/cps-referrals/{referral_id}/decision", response=answers(CpsReferralOut),
             summary="Record the CPS's charging decision: refused until the s45 defence is considered "
                     "where it is due; a charge starts the prosecution")
def charging_decision_record(request: HttpRequest, referral_id: int,
                             body: ChargingDecisionIn) -> models.CpsReferral:
    return prosecution.charging_decision_record(user=_user(request), referral_id=referral_id,
                                                **body.model_dump())


@router.post("/prosecutions/{prosecution_id}/hearings", response=answers(HearingOut, 201),
             summary="Record a court hearing")
def hearing_record(request: HttpRequest, prosecution_id: int,
                   body: HearingIn) -> HttpStatus[models.Hearing]:
    return created(prosecution.hearing_record(user=_user(request), prosecution_id=prosecution_id,
                                              **body.model_dump()))


@router.post("/prosecutions/{prosecution_id}/verdict", response=answers(ProsecutionOut, versioned=True),
             summary="Record the verdict and sentence; no conviction needs its reason")
def verdict_record(request: HttpRequest, prosecution_id: int, body: VerdictIn) -> models.Prosecution:
    return prosecution.verdict_record(user=_user(request), prosecution_id=prosecution_id,
                                      **body.model_dump())


# --- prevention and risk orders --------------------------------------------------------------

class OrderApplyIn(Schema):
    kind: OrderKind
    applied_on: date
    managing_officer_id: int
    investigation_id: int | None = Field(None, description="Your force's investigation it arises from")
    relevant_offender: bool = Field(False, description="Convicted or cautioned for a slavery or trafficking "
                                                       "offence Lantern does not hold")


class OrderGrantIn(Schema):
    version: int
    granted_on: date
    starts_on: date
    ends_on: date | None = Field(None, description="Blank: until further order")
    review_on: date
    prohibitions: list[str] = Field(description="Each prohibition, as the order words it")
    court: str = Field("", max_length=fits(models.Order, "court"))
    notification_requirements: str = ""
    relevant_offender: bool = False


class OrderRefuseIn(Schema):
    version: int
    reason: str


class BreachIn(Schema):
    breached_on: date
    description: str


class BreachOut(BreachIn):
    id: int
    order_id: int
    crime_id: int = Field(description="The MSA 2015 s30 crime recorded for the breach")
    crime_reference: str = Field(alias="crime.crime_reference")
    recorded_by_id: int


class OrderOut(Schema):
    id: int
    subject_id: int
    subject_name: str
    investigation_id: int | None
    kind: OrderKind
    state: OrderState
    applied_on: date
    granted_on: date | None
    starts_on: date | None
    ends_on: date | None = Field(description="The last day it has effect; null: until further order")
    review_on: date | None
    court: str
    prohibitions: list[str]
    notification_requirements: str
    managing_officer_id: int
    refusal_reason: str
    version: int

    @staticmethod
    def resolve_subject_name(obj: models.Order) -> str:
        return str(obj.subject)


class OrderDetailOut(OrderOut):
    breaches: list[BreachOut]

    @staticmethod
    def resolve_breaches(obj: models.Order) -> list[models.OrderBreach]:
        return list(obj.breaches.all())


class NationalOrderOut(Schema):
    organisation: str
    kind: OrderKind
    state: OrderState
    orders: int
    breaches: int


class OrderTaskOut(Schema):
    order: OrderOut
    due: list[str]


class OrderTasksOut(Schema):
    orders: list[OrderTaskOut] = Field(description="Orders you manage with a review or end date close")
    count: int


@router.post("/people/{person_id}/orders", response=answers(OrderOut, 201),
             summary="Record an application for a prevention or risk order on a person")
def order_apply(request: HttpRequest, person_id: int, body: OrderApplyIn) -> HttpStatus[models.Order]:
    return created(orders.order_apply(user=_user(request), subject_id=person_id, **body.model_dump()))


@router.get("/orders", response={200: list[OrderOut], 403: ErrorOut},
            summary="Your force's order register (a logged consultation)")
def order_register(request: HttpRequest) -> list[models.Order]:
    return list(queries.order_register(user=_user(request)))


@router.get("/orders/national", response={200: list[NationalOrderOut], 403: ErrorOut},
            summary="Orders in every force counted by kind and state, no names: the national unit's view")
def national_orders(request: HttpRequest) -> list[NationalOrderRow]:
    return queries.national_orders(user=_user(request))


@router.get("/orders/{order_id}", response=reading(OrderDetailOut),
            summary="One order with its breaches (a logged consultation)")
def order_detail(request: HttpRequest, order_id: int) -> models.Order:
    return queries.order_get(user=_user(request), order_id=order_id)


@router.post("/orders/{order_id}/grant", response=answers(OrderOut, versioned=True),
             summary="The court made the order: its prohibitions, dates and review")
def order_grant(request: HttpRequest, order_id: int, body: OrderGrantIn) -> models.Order:
    return orders.order_grant(user=_user(request), order_id=order_id, **body.model_dump())


@router.post("/orders/{order_id}/refusal", response=answers(OrderOut, versioned=True),
             summary="The court refused the order")
def order_refuse(request: HttpRequest, order_id: int, body: OrderRefuseIn) -> models.Order:
    return orders.order_refuse(user=_user(request), order_id=order_id, **body.model_dump())


@router.post("/orders/{order_id}/breaches", response=answers(BreachOut, 201),
             summary="Record a breach: an offence (MSA 2015 s30), recorded as its own crime")
def order_breach_record(request: HttpRequest, order_id: int,
                        body: BreachIn) -> HttpStatus[models.OrderBreach]:
    return created(orders.order_breach_record(user=_user(request), order_id=order_id,
                                              **body.model_dump()))


@router.get("/tasks", response={200: OrderTasksOut},
            summary="What you must do: reviews and renewals of the orders you manage")
def tasks(request: HttpRequest) -> dict[str, Any]:
    due = orders.order_tasks(user=_user(request))
    return {"orders": due, "count": len(due)}


# --- disruptions and the force's figures -----------------------------------------------------

class DisruptionIn(Schema):
    on: date
    threat_types: list[ThreatType] = Field(description="Every threat type it hit, each once")
    tactic: Tactic
    impact: Impact
    impact_rationale: str
    description: str
    group_id: int | None = Field(None, description="The organised crime group it was against")
    investigation_id: int | None = Field(None, description="The investigation whose suspects it hit")


class DisruptionOut(Schema):
    id: int
    on: date
    threat_types: list[ThreatType]
    tactic: Tactic
    impact: Impact
    impact_rationale: str
    description: str
    group_id: int | None
    investigation_id: int | None
    recorded_by_id: int

    @staticmethod
    def resolve_threat_types(obj: models.Disruption) -> list[ThreatType]:
        hit = {t.threat_type for t in obj.threats.all()}
        return [t for t in ThreatType if t.value in hit]


class DisruptionsOut(Schema):
    total: int = Field(description="Each disruption counted once")
    by_threat: dict[ThreatType, int] = Field(description="Each disruption once under every threat type it "
                                                         "hit: their sum is not a count of disruptions")
    untyped: int = Field(description="Older records with no threat type")
    disruptions: list[DisruptionOut]


@router.post("/disruptions", response=answers(DisruptionOut, 201),
             summary="Record a disruption with every threat type it hit")
def disruption_record(request: HttpRequest, body: DisruptionIn) -> HttpStatus[models.Disruption]:
    return created(disruptions.disruption_record(user=_user(request), **body.model_dump()))


@router.get("/disruptions", response={200: DisruptionsOut, 403: ErrorOut},
            summary="Your force's disruptions, counted once each and once per threat type")
def disruption_list(request: HttpRequest) -> dict[str, Any]:
    items = list(queries.disruptions_list(user=_user(request)))
    counts = count_disruptions([ThreatType(t.threat_type) for t in d.threats.all()] for d in items)
    return {"total": counts.total, "by_threat": counts.by_threat, "untyped": counts.untyped,
            "disruptions": items}


@router.get("/figures", response={200: JusticeFigures, 403: ErrorOut},
            summary="Your force's justice figures: s45, CPS, charges, convictions and why not, orders")
def figures(request: HttpRequest) -> JusticeFigures:
    return queries.justice_figures(user=_user(request))
