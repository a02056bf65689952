"""From police referral to the CPS to verdict and sentence, for one suspect; the Victims' Code
updates owed to the investigation's victims at charge and at verdict."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Involvement
from lantern.cases.rules import InvolvementRole
from lantern.justice.models import CpsReferral, Hearing, Prosecution, S45Consideration
from lantern.justice.rules.prosecution import (
    ChargeDecision,
    NonConvictionReason,
    ReferralKind,
    Verdict,
    decision_problems,
    prosecution_problems,
)
from lantern.justice.rules.s45 import charging_blocked_problem
from lantern.justice.services.common import JusticeRefused, suspect_involvement, today
from lantern.justice.services.s45 import is_due
from lantern.problems import version_check
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services.support import victim_update_owed


def _not_future(day: date | None, what: str) -> list[str]:
    return [f"The {what} must be today or in the past."] if day and day > today() else []


@transaction.atomic
def cps_referral_record(*, user: User, involvement_id: int, kind: ReferralKind, referred_on: date,
                        cps_reference: str = "", modern_slavery_flagged: bool = False) -> CpsReferral:
    """Refer a suspect to the CPS for early investigative advice or a charging decision."""
    involvement = suspect_involvement(user, involvement_id)
    problems = _not_future(referred_on, "date referred")
    if referred_on < involvement.investigation.recorded_on:
        problems.append("The referral cannot be before the crime was recorded.")
    JusticeRefused.unless_empty(problems)
    referral = CpsReferral.objects.create(
        involvement=involvement, kind=kind.value, referred_on=referred_on, cps_reference=cps_reference,
        modern_slavery_flagged=modern_slavery_flagged, recorded_by=user)
    event_record(action=Action.DISCLOSURE, actor=user, obj=involvement.person,
                 recipient="Crown Prosecution Service", justification=kind.label,
                 detail={"cps_referral": referral.pk})
    return referral


def _referral_for_update(user: User, referral_id: int) -> CpsReferral:
    require(user, Capability.WORK_CASES)
    return get_visible(user, CpsReferral.objects.select_for_update().select_related(
        "involvement__person", "involvement__investigation"), Capability.WORK_CASES, pk=referral_id)


def _owe_victims(user: User, involvement: Involvement, kind: UpdateKind, on: date) -> None:
    """Each victim in the investigation is owed an update (Victims' Code), on their task list."""
    victims = involvement.investigation.involvements.filter(
        role__in=[InvolvementRole.VICTIM.value, InvolvementRole.VICTIM_AND_SUSPECT.value]
    ).exclude(pk=involvement.pk)
    for victim in victims:
        victim_update_owed(user=user, involvement_id=victim.pk, kind=kind, event_on=on)


@transaction.atomic
def charging_decision_record(*, user: User, referral_id: int, decision: ChargeDecision, decided_on: date,
                             charges: str = "", court: str = "",
                             first_hearing_on: date | None = None) -> CpsReferral:
    """Record the CPS's decision. Refused until the s45 defence has been considered for a suspect
    who may be a victim. A charge starts the prosecution and owes the victims an update."""
    referral = _referral_for_update(user, referral_id)
    involvement = referral.involvement
    if referral.decision:
        raise JusticeRefused("A decision is already recorded on this referral: make a new referral "
                             "for a new decision.")
    considered = S45Consideration.objects.filter(involvement=involvement).exists()
    blocked = charging_blocked_problem(consideration_due=is_due(involvement),
                                       consideration_recorded=considered)
    charged_on = decided_on if decision is ChargeDecision.CHARGE else None
    problems = [blocked or "", *_not_future(decided_on, "date of the decision"),
                *decision_problems(referral_kind=ReferralKind(referral.kind),
                                   referred_on=referral.referred_on, decision=decision,
                                   decided_on=decided_on, charged_on=charged_on)]
    if decision is ChargeDecision.CHARGE and not charges.strip():
        problems.append("List the charges.")
    if first_hearing_on and first_hearing_on < decided_on:
        problems.append("The first hearing cannot be before the charge.")
    JusticeRefused.unless_empty(problems)
    referral.decision, referral.decided_on, referral.charges = decision.value, decided_on, charges
    referral.save()
    if decision is ChargeDecision.CHARGE:
        Prosecution.objects.create(referral=referral, charged_on=decided_on, court=court,
                                   first_hearing_on=first_hearing_on)
        _owe_victims(user, involvement, UpdateKind.SUSPECT_CHARGED, decided_on)
    else:
        _owe_victims(user, involvement, UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER, decided_on)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["charging_decision"], "decision": decision.value})
    return referral


@transaction.atomic
def hearing_record(*, user: User, prosecution_id: int, on: date, court: str, purpose: str,
                   outcome: str = "") -> Hearing:
    require(user, Capability.WORK_CASES)
    prosecution = get_visible(user, Prosecution.objects.select_for_update().select_related(
        "referral__involvement__person"), Capability.WORK_CASES, pk=prosecution_id)
    problems = []
    if on < prosecution.charged_on:
        problems.append("A hearing cannot be before the charge.")
    if not court.strip() or not purpose.strip():
        problems.append("Give the court and what the hearing was for.")
    JusticeRefused.unless_empty(problems)
    hearing = Hearing.objects.create(prosecution=prosecution, on=on, court=court, purpose=purpose,
                                     outcome=outcome)
    if prosecution.first_hearing_on is None or on < prosecution.first_hearing_on:
        prosecution.first_hearing_on = on
        prosecution.save(update_fields=["first_hearing_on"])
    event_record(action=Action.ALTERATION, actor=user, obj=prosecution.referral.involvement.person,
                 detail={"fields": ["hearing"], "hearing": hearing.pk})
    return hearing


@transaction.atomic
def verdict_record(*, user: User, prosecution_id: int, version: int, verdict: Verdict, verdict_on: date,
                   non_conviction_reason: NonConvictionReason | None = None, sentence: str = "",
                   sentenced_on: date | None = None) -> Prosecution:
    """Record the verdict (and sentence). No conviction needs its reason (seed 002 §12.31).
    The victims are owed the outcome within the Code's deadline."""
    require(user, Capability.WORK_CASES)
    prosecution = get_visible(user, Prosecution.objects.select_for_update().select_related(
        "referral__involvement__investigation"), Capability.WORK_CASES, pk=prosecution_id)
    version_check(prosecution, version, "This prosecution")
    problems = [*_not_future(verdict_on, "verdict date"), *prosecution_problems(
        referred_on=prosecution.referral.referred_on, charged_on=prosecution.charged_on,
        first_hearing_on=prosecution.first_hearing_on, verdict_on=verdict_on, verdict=verdict,
        non_conviction_reason=non_conviction_reason, sentence=sentence or None)]
    if sentenced_on and sentenced_on < verdict_on:
        problems.append("The sentence cannot be before the verdict.")
    JusticeRefused.unless_empty(problems)
    prosecution.verdict, prosecution.verdict_on = verdict.value, verdict_on
    prosecution.non_conviction_reason = non_conviction_reason.value if non_conviction_reason else ""
    prosecution.sentence, prosecution.sentenced_on = sentence, sentenced_on
    prosecution.save()
    involvement = prosecution.referral.involvement
    _owe_victims(user, involvement, UpdateKind.CASE_OUTCOME_AND_SENTENCE, sentenced_on or verdict_on)
    event_record(action=Action.ALTERATION, actor=user, obj=involvement.person,
                 detail={"fields": ["verdict"], "verdict": verdict.value})
    return prosecution
