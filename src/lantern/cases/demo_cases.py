"""The demo's investigations: cases at every stage, made through the services a person would use.

Everything is recorded by the demo people (``lantern.accounts.demo_people``) through the same
services, access checks and audit entries as real work. Only afterwards are dates moved back,
with a queryset ``update()`` on the casework tables (never the audit trail), so the demo looks
like months of work: the services stamp "today" on a triage, an allocation, a line of enquiry
or a submission. Where a service takes a date (a decision, a Victims' Code event, a contact), it
is given the past date and checks it as it would for anyone.

Personal data is made up: names from the short list below, phone numbers in Ofcom's range for
drama (07700 900000 to 900999, 0113 496 0000 to 0999, 0161 496 0000 to 0999), addresses on
Example Street. Loads only with LANTERN_ENV=demo, and only once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from lantern.accounts.models import User
from lantern.cases import services as cases
from lantern.cases.models import Investigation, Involvement, LineOfEnquiry, StatusChange, SupervisorReview
from lantern.cases.rules import (
    ExploitationLocation,
    ExploitationType,
    IdentifierKind,
    Industry,
    InvolvementRole,
    NimLevel,
    Offence,
    OutcomeType,
    Status,
    Team,
)
from lantern.safeguarding.models import (
    Contact,
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

DEMO_MARK = "-DEMO-"
"""Every demo crime reference holds this, so a second load can tell the demo cases are there."""

# The made-up people. Surnames are from a short list nobody is called; first names vary.
NAMES: dict[str, tuple[str, str]] = {
    "car_wash_victim": ("Marius", "Example"),
    "car_wash_declined": ("Bogdan", "Sample"),
    "car_wash_owner": ("Adrian", "Placeholder"),
    "brothel_victim": ("Elena", "Specimen"),
    "brothel_controller": ("Viktor", "Fictional"),
    "brothel_driver": ("Dana", "Fictional"),
    "county_lines_child": ("Rhys", "Sample"),
    "line_holder": ("Jordan", "Placeholder"),
    "servitude_victim": ("Joy", "Example"),
    "servitude_employer": ("Richard", "Madeup"),
    "cannabis_gardener": ("Minh", "Specimen"),
    "cannabis_landlord": ("Karl", "Madeup"),
    "factory_worker": ("Daria", "Sample"),
    "nail_bar_worker": ("Linh", "Example"),
    "nail_bar_owner": ("Mai", "Placeholder"),
    "site_labourer": ("Tariq", "Sample"),
    "gangmaster": ("Gary", "Fictional"),
    "packhouse_worker": ("Kofi", "Specimen"),
    "packhouse_witness": ("Ruth", "Example"),
    "hotel_victim": ("Precious", "Sample"),
    "shoplifting_victim": ("Andrei", "Example"),
    "shoplifting_suspect": ("Florin", "Madeup"),
    "farm_victim": ("Tomasz", "Specimen"),
    "farm_boss": ("Lee", "Placeholder"),
    "cleaning_victim": ("Maria", "Example"),
    "cleaning_boss": ("Neil", "Madeup"),
    "gmp_car_wash_victim": ("Arben", "Sample"),
    "gmp_car_wash_owner": ("Adi", "Placeholder"),
    "gmp_runner": ("Kai", "Example"),
    "gmp_flat_victim": ("Amara", "Specimen"),
    "gmp_flat_witness": ("Beth", "Sample"),
}

# Ofcom's drama numbers. The car wash owner's phone turns up again in Greater Manchester.
SHARED_SUSPECT_PHONE = "07700 900123"


def _phone(n: int) -> str:
    if not 0 <= n <= 999:
        raise ValueError("Ofcom's drama range is 07700 900000 to 07700 900999.")
    return f"07700 900{n:03d}"


CONSENTED = ConsentRecord(nrm_explained=True, support_explained=True, outcomes_explained=True,
                          consent_given=True)
DECLINED = ConsentRecord(nrm_explained=True, support_explained=True, outcomes_explained=True,
                         consent_given=False)


def _backdate(model: Any, pk: int, **fields: object) -> None:
    """Move a casework row's dates back, after a service made it. Never the audit trail."""
    if model._meta.app_label == "audit":
        raise ValueError("The audit trail is never back-dated.")
    model.objects.filter(pk=pk).update(**fields)


@dataclass
class _Demo:
    """The demo people, today, and one helper per thing a person does."""

    officer: User
    investigator: User
    supervisor: User
    lead: User
    vlo: User
    gmp: User
    today: date

    @classmethod
    def start(cls) -> _Demo:
        users = {u.username: u for u in User.objects.filter(
            username__in=["officer", "investigator", "supervisor", "lead", "vlo", "gmp-investigator"])}
        missing = {"officer", "investigator", "supervisor", "lead", "vlo", "gmp-investigator"} - set(users)
        if missing:
            raise ImproperlyConfigured(
                f"Load the demo people first (lantern demo): {', '.join(sorted(missing))} missing.")
        return cls(officer=users["officer"], investigator=users["investigator"],
                   supervisor=users["supervisor"], lead=users["lead"], vlo=users["vlo"],
                   gmp=users["gmp-investigator"], today=timezone.localdate())

    # Dates -------------------------------------------------------------------------------
    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, when: int | date, hour: int = 10, minute: int = 0) -> datetime:
        """A moment on a day (days ago, or a date), never later than now."""
        day = self.day(when) if isinstance(when, int) else when
        moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
        return min(moment, timezone.now())

    # Investigations ----------------------------------------------------------------------
    def reference(self, force: str, number: int, recorded_on: date) -> str:
        return f"{force}{DEMO_MARK}{recorded_on:%y}-{number:04d}"

    def record(self, user: User, force: str, number: int, recorded_on: date,
               offences: Iterable[Offence], types: Iterable[ExploitationType], summary: str,
               industry: Industry, **extra: Any) -> Investigation:
        investigation = cases.investigation_record(
            user=user, crime_reference=self.reference(force, number, recorded_on),
            recorded_on=recorded_on, offences=offences, exploitation_types=types, summary=summary,
            industry=industry, **extra)
        self._history_on(investigation, recorded_on, hour=9)
        return investigation

    def encounter(self, user: User, force: str, number: int, days_ago: int, place: str,
                  types: Iterable[ExploitationType], seen: str, victim: str,
                  why_police_station: str = "", **person: Any) -> Involvement:
        """A frontline encounter, as recorded at the time, then moved back to the day it happened."""
        first, last = NAMES[victim]
        involvement = encounters.encounter_record(
            user=user, place_of_safety=place, why_police_station=why_police_station,
            exploitation_types=types, what_was_seen=seen,
            crime_reference=self.reference(force, number, self.day(days_ago)),
            first_name=first, last_name=last, **person)
        on = self.day(days_ago)
        investigation = involvement.investigation
        _backdate(Investigation, investigation.pk, recorded_on=on)
        self._history_on(investigation, on, hour=2 if why_police_station else 11)
        _backdate(Involvement, involvement.pk, spoken_to_on=on)
        for arrangement in SafetyArrangement.objects.filter(involvement=involvement):
            _backdate(SafetyArrangement, arrangement.pk,
                      arranged_at=self.at(on, 2 if why_police_station else 12, 30))
        for update in VictimUpdate.objects.filter(involvement=involvement):
            _backdate(VictimUpdate, update.pk, event_on=on,
                      due_on=update_due(UpdateKind(update.kind), on, enhanced=update.enhanced))
        involvement.refresh_from_db()
        return involvement

    def describe(self, user: User, investigation: Investigation, offences: Iterable[Offence],
                 types: Iterable[ExploitationType], summary: str, industry: Industry,
                 **extra: Any) -> Investigation:
        current = Investigation.objects.get(pk=investigation.pk)
        return cases.investigation_update(
            user=user, investigation_id=current.pk, version=current.version, offences=offences,
            exploitation_types=types, summary=summary, industry=industry,
            exploitation_location=extra.pop("exploitation_location", ExploitationLocation.UK),
            organised_crime_involved=extra.pop("organised_crime_involved", False),
            nim_level=extra.pop("nim_level", NimLevel.LOCAL))

    def _history_on(self, investigation: Investigation, on: date, hour: int = 10) -> None:
        latest = StatusChange.objects.filter(investigation_id=investigation.pk).order_by("-pk").first()
        if latest is not None:
            _backdate(StatusChange, latest.pk, changed_at=self.at(on, hour))

    def move(self, user: User, investigation: Investigation, to: Status, days_ago: int,
             note: str = "", **allocation: Any) -> Investigation:
        current = Investigation.objects.get(pk=investigation.pk)
        moved = cases.investigation_move(user=user, investigation_id=current.pk,
                                         version=current.version, to=to, note=note, **allocation)
        on = self.day(days_ago)
        if to is Status.TRIAGED:
            _backdate(Investigation, moved.pk, triaged_on=on)
        if to is Status.ALLOCATED:
            _backdate(Investigation, moved.pk, allocated_on=on)
        self._history_on(moved, on, hour=14)
        return moved

    def triage_and_allocate(self, investigation: Investigation, triaged_ago: int, allocated_ago: int,
                            team: Team = Team.SPECIALIST_UNIT, supervisor: User | None = None,
                            started_ago: int | None = None) -> Investigation:
        """The force lead triages; the investigator is allocated as officer in charge."""
        self.move(self.lead, investigation, Status.TRIAGED, triaged_ago,
                  note="Triaged by the force modern slavery lead: modern slavery confirmed.")
        self.move(self.lead, investigation, Status.ALLOCATED, allocated_ago, team=team,
                  officer_in_charge_id=self.investigator.pk,
                  supervisor_id=(supervisor or self.supervisor).pk)
        if started_ago is not None:
            self.move(self.investigator, investigation, Status.UNDER_INVESTIGATION, started_ago)
        return Investigation.objects.get(pk=investigation.pk)

    def close(self, user: User, investigation: Investigation, outcome: OutcomeType, days_ago: int,
              override_reason: str = "") -> Investigation:
        current = Investigation.objects.get(pk=investigation.pk)
        closed = cases.investigation_close(user=user, investigation_id=current.pk,
                                           version=current.version, outcome=outcome,
                                           override_reason=override_reason)
        _backdate(Investigation, closed.pk, closed_on=self.day(days_ago))
        self._history_on(closed, self.day(days_ago), hour=16)
        return closed

    def review(self, investigation: Investigation, days_ago: int, note: str,
               reviewer: User | None = None) -> None:
        review = cases.supervisor_review_record(user=reviewer or self.supervisor,
                                                investigation_id=investigation.pk, note=note)
        _backdate(SupervisorReview, review.pk, reviewed_at=self.at(days_ago, 15))

    def line(self, investigation: Investigation, description: str, raised_ago: int,
             closed_ago: int | None = None, result: str = "", user: User | None = None) -> None:
        who = user or self.investigator
        line = cases.line_of_enquiry_raise(user=who, investigation_id=investigation.pk,
                                           description=description)
        _backdate(LineOfEnquiry, line.pk, raised_on=self.day(raised_ago))
        if closed_ago is not None:
            cases.line_of_enquiry_close(user=who, line_id=line.pk, result=result)
            _backdate(LineOfEnquiry, line.pk, closed_on=self.day(closed_ago))

    # People ------------------------------------------------------------------------------
    def person(self, user: User, investigation: Investigation, key: str, role: InvolvementRole,
               spoken_to_ago: int | None = None, phones: Iterable[str] = (),
               addresses: Iterable[str] = (), **fields: Any) -> Involvement:
        first, last = NAMES[key]
        involvement = cases.person_add_to_investigation(
            user=user, investigation_id=investigation.pk, role=role, first_name=first,
            last_name=last, **fields)
        for kind, values in ((IdentifierKind.PHONE, phones), (IdentifierKind.ADDRESS, addresses)):
            for value in values:
                cases.identifier_add(user=user, person_id=involvement.person_id, kind=kind, value=value)
        if spoken_to_ago is not None:
            self.spoken_to(user, involvement, spoken_to_ago)
        return involvement

    def spoken_to(self, user: User, involvement: Involvement, days_ago: int) -> None:
        cases.victim_spoken_to_record(user=user, involvement_id=involvement.pk, on=self.day(days_ago))

    def told_of_closure(self, user: User, involvement: Involvement, days_ago: int) -> None:
        cases.victim_told_of_closure_record(user=user, involvement_id=involvement.pk,
                                            on=self.day(days_ago))

    # Safeguarding ------------------------------------------------------------------------
    def refer(self, user: User, involvement: Involvement, started: int | date,
              submitted: int | date | None, consent: ConsentRecord | None = None,
              refusal_reason: str = "", **content: Any) -> Referral:
        """Start a referral or notice on the route the rules choose, complete it and submit it."""
        referral = referrals.referral_start(user=user, involvement_id=involvement.pk, consent=consent,
                                            refusal_reason=refusal_reason)
        referral = referrals.referral_update(user=user, referral_id=referral.pk,
                                             version=referral.version, **content)
        _backdate(Referral, referral.pk, created_at=self.at(started, 13))
        if submitted is not None:
            referral = referrals.referral_submit(user=user, referral_id=referral.pk,
                                                 version=referral.version)
            _backdate(Referral, referral.pk, submitted_at=self.at(submitted, 16))
        referral.refresh_from_db()
        return referral

    def decision(self, user: User, referral: Referral, stage: DecisionStage, decided_on: date,
                 result: DecisionResult = DecisionResult.POSITIVE) -> None:
        made = decisions.decision_record(user=user, referral_id=referral.pk, stage=stage, result=result,
                                         decided_on=decided_on, authority=CompetentAuthority.SCA)
        _backdate(Decision, made.pk, recorded_at=self.at(min(decided_on + timedelta(days=1), self.today),
                                                         11))

    def request(self, user: User, referral: Referral, received_ago: int, due_ago: int, asked: str,
                answered_ago: int | None = None, answer: str = "") -> None:
        """``due_ago`` negative: due that many days from today."""
        request = decisions.information_request_record(
            user=user, referral_id=referral.pk, received_on=self.day(received_ago),
            due_on=self.day(due_ago), what_is_asked=asked)
        if answered_ago is not None:
            decisions.information_request_answer(user=user, request_id=request.pk,
                                                 answered_on=self.day(answered_ago), summary=answer)

    def safe(self, user: User, involvement: Involvement, place: str, days_ago: int, notes: str = "",
             why_police_station: str = "", hour: int = 12) -> None:
        support.safety_arrangement_record(user=user, involvement_id=involvement.pk, place=place,
                                          arranged_at=self.at(days_ago, hour), notes=notes,
                                          why_police_station=why_police_station)

    def supporter(self, user: User, involvement: Involvement, kind: str, name: str, contact: str,
                  assigned: int | date) -> None:
        on = self.day(assigned) if isinstance(assigned, int) else assigned
        support.support_assign(user=user, involvement_id=involvement.pk, kind=kind, name=name,
                               contact=contact, assigned_on=on)

    def interpreter(self, user: User, involvement: Involvement, language: str, sex: str, name: str) -> None:
        support.interpreter_need_set(user=user, involvement_id=involvement.pk, language=language,
                                     preferred_sex=sex, interpreter_name=name, interpreter_sex=sex)

    def owed(self, user: User, involvement: Involvement, kind: UpdateKind, event: int | date,
             given: int | date | None = None, how: str = "", given_by: User | None = None) -> None:
        event_on = self.day(event) if isinstance(event, int) else event
        update = support.victim_update_owed(user=user, involvement_id=involvement.pk, kind=kind,
                                            event_on=event_on)
        if given is not None:
            given_on = self.day(given) if isinstance(given, int) else given
            support.victim_update_given(user=given_by or user, update_id=update.pk, given_on=given_on,
                                        how=how)

    def given_referral_to_support(self, user: User, involvement: Involvement, given_ago: int,
                                  how: str) -> None:
        """The referral to support services an encounter made owed, given."""
        for update in VictimUpdate.objects.filter(involvement=involvement, given_on__isnull=True,
                                                  kind=UpdateKind.REFERRAL_TO_SUPPORT_SERVICES):
            support.victim_update_given(user=user, update_id=update.pk, given_on=self.day(given_ago),
                                        how=how)

    def contact(self, user: User, involvement: Involvement, when: int | date, method: str, summary: str,
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
        _backdate(Disclosure, disclosure.pk, requested_at=self.at(requested_ago, 10),
                  victim_told_on=self.day(requested_ago) if victim_told else None)
        if refused_ago is not None:
            disclosures.disclosure_decide(user=self.supervisor, disclosure_id=disclosure.pk,
                                          approve=False, note=refusal_note)
            _backdate(Disclosure, disclosure.pk, decided_at=self.at(refused_ago, 16))


IMMIGRATION_ENFORCEMENT = "Immigration Enforcement, National Command and Control Unit (NCCU)"
LEEDS_CHILDRENS_SERVICES = "Leeds City Council"
LEEDS_CHILDRENS_PHONE = "0113 496 0123"
VLO_NAME = "Aisha Rahman (West Yorkshire Police VLO)"
VLO_CONTACT = "vlo@demo.lantern.invalid"
WY = "WY"
GMP = "GMP"


def _car_wash(d: _Demo) -> None:
    """Labour exploitation at a car wash: under investigation. One worker consented to an NRM
    referral (positive reasonable grounds after 13 December 2022: 30 days), one declined (an
    anonymous duty-to-notify notice). A Victims' Code update is overdue; the SCA wants
    information soon."""
    victim = d.encounter(
        d.officer, WY, 1, 118, SafetyArrangement.Place.HOTEL_OR_BB,
        [ExploitationType.LABOUR], victim="car_wash_victim",
        seen="Hand car wash on a retail park: five workers, no gloves or boots in the cold, living in a "
             "caravan behind the site. Two spoke to officers away from the supervisor.",
        date_of_birth=date(1994, 2, 11), gender="male", nationality="Romanian", languages=["Romanian"])
    case = d.describe(
        d.investigator, victim.investigation, [Offence.MSA_S1, Offence.MSA_S2], [ExploitationType.LABOUR],
        "Hand car wash on a retail park in Leeds. Workers recruited in Romania with promises of hotel "
        "work, charged a transport and housing debt, paid £10 a day. Five workers found; two "
        "disclosed. Site owner arrested; released under investigation.", Industry.CAR_WASH)
    d.given_referral_to_support(d.officer, victim, 117, "Phone call with an interpreter; referred to "
                                "the victim care contract provider")
    declined = d.person(d.officer, case, "car_wash_declined", InvolvementRole.VICTIM, spoken_to_ago=118,
                        date_of_birth=date(1988, 7, 30), gender="male", nationality="Romanian",
                        languages=["Romanian"])
    d.safe(d.officer, declined, SafetyArrangement.Place.FAMILY_OR_FRIENDS, 118, hour=13,
           notes="Declined the hotel; staying with a friend in Bradford. Has the VLO's number.")
    d.person(d.officer, case, "car_wash_owner", InvolvementRole.SUSPECT,
                     date_of_birth=date(1979, 12, 2), gender="male", nationality="British",
                     phones=[SHARED_SUSPECT_PHONE], addresses=["Unit 3, Example Trading Estate, Leeds"])
    d.person(d.investigator, case, "packhouse_witness", InvolvementRole.WITNESS, gender="female",
             addresses=["2 Example Street, Leeds"])
    d.triage_and_allocate(case, triaged_ago=116, allocated_ago=113, started_ago=112)

    referral = d.refer(
        d.officer, victim, started=117, submitted=116, consent=CONSENTED,
        uk_cities=["Leeds"], what_happened=(
            "Recruited through a social media advert for hotel work. On arrival his identity card was "
            "taken and he was told he owed £1,500 for transport and the caravan. Worked 06:30 to 21:00, "
            "seven days a week, for £10 a day paid in cash, some weeks nothing."),
        how_exploitation_started="A job advert on social media; a man met him at the coach station.",
        living_conditions="A caravan behind the car wash shared by five men, no heating, one toilet "
                          "in the car wash.",
        treatment="Shouted at and threatened with being reported to the police; identity card kept by "
                  "the owner; told his family at home knew where he was.",
        exploitation_start=d.day(390), exploitation_end=d.day(118),
        still_in_exploitative_situation=False, current_city="Leeds",
        immigration_status="EU Settlement Scheme: pre-settled status (applied for him by the owner)")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(100))
    d.request(d.investigator, referral, received_ago=6, due_ago=-4,
              asked="For the conclusive grounds decision: any evidence corroborating the debt and the "
                    "hours worked (witness statements, CCTV, financial records).")
    d.refer(d.officer, declined, started=118, submitted=117, consent=DECLINED,
            refusal_reason="Does not want to be in contact with the Home Office; plans to return home.",
            uk_cities=["Leeds"],
            what_happened="Worked at a hand car wash for about six months for £10 a day, living on the "
                          "site, with a debt for transport he was told he could never pay off.")

    d.interpreter(d.investigator, victim, "Romanian", "male", "Interpreter R. Example")
    d.supporter(d.vlo, victim, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, 112)
    d.supporter(d.vlo, victim, SupportAssignment.Kind.NAVIGATOR, "Jo Sample (Justice and Care)",
                _phone(201), 110)
    d.contact(d.vlo, victim, 112, Contact.Method.IN_PERSON,
              "Introduced myself as his single point of contact; explained the investigation and the "
              "Victims' Code. Telephone interpreter, male, as he asked.", interpreter_used=True)
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_ARRESTED, 61, given=60,
           how="In person, with the same interpreter", given_by=d.vlo)
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI, 12)  # not told: overdue
    d.contact(d.vlo, victim, 30, Contact.Method.THROUGH_SUPPORT_WORKER,
              "Navigator says he has started work at a warehouse through an agency and is doing well.")
    d.line(case, "CCTV from the neighbouring units: arrivals and departures of workers", 112, 95,
           "Footage shows workers arriving in the owner's van at 06:30 and leaving after 21:00 on 26 of 28 "
           "days.")
    d.line(case, "Financial investigation: car wash takings and wage payments (production orders on "
                 "the business accounts)", 110)
    d.line(case, "Download and examine the owner's phone", 61)
    d.review(case, 90, "Reviewed the investigation plan. Directed a financial investigation and early "
                       "advice from the CPS; victim care is in place.")
    d.review(case, 20, "Financial investigation progressing. The victim has not been told the owner "
                       "was released under investigation: VLO to tell him this week.")


def _brothel(d: _Demo) -> None:
    """Sexual exploitation, recorded in 2022: positive reasonable grounds before 13 December 2022
    (45-day recovery period), then positive conclusive grounds. Charged: with the CPS and courts."""
    recorded = date(2022, 9, 14)
    case = d.record(
        d.investigator, WY, 417, recorded, [Offence.MSA_S2], [ExploitationType.SEXUAL],
        "Warrant at a residential brothel in Leeds. Women moved between addresses in Leeds, Bradford "
        "and Sheffield and advertised online. Two suspects charged with arranging travel with a view "
        "to exploitation; trial listed at Leeds Crown Court.",
        Industry.BROTHEL_SEX_INDUSTRY, exploitation_location=ExploitationLocation.UK_AND_OVERSEAS,
        organised_crime_involved=True, nim_level=NimLevel.CROSS_BORDER)
    victim = d.person(d.investigator, case, "brothel_victim", InvolvementRole.VICTIM,
                      date_of_birth=date(1997, 5, 3), gender="female", nationality="Albanian",
                      languages=["Albanian"], phones=[_phone(311)])
    d.spoken_to(d.investigator, victim, (d.today - recorded).days)
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, (d.today - recorded).days,
           notes="Salvation Army safe house outside West Yorkshire.", hour=18)
    for key, born in (("brothel_controller", date(1984, 1, 9)), ("brothel_driver", date(1991, 10, 21))):
        d.person(d.investigator, case, key, InvolvementRole.SUSPECT, date_of_birth=born,
                 gender="male" if key == "brothel_controller" else "female", nationality="Albanian")
    d.triage_and_allocate(case, triaged_ago=(d.today - date(2022, 9, 15)).days,
                          allocated_ago=(d.today - date(2022, 9, 16)).days,
                          started_ago=(d.today - date(2022, 9, 16)).days, supervisor=d.lead)
    referral = d.refer(
        d.investigator, victim, started=date(2022, 9, 15), submitted=date(2022, 9, 16),
        consent=CONSENTED, uk_cities=["Leeds", "Bradford", "Sheffield"],
        overseas_countries=["Albania"],
        what_happened="Brought to the UK by a man she believed was her boyfriend. Made to sell sex in "
                      "flats in three cities, moved every few weeks, all money taken.",
        how_exploitation_started="A relationship that began online; he paid for the journey.",
        living_conditions="Locked flats, shared bedrooms, food brought in by a driver.",
        treatment="Beaten, threatened that her family would be hurt, passport kept by the man.",
        exploitation_start=date(2021, 11, 1), exploitation_end=recorded,
        still_in_exploitative_situation=False, current_city="Leeds",
        immigration_status="No leave; asylum claim made after the referral")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, date(2022, 10, 20))
    d.decision(d.investigator, referral, DecisionStage.CONCLUSIVE_GROUNDS, date(2023, 8, 9))
    d.request(d.investigator, referral, received_ago=(d.today - date(2023, 5, 2)).days,
              due_ago=(d.today - date(2023, 5, 30)).days,
              asked="The account given in her ABE interview, for the conclusive grounds decision.",
              answered_ago=(d.today - date(2023, 5, 24)).days,
              answer="Summary of the ABE interview and the charging decision sent by secure email.")
    d.interpreter(d.investigator, victim, "Albanian", "female", "Interpreter A. Sample")
    d.supporter(d.vlo, victim, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, date(2022, 9, 16))
    d.supporter(d.vlo, victim, SupportAssignment.Kind.SUPPORT_WORKER,
                "Sam Example (victim care contract)", _phone(312), date(2022, 9, 15))
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_ARRESTED, recorded, given=date(2022, 9, 15),
           how="In person at the safe house, with the interpreter", given_by=d.vlo)
    d.move(d.investigator, case, Status.WITH_JUSTICE, (d.today - date(2023, 11, 20)).days,
           note="Both suspects charged on CPS advice.")
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_CHARGED, date(2023, 11, 20),
           given=date(2023, 11, 21), how="Phone call with the interpreter", given_by=d.vlo)
    d.owed(d.investigator, victim, UpdateKind.BAIL_CONDITIONS_CHANGED, 25, given=24,
           how="Phone call with the interpreter: the driver's curfew was lifted", given_by=d.vlo)
    d.contact(d.vlo, victim, 24, Contact.Method.PHONE,
              "Told her the driver's bail conditions changed; talked through special measures for the "
              "trial (screens, live link).", interpreter_used=True)
    for raised, closed, text, result in (
        (date(2022, 9, 16), date(2023, 2, 1), "Advertising websites: subscriber and payment data",
         "Adverts paid for from the controller's account."),
        (date(2022, 9, 16), date(2023, 6, 12), "Financial investigation and money flows to Albania",
         "Transfers of £84,000 over 10 months; restraint order obtained."),
    ):
        d.line(case, text, (d.today - raised).days, (d.today - closed).days, result)
    d.review(case, (d.today - date(2022, 10, 3)).days, "Cross-border: ROCU informed; keep as a force "
             "investigation with ROCU financial support.", reviewer=d.lead)
    d.review(case, (d.today - date(2023, 11, 1)).days, "File ready for a charging decision.",
             reviewer=d.lead)


def _county_lines_child(d: _Demo) -> None:
    """Criminal exploitation on a county line, with a child victim: referred into the NRM without
    consent being asked; a night in a police station, with the reason; an ICTG; an information
    request from the SCA that is overdue."""
    child = d.encounter(
        d.officer, WY, 2, 64, SafetyArrangement.Place.POLICE_STATION,
        [ExploitationType.CRIMINAL_COUNTY_LINES], victim="county_lines_child",
        why_police_station="Found at 02:10 in an address used to sell drugs. The children's services "
                           "emergency duty team had no placement until the morning: he stayed in the "
                           "station's family room, not a cell, with an appropriate adult.",
        seen="A 16-year-old from Manchester found in a flat used to sell crack cocaine and heroin; "
             "two phones, £400 cash, drugs wrapped for sale. Reported missing from home three days ago.",
        date_of_birth=d.today - timedelta(days=16 * 365 + 120), gender="male", nationality="British",
        languages=["English"])
    case = d.describe(
        d.investigator, child.investigation, [Offence.MSA_S1, Offence.MSA_S2],
        [ExploitationType.CRIMINAL_COUNTY_LINES],
        "County line run from Manchester into Leeds. A 16-year-old found at an address used to sell "
        "drugs. Line holder identified and arrested; phone downloads under way.", Industry.DRUG_SUPPLY,
        organised_crime_involved=True, nim_level=NimLevel.CROSS_BORDER)
    d.given_referral_to_support(d.officer, child, 63, "Referred to Leeds children's services and the "
                                "ICTG service; explained to him and his mother in person")
    d.safe(d.officer, child, SafetyArrangement.Place.LOCAL_AUTHORITY, 63, hour=9,
           notes="Emergency foster placement through Leeds children's services.")
    d.person(d.investigator, case, "line_holder", InvolvementRole.SUSPECT,
             date_of_birth=date(2001, 4, 17), gender="male", nationality="British",
             phones=[_phone(456)], addresses=["7 Specimen Close, Leeds"])
    d.triage_and_allocate(case, triaged_ago=62, allocated_ago=60, started_ago=59,
                          team=Team.PUBLIC_PROTECTION)
    referral = d.refer(
        d.officer, child, started=63, submitted=63, uk_cities=["Manchester", "Leeds"],
        interpreter_language="",
        what_happened="Groomed by older boys with gifts and cannabis, then told he owed them for a "
                      "stolen package. Sent to Leeds to sell drugs from a flat for several days at a time.",
        how_exploitation_started="A debt manufactured after a staged robbery of drugs he was holding.",
        living_conditions="Slept on a mattress in the flat, fed takeaway food, not allowed out.",
        treatment="Threats of violence to him and his family; his phone taken and replaced with a "
                  "work phone.",
        exploitation_start=d.day(140), exploitation_end=d.day(64), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="British citizen",
        local_authority_name=LEEDS_CHILDRENS_SERVICES, local_authority_phone=LEEDS_CHILDRENS_PHONE)
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(45))
    d.request(d.investigator, referral, received_ago=20, due_ago=6,
              asked="The circumstances in which he was found and any evidence of the line's control "
                    "over him (messages from the deal line).")
    d.supporter(d.investigator, child, SupportAssignment.Kind.ICTG, "Chris Example (Barnardo's ICTG)",
                _phone(310), 62)
    d.supporter(d.vlo, child, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, 60)
    d.contact(d.vlo, child, 58, Contact.Method.IN_PERSON,
              "Met him with his ICTG and foster carer. Explained what happens next; he is worried about "
              "being seen as a grass.")
    d.owed(d.investigator, child, UpdateKind.SUSPECT_ARRESTED, 30, given=29,
           how="In person, with his ICTG present", given_by=d.vlo)
    d.owed(d.investigator, child, UpdateKind.SUSPECT_INTERVIEWED_UNDER_CAUTION, 0)  # due, not overdue
    d.line(case, "Download the child's phones for messages from the deal line", 60, 41,
           "Deal-line messages direct him to addresses in Leeds; sender attributed to the line holder.")
    d.line(case, "Cell site analysis of the deal line " + _phone(456), 41)
    d.review(case, 40, "Treat him as a victim first: s45 defence applies to the possession offences. "
                       "Link with Greater Manchester Police about the line's Manchester end.")


def _domestic_servitude(d: _Demo) -> None:
    """Domestic servitude: allocated, not yet started. A disclosure to immigration enforcement was
    asked for and refused by the supervisor."""
    case = d.record(
        d.investigator, WY, 3, d.day(28), [Offence.MSA_S1], [ExploitationType.DOMESTIC_SERVITUDE],
        "Referred by a charity: a woman working unpaid as a live-in housekeeper and nanny for a family in "
        "Wakefield for four years; passport held by the employers.", Industry.DOMESTIC_HOUSEHOLD,
        exploitation_location=ExploitationLocation.UK_AND_OVERSEAS)
    victim = d.person(d.investigator, case, "servitude_victim", InvolvementRole.VICTIM, spoken_to_ago=27,
                      date_of_birth=date(1990, 11, 2), gender="female", nationality="Nigerian",
                      languages=["Yoruba", "English"])
    d.person(d.investigator, case, "servitude_employer", InvolvementRole.SUSPECT,
             date_of_birth=date(1975, 6, 5), gender="male", nationality="British",
             addresses=["14 Sample Road, Wakefield"])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, 27)
    d.owed(d.investigator, victim, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 27, given=26,
           how="In person, referred to the victim care contract")
    d.refer(d.investigator, victim, started=27, submitted=25, consent=CONSENTED,
            uk_cities=["Wakefield"], overseas_countries=["Nigeria"],
            what_happened="Came to the UK on a domestic worker visa with a family she had worked for "
                          "abroad. Worked from 06:00 to midnight cooking, cleaning and caring for three "
                          "children, never paid, never allowed out alone.",
            how_exploitation_started="Offered a job abroad through her church; the family paid for the visa.",
            living_conditions="A mattress in the children's room; ate leftovers.",
            treatment="Passport kept by the employers; told she would be arrested if she left.",
            exploitation_start=date(2022, 8, 1), exploitation_end=d.day(28),
            still_in_exploitative_situation=False, current_city="Leeds",
            immigration_status="Overstayed an overseas domestic worker visa")
    d.triage_and_allocate(case, triaged_ago=25, allocated_ago=21, supervisor=d.lead)
    d.interpreter(d.investigator, victim, "Yoruba", "female", "Interpreter Y. Sample")
    d.supporter(d.vlo, victim, SupportAssignment.Kind.SUPPORT_WORKER,
                "Alex Sample (victim care contract)", _phone(402), 22)
    d.disclose(d.investigator, victim, 20, purpose=Purpose.IMMIGRATION_OFFENCE_SUSPECTED,
               legal_basis=LegalBasis.IAA_1999_S20,
               what_shared="Name, date of birth and passport details; she says she overstayed her visa.",
               recipient=IMMIGRATION_ENFORCEMENT, victim_told=False,
               reason_not_told="Not yet told: she will be told at the next contact with her interpreter.",
               refused_ago=19,
               refusal_note="Refused. She is in the NRM and protected from immigration enforcement until "
                            "the conclusive grounds decision; sharing serves no policing purpose now. "
                            "Her support worker will link her to a regulated immigration adviser.")


def _cannabis(d: _Demo) -> None:
    """Cannabis cultivation: the gardener is a victim and a suspect (s45 to consider). Positive
    reasonable grounds (30-day recovery period); a disclosure awaits the supervisor's approval."""
    case = d.record(
        d.investigator, WY, 4, d.day(75), [Offence.MSA_S2], [ExploitationType.CRIMINAL_CANNABIS],
        "Warrant at a house in Bradford converted into a cannabis farm (about 400 plants). A young man "
        "found locked inside tending the plants; arrested, then treated as a potential victim.",
        Industry.DRUG_SUPPLY, exploitation_location=ExploitationLocation.UK_AND_OVERSEAS,
        organised_crime_involved=True)
    gardener = d.person(d.investigator, case, "cannabis_gardener", InvolvementRole.VICTIM_AND_SUSPECT,
                        spoken_to_ago=74, date_of_birth=d.today - timedelta(days=19 * 365 + 200),
                        gender="male", nationality="Vietnamese", languages=["Vietnamese"])
    d.person(d.investigator, case, "cannabis_landlord", InvolvementRole.SUSPECT, gender="male",
             nationality="British", addresses=["12 Sample Road, Bradford"], phones=[_phone(515)])
    d.safe(d.investigator, gardener, SafetyArrangement.Place.SAFE_HOUSE, 74, hour=19,
           notes="Released from custody to a safe house the same evening.")
    d.triage_and_allocate(case, triaged_ago=74, allocated_ago=73, started_ago=73)
    referral = d.refer(
        d.investigator, gardener, started=74, submitted=73, consent=CONSENTED,
        uk_cities=["Bradford"], overseas_countries=["Vietnam"],
        what_happened="Travelled overland and by lorry to the UK owing a smuggling debt; taken straight "
                      "to a house where he was locked in to water and feed cannabis plants.",
        how_exploitation_started="A debt of about $20,000 to the people who arranged his journey.",
        living_conditions="Slept on the floor between the plants; windows boarded; food left weekly.",
        treatment="Locked in; told his family in Vietnam would pay if he ran.",
        exploitation_start=d.day(200), exploitation_end=d.day(75), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="No leave: entered clandestinely")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(50))
    d.interpreter(d.investigator, gardener, "Vietnamese", "male", "Interpreter V. Specimen")
    d.supporter(d.vlo, gardener, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, 73)
    d.owed(d.investigator, gardener, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 74, given=74,
           how="In custody, with a telephone interpreter")
    d.contact(d.vlo, gardener, 40, Contact.Method.IN_PERSON,
              "Explained the recovery period and that the s45 defence is being considered.",
              interpreter_used=True)
    d.line(case, "Consider the s45 defence for the cultivation offence: compulsion, and whether a "
                 "reasonable person would have had no realistic alternative", 73)
    d.line(case, "Trace the property's owner and lettings agent", 73, 52,
           "Let through an agent to a false identity; the landlord is suspected of knowing.")
    d.review(case, 45, "Keep the s45 line open until the CPS gives early advice; do not charge the "
                       "gardener meanwhile.")
    d.disclose(d.investigator, gardener, 3, purpose=Purpose.PREVENTION_OR_DETECTION_OF_CRIME,
               legal_basis=LegalBasis.IAA_1999_S20,
               what_shared="Fingerprints and custody photograph, to identify the smuggling network "
                           "from its other victims.",
               recipient="Immigration Enforcement Criminal and Financial Investigation, Yorkshire",
               victim_told=True)


def _food_factory_waiting(d: _Demo) -> None:
    """Recorded by a frontline officer over a month ago and still waiting for triage."""
    victim = d.encounter(
        d.officer, WY, 5, 41, SafetyArrangement.Place.HOTEL_OR_BB, [ExploitationType.LABOUR],
        victim="factory_worker",
        seen="Woman approached officers at a bus stop at 05:00 asking for help: works nights at a food "
             "packing factory through a man who takes her wages.",
        date_of_birth=date(1985, 6, 19), gender="female", nationality="Polish", languages=["Polish"])
    d.describe(d.investigator, victim.investigation, [Offence.MSA_S1],
               [ExploitationType.LABOUR], "Night shifts at a food packing factory in Wakefield arranged by "
               "a man who holds her bank card and takes her wages for rent.", Industry.FOOD_PROCESSING)
    d.given_referral_to_support(d.officer, victim, 40, "In person, with a telephone interpreter")
    d.interpreter(d.officer, victim, "Polish", "female", "Interpreter P. Example")
    d.refer(d.officer, victim, started=41, submitted=40, consent=CONSENTED, uk_cities=["Wakefield"],
            what_happened="Recruited in Poland for factory work. A man who met her at the airport opened a "
                          "bank account for her, keeps the card and gives her £20 a week.",
            how_exploitation_started="A job offer from an acquaintance of her cousin.",
            living_conditions="A house shared by eleven workers, three to a room.",
            treatment="Told she owes for the flight, rent and transport; shouted at, never hit.",
            exploitation_start=d.day(330), exploitation_end=d.day(41),
            still_in_exploitative_situation=False, current_city="Leeds",
            immigration_status="EU Settlement Scheme: settled status")


def _nail_bar_new(d: _Demo) -> None:
    """Recorded yesterday by a frontline officer: an NRM referral in draft, a Victims' Code
    referral to support services due."""
    victim = d.encounter(
        d.officer, WY, 6, 1, SafetyArrangement.Place.SAFE_HOUSE, [ExploitationType.LABOUR],
        victim="nail_bar_worker",
        seen="Welfare visit to a nail bar with the local authority: a young woman sleeping in the back "
             "room, frightened to speak in front of the manager.",
        date_of_birth=date(2003, 8, 12), gender="female", nationality="Vietnamese",
        languages=["Vietnamese"])
    d.person(d.officer, victim.investigation, "nail_bar_owner", InvolvementRole.SUSPECT, gender="female",
             addresses=["1 Example Street, Leeds"])
    draft = referrals.referral_start(user=d.officer, involvement_id=victim.pk, consent=CONSENTED)
    referrals.referral_update(user=d.officer, referral_id=draft.pk, version=draft.version,
                              uk_cities=["Leeds"],
                              what_happened="Works twelve hours a day in a nail bar and sleeps in the "
                                            "back room; has not been paid.")
    _backdate(Referral, draft.pk, created_at=d.at(1, 15))


def _construction_triaged(d: _Demo) -> None:
    """Triaged, waiting to be allocated: an intelligence-led construction case, victims not yet
    spoken to."""
    case = d.record(
        d.investigator, WY, 7, d.day(12), [Offence.MSA_S1], [ExploitationType.LABOUR],
        "Intelligence from the GLAA: labourers on building sites across West Yorkshire collected from a "
        "house each morning by the same van; wages paid into accounts controlled by a gangmaster.",
        Industry.CONSTRUCTION, organised_crime_involved=True, nim_level=NimLevel.CROSS_BORDER)
    d.person(d.investigator, case, "site_labourer", InvolvementRole.VICTIM, gender="male",
             nationality="Sudanese", languages=["Arabic"], estimated_age=30)
    d.person(d.investigator, case, "gangmaster", InvolvementRole.SUSPECT, gender="male",
             phones=[_phone(777)], addresses=["45 Example Street, Huddersfield"])
    d.move(d.lead, case, Status.TRIAGED, 9, note="Modern slavery confirmed; needs the specialist unit "
           "and early financial work. Awaiting capacity.")


def _packhouse_closed(d: _Demo) -> None:
    """Closed normally after conviction: every victim spoken to and told, every line closed, a
    supervisor review recorded. Reasonable and conclusive grounds both positive."""
    case = d.record(
        d.investigator, WY, 8, d.day(430), [Offence.MSA_S1, Offence.MSA_S2], [ExploitationType.LABOUR],
        "Workers at a vegetable packhouse near Selby housed and transported by a gangmaster who took "
        "most of their wages. Gangmaster convicted and sentenced to six years; STPO made.",
        Industry.AGRICULTURE)
    victim = d.person(d.investigator, case, "packhouse_worker", InvolvementRole.VICTIM, spoken_to_ago=429,
                      date_of_birth=date(1992, 3, 14), gender="male", nationality="Ghanaian",
                      languages=["English"])
    d.person(d.investigator, case, "farm_boss", InvolvementRole.SUSPECT, gender="male",
             nationality="British", date_of_birth=date(1969, 9, 9))
    d.triage_and_allocate(case, triaged_ago=428, allocated_ago=425, started_ago=425)
    referral = d.refer(
        d.investigator, victim, started=428, submitted=427, consent=CONSENTED, uk_cities=["Selby"],
        interpreter_language="",
        what_happened="Packed vegetables twelve hours a day; the gangmaster took rent, transport and "
                      "'fees' from his wages, leaving about £30 a week.",
        how_exploitation_started="Recruited at a church in London with the offer of farm work.",
        living_conditions="A static caravan shared with five others.",
        treatment="Threatened with eviction and with the police; bank card kept by the gangmaster.",
        exploitation_start=d.day(700), exploitation_end=d.day(430), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="Skilled worker visa, sponsor licence revoked")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(410))
    d.decision(d.investigator, referral, DecisionStage.CONCLUSIVE_GROUNDS, d.day(250))
    d.supporter(d.vlo, victim, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, 425)
    d.line(case, "Payroll and bank records from the packhouse and the gangmaster", 425, 300,
           "Wages paid into accounts the gangmaster controlled; £210,000 over two years.")
    d.line(case, "Identify and speak to the other workers housed at the caravans", 425, 330,
           "Eleven workers traced; four gave statements.")
    d.review(case, 320, "Evidence supports charge without relying on the victims alone: submit to the CPS.")
    d.move(d.investigator, case, Status.WITH_JUSTICE, 300, note="Charged with s1 and s2 offences.")
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_CHARGED, 300, given=300, how="Phone call",
           given_by=d.vlo)
    d.owed(d.investigator, victim, UpdateKind.CASE_OUTCOME_AND_SENTENCE, 33, given=32,
           how="In person: convicted, six years, with a slavery and trafficking prevention order",
           given_by=d.vlo)
    d.told_of_closure(d.vlo, victim, 31)
    d.close(d.investigator, case, OutcomeType.CHARGED, 30)
    d.owed(d.investigator, victim, UpdateKind.INVESTIGATION_CLOSED, 30, given=30, how="Letter",
           given_by=d.vlo)


def _hotel_closed_by_override(d: _Demo) -> None:
    """Closed by a supervisor's override: the victim went home and could not be told."""
    case = d.record(
        d.investigator, WY, 9, d.day(200), [Offence.MSA_S2], [ExploitationType.SEXUAL],
        "A woman found by hotel staff in Leeds after being advertised online for sex; she said she had "
        "been moved between hotels by men she could not name.", Industry.HOSPITALITY)
    victim = d.person(d.investigator, case, "hotel_victim", InvolvementRole.VICTIM, spoken_to_ago=199,
                      date_of_birth=date(1999, 1, 25), gender="female", nationality="Nigerian",
                      languages=["English"])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, 199)
    d.triage_and_allocate(case, triaged_ago=197, allocated_ago=195, started_ago=195)
    d.line(case, "Hotel bookings and payment cards", 195, 150, "Bookings made with stolen cards; no suspect.")
    d.line(case, "Advertising website: subscriber data", 195, 120, "Accounts registered abroad; no suspect.")
    d.review(case, 110, "No suspect identified after all reasonable lines. Close once she is told.")
    for days_ago, summary in ((100, "No answer on her phone; message left."),
                              (90, "Support provider says she returned to Nigeria in August."),
                              (70, "Asked the support provider to pass on a message; no reply.")):
        d.contact(d.vlo, victim, days_ago, Contact.Method.PHONE if days_ago == 100
                  else Contact.Method.THROUGH_SUPPORT_WORKER, summary)
    d.close(d.supervisor, case, OutcomeType.NO_SUSPECT_IDENTIFIED, 60,
            override_reason="She returned home through the voluntary returns service and three attempts "
                            "to reach her have failed (see contacts). All lines are closed and no suspect "
                            "is identified; the VLO will tell her if she gets in touch.")


def _shoplifting_closed(d: _Demo) -> None:
    """Forced shoplifting, closed normally: evidential difficulties, the victim does not support."""
    case = d.record(
        d.investigator, WY, 10, d.day(180), [Offence.MSA_S2], [ExploitationType.CRIMINAL_OTHER],
        "A man arrested for shoplifting in Bradford said he was made to steal to order by the man he "
        "lived with.", Industry.OTHER)
    victim = d.person(d.investigator, case, "shoplifting_victim", InvolvementRole.VICTIM_AND_SUSPECT,
                      spoken_to_ago=180, date_of_birth=date(1986, 4, 4), gender="male",
                      nationality="Romanian", languages=["Romanian"])
    d.person(d.investigator, case, "shoplifting_suspect", InvolvementRole.SUSPECT, gender="male",
             addresses=["3 Example Street, Bradford"])
    d.triage_and_allocate(case, triaged_ago=176, allocated_ago=172, started_ago=170)
    d.line(case, "Shop CCTV and the suspect's phone", 170, 120,
           "Suspect seen nearby on two occasions; nothing shows direction.")
    d.review(case, 100, "The victim has withdrawn support; no independent evidence. Close with outcome 16.")
    d.told_of_closure(d.vlo, victim, 91)
    d.close(d.investigator, case, OutcomeType.SUSPECT_EVIDENTIAL_DIFFICULTIES_VICTIM_DECLINES, 90)
    d.owed(d.investigator, victim, UpdateKind.INVESTIGATION_CLOSED, 90, given=90,
           how="Phone call with an interpreter", given_by=d.vlo)


def _farm_with_justice(d: _Demo) -> None:
    """Labour exploitation on farms: charged, with the CPS."""
    case = d.record(
        d.investigator, WY, 11, d.day(260), [Offence.MSA_S1], [ExploitationType.LABOUR],
        "Men recruited in Poland to pick vegetables, housed in a barn, wages withheld. Farm labour "
        "provider charged; awaiting trial.", Industry.AGRICULTURE)
    victim = d.person(d.investigator, case, "farm_victim", InvolvementRole.VICTIM, spoken_to_ago=259,
                      date_of_birth=date(1979, 2, 2), gender="male", nationality="Polish",
                      languages=["Polish"])
    d.triage_and_allocate(case, triaged_ago=258, allocated_ago=255, started_ago=254)
    d.owed(d.investigator, victim, UpdateKind.REFERRAL_TO_SUPPORT_SERVICES, 259, given=258,
           how="Referred to the victim care contract")
    d.interpreter(d.investigator, victim, "Polish", "male", "Interpreter P. Example")
    d.line(case, "Statements from the other pickers", 254, 150, "Six statements taken.")
    d.review(case, 140, "Ready for a charging decision.")
    d.move(d.investigator, case, Status.WITH_JUSTICE, 120, note="Charged on CPS advice.")
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_CHARGED, 120, given=119, how="Phone call",
           given_by=d.vlo)
    d.owed(d.investigator, victim, UpdateKind.BAIL_CONDITIONS_CHANGED, 8)  # not told: overdue


def _cleaning_further_recovery(d: _Demo) -> None:
    """Office cleaning crews run by an organised group, allocated to the regional unit's team: the
    victim was granted a further recovery period (allowed from 30 January 2023)."""
    case = d.record(
        d.investigator, WY, 12, d.day(160), [Offence.MSA_S1, Offence.MSA_S2], [ExploitationType.LABOUR],
        "Night cleaning crews in offices across Leeds and Sheffield supplied by a company whose "
        "directors control the workers' bank accounts and housing.", Industry.CLEANING,
        exploitation_location=ExploitationLocation.UK_AND_OVERSEAS, organised_crime_involved=True,
        nim_level=NimLevel.CROSS_BORDER)
    victim = d.person(d.investigator, case, "cleaning_victim", InvolvementRole.VICTIM, spoken_to_ago=158,
                      date_of_birth=date(1983, 12, 1), gender="female", nationality="Filipino",
                      languages=["Tagalog", "English"], phones=[_phone(620)])
    d.person(d.investigator, case, "cleaning_boss", InvolvementRole.SUSPECT, gender="male",
             nationality="British", addresses=["10 Example Street, Sheffield"])
    d.safe(d.investigator, victim, SafetyArrangement.Place.SAFE_HOUSE, 158)
    d.triage_and_allocate(case, triaged_ago=157, allocated_ago=150, started_ago=149, team=Team.ROCU)
    referral = d.refer(
        d.investigator, victim, started=157, submitted=156, consent=CONSENTED,
        uk_cities=["Leeds", "Sheffield"], overseas_countries=["Philippines"],
        what_happened="Recruited abroad for cleaning work with a fee of £4,000 deducted from wages. "
                      "Cleaned offices at night and a director's house by day, for almost no pay.",
        how_exploitation_started="A recruitment agency abroad charged a fee and arranged a visa.",
        living_conditions="A two-bedroom flat shared by nine cleaners.",
        treatment="Bank card and passport kept by a director; threatened with deportation.",
        exploitation_start=date(2024, 2, 1), exploitation_end=d.day(160),
        still_in_exploitative_situation=False, current_city="Leeds",
        immigration_status="Seasonal worker visa expired; asylum not claimed")
    d.decision(d.investigator, referral, DecisionStage.REASONABLE_GROUNDS, d.day(130))
    decisions.further_recovery_record(
        user=d.investigator, referral_id=referral.pk, on=d.day(35), days=45,
        reason="She is a key witness and at risk of re-trafficking; her support provider asked for "
               "more time while the trial date is set.")
    d.interpreter(d.investigator, victim, "Tagalog", "female", "Interpreter T. Sample")
    d.supporter(d.vlo, victim, SupportAssignment.Kind.VLO, VLO_NAME, VLO_CONTACT, 149)
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_ARRESTED, 100, given=99, how="In person",
           given_by=d.vlo)
    d.owed(d.investigator, victim, UpdateKind.SUSPECT_RELEASED_ON_BAIL_OR_RUI, 98, given=98,
           how="Phone call: released on bail, not to contact any worker", given_by=d.vlo)
    d.line(case, "Company accounts and directors' bank accounts (regional financial investigators)", 149)
    d.line(case, "Identify the other cleaners from rotas and building access records", 149, 90,
           "Twenty-three cleaners identified; seven gave statements.")
    d.review(case, 80, "Joint work with the regional unit is going well; set a date for a file to the CPS.")


def _greater_manchester(d: _Demo) -> None:
    """Greater Manchester Police: a new car wash case whose suspect's phone matches one in West
    Yorkshire, and a triaged county line with a young person whose age is not sure."""
    victim = d.encounter(
        d.gmp, GMP, 1, 6, SafetyArrangement.Place.HOTEL_OR_BB, [ExploitationType.LABOUR],
        victim="gmp_car_wash_victim",
        seen="Hand car wash in Salford: workers living above the premises.",
        date_of_birth=date(1996, 9, 9), gender="male", nationality="Albanian", languages=["Albanian"])
    d.person(d.gmp, victim.investigation, "gmp_car_wash_owner", InvolvementRole.SUSPECT, gender="male",
             phones=[SHARED_SUSPECT_PHONE], addresses=["45 Placeholder Avenue, Manchester"])
    d.given_referral_to_support(d.gmp, victim, 5, "In person, with a telephone interpreter")
    draft = referrals.referral_start(user=d.gmp, involvement_id=victim.pk, consent=CONSENTED)
    _backdate(Referral, draft.pk, created_at=d.at(5, 14))

    case = d.record(
        d.gmp, GMP, 2, d.day(20), [Offence.MSA_S1], [ExploitationType.CRIMINAL_COUNTY_LINES],
        "A young person stopped at Manchester Piccadilly with drugs wrapped for sale, on his way to "
        "Leeds. Says he is 18; looks younger.", Industry.DRUG_SUPPLY, nim_level=NimLevel.CROSS_BORDER)
    runner = d.person(d.gmp, case, "gmp_runner", InvolvementRole.VICTIM, spoken_to_ago=20, gender="male",
                      nationality="British", estimated_age=18, age_disputed=True, languages=["English"])
    d.safe(d.gmp, runner, SafetyArrangement.Place.LOCAL_AUTHORITY, 20, hour=22)
    d.refer(d.gmp, runner, started=19, submitted=19, uk_cities=["Manchester", "Leeds"],
            interpreter_language="",
            what_happened="Carrying drugs by train from Manchester to Leeds for people he owes money to.",
            how_exploitation_started="Offered money to carry a bag; later told he owed for a lost package.",
            living_conditions="Lives at home; stays in flats in Leeds for days at a time.",
            treatment="Threatened and assaulted when a package went missing.",
            exploitation_start=d.day(90), exploitation_end=d.day(20), still_in_exploitative_situation=True,
            current_city="Manchester", immigration_status="British citizen",
            local_authority_name="Manchester City Council", local_authority_phone="0161 496 0456")
    d.move(d.gmp, case, Status.TRIAGED, 18, note="Age assessment requested; link with West Yorkshire.")

    case = d.record(
        d.gmp, GMP, 3, d.day(33), [Offence.MSA_S2], [ExploitationType.SEXUAL],
        "A woman seen being dropped at different flats each night by the same car; a neighbour reported "
        "it.", Industry.BROTHEL_SEX_INDUSTRY)
    d.person(d.gmp, case, "gmp_flat_victim", InvolvementRole.VICTIM, gender="female",
             nationality="Eritrean", estimated_age=25)
    d.person(d.gmp, case, "gmp_flat_witness", InvolvementRole.WITNESS, gender="female",
             phones=[_phone(888)], addresses=["9 Example Street, Manchester"])


BUILDERS = (
    _car_wash, _brothel, _county_lines_child, _domestic_servitude, _cannabis, _food_factory_waiting,
    _nail_bar_new, _construction_triaged, _packhouse_closed, _hotel_closed_by_override,
    _shoplifting_closed, _farm_with_justice, _cleaning_further_recovery, _greater_manchester,
)


def demo_investigations() -> QuerySet[Investigation]:
    return Investigation.objects.filter(crime_reference__contains=DEMO_MARK)


def demo_cases_load() -> int:
    """Record the demo investigations through the services; 0 if they are already there."""
    if not settings.IS_DEMO:
        raise ImproperlyConfigured("The demo cases load only with LANTERN_ENV=demo.")
    if demo_investigations().exists():
        return 0
    with transaction.atomic():
        demo = _Demo.start()
        for build in BUILDERS:
            build(demo)
        return demo_investigations().count()
