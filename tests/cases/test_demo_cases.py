"""The demo's investigations: every stage, made through the services, loaded once."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.accounts.demo_people import DEMO_PASSWORD, DEMO_PEOPLE
from lantern.accounts.models import Organisation, User
from lantern.audit.models import AuditEvent
from lantern.audit.services import chain_check
from lantern.cases.demo import demo_cases_load, demo_investigations
from lantern.cases.groups import group_view
from lantern.cases.models import Involvement, OrganisedCrimeGroup
from lantern.cases.rules import InvolvementRole, Offence, Status
from lantern.justice.models import Disruption, Order, OrderBreach, Prosecution, S45Consideration
from lantern.justice.rules.orders import OrderKind, OrderState
from lantern.justice.rules.prosecution import NonConvictionReason, Verdict
from lantern.justice.services.disruptions import disruption_counts
from lantern.justice.services.orders import order_tasks
from lantern.safeguarding.models import Disclosure, Referral, VictimUpdate
from lantern.safeguarding.nrm_form import export_problems
from lantern.safeguarding.queries import tasks_for
from lantern.safeguarding.rules.nrm import Route
from lantern.safeguarding.rules.victims_code import UpdateKind
from lantern.safeguarding.services.decisions import recovery_period_of
from lantern.safeguarding.services.referrals import referral_content
from tests import factories

pytestmark = pytest.mark.django_db


def _demo_people() -> None:
    """The demo people, loaded as ``lantern demo`` loads them."""
    factories.reference_organisations()
    for person in DEMO_PEOPLE:
        accounts.user_create(
            organisation=Organisation.objects.get(code=person.organisation_code),
            username=person.username, first_name=person.first_name, last_name=person.last_name,
            email=f"{person.username}@demo.lantern.invalid", roles=person.roles,
            password=DEMO_PASSWORD, job_title=person.job_title)


@pytest.fixture
def loaded() -> int:
    with override_settings(IS_DEMO=True):
        _demo_people()
        return demo_cases_load()


def test_the_demo_cases_load_only_in_demo_mode() -> None:
    with pytest.raises(ImproperlyConfigured, match="LANTERN_ENV=demo"):
        demo_cases_load()
    assert not demo_investigations().exists()


def test_every_stage_of_an_investigation_is_shown_in_both_forces(loaded: int) -> None:
    investigations = demo_investigations()
    assert loaded == investigations.count() >= 14
    assert set(investigations.values_list("status", flat=True)) == {s.value for s in Status}
    forces = set(investigations.values_list("organisation__code", flat=True))
    assert forces == {"west-yorkshire", "greater-manchester"}
    closed = investigations.filter(status=Status.CLOSED)
    assert closed.exclude(closure_override_reason="").count() == 1
    assert closed.filter(closure_override_reason="").exists()
    waiting = investigations.filter(status=Status.RECORDED).order_by("recorded_on").first()
    assert waiting is not None and (timezone.localdate() - waiting.recorded_on).days > 28


def test_victims_include_a_child_a_victim_and_suspect_and_both_routes_and_decisions(loaded: int) -> None:
    today = timezone.localdate()
    victims = Involvement.objects.filter(
        investigation__in=demo_investigations(),
        role__in=[InvolvementRole.VICTIM, InvolvementRole.VICTIM_AND_SUSPECT])
    assert any(v.person.is_child_on(today) for v in victims.select_related("person"))
    assert victims.filter(role=InvolvementRole.VICTIM_AND_SUSPECT).exists()

    referrals = Referral.objects.filter(state=Referral.State.SUBMITTED)
    assert referrals.filter(route=Route.NRM_REFERRAL, age_answer="yes", consent_given__isnull=True).exists()
    assert referrals.filter(route=Route.NRM_REFERRAL, consent_given=True).exists()
    notice = referrals.get(route=Route.DUTY_TO_NOTIFY)
    assert notice.anonymous
    assert (notice.first_name, notice.last_name, notice.email, notice.phone, notice.date_of_birth) == (
        "", "", "", "", None)
    for referral in referrals:
        assert export_problems(referral_content(referral)) == [], referral.reference

    # Positive reasonable grounds before 13 December 2022 (45 days) and after (30), and a
    # conclusive grounds decision.
    minimums = set()
    for referral in Referral.objects.filter(decisions__isnull=False).distinct():
        period = recovery_period_of(referral, child=referral.age_answer != "no")
        if period is not None:
            minimums.add(period.minimum_days)
    assert minimums == {45, 30}
    assert Referral.objects.filter(decisions__stage="conclusive_grounds").exists()


def test_the_task_lists_have_work_in_them(loaded: int) -> None:
    today = timezone.localdate()
    assert VictimUpdate.objects.filter(given_on__isnull=False).exists()
    investigator = tasks_for(user=User.objects.get(username="investigator"))
    assert investigator.overdue_updates and investigator.due_updates
    due = [request.due_on for request in investigator.information_requests]
    assert min(due) < today <= max(due) <= today + timedelta(days=7)
    supervisor = tasks_for(user=User.objects.get(username="supervisor"))
    assert len(supervisor.disclosures_to_approve) == 1
    assert tasks_for(user=User.objects.get(username="officer")).draft_referrals
    assert tasks_for(user=User.objects.get(username="gmp-investigator")).draft_referrals
    states = set(Disclosure.objects.values_list("state", flat=True))
    assert states == {Disclosure.State.AWAITING_APPROVAL, Disclosure.State.REFUSED}


def test_the_justice_records_show_the_defence_the_courts_and_the_orders(loaded: int) -> None:
    # The s45 defence applies to a victim who offended; the offence is dropped, the exploiter's
    # crime stands. A Schedule 4 offence is considered too, and pursued.
    applied = S45Consideration.objects.filter(defence_applies=True, offence_pursued=False)
    assert applied.exists()
    assert all(c.exploiter_crime is not None for c in applied)
    assert applied.filter(involvement__role=InvolvementRole.VICTIM_AND_SUSPECT).exists()
    assert S45Consideration.objects.filter(defence_applies=False, offence_pursued=True,
                                           schedule4_code="msa_2015_s2").exists()

    # A conviction with its sentence; a case that failed, with its reason; a trial still to come.
    convictions = [v.value for v in Verdict if v.is_conviction]
    assert Prosecution.objects.filter(verdict__in=convictions).exclude(sentence="").exists()
    failed = Prosecution.objects.exclude(verdict="").exclude(verdict__in=convictions)
    assert failed.filter(verdict=Verdict.ACQUITTED,
                         non_conviction_reason=NonConvictionReason.VICTIM_NOT_SUPPORTING).exists()
    assert not failed.filter(non_conviction_reason="").exists()
    assert Prosecution.objects.filter(verdict="", hearings__isnull=False).exists()
    # The updates a charge or a verdict owed the victims were given.
    assert not VictimUpdate.objects.filter(
        kind__in=[UpdateKind.SUSPECT_CHARGED, UpdateKind.CASE_OUTCOME_AND_SENTENCE],
        given_on__isnull=True).exists()

    # A granted order's review on its managing officer's task list; a breach as an s30 crime; an
    # interim risk order refused, with the court's reason.
    investigator = User.objects.get(username="investigator")
    due = [task for task in order_tasks(user=investigator)
           if task.order.state == OrderState.GRANTED and any(d.startswith("Review due") for d in task.due)]
    assert due and all(task.order.managing_officer == investigator for task in due)
    breach = OrderBreach.objects.select_related("order", "crime").get()
    assert breach.order.state == OrderState.GRANTED
    assert breach.crime.offences.filter(offence=Offence.MSA_S30).exists()
    assert breach.crime.involvements.filter(person=breach.order.subject,
                                            role=InvolvementRole.SUSPECT).exists()
    refused = Order.objects.get(kind=OrderKind.INTERIM_STRO)
    assert refused.state == OrderState.REFUSED and refused.refusal_reason

    # Disruptions with one threat type and with two or more, each counted once.
    threats = set(Disruption.objects.annotate(n=Count("threats")).values_list("n", flat=True))
    assert {1, 2} <= threats
    counts = disruption_counts(user=investigator)
    assert counts.total == Disruption.objects.filter(organisation=investigator.organisation).count()
    assert counts.overcount > 0

    # The car wash group: recorded by West Yorkshire, linked by Greater Manchester; each force sees
    # its own member and the other force only as a connection.
    group = OrganisedCrimeGroup.objects.get()
    gmp = User.objects.get(username="gmp-investigator")
    seen_by_gmp = group_view(user=gmp, group_id=group.pk)
    assert not seen_by_gmp.leads
    assert [c.organisation for c in seen_by_gmp.other_forces] == ["West Yorkshire Police"]
    assert [m.person.organisation_id for m in seen_by_gmp.own_members] == [gmp.organisation_id]
    seen_by_wy = group_view(user=investigator, group_id=group.pk)
    assert seen_by_wy.leads
    assert [c.organisation for c in seen_by_wy.other_forces] == ["Greater Manchester Police"]
    assert chain_check().intact


def test_the_audit_chain_holds_and_a_second_load_adds_nothing(loaded: int) -> None:
    assert chain_check().intact
    events = AuditEvent.objects.count()
    investigations = demo_investigations().count()
    with override_settings(IS_DEMO=True):
        assert demo_cases_load() == 0
        out = io.StringIO()
        call_command("demo", stdout=out)
    assert "Demo investigations: 0 added" in out.getvalue()
    assert demo_investigations().count() == investigations
    assert AuditEvent.objects.count() == events
    assert chain_check().intact


@override_settings(IS_DEMO=True)
def test_the_demo_command_loads_the_people_then_the_cases() -> None:
    factories.reference_organisations()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert f"Demo investigations: {demo_investigations().count()} added." in out.getvalue()
    assert demo_investigations().count() >= 14
