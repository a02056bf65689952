"""The justice room's part of the services writer: s45, the CPS and courts, orders, disruptions,
and the organised crime groups two forces share."""

from __future__ import annotations

from datetime import timedelta

from lantern.cases import groups
from lantern.cases.models import GroupInvestigation, GroupMembership, Involvement, OrganisedCrimeGroup
from lantern.cases.rules import ExploitationType, GroupRole, Status
from lantern.justice.models import Prosecution, S45Consideration
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType
from lantern.justice.rules.orders import OrderKind, earliest_end
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.rules.s45 import tests_for
from lantern.justice.services import disruptions, orders, prosecution, s45
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.synth.plan import PersonPlan
from lantern.synth.write_cases import Context, Written, at, backdate, move
from lantern.synth.write_safeguarding import code_covers, give_owed


def _s45(ctx: Context, written: Written) -> None:
    for person, involvement in written.involvements:
        if person.s45_on is None:
            continue
        day, applies = person.s45_on, person.s45_applies
        fresh = Involvement.objects.select_related("person").get(pk=involvement.pk)  # its true date of birth
        tests = tests_for(s45.age_group_of(fresh, day))
        consideration = s45.s45_consider(
            user=written.staff.investigator, involvement_id=involvement.pk,
            offence="Being concerned in the supply of a controlled drug"
            if any(t.is_criminal for t in written.plan.exploitation_types) else "Working illegally",
            answers={test.key: applies for test in tests}, offence_pursued=not applies,
            rationale="Considered on the evidence of their account and the exploitation found.",
            decided_on=day, act_done_on=day)
        backdate(S45Consideration, consideration.pk, recorded_at=at(day, 15))


def _group(ctx: Context, written: Written) -> OrganisedCrimeGroup | None:
    plan, user = written.plan, written.staff.investigator
    if plan.group is None:
        return None
    day = plan.allocated_on or plan.recorded_on
    if plan.group.founding:
        group = groups.group_record(
            user=user, name=plan.group.name,
            description="A synthetic organised crime group working across two forces.")
        backdate(OrganisedCrimeGroup, group.pk, created_at=at(day, 11))
        ctx.summary.groups += 1
    else:
        group = OrganisedCrimeGroup.objects.get(name=plan.group.name)
    link = groups.group_link_investigation(user=user, investigation_id=written.investigation.pk,
                                           reference=group.reference)
    backdate(GroupInvestigation, link.pk, linked_at=at(day, 12))
    for person, involvement in written.involvements:
        if person.group_role:
            membership = groups.group_member_add(user=user, group_id=group.pk,
                                                 person_id=involvement.person_id,
                                                 role=GroupRole(person.group_role))
            backdate(GroupMembership, membership.pk, added_at=at(day, 12))
    return group


def _court(ctx: Context, written: Written) -> None:
    """Every suspect referred to the CPS on one file; each decided, charged and tried in turn."""
    plan, user = written.plan, written.staff.investigator
    suspects = [(person, inv) for person, inv in written.involvements if person.role.value == "suspect"]
    if not suspects or plan.cps_referred_on is None:
        return
    referrals = [prosecution.cps_referral_record(
        user=user, involvement_id=involvement.pk, kind=ReferralKind.CHARGING_DECISION,
        referred_on=plan.cps_referred_on, cps_reference=f"CPS-{plan.crime_reference}",
        modern_slavery_flagged=True) for _, involvement in suspects]
    move(user, written.investigation.pk, Status.WITH_JUSTICE, plan.cps_referred_on)
    if plan.cps_decided_on is None:
        return
    charged = plan.charged_on is not None
    told = UpdateKind.SUSPECT_CHARGED if charged else UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER
    if not code_covers(told, plan.cps_decided_on):
        # The decision owes the victims an update the services cannot date before the 2015 Code.
        written.held = True
        ctx.summary.held_back += 1
        return
    for (person, _), referral in zip(suspects, referrals, strict=True):
        _decide_and_try(ctx, written, person, referral.pk)


def _decide_and_try(ctx: Context, written: Written, person: PersonPlan, referral_id: int) -> None:
    plan, user = written.plan, written.staff.investigator
    day, charged = plan.cps_decided_on, plan.charged_on is not None
    if day is None:
        return
    told = UpdateKind.SUSPECT_CHARGED if charged else UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER
    prosecution.charging_decision_record(
        user=user, referral_id=referral_id, decided_on=day,
        decision=ChargeDecision.CHARGE if charged else ChargeDecision.NO_FURTHER_ACTION,
        charges="Holding a person in slavery or servitude, or requiring forced labour (MSA 2015 s1)"
        if charged else "", court="Crown Court" if charged else "",
        first_hearing_on=day if charged else None)
    give_owed(ctx, written, told, day + timedelta(days=2), "Phone call")
    if not charged:
        return
    ctx.summary.prosecutions += 1
    trial = Prosecution.objects.get(referral_id=referral_id)
    prosecution.hearing_record(user=user, prosecution_id=trial.pk, on=day, court="Magistrates' Court",
                               purpose="First appearance", outcome="Sent to the Crown Court.")
    if not person.verdict or plan.verdict_on is None:
        return
    verdict = Verdict(person.verdict)
    prosecution.verdict_record(
        user=user, prosecution_id=trial.pk, version=Prosecution.objects.get(pk=trial.pk).version,
        verdict=verdict, verdict_on=plan.verdict_on,
        non_conviction_reason=None if verdict.is_conviction else NonConvictionReason.VICTIM_RETRACTION,
        sentence="Imprisonment" if verdict.is_conviction else "",
        sentenced_on=plan.verdict_on if verdict.is_conviction else None)
    give_owed(ctx, written, UpdateKind.CASE_OUTCOME_AND_SENTENCE, plan.verdict_on + timedelta(days=2),
              "In person")


def _order(ctx: Context, written: Written) -> None:
    plan, user = written.plan, written.staff.investigator
    subject = next((inv for person, inv in written.involvements if person.role.value == "suspect"), None)
    if subject is None or not plan.order_kind or plan.order_applied_on is None:
        return
    kind = OrderKind(plan.order_kind)
    if kind.needs_relevant_offender and written.held:  # the conviction it follows was held back
        return
    order = orders.order_apply(user=user, subject_id=subject.person_id, kind=kind,
                               applied_on=plan.order_applied_on, managing_officer_id=user.pk,
                               investigation_id=written.investigation.pk)
    ctx.summary.orders += 1
    if plan.order_granted_on is None:
        return
    day = plan.order_granted_on
    orders.order_grant(user=user, order_id=order.pk, version=order.version, granted_on=day, starts_on=day,
                       ends_on=earliest_end(kind, day), review_on=day + timedelta(days=180),
                       court="Crown Court",
                       prohibitions=["Not to recruit, transport, house or employ any worker"])


def _disrupt(ctx: Context, written: Written, group: OrganisedCrimeGroup | None) -> None:
    plan = written.plan
    if plan.disruption_on is None:
        return
    threats = [ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING]
    if ExploitationType.CRIMINAL_COUNTY_LINES in plan.exploitation_types:
        threats.append(ThreatType.DRUGS_SUPPLY_COUNTY_LINES)
    disruptions.disruption_record(
        user=written.staff.investigator, on=plan.disruption_on, threat_types=threats, tactic=Tactic.ARREST,
        impact=Impact.MODERATE, impact_rationale="Activity stopped for a time; the network carried on.",
        description="Arrests at the premises; victims offered support.",
        group_id=None if group is None else group.pk, investigation_id=written.investigation.pk)
    ctx.summary.disruptions += 1


def prosecute(ctx: Context, written: Written) -> None:
    """What follows for the suspects: s45, the group, the CPS and courts, orders, disruptions."""
    group = _group(ctx, written)  # even before allocation: the second force links to it by reference
    if written.plan.allocated_on is None:
        return
    _s45(ctx, written)
    _court(ctx, written)
    _order(ctx, written)
    _disrupt(ctx, written, group)
