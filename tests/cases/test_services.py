"""Investigations and people on a real database: lifecycle, closure guards, conflicts, audit."""

from datetime import date

import pytest

from lantern.access.scope import AccessDenied, NotVisible
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.cases import services
from lantern.cases.models import Investigation, Person
from lantern.cases.rules import IdentifierKind, InvolvementRole, OutcomeType, Status, Team
from lantern.problems import EditConflict
from tests import factories

pytestmark = pytest.mark.django_db


def _ready_to_work(investigator, supervisor) -> Investigation:  # type: ignore[no-untyped-def]
    case = factories.investigation(investigator)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=1,
                                to=Status.TRIAGED)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=2,
                                to=Status.ALLOCATED, team=Team.SPECIALIST_UNIT,
                                officer_in_charge_id=investigator.pk, supervisor_id=supervisor.pk)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=3,
                                to=Status.UNDER_INVESTIGATION)
    case.refresh_from_db()
    return case


def test_recording_an_investigation_is_audited_and_references_are_unique_per_force() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator, reference="wy/123/26")
    assert case.crime_reference == "WY/123/26" and case.status == Status.RECORDED
    assert AuditEvent.objects.filter(action=Action.COLLECTION, object_type="cases.investigation",
                                     object_id=str(case.pk)).exists()
    with pytest.raises(services.CaseRefused, match="already recorded in your force"):
        factories.investigation(investigator, reference="WY/123/26")
    other_force = factories.user(Role.INVESTIGATOR, org="greater-manchester")
    assert factories.investigation(other_force, reference="WY/123/26").pk != case.pk


def test_a_future_recorded_date_is_refused_and_nothing_is_saved() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    with pytest.raises(services.CaseRefused, match="today or in the past"):
        factories.investigation(investigator, recorded_on=date(2099, 1, 1))
    assert not Investigation.objects.exists()


def test_partners_and_auditors_cannot_record_or_see_investigations() -> None:
    for role, org in ((Role.PARTNER_AGENCY, "immigration-enforcement"), (Role.AUDITOR, "west-yorkshire")):
        with pytest.raises(AccessDenied):
            factories.investigation(factories.user(role, org=org))


def test_allocation_needs_team_officer_and_a_supervisor_from_the_force() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    not_a_supervisor = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=1,
                                to=Status.TRIAGED)
    with pytest.raises(services.CaseRefused) as refused:
        services.investigation_move(user=investigator, investigation_id=case.pk, version=2,
                                    to=Status.ALLOCATED)
    assert refused.value.messages == ["Choose the team the investigation is allocated to.",
                                      "Choose the officer in charge.", "Choose the supervisor."]
    with pytest.raises(services.CaseRefused, match="holds the supervisor role"):
        services.investigation_move(user=investigator, investigation_id=case.pk, version=2,
                                    to=Status.ALLOCATED, team=Team.CID,
                                    officer_in_charge_id=investigator.pk,
                                    supervisor_id=not_a_supervisor.pk)
    case.refresh_from_db()
    assert case.status == Status.TRIAGED and case.version == 2


def test_skipping_a_step_is_refused() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    with pytest.raises(services.CaseRefused, match="next it can be: triaged"):
        services.investigation_move(user=investigator, investigation_id=case.pk, version=1,
                                    to=Status.UNDER_INVESTIGATION)


def test_closure_is_refused_until_victims_are_spoken_to_and_told_lines_closed_and_reviewed() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    supervisor = factories.user(Role.SUPERVISOR)
    case = _ready_to_work(investigator, supervisor)
    victim = factories.victim(investigator, case, first_name="Ana")
    line = services.line_of_enquiry_raise(user=investigator, investigation_id=case.pk,
                                          description="Trace the employer's bank account")
    with pytest.raises(services.ClosureRefused) as refused:
        services.investigation_close(user=investigator, investigation_id=case.pk, version=4,
                                     outcome=OutcomeType.NO_SUSPECT_IDENTIFIED)
    assert len(refused.value.messages) == 4
    services.victim_spoken_to_record(user=investigator, involvement_id=victim.pk, on=date(2026, 11, 3))
    services.line_of_enquiry_close(user=investigator, line_id=line.pk, result="Account closed in 2025")
    services.supervisor_review_record(user=supervisor, investigation_id=case.pk, note="Reviewed")
    with pytest.raises(services.ClosureRefused) as refused:
        services.investigation_close(user=investigator, investigation_id=case.pk, version=4,
                                     outcome=OutcomeType.NO_SUSPECT_IDENTIFIED)
    assert refused.value.messages == ["Ana Example has not been told the case is closing: "
                                      "record when they were."]
    services.victim_told_of_closure_record(user=investigator, involvement_id=victim.pk,
                                           on=date(2026, 11, 20))
    closed = services.investigation_close(user=investigator, investigation_id=case.pk, version=4,
                                          outcome=OutcomeType.NO_SUSPECT_IDENTIFIED)
    assert closed.status == Status.CLOSED and closed.outcome_type == "18"
    assert not closed.closed_by_override


def test_only_a_supervisor_overrides_and_the_reason_stays_on_the_case() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    supervisor = factories.user(Role.SUPERVISOR)
    case = _ready_to_work(investigator, supervisor)
    factories.victim(investigator, case)
    with pytest.raises(services.CaseRefused, match="Only a supervisor"):
        services.investigation_close(user=investigator, investigation_id=case.pk, version=4,
                                     outcome=OutcomeType.OTHER_BODY_HAS_PRIMACY,
                                     override_reason="NCA took it")
    closed = services.investigation_close(user=supervisor, investigation_id=case.pk, version=4,
                                          outcome=OutcomeType.OTHER_BODY_HAS_PRIMACY,
                                          override_reason="NCA has taken primacy")
    assert closed.closed_by_override and closed.closure_override_by == supervisor
    assert len(closed.closure_blockers_overridden) == 3
    event = AuditEvent.objects.filter(object_id=str(case.pk), action=Action.ALTERATION).latest("sequence")
    assert event.justification == "NCA has taken primacy" and event.detail["override"] is True


def test_two_people_editing_one_investigation_are_told_and_nothing_is_overwritten() -> None:
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    services.investigation_move(user=investigator, investigation_id=case.pk, version=1,
                                to=Status.TRIAGED)
    with pytest.raises(EditConflict, match="changed by someone else"):
        services.investigation_move(user=investigator, investigation_id=case.pk, version=1,
                                    to=Status.TRIAGED)


def test_people_identifiers_and_roles() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    investigator = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(investigator)
    involvement = services.person_add_to_investigation(
        user=officer, investigation_id=case.pk, role=InvolvementRole.VICTIM_AND_SUSPECT,
        first_name="Dan", estimated_age=16, aliases=["D"])
    assert involvement.role_enum.is_victim and involvement.role_enum.is_suspect
    assert involvement.person.is_child_on(date(2026, 11, 24))
    services.identifier_add(user=officer, person_id=involvement.person.pk,
                            kind=IdentifierKind.PHONE, value="+44 7700 900123")
    with pytest.raises(services.CaseRefused, match="already has this phone"):
        services.identifier_add(user=officer, person_id=involvement.person.pk,
                                kind=IdentifierKind.PHONE, value="07700 900123")
    with pytest.raises(services.CaseRefused, match="already in investigation"):
        services.involvement_add(user=officer, investigation_id=case.pk,
                                 person_id=involvement.person.pk, role=InvolvementRole.WITNESS)
    with pytest.raises(services.CaseRefused, match="is not a victim"):
        witness = services.person_add_to_investigation(
            user=officer, investigation_id=case.pk, role=InvolvementRole.WITNESS, first_name="W")
        services.victim_spoken_to_record(user=officer, involvement_id=witness.pk, on=date(2026, 11, 1))


def test_adding_a_person_with_bad_details_saves_nothing() -> None:
    officer = factories.user(Role.FRONTLINE_OFFICER)
    case = factories.investigation(factories.user(Role.INVESTIGATOR))
    with pytest.raises(services.CaseRefused, match="Date of birth must be today"):
        services.person_add_to_investigation(user=officer, investigation_id=case.pk,
                                             role=InvolvementRole.VICTIM, first_name="X",
                                             date_of_birth=date(2099, 1, 1))
    assert not Person.objects.exists()


def test_person_update_detects_conflicts_and_records_changed_fields() -> None:
    officer = factories.user(Role.INVESTIGATOR)
    case = factories.investigation(officer)
    person = factories.victim(officer, case).person
    services.person_update(user=officer, person_id=person.pk, version=1, nationality="Albanian")
    with pytest.raises(EditConflict):
        services.person_update(user=officer, person_id=person.pk, version=1, nationality="Vietnamese")
    person.refresh_from_db()
    assert person.nationality == "Albanian"
    event = AuditEvent.objects.filter(object_type="cases.person", action=Action.ALTERATION).latest(
        "sequence")
    assert event.detail["fields"] == ["nationality"]


def test_another_forces_investigation_is_not_visible() -> None:
    mine = factories.user(Role.INVESTIGATOR)
    theirs = factories.investigation(factories.user(Role.INVESTIGATOR, org="greater-manchester"))
    with pytest.raises(NotVisible):
        services.investigation_move(user=mine, investigation_id=theirs.pk, version=1,
                                    to=Status.TRIAGED)
