"""The single figures of the national picture, counted in the database by ``metrics``' definitions.

Use: ``c = counting(user=user, place=place)`` (refused with ``AccessDenied`` if the user may not
count that place), then ``figures_for(c, period)`` for every single figure (or ``keys=`` for
some), ``figure(c, period, key)`` for one. Breakdowns are in ``figures_breakdowns``, monthly and
quarterly series in ``figures_series``; ``table1`` builds the annual report's Table 1 on these.

Each group below is one SQL query that counts several figures, for several periods at once, with
conditional aggregates (``Count(filter=...)``): the month-end live counts of two years are 24
filtered counts over one pass of an index, not 24 queries. ``figures_for`` runs only the groups
the asked-for keys need; ``figures_for_periods`` answers several periods with the same queries.
The children's count is the one figure decided in Python: who is a child is the rule
``cases.rules.is_child`` (date of birth, estimate, presumption of age), which lives in
one place; the query fetches only the victims' age facts, never a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from lantern.cases.models import Investigation, InvestigationExploitation, Involvement
from lantern.cases.rules import ExploitationType, Industry, InvolvementRole, is_child
from lantern.insights.figures_counting import (
    Counting,
    calibration_counting,
    counting,
    days,
    live_on,
    moments,
    scoped,
    share,
)
from lantern.insights.metrics import BY_KEY, Metric, Shape
from lantern.insights.periods import Period, Span
from lantern.justice.models import CpsReferral, Disruption, Order, OrderBreach, Prosecution, S45Consideration
from lantern.justice.rules.disruptions import ThreatType
from lantern.justice.rules.prosecution import Verdict
from lantern.safeguarding.models import Disclosure, Referral, VictimUpdate
from lantern.safeguarding.rules.nrm import AgeAnswer, Route

__all__ = ["Counting", "Figure", "calibration_counting", "counting", "figure", "figures_for",
           "figures_for_periods"]

CRIMINAL_TYPES = tuple(t.value for t in ExploitationType if t.is_criminal)
CONVICTED = tuple(v.value for v in Verdict if v.is_conviction)
VICTIM_ROLES = tuple(r.value for r in InvolvementRole if r.is_victim)
SUSPECT_ROLES = (InvolvementRole.SUSPECT.value,)  # a victim also suspected counts as a victim (metrics)
BRITISH = "British"
_DRUG_SUPPLY = (Q(exploitation_type__in=(ExploitationType.CRIMINAL_COUNTY_LINES.value,
                                         ExploitationType.CRIMINAL_CANNABIS.value))
                | Q(exploitation_type=ExploitationType.CRIMINAL_OTHER.value,
                    investigation__industry=Industry.DRUG_SUPPLY.value))


@dataclass(frozen=True)
class Figure:
    """One figure: its value (None: nothing to divide by) and, for a rate, what was divided."""

    key: str
    value: int | float | None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def metric(self) -> Metric:
        return BY_KEY[self.key]


def _rate(key: str, part: int, whole: int) -> Figure:
    return Figure(key, share(part, whole), part, whole)


def _counts(**values: int) -> dict[str, Figure]:
    """Count figures from keyword names: ``nrm__referrals=3`` is the figure "nrm.referrals"."""
    return {key.replace("__", "."): Figure(key.replace("__", "."), value) for key, value in values.items()}


def _per_period(periods: Sequence[Period], **counts: Callable[[Period], Count]) -> dict[str, Count]:
    """Conditional counts named "<name>_<i>", one set per period, for one ``aggregate``."""
    return {f"{name}_{i}": build(period)
            for i, period in enumerate(periods) for name, build in counts.items()}


def _whole(periods: Sequence[Period]) -> Span:
    return Span(min(p.start for p in periods), max(p.end for p in periods))


def _investigation_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    """Recorded, closed and closed by override, for every period: one scan."""
    row = scoped(Investigation.objects.all(), "organisation", c).aggregate(**_per_period(
        periods, recorded=lambda p: Count("pk", filter=days("recorded_on", p)),
        closed=lambda p: Count("pk", filter=days("closed_on", p)),
        override=lambda p: Count("pk", filter=days("closed_on", p) & ~Q(closure_override_reason=""))))
    return [_counts(investigations__recorded=row[f"recorded_{i}"], investigations__closed=row[f"closed_{i}"],
                    investigations__closed_by_override=row[f"override_{i}"]) for i in range(len(periods))]


def live_counts(c: Counting, month_ends: Sequence[date]) -> list[int]:
    """Investigations live at each of these days' ends: one query, whatever their number.

    Only the allocation and closure dates and the owner are read, with the rows narrowed to those
    allocated by the last day and not closed before the first, so the database can answer from
    the ``investigation_live_idx`` index alone instead of reading the investigations' rows.
    """
    if not month_ends:
        return []
    first, last = min(month_ends), max(month_ends)
    live = scoped(Investigation.objects.filter(Q(allocated_on__lte=last),
                                               Q(closed_on__isnull=True) | Q(closed_on__gt=first)),
                  "organisation", c)
    row = live.aggregate(**{f"live_{i}": Count("pk", filter=live_on(end))
                            for i, end in enumerate(month_ends)})
    return [row[f"live_{i}"] for i in range(len(month_ends))]


def _live_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    ends = [period.month_ends() for period in periods]
    counts = iter(live_counts(c, [end for period_ends in ends for end in period_ends]))
    found = []
    for period_ends in ends:
        live = [next(counts) for _ in period_ends]
        found.append({"investigations.live_monthly_average": Figure(
            "investigations.live_monthly_average", sum(live) / len(live), sum(live), len(live))})
    return found


def _exploitation_rows(c: Counting, periods: Sequence[Period]) -> list[dict[str, int]]:
    within = InvestigationExploitation.objects.filter(days("investigation__recorded_on", _whole(periods)))
    types = scoped(within, "investigation__organisation", c)

    def recorded(period: Period) -> Q:
        return days("investigation__recorded_on", period)

    row = types.aggregate(**_per_period(
        periods,
        criminal=lambda p: Count("investigation", distinct=True,
                                 filter=recorded(p) & Q(exploitation_type__in=CRIMINAL_TYPES)),
        drug_supply=lambda p: Count("investigation", distinct=True, filter=recorded(p) & _DRUG_SUPPLY),
        **{t.value: (lambda p, t=t: Count("pk", filter=recorded(p) & Q(exploitation_type=t.value)))
           for t in ExploitationType}))
    names = ["criminal", "drug_supply", *(t.value for t in ExploitationType)]
    return [{name: row[f"{name}_{i}"] for name in names} for i in range(len(periods))]


def exploitation_counts(c: Counting, period: Period) -> dict[str, int]:
    """Investigations recorded in the period under each type, criminal and drug supply: one query."""
    return _exploitation_rows(c, [period])[0]


def _exploitation_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    recorded = [figures["investigations.recorded"].value for figures in _investigation_group(c, periods)]
    found = []
    for counts, whole in zip(_exploitation_rows(c, periods), recorded, strict=True):
        criminal, county_lines = counts["criminal"], counts[ExploitationType.CRIMINAL_COUNTY_LINES.value]
        found.append({
            **_counts(investigations__criminal=criminal, investigations__drug_supply=counts["drug_supply"]),
            "investigations.criminal_share": _rate("investigations.criminal_share", criminal,
                                                   int(whole or 0)),
            "investigations.county_lines_share_of_criminal": _rate(
                "investigations.county_lines_share_of_criminal", county_lines, criminal)})
    return found


def _nationality_rows(c: Counting, periods: Sequence[Period], roles: Iterable[str]) -> list[dict[str, int]]:
    people = Involvement.objects.filter(days("investigation__recorded_on", _whole(periods)),
                                        role__in=list(roles))
    counts = _per_period(periods, n=lambda p: Count("pk", filter=days("investigation__recorded_on", p)))
    rows = scoped(people, "investigation__organisation", c).values("person__nationality").annotate(**counts)
    return [{row["person__nationality"]: row[f"n_{i}"] for row in rows if row[f"n_{i}"]}
            for i in range(len(periods))]


def nationality_counts(c: Counting, period: Period, roles: Iterable[str]) -> dict[str, int]:
    """People in these roles in investigations recorded in the period, by nationality ("" not known)."""
    return _nationality_rows(c, [period], roles)[0]


def _british_share(key: str, counts: dict[str, int]) -> Figure:
    known = sum(n for nationality, n in counts.items() if nationality)
    return _rate(key, counts.get(BRITISH, 0), known)


def _people_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    victims = _nationality_rows(c, periods, VICTIM_ROLES)
    suspects = _nationality_rows(c, periods, SUSPECT_ROLES)
    return [{"victims.british_share_of_known": _british_share("victims.british_share_of_known", v),
             "suspects.british_share_of_known": _british_share("suspects.british_share_of_known", s)}
            for v, s in zip(victims, suspects, strict=True)]


def child_victim_investigations(c: Counting, period: Period | Span) -> dict[int, date]:
    """The investigations recorded in the period with a victim who was a child that day: id -> day.

    Only victims with some fact about their age are fetched (a date of birth, an estimate, or a
    disputed age with reason to believe them a child); ``is_child`` decides.
    """
    facts = (Q(person__date_of_birth__isnull=False) | Q(person__estimated_age__isnull=False)
             | Q(person__age_disputed=True, person__reason_to_believe_child=True))
    rows = scoped(Involvement.objects.filter(days("investigation__recorded_on", period), facts,
                                             role__in=VICTIM_ROLES), "investigation__organisation", c)
    children: dict[int, date] = {}
    for investigation, recorded, born, estimate, disputed, believed in rows.values_list(
            "investigation_id", "investigation__recorded_on", "person__date_of_birth",
            "person__estimated_age", "person__age_disputed", "person__reason_to_believe_child"):
        if is_child(on=recorded, date_of_birth=born, estimated_age=estimate, age_disputed=disputed,
                    reason_to_believe_child=believed):
            children[investigation] = recorded
    return children


def _children_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    recorded = list(child_victim_investigations(c, _whole(periods)).values())
    return [_counts(investigations__involving_children=sum(1 for day in recorded if day in period))
            for period in periods]


def _referral_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    """NRM referrals (all, police, children) and duty-to-notify notices submitted: one query."""
    nrm = Q(route=Route.NRM_REFERRAL.value)
    # Made by the recording organisation itself, which is police: a place counts police
    # organisations only (``places.place_organisations``), so no join to their kind is needed.
    police = nrm & Q(first_responder__isnull=True)
    child = nrm & Q(age_answer=AgeAnswer.YES.value)
    notice = Q(route=Route.DUTY_TO_NOTIFY.value)
    submitted = Referral.objects.filter(moments("submitted_at", _whole(periods)),
                                        state=Referral.State.SUBMITTED)
    row = scoped(submitted, "organisation", c).aggregate(**_per_period(
        periods, referrals=lambda p: Count("pk", filter=moments("submitted_at", p) & nrm),
        police=lambda p: Count("pk", filter=moments("submitted_at", p) & police),
        children=lambda p: Count("pk", filter=moments("submitted_at", p) & child),
        notices=lambda p: Count("pk", filter=moments("submitted_at", p) & notice)))
    found = []
    for i in range(len(periods)):
        referrals, police_made, children = row[f"referrals_{i}"], row[f"police_{i}"], row[f"children_{i}"]
        found.append({**_counts(nrm__referrals=referrals, nrm__police_referrals=police_made,
                                nrm__duty_to_notify=row[f"notices_{i}"]),
                      "nrm.police_share": _rate("nrm.police_share", police_made, referrals),
                      "nrm.child_share": _rate("nrm.child_share", children, referrals)})
    return found


def first_cps_referrals(c: Counting, within: Period | Span) -> list[date]:
    """The day of each investigation's first CPS referral, for those whose first fell within: one query.

    The referrals up to the span's end are read (an investigation and a day each: a few thousand
    a year nationally) and the first per investigation taken here. Asked to group in SQL, SQLite
    walks every involvement to avoid sorting, ten times slower than reading the referrals.
    """
    referrals = scoped(CpsReferral.objects.filter(referred_on__lte=within.end),
                       "involvement__investigation__organisation", c)
    first: dict[int, date] = {}
    for investigation, referred in referrals.values_list("involvement__investigation_id", "referred_on"):
        if investigation not in first or referred < first[investigation]:
            first[investigation] = referred
    return [day for day in first.values() if within.start <= day <= within.end]


def _cps_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    firsts = first_cps_referrals(c, _whole(periods))
    return [_counts(cps__police_referrals=sum(1 for day in firsts if day in period)) for period in periods]


def _prosecution_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    """Charges, flagged defendants finalised and their convictions: one query."""
    flagged = Q(referral__modern_slavery_flagged=True)
    prosecutions = scoped(Prosecution.objects.all(), "referral__involvement__investigation__organisation", c)
    row = prosecutions.aggregate(**_per_period(
        periods, charged=lambda p: Count("pk", filter=days("charged_on", p)),
        flagged=lambda p: Count("pk", filter=flagged & days("verdict_on", p)),
        convicted=lambda p: Count("pk", filter=flagged & days("verdict_on", p) & Q(verdict__in=CONVICTED))))
    found = []
    for i in range(len(periods)):
        finalised, convicted = row[f"flagged_{i}"], row[f"convicted_{i}"]
        found.append({**_counts(justice__charges=row[f"charged_{i}"], cps__flagged_defendants=finalised,
                                cps__convictions=convicted),
                      "cps.conviction_rate": _rate("cps.conviction_rate", convicted, finalised)})
    return found


def _counted(queryset: QuerySet[Any], path: str, field: str, c: Counting,
             periods: Sequence[Period]) -> list[int]:
    """How many rows fall in each period by one date field: one query."""
    counts = _per_period(periods, n=lambda p: Count("pk", filter=days(field, p)))
    row = scoped(queryset, path, c).aggregate(**counts)
    return [row[f"n_{i}"] for i in range(len(periods))]


def _s45_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    considered = _counted(S45Consideration.objects.all(), "involvement__investigation__organisation",
                          "decided_on", c, periods)
    return [_counts(s45__considerations=n) for n in considered]


def _orders_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    granted = _counted(Order.objects.all(), "organisation", "granted_on", c, periods)
    breaches = _counted(OrderBreach.objects.all(), "order__organisation", "breached_on", c, periods)
    return [_counts(orders__granted=g, orders__breaches=b) for g, b in zip(granted, breaches, strict=True)]


def disruption_counts(c: Counting, period: Period) -> dict[str, int]:
    """Disruptions in the period, each once (``total``), untyped, and once per threat type: one query."""
    return scoped(Disruption.objects.filter(days("on", period)), "organisation", c).aggregate(
        total=Count("pk", distinct=True), untyped=Count("pk", filter=Q(threats__isnull=True)),
        **{t.value: Count("pk", distinct=True, filter=Q(threats__threat_type=t.value)) for t in ThreatType})


def _disruptions_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    disruptions = _counted(Disruption.objects.all(), "organisation", "on", c, periods)
    return [_counts(disruptions__total=n) for n in disruptions]


def _disclosures_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    approved = scoped(Disclosure.objects.filter(state=Disclosure.State.APPROVED),
                      "involvement__investigation__organisation", c)
    row = approved.aggregate(**_per_period(periods, n=lambda p: Count("pk", filter=moments("decided_at", p))))
    return [_counts(disclosures__immigration=row[f"n_{i}"]) for i in range(len(periods))]


def _victims_code_group(c: Counting, periods: Sequence[Period]) -> list[dict[str, Figure]]:
    updates = scoped(VictimUpdate.objects.all(), "involvement__investigation__organisation", c)
    row = updates.aggregate(**_per_period(
        periods, due=lambda p: Count("pk", filter=days("due_on", p)),
        on_time=lambda p: Count("pk", filter=days("due_on", p) & Q(given_on__lte=F("due_on")))))
    found = []
    for i in range(len(periods)):
        due, on_time = row[f"due_{i}"], row[f"on_time_{i}"]
        found.append({**_counts(victims_code__updates_due=due, victims_code__updates_on_time=on_time),
                      "victims_code.on_time_rate": _rate("victims_code.on_time_rate", on_time, due)})
    return found


_Group = Callable[[Counting, Sequence[Period]], list[dict[str, Figure]]]
_GROUPS: tuple[tuple[_Group, tuple[str, ...]], ...] = (
    (_live_group, ("investigations.live_monthly_average",)),
    (_investigation_group, ("investigations.recorded", "investigations.closed",
                            "investigations.closed_by_override")),
    (_exploitation_group, ("investigations.criminal", "investigations.drug_supply",
                           "investigations.criminal_share", "investigations.county_lines_share_of_criminal")),
    (_children_group, ("investigations.involving_children",)),
    (_people_group, ("victims.british_share_of_known", "suspects.british_share_of_known")),
    (_referral_group, ("nrm.referrals", "nrm.police_referrals", "nrm.police_share", "nrm.child_share",
                       "nrm.duty_to_notify")),
    (_cps_group, ("cps.police_referrals",)),
    (_prosecution_group, ("justice.charges", "cps.flagged_defendants", "cps.convictions",
                          "cps.conviction_rate")),
    (_s45_group, ("s45.considerations",)),
    (_orders_group, ("orders.granted", "orders.breaches")),
    (_disruptions_group, ("disruptions.total",)),
    (_disclosures_group, ("disclosures.immigration",)),
    (_victims_code_group, ("victims_code.updates_due", "victims_code.updates_on_time",
                           "victims_code.on_time_rate")),
)
FIGURE_KEYS: tuple[str, ...] = tuple(key for _, keys in _GROUPS for key in keys)


def figures_for_periods(c: Counting, periods: Sequence[Period],
                        keys: Iterable[str] | None = None) -> list[dict[str, Figure]]:
    """The single figures (every one, or those named) for each period, counted together.

    One query per group of figures answers every period at once (Table 1's two years, a
    dashboard's comparison), so asking for more periods costs more filters, not more scans.
    """
    wanted = list(FIGURE_KEYS if keys is None else keys)
    unknown = [k for k in wanted if k not in FIGURE_KEYS]
    if unknown:
        tables = [k for k in unknown if k in BY_KEY and BY_KEY[k].shape is Shape.TABLE]
        raise KeyError(f"Not single figures: {', '.join(unknown)}"
                       + (" (breakdowns: use figures_breakdowns.breakdown)" if tables else "") + ".")
    found: list[dict[str, Figure]] = [{} for _ in periods]
    if not periods:
        return found
    for group, keys_of_group in _GROUPS:
        if any(k in wanted for k in keys_of_group):
            for into, figures in zip(found, group(c, periods), strict=True):
                into.update(figures)
    return [{key: figures[key] for key in wanted} for figures in found]


def figures_for(c: Counting, period: Period, keys: Iterable[str] | None = None) -> dict[str, Figure]:
    """Every single figure (or those named) for the counted place and the period, keyed by metric key."""
    return figures_for_periods(c, [period], keys)[0]


def figure(c: Counting, period: Period, key: str) -> Figure:
    """One single figure."""
    return figures_for(c, period, [key])[key]
