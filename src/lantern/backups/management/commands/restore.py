"""``lantern restore FILE``: replace the whole database with a backup ``lantern backup`` made,
after checking the file is one; then verify the audit chain and record the restore in it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.audit.rules import Action
from lantern.audit.services import chain_check, event_record
from lantern.backups.engines import BackupRefused, restore


class Command(BaseCommand):
    help = ("Replace the whole database with a backup made by 'lantern backup'. Everything written "
            "since that backup is lost: stop the application and its workers first.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a backup written by 'lantern backup'")
        parser.add_argument("--yes", action="store_true",
                            help="do not ask for confirmation (for scripts)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"].resolve()
        if not options["yes"] and input(
                f"Replace the whole database with {path}? Type 'restore' to go on: ").strip() != "restore":
            raise CommandError("Not restored: nothing was changed.")
        started = time.perf_counter()
        try:
            outcome = restore(path)
        except BackupRefused as refused:
            raise CommandError(f"Not restored: {refused} Nothing was changed.") from refused
        seconds = time.perf_counter() - started
        verdict = chain_check()
        if not verdict.intact:
            raise CommandError(f"Restored from {path} in {seconds:.1f} s, but the audit chain in it is "
                               f"BROKEN after {verdict.events_checked} good events: {verdict.problem}.")
        event_record(action=Action.ALTERATION, actor=None, username="server command: lantern restore",
                     object_type="database", object_id=outcome.engine,
                     detail={"restored_from": str(path), "seconds": round(seconds, 1)})
        self.stdout.write(f"Restored the {outcome.engine} database from {path} in {seconds:.1f} s. "
                          f"Audit chain intact: {verdict.events_checked} events verified. Run "
                          "'lantern migrate' if this version of Lantern is newer than the backup.")
