"""The load benchmark: realistic signed-in users against gunicorn and the national data, until it breaks.

    python benchmarks/load/run.py                       # PostgreSQL database lantern_load (make bench-load)
    python benchmarks/load/run.py --sqlite /tmp/load.sqlite3 --scale demo

1. A database of its own (``lantern_load`` on the machine's PostgreSQL server by default, made if
   absent; never ``lantern`` or ``test``), migrated, filled by ``lantern generate --scale national
   --seed 1`` (the published volume, about 200,000 persons 2015 to this year, by the bulk path)
   unless it already holds cases, and linked by ``lantern link`` unless a run has finished (the
   live look-up's blocking index and trained model), then on PostgreSQL analyzed
   (``prepare.analyze`` says why).
2. One signed-in session per simulated user (``prepare.py``), of every kind in ``roles.KINDS``.
3. gunicorn with the production settings (``LANTERN_ENV=production``), behind a pretend TLS proxy,
   and each dashboard the analysts open opened once, so its figures are counted and kept
   (``insights.figures_cache``, five minutes) as the day's first analysts would leave them.
4. locust headless at ``--users`` (50) for ``--seconds``, then a ramp of further steps: the
   first whose p95 passes ``--p95-limit`` (150 ms, judged over at least 200 requests) or with a
   failed request is the breaking point. The ramp goes on until the steps but the dashboards
   break too, and says where.
5. The anchor (``anchor_site.py``): the plainest Django list page of a signed-in person, under the
   same gunicorn and database, asked by ``--users`` users as often as Lantern's users asked at the
   ramp's first step; Lantern's p95 beside its p95 is the ratio printed.

It prints each run's steps (p50, p95, p99, errors; all but the dashboards; all), then the summary
line "50 users: p95 X ms, errors Y; breaking point: Z users".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure
import server

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/lantern_load"
# gunicorn's documented starting point is (2 x cores) + 1 sync workers: one busy on the CPU while
# another waits on PostgreSQL. PostgreSQL and locust share these cores, so no more than that.
DEFAULT_WORKERS = 2 * (os.cpu_count() or 1) + 1
# From ten users (every kind of user at work) up, until a step breaks even without the
# dashboards. Fewer users make too few requests in a minute for a p95 to mean anything.
DASHBOARD = "dashboard"
DEFAULT_RAMP = "10,20,30,40,50,75,100,150,200,300"
# A p95 is judged only over this many requests: of 60 (two users for a minute) it is the third
# slowest, so one pause of the machine's (a checkpoint, another process) decides it. Errors are
# judged however few the requests.
JUDGED_FROM = 200


def uptime() -> str:
    """The load average, to say how busy the machine was besides the benchmark."""
    return subprocess.run(["uptime"], stdout=subprocess.PIPE, text=True,  # noqa: S607
                          check=False).stdout.strip()


def breaks(figures: measure.Step, limit: float) -> bool:
    """Whether a step of load broke Lantern: any request failed, or p95 over the limit (over
    enough requests to judge it: ``JUDGED_FROM``)."""
    return figures.errors > 0 or (figures.p95 > limit and figures.requests >= JUDGED_FROM)


def breaking_point(runs: list[measure.Run], limit: float, *, but: str = "") -> str:
    """The first step that broke (all steps, or all but those named with ``but``), and the last
    one that held before it."""
    held, broke = None, None
    for run in runs:
        figures = run.without(but) if but else run.total
        if breaks(figures, limit):
            broke = run.users
            break
        held = run.users
    if broke is None:
        return f"not reached up to {runs[-1].users} users" if runs else "not measured"
    return f"{broke} users" + (f" (last step held: {held} users)" if held else " (the first step)")


def spawn_rate(users: int) -> float:
    """All users started within about ten seconds, at least five a second."""
    return max(5.0, users / 10)


def step(arguments: argparse.Namespace, sessions: Path, host: str, users: int, seconds: int,
         out: Path) -> measure.Run:
    rate = spawn_rate(users)
    print(f"\n--- {users} users ({rate:g} started a second, then {seconds} s measured)", flush=True)
    run = measure.locust(sessions=sessions, host=host, users=users, spawn_rate=rate,
                         run_time=seconds + int(users / rate) + 1, out=out, think=arguments.think)
    print(measure.table(run))
    print(run.line(), flush=True)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database-url", default=DEFAULT_DATABASE,
                       help=f"a PostgreSQL database of the load's own (default {DEFAULT_DATABASE})")
    where.add_argument("--sqlite", type=Path, help="a SQLite file instead (made if absent)")
    parser.add_argument("--scale", default="national", help="lantern generate --scale (default national)")
    parser.add_argument("--persons", type=int, help="lantern generate --persons")
    parser.add_argument("--no-link", action="store_true", help="do not run lantern link")
    parser.add_argument("--users", type=int, default=50, help="the headline run's users (default 50)")
    parser.add_argument("--seconds", type=int, default=120, help="the headline run's measured seconds")
    parser.add_argument("--ramp", default=DEFAULT_RAMP,
                        help=f"users at each step of the ramp, in order (default {DEFAULT_RAMP})")
    parser.add_argument("--step-seconds", type=int, default=60, help="measured seconds per ramp step")
    parser.add_argument("--p95-limit", type=float, default=150.0, help="p95 in ms a step must stay under")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                        help=f"gunicorn sync workers (default 2 x cores + 1 = {DEFAULT_WORKERS})")
    parser.add_argument("--think", default="1,5", help="seconds a person reads between steps: low,high")
    parser.add_argument("--out", type=Path, help="where locust's files go (default a new temporary folder)")
    arguments = parser.parse_args()
    ramp = [int(n) for n in arguments.ramp.split(",") if n.strip()]

    print(f"Before: {uptime()}")
    if arguments.sqlite:
        database_url = f"sqlite:///{arguments.sqlite.resolve()}"
    else:
        database_url = arguments.database_url
        if server.database_create(database_url):
            print(f"Created database {server.database_name(database_url)}")
    env = server.server_env(database_url)
    generate = ["--scale", arguments.scale, "--seed", "1"]
    if arguments.persons:
        generate += ["--persons", str(arguments.persons), "--bulk"]
    held = server.fill(env, generate=generate, link=not arguments.no_link)
    print(f"Data: {held['persons']:,} persons, {held['investigations']:,} investigations "
          f"({'linked' if held['linked'] else 'not linked'}).")

    out = arguments.out or Path(tempfile.mkdtemp(prefix="lantern-load-"))
    private = Path(tempfile.mkdtemp(prefix="lantern-load-sessions-"))  # mode 0700
    try:
        sessions = private / "sessions.json"
        made = server.prepare(env, "sessions", "--users", str(max([arguments.users, *ramp])),
                              "--out", str(sessions))
        print(f"Sessions: {made}")
        port = server.free_port()
        print(f"gunicorn: {arguments.workers} sync workers on 127.0.0.1:{port}, LANTERN_ENV=production")
        with server.gunicorn(env, workers=arguments.workers, port=port, log=out / "gunicorn.log") as host:
            started = time.monotonic()
            print(f"Warmed: {server.warm(host, sessions)} dashboards counted and kept in "
                  f"{time.monotonic() - started:.1f} s")
            headline = step(arguments, sessions, host, arguments.users, arguments.seconds, out)
            ramp_runs: list[measure.Run] = []
            for users in ramp:
                ramp_runs.append(step(arguments, sessions, host, users, arguments.step_seconds, out))
                # Go on while the steps but the dashboards hold, so both breaking points are found.
                if breaks(ramp_runs[-1].without(DASHBOARD), arguments.p95_limit):
                    break
        # The anchor: the plainest Django page under the same gunicorn, asked as often per user.
        rate = ramp_runs[0].total.per_second / ramp_runs[0].users if ramp_runs else 0.5
        with server.gunicorn(env, workers=arguments.workers, port=port, log=out / "anchor.log",
                             anchor=True) as host:
            print(f"\n--- the anchor: {arguments.users} users asking {rate:.2f} plain pages a second each")
            anchor = measure.locust(sessions=sessions, host=host, users=arguments.users,
                                    spawn_rate=spawn_rate(arguments.users),
                                    run_time=arguments.step_seconds + int(arguments.users
                                                                          / spawn_rate(arguments.users)) + 1,
                                    out=out, locustfile=measure.ANCHOR_LOCUSTFILE, name="anchor",
                                    extra_env={"LANTERN_ANCHOR_RATE": f"{rate:.4f}"})
            print(measure.table(anchor))
    finally:
        shutil.rmtree(private, ignore_errors=True)

    print(f"\nAfter: {uptime()}")
    print("\nRamp:")
    for run in ramp_runs:
        print(f"  {run.line()}{'  <- breaks' if breaks(run.total, arguments.p95_limit) else ''}")
    point = breaking_point(ramp_runs, arguments.p95_limit)
    without = breaking_point(ramp_runs, arguments.p95_limit, but=DASHBOARD)
    print(f"Breaking point of every step but the dashboards: {without}")
    ratio = headline.total.p95 / anchor.total.p95 if anchor.total.p95 else float("nan")
    print(f"Beside the anchor at {anchor.users} users: Lantern p95 {headline.total.p95:.0f} ms, "
          f"{headline.total.per_second:.1f} requests/s; plain Django page p95 {anchor.total.p95:.0f} ms, "
          f"{anchor.total.per_second:.1f} requests/s; ratio {ratio:.1f}")
    summary = (f"{headline.users} users: p95 {headline.total.p95:.0f} ms, errors {headline.total.errors}; "
               f"breaking point: {point}; anchor p95 {anchor.total.p95:.0f} ms (ratio {ratio:.1f})")
    (out / "summary.json").write_text(json.dumps({
        "summary": summary, "without_dashboards": without, "when": time.strftime("%Y-%m-%d %H:%M"),
        "workers": arguments.workers,
        "headline": _as_dict(headline), "ramp": [_as_dict(r) for r in ramp_runs],
        "anchor": _as_dict(anchor)}, indent=2))
    print(f"Files: {out}")
    print(summary)


def _as_dict(run: measure.Run) -> dict[str, object]:
    steps = [*run.steps, run.without(DASHBOARD), run.total]
    return {"users": run.users, "seconds": run.seconds, "errors": run.errors,
            "steps": [{k: v for k, v in vars(s).items() if k != "histogram"} for s in steps]}


if __name__ == "__main__":
    try:
        main()
    except (server.SetupFailed, measure.LocustFailed) as failed:
        sys.exit(str(failed))
