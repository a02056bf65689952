"""Each page of the load's journeys asked for alone: wall time, Python CPU, SQL time and queries.

    LANTERN_ENV=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/lantern_load \\
        python benchmarks/load/pages.py [--repeat 5]

What ``run.py`` measures under load is these pages queued behind each other; this says what each
costs on its own (Django's test client in one process, the same production settings, the median
of ``--repeat`` asks), which is where to look when a step of the load is slow. The dashboards
are asked for twice: counted (their kept figures dropped first) and kept (``figures_cache``).
Run it on the load's database after ``run.py`` has filled it; it writes what the journeys
write (encounters, lines of enquiry), as the load does.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["LANTERN_ENV"] = "production"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lantern_load")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import prepare  # sets Django up
from django.core.management import call_command
from django.db import connection
from django.test import Client
from roles import KINDS

from lantern.insights import figures_cache

HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "localhost", "secure": True}


class Timed:
    """SQL time and queries while a request runs (``connection.execute_wrapper``)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def client_for(kind_name: str, force: str) -> Client:
    kind = next(k for k in KINDS if k.name == kind_name)
    organisation = (prepare.Organisation.objects.get(code=prepare.NATIONAL_UNIT) if kind.national
                    else prepare.Organisation.objects.get(code=force))
    session = prepare.session_for(prepare.load_user(kind, organisation, 0))
    client = Client(enforce_csrf_checks=False)
    client.cookies["sessionid"] = session["sessionid"]
    return client


def measure(ask: Callable[[], Any], repeat: int, before: Callable[[], None]) -> dict[str, float]:
    walls, cpus, sqls, queries = [], [], [], []
    for _ in range(repeat):
        before()
        timed = Timed()
        with connection.execute_wrapper(timed):
            wall, cpu = time.perf_counter(), time.process_time()
            response = ask()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        if response.status_code not in (200, 302):
            raise SystemExit(f"answered {response.status_code}")
        sqls.append(timed.seconds)
        queries.append(timed.queries)
    return {"wall": statistics.median(walls) * 1000, "cpu": statistics.median(cpus) * 1000,
            "sql": statistics.median(sqls) * 1000, "queries": statistics.median(queries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    call_command("collectstatic", "--noinput", verbosity=0)  # production serves the hashed files
    force = prepare.busiest_forces()[0]
    case = prepare.cases_of(force)[0]
    typed = prepare.names_typed()[0]
    officer, investigator = client_for("FrontlineOfficer", force.code), client_for("Investigator", force.code)
    supervisor, analyst = client_for("Supervisor", force.code), client_for("ForceAnalyst", force.code)
    national = client_for("NationalAnalyst", "")
    seen = {k: typed[k] for k in ("first_name", "last_name", "date_of_birth", "estimated_age", "gender",
                                  "nationality")}
    encounter = {"place_of_safety": "safe_house", "exploitation_types": ["labour"],
                 "exploitation_location": "uk", "age": "adult", "estimated_age": "30",
                 "first_name": "Amina", "last_name": "Newperson1", "gender": "female",
                 "what_was_seen": "Working long hours in a car wash, no documents, living on site."}
    route = officer.post("/safeguarding/encounter/", encounter, **HEADERS)["Location"]
    forget = figures_cache.forget
    pages: list[tuple[str, Callable[[], Any], Callable[[], None]]] = [
        ("encounter form", lambda: officer.get("/safeguarding/encounter/", **HEADERS), lambda: None),
        ("seen before? (surname)", lambda: officer.post(
            "/linkage/seen-before/", {"last_name": typed["last_name"]}, HTTP_HX_REQUEST="true", **HEADERS),
         lambda: None),
        ("seen before? (all typed)", lambda: officer.post(
            "/linkage/seen-before/", seen, HTTP_HX_REQUEST="true", **HEADERS), lambda: None),
        ("record encounter (POST)", lambda: officer.post("/safeguarding/encounter/", encounter, **HEADERS),
         lambda: None),
        ("NRM route page", lambda: officer.get(route, **HEADERS), lambda: None),
        ("case list", lambda: investigator.get("/cases/", **HEADERS), lambda: None),
        ("case", lambda: investigator.get(f"/cases/{case['id']}/", **HEADERS), lambda: None),
        ("person", lambda: investigator.get(f"/cases/people/{case['people'][0]}/", **HEADERS), lambda: None),
        ("line of enquiry form", lambda: investigator.get(f"/cases/{case['id']}/lines/new/", **HEADERS),
         lambda: None),
        ("raise line of enquiry (POST)", lambda: investigator.post(
            f"/cases/{case['id']}/lines/new/", {"text": "Check the phones."}, **HEADERS), lambda: None),
        ("task list", lambda: supervisor.get("/safeguarding/tasks/", **HEADERS), lambda: None),
        ("connections", lambda: supervisor.get("/linkage/", **HEADERS), lambda: None),
        ("network graph page", lambda: analyst.get(f"/linkage/graph/?start={case['reference']}", follow=True,
                                                   **HEADERS), lambda: None),
        ("network graph expand (POST)", lambda: analyst.post(
            "/linkage/graph/expand/", {"nodes": [f"investigation:{case['id']}"],
                                       "shown": [f"investigation:{case['id']}"]},
            content_type="application/json", **HEADERS), lambda: None),
    ]
    for name, who, url in (("force dashboard", analyst, "/insights/"),
                           ("national dashboard", national, "/insights/"),
                           ("region dashboard", national, f"/insights/regions/{force.region}/")):
        ask = (lambda c, u: lambda: c.get(u, follow=True, **HEADERS))(who, url)
        pages.append((f"{name}, counted", ask, forget))
        pages.append((f"{name}, kept", ask, lambda: None))
    print(f"Each page alone, median of {repeat} (the largest force, {force.code}):")
    print("| page | wall ms | Python CPU ms | SQL ms | queries |\n|---|---|---|---|---|")
    for name, ask, before in pages:
        figures = measure(ask, repeat, before)
        print(f"| {name} | {figures['wall']:.0f} | {figures['cpu']:.0f} | {figures['sql']:.0f} | "
              f"{figures['queries']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
