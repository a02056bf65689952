"""``lantern audit verify``: check the audit trail's hash chain from the first event to the head.

``lantern audit grant-app-role ROLE``: on PostgreSQL, give the role the application connects as the
privileges it needs and no more on the audit trail (see ``lantern.audit.grants``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from lantern.audit.grants import app_role_grant
from lantern.audit.models import AuditChainHead
from lantern.audit.services import chain_check


class Command(BaseCommand):
    help = ("Work with the audit trail. 'verify' checks every event's hash and the chain's order; "
            "'grant-app-role ROLE' (PostgreSQL, run as the tables' owner) grants the application's "
            "role SELECT and INSERT only on audit events.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "grant-app-role"])
        parser.add_argument("role", nargs="?", default="",
                            help="for grant-app-role: the database role the application connects as")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "grant-app-role":
            self._grant(options["role"])
            return
        verdict = chain_check()
        if not verdict.intact:
            raise CommandError(
                f"Audit chain BROKEN after {verdict.events_checked} good events: {verdict.problem}."
            )
        head = AuditChainHead.objects.filter(pk=1).first()
        head_hash = head.hash if head else "(empty)"
        self.stdout.write(
            f"Audit chain intact: {verdict.events_checked} events verified. Head hash {head_hash} "
            "(keep a copy outside Lantern to prove later that nothing was rewritten)."
        )

    def _grant(self, role: str) -> None:
        if not role:
            raise CommandError("Name the role: lantern audit grant-app-role ROLE.")
        try:
            with transaction.atomic():
                statements = app_role_grant(connection, role)
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(f"Granted {role}: {len(statements)} statements. On the audit trail it may "
                          "SELECT and INSERT events, and SELECT, INSERT and UPDATE the chain head; "
                          "it may not UPDATE, DELETE or TRUNCATE events.")
