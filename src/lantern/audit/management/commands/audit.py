"""``lantern audit verify``: check the audit trail's hash chain from the first event to the head."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.audit.models import AuditChainHead
from lantern.audit.services import chain_check


class Command(BaseCommand):
    help = "Work with the audit trail. 'verify' checks every event's hash and the chain's order."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
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
