"""``lantern demo``: load the demo people and their investigations (idempotent); print how to sign in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lantern.accounts import services
from lantern.accounts.demo_people import DEMO_PASSWORD, DEMO_PEOPLE
from lantern.accounts.models import Organisation, User
from lantern.cases.demo import demo_cases_load


class Command(BaseCommand):
    help = "Load Lantern's demo people and print their sign-ins. Only with LANTERN_ENV=demo."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.IS_DEMO:
            raise CommandError("The demo data loads only with LANTERN_ENV=demo.")
        created = 0
        with transaction.atomic():
            for person in DEMO_PEOPLE:
                if User.objects.filter(username=person.username).exists():
                    continue
                services.user_create(
                    organisation=Organisation.objects.get(code=person.organisation_code),
                    username=person.username, first_name=person.first_name,
                    last_name=person.last_name,
                    email=f"{person.username}@demo.lantern.invalid",
                    roles=person.roles, password=DEMO_PASSWORD, job_title=person.job_title,
                )
                created += 1
        self.stdout.write(f"Demo people: {created} added, {len(DEMO_PEOPLE) - created} already there.")
        investigations = demo_cases_load()
        self.stdout.write(f"Demo investigations: {investigations} added"
                          + ("." if investigations else " (already there)."))
        self.stdout.write("")
        self.stdout.write("Lantern demo: http://127.0.0.1:8000/")
        self.stdout.write(f"Sign in with any of these usernames and the password {DEMO_PASSWORD}:")
        for person in DEMO_PEOPLE:
            roles = ", ".join(r.label for r in person.roles)
            self.stdout.write(f"  {person.username:<18} {roles:<30} {person.organisation_code}")
        self.stdout.write(
            "Two-factor sign-in: set up an authenticator app, or press 'Skip (demo only)'; the "
            "skip exists only because LANTERN_ENV=demo."
        )
