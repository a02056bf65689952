"""``lantern link``: the national linkage run from the command line, with a progress bar."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantern.linkage import services
from lantern.problems import Refused

BAR_WIDTH = 30


def stage_bar(out: TextIO) -> Any:
    """A text bar on ``out`` for the run's stages (reading, normalising, training, predicting, clustering)."""
    def draw(stage: str, fraction: float) -> None:
        done = min(BAR_WIDTH, int(BAR_WIDTH * fraction))
        out.write(f"\r[{'#' * done}{'.' * (BAR_WIDTH - done)}] {fraction:4.0%} {stage:<20}")
        out.flush()
    return draw


class Command(BaseCommand):
    help = ("Link every force's person records (Splink): suggested matches, stable person ids and notices "
            "to the officers whose records are joined. Officers' decisions are respected.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--engine", choices=services.ENGINES, default="duckdb",
                            help="duckdb (embedded, the default) or spark (pip install 'lantern[spark]'; "
                                 "local mode unless LANTERN_SPARK_MASTER names a cluster)")
        parser.add_argument("--threshold", type=float, default=0.9, help="match probability to suggest at")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run = services.run_request(user=None, engine_name=options["engine"],
                                       threshold=options["threshold"])
            run = services.run_execute(run_id=run.pk, progress=stage_bar(sys.stderr))
        except Refused as refused:
            raise CommandError(str(refused)) from None
        sys.stderr.write("\n")
        self.stdout.write(f"Linkage run {run.pk}: {run.records} records, {run.clusters} people, "
                          f"{run.matches} suggested matches "
                          f"({run.connections} joining investigations or forces), "
                          f"{run.merges} merged and {run.splits} split person ids.")
        seconds = ", ".join(f"{stage} {value:.1f} s" for stage, value in run.seconds.items())
        if seconds:
            self.stdout.write(f"Time: {seconds}.")
