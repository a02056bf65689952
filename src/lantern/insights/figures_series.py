"""Figures over time, for trend charts: month by month, and quarter by quarter.

Each series is a ``tables.Table`` whose rows are the months (or quarters) of a span
(``periods.span``) and whose columns are metrics counted exactly as ``figures`` counts them for a
single period, so a chart's points add up to (or, for live investigations, average to) the year's
figure. Every column is one query over the whole span, however many months it has.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from lantern.cases.models import Investigation
from lantern.insights.figures import CONVICTED, child_victim_investigations, first_cps_referrals
from lantern.insights.figures_breakdowns import NOT_YET_ASSIGNED
from lantern.insights.figures_counting import Counting, days, live_on, moments, scoped
from lantern.insights.metrics import BY_KEY, OUTCOME_GROUPS
from lantern.insights.periods import Span
from lantern.insights.tables import Row, Table
from lantern.justice.models import Prosecution
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import Route

MONTHLY_COLUMNS = ("Live investigations at the month end", "Police NRM referrals", "All NRM referrals",
                   "Investigations involving children")


def _series_table(key: str, title: str, c: Counting, within: Span, *, columns: tuple[str, ...],
                  rows: list[Row], label_heading: str, description: str, source: str) -> Table:
    slug = f"{key}-{c.place.code}-{within.start:%Y-%m}-{within.end:%Y-%m}"
    return Table(key=slug, title=f"{title}, {c.place.name}, {within.label}", columns=columns,
                 rows=tuple(rows), label_heading=label_heading, description=description, source=source)


def _month_key(moment: date) -> tuple[int, int]:
    return moment.year, moment.month


def monthly_series(c: Counting, within: Span) -> Table:
    """Live investigations at each month end, police and all NRM referrals, and investigations
    involving children recorded, month by month: four queries for the whole span."""
    months = within.months()
    live = scoped(Investigation.objects.all(), "organisation", c).aggregate(
        **{f"m{i}": Count("pk", filter=live_on(m.end)) for i, m in enumerate(months)})
    submitted = Referral.objects.filter(moments("submitted_at", within), state=Referral.State.SUBMITTED,
                                        route=Route.NRM_REFERRAL.value)
    referrals = scoped(submitted, "organisation", c)
    police: Counter[tuple[int, int]] = Counter()
    every: Counter[tuple[int, int]] = Counter()
    zone = timezone.get_current_timezone()
    for row in referrals.annotate(month=TruncMonth("submitted_at", tzinfo=zone)).values("month").annotate(
            all=Count("pk"), police=Count("pk", filter=Q(first_responder__isnull=True))):
        month = timezone.localtime(row["month"], zone) if timezone.is_aware(row["month"]) else row["month"]
        every[_month_key(month)] += row["all"]
        police[_month_key(month)] += row["police"]
    children = Counter(_month_key(day) for day in child_victim_investigations(c, within).values())
    rows = [Row(m.label, (live[f"m{i}"], police[_month_key(m.start)], every[_month_key(m.start)],
                          children[_month_key(m.start)])) for i, m in enumerate(months)]
    return _series_table("monthly", "Monthly trends", c, within, columns=MONTHLY_COLUMNS, rows=rows,
                         label_heading="Month",
                         description=("Each month: investigations live at its end; NRM referrals submitted "
                                      "by the police and by every first responder; investigations recorded "
                                      "with a child victim."),
                         source=BY_KEY["investigations.live_monthly_average"].source)


def crime_outcomes_by_quarter(c: Counting, within: Span) -> Table:
    """Investigations recorded in each quarter by outcome group, "not yet assigned" last: one query."""
    quarters = within.quarters()
    recorded = scoped(Investigation.objects.filter(days("recorded_on", within)), "organisation", c)
    groups = [*OUTCOME_GROUPS, (NOT_YET_ASSIGNED, ("",))]
    counts = recorded.aggregate(**{
        f"q{i}_g{j}": Count("pk", filter=days("recorded_on", q) & Q(outcome_type__in=types))
        for i, q in enumerate(quarters) for j, (_, types) in enumerate(groups)})
    rows = [Row(q.label, tuple(counts[f"q{i}_g{j}"] for j in range(len(groups))))
            for i, q in enumerate(quarters)]
    metric = BY_KEY["outcomes.by_type"]
    return _series_table("outcomes-by-quarter", "Crime outcomes by quarter recorded", c, within,
                         columns=tuple(label for label, _ in groups), rows=rows,
                         label_heading="Quarter recorded",
                         description=metric.definition + " Outcome types are gathered into the Home "
                                                         "Office's groups.",
                         source=metric.source)


JUSTICE_COLUMNS = ("Police referrals to the CPS", "Suspects charged", "CPS-flagged defendants finalised",
                   "Convictions")


def justice_outcomes_by_quarter(c: Counting, within: Span) -> Table:
    """Criminal justice outcomes quarter by quarter, each by its own date (``metrics``): two queries."""
    quarters = within.quarters()
    files = Counter((day.year, (day.month - 1) // 3 + 1) for day in first_cps_referrals(c, within))
    flagged = Q(referral__modern_slavery_flagged=True)
    prosecutions = scoped(Prosecution.objects.all(), "referral__involvement__investigation__organisation", c)
    convicted = flagged & Q(verdict__in=CONVICTED)
    counts = prosecutions.aggregate(**{
        key: value for i, q in enumerate(quarters) for key, value in (
            (f"charged{i}", Count("pk", filter=days("charged_on", q))),
            (f"flagged{i}", Count("pk", filter=flagged & days("verdict_on", q))),
            (f"convicted{i}", Count("pk", filter=convicted & days("verdict_on", q))))})
    rows = [Row(q.label, (files[(q.start.year, q.quarter)], counts[f"charged{i}"], counts[f"flagged{i}"],
                          counts[f"convicted{i}"])) for i, q in enumerate(quarters)]
    return _series_table("justice-by-quarter", "Criminal justice outcomes by quarter", c, within,
                         columns=JUSTICE_COLUMNS, rows=rows, label_heading="Quarter",
                         description=("Each quarter: investigations first referred to the CPS, suspects "
                                      "charged, CPS-flagged modern slavery defendants finalised and those "
                                      "convicted."),
                         source=BY_KEY["cps.flagged_defendants"].source)
