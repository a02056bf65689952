"""The demo's justice steps, on top of the safeguarding ones: the whole set the justice stories use.

The s45 defence considered for a suspect who may be a victim, referrals to the CPS and their
decisions, hearings and verdicts, prevention and risk orders from application to breach,
disruptions, and organised crime groups shared between forces: each through the justice services
(and ``lantern.cases.groups``), then dated back as in ``casework_steps`` where a service stamps
today. The Victims' Code updates that a charge or a verdict makes owed are given here by the VLO
(``tell_victims``), so no story records them twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from lantern.accounts.models import User
from lantern.cases import groups
from lantern.cases import services as cases
from lantern.cases.demo.casework_steps import When, backdate
from lantern.cases.demo.made_up import DEMO_MARK, NAMES
from lantern.cases.demo.safeguarding_steps import Demo
from lantern.cases.models import (
    GroupInvestigation,
    GroupMembership,
    Investigation,
    Involvement,
    LineOfEnquiry,
    OrganisedCrimeGroup,
)
from lantern.cases.rules import GroupRole, InvolvementRole
from lantern.justice.models import CpsReferral, Disruption, Order, OrderBreach, Prosecution, S45Consideration
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType
from lantern.justice.rules.orders import OrderKind
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.rules.s45 import tests_for
from lantern.justice.services import disruptions, orders, prosecution, s45
from lantern.safeguarding.models import VictimUpdate
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services import support


class JusticeDemo(Demo):
    """The demo people, today, and one helper per thing a person does, the justice room included."""

    # What the earlier stories recorded -----------------------------------------------------
    def case(self, force: str, number: int) -> Investigation:
        """A demo investigation by its force and number, whatever year it was recorded in."""
        return Investigation.objects.get(crime_reference__startswith=f"{force}{DEMO_MARK}",
                                         crime_reference__endswith=f"-{number:04d}")

    def involved(self, case: Investigation, key: str) -> Involvement:
        first, last = NAMES[key]
        return Involvement.objects.select_related("person", "investigation").get(
            investigation=case, person__first_name=first, person__last_name=last)

    def newcomer(self, user: User, case: Investigation, name: tuple[str, str], role: InvolvementRole,
                 spoken_to: When | None = None, **fields: Any) -> Involvement:
        """A person only a justice story needs, named from the same made-up surnames."""
        involvement = cases.person_add_to_investigation(
            user=user, investigation_id=case.pk, role=role, first_name=name[0], last_name=name[1], **fields)
        if spoken_to is not None:
            self.spoken_to(user, involvement, spoken_to)
        return Involvement.objects.select_related("person", "investigation").get(pk=involvement.pk)

    def close_line(self, case: Investigation, starts: str, closed: When, result: str) -> None:
        """Close the line of enquiry an earlier story left open, by the words it starts with."""
        line = LineOfEnquiry.objects.get(investigation=case, description__startswith=starts)
        cases.line_of_enquiry_close(user=self.investigator, line_id=line.pk, result=result)
        backdate(LineOfEnquiry, line.pk, closed_on=self.day(closed))

    # The s45 defence ---------------------------------------------------------------------
    def consider_s45(self, user: User, suspect: Involvement, decided: When, offence: str, rationale: str,
                     *, applies: bool = True, pursued: bool | None = None,
                     schedule4_code: str = "") -> S45Consideration:
        """Every test for the person's age answered alike (all met, or none), on the evidence
        the rationale gives; for a Schedule 4 offence the tests do not arise."""
        day = self.day(decided)
        tests = tests_for(s45.age_group_of(suspect, day))
        consideration = s45.s45_consider(
            user=user, involvement_id=suspect.pk, offence=offence, rationale=rationale,
            answers={} if schedule4_code else {test.key: applies for test in tests},
            offence_pursued=not applies if pursued is None else pursued, schedule4_code=schedule4_code,
            decided_on=day, act_done_on=day)
        backdate(S45Consideration, consideration.pk, recorded_at=self.at(day, 15))
        crime = consideration.exploiter_crime
        if crime is not None and crime.pk != suspect.investigation_id:  # a new crime, recorded today
            backdate(Investigation, crime.pk, recorded_on=day)
            self._history_on(crime, day, hour=16)
        return consideration

    # The CPS and the courts --------------------------------------------------------------
    def refer_to_cps(self, user: User, suspect: Involvement, referred: When,
                     kind: ReferralKind = ReferralKind.CHARGING_DECISION) -> CpsReferral:
        return prosecution.cps_referral_record(
            user=user, involvement_id=suspect.pk, kind=kind, referred_on=self.day(referred),
            cps_reference=f"CPS-{suspect.investigation.crime_reference}", modern_slavery_flagged=True)

    def charge(self, user: User, referral: CpsReferral, decided: When, charges: str, court: str,
               first_hearing: When) -> Prosecution:
        """The CPS decides to charge: the prosecution starts and the victims are owed an update."""
        charged = prosecution.charging_decision_record(
            user=user, referral_id=referral.pk, decision=ChargeDecision.CHARGE, decided_on=self.day(decided),
            charges=charges, court=court, first_hearing_on=self.day(first_hearing))
        return Prosecution.objects.get(referral=charged)

    def hearing(self, user: User, trial: Prosecution, on: When, court: str, purpose: str,
                outcome: str) -> None:
        prosecution.hearing_record(user=user, prosecution_id=trial.pk, on=self.day(on), court=court,
                                   purpose=purpose, outcome=outcome)

    def verdict(self, user: User, trial: Prosecution, verdict: Verdict, on: When,
                reason: NonConvictionReason | None = None, sentence: str = "",
                sentenced: When | None = None) -> Prosecution:
        current = Prosecution.objects.get(pk=trial.pk)
        return prosecution.verdict_record(
            user=user, prosecution_id=current.pk, version=current.version, verdict=verdict,
            verdict_on=self.day(on), non_conviction_reason=reason, sentence=sentence,
            sentenced_on=None if sentenced is None else self.day(sentenced))

    def tell_victims(self, case: Investigation, kind: UpdateKind, given: When, how: str) -> None:
        """The VLO gives the updates of this kind that the justice services made owed."""
        owed = VictimUpdate.objects.filter(involvement__investigation=case, kind=kind.value,
                                           given_on__isnull=True).order_by("pk")
        for update in owed:
            support.victim_update_given(user=self.vlo, update_id=update.pk, given_on=self.day(given), how=how)

    # Orders ------------------------------------------------------------------------------
    def apply_for_order(self, user: User, subject: Involvement, kind: OrderKind, applied: When,
                        manager: User | None = None) -> Order:
        """An application, with the officer who will manage the order (the applicant unless said)."""
        return orders.order_apply(user=user, subject_id=subject.person_id, kind=kind,
                                  applied_on=self.day(applied), managing_officer_id=(manager or user).pk,
                                  investigation_id=subject.investigation_id)

    def grant(self, user: User, order: Order, granted: When, review: When, court: str,
              prohibitions: Sequence[str], ends: date | None = None, notification: str = "") -> Order:
        """The court makes the order, in force from that day."""
        current = Order.objects.get(pk=order.pk)
        day = self.day(granted)
        return orders.order_grant(user=user, order_id=current.pk, version=current.version, granted_on=day,
                                  starts_on=day, ends_on=ends, review_on=self.day(review),
                                  prohibitions=prohibitions, court=court,
                                  notification_requirements=notification)

    def refuse(self, user: User, order: Order, reason: str) -> Order:
        current = Order.objects.get(pk=order.pk)
        return orders.order_refuse(user=user, order_id=current.pk, version=current.version, reason=reason)

    def breach(self, user: User, order: Order, on: When, description: str) -> OrderBreach:
        """A breach, and the s30 crime the service records for it, dated to the day it happened."""
        made = orders.order_breach_record(user=user, order_id=order.pk, breached_on=self.day(on),
                                          description=description)
        backdate(Investigation, made.crime_id, recorded_on=self.day(on))
        self._history_on(made.crime, self.day(on), hour=11)
        return made

    # Disruptions and organised crime groups ----------------------------------------------
    def disrupt(self, user: User, on: When, threats: Sequence[ThreatType], tactic: Tactic, impact: Impact,
                rationale: str, description: str, group: OrganisedCrimeGroup | None = None,
                case: Investigation | None = None) -> Disruption:
        return disruptions.disruption_record(
            user=user, on=self.day(on), threat_types=threats, tactic=tactic, impact=impact,
            impact_rationale=rationale, description=description,
            group_id=None if group is None else group.pk, investigation_id=None if case is None else case.pk)

    def group(self, user: User, name: str, description: str, recorded: When) -> OrganisedCrimeGroup:
        made = groups.group_record(user=user, name=name, description=description)
        backdate(OrganisedCrimeGroup, made.pk, created_at=self.at(recorded, 11))
        made.refresh_from_db()
        return made

    def link(self, user: User, group: OrganisedCrimeGroup, case: Investigation, linked: When) -> None:
        """Link one of the user's force's investigations to a group by its national reference."""
        link = groups.group_link_investigation(user=user, investigation_id=case.pk, reference=group.reference)
        backdate(GroupInvestigation, link.pk, linked_at=self.at(linked, 12))

    def member(self, user: User, group: OrganisedCrimeGroup, person: Involvement, role: GroupRole,
               added: When) -> None:
        membership = groups.group_member_add(user=user, group_id=group.pk, person_id=person.person_id,
                                             role=role)
        backdate(GroupMembership, membership.pk, added_at=self.at(added, 12))
