"""Realistic Lantern users for locust: officers recording encounters, investigators, supervisors, analysts.

Each simulated user takes a signed-in session of their own (written by ``prepare.py``; the file is
named by ``LANTERN_LOAD_SESSIONS``) and reaches only the pages a person of that role reaches, so
any 403 or 404 is an error. Requests go to gunicorn over plain HTTP as from a TLS-terminating
proxy (``X-Forwarded-Proto: https``, the production settings' ``SECURE_PROXY_SSL_HEADER``), with
the ``Origin`` such a proxy passes on, so production's HTTPS redirect and CSRF origin checks hold.

Environment:
- ``LANTERN_LOAD_SESSIONS``: the sessions file (required);
- ``LANTERN_LOAD_THINK``: think time between a person's steps, "low,high" seconds (default "1,5");
- ``LANTERN_LOAD_EVERY_TASK``: "1" makes each user do every one of its tasks once on starting
  (the smoke test, so every step runs however few users there are);
- ``LANTERN_LOAD_ONE_EACH``: "1" spawns one user of each kind whatever the weights.
"""

# Simulated people choosing what to do next, not secrets: the standard generator is right here.
# ruff: noqa: S311

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
from datetime import date
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any, ClassVar

import gevent
from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roles import KINDS

WORK = json.loads(Path(os.environ["LANTERN_LOAD_SESSIONS"]).read_text())
_low, _high = (float(part) for part in os.environ.get("LANTERN_LOAD_THINK", "1,5").split(","))
EVERY_TASK_FIRST = os.environ.get("LANTERN_LOAD_EVERY_TASK") == "1"
ONE_EACH = os.environ.get("LANTERN_LOAD_ONE_EACH") == "1"
WEIGHTS = {kind.name: kind.weight for kind in KINDS}
_ROUTE = re.compile(r"^/safeguarding/victims/\d+/route/$")
_counters: dict[str, itertools.count[int]] = {kind.name: itertools.count() for kind in KINDS}


class _KeepOurs(DefaultCookiePolicy):
    """Send the cookies the user was given; take none from the server's answers."""

    def set_ok(self, cookie: Any, request: Any) -> bool:
        return False


class LanternUser(HttpUser):
    """A signed-in person of one kind; subclasses are the kinds in ``roles.KINDS``."""

    abstract = True
    wait_time = between(_low, _high)
    journeys: ClassVar[tuple[str, ...]] = ()

    def on_start(self) -> None:
        name = type(self).__name__
        pool = WORK["sessions"][name]
        self.session = pool[next(_counters[name]) % len(pool)]
        self.force = WORK["forces"].get(self.session["force"], {})
        origin = self.host.replace("http://", "https://", 1)
        # The session is fixed: production's cookies are Secure, which requests would not send
        # back over plain HTTP, so the jar takes none from answers and holds these two as plain.
        self.client.cookies.set_policy(_KeepOurs())
        self.client.cookies.set("sessionid", self.session["sessionid"])
        self.client.cookies.set("csrftoken", self.session["csrftoken"])
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"})
        if EVERY_TASK_FIRST:
            for journey in self.journeys:
                getattr(self, journey)()

    def think(self) -> None:
        """A person reading the page before the next step."""
        gevent.sleep(random.uniform(_low, _high))

    def page(self, url: str, name: str, marker: str) -> Any:
        """GET a page a person of this role reaches: 200, not the sign-in page, showing ``marker``."""
        with self.client.get(url, name=name, catch_response=True) as response:
            _check(response, marker)
            return response

    def post(self, url: str, name: str, data: dict[str, Any], *, redirect_to: re.Pattern[str] | str) -> Any:
        """POST a form as the browser does (CSRF token); a success redirects to ``redirect_to``."""
        headers = {"X-CSRFToken": self.session["csrftoken"]}
        with self.client.post(url, name=name, data={**data, "csrfmiddlewaretoken": self.session["csrftoken"]},
                              headers=headers, allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            wanted = redirect_to if isinstance(redirect_to, str) else None
            if response.status_code != 302:
                response.failure(f"answered {response.status_code}, not a redirect: {_problem(response)}")
            elif (location != wanted) if wanted is not None else not redirect_to.match(location):
                response.failure(f"redirected to {location}")
            return response

    def case(self) -> dict[str, Any]:
        """One of the open investigations of this user's force."""
        return random.choice(self.force["cases"])


def _problem(response: Any) -> str:
    """The first error message on a page a form came back with, for the failure's text."""
    found = re.search(r'govuk-error-message">\s*(?:<span[^>]*>[^<]*</span>)?\s*([^<]+)', response.text or "")
    return found.group(1).strip() if found else (response.text or "")[:120]


def _check(response: Any, marker: str) -> None:
    """Fail the request unless it is the page asked for, as this person may see it."""
    if response.status_code != 200:
        response.failure(f"answered {response.status_code}")
    elif "/sign-in/" in response.url:
        response.failure("sent to the sign-in page: the session was not accepted")
    elif marker not in response.text:
        response.failure(f"the page lacks {marker!r}")


def _age(typed: dict[str, Any]) -> int:
    """The age the officer gives: from the date of birth typed, else the estimate, else 30."""
    if typed["date_of_birth"]:
        born = date.fromisoformat(typed["date_of_birth"])
        today = date.today()
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return int(typed["estimated_age"]) if typed["estimated_age"] != "" else 30


class FrontlineOfficer(LanternUser):
    """On the street, on a phone: records an encounter, the "seen before?" look-up as they type."""

    journeys = ("record_encounter",)

    @task
    def record_encounter(self) -> None:
        self.page("/safeguarding/encounter/", "frontline: encounter form", 'name="place_of_safety"')
        self.think()
        # Half the people met are someone already held somewhere (a victim seen again); the rest new.
        typed = dict(random.choice(WORK["names"]))
        if random.random() < 0.5:
            typed.update(first_name=random.choice(["Amina", "Tomasz", "Ion", "Li", "Grace", "Mehmet"]),
                         last_name=f"Newperson{random.randint(1, 10**6)}", date_of_birth="")
        # The person form asks as the officer types: the family name first, then with the rest.
        for fields in (("last_name",), ("first_name", "last_name", "date_of_birth", "estimated_age",
                                        "gender", "nationality")):
            self.seen_before({field: typed[field] for field in fields})
            gevent.sleep(random.uniform(0.6, 2.0))
        age = _age(typed)
        response = self.post("/safeguarding/encounter/", "frontline: record encounter (POST)", {
            "place_of_safety": "safe_house", "exploitation_types": ["labour"],
            "exploitation_location": "uk", "age": "adult" if age >= 18 else "child",
            "estimated_age": str(age), "first_name": typed["first_name"],
            "last_name": typed["last_name"], "gender": typed["gender"] or "not-known",
            "what_was_seen": "Working long hours in a car wash, no documents, living on site.",
        }, redirect_to=_ROUTE)
        location = response.headers.get("Location", "")
        if _ROUTE.match(location):
            self.page(location, "frontline: NRM route page", "Step 2 of 2")

    def seen_before(self, typed: dict[str, Any]) -> None:
        with self.client.post("/linkage/seen-before/", name="frontline: seen before? look-up",
                              data=typed, headers={"X-CSRFToken": self.session["csrftoken"],
                                                   "HX-Request": "true"},
                              catch_response=True) as response:
            _check(response, "seen-before-")


class Investigator(LanternUser):
    """Works their force's cases: the list, a case, a person; raises lines of enquiry."""

    journeys = ("work_a_case", "raise_a_line")

    @task(3)
    def work_a_case(self) -> None:
        self.page("/cases/", "investigator: case list", "govuk-table")
        self.think()
        case = self.case()
        self.page(f"/cases/{case['id']}/", "investigator: case", case["reference"])
        if case["people"]:
            self.think()
            self.page(f"/cases/people/{random.choice(case['people'])}/", "investigator: person",
                      "govuk-summary-list")

    @task(1)
    def raise_a_line(self) -> None:
        case = self.case()
        self.page(f"/cases/{case['id']}/lines/new/", "investigator: line of enquiry form",
                  'name="text"')
        self.think()
        self.post(f"/cases/{case['id']}/lines/new/", "investigator: raise line of enquiry (POST)",
                  {"text": "Check the phone numbers against the other force's group."},
                  redirect_to=f"/cases/{case['id']}/")
        self.page(f"/cases/{case['id']}/", "investigator: case", case["reference"])


class Supervisor(LanternUser):
    """Starts from the task list; looks at connections with other forces."""

    journeys = ("task_list", "connections")

    @task(3)
    def task_list(self) -> None:
        self.page("/safeguarding/tasks/", "supervisor: task list", "<h1")

    @task(1)
    def connections(self) -> None:
        self.page("/linkage/", "supervisor: connections", "<h1")


class ForceAnalyst(LanternUser):
    """A force's intelligence analyst: the force's dashboard and the network graph."""

    journeys = ("dashboard", "network")

    @task(1)
    def dashboard(self) -> None:
        # /insights/ sends everyone but the national unit to their own force's page.
        self.page("/insights/", "analyst: force dashboard", "<svg")

    @task(2)
    def network(self) -> None:
        case = self.case()
        # The crime reference is answered by a redirect to the case's node; a graph found has nodes.
        self.page(f"/linkage/graph/?start={case['reference']}", "analyst: network graph page", '"nodes"')
        self.think()
        start = f"investigation:{case['id']}"
        shown = [start]
        for _ in range(2):  # a node tapped, then one of those it showed
            with self.client.post("/linkage/graph/expand/", name="analyst: network graph expand (POST)",
                                  json={"nodes": [shown[-1]], "shown": shown},
                                  headers={"X-CSRFToken": self.session["csrftoken"]},
                                  catch_response=True) as response:
                try:
                    answered = response.json()["nodes"] if response.status_code == 200 else None
                except (ValueError, KeyError, TypeError):
                    answered = None
                if answered is None:
                    response.failure(f"answered {response.status_code} without a graph")
                    return
                nodes = [n["id"] for n in answered if n["id"] not in shown]
            if not nodes:
                return
            shown.append(random.choice(nodes))
            gevent.sleep(random.uniform(0.5, 2.0))


class NationalAnalyst(LanternUser):
    """The national unit's analyst: the nation's dashboard and the regions'."""

    journeys = ("national", "region")

    @task(1)
    def national(self) -> None:
        self.page("/insights/", "national: national dashboard", "<svg")

    @task(1)
    def region(self) -> None:
        self.page(f"/insights/regions/{random.choice(WORK['regions'])}/", "national: region dashboard",
                  "<svg")


def _weigh(*kinds: type[LanternUser]) -> None:
    """Each kind's weight from ``roles.KINDS``; one of each instead for the smoke test.

    A function, not a loop at module level: locust takes every User class bound to a module name
    as a class to spawn, a loop variable included."""
    for kind in kinds:
        kind.weight = WEIGHTS[kind.__name__]
        if ONE_EACH:
            kind.fixed_count = 1


_weigh(FrontlineOfficer, Investigator, Supervisor, ForceAnalyst, NationalAnalyst)
