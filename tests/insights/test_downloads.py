"""Figure tables as CSV and XLSX downloads, each recorded in the audit trail."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from lantern.audit.models import AuditEvent
from lantern.audit.rules import Action
from lantern.insights.downloads import (
    CONTENT_TYPES,
    DownloadFormat,
    download_filename,
    download_response,
    table_csv,
    table_download,
    table_xlsx,
)
from lantern.insights.tables import SUPPRESSED, Row, Table
from tests import factories

FORMULA = '=HYPERLINK("http://example.invalid","click")'


def _table(**overrides: object) -> Table:
    fields: dict[str, object] = dict(
        key="crime-outcomes", title="Crime outcomes, 2020", label_heading="Outcome",
        columns=("2019", "2020", "Change"),
        rows=(Row("Charged", (120, 96, -24)), Row(FORMULA, (3, SUPPRESSED, None)),
              Row("Share charged", (0.25, 0.125, -0.125)), Row("Total", (1234, 1500, 266))),
        total_row=True, source="Home Office outcome types", notes=("Counted by the year recorded.",))
    fields.update(overrides)
    return Table(**fields)  # type: ignore[arg-type]


def test_csv_is_the_header_and_rows_with_numbers_as_numbers_and_formulas_defused() -> None:
    rows = list(csv.reader(io.StringIO(table_csv(_table()))))
    assert rows[0] == ["Outcome", "2019", "2020", "Change"]
    assert rows[1] == ["Charged", "120", "96", "-24"]  # a fall stays a negative number
    assert rows[2] == ["'" + FORMULA, "3", "[c]", "[x]"]
    assert rows[3] == ["Share charged", "0.25", "0.125", "-0.125"]
    assert len(rows) == 5  # no title or notes: a CSV is data alone


def test_csv_headings_that_look_like_formulas_are_defused_too() -> None:
    header = next(csv.reader(io.StringIO(table_csv(_table(label_heading="@SUM(A1)")))))
    assert header[0] == "'@SUM(A1)"


def test_xlsx_has_the_title_the_table_as_numbers_then_source_and_notes() -> None:
    book = load_workbook(io.BytesIO(table_xlsx(_table(), subtitle="England and Wales, 2020")))
    sheet = book.active
    assert sheet.title == "crime-outcomes"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Crime outcomes, 2020" and sheet["A1"].font.bold
    assert values[1][0] == "England and Wales, 2020"
    header = values.index(["Outcome", "2019", "2020", "Change"])
    charged = values[header + 1]
    assert charged == ["Charged", 120, 96, -24]
    assert all(type(v) is int for v in charged[1:])
    assert values[header + 2][1:] == [3, "[c]", "[x]"]
    assert values[header + 3][1:] == [0.25, 0.125, -0.125]
    assert values[header + 4] == ["Total", 1234, 1500, 266]
    assert sheet.cell(row=header + 5, column=2).font.bold  # the total row (sheet rows count from 1)
    assert not sheet.cell(row=header + 2, column=2).font.bold
    below = [row[0] for row in values[header + 5:] if row[0]]
    assert below == ["Source: Home Office outcome types", "Counted by the year recorded."]
    assert book.properties.creator == "Lantern"


def test_xlsx_stores_formula_like_text_as_text_never_as_a_formula() -> None:
    body = table_xlsx(_table())
    book = load_workbook(io.BytesIO(body))
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == FORMULA)
    assert cell.data_type == "s" and cell.quotePrefix
    sheet_xml = zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_xlsx_drops_characters_a_workbook_cannot_hold() -> None:
    table = _table(rows=(Row("Bad\x07name", (1, 2, 3)),), total_row=False)
    values = [c.value for row in load_workbook(io.BytesIO(table_xlsx(table))).active.iter_rows() for c in row]
    assert "Badname" in values


@pytest.mark.parametrize(("key", "period", "expected"), [
    ("crime-outcomes", "2020-21", "lantern-crime-outcomes-2020-21.csv"),
    ("nrm.referrals", "Q1 2020", "lantern-nrm-referrals-q1-2020.csv"),
    ('../../etc/passwd"; x=', 'April\r\n"2020"', "lantern-etc-passwd-x-april-2020.csv"),
])
def test_file_names_hold_only_letters_digits_and_hyphens(key: str, period: str, expected: str) -> None:
    assert download_filename(_table(key=key), period, "csv") == expected


def test_a_response_is_an_attachment_of_the_right_type() -> None:
    response = download_response(_table(), period_label="2020", file_format=DownloadFormat.XLSX)
    assert response["Content-Type"] == CONTENT_TYPES[DownloadFormat.XLSX]
    assert response["Content-Disposition"] == 'attachment; filename="lantern-crime-outcomes-2020.xlsx"'
    load_workbook(io.BytesIO(response.content))  # a real workbook
    response = download_response(_table(), period_label="2020", file_format="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("Outcome,2019,2020,Change\r\n")


@pytest.mark.django_db
def test_a_download_is_recorded_as_a_disclosure_to_the_person_downloading() -> None:
    person = factories.user()
    response = table_download(user=person, table=_table(), place="West Yorkshire Police", period="2020",
                              file_format="csv")
    assert response["Content-Disposition"].endswith('filename="lantern-crime-outcomes-2020.csv"')
    event = AuditEvent.objects.get(object_type="insights.table")
    assert event.action == Action.DISCLOSURE.value
    assert event.user_id == person.pk and event.object_id == "crime-outcomes"
    assert event.recipient == f"{person.get_full_name()} (download file)"
    assert event.detail == {"table": "crime-outcomes", "place": "West Yorkshire Police", "period": "2020",
                            "format": "csv", "rows": 4, "for_publication": False}
    assert "96" in response.content.decode()  # internal: the exact figures


@pytest.mark.django_db
def test_a_download_for_publication_is_suppressed_and_says_how_much(settings: object) -> None:
    settings.LANTERN_DISCLOSURE_THRESHOLD = 10  # type: ignore[attr-defined]
    table = Table(key="referrals-by-age", title="Referrals by age", columns=("Adults", "Children", "Total"),
                  rows=(Row("Q1", (40, 7, 47)), Row("Q2", (50, 30, 80))), total_column=True)
    response = table_download(user=factories.user(), table=table, place="England and Wales", period="2020",
                              file_format=DownloadFormat.XLSX, for_publication=True)
    values = [c.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert 7 not in values and 40 not in values and "[c]" in values  # 7 < 10, and 40 would give it away
    assert any(isinstance(v, str) and v.startswith("[c] Suppressed") and "1 to 9" in v for v in values)
    event = AuditEvent.objects.get(object_type="insights.table")
    assert event.detail["for_publication"] is True
    assert event.detail["disclosure_threshold"] == 10 and event.detail["cells_suppressed"] == 2
    assert event.detail["place"] == "England and Wales" and event.detail["format"] == "xlsx"


@pytest.mark.django_db
def test_an_unknown_format_is_refused_and_nothing_is_recorded() -> None:
    with pytest.raises(ValueError):
        table_download(user=factories.user(), table=_table(), place="x", period="2020", file_format="pdf")
    assert not AuditEvent.objects.filter(object_type="insights.table").exists()
