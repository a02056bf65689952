"""``lantern export-referral REFERENCE``: print a referral or notice as the NRM service's JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.problems import Refused
from lantern.safeguarding.queries import referral_by_reference
from lantern.safeguarding.services.referrals import referral_export


class Command(BaseCommand):
    help = ("Print an NRM referral or duty-to-notify notice as JSON keyed by the Home Office NRM "
            "form's field names. The export is recorded in the audit trail as a disclosure.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="e.g. NRM-012-000034 or DTN-012-000035")
        parser.add_argument("--recipient", default="Home Office NRM service (command-line export)",
                            help="who the export is for, kept in the audit trail")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            referral = referral_by_reference(options["reference"])
        except LookupError as missing:
            raise CommandError(str(missing)) from missing
        try:
            exported = referral_export(referral=referral, actor=None, recipient=options["recipient"])
        except Refused as refused:
            raise CommandError(f"{referral.reference} cannot be exported yet: {refused}") from refused
        self.stdout.write(json.dumps(exported, indent=2, ensure_ascii=False))
