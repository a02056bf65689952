"""``lantern generate``: fill the database with seeded synthetic cases.

Demo and regional scale go through the services (every rule and audit event); national scale, or
any scale with ``--bulk``, through the bulk writer (``lantern.synth.bulk``: one transaction and
one audit event per batch), with the plan drawn in a second process (``synth.background``).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lantern.cases.models import Investigation
from lantern.synth.background import plan_cases_in_background
from lantern.synth.bulk import write_plan_bulk
from lantern.synth.generations import generation_finished, generation_started, generation_unfinished
from lantern.synth.plan import expected_cases, plan_cases, reference_prefix
from lantern.synth.request import (
    PERSONS_PER_SCALE,
    GenerateRequest,
    default_from_year,
    request_problems,
    services_path_problems,
)
from lantern.synth.writer import write_plan

BULK_BATCH_SIZE = 2000

BAR_WIDTH = 30


def progress_bar(out: TextIO, total: int) -> Any:
    """A text bar on ``out``, redrawn after each batch."""
    def draw(cases: int, persons: int) -> None:
        done = min(BAR_WIDTH, BAR_WIDTH * cases // max(total, 1))
        out.write(f"\r[{'#' * done}{'.' * (BAR_WIDTH - done)}] {cases}/~{total} cases, {persons} persons")
        out.flush()
    return draw


class Command(BaseCommand):
    help = ("Generate seeded synthetic cases: --scale demo (about 300 persons) or regional (about 3,000) "
            "through the application's services; national (the published volume, about 180,000 persons "
            "2015-2025) or --bulk by the bulk path.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", default="demo", help=f"One of {', '.join(PERSONS_PER_SCALE)}.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--from", dest="from_year", type=int, default=None,
                            help="First year (default 2019; 2015 for --scale national).")
        parser.add_argument("--to", dest="to_year", type=int, default=date.today().year)
        parser.add_argument("--persons", type=int, default=None, help="Override the scale's size.")
        parser.add_argument("--batch-size", type=int, default=None,
                            help=f"Cases per transaction (default 25; {BULK_BATCH_SIZE} on the bulk path).")
        parser.add_argument("--bulk", action="store_true",
                            help="Write with the bulk path (bulk_create per batch, one audit event per "
                                 "batch); always used for --scale national.")
        parser.add_argument("--if-absent", action="store_true",
                            help="Do nothing (and succeed) if this seed's cases are already here, "
                                 "so `make demo` can run again; a generation that stopped part-way "
                                 "is refused, not taken for finished.")

    def handle(self, *args: Any, **options: Any) -> None:
        from_year = options["from_year"]
        if from_year is None:
            from_year = default_from_year(options["scale"])
        request = GenerateRequest(scale=options["scale"], seed=options["seed"], from_year=from_year,
                                  to_year=options["to_year"],
                                  persons=options["persons"])
        bulk = options["bulk"] or request.scale == "national"
        problems = request_problems(request) or ([] if bulk else services_path_problems(request))
        batch_size = options["batch_size"] or (BULK_BATCH_SIZE if bulk else 25)
        if options["batch_size"] is not None and options["batch_size"] < 1:
            problems.append("The batch size must be at least 1.")
        present = Investigation.objects.filter(
            crime_reference__startswith=reference_prefix(request.seed)).exists()
        stopped = generation_unfinished(request.seed) if present else None
        if stopped is not None:  # whole batches of it are here, never all: neither absent nor done
            started = timezone.localtime(stopped.occurred_at)
            problems.append(
                f"The generation for seed {request.seed} that started at {started:%Y-%m-%d %H:%M} "
                "stopped before it finished: only some of its cases are in this database, in whole "
                "batches. Nothing was added: generate into an empty database, or use another seed.")
        elif present and options["if_absent"] and not problems:
            self.stdout.write(f"Synthetic cases for seed {request.seed} are already here: nothing added.")
            return
        if not problems and present:
            problems.append(f"Cases for seed {request.seed} are already in this database: "
                            "use another seed or an empty database.")
        if problems:
            raise CommandError(" ".join(problems))
        bar = progress_bar(sys.stderr, expected_cases(request))
        generation_started(request, path="bulk" if bulk else "services")
        if bulk:  # planned in a second process while this one writes
            summary = write_plan_bulk(plan_cases_in_background(request), batch_size=batch_size, progress=bar)
        else:
            summary = write_plan(plan_cases(request), batch_size=batch_size, progress=bar)
        generation_finished(request, summary)
        sys.stderr.write("\n")
        self.stdout.write(f"Generated {request.scale} data for seed {request.seed} "
                          f"({'bulk' if bulk else 'services'} path), "
                          f"{request.from_year} to {request.to_year}:")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
