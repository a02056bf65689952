"""Safeguarding on a real database: the route by the rules, referrals and notices, decisions and
the recovery period, support, Victims' Code updates and disclosures."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import override_settings

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases.rules import ExploitationType
from lantern.legal.rules import RuleKey
from lantern.legal.services import RuleRefused, legal_rule_add
from lantern.problems import EditConflict
from lantern.safeguarding import queries
from lantern.safeguarding.models import Disclosure, Referral, SafetyArrangement
from lantern.safeguarding.nrm_form import IDENTIFYING_FIELDS, fields
from lantern.safeguarding.rules.disclosure import LegalBasis, Purpose
from lantern.safeguarding.rules.nrm import ConsentRecord, Route
from lantern.safeguarding.rules.recovery import CompetentAuthority, DecisionResult, DecisionStage
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services import decisions, disclosures, encounters, referrals, support
from lantern.safeguarding.services.common import SafeguardingRefused
from tests import factories

pytestmark = pytest.mark.django_db
EXPLAINED_YES = ConsentRecord(True, True, True, True)
EXPLAINED_NO = ConsentRecord(True, True, True, False)


def _encounter(officer, **person):  # type: ignore[no-untyped-def]
    return encounters.encounter_record(
        user=officer, place_of_safety=SafetyArrangement.Place.SAFE_HOUSE,
        exploitation_types=[ExploitationType.LABOUR], what_was_seen="Car wash, 6 workers",
        **{"first_name": "Ana", "last_name": "Example", "gender": "female",
           "nationality": "Albanian", **person})


def _complete(referral: Referral, user) -> Referral:  # type: ignore[no-untyped-def]
    return referrals.referral_update(
        user=user, referral_id=referral.pk, version=referral.version,
        what_happened="Made to work 12 hours a day washing cars for no pay.",
        how_exploitation_started="Offered a job through a cousin.",
        living_conditions="Eight men in one room above the car wash.",
        treatment="Threatened, passport taken.", exploitation_start=date(2026, 5, 1),
        exploitation_end=date(2026, 11, 1), still_in_exploitative_situation=False,
        current_city="Leeds", immigration_status="Visitor visa, expired",
        exploitation_location="uk")


def test_an_encounter_records_crime_victim_safety_and_the_support_referral_owed() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    involvement = _encounter(officer, estimated_age=30)
    assert involvement.spoken_to_on is not None
    assert involvement.investigation.crime_reference.startswith("ENC-")
    assert involvement.safety_arrangements.get().place == "safe_house"
    update = involvement.updates.get()
    assert update.kind == UpdateKind.REFERRAL_TO_SUPPORT_SERVICES and update.enhanced


def test_an_encounter_at_a_police_station_without_a_reason_saves_nothing() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    with pytest.raises(SafeguardingRefused, match="last resort"):
        encounters.encounter_record(user=officer, place_of_safety="police_station",
                                    exploitation_types=[ExploitationType.SEXUAL])
    from lantern.cases.models import Investigation, Person

    assert not Investigation.objects.exists() and not Person.objects.exists()


def test_a_child_is_referred_without_consent_being_asked() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    child = _encounter(officer, estimated_age=15, reason_to_believe_child=True)
    referral = referrals.referral_start(user=officer, involvement_id=child.pk)
    assert referral.route == Route.NRM_REFERRAL and referral.age_answer == "yes"
    assert referral.consent_given is None
    assert referral.first_name == "Ana"


def test_someone_whose_age_is_not_sure_is_referred_as_a_child() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    unsure = _encounter(officer, age_disputed=True)
    referral = referrals.referral_start(user=officer, involvement_id=unsure.pk)
    assert referral.route == Route.NRM_REFERRAL and referral.age_answer == "not-sure"


def test_an_adult_needs_the_three_explanations_and_consent() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    adult = _encounter(officer, estimated_age=30)
    with pytest.raises(SafeguardingRefused) as refused:
        referrals.referral_start(user=officer, involvement_id=adult.pk)
    assert len(refused.value.messages) == 4
    with pytest.raises(SafeguardingRefused, match="support it gives"):
        referrals.referral_start(user=officer, involvement_id=adult.pk,
                                 consent=ConsentRecord(True, False, True, True))
    assert not Referral.objects.exists()
    referral = referrals.referral_start(user=officer, involvement_id=adult.pk, consent=EXPLAINED_YES)
    assert referral.route == Route.NRM_REFERRAL and referral.consent_given is True


def test_an_adult_who_declines_becomes_an_anonymous_notice() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    adult = _encounter(officer, estimated_age=30)
    notice = referrals.referral_start(user=officer, involvement_id=adult.pk, consent=EXPLAINED_NO,
                                      refusal_reason="Afraid of the employer")
    assert notice.route == Route.DUTY_TO_NOTIFY and notice.anonymous
    assert (notice.first_name, notice.last_name, notice.email, notice.phone) == ("", "", "", "")
    assert notice.gender == "female" and notice.nationality == "Albanian"
    with pytest.raises(SafeguardingRefused, match="cannot hold first_name"):
        referrals.referral_update(user=officer, referral_id=notice.pk, version=1, first_name="Ana")
    with pytest.raises(SafeguardingRefused, match="Ana"):
        referrals.referral_update(user=officer, referral_id=notice.pk, version=1,
                                  what_happened="Ana worked at the car wash")


def test_the_database_refuses_names_in_an_anonymous_notice() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    notice = referrals.referral_start(user=officer, involvement_id=_encounter(officer, estimated_age=30).pk,
                                      consent=EXPLAINED_NO)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=notice.pk).update(last_name="Example")


def test_a_notice_with_consent_holds_names_but_never_birth_date_or_phone() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    adult = _encounter(officer, estimated_age=30)
    notice = referrals.referral_start(user=officer, involvement_id=adult.pk, consent=EXPLAINED_NO,
                                      identifying_consent=True)
    assert notice.first_name == "Ana" and not notice.anonymous
    with pytest.raises(SafeguardingRefused, match="date_of_birth"):
        referrals.referral_update(user=officer, referral_id=notice.pk, version=1,
                                  date_of_birth=date(1990, 1, 1))


def test_submission_is_refused_until_complete_then_recorded_as_a_disclosure() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER, with_device=True)
    adult = _encounter(officer, estimated_age=30)
    referral = referrals.referral_start(user=officer, involvement_id=adult.pk, consent=EXPLAINED_YES)
    gaps = {gap.field for gap in referrals.referral_gaps(referral)}
    assert {"what_happened", "how_exploitation_started", "living_conditions"} <= gaps
    with pytest.raises(SafeguardingRefused):
        referrals.referral_submit(user=officer, referral_id=referral.pk, version=1)
    referral = _complete(referral, officer)
    assert referrals.referral_gaps(referral) == []
    with pytest.raises(EditConflict):
        referrals.referral_submit(user=officer, referral_id=referral.pk, version=1)
    submitted = referrals.referral_submit(user=officer, referral_id=referral.pk, version=2)
    assert submitted.state == Referral.State.SUBMITTED
    event = AuditEvent.objects.get(action=Action.DISCLOSURE, object_id=str(referral.pk))
    assert "Single Competent Authority" in event.recipient


def test_earlier_referrals_about_the_same_person_are_found() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    child = _encounter(officer, estimated_age=15)
    first = referrals.referral_start(user=officer, involvement_id=child.pk)
    assert referrals.earlier_referrals(user=officer, involvement=child) == [first]


def test_export_uses_only_the_forms_words_and_an_anonymous_notice_has_no_identity() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    adult = _encounter(officer, estimated_age=30)
    notice = referrals.referral_start(user=officer, involvement_id=adult.pk, consent=EXPLAINED_NO,
                                      refusal_reason="Scared")
    _, exported = referrals.referral_export_for_user(user=officer, referral_id=notice.pk)
    assert set(exported) <= set(fields())
    assert not set(exported) & IDENTIFYING_FIELDS
    assert "Ana" not in str(exported) and "Example" not in str(exported)
    assert AuditEvent.objects.filter(action=Action.DISCLOSURE, object_id=str(notice.pk)).exists()


def test_export_referral_command_prints_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    child = _encounter(officer, estimated_age=15)
    referral = referrals.referral_start(user=officer, involvement_id=child.pk)
    call_command("export_referral", referral.reference)
    out = capsys.readouterr().out
    assert '"pv-under-age": "yes"' in out and '"pv-name-first-name": "Ana"' in out
    with pytest.raises(Exception, match="No referral or notice has the reference"):
        call_command("export_referral", "NRM-001-999999")


def _submitted(officer):  # type: ignore[no-untyped-def]
    adult = _encounter(officer, estimated_age=30)
    referral = referrals.referral_start(user=officer, involvement_id=adult.pk, consent=EXPLAINED_YES)
    referral = _complete(referral, officer)
    return referrals.referral_submit(user=officer, referral_id=referral.pk, version=referral.version)


@pytest.mark.parametrize(("rg_date", "minimum"), [(date(2022, 12, 12), 45), (date(2022, 12, 13), 30)])
def test_the_recovery_period_uses_the_minimum_in_force_on_the_decision_date(rg_date: date,
                                                                            minimum: int) -> None:
    officer = factories.user(Role.INVESTIGATOR)
    referral = _submitted(officer)
    decisions.decision_record(user=officer, referral_id=referral.pk,
                              stage=DecisionStage.REASONABLE_GROUNDS, result=DecisionResult.POSITIVE,
                              decided_on=rg_date, authority=CompetentAuthority.SCA)
    period = decisions.recovery_period_of(referral, child=False)
    assert period is not None and period.minimum_days == minimum and period.open_ended
    cg_on = rg_date + timedelta(days=200)
    decisions.decision_record(user=officer, referral_id=referral.pk,
                              stage=DecisionStage.CONCLUSIVE_GROUNDS, result=DecisionResult.POSITIVE,
                              decided_on=cg_on, authority=CompetentAuthority.SCA)
    period = decisions.recovery_period_of(referral, child=False)
    assert period is not None and period.ends_on == cg_on


def test_a_conclusive_decision_without_a_positive_reasonable_grounds_one_is_refused() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    referral = _submitted(officer)
    with pytest.raises(SafeguardingRefused):
        decisions.decision_record(user=officer, referral_id=referral.pk,
                                  stage=DecisionStage.CONCLUSIVE_GROUNDS,
                                  result=DecisionResult.POSITIVE, decided_on=date(2026, 1, 1),
                                  authority=CompetentAuthority.SCA)


def test_a_new_legal_rule_row_applies_from_its_date_and_old_decisions_keep_theirs() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    referral = _submitted(officer)
    decisions.decision_record(user=officer, referral_id=referral.pk,
                              stage=DecisionStage.REASONABLE_GROUNDS, result=DecisionResult.POSITIVE,
                              decided_on=date(2026, 3, 1), authority=CompetentAuthority.SCA)
    with pytest.raises(RuleRefused):
        legal_rule_add(user=national, key=RuleKey.NRM_MIN_RECOVERY_DAYS, value="forty",
                       in_force_from=date(2026, 6, 1), source="Test Act 2026")
    legal_rule_add(user=national, key=RuleKey.NRM_MIN_RECOVERY_DAYS, value="60",
                   in_force_from=date(2026, 6, 1), source="Test Act 2026 s1")
    period = decisions.recovery_period_of(referral, child=False)
    assert period is not None and period.minimum_days == 30
    with pytest.raises(Exception):  # noqa: B017 -- AccessDenied: only the national unit adds rules
        legal_rule_add(user=officer, key=RuleKey.NRM_MIN_RECOVERY_DAYS, value="20",
                       in_force_from=date(2026, 7, 1), source="x")


def test_information_requests_have_due_dates_and_appear_as_tasks() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    referral = _submitted(officer)
    with pytest.raises(SafeguardingRefused, match="on or after"):
        decisions.information_request_record(user=officer, referral_id=referral.pk,
                                             received_on=date(2026, 11, 10), due_on=date(2026, 11, 1),
                                             what_is_asked="CPIA disclosure")
    request = decisions.information_request_record(
        user=officer, referral_id=referral.pk, received_on=date(2026, 11, 1),
        due_on=date(2026, 11, 8), what_is_asked="Interview transcript")
    assert queries.tasks_for(user=officer).information_requests == [request]


def test_police_station_is_a_last_resort_and_a_guardian_is_for_children() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    adult = _encounter(officer, estimated_age=30)
    with pytest.raises(SafeguardingRefused, match="last resort"):
        support.safety_arrangement_record(user=officer, involvement_id=adult.pk,
                                          place="police_station")
    with pytest.raises(SafeguardingRefused, match="for children"):
        support.support_assign(user=officer, involvement_id=adult.pk, kind="ictg", name="G")
    support.support_assign(user=officer, involvement_id=adult.pk, kind="vlo", name="PC Rahman")


def test_interpreter_brought_by_someone_present_is_refused_and_a_change_warned() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    adult = _encounter(officer, estimated_age=30)
    with pytest.raises(SafeguardingRefused):
        support.interpreter_need_set(user=officer, involvement_id=adult.pk, language="Albanian",
                                     brought_by_someone_present=True)
    support.interpreter_need_set(user=officer, involvement_id=adult.pk, language="Albanian",
                                 preferred_sex="female", interpreter_name="Interpreter A",
                                 interpreter_sex="female")
    _, warnings = support.interpreter_need_set(
        user=officer, involvement_id=adult.pk, language="Albanian", preferred_sex="female",
        interpreter_name="Interpreter B", interpreter_sex="male")
    assert len(warnings) == 2


def test_victims_code_updates_are_due_in_working_days_and_overdue_ones_are_tasks() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(officer)
    victim = factories.victim(officer, case)
    # Friday 18 December 2026: one working day is Monday 21 December.
    update = support.victim_update_owed(user=officer, involvement_id=victim.pk,
                                        kind=UpdateKind.SUSPECT_ARRESTED, event_on=date(2026, 11, 20))
    assert update.enhanced and update.due_on == date(2026, 11, 23)
    tasks = queries.tasks_for(user=officer)
    assert update in tasks.overdue_updates or update in tasks.due_updates
    support.victim_update_given(user=officer, update_id=update.pk, given_on=date(2026, 11, 23),
                                how="Phone call with interpreter")
    assert update not in queries.tasks_for(user=officer).overdue_updates


def test_disclosures_need_a_supervisor_and_are_audited_with_the_recipient() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    supervisor = factories.user(Role.SUPERVISOR)
    victim = factories.victim(officer, factories.investigation(officer))
    disclosure = disclosures.disclosure_request(
        user=officer, involvement_id=victim.pk, purpose=Purpose.PREVENTION_OR_DETECTION_OF_CRIME,
        legal_basis=LegalBasis.CCA_2013_S7, what_shared="Name and nationality",
        recipient="Immigration Enforcement NCCU", domestic_abuse_victim=False,
        evidence_of_immigration_offence=True, victim_told=True)
    assert not AuditEvent.objects.filter(action=Action.DISCLOSURE).exists()
    with pytest.raises(SafeguardingRefused):
        disclosures.disclosure_decide(user=officer, disclosure_id=disclosure.pk, approve=True)
    assert queries.tasks_for(user=supervisor).disclosures_to_approve == [disclosure]
    disclosures.disclosure_decide(user=supervisor, disclosure_id=disclosure.pk, approve=True)
    event = AuditEvent.objects.get(action=Action.DISCLOSURE)
    assert event.recipient == "Immigration Enforcement NCCU" and event.user_id == supervisor.pk


def test_domestic_abuse_victim_with_only_doubts_is_refused_unless_policy_changes() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    victim = factories.victim(officer, factories.investigation(officer))
    request = {"user": officer, "involvement_id": victim.pk, "purpose": Purpose.SAFEGUARDING,
               "legal_basis": LegalBasis.IAA_1999_S20, "what_shared": "Nationality",
               "recipient": "Immigration Enforcement", "domestic_abuse_victim": True,
               "evidence_of_immigration_offence": False, "victim_told": True}
    with pytest.raises(SafeguardingRefused, match="adviser"):
        disclosures.disclosure_request(**request)
    assert not Disclosure.objects.exists()
    with override_settings(LANTERN_REFUSE_DA_DOUBTS_ONLY=False):
        assert disclosures.disclosure_request(**request).pk


def test_sharing_just_to_establish_status_is_refused() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    victim = factories.victim(officer, factories.investigation(officer))
    with pytest.raises(SafeguardingRefused, match="immigration status"):
        disclosures.disclosure_request(
            user=officer, involvement_id=victim.pk, purpose=Purpose.ESTABLISH_IMMIGRATION_STATUS_ONLY,
            legal_basis=LegalBasis.IAA_1999_S20, what_shared="Name", recipient="IE",
            domestic_abuse_victim=False, evidence_of_immigration_offence=False, victim_told=True)


def test_a_vlo_assigned_in_lantern_sees_the_victims_updates_on_their_task_list() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    vlo = factories.user(Role.VICTIM_LIAISON_OFFICER)
    victim = factories.victim(investigator, factories.investigation(investigator), estimated_age=30)
    update = support.victim_update_owed(user=investigator, involvement_id=victim.pk,
                                        kind=UpdateKind.SUSPECT_ARRESTED, event_on=date(2026, 11, 2))
    assert update not in queries.tasks_for(user=vlo).overdue_updates
    assignment = support.support_assign(user=investigator, involvement_id=victim.pk, kind="vlo",
                                        colleague_id=vlo.pk)
    assert assignment.name == str(vlo)
    assert queries.tasks_for(user=vlo).overdue_updates == [update]
    stranger = factories.user(Role.VICTIM_LIAISON_OFFICER, org="greater-manchester")
    from lantern.access.scope import NotVisible

    with pytest.raises(NotVisible):
        support.support_assign(user=investigator, involvement_id=victim.pk, kind="vlo",
                               colleague_id=stranger.pk)


def test_the_age_answer_is_the_persons_age_on_the_day_the_referral_is_made() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    case = factories.investigation(officer)
    # 18 today, but 17 when the referral was made a year ago: referred as a child, no consent.
    born = date.today() - timedelta(days=18 * 365 + 10)
    was_child = factories.victim(officer, case, date_of_birth=born)
    referral = referrals.referral_start(user=officer, involvement_id=was_child.pk,
                                        made_on=date.today() - timedelta(days=200))
    assert referral.age_answer == "yes" and referral.route == Route.NRM_REFERRAL
    with pytest.raises(SafeguardingRefused, match="must be today or in the past"):
        referrals.referral_start(user=officer, involvement_id=was_child.pk, consent=EXPLAINED_YES,
                                 made_on=date.today() + timedelta(days=1))


def test_a_referral_made_by_another_first_responder_is_held_by_the_force_and_shows_its_maker() -> None:
    """Given a child referred by the local authority, passed to the force by the SCA, when the force
    records it, then the force holds it, the NRM form names the local authority as first
    responder, the audit says who made it, and the referral page shows it."""
    from lantern.accounts.models import Organisation

    officer = factories.user(Role.FRONTLINE_OFFICER)
    child = _encounter(officer, estimated_age=15, reason_to_believe_child=True)
    council = Organisation.objects.get(code="leeds-childrens-services")
    referral = referrals.referral_start(user=officer, involvement_id=child.pk, first_responder=council)
    assert referral.organisation == officer.organisation and referral.first_responder == council
    assert referrals.referral_content(referral).fr_organisation == council.nrm_name
    event = AuditEvent.objects.filter(object_type="safeguarding.referral", object_id=str(referral.pk)).get()
    assert event.detail["first_responder"] == "leeds-childrens-services"
    html = factories.signed_in_client(officer).get(f"/safeguarding/referrals/{referral.pk}/").content.decode()
    assert "Made by" in html and council.name.replace("'", "&#x27;") in html
    # The force's own referral names no other maker.
    own = referrals.referral_start(user=officer, involvement_id=child.pk,
                                   first_responder=officer.organisation)
    assert own.first_responder is None
