"""The services writer: a small plan written through the services, with every rule holding."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import visible
from lantern.accounts.models import User
from lantern.accounts.rules import Role
from lantern.accounts.services import AccountError
from lantern.audit.services import chain_check
from lantern.cases import services as case_services
from lantern.cases.models import Investigation, Person
from lantern.cases.rules import age_on
from lantern.justice.models import Prosecution
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import AgeAnswer, Route
from lantern.synth.models import TrueIdentity, TrueIdentityRecord
from lantern.synth.plan import CasePlan, PersonPlan, plan_cases
from lantern.synth.request import GenerateRequest
from lantern.synth.write_cases import at
from lantern.synth.writer import write_plan
from tests import factories

pytestmark = pytest.mark.django_db


def _plan(persons: int = 60, seed: int = 5) -> list[CasePlan]:
    this_year = timezone.localdate().year
    request = GenerateRequest("demo", seed, this_year - 2, this_year - 1, persons=persons)
    return list(plan_cases(request, today=timezone.localdate()))


@pytest.fixture
def written() -> list[CasePlan]:
    factories.reference_organisations()
    cases = _plan()
    summary = write_plan(cases, batch_size=10)
    assert summary.investigations == len(cases)
    assert summary.persons == sum(len(c.people) for c in cases)
    return cases


def test_every_rule_holds_for_the_written_records(written: list[CasePlan]) -> None:
    referrals = list(Referral.objects.all())
    assert referrals
    for referral in referrals:
        if referral.route == Route.DUTY_TO_NOTIFY.value and not referral.identifying_consent:
            assert (referral.first_name, referral.last_name, referral.date_of_birth, referral.phone) == \
                ("", "", None, "")
        if referral.age_answer in (AgeAnswer.YES.value, AgeAnswer.NOT_SURE.value):
            assert referral.route == Route.NRM_REFERRAL.value
        assert referral.state == Referral.State.SUBMITTED
    for case in Investigation.objects.filter(status="closed"):
        assert case.outcome_type and case.closed_on
        assert not case.lines_of_enquiry.filter(closed_on__isnull=True).exists()
    for plan in written:
        case = Investigation.objects.get(crime_reference=plan.crime_reference)
        assert case.recorded_on == plan.recorded_on
        assert (case.closed_on == plan.closed_on) or plan.closed_on is None
    # Every suspect on a charged file is a defendant of their own.
    assert Prosecution.objects.count() == sum(len(c.suspects) for c in written if c.charged_on)
    verdict = chain_check()
    assert verdict.intact, verdict.problem


def test_child_victims_keep_their_true_date_of_birth_after_the_referral(written: list[CasePlan]) -> None:
    for plan in written:
        for person in plan.victims:
            if person.victim and person.victim.child and person.recorded.date_of_birth:
                recorded = Person.objects.get(
                    organisation__code=plan.force, first_name=person.recorded.first_name,
                    last_name=person.recorded.last_name,
                    involvements__investigation__crime_reference=plan.crime_reference)
                assert recorded.date_of_birth == person.recorded.date_of_birth


def test_true_identities_link_to_every_person_and_are_shown_to_nobody(written: list[CasePlan]) -> None:
    assert TrueIdentityRecord.objects.count() == Person.objects.count()
    keys = {p.truth.person_key for c in written for p in c.people}
    assert set(TrueIdentity.objects.values_list("person_key", flat=True)) == keys
    users: list[Any] = [AnonymousUser(), *User.objects.filter(username__startswith="synth-")]
    for role in Role:
        for org in ("west-yorkshire", "nca", "msoicu", "sca", "rocu-eastern"):
            try:
                users.append(factories.user(role, org=org, with_device=False))
                break
            except AccountError:
                continue
    assert len(users) >= len(Role)
    for user in users:
        for model in (TrueIdentity, TrueIdentityRecord):
            for capability in Capability:
                with pytest.raises(ImproperlyConfigured):
                    visible(user, model.objects.all(), capability)


def test_an_interrupted_run_leaves_only_whole_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    factories.reference_organisations()
    cases = _plan(persons=60, seed=6)
    original = case_services.investigation_record
    calls = {"n": 0}

    def failing(**kwargs: Any) -> Investigation:
        calls["n"] += 1
        if calls["n"] == 8:
            raise RuntimeError("interrupted")
        return original(**kwargs)

    monkeypatch.setattr(case_services, "investigation_record", failing)
    with pytest.raises(RuntimeError):
        write_plan(cases, batch_size=5)
    first = cases[:5]
    references = set(Investigation.objects.values_list("crime_reference", flat=True))
    assert references == {c.crime_reference for c in first}
    assert Person.objects.count() == TrueIdentityRecord.objects.count() == sum(len(c.people) for c in first)
    assert chain_check().intact


def test_the_command_refuses_bad_input_before_writing_anything() -> None:
    factories.reference_organisations()
    for options in ({"scale": "galactic"}, {"persons": -3}, {"from_year": 2024, "to_year": 2020},
                    {"from_year": 2010}, {"scale": "demo", "batch_size": 0}):
        with pytest.raises(CommandError):
            call_command("generate", **options)
    assert not Investigation.objects.exists()
    assert not User.objects.filter(username__startswith="synth-").exists()


def test_the_command_writes_and_will_not_write_a_seed_twice(capsys: pytest.CaptureFixture[str]) -> None:
    factories.reference_organisations()
    year = timezone.localdate().year
    call_command("generate", scale="demo", seed=9, persons=15, from_year=year - 1, to_year=year - 1)
    out = capsys.readouterr()
    assert "investigations:" in out.out and "cases" in out.err
    assert Investigation.objects.filter(crime_reference__startswith="SYN9-").exists()
    with pytest.raises(CommandError, match="already"):
        call_command("generate", scale="demo", seed=9, persons=15, from_year=year - 1, to_year=year - 1)
    before = Investigation.objects.count()
    call_command("generate", scale="demo", seed=9, persons=15, from_year=year - 1, to_year=year - 1,
                 if_absent=True)
    assert "already here: nothing added" in capsys.readouterr().out
    assert Investigation.objects.count() == before


def _turns_18_before_s45(person: PersonPlan) -> bool:
    dob = person.recorded.date_of_birth
    return bool(person.s45_on and person.victim and person.victim.child and dob and not person.age_disputed
                and age_on(dob, person.s45_on) >= 18)


def test_the_hard_cases_of_a_large_plan_are_written_too() -> None:
    """A child who is also a suspect and 18 by the s45 decision (the tests for their true age), a
    prevention order after a conviction under the 2015 Victims' Code and one under the 2021 Code, and a
    victim only 'not sure' of age."""
    factories.reference_organisations()
    wanted = [
        lambda c: any(_turns_18_before_s45(p) for p in c.people),
        lambda c: c.order_kind == "stpo" and c.cps_decided_on and c.cps_decided_on.year < 2021,
        lambda c: c.order_kind == "stpo" and c.cps_decided_on and c.cps_decided_on.year >= 2022,
        lambda c: any(p.victim and p.victim.consent is None and not p.victim.child for p in c.victims),
    ]
    picked: list[CasePlan | None] = [None] * len(wanted)
    for seed in range(3, 13):  # each kind is rare: look through a few seeds' plans until all are found
        cases = [c for c in plan_cases(GenerateRequest("demo", seed, 2019, 2022, persons=3000),
                                       today=timezone.localdate()) if c.group is None]
        for i, predicate in enumerate(wanted):
            picked[i] = picked[i] or next((c for c in cases if predicate(c)), None)
        if all(picked):
            break
    assert all(picked), "some hard case never came up"
    summary = write_plan([c for c in picked if c], batch_size=2)
    assert summary.investigations == 4 and summary.held_back == 0 and summary.orders >= 2
    assert chain_check().intact


def test_nobody_can_sign_in_as_the_synthetic_staff(written: list[CasePlan]) -> None:
    staff = User.objects.filter(username__startswith="synth-")
    assert staff.count() >= 2 * len({plan.force for plan in written})
    assert not any(user.has_usable_password() for user in staff)
    assert not any(user.check_password("") for user in staff)


def test_other_first_responders_referrals_are_held_by_the_force_with_their_maker(
        written: list[CasePlan]) -> None:
    received = [plan for plan in written if plan.first_responder]
    assert received, "the plan has crimes recorded from other first responders' referrals"
    for plan in received:
        referral = Referral.objects.select_related("organisation", "first_responder").get(
            involvement__investigation__crime_reference=plan.crime_reference)
        assert referral.organisation.code == plan.force
        assert referral.first_responder is not None and referral.first_responder.code == plan.first_responder
        assert referral.route == Route.NRM_REFERRAL.value
    assert Referral.objects.filter(first_responder__isnull=True).exists()  # the forces' own


def test_moments_are_in_the_project_zone_whatever_zone_is_active() -> None:
    summer = date(2020, 7, 1)
    with timezone.override(ZoneInfo("Asia/Tokyo")):
        moment = at(summer, 10)
    assert moment.utcoffset() is not None
    assert moment.astimezone(ZoneInfo("Europe/London")).hour == 10  # 09:00 UTC in British summer time
    assert at(timezone.localdate() + timedelta(days=400), 10) <= timezone.now()  # never later than now
