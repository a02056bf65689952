"""A force's published NRM referrals beside the referrals Lantern holds, for the force to reconcile.

For one force and quarter: the Home Office's police first responder table (the force's rows)
against the NRM referrals Lantern holds that the force made as first responder and submitted in
that quarter, counted as ``synth.figures`` counts "police referrals": route NRM referral (not a
duty-to-notify notice), state submitted, by the submission's local date, recorded by the force
and not passed to it by another first responder. Compared by exploitation type (the statistics'
combinations: a referral of sexual and criminal exploitation is "Sexual & Criminal"), age group
(the form's "under 18?" answer against the statistics' age at exploitation; "not sure" is "not
specified") and nationality (both sides in the NRM form's words, British first). Each row gives
the difference (held minus published) and says whether they differ.

Differences are expected and are the point: the statistics count referrals the Single Competent
Authority received in the quarter, Lantern the ones the force submitted; a referral made on paper,
one with the wrong first responder, or one recorded late all show here for someone to look at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, Sum
from django.utils import timezone

from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.insights.models import PublishedFigure
from lantern.insights.published import TOTAL, AgeGroup
from lantern.insights.published_labels import (
    AGE_GROUP_LABELS,
    AGE_GROUP_OF_ANSWER,
    exploitation_label,
    held_nationality,
    nationality_label,
    published_nationality,
)
from lantern.insights.published_queries import POLICE_TABLE, SOURCE, force_readable, leaves, period_label
from lantern.insights.tables import Row, Table
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import Route

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lantern.accounts.models import Organisation, User

_AGE_ORDER = (AgeGroup.ADULT.value, AgeGroup.CHILD.value, AgeGroup.NOT_SPECIFIED.value)


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    published: int | None  # None: no published table for the quarter is held
    held: int

    @property
    def difference(self) -> int | None:
        """Held minus published: positive when Lantern holds more than the Home Office published."""
        return None if self.published is None else self.held - self.published

    @property
    def differs(self) -> bool:
        return self.published is not None and self.held != self.published


@dataclass(frozen=True)
class Comparison:
    """One dimension's rows, largest first, and the totals (the published one from its Total row)."""

    key: str
    heading: str
    rows: tuple[ComparisonRow, ...]
    total: ComparisonRow

    @property
    def differing(self) -> tuple[ComparisonRow, ...]:
        return tuple(row for row in (*self.rows, self.total) if row.differs)


@dataclass(frozen=True)
class Reconciliation:
    force: str  # organisation code
    force_name: str
    year: int
    quarter: int
    published_held: bool
    total: ComparisonRow
    by_exploitation_type: Comparison
    by_age_group: Comparison
    by_nationality: Comparison

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        return (self.by_exploitation_type, self.by_age_group, self.by_nationality)

    @property
    def differs(self) -> bool:
        return any(c.differing for c in self.comparisons)

    def tables(self) -> tuple[Table, ...]:
        """Each comparison as a ``Table``: published, held, difference; the rows that differ in its notes."""
        return tuple(self._table(c) for c in self.comparisons)

    def _table(self, comparison: Comparison) -> Table:
        period = period_label(self.year, self.quarter)
        notes = tuple(f"Differs: {row.label} (published {row.published}, held {row.held})"
                      for row in comparison.differing)
        if not self.published_held:
            notes = (f"No published police first responder table for {period} has been imported.",)
        return Table(
            key=f"reconcile-{self.force}-{self.year}-q{self.quarter}-{comparison.key}",
            title=f"{self.force_name}, {period}: NRM referrals published and held, "
                  f"by {comparison.heading.lower()}",
            columns=("Published", "Held in Lantern", "Difference"), label_heading=comparison.heading,
            rows=tuple(Row(r.label, (r.published, r.held, r.difference))
                       for r in (*comparison.rows, comparison.total)),
            description=f"NRM referrals with {self.force_name} as first responder in {period}: the Home "
                        "Office's published figure, the number Lantern holds, and held minus published.",
            source=SOURCE, total_row=True, notes=notes)


def force_quarter_reconcile(*, user: User, force: str, year: int, quarter: int) -> Reconciliation:
    """The force's published referrals for a quarter beside the NRM referrals Lantern holds for it."""
    if not 1 <= quarter <= 4:
        raise ValueError("A quarter is 1 to 4.")
    organisation = force_readable(user, force)
    figures = PublishedFigure.objects.filter(table=POLICE_TABLE, organisation_code=organisation.code,
                                             year=year, quarter=quarter)
    grand = figures.filter(exploitation_type=TOTAL, age_group=TOTAL, gender=TOTAL, nationality=TOTAL).first()
    published_held = grand is not None
    held = list(_held_referrals(organisation, year, quarter)
                .values_list("exploitation_types", "age_answer", "nationality", "second_nationality"))
    total = ComparisonRow("Total", grand.count if grand is not None else None, len(held))

    published_exploitation = _published_by(figures, "exploitation_type")
    published_age = _published_by(figures, "age_group")
    published_nationality_counts: Counter[str] = Counter()
    for label, count in _published_by(figures, "nationality").items():
        published_nationality_counts[nationality_label(published_nationality(label))] += count
    held_exploitation = Counter(exploitation_label(types or ()) for types, _, _, _ in held)
    held_age = Counter(AGE_GROUP_OF_ANSWER.get(age, AgeGroup.NOT_SPECIFIED).value for _, age, _, _ in held)
    held_nationality_counts = Counter(nationality_label(held_nationality(first, second))
                                      for _, _, first, second in held)

    reconciliation = Reconciliation(
        force=organisation.code, force_name=organisation.name, year=year, quarter=quarter,
        published_held=published_held, total=total,
        by_exploitation_type=_compare("exploitation-type", "Exploitation type", published_exploitation,
                                      held_exploitation, total, published_held),
        by_age_group=_compare("age-group", "Age group", published_age, held_age, total, published_held,
                              order=_AGE_ORDER, labels=AGE_GROUP_LABELS),
        by_nationality=_compare("nationality", "Nationality", published_nationality_counts,
                                held_nationality_counts, total, published_held))
    event_record(action=Action.CONSULTATION, actor=user, object_type="insights.reconcile",
                 object_id=f"{organisation.code}:{year}-Q{quarter}",
                 detail={"force": organisation.code, "period": period_label(year, quarter),
                         "referrals_counted": len(held), "differs": reconciliation.differs})
    return reconciliation


def _held_referrals(organisation: Organisation, year: int, quarter: int) -> QuerySet[Referral]:
    """The force's submitted NRM referrals as first responder in the quarter (local time).

    ``force_readable`` has already asked ``lantern.access`` whether the user may count this
    force's records (the national unit any force's, a region's coordinator its forces', a force's
    own people their own), and only counts leave here, so the count is the same whoever may ask:
    the dashboards keep it for everyone who may (``figures_cache``).
    """
    start = timezone.make_aware(datetime(year, 3 * quarter - 2, 1))
    end = timezone.make_aware(datetime(year + quarter // 4, 3 * quarter % 12 + 1, 1))
    return Referral.objects.filter(
        Q(first_responder__isnull=True) | Q(first_responder=organisation),
        organisation=organisation, route=Route.NRM_REFERRAL.value, state=Referral.State.SUBMITTED,
        submitted_at__gte=start, submitted_at__lt=end)


def _published_by(figures: QuerySet[PublishedFigure], dimension: str) -> Counter[str]:
    return Counter({row[dimension]: row["n"] for row in
                    leaves(figures).values(dimension).annotate(n=Sum("count")).order_by()})


def _compare(key: str, heading: str, published: Counter[str], held: Counter[str], total: ComparisonRow,
             published_held: bool, *, order: tuple[str, ...] = (),
             labels: Mapping[str, str] | None = None) -> Comparison:
    values = set(published) | set(held)
    if order:
        ordered = [v for v in order if v in values] + sorted(values - set(order))
    else:
        ordered = sorted(values, key=lambda v: (-max(published[v], held[v]), v))
    names = labels or {}
    rows = tuple(ComparisonRow(names.get(v, v), published[v] if published_held else None, held[v])
                 for v in ordered)
    return Comparison(key, heading, rows, total)
