"""``lantern link-file``: link an analyst's spreadsheet with itself, another file, or Lantern's records.

The matches go back as CSV with every cell through ``csv_export.safe_cell``, so a cell the
partner's file held that begins like a formula opens as text in the analyst's spreadsheet.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.csv_export import safe_cell
from lantern.linkage import engine
from lantern.linkage.management.commands.link import stage_bar
from lantern.linkage.records import PersonRecord
from lantern.linkage.sources import every_person_record
from lantern.linkage.spreadsheet import Sheet, SpreadsheetError, parse_mapping, read_sheet, score, true_pairs


class Command(BaseCommand):
    help = ("Link a CSV file's (or an XLSX workbook's first sheet's) people: with itself (duplicates), "
            "with --against OTHER.csv or OTHER.xlsx, or --against lantern. "
            "Map columns with --map column=field; unmapped columns are written through to --out.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--against",
                            help="another CSV or XLSX file, or 'lantern' for every force's records")
        parser.add_argument("--map", dest="mapping", action="append", default=[], metavar="COLUMN=FIELD",
                            help="a column of the file(s) and the person field it holds (repeat for each)")
        parser.add_argument("--out", type=Path, required=True, help="the CSV of matches to write")
        parser.add_argument("--truth", help="a ground-truth cluster column: print precision, recall and F1")
        parser.add_argument("--threshold", type=float, default=0.9)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mapping = parse_mapping(options["mapping"])
            sheet = read_sheet(options["file"], mapping, id_prefix="a")
            other = self._other(options["against"], mapping)
            truth = options["truth"]
            if truth is not None:
                for s in (sheet, other) if isinstance(other, Sheet) else (sheet,):
                    if truth not in s.header:
                        raise SpreadsheetError(f"{s.name}, line 1: no truth column {truth!r}.")
        except SpreadsheetError as error:
            raise CommandError(str(error)) from None
        if not 0.5 <= options["threshold"] < 1:
            raise CommandError("--threshold must be a probability from 0.5 up to (not including) 1.")
        others = other.records if isinstance(other, Sheet) else (other or [])
        result = engine.link([*sheet.records, *others], threshold=options["threshold"],
                             progress=stage_bar(sys.stderr))
        sys.stderr.write("\n")
        mine = {r.unique_id for r in sheet.records}
        across = options["against"] is not None
        matches = [m for m in result.matches
                   if (m.left in mine) != (m.right in mine) or (not across and m.left in mine)]
        self._write(options["out"], sheet, result, matches, mine, across)
        self.stdout.write(f"{len(sheet.rows)} rows read, {len(matches)} matches at probability "
                          f"{options['threshold']}, written to {options['out']}.")
        if truth is not None:
            self._scores(sheet, other if isinstance(other, Sheet) else None, truth, matches)

    def _other(self, against: str | None, mapping: dict[str, str]) -> Sheet | list[PersonRecord] | None:
        if against is None:
            return None
        if against == "lantern":
            records = every_person_record()
            event_record(action=Action.CONSULTATION, actor=None, object_type="linkage.link_file",
                         detail={"records": len(records), "purpose": "a spreadsheet linked against Lantern"})
            return records
        return read_sheet(Path(against), mapping, id_prefix="b")

    def _write(self, out: Path, sheet: Sheet, result: engine.LinkResult, matches: list[engine.Match],
               mine: set[str], across: bool) -> None:
        best: dict[str, engine.Match] = {}
        for match in matches:
            for side in (match.left, match.right):
                if side in mine and (side not in best or match.probability > best[side].probability):
                    best[side] = match
        partners: dict[str, list[str]] = defaultdict(list)
        for match in matches:
            if match.left in mine:
                partners[match.left].append(match.right)
            if match.right in mine:
                partners[match.right].append(match.left)
        # The file's own cells are whatever the partner wrote: a name such as =HYPERLINK(...) goes back
        # to the analyst's spreadsheet as text, never as a formula.
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([safe_cell(h) for h in (*sheet.header, "lantern_cluster", "best_match",
                                                    "best_match_probability", "matches")])
            for row, record in zip(sheet.rows, sheet.records, strict=True):
                found = best.get(record.unique_id)
                partner = "" if found is None else (
                    found.right if found.left == record.unique_id else found.left)
                writer.writerow([safe_cell(cell) for cell in (
                    *row, result.clusters.get(record.unique_id, ""), _label(partner),
                    "" if found is None else f"{found.probability:.4f}",
                    " ".join(_label(p) for p in sorted(partners[record.unique_id])))])

    def _scores(self, sheet: Sheet, other: Sheet | None, column: str, matches: list[engine.Match]) -> None:
        truth: dict[str, str] = {}
        source: dict[str, str] = {}
        for s in (sheet, other) if other is not None else (sheet,):
            index = s.header.index(column)
            for row, record in zip(s.rows, s.records, strict=True):
                truth[record.unique_id] = row[index]
                source[record.unique_id] = s.name + record.unique_id[0]
        actual = true_pairs(truth, across=source if other is not None else None)
        got = score(((m.left, m.right) for m in matches), actual)
        self.stdout.write(f"precision {got.precision:.3f}  recall {got.recall:.3f}  F1 {got.f1:.3f}  "
                          f"({got.true_positives} true pairs found, {got.false_positives} false, "
                          f"{got.false_negatives} missed)")


def _label(unique_id: str) -> str:
    """A row of the first file is 'row N', of the second 'other row N'; Lantern's records keep their id."""
    if unique_id.startswith("a"):
        return f"row {unique_id[1:]}"
    if unique_id.startswith("b"):
        return f"other row {unique_id[1:]}"
    return unique_id
