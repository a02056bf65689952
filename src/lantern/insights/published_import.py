"""Importing the Home Office's published NRM statistics: all the files, or nothing.

Every table in the directory is read and checked (``published.read_directory``) before anything
is written, so a bad file refuses the whole import with the file, line and column to fix. Then,
in one transaction, the periods the files bring replace what earlier imports held for the same
table and period, the import is recorded with each file's SHA-256 and the totals that did not add
up, and the audit trail gets one event. Mismatched totals are kept as published and reported:
the Home Office's figure is the published one, and hiding or "fixing" it would make Lantern's
copy disagree with the source people can read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from lantern.access.rules import Capability
from lantern.access.scope import require
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.insights import figures_cache
from lantern.insights.models import PublishedFigure, PublishedImport
from lantern.insights.published import (
    DirectoryRead,
    PublishedTable,
    PublishedTableError,
    first_responder_codes,
    read_directory,
)
from lantern.insights.published_figures import TotalMismatch

if TYPE_CHECKING:
    from lantern.accounts.models import User

BATCH_SIZE = 2000


class PublishedImportError(Exception):
    """An import refused before anything was written: the message names the file, line and column."""


@dataclass(frozen=True)
class ImportOutcome:
    record: PublishedImport
    tables: tuple[PublishedTable, ...]
    ignored: tuple[str, ...]
    mismatches: tuple[TotalMismatch, ...]


def published_statistics_import(*, directory: Path, actor: User | None = None,
                                username: str = "") -> ImportOutcome:
    """Import every NRM statistics table in ``directory``; nothing is written if any file is refused.

    ``actor`` is the person importing (who needs the national picture); a command run on the
    server has none and names its operating-system user in ``username``.
    """
    if actor is not None:
        require(actor, Capability.SEE_NATIONAL_PICTURE)
    read = published_statistics_read(directory)
    return published_statistics_write(read=read, directory=directory, actor=actor, username=username)


def published_statistics_read(directory: Path) -> DirectoryRead:
    """Read and check every table in ``directory``, writing nothing (the slow half of an import)."""
    try:
        return read_directory(directory)
    except PublishedTableError as refused:
        raise PublishedImportError(f"Nothing imported: {refused}") from None


@transaction.atomic
def published_statistics_write(*, read: DirectoryRead, directory: Path, actor: User | None = None,
                               username: str = "") -> ImportOutcome:
    """Write what ``published_statistics_read`` read: its periods replace earlier ones, in one transaction."""
    if actor is not None:
        require(actor, Capability.SEE_NATIONAL_PICTURE)
    codes = first_responder_codes(read.tables)
    periods: defaultdict[str, set[tuple[int, int]]] = defaultdict(set)
    for table in read.tables:
        periods[table.kind.value].update(table.periods)
    replaced = _replace_periods(periods)
    record = PublishedImport.objects.create(
        imported_by=actor, imported_by_name=actor.get_username() if actor is not None else username,
        directory=str(directory), files=[_file_entry(t) for t in read.tables],
        rows_read=sum(t.rows_read for t in read.tables), figures=sum(len(t.figures) for t in read.tables),
        replaced=replaced, mismatches=[m.as_dict() for m in read.mismatches])
    PublishedFigure.objects.bulk_create(
        (PublishedFigure(source=record, table=table.kind.value, year=f.year, quarter=f.quarter,
                         first_responder_type=f.first_responder_type, first_responder=f.first_responder,
                         organisation_code=codes.get(f.first_responder, ""),
                         exploitation_type=f.exploitation_type, age_group=f.age_group, gender=f.gender,
                         nationality=f.nationality, location=f.location, outcome=f.outcome, count=f.value)
         for table in read.tables for f in table.figures),
        batch_size=BATCH_SIZE)
    event_record(action=Action.COLLECTION, actor=actor, obj=record, username=username,
                 detail={"what": "published NRM statistics",
                         "files": [(t.source, t.sha256) for t in read.tables], "figures": record.figures,
                         "replaced": replaced, "mismatched_totals": len(read.mismatches)})
    # The dashboards show the published figures beside the held ones: count them again.
    transaction.on_commit(figures_cache.forget)
    return ImportOutcome(record, read.tables, read.ignored, read.mismatches)


def _replace_periods(periods: dict[str, set[tuple[int, int]]]) -> int:
    """Delete what earlier imports held for these tables and periods; how many figures went."""
    condition = Q()
    for table, held in periods.items():
        by_year: defaultdict[int, set[int]] = defaultdict(set)
        for year, quarter in held:
            by_year[year].add(quarter)
        for year, quarters in by_year.items():
            condition |= Q(table=table, year=year, quarter__in=sorted(quarters))
    deleted, _ = PublishedFigure.objects.filter(condition).delete()
    return deleted


def _file_entry(table: PublishedTable) -> dict[str, object]:
    return {"name": table.source, "sha256": table.sha256, "table": table.kind.value,
            "periods": [list(p) for p in table.periods], "rows_read": table.rows_read,
            "figures": len(table.figures), "mismatched_totals": len(table.mismatches)}
