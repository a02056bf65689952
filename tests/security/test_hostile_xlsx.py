"""Hostile XLSX workbooks: ``lantern link-file`` reads a workbook's first sheet only after its zip
passed the bomb checks, refuses a broken one clearly, and names a bad cell's row and column as a
CSV file's line and column are named; the published statistics' import refuses a workbook with
"save it as CSV" and writes nothing. Exports are in ``test_export_formulas.py``.
"""

from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lantern.insights.models import PublishedFigure, PublishedImport
from lantern.linkage.spreadsheet import Sheet, SpreadsheetError, read_sheet
from tests import factories
from tests.insights.published_data import police_table, write_tables
from tests.security.hostile import (
    FUZZ,
    LINK,
    LINK_MAP,
    POLICE,
    fed,
    hostile_text,
    mutated,
    published_held,
    xlsx_bytes,
)

SHEET = "xl/worksheets/sheet1.xml"
SAVE_HINT = re.compile(r"save it (again )?from Excel as (an )?\.xlsx|save it as an \.xlsx workbook")


def _workbook(rows: list[list[object]] | None = None) -> bytes:
    return _plain_workbook() if rows is None else xlsx_bytes(LINK.header, rows)


@cache
def _plain_workbook() -> bytes:
    """The table as a workbook, made once: a workbook records when it was saved, and hypothesis
    needs the same bytes each time it draws from them."""
    return xlsx_bytes(LINK.header, [list(r) for r in LINK.rows])


def _read(data: bytes, directory: Path, name: str = "people.xlsx") -> Sheet:
    path = directory / name
    path.write_bytes(data)
    fed()
    return read_sheet(path, LINK_MAP)


def _refused(data: bytes, directory: Path, name: str = "people.xlsx") -> str:
    with pytest.raises(SpreadsheetError) as refused:
        _read(data, directory, name)
    assert type(refused.value) is SpreadsheetError and "Traceback" not in str(refused.value)
    return str(refused.value)


def _rezipped(data: bytes, replace: dict[str, bytes] | None = None, extra: dict[str, bytes] | None = None,
              method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The workbook's zip written again, some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def _declaring(data: bytes, sizes: dict[str, tuple[int, int]]) -> bytes:
    """The zip with its central directory lying: each named part declares (packed, unpacked) sizes."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", out, at + 28)
        name = bytes(out[at + 46: at + 46 + name_length]).decode()
        if name in sizes:
            struct.pack_into("<II", out, at + 20, *sizes[name])
        at = out.find(b"PK\x01\x02", at + 46 + name_length + extra_length + comment_length)
    return bytes(out)


_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
           + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
           + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>First</t></is></c><c r="B1" t="inlineStr"><is>'
           "<t>&lol9;</t></is></c></row></sheetData></worksheet>").encode()
BOMBS = {
    "a part packed a thousand times over": lambda: _rezipped(_workbook(), {SHEET: bytes(20 * 2**20)}),
    "1,001 parts": lambda: _rezipped(_workbook(), extra={f"xl/media/{n}.bin": b"" for n in range(1001)}),
    "a part declaring 600 MiB": lambda: _declaring(
        _rezipped(_workbook(), method=zipfile.ZIP_STORED), {SHEET: (600 * 2**20, 600 * 2**20)}),
    "parts declaring 1.2 GiB together": lambda: _declaring(
        _rezipped(_workbook(), extra={f"xl/media/{n}.bin": b"x" for n in range(3)},
                  method=zipfile.ZIP_STORED),
        {f"xl/media/{n}.bin": (100 * 2**20, 400 * 2**20) for n in range(3)}),
}


@pytest.mark.parametrize("bomb", BOMBS)
def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(bomb: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was handed a zip bomb")

    monkeypatch.setattr("lantern.xlsx_import.load_workbook", never)
    message = _refused(BOMBS[bomb](), tmp_path)
    assert "refused unopened (a zip bomb?)" in message


BROKEN = {
    "CSV text named .xlsx": lambda: LINK.data(),
    "a zip cut in half": lambda: _workbook()[: len(_workbook()) // 2],
    "a zip of no workbook": lambda: _rezipped(_workbook(), {"[Content_Types].xml": b"<Types/>"}),
    "a sheet cut short": lambda: _rezipped(_workbook(), {SHEET: _sheet_xml()[:-60]}),
    "a sheet of entity expansion (billion laughs)": lambda: _rezipped(_workbook(), {SHEET: _LAUGHS}),
    "a part whose checksum fails": lambda: _corrupted(_rezipped(_workbook(), method=zipfile.ZIP_STORED)),
}


@cache
def _sheet_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_workbook())) as archive:
        return archive.read(SHEET)


def _corrupted(data: bytes) -> bytes:
    at = data.find(b"Hoxha")  # inside the stored shared strings: the bytes change, the checksum does not
    return data[:at] + b"Hoxhb" + data[at + 5:]


@pytest.mark.parametrize("broken", BROKEN)
def test_a_file_that_is_no_readable_workbook_is_refused_with_what_to_do(broken: str, tmp_path: Path) -> None:
    message = _refused(BROKEN[broken](), tmp_path)
    assert SAVE_HINT.search(message), message


@pytest.mark.parametrize(("rows", "where"), [
    ([["1", "Arben", "Hoxha", "1985-03-04"], ["2", "Maria", "Nowak", "31/31/1990"]],
     "row 3, column 'Born': '31/31/1990' is not a date"),
    ([["1", "Arben", "Hoxha", "1985-03-04"], [], [], ["2", "Maria", "Nowak", "1990-01-02", "", "stray"]],
     "row 5, column F: a value beyond the header's 5 columns"),
    ([["1", "Arben", "N" * 3000, "1985-03-04"]],
     "row 2, column 'Last': 3,000 characters, more than the 2,000"),
    ([], "no rows under the header"),
])
def test_a_bad_cell_is_refused_naming_its_row_and_column(rows: list[list[object]], where: str,
                                                         tmp_path: Path) -> None:
    assert where in _refused(_workbook(rows), tmp_path)


def test_a_cell_past_the_field_limit_is_refused_at_its_row_and_column(tmp_path: Path) -> None:
    """Excel holds no more than 32,767 characters in a cell, but a hand-written sheet can hold any."""
    cells = "".join(f'<row r="{row}">' + "".join(
        f'<c r="{letter}{row}" t="inlineStr"><is><t>{text}</t></is></c>'
        for letter, text in zip("ABCDE", values, strict=False))
        + "</row>" for row, values in ((1, LINK.header), (2, ("1", "Arben", "x" * 140_000))))
    sheet = (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             f'{cells}</sheetData></worksheet>').encode()
    message = _refused(_rezipped(_workbook(), {SHEET: sheet}), tmp_path)
    assert "row 2, column 'Last': a value longer than 131,072 characters" in message


def test_a_workbook_reads_as_the_same_csv_file_would(tmp_path: Path) -> None:
    rows: list[list[object]] = [[1, "Arben", "Hoxha", datetime(1985, 3, 4), 7700900461],
                                [2.0, "Maria", "Nowak", "02/01/1990", None], [],
                                [3, "Linh", "Nguyen", "2001-09-12"]]
    sheet = _read(_workbook(rows), tmp_path)
    same = [["1", "Arben", "Hoxha", "1985-03-04", "7700900461"], ["2", "Maria", "Nowak", "02/01/1990", ""],
            ["3", "Linh", "Nguyen", "2001-09-12", ""]]
    (tmp_path / "people.csv").write_bytes(LINK.data(same))
    assert sheet.rows == same == read_sheet(tmp_path / "people.csv", LINK_MAP).rows
    assert [r.date_of_birth for r in sheet.records] == [
        r.date_of_birth for r in read_sheet(tmp_path / "people.csv", LINK_MAP).records]


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".xlsb", ".numbers"])
def test_a_spreadsheet_of_another_kind_is_refused_with_what_to_save_it_as(suffix: str,
                                                                          tmp_path: Path) -> None:
    message = _refused(b"\xd0\xcf\x11\xe0" + bytes(64), tmp_path, f"people{suffix}")
    assert f"a {suffix} spreadsheet cannot be read: save it as an .xlsx workbook, or as CSV UTF-8" in message


@pytest.mark.django_db
def test_the_statistics_import_refuses_a_workbook_and_writes_nothing(tmp_path: Path) -> None:
    """A table saved as a workbook under its table's name refuses the import (taking the other
    files without it would import a gap); a workbook given as the directory is refused too."""
    factories.reference_organisations()
    call_command("import_nrm_statistics", str(write_tables(tmp_path / "held", police_table(quarter=1))))
    before = published_held()
    directory = write_tables(tmp_path / "new", police_table(quarter=2))
    (directory / POLICE.name.replace(".csv", ".xlsx")).write_bytes(xlsx_bytes(POLICE.header, POLICE.rows))
    (directory / "notes.xlsx").write_bytes(xlsx_bytes(["note"], [["not a table: left alone"]]))
    fed(2)
    with pytest.raises(CommandError, match=r"Nothing imported: nrm_referrals_police_2023_q3\.xlsx: is a "
                                           r"spreadsheet workbook \(\.xlsx\).*save it as CSV UTF-8"):
        call_command("import_nrm_statistics", str(directory))
    with pytest.raises(CommandError, match=r"is not a directory: save each table as CSV UTF-8"):
        call_command("import_nrm_statistics", str(directory / POLICE.name.replace(".csv", ".xlsx")))
    assert published_held() == before and not PublishedFigure.objects.filter(quarter=2).exists()
    assert PublishedImport.objects.count() == 1


# --- fuzzed --------------------------------------------------------------------------------------

@FUZZ
@given(data=st.data())
def test_a_mutated_workbook_is_read_or_refused_never_a_crash(data: st.DataObject) -> None:
    """Bytes of the zip changed, or the sheet's XML changed and zipped again (so openpyxl's XML
    reading is fuzzed, not only the zip's checksums)."""
    if data.draw(st.booleans(), label="mutate the sheet's XML"):
        workbook = _rezipped(_workbook(), {SHEET: data.draw(mutated(_sheet_xml()), label="sheet")})
    else:
        workbook = data.draw(mutated(_workbook()), label="workbook")
    with tempfile.TemporaryDirectory() as directory:
        try:
            _read(workbook, Path(directory))
        except SpreadsheetError as refused:
            assert "people.xlsx" in str(refused)


@FUZZ
@given(cell=hostile_text(), column=st.sampled_from(LINK.header))
def test_a_hostile_cell_in_a_workbook_is_kept_as_written_or_refused_at_its_place(cell: str,
                                                                                  column: str) -> None:
    # No workbook holds control characters, U+FFFE or U+FFFF: openpyxl refuses to write them.
    cell = ILLEGAL_CHARACTERS_RE.sub("", cell).replace("\ufffe", "").replace("\uffff", "")
    rows: list[list[object]] = [list(r) for r in LINK.with_cell(column, cell)]
    with tempfile.TemporaryDirectory() as directory:
        try:
            sheet = _read(_workbook(rows), Path(directory))
        except SpreadsheetError as refused:
            assert f"row {LINK.line}, column {column!r}" in str(refused), str(refused)
            return
    assert sheet.rows[LINK.row][LINK.header.index(column)] == cell
