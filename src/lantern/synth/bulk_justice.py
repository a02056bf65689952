"""The justice room's part of the bulk writer: groups, s45, the CPS and courts, orders, disruptions.

The rows ``write_justice.prosecute`` makes through the justice services and ``cases.groups``:

- an ``OrganisedCrimeGroup`` for each founding case (its national reference from
  ``cases.rules.group_reference``, numbered after the force's groups already in the database),
  and for every case with a group a ``GroupInvestigation`` and a ``GroupMembership`` per planned
  member. A case linking to a group founded in an earlier batch finds it by name, one query per
  batch, as the services writer's ``OrganisedCrimeGroup.objects.get(name=...)`` does;
- for allocated cases only: each ``S45Consideration`` (the tests for the person's age on the day,
  ``justice.rules.s45``; where the defence applies the offence is not pursued and the case itself
  is the modern slavery crime against the exploiter); the ``CpsReferral`` of the first suspect,
  its charging decision unless the services writer holds it back (``BuiltCase.held``), the
  ``Prosecution`` with its first ``Hearing``, verdict and sentence, and the victims' Victims' Code
  updates at charge (or no charge) and at verdict, owed and given as the services do; the
  ``Order`` applied for (a prevention order only after a conviction that was not held back),
  granted with its end (``justice.rules.orders.earliest_end``) and review date; the
  ``Disruption`` with a ``DisruptionThreat`` per threat type.

Every check the services make on these records is made here with the same rules functions; a
plan that would be refused stops the batch (``BulkPlanMismatch``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import Count

from lantern.cases.models import GroupInvestigation, GroupMembership, OrganisedCrimeGroup
from lantern.cases.rules import ExploitationType, GroupRole, group_reference
from lantern.justice.models import (
    CpsReferral,
    Disruption,
    DisruptionThreat,
    Hearing,
    Order,
    Prosecution,
    S45Consideration,
)
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType, disruption_problems
from lantern.justice.rules.orders import OrderKind, OrderState, earliest_end, order_problems
from lantern.justice.rules.prosecution import (
    ChargeDecision,
    NonConvictionReason,
    ReferralKind,
    Verdict,
    decision_problems,
    prosecution_problems,
)
from lantern.justice.rules.s45 import (
    S45Assessment,
    assessment_problems,
    charging_blocked_problem,
    defence_applies,
    exploiter_crime_problem,
    tests_for,
)
from lantern.justice.services.s45 import _MODERN_SLAVERY_OFFENCES, age_group_of, is_due
from lantern.safeguarding.models import VictimUpdate
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.synth.bulk_cases import BuiltCase, BuiltPerson, Insert, refuse_unless_empty
from lantern.synth.bulk_safeguarding import give_owed, owe
from lantern.synth.fast_model import make
from lantern.synth.write_cases import at

DATED: tuple[tuple[type[models.Model], str], ...] = (
    (OrganisedCrimeGroup, "created_at"), (GroupInvestigation, "linked_at"), (GroupMembership, "added_at"),
    (S45Consideration, "recorded_at"))
"""The fields here that would stamp now on insert, for ``bulk._dated``."""

GROUP_DESCRIPTION = "A synthetic organised crime group working across two forces."
S45_RATIONALE = "Considered on the evidence of their account and the exploitation found."
CHARGES = "Holding a person in slavery or servitude, or requiring forced labour (MSA 2015 s1)"
PROHIBITIONS = ["Not to recruit, transport, house or employ any worker"]
IMPACT_RATIONALE = "Activity stopped for a time; the network carried on."
DISRUPTION_DESCRIPTION = "Arrests at the premises; victims offered support."


def _not_future(day: date, today: date, what: str) -> str:
    return f"The {what} must be today or in the past." if day > today else ""


# Groups ----------------------------------------------------------------------------------------
def groups(cases: Sequence[BuiltCase], insert: Insert) -> tuple[dict[str, int], dict[str, int]]:
    """Founded groups, investigation links and memberships; the group of each case, and counts."""
    planned = [case for case in cases if case.plan.group is not None]
    founders = [case for case in planned if case.plan.group and case.plan.group.founding]
    wanted = {case.plan.group.name for case in planned if case.plan.group and not case.plan.group.founding}
    known: dict[str, list[int]] = {}
    for name, pk in OrganisedCrimeGroup.objects.filter(name__in=wanted).values_list("name", "pk"):
        known.setdefault(name, []).append(pk)
    organisations = {case.staff.investigator.organisation_id for case in founders}
    numbers = dict(OrganisedCrimeGroup.objects.filter(organisation_id__in=organisations)
                   .values("organisation_id").annotate(n=Count("pk")).values_list("organisation_id", "n"))
    founded: list[tuple[BuiltCase, OrganisedCrimeGroup]] = []
    for case in founders:
        plan, user = case.plan, case.staff.investigator
        name = plan.group.name.strip() if plan.group else ""
        refuse_unless_empty(plan, ["" if name else "Give the group's name."])
        numbers[user.organisation_id] = number = numbers.get(user.organisation_id, 0) + 1
        founded.append((case, make(OrganisedCrimeGroup,
            organisation_id=user.organisation_id, reference=group_reference(user.organisation.code, number),
            name=name, description=GROUP_DESCRIPTION, lead_officer_id=user.pk,
            created_at=at(plan.allocated_on or plan.recorded_on, 11))))
    insert(OrganisedCrimeGroup, [group for _, group in founded])

    group_of: dict[str, int] = {}
    founded_by = {case.plan.crime_reference: group for case, group in founded}
    links: list[GroupInvestigation] = []
    members: list[GroupMembership] = []
    for case in planned:
        plan, user = case.plan, case.staff.investigator
        if plan.group is None:
            continue
        if plan.group.founding:
            group_pk = founded_by[plan.crime_reference].pk
            known.setdefault(plan.group.name, []).append(group_pk)  # found by later cases in the batch
        else:
            matches = known.get(plan.group.name, [])
            refuse_unless_empty(plan, ["" if len(matches) == 1 else f"{len(matches)} organised crime "
                                       f"groups are named {plan.group.name!r}."])
            group_pk = matches[0]
        group_of[plan.crime_reference] = group_pk
        day = plan.allocated_on or plan.recorded_on
        links.append(make(GroupInvestigation, group_id=group_pk, investigation_id=case.investigation.pk,
                                        linked_by_id=user.pk, linked_at=at(day, 12)))
        members += [make(GroupMembership, group_id=group_pk, person_id=person.person.pk,
                                    role=GroupRole(person.plan.group_role).value, added_by_id=user.pk,
                                    added_at=at(day, 12))
                    for person in case.people if person.plan.group_role]
    insert(GroupInvestigation, links)
    insert(GroupMembership, members)
    return group_of, {"groups": len(founded), "group_links": len(links), "group_members": len(members)}


# s45 -------------------------------------------------------------------------------------------
def _s45(case: BuiltCase, today: date) -> list[S45Consideration]:
    plan, rows = case.plan, []
    for person in case.people:
        day, applies = person.plan.s45_on, person.plan.s45_applies
        if day is None:
            continue
        age_group = age_group_of(person.involvement, day)
        answers: dict[str, bool | None] = {test.key: applies for test in tests_for(age_group)}
        assessment = S45Assessment(age_group=age_group, answers=answers, offence_excluded=None)
        found = defence_applies(assessment)
        pursued = not applies
        exploiter_crime = None
        if found and not pursued:
            refuse_unless_empty(plan, ["" if _MODERN_SLAVERY_OFFENCES & set(plan.offences) else
                                       "The case records no modern slavery crime against the exploiter."])
            exploiter_crime = case.investigation.pk
        refuse_unless_empty(plan, [
            "" if person.plan.role.is_suspect else f"{person.person} is not a suspect.",
            _not_future(day, today, "date of the decision"), *assessment_problems(assessment),
            exploiter_crime_problem(defence_applies=found, offence_pursued=pursued,
                                    exploiter_crime_recorded=exploiter_crime is not None)])
        rows.append(make(S45Consideration,
            involvement_id=person.involvement.pk,
            offence="Being concerned in the supply of a controlled drug"
            if any(t.is_criminal for t in plan.exploitation_types) else "Working illegally",
            age_group=age_group.value, answers=dict(assessment.answers), defence_applies=found,
            offence_pursued=pursued, rationale=S45_RATIONALE, exploiter_crime_id=exploiter_crime,
            decided_by_id=case.staff.investigator.pk, decided_on=day, recorded_at=at(day, 15)))
    return rows


# The CPS and the courts ------------------------------------------------------------------------
@dataclass
class _Court:
    referrals: list[CpsReferral] = field(default_factory=list)
    trials: list[tuple[CpsReferral, Prosecution]] = field(default_factory=list)
    updates: list[VictimUpdate] = field(default_factory=list)
    convicted: set[int] = field(default_factory=set)  # the persons with a conviction, for orders


def _victims_told(case: BuiltCase, suspect: BuiltPerson, kind: UpdateKind, event_on: date, on: date,
                  how: str, today: date, court: _Court) -> None:
    """Each victim but the suspect owed an update (``prosecution._owe_victims``), then given it."""
    owed = [owe(case, victim, kind, event_on, today) for victim in case.victims
            if victim.involvement.pk != suspect.involvement.pk]
    give_owed(case, owed, on, how, today)
    court.updates += owed


def _court(case: BuiltCase, considered: set[int], today: date, court: _Court) -> None:
    """Every suspect referred to the CPS on the same file; each decided, charged and tried in turn."""
    plan = case.plan
    if not case.suspects or plan.cps_referred_on is None:
        return
    refuse_unless_empty(plan, [_not_future(plan.cps_referred_on, today, "date referred"),
                               "The referral cannot be before the crime was recorded."
                               if plan.cps_referred_on < plan.recorded_on else ""])
    referrals = []
    for suspect in case.suspects:
        referral = make(CpsReferral,
            involvement_id=suspect.involvement.pk, kind=ReferralKind.CHARGING_DECISION.value,
            referred_on=plan.cps_referred_on, cps_reference=f"CPS-{plan.crime_reference}",
            modern_slavery_flagged=True, recorded_by_id=case.staff.investigator.pk)
        court.referrals.append(referral)
        referrals.append(referral)
    if plan.cps_decided_on is None or case.held:
        return
    for suspect, referral in zip(case.suspects, referrals, strict=True):
        _decide_and_try(case, suspect, referral, (plan.cps_referred_on, plan.cps_decided_on), considered,
                        today, court)


def _decide_and_try(case: BuiltCase, suspect: BuiltPerson, referral: CpsReferral, days: tuple[date, date],
                    considered: set[int], today: date, court: _Court) -> None:
    """One suspect's charging decision and, if charged, trial: as ``write_justice._court`` records them."""
    plan, involvement = case.plan, suspect.involvement
    (referred_on, decided), charged = days, plan.charged_on is not None
    decision = ChargeDecision.CHARGE if charged else ChargeDecision.NO_FURTHER_ACTION
    refuse_unless_empty(plan, [
        charging_blocked_problem(consideration_due=is_due(involvement),
                                 consideration_recorded=involvement.pk in considered),
        _not_future(decided, today, "date of the decision"),
        *decision_problems(referral_kind=ReferralKind.CHARGING_DECISION, referred_on=referred_on,
                           decision=decision, decided_on=decided, charged_on=decided if charged else None)])
    referral.decision, referral.decided_on = decision.value, decided
    referral.charges = CHARGES if charged else ""
    told = UpdateKind.SUSPECT_CHARGED if charged else UpdateKind.CPS_DECISION_NOT_TO_CHARGE_OR_ALTER
    _victims_told(case, suspect, told, decided, decided + timedelta(days=2), "Phone call", today, court)
    if not charged:
        return
    trial = make(Prosecution, charged_on=decided, court="Crown Court", first_hearing_on=decided)
    court.trials.append((referral, trial))
    if not suspect.plan.verdict or plan.verdict_on is None:
        return
    verdict, verdict_on = Verdict(suspect.plan.verdict), plan.verdict_on
    reason = None if verdict.is_conviction else NonConvictionReason.VICTIM_RETRACTION
    sentence = "Imprisonment" if verdict.is_conviction else ""
    sentenced_on = verdict_on if verdict.is_conviction else None
    refuse_unless_empty(plan, [_not_future(verdict_on, today, "verdict date"), *prosecution_problems(
        referred_on=referred_on, charged_on=decided, first_hearing_on=decided, verdict_on=verdict_on,
        verdict=verdict, non_conviction_reason=reason, sentence=sentence or None)])
    trial.verdict, trial.verdict_on = verdict.value, verdict_on
    trial.non_conviction_reason = reason.value if reason else ""
    trial.sentence, trial.sentenced_on = sentence, sentenced_on
    trial.version = 2  # the verdict is an edit of the prosecution (``version_check``)
    if verdict.is_conviction:
        court.convicted.add(suspect.person.pk)
    _victims_told(case, suspect, UpdateKind.CASE_OUTCOME_AND_SENTENCE, sentenced_on or verdict_on,
                  verdict_on + timedelta(days=2), "In person", today, court)


# Orders and disruptions ------------------------------------------------------------------------
def _order(case: BuiltCase, convicted: set[int], today: date) -> Order | None:
    plan, subject, user = case.plan, case.suspect, case.staff.investigator
    if subject is None or not plan.order_kind or plan.order_applied_on is None:
        return None
    kind = OrderKind(plan.order_kind)
    if kind.needs_relevant_offender and case.held:  # the conviction it follows was held back
        return None
    has_conviction = subject.person.pk in convicted
    refuse_unless_empty(plan, [*order_problems(
        kind=kind, applied_on=plan.order_applied_on, granted_on=None, starts_on=None, ends_on=None,
        review_on=None, prohibitions=(), has_conviction=has_conviction),
        _not_future(plan.order_applied_on, today, "application date")])
    order = make(Order, organisation_id=user.organisation_id, subject_id=subject.person.pk,
                  investigation_id=case.investigation.pk, kind=kind.value, state=OrderState.APPLIED.value,
                  applied_on=plan.order_applied_on, managing_officer_id=user.pk)
    day = plan.order_granted_on
    if day is None:
        return order
    ends_on, review_on = earliest_end(kind, day), day + timedelta(days=180)
    refuse_unless_empty(plan, [*order_problems(
        kind=kind, applied_on=plan.order_applied_on, granted_on=day, starts_on=day, ends_on=ends_on,
        review_on=review_on, prohibitions=PROHIBITIONS, has_conviction=has_conviction),
        _not_future(day, today, "date the court made the order")])
    order.state, order.granted_on, order.starts_on = OrderState.GRANTED.value, day, day
    order.ends_on, order.review_on = ends_on, review_on
    order.prohibitions, order.court = list(PROHIBITIONS), "Crown Court"
    order.version = 2  # the grant is an edit of the application (``version_check``)
    return order


def _disruption(case: BuiltCase, group_id: int | None,
                today: date) -> tuple[Disruption, list[ThreatType]] | None:
    plan = case.plan
    if plan.disruption_on is None:
        return None
    threats = [ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING]
    if ExploitationType.CRIMINAL_COUNTY_LINES in plan.exploitation_types:
        threats.append(ThreatType.DRUGS_SUPPLY_COUNTY_LINES)
    refuse_unless_empty(plan, [*disruption_problems(
        threat_types=threats, tactic=Tactic.ARREST, target_ocg=group_id is not None,
        target_investigation=True, impact=Impact.MODERATE, description=DISRUPTION_DESCRIPTION),
        _not_future(plan.disruption_on, today, "date of the disruption")])
    user = case.staff.investigator
    return make(Disruption, organisation_id=user.organisation_id, on=plan.disruption_on,
                tactic=Tactic.ARREST.value,
                      group_id=group_id, investigation_id=case.investigation.pk, impact=Impact.MODERATE.value,
                      impact_rationale=IMPACT_RATIONALE, description=DISRUPTION_DESCRIPTION,
                      recorded_by_id=user.pk), threats


def justice(cases: Sequence[BuiltCase], today: date, insert: Insert) -> dict[str, int]:
    """Everything ``write_justice.prosecute`` writes for the batch's cases, in the services' order."""
    group_of, counts = groups(cases, insert)
    allocated = [case for case in cases if case.plan.allocated_on is not None]
    considerations = [row for case in allocated for row in _s45(case, today)]
    insert(S45Consideration, considerations)
    considered = {row.involvement_id for row in considerations}
    court = _Court()
    for case in allocated:
        _court(case, considered, today, court)
    insert(CpsReferral, court.referrals)
    for referral, trial in court.trials:
        trial.referral_id = referral.pk
    insert(Prosecution, [trial for _, trial in court.trials])
    insert(Hearing, [make(Hearing, prosecution_id=trial.pk, on=trial.charged_on, court="Magistrates' Court",
                             purpose="First appearance", outcome="Sent to the Crown Court.")
                     for _, trial in court.trials])
    insert(VictimUpdate, court.updates)
    orders = [order for case in allocated if (order := _order(case, court.convicted, today)) is not None]
    insert(Order, orders)
    disruptions = [made for case in allocated
                   if (made := _disruption(case, group_of.get(case.plan.crime_reference), today)) is not None]
    insert(Disruption, [disruption for disruption, _ in disruptions])
    threats = [make(DisruptionThreat, disruption_id=disruption.pk, threat_type=t.value)
               for disruption, types in disruptions for t in dict.fromkeys(types)]
    insert(DisruptionThreat, threats)
    return {**counts, "s45_considerations": len(considerations), "cps_referrals": len(court.referrals),
            "charging_decisions": sum(1 for r in court.referrals if r.decision),
            "prosecutions": len(court.trials), "hearings": len(court.trials),
            "verdicts": sum(1 for _, trial in court.trials if trial.verdict),
            "court_updates": len(court.updates),
            "orders": len(orders), "orders_granted": sum(1 for o in orders if o.granted_on),
            "disruptions": len(disruptions), "disruption_threats": len(threats)}
