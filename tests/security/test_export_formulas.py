"""Every export that writes user-supplied text to CSV or XLSX leaves no cell a spreadsheet would run.

The exports: ``csv_export.csv_text`` (the audit trail's export and the network graph's CSV), the
figure tables' CSV and XLSX downloads (``insights.downloads``) and ``lantern link-file``'s matches.
The first test finds every writer of CSV files or workbooks in the source, so an export added
later without escaping fails here. Then each is fed hostile text (hypothesis, and the formulas an
attacker plants) and its file read back as a spreadsheet would read it: no cell begins like a
formula unless it is a plain number, and every text cell is ``csv_export.safe_cell`` of what was
written (a leading apostrophe; in a workbook, text with Excel's quote prefix, never a formula).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lantern.accounts.rules import Role
from lantern.audit.queries import EventSearch, events_export
from lantern.csv_export import csv_text, safe_cell
from lantern.insights.downloads import table_csv, table_download, table_xlsx
from lantern.insights.tables import SUPPRESSED, Row, Table
from lantern.linkage.graph_queries import graph_csv, graph_export
from tests import factories
from tests.security.hostile import FORMULAS, TRIGGERS, fed, hostile_text, runs_as_formula, xlsx_bytes
from tests.security.hostile import FUZZ as HOSTILE_FUZZ

FUZZ = settings(HOSTILE_FUZZ, max_examples=150)
SRC = Path(__file__).resolve().parents[2] / "src"
WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|\.to_csv\(|\.to_excel\(|xlsxwriter|FORMAT CSV")
EXPORTERS = {"lantern/csv_export.py", "lantern/insights/downloads.py",
             "lantern/linkage/management/commands/link_file.py"}
ESCAPERS = {"lantern/audit/queries.py", "lantern/linkage/graph_queries.py", "lantern/insights/downloads.py",
            "lantern/linkage/management/commands/link_file.py"}
# A workbook holds no control characters but tab and line breaks, nor U+FFFE and U+FFFF.
_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _no_cell_runs(rows: list[list[str]]) -> None:
    running = [cell for row in rows for cell in row if runs_as_formula(cell)]
    assert not running, running


def test_every_writer_of_csv_files_or_workbooks_is_one_tested_here() -> None:
    sources = {str(path.relative_to(SRC)): path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")}
    assert {name for name, text in sources.items() if WRITERS.search(text)} == EXPORTERS
    assert {name for name, text in sources.items() if "from lantern.csv_export import" in text} == ESCAPERS


@FUZZ
@given(header=st.lists(hostile_text(), min_size=1, max_size=3),
       rows=st.lists(st.lists(st.one_of(hostile_text(), st.integers(), st.none()), min_size=1, max_size=4),
                     max_size=4))
def test_csv_text_escapes_every_cell(header: list[str], rows: list[list[object]]) -> None:
    fed()
    got = _cells(csv_text(header, rows))
    _no_cell_runs(got)
    assert got == [[safe_cell(v) for v in line] for line in [header, *rows]]


def _table(labels: list[str], heading: str = "Force") -> Table:
    return Table(key="hostile", title=labels[0], label_heading=heading, columns=("2024", "Change"),
                 rows=tuple(Row(label, (n, -n if n % 2 else SUPPRESSED)) for n, label in enumerate(labels)),
                 source=labels[-1], notes=tuple(labels))


@FUZZ
@given(labels=st.lists(hostile_text(), min_size=1, max_size=5), heading=hostile_text())
def test_figure_table_downloads_escape_every_text_cell(labels: list[str], heading: str) -> None:
    fed(2)
    table = _table(labels, heading)
    rows = _cells(table_csv(table))
    _no_cell_runs(rows)
    assert [row[0] for row in rows] == [safe_cell(heading), *(safe_cell(label) for label in labels)]
    book = load_workbook(io.BytesIO(table_xlsx(table, subtitle=labels[0])))
    written = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in written)
    for cell in written:
        if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
            assert cell.quotePrefix, cell.value
    texts = {cell.value for cell in written if isinstance(cell.value, str)}
    assert {_NOT_IN_XML.sub("", label) for label in labels} - {""} <= texts


@pytest.mark.django_db
def test_a_figure_download_of_hostile_labels_opens_as_text() -> None:
    person = factories.user(Role.NATIONAL_UNIT)
    for file_format in ("csv", "xlsx"):
        response = table_download(user=person, table=_table(list(FORMULAS)), place=FORMULAS[0], period="2024",
                                  file_format=file_format)
        fed()
        if file_format == "csv":
            _no_cell_runs(_cells(response.content.decode()))
        else:
            book = load_workbook(io.BytesIO(response.content))
            for cell in (c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)):
                assert cell.data_type == "s" and (cell.quotePrefix or not cell.value.startswith(TRIGGERS))


@pytest.mark.django_db
def test_the_graph_and_audit_exports_escape_a_hostile_name_and_reason() -> None:
    """A person named with a formula, exported from the graph with a formula as the reason; the
    auditor's export of the trail then holds both, escaped."""
    officer = factories.user(Role.INVESTIGATOR)
    auditor = factories.user(Role.AUDITOR)
    case = factories.investigation(officer)
    person = factories.victim(officer, case, first_name=FORMULAS[0]).person
    graph = graph_export(user=officer, nodes=[f"person:{person.pk}"], reason=FORMULAS[4])
    rows = _cells(graph_csv(graph))
    fed(2)
    _no_cell_runs(rows)
    assert safe_cell(str(person)) in [cell for row in rows for cell in row]
    trail = _cells(events_export(user=auditor, search=EventSearch(), reason=FORMULAS[1]))
    _no_cell_runs(trail)
    assert safe_cell(FORMULAS[4]) in [row[7] for row in trail]  # the graph export's justification


PEOPLE = [["1", "Arben", "Hoxha", "1985-03-04", FORMULAS[0]],
          ["2", "Arben", "Hoxa", "04/03/1985", FORMULAS[1]],
          ["3", FORMULAS[4], "Nowak", "1990-01-02", "-5"],
          ["4", FORMULAS[4], "Nowak", "1990-01-02", "@x"],
          ["5", "Linh", FORMULAS[2], "2001-09-12", "\t=1+1"],
          ["6", "John", "Smith", "1965-12-01", FORMULAS[3]]]
HEADER = ["id", "First", "Last", "Born", "=Notes"]
MAP_ARGS = ["--map", "First=given_name", "--map", "Last=surname", "--map", "Born=date_of_birth"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_link_file_writes_the_partners_cells_back_as_text(kind: str, tmp_path: Path) -> None:
    source = tmp_path / f"people.{kind}"
    if kind == "csv":
        with source.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([HEADER, *PEOPLE])
    else:
        source.write_bytes(xlsx_bytes(HEADER, PEOPLE))
    fed()
    out = tmp_path / "matches.csv"
    call_command("link_file", str(source), *MAP_ARGS, "--out", str(out))
    got = _cells(out.read_text(encoding="utf-8"))
    _no_cell_runs(got)
    assert [row[:5] for row in got] == [[safe_cell(c) for c in row] for row in [HEADER, *PEOPLE]]
    assert got[0][5:] == ["lantern_cluster", "best_match", "best_match_probability", "matches"]
    assert any(row[6] for row in got[1:])  # the engine ran and matched someone: the cells are real output
