"""``lantern adduser``: add a person from the command line (the first administrator, say)."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.accounts import services
from lantern.accounts.models import Organisation
from lantern.accounts.rules import Role


class Command(BaseCommand):
    help = "Add a person to an organisation with roles. They set up two-factor sign-in on first use."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. west-yorkshire")
        parser.add_argument("--role", action="append", required=True,
                            choices=[r.value for r in Role], help="repeat for several roles")
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--password-from-stdin", action="store_true",
                            help="read the first password from standard input, not a prompt")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = Organisation.objects.get(code=options["organisation"])
        except Organisation.DoesNotExist as missing:
            raise CommandError(f"No organisation has the code {options['organisation']!r}.") from missing
        if options["password_from_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("First password: ")
        try:
            user = services.user_create(
                organisation=organisation, username=options["username"],
                first_name=options["first_name"], last_name=options["last_name"],
                email=options["email"], roles=[Role(r) for r in options["role"]],
                password=password,
            )
        except services.AccountError as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"Added {user.username} to {organisation.name}.")
