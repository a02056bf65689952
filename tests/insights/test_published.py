"""Reading and importing the Home Office's published NRM statistics.

Given the real reference tables (2022 Q2-Q4, the longitudinal and decision tables), when they are
imported, then the figures read by hand from the CSV files are held, a second import of the same
files replaces the first (no duplicates), a malformed file refuses the whole import with its file,
line and column and nothing written, and a crafted table whose Total row disagrees with its parts
is imported as published with the disagreement reported and recorded.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.audit.services import chain_check
from lantern.insights.models import PublishedFigure, PublishedImport
from lantern.insights.published import (
    TOTAL,
    PublishedTableError,
    parse_table,
    read_table,
    table_kind,
)
from lantern.insights.published_figures import TableKind
from lantern.insights.published_import import (
    PublishedImportError,
    published_statistics_import,
    published_statistics_write,
)
from lantern.insights.published_labels import exploitation_label, held_nationality, published_nationality
from tests import factories
from tests.insights.published_data import HEADER, REFERENCE, police_table, reference_read, write_tables

WY = "West Yorkshire Police"
KENT = HEADER + "\nPolice,Kent Police,"


def _grand_total(table: str, year: int, quarter: int, responder: str) -> int:
    return PublishedFigure.objects.get(table=table, year=year, quarter=quarter, first_responder=responder,
                                       exploitation_type=TOTAL, age_group=TOTAL, gender=TOTAL,
                                       nationality=TOTAL).count


# --- reading (plain Python) ---------------------------------------------------------------------

def test_file_names_say_which_table_and_quarter() -> None:
    assert table_kind("nrm_referrals_police_2022_q4.csv") == (TableKind.REFERRALS_POLICE, (2022, 4))
    assert table_kind("nrm_referrals_2023_q1.csv.gz") == (TableKind.REFERRALS, (2023, 1))
    assert table_kind("nrm_duty_to_notify_2022_q2.csv") == (TableKind.DUTY_TO_NOTIFY, (2022, 2))
    assert table_kind("nrm_conclusive_grounds.csv") == (TableKind.CONCLUSIVE_GROUNDS, None)
    assert table_kind("nrm_referrals_police_2022_q5.csv") is None
    assert table_kind("SOURCE.md") is None


def test_every_reference_table_is_read_and_adds_up() -> None:
    read = reference_read()
    assert {t.kind for t in read.tables} == set(TableKind)
    assert len(read.tables) == 22
    assert set(read.ignored) == {"SOURCE.md", "table-docs.R"}
    assert read.mismatches == ()  # the Home Office's tables agree with themselves
    police = next(t for t in read.tables if t.source == "nrm_referrals_police_2022_q4.csv")
    assert police.rows_read == 96768 and police.periods == ((2022, 4),)
    assert len(police.sha256) == 64


def test_a_gzipped_table_reads_as_the_plain_one(tmp_path: Path) -> None:
    plain = REFERENCE / "nrm_duty_to_notify_2022_q4.csv"
    packed = tmp_path / "nrm_duty_to_notify_2022_q4.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert read_table(packed).figures == read_table(plain).figures
    assert any(f.nationality == TOTAL and f.value == 1307 for f in read_table(packed).figures)


@pytest.mark.parametrize(("name", "text", "where"), [
    ("nrm_referrals_police_2023_q1.csv", HEADER.replace("People", "Persons") + "\n",
     "nrm_referrals_police_2023_q1.csv, line 1, column 'People'"),
    ("nrm_referrals_police_2023_q1.csv", KENT + "Sexual,Adult (18 or over),Female,UK,two\n",
     "nrm_referrals_police_2023_q1.csv, line 2, column 'People': 'two' is not a count"),
    ("nrm_referrals_police_2023_q1.csv", KENT + "Sexual,Adult (18 or over),Female,UK,1.5\n",
     "line 2, column 'People': '1.5' is not a count"),
    ("nrm_referrals_police_2023_q1.csv", KENT + "Sexual,Elderly,Female,UK,1\n",
     "line 2, column 'Age at exploitation': 'Elderly'"),
    ("nrm_referrals_police_2023_q1.csv", KENT + "Arson,Adult (18 or over),Female,UK,1\n",
     "line 2, column 'Exploitation type'"),
    ("nrm_referrals_police_2023_q1.csv",
     HEADER + "\nLocal Authority,Kent,Sexual,Adult (18 or over),Female,UK,1\n",
     "line 2, column 'First responder type': 'Local Authority' does not belong in this table"),
    ("nrm_referrals_police_2023_q1.csv", KENT + "Sexual,Adult (18 or over),Female,UK\n",
     "line 2: has 6 fields where the header has 7"),
    ("nrm_referrals_police_2023_q1.csv",
     KENT + "Sexual,Adult (18 or over),Female,UK,1\n"
              "Police,Kent Police,Sexual,Adult (18 or over),Female,UK,2\n",
     "line 3: repeats the figure of line 2"),
    ("nrm_duty_to_notify_longitudinal.csv", "Year,Quarter,Total\n2022.0,Q5,3\n",
     "line 2, column 'Quarter': 'Q5' is not a quarter"),
    ("nrm_referrals_by_region.csv", "Region,People\nNorth,3\n", "is not one of the NRM statistics tables"),
])
def test_a_file_that_is_not_such_a_table_is_refused_with_where(tmp_path: Path, name: str, text: str,
                                                               where: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PublishedTableError) as refused:
        read_table(path)
    assert where in str(refused.value)


def test_a_total_that_its_parts_do_not_add_up_to_is_reported_not_fixed() -> None:
    (name, text), = police_table(total=4).items()
    table = parse_table(name, TableKind.REFERRALS_POLICE, (2023, 1), text.encode())
    assert [(m.dimension, m.published, m.summed) for m in table.mismatches] == [
        ("exploitation type", 4, 3), ("nationality", 4, 3)]
    mismatch = table.mismatches[0]
    assert (mismatch.year, mismatch.quarter, mismatch.cell["first_responder"]) == (2023, 1, WY)
    assert "2023 Q1, total over exploitation type for first responder type Police, first responder " \
           "West Yorkshire Police" in mismatch.describe()
    assert "published 4, sum of parts 3" in mismatch.describe()
    kept = {(f.exploitation_type, f.nationality): f.value for f in table.figures
            if f.age_group == TOTAL and f.gender == TOTAL}
    assert kept[(TOTAL, TOTAL)] == 4  # kept as published


def test_lantern_words_meet_the_statistics_words() -> None:
    assert exploitation_label(["criminal_county_lines", "sexual"]) == "Sexual & Criminal"
    assert exploitation_label(["organ_removal", "labour", "criminal_other", "domestic_servitude", "sexual"]) \
        == "Sexual, Labour, Domestic, Organ Harvesting & Criminal"
    assert exploitation_label([]) == exploitation_label(["forced_marriage"]) == "Not specified or unknown"
    assert published_nationality("UK") == ("British", "")
    assert published_nationality("Albanian UK") == held_nationality("Albanian", "British") \
        == ("British", "Albanian")
    assert published_nationality("Unknown") == ("", "")


# --- importing (the database) -------------------------------------------------------------------

@pytest.mark.django_db(transaction=False)
def test_the_reference_tables_import_with_the_published_figures() -> None:
    factories.reference_organisations()
    outcome = published_statistics_write(read=reference_read(), directory=REFERENCE, username="analyst")
    record = outcome.record
    police = TableKind.REFERRALS_POLICE.value
    # Read by hand from nrm_referrals_police_2022_q*.csv (their all-"Total" rows).
    assert _grand_total(police, 2022, 4, "Metropolitan Police Service") == 161
    assert [_grand_total(police, 2022, q, WY) for q in (2, 3, 4)] == [49, 44, 78]
    assert _grand_total(police, 2022, 4, TOTAL) == 1034
    assert PublishedFigure.objects.filter(table=police, first_responder=WY).values_list(
        "organisation_code", flat=True).distinct().get() == "west-yorkshire"
    wy_q4 = PublishedFigure.objects.filter(table=police, organisation_code="west-yorkshire", year=2022,
                                           quarter=4)
    assert wy_q4.get(exploitation_type="Labour & Criminal", age_group=TOTAL, gender=TOTAL,
                     nationality=TOTAL).count == 22
    assert wy_q4.get(exploitation_type=TOTAL, age_group=TOTAL, gender=TOTAL, nationality="UK").count == 17
    # nrm_referrals_longitudinal.csv: 2009 Q2, adults 127, children 47.
    assert dict(PublishedFigure.objects.filter(table=TableKind.REFERRALS_LONGITUDINAL.value, year=2009,
                                               quarter=2, location=TOTAL).values_list("age_group", "count")) \
        == {"adult": 127, "child": 47}  # a zero count is not kept (a zero grand total is)
    # nrm_duty_to_notify_longitudinal.csv: 2022's published Total row; nrm_conclusive_grounds.csv 2014.
    assert PublishedFigure.objects.get(table=TableKind.DUTY_TO_NOTIFY_LONGITUDINAL.value, year=2022,
                                       quarter=0).count == 4580
    assert PublishedFigure.objects.get(table=TableKind.CONCLUSIVE_GROUNDS.value, year=2014, quarter=0,
                                       age_group=TOTAL, outcome=TOTAL).count == 1592
    assert record.figures == PublishedFigure.objects.count() == sum(len(t.figures) for t in outcome.tables)
    assert record.rows_read == sum(t.rows_read for t in outcome.tables) > 560_000
    assert record.imported_by_name == "analyst" and record.mismatches == []
    files = {f["name"]: f for f in record.files}
    assert len(files) == 22 and len(files["nrm_referrals_police_2022_q4.csv"]["sha256"]) == 64
    event = AuditEvent.objects.get(action=Action.COLLECTION.value, object_type="insights.publishedimport")
    assert event.object_id == str(record.pk) and event.detail["figures"] == record.figures
    assert chain_check().intact


@pytest.mark.django_db
def test_importing_the_same_quarters_again_replaces_them() -> None:
    factories.reference_organisations()
    first = published_statistics_write(read=reference_read(), directory=REFERENCE).record
    held = PublishedFigure.objects.count()
    second = published_statistics_write(read=reference_read(), directory=REFERENCE).record
    assert PublishedFigure.objects.count() == held  # no duplicates
    assert second.replaced == held and first.published_figures.count() == 0
    assert _grand_total(TableKind.REFERRALS_POLICE.value, 2022, 4, "Metropolitan Police Service") == 161


@pytest.mark.django_db
def test_a_new_quarter_adds_to_what_is_held_and_a_revised_one_replaces_it(tmp_path: Path) -> None:
    factories.reference_organisations()
    published_statistics_import(directory=write_tables(tmp_path / "a", police_table(3, quarter=1)))
    published_statistics_import(directory=write_tables(tmp_path / "b", police_table(3, quarter=2)))
    table = TableKind.REFERRALS_POLICE.value
    assert [_grand_total(table, 2023, q, WY) for q in (1, 2)] == [3, 3]
    revised = published_statistics_import(directory=write_tables(tmp_path / "c", police_table(4, quarter=1)))
    assert [_grand_total(table, 2023, q, WY) for q in (1, 2)] == [4, 3]  # Q1 replaced, Q2 kept
    assert len(revised.record.mismatches) == 2


@pytest.mark.django_db
def test_a_malformed_file_refuses_the_whole_import_and_writes_nothing(tmp_path: Path) -> None:
    factories.reference_organisations()
    published_statistics_import(directory=write_tables(tmp_path / "held", police_table(3)))
    def held() -> tuple[int, int, int]:
        return PublishedFigure.objects.count(), PublishedImport.objects.count(), AuditEvent.objects.count()

    before = held()
    tables = {**police_table(3, quarter=2), **police_table(3, quarter=3)}
    name = "nrm_referrals_police_2023_q3.csv"
    tables[name] = tables[name].replace("Labour & Criminal,Child (17 or under),Male,UK,1.0",
                                        "Labour & Criminal,Child (17 or under),Male,UK,n/a")
    with pytest.raises(PublishedImportError) as refused:
        published_statistics_import(directory=write_tables(tmp_path / "bad", tables))
    assert str(refused.value) == (f"Nothing imported: {name}, line 3, column 'People': "
                                  "'n/a' is not a count (a whole number, zero or more)")
    assert held() == before
    assert not PublishedFigure.objects.filter(quarter=2).exists()  # the good file was not taken either


@pytest.mark.django_db
def test_the_command_imports_warns_of_a_mismatched_total_and_records_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    factories.reference_organisations()
    notices = "Nationality,Total\nUK,5.0\nTotal,5.0\n"
    directory = write_tables(tmp_path, {**police_table(total=4), "nrm_duty_to_notify_2023_q1.csv": notices,
                                        "README.md": "notes\n"})
    call_command("import_nrm_statistics", str(directory))
    out, err = capsys.readouterr()
    assert "Warning: nrm_referrals_police_2023_q1.csv (NRM referrals from police first responders), " \
           "2023 Q1, total over exploitation type" in err
    assert "published 4, sum of parts 3" in err
    assert "Imported 2 tables" in out and "2 published totals did not add up" in out and "README.md" in out
    record = PublishedImport.objects.get()
    assert [(m["table"], m["year"], m["quarter"], m["dimension"], m["published"], m["summed"])
            for m in record.mismatches] == [("referrals_police", 2023, 1, "exploitation type", 4, 3),
                                            ("referrals_police", 2023, 1, "nationality", 4, 3)]
    assert _grand_total(TableKind.REFERRALS_POLICE.value, 2023, 1, WY) == 4  # as published
    assert AuditEvent.objects.get(object_type="insights.publishedimport").detail["mismatched_totals"] == 2


@pytest.mark.django_db
def test_the_command_refuses_a_bad_directory_with_a_clear_message(tmp_path: Path) -> None:
    factories.reference_organisations()
    write_tables(tmp_path, {"nrm_referrals_police_2023_q1.csv": "Force,People\nKent,1\n"})
    with pytest.raises(CommandError, match=r"nrm_referrals_police_2023_q1\.csv, line 1, column "
                                           r"'First responder type'"):
        call_command("import_nrm_statistics", str(tmp_path))
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="holds no NRM statistics table"):
        call_command("import_nrm_statistics", str(tmp_path / "empty"))
    assert not PublishedFigure.objects.exists() and not PublishedImport.objects.exists()


@pytest.mark.django_db
def test_a_person_importing_needs_the_national_picture(tmp_path: Path) -> None:
    from lantern.access.scope import AccessDenied
    from lantern.accounts.rules import Role

    directory = write_tables(tmp_path, police_table())
    with pytest.raises(AccessDenied):
        published_statistics_import(directory=directory, actor=factories.user(Role.FORCE_LEAD))
    national = factories.user(Role.NATIONAL_UNIT, org="msoicu")
    record = published_statistics_import(directory=directory, actor=national).record
    assert record.imported_by == national and record.imported_by_name == national.username
