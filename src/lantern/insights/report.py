"""The annual report, assembled as data: sections of ``tables.Table``, whatever format it leaves in.

``report_build(user=..., year=2020, place=places.nation(), for_publication=False)`` counts, through
``figures.counting`` (``AccessDenied`` when the user may not count the place, before anything is
counted), the sections seed 004's annual report prints: Table 1's key data with the change against
the year before; the long-term trends (live investigations month by month over every year Lantern
holds, police and all NRM referrals year by year, the Home Office's published series since 2009
when imported); the underlying data on victims, crimes and investigations (victims' age and
nationality where known, the exploitation mix with county lines, crime outcomes); criminal justice
outcomes by quarter; and every single figure. The renderers (``report_html``, ``report_pdf``,
``report_json``) only lay out what is here, so the three formats cannot disagree, and the charts
are the same SVG (``charts``) on the page and in the PDF.

**For publication** every count table of Lantern's own goes through ``disclosure.table_suppress``
at ``LANTERN_DISCLOSURE_THRESHOLD`` (primary and secondary suppression). Table 1 and the single
figures have no totals, so they are suppressed cell by cell (``_discloses``): a count or monthly
average from 1 to the threshold less one, and a rate whose numerator, denominator or their
difference is (``1 of 3 convicted`` would name the two acquitted as surely as the one convicted);
a change is hidden whenever either year's figure is. The Home Office's published figures are
reproduced as published. Without it the report holds the exact figures and is marked "Internal:
not for publication".

**Who is acting.** A page's report is counted as the signed-in user. The ``lantern report``
command, like ``lantern link``, is run on the server by no person: it acts as the national unit's
system output (``national_unit_system``), which holds the national unit's role so that
``lantern.access`` still decides what may be counted, and is never saved. Building counts only, so
writes nothing; handing a report out (a file written, a download) is a disclosure of aggregate
figures recorded by ``report_record``.

**Progress.** ``progress(stage, fraction)`` is called before each section. A national report over
2015-2025 is built in about 6 seconds on this machine (see docs/insights.md), so the page renders
it in the request rather than through a background task.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from lantern.access.rules import Capability
from lantern.access.scope import can
from lantern.accounts.models import Organisation, User
from lantern.accounts.rules import Role
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Investigation
from lantern.insights import published_queries
from lantern.insights.charts import ChartKind
from lantern.insights.disclosure import SUPPRESSION_NOTE, table_suppress
from lantern.insights.figures import FIGURE_KEYS, Counting, Figure, counting, figures_for_periods, live_counts
from lantern.insights.figures_breakdowns import breakdown
from lantern.insights.figures_counting import scoped
from lantern.insights.figures_series import crime_outcomes_by_quarter, justice_outcomes_by_quarter
from lantern.insights.metrics import BY_KEY, TABLE_1_KEYS, Unit
from lantern.insights.periods import Period, calendar_year, quarter, span
from lantern.insights.places import Place, PlaceKind
from lantern.insights.table1 import table1
from lantern.insights.tables import SUPPRESSED, Cell, Row, Table
from lantern.problems import Refused

NATIONAL_UNIT_CODE = "msoicu"
SYSTEM_USERNAME = "lantern report (system)"
FIRST_YEAR = 2015  # the Modern Slavery Act 2015: Lantern's figures start with it
INTERNAL_MARKING = "Internal: not for publication"
PUBLICATION_MARKING = "For publication: statistical disclosure control applied"
OWN_SOURCE = "Lantern's records"

Progress = Callable[[str, float], None]


class ReportError(Refused):
    """A report that cannot be built as asked (a year outside what Lantern counts)."""


@dataclass(frozen=True)
class Item:
    """One table in a section, drawn as a chart of ``chart`` kind, or shown as a table alone."""

    name: str  # a stable key for the JSON ("live_by_month"), the same every year and place
    table: Table
    chart: ChartKind | None = None
    y_label: str = ""
    column: str = ""  # a bar chart's column
    published: bool = False  # the Home Office's figures: reproduced as published, never suppressed


@dataclass(frozen=True)
class Section:
    key: str  # the HTML anchor and the JSON key
    title: str
    summary: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Report:
    year: int
    period: Period
    place: Place
    generated_at: datetime  # UTC
    for_publication: bool
    threshold: int | None  # the disclosure threshold, for publication only
    cells_suppressed: int
    table1: Table
    figures: dict[str, tuple[Cell, Cell]]  # every single figure: (previous year, the year), unrounded
    sections: tuple[Section, ...]
    nrm_published: dict[str, Any] | None  # published_queries.published_year, None when none imported
    nrm_lantern: dict[str, Any]  # Lantern's own figures in the same shape
    notes: tuple[str, ...] = field(default=())

    @property
    def marking(self) -> str:
        return PUBLICATION_MARKING if self.for_publication else INTERNAL_MARKING

    @property
    def title(self) -> str:
        return f"Modern slavery annual report {self.year}: {self.place.name}"

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.items

    def tables(self) -> Iterator[Table]:
        for item in self.items():
            yield item.table


def national_unit_system() -> User:
    """The national unit as the system: the identity of a report built by ``lantern report``.

    Not a person and never saved (so it holds no role grant rows; its role is set here): it lets
    ``lantern.access`` decide a command's counting exactly as for a national unit user, and the
    audit trail record the national unit with no person (``report_record``).
    """
    unit = Organisation.objects.get(code=NATIONAL_UNIT_CODE)
    identity = User(username=SYSTEM_USERNAME, organisation=unit, is_active=True)
    identity.__dict__["role_set"] = frozenset({Role.NATIONAL_UNIT})  # fills the cached property
    return identity


def year_check(year: int, *, today: date) -> Period:
    """The calendar year asked for, from 2015 (the Act) to this one, or ``ReportError``."""
    if not FIRST_YEAR <= year <= today.year:
        raise ReportError(f"Choose a year from {FIRST_YEAR} to {today.year}, not {year}.")
    return calendar_year(year)


def report_build(*, user: User, year: int, place: Place, for_publication: bool = False,
                 progress: Progress | None = None, today: date | None = None) -> Report:
    """The annual report for ``year`` and ``place``; ``AccessDenied`` if ``user`` may not count it."""
    c = counting(user=user, place=place)  # refuses before anything is counted
    period = year_check(year, today=today or timezone.localdate())
    step = _stepper(progress, 6)
    threshold = settings.LANTERN_DISCLOSURE_THRESHOLD if for_publication else None

    step("key data")
    now, before = figures_for_periods(c, [period, period.previous()], FIGURE_KEYS)
    key_table = table1(c, period)
    figures: dict[str, tuple[Cell, Cell]] = {}
    for key in FIGURE_KEYS:
        pair = (before[key], now[key])
        hide = [threshold is not None and _discloses(f, threshold) for f in pair]
        figures[key] = (SUPPRESSED if hide[0] else pair[0].value, SUPPRESSED if hide[1] else pair[1].value)
    if threshold is not None:
        key_table = _table1_publish(key_table, before, now, threshold)
    key_data = Section("key-data", "Key data", (
        f"The key figures for {period.description} beside {period.previous().description}, as the "
        "national annual report's Table 1 gives them."), (Item("table1", key_table),))

    step("long-term trends")
    trends = _trends(c, user, period)
    step("victims, crimes and investigations")
    underlying = _underlying(c, period)
    step("criminal justice outcomes")
    justice = _justice(c, period)
    step("published statistics")
    published = _published(user, place, year)
    every = Section("figures", "Every figure", (
        f"Each of Lantern's single figures for {period.description} and the year before, by the "
        "published definitions (docs/insights.md)."), (Item("figures", _figures_table(c, period, figures)),))

    step("disclosure control")
    sections: tuple[Section, ...] = (key_data, trends, underlying, justice, every)
    hidden = sum(_count_hidden(item.table) for section in (key_data, every) for item in section.items)
    if threshold is not None:
        sections = (key_data, *(_suppressed(section, threshold) for section in (trends, underlying, justice)),
                    every)
        hidden += sum(_count_hidden(item.table) for section in sections[1:-1] for item in section.items)
    if progress is not None:
        progress("finished", 1.0)
    report = Report(year=year, period=period, place=place, generated_at=datetime.now(UTC),
                    for_publication=for_publication, threshold=threshold, cells_suppressed=hidden,
                    table1=key_table, figures=figures, sections=sections, nrm_published=published,
                    nrm_lantern={}, notes=_notes(threshold, place))
    return replace(report, nrm_lantern=_lantern_nrm(report))


def _suppressed(section: Section, threshold: int) -> Section:
    """The section with disclosure control applied to each of Lantern's count tables."""
    return replace(section, items=tuple(
        item if item.published else replace(item, table=table_suppress(item.table, threshold=threshold).table)
        for item in section.items))


def _stepper(progress: Progress | None, stages: int) -> Callable[[str], None]:
    done = [0]

    def step(stage: str) -> None:
        if progress is not None:
            progress(stage, done[0] / stages)
        done[0] += 1
    return step


def _value(found: Figure) -> Cell:
    return found.value


def _notes(threshold: int | None, place: Place) -> tuple[str, ...]:
    notes = ["Counted from the records held in Lantern by the published definitions "
             "(docs/insights.md); a period that has not ended holds the records so far."]
    if threshold is None:
        notes.append(f"{INTERNAL_MARKING}: exact figures, including small counts that could identify "
                     "a person. Build the report for publication before it leaves the police.")
    else:
        notes.append(
            f"Statistical disclosure control has been applied to every count of Lantern's own: counts "
            f"from 1 to {threshold - 1} are suppressed ([c]), and so are further figures that would let "
            "one be worked out from a total; a rate is suppressed where its numerator or denominator, "
            "or their difference, is such a count, and a change wherever either year's figure is. "
            "Zeros are shown. The Home Office's published figures are reproduced as published.")
    if place.kind is not PlaceKind.NATION:
        notes.append("The Home Office's published statistics are national: the nation's report gives them.")
    return tuple(notes)


# ---- disclosure control for the tables without totals: Table 1 and the single figures ----

def _discloses(found: Figure, threshold: int) -> bool:
    """Whether publishing this figure could reveal a count below the threshold."""
    def small(n: float | int | None) -> bool:
        return n is not None and 0 < n < threshold
    if found.metric.unit is Unit.RATE:
        if found.numerator is None or found.denominator is None:
            return False
        part, whole = found.numerator, found.denominator
        return any(small(n) for n in (part, whole, whole - part))
    return small(found.value)


def _table1_publish(table: Table, before: dict[str, Figure], now: dict[str, Figure], threshold: int) -> Table:
    """Table 1 for publication: each year's figure hidden where it discloses, and then its change."""
    rows = []
    for key, row in zip(TABLE_1_KEYS, table.rows, strict=True):
        hide = (_discloses(before[key], threshold), _discloses(now[key], threshold))
        previous, current, change, percent = row.values
        if any(hide):
            change, percent = SUPPRESSED, SUPPRESSED
        rows.append(Row(row.label, (SUPPRESSED if hide[0] else previous, SUPPRESSED if hide[1] else current,
                                    change, percent)))
    published = table.with_rows(tuple(rows))
    if _count_hidden(published):
        published = replace(published, notes=(*published.notes, SUPPRESSION_NOTE.format(below=threshold - 1)))
    return published


def _count_hidden(table: Table) -> int:
    return sum(cell is SUPPRESSED for row in table.rows for cell in row.values)


def _shown(key: str, value: Cell) -> Cell:
    """A single figure as a person reads it: rates as percentages to one place."""
    if isinstance(value, float) and BY_KEY[key].unit is Unit.RATE:
        return round(value * 100, 1)
    if isinstance(value, float):
        return round(value, 1)
    return value


def _figures_table(c: Counting, period: Period, figures: dict[str, tuple[Cell, Cell]]) -> Table:
    rows = tuple(Row(BY_KEY[key].title + (" (%)" if BY_KEY[key].unit is Unit.RATE else ""),
                     (_shown(key, previous), _shown(key, current)))
                 for key, (previous, current) in figures.items())
    return Table(key=f"figures-{c.place.code}-{period.code}",
                 title=f"Every figure, {c.place.name}, {period.label}",
                 columns=(period.previous().label, period.label), rows=rows, label_heading="Figure",
                 description="Each single figure for the year and the year before; rates as percentages.",
                 source=OWN_SOURCE)


# ---- the sections ----

def _years_held(c: Counting, period: Period) -> list[Period]:
    """Every calendar year from the first crime recorded for the place (2015 at the earliest) to the year."""
    recorded = scoped(Investigation.objects.all(), "organisation", c)
    first = recorded.aggregate(first=Min("recorded_on"))["first"]
    start = max(FIRST_YEAR, min(first.year if first else period.start.year, period.start.year))
    return [calendar_year(year) for year in range(start, period.start.year + 1)]


def _trends(c: Counting, user: User, period: Period) -> Section:
    years = _years_held(c, period)
    months = span(years[0], period).months()
    live = live_counts(c, [m.end for m in months])
    where = f"{c.place.name}, {years[0].label} to {period.label}" if len(years) > 1 else c.place.name
    live_table = Table(
        key=f"live-by-month-{c.place.code}-{years[0].code}-{period.code}",
        title=f"Live investigations at each month end, {where}", columns=("Live investigations",),
        rows=tuple(Row(m.label, (n,)) for m, n in zip(months, live, strict=True)), label_heading="Month",
        description=BY_KEY["investigations.live_monthly_average"].definition,
        source=BY_KEY["investigations.live_monthly_average"].source)
    per_year = figures_for_periods(c, years, ["nrm.police_referrals", "nrm.referrals"])
    metric = BY_KEY["nrm.referrals"]
    referrals = Table(
        key=f"nrm-referrals-by-year-{c.place.code}-{years[0].code}-{period.code}",
        title=f"NRM referrals by the police and by all first responders, {where}",
        columns=("Police referrals", "All first responders"),
        rows=tuple(Row(y.label, (f["nrm.police_referrals"].value, f["nrm.referrals"].value))
                   for y, f in zip(years, per_year, strict=True)),
        label_heading="Year", description=metric.definition, source=metric.source,
        notes=(metric.limitation,) if metric.limitation else ())
    items = [Item("live_by_month", live_table, ChartKind.LINE, y_label="Live investigations"),
             Item("nrm_referrals_by_year", referrals, ChartKind.LINE, y_label="Referrals")]
    if c.place.kind is PlaceKind.NATION and can(user, Capability.SEE_NATIONAL_PICTURE):
        series = published_queries.national_referrals_series(user=user)
        held = tuple(row for row in series.rows if int(row.label[:4]) <= period.start.year)
        if held:
            items.append(Item("published_referrals_series", series.with_rows(held), ChartKind.LINE,
                              y_label="Referrals", published=True))
    return Section("trends", "Long-term trends", (
        "Live investigations month by month and NRM referrals year by year over every year Lantern holds"
        + (", and the Home Office's published NRM referrals since the NRM began in 2009 (the whole United "
           "Kingdom, every first responder)" if len(items) > 2 else "") + "."), tuple(items))


TOP_NATIONALITIES = 15


def _top_nationalities(table: Table, keep: int = TOP_NATIONALITIES) -> Table:
    """The ``keep`` most frequent nationalities, the rest as one row, then "Not known" and the total.

    As published reports give them: a chart of fifty bars cannot be read, and the long tail is
    where the smallest counts are. The rows still add up to the total.
    """
    *known, unknown, total = table.rows
    if len(known) <= keep + 1:
        return table
    rest = sum(int(row.values[0]) for row in known[keep:] if isinstance(row.values[0], int))
    others = Row(f"Other nationalities ({len(known) - keep})", (rest,))
    return replace(table, rows=(*known[:keep], others, unknown, total),
                   notes=(*table.notes, f"The {keep} most frequent nationalities; the others together."))


def _underlying(c: Counting, period: Period) -> Section:
    return Section("underlying-data", "Underlying data on victims, crimes and investigations", (
        "Who the victims were (their age when referred to the NRM, and their nationality where known), "
        "the exploitation the investigations were into, including criminal exploitation and county lines, "
        "and the crimes' outcomes."), (
        Item("nrm_by_first_responder_and_age", breakdown(c, period, "nrm.by_first_responder"),
             ChartKind.STACKED_BAR, y_label="Referrals"),
        Item("nrm_by_quarter", _nrm_by_quarter(c, period)),
        Item("victims_by_nationality", _top_nationalities(breakdown(c, period, "victims.by_nationality")),
             ChartKind.BAR, column="People"),
        Item("suspects_by_nationality", _top_nationalities(breakdown(c, period, "suspects.by_nationality")),
             ChartKind.BAR, column="People"),
        Item("investigations_by_exploitation_type",
             breakdown(c, period, "investigations.by_exploitation_type"), ChartKind.BAR,
             column="Investigations"),
        Item("outcomes_by_type", breakdown(c, period, "outcomes.by_type")),
        Item("outcomes_by_quarter", crime_outcomes_by_quarter(c, span(period)), ChartKind.STACKED_BAR,
             y_label="Investigations"),
    ))


def _justice(c: Counting, period: Period) -> Section:
    return Section("justice", "Criminal justice outcomes", (
        f"Charges, prosecutions and convictions quarter by quarter through {period.previous().description} "
        f"and {period.description}, each counted by its own date; then the s45 defence, slavery and "
        "trafficking orders and disruptions."), (
        Item("justice_by_quarter", justice_outcomes_by_quarter(c, span(period.previous(), period)),
             ChartKind.LINE, y_label="People or files"),
        Item("s45_results", breakdown(c, period, "s45.results")),
        Item("orders_by_kind", breakdown(c, period, "orders.by_kind")),
        Item("disruptions_by_threat", breakdown(c, period, "disruptions.by_threat")),
    ))


def _published(user: User, place: Place, year: int) -> dict[str, Any] | None:
    """The Home Office's figures held for the year (the nation's report only); None when none imported."""
    if place.kind is not PlaceKind.NATION or not can(user, Capability.SEE_NATIONAL_PICTURE):
        return None
    held = published_queries.published_year(user=user, year=year)
    return held if held["imports"] else None


_AGE_KEYS = (("Under 18", "child"), ("18 or over", "adult"), ("Age not known", "not_specified"))


def _nrm_by_quarter(c: Counting, period: Period) -> Table:
    quarters = [quarter(period.start.year, q) for q in range(1, 5)]
    keys = ("nrm.referrals", "nrm.police_referrals", "nrm.duty_to_notify")
    counted = figures_for_periods(c, [*quarters, period], keys)
    return Table(
        key=f"nrm-by-quarter-{c.place.code}-{period.code}",
        title=f"NRM referrals and duty to notify notices by quarter, {c.place.name}, {period.label}",
        columns=("NRM referrals", "of which by the police", "Duty to notify notices"),
        rows=tuple(Row(p.label if i < 4 else "Total", tuple(f[key].value for key in keys))
                   for i, (p, f) in enumerate(zip([*quarters, period], counted, strict=True))),
        label_heading="Quarter", description=BY_KEY["nrm.referrals"].definition,
        source=BY_KEY["nrm.referrals"].source, total_row=True)


def _lantern_nrm(report: Report) -> dict[str, Any]:
    """Lantern's own referrals and notices for the year, keyed as ``published_year`` keys the published
    ones, read from the report's own (for publication, suppressed) tables."""
    items = {item.name: item.table for item in report.items()}
    by_quarter, responders = items["nrm_by_quarter"], items["nrm_by_first_responder_and_age"]
    quarters, total = by_quarter.rows[:-1], by_quarter.rows[-1]
    ages = dict(zip(responders.columns, responders.rows[-1].values, strict=True))
    return {
        "referrals": {"total": total.values[0],
                      "by_quarter": {f"Q{i + 1}": row.values[0] for i, row in enumerate(quarters)},
                      "by_age_group": {key: ages[column] for column, key in _AGE_KEYS}},
        "referrals_by_first_responder_type": {"by_type": {row.label: row.values[-1]
                                                          for row in responders.rows[:-1]}},
        "duty_to_notify": {"total": total.values[2],
                           "by_quarter": {f"Q{i + 1}": row.values[2] for i, row in enumerate(quarters)}},
    }


def published_beside(report: Report) -> Table | None:
    """The year's published totals beside Lantern's, for the page and the PDF; None when none imported."""
    held = report.nrm_published
    if held is None:
        return None
    ours = report.nrm_lantern
    rows = [Row("NRM referrals, all first responders",
                (held["referrals"]["total"], ours["referrals"]["total"]))]
    rows += [Row(f"NRM referrals, {q}", (held["referrals"]["by_quarter"].get(q), n))
             for q, n in ours["referrals"]["by_quarter"].items()]
    published_types = held["referrals_by_first_responder_type"]["by_type"]
    rows += [Row(f"NRM referrals by {kind}", (published_types.get(kind), n))
             for kind, n in ours["referrals_by_first_responder_type"]["by_type"].items()]
    rows.append(Row("Duty to notify notices",
                    (held["duty_to_notify"]["total"], ours["duty_to_notify"]["total"])))
    table = Table(
        key=f"published-beside-{report.place.code}-{report.period.code}",
        title=f"Published NRM statistics beside Lantern's, {report.period.label}",
        columns=("Published (Home Office)", "Held in Lantern"), rows=tuple(rows), label_heading="Figure",
        description=("The Home Office's published figures for the year (the United Kingdom, every first "
                     "responder) beside the referrals and notices Lantern holds (England and Wales, those "
                     "the police made or recorded a crime from)."),
        source=f"{published_queries.SOURCE}; {OWN_SOURCE}",
        notes=("By first responder type the published figures are those of the quarters held: "
               + ", ".join(f"Q{q}" for q in held["referrals_by_first_responder_type"]["quarters"]) + ".",))
    if report.threshold is not None:
        table = table_suppress(table, threshold=report.threshold).table
    return table


# ---- handing a report out ----

def report_record(*, report: Report, actor: User | None, file_format: str, recipient: str,
                  operator: str = "") -> None:
    """Record a report handed out (a file written, a download) as a disclosure of aggregate figures.

    ``actor`` None (or the unsaved system identity) is the national unit's system output: the event
    names the national unit and no person, and ``operator`` the server account that ran the command.
    """
    person = actor if actor is not None and actor.pk is not None else None
    detail: dict[str, object] = {
        "year": report.year, "place": report.place.code, "place_name": report.place.name,
        "format": file_format, "for_publication": report.for_publication,
        "tables": sum(1 for _ in report.tables()), "generated_at": report.generated_at.isoformat(),
    }
    if operator and person is None:
        detail["operator"] = operator
    if report.threshold is not None:
        detail |= {"disclosure_threshold": report.threshold, "cells_suppressed": report.cells_suppressed}
    event_record(action=Action.DISCLOSURE, actor=person, object_type="insights.report",
                 object_id=f"{report.place.code}-{report.year}", recipient=recipient, detail=detail,
                 username="" if person else SYSTEM_USERNAME,
                 organisation=None if person else Organisation.objects.get(code=NATIONAL_UNIT_CODE))
