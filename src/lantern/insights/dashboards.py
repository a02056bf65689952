"""The dashboards' pages assembled: the nation's, a region's and a force's figures for a period.

Each page (``dashboard_build``) is Table 1's key figures with their change against the period
before, then charts drawn from the same ``tables.Table`` that sits beside each one and that its
CSV and XLSX download write (``dashboard_table`` rebuilds exactly one table for a download): live
investigations month by month, NRM referrals by the police and by all first responders, the
exploitation mix, investigations involving children, crime outcomes and criminal justice outcomes
by quarter. The national page adds the Home Office's published series since 2009; a force's page
adds its published NRM referrals and, quarter by quarter, those figures beside the referrals
Lantern holds (``reconcile``), differences flagged.

Whether the user may count the place is decided by ``lantern.access`` through
``figures.counting`` (``AccessDenied``: 403), before anything is counted or parsed further.
Monthly charts run over at least twelve months ending with the period (a year and the year
before for a year), so a quarter or a month still shows a trend.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from lantern.access.rules import Capability
from lantern.access.scope import AccessDenied, can
from lantern.accounts.rules import OrganisationKind, Region, Role
from lantern.cases.rules import ExploitationType
from lantern.insights import figures_cache, places, published_queries
from lantern.insights.charts import ChartView, chart_view
from lantern.insights.charts_scale import cell_text
from lantern.insights.charts_table import TableView, table_view
from lantern.insights.figures import Counting, counting
from lantern.insights.figures_breakdowns import breakdown
from lantern.insights.figures_series import (
    MONTHLY_COLUMNS,
    crime_outcomes_by_quarter,
    justice_outcomes_by_quarter,
    monthly_series,
)
from lantern.insights.metrics import BY_KEY, TABLE_1_KEYS, Unit
from lantern.insights.periods import (
    Period,
    PeriodError,
    PeriodKind,
    Span,
    calendar_year,
    parse_period,
    quarter,
)
from lantern.insights.places import Place, PlaceKind
from lantern.insights.reconcile import Comparison, ComparisonRow, Reconciliation, force_quarter_reconcile
from lantern.insights.table1 import table1
from lantern.insights.tables import Cell, Row, Table

if TYPE_CHECKING:
    from lantern.accounts.models import User

EARLIEST_YEAR = 2000
IMPORT_COMMAND = "lantern import-nrm-statistics DIR"
FORMATS = ("csv", "xlsx")
_LIVE, _POLICE, _ALL, _CHILDREN = MONTHLY_COLUMNS
_RECONCILE_KEY = re.compile(r"reconcile-(\d{4})-q([1-4])-(exploitation-type|age-group|nationality)")
_DIMENSIONS = ("exploitation_type", "age_group", "nationality")


class UnknownTable(LookupError):
    """No table of that key on this place's page (answered 404)."""


def default_period(today: date) -> Period:
    """The last whole calendar year: what a page shows before anyone chooses."""
    return calendar_year(today.year - 1)


def period_parse(text: str, *, today: date) -> Period:
    """The period ``text`` names, from 2000 to the one running now, or ``PeriodError`` saying why."""
    try:
        period = parse_period(text)
    except PeriodError:
        raise
    except ValueError:  # a year Python's dates cannot hold ("0000")
        raise PeriodError(f"{text.strip()!r} is not a period Lantern counts: choose one from "
                          f"{EARLIEST_YEAR} to {today.year}.") from None
    if period.start.year < EARLIEST_YEAR or period.start > today:
        raise PeriodError(f"{period.label} is outside the figures Lantern counts: choose a period from "
                          f"{EARLIEST_YEAR} to {today.year} that has begun.")
    return period


def trend_span(period: Period) -> Span:
    """The months a trend chart shows: the period and the one before, and never fewer than twelve."""
    start = period.previous().start
    months_back = period.end.year * 12 + period.end.month - 12  # the twelfth month back, 0-based
    twelve_back = date(months_back // 12, months_back % 12 + 1, 1)
    return Span(min(start, twelve_back), period.end)


def period_quarters(period: Period) -> tuple[Period, ...]:
    """The calendar quarters a period covers: a month is in one."""
    if period.kind is PeriodKind.MONTH:
        return (quarter(period.start.year, period.quarter),)
    return period.quarters()


def own_place(user: User) -> Place | None:
    """The place whose figures a user who may not see the nation's is sent to, if any."""
    if not can(user, Capability.SEE_CASES):
        return None
    organisation = user.organisation
    if organisation.kind in (OrganisationKind.TERRITORIAL_FORCE.value, OrganisationKind.SPECIAL_FORCE.value):
        return places.force(organisation.code)
    if Role.REGIONAL_COORDINATOR in user.role_set and organisation.region != Region.NATIONAL.value:
        return places.region(organisation.region)
    return None


def place_url(place: Place, period: Period | None = None) -> str:
    if place.kind is PlaceKind.NATION:
        url = reverse("insights:national")
    else:
        url = reverse(f"insights:{place.kind.value}", args=[place.code])
    return url + (f"?{urlencode({'period': period.code})}" if period else "")


def table_url(place: Place, key: str, file_format: str, period: Period) -> str:
    if place.kind is PlaceKind.NATION:
        url = reverse("insights:national-table", args=[key, file_format])
    else:
        url = reverse(f"insights:{place.kind.value}-table", args=[place.code, key, file_format])
    return f"{url}?{urlencode({'period': period.code})}"


def may_count(user: User, place: Place) -> bool:
    try:
        counting(user=user, place=place)
    except AccessDenied:
        return False
    return True


@dataclass
class _Scope:
    """What one page counts: the user, the place as ``access`` agreed it, the period."""

    user: User
    counted: Counting
    period: Period

    @property
    def place(self) -> Place:
        return self.counted.place

    @cached_property
    def trend(self) -> Span:
        return trend_span(self.period)

    @cached_property
    def monthly(self) -> Table:
        return monthly_series(self.counted, self.trend)


def _monthly_part(scope: _Scope, key: str, title: str, columns: tuple[str, ...], metric: str) -> Table:
    """Some columns of the monthly series, as their own table (and chart, and download)."""
    whole = scope.monthly
    indexes = [whole.columns.index(c) for c in columns]
    return Table(key=f"{key}-{scope.place.code}-{scope.trend.start:%Y-%m}-{scope.trend.end:%Y-%m}",
                 title=f"{title}, {scope.place.name}, {scope.trend.label}", columns=columns,
                 rows=tuple(Row(r.label, tuple(r.values[i] for i in indexes)) for r in whole.rows),
                 label_heading="Month", description=BY_KEY[metric].definition, source=BY_KEY[metric].source,
                 notes=tuple(n for n in (BY_KEY[metric].limitation,) if n))


def _exploitation_mix(scope: _Scope) -> Table:
    """The exploitation types alone (the bars), largest first; the summary rows go in the notes."""
    whole = breakdown(scope.counted, scope.period, "investigations.by_exploitation_type")
    labels = [t.label for t in ExploitationType]
    types = sorted((r for r in whole.rows if r.label in labels),
                   key=lambda r: (-_count(r.values[0]), labels.index(r.label)))
    summary = tuple(f"{r.label}: {cell_text(r.values[0])}." for r in whole.rows if r.label not in labels)
    return replace(whole, rows=tuple(types), notes=whole.notes + summary)


def _count(cell: Cell) -> int:
    return cell if isinstance(cell, int) else 0


@dataclass(frozen=True)
class _Spec:
    """One table on the pages: how it is built and, if it is charted, how."""

    key: str
    build: Callable[[_Scope], Table]
    chart: str = ""  # "line", "bar", "stacked_bar"; "" for a table alone
    y_label: str = ""
    kinds: frozenset[PlaceKind] = frozenset(PlaceKind)


def _force_published(dimension: str) -> Callable[[_Scope], Table]:
    return lambda s: published_queries.force_referrals_by(user=s.user, force=s.place.code,
                                                          dimension=dimension)


_FORCE = frozenset({PlaceKind.FORCE})
_SPECS = (
    _Spec("key-figures", lambda s: table1(s.counted, s.period)),
    _Spec("live-investigations", lambda s: _monthly_part(
        s, "live-investigations", "Live investigations at each month end", (_LIVE,),
        "investigations.live_monthly_average"), "line", "Investigations"),
    _Spec("nrm-referrals", lambda s: _monthly_part(
        s, "nrm-referrals", "NRM referrals each month, police and all first responders", (_POLICE, _ALL),
        "nrm.referrals"), "line", "Referrals"),
    _Spec("exploitation-mix", _exploitation_mix, "bar"),
    _Spec("children", lambda s: _monthly_part(
        s, "children", "Investigations involving children, by month recorded", (_CHILDREN,),
        "investigations.involving_children"), "line", "Investigations"),
    _Spec("crime-outcomes", lambda s: crime_outcomes_by_quarter(s.counted, s.trend), "stacked_bar",
          "Investigations"),
    _Spec("justice-outcomes", lambda s: justice_outcomes_by_quarter(s.counted, s.trend), "line",
          "People or files"),
    _Spec("published-series", lambda s: published_queries.national_referrals_series(user=s.user), "line",
          "Referrals", frozenset({PlaceKind.NATION})),
    _Spec("published-by-quarter", lambda s: published_queries.force_referrals_by_quarter(
        user=s.user, force=s.place.code), "line", "Referrals", _FORCE),
    *(_Spec(f"published-{d.replace('_', '-')}", _force_published(d), kinds=_FORCE) for d in _DIMENSIONS),
)
_BY_KEY = {spec.key: spec for spec in _SPECS}
_PAGE_CHARTS = ("live-investigations", "nrm-referrals", "exploitation-mix", "children", "crime-outcomes",
                "justice-outcomes")


def _scope(user: User, place: Place, period: Period) -> _Scope:
    return _Scope(user, counting(user=user, place=place), period)


def dashboard_table(*, user: User, place: Place, period: Period, key: str) -> Table:
    """The one table ``key`` of the place's page, for its download; ``UnknownTable`` if none."""
    scope = _scope(user, place, period)
    spec = _BY_KEY.get(key)
    if spec is not None and place.kind in spec.kinds:
        return spec.build(scope)
    matched = _RECONCILE_KEY.fullmatch(key)
    if matched and place.kind is PlaceKind.FORCE:
        result = force_quarter_reconcile(user=user, force=place.code, year=int(matched[1]),
                                         quarter=int(matched[2]))
        return next(t for t in result.tables() if t.key.endswith(matched[3]))
    raise UnknownTable(key)


@dataclass(frozen=True)
class Block:
    """A table on the page, with its chart if it has one and the addresses of its downloads."""

    key: str
    table: TableView
    chart: ChartView | None
    csv_url: str
    xlsx_url: str


@dataclass(frozen=True)
class KeyFigureLine:
    """One of Table 1's figures in words: the figure, and its change said in text, not colour."""

    key: str
    title: str
    value: str
    change: str

    @property
    def element_id(self) -> str:
        return "key-" + re.sub(r"[^a-z0-9]+", "-", self.key)


@dataclass(frozen=True)
class ReconcileLine:
    label: str
    published: str
    held: str
    difference: str
    differs: bool
    is_total: bool


@dataclass(frozen=True)
class ReconcileTable:
    element_id: str
    title: str
    heading: str
    lines: tuple[ReconcileLine, ...]
    csv_url: str
    xlsx_url: str


@dataclass(frozen=True)
class QuarterReconciled:
    label: str
    total: ReconcileLine
    differs: bool
    tables: tuple[ReconcileTable, ...]


@dataclass(frozen=True)
class PublishedForce:
    """A force's published statistics and their reconciliation (none held: nothing imported yet).

    Whoever may count the force (``access.countable``, checked for the page) may read them too.
    """

    quarters_held: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    reconciled: tuple[QuarterReconciled, ...] = ()
    not_published: tuple[str, ...] = ()  # the period's quarters with no published table
    latest_url: str = ""  # the latest published quarter's page, when the period has none


@dataclass(frozen=True)
class Dashboard:
    place: Place
    period: Period
    period_open: bool
    key_figures: tuple[KeyFigureLine, ...]
    key_table: Block
    blocks: tuple[Block, ...]
    published_series: Block | None = None
    published_force: PublishedForce | None = None
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    links_heading: str = ""
    links: tuple[tuple[str, str], ...] = field(default=())
    counted_at: datetime | None = None


def _block(scope: _Scope, spec: _Spec, table: Table | None = None) -> Block:
    table = table if table is not None else spec.build(scope)
    chart = chart_view(table, spec.chart, y_label=spec.y_label) if spec.chart else None
    return Block(spec.key, chart.table if chart else table_view(table), chart,
                 table_url(scope.place, spec.key, "csv", scope.period),
                 table_url(scope.place, spec.key, "xlsx", scope.period))


def _shown(cell: Cell, *, rate: bool) -> str:
    text = cell_text(cell)
    return f"{text}%" if rate and cell is not None else text


def change_text(key: str, row: Row, previous_label: str) -> str:
    """The change from the previous period in words: "up 20.4% from 2019", "down 3.1 percentage points"."""
    previous, current, change, percent = row.values
    rate = BY_KEY[key].unit is Unit.RATE
    if previous is None or current is None or not isinstance(change, int | float):
        missing = previous_label if previous is None else "this period"
        return f"no comparison: the figure for {missing} is not available"
    if change == 0:
        return f"no change from {previous_label}"
    direction = "up" if change > 0 else "down"
    if rate:
        was = _shown(previous, rate=True)
        return f"{direction} {abs(change):.1f} percentage points from {previous_label} ({was})"
    if not isinstance(percent, int | float):
        return f"{direction} from none in {previous_label}"
    return f"{direction} {abs(percent):.1f}% from {previous_label} ({cell_text(previous)})"


def _key_figures(table: Table, period: Period) -> tuple[KeyFigureLine, ...]:
    previous = period.previous().label
    return tuple(KeyFigureLine(key, BY_KEY[key].title,
                               _shown(row.values[1], rate=BY_KEY[key].unit is Unit.RATE),
                               change_text(key, row, previous))
                 for key, row in zip(TABLE_1_KEYS, table.rows, strict=True))


def _number_or_blank(value: int | None, *, signed: bool = False) -> str:
    if value is None:
        return "not published"
    return f"{value:+,}" if signed and value else f"{value:,}"


def _line(row: ComparisonRow, *, is_total: bool = False) -> ReconcileLine:
    return ReconcileLine(row.label, _number_or_blank(row.published), f"{row.held:,}",
                         _number_or_blank(row.difference, signed=True), row.differs, is_total)


def _reconciled(scope: _Scope, result: Reconciliation) -> QuarterReconciled:
    tables = []
    for comparison, table in zip(result.comparisons, result.tables(), strict=True):
        key = f"reconcile-{result.year}-q{result.quarter}-{comparison.key}"
        tables.append(_reconcile_table(scope, key, comparison, table))
    return QuarterReconciled(published_queries.period_label(result.year, result.quarter),
                             _line(result.total, is_total=True), result.differs, tuple(tables))


def _reconcile_table(scope: _Scope, key: str, comparison: Comparison, table: Table) -> ReconcileTable:
    lines = (*(_line(r) for r in comparison.rows), _line(comparison.total, is_total=True))
    return ReconcileTable(f"chart-{key}", table.title, comparison.heading, lines,
                          table_url(scope.place, key, "csv", scope.period),
                          table_url(scope.place, key, "xlsx", scope.period))


def _published_force(scope: _Scope) -> PublishedForce:
    held = published_queries.force_quarters(user=scope.user, force=scope.place.code)
    if not held:
        return PublishedForce()
    blocks = tuple(_block(scope, _BY_KEY[k]) for k in ("published-by-quarter", "published-exploitation-type",
                                                       "published-age-group", "published-nationality"))
    reconciled, missing = [], []
    for q in period_quarters(scope.period):
        if (q.start.year, q.quarter) in held:
            reconciled.append(_reconciled(scope, force_quarter_reconcile(
                user=scope.user, force=scope.place.code, year=q.start.year, quarter=q.quarter)))
        else:
            missing.append(q.label)
    latest = quarter(*held[-1])
    return PublishedForce(
        quarters_held=tuple(published_queries.period_label(*q) for q in held), blocks=blocks,
        reconciled=tuple(reconciled), not_published=tuple(missing),
        latest_url="" if reconciled else place_url(scope.place, latest))


def _breadcrumbs(user: User, place: Place, period: Period) -> tuple[tuple[str, str], ...]:
    """The places above this one, linked where the user may open them."""
    above: list[Place] = [places.nation()]
    if place.kind is PlaceKind.FORCE:
        region_code = place_region(place)
        if region_code:
            above.append(places.region(region_code))
    if place.kind is PlaceKind.NATION:
        above = []
    return tuple((p.name, place_url(p, period) if may_count(user, p) else "") for p in above)


def place_region(place: Place) -> str:
    """The policing region a force is in ("" for BTP, which is in none)."""
    region = places.place_organisations(place).values_list("region", flat=True).first() or ""
    return "" if region == Region.NATIONAL.value else region


def _links(user: User, place: Place, period: Period) -> tuple[str, tuple[tuple[str, str], ...]]:
    if place.kind is PlaceKind.NATION:
        return "Regions", tuple((r.name, place_url(r, period)) for r in places.regions())
    if place.kind is PlaceKind.REGION:
        return "Forces in the region", tuple((f.name, place_url(f, period)) for f in places.forces(place)
                                             if may_count(user, f))
    return "", ()


def dashboard_build(*, user: User, place: Place, period: Period, today: date) -> Dashboard:
    """Everything the place's page shows for the period; ``AccessDenied`` if the user may not count it.

    The figures are the same for whoever may count the place, so they are kept for a few minutes
    (``figures_cache``) and the page says when they were counted; the breadcrumbs and links
    depend on what this user may open, so they are worked out on every view.
    """
    scope = _scope(user, place, period)
    key = figures_cache.key_for("dashboard", scope.counted, period.code, today.isoformat())
    counted = figures_cache.remembered(key, lambda: _figures(scope, today))
    heading, links = _links(user, place, period)
    return replace(counted, breadcrumbs=_breadcrumbs(user, place, period), links_heading=heading,
                   links=links)


def _figures(scope: _Scope, today: date) -> Dashboard:
    place, period = scope.place, scope.period
    key_spec = _BY_KEY["key-figures"]
    key_table = key_spec.build(scope)
    return Dashboard(
        place=place, period=period, period_open=period.end >= today, counted_at=timezone.now(),
        key_figures=_key_figures(key_table, period), key_table=_block(scope, key_spec, key_table),
        blocks=tuple(_block(scope, _BY_KEY[k]) for k in _PAGE_CHARTS),
        published_series=(_block(scope, _BY_KEY["published-series"]) if place.kind is PlaceKind.NATION
                          else None),
        published_force=_published_force(scope) if place.kind is PlaceKind.FORCE else None)
