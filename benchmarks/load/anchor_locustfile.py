"""The anchor's users for locust: each signed in with a Lantern session, asking for the plain page.

Each user asks ``LANTERN_ANCHOR_RATE`` pages a second (``run.py`` passes the rate Lantern's own
users asked at the ramp's first step, when nothing queued), so the same number of users asks for
as many pages a second as Lantern's did; ``anchor_site.py`` says what is served.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, constant_throughput, task

WORK = json.loads(Path(os.environ["LANTERN_LOAD_SESSIONS"]).read_text())
# Force users' sessions: the page lists the user's force's investigations.
SESSIONS = [s for pool in WORK["sessions"].values() for s in pool if s["force"]]
RATE = float(os.environ.get("LANTERN_ANCHOR_RATE", "0.5"))
_next = itertools.count()


class AnchorUser(HttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SESSIONS[next(_next) % len(SESSIONS)]["sessionid"])

    @task
    def page(self) -> None:
        with self.client.get("/", name="anchor: plain Django list page", catch_response=True) as response:
            if response.status_code != 200 or "Signed in: True" not in response.text:
                response.failure(f"answered {response.status_code} without the session")
