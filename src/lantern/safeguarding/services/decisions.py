"""The competent authority's decisions, the recovery period, and its information requests."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.legal.services import rules_table
from lantern.safeguarding.models import Decision, InformationRequest, RecoveryChange, Referral
from lantern.safeguarding.rules.nrm import Route
from lantern.safeguarding.rules.recovery import (
    CompetentAuthority,
    DecisionResult,
    DecisionStage,
    DisqualificationGround,
    RecoveryPeriod,
    decision_problems,
    disqualification_problems,
    further_recovery_problems,
    recovery_period,
)
from lantern.safeguarding.rules.recovery import Decision as DecisionFacts
from lantern.safeguarding.services.common import SafeguardingRefused, today


def _facts(decision: Decision) -> DecisionFacts:
    return DecisionFacts(stage=DecisionStage(decision.stage), result=DecisionResult(decision.result),
                         decided_on=decision.decided_on,
                         authority=CompetentAuthority(decision.authority))


def _submitted_referral(user: User, referral_id: int) -> Referral:
    require(user, Capability.SAFEGUARD)
    referral = get_visible(user, Referral.objects.select_for_update(), Capability.SAFEGUARD,
                           pk=referral_id)
    if referral.route != Route.NRM_REFERRAL.value:
        raise SafeguardingRefused("A duty-to-notify notice gets no decisions: only NRM referrals do.")
    if referral.state != Referral.State.SUBMITTED:
        raise SafeguardingRefused(f"{referral} has not been submitted yet.")
    return referral


@transaction.atomic
def decision_record(*, user: User, referral_id: int, stage: DecisionStage, result: DecisionResult,
                    decided_on: date, authority: CompetentAuthority,
                    reconsideration: bool = False) -> Decision:
    """Record a reasonable or conclusive grounds decision, as the rules in force allow."""
    referral = _submitted_referral(user, referral_id)
    if decided_on > today():
        raise SafeguardingRefused("The decision date must be today or in the past.")
    earlier = [_facts(d) for d in referral.decisions.order_by("decided_on", "pk")]
    new = DecisionFacts(stage=stage, result=result, decided_on=decided_on, authority=authority)
    SafeguardingRefused.unless_empty(decision_problems(earlier, new, rules_table(),
                                                       reconsideration=reconsideration))
    decision = Decision.objects.create(referral=referral, stage=stage.value, result=result.value,
                                       decided_on=decided_on, authority=authority.value,
                                       reconsideration=reconsideration, recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=referral,
                 detail={"fields": ["decisions"], "stage": stage.value, "result": result.value})
    return decision


def latest_decisions(referral: Referral) -> tuple[Decision | None, Decision | None]:
    """The reasonable and conclusive grounds decisions that stand (the latest of each stage)."""
    rg = cg = None
    for decision in referral.decisions.order_by("decided_on", "pk"):
        if decision.stage == DecisionStage.REASONABLE_GROUNDS.value:
            rg = decision
        else:
            cg = decision
    return rg, cg


def recovery_period_of(referral: Referral, *, child: bool) -> RecoveryPeriod | None:
    """The victim's recovery period under the rule in force on the reasonable grounds date."""
    rg, cg = latest_decisions(referral)
    if rg is None:
        return None
    return recovery_period(_facts(rg), _facts(cg) if cg else None, rules_table(), child=child)


@transaction.atomic
def further_recovery_record(*, user: User, referral_id: int, on: date, days: int,
                            reason: str) -> RecoveryChange:
    referral = _submitted_referral(user, referral_id)
    child = referral.involvement.person.is_child_on(on)
    problems = further_recovery_problems(requested_on=on,
                                         earlier_period=recovery_period_of(referral, child=child),
                                         rules=rules_table())
    if days <= 0:
        problems.append("Give the length of the further recovery period in days.")
    if not reason.strip():
        problems.append("Say why a further recovery period was granted.")
    SafeguardingRefused.unless_empty(problems)
    change = RecoveryChange.objects.create(referral=referral, kind=RecoveryChange.Kind.FURTHER_PERIOD,
                                           on=on, days=days, reason=reason, recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=referral,
                 detail={"fields": ["recovery"], "kind": "further_period"})
    return change


@transaction.atomic
def disqualification_record(*, user: User, referral_id: int, on: date,
                            ground: DisqualificationGround, reason: str) -> RecoveryChange:
    referral = _submitted_referral(user, referral_id)
    rg, _ = latest_decisions(referral)
    SafeguardingRefused.unless_empty(disqualification_problems(
        ground=ground, decided_on=on, reasons=reason, rg=_facts(rg) if rg else None,
        rules=rules_table()))
    change = RecoveryChange.objects.create(referral=referral, kind=RecoveryChange.Kind.DISQUALIFICATION,
                                           on=on, ground=ground.value, reason=reason, recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=referral,
                 detail={"fields": ["recovery"], "kind": "disqualification", "ground": ground.value})
    return change


@transaction.atomic
def information_request_record(*, user: User, referral_id: int, received_on: date, due_on: date,
                               what_is_asked: str) -> InformationRequest:
    """The competent authority asked for information (a CPIA or decision request) by a date."""
    referral = _submitted_referral(user, referral_id)
    problems = []
    if due_on < received_on:
        problems.append("The date it is due must be on or after the date it was received.")
    if received_on > today():
        problems.append("The date received must be today or in the past.")
    if not what_is_asked.strip():
        problems.append("Say what the competent authority asked for.")
    SafeguardingRefused.unless_empty(problems)
    request = InformationRequest.objects.create(referral=referral, received_on=received_on,
                                                due_on=due_on, what_is_asked=what_is_asked,
                                                recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=referral,
                 detail={"fields": ["information_requests"]})
    return request


@transaction.atomic
def information_request_answer(*, user: User, request_id: int, answered_on: date,
                               summary: str) -> InformationRequest:
    require(user, Capability.SAFEGUARD)
    request = get_visible(user, InformationRequest.objects.select_for_update(),
                          Capability.SAFEGUARD, pk=request_id)
    if request.answered_on is not None:
        raise SafeguardingRefused("This request has already been answered.")
    if answered_on > today() or answered_on < request.received_on:
        raise SafeguardingRefused("The answer date must be between the date received and today.")
    if not summary.strip():
        raise SafeguardingRefused("Summarise what was sent.")
    request.answered_on, request.answer_summary = answered_on, summary
    request.save()
    event_record(action=Action.DISCLOSURE, actor=user, obj=request.referral,
                 recipient="Home Office competent authority",
                 justification="Answer to the competent authority's request for information",
                 detail={"request": request.pk})
    return request
