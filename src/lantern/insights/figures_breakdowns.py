"""The breakdowns of the national picture, each a ``tables.Table``: one grouped query apiece.

``breakdown(c, period, key)`` for a metric whose shape is a table (``metrics``): outcomes by
outcome type, investigations by exploitation type, victims' and suspects' nationality, NRM
referrals by first responder type and age, s45 considerations and their results, orders by kind,
disruptions by threat type. A table's last row is marked as a total only when it is the sum of
the rows above it (what secondary suppression relies on); where a record counts under several
rows (an investigation with two exploitation types, a disruption touching three threats) the last
row counts each record once and a note says the rows add up to more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db.models import Count

from lantern.cases.models import Investigation
from lantern.cases.rules import ExploitationType, OutcomeType
from lantern.insights.figures import (
    SUSPECT_ROLES,
    VICTIM_ROLES,
    disruption_counts,
    exploitation_counts,
    nationality_counts,
)
from lantern.insights.figures_counting import Counting, days, moments, scoped
from lantern.insights.metrics import BY_KEY, FIRST_RESPONDER_TYPES, first_responder_type
from lantern.insights.periods import Period
from lantern.insights.tables import Cell, Row, Table
from lantern.justice.models import Order, OrderBreach, S45Consideration
from lantern.justice.rules.disruptions import ThreatType
from lantern.justice.rules.orders import OrderKind
from lantern.justice.rules.s45 import AgeGroup
from lantern.safeguarding.models import Referral
from lantern.safeguarding.rules.nrm import AgeAnswer, Route

NOT_YET_ASSIGNED = "Not yet assigned"
NOT_KNOWN = "Not known"


def table_key(key: str, c: Counting, period: Period) -> str:
    """A slug naming the table, its place and period: the download's file name, the chart's id."""
    return f"{key}-{c.place.code}-{period.code}".replace(".", "-").replace("_", "-").lower()


def metric_table(key: str, c: Counting, period: Period, *, columns: tuple[str, ...], rows: list[Row],
                 label_heading: str, total_row: bool = False, total_column: bool = False,
                 notes: tuple[str, ...] = ()) -> Table:
    """A table titled and described by the metric's definition, for this place and period."""
    metric = BY_KEY[key]
    return Table(key=table_key(key, c, period), title=f"{metric.title}, {c.place.name}, {period.label}",
                 columns=columns, rows=tuple(rows), label_heading=label_heading,
                 description=metric.definition, source=metric.source, total_row=total_row,
                 total_column=total_column, notes=notes + ((metric.limitation,) if metric.limitation else ()))


def _number(cell: Cell) -> int:
    return cell if isinstance(cell, int) else 0


def _with_total(rows: list[Row]) -> list[Row]:
    width = len(rows[0].values) if rows else 1
    totals = tuple(sum(_number(row.values[i]) for row in rows) for i in range(width))
    return [*rows, Row("Total", totals)]


def outcomes_by_type(c: Counting, period: Period) -> Table:
    recorded = scoped(Investigation.objects.filter(days("recorded_on", period)), "organisation", c)
    grouped = recorded.values("outcome_type").annotate(n=Count("pk"))
    counts = {row["outcome_type"]: row["n"] for row in grouped}
    rows = [Row(outcome.label, (counts.get(outcome.value, 0),)) for outcome in OutcomeType]
    rows.append(Row(NOT_YET_ASSIGNED, (counts.get("", 0),)))
    return metric_table("outcomes.by_type", c, period, columns=("Investigations",), rows=_with_total(rows),
                        label_heading="Outcome type", total_row=True,
                        notes=("Counted in the period the offence was recorded, whenever the outcome "
                               "was assigned.",))


def investigations_by_exploitation_type(c: Counting, period: Period) -> Table:
    counts = exploitation_counts(c, period)
    recorded = scoped(Investigation.objects.filter(days("recorded_on", period)), "organisation", c).count()
    rows = [Row(t.label, (counts[t.value],)) for t in ExploitationType]
    rows += [Row("Criminal exploitation (any type)", (counts["criminal"],)),
             Row("of which county lines and other drug supply", (counts["drug_supply"],)),
             Row("All investigations recorded (each once)", (recorded,))]
    return metric_table("investigations.by_exploitation_type", c, period, columns=("Investigations",),
                        rows=rows, label_heading="Exploitation type",
                        notes=("An investigation with several exploitation types counts under each, so "
                               "the rows add up to more than the investigations.",))


def _nationality_table(key: str, heading: str, counts: dict[str, int], c: Counting, period: Period) -> Table:
    known = sorted(((nationality, n) for nationality, n in counts.items() if nationality),
                   key=lambda item: (-item[1], item[0]))
    rows = [Row(nationality, (n,)) for nationality, n in known]
    rows.append(Row(NOT_KNOWN, (counts.get("", 0),)))
    return metric_table(key, c, period, columns=("People",), rows=_with_total(rows), label_heading=heading,
                        total_row=True)


def victims_by_nationality(c: Counting, period: Period) -> Table:
    return _nationality_table("victims.by_nationality", "Nationality of victims",
                              nationality_counts(c, period, VICTIM_ROLES), c, period)


def suspects_by_nationality(c: Counting, period: Period) -> Table:
    return _nationality_table("suspects.by_nationality", "Nationality of suspects",
                              nationality_counts(c, period, SUSPECT_ROLES), c, period)


_AGE_COLUMNS = ((AgeAnswer.YES.value, "Under 18"), (AgeAnswer.NO.value, "18 or over"),
                (AgeAnswer.NOT_SURE.value, "Age not known"))


def referrals_by_first_responder(c: Counting, period: Period) -> Table:
    submitted = Referral.objects.filter(moments("submitted_at", period), state=Referral.State.SUBMITTED,
                                        route=Route.NRM_REFERRAL.value)
    referrals = scoped(submitted, "organisation", c)
    counts: Counter[tuple[str, str]] = Counter()
    for row in referrals.values("first_responder__kind", "first_responder__partner_type", "age_answer") \
            .annotate(n=Count("pk")):
        kind = first_responder_type(row["first_responder__kind"], row["first_responder__partner_type"])
        counts[(kind, row["age_answer"])] += row["n"]
    rows = []
    for kind in FIRST_RESPONDER_TYPES:
        by_age = [counts[(kind, answer)] for answer, _ in _AGE_COLUMNS]
        rows.append(Row(kind, (*by_age, sum(by_age))))
    return metric_table("nrm.by_first_responder", c, period,
                        columns=(*(heading for _, heading in _AGE_COLUMNS), "All ages"),
                        rows=_with_total(rows),
                        label_heading="First responder type", total_row=True, total_column=True)


_S45_RESULTS = ((True, False, "Defence applies: offence not pursued"),
                (True, True, "Defence applies: offence pursued"),
                (False, True, "Defence does not apply: offence pursued"),
                (False, False, "Defence does not apply: offence not pursued"))


def s45_results(c: Counting, period: Period) -> Table:
    considered = scoped(S45Consideration.objects.filter(days("decided_on", period)),
                        "involvement__investigation__organisation", c)
    grouped = considered.values("defence_applies", "offence_pursued", "age_group").annotate(n=Count("pk"))
    counts = {(r["defence_applies"], r["offence_pursued"], r["age_group"]): r["n"] for r in grouped}
    ages = (AgeGroup.ADULT, AgeGroup.UNDER_18)
    rows = []
    for applies, pursued, label in _S45_RESULTS:
        by_age = [counts.get((applies, pursued, age.value), 0) for age in ages]
        rows.append(Row(label, (*by_age, sum(by_age))))
    return metric_table("s45.results", c, period, columns=("18 or over", "Under 18", "All"),
                        rows=_with_total(rows), label_heading="Result", total_row=True, total_column=True,
                        notes=("Age when the person did the act (s45(1) for adults, s45(4) for children).",))


def orders_by_kind(c: Counting, period: Period) -> Table:
    orders = scoped(Order.objects.all(), "organisation", c).values("kind").annotate(
        applied=Count("pk", filter=days("applied_on", period)),
        granted=Count("pk", filter=days("granted_on", period)))
    by_kind = {row["kind"]: (row["applied"], row["granted"]) for row in orders}
    breaches = {row["order__kind"]: row["n"] for row in
                scoped(OrderBreach.objects.filter(days("breached_on", period)), "order__organisation", c)
                .values("order__kind").annotate(n=Count("pk"))}
    rows = [Row(kind.label, (*by_kind.get(kind.value, (0, 0)), breaches.get(kind.value, 0)))
            for kind in OrderKind]
    return metric_table("orders.by_kind", c, period, columns=("Applied for", "Granted", "Breaches"),
                        rows=_with_total(rows), label_heading="Order", total_row=True)


def disruptions_by_threat(c: Counting, period: Period) -> Table:
    counts = disruption_counts(c, period)
    rows = [Row(threat.label, (counts[threat.value],)) for threat in ThreatType]
    if counts["untyped"]:
        rows.append(Row("No threat type recorded", (counts["untyped"],)))
    rows.append(Row("All disruptions (each once)", (counts["total"],)))
    return metric_table("disruptions.by_threat", c, period, columns=("Disruptions",), rows=rows,
                        label_heading="Threat type",
                        notes=("A disruption touching several threat types counts under each, so the rows "
                               "add up to more than the disruptions.",))


BREAKDOWNS: dict[str, Callable[[Counting, Period], Table]] = {
    "outcomes.by_type": outcomes_by_type,
    "investigations.by_exploitation_type": investigations_by_exploitation_type,
    "victims.by_nationality": victims_by_nationality,
    "suspects.by_nationality": suspects_by_nationality,
    "nrm.by_first_responder": referrals_by_first_responder,
    "s45.results": s45_results,
    "orders.by_kind": orders_by_kind,
    "disruptions.by_threat": disruptions_by_threat,
}


def breakdown(c: Counting, period: Period, key: str) -> Table:
    """The breakdown ``key`` (a table-shaped metric) for the counted place and the period."""
    try:
        build = BREAKDOWNS[key]
    except KeyError:
        raise KeyError(f"No breakdown {key!r}: choose one of {', '.join(BREAKDOWNS)}.") from None
    return build(c, period)

