"""The Parquet snapshot and the Table 1 figures DuckDB counts over it.

Given the generator's data for 2017-2020 (a few hundred persons, the bulk path) with a few rows
nudged onto the definitions' edges, when the snapshot is written and DuckDB counts over it, then
every figure equals ``synth.figures``'s ORM count on the same database, for every year including
those with nothing recorded; the snapshot holds the declared columns only, none of the people's
names, dates of birth or identifiers, in a directory only its owner can open.
"""

from __future__ import annotations

import math
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from django.utils import timezone

from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import chain_check
from lantern.cases.models import Identifier, Investigation, Person
from lantern.insights import duckdb_figures, snapshot
from lantern.insights.snapshot import (
    SNAPSHOT_USERNAME,
    TABLES,
    SnapshotError,
    SnapshotTable,
    part_glob,
    snapshot_write,
)
from lantern.justice.models import CpsReferral, Prosecution
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import Route
from lantern.synth import figures
from lantern.synth.bulk import write_plan_bulk
from lantern.synth.plan import plan_cases
from lantern.synth.request import GenerateRequest
from tests import factories

TODAY = date(2026, 12, 1)
YEARS = range(2015, 2023)  # 2015-2016 and 2021-2022 hold nothing recorded: every share is "not a number"


def _generated(persons: int = 400, seed: int = 3) -> None:
    factories.reference_organisations()
    write_plan_bulk(plan_cases(GenerateRequest("regional", seed, 2017, 2020, persons=persons), today=TODAY))


def _nudge_onto_the_edges() -> None:
    """Rows moved onto the definitions' edges, each of which a wrong definition would count."""
    allocated = Investigation.objects.filter(allocated_on__year=2019).order_by("pk")
    at_month_end, before_allocation = allocated[0], allocated[1]
    # Closed on a month's last day: not live at that month end.
    Investigation.objects.filter(pk=at_month_end.pk).update(allocated_on=date(2019, 3, 5),
                                                            closed_on=date(2019, 4, 30))
    # Closed (in May) before it was allocated (in June): never live.
    Investigation.objects.filter(pk=before_allocation.pk).update(allocated_on=date(2019, 6, 10),
                                                                 closed_on=date(2019, 5, 20))
    referrals = Referral.objects.filter(route=Route.NRM_REFERRAL.value, submitted_at__year=2019) \
        .order_by("pk")
    Referral.objects.filter(pk=referrals[0].pk).update(state=Referral.State.WITHDRAWN)
    Referral.objects.filter(pk=referrals[1].pk).update(state=Referral.State.DRAFT)
    # Late on New Year's Eve, local time: counted in 2019 (London is on GMT in winter).
    Referral.objects.filter(pk=referrals[2].pk).update(
        submitted_at=timezone.make_aware(datetime(2019, 12, 31, 23, 59)))
    # A second suspect's file referred in another year: the investigation counts once, in its first year.
    first = CpsReferral.objects.order_by("pk").first()
    assert first is not None
    CpsReferral.objects.filter(involvement__investigation=first.involvement.investigation) \
        .update(referred_on=first.referred_on + timedelta(days=400))
    CpsReferral.objects.filter(pk=first.pk).update(referred_on=first.referred_on)
    # A prosecution whose file was not flagged modern slavery: not a flagged defendant.
    unflagged = Prosecution.objects.filter(verdict_on__year=2020).order_by("pk")[0]
    CpsReferral.objects.filter(pk=unflagged.referral_id).update(modern_slavery_flagged=False)
    Person.objects.filter(pk__in=Person.objects.order_by("pk").values("pk")[:5]).update(nationality="")


def _equal(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@pytest.mark.django_db(transaction=True)  # so the snapshot opens its own transaction, as in use
def test_duckdb_over_the_snapshot_gives_the_orm_figures(tmp_path: Path) -> None:
    _generated()
    _nudge_onto_the_edges()

    summary = snapshot_write(tmp_path / "snapshot", batch_rows=97)  # many parts a table
    measured = duckdb_figures.measure(tmp_path / "snapshot", YEARS)

    expected = figures.measure(YEARS)
    assert measured.keys() == expected.keys()
    assert len(expected) == 12 * len(YEARS)
    different = {k: (expected[k], measured[k]) for k in expected if not _equal(expected[k], measured[k])}
    assert not different
    assert expected["nrm.referrals:2019"] > 50 and expected["investigations.live_monthly_average:2020"] > 10
    assert sum(expected[f"cps.flagged_defendants:{year}"] for year in YEARS) > 0
    assert expected["victims.british_share_of_known:2019"] > 0
    assert math.isnan(measured["nrm.child_share:2015"]) and measured["nrm.referrals:2016"] == 0
    assert summary.rows_per_table["investigations"] == Investigation.objects.count()
    assert summary.rows_per_table["referrals"] == Referral.objects.count()
    assert summary.rows_per_table["prosecutions"] == Prosecution.objects.count()
    assert len(list((tmp_path / "snapshot" / "involvements").glob("part-*.parquet"))) > 3


@pytest.mark.django_db
def test_the_snapshot_holds_only_the_declared_columns_and_no_ones_details(tmp_path: Path) -> None:
    _generated(persons=150, seed=4)
    where = tmp_path / "snapshot"

    summary = snapshot_write(where)

    event = AuditEvent.objects.get(object_type="insights.snapshot")
    assert event.action == Action.CONSULTATION.value and event.username == SNAPSHOT_USERNAME
    assert event.detail["rows"] == summary.rows_per_table and chain_check().intact
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in where.iterdir() if p.is_dir())
    duck = duckdb.connect()
    held: set[str] = set()
    for table in TABLES:
        relation = duck.read_parquet(part_glob(where, table.name))
        assert list(zip(relation.columns, map(str, relation.types), strict=True)) == list(table.columns)
        for row in relation.fetchall():
            held.update(str(value) for value in row if value is not None)
    people = list(Person.objects.values_list("first_name", "last_name", "date_of_birth"))
    details = {str(v) for person in people for v in person if v} | \
        set(Identifier.objects.values_list("value", flat=True)) | \
        set(Investigation.objects.values_list("crime_reference", flat=True))
    assert people and details
    assert not held & details
    assert "British" in held  # nationality is what the figures need, and is there


@pytest.mark.django_db
def test_an_empty_database_gives_an_empty_snapshot_and_no_figures(tmp_path: Path) -> None:
    summary = snapshot_write(tmp_path / "snapshot")

    measured = duckdb_figures.measure(tmp_path / "snapshot", [2020])

    assert summary.rows == summary.rows_per_table["organisations"]  # the reference organisations alone
    assert measured["nrm.referrals:2020"] == 0 and measured["investigations.live_monthly_average:2020"] == 0
    assert math.isnan(measured["cps.conviction_rate:2020"])
    assert measured.keys() == figures.measure([2020]).keys()


def test_a_snapshot_is_written_only_into_a_new_directory_and_read_only_when_complete(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="already exists"):
        snapshot_write(tmp_path)
    with pytest.raises(ValueError, match="batch_rows"):
        snapshot_write(tmp_path / "never", batch_rows=0)
    (tmp_path / "half").mkdir()
    with pytest.raises(SnapshotError, match="not a complete snapshot"):
        duckdb_figures.measure(tmp_path / "half", [2020])


@pytest.mark.django_db
def test_a_snapshot_that_fails_part_way_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _generated(persons=60, seed=6)
    written: list[Path] = []

    def write_then_fail(duck: duckdb.DuckDBPyConnection, table: SnapshotTable, rows: list, path: Path,
                        ) -> None:
        if written:
            raise OSError("disk full")
        original(duck, table, rows, path)
        written.append(path)

    original = snapshot._write_part
    monkeypatch.setattr(snapshot, "_write_part", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        snapshot.snapshot_write(tmp_path / "snapshot")

    assert written and not (tmp_path / "snapshot").exists()
