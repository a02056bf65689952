"""A force's published referrals beside the ones Lantern holds, for the force to reconcile.

Given a published police table for West Yorkshire in 2023 Q1 (two adult women of Albanian
nationality referred for sexual exploitation, one British boy for labour and criminal
exploitation: 3) and a hand-made set of referrals in Lantern (three that count, and six that must
not: a referral submitted just after the quarter ended, local time; a duty-to-notify notice; a
draft; a withdrawn one; one another first responder made; one of another force), when the force
reconciles the quarter, then the totals agree (3 and 3) but every breakdown shows where they
differ, row by row, and the consultation is in the audit trail; another force's people cannot
reconcile West Yorkshire's quarter; the national picture can.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lantern.access.scope import NotVisible
from lantern.accounts.models import Organisation, User
from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.insights.published_import import published_statistics_import
from lantern.insights.reconcile import Comparison, force_quarter_reconcile
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import Route
from tests import factories
from tests.insights.published_data import police_table, write_tables

LONDON = ZoneInfo("Europe/London")


def _referral(owner: User, *, at: datetime, types: list[str], age: str, nationality: str,
              second: str = "", route: str = Route.NRM_REFERRAL.value,
              state: str = Referral.State.SUBMITTED, first_responder: Organisation | None = None) -> Referral:
    case = factories.investigation(owner)
    involvement = factories.victim(owner, case, first_name="Testperson")
    return Referral.objects.create(
        organisation=owner.organisation, involvement=involvement, route=route, state=state, age_answer=age,
        exploitation_types=types, nationality=nationality, second_nationality=second,
        first_responder=first_responder, created_by=owner, submitted_by=owner, submitted_at=at)


@pytest.fixture
def held(db: None, tmp_path: Path) -> User:
    """West Yorkshire's investigator; the published table and the referrals above in place."""
    factories.reference_organisations()
    published_statistics_import(directory=write_tables(tmp_path, police_table(3, year=2023, quarter=1)))
    wy = factories.user(Role.INVESTIGATOR, org="west-yorkshire")
    kent = factories.user(Role.INVESTIGATOR, org="kent")
    in_q1 = datetime(2023, 2, 10, 11, 0, tzinfo=LONDON)
    # Counted: Albanian woman, sexual; British boy, labour and county lines (on the quarter's last
    # evening, British Summer Time); a person of Vietnamese nationality unsure of their age, domestic.
    _referral(wy, at=in_q1, types=["sexual"], age="no", nationality="Albanian")
    _referral(wy, at=datetime(2023, 3, 31, 23, 30, tzinfo=LONDON), types=["labour", "criminal_county_lines"],
              age="yes", nationality="British")
    _referral(wy, at=in_q1, types=["domestic_servitude"], age="not-sure", nationality="Vietnamese")
    # Not counted.
    woman: dict[str, Any] = {"types": ["sexual"], "age": "no", "nationality": "Albanian"}
    _referral(wy, at=datetime(2023, 4, 1, 0, 30, tzinfo=LONDON), **woman)
    _referral(wy, at=in_q1, route=Route.DUTY_TO_NOTIFY.value, **woman)
    _referral(wy, at=in_q1, state=Referral.State.DRAFT, **woman)
    _referral(wy, at=in_q1, state=Referral.State.WITHDRAWN, **woman)
    _referral(wy, at=in_q1, first_responder=factories.organisation("leeds-childrens-services"), **woman)
    _referral(kent, at=in_q1, **woman)
    return wy


def _rows(comparison: Comparison) -> list[tuple[str, int | None, int, int | None, bool]]:
    return [(r.label, r.published, r.held, r.difference, r.differs) for r in comparison.rows]


def test_the_force_sees_its_published_and_held_referrals_side_by_side(held: User) -> None:
    result = force_quarter_reconcile(user=held, force="west-yorkshire", year=2023, quarter=1)
    assert result.published_held
    assert (result.total.published, result.total.held, result.total.differs) == (3, 3, False)
    assert _rows(result.by_exploitation_type) == [
        ("Sexual", 2, 1, -1, True),
        ("Domestic", 0, 1, 1, True),
        ("Labour & Criminal", 1, 1, 0, False),
    ]
    assert _rows(result.by_age_group) == [
        ("Adult (18 or over)", 2, 1, -1, True),
        ("Child (17 or under)", 1, 1, 0, False),
        ("Not specified or unknown", 0, 1, 1, True),
    ]
    assert _rows(result.by_nationality) == [
        ("Albanian", 2, 1, -1, True),
        ("British", 1, 1, 0, False),  # published as "UK"
        ("Vietnamese", 0, 1, 1, True),
    ]
    assert result.differs
    table = result.tables()[0]
    assert table.columns == ("Published", "Held in Lantern", "Difference") and table.total_row
    assert table.rows[-1].values == (3, 3, 0)
    assert "Differs: Sexual (published 2, held 1)" in table.notes
    event = AuditEvent.objects.get(object_type="insights.reconcile")
    assert event.object_id == "west-yorkshire:2023-Q1" and event.detail["referrals_counted"] == 3


def test_a_quarter_with_nothing_published_flags_nothing(held: User) -> None:
    result = force_quarter_reconcile(user=held, force="west-yorkshire", year=2023, quarter=2)
    assert not result.published_held and not result.differs
    assert _rows(result.by_exploitation_type) == [("Sexual", None, 1, None, False)]  # the 1 April referral
    assert "No published police first responder table for 2023 Q2" in result.tables()[0].notes[0]


def test_another_force_cannot_reconcile_the_quarter_and_the_nation_can(held: User) -> None:
    kent_lead = factories.user(Role.FORCE_LEAD, org="kent")
    with pytest.raises(NotVisible):
        force_quarter_reconcile(user=kent_lead, force="west-yorkshire", year=2023, quarter=1)
    assert not AuditEvent.objects.filter(object_type="insights.reconcile").exists()
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    result = force_quarter_reconcile(user=national, force="west-yorkshire", year=2023, quarter=1)
    assert (result.total.published, result.total.held) == (3, 3)
    kent = force_quarter_reconcile(user=kent_lead, force="kent", year=2023, quarter=1)
    assert (kent.total.published, kent.total.held) == (None, 1)
