"""Every justice read, always given the user, scoped by ``lantern.access``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require, visible
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases.models import Investigation, Involvement
from lantern.justice.models import (
    CpsReferral,
    Disruption,
    Order,
    OrderBreach,
    Prosecution,
    S45Consideration,
)
from lantern.justice.rules.prosecution import NonConvictionReason, Verdict, conviction_rate
from lantern.justice.rules.s45 import AgeGroup
from lantern.justice.services.s45 import is_due


@dataclass(frozen=True)
class SuspectJustice:
    involvement: Involvement
    s45_due: bool
    considerations: list[S45Consideration]
    referrals: list[CpsReferral]


def investigation_justice(*, user: User, investigation: Investigation) -> list[SuspectJustice]:
    """For each suspect in an investigation the user may see: the s45 position and the CPS path."""
    require(user, Capability.SEE_CASES)
    suspects = [inv for inv in investigation.involvements.all() if inv.role_enum.is_suspect]
    considerations = visible(user, S45Consideration.objects.filter(involvement__in=suspects),
                             Capability.SEE_CASES).select_related("exploiter_crime", "decided_by")
    referrals = visible(user, CpsReferral.objects.filter(involvement__in=suspects),
                        Capability.SEE_CASES).select_related("prosecution")
    return [SuspectJustice(
        involvement=inv, s45_due=is_due(inv),
        considerations=[c for c in considerations if c.involvement_id == inv.pk],
        referrals=[r for r in referrals if r.involvement_id == inv.pk]) for inv in suspects]


def order_register(*, user: User) -> QuerySet[Order]:
    """The force's orders, for its register. A consultation of the subjects' records."""
    require(user, Capability.SEE_CASES)
    orders = visible(user, Order.objects.select_related("subject", "managing_officer"), Capability.SEE_CASES)
    event_record(action=Action.CONSULTATION, actor=user, object_type="justice.order_register",
                 detail={"orders_shown": orders.count()})
    return orders


def order_get(*, user: User, order_id: int) -> Order:
    require(user, Capability.SEE_CASES)
    order = get_visible(user, Order.objects.select_related("subject", "managing_officer", "investigation")
                        .prefetch_related("breaches__crime"), Capability.SEE_CASES, pk=order_id)
    event_record(action=Action.CONSULTATION, actor=user, obj=order.subject, detail={"order": order.pk})
    return order


@dataclass(frozen=True)
class NationalOrderRow:
    organisation: str
    kind: str
    state: str
    orders: int
    breaches: int


def national_orders(*, user: User) -> list[NationalOrderRow]:
    """Orders in every force, counted by kind and state: no names (seed 002 §12.3: only 16 forces
    had a structure to record and manage orders)."""
    require(user, Capability.SEE_NATIONAL_PICTURE)
    rows = (Order.objects.values("organisation__name", "kind", "state")
            .annotate(orders=Count("pk", distinct=True), breach_count=Count("breaches"))
            .order_by("organisation__name", "kind", "state"))
    return [NationalOrderRow(r["organisation__name"], r["kind"], r["state"], r["orders"], r["breach_count"])
            for r in rows]


def disruptions_list(*, user: User) -> QuerySet[Disruption]:
    require(user, Capability.SEE_CASES)
    return visible(user, Disruption.objects.select_related("group", "investigation", "recorded_by")
                   .prefetch_related("threats"), Capability.SEE_CASES)


@dataclass(frozen=True)
class JusticeFigures:
    """The force's justice counts: what the seeds found nobody could count (DOMAIN.md 7, 9-11)."""

    s45_considerations: int
    s45_defence_applies: int
    s45_under_18: int
    exploiter_crimes_recorded: int
    cps_referrals: int
    modern_slavery_flagged: int
    charged: int
    convicted: int
    not_convicted: int
    not_convicted_victim_issues: int
    conviction_rate: float | None
    orders_granted: int
    order_breaches: int


def justice_figures(*, user: User) -> JusticeFigures:
    """Counted in SQL over the user's own force's records; no personal data."""
    require(user, Capability.SEE_CASES)
    considerations = visible(user, S45Consideration.objects.all(), Capability.SEE_CASES)
    referrals = visible(user, CpsReferral.objects.all(), Capability.SEE_CASES)
    prosecutions = visible(user, Prosecution.objects.exclude(verdict=""), Capability.SEE_CASES)
    convicted = prosecutions.filter(verdict__in=[v.value for v in Verdict if v.is_conviction]).count()
    finished = prosecutions.count()
    not_convicted = prosecutions.exclude(verdict__in=[v.value for v in Verdict if v.is_conviction])
    victim_reasons = [r.value for r in NonConvictionReason if r.victim_issue]
    orders = visible(user, Order.objects.all(), Capability.SEE_CASES)
    return JusticeFigures(
        s45_considerations=considerations.count(),
        s45_defence_applies=considerations.filter(defence_applies=True).count(),
        s45_under_18=considerations.filter(age_group=AgeGroup.UNDER_18.value).count(),
        exploiter_crimes_recorded=considerations.filter(exploiter_crime__isnull=False).count(),
        cps_referrals=referrals.count(),
        modern_slavery_flagged=referrals.filter(modern_slavery_flagged=True).count(),
        charged=visible(user, Prosecution.objects.all(), Capability.SEE_CASES).count(),
        convicted=convicted,
        not_convicted=not_convicted.count(),
        not_convicted_victim_issues=not_convicted.filter(non_conviction_reason__in=victim_reasons).count(),
        conviction_rate=conviction_rate(convicted, finished),
        orders_granted=orders.filter(granted_on__isnull=False).count(),
        order_breaches=visible(user, OrderBreach.objects.all(), Capability.SEE_CASES).count(),
    )
