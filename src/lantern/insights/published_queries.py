"""Reads of the imported Home Office NRM statistics, scoped through ``lantern.access``.

The nation's figures need ``SEE_NATIONAL_PICTURE``; a force's own people (``SEE_CASES`` in that
force) read their force's. The figures are published open data and carry no personal details, so
reading them is not a consultation of anyone's record and is not written to the audit trail
(``reconcile``, which counts Lantern's own referrals beside them, is).

Breakdowns are summed from the tables' leaf rows (no "Total" in any dimension); each table's total
row is the table's own published Total, which the import has checked against those leaves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Sum

from lantern.access.rules import Capability
from lantern.access.scope import AccessDenied, NotVisible, can, countable, require
from lantern.accounts.models import Organisation
from lantern.insights.models import PublishedFigure, PublishedImport
from lantern.insights.published import FIRST_RESPONDER_TYPES, TOTAL, AgeGroup
from lantern.insights.published_figures import TableKind
from lantern.insights.published_labels import AGE_GROUP_LABELS
from lantern.insights.tables import Row, Table

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lantern.accounts.models import User

SOURCE = "Home Office, Modern Slavery: National Referral Mechanism and Duty to Notify statistics (OGL v3.0)"
POLICE_TABLE = TableKind.REFERRALS_POLICE.value
# The dimensions a force's published referrals are broken down by, with their headings.
FORCE_DIMENSIONS: Mapping[str, str] = {
    "exploitation_type": "Exploitation type",
    "age_group": "Age at exploitation",
    "gender": "Gender",
    "nationality": "Nationality",
}
_CATEGORIES = ("exploitation_type", "age_group", "gender", "nationality")
_AGE_ORDER = (AgeGroup.ADULT.value, AgeGroup.CHILD.value, AgeGroup.NOT_SPECIFIED.value)


def force_readable(user: User, force: str) -> Organisation:
    """The force whose figures ``user`` asked for, if they may read them: NotVisible otherwise.

    Whoever may count the force's own records (``access.countable``: the national unit, the
    force's region's coordinator, the force's own people) may read its published figures beside
    them; anyone else is told the force is not there, as for another force's record.
    """
    if not can(user, Capability.SEE_NATIONAL_PICTURE):
        require(user, Capability.SEE_CASES)
    found = Organisation.objects.filter(code=force).first()
    if found is None:
        raise NotVisible()
    try:
        countable(user, [found])
    except AccessDenied:
        raise NotVisible() from None
    return found


def period_label(year: int, quarter: int) -> str:
    return f"{year}" if quarter == 0 else f"{year} Q{quarter}"


def _force_figures(organisation: Organisation) -> QuerySet[PublishedFigure]:
    return PublishedFigure.objects.filter(table=POLICE_TABLE, organisation_code=organisation.code)


def _grand_totals(figures: QuerySet[PublishedFigure]) -> QuerySet[PublishedFigure]:
    return figures.filter(**{name: TOTAL for name in _CATEGORIES})


def leaves(figures: QuerySet[PublishedFigure]) -> QuerySet[PublishedFigure]:
    """The rows no published total is made of: every dimension named."""
    return figures.exclude(first_responder=TOTAL).exclude(exploitation_type=TOTAL).exclude(age_group=TOTAL) \
        .exclude(gender=TOTAL).exclude(nationality=TOTAL)


def force_quarters(*, user: User, force: str) -> list[tuple[int, int]]:
    """The quarters for which the force's published police-first-responder figures are held."""
    organisation = force_readable(user, force)
    return sorted(set(_grand_totals(_force_figures(organisation)).values_list("year", "quarter")))


def force_referrals_by_quarter(*, user: User, force: str) -> Table:
    """The force's published NRM referrals as first responder, quarter by quarter (its Total rows)."""
    organisation = force_readable(user, force)
    totals = _grand_totals(_force_figures(organisation)).order_by("year", "quarter")
    return Table(
        key=f"published-referrals-{organisation.code}",
        title=f"{organisation.name}: NRM referrals, as published",
        columns=("Referrals",), label_heading="Quarter",
        rows=tuple(Row(period_label(f.year, f.quarter), (f.count,)) for f in totals),
        description=f"NRM referrals with {organisation.name} as first responder, by quarter, from the Home "
                    "Office's published police first responder table.",
        source=SOURCE)


def force_referrals_by(*, user: User, force: str, dimension: str) -> Table:
    """The force's published referrals by one dimension (rows) and quarter (columns), with totals."""
    if dimension not in FORCE_DIMENSIONS:
        raise ValueError(f"{dimension!r} is not one of {sorted(FORCE_DIMENSIONS)}")
    organisation = force_readable(user, force)
    figures = _force_figures(organisation)
    quarters = sorted(set(_grand_totals(figures).values_list("year", "quarter")))
    counts: defaultdict[str, dict[tuple[int, int], int]] = defaultdict(dict)
    for row in leaves(figures).values(dimension, "year", "quarter").annotate(n=Sum("count")):
        counts[row[dimension]][(row["year"], row["quarter"])] = row["n"]
    published = {(f.year, f.quarter): f.count for f in _grand_totals(figures)}
    labels = _ordered(dimension, counts)
    rows = [Row(_label(dimension, value), tuple(counts[value].get(q, 0) for q in quarters))
            for value in labels]
    rows.append(Row("Total (published)", tuple(published.get(q, 0) for q in quarters)))
    heading = FORCE_DIMENSIONS[dimension]
    return Table(
        key=f"published-referrals-{organisation.code}-{dimension.replace('_', '-')}",
        title=f"{organisation.name}: NRM referrals by {heading.lower()}, as published",
        columns=tuple(period_label(*q) for q in quarters), rows=tuple(rows), label_heading=heading,
        description=f"NRM referrals with {organisation.name} as first responder, "
                    f"by {heading.lower()} and quarter.",
        source=SOURCE, total_row=True)


def _ordered(dimension: str, counts: Mapping[str, Mapping[Any, int]]) -> list[str]:
    if dimension == "age_group":
        return [value for value in _AGE_ORDER if value in counts]
    return sorted(counts, key=lambda value: (-sum(counts[value].values()), value))


def _label(dimension: str, value: str) -> str:
    return AGE_GROUP_LABELS.get(value, value) if dimension == "age_group" else value


def national_referrals_series(*, user: User) -> Table:
    """Every quarter's published NRM referrals since 2009, by age at exploitation (the longitudinal table)."""
    require(user, Capability.SEE_NATIONAL_PICTURE)
    by_quarter: defaultdict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for f in PublishedFigure.objects.filter(table=TableKind.REFERRALS_LONGITUDINAL.value, location=TOTAL) \
            .exclude(quarter=0).exclude(age_group=TOTAL):
        by_quarter[(f.year, f.quarter)][f.age_group] = f.count
    rows = tuple(Row(period_label(*q), (*(ages.get(a, 0) for a in _AGE_ORDER), sum(ages.values())))
                 for q, ages in sorted(by_quarter.items()))
    return Table(
        key="published-referrals-series", title="NRM referrals by quarter, as published",
        columns=(*(AGE_GROUP_LABELS[a] for a in _AGE_ORDER), "Total"), rows=rows, label_heading="Quarter",
        description="NRM referrals in England, Wales, Scotland and Northern Ireland each quarter since the "
                    "NRM began in 2009, by age at exploitation.",
        source=SOURCE, total_column=True,
        notes=("The longitudinal table publishes no total over age groups: the total is their sum.",))


def national_duty_to_notify_series(*, user: User) -> Table:
    """Every quarter's published duty-to-notify notices since the duty began (late 2015)."""
    require(user, Capability.SEE_NATIONAL_PICTURE)
    figures = PublishedFigure.objects.filter(table=TableKind.DUTY_TO_NOTIFY_LONGITUDINAL.value) \
        .exclude(quarter=0).order_by("year", "quarter")
    return Table(
        key="published-duty-to-notify-series", title="Duty to notify notices by quarter, as published",
        columns=("Notices",), rows=tuple(Row(period_label(f.year, f.quarter), (f.count,)) for f in figures),
        label_heading="Quarter", description="Anonymous duty-to-notify notices from specified public "
                                             "authorities, each quarter.", source=SOURCE)


def published_year(*, user: User, year: int) -> dict[str, Any]:
    """The published figures held for one calendar year, for the JSON annual report.

    ``referrals`` (total, per quarter, by age group) come from the longitudinal table, the Home
    Office's latest revision of every quarter; ``referrals_by_first_responder_type`` from the
    quarterly first-responder tables, which may be earlier, unrevised releases, so the two can
    differ slightly. A figure not held is absent, never zero; ``quarters`` says which are held.
    """
    require(user, Capability.SEE_NATIONAL_PICTURE)
    longitudinal = PublishedFigure.objects.filter(table=TableKind.REFERRALS_LONGITUDINAL.value, year=year,
                                                  location=TOTAL).exclude(quarter=0).exclude(age_group=TOTAL)
    by_quarter: defaultdict[int, int] = defaultdict(int)
    by_age: defaultdict[str, int] = defaultdict(int)
    for f in longitudinal:
        by_quarter[f.quarter] += f.count
        by_age[f.age_group] += f.count
    return {
        "year": year,
        "source": SOURCE,
        "imports": _imports_used(year),
        "referrals": {
            "quarters": sorted(by_quarter),
            "total": sum(by_quarter.values()) if by_quarter else None,
            "by_quarter": {f"Q{q}": n for q, n in sorted(by_quarter.items())},
            "by_age_group": {age: by_age[age] for age in _AGE_ORDER if age in by_age},
        },
        "referrals_by_first_responder_type": _by_first_responder_type(year),
        "duty_to_notify": _duty_to_notify(year),
    }


def _by_first_responder_type(year: int) -> dict[str, Any]:
    tables = [kind.value for kind in FIRST_RESPONDER_TYPES]
    totals = _grand_totals(PublishedFigure.objects.filter(table__in=tables, year=year, first_responder=TOTAL))
    found: dict[tuple[int, str], int] = {}
    # Each type's own table where held, else the all-responders table: the two agree in every
    # release seen, and the type's own table is the one its breakdowns come from.
    for f in sorted(totals, key=lambda f: f.table == TableKind.REFERRALS.value):
        found.setdefault((f.quarter, f.first_responder_type), f.count)
    quarters = sorted({quarter for quarter, _ in found})
    by_type: defaultdict[str, int] = defaultdict(int)
    per_quarter: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for (quarter, kind), count in sorted(found.items()):
        by_type[kind] += count
        per_quarter[f"Q{quarter}"][kind] = count
    return {"quarters": quarters, "by_type": dict(by_type), "by_quarter": dict(per_quarter)}


def _duty_to_notify(year: int) -> dict[str, Any]:
    figures = {f.quarter: f.count for f in PublishedFigure.objects.filter(
        table=TableKind.DUTY_TO_NOTIFY_LONGITUDINAL.value, year=year)}
    quarterly = _quarterly_duty_to_notify(year)
    by_quarter = {q: n for q, n in figures.items() if q} or quarterly
    return {"quarters": sorted(by_quarter), "total": figures.get(0),
            "by_quarter": {f"Q{q}": n for q, n in sorted(by_quarter.items())}}


def _quarterly_duty_to_notify(year: int) -> dict[int, int]:
    """Notices per quarter from the quarterly by-nationality tables, when the longitudinal one is not held."""
    return dict(PublishedFigure.objects.filter(table=TableKind.DUTY_TO_NOTIFY.value, year=year,
                                               nationality=TOTAL).values_list("quarter", "count"))


def _imports_used(year: int) -> list[dict[str, Any]]:
    ids = PublishedFigure.objects.filter(year=year).values_list("source", flat=True).distinct()
    return [{"id": record.pk, "imported_at": record.imported_at.isoformat(),
             "mismatched_totals": len(record.mismatches)}
            for record in PublishedImport.objects.filter(pk__in=ids).order_by("imported_at")]


def published_imports(*, user: User) -> list[PublishedImport]:
    """The imports so far, newest first: what each brought and which totals did not add up."""
    require(user, Capability.SEE_NATIONAL_PICTURE)
    return list(PublishedImport.objects.order_by("-imported_at", "-pk"))

