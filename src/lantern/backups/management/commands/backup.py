"""``lantern backup FILE``: the whole database to a new file (PostgreSQL custom-format dump, or a
SQLite online backup), recorded in the audit trail as a disclosure to that file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.backups.engines import BackupRefused, backup


class Command(BaseCommand):
    help = "Back up the whole database to a new file (pg_dump custom format, or SQLite's online backup)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the backup file to write (must not exist)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"].resolve()
        started = time.perf_counter()
        try:
            outcome = backup(path)
        except BackupRefused as refused:
            raise CommandError(str(refused)) from refused
        seconds = time.perf_counter() - started
        # Every personal record left the application in that file: a disclosure, to the file.
        event_record(action=Action.DISCLOSURE, actor=None, username="server command: lantern backup",
                     object_type="database", object_id=outcome.engine, recipient=f"backup file {path}",
                     detail={"bytes": outcome.size, "seconds": round(seconds, 1)})
        self.stdout.write(f"Backed up the {outcome.engine} database to {path} "
                          f"({outcome.size:,} bytes) in {seconds:.1f} s. Keep it as securely as the "
                          "database itself: it holds every record.")
