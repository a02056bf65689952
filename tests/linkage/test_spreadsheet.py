"""Reading an analyst's spreadsheet: mapping, bad files refused by line, and the pairwise scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lantern.linkage.spreadsheet import (
    SpreadsheetError,
    parse_mapping,
    read_sheet,
    score,
    true_pairs,
)


def _file(tmp_path: Path, text: str, name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_columns_map_onto_person_fields_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = _file(tmp_path,
                 "First,Last,DOB,Mobile,Notes\nAna,Popescu,04/03/2001,07700 900123;07700 900124,x\n")
    sheet = read_sheet(path, parse_mapping(["First=given_name", "Last=surname", "DOB=date_of_birth",
                                            "Mobile=phone"]))
    record = sheet.records[0]
    assert ((record.given_name, record.family_name, record.date_of_birth)
            == ("Ana", "Popescu", date(2001, 3, 4)))
    assert record.phones == ("07700 900123", "07700 900124")
    assert record.source == "list.csv" and record.unique_id == "r1"
    assert sheet.rows[0][-1] == "x"  # the unmapped column is kept for the output


@pytest.mark.parametrize(("text", "message"), [
    ("", "the file is empty"),
    ("First,Last\n", "no rows under the header"),
    ("First,Last\nAna\n", "line 2: 1 values where the header has 2"),
    ("First,DOB\nAna,2001-03-04\nBen,31/31/1990\n", "line 3, column 'DOB': '31/31/1990' is not a date"),
    ("Name,Name\nAna,Ana\n", "line 1: the column 'Name' appears more than once"),
    ("Given,DOB\nAna,2001-03-04\n", "line 1: no column 'First'"),
])
def test_a_bad_file_is_refused_naming_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(SpreadsheetError, match=message.replace("(", r"\(")):
        read_sheet(path, {"First": "given_name", "DOB": "date_of_birth"}
                   if "DOB" in text and "Given" not in text else {"First": "given_name"})


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("First\nAna\nJos\xe9\n".encode("latin-1"))
    with pytest.raises(SpreadsheetError, match="line 3, column 'First': byte 0xE9 is not UTF-8"):
        read_sheet(path, {"First": "given_name"})


def test_an_unknown_field_or_a_malformed_map_is_refused() -> None:
    with pytest.raises(SpreadsheetError, match="'shoe_size' is not a person field"):
        parse_mapping(["Shoe=shoe_size"])
    with pytest.raises(SpreadsheetError, match="column=field"):
        parse_mapping(["First"])
    with pytest.raises(SpreadsheetError, match="at least one column"):
        parse_mapping([])


def test_scores_count_pairs_and_across_files_only_pairs_between_them() -> None:
    truth = {"a1": "x", "a2": "x", "b1": "x", "a3": "y", "b2": "y"}
    within = true_pairs(truth)
    assert within == {("a1", "a2"), ("a1", "b1"), ("a2", "b1"), ("a3", "b2")}
    across = true_pairs(truth, across={k: k[0] for k in truth})
    assert across == {("a1", "b1"), ("a2", "b1"), ("a3", "b2")}
    got = score([("b1", "a1"), ("a3", "b1")], across)
    assert (got.true_positives, got.false_positives, got.false_negatives) == (1, 1, 2)
    assert got.precision == 0.5 and got.recall == pytest.approx(1 / 3) and got.f1 == pytest.approx(0.4)
