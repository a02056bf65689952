"""``lantern import-nrm-statistics DIR``: import the Home Office's published NRM statistics tables."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import Error as DatabaseError

from lantern.database_failures import database_failure
from lantern.insights.published_import import PublishedImportError, published_statistics_import


class Command(BaseCommand):
    help = ("Import every Home Office NRM and duty-to-notify statistics table (nrm_*.csv or .csv.gz, in the "
            "layout of ../shared/reference/nrm-statistics) in DIR, all or nothing. Re-importing a period "
            "replaces it. Published totals that their parts do not add up to are reported and kept.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = published_statistics_import(directory=options["directory"], username=_operator())
        except PublishedImportError as refused:
            raise CommandError(str(refused)) from None
        except DatabaseError as failed:
            # The import is one transaction: whatever stopped it, none of it was kept.
            if (reason := database_failure(failed)) is None:
                raise
            raise CommandError(f"Nothing imported: {reason}") from None
        record = outcome.record
        for table in outcome.tables:
            first, last = table.periods[0], table.periods[-1]
            span = _period(first) if first == last else f"{_period(first)} to {_period(last)}"
            self.stdout.write(f"  {table.source}: {table.kind.label}, {span}, {len(table.figures)} figures")
        if outcome.ignored:
            self.stdout.write(f"  not tables, left alone: {', '.join(outcome.ignored)}")
        for mismatch in outcome.mismatches:
            self.stderr.write(f"Warning: {mismatch.describe()}")
        self.stdout.write(f"Imported {len(outcome.tables)} tables ({record.rows_read} rows read, "
                          f"{record.figures} figures kept, {record.replaced} earlier figures replaced) as "
                          f"import {record.pk}; {len(outcome.mismatches)} published totals did not add up.")


def _period(period: tuple[int, int]) -> str:
    year, quarter = period
    return f"{year}" if quarter == 0 else f"{year} Q{quarter}"


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
