"""The demo's safeguarding steps, on top of the casework ones: the whole set the stories use.

A frontline encounter, NRM referrals and duty-to-notify notices, the competent authority's
decisions and requests, places of safety, supporters and interpreters, Victims' Code updates,
contacts and disclosures: each through the safeguarding services, then dated back as in
``casework_steps``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from lantern.accounts.models import User
from lantern.cases.demo.casework_steps import CaseworkSteps, When, backdate
from lantern.cases.demo.made_up import NAMES, VLO_CONTACT, VLO_NAME
from lantern.cases.models import Investigation, Involvement
from lantern.cases.rules import ExploitationType
from lantern.safeguarding.models import (
    Decision,
    Disclosure,
    Referral,
    SafetyArrangement,
    SupportAssignment,
    VictimUpdate,
)
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.nrm import ConsentRecord
from lantern.safeguarding.rules.recovery import CompetentAuthority, DecisionResult, DecisionStage
from lantern.safeguarding.rules.victims_code import UpdateKind, update_due
from lantern.safeguarding.services import decisions, disclosures, encounters, referrals, support


class Demo(CaseworkSteps):
    """The demo people, today, and one helper per thing a person does."""

    # Encounters --------------------------------------------------------------------------
    def encounter(self, user: User, force: str, number: int, days_ago: int, place: str,
                  types: Iterable[ExploitationType], seen: str, victim: str,
                  why_police_station: str = "", **person: Any) -> Involvement:
        """A frontline encounter, as recorded at the time, then moved back to the day it happened."""
        first, last = NAMES[victim]
        on = self.day(days_ago)
        involvement = encounters.encounter_record(
            user=user, place_of_safety=place, why_police_station=why_police_station,
            exploitation_types=types, what_was_seen=seen,
            crime_reference=self.reference(force, number, on),
            first_name=first, last_name=last, **person)
        investigation = involvement.investigation
        backdate(Investigation, investigation.pk, recorded_on=on)
        self._history_on(investigation, on, hour=2 if why_police_station else 11)
        backdate(Involvement, involvement.pk, spoken_to_on=on)
        for arrangement in SafetyArrangement.objects.filter(involvement=involvement):
            backdate(SafetyArrangement, arrangement.pk,
                     arranged_at=self.at(on, 2 if why_police_station else 12, 30))
        for update in VictimUpdate.objects.filter(involvement=involvement):
            backdate(VictimUpdate, update.pk, event_on=on,
                     due_on=update_due(UpdateKind(update.kind), on, enhanced=update.enhanced))
        involvement.refresh_from_db()
        return involvement

    # Referrals and decisions -------------------------------------------------------------
    def draft(self, user: User, involvement: Involvement, started: When, hour: int = 13,
              consent: ConsentRecord | None = None, refusal_reason: str = "",
              **content: Any) -> Referral:
        """Start a referral or notice on the route the rules choose and write in what is known."""
        referral = referrals.referral_start(user=user, involvement_id=involvement.pk, consent=consent,
                                            refusal_reason=refusal_reason)
        if content:
            referral = referrals.referral_update(user=user, referral_id=referral.pk,
                                                 version=referral.version, **content)
        backdate(Referral, referral.pk, created_at=self.at(started, hour))
        return referral

    def refer(self, user: User, involvement: Involvement, started: When, submitted: When | None,
              consent: ConsentRecord | None = None, refusal_reason: str = "",
              **content: Any) -> Referral:
        """Start a referral or notice on the route the rules choose, complete it and submit it."""
        referral = self.draft(user, involvement, started, consent=consent, refusal_reason=refusal_reason,
                              **content)
        if submitted is not None:
            referral = referrals.referral_submit(user=user, referral_id=referral.pk,
                                                 version=referral.version)
            backdate(Referral, referral.pk, submitted_at=self.at(submitted, 16))
        referral.refresh_from_db()
        return referral

    def decision(self, user: User, referral: Referral, stage: DecisionStage, decided_on: date,
                 result: DecisionResult = DecisionResult.POSITIVE) -> None:
        made = decisions.decision_record(user=user, referral_id=referral.pk, stage=stage, result=result,
                                         decided_on=decided_on, authority=CompetentAuthority.SCA)
        recorded_on = min(decided_on + timedelta(days=1), self.today)
        backdate(Decision, made.pk, recorded_at=self.at(recorded_on, 11))

    def request(self, user: User, referral: Referral, received: When, due: When, asked: str,
                answered: When | None = None, answer: str = "") -> None:
        request = decisions.information_request_record(
            user=user, referral_id=referral.pk, received_on=self.day(received),
            due_on=self.day(due), what_is_asked=asked)
        if answered is not None:
            decisions.information_request_answer(user=user, request_id=request.pk,
                                                 answered_on=self.day(answered), summary=answer)

    # Support and the Victims' Code -------------------------------------------------------
    def safe(self, user: User, involvement: Involvement, place: str, when: When, notes: str = "",
             why_police_station: str = "", hour: int = 12) -> None:
        support.safety_arrangement_record(user=user, involvement_id=involvement.pk, place=place,
                                          arranged_at=self.at(when, hour), notes=notes,
                                          why_police_station=why_police_station)

    def supporter(self, user: User, involvement: Involvement, kind: str, name: str, contact: str,
                  assigned: When) -> None:
        support.support_assign(user=user, involvement_id=involvement.pk, kind=kind, name=name,
                               contact=contact, assigned_on=self.day(assigned))

    def vlo_assigned(self, involvement: Involvement, assigned: When) -> None:
        """The force's victim liaison officer assigns herself to a victim."""
        self.supporter(self.vlo, involvement, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, assigned)

    def interpreter(self, user: User, involvement: Involvement, language: str, sex: str, name: str) -> None:
        support.interpreter_need_set(user=user, involvement_id=involvement.pk, language=language,
                                     preferred_sex=sex, interpreter_name=name, interpreter_sex=sex)

    def owed(self, user: User, involvement: Involvement, kind: UpdateKind, event: When,
             given: When | None = None, how: str = "", given_by: User | None = None) -> None:
        update = support.victim_update_owed(user=user, involvement_id=involvement.pk, kind=kind,
                                            event_on=self.day(event))
        if given is not None:
            support.victim_update_given(user=given_by or user, update_id=update.pk,
                                        given_on=self.day(given), how=how)

    def vlo_told(self, involvement: Involvement, kind: UpdateKind, event: When, given: When,
                 how: str) -> None:
        """An update the investigator records as owed, which the victim liaison officer gives."""
        self.owed(self.investigator, involvement, kind, event, given=given, how=how, given_by=self.vlo)

    def given_referral_to_support(self, user: User, involvement: Involvement, given_ago: int,
                                  how: str) -> None:
        """The referral to support services an encounter made owed, given."""
        for update in VictimUpdate.objects.filter(involvement=involvement, given_on__isnull=True,
                                                  kind=UpdateKind.REFERRAL_TO_SUPPORT_SERVICES):
            support.victim_update_given(user=user, update_id=update.pk, given_on=self.day(given_ago),
                                        how=how)

    def contact(self, user: User, involvement: Involvement, when: When, method: str, summary: str,
                interpreter_used: bool = False, hour: int = 11) -> None:
        support.contact_record(user=user, involvement_id=involvement.pk, at=self.at(when, hour),
                               method=method, summary=summary, interpreter_used=interpreter_used)

    def disclose(self, user: User, involvement: Involvement, requested_ago: int, *, purpose: Purpose,
                 legal_basis: LegalBasis, what_shared: str, recipient: str, victim_told: bool,
                 reason_not_told: str = "", refused_ago: int | None = None,
                 refusal_note: str = "") -> None:
        disclosure = disclosures.disclosure_request(
            user=user, involvement_id=involvement.pk, purpose=purpose, legal_basis=legal_basis,
            what_shared=what_shared, recipient=recipient, domestic_abuse_victim=False,
            evidence_of_immigration_offence=True, victim_told=victim_told,
            reason_victim_not_told=reason_not_told)
        backdate(Disclosure, disclosure.pk, requested_at=self.at(requested_ago, 10),
                 victim_told_on=self.day(requested_ago) if victim_told else None)
        if refused_ago is not None:
            disclosures.disclosure_decide(user=self.supervisor, disclosure_id=disclosure.pk,
                                          approve=False, note=refusal_note)
            backdate(Disclosure, disclosure.pk, decided_at=self.at(refused_ago, 16))
