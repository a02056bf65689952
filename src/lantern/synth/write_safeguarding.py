"""The safeguarding room's part of the services writer: safety, support, the NRM and decisions."""

from __future__ import annotations

from datetime import date, timedelta

from lantern.accounts.models import Organisation
from lantern.cases.models import Involvement
from lantern.safeguarding.models import (
    Contact,
    Decision,
    Referral,
    SupportAssignment,
    VictimUpdate,
)
from lantern.safeguarding.rules.nrm import ConsentRecord
from lantern.safeguarding.rules.recovery import CompetentAuthority, DecisionResult, DecisionStage
from lantern.safeguarding.rules.victims_code import NoDeadlineInForce, UpdateKind, deadline_in_force
from lantern.safeguarding.services import decisions, referrals, support
from lantern.synth.plan import PersonPlan
from lantern.synth.write_cases import Context, Written, at, backdate

_WHAT_HAPPENED = "Made to work for little or no pay; movement, money and documents controlled by others."
_CONTENT = {
    "how_exploitation_started": "Offered work and somewhere to live, then told a debt was owed.",
    "living_conditions": "Shared, overcrowded accommodation provided by the people controlling the work.",
    "treatment": "Threatened, watched and kept short of money.",
    "still_in_exploitative_situation": False,
    "immigration_status": "Not known",
}


def _capped(ctx: Context, day: date, days: int) -> date:
    return min(day + timedelta(days=days), ctx.today)


def code_covers(kind: UpdateKind, day: date) -> bool:
    """Whether the Victims' Code deadline table has a row for this update on this day.

    The table starts with the 2015 Code (16 November 2015), so the services cannot owe an update
    earlier: the writer leaves out what would owe one before then (see ``write_justice``).
    """
    try:
        deadline_in_force(kind, day)
    except NoDeadlineInForce:
        return False
    return True


def give_owed(ctx: Context, written: Written, kind: UpdateKind, on: date, how: str) -> None:
    """The Victims' Code updates of this kind a service made owed in the case, given."""
    owed = VictimUpdate.objects.filter(involvement__investigation=written.investigation, kind=kind.value,
                                       given_on__isnull=True).order_by("pk")
    for update in owed:
        support.victim_update_given(user=written.staff.investigator, update_id=update.pk,
                                    given_on=max(update.event_on, _capped(ctx, on, 0)), how=how)


def _first_responder(ctx: Context, code: str) -> Organisation | None:
    """Another first responder whose referral the force recorded (None: the force's own)."""
    if not code:
        return None
    known = ctx.extra.setdefault("first_responders", {})
    if code not in known:
        known[code] = Organisation.objects.get(code=code)
    organisation: Organisation = known[code]
    return organisation


def _refer(ctx: Context, written: Written, person: PersonPlan, involvement: Involvement) -> None:
    victim, user = person.victim, written.staff.investigator
    if victim is None or victim.referred_on is None:
        return
    consent = None if victim.consent is None else ConsentRecord(True, True, True, victim.consent)
    referral = referrals.referral_start(
        user=user, involvement_id=involvement.pk, consent=consent,
        refusal_reason=("" if victim.consent is not False
                        else "Did not want to be referred; afraid of reprisals."),
        # The plan's child or adult is the person's age when the case was recorded.
        made_on=written.plan.recorded_on, first_responder=_first_responder(ctx, written.plan.first_responder))
    content: dict[str, object] = {"what_happened": _WHAT_HAPPENED}
    if not referral.gender:
        content["gender"] = person.truth.gender  # told to the officer when asked for the referral
    if not referral.nationality:
        content["nationality"] = person.truth.nationality
    if referral.route == "nrm_referral":
        content.update(_CONTENT, exploitation_start=written.plan.recorded_on - timedelta(days=120),
                       exploitation_end=written.plan.recorded_on, current_city="Not disclosed (safe house)",
                       uk_cities=[])
        if victim.consent is None:  # a child, or someone whose age is not sure: the local authority leads
            content.update(local_authority_name="Local authority children's services",
                           local_authority_phone="01632 960000")
    referral = referrals.referral_update(user=user, referral_id=referral.pk, version=referral.version,
                                         **content)
    referral = referrals.referral_submit(user=user, referral_id=referral.pk, version=referral.version)
    backdate(Referral, referral.pk, created_at=at(victim.referred_on, 13),
             submitted_at=at(victim.referred_on, 16))
    if referral.route == "nrm_referral":
        ctx.summary.referrals += 1
    else:
        ctx.summary.notices += 1
    for stage, decided in ((DecisionStage.REASONABLE_GROUNDS, victim.rg),
                           (DecisionStage.CONCLUSIVE_GROUNDS, victim.cg)):
        if decided is None:
            continue
        day, positive = decided
        made = decisions.decision_record(
            user=user, referral_id=referral.pk, stage=stage, decided_on=day, authority=CompetentAuthority.SCA,
            result=DecisionResult.POSITIVE if positive else DecisionResult.NEGATIVE)
        backdate(Decision, made.pk, recorded_at=at(_capped(ctx, day, 1), 11))
        ctx.summary.decisions += 1


def _support(ctx: Context, written: Written, person: PersonPlan, involvement: Involvement) -> None:
    victim, user, on = person.victim, written.staff.investigator, written.plan.recorded_on
    if victim is None:
        return
    if victim.safe_place:
        support.safety_arrangement_record(user=user, involvement_id=involvement.pk, place=victim.safe_place,
                                          arranged_at=at(on, 12))
    if code_covers(UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, on):
        update = support.victim_update_owed(user=user, involvement_id=involvement.pk,
                                            kind=UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, event_on=on)
        how = "In person, with an interpreter" if victim.interpreter else "In person"
        support.victim_update_given(user=user, update_id=update.pk, given_on=_capped(ctx, on, 1), how=how)
    if victim.interpreter:
        support.interpreter_need_set(user=user, involvement_id=involvement.pk, language=victim.interpreter)
    if victim.vlo_on:
        support.support_assign(user=user, involvement_id=involvement.pk, kind=SupportAssignment.Kind.VLO,
                               name=f"Victim liaison officer ({written.plan.force})",
                               assigned_on=victim.vlo_on)
    if victim.ictg_on:
        support.support_assign(user=user, involvement_id=involvement.pk, kind=SupportAssignment.Kind.ICTG,
                               name="Independent child trafficking guardian", assigned_on=victim.ictg_on)
    if victim.contact_on:
        support.contact_record(user=user, involvement_id=involvement.pk, at=at(victim.contact_on, 11),
                               method=Contact.Method.PHONE, summary="Checked on their safety and support.",
                               interpreter_used=bool(victim.interpreter))


def safeguard(ctx: Context, written: Written) -> None:
    """Each victim: the referral or notice first, then support."""
    for person, involvement in written.involvements:
        if person.victim is None:
            continue
        if person.victim.route:
            _refer(ctx, written, person, involvement)
        _support(ctx, written, person, involvement)
