"""The load benchmark's Django side: what the database holds, and the signed-in sessions locust uses.

Run by ``run.py`` in a child process with the server's environment (the same ``SECRET_KEY`` as
gunicorn, since sessions are signed with it and carry the password's session hash):

    python benchmarks/load/prepare.py status
    python benchmarks/load/prepare.py analyze      # VACUUM ANALYZE
    python benchmarks/load/prepare.py sessions --users 300 --out DIR/sessions.json

``sessions`` adds the load's users if they are not there (one per session, of every kind in
``roles.KINDS``, spread across the forces holding most investigations; no password, so nobody can
sign in as them, and a confirmed authenticator device), writes one Django session each as a real
sign-in leaves it (the user, the backend, the password's session hash and the verified second
factor's device id) and a CSRF secret, and lists each force's open investigations and their people
for the users to work on, and some earlier records' names for officers to type. Hashing a
password on each request would measure argon2, not Lantern; signing in is not what is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")

import django

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from roles import CASES_PER_FORCE, FORCES_USED, KINDS, NAMES_LOOKED_UP, NATIONAL_UNIT, Kind  # noqa: E402

from lantern.accounts.models import Organisation, User  # noqa: E402
from lantern.accounts.rules import OrganisationKind, Role  # noqa: E402
from lantern.accounts.services import user_create  # noqa: E402
from lantern.cases.models import Investigation, Involvement, Person  # noqa: E402
from lantern.cases.rules import Status  # noqa: E402
from lantern.linkage.models import LinkRun  # noqa: E402
from lantern.linkage.rules import RunStatus  # noqa: E402

BACKEND = "django.contrib.auth.backends.ModelBackend"


def status() -> dict[str, Any]:
    """What the database holds: investigations, persons, and whether a linkage run has finished."""
    return {
        "investigations": Investigation.objects.count(),
        "persons": Person.objects.count(),
        "linked": LinkRun.objects.filter(status=RunStatus.FINISHED.value).exists(),
    }


def analyze() -> dict[str, Any]:
    """Vacuum and analyze, as autovacuum would after the bulk load; the status.

    Why: this machine's server runs with autovacuum off (its CI configuration). Without planner
    statistics the live look-up's blocking-index query (8.8 million keys) took 800 ms instead of
    a few; without a vacuum's visibility map no count can be answered from an index alone (the
    case list's count of the largest force's 23,000 investigations: 13 ms instead of 1). A
    production server's autovacuum does both soon after a bulk load; this does them at once, so
    the benchmark measures Lantern, not a table autovacuum has not reached yet.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return status()


def busiest_forces() -> list[Organisation]:
    """The forces holding most investigations with someone in them."""
    forces = (Organisation.objects.filter(kind__in=[OrganisationKind.TERRITORIAL_FORCE.value,
                                                    OrganisationKind.SPECIAL_FORCE.value])
              .annotate(held=Count("investigations", filter=Q(
                  investigations__status__in=[s.value for s in Status if s is not Status.CLOSED])))
              .filter(held__gt=0).order_by("-held", "code"))
    return list(forces[:FORCES_USED])


def cases_of(force: Organisation) -> list[dict[str, Any]]:
    """Open investigations spread through the force's list, each with up to three of its people."""
    ids = list(Investigation.objects.filter(organisation=force, involvements__isnull=False)
               .exclude(status=Status.CLOSED.value).order_by("pk").values_list("pk", flat=True)
               .distinct())
    step = max(1, len(ids) // CASES_PER_FORCE)
    chosen = ids[::step][:CASES_PER_FORCE]
    people: dict[int, list[int]] = {pk: [] for pk in chosen}
    for case_id, person_id in (Involvement.objects.filter(investigation_id__in=chosen)
                               .order_by("pk").values_list("investigation_id", "person_id")):
        if len(people[case_id]) < 3:
            people[case_id].append(person_id)
    references = dict(Investigation.objects.filter(pk__in=chosen).values_list("pk", "crime_reference"))
    return [{"id": pk, "reference": references[pk], "people": people[pk]} for pk in chosen]


def names_typed() -> list[dict[str, Any]]:
    """Earlier records, from every force, whose details an officer types on meeting them again."""
    total = Person.objects.count()
    step = max(1, total // NAMES_LOOKED_UP)
    rows = (Person.objects.exclude(last_name="").order_by("pk")
            .values("pk", "first_name", "last_name", "date_of_birth", "estimated_age", "gender",
                    "nationality"))
    chosen = []
    for index, row in enumerate(rows.iterator(chunk_size=5000)):
        if index % step == 0:
            chosen.append({
                "first_name": row["first_name"], "last_name": row["last_name"],
                "date_of_birth": row["date_of_birth"].isoformat() if row["date_of_birth"] else "",
                "estimated_age": row["estimated_age"] if row["estimated_age"] is not None else "",
                "gender": row["gender"], "nationality": row["nationality"]})
            if len(chosen) >= NAMES_LOOKED_UP:
                break
    return chosen


def load_user(kind: Kind, organisation: Organisation, number: int) -> User:
    """The load's user ``number`` of this kind in this organisation, made once."""
    username = f"load-{kind.name.lower()}-{organisation.code}-{number}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(organisation=organisation, username=username, first_name="Load",
                           last_name=f"{kind.name} {number}",
                           email=f"{username}@load.lantern.invalid", roles=[Role(kind.role)],
                           password=None, job_title=f"Simulated {kind.name}")
    TOTPDevice.objects.get_or_create(user=user, name="load", defaults={"confirmed": True})
    return user


def session_for(user: User) -> dict[str, str]:
    """A session as password and a verified second factor leave it, and a CSRF secret for POSTs."""
    device = TOTPDevice.objects.get(user=user, name="load")
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return {"sessionid": str(store.session_key),
            "csrftoken": get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)}


def sessions(users: int) -> dict[str, Any]:
    """Sessions for ``users`` simulated users of every kind, and what they work on."""
    forces = busiest_forces()
    if not forces:
        raise SystemExit("The database holds no open investigation: generate data first.")
    national = Organisation.objects.get(code=NATIONAL_UNIT)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        made = []
        for number in range(kind.sessions_needed(users)):
            organisation = national if kind.national else forces[number % len(forces)]
            session = session_for(load_user(kind, organisation, number // len(forces)))
            made.append({**session, "force": "" if kind.national else organisation.code})
        by_kind[kind.name] = made
    return {
        "sessions": by_kind,
        "forces": {force.code: {"region": force.region, "cases": cases_of(force)} for force in forces},
        "regions": sorted({force.region for force in forces}),
        "names": names_typed(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="print what the database holds, as JSON")
    commands.add_parser("analyze", help="refresh PostgreSQL's planner statistics, then print the status")
    made = commands.add_parser("sessions", help="write the load's sessions and work lists")
    made.add_argument("--users", type=int, required=True, help="the most simulated users at once")
    made.add_argument("--out", type=Path, required=True, help="the JSON file to write (mode 0600)")
    arguments = parser.parse_args()
    if arguments.command in ("status", "analyze"):
        print(json.dumps(status() if arguments.command == "status" else analyze()))
        return
    data = sessions(arguments.users)
    # Sessions and the names typed are as good as signed-in access to synthetic records: owner only.
    descriptor = os.open(arguments.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        json.dump(data, out)
    print(json.dumps({kind: len(made) for kind, made in data["sessions"].items()}))


if __name__ == "__main__":
    main()
