"""``lantern report --year 2020 --format html|pdf|json``: the annual report, written to a file.

Run on the server by no person, like ``lantern link``: the report is the national unit's system
output (``report.national_unit_system``), so any place may be asked for. Writing it is recorded in
the audit trail as a disclosure of aggregate figures (format, year, place, whether for
publication, and the operating-system account that ran the command). The build's stages show as
a bar on standard error.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lantern.insights import report as annual
from lantern.insights.places import PlaceError, parse_place
from lantern.insights.report_html import report_document
from lantern.insights.report_json import report_json
from lantern.insights.report_pdf import report_pdf

FORMATS = ("html", "pdf", "json")
BAR_WIDTH = 30


def stage_bar(out: TextIO) -> annual.Progress:
    """A text bar on ``out`` for the report's stages."""
    def draw(stage: str, fraction: float) -> None:
        done = min(BAR_WIDTH, int(BAR_WIDTH * fraction))
        out.write(f"\r[{'#' * done}{'.' * (BAR_WIDTH - done)}] {fraction:4.0%} {stage:<36}")
        out.flush()
    return draw


def rendered(report: annual.Report, file_format: str) -> bytes:
    """The report in one of ``FORMATS`` (the page's downloads use this too)."""
    if file_format == "pdf":
        return report_pdf(report)
    text = report_json(report) if file_format == "json" else report_document(report)
    return text.encode("utf-8")


def default_name(report: annual.Report, file_format: str) -> str:
    marking = "publication" if report.for_publication else "internal"
    return f"lantern-report-{report.place.code}-{report.year}-{marking}.{file_format}"


class Command(BaseCommand):
    help = ("Build the annual report for a calendar year (Table 1 with changes, the long-term trends, the "
            "underlying data on victims, crimes and investigations, criminal justice outcomes by quarter, "
            "and the published NRM statistics held) as HTML, PDF or JSON. Internal exact figures unless "
            "--publish applies statistical disclosure control. Recorded in the audit trail.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="the calendar year, e.g. 2020")
        parser.add_argument("--format", dest="file_format", choices=FORMATS, default="html")
        parser.add_argument("--output", default="",
                            help="file to write (default lantern-report-<place>-<year>-<marking>.<format> "
                                 "here; - for standard output)")
        parser.add_argument("--place", default="nation", help='"nation", a region\'s code or a force\'s code')
        parser.add_argument("--publish", action="store_true",
                            help="for publication: suppress small counts (LANTERN_DISCLOSURE_THRESHOLD, "
                                 "default 5) with secondary suppression")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            place = parse_place(options["place"])
            report = annual.report_build(user=annual.national_unit_system(), year=options["year"],
                                         place=place, for_publication=options["publish"],
                                         progress=stage_bar(sys.stderr))
        except (PlaceError, annual.ReportError) as refused:
            raise CommandError(str(refused)) from None
        sys.stderr.write("\n")
        body = rendered(report, options["file_format"])
        output = options["output"] or default_name(report, options["file_format"])
        recipient = "standard output" if output == "-" else f"report file {Path(output).resolve()}"
        with transaction.atomic():  # the disclosure is kept only if the file is written
            annual.report_record(report=report, actor=None, file_format=options["file_format"],
                                 recipient=f"{recipient} (lantern report)", operator=_operator())
            if output == "-":
                sys.stdout.buffer.write(body)
                sys.stdout.flush()
            else:
                try:
                    Path(output).write_bytes(body)
                except OSError as error:
                    raise CommandError(f"Could not write {output}: {error.strerror}.") from None
        if output != "-":
            self.stdout.write(f"Wrote the {report.year} report for {report.place.name} ({report.marking}) "
                              f"as {options['file_format'].upper()} to {output} ({len(body):,} bytes; "
                              f"{report.cells_suppressed} cells suppressed).")


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
