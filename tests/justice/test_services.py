"""Justice on a real database: s45 considerations, CPS to sentence, orders, disruptions."""

from datetime import date

import pytest

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases import services as cases
from lantern.cases.models import Investigation
from lantern.cases.rules import ExploitationType, InvolvementRole, Offence
from lantern.justice.models import CpsReferral, Prosecution, S45Consideration
from lantern.justice.rules.disruptions import Impact, Tactic, ThreatType
from lantern.justice.rules.orders import OrderKind
from lantern.justice.rules.prosecution import ChargeDecision, NonConvictionReason, ReferralKind, Verdict
from lantern.justice.services import disruptions, orders, prosecution, s45
from lantern.justice.services.common import JusticeRefused
from lantern.problems import EditConflict
from lantern.safeguarding.models import VictimUpdate
from tests import factories

pytestmark = pytest.mark.django_db
CHILD_YES = {"direct_consequence_of_being_a_victim": True, "reasonable_person_would_do_the_act": True}
ADULT_YES = {"compelled": True, "compulsion_attributable_to_slavery_or_exploitation": True,
             "no_realistic_alternative": True}


def _cannabis_farm(investigator, offences=(Offence.SOA_2003_S59A,)):  # type: ignore[no-untyped-def]
    case = factories.investigation(investigator, offences=list(offences),
                                   exploitation_types=[ExploitationType.CRIMINAL_CANNABIS])
    gardener = cases.person_add_to_investigation(
        user=investigator, investigation_id=case.pk, role=InvolvementRole.VICTIM_AND_SUSPECT,
        first_name="Minh", estimated_age=16)
    return case, gardener


def test_a_childs_defence_applies_and_a_modern_slavery_crime_is_recorded_for_the_exploiter() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case, gardener = _cannabis_farm(investigator)
    consideration = s45.s45_consider(
        user=investigator, involvement_id=gardener.pk, offence="Production of cannabis",
        answers=CHILD_YES, offence_pursued=False, rationale="Kept locked in; fed by the group")
    assert consideration.age_group == "under_18" and consideration.defence_applies
    crime = consideration.exploiter_crime
    assert crime is not None and crime != case
    assert set(crime.offences.values_list("offence", flat=True)) == {"msa_2015_s1", "msa_2015_s2"}
    assert crime.involvements.get().person == gardener.person
    assert crime.involvements.get().role == "victim"


def test_when_the_investigation_already_records_slavery_it_stands_against_the_exploiter() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case, gardener = _cannabis_farm(investigator, offences=(Offence.MSA_S2,))
    consideration = s45.s45_consider(user=investigator, involvement_id=gardener.pk,
                                     offence="Cannabis production", answers=CHILD_YES,
                                     offence_pursued=False, rationale="As found")
    assert consideration.exploiter_crime == case
    assert Investigation.objects.count() == 1


def test_an_adult_faces_the_compulsion_tests_and_every_test_must_be_answered() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    adult = cases.person_add_to_investigation(user=investigator, investigation_id=case.pk,
                                              role=InvolvementRole.VICTIM_AND_SUSPECT, estimated_age=30)
    with pytest.raises(JusticeRefused) as refused:
        s45.s45_consider(user=investigator, involvement_id=adult.pk, offence="Theft",
                         answers=CHILD_YES, offence_pursued=True, rationale="x")
    assert len(refused.value.messages) == 3
    assert not S45Consideration.objects.exists()
    done = s45.s45_consider(user=investigator, involvement_id=adult.pk, offence="Theft",
                            answers={**ADULT_YES, "no_realistic_alternative": False},
                            offence_pursued=True, rationale="Had a way out")
    assert done.age_group == "adult" and not done.defence_applies and done.exploiter_crime is None


def test_a_schedule_4_offence_given_the_defence_is_refused_and_nothing_written() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    _, gardener = _cannabis_farm(investigator)
    with pytest.raises(JusticeRefused, match="Schedule 4"):
        s45.s45_consider(user=investigator, involvement_id=gardener.pk, offence="Wounding with intent",
                         schedule4_code="oapa_1861_s18", answers=CHILD_YES, offence_pursued=False,
                         rationale="x")
    with pytest.raises(JusticeRefused, match="not an offence in Schedule 4"):
        s45.s45_consider(user=investigator, involvement_id=gardener.pk, offence="x",
                         schedule4_code="no_such_thing", answers=CHILD_YES, offence_pursued=True,
                         rationale="x")
    assert not S45Consideration.objects.exists() and Investigation.objects.count() == 1


def test_charging_a_victim_suspect_waits_for_the_s45_consideration_and_victims_are_owed_updates() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case, gardener = _cannabis_farm(investigator)
    victim = factories.victim(investigator, case, first_name="Other")
    referral = prosecution.cps_referral_record(user=investigator, involvement_id=gardener.pk,
                                               kind=ReferralKind.CHARGING_DECISION,
                                               referred_on=date(2026, 11, 10))
    assert AuditEvent.objects.filter(action=Action.DISCLOSURE, recipient="Crown Prosecution Service").exists()
    with pytest.raises(JusticeRefused, match="s45 defence before a charging decision"):
        prosecution.charging_decision_record(user=investigator, referral_id=referral.pk,
                                             decision=ChargeDecision.CHARGE, decided_on=date(2026, 11, 12),
                                             charges="Production of cannabis")
    s45.s45_consider(user=investigator, involvement_id=gardener.pk, offence="Production of cannabis",
                     answers={**CHILD_YES, "reasonable_person_would_do_the_act": False},
                     offence_pursued=True, rationale="Recruited others freely")
    prosecution.charging_decision_record(user=investigator, referral_id=referral.pk,
                                         decision=ChargeDecision.CHARGE, decided_on=date(2026, 11, 12),
                                         charges="Production of cannabis")
    assert VictimUpdate.objects.get(involvement=victim).kind == "suspect_charged"
    trial = Prosecution.objects.get(referral=referral)
    with pytest.raises(JusticeRefused):
        prosecution.verdict_record(user=investigator, prosecution_id=trial.pk, version=1,
                                   verdict=Verdict.ACQUITTED, verdict_on=date(2026, 11, 20))
    with pytest.raises(JusticeRefused):
        prosecution.verdict_record(user=investigator, prosecution_id=trial.pk, version=1,
                                   verdict=Verdict.GUILTY_PLEA, verdict_on=date(2026, 11, 1))
    prosecution.verdict_record(user=investigator, prosecution_id=trial.pk, version=1,
                               verdict=Verdict.ACQUITTED, verdict_on=date(2026, 11, 20),
                               non_conviction_reason=NonConvictionReason.VICTIM_NOT_SUPPORTING)
    with pytest.raises(EditConflict):
        prosecution.verdict_record(user=investigator, prosecution_id=trial.pk, version=1,
                                   verdict=Verdict.GUILTY_PLEA, verdict_on=date(2026, 11, 21))
    kinds = set(VictimUpdate.objects.filter(involvement=victim).values_list("kind", flat=True))
    assert kinds == {"suspect_charged", "case_outcome_and_sentence"}


def test_an_ordinary_suspect_is_charged_without_a_consideration() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    suspect = cases.person_add_to_investigation(user=investigator, investigation_id=case.pk,
                                                role=InvolvementRole.SUSPECT, first_name="Boss")
    referral = prosecution.cps_referral_record(user=investigator, involvement_id=suspect.pk,
                                               kind=ReferralKind.CHARGING_DECISION,
                                               referred_on=date(2026, 11, 10), modern_slavery_flagged=True)
    prosecution.charging_decision_record(user=investigator, referral_id=referral.pk,
                                         decision=ChargeDecision.CHARGE, decided_on=date(2026, 11, 12),
                                         charges="MSA 2015 s2")
    assert CpsReferral.objects.get().modern_slavery_flagged


def test_orders_need_a_relevant_offender_for_prevention_and_breaches_are_new_crimes() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    suspect = cases.person_add_to_investigation(user=investigator, investigation_id=case.pk,
                                                role=InvolvementRole.SUSPECT, first_name="Boss")
    with pytest.raises(JusticeRefused, match="risk order"):
        orders.order_apply(user=investigator, subject_id=suspect.person_id, kind=OrderKind.STPO,
                           applied_on=date(2026, 6, 1), managing_officer_id=investigator.pk)
    order = orders.order_apply(user=investigator, subject_id=suspect.person_id, kind=OrderKind.STRO,
                               applied_on=date(2026, 6, 1), managing_officer_id=investigator.pk,
                               investigation_id=case.pk)
    with pytest.raises(JusticeRefused, match="cannot end"):
        orders.order_grant(user=investigator, order_id=order.pk, version=1, granted_on=date(2026, 6, 10),
                           starts_on=date(2026, 6, 10), ends_on=date(2026, 6, 1),
                           review_on=date(2026, 12, 1), prohibitions=["No contact with workers"])
    orders.order_grant(user=investigator, order_id=order.pk, version=1, granted_on=date(2026, 6, 10),
                       starts_on=date(2026, 6, 10), ends_on=date(2028, 6, 10), review_on=date(2026, 12, 1),
                       prohibitions=["No contact with workers", "No gangmaster activity"])
    tasks = orders.order_tasks(user=investigator, on=date(2026, 11, 24))
    assert len(tasks) == 1 and "Review due" in tasks[0].due[0]
    breach = orders.order_breach_record(user=investigator, order_id=order.pk, breached_on=date(2026, 11, 1),
                                        description="Seen supplying workers")
    assert breach.crime.offences.get().offence == "msa_2015_s30"
    with pytest.raises(JusticeRefused):
        orders.order_breach_record(user=investigator, order_id=order.pk, breached_on=date(2026, 1, 1),
                                   description="Before the order")


def test_disruptions_need_threat_types_and_count_once_each() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    with pytest.raises(JusticeRefused):
        disruptions.disruption_record(user=investigator, on=date(2026, 11, 1), threat_types=[],
                                      tactic=Tactic.ARREST, impact=Impact.MAJOR, impact_rationale="x",
                                      description="x", investigation_id=case.pk)
    disruptions.disruption_record(
        user=investigator, on=date(2026, 11, 1),
        threat_types=[ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING, ThreatType.MONEY_LAUNDERING],
        tactic=Tactic.ASSET_SEIZURE, impact=Impact.MAJOR, impact_rationale="£200k seized",
        description="Seized the car wash takings", investigation_id=case.pk)
    disruptions.disruption_record(
        user=investigator, on=date(2026, 11, 2), threat_types=[ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING],
        tactic=Tactic.ARREST, impact=Impact.MODERATE, impact_rationale="Controller arrested",
        description="Arrest", investigation_id=case.pk)
    counts = disruptions.disruption_counts(user=investigator)
    assert counts.total == 2 and counts.by_threat[ThreatType.MODERN_SLAVERY_HUMAN_TRAFFICKING] == 2
    assert counts.overcount == 1
