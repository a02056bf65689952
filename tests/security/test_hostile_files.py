"""Hostile CSV files against every importer: each refused by the importer's own error, naming the
line and column at fault, and a refused import changes no row of the database.

The importers: ``lantern link-file`` (``spreadsheet.read_sheet``), ``lantern import-nrm-statistics``
(``published.read_table`` and the all-or-nothing import), and the generator's readers of the
published figures it calibrates from (``nrm_statistics.read_quarter`` and ``read_longitudinal``:
``lantern generate`` reads only the tables shipped in the package, so its readers are fuzzed
directly). Every trick of ``tests.security.hostile`` is played on each, then hypothesis mutates
valid files byte by byte and plants hostile text in every column. XLSX workbooks are in
``test_hostile_xlsx.py``, the exports' formula escaping in ``test_export_formulas.py``.
"""

from __future__ import annotations

import csv
import gzip
import re
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.accounts.rules import Role
from lantern.audit.models import AuditEvent
from lantern.insights.models import PublishedFigure
from lantern.insights.published import PublishedTable, PublishedTableError, read_table
from lantern.insights.published_import import PublishedImportError, published_statistics_import
from lantern.linkage.models import ClusterMember, LinkRun
from lantern.linkage.spreadsheet import Sheet, SpreadsheetError, read_sheet
from lantern.synth.nrm_statistics import (
    StatisticsFormatError,
    read_longitudinal,
    read_quarter,
)
from tests import factories
from tests.insights.published_data import police_table, write_tables
from tests.security.hostile import (
    FUZZ,
    LINK,
    LINK_MAP,
    LONGITUDINAL,
    MAP_ARGS,
    POLICE,
    Hostile,
    Table,
    accepted_files,
    aimed,
    fed,
    formula_files,
    hostile_files,
    hostile_text,
    mutated,
    published_held,
)

# Each importer's reader of one file, the table it takes, and the one error it may raise.
READERS: dict[str, tuple[Table, Callable[[Path], object], type[Exception]]] = {
    "link-file": (LINK, lambda path: read_sheet(path, LINK_MAP), SpreadsheetError),
    "import-nrm-statistics": (POLICE, read_table, PublishedTableError),
    "generator-quarter": (POLICE, read_quarter, StatisticsFormatError),
    "generator-longitudinal": (LONGITUDINAL, lambda path: read_longitudinal(path.parent),
                               StatisticsFormatError),
}
TABLE_READERS = ("import-nrm-statistics", "generator-quarter", "generator-longitudinal")


def _read(reader: str, data: bytes, directory: Path) -> object:
    """Hand ``data`` to an importer's reader as its table's file; its own error, or what it read."""
    table, read, _ = READERS[reader]
    path = directory / table.name
    path.write_bytes(data)
    fed()
    return read(path)


def _refused(reader: str, data: bytes, directory: Path) -> str:
    error_type = READERS[reader][2]
    with pytest.raises(error_type) as refused:
        _read(reader, data, directory)
    assert type(refused.value) is error_type  # the importer's own error, not a subclass that slipped out
    message = str(refused.value)
    assert READERS[reader][0].name in message and "Traceback" not in message
    return message


def _cases(readers: tuple[str, ...], files: Callable[[Table], list[Hostile]]) -> list[object]:
    return [pytest.param(reader, case, id=f"{reader}: {case}") for reader in readers
            for case in files(READERS[reader][0])]


@pytest.mark.parametrize(("reader", "case"), _cases(tuple(READERS), hostile_files))
def test_each_trick_is_refused_naming_its_line_and_column(reader: str, case: Hostile, tmp_path: Path) -> None:
    message = _refused(reader, case.data, tmp_path)
    assert case.says in message
    if case.where is not None:
        assert case.where in message
    else:
        assert " line " not in message  # a fault of the whole file is not pinned on a line


@pytest.mark.parametrize(("reader", "case"), _cases(TABLE_READERS, formula_files))
def test_a_formula_in_a_published_table_is_refused_at_its_cell(reader: str, case: Hostile,
                                                                 tmp_path: Path) -> None:
    message = _refused(reader, case.data, tmp_path)
    assert case.where is not None and case.where in message and case.says in message


@pytest.mark.parametrize("reader", READERS)
def test_harmless_differences_in_saving_read_as_the_plain_file(reader: str, tmp_path: Path) -> None:
    table = READERS[reader][0]
    plain = _content(_read(reader, table.data(), tmp_path))
    for how, data in accepted_files(table):
        assert _content(_read(reader, data, tmp_path)) == plain, how


def _content(read: object) -> object:
    """What a reader read, less a published table's fingerprint of its bytes (which differ)."""
    return replace(read, sha256="") if isinstance(read, PublishedTable) else read


@pytest.mark.parametrize("reader", ["import-nrm-statistics", "generator-quarter"])
@pytest.mark.parametrize("count", ["nan", "inf", "-inf", "1e400", "-1", "0x10"])
def test_a_count_that_is_no_whole_number_is_refused_at_its_cell(reader: str, count: str,
                                                                tmp_path: Path) -> None:
    message = _refused(reader, POLICE.data(POLICE.with_cell("People", count)), tmp_path)
    assert f"{POLICE.at('People')}: {count!r} is not a count" in message


# --- the limits on size --------------------------------------------------------------------------

def _sparse(path: Path, size: int, start: bytes) -> Path:
    """A file of ``size`` bytes that takes no room on disk: its start, then a hole."""
    with path.open("wb") as handle:
        handle.write(start)
        handle.truncate(size)
    fed()
    return path


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError, match=r"more than the 1,073,741,824 this import reads; split it"):
        read_sheet(_sparse(tmp_path / "people.csv", 2**30 + 1, LINK.data()), LINK_MAP)
    for reader in TABLE_READERS:
        table = READERS[reader][0]
        path = _sparse(tmp_path / table.name, 2**28 + 1, table.data())
        with pytest.raises(READERS[reader][2], match=r"more than the 268,435,456 this import reads"):
            READERS[reader][1](path)


def test_a_gzip_bomb_is_refused_once_it_unpacks_past_the_limit(tmp_path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip wrapper
    header = POLICE.text().encode()
    zeros = b"".join(packer.compress(b"0" * 2**20) for _ in range(260))
    bomb = packer.compress(header) + zeros + packer.flush()
    assert len(bomb) < 2**20
    for reader in ("import-nrm-statistics", "generator-quarter"):
        path = tmp_path / (POLICE.name + ".gz")
        path.write_bytes(bomb)
        fed()
        with pytest.raises(READERS[reader][2], match=r"unpacks to more than 268,435,456 bytes.*gzip bomb"):
            READERS[reader][1](path)
        path.write_bytes(gzip.compress(header)[:-9])  # cut short
        with pytest.raises(READERS[reader][2], match="gzip"):
            READERS[reader][1](path)


def test_link_file_refuses_an_overlong_value_and_survives_a_header_of_100000_columns(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(LINK.data(LINK.with_cell("Last", "N" * 3000)))
    with pytest.raises(SpreadsheetError,
                       match=r"line 3, column 'Last': 3,000 characters, more than the 2,000"):
        read_sheet(path, LINK_MAP)
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("x" * 100_000) + "\n")
    fed(2)
    with pytest.raises(SpreadsheetError,
                       match=r"line 1: no column 'First'; the columns are: c0, c1, .*c29, \.\.\.\.$"):
        read_sheet(path, LINK_MAP)


# --- the commands, on the database: refused whole, nothing written -------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("case", [*hostile_files(POLICE), *formula_files(POLICE)], ids=str)
def test_import_nrm_statistics_refuses_each_trick_and_writes_nothing(case: Hostile, tmp_path: Path) -> None:
    """Given an earlier import, when a directory holding a good quarter and a hostile one is
    imported, then the command names the hostile file's line and column and no row changes."""
    factories.reference_organisations()
    published_statistics_import(directory=write_tables(tmp_path / "held", police_table(quarter=1)))
    before = published_held()
    directory = write_tables(tmp_path / "new", police_table(quarter=2))
    (directory / POLICE.name).write_bytes(case.data)
    fed()
    with pytest.raises(CommandError) as refused:
        call_command("import_nrm_statistics", str(directory))
    message = str(refused.value)
    assert message.startswith(f"Nothing imported: {POLICE.name}") and case.says in message
    assert case.where is None or case.where in message
    assert published_held() == before
    assert not PublishedFigure.objects.filter(quarter=2).exists()  # the good file was not taken either


def _linkage_held() -> tuple[int, int, int]:
    return AuditEvent.objects.count(), LinkRun.objects.count(), ClusterMember.objects.count()


@pytest.mark.django_db
@pytest.mark.parametrize("case", hostile_files(LINK), ids=str)
def test_link_file_refuses_each_trick_before_it_reads_lantern_or_writes(case: Hostile,
                                                                        tmp_path: Path) -> None:
    """Against Lantern's records, a hostile file is refused before Lantern's records are read (so
    no consultation is audited) and before the output is written; as the other file too."""
    officer = factories.user(Role.INVESTIGATOR)
    factories.victim(officer, factories.investigation(officer))
    before = _linkage_held()
    hostile, good, out = tmp_path / LINK.name, tmp_path / "good.csv", tmp_path / "matches.csv"
    hostile.write_bytes(case.data)
    good.write_bytes(LINK.data())
    fed()
    for args in ([str(hostile), "--against", "lantern"], [str(good), "--against", str(hostile)]):
        with pytest.raises(CommandError) as refused:
            call_command("link_file", *args, *MAP_ARGS, "--out", str(out))
        message = str(refused.value)
        assert message.startswith(f"{hostile}") and case.says in message
        assert case.where is None or f"{hostile}, {case.where}" in message
        assert not out.exists()
        assert _linkage_held() == before


# --- fuzzed --------------------------------------------------------------------------------------

def _lines(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


@pytest.mark.parametrize("reader", READERS)
@FUZZ
@given(data=st.data())
def test_mutated_files_are_read_or_refused_by_the_importers_own_error(reader: str,
                                                                       data: st.DataObject) -> None:
    raw = data.draw(mutated(READERS[reader][0].data()), label="file")
    with tempfile.TemporaryDirectory() as directory:
        try:
            _read(reader, raw, Path(directory))
        except READERS[reader][2] as refused:
            message = str(refused)
            assert READERS[reader][0].name in message
            named = re.search(r"line (\d+)", message)
            assert named is None or 1 <= int(named[1]) <= _lines(raw)


def _aimed_line(table: Table, column: str, cell: str, message: str) -> None:
    """The refusal names the hostile cell's column and a line the cell spans."""
    breaks = len(re.findall(r"\r\n|\r|\n", cell))
    lines = [f"line {table.line + n}" for n in range(breaks + 1)]
    assert any(line in message for line in lines), message
    assert f"column {column!r}" in message or "repeats the figure of line" in message, message


@FUZZ
@given(cell=hostile_text(), column=st.sampled_from(LINK.header),
       quoting=st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL)))
def test_a_hostile_cell_in_a_spreadsheet_is_kept_as_written_or_refused_at_its_place(
        cell: str, column: str, quoting: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        try:
            sheet = _read("link-file", LINK.data(LINK.with_cell(column, cell), "\r\n", quoting),
                          Path(directory))
        except SpreadsheetError as refused:
            _aimed_line(LINK, column, cell, str(refused))
            return
    assert isinstance(sheet, Sheet)
    assert sheet.rows[LINK.row][LINK.header.index(column)] == cell


@pytest.mark.parametrize("reader", TABLE_READERS)
@FUZZ
@given(data=st.data())
def test_a_hostile_cell_in_a_published_table_is_read_or_refused_at_its_place(
        reader: str, data: st.DataObject) -> None:
    table = READERS[reader][0]
    column = data.draw(st.sampled_from(table.header), label="column")
    cell = data.draw(hostile_text(), label="cell")
    hostile = aimed(table, column)
    with tempfile.TemporaryDirectory() as directory:
        try:
            _read(reader, hostile.data(hostile.with_cell(column, cell), "\r\n"), Path(directory))
        except READERS[reader][2] as refused:
            _aimed_line(hostile, column, cell, str(refused))


@pytest.mark.django_db
@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_a_refused_import_changes_no_row(data: st.DataObject) -> None:
    """Each example imports a good quarter beside a mutated one: refused, nothing changes."""
    factories.reference_organisations()
    raw = data.draw(mutated(POLICE.data()), label="file")
    with tempfile.TemporaryDirectory() as directory:
        folder = write_tables(Path(directory), police_table(quarter=2))
        (folder / POLICE.name).write_bytes(raw)
        fed()
        before = published_held()
        try:
            published_statistics_import(directory=folder)
        except PublishedImportError as refused:
            assert str(refused).startswith(f"Nothing imported: {POLICE.name}")
            assert published_held() == before
