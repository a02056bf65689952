"""One locust run, headless in a child process, and its figures per step: p50, p95, p99, errors.

Percentiles come from locust's own histogram of response times (milliseconds, rounded as locust
rounds them: to the millisecond below 100 ms, to two significant figures above), so they agree
with locust's printed report.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCUSTFILE = HERE / "locustfile.py"
ANCHOR_LOCUSTFILE = HERE / "anchor_locustfile.py"
TOTAL = "All steps"


class LocustFailed(RuntimeError):
    """locust itself failed (not a request: those are figures); names its log."""


@dataclass(frozen=True)
class Step:
    """One named request's figures over a run."""

    name: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    per_second: float
    histogram: dict[int, int] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Run:
    """A run's figures: each step, all steps together, and the errors by message."""

    users: int
    seconds: float
    steps: list[Step]
    total: Step
    errors: list[tuple[str, str, int]] = field(default_factory=list)  # step, message, occurrences

    def without(self, word: str) -> Step:
        """All steps together but those whose name holds ``word`` (the dashboards, say)."""
        kept = [s for s in self.steps if word not in s.name]
        merged: dict[int, int] = {}
        for kept_step in kept:
            for milliseconds, count in kept_step.histogram.items():
                merged[milliseconds] = merged.get(milliseconds, 0) + count
        return _step(f"{TOTAL} but the {word}s", merged, sum(s.requests for s in kept),
                     sum(s.errors for s in kept), self.seconds)

    def line(self) -> str:
        return (f"{self.users} users: p95 {self.total.p95:.0f} ms, p99 {self.total.p99:.0f} ms, "
                f"errors {self.total.errors} of {self.total.requests:,} requests "
                f"({self.total.per_second:.1f}/s); but the dashboards: p95 "
                f"{self.without('dashboard').p95:.0f} ms")


def percentile(histogram: dict[int, int], fraction: float) -> float:
    """The smallest response time at or below which ``fraction`` of the requests answered."""
    count = sum(histogram.values())
    if count == 0:
        return 0.0
    wanted = fraction * count
    seen = 0
    for milliseconds in sorted(histogram):
        seen += histogram[milliseconds]
        if seen >= wanted:
            return float(milliseconds)
    return float(max(histogram))


def _step(name: str, histogram: dict[int, int], requests: int, errors: int, seconds: float) -> Step:
    return Step(name=name, requests=requests, errors=errors, p50=percentile(histogram, 0.50),
                p95=percentile(histogram, 0.95), p99=percentile(histogram, 0.99),
                per_second=requests / seconds if seconds else 0.0, histogram=histogram)


def locust(*, sessions: Path, host: str, users: int, spawn_rate: float, run_time: int, out: Path,
           think: str = "1,5", reset_after_spawn: bool = True, every_task_first: bool = False,
           one_each: bool = False, locustfile: Path = LOCUSTFILE, name: str = "",
           extra_env: dict[str, str] | None = None) -> Run:
    """Run the locustfile headless against ``host`` and read its figures back."""
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / f"{name or 'users'}-{users}"
    env = dict(os.environ, LANTERN_LOAD_SESSIONS=str(sessions), LANTERN_LOAD_THINK=think,
               LANTERN_LOAD_EVERY_TASK="1" if every_task_first else "0",
               LANTERN_LOAD_ONE_EACH="1" if one_each else "0", **(extra_env or {}))
    command = [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--only-summary",
               "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{run_time}s",
               "--stop-timeout", "15", "--host", host, "--json-file", str(prefix), "--csv", str(prefix),
               "--loglevel", "WARNING"]
    if reset_after_spawn:
        command.append("--reset-stats")
    with prefix.with_suffix(".log").open("w") as log:
        # Exit 1 means only that some request failed; the figures say which, so it is not fatal.
        # A bound beyond locust's own (run time, then 15 s for users to finish), so a hung run ends.
        finished = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                  check=False, timeout=run_time + 120)
    stats_file = prefix.with_suffix(".json")
    if finished.returncode not in (0, 1) or not stats_file.exists():
        log_text = prefix.with_suffix(".log").read_text()[-3000:]
        raise LocustFailed(f"locust failed (exit {finished.returncode}):\n{log_text}")
    measured = run_time - (users / spawn_rate if reset_after_spawn else 0)
    return read(stats_file, Path(f"{prefix}_failures.csv"), users=users, seconds=measured)


def read(stats_file: Path, failures_file: Path, *, users: int, seconds: float) -> Run:
    """A run's figures from locust's JSON statistics and its failures CSV."""
    entries = json.loads(stats_file.read_text())
    steps, everything = [], {}
    requests = errors = 0
    for entry in sorted(entries, key=lambda e: e["name"]):
        histogram = {int(k): int(v) for k, v in entry["response_times"].items()}
        steps.append(_step(entry["name"], histogram, entry["num_requests"], entry["num_failures"], seconds))
        requests += entry["num_requests"]
        errors += entry["num_failures"]
        for milliseconds, count in histogram.items():
            everything[milliseconds] = everything.get(milliseconds, 0) + count
    run = Run(users=users, seconds=seconds, steps=steps,
              total=_step(TOTAL, everything, requests, errors, seconds))
    if failures_file.exists():
        with failures_file.open() as rows:
            run.errors = [(row["Name"], row["Error"], int(row["Occurrences"]))
                          for row in csv.DictReader(rows)]
    return run


def table(run: Run) -> str:
    """The run's steps as a fixed-width table: each step, all but the dashboards, all steps."""
    width = max(len(s.name) for s in [*run.steps, run.without("dashboard"), run.total])
    lines = [f"{'step':<{width}} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} "
             f"{'p99 ms':>8} {'req/s':>7}"]
    for step in [*run.steps, run.without("dashboard"), run.total]:
        lines.append(f"{step.name:<{width}} {step.requests:>9,} {step.errors:>7} {step.p50:>8.0f} "
                     f"{step.p95:>8.0f} {step.p99:>8.0f} {step.per_second:>7.1f}")
    for name, message, occurrences in run.errors:
        lines.append(f"  error x{occurrences} in {name}: {message[:200]}")
    return "\n".join(lines)
