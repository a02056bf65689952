"""The bulk writer: the same plan as the services writer, the same rows it covers, whole batches only."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import chain_check
from lantern.cases.models import Identifier, Investigation, Involvement, Person, StatusChange
from lantern.cases.rules import IdentifierKind, normalise_identifier
from lantern.safeguarding.models import Decision, Referral
from lantern.safeguarding.rules.nrm import AgeAnswer, Route
from lantern.synth import bulk
from lantern.synth.bulk import BULK_USERNAME, write_plan_bulk
from lantern.synth.models import TrueIdentity, TrueIdentityRecord
from lantern.synth.plan import CasePlan, plan_cases
from lantern.synth.request import GenerateRequest
from lantern.synth.writer import write_plan
from tests import factories

pytestmark = pytest.mark.django_db


def _plan(persons: int = 60, seed: int = 5) -> list[CasePlan]:
    this_year = timezone.localdate().year
    request = GenerateRequest("demo", seed, this_year - 2, this_year - 1, persons=persons)
    return list(plan_cases(request, today=timezone.localdate()))


def _batch_events() -> int:
    return AuditEvent.objects.filter(object_type="synth.batch", action=Action.COLLECTION.value,
                                     username=BULK_USERNAME, user_id__isnull=True).count()


def test_the_bulk_path_writes_the_planned_rows() -> None:
    factories.reference_organisations()
    cases = _plan()
    summary = write_plan_bulk(cases, batch_size=7)
    people = [p for c in cases for p in c.people]
    assert summary.investigations == Investigation.objects.count() == len(cases)
    assert summary.persons == Person.objects.count() == Involvement.objects.count() == len(people)
    assert TrueIdentityRecord.objects.count() == len(people)
    keys = {p.truth.person_key for p in people}
    assert set(TrueIdentity.objects.values_list("person_key", flat=True)) == keys
    assert summary.batches == _batch_events() == -(-len(cases) // 7)
    for plan in cases:
        case = Investigation.objects.get(crime_reference=plan.crime_reference)
        assert case.organisation.code == plan.force and case.recorded_on == plan.recorded_on
        assert sorted(case.offences.values_list("offence", flat=True)) == sorted(plan.offences)
        assert Counter(case.involvements.values_list("role", flat=True)) == \
            Counter(p.role.value for p in plan.people)
        history = list(StatusChange.objects.filter(investigation=case).order_by("pk"))
        assert history[0].to_status == "recorded" and history[-1].to_status == case.status
        assert all(h.changed_at.date() <= timezone.localdate() for h in history)
        if case.status == "closed":
            assert case.closed_on == plan.closed_on and case.outcome_type
    for identifier in Identifier.objects.all():
        kind = IdentifierKind(identifier.kind)
        assert identifier.normalised == normalise_identifier(kind, identifier.value)
    planned_referrals = [p.victim for p in people if p.victim and p.victim.route]
    assert Referral.objects.count() == len(planned_referrals) == summary.referrals + summary.notices
    assert Decision.objects.count() == summary.decisions == \
        sum((v.rg is not None) + (v.cg is not None) for v in planned_referrals)
    verdict = chain_check()
    assert verdict.intact, verdict.problem


def test_notices_hold_no_identity_and_children_are_referred() -> None:
    factories.reference_organisations()
    cases = _plan(persons=120, seed=8)
    write_plan_bulk(cases, batch_size=10)
    referrals = list(Referral.objects.select_related("involvement__person"))
    routes = Counter(r.route for r in referrals)
    assert routes[Route.NRM_REFERRAL.value] and routes[Route.DUTY_TO_NOTIFY.value]
    for referral in referrals:
        assert referral.state == Referral.State.SUBMITTED
        if referral.route == Route.DUTY_TO_NOTIFY.value:
            assert not referral.identifying_consent
            assert (referral.first_name, referral.last_name, referral.email, referral.phone,
                    referral.date_of_birth) == ("", "", "", "", None)
            assert referral.consent_given is False and referral.refusal_reason
        else:
            assert referral.first_name == referral.involvement.person.first_name
        person = referral.involvement.person
        if person.is_child_on(person.involvements.get().investigation.recorded_on):
            assert referral.age_answer == AgeAnswer.YES.value
        if referral.age_answer in (AgeAnswer.YES.value, AgeAnswer.NOT_SURE.value):
            assert referral.route == Route.NRM_REFERRAL.value and referral.consent_given is None
    children = [p for c in cases for p in c.victims if p.victim and p.victim.child and p.victim.route]
    assert children and all(p.victim and p.victim.route == Route.NRM_REFERRAL.value for p in children)


def test_an_interrupted_bulk_run_leaves_only_whole_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    factories.reference_organisations()
    cases = _plan(persons=60, seed=6)
    original = bulk._insert
    calls = {"records": 0}

    def failing(model: type[models.Model], objs: Any) -> None:
        if model is TrueIdentityRecord:  # after the batch's investigations, people and identifiers
            calls["records"] += 1
            if calls["records"] == 2:
                raise RuntimeError("interrupted")
        original(model, objs)

    monkeypatch.setattr(bulk, "_insert", failing)
    with pytest.raises(RuntimeError):
        write_plan_bulk(cases, batch_size=5)
    first = cases[:5]
    assert set(Investigation.objects.values_list("crime_reference", flat=True)) == \
        {c.crime_reference for c in first}
    assert Person.objects.count() == TrueIdentityRecord.objects.count() == sum(len(c.people) for c in first)
    assert Identifier.objects.filter(person__involvements__investigation__crime_reference__in=[
        c.crime_reference for c in cases[5:10]]).count() == 0
    assert _batch_events() == 1
    assert chain_check().intact


def _counts(prefix: str) -> dict[str, object]:
    involvements = Involvement.objects.filter(investigation__crime_reference__startswith=prefix)
    referrals = Referral.objects.filter(involvement__in=involvements)
    return {
        "investigations": Investigation.objects.filter(crime_reference__startswith=prefix).count(),
        "persons": involvements.values("person").distinct().count(),
        "roles": Counter(involvements.values_list("role", flat=True)),
        "routes": Counter(referrals.values_list("route", flat=True)),
        "ages": Counter(referrals.values_list("age_answer", flat=True)),
        "decisions": Decision.objects.filter(referral__involvement__in=involvements).count(),
        "statuses": Counter(Investigation.objects.filter(crime_reference__startswith=prefix)
                            .values_list("status", flat=True)),
    }


def test_the_same_plan_written_both_ways_gives_the_same_counts() -> None:
    factories.reference_organisations()
    cases = _plan(persons=60, seed=7)
    write_plan(cases, batch_size=10)
    again = [replace(c, crime_reference="BULK-" + c.crime_reference) for c in cases]
    write_plan_bulk(again, batch_size=10)
    services, bulked = _counts("SYN7-"), _counts("BULK-")
    assert services["investigations"] == len(cases)
    assert bulked == services
    assert chain_check().intact


def test_the_command_takes_the_bulk_path_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    factories.reference_organisations()
    year = timezone.localdate().year
    call_command("generate", scale="demo", seed=12, persons=20, from_year=year - 1, to_year=year - 1,
                 bulk=True)
    out = capsys.readouterr().out
    assert "bulk path" in out and "investigations:" in out
    assert Investigation.objects.filter(crime_reference__startswith="SYN12-").exists()
    assert _batch_events() == 1
    assert chain_check().intact
