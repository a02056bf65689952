"""Prevention and risk orders: applied for, granted or refused, managed, reviewed, breached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from lantern.access.rules import Capability
from lantern.access.scope import get_visible, require, visible
from lantern.accounts.models import User
from lantern.audit.rules import Action
from lantern.audit.services import event_record
from lantern.cases import services as cases
from lantern.cases.models import Investigation, Person
from lantern.cases.rules import ExploitationType, InvolvementRole, Offence
from lantern.justice.models import Order, OrderBreach, Prosecution
from lantern.justice.rules.orders import (
    OrderKind,
    OrderState,
    breach_problems,
    order_problems,
    reviews_due,
)
from lantern.justice.rules.prosecution import Verdict, is_conviction
from lantern.justice.services.common import JusticeRefused, today
from lantern.problems import version_check


def _has_conviction(person: Person) -> bool:
    """Convicted of an offence in one of Lantern's prosecutions (as a relevant offender, s16)."""
    verdicts = Prosecution.objects.filter(referral__involvement__person=person).values_list(
        "verdict", flat=True)
    return any(is_conviction(Verdict(v)) for v in verdicts if v)


@transaction.atomic
def order_apply(*, user: User, subject_id: int, kind: OrderKind, applied_on: date,
                managing_officer_id: int, investigation_id: int | None = None,
                relevant_offender: bool = False) -> Order:
    """Record an application for an order on a person, with the officer who will manage it.

    ``relevant_offender`` records a conviction or caution Lantern does not hold (an older case,
    or abroad); one in Lantern's own prosecutions counts without it.
    """
    require(user, Capability.WORK_CASES)
    subject = get_visible(user, Person.objects.all(), Capability.WORK_CASES, pk=subject_id)
    officer = get_visible(user, User.objects.filter(is_active=True), Capability.SEE_COLLEAGUES,
                          pk=managing_officer_id)
    if investigation_id is not None:
        get_visible(user, Investigation.objects.all(), Capability.WORK_CASES, pk=investigation_id)
    problems = [p for p in order_problems(
        kind=kind, applied_on=applied_on, granted_on=None, starts_on=None, ends_on=None, review_on=None,
        prohibitions=(), has_conviction=relevant_offender or _has_conviction(subject))]
    if applied_on > today():
        problems.append("The application date must be today or in the past.")
    JusticeRefused.unless_empty(problems)
    order = Order.objects.create(organisation=user.organisation, subject=subject, kind=kind.value,
                                 applied_on=applied_on, managing_officer=officer,
                                 investigation_id=investigation_id)
    event_record(action=Action.ALTERATION, actor=user, obj=subject,
                 detail={"fields": ["orders"], "order": order.pk, "kind": kind.value})
    return order


def _order_for_update(user: User, order_id: int) -> Order:
    require(user, Capability.WORK_CASES)
    return get_visible(user, Order.objects.select_for_update().select_related("subject"),
                       Capability.WORK_CASES, pk=order_id)


@transaction.atomic
def order_grant(*, user: User, order_id: int, version: int, granted_on: date, starts_on: date,
                ends_on: date | None, review_on: date, prohibitions: Sequence[str], court: str = "",
                notification_requirements: str = "", relevant_offender: bool = False) -> Order:
    """The court made the order: its prohibitions, dates and review."""
    order = _order_for_update(user, order_id)
    version_check(order, version, "This order")
    if order.state != OrderState.APPLIED.value:
        raise JusticeRefused(f"This order is {order.get_state_display().lower()}, not awaiting the court.")
    kept = [p.strip() for p in prohibitions if p.strip()]
    problems = order_problems(kind=OrderKind(order.kind), applied_on=order.applied_on, granted_on=granted_on,
                              starts_on=starts_on, ends_on=ends_on, review_on=review_on, prohibitions=kept,
                              has_conviction=relevant_offender or _has_conviction(order.subject))
    if granted_on > today():
        problems.append("The date the court made the order must be today or in the past.")
    JusticeRefused.unless_empty(problems)
    order.state = OrderState.GRANTED.value
    order.granted_on, order.starts_on = granted_on, starts_on
    order.ends_on, order.review_on = ends_on, review_on
    order.prohibitions, order.court = kept, court
    order.notification_requirements = notification_requirements
    order.save()
    event_record(action=Action.ALTERATION, actor=user, obj=order.subject,
                 detail={"fields": ["orders"], "order": order.pk, "state": "granted"})
    return order


@transaction.atomic
def order_refuse(*, user: User, order_id: int, version: int, reason: str) -> Order:
    order = _order_for_update(user, order_id)
    version_check(order, version, "This order")
    if order.state != OrderState.APPLIED.value:
        raise JusticeRefused(f"This order is {order.get_state_display().lower()}, not awaiting the court.")
    if not reason.strip():
        raise JusticeRefused("Give the court's reason for refusing the order.")
    order.state, order.refusal_reason = OrderState.REFUSED.value, reason
    order.save()
    event_record(action=Action.ALTERATION, actor=user, obj=order.subject,
                 detail={"fields": ["orders"], "order": order.pk, "state": "refused"})
    return order


@transaction.atomic
def order_breach_record(*, user: User, order_id: int, breached_on: date, description: str) -> OrderBreach:
    """A breach is an offence (MSA 2015 s30): recorded as its own crime, linked to the order."""
    order = _order_for_update(user, order_id)
    problems = breach_problems(order_state=OrderState(order.state), order_starts_on=order.starts_on,
                               order_ends_on=order.ends_on, breach_on=breached_on)
    if breached_on > today():
        problems.append("The date of the breach must be today or in the past.")
    if not description.strip():
        problems.append("Describe what the person did that breached the order.")
    JusticeRefused.unless_empty(problems)
    crime = cases.investigation_record(
        user=user, crime_reference=f"S30-{order.pk:05d}-{order.breaches.count() + 1}",
        recorded_on=today(), offences=[Offence.MSA_S30], exploitation_types=_types_of(order),
        summary=f"Breach of {order}: {description}")
    cases.involvement_add(user=user, investigation_id=crime.pk, person_id=order.subject_id,
                          role=InvolvementRole.SUSPECT)
    breach = OrderBreach.objects.create(order=order, breached_on=breached_on, description=description,
                                        crime=crime, recorded_by=user)
    event_record(action=Action.ALTERATION, actor=user, obj=order.subject,
                 detail={"fields": ["order_breaches"], "order": order.pk, "crime": crime.pk})
    return breach


def _types_of(order: Order) -> list[ExploitationType]:
    if order.investigation is None:
        return []
    return [ExploitationType(e) for e in
            order.investigation.exploitation_types.values_list("exploitation_type", flat=True)]


@dataclass(frozen=True)
class OrderTask:
    order: Order
    due: list[str]


def order_tasks(*, user: User, on: date | None = None) -> list[OrderTask]:
    """Granted orders this officer manages with a review or expiry due: for their task list."""
    if not (user.is_authenticated and user.is_active):
        return []
    day = on or today()
    granted = visible(user, Order.objects.filter(state=OrderState.GRANTED.value, managing_officer=user),
                      Capability.SEE_CASES).select_related("subject")
    tasks = [OrderTask(order, reviews_due(day, order.review_on, order.ends_on)) for order in granted]
    due = [task for task in tasks if task.due]
    # The list names the orders' subjects: a consultation of their records.
    event_record(action=Action.CONSULTATION, actor=user, object_type="justice.order_tasks",
                 detail={"orders_shown": len(due)})
    return due
